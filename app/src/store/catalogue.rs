//! The catalogue: full-text search, facets with counts, sorting and pages.
//!
//! The `catalogue` table (migration 0013) holds one narrow row per product on show, kept by
//! triggers, with an index for each sort order; [`Memory`] holds each row's facet values and
//! places in those orders, and the labels of the facet values. A page asks:
//! - browsing, its cards, each with the catalogue's version: the ids of the page are chosen
//!   on the narrow rows (the filters and the sort along an index, `LIMIT` inside), and only
//!   those 24 joined to what a card shows. One statement: each query is a round trip to a
//!   reader's thread.
//! - searching, its facts ([`facts_sql`]): the catalogue's version and the ids whose name
//!   matches (`name_search`); at the same time, the ids that match anywhere
//!   ([`matches_sql`]). The matches are ranked in [`Memory`], then the page's 24 cards read
//!   by id.
//!
//! The facets are counted ([`facets`]) from the combinations of set, stars, unit and producer
//! type in [`Memory`], each with its count (of the matches when searching): every facet from
//! those few hundred with all filters but its own.
//!
//! [`query_plans`] gives SQLite's plan for each query; a test keeps them off full scans.

mod facets;
mod labels;
mod memory;

use std::sync::Arc;

use sqlx::{QueryBuilder, Sqlite, SqlitePool};

use super::cards::{card_columns, page_head, page_tail, CardRow};
use crate::error::AppError;
use crate::model::catalogue::{Catalogue, CatalogueQuery, Sort};
use crate::store::clock::sql_today;
use crate::text::fts_query;
use facets::Facets;
pub use memory::Memory;

pub const PER_PAGE: u32 = 24;

/// The facet filters of the query, on the catalogue rows `k`.
fn push_filters(sql: &mut QueryBuilder<'_, Sqlite>, query: &CatalogueQuery) {
    if let Some(group) = &query.group {
        sql.push(" AND k.group_id = (SELECT id FROM product_groups WHERE slug = ")
            .push_bind(group.clone())
            .push(")");
    }
    if let Some(set) = &query.set {
        sql.push(" AND k.set_id = (SELECT id FROM product_sets WHERE slug = ")
            .push_bind(set.clone())
            .push(")");
    }
    if let Some(star) = query.star {
        sql.push(" AND k.stars = ").push_bind(i64::from(star.get()));
    }
    // Today's commune; a former commune or district (addresses from before the reform).
    if let Some(unit) = &query.unit {
        sql.push(" AND (SELECT id FROM admin_units WHERE slug = ")
            .push_bind(unit.clone())
            .push(") IN (k.today_unit_id, k.unit_id, k.district_id)");
    }
    if let Some(kind) = query.kind {
        sql.push(" AND k.entity_type = ").push_bind(kind.code());
    }
}

/// The order `sort` over catalogue rows named `row`. Each is that of one of the catalogue's
/// indexes: NULL stars sort last when descending. [`Memory`] reads its places in them here.
fn order(sort: Sort, row: &str) -> String {
    match sort {
        Sort::Relevance | Sort::Stars => {
            format!(" ORDER BY {row}.stars DESC, {row}.name_key, {row}.product_id")
        }
        Sort::Newest => format!(" ORDER BY {row}.published_at DESC, {row}.product_id DESC"),
        // Đ sorts with D, as Vietnamese readers expect (name_key).
        Sort::Name => format!(" ORDER BY {row}.name_key, {row}.product_id"),
    }
}

/// The page of cards: its ids chosen on the narrow rows, then only those joined for the card.
/// Each row also gives the catalogue's version, read in the same statement, so the facets are
/// counted on the catalogue the page was read from, and browsing asks SQLite only this.
fn page_sql<'a>(prefix: &str, query: &'a CatalogueQuery) -> QueryBuilder<'a, Sqlite> {
    let mut sql = QueryBuilder::new(format!(
        "{prefix}SELECT {}, ({VERSION}) AS version FROM (
         SELECT k.product_id, k.stars, k.name_key, k.published_at FROM catalogue k WHERE 1 = 1",
        card_columns(),
    ));
    push_filters(&mut sql, query);
    sql.push(order(query.sort, "k"));
    sql.push(" LIMIT ").push_bind(i64::from(PER_PAGE));
    sql.push(" OFFSET ").push_bind(query.page.offset(PER_PAGE));
    sql.push(page_tail());
    sql.push(order(query.sort, "page"));
    sql
}

/// What a page asks SQLite besides its cards: the catalogue's version (its rows and labels
/// are in [`Memory`]), and when searching the ids whose name matches (`?1`) as an `id_list`
/// blob.
fn facts_sql(prefix: &str, searching: bool) -> String {
    let in_names = if searching {
        "(SELECT id_list(rowid) FROM name_search WHERE name_search MATCH ?1)"
    } else {
        "NULL"
    };
    format!("{prefix}SELECT ({VERSION}), {in_names}")
}

/// The catalogue's version (migration 0014): [`Memory`] reads its rows again when it moved.
const VERSION: &str = "SELECT version FROM catalogue_version WHERE id = 1";

/// A row of a browsing page: a card, and the catalogue's version it was read at.
#[derive(sqlx::FromRow)]
struct PageRow {
    #[sqlx(flatten)]
    card: CardRow,
    version: i64,
}

/// What [`facts_sql`] gives: the version, and the ids whose name matches.
type Facts = (i64, Option<Vec<u8>>);

/// The ids that match anywhere (name, description, producer), as an `id_list` blob.
fn matches_sql(prefix: &str) -> String {
    format!("{prefix}SELECT id_list(rowid) FROM product_search WHERE product_search MATCH ?")
}

/// The cards of the products whose ids are given as a JSON array, in its order.
fn cards_sql(prefix: &str) -> String {
    format!(
        "{prefix}{}SELECT j.value AS product_id, j.key AS place FROM json_each(?) j{} ORDER BY page.place",
        page_head(),
        page_tail()
    )
}

/// SQLite's plan for each query a catalogue page makes, the details of each plan joined by
/// "; ": browsing, the facts (asked only past the last page) then the page of cards;
/// searching, the facts, the matches, then the cards.
pub async fn query_plans(
    pool: &SqlitePool,
    query: &CatalogueQuery,
) -> Result<Vec<String>, AppError> {
    let plan = |rows: Vec<(i64, i64, i64, String)>| {
        rows.into_iter()
            .map(|(_, _, _, detail)| detail)
            .collect::<Vec<_>>()
            .join("; ")
    };
    let prefix = "EXPLAIN QUERY PLAN ";
    Ok(match fts_query(&query.q) {
        None => vec![
            plan(
                sqlx::query_as(&facts_sql(prefix, false))
                    .fetch_all(pool)
                    .await?,
            ),
            plan(
                page_sql(prefix, query)
                    .build_query_as()
                    .fetch_all(pool)
                    .await?,
            ),
        ],
        Some(fts) => vec![
            plan(
                sqlx::query_as(&facts_sql(prefix, true))
                    .bind(&fts)
                    .fetch_all(pool)
                    .await?,
            ),
            plan(
                sqlx::query_as(&matches_sql(prefix))
                    .bind(&fts)
                    .fetch_all(pool)
                    .await?,
            ),
            plan(
                sqlx::query_as(&cards_sql(prefix))
                    .bind("[1,2]")
                    .fetch_all(pool)
                    .await?,
            ),
        ],
    })
}

/// The ids whose name matches, and those that match anywhere, in the order of their ids.
type Matches = (Vec<u32>, Vec<u32>);

/// The catalogue's rows and labels (at the version [`facts_sql`] gives) and, when searching,
/// the matches. A search's two lists of ids are asked at once, on two connections: for the
/// commonest words at 100,000 products each takes SQLite 2 to 5 ms.
async fn facts(
    pool: &SqlitePool,
    memory: &Memory,
    fts: Option<&str>,
) -> Result<(Arc<memory::Rows>, Option<Matches>), AppError> {
    let facts_sql = facts_sql("", fts.is_some());
    let mut facts = sqlx::query_as::<_, Facts>(&facts_sql);
    if let Some(fts) = fts {
        facts = facts.bind(fts);
    }
    let anywhere = async {
        match fts {
            Some(fts) => sqlx::query_scalar::<_, Vec<u8>>(&matches_sql(""))
                .bind(fts)
                .fetch_one(pool)
                .await
                .map(Some),
            None => Ok(None),
        }
    };
    let ((version, in_names), anywhere) = tokio::try_join!(facts.fetch_one(pool), anywhere)?;
    let catalogue = memory.rows(pool, version).await?;
    let matches = anywhere.map(|anywhere| {
        let (mut in_names, mut anywhere) = (
            super::id_list::read(&in_names.unwrap_or_default()),
            super::id_list::read(&anywhere),
        );
        // FTS5 gives them in the order of their ids already: then these sorts only check it.
        in_names.sort_unstable();
        anywhere.sort_unstable();
        (in_names, anywhere)
    });
    Ok((catalogue, matches))
}

/// Browsing: the page read along an index, and the facets counted in [`Memory`] at the
/// catalogue's version the page's rows give. A page past the last has no rows: then the
/// version is asked alone.
async fn browse(
    pool: &SqlitePool,
    memory: &Memory,
    query: &CatalogueQuery,
) -> Result<(Facets, Vec<CardRow>), AppError> {
    let rows: Vec<PageRow> = page_sql("", query).build_query_as().fetch_all(pool).await?;
    let catalogue = match rows.first() {
        Some(row) => memory.rows(pool, row.version).await?,
        None => facts(pool, memory, None).await?.0,
    };
    let cards = rows.into_iter().map(|row| row.card).collect();
    Ok((Facets::new(catalogue, None), cards))
}

/// The ids of the products a sales point sells in the commune `slug`, in order (the index
/// `sales_points_unit` gives them so).
pub fn sold_in_sql(prefix: &str) -> String {
    format!(
        "{prefix}SELECT DISTINCT s.product_id FROM sales_points s
         WHERE s.unit_id = (SELECT id FROM admin_units WHERE slug = ?1) ORDER BY s.product_id"
    )
}

/// The communes of today where a sales point sells a product on show, by name: each of
/// today's communes probed once in `sales_points_unit`, so the cost follows the communes, not
/// the sales points.
pub fn sold_in_places_sql(prefix: &str) -> String {
    format!(
        "{prefix}SELECT u.slug, u.name FROM admin_units u
         WHERE u.level = 'commune' AND u.valid_to IS NULL
           AND EXISTS (SELECT 1 FROM sales_points s JOIN catalogue k ON k.product_id = s.product_id
                       WHERE s.unit_id = u.id)
         ORDER BY u.name LIMIT 500"
    )
}

/// Searching, or "sold near me": the matching ids from SQLite (the words' matches, those sold
/// in the commune, or both), counted and ranked in [`Memory`], then the cards of the page.
async fn find(
    pool: &SqlitePool,
    memory: &Memory,
    query: &CatalogueQuery,
    fts: Option<&str>,
) -> Result<(Facets, Vec<CardRow>), AppError> {
    let (catalogue, matches) = facts(pool, memory, fts).await?;
    let sold: Option<Vec<u32>> = match &query.sold_in {
        Some(slug) => Some(
            sqlx::query_scalar::<_, i64>(&sold_in_sql(""))
                .bind(slug)
                .fetch_all(pool)
                .await?
                .into_iter()
                .filter_map(|id| u32::try_from(id).ok())
                .collect(),
        ),
        None => None,
    };
    let (in_names, anywhere) = match (matches, sold) {
        (Some((in_names, anywhere)), None) => (in_names, anywhere),
        (None, Some(sold)) => (Vec::new(), sold),
        // Both sorted by id: those of the words' matches sold there.
        (Some((in_names, anywhere)), Some(sold)) => (
            in_names,
            anywhere
                .into_iter()
                .filter(|id| sold.binary_search(id).is_ok())
                .collect(),
        ),
        (None, None) => (Vec::new(), Vec::new()),
    };

    // Count every match on show by its combination of facet values; keep for the page those
    // that every filter keeps, each with its place in the order asked for.
    let mut counts = vec![0; catalogue.combinations.len()];
    let kept = facets::kept(&catalogue, query);
    let mut names = in_names.iter().peekable();
    let mut chosen: Vec<(u64, u32)> = Vec::with_capacity(anywhere.len());
    for id in anywhere {
        while names.next_if(|&&named| named < id).is_some() {}
        let in_name = names.next_if(|&&named| named == id).is_some();
        let Some(combination) = catalogue.combination(id) else {
            continue;
        };
        if let Some(count) = counts.get_mut(combination) {
            *count += 1;
        }
        if kept.get(combination) == Some(&true) {
            chosen.push((catalogue.place(id, query.sort, in_name), id));
        }
    }
    let facets = Facets::new(catalogue, Some(counts));

    // The page: the first `end` in order, then the last 24 of them.
    let start = usize::try_from(query.page.offset(PER_PAGE)).unwrap_or(usize::MAX);
    let end = start.saturating_add(PER_PAGE as usize).min(chosen.len());
    if start >= end {
        return Ok((facets, Vec::new()));
    }
    if end < chosen.len() {
        chosen.select_nth_unstable(end - 1);
    }
    let page = &mut chosen[..end];
    page.sort_unstable();
    let ids = page[start..].iter().map(|&(_, id)| id).collect::<Vec<_>>();
    let ids = serde_json::to_string(&ids).map_err(|error| {
        tracing::error!(%error, "catalogue page unwritable");
        AppError::Internal
    })?;
    let rows = sqlx::query_as(&cards_sql(""))
        .bind(ids)
        .fetch_all(pool)
        .await?;
    Ok((facets, rows))
}

/// The page of the catalogue a query asks for, with its facets.
pub async fn search(
    pool: &SqlitePool,
    memory: &Memory,
    query: &CatalogueQuery,
) -> Result<Catalogue, AppError> {
    let fts = fts_query(&query.q);
    let (facets, rows) = match (&fts, &query.sold_in) {
        (None, None) => browse(pool, memory, query).await?,
        _ => find(pool, memory, query, fts.as_deref()).await?,
    };
    let mut catalogue = facets.catalogue(query, rows.into_iter().map(Into::into).collect());
    catalogue.sold_in = sqlx::query_as(&sold_in_places_sql(""))
        .fetch_all(pool)
        .await?;
    Ok(catalogue)
}

/// Takes the stars off the catalogue rows whose certificate ended before today (Vietnam
/// time); the triggers write the stars from the calendar only when a row changes. Returns how
/// many rows it changed; most days none, and then it writes nothing. No audit entry: the
/// catalogue is derived data, and nobody changed anything.
pub async fn expire_stars(pool: &SqlitePool, writer: &super::Writer) -> Result<u64, AppError> {
    const ENDED: &str = concat!("stars IS NOT NULL AND expires_on < ", sql_today!());
    // The partial index answers this at once; the writer is only taken when there is work.
    let ended: bool = sqlx::query_scalar(&format!(
        "SELECT EXISTS (SELECT 1 FROM catalogue WHERE {ENDED})"
    ))
    .fetch_one(pool)
    .await?;
    if !ended {
        return Ok(0);
    }
    let mut tx = writer.begin().await?;
    let changed = sqlx::query(&format!("UPDATE catalogue SET stars = NULL WHERE {ENDED}"))
        .execute(&mut *tx)
        .await?
        .rows_affected();
    tx.commit().await?;
    Ok(changed)
}
