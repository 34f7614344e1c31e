//! A producer's own listings: a producer proposes a new listing or a change, and only the
//! versions staff approve (`store::reviews`) reach the `products` table the public reads.
//! Every function takes the producer's id and finds only its products.

use sqlx::{SqliteConnection, SqlitePool};

use crate::error::{AppError, Record};
use crate::model::account::Producer;
use crate::model::form::Choice;
use crate::model::gtin::Gtin;
use crate::model::ids::{ProducerId, ProductId};
use crate::model::listing::RevisionStatus;
use crate::model::listing::{Listing, ListingImage};
use crate::model::page::{Page, PageNumber};
use crate::model::portal::{CertifiedFacts, EditableListing, OwnProductLine, Photo, Review};
use crate::model::product::media_path;
use crate::model::product::ProductStatus;
use crate::model::where_to_buy::{OnlineListing, SalesPoint};
use crate::store::audit::Audit;
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

#[derive(sqlx::FromRow)]
struct Owned {
    slug: String,
    status: ProductStatus,
}

/// The product, if it belongs to the producer. Another producer's product answers NotFound,
/// so that ids do not tell what exists.
async fn owned(
    connection: &mut SqliteConnection,
    producer_id: ProducerId,
    product_id: ProductId,
) -> Result<Owned, AppError> {
    sqlx::query_as("SELECT slug, status FROM products WHERE id = ?1 AND producer_id = ?2")
        .bind(product_id)
        .bind(producer_id)
        .fetch_optional(connection)
        .await?
        .ok_or(AppError::NotFound)
}

/// The approved version of a product, as a listing.
pub(super) async fn approved(
    connection: &mut SqliteConnection,
    product_id: ProductId,
) -> Result<Listing, AppError> {
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
        gtin: Option<Gtin>,
    }
    let row: Row = sqlx::query_as(
        "SELECT name, set_id, description, ingredients, specifications, packaging, shelf_life, price_min, price_max, price_unit, where_to_buy, gtin
         FROM products WHERE id = ?1",
    )
    .bind(product_id)
    .fetch_optional(&mut *connection)
    .await?
    .ok_or(AppError::NotFound)?;
    let images: Vec<ListingImage> = sqlx::query_as(
        "SELECT media_id, coalesce(card_media_id, media_id) AS card_media_id, alt_text AS alt
         FROM product_images WHERE product_id = ?1 ORDER BY position, id",
    )
    .bind(product_id)
    .fetch_all(&mut *connection)
    .await?;
    let (sales_points, online_listings) = where_to_buy(&mut *connection, product_id).await?;
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
        gtin: row.gtin,
        sales_points,
        online_listings,
        images,
    })
}

/// Where the approved version of a product says it is sold, in the producer's order.
pub(super) async fn where_to_buy(
    connection: &mut SqliteConnection,
    product_id: ProductId,
) -> Result<(Vec<SalesPoint>, Vec<OnlineListing>), AppError> {
    let sales_points = sqlx::query_as(
        "SELECT s.kind, s.name, s.address, s.unit_id, u.name AS unit_name, s.directions
         FROM sales_points s JOIN admin_units u ON u.id = s.unit_id
         WHERE s.product_id = ?1 ORDER BY s.position",
    )
    .bind(product_id)
    .fetch_all(&mut *connection)
    .await?;
    let online_listings = sqlx::query_as(
        "SELECT kind, label, url FROM online_listings WHERE product_id = ?1 ORDER BY position",
    )
    .bind(product_id)
    .fetch_all(&mut *connection)
    .await?;
    Ok((sales_points, online_listings))
}

/// Where a product's latest proposal stands: waiting, refused (with the reason), or decided.
fn review_of(status: Option<RevisionStatus>, reason: Option<String>) -> Review {
    match status {
        Some(RevisionStatus::Pending) => Review::Pending,
        Some(RevisionStatus::Rejected) => Review::Rejected {
            reason: reason.unwrap_or_default(),
        },
        _ => Review::Approved,
    }
}

/// The newest proposal of a product if it waits or was refused (an approved or superseded
/// one is history).
async fn open_proposal(
    connection: &mut SqliteConnection,
    product_id: ProductId,
) -> Result<Option<(Review, Listing)>, AppError> {
    let row: Option<(RevisionStatus, Option<String>, String)> = sqlx::query_as(
        "SELECT status, reason, proposed FROM product_revisions WHERE product_id = ?1 ORDER BY submitted_at DESC, id DESC LIMIT 1",
    )
    .bind(product_id)
    .fetch_optional(connection)
    .await?;
    Ok(row.and_then(|(status, reason, proposed)| {
        let review = review_of(Some(status), reason);
        let listing = serde_json::from_str(&proposed).ok()?;
        (review != Review::Approved).then_some((review, listing))
    }))
}

pub(super) async fn photos(
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
    producer_id: ProducerId,
    page: PageNumber,
) -> Result<Page<OwnProductLine>, AppError> {
    #[derive(sqlx::FromRow)]
    struct Row {
        id: ProductId,
        slug: String,
        name: String,
        status: ProductStatus,
        review: Option<RevisionStatus>,
        reason: Option<String>,
        image: Option<String>,
    }
    let total: i64 = sqlx::query_scalar("SELECT count(*) FROM products WHERE producer_id = ?1")
        .bind(producer_id)
        .fetch_one(pool)
        .await?;
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT p.id, p.slug,
                -- the producer sees the name they last proposed
                coalesce(CASE WHEN r.status IN ('pending', 'rejected') THEN json_extract(r.proposed, '$.name') END, p.name) AS name,
                p.status, r.status AS review, r.reason,
                (SELECT m.sha256 || ' ' || m.mime FROM product_images pi JOIN media m ON m.id = coalesce(pi.card_media_id, pi.media_id)
                 WHERE pi.product_id = p.id ORDER BY pi.position, pi.id LIMIT 1) AS image
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
        .map(|row| OwnProductLine {
            id: row.id,
            slug: row.slug,
            name: row.name,
            status: row.status,
            review: review_of(row.review, row.reason),
            image: row.image.and_then(|packed| {
                packed
                    .split_once(' ')
                    .map(|(sha, mime)| media_path(sha, mime))
            }),
        })
        .collect();
    Ok(Page::new(items, page, PER_PAGE, total))
}

/// A listing opened for editing by its producer; `None` opens a new one.
pub async fn editable(
    pool: &SqlitePool,
    producer_id: ProducerId,
    product_id: Option<ProductId>,
) -> Result<EditableListing, AppError> {
    let sets = set_choices(pool).await?;
    let communes = crate::store::producer_records::commune_choices(pool, None).await?;
    let mut connection = pool.acquire().await?;
    let Some(product_id) = product_id else {
        return Ok(EditableListing {
            product_id: None,
            slug: String::new(),
            status: ProductStatus::Draft,
            review: Review::Approved,
            listing: Listing::default(),
            photos: Vec::new(),
            certified: None,
            sets,
            communes,
        });
    };
    let owned = owned(&mut connection, producer_id, product_id).await?;
    let (review, listing) = match open_proposal(&mut connection, product_id).await? {
        Some(open) => open,
        None => (
            Review::Approved,
            approved(&mut connection, product_id).await?,
        ),
    };
    let photos = photos(&mut connection, &listing.images).await?;
    let certified: Option<CertifiedFacts> = sqlx::query_as(
        "SELECT c.stars, e.total AS score, c.certificate_no AS number, c.expires_on FROM products p
         JOIN certificates c ON c.id = p.current_certificate_id JOIN evaluations e ON e.id = c.evaluation_id
         WHERE p.id = ?1",
    )
    .bind(product_id)
    .fetch_optional(&mut *connection)
    .await?;
    Ok(EditableListing {
        product_id: Some(product_id),
        slug: owned.slug,
        status: owned.status,
        review,
        listing,
        photos,
        certified,
        sets,
        communes,
    })
}

/// The photos a listing has now, for reading an edit form over them.
pub async fn current_images(
    pool: &SqlitePool,
    producer_id: ProducerId,
    product_id: Option<ProductId>,
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
/// product set exists, the product it changes is the producer's (NotFound otherwise), its
/// sales points are in communes of today (their names returned, in order) and its GTIN is
/// no other product's.
pub async fn check(
    connection: &mut SqliteConnection,
    producer_id: ProducerId,
    product_id: Option<ProductId>,
    listing: &Listing,
) -> Result<Vec<String>, AppError> {
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
        owned(&mut *connection, producer_id, id).await?;
    }
    let names = unit_names(&mut *connection, &listing.sales_points).await?;
    gtin_free(connection, listing.gtin.as_ref(), product_id).await?;
    Ok(names)
}

/// The names of the sales points' communes, in their order, read at once; a commune that is
/// not one of today's is refused next to its row.
async fn unit_names(
    connection: &mut SqliteConnection,
    points: &[SalesPoint],
) -> Result<Vec<String>, AppError> {
    if points.is_empty() {
        return Ok(Vec::new());
    }
    let ids = serde_json::to_string(&points.iter().map(|point| point.unit_id).collect::<Vec<_>>())
        .map_err(|_| AppError::Internal)?;
    let names: Vec<Option<String>> = sqlx::query_scalar(
        "SELECT u.name FROM json_each(?1) j
         LEFT JOIN admin_units u ON u.id = j.value AND u.level = 'commune' AND u.valid_to IS NULL
         ORDER BY j.key",
    )
    .bind(ids)
    .fetch_all(connection)
    .await?;
    names
        .into_iter()
        .enumerate()
        .map(|(index, name)| {
            name.ok_or_else(|| {
                AppError::invalid(
                    &format!("point-{index}-unit_id"),
                    "Vui lòng chọn xã, phường.",
                    "Please choose the commune or ward.",
                )
            })
        })
        .collect()
}

/// A GTIN is one product's: refused when another product, anyone's, has it already (its
/// Digital Link would answer that product's certificate). Checked again when staff approve.
pub(super) async fn gtin_free(
    connection: &mut SqliteConnection,
    gtin: Option<&Gtin>,
    product_id: Option<ProductId>,
) -> Result<(), AppError> {
    let Some(gtin) = gtin else {
        return Ok(());
    };
    let taken: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM products WHERE gtin = ?1 AND id IS NOT ?2)",
    )
    .bind(gtin)
    .bind(product_id)
    .fetch_one(connection)
    .await?;
    if taken {
        return Err(AppError::invalid(
            "gtin",
            "Mã GTIN này đã là của một sản phẩm khác. Mỗi mã vạch chỉ thuộc một sản phẩm; xin xem lại mã in dưới mã vạch.",
            "This GTIN is already another product's. A barcode belongs to one product only; please check the number under it.",
        ));
    }
    Ok(())
}

/// Sends a listing to review: a new product (kept as an invisible draft until approved) or
/// a change to one of the producer's, with a new photo registered in the same transaction.
/// A proposal still waiting is replaced.
pub async fn submit(
    writer: &Writer,
    producer: Producer,
    product_id: Option<ProductId>,
    listing: &Listing,
    new_photo: Option<&NewPhoto<'_>>,
) -> Result<ProductId, AppError> {
    writer
        .change(async |tx| {
            let names = check(tx, producer.producer_id(), product_id, listing).await?;
            let mut listing = listing.clone();
            for (point, name) in listing.sales_points.iter_mut().zip(names) {
                point.unit_name = name;
            }
            if let Some(photo) = new_photo {
                listing
                    .images
                    .push(media::register(tx, producer.user_id(), photo).await?);
            }
            let product_id = match product_id {
                Some(id) => id,
                None => {
                    let slug = free_slug(tx, Entity::Product, &listing.name).await?;
                    sqlx::query_scalar(
                        "INSERT INTO products (slug, producer_id, set_id, name, status) VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id",
                    )
                    .bind(slug)
                    .bind(producer.producer_id())
                    .bind(listing.set_id)
                    .bind(&listing.name)
                    .bind(ProductStatus::Draft)
                    .fetch_one(&mut *tx)
                    .await?
                }
            };
            sqlx::query("UPDATE product_revisions SET status = ?2 WHERE product_id = ?1 AND status = ?3")
                .bind(product_id)
                .bind(RevisionStatus::Superseded)
                .bind(RevisionStatus::Pending)
                .execute(&mut *tx)
                .await?;
            let proposed = serde_json::to_string(&listing).map_err(|_| AppError::Internal)?;
            let revision: i64 = sqlx::query_scalar(
                "INSERT INTO product_revisions (product_id, proposed, submitted_by) VALUES (?1, ?2, ?3) RETURNING id",
            )
            .bind(product_id)
            .bind(&proposed)
            .bind(producer.user_id())
            .fetch_one(&mut *tx)
            .await?;
            let audit = Audit::of(
                producer.user_id(),
                "submit",
                "product_revision",
                revision,
                format!("product {product_id}: {}", listing.name),
            )
            .after(&listing);
            Ok((product_id, Some(audit)))
        })
        .await
}

/// The producer withdraws a published product from the public, or shows it again. Both
/// only concern versions staff already approved, so neither needs review.
pub async fn set_hidden(
    writer: &Writer,
    producer: Producer,
    product_id: ProductId,
    hidden: bool,
) -> Result<(), AppError> {
    let (from, to) = if hidden {
        (ProductStatus::Published, ProductStatus::Hidden)
    } else {
        (ProductStatus::Hidden, ProductStatus::Published)
    };
    writer
        .change(async |tx| {
            let current = owned(tx, producer.producer_id(), product_id).await?.status;
            if current != from {
                return Err(AppError::transition(
                    Record::Product,
                    current,
                    to,
                    ProductStatus::label,
                ));
            }
            sqlx::query(
                "UPDATE products SET status = ?1, updated_at = datetime('now') WHERE id = ?2",
            )
            .bind(to)
            .bind(product_id)
            .execute(&mut *tx)
            .await?;
            let action = if hidden { "hide" } else { "show" };
            let audit = Audit::of(
                producer.user_id(),
                action,
                "product",
                product_id.0,
                format!("{from} → {to}"),
            );
            Ok(((), Some(audit)))
        })
        .await
}

/// Deletes a listing that was never approved.
pub async fn delete_draft(
    writer: &Writer,
    producer: Producer,
    product_id: ProductId,
) -> Result<(), AppError> {
    writer
        .change(async |tx| {
            let owned = owned(tx, producer.producer_id(), product_id).await?;
            if owned.status != ProductStatus::Draft {
                return Err(AppError::settled(
                    Record::Product,
                    owned.status,
                    ProductStatus::label,
                ));
            }
            sqlx::query("DELETE FROM products WHERE id = ?1")
                .bind(product_id)
                .execute(&mut *tx)
                .await?;
            let audit = Audit::of(
                producer.user_id(),
                "delete",
                "product",
                product_id.0,
                owned.slug,
            );
            Ok(((), Some(audit)))
        })
        .await
}
