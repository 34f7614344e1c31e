//! The open data's certified products: the catalogue's own rule (published, by an active
//! producer, its latest certificate valid today), one row each, with the unit before and
//! after the July 2025 reform.

use sqlx::SqlitePool;

use super::cards::{CARD_JOINS, TODAY_UNIT_NAME, VALID_STARS};
use crate::error::AppError;
use crate::model::open_data::{OpenProduct, ProductsFile, LICENCE, LICENCE_URL};

/// The certified products, their pages' addresses under `base` (the public address).
pub async fn products_file(pool: &SqlitePool, base: &str) -> Result<ProductsFile, AppError> {
    let mut connection = pool.acquire().await?;
    let as_of = crate::store::clock::today(&mut connection).await?;
    let products: Vec<OpenProduct> = sqlx::query_as(&format!(
        "SELECT p.name, p.slug, ?1 || '/products/' || p.slug AS url,
                g.name_vi AS \"group\", g.name_en AS group_en, s.name_vi AS \"set\", s.name_en AS set_en,
                c.stars, e.total / 100.0 AS score, c.certificate_no, e.decision_no, e.decision_date,
                c.expires_on AS valid_until, pr.name AS producer, pr.entity_type,
                u.name || coalesce(', ' || d.name, '') || coalesce(', ' || province.name, '') AS former_unit,
                CASE WHEN u.valid_to IS NULL
                     THEN u.name || coalesce(', ' || (SELECT name FROM admin_units WHERE id = u.parent_id), '')
                     ELSE {TODAY_UNIT_NAME} END AS today_unit
         FROM products p {CARD_JOINS}
         JOIN evaluations e ON e.id = c.evaluation_id
         LEFT JOIN admin_units province ON province.id = coalesce(d.parent_id, u.parent_id)
         WHERE p.status = 'published' AND pr.active = 1 AND {VALID_STARS} IS NOT NULL
         ORDER BY p.name, p.id"
    ))
    .bind(base)
    .fetch_all(&mut *connection)
    .await?;
    Ok(ProductsFile {
        source: base.to_owned(),
        licence: LICENCE.to_owned(),
        licence_url: LICENCE_URL.to_owned(),
        as_of: as_of.iso(),
        products,
    })
}
