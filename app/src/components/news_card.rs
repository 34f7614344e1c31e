use leptos::prelude::*;

use crate::i18n::{use_lang, Lang};
use crate::model::news::NewsCard;
use crate::model::news::NewsTag;

/// A post's topics, each a link to the news of that topic.
#[component]
pub fn TagLinks(tags: Vec<NewsTag>, lang: Lang) -> impl IntoView {
    (!tags.is_empty()).then(|| {
        view! {
            <ul class="news-tags">
                {tags.into_iter().map(|tag| view! {
                    <li><a href=format!("/news?topic={tag}")>{tag.label(lang)}</a></li>
                }).collect_view()}
            </ul>
        }
    })
}

#[component]
pub fn NewsCardView(post: NewsCard) -> impl IntoView {
    let lang = use_lang();
    view! {
        <li class="news-card">
            <p class="news-date"><time datetime=post.published_at.rfc3339()>{post.published_at.day().shown()}</time></p>
            <h3><a href=format!("/news/{}", post.slug)>{post.title}</a></h3>
            <TagLinks tags=post.tags lang />
            <p>{post.summary}</p>
        </li>
    }
}
