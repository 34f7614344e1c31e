//! Published news posts.

use sqlx::SqlitePool;

use crate::error::AppError;
use crate::model::detail::Found;
use crate::model::news::{NewsCard, NewsPost};
use crate::model::page::{Page, PageNumber};

pub const PER_PAGE: u32 = 10;

type CardRow = (String, String, String, String);
type PostRow = (String, String, String, String, String, String);

fn post((slug, title, summary, published_at, body, updated_at): PostRow) -> NewsPost {
    NewsPost {
        card: NewsCard {
            slug,
            title,
            summary,
            published_at,
        },
        body_html: crate::markdown::to_safe_html(&body),
        updated_at,
    }
}

fn card((slug, title, summary, published_at): CardRow) -> NewsCard {
    NewsCard {
        slug,
        title,
        summary,
        published_at,
    }
}

pub async fn list(pool: &SqlitePool, page: PageNumber) -> Result<Page<NewsCard>, AppError> {
    let total: i64 =
        sqlx::query_scalar("SELECT count(*) FROM news_posts WHERE status = 'published'")
            .fetch_one(pool)
            .await?;
    Ok(Page {
        items: latest_from(pool, i64::from(PER_PAGE), page.offset(PER_PAGE)).await?,
        number: page.get(),
        per_page: PER_PAGE,
        total: u64::try_from(total).unwrap_or(0),
    })
}

/// The newest posts first.
pub async fn latest(pool: &SqlitePool, limit: i64) -> Result<Vec<NewsCard>, AppError> {
    latest_from(pool, limit, 0).await
}

async fn latest_from(
    pool: &SqlitePool,
    limit: i64,
    offset: i64,
) -> Result<Vec<NewsCard>, AppError> {
    let rows: Vec<CardRow> = sqlx::query_as(
        "SELECT slug, title, summary, published_at FROM news_posts WHERE status = 'published'
         ORDER BY published_at DESC, id DESC LIMIT ?1 OFFSET ?2",
    )
    .bind(limit)
    .bind(offset)
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(card).collect())
}

/// Posts with their rendered bodies, newest first: for the feed.
pub async fn latest_posts(pool: &SqlitePool, limit: i64) -> Result<Vec<NewsPost>, AppError> {
    let rows: Vec<PostRow> = sqlx::query_as(
        "SELECT slug, title, summary, published_at, body_md, updated_at FROM news_posts WHERE status = 'published'
         ORDER BY published_at DESC, id DESC LIMIT ?1",
    )
    .bind(limit)
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(post).collect())
}

pub async fn by_slug(pool: &SqlitePool, slug: &str) -> Result<Found<NewsPost>, AppError> {
    let row: Option<PostRow> = sqlx::query_as(
        "SELECT slug, title, summary, published_at, body_md, updated_at FROM news_posts
         WHERE slug = ?1 AND status = 'published'",
    )
    .bind(slug)
    .fetch_optional(pool)
    .await?;
    match row {
        Some(row) => Ok(Found::Here(post(row))),
        None => super::redirects::moved(pool, super::redirects::Entity::News, slug).await,
    }
}
