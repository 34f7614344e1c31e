//! Inquiries from consumers to producers: kept in the database in the request that sends
//! them (with an email queued in the outbox when mail is configured), then the producer's
//! inbox. Every inbox function takes the producer's id and finds only its inquiries.

use sqlx::SqlitePool;

use crate::error::AppError;
use crate::model::account::Producer;
use crate::model::ids::{ProducerId, ProductId};
use crate::model::inquiry::InquiryStatus;
use crate::model::inquiry::{About, ValidInquiry};
use crate::model::page::{Page, PageNumber};
use crate::model::portal::{Inbox, InquiryCounts, InquiryDetail};
use crate::model::product::ProductStatus;
use crate::store::audit::Audit;
use crate::store::Writer;

pub const PER_PAGE: u32 = 20;

/// At most this many inquiries from one address per hour.
pub const PER_ADDRESS_PER_HOUR: i64 = 5;

pub async fn create(
    writer: &Writer,
    about: About,
    slug: &str,
    inquiry: &ValidInquiry,
    client_key: &str,
    queue_mail: bool,
) -> Result<i64, AppError> {
    #[derive(sqlx::FromRow)]
    struct Found {
        producer_id: ProducerId,
        product_id: Option<ProductId>,
        producer_name: String,
        producer_email: Option<String>,
        product_name: Option<String>,
    }
    let mut tx = writer.begin().await?;
    let recent: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM inquiries WHERE client_key = ?1 AND created_at > datetime('now', '-1 hour')",
    )
    .bind(client_key)
    .fetch_one(&mut *tx)
    .await?;
    if recent >= PER_ADDRESS_PER_HOUR {
        return Err(AppError::RateLimited);
    }
    let found: Option<Found> = match about {
        About::Product => {
            sqlx::query_as(
                "SELECT pr.id AS producer_id, p.id AS product_id, pr.name AS producer_name, pr.email AS producer_email, p.name AS product_name
                 FROM products p JOIN producers pr ON pr.id = p.producer_id
                 WHERE p.slug = ?1 AND p.status = ?2 AND pr.active = 1",
            )
            .bind(slug)
            .bind(ProductStatus::Published)
            .fetch_optional(&mut *tx)
            .await?
        }
        About::Producer => {
            sqlx::query_as(
                "SELECT id AS producer_id, NULL AS product_id, name AS producer_name, email AS producer_email, NULL AS product_name
                 FROM producers WHERE slug = ?1 AND active = 1",
            )
            .bind(slug)
            .fetch_optional(&mut *tx)
            .await?
        }
    };
    let found = found.ok_or(AppError::NotFound)?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO inquiries (producer_id, product_id, name, phone, email, message, client_key)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id",
    )
    .bind(found.producer_id)
    .bind(found.product_id)
    .bind(&inquiry.name)
    .bind(&inquiry.phone)
    .bind(&inquiry.email)
    .bind(&inquiry.message)
    .bind(client_key)
    .fetch_one(&mut *tx)
    .await?;
    let to = found.producer_email.filter(|e| !e.trim().is_empty());
    if let (true, Some(to)) = (queue_mail, to) {
        let about = found
            .product_name
            .map(|name| format!(" về sản phẩm {name}"))
            .unwrap_or_default();
        let contact = [inquiry.phone.as_deref(), inquiry.email.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" · ");
        let portal = crate::store::office::read(&mut tx).await?.short_name.vi;
        let body = format!(
            "Kính gửi {},\n\n{} ({contact}) gửi câu hỏi{about} qua cổng {portal}:\n\n{}\n\nVui lòng liên hệ lại với khách hàng.\n",
            found.producer_name, inquiry.name, inquiry.message
        );
        sqlx::query("INSERT INTO outbox (to_addr, subject, body) VALUES (?1, ?2, ?3)")
            .bind(to)
            .bind(format!("Khách hàng hỏi{about}"))
            .bind(body)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(id)
}

/// The producer's inbox, optionally only inquiries of one status, newest first.
pub async fn inbox(
    pool: &SqlitePool,
    producer_id: ProducerId,
    status: Option<InquiryStatus>,
    page: PageNumber,
) -> Result<Inbox, AppError> {
    let counts: Vec<(InquiryStatus, i64)> = sqlx::query_as(
        "SELECT status, count(*) FROM inquiries WHERE producer_id = ?1 GROUP BY status",
    )
    .bind(producer_id)
    .fetch_all(pool)
    .await?;
    let counts = InquiryCounts(counts);
    let total = status.map_or_else(|| counts.total(), |status| counts.of(status));
    let items = sqlx::query_as(
        "SELECT i.id, i.name, p.name AS product_name, substr(i.message, 1, 140) AS excerpt, i.status, i.created_at
         FROM inquiries i LEFT JOIN products p ON p.id = i.product_id
         WHERE i.producer_id = ?1 AND (?2 IS NULL OR i.status = ?2)
         ORDER BY i.created_at DESC, i.id DESC LIMIT ?3 OFFSET ?4",
    )
    .bind(producer_id)
    .bind(status)
    .bind(PER_PAGE)
    .bind(page.offset(PER_PAGE))
    .fetch_all(pool)
    .await?;
    Ok(Inbox {
        status,
        counts,
        inquiries: Page::new(items, page, PER_PAGE, total),
    })
}

/// One inquiry of the producer's. Reading changes nothing: the page marks it read with a POST
/// ([`mark_read`]), so that a prefetch, a crawler or a reload never does.
pub async fn open(
    pool: &SqlitePool,
    producer_id: ProducerId,
    inquiry_id: i64,
) -> Result<InquiryDetail, AppError> {
    sqlx::query_as(
        "SELECT i.id, i.name, i.phone, i.email, i.message, i.status, i.created_at, p.name AS product_name, p.slug AS product_slug
         FROM inquiries i LEFT JOIN products p ON p.id = i.product_id WHERE i.id = ?1 AND i.producer_id = ?2",
    )
    .bind(inquiry_id)
    .bind(producer_id)
    .fetch_optional(pool)
    .await?
    .ok_or(AppError::NotFound)
}

/// The status of one of the producer's inquiries; NotFound for anyone else's.
async fn status_of(
    connection: &mut sqlx::SqliteConnection,
    producer_id: ProducerId,
    inquiry_id: i64,
) -> Result<InquiryStatus, AppError> {
    sqlx::query_scalar("SELECT status FROM inquiries WHERE id = ?1 AND producer_id = ?2")
        .bind(inquiry_id)
        .bind(producer_id)
        .fetch_optional(connection)
        .await?
        .ok_or(AppError::NotFound)
}

/// Marks a new inquiry of the producer's read; one already read or answered stays as it is.
pub async fn mark_read(
    writer: &Writer,
    producer: Producer,
    inquiry_id: i64,
) -> Result<(), AppError> {
    writer
        .change(async |tx| {
            if status_of(tx, producer.producer_id(), inquiry_id).await? != InquiryStatus::New {
                return Ok(((), None));
            }
            set_status_in(tx, inquiry_id, InquiryStatus::Read).await?;
            let audit = Audit::of(
                producer.user_id(),
                "read",
                "inquiry",
                inquiry_id,
                "new → read",
            );
            Ok(((), Some(audit)))
        })
        .await
}

async fn set_status_in(
    connection: &mut sqlx::SqliteConnection,
    inquiry_id: i64,
    status: InquiryStatus,
) -> Result<(), AppError> {
    sqlx::query("UPDATE inquiries SET status = ?1 WHERE id = ?2")
        .bind(status)
        .bind(inquiry_id)
        .execute(connection)
        .await?;
    Ok(())
}

/// The producer sets the status of one of its inquiries (answered, closed...).
pub async fn set_status(
    writer: &Writer,
    producer: Producer,
    inquiry_id: i64,
    status: InquiryStatus,
) -> Result<(), AppError> {
    writer
        .change(async |tx| {
            let before = status_of(tx, producer.producer_id(), inquiry_id).await?;
            set_status_in(tx, inquiry_id, status).await?;
            let summary = format!("{before} → {status}");
            let audit = Audit::of(
                producer.user_id(),
                "set_status",
                "inquiry",
                inquiry_id,
                summary,
            );
            Ok(((), Some(audit)))
        })
        .await
}
