use leptos::prelude::*;

#[component]
pub fn SiteHeader() -> impl IntoView {
    view! {
        <a class="skip-link" href="#noi-dung">"Bỏ qua, đến nội dung chính"</a>
        <header class="site-header">
            <a class="brand" href="/">
                <span class="brand-mark" aria-hidden="true">"OCOP"</span>
                <span class="brand-text">
                    <strong>"OCOP Quảng Bình"</strong>
                    <small>"Mỗi xã một sản phẩm"</small>
                </span>
            </a>
        </header>
    }
}

#[component]
pub fn SiteFooter() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <p>"Cổng xúc tiến thương mại sản phẩm OCOP · Văn phòng Điều phối Chương trình OCOP tỉnh"</p>
            <p lang="en">"OCOP Market: One Commune One Product"</p>
        </footer>
    }
}
