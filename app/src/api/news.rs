use leptos::prelude::*;

use crate::error::AppError;
use crate::model::detail::Found;
use crate::model::news::{NewsCard, NewsLine, NewsPost, NewsRecord};
use crate::model::news::{NewsState, NewsTag};
use crate::model::page::Page;

/// A filter's value from the address: none when empty, refused when it names nothing.
#[cfg(feature = "ssr")]
fn choice<T>(
    field: &str,
    raw: Option<&str>,
    from_db: fn(&str) -> Option<T>,
) -> Result<Option<T>, AppError> {
    match raw.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(text) => from_db(text).map(Some).ok_or_else(|| {
            AppError::invalid(field, "Giá trị lọc không hợp lệ.", "Not a valid filter.")
        }),
    }
}

/// Public news, newest first, of one tag when `tag` names one. Public.
#[server(prefix = "/api", endpoint = "news", input = server_fn::codec::GetUrl)]
pub async fn list_news(
    page: Option<String>,
    tag: Option<String>,
) -> Result<(Option<NewsTag>, Page<NewsCard>), AppError> {
    use crate::model::page::PageNumber;

    super::respond(async |db| {
        let tag = choice("topic", tag.as_deref(), NewsTag::from_db)?;
        let page = PageNumber::parse(page.as_deref())?;
        Ok((tag, crate::store::news::list(&db.read, page, tag).await?))
    })
    .await
}

/// The newest posts, for the home page. Public.
#[server(prefix = "/api", endpoint = "latest-news", input = server_fn::codec::GetUrl)]
pub async fn latest_news() -> Result<Vec<NewsCard>, AppError> {
    super::respond(async |db| crate::store::news::latest(&db.read, 3).await).await
}

/// One public post, its body rendered safely. Public.
#[server(prefix = "/api", endpoint = "news-post", input = server_fn::codec::GetUrl)]
pub async fn get_news_post(slug: String) -> Result<Found<NewsPost>, AppError> {
    super::respond(async |db| crate::store::news::by_slug(&db.read, &slug).await).await
}

/// Every post for staff, drafts and scheduled ones too. Staff only.
#[server(prefix = "/api", endpoint = "admin/news")]
pub async fn staff_news(
    state: Option<String>,
    page: Option<String>,
) -> Result<(Option<NewsState>, Page<NewsLine>), AppError> {
    use crate::model::page::PageNumber;

    super::respond(async |db| {
        crate::auth::staff()?;
        let state = choice("state", state.as_deref(), NewsState::from_db)?;
        let page = PageNumber::parse(page.as_deref())?;
        Ok((
            state,
            crate::store::news::staff_list(&db.read, state, page).await?,
        ))
    })
    .await
}

/// One post with its form. Staff only.
#[server(prefix = "/api", endpoint = "admin/news/post")]
pub async fn get_news_record(id: i64) -> Result<NewsRecord, AppError> {
    super::respond(async |db| {
        crate::auth::staff()?;
        crate::store::news::record(&db.read, id).await
    })
    .await
}
