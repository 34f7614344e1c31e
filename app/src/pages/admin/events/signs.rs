//! Booth signs `/admin/events/{id}/signs`: one A4 sheet per assigned booth, to print
//! and stand at the booth: its code, the producer, its certified products with their stars,
//! and a QR code to the producer's page.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::event_admin::event_exhibitors;
use crate::components::guard::guarded;
use crate::components::one_pass::OnePass;
use crate::components::private_nav::PrivateNav;
use crate::components::qr::QrCode;
use crate::i18n::{t, use_lang};
use crate::site::use_public_url;

use super::EventTabs;
use crate::model::ids::EventId;

#[component]
pub fn BoothSigns() -> impl IntoView {
    let lang = use_lang();
    let id = use_params_map()
        .with_untracked(|params| params.get("id").and_then(|id| id.parse::<EventId>().ok()));
    let public_url = use_public_url();
    view! {
        <Title text=t(lang, "Biển gian hàng", "Booth signs") />
        <div class="no-print"><PrivateNav current="/admin/events" /></div>
        <Suspense>
            {OnePass::after(async move {
                let found = match id {
                    Some(id) => event_exhibitors(id).await,
                    None => Err(crate::error::AppError::NotFound),
                };
                let public_url = public_url.clone();
                guarded(found, lang, move |(head, exhibitors)| {
                    let event_name = head.name.clone();
                    let signs = exhibitors
                        .into_iter()
                        .filter_map(|row| row.booth_code.clone().map(|code| (code, row)))
                        .map(|(code, row)| {
                            let url = public_url.join(&format!("/producers/{}", row.producer_slug));
                            let label = format!("{} {}", t(lang, "Mã QR đến trang của", "QR code to the page of"), row.producer_name);
                            view! {
                                <article class="booth-sign">
                                    <p class="sign-event">{event_name.clone()}</p>
                                    <p class="sign-code">{code}</p>
                                    <h2 class="sign-producer">{row.producer_name.clone()}</h2>
                                    {(!row.star_products.is_empty()).then(|| view! {
                                        <p class="sign-products">{row.star_products.clone()}</p>
                                    })}
                                    <QrCode url=url.clone() label />
                                    <p class="sign-url">{url}</p>
                                </article>
                            }
                        })
                        .collect::<Vec<_>>();
                    view! {
                        <div class="no-print">
                            <EventTabs head current="/signs" />
                            <p class="muted">{t(lang,
                                "Mỗi gian đã xếp một trang A4. Dùng lệnh In của trình duyệt (Ctrl+P); phần điều hướng không được in.",
                                "One A4 page per assigned booth. Use the browser's Print (Ctrl+P); the navigation is not printed.")}</p>
                        </div>
                        {if signs.is_empty() {
                            view! { <p class="empty">{t(lang, "Chưa có gian nào được xếp.", "No booth is assigned yet.")}</p> }.into_any()
                        } else {
                            view! { <div class="booth-signs">{signs}</div> }.into_any()
                        }}
                    }.into_any()
                })
            })}
        </Suspense>
    }
}
