//! The catalogue `/products`: search, facets with counts, sorting, pages. Every state is in
//! the address, and the page is plain links and a GET form, so it works without JavaScript;
//! with it, the islands router swaps the page in place.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

use crate::api::catalogue::browse_catalogue;
use crate::components::one_pass::OnePass;
use crate::components::pagination::Pagination;
use crate::components::product_card::ProductCardView;
use crate::format::grouped;
use crate::i18n::{t, use_lang, Lang};
use crate::model::catalogue::{Catalogue, CatalogueQuery, Facet, FacetValue, Sort};
use crate::model::producer::EntityType;

#[component]
pub fn ProductsPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_query_map().get_untracked();
    let get = |key: &str| params.get(key);
    let args = (
        get("q"),
        get("group"),
        get("set"),
        get("star"),
        get("locality"),
        get("kind"),
        get("sold_in"),
        get("sort"),
        get("page"),
    );
    let parsed = CatalogueQuery::parse(|key| params.get_str(key));
    let data = async move {
        let (q, group, set, star, unit, kind, sold_in, sort, page) = args;
        browse_catalogue(q, group, set, star, unit, kind, sold_in, sort, page).await
    };

    view! {
        <Title text=t(lang, "Sản phẩm OCOP", "OCOP products") />
        <Meta
            name="description"
            content=t(
                lang,
                "Tìm sản phẩm OCOP theo nhóm, hạng sao, địa phương và loại hình chủ thể.",
                "Find OCOP products by group, star rating, locality and producer type.",
            )
        />
        <div class="page-head">
            <h1>{t(lang, "Sản phẩm OCOP", "OCOP products")}</h1>
        </div>
        <Suspense fallback=move || view! { <p>{t(lang, "Đang tải…", "Loading…")}</p> }>
            {OnePass::after(async move {
                match (data.await, parsed) {
                    (Ok(result), Ok(query)) => view! { <CatalogueView result query lang /> }.into_any(),
                    (Err(error), _) | (_, Err(error)) => view! {
                        <p class="error" role="alert">{error.message(lang)}</p>
                        <p><a href="/products">{t(lang, "Xem tất cả sản phẩm", "See all products")}</a></p>
                    }
                    .into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn CatalogueView(result: Catalogue, query: CatalogueQuery, lang: Lang) -> impl IntoView {
    let total = result.products.total;
    let found = match lang {
        Lang::Vi => format!(
            "Tìm thấy {} sản phẩm",
            grouped(i64::try_from(total).unwrap_or(0), lang)
        ),
        Lang::En => format!(
            "{} products found",
            grouped(i64::try_from(total).unwrap_or(0), lang)
        ),
    };
    let kinds: Vec<FacetValue> = result
        .kinds
        .into_iter()
        .map(|mut value| {
            if let Some(kind) = EntityType::from_code(&value.value) {
                value.label_vi = kind.label(Lang::Vi).to_owned();
                value.label_en = kind.label(Lang::En).to_owned();
            }
            value
        })
        .collect();
    let current_kind = query.kind.map(|kind| kind.code().to_owned());
    let current_star = query.star.map(|star| star.get().to_string());
    let sort_links = Sort::ALL.map(|sort| {
        let label = match sort {
            Sort::Relevance => t(lang, "Phù hợp nhất", "Best match"),
            Sort::Stars => t(lang, "Nhiều sao nhất", "Most stars"),
            Sort::Newest => t(lang, "Mới nhất", "Newest"),
            Sort::Name => t(lang, "Tên A–Z", "Name A–Z"),
        };
        let href = CatalogueQuery { sort, ..query.with_page(Default::default()) }.to_url();
        view! { <a class="chip" href=href aria-current=(query.sort == sort).then_some("true")>{label}</a> }
    });
    let pages = query.clone();
    view! {
        <form class="catalogue-search" action="/products" method="get" role="search">
            <label for="catalogue-q">{t(lang, "Tìm trong danh mục", "Search the catalogue")}</label>
            <div class="search-row">
                <input id="catalogue-q" name="q" type="search" maxlength="100" value=query.q.clone()
                    placeholder=t(lang, "Tên sản phẩm, nguyên liệu, nhà sản xuất…", "Product, ingredient, producer…") />
                {query.group.clone().map(|v| view! { <input type="hidden" name="group" value=v /> })}
                {query.set.clone().map(|v| view! { <input type="hidden" name="set" value=v /> })}
                {current_star.clone().map(|v| view! { <input type="hidden" name="star" value=v /> })}
                {query.unit.clone().map(|v| view! { <input type="hidden" name="locality" value=v /> })}
                {current_kind.clone().map(|v| view! { <input type="hidden" name="kind" value=v /> })}
                {query.sold_in.clone().map(|v| view! { <input type="hidden" name="sold_in" value=v /> })}
                <button type="submit" class="button">{t(lang, "Tìm", "Search")}</button>
            </div>
            {(!query.q.trim().is_empty() && crate::text::fts_query(&query.q).is_none()).then(|| view! {
                <p class="muted" role="status">{t(lang, "Gõ ít nhất hai chữ cái để tìm.", "Type at least two letters to search.")}</p>
            })}
        </form>
        <div class="catalogue">
            // On a phone the filters fold behind this one line above the results, which says how
            // many are chosen, so the first products show at once; on a wide screen they stand
            // open beside the results (style.css).
            <details class="facets">
                <summary><h2 class="facets-title">{t(lang, "Bộ lọc", "Filters")}{active_filters(&query, lang)}</h2></summary>
                <FacetList title=t(lang, "Nhóm sản phẩm", "Product group") facet=Facet::Group values=result.groups
                    current=query.group.clone() query=query.clone() lang />
                {(!result.sets.is_empty()).then(|| view! {
                    <FacetList title=t(lang, "Bộ sản phẩm", "Product set") facet=Facet::Set values=result.sets.clone()
                        current=query.set.clone() query=query.clone() lang />
                })}
                <FacetList title=t(lang, "Hạng sao", "Stars") facet=Facet::Star values=result.stars
                    current=current_star query=query.clone() lang />
                <FacetList title=t(lang, "Xã, phường", "Commune or ward") facet=Facet::Unit values=result.units
                    current=query.unit.clone() query=query.clone() lang />
                {(!result.communes.is_empty()).then(|| view! {
                    <FacetList title=t(lang, "Gồm xã, phường cũ (trước 01/07/2025)", "Made of the former communes (before 1 July 2025)") facet=Facet::Unit values=result.communes.clone()
                        current=query.unit.clone() query=query.clone() lang />
                })}
                <FacetList title=t(lang, "Loại hình chủ thể", "Producer type") facet=Facet::Kind values=kinds
                    current=current_kind query=query.clone() lang />
                {(!result.sold_in.is_empty()).then(|| view! { <SoldIn values=result.sold_in.clone() query=query.clone() lang /> })}
            </details>
            <section class="results" aria-labelledby="results-heading">
                <h2 id="results-heading" class="results-count">{found}</h2>
                <nav class="sort" aria-label=t(lang, "Sắp xếp", "Sort")>
                    <span>{t(lang, "Sắp xếp:", "Sort:")}</span>
                    {sort_links}
                </nav>
                {if result.products.items.is_empty() {
                    view! {
                        <p class="empty">
                            {t(lang, "Không có sản phẩm nào khớp. Hãy thử bỏ bớt bộ lọc hoặc từ khóa khác.",
                               "No product matches. Try fewer filters or other words.")}
                        </p>
                    }.into_any()
                } else {
                    view! {
                        <ul class="product-grid">
                            {result.products.items.into_iter().map(|card| view! { <ProductCardView card lang /> }).collect_view()}
                        </ul>
                    }.into_any()
                }}
                <Pagination
                    number=result.products.number
                    per_page=result.products.per_page
                    total=result.products.total
                    href=move |page| pages.with_page(page).to_url()
                    lang
                />
            </section>
        </div>
    }
}

/// " (2 đang chọn)" after the filters' title, when some are chosen.
fn active_filters(query: &CatalogueQuery, lang: Lang) -> Option<String> {
    let chosen = [
        query.group.is_some(),
        query.set.is_some(),
        query.star.is_some(),
        query.unit.is_some(),
        query.kind.is_some(),
        query.sold_in.is_some(),
    ]
    .into_iter()
    .filter(|chosen| *chosen)
    .count();
    (chosen > 0).then(|| match lang {
        Lang::Vi => format!(" ({chosen} đang chọn)"),
        Lang::En => format!(" ({chosen} chosen)"),
    })
}

#[component]
fn FacetList(
    title: &'static str,
    facet: Facet,
    values: Vec<FacetValue>,
    current: Option<String>,
    query: CatalogueQuery,
    lang: Lang,
) -> impl IntoView {
    let clear = current.is_some().then(|| {
        let href = query.with_facet(facet, None).to_url();
        view! { <li><a class="facet-clear" href=href>{t(lang, "× Bỏ chọn", "× Clear")}</a></li> }
    });
    let items = values
        .into_iter()
        .map(|value| {
            let selected = current.as_deref() == Some(value.value.as_str());
            let href = query.with_facet(facet, Some(&value.value)).to_url();
            let label = match lang {
                Lang::Vi => value.label_vi,
                Lang::En => value.label_en,
            };
            view! {
                <li>
                    <a href=href aria-current=selected.then_some("true")>
                        <span>{label}</span>
                        <span class="count">{grouped(i64::try_from(value.count).unwrap_or(0), lang)}</span>
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="facet">
            <h3>{title}</h3>
            <ul>{clear}{items}</ul>
        </section>
    }
}

/// "Sold near me": the communes where a sales point sells products on show, each a link that
/// keeps the other filters.
#[component]
fn SoldIn(values: Vec<(String, String)>, query: CatalogueQuery, lang: Lang) -> impl IntoView {
    let current = query.sold_in.clone();
    let anywhere = query.with_sold_in(None).to_url();
    view! {
        <section class="facet">
            <h3>{t(lang, "Bán tại xã, phường", "Sold in the commune")}</h3>
            <ul>
                <li><a href=anywhere aria-current=current.is_none().then_some("true")>{t(lang, "Mọi nơi", "Anywhere")}</a></li>
                {values.into_iter().map(|(slug, name)| {
                    let selected = current.as_deref() == Some(slug.as_str());
                    let href = query.with_sold_in(Some(&slug)).to_url();
                    view! { <li><a href=href aria-current=selected.then_some("true")>{name}</a></li> }
                }).collect_view()}
            </ul>
        </section>
    }
}
