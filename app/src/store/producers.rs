//! Producers as the public sees them: the list and one producer's profile.

use sqlx::{QueryBuilder, Sqlite, SqlitePool};

use super::cards::{
    card_columns, producer_summary_columns, CardRow, ProducerSummaryRow, CARD_JOINS, UNIT_NAME,
    VALID_STARS,
};
use crate::error::AppError;
use crate::model::detail::Found;
use crate::model::page::{Page, PageNumber};
use crate::model::producers::{
    ProducerCard, ProducerList, ProducerProfile, ProducerQuery, UnitOption,
};
use crate::model::product::ProductCard;
use crate::text::fts_query;

pub const PER_PAGE: u32 = 24;
pub const PRODUCTS_PER_PAGE: u32 = 24;

/// The producer's unit `u` and its district-level unit `d`.
const UNIT_JOINS: &str = concat!(
    "
    JOIN admin_units u ON u.id = pr.admin_unit_id",
    super::cards::district_join!()
);

/// The unit joins with today's unit `t` of `u`.
fn unit_joins() -> String {
    format!("{UNIT_JOINS}{}", super::cards::today_unit_join())
}

fn push_from_where(sql: &mut QueryBuilder<'_, Sqlite>, query: &ProducerQuery, fts: Option<&str>) {
    sql.push(" FROM producers pr");
    sql.push(unit_joins());
    sql.push(" WHERE pr.active = 1");
    if let Some(fts) = fts {
        sql.push(" AND pr.id IN (SELECT rowid FROM producer_search WHERE producer_search MATCH ");
        sql.push_bind(fts.to_owned()).push(")");
    }
    if let Some(kind) = query.kind {
        sql.push(" AND pr.entity_type = ").push_bind(kind.code());
    }
    // Today's commune; a former commune or district (addresses from before the reform).
    if let Some(unit) = &query.unit {
        sql.push(" AND (t.slug = ").push_bind(unit.clone());
        sql.push(" OR d.slug = ").push_bind(unit.clone());
        sql.push(" OR u.slug = ").push_bind(unit.clone()).push(")");
    }
}

/// A page of the list. The page's producers are chosen first; then only their products are
/// counted, from the catalogue's rows (products on show, with their valid stars), each count a
/// range of `catalogue_producer` alone. The list used to join its page to one grouped pass over
/// every published product: 64 million instructions a page at 10,000 products (valgrind), 540
/// to 730 ms of CPU at 100,000. Joined to the catalogue and grouped, the 24,000 entries of a
/// page at 100,000 products went through a sort: 5 to 10 ms in sqlite3, against 2.5 for the
/// two ranges. `prefix` is "" or "EXPLAIN QUERY PLAN ".
pub fn page_sql<'q>(
    prefix: &str,
    query: &ProducerQuery,
    fts: Option<&str>,
) -> QueryBuilder<'q, Sqlite> {
    let mut sql = QueryBuilder::new(format!(
        "{prefix}SELECT page.slug, page.name, page.entity_type, page.unit,
                (SELECT count(*) FROM catalogue k WHERE k.producer_id = page.id),
                (SELECT count(k.stars) FROM catalogue k WHERE k.producer_id = page.id)
         FROM (SELECT pr.id, pr.slug, pr.name, pr.entity_type, {UNIT_NAME} AS unit"
    ));
    push_from_where(&mut sql, query, fts);
    sql.push(" ORDER BY pr.name, pr.id LIMIT ")
        .push_bind(i64::from(PER_PAGE));
    sql.push(" OFFSET ").push_bind(query.page.offset(PER_PAGE));
    sql.push(") page ORDER BY page.name, page.id");
    sql
}

pub async fn list(pool: &SqlitePool, query: &ProducerQuery) -> Result<ProducerList, AppError> {
    let fts = fts_query(&query.q);
    let mut count = QueryBuilder::new("SELECT count(*)");
    push_from_where(&mut count, query, fts.as_deref());
    let total: i64 = count.build_query_scalar().fetch_one(pool).await?;

    let rows: Vec<(String, String, String, String, i64, i64)> = page_sql("", query, fts.as_deref())
        .build_query_as()
        .fetch_all(pool)
        .await?;

    // Today's communes, in Vietnamese order.
    let mut units: Vec<(String, String)> = sqlx::query_as(&format!(
        "SELECT DISTINCT t.slug, t.name FROM producers pr {} WHERE pr.active = 1",
        unit_joins()
    ))
    .fetch_all(pool)
    .await?;
    units.sort_by_cached_key(|(_, name)| crate::text::fold(name));

    let count = |n: i64| u64::try_from(n).unwrap_or(0);
    Ok(ProducerList {
        producers: Page {
            items: rows
                .into_iter()
                .map(
                    |(slug, name, entity_type, unit, products, certified)| ProducerCard {
                        slug,
                        name,
                        entity_type,
                        unit,
                        products: count(products),
                        certified: count(certified),
                    },
                )
                .collect(),
            number: query.page.get(),
            per_page: PER_PAGE,
            total: count(total),
        },
        units: units
            .into_iter()
            .map(|(slug, name)| UnitOption { slug, name })
            .collect(),
    })
}

#[derive(sqlx::FromRow)]
struct ProfileRow {
    id: i64,
    description: String,
    representative: String,
    #[sqlx(flatten)]
    producer: ProducerSummaryRow,
}

pub async fn profile(
    pool: &SqlitePool,
    slug: &str,
    page: PageNumber,
) -> Result<Found<ProducerProfile>, AppError> {
    let producer_columns = producer_summary_columns();
    let row: Option<ProfileRow> = sqlx::query_as(&format!(
        "SELECT pr.id, pr.description, pr.representative, {producer_columns}
         FROM producers pr {UNIT_JOINS} WHERE pr.slug = ?1 AND pr.active = 1"
    ))
    .bind(slug)
    .fetch_optional(pool)
    .await?;
    let Some(row) = row else {
        return super::redirects::moved(pool, super::redirects::Entity::Producer, slug).await;
    };
    let total: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM products WHERE producer_id = ?1 AND status = 'published'",
    )
    .bind(row.id)
    .fetch_one(pool)
    .await?;
    let products: Vec<CardRow> = sqlx::query_as(&format!(
        "SELECT {} FROM products p {CARD_JOINS}
         WHERE p.producer_id = ?1 AND p.status = 'published'
         ORDER BY coalesce({VALID_STARS}, 0) DESC, p.name, p.id LIMIT ?2 OFFSET ?3",
        card_columns()
    ))
    .bind(row.id)
    .bind(i64::from(PRODUCTS_PER_PAGE))
    .bind(page.offset(PRODUCTS_PER_PAGE))
    .fetch_all(pool)
    .await?;
    Ok(Found::Here(ProducerProfile {
        summary: row.producer.into(),
        description: row.description,
        representative: row.representative,
        products: Page {
            items: products.into_iter().map(ProductCard::from).collect(),
            number: page.get(),
            per_page: PRODUCTS_PER_PAGE,
            total: u64::try_from(total).unwrap_or(0),
        },
    }))
}
