use leptos::prelude::*;

use crate::format::date;
use crate::model::news::NewsCard;

#[component]
pub fn NewsCardView(post: NewsCard) -> impl IntoView {
    view! {
        <li class="news-card">
            <p class="news-date"><time datetime=post.published_at.get(..10).unwrap_or_default().to_owned()>{date(&post.published_at)}</time></p>
            <h3><a href=format!("/news/{}", post.slug)>{post.title}</a></h3>
            <p>{post.summary}</p>
        </li>
    }
}
