//! A certificate read by its number for its verification page. A certificate of a product
//! never published is not found, like a number no one issued: the page never shows a draft.

use sqlx::SqlitePool;

use crate::error::AppError;
use crate::model::page::{Page, PageNumber};
use crate::model::stars::Stars;
use crate::model::verification::{EndedCertificate, EndedKind, Verification, EXPIRING_DAYS};
use crate::store::cards::{DISTRICT_JOIN, TODAY_UNIT_NAME, UNIT_NAME};
use crate::store::clock::TODAY;

/// The certificate of this number, whatever its state; 404 when there is none, or its product
/// was never published.
pub async fn by_number(pool: &SqlitePool, number: &str) -> Result<Verification, AppError> {
    sqlx::query_as(&sql())
        .bind(number)
        .fetch_optional(pool)
        .await?
        .ok_or(AppError::NotFound)
}

/// The query of [`by_number`]: one row by the certificates' unique number, then each join by
/// its key (the test reads its plan).
pub fn sql() -> String {
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
         WHERE c.certificate_no = ?1 AND p.published_at IS NOT NULL"
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

/// Every certificate that no longer holds, for the open data (at most 100,000, newest end first).
pub async fn all_ended(pool: &SqlitePool) -> Result<Vec<EndedCertificate>, AppError> {
    Ok(
        sqlx::query_as(&ended_sql(EndedKind::Both, false, " LIMIT 100000"))
            .fetch_all(pool)
            .await?,
    )
}
