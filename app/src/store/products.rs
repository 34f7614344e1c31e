//! Products as the public sees them.

use sqlx::SqlitePool;

use super::TODAY_IN_VIETNAM;
use crate::error::AppError;
use crate::model::page::{Page, PageNumber};
use crate::model::product::{HeadlineFigures, ProductCard};
use crate::model::stars::CertifiedStars;

/// Each certified product's rating today: its best certificate that is neither revoked nor
/// expired (as a subquery of `product_id, stars`).
fn current_ratings() -> String {
    format!(
        "SELECT product_id, max(stars) AS stars FROM certificates
         WHERE revoked_on IS NULL AND expires_on >= {TODAY_IN_VIETNAM}
         GROUP BY product_id"
    )
}

/// Published products that hold a certificate valid today, best rated first.
pub async fn certified(
    pool: &SqlitePool,
    stars: Option<CertifiedStars>,
    page: PageNumber,
    per_page: u32,
) -> Result<Page<ProductCard>, AppError> {
    let valid = current_ratings();
    let star = stars.map(|s| i64::from(s.get()));
    let total: i64 = sqlx::query_scalar(&format!(
        "SELECT count(*) FROM products p JOIN ({valid}) c ON c.product_id = p.id
         WHERE p.status = 'published' AND (?1 IS NULL OR c.stars = ?1)"
    ))
    .bind(star)
    .fetch_one(pool)
    .await?;
    let rows: Vec<(String, String, i64, String, String, String, Option<i64>, Option<i64>, String)> =
        sqlx::query_as(&format!(
            "SELECT p.slug, p.name, c.stars, g.name_vi, pr.name,
                    coalesce(d.name, u.name), p.price_min, p.price_max, p.price_unit
             FROM products p
             JOIN ({valid}) c ON c.product_id = p.id
             JOIN product_sets s ON s.id = p.set_id
             JOIN product_groups g ON g.id = s.group_id
             JOIN producers pr ON pr.id = p.producer_id
             JOIN admin_units u ON u.id = pr.admin_unit_id
             LEFT JOIN admin_units d ON d.id = u.parent_id AND u.level = 'commune' AND d.level = 'district'
             WHERE p.status = 'published' AND (?1 IS NULL OR c.stars = ?1)
             ORDER BY c.stars DESC, p.name, p.id
             LIMIT ?2 OFFSET ?3"
        ))
        .bind(star)
        .bind(i64::from(per_page))
        .bind(page.offset(per_page))
        .fetch_all(pool)
        .await?;
    let items = rows
        .into_iter()
        .map(
            |(
                slug,
                name,
                stars,
                group_name,
                producer_name,
                district_name,
                price_min,
                price_max,
                price_unit,
            )| {
                ProductCard {
                    slug,
                    name,
                    stars: u8::try_from(stars).unwrap_or(0),
                    group_name,
                    producer_name,
                    district_name,
                    price_min,
                    price_max,
                    price_unit,
                }
            },
        )
        .collect();
    Ok(Page {
        items,
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
         FROM products p
         JOIN ({}) c ON c.product_id = p.id
         WHERE p.status = 'published'",
        current_ratings()
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
