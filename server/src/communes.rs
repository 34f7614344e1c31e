//! A commune officer's form posts (1489/2025): a product registered for a producer of its
//! communes in the open cycle, its review of a dossier, and the dossier's files. Every handler
//! takes `Officer`; the store finds only the officer's communes' records, so another commune's
//! answers 404.

use axum::extract::{Path, Request, State};
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;

use app::auth::Officer;
use app::error::{error_page, AppError, Closed};
use app::i18n::Lang;
use app::model::cycle::forms::{CommuneReviewForm, RegisterForm};
use app::model::form::text;
use app::model::ids::RegistrationId;
use app::model::notice::Notice;
use app::paths::commune::{self, pattern};
use app::store::{communes, dossiers, registrations};

use crate::forms::{answer, form_at, read_form};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(pattern::register, post(register))
        .route(pattern::review, post(review))
        .route(pattern::item_file, get(download))
}

/// Registers a product of one of its communes' producers for the cycle that takes
/// registrations.
async fn register(officer: Officer, State(state): State<AppState>, request: Request) -> Response {
    let submission = read_form!(request);
    // Refused, the desk shows again with this producer chosen and its form open.
    let desk = format!(
        "{}?for={}",
        commune::desk(),
        app::model::catalogue::encode(&text(&submission.fields, "producer_id"))
    );
    let outcome = async {
        let producer = crate::cycles::chosen_producer(&submission.fields)?;
        let form = RegisterForm::from_form(&submission.fields)?;
        let open = app::store::cycles::open(&mut *state.pool.acquire().await?)
            .await?
            .ok_or(AppError::from(Closed::CycleRegistrations))?;
        let id = registrations::register(&state.writer, officer.into(), producer, open.year, &form)
            .await?;
        Ok(Notice::Created.on(&commune::registration(id)))
    }
    .await;
    answer(&state, submission.shown_at(&desk), outcome).await
}

/// Proposes a complete dossier to the province, or sends it back to its producer with the reason.
async fn review(
    officer: Officer,
    State(state): State<AppState>,
    Path(id): Path<RegistrationId>,
    request: Request,
) -> Response {
    form_at(
        &state,
        request,
        &commune::registration(id),
        Notice::Saved,
        async |fields| {
            let form = CommuneReviewForm::from_form(fields)?;
            communes::review(&state.writer, officer, id, &form, state.site.mail_enabled).await
        },
    )
    .await
}

async fn download(
    officer: Officer,
    State(state): State<AppState>,
    Path((id, code)): Path<(RegistrationId, String)>,
    request: Request,
) -> Response {
    match dossiers::document(&state.pool, officer.into(), id, &code).await {
        Ok(file) => state.documents.send(file).await,
        Err(error) => error_page(Lang::of_headers(request.headers()), &error),
    }
}
