//! Staff's form posts for the OCOP cycle: cycles and their deadlines, registrations on a
//! producer's behalf and their life, dossier items (files, ticks, corrections), councils and
//! their members' sheets, recognition decisions, revocations; and the dossier files, read by
//! staff. Every handler takes `Staff`.

use axum::extract::{Path, Request, State};
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;

use app::auth::Staff;
use app::error::{error_page, AppError};
use app::i18n::Lang;
use app::model::cycle::forms::{
    AppraisalForm, CouncilForm, CycleForm, DecisionForm, RegisterForm, SheetForm,
};
use app::model::form::text;
use app::model::ids::{CouncilId, CycleYear, ProducerId, RegistrationId};
use app::model::notice::Notice;
use app::paths::ocop_admin::{self, pattern};
use app::store::{certificates, councils, cycles, dossiers, registrations};

use crate::forms::{self, answer, form, form_at, read_form};
use crate::state::AppState;

/// The forms that carry a dossier file.
pub fn upload_routes() -> Router<AppState> {
    Router::new().route(pattern::attach, post(attach))
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(pattern::create, post(create_cycle))
        .route(pattern::cycle, post(update_cycle))
        .route(pattern::register, post(register))
        .route(pattern::form_council, post(create_council))
        .route(pattern::decide, post(decide))
        .route(pattern::withdraw, post(withdraw))
        .route(pattern::complete, post(complete))
        .route(pattern::appraise, post(appraise))
        .route(pattern::receive, post(receive))
        .route(pattern::ask_correction, post(correction))
        .route(pattern::item_file, get(download))
        .route(pattern::sheet, post(save_sheet))
        .route(pattern::close, post(close))
        .route(pattern::revoke, post(revoke))
}

async fn create_cycle(staff: Staff, State(state): State<AppState>, request: Request) -> Response {
    form(&state, request, Some("/admin/cycles"), async |fields| {
        let form = CycleForm::from_form(fields)?;
        let year = cycles::create(&state.writer, staff, &form).await?;
        Ok(Notice::Created.on(&ocop_admin::cycle(year)))
    })
    .await
}

async fn update_cycle(
    staff: Staff,
    State(state): State<AppState>,
    Path(year): Path<CycleYear>,
    request: Request,
) -> Response {
    form(&state, request, None, async |fields| {
        let form = CycleForm::from_form(fields)?;
        cycles::update(&state.writer, staff, year, &form).await?;
        Ok(Notice::Saved.on(&ocop_admin::cycle(form.year)))
    })
    .await
}

/// Registers a product for a producer (`producer_id`), in the cycle of `year`.
async fn register(
    staff: Staff,
    State(state): State<AppState>,
    Path(year): Path<CycleYear>,
    request: Request,
) -> Response {
    let submission = read_form!(request);
    // Refused, the list shows again with this producer chosen and its form open.
    let list = format!(
        "{}?for={}",
        ocop_admin::registrations(year),
        app::model::catalogue::encode(&text(&submission.fields, "producer_id"))
    );
    let outcome = async {
        let producer = chosen_producer(&submission.fields)?;
        let form = RegisterForm::from_form(&submission.fields)?;
        let id =
            registrations::register(&state.writer, staff.into(), producer, year, &form).await?;
        Ok(Notice::Created.on(&ocop_admin::registration(id)))
    }
    .await;
    answer(&state, submission.shown_at(&list), outcome).await
}

/// The producer a product is registered for, as the office's and a commune's forms send it.
pub(crate) fn chosen_producer(
    fields: &std::collections::HashMap<String, String>,
) -> Result<ProducerId, AppError> {
    text(fields, "producer_id")
        .parse::<i64>()
        .map(ProducerId)
        .map_err(|_| {
            AppError::invalid(
                "producer_id",
                "Vui lòng chọn chủ thể.",
                "Please choose the producer.",
            )
        })
}

async fn withdraw(
    staff: Staff,
    State(state): State<AppState>,
    Path(id): Path<RegistrationId>,
    request: Request,
) -> Response {
    form_at(
        &state,
        request,
        &ocop_admin::registration(id),
        Notice::Saved,
        async |fields| {
            registrations::withdraw(&state.writer, staff.into(), id, &text(fields, "reason")).await
        },
    )
    .await
}

async fn complete(
    staff: Staff,
    State(state): State<AppState>,
    Path(id): Path<RegistrationId>,
    request: Request,
) -> Response {
    form_at(
        &state,
        request,
        &ocop_admin::registration(id),
        Notice::Saved,
        async |_| registrations::confirm_dossier(&state.writer, staff, id).await,
    )
    .await
}

async fn appraise(
    staff: Staff,
    State(state): State<AppState>,
    Path(id): Path<RegistrationId>,
    request: Request,
) -> Response {
    form_at(
        &state,
        request,
        &ocop_admin::registration(id),
        Notice::Saved,
        async |fields| {
            let form = AppraisalForm::from_form(fields)?;
            registrations::appraise(&state.writer, staff, id, &form).await
        },
    )
    .await
}

/// A file staff attach for the producer (a dossier brought on paper and scanned).
async fn attach(
    staff: Staff,
    State(state): State<AppState>,
    Path((id, code)): Path<(RegistrationId, String)>,
    request: Request,
) -> Response {
    let mut submission = read_form!(request);
    let page = format!("{}?item={code}", ocop_admin::registration(id));
    let upload = submission.upload.take();
    let outcome = state
        .documents
        .attach(
            (&state.pool, &state.writer),
            staff.into(),
            id,
            &code,
            upload,
        )
        .await
        .map(|()| Notice::Saved.on(&page));
    answer(&state, submission.shown_at(&page), outcome).await
}

async fn receive(
    staff: Staff,
    State(state): State<AppState>,
    Path((id, code)): Path<(RegistrationId, String)>,
    request: Request,
) -> Response {
    forms::action(request, async |_| {
        dossiers::receive(&state.writer, staff, id, &code).await?;
        Ok(Notice::Saved.on(&ocop_admin::registration(id)))
    })
    .await
}

async fn correction(
    staff: Staff,
    State(state): State<AppState>,
    Path((id, code)): Path<(RegistrationId, String)>,
    request: Request,
) -> Response {
    let page = format!("{}?item={code}", ocop_admin::registration(id));
    form_at(&state, request, &page, Notice::Saved, async |fields| {
        let note = text(fields, "note");
        dossiers::ask_correction(
            &state.writer,
            staff,
            id,
            &code,
            &note,
            state.site.mail_enabled,
        )
        .await
    })
    .await
}

async fn download(
    staff: Staff,
    State(state): State<AppState>,
    Path((id, code)): Path<(RegistrationId, String)>,
    request: Request,
) -> Response {
    match dossiers::document(&state.pool, staff.into(), id, &code).await {
        Ok(file) => state.documents.send(file).await,
        Err(error) => error_page(Lang::of_headers(request.headers()), &error),
    }
}

async fn create_council(
    staff: Staff,
    State(state): State<AppState>,
    Path(year): Path<CycleYear>,
    request: Request,
) -> Response {
    let page = ocop_admin::councils(year);
    form(&state, request, Some(&page), async |fields| {
        let form = CouncilForm::from_form(fields)?;
        let id = councils::create(&state.writer, staff, year, &form).await?;
        Ok(Notice::Created.on(&ocop_admin::council(id)))
    })
    .await
}

async fn save_sheet(
    staff: Staff,
    State(state): State<AppState>,
    Path((id, registration)): Path<(CouncilId, RegistrationId)>,
    request: Request,
) -> Response {
    // Shown again with that product's sheet open, so the refused values land in its form.
    let page = format!("{}?product={registration}", ocop_admin::council(id));
    form(&state, request, Some(&page), async |fields| {
        let scheme = councils::scheme_of(&state.pool, id).await?;
        let sheet = SheetForm::from_form(fields, &scheme)?;
        councils::save_sheet(&state.writer, staff, id, registration, &sheet).await?;
        Ok(format!(
            "{page}&{}#product-{registration}",
            Notice::Saved.key()
        ))
    })
    .await
}

async fn close(
    staff: Staff,
    State(state): State<AppState>,
    Path((id, registration)): Path<(CouncilId, RegistrationId)>,
    request: Request,
) -> Response {
    let page = ocop_admin::council(id);
    form_at(&state, request, &page, Notice::Saved, async |_| {
        councils::close(
            &state.writer,
            staff,
            id,
            registration,
            state.site.mail_enabled,
        )
        .await
        .map(drop)
    })
    .await
}

async fn decide(
    staff: Staff,
    State(state): State<AppState>,
    Path(year): Path<CycleYear>,
    request: Request,
) -> Response {
    let page = ocop_admin::recognition(year);
    form_at(&state, request, &page, Notice::Approved, async |fields| {
        let form = DecisionForm::from_form(fields)?;
        certificates::recognise(&state.writer, staff, year, &form, state.site.mail_enabled)
            .await
            .map(drop)
    })
    .await
}

async fn revoke(
    staff: Staff,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    request: Request,
) -> Response {
    // Refused, the page shows again with this certificate's form open.
    let page = format!("/admin/certificates?revoke={id}");
    form(&state, request, Some(&page), async |fields| {
        let (reason, mail) = (text(fields, "reason"), state.site.mail_enabled);
        certificates::revoke(&state.writer, staff, id, &reason, mail).await?;
        Ok(Notice::Saved.on("/admin/certificates"))
    })
    .await
}
