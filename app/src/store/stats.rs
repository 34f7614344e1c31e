//! The public statistics: certified products by star, group, locality and year, producers by type.

use sqlx::SqlitePool;

use super::cards::{CARD_JOINS, VALID_STARS};
use crate::error::AppError;
use crate::model::stats::{StatRow, StatTable, Statistics};

pub async fn table(pool: &SqlitePool, table: StatTable) -> Result<Vec<StatRow>, AppError> {
    let certified = format!("FROM products p {CARD_JOINS} WHERE p.status = 'published' AND pr.active = 1 AND {VALID_STARS} IS NOT NULL");
    let sql = match table {
        StatTable::ByStar => format!(
            "SELECT CAST(c.stars AS TEXT), c.stars || ' sao', c.stars || ' stars', count(*) {certified}
             GROUP BY c.stars ORDER BY c.stars DESC"
        ),
        StatTable::ByGroup => format!(
            "SELECT g.slug, g.name_vi, g.name_en, count(*) {certified} GROUP BY g.id ORDER BY g.position"
        ),
        StatTable::ByLocality => format!(
            "SELECT coalesce(d.slug, u.slug), coalesce(d.name, u.name), coalesce(d.name, u.name), count(*) {certified}
             GROUP BY coalesce(d.id, u.id) ORDER BY count(*) DESC, 2"
        ),
        StatTable::ByYear => "SELECT substr(issued_on, 1, 4), 'Năm ' || substr(issued_on, 1, 4), substr(issued_on, 1, 4), count(*)
             FROM certificates GROUP BY 1 ORDER BY 1"
            .to_owned(),
        StatTable::EntitiesByType => "SELECT entity_type, entity_type, entity_type, count(*) FROM producers WHERE active = 1
             GROUP BY entity_type ORDER BY count(*) DESC"
            .to_owned(),
    };
    let rows: Vec<(String, String, String, i64)> = sqlx::query_as(&sql).fetch_all(pool).await?;
    Ok(rows
        .into_iter()
        .map(|(code, label_vi, label_en, count)| {
            let (label_vi, label_en) = match crate::model::producer::EntityType::from_code(&code) {
                Some(kind) if table == StatTable::EntitiesByType => (
                    kind.label(crate::i18n::Lang::Vi).to_owned(),
                    kind.label(crate::i18n::Lang::En).to_owned(),
                ),
                _ => (label_vi, label_en),
            };
            StatRow {
                code,
                label_vi,
                label_en,
                count,
            }
        })
        .collect())
}

pub async fn all(pool: &SqlitePool) -> Result<Statistics, AppError> {
    let mut tables = Vec::with_capacity(StatTable::ALL.len());
    for kind in StatTable::ALL {
        tables.push((kind, table(pool, kind).await?));
    }
    Ok(Statistics { tables })
}
