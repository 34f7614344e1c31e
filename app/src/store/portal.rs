//! A producer's own side: the dashboard of the portal.

use sqlx::SqlitePool;

use crate::error::AppError;
use crate::model::ids::ProducerId;
use crate::model::inquiry::InquiryStatus;
use crate::model::listing::RevisionStatus;
use crate::model::portal::Dashboard;
use crate::store::clock::sql_today;

pub async fn dashboard(pool: &SqlitePool, producer_id: ProducerId) -> Result<Dashboard, AppError> {
    #[derive(sqlx::FromRow)]
    struct Counts {
        producer_name: String,
        producer_slug: String,
        new_inquiries: i64,
        waiting_review: i64,
        rejected: i64,
    }
    let counts: Counts = sqlx::query_as(
        "SELECT pr.name AS producer_name, pr.slug AS producer_slug,
            (SELECT count(*) FROM inquiries WHERE producer_id = pr.id AND status = ?2) AS new_inquiries,
            (SELECT count(*) FROM product_revisions r JOIN products p ON p.id = r.product_id WHERE p.producer_id = pr.id AND r.status = ?3) AS waiting_review,
            (SELECT count(*) FROM products p WHERE p.producer_id = pr.id AND
                (SELECT status FROM product_revisions WHERE product_id = p.id ORDER BY submitted_at DESC, id DESC LIMIT 1) = ?4) AS rejected
         FROM producers pr WHERE pr.id = ?1",
    )
    .bind(producer_id)
    .bind(InquiryStatus::New)
    .bind(RevisionStatus::Pending)
    .bind(RevisionStatus::Rejected)
    .fetch_optional(pool)
    .await?
    .ok_or(AppError::NotFound)?;
    let expiring = sqlx::query_as(
        concat!("SELECT p.name AS product_name, c.stars, c.expires_on FROM products p JOIN certificates c ON c.id = p.current_certificate_id
         WHERE p.producer_id = ?1 AND c.expires_on BETWEEN ", sql_today!(), " AND date(", sql_today!(), ", '+90 days')
         ORDER BY c.expires_on LIMIT 50"),
    )
    .bind(producer_id)
    .fetch_all(pool)
    .await?;
    let events = crate::store::applications::events(
        pool,
        producer_id,
        crate::store::applications::Which::TakingPart,
    )
    .await?;
    Ok(Dashboard {
        producer_name: counts.producer_name,
        producer_slug: counts.producer_slug,
        new_inquiries: counts.new_inquiries,
        waiting_review: counts.waiting_review,
        rejected: counts.rejected,
        expiring,
        events,
        notices: crate::store::notices::recent(pool, producer_id, 10).await?,
    })
}
