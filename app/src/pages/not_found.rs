use leptos::prelude::*;
use leptos_meta::Title;

use crate::i18n::{t, use_lang};

/// Answered with status 404 so that crawlers and monitors see the page is missing.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(axum::http::StatusCode::NOT_FOUND);
    }
    let lang = use_lang();
    view! {
        <Title text=t(lang, "Không tìm thấy trang", "Page not found") />
        <section class="notice">
            <h1>{t(lang, "Không tìm thấy trang", "Page not found")}</h1>
            <p>{t(lang, "Trang bạn tìm không tồn tại hoặc đã được chuyển đi.", "The page you are looking for does not exist or has moved.")}</p>
            <p><a href="/">{t(lang, "Về trang chủ", "Back to the home page")}</a></p>
        </section>
    }
}
