//! Inquiries from consumers to producers, kept in the database in the request that sends
//! them, with an email queued in the outbox when mail is configured.

use crate::error::AppError;
use crate::model::inquiry::ValidInquiry;
use crate::store::Writer;

/// At most this many inquiries from one address per hour.
pub const PER_ADDRESS_PER_HOUR: i64 = 5;

/// What the inquiry is about: a product (and so its producer), or a producer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target<'a> {
    Product(&'a str),
    Producer(&'a str),
}

pub async fn create(
    writer: &Writer,
    target: Target<'_>,
    inquiry: &ValidInquiry,
    client_key: &str,
    queue_mail: bool,
) -> Result<i64, AppError> {
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
    let found: Option<(i64, Option<i64>, String, Option<String>, Option<String>)> = match target {
        Target::Product(slug) => {
            sqlx::query_as(
                "SELECT pr.id, p.id, pr.name, pr.email, p.name FROM products p JOIN producers pr ON pr.id = p.producer_id
                 WHERE p.slug = ?1 AND p.status = 'published' AND pr.active = 1",
            )
            .bind(slug)
            .fetch_optional(&mut *tx)
            .await?
        }
        Target::Producer(slug) => {
            sqlx::query_as("SELECT id, NULL, name, email, NULL FROM producers WHERE slug = ?1 AND active = 1")
                .bind(slug)
                .fetch_optional(&mut *tx)
                .await?
        }
    };
    let (producer_id, product_id, producer_name, producer_email, product_name) =
        found.ok_or(AppError::NotFound)?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO inquiries (producer_id, product_id, name, phone, email, message, client_key)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id",
    )
    .bind(producer_id)
    .bind(product_id)
    .bind(&inquiry.name)
    .bind(&inquiry.phone)
    .bind(&inquiry.email)
    .bind(&inquiry.message)
    .bind(client_key)
    .fetch_one(&mut *tx)
    .await?;
    if let (true, Some(to)) = (queue_mail, producer_email.filter(|e| !e.trim().is_empty())) {
        let about = product_name
            .map(|name| format!(" về sản phẩm {name}"))
            .unwrap_or_default();
        let contact = [inquiry.phone.as_deref(), inquiry.email.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" · ");
        let body = format!(
            "Kính gửi {producer_name},\n\n{} ({contact}) gửi câu hỏi{about} qua cổng OCOP:\n\n{}\n\nVui lòng liên hệ lại với khách hàng.\n",
            inquiry.name, inquiry.message
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
