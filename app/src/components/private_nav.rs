//! The navigation above every page of the private side (the producer portal, the staff pages,
//! one's account): only the places the signed-in account may open, so that no link leads to
//! a refusal.

use leptos::prelude::*;
use leptos_meta::Meta;

use crate::i18n::{t, use_lang, Lang};
use crate::model::account::{Place, Role, Viewer};

fn places(lang: Lang) -> [(&'static str, &'static str, Place); 20] {
    [
        ("/portal", t(lang, "Tổng quan", "Overview"), Place::Portal),
        (
            "/portal/products",
            t(lang, "Sản phẩm", "Products"),
            Place::Portal,
        ),
        (
            "/portal/inquiries",
            t(lang, "Hộp thư", "Inbox"),
            Place::Portal,
        ),
        ("/portal/ocop", t(lang, "OCOP", "OCOP"), Place::Portal),
        (
            "/portal/events",
            t(lang, "Sự kiện", "Events"),
            Place::Portal,
        ),
        (
            "/portal/profile",
            t(lang, "Hồ sơ", "Profile"),
            Place::Portal,
        ),
        (
            "/commune",
            t(lang, "Hồ sơ OCOP của xã", "The commune's OCOP"),
            Place::Commune,
        ),
        ("/admin", t(lang, "Tổng quan", "Overview"), Place::Staff),
        (
            "/admin/reviews",
            t(lang, "Duyệt sản phẩm", "Reviews"),
            Place::Staff,
        ),
        (
            "/admin/producers",
            t(lang, "Nhà sản xuất", "Producers"),
            Place::Staff,
        ),
        (
            "/admin/cycles",
            t(lang, "Chu trình OCOP", "OCOP cycle"),
            Place::Staff,
        ),
        ("/admin/events", t(lang, "Sự kiện", "Events"), Place::Staff),
        ("/admin/news", t(lang, "Tin tức", "News"), Place::Staff),
        (
            "/admin/reports",
            t(lang, "Báo cáo", "Reports"),
            Place::Staff,
        ),
        ("/admin/staff", t(lang, "Cán bộ", "Staff"), Place::Admin),
        (
            "/admin/settings",
            t(lang, "Cài đặt", "Settings"),
            Place::Admin,
        ),
        (
            "/admin/units",
            t(lang, "Đơn vị hành chính", "Units"),
            Place::Admin,
        ),
        (
            "/admin/import",
            t(lang, "Nhập dữ liệu", "Import"),
            Place::Admin,
        ),
        (
            "/admin/audit",
            t(lang, "Nhật ký", "Audit log"),
            Place::Staff,
        ),
        ("/account", t(lang, "Tài khoản", "Account"), Place::Account),
    ]
}

#[component]
pub fn PrivateNav(current: &'static str) -> impl IntoView {
    let lang = use_lang();
    #[cfg(feature = "ssr")]
    let viewer = crate::auth::viewer();
    #[cfg(not(feature = "ssr"))]
    let viewer: Option<Viewer> = None;
    let nav = viewer.map(|viewer: Viewer| {
        let label = match viewer.role {
            Role::Producer => t(lang, "Cổng nhà sản xuất", "Producer portal"),
            Role::Admin | Role::Staff => t(lang, "Trang cán bộ", "Staff pages"),
            Role::Commune => t(lang, "Trang cán bộ xã", "Commune officer's pages"),
        };
        let links = places(lang)
            .into_iter()
            .filter(|(_, _, place)| viewer.may_open(*place))
            .map(|(href, text, _)| {
                view! { <a href=href aria-current=(href == current).then_some("page")>{text}</a> }
            })
            .collect_view();
        view! { <nav class="sub-nav" aria-label=label>{links}</nav> }
    });
    view! {
        <Meta name="robots" content="noindex" />
        {nav}
    }
}
