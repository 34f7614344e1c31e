//! News `/news` and one post `/news/{slug}`.

use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::news::{get_news_post, list_news};
use crate::components::found::found_view;
use crate::components::news_card::NewsCardView;
use crate::components::pagination::Pagination;
use crate::format::date;
use crate::i18n::{t, use_lang};

#[component]
pub fn NewsPage() -> impl IntoView {
    let lang = use_lang();
    let page = use_query_map().with_untracked(|params| params.get("page"));
    view! {
        <Title text=t(lang, "Tin tức OCOP", "OCOP news") />
        <Meta name="description" content=t(lang, "Tin tức về Chương trình OCOP của tỉnh.", "News of the province's OCOP programme.") />
        <div class="page-head">
            <h1>{t(lang, "Tin tức", "News")}</h1>
            <p><a href="/feed.xml" rel="external">{t(lang, "Theo dõi qua Atom", "Follow by Atom feed")}</a></p>
        </div>
        <Suspense>
            {Suspend::new(async move {
                match list_news(page).await {
                    Ok(posts) => view! {
                        <ul class="news-list">
                            {posts.items.into_iter().map(|post| view! { <NewsCardView post /> }).collect_view()}
                        </ul>
                        <Pagination number=posts.number per_page=posts.per_page total=posts.total href=|page| page.of("/news") lang />
                    }.into_any(),
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
            {Suspend::new(async move {
                found_view(get_news_post(slug).await, lang, |post| view! {
                        <Title text=post.card.title.clone() />
                        <Meta name="description" content=post.card.summary.clone() />
                        <Meta property="og:type" content="article" />
                        <Meta property="og:title" content=post.card.title.clone() />
                        <Link rel="alternate" type_="application/atom+xml" href="/feed.xml" />
                        <nav class="breadcrumbs" aria-label=t(lang, "Vị trí", "Breadcrumbs")>
                            <a href="/news">{t(lang, "Tin tức", "News")}</a>
                        </nav>
                        <article class="news-post">
                            <p class="news-date"><time datetime=post.card.published_at.get(..10).unwrap_or_default().to_owned()>{date(&post.card.published_at)}</time></p>
                            <h1>{post.card.title.clone()}</h1>
                            <p class="lead">{post.card.summary.clone()}</p>
                            <div class="prose" inner_html=post.body_html></div>
                        </article>
                    }.into_any())
            })}
        </Suspense>
    }
}
