//! The office's settings: read once per content version and kept for every request (each page
//! shows them, so a query a page would cost the same again), changed by admins with an audit
//! entry. The migration's trigger bumps the content version on a change, by any writer, so the
//! copy kept here and the page cache both follow it.

use std::sync::{Arc, RwLock};

use sqlx::{SqliteConnection, SqlitePool};

use crate::error::AppError;
use crate::model::account::Admin;
use crate::model::office::{Bilingual, Office};
use crate::model::product::media_path;
use crate::store::audit::Audit;
use crate::store::media::{self, NewPhoto};
use crate::store::Writer;

#[derive(sqlx::FromRow)]
struct OfficeRow {
    province_vi: String,
    province_en: String,
    name_vi: String,
    name_en: String,
    short_name_vi: String,
    short_name_en: String,
    address: String,
    phone: String,
    email: String,
    hours_vi: String,
    hours_en: String,
    /// "sha256 mime" of the logo.
    logo: Option<String>,
    default_lang: String,
}

impl From<OfficeRow> for Office {
    fn from(row: OfficeRow) -> Self {
        let both = |vi, en| Bilingual { vi, en };
        Self {
            province: both(row.province_vi, row.province_en),
            name: both(row.name_vi, row.name_en),
            short_name: both(row.short_name_vi, row.short_name_en),
            address: row.address,
            phone: row.phone,
            email: row.email,
            hours: both(row.hours_vi, row.hours_en),
            logo: row.logo.as_deref().and_then(|packed| {
                let (sha, mime) = packed.split_once(' ')?;
                Some(media_path(sha, mime))
            }),
            default_lang: crate::i18n::Lang::from_code(&row.default_lang).unwrap_or_default(),
        }
    }
}

/// The settings as the transaction sees them: for a mail written in it, signed by the office.
pub(crate) async fn read(connection: &mut SqliteConnection) -> Result<Office, AppError> {
    let row: OfficeRow = sqlx::query_as(
        "SELECT o.*, m.sha256 || ' ' || m.mime AS logo
         FROM office o LEFT JOIN media m ON m.id = o.logo_media_id WHERE o.id = 1",
    )
    .fetch_one(connection)
    .await?;
    Ok(row.into())
}

/// An admin saves the settings and, when one is sent, a new logo, in one transaction with its
/// audit entry (what they were and became); saving them unchanged records nothing.
pub async fn save(
    writer: &Writer,
    admin: Admin,
    office: &Office,
    logo: Option<&NewPhoto<'_>>,
) -> Result<(), AppError> {
    writer
        .change(async |tx| {
            let before = read(tx).await?;
            let logo = media::cover_id(tx, admin.user_id(), logo).await?;
            if logo.is_none()
                && before
                    == (Office {
                        logo: before.logo.clone(),
                        ..office.clone()
                    })
            {
                return Ok(((), None));
            }
            sqlx::query(
                "UPDATE office SET province_vi = ?1, province_en = ?2, name_vi = ?3,
                        name_en = ?4, short_name_vi = ?5, short_name_en = ?6, address = ?7,
                        phone = ?8, email = ?9, hours_vi = ?10, hours_en = ?11,
                        logo_media_id = coalesce(?12, logo_media_id), default_lang = ?13
                 WHERE id = 1",
            )
            .bind(&office.province.vi)
            .bind(&office.province.en)
            .bind(&office.name.vi)
            .bind(&office.name.en)
            .bind(&office.short_name.vi)
            .bind(&office.short_name.en)
            .bind(&office.address)
            .bind(&office.phone)
            .bind(&office.email)
            .bind(&office.hours.vi)
            .bind(&office.hours.en)
            .bind(logo)
            .bind(office.default_lang.code())
            .execute(&mut *tx)
            .await?;
            let audit = Audit::of(
                admin.user_id(),
                "update",
                "office",
                1,
                office.name.vi.clone(),
            )
            .before(&before)
            .after(&read(tx).await?);
            Ok(((), Some(audit)))
        })
        .await
}

/// The settings as of the content version last seen. Cloning shares them.
#[derive(Clone, Default)]
pub struct Current(Arc<RwLock<(i64, Arc<Office>)>>);

impl Current {
    /// Read for the first time, before the server serves.
    pub async fn load(pool: &SqlitePool) -> Result<Self, AppError> {
        let current = Self(Arc::new(RwLock::new((-1, Arc::default()))));
        current.refresh(pool).await?;
        Ok(current)
    }

    /// The settings as they are now: read again only when the content changed since.
    pub async fn refresh(&self, pool: &SqlitePool) -> Result<Arc<Office>, AppError> {
        let version = crate::store::content::version(pool).await?;
        if let Some(office) = self.at(version) {
            return Ok(office);
        }
        let mut connection = pool.acquire().await?;
        let office = Arc::new(read(&mut connection).await?);
        if let Ok(mut kept) = self.0.write() {
            *kept = (version, office.clone());
        }
        Ok(office)
    }

    fn at(&self, version: i64) -> Option<Arc<Office>> {
        let kept = self.0.read().ok()?;
        (kept.0 == version).then(|| kept.1.clone())
    }

    /// The settings last read.
    pub fn get(&self) -> Arc<Office> {
        self.0.read().map(|kept| kept.1.clone()).unwrap_or_default()
    }
}
