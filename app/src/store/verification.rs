//! A certificate read by its number for its verification page. A certificate of a product
//! never published is not found, like a number no one issued: the page never shows a draft.

use sqlx::SqlitePool;

use crate::error::AppError;
use crate::model::verification::{Verification, EXPIRING_DAYS};
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
