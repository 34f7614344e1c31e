//! The producer portal `/portal`: the producer's own shop window.

pub mod events;
pub mod inquiries;
pub mod listings;
pub mod ocop;
pub mod profile;
pub mod stamps;

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::portal::portal_dashboard;
use crate::components::guard::guarded;
use crate::components::one_pass::OnePass;
use crate::components::private_nav::PrivateNav;
use crate::i18n::{t, use_lang};

#[component]
pub fn PortalHome() -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=t(lang, "Cổng nhà sản xuất", "Producer portal") />
        <PrivateNav current="/portal" />
        <Suspense>
            {OnePass::after(async move {
                guarded(portal_dashboard().await, lang, |board| view! {
                    <h1>{board.producer_name.clone()}</h1>
                    <p><a href=format!("/producers/{}", board.producer_slug)>{t(lang, "Xem trang công khai", "See the public page")}</a></p>
                    <dl class="figures">
                        <div class="figure"><dt><a href="/portal/inquiries?status=new">{t(lang, "Câu hỏi mới", "New inquiries")}</a></dt><dd>{board.new_inquiries}</dd></div>
                        <div class="figure"><dt><a href="/portal/products">{t(lang, "Chờ duyệt", "Waiting for review")}</a></dt><dd>{board.waiting_review}</dd></div>
                        <div class="figure"><dt><a href="/portal/products">{t(lang, "Bị từ chối", "Rejected")}</a></dt><dd>{board.rejected}</dd></div>
                        <div class="figure"><dt>{t(lang, "Chứng nhận sắp hết hạn", "Certificates expiring")}</dt><dd>{board.expiring.len()}</dd></div>
                    </dl>
                    <h2>{t(lang, "Chứng nhận hết hạn trong 90 ngày", "Certificates expiring within 90 days")}</h2>
                    {if board.expiring.is_empty() {
                        view! { <p class="empty">{t(lang, "Không có.", "None.")}</p> }.into_any()
                    } else {
                        view! {
                            <ul>
                                {board.expiring.into_iter().map(|c| view! {
                                    <li>{c.product_name}" · "{c.stars.get()}"★ · "{t(lang, "hết hạn ", "expires ")}{c.expires_on.shown()}</li>
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                    <h2>{t(lang, "Thông báo của Văn phòng OCOP", "From the OCOP office")}</h2>
                    {if board.notices.is_empty() {
                        view! { <p class="empty">{t(lang, "Chưa có thông báo.", "No notices.")}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="notices">
                                {board.notices.into_iter().map(|notice| view! {
                                    <li><span class="muted">{notice.created_at.day().shown()}</span>" · "{notice.text(lang).to_owned()}</li>
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                    <h2>{t(lang, "Sự kiện sắp tới bạn tham gia", "Upcoming events you take part in")}</h2>
                    {if board.events.is_empty() {
                        view! { <p class="empty">{t(lang, "Chưa đăng ký sự kiện nào sắp diễn ra.", "No upcoming event applied or registered for.")}" "
                            <a href="/portal/events">{t(lang, "Xem các sự kiện đang nhận đăng ký", "See the events taking applications")}</a></p> }.into_any()
                    } else {
                        view! {
                            <ul>
                                {board.events.into_iter().map(|event| {
                                    let standing = events::taking_part(&event, lang).unwrap_or_default();
                                    view! {
                                        <li><a href=format!("/portal/events/{}", event.id)>{event.name}</a>" · "{event.starts_on.shown()}" · "{standing}</li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                }.into_any())
            })}
        </Suspense>
    }
}
