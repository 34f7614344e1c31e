//! The public statistics: certified products by star, group, unit and year, producers by type.

use sqlx::SqlitePool;

use super::cards::DISTRICT_JOIN;
use crate::error::AppError;
use crate::model::stats::{StatRow, StatTable, Statistics};

pub async fn table(pool: &SqlitePool, table: StatTable) -> Result<Vec<StatRow>, AppError> {
    // Certified products (a valid certificate, on show) counted by the catalogue's triggers.
    const CERTIFIED: &str = "FROM catalogue_counts f WHERE f.stars > 0";
    let sql = match table {
        StatTable::ByStar => format!(
            "SELECT CAST(f.stars AS TEXT), f.stars || ' sao', f.stars || ' stars', sum(f.products) {CERTIFIED}
             GROUP BY f.stars ORDER BY f.stars DESC"
        ),
        StatTable::ByGroup => "SELECT g.slug, g.name_vi, g.name_en, sum(f.products)
             FROM catalogue_counts f JOIN product_sets s ON s.id = f.set_id JOIN product_groups g ON g.id = s.group_id
             WHERE f.stars > 0 GROUP BY g.id ORDER BY g.position"
            .to_owned(),
        StatTable::ByUnit => format!(
            "SELECT coalesce(d.slug, u.slug), coalesce(d.name, u.name), coalesce(d.name, u.name), sum(f.products)
             FROM catalogue_counts f JOIN admin_units u ON u.id = f.unit_id {DISTRICT_JOIN}
             WHERE f.stars > 0 GROUP BY coalesce(d.id, u.id) ORDER BY sum(f.products) DESC, 2"
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
