//! The producer portal's form posts: profile, listings (with photos), inquiries. Each handler
//! takes the `Producer` its session speaks for, never one named by the form, and the store
//! finds only that producer's products and inquiries.

use axum::extract::{Path, Request, State};
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;

use app::auth::Producer;
use app::error::{error_page, AppError, Closed};
use app::i18n::Lang;
use app::model::cycle::forms::RegisterForm;
use app::model::event_admin::Attendee;
use app::model::form::text;
use app::model::ids::{EventId, ProductId, RegistrationId};
use app::model::inquiry::InquiryStatus;
use app::model::listing::Listing;
use app::model::notice::Notice;
use app::model::participation::ApplyForm;
use app::model::profile::Profile;
use app::paths::{portal, portal_events, portal_ocop};
use app::store::{
    applications, dossiers, inquiries, listings, producer_records, registrations, training,
};

use crate::forms::{self, answer, form, form_at, read_form, Submission};
use crate::state::AppState;

/// The forms that carry a file (a logo, a product's photo, a dossier's scan).
pub fn upload_routes() -> Router<AppState> {
    Router::new()
        .route(portal::pattern::profile, post(save_profile))
        .route(portal::pattern::create_listing, post(create_listing))
        .route(portal::pattern::listing, post(edit_listing))
        .route(portal_ocop::pattern::attach, post(attach_file))
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(portal::pattern::hide, post(hide))
        .route(portal::pattern::show, post(show))
        .route(portal::pattern::delete, post(delete_draft))
        .route(portal::pattern::inquiry, post(set_inquiry_status))
        .route(portal_events::pattern::apply, post(apply))
        .route(portal_events::pattern::withdraw, post(withdraw))
        .route(portal_events::pattern::book_place, post(register))
        .route(
            portal_events::pattern::cancel_place,
            post(cancel_registration),
        )
        .route(portal_ocop::pattern::register, post(register_product))
        .route(portal_ocop::pattern::withdraw, post(withdraw_registration))
        .route(portal_ocop::pattern::item_file, get(dossier_file))
}

async fn save_profile(
    producer: Producer,
    State(state): State<AppState>,
    request: Request,
) -> Response {
    let mut submission = read_form!(request);
    let outcome = async {
        let profile = Profile::from_form(&submission.fields)?;
        let logo = match submission.upload.take() {
            Some(upload) => {
                let mut connection = state.pool.acquire().await?;
                producer_records::check_profile(&mut connection, producer.producer_id(), &profile)
                    .await?;
                Some(
                    state
                        .uploads
                        .prepare_photo(&state.writer, producer.user_id(), upload)
                        .await?,
                )
            }
            None => None,
        };
        let logo = logo
            .as_ref()
            .map(|logo| logo.with_alt(profile.name.clone()));
        producer_records::update_profile(&state.writer, producer, &profile, logo.as_ref()).await?;
        Ok(Notice::Saved.on(&portal::profile()))
    }
    .await;
    answer(&state, submission, outcome).await
}

async fn save_listing(
    state: &AppState,
    producer: Producer,
    submission: &mut Submission,
    product_id: Option<ProductId>,
) -> Result<String, AppError> {
    let photos = listings::current_images(&state.pool, producer.producer_id(), product_id).await?;
    let listing = Listing::from_form(&submission.fields, &photos)?;
    let (photo, alt) = match submission.upload.take() {
        Some(upload) => {
            let alt = text(&submission.fields, "new_photo_alt");
            listing.check_new_photo_alt(&alt)?;
            let mut connection = state.pool.acquire().await?;
            listings::check(
                &mut connection,
                producer.producer_id(),
                product_id,
                &listing,
            )
            .await?;
            (
                Some(
                    state
                        .uploads
                        .prepare_photo(&state.writer, producer.user_id(), upload)
                        .await?,
                ),
                alt,
            )
        }
        None => (None, String::new()),
    };
    let photo = photo.as_ref().map(|photo| photo.with_alt(alt));
    listings::submit(
        &state.writer,
        producer,
        product_id,
        &listing,
        photo.as_ref(),
    )
    .await?;
    Ok(Notice::Sent.on(&portal::listings()))
}

async fn create_listing(
    producer: Producer,
    State(state): State<AppState>,
    request: Request,
) -> Response {
    let mut submission = read_form!(request);
    let outcome = save_listing(&state, producer, &mut submission, None).await;
    answer(&state, submission, outcome).await
}

async fn edit_listing(
    producer: Producer,
    State(state): State<AppState>,
    Path(id): Path<ProductId>,
    request: Request,
) -> Response {
    let mut submission = read_form!(request);
    let outcome = save_listing(&state, producer, &mut submission, Some(id)).await;
    answer(&state, submission, outcome).await
}

async fn hide(
    producer: Producer,
    State(state): State<AppState>,
    Path(id): Path<ProductId>,
    request: Request,
) -> Response {
    set_hidden(producer, state, id, request, true).await
}

async fn show(
    producer: Producer,
    State(state): State<AppState>,
    Path(id): Path<ProductId>,
    request: Request,
) -> Response {
    set_hidden(producer, state, id, request, false).await
}

async fn set_hidden(
    producer: Producer,
    state: AppState,
    id: ProductId,
    request: Request,
    hidden: bool,
) -> Response {
    forms::action(request, async |_| {
        listings::set_hidden(&state.writer, producer, id, hidden).await?;
        Ok(portal::listings())
    })
    .await
}

async fn delete_draft(
    producer: Producer,
    State(state): State<AppState>,
    Path(id): Path<ProductId>,
    request: Request,
) -> Response {
    forms::action(request, async |_| {
        listings::delete_draft(&state.writer, producer, id).await?;
        Ok(Notice::Deleted.on(&portal::listings()))
    })
    .await
}

async fn set_inquiry_status(
    producer: Producer,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    request: Request,
) -> Response {
    form(&state, request, None, async |fields| {
        let status = InquiryStatus::from_db(&text(fields, "status")).ok_or_else(|| {
            AppError::invalid(
                "status",
                "Vui lòng chọn một trạng thái.",
                "Please choose a status.",
            )
        })?;
        inquiries::set_status(&state.writer, producer, id, status).await?;
        Ok(Notice::Saved.on(&portal::inquiry(id)))
    })
    .await
}

async fn apply(
    producer: Producer,
    State(state): State<AppState>,
    Path(id): Path<EventId>,
    request: Request,
) -> Response {
    form_at(
        &state,
        request,
        &portal_events::event(id),
        Notice::Sent,
        async |fields| {
            let form = ApplyForm::from_form(fields)?;
            applications::apply(&state.writer, producer, id, &form)
                .await
                .map(drop)
        },
    )
    .await
}

async fn withdraw(
    producer: Producer,
    State(state): State<AppState>,
    Path(id): Path<EventId>,
    request: Request,
) -> Response {
    forms::action(request, async |_| {
        applications::withdraw(&state.writer, producer, id).await?;
        Ok(Notice::Saved.on(&portal_events::event(id)))
    })
    .await
}

async fn register(
    producer: Producer,
    State(state): State<AppState>,
    Path(id): Path<EventId>,
    request: Request,
) -> Response {
    form_at(
        &state,
        request,
        &portal_events::event(id),
        Notice::Sent,
        async |fields| {
            let attendee = Attendee::from_form(fields)?;
            training::book_place(&state.writer, producer.into(), id, &attendee)
                .await
                .map(drop)
        },
    )
    .await
}

async fn cancel_registration(
    producer: Producer,
    State(state): State<AppState>,
    Path(id): Path<EventId>,
    request: Request,
) -> Response {
    forms::action(request, async |_| {
        training::cancel_own_place(&state.writer, producer, id, state.site.mail_enabled).await?;
        Ok(Notice::Saved.on(&portal_events::event(id)))
    })
    .await
}

/// Registers one of its products (or a new one) for the cycle open to producers.
async fn register_product(
    producer: Producer,
    State(state): State<AppState>,
    request: Request,
) -> Response {
    form(
        &state,
        request,
        Some(&portal_ocop::ocop()),
        async |fields| {
            let form = RegisterForm::from_form(fields)?;
            let open = app::store::cycles::open(&mut *state.pool.acquire().await?)
                .await?
                .ok_or(AppError::from(Closed::CycleRegistrations))?;
            let id = registrations::register(
                &state.writer,
                producer.into(),
                producer.producer_id(),
                open.year,
                &form,
            )
            .await?;
            Ok(Notice::Created.on(&portal_ocop::registration(id)))
        },
    )
    .await
}

async fn withdraw_registration(
    producer: Producer,
    State(state): State<AppState>,
    Path(id): Path<RegistrationId>,
    request: Request,
) -> Response {
    form_at(
        &state,
        request,
        &portal_ocop::registration(id),
        Notice::Saved,
        async |fields| {
            registrations::withdraw(&state.writer, producer.into(), id, &text(fields, "reason"))
                .await
        },
    )
    .await
}

/// A file of its own dossier; another producer's registration is not found.
async fn attach_file(
    producer: Producer,
    State(state): State<AppState>,
    Path((id, code)): Path<(RegistrationId, String)>,
    request: Request,
) -> Response {
    let mut submission = read_form!(request);
    let upload = submission.upload.take();
    let outcome = state
        .documents
        .attach(
            (&state.pool, &state.writer),
            producer.into(),
            id,
            &code,
            upload,
        )
        .await
        .map(|()| Notice::Sent.on(&portal_ocop::registration(id)));
    let page = format!("{}?item={code}", portal_ocop::registration(id));
    answer(&state, submission.shown_at(&page), outcome).await
}

async fn dossier_file(
    producer: Producer,
    State(state): State<AppState>,
    Path((id, code)): Path<(RegistrationId, String)>,
    request: Request,
) -> Response {
    match dossiers::document(&state.pool, producer.into(), id, &code).await {
        Ok(file) => state.documents.send(file).await,
        Err(error) => error_page(Lang::of_headers(request.headers()), &error),
    }
}
