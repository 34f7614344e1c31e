use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

use crate::api::events::upcoming_events;
use crate::api::news::latest_news;
use crate::api::products::{certified_products, headline_figures};
use crate::components::certified_products::CertifiedProducts;
use crate::components::event_card::EventCardView;
use crate::components::news_card::NewsCardView;
use crate::components::one_pass::OnePass;
use crate::error::AppError;
use crate::format::grouped;
use crate::i18n::{t, use_lang, Lang};
use crate::model::page::PageNumber;
use crate::model::product::HeadlineFigures;
use crate::model::stars::Stars;

#[component]
pub fn HomePage() -> impl IntoView {
    let lang = use_lang();
    let heading = crate::model::office::Office::current().products_heading(lang);
    let query = use_query_map();
    let (star, page) = query.with_untracked(|params| {
        (
            Stars::parse_filter(params.get_str("star")),
            PageNumber::parse(params.get_str("page")),
        )
    });
    let listing = async move {
        let star = star.map_err(AppError::into_response_status)?;
        let page = page.map_err(AppError::into_response_status)?;
        let star = star.map(Stars::get);
        certified_products(star, page.get())
            .await
            .map(|initial| (initial, star))
    };

    // One Suspense for the whole page, its four reads in turn (each well under a millisecond):
    // with a Suspense per section, renders of this page running side by side under load
    // stopped for good now and then, every task asleep (from 3 at once; Leptos 0.8.23, see
    // README). The route renders whole before sending (SsrMode::Async), so nothing is lost.
    let data = async move {
        let figures = headline_figures().await.ok();
        let listing = listing.await;
        let events = upcoming_events().await.ok();
        let news = latest_news().await.ok();
        (figures, listing, events, news)
    };

    view! {
        <Title text=heading.clone() />
        <Meta
            name="description"
            content=t(
                lang,
                "Sản phẩm OCOP được chứng nhận của tỉnh: tìm sản phẩm, nhà sản xuất, hội chợ và liên hệ mua hàng.",
                "The province's certified OCOP products: find products, producers and fairs, and contact producers.",
            )
        />
        <Suspense fallback=move || view! { <p>{t(lang, "Đang tải…", "Loading…")}</p> }>
            {OnePass::after(async move {
                let (figures, listing, events, news) = data.await;
                view! {
                    <section class="hero">
                        <h1>{heading}</h1>
                        <p>
                            {t(
                                lang,
                                "Đặc sản được chứng nhận “Mỗi xã một sản phẩm”: nước mắm, tỏi đen, nấm, mật ong, đũa gỗ… từ các hợp tác xã, doanh nghiệp và hộ kinh doanh trong tỉnh.",
                                "Certified “One Commune One Product” specialities: fish sauce, black garlic, mushrooms, honey, wooden chopsticks… from the province's cooperatives, enterprises and household businesses.",
                            )}
                        </p>
                        {figures.map(|figures| view! { <Figures figures lang /> })}
                    </section>
                    <section class="home-products" aria-labelledby="san-pham-chung-nhan">
                        <h2 id="san-pham-chung-nhan">{t(lang, "Sản phẩm OCOP còn hiệu lực chứng nhận", "OCOP products with a valid certificate")}</h2>
                        {match listing {
                            Ok((initial, star)) => view! { <CertifiedProducts initial star lang /> }.into_any(),
                            Err(error) => view! {
                                <p class="error" role="alert">{error.message(lang)}</p>
                                <p><a href="/">{t(lang, "Xem tất cả sản phẩm", "See all products")}</a></p>
                            }
                            .into_any(),
                        }}
                    </section>
                    <div class="home-columns">
                        <section aria-labelledby="hoi-cho-sap-toi">
                            <h2 id="hoi-cho-sap-toi">{t(lang, "Hội chợ sắp tới", "Upcoming fairs")}</h2>
                            {events.map(|events| view! {
                                <ul class="event-list single">
                                    {events.into_iter().map(|event| view! { <EventCardView event lang /> }).collect_view()}
                                </ul>
                            })}
                            <p><a href="/fairs">{t(lang, "Tất cả hội chợ và sự kiện", "All fairs and events")}</a></p>
                        </section>
                        <section aria-labelledby="tin-moi">
                            <h2 id="tin-moi">{t(lang, "Tin mới", "Latest news")}</h2>
                            {news.map(|posts| view! {
                                <ul class="news-list">
                                    {posts.into_iter().map(|post| view! { <NewsCardView post /> }).collect_view()}
                                </ul>
                            })}
                            <p><a href="/news">{t(lang, "Tất cả tin tức", "All news")}</a></p>
                        </section>
                    </div>
                }
            })}
        </Suspense>
    }
}

#[component]
fn Figures(figures: HeadlineFigures, lang: Lang) -> impl IntoView {
    let figure = |value: u64, label: &'static str| {
        view! {
            <div class="figure">
                <dt>{label}</dt>
                <dd>{grouped(i64::try_from(value).unwrap_or(i64::MAX), lang)}</dd>
            </div>
        }
    };
    view! {
        <dl class="figures">
            {figure(figures.certified_products, t(lang, "sản phẩm OCOP còn hiệu lực", "certified OCOP products"))}
            {figure(figures.producers, t(lang, "chủ thể sản xuất", "producers"))}
            {figure(figures.five_star, t(lang, "sản phẩm 5 sao", "five-star products"))}
            {figure(figures.four_star, t(lang, "sản phẩm 4 sao", "four-star products"))}
            {figure(figures.three_star, t(lang, "sản phẩm 3 sao", "three-star products"))}
        </dl>
    }
}
