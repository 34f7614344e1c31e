//! Staff's form posts for events: the event and its life, booth types and the floor plan,
//! decisions on applications, training registrations; and the exhibitor downloads. Every
//! handler takes `Staff`.

use axum::extract::{Path, Request, State};
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;

use app::auth::Staff;
use app::error::{error_page, AppError};
use app::i18n::Lang;
use app::model::event_admin::{
    status_change, Attendee, BoothPlace, BoothRow, BoothTypeForm, EventForm,
};
use app::model::form::text;
use app::model::ids::{ApplicationId, BoothId, EventId};
use app::model::notice::Notice;
use app::paths::event_admin::{self, pattern};
use app::store::exhibitors::Decision;
use app::store::{booths, event_records, exhibitors, training};

use crate::exports::{csv, csv_download, xlsx_download, Cell};
use crate::forms::{self, answer, form, form_at, read_form, Submission};
use crate::state::AppState;

/// The event forms, which may carry a cover photo.
pub fn upload_routes() -> Router<AppState> {
    Router::new()
        .route(pattern::create, post(create))
        .route(pattern::event, post(update))
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(pattern::status, post(set_status))
        .route(pattern::booth_types, post(add_type))
        .route(pattern::booth_type, post(update_type))
        .route(pattern::booths, post(add_row))
        .route(pattern::booth, post(update_booth))
        .route(pattern::booth_block, post(block))
        .route(pattern::booth_free, post(free))
        .route(pattern::booth_delete, post(delete_booth))
        .route(pattern::decide, post(decide))
        .route(pattern::book_place, post(register))
        .route(pattern::cancel_place, post(cancel_registration))
        .route(pattern::attendance, post(attendance))
        .route(pattern::exhibitors_csv, get(exhibitors_csv))
        .route(pattern::exhibitors_xlsx, get(exhibitors_xlsx))
        .route(pattern::places_csv, get(registrations_csv))
}

async fn save_event(
    state: &AppState,
    staff: Staff,
    submission: &mut Submission,
    id: Option<EventId>,
) -> Result<String, AppError> {
    let form = EventForm::from_form(&submission.fields)?;
    let cover = match submission.upload.take() {
        Some(upload) => {
            event_records::check(&mut *state.pool.acquire().await?, id, &form).await?;
            Some(
                state
                    .uploads
                    .prepare_photo(&state.writer, staff.user_id(), upload)
                    .await?,
            )
        }
        None => None,
    };
    let cover = cover
        .as_ref()
        .map(|photo| photo.with_alt(form.name.clone()));
    let id = match id {
        Some(id) => {
            event_records::update(&state.writer, staff, id, &form, cover.as_ref()).await?;
            id
        }
        None => event_records::create(&state.writer, staff, &form, cover.as_ref()).await?,
    };
    Ok(Notice::Saved.on(&event_admin::event(id)))
}

async fn create(staff: Staff, State(state): State<AppState>, request: Request) -> Response {
    let mut submission = read_form!(request);
    let outcome = save_event(&state, staff, &mut submission, None).await;
    answer(&state, submission, outcome).await
}

async fn update(
    staff: Staff,
    State(state): State<AppState>,
    Path(id): Path<EventId>,
    request: Request,
) -> Response {
    let mut submission = read_form!(request);
    let outcome = save_event(&state, staff, &mut submission, Some(id)).await;
    answer(&state, submission, outcome).await
}

async fn set_status(
    staff: Staff,
    State(state): State<AppState>,
    Path(id): Path<EventId>,
    request: Request,
) -> Response {
    let page = event_admin::event(id);
    form(&state, request, Some(&page), async |fields| {
        let (status, reason) = status_change(fields)?;
        event_records::set_status(&state.writer, staff, id, status, reason.as_deref()).await?;
        Ok(Notice::Saved.on(&page))
    })
    .await
}

async fn add_type(
    staff: Staff,
    State(state): State<AppState>,
    Path(id): Path<EventId>,
    request: Request,
) -> Response {
    form_at(
        &state,
        request,
        &event_admin::plan(id),
        Notice::Saved,
        async |fields| {
            let form = BoothTypeForm::from_form(fields)?;
            booths::add_type(&state.writer, staff, id, &form)
                .await
                .map(drop)
        },
    )
    .await
}

async fn update_type(
    staff: Staff,
    State(state): State<AppState>,
    Path((id, type_id)): Path<(EventId, i64)>,
    request: Request,
) -> Response {
    // Shown again with that type chosen, so the refused values land in its form only.
    let back = format!("{}?type={type_id}", event_admin::plan(id));
    form(&state, request, Some(&back), async |fields| {
        let form = BoothTypeForm::from_form(fields)?;
        booths::update_type(&state.writer, staff, id, type_id, &form).await?;
        Ok(Notice::Saved.on(&event_admin::plan(id)))
    })
    .await
}

async fn add_row(
    staff: Staff,
    State(state): State<AppState>,
    Path(id): Path<EventId>,
    request: Request,
) -> Response {
    form_at(
        &state,
        request,
        &event_admin::plan(id),
        Notice::Saved,
        async |fields| {
            let row = BoothRow::from_form(fields)?;
            booths::add_row(&state.writer, staff, id, &row).await
        },
    )
    .await
}

async fn update_booth(
    staff: Staff,
    State(state): State<AppState>,
    Path((id, booth_id)): Path<(EventId, BoothId)>,
    request: Request,
) -> Response {
    let back = format!("{}?booth={booth_id}", event_admin::plan(id));
    form(&state, request, Some(&back), async |fields| {
        let place = BoothPlace::from_form(fields)?;
        booths::update(&state.writer, staff, id, booth_id, &place).await?;
        Ok(format!("{back}&{}", Notice::Saved.key()))
    })
    .await
}

async fn booth_action(
    state: AppState,
    staff: Staff,
    (id, booth_id): (EventId, BoothId),
    request: Request,
    action: BoothAction,
) -> Response {
    forms::action(request, async |_| {
        match action {
            BoothAction::Block => {
                booths::set_blocked(&state.writer, staff, id, booth_id, true).await
            }
            BoothAction::Free => {
                booths::set_blocked(&state.writer, staff, id, booth_id, false).await
            }
            BoothAction::Delete => booths::delete(&state.writer, staff, id, booth_id).await,
        }?;
        Ok(Notice::Saved.on(&event_admin::plan(id)))
    })
    .await
}

enum BoothAction {
    Block,
    Free,
    Delete,
}

async fn block(
    staff: Staff,
    State(state): State<AppState>,
    Path(ids): Path<(EventId, BoothId)>,
    request: Request,
) -> Response {
    booth_action(state, staff, ids, request, BoothAction::Block).await
}

async fn free(
    staff: Staff,
    State(state): State<AppState>,
    Path(ids): Path<(EventId, BoothId)>,
    request: Request,
) -> Response {
    booth_action(state, staff, ids, request, BoothAction::Free).await
}

async fn delete_booth(
    staff: Staff,
    State(state): State<AppState>,
    Path(ids): Path<(EventId, BoothId)>,
    request: Request,
) -> Response {
    booth_action(state, staff, ids, request, BoothAction::Delete).await
}

/// A decision on an application: `approve` or `move` (with `booth_id`), `waitlist`, `reject`
/// (with `reason`), `vacate`.
async fn decide(
    staff: Staff,
    State(state): State<AppState>,
    Path((id, application, decision)): Path<(EventId, ApplicationId, String)>,
    request: Request,
) -> Response {
    let page = event_admin::application(id, application);
    form(&state, request, Some(&page), async |fields| {
        let reason = text(fields, "reason");
        let booth = || {
            text(fields, "booth_id").parse::<BoothId>().map_err(|_| {
                AppError::invalid(
                    "booth_id",
                    "Vui lòng chọn gian hàng.",
                    "Please choose a booth.",
                )
            })
        };
        let decision = match decision.as_str() {
            "approve" => Decision::Approve(booth()?),
            "move" => Decision::Move(booth()?),
            "waitlist" => Decision::Waitlist,
            "reject" => Decision::Reject(&reason),
            "vacate" => Decision::Vacate,
            _ => return Err(AppError::NotFound),
        };
        exhibitors::decide(
            &state.writer,
            staff,
            id,
            application,
            decision,
            state.site.mail_enabled,
        )
        .await?;
        Ok(Notice::Saved.on(&page))
    })
    .await
}

async fn register(
    staff: Staff,
    State(state): State<AppState>,
    Path(id): Path<EventId>,
    request: Request,
) -> Response {
    form_at(
        &state,
        request,
        &event_admin::places(id),
        Notice::Saved,
        async |fields| {
            let attendee = Attendee::from_form(fields)?;
            training::book_place(&state.writer, staff.into(), id, &attendee)
                .await
                .map(drop)
        },
    )
    .await
}

async fn cancel_registration(
    staff: Staff,
    State(state): State<AppState>,
    Path((id, registration)): Path<(EventId, i64)>,
    request: Request,
) -> Response {
    forms::action(request, async |_| {
        let mail = state.site.mail_enabled;
        training::cancel_place(&state.writer, staff, id, registration, mail).await?;
        Ok(Notice::Saved.on(&event_admin::places(id)))
    })
    .await
}

/// The attendance form of a page of the roster: for each registered person on it a hidden
/// `listed-{registration}`, and a checkbox `attended-{registration}`.
async fn attendance(
    staff: Staff,
    State(state): State<AppState>,
    Path(id): Path<EventId>,
    request: Request,
) -> Response {
    form_at(
        &state,
        request,
        &event_admin::places(id),
        Notice::Saved,
        async |fields| {
            let listed = app::model::form::checked_ids(fields, "listed-");
            let present = app::model::form::checked_ids(fields, "attended-");
            training::mark_attendance(&state.writer, staff, id, &listed, &present).await
        },
    )
    .await
}

/// The columns of the exhibitor list, in both downloads.
const EXHIBITOR_COLUMNS: [&str; 9] = [
    "Gian",
    "Loại gian",
    "Chủ thể",
    "Loại hình",
    "Địa phương",
    "Điện thoại",
    "Sản phẩm",
    "Hạng sao cao nhất",
    "Trang chủ thể",
];

async fn exhibitor_rows(
    state: &AppState,
    id: EventId,
) -> Result<(String, Vec<Vec<Cell>>), AppError> {
    let head = event_records::head(&mut *state.pool.acquire().await?, id).await?;
    let rows = exhibitors::exhibitors(&state.pool, id).await?;
    let lang = app::i18n::Lang::Vi;
    let cells = rows
        .into_iter()
        .map(|row| {
            vec![
                row.booth_code.unwrap_or_default().as_str().into(),
                row.booth_type.as_str().into(),
                row.producer_name.as_str().into(),
                app::model::producer::EntityType::label_of(&row.entity_type, lang).into(),
                row.unit.as_str().into(),
                row.phone.unwrap_or_default().as_str().into(),
                row.products.as_str().into(),
                row.stars.map_or(Cell::Text(String::new()), |stars| {
                    Cell::Number(stars.get().into())
                }),
                state
                    .site
                    .public_url
                    .join(&format!("/producers/{}", row.producer_slug))
                    .as_str()
                    .into(),
            ]
        })
        .collect();
    Ok((head.slug, cells))
}

async fn exhibitors_csv(
    _: Staff,
    State(state): State<AppState>,
    Path(id): Path<EventId>,
    request: Request,
) -> Response {
    let lang = Lang::of_headers(request.headers());
    match exhibitor_rows(&state, id)
        .await
        .and_then(|(slug, rows)| Ok((slug, csv(&EXHIBITOR_COLUMNS, rows)?)))
    {
        Ok((slug, bytes)) => csv_download(&format!("gian-hang-{slug}.csv"), bytes),
        Err(error) => error_page(lang, &error),
    }
}

async fn exhibitors_xlsx(
    _: Staff,
    State(state): State<AppState>,
    Path(id): Path<EventId>,
    request: Request,
) -> Response {
    let lang = Lang::of_headers(request.headers());
    let file = async {
        let (slug, rows) = exhibitor_rows(&state, id).await?;
        let bytes = crate::exports::xlsx("Gian hàng", &EXHIBITOR_COLUMNS, rows)?;
        Ok::<_, AppError>((slug, bytes))
    }
    .await;
    match file {
        Ok((slug, bytes)) => xlsx_download(&format!("gian-hang-{slug}.xlsx"), bytes),
        Err(error) => error_page(lang, &error),
    }
}

async fn registrations_csv(
    _: Staff,
    State(state): State<AppState>,
    Path(id): Path<EventId>,
    request: Request,
) -> Response {
    let lang = Lang::of_headers(request.headers());
    let file = async {
        let (event, registrations) = training::everyone(&state.pool, id).await?;
        let rows = registrations.iter().map(|r| {
            vec![
                r.name.as_str().into(),
                r.organisation.as_str().into(),
                r.phone.clone().unwrap_or_default().as_str().into(),
                r.email.clone().unwrap_or_default().as_str().into(),
                r.status.label(app::i18n::Lang::Vi).into(),
                match r.attended {
                    Some(true) => "Có mặt",
                    Some(false) => "Vắng",
                    None => "",
                }
                .into(),
                r.created_at.shown().into(),
            ]
        });
        let bytes = csv(
            &[
                "Họ tên",
                "Đơn vị",
                "Điện thoại",
                "Email",
                "Trạng thái",
                "Điểm danh",
                "Đăng ký lúc (UTC)",
            ],
            rows,
        )?;
        Ok::<_, AppError>((event.slug, bytes))
    }
    .await;
    match file {
        Ok((slug, bytes)) => csv_download(&format!("dang-ky-{slug}.csv"), bytes),
        Err(error) => error_page(lang, &error),
    }
}
