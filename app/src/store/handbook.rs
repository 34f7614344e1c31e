//! The handbook's products: those recognised in the period, each once with its last
//! recognition of the period (a revoked one does not count), as the public may see them.

use sqlx::SqlitePool;

use crate::error::AppError;
use crate::model::day::Day;
use crate::model::handbook::{
    summary, Handbook, HandbookEntry, HandbookGroup, HandbookPeriod, HandbookUnit, IndexLine,
};
use crate::model::product::ProductStatus;
use crate::model::stars::Stars;
use crate::store::cards::{image, CARD_JOINS};
use crate::store::clock::sql_today;
use crate::text::fold;

/// How long an entry's description may be, in characters.
const SUMMARY: usize = 280;

#[derive(sqlx::FromRow)]
struct Row {
    slug: String,
    name: String,
    stars: Stars,
    certificate_no: String,
    issued_on: Day,
    description: String,
    group_position: i64,
    group_vi: String,
    group_en: String,
    unit: String,
    producer_name: String,
    producer_slug: String,
    phone: Option<String>,
    address: String,
    set_slug: String,
    first_image: Option<String>,
}

/// From the first year with a recognition to the last (this year when there is none).
pub async fn recognised_years(pool: &SqlitePool) -> Result<HandbookPeriod, AppError> {
    let (from, to): (i32, i32) = sqlx::query_as(concat!(
        "SELECT CAST(coalesce(min(substr(issued_on, 1, 4)), strftime('%Y', ",
        sql_today!(),
        ")) AS INTEGER),
                CAST(coalesce(max(substr(issued_on, 1, 4)), strftime('%Y', ",
        sql_today!(),
        ")) AS INTEGER)
         FROM certificates"
    ))
    .fetch_one(pool)
    .await?;
    Ok(HandbookPeriod { from, to })
}

pub async fn handbook(pool: &SqlitePool, period: HandbookPeriod) -> Result<Handbook, AppError> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "WITH chosen AS (
             SELECT k.product_id, k.stars, k.certificate_no, k.issued_on,
                    row_number() OVER (PARTITION BY k.product_id ORDER BY k.issued_on DESC, k.id DESC) AS latest
             FROM certificates k
             WHERE k.issued_on BETWEEN ?1 AND ?2 AND k.revoked_on IS NULL)
         SELECT p.slug, p.name, ch.stars, ch.certificate_no, ch.issued_on, p.description,
                g.position AS group_position, g.name_vi AS group_vi, g.name_en AS group_en,
                coalesce(d.name, u.name) AS unit, pr.name AS producer_name, pr.slug AS producer_slug,
                pr.phone, pr.address, s.slug AS set_slug,
                (SELECT m.sha256 || ' ' || m.mime || ' ' || pi.alt_text FROM product_images pi
                   JOIN media m ON m.id = coalesce(pi.card_media_id, pi.media_id)
                  WHERE pi.product_id = p.id ORDER BY pi.position, pi.id LIMIT 1) AS first_image
         FROM chosen ch JOIN products p ON p.id = ch.product_id {CARD_JOINS}
         WHERE ch.latest = 1 AND p.status = ?3 AND pr.active = 1"
    ))
    .bind(format!("{:04}-01-01", period.from))
    .bind(format!("{:04}-12-31", period.to))
    .bind(ProductStatus::Published)
    .fetch_all(pool)
    .await?;
    Ok(arrange(period, rows))
}

/// Orders the rows as printed (group, unit, most stars first, name: Vietnamese letters in
/// their places), numbers them, and builds the index by producer.
fn arrange(period: HandbookPeriod, mut rows: Vec<Row>) -> Handbook {
    rows.sort_by_cached_key(|row| {
        (
            row.group_position,
            fold(&row.unit),
            std::cmp::Reverse(row.stars),
            fold(&row.name),
        )
    });
    let mut groups: Vec<HandbookGroup> = Vec::new();
    let mut index: Vec<IndexLine> = Vec::new();
    let mut last_position = None;
    for (number, row) in (1u32..).zip(rows) {
        if last_position != Some(row.group_position) {
            last_position = Some(row.group_position);
            groups.push(HandbookGroup {
                name_vi: row.group_vi.clone(),
                name_en: row.group_en.clone(),
                units: Vec::new(),
            });
        }
        let Some(group) = groups.last_mut() else {
            continue;
        };
        if group.units.last().is_none_or(|l| l.name != row.unit) {
            group.units.push(HandbookUnit {
                name: row.unit.clone(),
                entries: Vec::new(),
            });
        }
        match index.iter_mut().find(|line| line.name == row.producer_name) {
            Some(line) => line.numbers.push(number),
            None => index.push(IndexLine {
                name: row.producer_name.clone(),
                numbers: vec![number],
            }),
        }
        if let Some(unit) = group.units.last_mut() {
            unit.entries.push(HandbookEntry {
                number,
                slug: row.slug,
                name: row.name,
                stars: row.stars,
                certificate_no: row.certificate_no,
                issued_on: row.issued_on,
                summary: summary(&row.description, SUMMARY),
                producer_name: row.producer_name,
                producer_slug: row.producer_slug,
                phone: row.phone.filter(|p| !p.trim().is_empty()),
                address: row.address,
                image: row.first_image.as_deref().and_then(image),
                set_slug: row.set_slug,
            });
        }
    }
    index.sort_by_cached_key(|line| fold(&line.name));
    Handbook {
        period,
        groups,
        index,
    }
}
