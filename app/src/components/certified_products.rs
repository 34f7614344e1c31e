//! The browsable list of certified products on the home page: an island, so the star filter
//! and "load more" fetch through a server function without reloading the page. Without
//! JavaScript the same links load the filtered or next page from the server.

use leptos::prelude::*;

use crate::api::products::certified_products;
use crate::components::product_card::ProductCardView;
use crate::i18n::{t, Lang};
use crate::model::page::Page;
use crate::model::product::ProductCard;

/// The address of the home page showing one filter and page; shareable and bookmarkable.
pub fn home_url(star: Option<u8>, page: Option<u32>) -> String {
    let mut params = Vec::new();
    if let Some(star) = star {
        params.push(format!("star={star}"));
    }
    if let Some(page) = page.filter(|&p| p > 1) {
        params.push(format!("page={page}"));
    }
    if params.is_empty() {
        "/".to_owned()
    } else {
        format!("/?{}", params.join("&"))
    }
}

/// Keeps the address bar in step with the list, so a copied link shows the same filter.
fn show_address(url: &str) {
    #[cfg(feature = "hydrate")]
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&leptos::wasm_bindgen::JsValue::NULL, "", Some(url));
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = url;
}

fn filter_label(star: Option<u8>, lang: Lang) -> String {
    match (star, lang) {
        (None, _) => t(lang, "Tất cả", "All").to_owned(),
        (Some(stars), Lang::Vi) => format!("{stars} sao"),
        (Some(stars), Lang::En) => format!("{stars} stars"),
    }
}

#[island]
pub fn CertifiedProducts(
    initial: Page<ProductCard>,
    star: Option<u8>,
    lang: Lang,
) -> impl IntoView {
    let per_page = initial.per_page;
    let star = RwSignal::new(star);
    let items = RwSignal::new(initial.items);
    let number = RwSignal::new(initial.number);
    let total = RwSignal::new(initial.total);
    let loading = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    // Effects run only in the browser: this marks the island as live once hydrated.
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));

    let load = move |wanted_star: Option<u8>, page: u32| {
        loading.set(true);
        error.set(None);
        leptos::task::spawn_local(async move {
            match certified_products(wanted_star, page).await {
                Ok(result) => {
                    if page > 1 {
                        items.update(|list| list.extend(result.items));
                    } else {
                        items.set(result.items);
                    }
                    number.set(result.number);
                    total.set(result.total);
                    star.set(wanted_star);
                    show_address(&home_url(wanted_star, None));
                }
                Err(failure) => error.set(Some(failure.message(lang))),
            }
            loading.set(false);
        });
    };

    let has_more = move || u64::from(number.get()) * u64::from(per_page) < total.get();
    let filters = [None, Some(3), Some(4), Some(5)].map(|option| {
        view! {
            <a
                href=home_url(option, None)
                class="chip"
                aria-current=move || (star.get() == option).then_some("true")
                on:click=move |event| {
                    event.prevent_default();
                    load(option, 1);
                }
            >
                {filter_label(option, lang)}
            </a>
        }
    });

    view! {
        <div class="certified-products" data-hydrated=move || hydrated.get().to_string()>
            <nav class="star-filter" aria-label=t(lang, "Lọc theo hạng sao", "Filter by stars")>{filters}</nav>
            <p class="list-status" role="status" aria-live="polite">
                {move || {
                    let shown = items.with(Vec::len);
                    match (loading.get(), lang) {
                        (true, _) => t(lang, "Đang tải…", "Loading…").to_owned(),
                        (false, Lang::Vi) => format!("Đang hiển thị {shown} trên {} sản phẩm", total.get()),
                        (false, Lang::En) => format!("Showing {shown} of {} products", total.get()),
                    }
                }}
            </p>
            {move || error.get().map(|message| view! { <p class="error" role="alert">{message}</p> })}
            <ul class="product-grid">
                <For each=move || items.get() key=|card| card.slug.clone() let:card>
                    <ProductCardView card lang />
                </For>
            </ul>
            <Show when=move || items.with(Vec::is_empty) && !loading.get()>
                <p class="empty">{t(lang, "Chưa có sản phẩm nào ở hạng sao này.", "No product with this rating yet.")}</p>
            </Show>
            <Show when=has_more>
                <a
                    class="button load-more"
                    href=move || home_url(star.get(), Some(number.get() + 1))
                    on:click=move |event| {
                        event.prevent_default();
                        if !loading.get_untracked() {
                            load(star.get_untracked(), number.get_untracked() + 1);
                        }
                    }
                >
                    {t(lang, "Xem thêm sản phẩm", "Show more products")}
                </a>
            </Show>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_leave_out_defaults() {
        assert_eq!(home_url(None, None), "/");
        assert_eq!(home_url(None, Some(1)), "/");
        assert_eq!(home_url(Some(4), None), "/?star=4");
        assert_eq!(home_url(Some(5), Some(3)), "/?star=5&page=3");
        assert_eq!(home_url(None, Some(2)), "/?page=2");
    }
}
