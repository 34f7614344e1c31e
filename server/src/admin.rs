//! Staff form posts: the review queue, producers and their accounts, staff accounts.
//! Each handler checks the role itself; the store checks it again.

use axum::extract::{Path, Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::post;
use axum::Router;

use app::error::AppError;
use app::model::account::{Role, Viewer};
use app::model::form::{text, FormEcho};
use app::model::profile::{LegalFacts, Profile};
use app::store::accounts::{self, NewAccount};
use app::store::{listings, producer_records, sessions};

use crate::forms::{answer, answer_action, read_form, render_again, see_other, Submission};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/reviews/{id}/approve", post(approve))
        .route("/admin/reviews/{id}", post(reject))
        .route("/admin/producers/new", post(create_producer))
        .route("/admin/producers/{id}", post(update_producer))
        .route(
            "/admin/producers/{id}/accounts",
            post(create_producer_account),
        )
        .route("/admin/staff", post(create_staff_account))
        .route("/admin/accounts/{id}/password-link", post(password_link))
        .route("/admin/accounts/{id}/deactivate", post(deactivate))
        .route("/admin/accounts/{id}/activate", post(activate))
        .route("/admin/accounts/{id}/end-sessions", post(end_sessions))
}

fn staff(submission: &Submission) -> Result<Viewer, AppError> {
    let viewer = submission.viewer()?;
    viewer.require_staff()?;
    Ok(viewer)
}

async fn approve(State(state): State<AppState>, Path(id): Path<i64>, request: Request) -> Response {
    let submission = read_form!(request);
    let outcome = async {
        listings::approve(&state.writer, &staff(&submission)?, id).await?;
        Ok("/admin/reviews?da-duyet".to_owned())
    }
    .await;
    answer_action(submission, outcome)
}

async fn reject(State(state): State<AppState>, Path(id): Path<i64>, request: Request) -> Response {
    let submission = read_form!(request);
    let outcome = async {
        listings::reject(
            &state.writer,
            &staff(&submission)?,
            id,
            &text(&submission.fields, "reason"),
        )
        .await?;
        Ok("/admin/reviews?da-tu-choi".to_owned())
    }
    .await;
    answer(&state, submission, outcome).await
}

async fn create_producer(State(state): State<AppState>, request: Request) -> Response {
    let submission = read_form!(request);
    let outcome = async {
        let viewer = staff(&submission)?;
        let (profile, legal) = read_producer(&submission)?;
        let id = producer_records::create(&state.writer, &viewer, &profile, &legal).await?;
        Ok(format!("/admin/producers/{id}?da-tao"))
    }
    .await;
    answer(&state, submission, outcome).await
}

/// Both parts of the producer form, with the problems of both at once.
fn read_producer(submission: &Submission) -> Result<(Profile, LegalFacts), AppError> {
    match (
        Profile::from_form(&submission.fields),
        LegalFacts::from_form(&submission.fields),
    ) {
        (Ok(profile), Ok(legal)) => Ok((profile, legal)),
        (Err(AppError::Invalid(mut a)), Err(AppError::Invalid(b))) => {
            a.extend(b);
            Err(AppError::Invalid(a))
        }
        (Err(error), _) | (_, Err(error)) => Err(error),
    }
}

async fn update_producer(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    request: Request,
) -> Response {
    let submission = read_form!(request);
    let outcome = async {
        let viewer = staff(&submission)?;
        let (profile, legal) = read_producer(&submission)?;
        let active = submission.fields.contains_key("active");
        producer_records::update_all(&state.writer, &viewer, id, &profile, &legal, active).await?;
        Ok(format!("/admin/producers/{id}?da-luu"))
    }
    .await;
    answer(&state, submission, outcome).await
}

/// Issues a set-password link for the account: emailed when mail is configured, otherwise
/// shown once on the page the staff member came from.
async fn issue_link(
    state: &AppState,
    submission: Submission,
    viewer: &Viewer,
    user_id: i64,
    back: String,
) -> Response {
    let mail = state
        .site
        .mail_enabled
        .then_some(state.site.public_url.0.as_str());
    match accounts::issue_password_link(&state.writer, Some(viewer.user_id), user_id, mail).await {
        Ok(_) if mail.is_some() => see_other(&format!("{back}?da-gui-lien-ket")),
        Ok(secret) => {
            let parts = submission.shown_at(&back).parts;
            let echo = FormEcho {
                issued_link: Some(
                    state
                        .site
                        .public_url
                        .join(&format!("/set-password/{secret}")),
                ),
                ..FormEcho::default()
            };
            render_again(state, parts, echo, StatusCode::OK).await
        }
        Err(error) => answer_action(submission, Err(error)),
    }
}

async fn create_producer_account(
    State(state): State<AppState>,
    Path(producer_id): Path<i64>,
    request: Request,
) -> Response {
    let submission = read_form!(request);
    let created = async {
        let viewer = staff(&submission)?;
        let account = NewAccount {
            email: text(&submission.fields, "account_email"),
            display_name: text(&submission.fields, "account_name"),
            role: Role::Producer,
            producer_id: Some(producer_id),
        };
        let user_id = accounts::create(&state.writer, Some(viewer.user_id), &account).await?;
        Ok((viewer, user_id))
    }
    .await;
    let page = format!("/admin/producers/{producer_id}");
    match created {
        Ok((viewer, user_id)) => issue_link(&state, submission, &viewer, user_id, page).await,
        // Shown again on the producer's page, where the form is.
        Err(error) => answer(&state, submission.shown_at(&page), Err(error)).await,
    }
}

async fn create_staff_account(State(state): State<AppState>, request: Request) -> Response {
    let submission = read_form!(request);
    let created = async {
        let viewer = submission.viewer()?;
        viewer.require_admin()?;
        let role = match text(&submission.fields, "role").as_str() {
            "admin" => Role::Admin,
            _ => Role::Staff,
        };
        let account = NewAccount {
            email: text(&submission.fields, "account_email"),
            display_name: text(&submission.fields, "account_name"),
            role,
            producer_id: None,
        };
        let user_id = accounts::create(&state.writer, Some(viewer.user_id), &account).await?;
        Ok((viewer, user_id))
    }
    .await;
    match created {
        Ok((viewer, user_id)) => {
            issue_link(
                &state,
                submission,
                &viewer,
                user_id,
                "/admin/staff".to_owned(),
            )
            .await
        }
        Err(error) => answer(&state, submission, Err(error)).await,
    }
}

/// Where an account is managed: its producer's page, or the staff page.
async fn account_page(state: &AppState, user_id: i64) -> Result<String, AppError> {
    Ok(match accounts::producer_of(&state.pool, user_id).await? {
        Some(producer_id) => format!("/admin/producers/{producer_id}"),
        None => "/admin/staff".to_owned(),
    })
}

async fn managed(
    state: &AppState,
    submission: &Submission,
    user_id: i64,
) -> Result<(Viewer, String), AppError> {
    let viewer = submission.viewer()?;
    accounts::authorize_management(&state.pool, &viewer, user_id).await?;
    Ok((viewer, account_page(state, user_id).await?))
}

async fn password_link(
    State(state): State<AppState>,
    Path(user_id): Path<i64>,
    request: Request,
) -> Response {
    let submission = read_form!(request);
    match managed(&state, &submission, user_id).await {
        Ok((viewer, back)) => issue_link(&state, submission, &viewer, user_id, back).await,
        Err(error) => answer_action(submission, Err(error)),
    }
}

async fn set_active(state: AppState, user_id: i64, request: Request, active: bool) -> Response {
    let submission = read_form!(request);
    let outcome = async {
        let (viewer, back) = managed(&state, &submission, user_id).await?;
        if viewer.user_id == user_id {
            return Err(AppError::Forbidden);
        }
        accounts::set_active(&state.writer, viewer.user_id, user_id, active).await?;
        Ok(back)
    }
    .await;
    answer_action(submission, outcome)
}

async fn deactivate(
    State(state): State<AppState>,
    Path(user_id): Path<i64>,
    request: Request,
) -> Response {
    set_active(state, user_id, request, false).await
}

async fn activate(
    State(state): State<AppState>,
    Path(user_id): Path<i64>,
    request: Request,
) -> Response {
    set_active(state, user_id, request, true).await
}

async fn end_sessions(
    State(state): State<AppState>,
    Path(user_id): Path<i64>,
    request: Request,
) -> Response {
    let submission = read_form!(request);
    let outcome = async {
        let (viewer, back) = managed(&state, &submission, user_id).await?;
        let mut tx = state.writer.begin().await?;
        sessions::end_all(&mut tx, viewer.user_id, user_id).await?;
        tx.commit().await?;
        Ok(back)
    }
    .await;
    answer_action(submission, outcome)
}
