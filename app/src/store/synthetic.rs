//! Synthetic catalogue data for benchmarks: copies of the demo's published products under new
//! names and slugs, each with a certificate (most valid), so lists, facets, search and the
//! verification of certificates work at scale.

use crate::error::AppError;
use crate::store::Writer;

/// Adds `count` published products (and their certificates) in one transaction.
pub async fn add_products(writer: &Writer, count: u32) -> Result<(), AppError> {
    let mut tx = writer.begin().await?;
    let start: i64 = sqlx::query_scalar("SELECT coalesce(max(id), 0) FROM products")
        .fetch_one(&mut *tx)
        .await?;
    sqlx::query(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1),
         base AS (SELECT row_number() OVER (ORDER BY id) - 1 AS k, * FROM products WHERE status = 'published'),
         total AS (SELECT count(*) AS c FROM base)
         INSERT INTO products (slug, producer_id, set_id, name, description, ingredients, specifications,
                               packaging, shelf_life, price_min, price_max, price_unit, where_to_buy,
                               status, published_at)
         SELECT 'mau-' || (?2 + n.i) || '-' || base.slug, base.producer_id, base.set_id,
                base.name || ' mẫu ' || n.i, base.description, base.ingredients, base.specifications,
                base.packaging, base.shelf_life, base.price_min, base.price_max, base.price_unit,
                base.where_to_buy, 'published', datetime('now', '-' || (n.i % 1000) || ' hours')
         FROM n, total JOIN base ON base.k = n.i % total.c",
    )
    .bind(i64::from(count))
    .bind(start)
    .execute(&mut *tx)
    .await?;
    // Four in five hold a valid certificate: 3, 4 or 5 stars by a sheet that fits the star
    // bands. The fifth held one that ended (3 stars, from the first cycle, 48 months ago): so
    // 100,000 products have 100,000 certificates, one in five ended, as the verification page
    // and the list of ended certificates meet them.
    sqlx::query(
        "INSERT INTO evaluations (product_id, cycle_id, scheme_id, council_level, score_a, score_b, score_c,
                                  total, stars, evaluated_on, decision_no, decision_date)
         SELECT p.id,
                CASE WHEN p.id % 5 = 4 THEN (SELECT id FROM ocop_cycles ORDER BY year LIMIT 1)
                     ELSE (SELECT id FROM ocop_cycles ORDER BY year DESC LIMIT 1) END, 2,
                CASE p.id % 10 WHEN 0 THEN 'central' ELSE 'province' END,
                CASE p.id % 10 WHEN 0 THEN 3800 WHEN 1 THEN 3000 WHEN 2 THEN 3000 ELSE 2500 END,
                CASE p.id % 10 WHEN 0 THEN 2400 WHEN 1 THEN 2000 WHEN 2 THEN 2000 ELSE 1500 END,
                CASE p.id % 10 WHEN 0 THEN 3000 WHEN 1 THEN 2500 WHEN 2 THEN 2500 ELSE 2000 END,
                CASE p.id % 10 WHEN 0 THEN 9200 WHEN 1 THEN 7500 WHEN 2 THEN 7500 ELSE 6000 END,
                CASE p.id % 10 WHEN 0 THEN 5 WHEN 1 THEN 4 WHEN 2 THEN 4 ELSE 3 END,
                CASE WHEN p.id % 5 = 4 THEN date('now', '-48 months', '-10 days') ELSE date('now', '-100 days') END,
                'MAU-' || p.id,
                CASE WHEN p.id % 5 = 4 THEN date('now', '-48 months') ELSE date('now', '-90 days') END
         FROM products p WHERE p.id > ?1",
    )
    .bind(start)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO certificates (evaluation_id, product_id, certificate_no, stars, outcome, issued_on, expires_on)
         SELECT e.id, e.product_id, 'MAU-' || e.product_id, e.stars, 'new', e.decision_date,
                date(e.decision_date, '+36 months')
         FROM evaluations e WHERE e.product_id > ?1",
    )
    .bind(start)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}
