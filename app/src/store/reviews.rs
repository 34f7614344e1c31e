//! Staff's review of listings: the queue of proposals, one proposal beside the approved
//! version, and the decision. Approving makes the proposal the public version.

use sqlx::{SqliteConnection, SqlitePool};

use crate::error::{AppError, Record};
use crate::model::account::Staff;
use crate::model::ids::ProductId;
use crate::model::listing::Listing;
use crate::model::listing::RevisionStatus;
use crate::model::moment::Moment;
use crate::model::page::{Page, PageNumber};
use crate::model::portal::{ReviewDetail, ReviewLine};
use crate::model::product::ProductStatus;
use crate::store::audit::Audit;
use crate::store::listings::{approved, gtin_free, photos, set_choices};
use crate::store::Writer;

pub const PER_PAGE: u32 = 20;

/// The proposals waiting, oldest first.
pub async fn queue(pool: &SqlitePool, page: PageNumber) -> Result<Page<ReviewLine>, AppError> {
    let total: i64 = sqlx::query_scalar("SELECT count(*) FROM product_revisions WHERE status = ?1")
        .bind(RevisionStatus::Pending)
        .fetch_one(pool)
        .await?;
    let items = sqlx::query_as(
        "SELECT r.id AS revision_id, json_extract(r.proposed, '$.name') AS product_name, pr.name AS producer_name,
                r.submitted_at, p.status = ?1 AS is_new
         FROM product_revisions r JOIN products p ON p.id = r.product_id JOIN producers pr ON pr.id = p.producer_id
         WHERE r.status = ?2 ORDER BY r.submitted_at, r.id LIMIT ?3 OFFSET ?4",
    )
    .bind(ProductStatus::Draft)
    .bind(RevisionStatus::Pending)
    .bind(PER_PAGE)
    .bind(page.offset(PER_PAGE))
    .fetch_all(pool)
    .await?;
    Ok(Page::new(items, page, PER_PAGE, total))
}

/// One proposal, decided or not, beside the version the public sees.
pub async fn review(pool: &SqlitePool, revision_id: i64) -> Result<ReviewDetail, AppError> {
    #[derive(sqlx::FromRow)]
    struct Row {
        product_id: ProductId,
        status: RevisionStatus,
        reason: Option<String>,
        proposed: String,
        product_slug: String,
        product_status: ProductStatus,
        producer_name: String,
        submitted_by: String,
        submitted_at: Moment,
    }
    let sets = set_choices(pool).await?;
    let mut connection = pool.acquire().await?;
    let row: Row = sqlx::query_as(
        "SELECT r.product_id, r.status, r.reason, r.proposed, p.slug AS product_slug, p.status AS product_status,
                pr.name AS producer_name, u.email AS submitted_by, r.submitted_at
         FROM product_revisions r JOIN products p ON p.id = r.product_id JOIN producers pr ON pr.id = p.producer_id
         JOIN users u ON u.id = r.submitted_by WHERE r.id = ?1",
    )
    .bind(revision_id)
    .fetch_optional(&mut *connection)
    .await?
    .ok_or(AppError::NotFound)?;
    let proposed: Listing = serde_json::from_str(&row.proposed).map_err(|_| AppError::Internal)?;
    let is_new = row.product_status == ProductStatus::Draft;
    let current = if is_new {
        Listing::default()
    } else {
        approved(&mut connection, row.product_id).await?
    };
    let current_photos = photos(&mut connection, &current.images).await?;
    let proposed_photos = photos(&mut connection, &proposed.images).await?;
    Ok(ReviewDetail {
        revision_id,
        status: row.status,
        reason: row.reason,
        product_slug: row.product_slug,
        producer_name: row.producer_name,
        submitted_by: row.submitted_by,
        submitted_at: row.submitted_at,
        is_new,
        changed: proposed
            .changed_fields(&current)
            .into_iter()
            .map(str::to_owned)
            .collect(),
        current,
        proposed,
        current_photos,
        proposed_photos,
        sets,
    })
}

/// The product and the proposal of a revision still waiting; one already decided is refused.
async fn pending(
    connection: &mut SqliteConnection,
    revision_id: i64,
) -> Result<(ProductId, Listing), AppError> {
    let (product_id, status, proposed): (ProductId, RevisionStatus, String) =
        sqlx::query_as("SELECT product_id, status, proposed FROM product_revisions WHERE id = ?1")
            .bind(revision_id)
            .fetch_optional(&mut *connection)
            .await?
            .ok_or(AppError::NotFound)?;
    if status != RevisionStatus::Pending {
        return Err(AppError::settled(
            Record::Revision,
            status,
            RevisionStatus::decision_label,
        ));
    }
    Ok((
        product_id,
        serde_json::from_str(&proposed).map_err(|_| AppError::Internal)?,
    ))
}

/// Makes the proposal the public version: fields, photos, and for a new listing, publication.
pub async fn approve(writer: &Writer, reviewer: Staff, revision_id: i64) -> Result<(), AppError> {
    writer
        .change(async |tx| {
            let (product_id, listing) = pending(tx, revision_id).await?;
            gtin_free(tx, listing.gtin.as_ref(), Some(product_id)).await?;
            let before = approved(tx, product_id).await?;
            sqlx::query(
                "UPDATE products SET name = ?1, set_id = ?2, description = ?3, ingredients = ?4, specifications = ?5, packaging = ?6,
                     shelf_life = ?7, price_min = ?8, price_max = ?9, price_unit = ?10, where_to_buy = ?11, gtin = ?15, updated_at = datetime('now'),
                     status = CASE status WHEN ?13 THEN ?14 ELSE status END,
                     published_at = coalesce(published_at, datetime('now'))
                 WHERE id = ?12",
            )
            .bind(&listing.name)
            .bind(listing.set_id)
            .bind(&listing.description)
            .bind(&listing.ingredients)
            .bind(&listing.specifications)
            .bind(&listing.packaging)
            .bind(&listing.shelf_life)
            .bind(listing.price_min)
            .bind(listing.price_max)
            .bind(&listing.price_unit)
            .bind(&listing.where_to_buy)
            .bind(product_id)
            .bind(ProductStatus::Draft)
            .bind(ProductStatus::Published)
            .bind(&listing.gtin)
            .execute(&mut *tx)
            .await?;
            sqlx::query("DELETE FROM product_images WHERE product_id = ?1")
                .bind(product_id)
                .execute(&mut *tx)
                .await?;
            for (position, image) in listing.images.iter().enumerate() {
                sqlx::query("INSERT INTO product_images (product_id, media_id, card_media_id, alt_text, position) VALUES (?1, ?2, ?3, ?4, ?5)")
                    .bind(product_id)
                    .bind(image.media_id)
                    .bind(image.card_media_id)
                    .bind(&image.alt)
                    .bind(position as i64)
                    .execute(&mut *tx)
                    .await?;
            }
            sqlx::query("DELETE FROM sales_points WHERE product_id = ?1; DELETE FROM online_listings WHERE product_id = ?1")
                .bind(product_id)
                .execute(&mut *tx)
                .await?;
            for (position, point) in listing.sales_points.iter().enumerate() {
                sqlx::query("INSERT INTO sales_points (product_id, position, kind, name, address, unit_id, directions) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
                    .bind(product_id)
                    .bind(position as i64)
                    .bind(point.kind)
                    .bind(&point.name)
                    .bind(&point.address)
                    .bind(point.unit_id)
                    .bind(&point.directions)
                    .execute(&mut *tx)
                    .await?;
            }
            for (position, online) in listing.online_listings.iter().enumerate() {
                sqlx::query("INSERT INTO online_listings (product_id, position, kind, label, url) VALUES (?1, ?2, ?3, ?4, ?5)")
                    .bind(product_id)
                    .bind(position as i64)
                    .bind(online.kind)
                    .bind(&online.label)
                    .bind(&online.url)
                    .execute(&mut *tx)
                    .await?;
            }
            decide(tx, revision_id, RevisionStatus::Approved, None, reviewer).await?;
            let audit = Audit::of(reviewer.user_id(),
                "approve",
                "product_revision",
                revision_id,
                format!("product {product_id}: {}", listing.name),
            )
            .before(&before)
            .after(&listing);
            Ok(((), Some(audit)))
        })
        .await
}

async fn decide(
    connection: &mut SqliteConnection,
    revision_id: i64,
    decision: RevisionStatus,
    reason: Option<&str>,
    reviewer: Staff,
) -> Result<(), AppError> {
    sqlx::query("UPDATE product_revisions SET status = ?1, reason = ?2, reviewed_by = ?3, reviewed_at = datetime('now') WHERE id = ?4")
        .bind(decision)
        .bind(reason)
        .bind(reviewer.user_id())
        .bind(revision_id)
        .execute(connection)
        .await?;
    Ok(())
}

/// Refuses the proposal with a reason the producer reads; the public version stays.
pub async fn reject(
    writer: &Writer,
    reviewer: Staff,
    revision_id: i64,
    reason: &str,
) -> Result<(), AppError> {
    let mut problems = Vec::new();
    crate::model::form::check_text(&mut problems, "reason", reason, true, 1000);
    crate::model::form::refuse_if_any(problems)?;
    writer
        .change(async |tx| {
            let (product_id, _) = pending(tx, revision_id).await?;
            decide(
                tx,
                revision_id,
                RevisionStatus::Rejected,
                Some(reason),
                reviewer,
            )
            .await?;
            let audit = Audit::of(
                reviewer.user_id(),
                "reject",
                "product_revision",
                revision_id,
                format!("product {product_id}: {reason}"),
            );
            Ok(((), Some(audit)))
        })
        .await
}
