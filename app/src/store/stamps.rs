//! The stamp of a producer's own product: the certificate it holds today. Another producer's
//! product is not found, so that ids tell nothing.

use sqlx::SqlitePool;

use crate::error::AppError;
use crate::model::ids::{ProducerId, ProductId};
use crate::model::stamps::{Stamp, StampSheet};
use crate::store::clock::TODAY;

pub async fn sheet(
    pool: &SqlitePool,
    producer_id: ProducerId,
    product_id: ProductId,
) -> Result<StampSheet, AppError> {
    let product_name: String =
        sqlx::query_scalar("SELECT name FROM products WHERE id = ?1 AND producer_id = ?2")
            .bind(product_id)
            .bind(producer_id)
            .fetch_optional(pool)
            .await?
            .ok_or(AppError::NotFound)?;
    let stamp: Option<Stamp> = sqlx::query_as(&format!(
        "SELECT p.name AS product_name, p.slug, p.gtin, c.stars, c.certificate_no, c.expires_on
         FROM products p JOIN certificates c ON c.id = p.current_certificate_id
         WHERE p.id = ?1 AND p.producer_id = ?2 AND p.published_at IS NOT NULL
           AND c.revoked_on IS NULL AND c.expires_on >= {TODAY}"
    ))
    .bind(product_id)
    .bind(producer_id)
    .fetch_optional(pool)
    .await?;
    Ok(StampSheet {
        product_name,
        stamp,
    })
}
