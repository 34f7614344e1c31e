//! The catalogue: full-text search, facets with counts, sorting and pages.
//!
//! The `catalogue` table (migration 0013) holds one narrow row per product on show, kept by
//! triggers, with an index for each sort order; [`Memory`] holds each row's facet values and
//! places in those orders. A page asks:
//! - its facts ([`facts_sql`]): the catalogue's version, the labels of the facet values, and
//!   when searching the ids whose name matches (`name_search`). The facets are counted from
//!   the combinations of set, stars, unit and producer type in [`Memory`], each with its count
//!   (of the matches when searching): every facet from those few hundred with all filters but
//!   its own.
//! - when searching, at the same time, the ids that match anywhere ([`matches_sql`]).
//! - its cards. Browsing, the ids of the page are chosen on the narrow rows (the filters and
//!   the sort along an index, `LIMIT` inside), and only those 24 joined to what a card shows;
//!   asked at the same time as the facts. Searching, the matches are ranked in [`Memory`],
//!   then the page's 24 cards read by id.
//!
//! [`query_plans`] gives SQLite's plan for each query; a test keeps them off full scans.

mod memory;

use std::collections::BTreeMap;

use sqlx::{QueryBuilder, Sqlite, SqlitePool};

use super::cards::{page_head, page_tail, CardRow, DISTRICT_JOIN, TODAY_UNIT_ID};
use crate::error::AppError;
use crate::model::catalogue::{Catalogue, CatalogueQuery, Facet, FacetValue, Sort};
use crate::model::page::Page;
use crate::model::product::ProductCard;
use crate::text::{fold, fts_query};
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
    if let Some(locality) = &query.locality {
        sql.push(" AND (SELECT id FROM admin_units WHERE slug = ")
            .push_bind(locality.clone())
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

/// The labels of the sets (with their groups) and of the units that have products on show,
/// once each, as two JSON arrays (see [`SetLabels`] and [`UnitLabels`]).
fn labels_sql() -> String {
    format!(
        "(SELECT json_group_array(json_array(
                s.id, g.slug, g.name_vi, g.name_en, g.position, s.slug, s.name_vi, s.name_en, s.position))
         FROM product_sets s JOIN product_groups g ON g.id = s.group_id),
        (SELECT json_group_array(json_array(u.id, d.slug, u.slug, u.name, t.slug, t.name))
         FROM admin_units u
         JOIN admin_units t ON t.id = {TODAY_UNIT_ID}{DISTRICT_JOIN}
         WHERE u.id IN (SELECT unit_id FROM catalogue_counts))"
    )
}

/// The page of cards: its ids chosen on the narrow rows, then only those joined for the card.
fn page_sql<'a>(prefix: &str, query: &'a CatalogueQuery) -> QueryBuilder<'a, Sqlite> {
    let mut sql = QueryBuilder::new(format!(
        "{prefix}{}SELECT k.product_id, k.stars, k.name_key, k.published_at FROM catalogue k WHERE 1 = 1",
        page_head(),
    ));
    push_filters(&mut sql, query);
    sql.push(order(query.sort, "k"));
    sql.push(" LIMIT ").push_bind(i64::from(PER_PAGE));
    sql.push(" OFFSET ").push_bind(query.page.offset(PER_PAGE));
    sql.push(page_tail());
    sql.push(order(query.sort, "page"));
    sql
}

/// What a page asks SQLite besides its cards: the catalogue's version, the labels as JSON,
/// and when searching the ids whose name matches (`?1`) as an `id_list` blob.
///
/// The facet counts themselves come from [`Memory`]. Read here as JSON (476 combinations at
/// 10,000 products: as rows through sqlx they cost 4 to 9 ms), building and parsing that text
/// was still a tenth of a rendered catalogue page (perf).
fn facts_sql(prefix: &str, searching: bool) -> String {
    let in_names = if searching {
        "(SELECT id_list(rowid) FROM name_search WHERE name_search MATCH ?1)"
    } else {
        "NULL"
    };
    format!(
        "{prefix}SELECT (SELECT version FROM catalogue_version WHERE id = 1), {in_names},
            json_array({})",
        labels_sql()
    )
}

/// What [`facts_sql`] gives: the version, the ids whose name matches, and the labels.
type Facts = (i64, Option<Vec<u8>>, String);

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
/// "; ": browsing, the facts then the page of cards; searching, the facts, the matches, then
/// the cards.
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

/// Products sharing every facet value, and how many they are (see [`Memory`]).
#[derive(Clone, Debug, PartialEq)]
struct Combination(i64, Option<i64>, i64, String, i64);

/// A product set and its group, as [`labels_sql`] writes them.
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

fn unreadable(error: serde_json::Error) -> AppError {
    tracing::error!(%error, "catalogue labels unreadable");
    AppError::Internal
}

/// The ids whose name matches, and those that match anywhere, in the order of their ids.
type Matches = (Vec<u32>, Vec<u32>);

/// The labels and the catalogue's rows (see [`facts_sql`]) and, when searching, the matches.
/// A search's two lists of ids are asked at once, on two connections: for the commonest words
/// at 100,000 products each takes SQLite 2 to 5 ms.
async fn facts(
    pool: &SqlitePool,
    memory: &Memory,
    fts: Option<&str>,
) -> Result<(Facets, std::sync::Arc<memory::Rows>, Option<Matches>), AppError> {
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
    let ((version, in_names, labels), anywhere) =
        tokio::try_join!(facts.fetch_one(pool), anywhere)?;
    let (sets, units): (Vec<SetLabels>, Vec<UnitLabels>) =
        serde_json::from_str(&labels).map_err(unreadable)?;
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
    Ok((Facets(Vec::new(), sets, units), catalogue, matches))
}

/// Browsing: the facets counted in [`Memory`], and the page read along an index. The two are
/// asked at once, on two connections: a query is a turn on a reader's thread, and under load
/// each turn may wait for the cores.
async fn browse(
    pool: &SqlitePool,
    memory: &Memory,
    query: &CatalogueQuery,
) -> Result<(Facets, Vec<CardRow>), AppError> {
    let mut page = page_sql("", query);
    let ((mut facets, catalogue, _), rows) = tokio::try_join!(facts(pool, memory, None), async {
        Ok(page.build_query_as().fetch_all(pool).await?)
    })?;
    facets.0 = catalogue.combinations.clone();
    Ok((facets, rows))
}

/// Searching: the matching ids from SQLite, counted and ranked in [`Memory`], then the cards
/// of the page.
async fn find(
    pool: &SqlitePool,
    memory: &Memory,
    query: &CatalogueQuery,
    fts: &str,
) -> Result<(Facets, Vec<CardRow>), AppError> {
    let (mut facets, catalogue, matches) = facts(pool, memory, Some(fts)).await?;
    let (in_names, anywhere) = matches.unwrap_or_default();

    // Count every match on show by its combination of facet values; keep for the page those
    // that every filter keeps, each with its place in the order asked for.
    let mut counts = vec![0; catalogue.combinations.len()];
    let kept: Vec<bool> = catalogue
        .combinations
        .iter()
        .map(|combination| facets.kept(combination, query, None))
        .collect();
    let mut names = in_names.iter().peekable();
    let mut chosen: Vec<(u64, u32)> = Vec::with_capacity(anywhere.len());
    for id in anywhere {
        while names.next_if(|&&named| named < id).is_some() {}
        let in_name = names.next_if(|&&named| named == id).is_some();
        let Some(combination) = catalogue.combination(id) else {
            continue;
        };
        counts[combination] += 1;
        if kept[combination] {
            chosen.push((catalogue.place(id, query.sort, in_name), id));
        }
    }
    facets.0 = catalogue
        .combinations
        .iter()
        .zip(counts)
        .filter(|(_, count)| *count > 0)
        .map(|(c, count)| Combination(c.0, c.1, c.2, c.3.clone(), count))
        .collect();

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
    let ids = serde_json::to_string(&ids).map_err(unreadable)?;
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
    let (facets, rows) = match fts_query(&query.q) {
        None => browse(pool, memory, query).await?,
        Some(fts) => find(pool, memory, query, &fts).await?,
    };
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
