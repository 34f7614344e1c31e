//! The floor-plan editor `/admin/events/{id}/booths`: the event's booth types, the hall as a
//! grid, a row of booths added in one action, and one booth chosen (`?booth=ID`, by clicking it
//! on the plan or its code in the table) to move, resize, rename, block or delete with a plain
//! form. Each form is shown alone when it is the one at work, so that a refused form's
//! values and messages land in it only. The plan prints on one page (`/booths/print`).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::event_admin::get_floor_plan;
use crate::components::field::{use_notice, CodeSelect, FormRefused, Saved, TextArea, TextField};
use crate::components::floor_plan::{plan_shapes, FloorPlan};
use crate::components::guard::guarded;
use crate::components::one_pass::OnePass;
use crate::components::private_nav::PrivateNav;
use crate::format::vnd;
use crate::i18n::{t, use_lang, Lang};
use crate::model::event_admin::{BoothType, FloorPlan as Plan, PlanBooth};
use crate::model::events::status::BoothStatus;

use super::EventTabs;
use crate::model::ids::{BoothId, EventId};
use crate::paths::event_admin;

fn event_id() -> Option<EventId> {
    use_params_map().with_untracked(|params| params.get("id").and_then(|id| id.parse().ok()))
}

fn type_options(types: &[BoothType]) -> Vec<(String, String)> {
    types
        .iter()
        .map(|kind| (kind.id.to_string(), kind.name.clone()))
        .collect()
}

#[component]
pub fn PlanEditor() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map().get_untracked();
    let chosen_booth = query.get("booth").and_then(|id| id.parse::<BoothId>().ok());
    let chosen_type = query.get("type").and_then(|id| id.parse::<i64>().ok());
    let saved = use_notice().is_some();
    view! {
        <Title text=t(lang, "Sơ đồ gian hàng", "Floor plan") />
        <PrivateNav current="/admin/events" />
        {saved.then(|| view! { <Saved text=t(lang, "Đã lưu.", "Saved.") /> })}
        <Suspense>
            {OnePass::after(async move {
                let plan = match event_id() {
                    Some(id) => get_floor_plan(id).await,
                    None => Err(crate::error::AppError::NotFound),
                };
                guarded(plan, lang, move |plan| view! { <Editor plan chosen_booth chosen_type /> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn Editor(plan: Plan, chosen_booth: Option<BoothId>, chosen_type: Option<i64>) -> impl IntoView {
    let lang = use_lang();
    let id = plan.event.id;
    let base = event_admin::plan(id);
    let hall = (plan.event.plan_width, plan.event.plan_height);
    let booth =
        chosen_booth.and_then(|chosen| plan.booths.iter().find(|b| b.id == chosen).cloned());
    let kind = chosen_type.and_then(|chosen| plan.types.iter().find(|k| k.id == chosen).cloned());
    let shapes = plan_shapes(&plan.booths, chosen_booth, |booth| {
        Some(format!("{base}?booth={}#booth", booth.id))
    });
    let types = plan.types.clone();
    view! {
        <EventTabs head=plan.event.clone() current="/booths" />
        <FormRefused />
        <section aria-labelledby="booth-types">
            <h2 id="booth-types">{t(lang, "Loại gian hàng", "Booth types")}</h2>
            <TypeTable types=plan.types.clone() base=base.clone() />
            {match kind {
                Some(kind) => view! { <TypeForm id kind=Some(kind) /> }.into_any(),
                None => view! { <TypeForm id kind=None /> }.into_any(),
            }}
        </section>
        <section aria-labelledby="so-do">
            <h2 id="so-do">{t(lang, "Sơ đồ", "Plan")}</h2>
            <p class="muted">
                {match lang {
                    Lang::Vi => format!("Khu vực {} × {} ô. Chọn một gian trên sơ đồ hoặc trong danh sách để sửa.", hall.0, hall.1),
                    Lang::En => format!("The hall is {} × {} cells. Choose a booth on the plan or in the list to edit it.", hall.0, hall.1),
                }}
                " "<a href=event_admin::plan_print(id)>{t(lang, "Bản in sơ đồ", "Printable plan")}</a>
            </p>
            <FloorPlan shapes lang hall=hall />
        </section>
        {match booth {
            Some(booth) => view! { <BoothForm id booth types base=base.clone() /> }.into_any(),
            None if types.is_empty() => view! {
                <p class="empty">{t(lang, "Thêm một loại gian hàng trước khi vẽ gian.", "Add a booth type before drawing booths.")}</p>
            }.into_any(),
            None => view! { <RowForm id types /> }.into_any(),
        }}
    }
}

#[component]
fn TypeTable(types: Vec<BoothType>, base: String) -> impl IntoView {
    let lang = use_lang();
    if types.is_empty() {
        return view! { <p class="empty">{t(lang, "Chưa có loại gian hàng nào.", "No booth type yet.")}</p> }.into_any();
    }
    view! {
        <table class="data-table">
            <thead><tr>
                <th scope="col">{t(lang, "Loại", "Type")}</th>
                <th scope="col">{t(lang, "Diện tích", "Size")}</th>
                <th scope="col">{t(lang, "Giá", "Price")}</th>
                <th scope="col">{t(lang, "Bao gồm", "Included")}</th>
            </tr></thead>
            <tbody>
                {types.into_iter().map(|kind| view! {
                    <tr>
                        <td><a href=format!("{base}?type={}#booth-type", kind.id)>{kind.name}</a>
                            {kind.online.then(|| view! { <br /><span class="muted">{t(lang, "gian trực tuyến", "online booth")}</span> })}</td>
                        <td data-label=t(lang, "Diện tích", "Size")>{kind.size_m2}" m²"</td>
                        <td data-label=t(lang, "Giá", "Price")>{vnd(kind.price, lang)}</td>
                        <td data-label=t(lang, "Bao gồm", "Included")>{kind.included}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

/// A new booth type, or the chosen one's edit.
#[component]
fn TypeForm(id: EventId, kind: Option<BoothType>) -> impl IntoView {
    let lang = use_lang();
    let (action, title) = match &kind {
        Some(kind) => (
            event_admin::booth_type(id, kind.id),
            format!("{} {}", t(lang, "Sửa loại", "Edit type"), kind.name),
        ),
        None => (
            event_admin::booth_types(id),
            t(lang, "Thêm loại gian hàng", "Add a booth type").to_owned(),
        ),
    };
    let editing = kind.is_some();
    let kind = kind.unwrap_or(BoothType {
        id: 0,
        name: String::new(),
        size_m2: 9,
        price: 0,
        included: String::new(),
        online: false,
    });
    view! {
        <form method="post" action=action class="stack-form" id="booth-type">
            <h3>{title}</h3>
            <div class="field-row">
                <TextField name="type_name" label=t(lang, "Tên loại", "Name") value=kind.name required=true max=100
                    hint=t(lang, "Ví dụ: Gian tiêu chuẩn 3×3 m", "e.g. Standard 3×3 m") />
                <TextField name="size_m2" kind="number" label=t(lang, "Diện tích (m²)", "Size (m²)") value=kind.size_m2.to_string() required=true max=5 />
                <TextField name="price" kind="number" label=t(lang, "Giá (đồng)", "Price (VND)") value=kind.price.to_string() required=true max=10
                    hint=t(lang, "0 nếu miễn phí", "0 when free") />
            </div>
            <TextArea name="included" label=t(lang, "Bao gồm", "Included") value=kind.included max=500 rows=2 />
            <label class="check"><input type="checkbox" name="online" checked=kind.online />" "{t(lang, "Gian trực tuyến (không có chỗ trên sơ đồ)", "Online booth (no place on the plan)")}</label>
            <p>
                <button type="submit" class="button secondary">{if editing { t(lang, "Lưu loại gian", "Save the type") } else { t(lang, "Thêm loại", "Add the type") }}</button>
                {editing.then(|| view! { " "<a href=event_admin::plan(id)>{t(lang, "Thôi", "Cancel")}</a> })}
            </p>
        </form>
    }
}

/// A row of booths in one action.
#[component]
fn RowForm(id: EventId, types: Vec<BoothType>) -> impl IntoView {
    let lang = use_lang();
    let first_type = types.first().map(|k| k.id.to_string()).unwrap_or_default();
    view! {
        <form method="post" action=event_admin::booths(id) class="stack-form" id="day-gian">
            <h2>{t(lang, "Thêm một dãy gian", "Add a row of booths")}</h2>
            <p class="muted">{t(lang,
                "Các gian nằm liền nhau từ trái sang phải, bắt đầu ở ô (ngang, dọc); mã gian là tiền tố và số thứ tự, ví dụ A01, A02.",
                "Booths stand side by side from left to right, starting at cell (x, y); codes are the prefix and a number, e.g. A01, A02.")}</p>
            <div class="field-row">
                <TextField name="prefix" label=t(lang, "Tiền tố mã", "Code prefix") value="A" required=true max=10 />
                <TextField name="first" kind="number" label=t(lang, "Số đầu", "First number") value="1" required=true max=4 />
                <TextField name="count" kind="number" label=t(lang, "Số gian", "How many") value="10" required=true max=3 />
            </div>
            <div class="field-row">
                <CodeSelect name="booth_type_id" label=t(lang, "Loại gian", "Booth type") options=type_options(&types) selected=first_type required=true />
                <TextField name="hall" label=t(lang, "Khu", "Hall or zone") value="A" max=100 />
            </div>
            <PlaceFields x=0 y=0 width=3 height=3 />
            <button type="submit" class="button">{t(lang, "Thêm dãy gian", "Add the row")}</button>
        </form>
    }
}

#[component]
fn PlaceFields(x: i64, y: i64, width: i64, height: i64) -> impl IntoView {
    let lang = use_lang();
    view! {
        <div class="field-row">
            <TextField name="x" kind="number" label=t(lang, "Ô ngang (từ 0)", "x (from 0)") value=x.to_string() required=true max=3 />
            <TextField name="y" kind="number" label=t(lang, "Ô dọc (từ 0)", "y (from 0)") value=y.to_string() required=true max=3 />
            <TextField name="width" kind="number" label=t(lang, "Rộng (ô)", "Width (cells)") value=width.to_string() required=true max=3 />
            <TextField name="height" kind="number" label=t(lang, "Sâu (ô)", "Depth (cells)") value=height.to_string() required=true max=3 />
        </div>
    }
}

/// The chosen booth: move, resize, rename or change its type; block, free or delete it.
#[component]
fn BoothForm(id: EventId, booth: PlanBooth, types: Vec<BoothType>, base: String) -> impl IntoView {
    let lang = use_lang();
    let taken = matches!(booth.status, BoothStatus::Assigned | BoothStatus::Reserved);
    view! {
        <section id="booth" aria-labelledby="booth-title" class="chosen-booth">
            <h2 id="booth-title">{t(lang, "Gian ", "Booth ")}{booth.code.clone()}" · "{booth.status.label(lang)}</h2>
            {booth.producer_name.clone().map(|name| view! { <p>{t(lang, "Đơn vị: ", "Exhibitor: ")}{name}</p> })}
            <form method="post" action=event_admin::booth(id, booth.id) class="stack-form">
                <div class="field-row">
                    <TextField name="code" label=t(lang, "Mã gian", "Code") value=booth.code.clone() required=true max=20 />
                    <TextField name="hall" label=t(lang, "Khu", "Hall or zone") value=booth.hall.clone() max=100 />
                    <CodeSelect name="booth_type_id" label=t(lang, "Loại gian", "Booth type") options=type_options(&types) selected=booth.booth_type_id.to_string() required=true />
                </div>
                <PlaceFields x=booth.x y=booth.y width=booth.width height=booth.height />
                <p>
                    <button type="submit" class="button">{t(lang, "Lưu gian", "Save the booth")}</button>
                    " "<a href=base.clone()>{t(lang, "Bỏ chọn", "Deselect")}</a>
                </p>
            </form>
            <div class="row-actions">
                {match booth.status {
                    BoothStatus::Blocked => view! {
                        <form method="post" action=event_admin::booth_free(id, booth.id)><button type="submit" class="button secondary">{t(lang, "Mở lại gian", "Unblock")}</button></form>
                    }.into_any(),
                    BoothStatus::Available => view! {
                        <form method="post" action=event_admin::booth_block(id, booth.id)><button type="submit" class="button secondary">{t(lang, "Khoá gian (không xếp được)", "Block (cannot be assigned)")}</button></form>
                    }.into_any(),
                    _ => ().into_any(),
                }}
                {(!taken).then(|| view! {
                    <form method="post" action=event_admin::booth_delete(id, booth.id)><button type="submit" class="button danger">{t(lang, "Xoá gian", "Delete the booth")}</button></form>
                })}
            </div>
            {taken.then(|| view! { <p class="muted">{t(lang, "Gian đã xếp cho đơn vị: muốn xoá hay khoá, hãy chuyển hoặc trả gian trong đơn đăng ký trước.", "The booth is assigned: move or vacate the application before deleting or blocking it.")}</p> })}
        </section>
    }
}

/// `/admin/events/{id}/booths/print`: the plan alone, to print on one page.
#[component]
pub fn PrintablePlan() -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=t(lang, "Sơ đồ gian hàng (bản in)", "Floor plan (print)") />
        <Suspense>
            {OnePass::after(async move {
                let plan = match event_id() {
                    Some(id) => get_floor_plan(id).await,
                    None => Err(crate::error::AppError::NotFound),
                };
                guarded(plan, lang, |plan| {
                    let hall = (plan.event.plan_width, plan.event.plan_height);
                    let shapes = plan_shapes(&plan.booths, None, |_| None);
                    view! {
                        <div class="print-sheet plan-sheet">
                            <p class="no-print"><a href=event_admin::plan(plan.event.id)>{t(lang, "← Quay lại sơ đồ", "← Back to the plan")}</a>
                                " · "{t(lang, "Dùng lệnh In của trình duyệt (Ctrl+P).", "Use the browser's Print (Ctrl+P).")}</p>
                            <h1>{plan.event.name.clone()}</h1>
                            <FloorPlan shapes lang hall=hall />
                        </div>
                    }.into_any()
                })
            })}
        </Suspense>
    }
}
