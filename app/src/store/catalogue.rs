//! The catalogue: full-text search, facets with counts, sorting and pages.
//!
//! Facet counts come from one grouped pass over the products the search text selects: each
//! distinct combination of group, set, stars, locality and producer type with its count.
//! Every facet is then counted from those few rows with all filters but its own, so a page
//! costs two scans (facets and the page of cards) however many facets there are.

use std::collections::BTreeMap;

use sqlx::{QueryBuilder, Sqlite, SqlitePool};

use super::cards::{card_columns, today_unit_join, CardRow, CARD_JOINS, VALID_STARS};
use crate::error::AppError;
use crate::model::catalogue::{Catalogue, CatalogueQuery, Facet, FacetValue, Sort};
use crate::model::page::Page;
use crate::model::product::ProductCard;
use crate::text::{fold, fts_query};

pub const PER_PAGE: u32 = 24;

/// Name matches weigh ten times a description match and three times a producer match.
const RANK: &str = "bm25(product_search, 10.0, 1.0, 3.0)";

/// FROM and WHERE of the published products the search text selects.
fn push_matches(sql: &mut QueryBuilder<'_, Sqlite>, fts: Option<&str>) {
    match fts {
        // The matches first (CROSS JOIN keeps that order): a search narrows far more than
        // any other filter, and the index answers it directly.
        Some(fts) => {
            sql.push(format!(" FROM (SELECT rowid AS id, {RANK} AS rank FROM product_search WHERE product_search MATCH "));
            sql.push_bind(fts.to_owned());
            sql.push(") hit CROSS JOIN products p ON p.id = hit.id");
        }
        None => {
            sql.push(" FROM products p");
        }
    }
    sql.push(CARD_JOINS);
    sql.push(today_unit_join());
    sql.push(" WHERE p.status = 'published' AND pr.active = 1");
}

/// The facet filters of the query, as SQL on the card joins.
fn push_filters(sql: &mut QueryBuilder<'_, Sqlite>, query: &CatalogueQuery) {
    if let Some(group) = &query.group {
        sql.push(" AND g.slug = ").push_bind(group.clone());
    }
    if let Some(set) = &query.set {
        sql.push(" AND s.slug = ").push_bind(set.clone());
    }
    if let Some(star) = query.star {
        sql.push(format!(" AND {VALID_STARS} = "))
            .push_bind(i64::from(star.get()));
    }
    // Today's commune; a former commune or district (addresses from before the reform).
    if let Some(locality) = &query.locality {
        sql.push(" AND (t.slug = ").push_bind(locality.clone());
        sql.push(" OR u.slug = ").push_bind(locality.clone());
        sql.push(" OR d.slug = ")
            .push_bind(locality.clone())
            .push(")");
    }
    if let Some(kind) = query.kind {
        sql.push(" AND pr.entity_type = ").push_bind(kind.code());
    }
}

/// Products sharing every facet value, and how many they are.
#[derive(sqlx::FromRow)]
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

    let mut grouped = QueryBuilder::new(format!(
        "SELECT g.slug AS group_slug, g.name_vi AS group_vi, g.name_en AS group_en, g.position AS group_position,
                s.slug AS set_slug, s.name_vi AS set_vi, s.name_en AS set_en, s.position AS set_position,
                {VALID_STARS} AS stars, d.slug AS district_slug,
                u.slug AS unit_slug, u.name AS unit_name, t.slug AS today_slug, t.name AS today_name, pr.entity_type AS kind,
                count(*) AS products"
    ));
    push_matches(&mut grouped, fts.as_deref());
    grouped.push(" GROUP BY s.id, 9, u.id, pr.entity_type");
    let combinations: Vec<Combination> = grouped.build_query_as().fetch_all(pool).await?;

    let mut list = QueryBuilder::new(format!("SELECT {}", card_columns()));
    push_matches(&mut list, fts.as_deref());
    push_filters(&mut list, query);
    list.push(match query.sort {
        Sort::Relevance if fts.is_some() => " ORDER BY hit.rank, p.id".to_owned(),
        Sort::Relevance | Sort::Stars => {
            format!(" ORDER BY coalesce({VALID_STARS}, 0) DESC, p.name, p.id")
        }
        Sort::Newest => " ORDER BY p.published_at DESC, p.id DESC".to_owned(),
        // Đ sorts with D, as Vietnamese readers expect.
        Sort::Name => " ORDER BY replace(replace(p.name, 'Đ', 'D'), 'đ', 'd'), p.id".to_owned(),
    });
    list.push(" LIMIT ").push_bind(i64::from(PER_PAGE));
    list.push(" OFFSET ").push_bind(query.page.offset(PER_PAGE));
    let rows: Vec<CardRow> = list.build_query_as().fetch_all(pool).await?;

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
