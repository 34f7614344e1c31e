//! The catalogue: full-text search, facets with counts, sorting and pages.
//!
//! Everything reads the `catalogue` table (migration 0013): one narrow row per product on
//! show, kept by triggers, with an index for each sort order. A page costs two queries:
//! - the facet counts: each distinct combination of set, stars, unit and producer type with
//!   its count, read from `catalogue_counts` (kept by triggers) or, when searching, from one
//!   grouped pass over the matches. Every facet is then counted from those few hundred rows
//!   with all filters but its own.
//! - the page of cards: the ids of the page first (the filters and the sort on the narrow
//!   rows, `LIMIT` inside), and only those 24 joined to what a card shows.
//!
//! [`query_plans`] gives SQLite's plan for both; a test keeps them off full scans.

use std::collections::BTreeMap;

use sqlx::{QueryBuilder, Sqlite, SqlitePool};

use super::cards::{page_head, page_tail, CardRow, DISTRICT_JOIN, TODAY_UNIT_ID};
use crate::error::AppError;
use crate::model::catalogue::{Catalogue, CatalogueQuery, Facet, FacetValue, Sort};
use crate::model::page::Page;
use crate::model::product::ProductCard;
use crate::text::{fold, fts_query};

pub const PER_PAGE: u32 = 24;

/// Name matches weigh ten times a description match and three times a producer match.
const RANK: &str = "bm25(product_search, 10.0, 1.0, 3.0)";

/// FROM and WHERE of the catalogue rows `k` the search text selects; `hit.rank` when searching.
fn push_rows(sql: &mut QueryBuilder<'_, Sqlite>, fts: Option<&str>) {
    match fts {
        // The matches first (CROSS JOIN keeps that order): a search narrows far more than
        // any other filter, and each match finds its row by its id.
        Some(fts) => {
            sql.push(format!(" FROM (SELECT rowid AS id, {RANK} AS rank FROM product_search WHERE product_search MATCH "));
            sql.push_bind(fts.to_owned());
            sql.push(") hit CROSS JOIN catalogue k ON k.product_id = hit.id");
        }
        None => {
            sql.push(" FROM catalogue k");
        }
    }
    sql.push(" WHERE 1 = 1");
}

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
    if let Some(locality) = &query.locality {
        sql.push(" AND (SELECT id FROM admin_units WHERE slug = ")
            .push_bind(locality.clone())
            .push(") IN (k.today_unit_id, k.unit_id, k.district_id)");
    }
    if let Some(kind) = query.kind {
        sql.push(" AND k.entity_type = ").push_bind(kind.code());
    }
}

/// The order of the query over catalogue rows named `row`, ranked by `rank` when searching.
/// Each other order is that of one of the catalogue's indexes: NULL stars sort last when
/// descending.
fn order(query: &CatalogueQuery, rank: Option<&str>, row: &str) -> String {
    match (query.sort, rank) {
        (Sort::Relevance, Some(rank)) => format!(" ORDER BY {rank}, {row}.product_id"),
        (Sort::Relevance | Sort::Stars, _) => {
            format!(" ORDER BY {row}.stars DESC, {row}.name_key, {row}.product_id")
        }
        (Sort::Newest, _) => format!(" ORDER BY {row}.published_at DESC, {row}.product_id DESC"),
        // Đ sorts with D, as Vietnamese readers expect (name_key).
        (Sort::Name, _) => format!(" ORDER BY {row}.name_key, {row}.product_id"),
    }
}

/// Each combination of facet values among the rows the search text selects, with its count:
/// without text, the counts the triggers keep (`catalogue_counts`); with text, a grouped pass
/// over the matches.
///
/// They come as one JSON text, not as rows: at 10,000 products there are 476, and as rows
/// through sqlx they cost 4 to 9 ms (a wake-up of the task and a dozen allocations per row);
/// as one text, reading and parsing them takes a fraction of a millisecond.
fn combinations_sql<'a>(prefix: &str, fts: Option<&'a str>) -> QueryBuilder<'a, Sqlite> {
    let mut sql = QueryBuilder::new(format!(
        "{prefix}SELECT json_group_array(json_array(
                g.slug, g.name_vi, g.name_en, g.position, s.slug, s.name_vi, s.name_en, s.position,
                f.stars, d.slug, u.slug, u.name, t.slug, t.name, f.entity_type, f.products))
         FROM "
    ));
    if fts.is_some() {
        sql.push("(SELECT k.set_id, k.stars, k.unit_id, k.entity_type, count(*) AS products");
        push_rows(&mut sql, fts);
        sql.push(" GROUP BY k.set_id, k.stars, k.unit_id, k.entity_type) f");
    } else {
        sql.push("(SELECT set_id, nullif(stars, 0) AS stars, unit_id, entity_type, products FROM catalogue_counts) f");
    }
    sql.push(format!(
        " JOIN product_sets s ON s.id = f.set_id
         JOIN product_groups g ON g.id = s.group_id
         JOIN admin_units u ON u.id = f.unit_id
         JOIN admin_units t ON t.id = {TODAY_UNIT_ID}{DISTRICT_JOIN}"
    ));
    sql
}

/// The page of cards: its ids chosen on the narrow rows, then only those joined for the card.
fn page_sql<'a>(
    prefix: &str,
    query: &'a CatalogueQuery,
    fts: Option<&'a str>,
) -> QueryBuilder<'a, Sqlite> {
    let searching = fts.is_some();
    let mut sql = QueryBuilder::new(format!(
        "{prefix}{}SELECT k.product_id, k.stars, k.name_key, k.published_at, {} AS rank",
        page_head(),
        if searching { "hit.rank" } else { "0" }
    ));
    push_rows(&mut sql, fts);
    push_filters(&mut sql, query);
    sql.push(order(query, searching.then_some("hit.rank"), "k"));
    sql.push(" LIMIT ").push_bind(i64::from(PER_PAGE));
    sql.push(" OFFSET ").push_bind(query.page.offset(PER_PAGE));
    sql.push(page_tail());
    sql.push(order(query, searching.then_some("page.rank"), "page"));
    sql
}

/// SQLite's plan for each query a catalogue page makes (facets, then the page of cards), the
/// details of each plan joined by "; ".
pub async fn query_plans(
    pool: &SqlitePool,
    query: &CatalogueQuery,
) -> Result<Vec<String>, AppError> {
    let fts = fts_query(&query.q);
    let mut plans = Vec::new();
    for mut sql in [
        combinations_sql("EXPLAIN QUERY PLAN ", fts.as_deref()),
        page_sql("EXPLAIN QUERY PLAN ", query, fts.as_deref()),
    ] {
        let rows: Vec<(i64, i64, i64, String)> = sql.build_query_as().fetch_all(pool).await?;
        plans.push(
            rows.into_iter()
                .map(|(_, _, _, detail)| detail)
                .collect::<Vec<_>>()
                .join("; "),
        );
    }
    Ok(plans)
}

/// Products sharing every facet value, and how many they are. Read from a JSON array of
/// arrays, fields in this order (see [`combinations_sql`]).
#[derive(serde::Deserialize)]
struct Combination {
    group_slug: String,
    group_vi: String,
    group_en: String,
    group_position: i64,
    set_slug: String,
    set_vi: String,
    set_en: String,
    set_position: i64,
    stars: Option<i64>,
    district_slug: Option<String>,
    unit_slug: String,
    unit_name: String,
    today_slug: String,
    today_name: String,
    kind: String,
    products: i64,
}

impl Combination {
    fn in_locality(&self, locality: &str) -> bool {
        self.today_slug == locality
            || self.unit_slug == locality
            || self.district_slug.as_deref() == Some(locality)
    }

    /// Whether the query's filters, all but `except`, keep these products.
    fn kept(&self, query: &CatalogueQuery, except: Option<Facet>) -> bool {
        let keep = |facet: Facet, test: bool| except == Some(facet) || test;
        keep(
            Facet::Group,
            query
                .group
                .as_deref()
                .is_none_or(|group| group == self.group_slug),
        ) && keep(
            Facet::Set,
            query.set.as_deref().is_none_or(|set| set == self.set_slug),
        ) && keep(
            Facet::Star,
            query
                .star
                .is_none_or(|star| self.stars == Some(i64::from(star.get()))),
        ) && keep(
            Facet::Locality,
            query
                .locality
                .as_deref()
                .is_none_or(|locality| self.in_locality(locality)),
        ) && keep(
            Facet::Kind,
            query.kind.is_none_or(|kind| kind.code() == self.kind),
        )
    }
}

/// Counts per value, in the order given by `order`.
fn count_by<'a>(
    combinations: impl Iterator<Item = &'a Combination>,
    value: impl Fn(&Combination) -> Option<(i64, String, String, String)>,
) -> Vec<FacetValue> {
    let mut counts: BTreeMap<(i64, String), FacetValue> = BTreeMap::new();
    for combination in combinations {
        if let Some((order, code, label_vi, label_en)) = value(combination) {
            let entry = counts.entry((order, code.clone())).or_insert(FacetValue {
                value: code,
                label_vi,
                label_en,
                count: 0,
            });
            entry.count += u64::try_from(combination.products).unwrap_or(0);
        }
    }
    counts.into_values().collect()
}

pub async fn search(pool: &SqlitePool, query: &CatalogueQuery) -> Result<Catalogue, AppError> {
    let fts = fts_query(&query.q);
    let combinations: String = combinations_sql("", fts.as_deref())
        .build_query_scalar()
        .fetch_one(pool)
        .await?;
    let combinations: Vec<Combination> = serde_json::from_str(&combinations).map_err(|error| {
        tracing::error!(%error, "facet counts unreadable");
        AppError::Internal
    })?;
    let rows: Vec<CardRow> = page_sql("", query, fts.as_deref())
        .build_query_as()
        .fetch_all(pool)
        .await?;

    let kept = |except: Option<Facet>| combinations.iter().filter(move |c| c.kept(query, except));
    let total: i64 = kept(None).map(|c| c.products).sum();
    let groups = count_by(kept(Some(Facet::Group)), |c| {
        Some((
            c.group_position,
            c.group_slug.clone(),
            c.group_vi.clone(),
            c.group_en.clone(),
        ))
    });
    let sets = match &query.group {
        Some(group) => count_by(
            kept(Some(Facet::Set)).filter(|c| &c.group_slug == group),
            |c| {
                Some((
                    c.set_position,
                    c.set_slug.clone(),
                    c.set_vi.clone(),
                    c.set_en.clone(),
                ))
            },
        ),
        None => Vec::new(),
    };
    let mut stars = count_by(kept(Some(Facet::Star)), |c| {
        c.stars.map(|stars| {
            (
                -stars,
                stars.to_string(),
                format!("{stars} sao"),
                format!("{stars} stars"),
            )
        })
    });
    stars.sort_by(|a, b| b.value.cmp(&a.value));
    // Today's communes; once one is chosen, the former communes it was made of.
    let mut localities = count_by(kept(Some(Facet::Locality)), |c| {
        Some((
            0,
            c.today_slug.clone(),
            c.today_name.clone(),
            c.today_name.clone(),
        ))
    });
    localities.sort_by_cached_key(|value| fold(&value.label_vi));
    let today = query.locality.as_deref().and_then(|locality| {
        combinations
            .iter()
            .find(|c| c.in_locality(locality))
            .map(|c| c.today_slug.clone())
    });
    let mut communes = match today {
        Some(today) => count_by(
            kept(Some(Facet::Locality))
                .filter(|c| c.today_slug == today && c.unit_slug != c.today_slug),
            |c| {
                Some((
                    0,
                    c.unit_slug.clone(),
                    c.unit_name.clone(),
                    c.unit_name.clone(),
                ))
            },
        ),
        None => Vec::new(),
    };
    communes.sort_by_cached_key(|value| fold(&value.label_vi));
    let kinds = count_by(kept(Some(Facet::Kind)), |c| {
        Some((0, c.kind.clone(), c.kind.clone(), c.kind.clone()))
    });

    Ok(Catalogue {
        products: Page {
            items: rows.into_iter().map(ProductCard::from).collect(),
            number: query.page.get(),
            per_page: PER_PAGE,
            total: u64::try_from(total).unwrap_or(0),
        },
        groups,
        sets,
        stars,
        localities,
        communes,
        kinds,
    })
}

/// Takes the stars off the catalogue rows whose certificate ended before today (Vietnam
/// time); the triggers write the stars from the calendar only when a row changes. Returns how
/// many rows it changed; most days none, and then it writes nothing. No audit entry: the
/// catalogue is derived data, and nobody changed anything.
pub async fn expire_stars(pool: &SqlitePool, writer: &super::Writer) -> Result<u64, AppError> {
    const ENDED: &str = "stars IS NOT NULL AND expires_on < date('now', '+7 hours')";
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
