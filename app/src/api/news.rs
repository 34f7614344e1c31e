use leptos::prelude::*;

use crate::error::AppError;
use crate::model::detail::Found;
use crate::model::news::{NewsCard, NewsPost};
use crate::model::page::Page;

/// Published news, newest first. Public.
#[server(prefix = "/api", endpoint = "news", input = server_fn::codec::GetUrl)]
pub async fn list_news(page: Option<String>) -> Result<Page<NewsCard>, AppError> {
    use crate::model::page::PageNumber;

    super::respond(async |db| {
        crate::store::news::list(&db.read, PageNumber::parse(page.as_deref())?).await
    })
    .await
}

/// The newest posts, for the home page. Public.
#[server(prefix = "/api", endpoint = "latest-news", input = server_fn::codec::GetUrl)]
pub async fn latest_news() -> Result<Vec<NewsCard>, AppError> {
    super::respond(async |db| crate::store::news::latest(&db.read, 3).await).await
}

/// One published post, its body rendered safely. Public.
#[server(prefix = "/api", endpoint = "news-post", input = server_fn::codec::GetUrl)]
pub async fn get_news_post(slug: String) -> Result<Found<NewsPost>, AppError> {
    super::respond(async |db| crate::store::news::by_slug(&db.read, &slug).await).await
}
