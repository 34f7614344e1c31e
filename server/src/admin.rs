//! Staff form posts: the review queue, producers and their accounts, staff accounts. Each
//! handler's signature says who may call it (`Staff` or `Admin`, see `app::auth`).

use std::collections::HashMap;

use axum::extract::{Path, Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::post;
use axum::Router;

use app::auth::{Admin, Staff};
use app::error::AppError;
use app::model::account::Role;
use app::model::form::{checked_ids, text, FormEcho};
use app::model::ids::{ProducerId, UserId};
use app::model::notice::Notice;
use app::model::profile::{LegalFacts, Profile};
use app::paths::{self, admin::pattern};
use app::store::accounts::{self, NewAccount};
use app::store::{producer_records, reviews, sessions};

use crate::forms::{
    self, answer, answer_action, form, read_form, render_again, see_other, Submission,
};
use crate::state::AppState;

/// The admins' own forms (the staff accounts).
pub fn admin_routes() -> Router<AppState> {
    Router::new()
        .route(pattern::staff, post(create_staff_account))
        .route(pattern::officer_communes, post(change_communes))
}

/// An admin changes the communes a commune officer works for.
async fn change_communes(
    admin: Admin,
    State(state): State<AppState>,
    Path(user_id): Path<UserId>,
    request: Request,
) -> Response {
    let page = paths::admin::staff();
    forms::form_at(&state, request, &page, Notice::Saved, async |fields| {
        let chosen = checked_ids(fields, "commune-");
        app::store::communes::change(&state.writer, admin, user_id, &chosen).await
    })
    .await
}

/// The office's settings form, which may carry a logo (behind the admins' guard and the
/// uploads' turn, see `routes`).
pub fn admin_upload_routes() -> Router<AppState> {
    Router::new().route(pattern::settings, post(save_settings))
}

/// An admin saves the office's settings, and a new logo when one is chosen (checked from its
/// content like every photo); every page shows them from the next request.
async fn save_settings(admin: Admin, State(state): State<AppState>, request: Request) -> Response {
    let mut submission = read_form!(request);
    let page = paths::admin::settings();
    let outcome = async {
        let office = app::model::office::Office::parse(&submission.fields)?;
        let logo = (state.uploads)
            .prepare_chosen(&state.writer, admin.user_id(), submission.upload.take())
            .await?;
        let logo = logo
            .as_ref()
            .map(|photo| photo.with_alt(office.short_name.vi.clone()));
        // The next request reads them anew: `state::fresh_office` sees the content changed.
        app::store::office::save(&state.writer, admin, &office, logo.as_ref()).await?;
        Ok::<_, AppError>(Notice::Saved.on(&page))
    }
    .await;
    answer(&state, submission.shown_at(&page), outcome).await
}

/// The staff's forms of reviews, producers and accounts.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(pattern::approve, post(approve))
        .route(pattern::review, post(reject))
        .route(pattern::create_producer, post(create_producer))
        .route(pattern::producer, post(update_producer))
        .route(
            pattern::create_producer_account,
            post(create_producer_account),
        )
        .route(pattern::password_link, post(password_link))
        .route(pattern::deactivate, post(deactivate))
        .route(pattern::activate, post(activate))
        .route(pattern::end_sessions, post(end_sessions))
}

async fn approve(
    staff: Staff,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    request: Request,
) -> Response {
    forms::action(request, async |_| {
        reviews::approve(&state.writer, staff, id).await?;
        Ok(Notice::Approved.on("/admin/reviews"))
    })
    .await
}

async fn reject(
    staff: Staff,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    request: Request,
) -> Response {
    form(&state, request, None, async |fields| {
        reviews::reject(&state.writer, staff, id, &text(fields, "reason")).await?;
        Ok(Notice::Rejected.on("/admin/reviews"))
    })
    .await
}

async fn create_producer(
    staff: Staff,
    State(state): State<AppState>,
    request: Request,
) -> Response {
    form(&state, request, None, async |fields| {
        let (profile, legal) = read_producer(fields)?;
        let id = producer_records::create(&state.writer, staff, &profile, &legal).await?;
        Ok(Notice::Created.on(&paths::admin::producer(id)))
    })
    .await
}

/// Both parts of the producer form, with the problems of both at once.
fn read_producer(fields: &HashMap<String, String>) -> Result<(Profile, LegalFacts), AppError> {
    match (Profile::from_form(fields), LegalFacts::from_form(fields)) {
        (Ok(profile), Ok(legal)) => Ok((profile, legal)),
        (Err(AppError::Invalid(mut a)), Err(AppError::Invalid(b))) => {
            a.extend(b);
            Err(AppError::Invalid(a))
        }
        (Err(error), _) | (_, Err(error)) => Err(error),
    }
}

async fn update_producer(
    staff: Staff,
    State(state): State<AppState>,
    Path(id): Path<ProducerId>,
    request: Request,
) -> Response {
    form(&state, request, None, async |fields| {
        let (profile, legal) = read_producer(fields)?;
        let active = fields.contains_key("active");
        producer_records::update_all(&state.writer, staff, id, &profile, &legal, active).await?;
        Ok(Notice::Saved.on(&paths::admin::producer(id)))
    })
    .await
}

/// Issues a set-password link for the account: emailed when mail is configured, otherwise
/// shown once on the page the staff member came from.
async fn issue_link(
    state: &AppState,
    submission: Submission,
    actor: UserId,
    user_id: UserId,
    back: String,
) -> Response {
    let mail = state
        .site
        .mail_enabled
        .then_some(state.site.public_url.0.as_str());
    match accounts::issue_password_link(&state.writer, Some(actor), user_id, mail).await {
        Ok(_) if mail.is_some() => see_other(&Notice::LinkSent.on(&back)),
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
    staff: Staff,
    State(state): State<AppState>,
    Path(producer_id): Path<ProducerId>,
    request: Request,
) -> Response {
    let submission = read_form!(request);
    let account = NewAccount {
        email: text(&submission.fields, "account_email"),
        display_name: text(&submission.fields, "account_name"),
        role: Role::Producer,
        communes: Vec::new(),
        producer_id: Some(producer_id),
    };
    let page = paths::admin::producer(producer_id);
    match accounts::create(&state.writer, Some(staff.user_id()), &account).await {
        Ok(user_id) => issue_link(&state, submission, staff.user_id(), user_id, page).await,
        // Shown again on the producer's page, where the form is.
        Err(error) => answer(&state, submission.shown_at(&page), Err(error)).await,
    }
}

async fn create_staff_account(
    admin: Admin,
    State(state): State<AppState>,
    request: Request,
) -> Response {
    let submission = read_form!(request);
    let role = match Role::from_db(&text(&submission.fields, "role")) {
        Some(Role::Admin) => Role::Admin,
        Some(Role::Commune) => Role::Commune,
        _ => Role::Staff,
    };
    let account = NewAccount {
        email: text(&submission.fields, "account_email"),
        display_name: text(&submission.fields, "account_name"),
        role,
        producer_id: None,
        communes: checked_ids(&submission.fields, "commune-"),
    };
    match accounts::create(&state.writer, Some(admin.user_id()), &account).await {
        Ok(user_id) => {
            let back = paths::admin::staff();
            issue_link(&state, submission, admin.user_id(), user_id, back).await
        }
        Err(error) => answer(&state, submission, Err(error)).await,
    }
}

/// An account this staff member may manage (staff: producers' accounts; admins: all), and
/// the page where it is managed: its producer's, or the staff page.
async fn managed(state: &AppState, staff: Staff, user_id: UserId) -> Result<String, AppError> {
    let (role, producer) = accounts::role_of(&state.pool, user_id).await?;
    staff.may_manage(role)?;
    Ok(match producer {
        Some(producer_id) => paths::admin::producer(producer_id),
        None => paths::admin::staff(),
    })
}

async fn password_link(
    staff: Staff,
    State(state): State<AppState>,
    Path(user_id): Path<UserId>,
    request: Request,
) -> Response {
    let submission = read_form!(request);
    match managed(&state, staff, user_id).await {
        Ok(back) => issue_link(&state, submission, staff.user_id(), user_id, back).await,
        Err(error) => answer_action(submission, Err(error)),
    }
}

async fn set_active(
    staff: Staff,
    state: AppState,
    user_id: UserId,
    request: Request,
    active: bool,
) -> Response {
    forms::action(request, async |_| {
        let back = managed(&state, staff, user_id).await?;
        if staff.user_id() == user_id {
            return Err(AppError::Forbidden);
        }
        accounts::set_active(&state.writer, staff.user_id(), user_id, active).await?;
        Ok(back)
    })
    .await
}

async fn deactivate(
    staff: Staff,
    State(state): State<AppState>,
    Path(user_id): Path<UserId>,
    request: Request,
) -> Response {
    set_active(staff, state, user_id, request, false).await
}

async fn activate(
    staff: Staff,
    State(state): State<AppState>,
    Path(user_id): Path<UserId>,
    request: Request,
) -> Response {
    set_active(staff, state, user_id, request, true).await
}

async fn end_sessions(
    staff: Staff,
    State(state): State<AppState>,
    Path(user_id): Path<UserId>,
    request: Request,
) -> Response {
    forms::action(request, async |_| {
        let back = managed(&state, staff, user_id).await?;
        let mut tx = state.writer.begin().await?;
        sessions::end_all(&mut tx, staff.user_id(), user_id).await?;
        tx.commit().await?;
        Ok(back)
    })
    .await
}
