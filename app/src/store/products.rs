//! Products as the public sees them.

use sqlx::SqlitePool;

use super::cards::{card_columns, CardRow, CARD_JOINS, VALID_STARS};
use crate::error::AppError;
use crate::model::page::{Page, PageNumber};
use crate::model::product::{HeadlineFigures, ProductCard};
use crate::model::stars::CertifiedStars;

/// Published products that hold a certificate valid today, best rated first.
pub async fn certified(
    pool: &SqlitePool,
    stars: Option<CertifiedStars>,
    page: PageNumber,
    per_page: u32,
) -> Result<Page<ProductCard>, AppError> {
    let star = stars.map(|s| i64::from(s.get()));
    let filter = format!("WHERE p.status = 'published' AND pr.active = 1 AND {VALID_STARS} IS NOT NULL AND (?1 IS NULL OR c.stars = ?1)");
    let total: i64 = sqlx::query_scalar(&format!(
        "SELECT count(*) FROM products p {CARD_JOINS} {filter}"
    ))
    .bind(star)
    .fetch_one(pool)
    .await?;
    let rows: Vec<CardRow> = sqlx::query_as(&format!(
        "SELECT {} FROM products p {CARD_JOINS} {filter} ORDER BY c.stars DESC, p.name, p.id LIMIT ?2 OFFSET ?3",
        card_columns()
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
    let (certified, producers, five, four, three): (i64, i64, i64, i64, i64) = sqlx::query_as(&format!(
        "SELECT count(*), count(DISTINCT p.producer_id),
                coalesce(sum(c.stars = 5), 0), coalesce(sum(c.stars = 4), 0), coalesce(sum(c.stars = 3), 0)
         FROM products p {CARD_JOINS}
         WHERE p.status = 'published' AND pr.active = 1 AND {VALID_STARS} IS NOT NULL"
    ))
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
