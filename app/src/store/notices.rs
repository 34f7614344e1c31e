//! What producers are told about their applications, training places, OCOP registrations and
//! certificates: a line in their portal always, and an email through the outbox when mail is
//! configured. Written in the transaction of the change it tells of.

use sqlx::{SqliteConnection, SqlitePool};

use crate::error::AppError;
use crate::model::ids::{EventId, ProducerId};
use crate::model::portal::ProducerNotice;

/// A notice to the producer in both languages, about an event or (without one) its OCOP
/// registrations and certificates.
pub struct Tell {
    pub producer_id: ProducerId,
    pub event_id: Option<EventId>,
    pub vi: String,
    pub en: String,
}

pub async fn tell(
    connection: &mut SqliteConnection,
    notice: Tell,
    mail: bool,
) -> Result<(), AppError> {
    sqlx::query("INSERT INTO producer_notices (producer_id, event_id, text_vi, text_en) VALUES (?1, ?2, ?3, ?4)")
        .bind(notice.producer_id)
        .bind(notice.event_id)
        .bind(&notice.vi)
        .bind(&notice.en)
        .execute(&mut *connection)
        .await?;
    if !mail {
        return Ok(());
    }
    let to: Option<(Option<String>, String)> =
        sqlx::query_as("SELECT email, name FROM producers WHERE id = ?1")
            .bind(notice.producer_id)
            .fetch_optional(&mut *connection)
            .await?;
    if let Some((Some(email), name)) =
        to.filter(|(email, _)| email.as_deref().is_some_and(|e| !e.trim().is_empty()))
    {
        let (section_vi, section_en) = match notice.event_id {
            Some(_) => ("Sự kiện", "Events"),
            None => ("OCOP", "OCOP"),
        };
        let office = crate::store::office::read(&mut *connection).await?;
        let (office_vi, office_en) = (&office.name.vi, office.name.get(crate::i18n::Lang::En));
        let body = format!(
            "Kính gửi {name},\n\n{}\n\nXem chi tiết trong Cổng nhà sản xuất, mục {section_vi}.\n\n{office_vi}\n\n---\n\n{}\n\nDetails in the producer portal, under {section_en}.\n\n{office_en}\n",
            notice.vi, notice.en
        );
        sqlx::query("INSERT INTO outbox (to_addr, subject, body) VALUES (?1, ?2, ?3)")
            .bind(email)
            .bind(format!(
                "Thông báo từ {office_vi} · Notice from {office_en}"
            ))
            .bind(body)
            .execute(connection)
            .await?;
    }
    Ok(())
}

/// The producer's latest notices, newest first.
pub async fn recent(
    pool: &SqlitePool,
    producer_id: ProducerId,
    limit: i64,
) -> Result<Vec<ProducerNotice>, AppError> {
    Ok(sqlx::query_as(
        "SELECT n.text_vi, n.text_en, n.created_at, e.slug AS event_slug FROM producer_notices n
         LEFT JOIN events e ON e.id = n.event_id
         WHERE n.producer_id = ?1 ORDER BY n.created_at DESC, n.id DESC LIMIT ?2",
    )
    .bind(producer_id)
    .bind(limit)
    .fetch_all(pool)
    .await?)
}
