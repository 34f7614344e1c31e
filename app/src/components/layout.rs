use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::components::one_pass::OnePass;
use crate::i18n::{t, use_lang};
use crate::model::catalogue::encode;
use crate::model::office::Office;

#[component]
pub fn SiteHeader() -> impl IntoView {
    let lang = use_lang();
    let office = Office::current();
    let location = use_location();
    let here = {
        let search = location.search.get_untracked();
        let path = location.pathname.get_untracked();
        if search.is_empty() {
            path
        } else {
            format!("{path}?{search}")
        }
    };
    let switch_href = format!("/lang/{}?back={}", lang.other().code(), encode(&here));
    let nav = [
        ("/products", t(lang, "Sản phẩm", "Products")),
        ("/producers", t(lang, "Nhà sản xuất", "Producers")),
        ("/fairs", t(lang, "Hội chợ", "Fairs")),
        ("/news", t(lang, "Tin tức", "News")),
        ("/stats", t(lang, "Thống kê", "Statistics")),
    ];
    let current = location.pathname.get_untracked();
    #[cfg(feature = "ssr")]
    let viewer = crate::auth::viewer();
    #[cfg(not(feature = "ssr"))]
    let viewer: Option<crate::model::account::Viewer> = None;
    OnePass(view! {
        <a class="skip-link" href="#content">{t(lang, "Bỏ qua, đến nội dung chính", "Skip to main content")}</a>
        <header class="site-header">
            <div class="header-row">
                <a class="brand" href="/">
                    {match office.logo.clone() {
                        Some(src) => view! { <img class="brand-logo" src=src alt="" width="40" height="40" /> }.into_any(),
                        None => view! { <span class="brand-mark" aria-hidden="true">"OCOP"</span> }.into_any(),
                    }}
                    <span class="brand-text">
                        <strong>{office.short_name.get(lang).to_owned()}</strong>
                        <small>{t(lang, "Mỗi xã một sản phẩm", "One Commune One Product")}</small>
                    </span>
                </a>
                <div class="header-tools">
                    <AccountLinks viewer />
                    <a class="lang-switch" href=switch_href hreflang=lang.other().code() lang=lang.other().code()>
                        {t(lang, "English", "Tiếng Việt")}
                    </a>
                </div>
            </div>
            <form class="header-search" action="/products" method="get" role="search">
                <label for="header-q" class="visually-hidden">{t(lang, "Tìm sản phẩm", "Search products")}</label>
                <input
                    id="header-q"
                    name="q"
                    type="search"
                    maxlength="100"
                    placeholder=t(lang, "Tìm nước mắm, tỏi đen, đũa gỗ…", "Search fish sauce, black garlic…")
                />
                <button type="submit" class="button">{t(lang, "Tìm", "Search")}</button>
            </form>
            <nav class="main-nav" aria-label=t(lang, "Điều hướng chính", "Main navigation")>
                {nav
                    .into_iter()
                    .map(|(href, label)| {
                        let active = current == href || current.starts_with(&format!("{href}/"));
                        view! { <a href=href aria-current=active.then_some("page")>{label}</a> }
                    })
                    .collect_view()}
            </nav>
        </header>
    })
}

/// Sign in, or for a signed-in account: its own side of the site with what waits there, and
/// signing out (a form: signing out changes state, so it is a POST).
#[component]
fn AccountLinks(viewer: Option<crate::model::account::Viewer>) -> impl IntoView {
    let lang = use_lang();
    match viewer {
        None => {
            view! { <a class="account-link" href="/login">{t(lang, "Đăng nhập", "Sign in")}</a> }
                .into_any()
        }
        Some(viewer) => {
            use crate::model::account::Role;
            let (label, waiting_label) = match viewer.role {
                Role::Producer => (
                    t(lang, "Cổng nhà sản xuất", "Producer portal"),
                    t(lang, "câu hỏi mới", "new inquiries"),
                ),
                Role::Commune => (
                    t(lang, "Trang cán bộ xã", "Commune officer's pages"),
                    t(lang, "hồ sơ chờ xã xem xét", "dossiers waiting for review"),
                ),
                Role::Admin | Role::Staff => (
                    t(lang, "Trang cán bộ", "Staff pages"),
                    t(lang, "chờ duyệt", "waiting for review"),
                ),
            };
            view! {
                <a class="account-link" href=viewer.home()>
                    {label}
                    {(viewer.waiting > 0).then(|| view! { " "<span class="count">{viewer.waiting}<span class="visually-hidden">" "{waiting_label}</span></span> })}
                </a>
                <form method="post" action="/logout" class="logout-form">
                    <button type="submit" class="link-button on-dark">{t(lang, "Đăng xuất", "Sign out")}</button>
                </form>
            }.into_any()
        }
    }
}

#[component]
pub fn SiteFooter() -> impl IntoView {
    let lang = use_lang();
    let office = Office::current();
    // How to reach the office, each part only once an admin has set it.
    let phone = (!office.phone.is_empty()).then(|| {
        let tel: String = office
            .phone
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == '+')
            .collect();
        view! { <a href=format!("tel:{tel}")>{office.phone.clone()}</a> }
    });
    let email = (!office.email.is_empty())
        .then(|| view! { <a href=format!("mailto:{}", office.email)>{office.email.clone()}</a> });
    let address = (!office.address.is_empty()).then(|| office.address.clone());
    let hours = (!office.hours.get(lang).is_empty()).then(|| office.hours.get(lang).to_owned());
    let reach = [
        address.is_some(),
        phone.is_some(),
        email.is_some(),
        hours.is_some(),
    ]
    .contains(&true)
    .then(|| {
        view! {
            <address>
                {address.map(|a| view! { <span>{a}</span>" " })}
                {phone.map(|p| view! { <span>{t(lang, "Điện thoại: ", "Phone: ")}{p}</span>" " })}
                {email.map(|e| view! { <span>{e}</span>" " })}
                {hours.map(|h| view! { <span>{t(lang, "Giờ làm việc: ", "Hours: ")}{h}</span> })}
            </address>
        }
    });
    OnePass(view! {
        <footer class="site-footer">
            <p>
                {t(lang, "Cổng xúc tiến thương mại sản phẩm OCOP · ", "OCOP trade-promotion portal · ")}
                {office.name.get(lang).to_owned()}
            </p>
            {reach}
            <p>
                <a href="/feed.xml" rel="external">{t(lang, "Tin mới (Atom)", "News feed (Atom)")}</a>
                " · "
                <a href="/data">{t(lang, "Dữ liệu mở", "Open data")}</a>
            </p>
        </footer>
    })
}
