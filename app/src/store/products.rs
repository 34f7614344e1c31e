//! Products as the public sees them.

use sqlx::SqlitePool;

use super::cards::{page_head, page_tail, CardRow};
use crate::error::AppError;
use crate::model::page::{Page, PageNumber};
use crate::model::product::{HeadlineFigures, ProductCard};
use crate::model::stars::Stars;

/// Published products that hold a certificate valid today, best rated first.
pub async fn certified(
    pool: &SqlitePool,
    stars: Option<Stars>,
    page: PageNumber,
    per_page: u32,
) -> Result<Page<ProductCard>, AppError> {
    let star = stars.map(|s| i64::from(s.get()));
    let total: i64 = sqlx::query_scalar(
        "SELECT coalesce(sum(products), 0) FROM catalogue_counts WHERE stars > 0 AND (?1 IS NULL OR stars = ?1)",
    )
    .bind(star)
    .fetch_one(pool)
    .await?;
    let rows: Vec<CardRow> = sqlx::query_as(&format!(
        "{}SELECT k.product_id, k.stars, k.name_key FROM catalogue k
             WHERE k.stars IS NOT NULL AND (?1 IS NULL OR k.stars = ?1)
             ORDER BY k.stars DESC, k.name_key, k.product_id LIMIT ?2 OFFSET ?3{}
         ORDER BY page.stars DESC, page.name_key, page.product_id",
        page_head(),
        page_tail()
    ))
    .bind(star)
    .bind(i64::from(per_page))
    .bind(page.offset(per_page))
    .fetch_all(pool)
    .await?;
    Ok(Page {
        items: rows.into_iter().map(ProductCard::from).collect(),
        number: page.get(),
        per_page,
        total: u64::try_from(total).unwrap_or(0),
    })
}

/// Figures for the home page: certified products by star and the producers behind them.
pub async fn headline_figures(pool: &SqlitePool) -> Result<HeadlineFigures, AppError> {
    let (certified, five, four, three): (i64, i64, i64, i64) = sqlx::query_as(
        "SELECT coalesce(sum(products), 0), coalesce(sum(products) FILTER (WHERE stars = 5), 0),
                coalesce(sum(products) FILTER (WHERE stars = 4), 0), coalesce(sum(products) FILTER (WHERE stars = 3), 0)
         FROM catalogue_counts WHERE stars > 0",
    )
    .fetch_one(pool)
    .await?;
    let producers: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM producers pr
         WHERE EXISTS (SELECT 1 FROM catalogue k WHERE k.producer_id = pr.id AND k.stars IS NOT NULL)",
    )
    .fetch_one(pool)
    .await?;
    let count = |n: i64| u64::try_from(n).unwrap_or(0);
    Ok(HeadlineFigures {
        certified_products: count(certified),
        producers: count(producers),
        five_star: count(five),
        four_star: count(four),
        three_star: count(three),
    })
}
