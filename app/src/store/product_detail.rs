//! One product's public page: the product, its certificate, its producer, its fairs, and
//! products like it.

use sqlx::SqlitePool;

use super::cards::{
    page_head, page_tail, producer_summary_columns, CardRow, ProducerSummaryRow, CARD_JOINS,
    VALID_STARS,
};
use crate::error::AppError;
use crate::model::day::Day;
use crate::model::detail::{CertificateFacts, EventLink, Found, ProductDetail};
use crate::model::product::ProductCard;
use crate::model::stars::Stars;
use crate::store::clock::sql_today;

const RELATED: i64 = 4;

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    slug: String,
    name: String,
    description: String,
    ingredients: String,
    specifications: String,
    packaging: String,
    shelf_life: String,
    price_min: Option<i64>,
    price_max: Option<i64>,
    price_unit: String,
    where_to_buy: String,
    gtin: Option<crate::model::gtin::Gtin>,
    set_id: i64,
    group_slug: String,
    group_name_vi: String,
    group_name_en: String,
    set_slug: String,
    set_name_vi: String,
    set_name_en: String,
    #[sqlx(flatten)]
    producer: ProducerSummaryRow,
    certificate_no: Option<String>,
    stars: Option<Stars>,
    score: Option<i64>,
    council_level: Option<String>,
    decision_no: Option<String>,
    decision_date: Option<Day>,
    issued_on: Option<Day>,
    expires_on: Option<Day>,
    expired: Option<bool>,
}

pub async fn by_slug(pool: &SqlitePool, slug: &str) -> Result<Found<ProductDetail>, AppError> {
    let producer_columns = producer_summary_columns();
    let row: Option<Row> = sqlx::query_as(&format!(
        "SELECT p.id, p.slug, p.name, p.description, p.ingredients, p.specifications, p.packaging,
                p.shelf_life, p.price_min, p.price_max, p.price_unit, p.where_to_buy, p.gtin, p.set_id,
                g.slug AS group_slug, g.name_vi AS group_name_vi, g.name_en AS group_name_en,
                s.slug AS set_slug, s.name_vi AS set_name_vi, s.name_en AS set_name_en,
                {producer_columns},
                c.certificate_no, c.stars, e.total AS score, e.council_level, e.decision_no, e.decision_date,
                c.issued_on, c.expires_on, ({VALID_STARS} IS NULL) AS expired
         FROM products p {CARD_JOINS}
         LEFT JOIN evaluations e ON e.id = c.evaluation_id
         WHERE p.slug = ?1 AND p.status = 'published' AND pr.active = 1"
    ))
    .bind(slug)
    .fetch_optional(pool)
    .await?;
    let Some(row) = row else {
        return super::redirects::moved(pool, super::redirects::Entity::Product, slug).await;
    };

    let images: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT m.sha256, m.mime, pi.alt_text FROM product_images pi JOIN media m ON m.id = pi.media_id
         WHERE pi.product_id = ?1 ORDER BY pi.position, pi.id",
    )
    .bind(row.id)
    .fetch_all(pool)
    .await?;
    let fairs: Vec<(String, String, Day, Day, String)> = sqlx::query_as(concat!(
        "SELECT e.slug, e.name, e.starts_on, e.ends_on, e.location
         FROM application_products ap
         JOIN exhibitor_applications a ON a.id = ap.application_id AND a.status = 'approved'
         JOIN events e ON e.id = a.event_id AND e.status = 'published'
         WHERE ap.product_id = ?1 AND e.ends_on >= ",
        sql_today!(),
        "
         ORDER BY e.starts_on"
    ))
    .bind(row.id)
    .fetch_all(pool)
    .await?;
    // Of the same set, best rated first (the catalogue's index for a set by stars).
    let related: Vec<CardRow> = sqlx::query_as(&format!(
        "{}SELECT k.product_id, k.stars, k.name_key FROM catalogue k
             WHERE k.set_id = ?1 AND k.product_id <> ?2
             ORDER BY k.stars DESC, k.name_key, k.product_id LIMIT ?3{}
         ORDER BY page.stars DESC, page.name_key, page.product_id",
        page_head(),
        page_tail()
    ))
    .bind(row.set_id)
    .bind(row.id)
    .bind(RELATED)
    .fetch_all(pool)
    .await?;

    let certificate = match (
        row.certificate_no,
        row.stars,
        row.score,
        row.council_level,
        row.issued_on,
        row.expires_on,
    ) {
        (
            Some(certificate_no),
            Some(stars),
            Some(score),
            Some(council_level),
            Some(issued_on),
            Some(expires_on),
        ) => Some(CertificateFacts {
            certificate_no,
            stars,
            score,
            council_level,
            decision_no: row.decision_no,
            decision_date: row.decision_date,
            issued_on,
            expires_on,
            expired: row.expired.unwrap_or(true),
        }),
        _ => None,
    };
    let certificate_history = crate::store::certificates::history(pool, row.id).await?;
    let (sales_points, online_listings) = {
        let mut connection = pool.acquire().await?;
        super::listings::where_to_buy(&mut connection, crate::model::ids::ProductId(row.id)).await?
    };
    Ok(Found::Here(ProductDetail {
        certificate_history,
        id: row.id,
        slug: row.slug,
        name: row.name,
        description: row.description,
        ingredients: row.ingredients,
        specifications: row.specifications,
        packaging: row.packaging,
        shelf_life: row.shelf_life,
        price_min: row.price_min,
        price_max: row.price_max,
        price_unit: row.price_unit,
        where_to_buy: row.where_to_buy,
        gtin: row.gtin,
        sales_points,
        online_listings,
        images: images
            .into_iter()
            .map(|(sha256, mime, alt)| crate::model::product::Image {
                src: crate::model::product::media_path(&sha256, &mime),
                alt,
            })
            .collect(),
        group_slug: row.group_slug,
        group_name_vi: row.group_name_vi,
        group_name_en: row.group_name_en,
        set_slug: row.set_slug,
        set_name_vi: row.set_name_vi,
        set_name_en: row.set_name_en,
        producer: row.producer.into(),
        certificate,
        fairs: fairs
            .into_iter()
            .map(|(slug, name, starts_on, ends_on, location)| EventLink {
                slug,
                name,
                starts_on,
                ends_on,
                location,
            })
            .collect(),
        related: related.into_iter().map(ProductCard::from).collect(),
    }))
}
