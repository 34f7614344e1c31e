//! Producers' listings and their review: a producer proposes, staff approve or reject, and
//! only approved versions reach the `products` table the public reads.

use sqlx::{SqliteConnection, SqlitePool};

use crate::error::AppError;
use crate::model::account::Viewer;
use crate::model::listing::{Listing, ListingImage};
use crate::model::page::{Page, PageNumber};
use crate::model::portal::{
    CertifiedFacts, Choice, EditableListing, OwnProductLine, Photo, Review, ReviewDetail,
    ReviewLine,
};
use crate::model::product::media_path;
use crate::store::audit::{self, Entry};
use crate::store::media::{self, NewPhoto};
use crate::store::redirects::{free_slug, Entity};
use crate::store::Writer;

pub const PER_PAGE: u32 = 20;

pub async fn set_choices(pool: &SqlitePool) -> Result<Vec<Choice>, AppError> {
    let rows: Vec<(i64, String, String, String, String)> = sqlx::query_as(
        "SELECT s.id, g.name_vi, s.name_vi, g.name_en, s.name_en FROM product_sets s JOIN product_groups g ON g.id = s.group_id
         ORDER BY g.position, s.position",
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, group_vi, vi, group_en, en)| Choice {
            id,
            vi: format!("{group_vi} › {vi}"),
            en: format!("{group_en} › {en}"),
        })
        .collect())
}

/// The product, if it belongs to the producer. Another producer's product answers NotFound,
/// so that ids do not tell what exists.
async fn owned(
    connection: &mut SqliteConnection,
    producer_id: i64,
    product_id: i64,
) -> Result<(String, String), AppError> {
    sqlx::query_as("SELECT slug, status FROM products WHERE id = ?1 AND producer_id = ?2")
        .bind(product_id)
        .bind(producer_id)
        .fetch_optional(connection)
        .await?
        .ok_or(AppError::NotFound)
}

/// The approved version of a product, as a listing.
async fn approved(connection: &mut SqliteConnection, product_id: i64) -> Result<Listing, AppError> {
    #[derive(sqlx::FromRow)]
    struct Row {
        name: String,
        set_id: i64,
        description: String,
        ingredients: String,
        specifications: String,
        packaging: String,
        shelf_life: String,
        price_min: Option<i64>,
        price_max: Option<i64>,
        price_unit: String,
        where_to_buy: String,
    }
    let row: Row = sqlx::query_as(
        "SELECT name, set_id, description, ingredients, specifications, packaging, shelf_life, price_min, price_max, price_unit, where_to_buy
         FROM products WHERE id = ?1",
    )
    .bind(product_id)
    .fetch_optional(&mut *connection)
    .await?
    .ok_or(AppError::NotFound)?;
    let images: Vec<(i64, i64, String)> = sqlx::query_as(
        "SELECT media_id, coalesce(card_media_id, media_id), alt_text FROM product_images WHERE product_id = ?1 ORDER BY position, id",
    )
    .bind(product_id)
    .fetch_all(&mut *connection)
    .await?;
    Ok(Listing {
        name: row.name,
        set_id: row.set_id,
        description: row.description,
        ingredients: row.ingredients,
        specifications: row.specifications,
        packaging: row.packaging,
        shelf_life: row.shelf_life,
        price_min: row.price_min,
        price_max: row.price_max,
        price_unit: row.price_unit,
        where_to_buy: row.where_to_buy,
        images: images
            .into_iter()
            .map(|(media_id, card_media_id, alt)| ListingImage {
                media_id,
                card_media_id,
                alt,
            })
            .collect(),
    })
}

/// The newest proposal of a product if it waits or was refused (an approved or superseded
/// one is history).
async fn open_proposal(
    connection: &mut SqliteConnection,
    product_id: i64,
) -> Result<Option<(Review, Listing)>, AppError> {
    let row: Option<(String, Option<String>, String)> = sqlx::query_as(
        "SELECT status, reason, proposed FROM product_revisions WHERE product_id = ?1 ORDER BY submitted_at DESC, id DESC LIMIT 1",
    )
    .bind(product_id)
    .fetch_optional(connection)
    .await?;
    Ok(row.and_then(|(status, reason, proposed)| {
        let review = match status.as_str() {
            "pending" => Review::Pending,
            "rejected" => Review::Rejected {
                reason: reason.unwrap_or_default(),
            },
            _ => return None,
        };
        serde_json::from_str(&proposed)
            .ok()
            .map(|listing| (review, listing))
    }))
}

async fn photos(
    connection: &mut SqliteConnection,
    images: &[ListingImage],
) -> Result<Vec<Photo>, AppError> {
    let ids = serde_json::to_string(
        &images
            .iter()
            .map(|image| image.card_media_id)
            .collect::<Vec<_>>(),
    )
    .map_err(|_| AppError::Internal)?;
    let found: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT id, sha256, mime FROM media WHERE id IN (SELECT value FROM json_each(?1))",
    )
    .bind(ids)
    .fetch_all(connection)
    .await?;
    Ok(images
        .iter()
        .filter_map(|image| {
            let (_, sha256, mime) = found.iter().find(|(id, _, _)| *id == image.card_media_id)?;
            Some(Photo {
                src: media_path(sha256, mime),
                alt: image.alt.clone(),
            })
        })
        .collect())
}

pub async fn own_products(
    pool: &SqlitePool,
    producer_id: i64,
    page: PageNumber,
) -> Result<Page<OwnProductLine>, AppError> {
    let total: i64 = sqlx::query_scalar("SELECT count(*) FROM products WHERE producer_id = ?1")
        .bind(producer_id)
        .fetch_one(pool)
        .await?;
    #[allow(clippy::type_complexity)]
    let rows: Vec<(i64, String, String, String, Option<String>, Option<String>, Option<String>)> = sqlx::query_as(
        "SELECT p.id, p.slug,
                -- the producer sees the name they last proposed
                coalesce(CASE WHEN r.status IN ('pending', 'rejected') THEN json_extract(r.proposed, '$.name') END, p.name),
                p.status, r.status, r.reason,
                (SELECT m.sha256 || ' ' || m.mime FROM product_images pi JOIN media m ON m.id = coalesce(pi.card_media_id, pi.media_id)
                 WHERE pi.product_id = p.id ORDER BY pi.position, pi.id LIMIT 1)
         FROM products p
         LEFT JOIN product_revisions r ON r.id = (SELECT id FROM product_revisions WHERE product_id = p.id ORDER BY submitted_at DESC, id DESC LIMIT 1)
         WHERE p.producer_id = ?1 ORDER BY p.updated_at DESC, p.id DESC LIMIT ?2 OFFSET ?3",
    )
    .bind(producer_id)
    .bind(PER_PAGE)
    .bind(page.offset(PER_PAGE))
    .fetch_all(pool)
    .await?;
    let items = rows
        .into_iter()
        .map(
            |(id, slug, name, status, review, reason, image)| OwnProductLine {
                id,
                slug,
                name,
                status,
                review: match review.as_deref() {
                    Some("pending") => Review::Pending,
                    Some("rejected") => Review::Rejected {
                        reason: reason.unwrap_or_default(),
                    },
                    _ => Review::Approved,
                },
                image: image.and_then(|packed| {
                    packed
                        .split_once(' ')
                        .map(|(sha, mime)| media_path(sha, mime))
                }),
            },
        )
        .collect();
    Ok(Page::new(items, page, PER_PAGE, total))
}

/// A listing opened for editing by its producer; `None` opens a new one.
pub async fn editable(
    pool: &SqlitePool,
    producer_id: i64,
    product_id: Option<i64>,
) -> Result<EditableListing, AppError> {
    let sets = set_choices(pool).await?;
    let mut connection = pool.acquire().await?;
    let Some(product_id) = product_id else {
        return Ok(EditableListing {
            product_id: None,
            slug: String::new(),
            status: "draft".into(),
            review: Review::Approved,
            listing: Listing::default(),
            photos: Vec::new(),
            certified: None,
            sets,
        });
    };
    let (slug, status) = owned(&mut connection, producer_id, product_id).await?;
    let (review, listing) = match open_proposal(&mut connection, product_id).await? {
        Some(open) => open,
        None => (
            Review::Approved,
            approved(&mut connection, product_id).await?,
        ),
    };
    let photos = photos(&mut connection, &listing.images).await?;
    let certified: Option<(i64, i64, String, String)> = sqlx::query_as(
        "SELECT c.stars, e.total, c.certificate_no, c.expires_on FROM products p
         JOIN certificates c ON c.id = p.current_certificate_id JOIN evaluations e ON e.id = c.evaluation_id
         WHERE p.id = ?1",
    )
    .bind(product_id)
    .fetch_optional(&mut *connection)
    .await?;
    Ok(EditableListing {
        product_id: Some(product_id),
        slug,
        status,
        review,
        listing,
        photos,
        certified: certified.map(|(stars, score, number, expires_on)| CertifiedFacts {
            stars,
            score,
            number,
            expires_on,
        }),
        sets,
    })
}

/// The photos a listing has now, for reading an edit form over them.
pub async fn current_images(
    pool: &SqlitePool,
    producer_id: i64,
    product_id: Option<i64>,
) -> Result<Vec<ListingImage>, AppError> {
    let Some(product_id) = product_id else {
        return Ok(Vec::new());
    };
    let mut connection = pool.acquire().await?;
    owned(&mut connection, producer_id, product_id).await?;
    Ok(match open_proposal(&mut connection, product_id).await? {
        Some((_, listing)) => listing.images,
        None => approved(&mut connection, product_id).await?.images,
    })
}

/// What a listing must pass before anything of it is stored, its photo files included: its
/// product set exists, and the product it changes is the producer's (NotFound otherwise).
pub async fn check(
    connection: &mut SqliteConnection,
    producer_id: i64,
    product_id: Option<i64>,
    listing: &Listing,
) -> Result<(), AppError> {
    let set_exists: bool =
        sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM product_sets WHERE id = ?1)")
            .bind(listing.set_id)
            .fetch_one(&mut *connection)
            .await?;
    if !set_exists {
        return Err(AppError::invalid(
            "set_id",
            "Vui lòng chọn bộ sản phẩm.",
            "Please choose the product set.",
        ));
    }
    if let Some(id) = product_id {
        owned(connection, producer_id, id).await?;
    }
    Ok(())
}

/// Sends a listing to review: a new product (kept as an invisible draft until approved) or
/// a change to one of the producer's, with a new photo registered in the same transaction.
/// A proposal still waiting is replaced.
pub async fn submit(
    writer: &Writer,
    viewer: &Viewer,
    product_id: Option<i64>,
    listing: &Listing,
    new_photo: Option<&NewPhoto<'_>>,
) -> Result<i64, AppError> {
    let producer_id = viewer.own_producer()?;
    let mut tx = writer.begin().await?;
    check(&mut tx, producer_id, product_id, listing).await?;
    let mut listing = listing.clone();
    if let Some(photo) = new_photo {
        listing
            .images
            .push(media::register(&mut tx, viewer.user_id, photo).await?);
    }
    let product_id = match product_id {
        Some(id) => id,
        None => {
            let slug = free_slug(&mut tx, Entity::Product, &listing.name).await?;
            sqlx::query_scalar(
                "INSERT INTO products (slug, producer_id, set_id, name, status) VALUES (?1, ?2, ?3, ?4, 'draft') RETURNING id",
            )
            .bind(slug)
            .bind(producer_id)
            .bind(listing.set_id)
            .bind(&listing.name)
            .fetch_one(&mut *tx)
            .await?
        }
    };
    sqlx::query("UPDATE product_revisions SET status = 'superseded' WHERE product_id = ?1 AND status = 'pending'")
        .bind(product_id)
        .execute(&mut *tx)
        .await?;
    let proposed = serde_json::to_string(&listing).map_err(|_| AppError::Internal)?;
    let revision: i64 = sqlx::query_scalar(
        "INSERT INTO product_revisions (product_id, proposed, submitted_by) VALUES (?1, ?2, ?3) RETURNING id",
    )
    .bind(product_id)
    .bind(&proposed)
    .bind(viewer.user_id)
    .fetch_one(&mut *tx)
    .await?;
    audit::record::<(), _>(
        &mut tx,
        Entry::of(
            viewer.user_id,
            "submit",
            "product_revision",
            revision,
            format!("product {product_id}: {}", listing.name),
        ),
        None,
        Some(&listing),
    )
    .await?;
    tx.commit().await?;
    Ok(product_id)
}

/// The producer withdraws a published product from the public, or shows it again. Both
/// only concern versions staff already approved, so neither needs review.
pub async fn set_hidden(
    writer: &Writer,
    viewer: &Viewer,
    product_id: i64,
    hidden: bool,
) -> Result<(), AppError> {
    let producer_id = viewer.own_producer()?;
    let mut tx = writer.begin().await?;
    let (_, status) = owned(&mut tx, producer_id, product_id).await?;
    let (from, to) = if hidden {
        ("published", "hidden")
    } else {
        ("hidden", "published")
    };
    if status != from {
        return Err(AppError::invalid(
            "status",
            "Sản phẩm không ở trạng thái phù hợp.",
            "The product is not in a state that allows this.",
        ));
    }
    sqlx::query("UPDATE products SET status = ?1, updated_at = datetime('now') WHERE id = ?2")
        .bind(to)
        .bind(product_id)
        .execute(&mut *tx)
        .await?;
    audit::note(
        &mut tx,
        Entry::of(
            viewer.user_id,
            if hidden { "hide" } else { "show" },
            "product",
            product_id,
            format!("{from} → {to}"),
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Deletes a listing that was never approved.
pub async fn delete_draft(
    writer: &Writer,
    viewer: &Viewer,
    product_id: i64,
) -> Result<(), AppError> {
    let producer_id = viewer.own_producer()?;
    let mut tx = writer.begin().await?;
    let (slug, status) = owned(&mut tx, producer_id, product_id).await?;
    if status != "draft" {
        return Err(AppError::invalid(
            "status",
            "Chỉ xoá được sản phẩm chưa từng được duyệt.",
            "Only listings never approved can be deleted.",
        ));
    }
    sqlx::query("DELETE FROM products WHERE id = ?1")
        .bind(product_id)
        .execute(&mut *tx)
        .await?;
    audit::note(
        &mut tx,
        Entry::of(viewer.user_id, "delete", "product", product_id, slug),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn queue(
    pool: &SqlitePool,
    viewer: &Viewer,
    page: PageNumber,
) -> Result<Page<ReviewLine>, AppError> {
    viewer.require_staff()?;
    let total: i64 =
        sqlx::query_scalar("SELECT count(*) FROM product_revisions WHERE status = 'pending'")
            .fetch_one(pool)
            .await?;
    let rows: Vec<(i64, String, String, String, String)> = sqlx::query_as(
        "SELECT r.id, json_extract(r.proposed, '$.name'), pr.name, r.submitted_at, p.status
         FROM product_revisions r JOIN products p ON p.id = r.product_id JOIN producers pr ON pr.id = p.producer_id
         WHERE r.status = 'pending' ORDER BY r.submitted_at, r.id LIMIT ?1 OFFSET ?2",
    )
    .bind(PER_PAGE)
    .bind(page.offset(PER_PAGE))
    .fetch_all(pool)
    .await?;
    let items = rows
        .into_iter()
        .map(
            |(revision_id, product_name, producer_name, submitted_at, status)| ReviewLine {
                revision_id,
                product_name,
                producer_name,
                submitted_at,
                is_new: status == "draft",
            },
        )
        .collect();
    Ok(Page::new(items, page, PER_PAGE, total))
}

pub async fn review(
    pool: &SqlitePool,
    viewer: &Viewer,
    revision_id: i64,
) -> Result<ReviewDetail, AppError> {
    viewer.require_staff()?;
    let sets = set_choices(pool).await?;
    let mut connection = pool.acquire().await?;
    #[allow(clippy::type_complexity)]
    let row: (i64, String, Option<String>, String, String, String, String, String, String) = sqlx::query_as(
        "SELECT r.product_id, r.status, r.reason, r.proposed, p.slug, p.status, pr.name, u.email, r.submitted_at
         FROM product_revisions r JOIN products p ON p.id = r.product_id JOIN producers pr ON pr.id = p.producer_id
         JOIN users u ON u.id = r.submitted_by WHERE r.id = ?1",
    )
    .bind(revision_id)
    .fetch_optional(&mut *connection)
    .await?
    .ok_or(AppError::NotFound)?;
    let (
        product_id,
        status,
        reason,
        proposed,
        product_slug,
        product_status,
        producer_name,
        submitted_by,
        submitted_at,
    ) = row;
    let proposed: Listing = serde_json::from_str(&proposed).map_err(|_| AppError::Internal)?;
    let is_new = product_status == "draft";
    let current = if is_new {
        Listing::default()
    } else {
        approved(&mut connection, product_id).await?
    };
    let current_photos = photos(&mut connection, &current.images).await?;
    let proposed_photos = photos(&mut connection, &proposed.images).await?;
    Ok(ReviewDetail {
        revision_id,
        status,
        reason,
        product_slug,
        producer_name,
        submitted_by,
        submitted_at,
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

async fn pending(
    connection: &mut SqliteConnection,
    revision_id: i64,
) -> Result<(i64, Listing), AppError> {
    let (product_id, status, proposed): (i64, String, String) =
        sqlx::query_as("SELECT product_id, status, proposed FROM product_revisions WHERE id = ?1")
            .bind(revision_id)
            .fetch_optional(&mut *connection)
            .await?
            .ok_or(AppError::NotFound)?;
    if status != "pending" {
        return Err(AppError::invalid(
            "reason",
            "Đề xuất này đã được xử lý.",
            "This proposal was already decided.",
        ));
    }
    Ok((
        product_id,
        serde_json::from_str(&proposed).map_err(|_| AppError::Internal)?,
    ))
}

/// Makes the proposal the public version: fields, photos, and for a new listing, publication.
pub async fn approve(writer: &Writer, viewer: &Viewer, revision_id: i64) -> Result<(), AppError> {
    viewer.require_staff()?;
    let mut tx = writer.begin().await?;
    let (product_id, listing) = pending(&mut tx, revision_id).await?;
    let before = approved(&mut tx, product_id).await?;
    sqlx::query(
        "UPDATE products SET name = ?1, set_id = ?2, description = ?3, ingredients = ?4, specifications = ?5, packaging = ?6,
             shelf_life = ?7, price_min = ?8, price_max = ?9, price_unit = ?10, where_to_buy = ?11, updated_at = datetime('now'),
             status = CASE status WHEN 'draft' THEN 'published' ELSE status END,
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
    sqlx::query("UPDATE product_revisions SET status = 'approved', reviewed_by = ?1, reviewed_at = datetime('now') WHERE id = ?2")
        .bind(viewer.user_id)
        .bind(revision_id)
        .execute(&mut *tx)
        .await?;
    audit::record(
        &mut tx,
        Entry::of(
            viewer.user_id,
            "approve",
            "product_revision",
            revision_id,
            format!("product {product_id}: {}", listing.name),
        ),
        Some(&before),
        Some(&listing),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn reject(
    writer: &Writer,
    viewer: &Viewer,
    revision_id: i64,
    reason: &str,
) -> Result<(), AppError> {
    viewer.require_staff()?;
    let mut problems = Vec::new();
    crate::model::form::check_text(&mut problems, "reason", reason, true, 1000);
    crate::model::form::refuse_if_any(problems)?;
    let mut tx = writer.begin().await?;
    let (product_id, _) = pending(&mut tx, revision_id).await?;
    sqlx::query("UPDATE product_revisions SET status = 'rejected', reason = ?1, reviewed_by = ?2, reviewed_at = datetime('now') WHERE id = ?3")
        .bind(reason)
        .bind(viewer.user_id)
        .bind(revision_id)
        .execute(&mut *tx)
        .await?;
    audit::note(
        &mut tx,
        Entry::of(
            viewer.user_id,
            "reject",
            "product_revision",
            revision_id,
            format!("product {product_id}: {reason}"),
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
