//! The producer portal's form posts: profile, listings (with photos), inquiries. Each one
//! takes the producer from the session, never from the form, and the store refuses any
//! product or inquiry that is not that producer's.

use axum::extract::{Path, Request, State};
use axum::response::Response;
use axum::routing::post;
use axum::Router;

use app::error::AppError;
use app::model::form::text;
use app::model::listing::Listing;
use app::model::profile::Profile;
use app::store::{listings, portal, producer_records};

use crate::forms::{answer, answer_action, read_form, Submission};
use crate::state::AppState;
use crate::uploads::prepare_photo;

/// The forms that carry a photo (a logo, a product's), which may send more, one at a time
/// per account (see `uploads`).
pub fn upload_routes(state: &AppState) -> Router<AppState> {
    Router::new()
        .route("/portal/profile", post(save_profile))
        .route("/portal/products/new", post(create_listing))
        .route("/portal/products/{id}", post(edit_listing))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::uploads::one_per_account,
        ))
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/portal/products/{id}/hide", post(hide))
        .route("/portal/products/{id}/show", post(show))
        .route("/portal/products/{id}/delete", post(delete_draft))
        .route("/portal/inquiries/{id}", post(set_inquiry_status))
}

async fn save_profile(State(state): State<AppState>, request: Request) -> Response {
    let mut submission = read_form!(request);
    let outcome = async {
        let viewer = submission.viewer()?;
        let producer_id = viewer.own_producer()?;
        let profile = Profile::from_form(&submission.fields)?;
        let logo = match submission.upload.take() {
            Some(upload) => {
                producer_records::check_profile(
                    &mut *state.pool.acquire().await?,
                    producer_id,
                    &profile,
                )
                .await?;
                Some(prepare_photo(&state, viewer.user_id, upload).await?)
            }
            None => None,
        };
        let logo = logo
            .as_ref()
            .map(|logo| logo.with_alt(profile.name.clone()));
        producer_records::update_profile(&state.writer, &viewer, &profile, logo.as_ref()).await?;
        Ok("/portal/profile?da-luu".to_owned())
    }
    .await;
    answer(&state, submission, outcome).await
}

async fn save_listing(
    state: &AppState,
    submission: &mut Submission,
    product_id: Option<i64>,
) -> Result<String, AppError> {
    let viewer = submission.viewer()?;
    let producer_id = viewer.own_producer()?;
    let photos = listings::current_images(&state.pool, producer_id, product_id).await?;
    let listing = Listing::from_form(&submission.fields, &photos)?;
    let (photo, alt) = match submission.upload.take() {
        Some(upload) => {
            let alt = text(&submission.fields, "new_photo_alt");
            listing.check_new_photo_alt(&alt)?;
            listings::check(
                &mut *state.pool.acquire().await?,
                producer_id,
                product_id,
                &listing,
            )
            .await?;
            (
                Some(prepare_photo(state, viewer.user_id, upload).await?),
                alt,
            )
        }
        None => (None, String::new()),
    };
    let photo = photo.as_ref().map(|photo| photo.with_alt(alt));
    listings::submit(&state.writer, &viewer, product_id, &listing, photo.as_ref()).await?;
    Ok("/portal/products?da-gui".to_owned())
}

async fn create_listing(State(state): State<AppState>, request: Request) -> Response {
    let mut submission = read_form!(request);
    let outcome = save_listing(&state, &mut submission, None).await;
    answer(&state, submission, outcome).await
}

async fn edit_listing(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    request: Request,
) -> Response {
    let mut submission = read_form!(request);
    let outcome = save_listing(&state, &mut submission, Some(id)).await;
    answer(&state, submission, outcome).await
}

async fn hide(State(state): State<AppState>, Path(id): Path<i64>, request: Request) -> Response {
    set_hidden(state, id, request, true).await
}

async fn show(State(state): State<AppState>, Path(id): Path<i64>, request: Request) -> Response {
    set_hidden(state, id, request, false).await
}

async fn set_hidden(state: AppState, id: i64, request: Request, hidden: bool) -> Response {
    let submission = read_form!(request);
    let outcome = async {
        listings::set_hidden(&state.writer, &submission.viewer()?, id, hidden)
            .await
            .map(|()| "/portal/products".to_owned())
    }
    .await;
    answer_action(submission, outcome)
}

async fn delete_draft(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    request: Request,
) -> Response {
    let submission = read_form!(request);
    let outcome = async {
        listings::delete_draft(&state.writer, &submission.viewer()?, id)
            .await
            .map(|()| "/portal/products?da-xoa".to_owned())
    }
    .await;
    answer_action(submission, outcome)
}

async fn set_inquiry_status(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    request: Request,
) -> Response {
    let submission = read_form!(request);
    let outcome = async {
        let status = text(&submission.fields, "status");
        portal::set_inquiry_status(&state.writer, &submission.viewer()?, id, &status).await?;
        Ok(format!("/portal/inquiries/{id}?da-luu"))
    }
    .await;
    answer(&state, submission, outcome).await
}
