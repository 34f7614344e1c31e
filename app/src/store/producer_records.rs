//! Producers' records as their editors change them: the producer its profile, staff every
//! field including the legal facts, creation and deactivation.

use sqlx::{SqliteConnection, SqlitePool};

use crate::error::AppError;
use crate::model::account::Producer;
use crate::model::account::Staff;
use crate::model::form::Choice;
use crate::model::ids::ProducerId;
use crate::model::page::{Page, PageNumber};
use crate::model::portal::{ProducerLine, ProducerRecord};
use crate::model::product::media_path;
use crate::model::profile::{LegalFacts, Profile};
use crate::store::audit::Audit;
use crate::store::media::{self, NewPhoto};
use crate::store::redirects::{free_slug, Entity};
use crate::store::Writer;

pub const PER_PAGE: u32 = 30;

/// The communes and wards in use today, labelled with their district, plus the unit the
/// producer is recorded in (which may predate the 2025 merger) so that keeping it stays possible.
pub async fn commune_choices(
    pool: &SqlitePool,
    recorded: Option<i64>,
) -> Result<Vec<Choice>, AppError> {
    let rows: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT u.id, u.name, coalesce(d.name, '') FROM admin_units u LEFT JOIN admin_units d ON d.id = u.parent_id
         WHERE u.level = 'commune' AND (u.valid_to IS NULL OR u.id = ?1) ORDER BY d.name, u.name",
    )
    .bind(recorded)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name, district)| {
            let label = if district.is_empty() {
                name
            } else {
                format!("{name} – {district}")
            };
            Choice::named((id, label))
        })
        .collect())
}

#[derive(sqlx::FromRow)]
struct RecordRow {
    id: ProducerId,
    slug: String,
    active: bool,
    name: String,
    description: String,
    phone: Option<String>,
    zalo: Option<String>,
    email: Option<String>,
    website: Option<String>,
    address: String,
    admin_unit_id: i64,
    latitude: Option<f64>,
    longitude: Option<f64>,
    entity_type: String,
    representative: String,
    tax_code: Option<String>,
    registration_no: Option<String>,
    logo: Option<String>,
}

async fn record_row(
    connection: &mut SqliteConnection,
    producer_id: ProducerId,
) -> Result<RecordRow, AppError> {
    sqlx::query_as(
        "SELECT p.id, p.slug, p.active, p.name, p.description, p.phone, p.zalo, p.email, p.website, p.address, p.admin_unit_id,
                p.latitude, p.longitude, p.entity_type, p.representative, p.tax_code, p.registration_no,
                m.sha256 || ' ' || m.mime AS logo
         FROM producers p LEFT JOIN media m ON m.id = p.logo_media_id WHERE p.id = ?1",
    )
    .bind(producer_id)
    .fetch_optional(connection)
    .await?
    .ok_or(AppError::NotFound)
}

fn profile_of(row: &RecordRow) -> Profile {
    Profile {
        name: row.name.clone(),
        description: row.description.clone(),
        phone: row.phone.clone().unwrap_or_default(),
        zalo: row.zalo.clone().unwrap_or_default(),
        email: row.email.clone().unwrap_or_default(),
        website: row.website.clone().unwrap_or_default(),
        address: row.address.clone(),
        admin_unit_id: row.admin_unit_id,
        latitude: row.latitude,
        longitude: row.longitude,
    }
}

fn legal_of(row: &RecordRow) -> LegalFacts {
    LegalFacts {
        entity_type: row.entity_type.clone(),
        representative: row.representative.clone(),
        tax_code: row.tax_code.clone().unwrap_or_default(),
        registration_no: row.registration_no.clone().unwrap_or_default(),
    }
}

/// The record of a producer, for its own account or for staff.
pub async fn record(
    pool: &SqlitePool,
    producer_id: ProducerId,
) -> Result<ProducerRecord, AppError> {
    let mut connection = pool.acquire().await?;
    let row = record_row(&mut connection, producer_id).await?;
    let communes = commune_choices(pool, Some(row.admin_unit_id)).await?;
    Ok(ProducerRecord {
        id: row.id,
        slug: row.slug.clone(),
        active: row.active,
        profile: profile_of(&row),
        legal: legal_of(&row),
        logo: row.logo.as_deref().and_then(|packed| {
            packed
                .split_once(' ')
                .map(|(sha, mime)| media_path(sha, mime))
        }),
        communes,
    })
}

fn empty_as_null(value: &str) -> Option<&str> {
    (!value.is_empty()).then_some(value)
}

/// A commune in use today, or the one the producer (or event) is already recorded in.
pub(crate) async fn check_commune(
    connection: &mut SqliteConnection,
    admin_unit_id: i64,
    recorded: Option<i64>,
) -> Result<(), AppError> {
    let known: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM admin_units WHERE id = ?1 AND level = 'commune' AND (valid_to IS NULL OR id = ?2))",
    )
    .bind(admin_unit_id)
    .bind(recorded)
        .fetch_one(connection)
        .await?;
    if known {
        Ok(())
    } else {
        Err(AppError::invalid(
            "admin_unit_id",
            "Vui lòng chọn xã, phường.",
            "Please choose the commune or ward.",
        ))
    }
}

async fn write_profile(
    connection: &mut SqliteConnection,
    producer_id: ProducerId,
    profile: &Profile,
    logo_media_id: Option<i64>,
) -> Result<(), AppError> {
    sqlx::query(
        "UPDATE producers SET name = ?1, description = ?2, phone = ?3, zalo = ?4, email = ?5, website = ?6, address = ?7,
             admin_unit_id = ?8, latitude = ?9, longitude = ?10, logo_media_id = coalesce(?11, logo_media_id), updated_at = datetime('now')
         WHERE id = ?12",
    )
    .bind(&profile.name)
    .bind(&profile.description)
    .bind(empty_as_null(&profile.phone))
    .bind(empty_as_null(&profile.zalo))
    .bind(empty_as_null(&profile.email))
    .bind(empty_as_null(&profile.website))
    .bind(&profile.address)
    .bind(profile.admin_unit_id)
    .bind(profile.latitude)
    .bind(profile.longitude)
    .bind(logo_media_id)
    .bind(producer_id)
    .execute(connection)
    .await?;
    Ok(())
}

/// What a producer's own profile must pass before anything of it is stored, its new logo's
/// files included: a commune in use today (or the one it is recorded in).
pub async fn check_profile(
    connection: &mut SqliteConnection,
    producer_id: ProducerId,
    profile: &Profile,
) -> Result<(), AppError> {
    let row = record_row(&mut *connection, producer_id).await?;
    check_commune(connection, profile.admin_unit_id, Some(row.admin_unit_id)).await
}

/// A producer edits its own profile, with a new logo registered in the same transaction; the
/// change is public at once (and audited).
pub async fn update_profile(
    writer: &Writer,
    producer: Producer,
    profile: &Profile,
    logo: Option<&NewPhoto<'_>>,
) -> Result<(), AppError> {
    let producer_id = producer.producer_id();
    writer
        .change(async |tx| {
            check_profile(tx, producer_id, profile).await?;
            let before = profile_of(&record_row(tx, producer_id).await?);
            let logo_media_id = match logo {
                Some(logo) => Some(
                    media::register(tx, producer.user_id(), logo)
                        .await?
                        .card_media_id,
                ),
                None => None,
            };
            write_profile(tx, producer_id, profile, logo_media_id).await?;
            let audit = Audit::of(
                producer.user_id(),
                "update",
                "producer",
                producer_id.0,
                profile.name.clone(),
            )
            .before(&before)
            .after(profile);
            Ok(((), Some(audit)))
        })
        .await
}

async fn write_legal(
    connection: &mut SqliteConnection,
    producer_id: ProducerId,
    legal: &LegalFacts,
    active: bool,
) -> Result<(), AppError> {
    sqlx::query("UPDATE producers SET entity_type = ?1, representative = ?2, tax_code = ?3, registration_no = ?4, active = ?5 WHERE id = ?6")
        .bind(&legal.entity_type)
        .bind(&legal.representative)
        .bind(empty_as_null(&legal.tax_code))
        .bind(empty_as_null(&legal.registration_no))
        .bind(active)
        .bind(producer_id)
        .execute(connection)
        .await?;
    Ok(())
}

/// Staff edit every field of a producer, including whether it is active (a deactivated
/// producer disappears from the public pages and its accounts cannot sign in).
pub async fn update_all(
    writer: &Writer,
    staff: Staff,
    producer_id: ProducerId,
    profile: &Profile,
    legal: &LegalFacts,
    active: bool,
) -> Result<(), AppError> {
    writer
        .change(async |tx| {
            let row = record_row(tx, producer_id).await?;
            check_commune(tx, profile.admin_unit_id, Some(row.admin_unit_id)).await?;
            let before = (profile_of(&row), legal_of(&row), row.active);
            write_profile(tx, producer_id, profile, None).await?;
            write_legal(tx, producer_id, legal, active).await?;
            if !active {
                sqlx::query(
                    "DELETE FROM sessions WHERE user_id IN (SELECT id FROM users WHERE producer_id = ?1)",
                )
                .bind(producer_id)
                .execute(&mut *tx)
                .await?;
            }
            let audit = Audit::of(staff.user_id(), "update", "producer", producer_id.0, profile.name.clone())
                .before(&before)
                .after(&(profile, legal, active));
            Ok(((), Some(audit)))
        })
        .await
}

/// Staff create a producer.
pub async fn create(
    writer: &Writer,
    staff: Staff,
    profile: &Profile,
    legal: &LegalFacts,
) -> Result<ProducerId, AppError> {
    writer
        .change(async |tx| {
            check_commune(tx, profile.admin_unit_id, None).await?;
            let slug = free_slug(tx, Entity::Producer, &profile.name).await?;
            let id: ProducerId = sqlx::query_scalar(
                "INSERT INTO producers (slug, name, entity_type, admin_unit_id) VALUES (?1, ?2, ?3, ?4) RETURNING id",
            )
            .bind(&slug)
            .bind(&profile.name)
            .bind(&legal.entity_type)
            .bind(profile.admin_unit_id)
            .fetch_one(&mut *tx)
            .await?;
            write_profile(tx, id, profile, None).await?;
            write_legal(tx, id, legal, true).await?;
            let audit = Audit::of(staff.user_id(), "create", "producer", id.0, profile.name.clone())
                .after(&(profile, legal));
            Ok((id, Some(audit)))
        })
        .await
}

/// Producers for staff, by name, optionally those whose name contains `query`.
pub async fn list(
    pool: &SqlitePool,
    query: &str,
    page: PageNumber,
) -> Result<Page<ProducerLine>, AppError> {
    let pattern = format!("%{}%", query.trim().replace(['%', '_'], ""));
    let total: i64 = sqlx::query_scalar("SELECT count(*) FROM producers WHERE name LIKE ?1")
        .bind(&pattern)
        .fetch_one(pool)
        .await?;
    let items = sqlx::query_as(
        "SELECT p.id, p.slug, p.name, p.entity_type, p.active, (SELECT count(*) FROM users u WHERE u.producer_id = p.id) AS accounts
         FROM producers p WHERE p.name LIKE ?1 ORDER BY p.name, p.id LIMIT ?2 OFFSET ?3",
    )
    .bind(&pattern)
    .bind(PER_PAGE)
    .bind(page.offset(PER_PAGE))
    .fetch_all(pool)
    .await?;
    Ok(Page::new(items, page, PER_PAGE, total))
}
