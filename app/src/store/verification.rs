//! A certificate read by its number for its verification page. A certificate of a product
//! never published is not found, like a number no one issued: the page never shows a draft.
//! A product's GTIN (its GS1 Digital Link) finds the certificate it holds.

use sqlx::SqlitePool;

use crate::error::AppError;
use crate::model::gtin::Gtin;
use crate::model::page::{Page, PageNumber};
use crate::model::stars::Stars;
use crate::model::verification::{EndedCertificate, EndedKind, Verification, EXPIRING_DAYS};
use crate::store::cards::{DISTRICT_JOIN, TODAY_UNIT_NAME, UNIT_NAME};
use crate::store::clock::TODAY;

/// How a scan asks for a certificate: by its number (a stamp's QR code, a number typed), or by
/// its product's GTIN (a GS1 Digital Link on the package), which answers the certificate the
/// product holds now, or its latest when none holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Number,
    Gtin,
}

/// The certificate of this number, whatever its state; 404 when there is none, or its product
/// was never published.
pub async fn by_number(pool: &SqlitePool, number: &str) -> Result<Verification, AppError> {
    find(pool, Key::Number, number).await
}

/// The certificate of the product with this GTIN; 404 when no published product has it, or
/// the product has no certificate.
pub async fn by_gtin(pool: &SqlitePool, gtin: &Gtin) -> Result<Verification, AppError> {
    find(pool, Key::Gtin, gtin.as_str()).await
}

async fn find(pool: &SqlitePool, key: Key, value: &str) -> Result<Verification, AppError> {
    sqlx::query_as(&sql(key))
        .bind(value)
        .fetch_optional(pool)
        .await?
        .ok_or(AppError::NotFound)
}

/// The query of [`by_number`] and [`by_gtin`]: one row by the certificates' unique number, or
/// by the products' unique GTIN and then the certificate's key, then each join by its key
/// (the test reads its plans).
pub fn sql(key: Key) -> String {
    let found = match key {
        Key::Number => "c.certificate_no = ?1",
        Key::Gtin => {
            "p.gtin = ?1 AND c.id = coalesce(p.current_certificate_id,
                (SELECT l.id FROM certificates l WHERE l.product_id = p.id
                 ORDER BY l.issued_on DESC, l.id DESC LIMIT 1))"
        }
    };
    format!(
        "SELECT c.certificate_no, c.stars, c.issued_on, c.expires_on, c.revoked_on, c.revoke_reason,
                c.expires_on < {TODAY} AS expired,
                c.expires_on <= date({TODAY}, '+{EXPIRING_DAYS} days') AS expiring,
                e.decision_no, e.decision_date, e.council_level,
                p.name AS product_name,
                CASE WHEN p.status = 'published' THEN p.slug END AS product_slug,
                pr.name AS producer_name,
                CASE WHEN pr.active = 1 THEN pr.slug END AS producer_slug,
                {UNIT_NAME} AS unit, {TODAY_UNIT_NAME} AS today_unit,
                (SELECT now.certificate_no FROM certificates now
                 WHERE now.id = p.current_certificate_id AND now.id <> c.id
                   AND now.revoked_on IS NULL AND now.expires_on >= {TODAY}) AS current_no
         FROM certificates c
         JOIN evaluations e ON e.id = c.evaluation_id
         JOIN products p ON p.id = c.product_id
         JOIN producers pr ON pr.id = p.producer_id
         JOIN admin_units u ON u.id = pr.admin_unit_id{DISTRICT_JOIN}
         WHERE {found} AND p.published_at IS NOT NULL"
    )
}

/// The day a certificate stopped holding, as migration 0023 indexes it.
const ENDED_ON: &str = "coalesce(c.revoked_on, date(c.expires_on, '+1 day'))";

/// The query of the ended certificates, newest end first: `kind` and `stars` filter it, the
/// rest is the index's range (the test reads its plan).
pub fn ended_sql(kind: EndedKind, stars: bool, tail: &str) -> String {
    let kind = match kind {
        EndedKind::Both => "",
        EndedKind::Revoked => " AND c.revoked_on IS NOT NULL",
        EndedKind::Expired => " AND c.revoked_on IS NULL",
    };
    let stars = if stars { " AND c.stars = ?1" } else { "" };
    format!(
        "SELECT c.certificate_no, c.stars, p.name AS product, pr.name AS producer, c.issued_on,
                c.expires_on, c.revoked_on, c.revoke_reason, {ENDED_ON} AS ended_on
         FROM certificates c
         JOIN products p ON p.id = c.product_id
         JOIN producers pr ON pr.id = p.producer_id
         WHERE {ENDED_ON} <= {TODAY} AND p.published_at IS NOT NULL{kind}{stars}
         ORDER BY {ENDED_ON} DESC, c.id DESC{tail}"
    )
}

/// A page of the certificates that no longer hold, newest end first; a product never
/// published has none here either.
pub async fn ended(
    pool: &SqlitePool,
    kind: EndedKind,
    stars: Option<Stars>,
    page: PageNumber,
    per_page: u32,
) -> Result<Page<EndedCertificate>, AppError> {
    let sql = ended_sql(kind, stars.is_some(), " LIMIT ?2 OFFSET ?3");
    let items = sqlx::query_as(&sql)
        .bind(stars)
        .bind(per_page)
        .bind(page.offset(per_page))
        .fetch_all(pool)
        .await?;
    let count = format!(
        "SELECT count(*) FROM ({})",
        ended_sql(kind, stars.is_some(), "")
    );
    let mut count = sqlx::query_scalar(&count);
    if let Some(stars) = stars {
        count = count.bind(stars);
    }
    let total: i64 = count.fetch_one(pool).await?;
    Ok(Page::new(items, page, per_page, total))
}

/// The latest certificates of `kind` that stopped holding, newest end first, at most `limit`
/// (the open data asks for 100,000, the feeds for a few).
pub async fn latest_ended(
    pool: &SqlitePool,
    kind: EndedKind,
    limit: u32,
) -> Result<Vec<EndedCertificate>, AppError> {
    Ok(sqlx::query_as(&ended_sql(kind, false, " LIMIT ?2"))
        .bind(None::<Stars>)
        .bind(limit)
        .fetch_all(pool)
        .await?)
}
