//! The staff pages `/admin`: the review queue, producers and accounts, the OCOP cycle, events,
//! news, reports and the product handbook, the audit log.

pub mod audit;
pub mod cycles;
pub mod events;
pub mod handbook;
pub mod import;
pub mod news;
pub mod producers;
pub mod reports;
pub mod reviews;
pub mod settings;
pub mod staff;
pub mod units;

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::account::current_account;
use crate::components::guard::guarded;
use crate::components::one_pass::OnePass;
use crate::components::private_nav::PrivateNav;
use crate::i18n::{t, use_lang};
use crate::model::account::Role;

#[component]
pub fn AdminHome() -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=t(lang, "Trang cán bộ", "Staff pages") />
        <PrivateNav current="/admin" />
        <Suspense>
            {OnePass::after(async move {
                let viewer = current_account().await.and_then(|viewer| viewer.staff().map(|_| viewer));
                guarded(viewer, lang, |viewer| view! {
                    <h1>{t(lang, "Xin chào, ", "Hello, ")}{viewer.display_name.clone()}</h1>
                    <dl class="figures">
                        <div class="figure"><dt><a href="/admin/reviews">{t(lang, "Sản phẩm chờ duyệt", "Listings waiting for review")}</a></dt><dd>{viewer.waiting}</dd></div>
                    </dl>
                    <p class="muted">{match viewer.role {
                        Role::Admin => t(lang, "Quản trị viên: quản lý cả tài khoản cán bộ.", "Administrator: also manages staff accounts."),
                        _ => t(lang, "Cán bộ Văn phòng OCOP.", "OCOP office staff."),
                    }}</p>
                }.into_any())
            })}
        </Suspense>
    }
}
