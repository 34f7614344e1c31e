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
/// over the matches. Beside them, the labels of the sets (with their groups) and of the units
/// that have products on show, once each.
///
/// All of it comes as one JSON text, not as rows: at 10,000 products there are 476
/// combinations, and as rows through sqlx they cost 4 to 9 ms (a wake-up of the task and a
/// dozen allocations per row). The combinations carry ids only: with every name written into
/// each of them, building, reading and parsing the text was the largest part of a rendered
/// catalogue page (perf: SQLite's JSON, UTF-8 checks, malloc and free).
fn combinations_sql<'a>(prefix: &str, fts: Option<&'a str>) -> QueryBuilder<'a, Sqlite> {
    let mut sql = QueryBuilder::new(format!(
        "{prefix}SELECT json_array(
            (SELECT json_group_array(json_array(f.set_id, f.stars, f.unit_id, f.entity_type, f.products))
             FROM "
    ));
    if fts.is_some() {
        sql.push("(SELECT k.set_id, k.stars, k.unit_id, k.entity_type, count(*) AS products");
        push_rows(&mut sql, fts);
        sql.push(" GROUP BY k.set_id, k.stars, k.unit_id, k.entity_type) f),");
    } else {
        sql.push("(SELECT set_id, nullif(stars, 0) AS stars, unit_id, entity_type, products FROM catalogue_counts) f),");
    }
    sql.push(format!(
        "
            (SELECT json_group_array(json_array(
                    s.id, g.slug, g.name_vi, g.name_en, g.position, s.slug, s.name_vi, s.name_en, s.position))
             FROM product_sets s JOIN product_groups g ON g.id = s.group_id),
            (SELECT json_group_array(json_array(u.id, d.slug, u.slug, u.name, t.slug, t.name))
             FROM admin_units u
             JOIN admin_units t ON t.id = {TODAY_UNIT_ID}{DISTRICT_JOIN}
             WHERE u.id IN (SELECT unit_id FROM catalogue_counts)))"
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

/// Products sharing every facet value, and how many they are (see [`combinations_sql`]).
#[derive(serde::Deserialize)]
struct Combination(i64, Option<i64>, i64, String, i64);

/// A product set and its group, as [`combinations_sql`] writes them.
#[derive(serde::Deserialize)]
struct SetLabels(
    i64,
    String,
    String,
    String,
    i64,
    String,
    String,
    String,
    i64,
);

/// A unit: its district before the reform (when it had one), itself, and today's unit.
#[derive(serde::Deserialize)]
struct UnitLabels(i64, Option<String>, String, String, String, String);

#[derive(serde::Deserialize)]
struct Facets(Vec<Combination>, Vec<SetLabels>, Vec<UnitLabels>);

/// One value of a facet: its place in the list, its code and its labels.
type Value<'a> = (i64, &'a str, &'a str, &'a str);

impl Facets {
    fn set(&self, id: i64) -> Option<&SetLabels> {
        self.1.iter().find(|set| set.0 == id)
    }

    fn unit(&self, id: i64) -> Option<&UnitLabels> {
        self.2.iter().find(|unit| unit.0 == id)
    }

    fn in_locality(unit: &UnitLabels, locality: &str) -> bool {
        unit.4 == locality || unit.2 == locality || unit.1.as_deref() == Some(locality)
    }

    /// Whether the query's filters, all but `except`, keep the products of `combination`.
    fn kept(
        &self,
        combination: &Combination,
        query: &CatalogueQuery,
        except: Option<Facet>,
    ) -> bool {
        let keep = |facet: Facet, test: &dyn Fn() -> bool| except == Some(facet) || test();
        let set = || self.set(combination.0);
        keep(Facet::Group, &|| {
            query
                .group
                .as_deref()
                .is_none_or(|group| set().is_some_and(|s| s.1 == group))
        }) && keep(Facet::Set, &|| {
            query
                .set
                .as_deref()
                .is_none_or(|wanted| set().is_some_and(|s| s.5 == wanted))
        }) && keep(Facet::Star, &|| {
            query
                .star
                .is_none_or(|star| combination.1 == Some(i64::from(star.get())))
        }) && keep(Facet::Locality, &|| {
            query.locality.as_deref().is_none_or(|locality| {
                self.unit(combination.2)
                    .is_some_and(|unit| Self::in_locality(unit, locality))
            })
        }) && keep(Facet::Kind, &|| {
            query.kind.is_none_or(|kind| kind.code() == combination.3)
        })
    }

    /// The combinations the filters, all but `except`, keep.
    fn kept_by<'a>(
        &'a self,
        query: &'a CatalogueQuery,
        except: Option<Facet>,
    ) -> impl Iterator<Item = &'a Combination> + 'a {
        self.0.iter().filter(move |c| self.kept(c, query, except))
    }

    /// Counts per value of `value`, in the order of its first element then its code; only
    /// the values shown get their labels copied.
    fn count_by<'a>(
        &'a self,
        combinations: impl Iterator<Item = &'a Combination>,
        value: impl Fn(&'a Combination) -> Option<Value<'a>>,
    ) -> Vec<FacetValue> {
        let mut counts: BTreeMap<(i64, &'a str), (Value<'a>, i64)> = BTreeMap::new();
        for combination in combinations {
            if let Some(found) = value(combination) {
                counts.entry((found.0, found.1)).or_insert((found, 0)).1 += combination.4;
            }
        }
        counts
            .into_values()
            .map(|((_, code, label_vi, label_en), count)| FacetValue {
                value: code.to_owned(),
                label_vi: label_vi.to_owned(),
                label_en: label_en.to_owned(),
                count: u64::try_from(count).unwrap_or(0),
            })
            .collect()
    }
}

pub async fn search(pool: &SqlitePool, query: &CatalogueQuery) -> Result<Catalogue, AppError> {
    let fts = fts_query(&query.q);
    let facets: String = combinations_sql("", fts.as_deref())
        .build_query_scalar()
        .fetch_one(pool)
        .await?;
    let facets: Facets = serde_json::from_str(&facets).map_err(|error| {
        tracing::error!(%error, "facet counts unreadable");
        AppError::Internal
    })?;
    let rows: Vec<CardRow> = page_sql("", query, fts.as_deref())
        .build_query_as()
        .fetch_all(pool)
        .await?;

    let total: i64 = facets.kept_by(query, None).map(|c| c.4).sum();
    let groups = facets.count_by(facets.kept_by(query, Some(Facet::Group)), |c| {
        let set = facets.set(c.0)?;
        Some((set.4, set.1.as_str(), set.2.as_str(), set.3.as_str()))
    });
    let sets = match &query.group {
        Some(group) => facets.count_by(facets.kept_by(query, Some(Facet::Set)), |c| {
            let set = facets.set(c.0).filter(|set| &set.1 == group)?;
            Some((set.8, set.5.as_str(), set.6.as_str(), set.7.as_str()))
        }),
        None => Vec::new(),
    };
    let star_labels: Vec<(i64, String, String, String)> = (1..=5)
        .map(|stars| {
            (
                stars,
                stars.to_string(),
                format!("{stars} sao"),
                format!("{stars} stars"),
            )
        })
        .collect();
    let mut stars = facets.count_by(facets.kept_by(query, Some(Facet::Star)), |c| {
        let (stars, code, vi, en) = star_labels.iter().find(|label| Some(label.0) == c.1)?;
        Some((-stars, code.as_str(), vi.as_str(), en.as_str()))
    });
    stars.sort_by(|a, b| b.value.cmp(&a.value));
    // Today's communes; once one is chosen, the former communes it was made of.
    let mut localities = facets.count_by(facets.kept_by(query, Some(Facet::Locality)), |c| {
        let unit = facets.unit(c.2)?;
        Some((0, unit.4.as_str(), unit.5.as_str(), unit.5.as_str()))
    });
    localities.sort_by_cached_key(|value| fold(&value.label_vi));
    let today = query.locality.as_deref().and_then(|locality| {
        facets
            .2
            .iter()
            .find(|unit| Facets::in_locality(unit, locality))
            .map(|unit| unit.4.as_str())
    });
    let mut communes = match today {
        Some(today) => facets.count_by(facets.kept_by(query, Some(Facet::Locality)), |c| {
            let unit = facets.unit(c.2).filter(|u| u.4 == today && u.2 != u.4)?;
            Some((0, unit.2.as_str(), unit.3.as_str(), unit.3.as_str()))
        }),
        None => Vec::new(),
    };
    communes.sort_by_cached_key(|value| fold(&value.label_vi));
    let kinds = facets.count_by(facets.kept_by(query, Some(Facet::Kind)), |c| {
        Some((0, c.3.as_str(), c.3.as_str(), c.3.as_str()))
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
