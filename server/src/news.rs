//! Staff's news posts: writing one (with its cover photo), and previewing it without saving.
//! Every handler takes `Staff`.

use axum::extract::{Path, Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::post;
use axum::Router;

use app::auth::Staff;
use app::error::AppError;
use app::model::form::FormEcho;
use app::model::news::NewsForm;
use app::model::notice::Notice;
use app::paths::{self, admin::pattern};
use app::store::news;

use crate::forms::{answer, read_form, render_again, without_secrets, Submission};
use crate::state::AppState;

/// The post forms, which may carry a cover photo.
pub fn upload_routes() -> Router<AppState> {
    Router::new()
        .route(pattern::create_post, post(create))
        .route(pattern::post, post(update))
}

/// Saves the post, or, when the writer pressed "Preview", shows the form again unsaved with
/// its body rendered below (a photo chosen is not kept by a preview).
async fn save_or_preview(
    state: &AppState,
    staff: Staff,
    mut submission: Submission,
    id: Option<i64>,
) -> Response {
    if submission.fields.get("intent").map(String::as_str) == Some("preview") {
        let body = submission.fields.get("body").cloned().unwrap_or_default();
        let echo = FormEcho::preview(
            without_secrets(submission.fields),
            app::markdown::to_safe_html(&body),
        );
        return render_again(state, submission.parts, echo, StatusCode::OK).await;
    }
    let outcome = async {
        let form = NewsForm::from_form(&submission.fields)?;
        let cover = (state.uploads)
            .prepare_chosen(&state.writer, staff.user_id(), submission.upload.take())
            .await?;
        let cover = cover
            .as_ref()
            .map(|photo| photo.with_alt(form.title.clone()));
        let id = match id {
            Some(id) => {
                news::update(&state.writer, staff, id, &form, cover.as_ref()).await?;
                id
            }
            None => news::create(&state.writer, staff, &form, cover.as_ref()).await?,
        };
        Ok::<_, AppError>(Notice::Saved.on(&paths::admin::post(id)))
    }
    .await;
    answer(state, submission, outcome).await
}

async fn create(staff: Staff, State(state): State<AppState>, request: Request) -> Response {
    let submission = read_form!(request);
    save_or_preview(&state, staff, submission, None).await
}

async fn update(
    staff: Staff,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    request: Request,
) -> Response {
    let submission = read_form!(request);
    save_or_preview(&state, staff, submission, Some(id)).await
}
