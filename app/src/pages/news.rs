//! News `/news` (of one topic with `?topic=training`) and one post `/news/{slug}`.

use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::news::{get_news_post, list_news};
use crate::components::event_card::EventCardView;
use crate::components::found::found_view;
use crate::components::news_card::{NewsCardView, TagLinks};
use crate::components::one_pass::OnePass;
use crate::components::pagination::Pagination;
use crate::components::product_card::ProductCardView;
use crate::i18n::{t, use_lang};
use crate::model::news::NewsTag;

#[component]
pub fn NewsPage() -> impl IntoView {
    let lang = use_lang();
    let (page, tag) = use_query_map().with_untracked(|params| {
        (
            params.get("page"),
            // `chu-de` is how the topic was named before December 2026: links to it still work.
            params.get("topic").or_else(|| params.get("chu-de")),
        )
    });
    view! {
        <Title text=t(lang, "Tin tức OCOP", "OCOP news") />
        <Meta name="description" content=t(lang, "Tin tức về Chương trình OCOP của tỉnh.", "News of the province's OCOP programme.") />
        <div class="page-head">
            <h1>{t(lang, "Tin tức", "News")}</h1>
            <p><a href="/feed.xml" rel="external">{t(lang, "Theo dõi qua Atom", "Follow by Atom feed")}</a></p>
        </div>
        <Suspense>
            {OnePass::after(async move {
                match list_news(page, tag).await {
                    Ok((tag, posts)) => {
                        let base = tag.map_or_else(|| "/news".to_owned(), |tag| format!("/news?topic={tag}"));
                        let topics = std::iter::once(None).chain(NewsTag::ALL.iter().copied().map(Some)).map(|topic| {
                            let href = topic.map_or_else(|| "/news".to_owned(), |topic| format!("/news?topic={topic}"));
                            let label = topic.map_or(t(lang, "Tất cả", "All"), |topic| topic.label(lang));
                            view! { <a class="chip" href=href aria-current=(topic == tag).then_some("true")>{label}</a> }
                        }).collect_view();
                        view! {
                            <nav class="star-filter" aria-label=t(lang, "Chủ đề", "Topics")>{topics}</nav>
                            <h2 class="visually-hidden">{tag.map_or(t(lang, "Tất cả tin", "All news"), |tag| tag.label(lang))}</h2>
                            {posts.items.is_empty().then(|| view! {
                                <p class="empty">{t(lang, "Chưa có tin nào về chủ đề này.", "No news on this topic yet.")}</p>
                            })}
                            <ul class="news-list">
                                {posts.items.into_iter().map(|post| view! { <NewsCardView post /> }).collect_view()}
                            </ul>
                            <Pagination number=posts.number per_page=posts.per_page total=posts.total href=move |page| page.of(&base) lang />
                        }.into_any()
                    }
                    Err(error) => view! { <p class="error" role="alert">{error.message(lang)}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn NewsPostPage() -> impl IntoView {
    let lang = use_lang();
    let slug = use_params_map().with_untracked(|params| params.get("slug").unwrap_or_default());
    view! {
        <Suspense>
            {OnePass::after(async move {
                found_view(get_news_post(slug).await, lang, |post| view! {
                        <Title text=post.card.title.clone() />
                        <Meta name="description" content=post.card.summary.clone() />
                        <Meta property="og:type" content="article" />
                        <Meta property="og:title" content=post.card.title.clone() />
                        {post.cover.as_ref().map(|cover| view! { <Meta property="og:image" content=cover.src.clone() /> })}
                        <Link rel="alternate" type_="application/atom+xml" href="/feed.xml" />
                        <nav class="breadcrumbs" aria-label=t(lang, "Vị trí", "Breadcrumbs")>
                            <a href="/news">{t(lang, "Tin tức", "News")}</a>
                        </nav>
                        <article class="news-post">
                            <p class="news-date"><time datetime=post.card.published_at.rfc3339()>{post.card.published_at.day().shown()}</time></p>
                            <h1>{post.card.title.clone()}</h1>
                            <TagLinks tags=post.card.tags.clone() lang />
                            <p class="lead">{post.card.summary.clone()}</p>
                            {post.cover.clone().map(|cover| view! {
                                <img class="news-cover" src=cover.src alt=cover.alt width="1200" height="675" />
                            })}
                            <div class="prose" inner_html=post.body_html></div>
                        </article>
                        {(!post.products.is_empty()).then(|| view! {
                            <section aria-labelledby="san-pham-trong-tin">
                                <h2 id="san-pham-trong-tin">{t(lang, "Sản phẩm trong bài", "Products in this article")}</h2>
                                <ul class="product-grid">
                                    {post.products.into_iter().map(|card| view! { <ProductCardView card lang /> }).collect_view()}
                                </ul>
                            </section>
                        })}
                        {(!post.events.is_empty()).then(|| view! {
                            <section aria-labelledby="su-kien-trong-tin">
                                <h2 id="su-kien-trong-tin">{t(lang, "Sự kiện trong bài", "Events in this article")}</h2>
                                <ul class="event-list">
                                    {post.events.into_iter().map(|event| view! { <EventCardView event lang /> }).collect_view()}
                                </ul>
                            </section>
                        })}
                    }.into_any())
            })}
        </Suspense>
    }
}
