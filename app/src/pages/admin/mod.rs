//! The staff pages `/admin`: the review queue, producers and accounts, the audit log.

pub mod audit;
pub mod producers;
pub mod reviews;

use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use crate::api::account::current_account;
use crate::components::guard::guarded;
use crate::i18n::{t, use_lang};
use crate::model::account::Role;

#[component]
pub fn AdminNav(current: &'static str) -> impl IntoView {
    let lang = use_lang();
    let links = [
        ("/admin", t(lang, "Tổng quan", "Overview")),
        ("/admin/reviews", t(lang, "Duyệt sản phẩm", "Reviews")),
        ("/admin/producers", t(lang, "Nhà sản xuất", "Producers")),
        ("/admin/staff", t(lang, "Cán bộ", "Staff")),
        ("/admin/audit", t(lang, "Nhật ký", "Audit log")),
        ("/account", t(lang, "Tài khoản", "Account")),
    ];
    view! {
        <Meta name="robots" content="noindex" />
        <nav class="sub-nav" aria-label=t(lang, "Trang cán bộ", "Staff pages")>
            {links.into_iter().map(|(href, label)| view! { <a href=href aria-current=(href == current).then_some("page")>{label}</a> }).collect_view()}
        </nav>
    }
}

#[component]
pub fn AdminHome() -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=t(lang, "Trang cán bộ", "Staff pages") />
        <AdminNav current="/admin" />
        <Suspense>
            {Suspend::new(async move {
                let viewer = current_account().await.and_then(|viewer| viewer.require_staff().map(|()| viewer));
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
