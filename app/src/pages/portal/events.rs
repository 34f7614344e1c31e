//! A producer's events `/portal/events`: open fairs with their deadlines and the events it takes
//! part in; one event `/portal/events/{id}` to apply for a booth with chosen products (and change
//! or withdraw the application before the deadline), see the decision and its booth on the
//! plan; or, for a training, to register or cancel and see its place in the waiting list.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::portal::{portal_event, portal_events};
use crate::components::event_card::date_span;
use crate::components::field::{
    use_notice, CodeSelect, FieldMessage, FormRefused, Saved, TextArea, TextField,
};
use crate::components::floor_plan::{plan_shapes, FloorPlan};
use crate::components::guard::guarded;
use crate::components::one_pass::OnePass;
use crate::components::private_nav::PrivateNav;
use crate::format::vnd;
use crate::i18n::{t, use_lang, Lang};
use crate::model::events::status::{ApplicationStatus, PlaceStatus};
use crate::model::events::status::{Audience, EventKind};
use crate::model::form::use_echo;
use crate::model::ids::EventId;
use crate::model::notice::Notice;
use crate::model::participation::{PortalEvent, PortalEventDetail, MAX_PRODUCTS};
use crate::paths::portal_events;

/// Where the producer stands with an event, in words.
pub fn taking_part(event: &PortalEvent, lang: Lang) -> Option<String> {
    if let Some(status) = event.application {
        return Some(match &event.booth_code {
            Some(code) => format!(
                "{} · {} {code}",
                status.label(lang),
                t(lang, "gian", "booth")
            ),
            None => status.label(lang).to_owned(),
        });
    }
    event
        .registration
        .map(|status| status.label(lang).to_owned())
}

#[component]
pub fn PortalEvents() -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=t(lang, "Sự kiện", "Events") />
        <PrivateNav current="/portal/events" />
        <h1>{t(lang, "Hội chợ, triển lãm và tập huấn", "Fairs, exhibitions and training")}</h1>
        <Suspense>
            {OnePass::after(async move {
                guarded(portal_events().await, lang, |events| {
                    if events.is_empty() {
                        return view! { <p class="empty">{t(lang, "Chưa có sự kiện nào sắp diễn ra.", "No upcoming event.")}</p> }.into_any();
                    }
                    view! {
                        <ul class="event-list">
                            {events.into_iter().map(|event| {
                                let standing = taking_part(&event, lang);
                                let deadline = event.applications_close_on.unwrap_or(event.starts_on);
                                view! {
                                    <li class="event-card">
                                        <p class="event-kind">{event.kind.label(lang)}</p>
                                        <h2 class="h3"><a href=portal_events::event(event.id)>{event.name.clone()}</a></h2>
                                        <p class="event-when">{date_span(event.starts_on, event.ends_on)}" · "{event.venue.clone()}</p>
                                        <p>{if event.open {
                                            format!("{} {}", t(lang, "Nhận đăng ký đến hết ngày", "Open until"), deadline.shown())
                                        } else {
                                            t(lang, "Đã hết hạn đăng ký", "Applications closed").to_owned()
                                        }}</p>
                                        {standing.map(|text| view! { <p><strong>{t(lang, "Của bạn: ", "Yours: ")}{text}</strong></p> })}
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                })
            })}
        </Suspense>
    }
}

#[component]
pub fn PortalEventPage() -> impl IntoView {
    let lang = use_lang();
    let id = use_params_map()
        .with_untracked(|params| params.get("id").and_then(|id| id.parse::<EventId>().ok()));
    let notice = match use_notice() {
        Some(Notice::Sent) => Some(t(lang, "Đã gửi.", "Sent.")),
        Some(_) => Some(t(lang, "Đã lưu.", "Saved.")),
        None => None,
    };
    view! {
        <Title text=t(lang, "Sự kiện", "Event") />
        <PrivateNav current="/portal/events" />
        {notice.map(|text| view! { <Saved text /> })}
        <Suspense>
            {OnePass::after(async move {
                let found = match id {
                    Some(id) => portal_event(id).await,
                    None => Err(crate::error::AppError::NotFound),
                };
                guarded(found, lang, |detail| view! { <EventForProducer detail lang /> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn EventForProducer(detail: PortalEventDetail, lang: Lang) -> impl IntoView {
    let event = detail.event.clone();
    let deadline = event.applications_close_on.unwrap_or(event.starts_on);
    let training = event.kind == EventKind::Training;
    view! {
        <p class="breadcrumbs"><a href="/portal/events">{t(lang, "Sự kiện", "Events")}</a></p>
        <h1>{event.name.clone()}</h1>
        <p class="muted">
            {event.kind.label(lang)}" · "{date_span(event.starts_on, event.ends_on)}" · "
            {detail.venue.clone()}", "{detail.location.clone()}" · "
            <a href=format!("/fairs/{}", event.slug)>{t(lang, "Trang công khai", "Public page")}</a>
        </p>
        <p>{if detail.open {
            format!("{} {}", t(lang, "Nhận đăng ký đến hết ngày", "Open until"), deadline.shown())
        } else {
            t(lang, "Đã hết hạn đăng ký.", "Applications are closed.").to_owned()
        }}</p>
        <FormRefused />
        <FieldMessage name="event" />
        {if training {
            view! { <TrainingPlace detail=detail.clone() lang /> }.into_any()
        } else {
            view! { <BoothApplication detail lang /> }.into_any()
        }}
    }
}

#[component]
fn BoothApplication(detail: PortalEventDetail, lang: Lang) -> impl IntoView {
    let id = detail.event.id;
    let application = detail.application.clone();
    let status = application.as_ref().map(|a| a.status);
    let editable =
        detail.open && status.is_none_or(|s| s.open() || s == ApplicationStatus::Withdrawn);
    let may_withdraw =
        detail.open && status.is_some_and(|s| s.may_become(ApplicationStatus::Withdrawn));
    let own_booth = application.as_ref().and_then(|a| a.booth_id);
    let hall = (detail.event.plan_width, detail.event.plan_height);
    let shapes = plan_shapes(&detail.booths, own_booth, |_| None);
    view! {
        {application.clone().map(|mine| view! {
            <section class="status-box" aria-labelledby="don-cua-toi">
                <h2 id="don-cua-toi">{t(lang, "Đơn của bạn: ", "Your application: ")}{mine.status.label(lang)}</h2>
                {mine.booth_code.clone().map(|code| view! {
                    <p class="booth-code-big">{t(lang, "Gian của bạn: ", "Your booth: ")}<strong>{code}</strong></p>
                })}
                {mine.reason.clone().map(|reason| view! { <p>{t(lang, "Lý do: ", "Reason: ")}{reason}</p> })}
                <FieldMessage name="status" />
                {may_withdraw.then(|| view! {
                    <form method="post" action=portal_events::withdraw(id)>
                        <button type="submit" class="button danger">{t(lang, "Rút đơn", "Withdraw")}</button>
                    </form>
                })}
            </section>
        })}
        {(!shapes.is_empty()).then(|| view! {
            <section>
                <h2>{t(lang, "Sơ đồ gian hàng", "Floor plan")}</h2>
                {own_booth.is_some().then(|| view! { <p class="muted">{t(lang, "Gian của bạn được viền đậm.", "Your booth has a thick outline.")}</p> })}
                <FloorPlan shapes lang hall=hall />
            </section>
        })}
        {editable.then(|| view! { <ApplyForm detail=detail.clone() lang /> })}
    }
}

#[component]
fn ApplyForm(detail: PortalEventDetail, lang: Lang) -> impl IntoView {
    let id = detail.event.id;
    let echo = use_echo();
    let refused = !echo.errors.is_empty();
    let mine = detail.application.clone();
    let chosen: Vec<i64> = mine
        .as_ref()
        .map(|a| a.product_ids.clone())
        .unwrap_or_default();
    let types = detail
        .types
        .iter()
        .map(|kind| {
            let price = if kind.price == 0 {
                t(lang, "miễn phí", "free").to_owned()
            } else {
                vnd(kind.price, lang)
            };
            (
                kind.id.to_string(),
                format!("{} · {} m² · {price}", kind.name, kind.size_m2),
            )
        })
        .collect();
    let selected_type = mine
        .as_ref()
        .map(|a| a.booth_type_id.to_string())
        .unwrap_or_default();
    let product_error = echo.error("products", lang);
    let products_invalid = product_error.is_some().then_some("true");
    let resubmit = mine
        .as_ref()
        .is_some_and(|a| a.status != ApplicationStatus::Withdrawn);
    if detail.products.is_empty() {
        return view! {
            <p class="empty">{t(lang,
                "Bạn chưa có sản phẩm nào đang hiển thị: hãy đăng sản phẩm trước khi đăng ký gian hàng.",
                "You have no published product yet: publish one before applying for a booth.")}
                " "<a href="/portal/products">{t(lang, "Sản phẩm của tôi", "My products")}</a></p>
        }
        .into_any();
    }
    view! {
        <form method="post" action=portal_events::apply(id) class="stack-form">
            <h2>{if resubmit { t(lang, "Sửa đơn đăng ký", "Change your application") } else { t(lang, "Đăng ký gian hàng", "Apply for a booth") }}</h2>
            <CodeSelect name="booth_type_id" label=t(lang, "Loại gian hàng", "Booth type") options=types selected=selected_type required=true empty=t(lang, "— Chọn —", "— Choose —") />
            <fieldset aria-describedby="f-products-error" aria-invalid=products_invalid>
                <legend>{t(lang, "Sản phẩm sẽ trưng bày", "Products to show")}" *"</legend>
                <p class="hint">{match lang {
                    Lang::Vi => format!("Chọn từ 1 đến {MAX_PRODUCTS} sản phẩm đang hiển thị của bạn."),
                    Lang::En => format!("Choose 1 to {MAX_PRODUCTS} of your published products."),
                }}</p>
                {detail.products.iter().map(|product| {
                    let name = format!("product-{}", product.id);
                    let checked = if refused { echo.value(&name).is_some() } else { chosen.contains(&product.id) };
                    view! {
                        <label class="check">
                            <input type="checkbox" name=name checked=checked />" "{product.name.clone()}
                            {product.stars.map(|stars| format!(" · {stars}★"))}
                        </label>
                    }
                }).collect_view()}
                <p class="field-error" id="f-products-error">{product_error}</p>
            </fieldset>
            <TextArea name="message" label=t(lang, "Lời nhắn cho ban tổ chức", "Message to the organisers") value=mine.map(|a| a.message).unwrap_or_default() max=1000 rows=3 />
            <button type="submit" class="button">{if resubmit { t(lang, "Lưu thay đổi", "Save changes") } else { t(lang, "Gửi đơn", "Send the application") }}</button>
        </form>
    }
    .into_any()
}

#[component]
fn TrainingPlace(detail: PortalEventDetail, lang: Lang) -> impl IntoView {
    let id = detail.event.id;
    let place = detail
        .place
        .clone()
        .filter(|p| p.status != PlaceStatus::Cancelled);
    let left = detail.places_left.map(|left| match lang {
        Lang::Vi if left == 0 => "Đã kín chỗ: đăng ký mới sẽ vào danh sách chờ.".to_owned(),
        Lang::En if left == 0 => "Full: new registrations go to the waiting list.".to_owned(),
        Lang::Vi => format!("Còn {left} chỗ."),
        Lang::En => format!("{left} places left."),
    });
    view! {
        {detail.event.audience.map(|audience| view! { <p>{t(lang, "Dành cho: ", "For: ")}{audience.label(lang)}</p> })}
        {left.map(|text| view! { <p><strong>{text}</strong></p> })}
        {match place {
            Some(place) => view! {
                <section class="status-box" aria-labelledby="cho-cua-toi">
                    <h2 id="cho-cua-toi">{t(lang, "Chỗ của bạn: ", "Your place: ")}{place.status.label(lang)}</h2>
                    <p>{place.name.clone()}</p>
                    {place.waiting_position.map(|n| view! {
                        <p>{match lang {
                            Lang::Vi => format!("Bạn đứng thứ {n} trong danh sách chờ; bạn sẽ được báo khi có chỗ."),
                            Lang::En => format!("You are number {n} on the waiting list; you will be told when a place frees."),
                        }}</p>
                    })}
                    <form method="post" action=portal_events::cancel_place(id)>
                        <button type="submit" class="button danger">{t(lang, "Huỷ đăng ký", "Cancel my place")}</button>
                    </form>
                </section>
            }.into_any(),
            None if detail.event.audience == Some(Audience::CommuneStaff) => view! {
                <p class="empty">{t(lang, "Khoá này dành cho cán bộ cấp xã: văn phòng OCOP đăng ký cho họ.", "This training is for commune staff: the OCOP office registers them.")}</p>
            }.into_any(),
            None if detail.open => view! {
                <form method="post" action=portal_events::book_place(id) class="stack-form">
                    <h2>{t(lang, "Đăng ký tham dự", "Register")}</h2>
                    <div class="field-row">
                        <TextField name="attendee_name" label=t(lang, "Người tham dự", "Who attends") value="" required=true max=100 autocomplete="name" />
                        <TextField name="organisation" label=t(lang, "Đơn vị", "Organisation") value="" required=true max=200 />
                    </div>
                    <div class="field-row">
                        <TextField name="phone" kind="tel" label=t(lang, "Điện thoại", "Phone") value="" max=20 autocomplete="tel" />
                        <TextField name="email" kind="email" label="Email" value="" max=254 autocomplete="email" />
                    </div>
                    <button type="submit" class="button">{t(lang, "Đăng ký", "Register")}</button>
                </form>
            }.into_any(),
            None => view! { <p class="empty">{t(lang, "Đã hết hạn đăng ký.", "Registration is closed.")}</p> }.into_any(),
        }}
    }
}
