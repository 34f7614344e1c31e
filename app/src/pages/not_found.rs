use leptos::prelude::*;
use leptos_meta::Title;

/// Answered with status 404 so that crawlers and monitors see the page is missing.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(axum::http::StatusCode::NOT_FOUND);
    }
    view! {
        <Title text="Không tìm thấy trang" />
        <section class="notice">
            <h1>"Không tìm thấy trang"</h1>
            <p>"Trang bạn tìm không tồn tại hoặc đã được chuyển đi."</p>
            <p><a href="/">"Về trang chủ"</a></p>
        </section>
    }
}
