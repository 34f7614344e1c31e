//! The producer's inbox of consumers' inquiries: filtered by status, each opened to answer.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::portal::{inquiry_inbox, mark_inquiry_read, open_inquiry};
use crate::components::field::{use_notice, FormRefused, Saved};
use crate::components::guard::guarded;
use crate::components::one_pass::OnePass;
use crate::components::pagination::Pagination;
use crate::components::private_nav::PrivateNav;
use crate::i18n::{t, use_lang};
use crate::model::catalogue::encode;
use crate::model::detail::{tel_url, zalo_url};
use crate::model::inquiry::InquiryStatus;
use crate::model::notice::Notice;
use crate::paths::portal;

#[component]
pub fn PortalInbox() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map().get_untracked();
    let (status, page) = (query.get("status"), query.get("page"));
    view! {
        <Title text=t(lang, "Hộp thư", "Inbox") />
        <PrivateNav current="/portal/inquiries" />
        <h1>{t(lang, "Câu hỏi của khách hàng", "Customers' inquiries")}</h1>
        <Suspense>
            {OnePass::after(async move {
                guarded(inquiry_inbox(status, page).await, lang, |inbox| {
                    let counts = std::iter::once((None, inbox.counts.total()))
                        .chain(InquiryStatus::ALL.iter().map(|status| (Some(*status), inbox.counts.of(*status))));
                    let current = inbox.status;
                    let base = current.map_or_else(|| "/portal/inquiries".to_owned(), |s| format!("/portal/inquiries?status={s}"));
                    view! {
                        <nav class="star-filter" aria-label=t(lang, "Lọc theo trạng thái", "Filter by status")>
                            {counts.map(|(status, count)| {
                                let href = status.map_or_else(|| "/portal/inquiries".to_owned(), |s| format!("/portal/inquiries?status={s}"));
                                let label = status.map_or(t(lang, "Tất cả", "All"), |s| s.label(lang));
                                let active = current == status;
                                view! { <a class="chip" href=href aria-current=active.then_some("true")>{label}" ("{count}")"</a> }
                            }).collect_view()}
                        </nav>
                        {if inbox.inquiries.items.is_empty() {
                            view! { <p class="empty">{t(lang, "Chưa có câu hỏi nào.", "No inquiries yet.")}</p> }.into_any()
                        } else {
                            view! {
                                <ul class="own-list">
                                    {inbox.inquiries.items.clone().into_iter().map(|inquiry| view! {
                                        <li class="own-item" class:unread=inquiry.status == InquiryStatus::New>
                                            <div>
                                                <a class="own-name" href=format!("/portal/inquiries/{}", inquiry.id)>{inquiry.name}</a>
                                                <p class="small-line">
                                                    {inquiry.status.label(lang)}" · "{inquiry.created_at.day().shown()}
                                                    {inquiry.product_name.map(|name| format!(" · {name}"))}
                                                </p>
                                                <p>{inquiry.excerpt}</p>
                                            </div>
                                        </li>
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        }}
                        <Pagination number=inbox.inquiries.number per_page=inbox.inquiries.per_page total=inbox.inquiries.total
                            href=move |page| page.of(&base) lang />
                    }.into_any()
                })
            })}
        </Suspense>
    }
}

#[component]
pub fn PortalInquiry() -> impl IntoView {
    let lang = use_lang();
    let id = use_params_map()
        .with_untracked(|params| params.get("id").and_then(|id| id.parse::<i64>().ok()));
    let saved = use_notice() == Some(Notice::Saved);
    view! {
        <Title text=t(lang, "Câu hỏi", "Inquiry") />
        <PrivateNav current="/portal/inquiries" />
        <Suspense>
            {OnePass::after(async move {
                let inquiry = match id {
                    Some(id) => open_inquiry(id).await,
                    None => Err(crate::error::AppError::NotFound),
                };
                guarded(inquiry, lang, |inquiry| {
                    let subject = inquiry.product_name.clone().map_or_else(|| "Trả lời câu hỏi của bạn".to_owned(), |name| format!("Về sản phẩm {name}"));
                    view! {
                        <h1>{t(lang, "Câu hỏi của ", "Inquiry from ")}{inquiry.name.clone()}</h1>
                        {saved.then(|| view! { <Saved text=t(lang, "Đã cập nhật trạng thái.", "Status updated.") /> })}
                        <p class="muted">
                            {inquiry.created_at.day().shown()}
                            {inquiry.product_slug.clone().zip(inquiry.product_name.clone()).map(|(slug, name)| view! { " · "<a href=format!("/products/{slug}")>{name}</a> })}
                        </p>
                        <blockquote class="inquiry-message">{inquiry.message.clone()}</blockquote>
                        {(inquiry.status == InquiryStatus::New).then(|| view! { <MarkRead id=inquiry.id /> })}
                        <h2>{t(lang, "Trả lời", "Answer")}</h2>
                        <p class="contact-actions">
                            {inquiry.email.clone().map(|email| view! {
                                <a class="button" href=format!("mailto:{email}?subject={}", encode(&subject))>{t(lang, "Trả lời qua email", "Answer by email")}</a>
                            })}
                            {inquiry.phone.clone().map(|phone| view! {
                                <a class="button secondary" href=tel_url(&phone)>{t(lang, "Gọi ", "Call ")}{phone.clone()}</a>
                                <a class="button secondary" href=zalo_url(&phone) rel="external noopener" target="_blank">"Zalo"</a>
                            })}
                        </p>
                        <FormRefused />
                        <form method="post" action=portal::inquiry(inquiry.id) class="inline-form">
                            <label for="f-status">{t(lang, "Trạng thái", "Status")}</label>
                            <select id="f-status" name="status">
                                {InquiryStatus::ALL.iter().map(|status| view! {
                                    <option value=status.as_db() selected=*status == inquiry.status>{status.label(lang)}</option>
                                }).collect_view()}
                            </select>
                            <button type="submit" class="button">{t(lang, "Lưu", "Save")}</button>
                        </form>
                        <p><a href="/portal/inquiries">{t(lang, "← Về hộp thư", "← Back to the inbox")}</a></p>
                    }.into_any()
                })
            })}
        </Suspense>
    }
}

/// Marks a new inquiry read once its page is in front of the producer: a POST from the
/// browser, never the GET that rendered the page, which prefetches and reloads also send.
/// Without JavaScript the status form below does it.
#[island]
fn MarkRead(id: i64) -> impl IntoView {
    Effect::new(move |_| {
        leptos::task::spawn_local(async move {
            // Failing to mark it read costs nothing: it stays new in the inbox.
            let _ = mark_inquiry_read(id).await;
        });
    });
}
