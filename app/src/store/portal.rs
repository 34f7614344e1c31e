//! A producer's own side: the dashboard and the inquiry inbox.

use sqlx::SqlitePool;

use crate::error::AppError;
use crate::model::account::Viewer;
use crate::model::page::{Page, PageNumber};
use crate::model::portal::{
    AppliedFair, Dashboard, ExpiringCertificate, Inbox, InquiryCounts, InquiryDetail, InquiryLine,
    INQUIRY_STATUSES,
};
use crate::store::audit::{self, Entry};
use crate::store::Writer;

pub const PER_PAGE: u32 = 20;

pub async fn dashboard(pool: &SqlitePool, viewer: &Viewer) -> Result<Dashboard, AppError> {
    let producer_id = viewer.own_producer()?;
    let (producer_name, producer_slug, new_inquiries, waiting_review, rejected): (String, String, i64, i64, i64) = sqlx::query_as(
        "SELECT pr.name, pr.slug,
            (SELECT count(*) FROM inquiries WHERE producer_id = pr.id AND status = 'new'),
            (SELECT count(*) FROM product_revisions r JOIN products p ON p.id = r.product_id WHERE p.producer_id = pr.id AND r.status = 'pending'),
            (SELECT count(*) FROM products p WHERE p.producer_id = pr.id AND
                (SELECT status FROM product_revisions WHERE product_id = p.id ORDER BY submitted_at DESC, id DESC LIMIT 1) = 'rejected')
         FROM producers pr WHERE pr.id = ?1",
    )
    .bind(producer_id)
    .fetch_optional(pool)
    .await?
    .ok_or(AppError::NotFound)?;
    let expiring: Vec<(String, i64, String)> = sqlx::query_as(
        "SELECT p.name, c.stars, c.expires_on FROM products p JOIN certificates c ON c.id = p.current_certificate_id
         WHERE p.producer_id = ?1 AND c.expires_on BETWEEN date('now', '+7 hours') AND date('now', '+7 hours', '+90 days')
         ORDER BY c.expires_on LIMIT 50",
    )
    .bind(producer_id)
    .fetch_all(pool)
    .await?;
    let fairs: Vec<(String, String, String, String)> = sqlx::query_as(
        "SELECT e.slug, e.name, e.starts_on, a.status FROM exhibitor_applications a JOIN events e ON e.id = a.event_id
         WHERE a.producer_id = ?1 AND e.ends_on >= date('now', '+7 hours') ORDER BY e.starts_on LIMIT 20",
    )
    .bind(producer_id)
    .fetch_all(pool)
    .await?;
    Ok(Dashboard {
        producer_name,
        producer_slug,
        new_inquiries,
        waiting_review,
        rejected,
        expiring: expiring
            .into_iter()
            .map(|(product_name, stars, expires_on)| ExpiringCertificate {
                product_name,
                stars,
                expires_on,
            })
            .collect(),
        fairs: fairs
            .into_iter()
            .map(|(slug, name, starts_on, status)| AppliedFair {
                slug,
                name,
                starts_on,
                status,
            })
            .collect(),
    })
}

/// The inbox, optionally only inquiries of one status, newest first.
pub async fn inbox(
    pool: &SqlitePool,
    viewer: &Viewer,
    status: Option<&str>,
    page: PageNumber,
) -> Result<Inbox, AppError> {
    let producer_id = viewer.own_producer()?;
    let status = match status.filter(|s| !s.is_empty()) {
        Some(status) if INQUIRY_STATUSES.contains(&status) => Some(status.to_owned()),
        Some(_) => {
            return Err(AppError::invalid(
                "status",
                "Trạng thái không hợp lệ.",
                "Not a valid status.",
            ))
        }
        None => None,
    };
    let counts: Vec<(String, i64)> = sqlx::query_as(
        "SELECT status, count(*) FROM inquiries WHERE producer_id = ?1 GROUP BY status",
    )
    .bind(producer_id)
    .fetch_all(pool)
    .await?;
    let count = |wanted: &str| {
        counts
            .iter()
            .find(|(s, _)| s == wanted)
            .map_or(0, |(_, n)| *n)
    };
    let counts = InquiryCounts {
        new: count("new"),
        read: count("read"),
        answered: count("answered"),
        closed: count("closed"),
    };
    let total = match status.as_deref() {
        Some(s) => count(s),
        None => counts.new + counts.read + counts.answered + counts.closed,
    };
    let rows: Vec<(i64, String, Option<String>, String, String, String)> = sqlx::query_as(
        "SELECT i.id, i.name, p.name, substr(i.message, 1, 140), i.status, i.created_at
         FROM inquiries i LEFT JOIN products p ON p.id = i.product_id
         WHERE i.producer_id = ?1 AND (?2 IS NULL OR i.status = ?2)
         ORDER BY i.created_at DESC, i.id DESC LIMIT ?3 OFFSET ?4",
    )
    .bind(producer_id)
    .bind(&status)
    .bind(PER_PAGE)
    .bind(page.offset(PER_PAGE))
    .fetch_all(pool)
    .await?;
    let items = rows
        .into_iter()
        .map(
            |(id, name, product_name, excerpt, status, created_at)| InquiryLine {
                id,
                name,
                product_name,
                excerpt,
                status,
                created_at,
            },
        )
        .collect();
    Ok(Inbox {
        status,
        counts,
        inquiries: Page::new(items, page, PER_PAGE, total),
    })
}

/// One inquiry of the producer's. Reading changes nothing: the page marks it read with a POST
/// ([`mark_read`]), so that a prefetch, a crawler or a reload never does.
pub async fn open_inquiry(
    pool: &SqlitePool,
    viewer: &Viewer,
    inquiry_id: i64,
) -> Result<InquiryDetail, AppError> {
    let producer_id = viewer.own_producer()?;
    #[allow(clippy::type_complexity)]
    let row: Option<(i64, String, Option<String>, Option<String>, String, String, String, Option<String>, Option<String>)> = sqlx::query_as(
        "SELECT i.id, i.name, i.phone, i.email, i.message, i.status, i.created_at, p.name, p.slug
         FROM inquiries i LEFT JOIN products p ON p.id = i.product_id WHERE i.id = ?1 AND i.producer_id = ?2",
    )
    .bind(inquiry_id)
    .bind(producer_id)
    .fetch_optional(pool)
    .await?;
    let (id, name, phone, email, message, status, created_at, product_name, product_slug) =
        row.ok_or(AppError::NotFound)?;
    Ok(InquiryDetail {
        id,
        name,
        phone,
        email,
        message,
        status,
        created_at,
        product_name,
        product_slug,
    })
}

/// Marks a new inquiry of the producer's read; one already read or answered stays as it is.
pub async fn mark_read(writer: &Writer, viewer: &Viewer, inquiry_id: i64) -> Result<(), AppError> {
    let producer_id = viewer.own_producer()?;
    let mut tx = writer.begin().await?;
    let exists: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM inquiries WHERE id = ?1 AND producer_id = ?2)",
    )
    .bind(inquiry_id)
    .bind(producer_id)
    .fetch_one(&mut *tx)
    .await?;
    if !exists {
        return Err(AppError::NotFound);
    }
    let changed =
        sqlx::query("UPDATE inquiries SET status = 'read' WHERE id = ?1 AND status = 'new'")
            .bind(inquiry_id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
    if changed > 0 {
        audit::note(
            &mut tx,
            Entry::of(viewer.user_id, "read", "inquiry", inquiry_id, "new → read"),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

pub async fn set_inquiry_status(
    writer: &Writer,
    viewer: &Viewer,
    inquiry_id: i64,
    status: &str,
) -> Result<(), AppError> {
    let producer_id = viewer.own_producer()?;
    if !INQUIRY_STATUSES.contains(&status) {
        return Err(AppError::invalid(
            "status",
            "Vui lòng chọn một trạng thái.",
            "Please choose a status.",
        ));
    }
    let mut tx = writer.begin().await?;
    let before: String =
        sqlx::query_scalar("SELECT status FROM inquiries WHERE id = ?1 AND producer_id = ?2")
            .bind(inquiry_id)
            .bind(producer_id)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(AppError::NotFound)?;
    sqlx::query("UPDATE inquiries SET status = ?1 WHERE id = ?2")
        .bind(status)
        .bind(inquiry_id)
        .execute(&mut *tx)
        .await?;
    audit::note(
        &mut tx,
        Entry::of(
            viewer.user_id,
            "set_status",
            "inquiry",
            inquiry_id,
            format!("{before} → {status}"),
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
