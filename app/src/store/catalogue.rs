//! The catalogue: full-text search, facets with counts, sorting and pages.

use sqlx::{QueryBuilder, Sqlite, SqlitePool};

use super::cards::{card_columns, CardRow, CARD_JOINS, VALID_STARS};
use crate::error::AppError;
use crate::model::catalogue::{Catalogue, CatalogueQuery, Facet, FacetValue, Sort};
use crate::model::page::Page;
use crate::model::product::ProductCard;
use crate::text::fts_query;

pub const PER_PAGE: u32 = 24;

/// Name matches weigh ten times a description match and three times a producer match.
const RANK: &str = "bm25(product_search, 10.0, 1.0, 3.0)";

struct Search<'q> {
    query: &'q CatalogueQuery,
    fts: Option<String>,
}

impl Search<'_> {
    /// FROM and WHERE of the products the query selects, leaving out one facet's own filter
    /// so that facet can count its other values.
    fn push_from_where(&self, sql: &mut QueryBuilder<'_, Sqlite>, except: Option<Facet>) {
        let query = self.query;
        match &self.fts {
            // The matches first (CROSS JOIN keeps that order): a search narrows far more
            // than any other filter, and the index answers it directly.
            Some(fts) => {
                sql.push(format!(
                    " FROM (SELECT rowid AS id, {RANK} AS rank FROM product_search WHERE product_search MATCH "
                ));
                sql.push_bind(fts.clone());
                sql.push(") hit CROSS JOIN products p ON p.id = hit.id");
            }
            None => {
                sql.push(" FROM products p");
            }
        }
        sql.push(CARD_JOINS);
        sql.push(" WHERE p.status = 'published' AND pr.active = 1");
        if except != Some(Facet::Group) {
            if let Some(group) = &query.group {
                sql.push(" AND g.slug = ").push_bind(group.clone());
            }
        }
        if except != Some(Facet::Set) {
            if let Some(set) = &query.set {
                sql.push(" AND s.slug = ").push_bind(set.clone());
            }
        }
        if except != Some(Facet::Star) {
            if let Some(star) = query.star {
                sql.push(format!(" AND {VALID_STARS} = "))
                    .push_bind(i64::from(star.get()));
            }
        }
        if except != Some(Facet::Locality) {
            if let Some(locality) = &query.locality {
                sql.push(" AND (u.slug = ").push_bind(locality.clone());
                sql.push(" OR d.slug = ")
                    .push_bind(locality.clone())
                    .push(")");
            }
        }
        if except != Some(Facet::Kind) {
            if let Some(kind) = query.kind {
                sql.push(" AND pr.entity_type = ").push_bind(kind.code());
            }
        }
    }

    async fn facet(
        &self,
        pool: &SqlitePool,
        facet: Facet,
        select: &str,
        extra_filter: Option<(&str, String)>,
        group_order: &str,
    ) -> Result<Vec<FacetValue>, AppError> {
        let mut sql = QueryBuilder::new(format!("SELECT {select}, count(*) AS n"));
        self.push_from_where(&mut sql, Some(facet));
        if let Some((condition, value)) = extra_filter {
            sql.push(condition).push_bind(value);
        }
        sql.push(group_order);
        let rows: Vec<(String, String, String, i64)> = sql.build_query_as().fetch_all(pool).await?;
        Ok(rows
            .into_iter()
            .map(|(value, label_vi, label_en, count)| FacetValue {
                value,
                label_vi,
                label_en,
                count: u64::try_from(count).unwrap_or(0),
            })
            .collect())
    }
}

pub async fn search(pool: &SqlitePool, query: &CatalogueQuery) -> Result<Catalogue, AppError> {
    let search = Search {
        query,
        fts: fts_query(&query.q),
    };

    let mut count = QueryBuilder::new("SELECT count(*)");
    search.push_from_where(&mut count, None);
    let total: i64 = count.build_query_scalar().fetch_one(pool).await?;

    let mut list = QueryBuilder::new(format!("SELECT {}", card_columns()));
    search.push_from_where(&mut list, None);
    let by_stars = format!(" ORDER BY coalesce({VALID_STARS}, 0) DESC, p.name, p.id");
    let order = match query.sort {
        Sort::Relevance if search.fts.is_some() => " ORDER BY hit.rank, p.id".to_owned(),
        Sort::Relevance | Sort::Stars => by_stars,
        Sort::Newest => " ORDER BY p.published_at DESC, p.id DESC".to_owned(),
        // Đ sorts with D, as Vietnamese readers expect.
        Sort::Name => " ORDER BY replace(replace(p.name, 'Đ', 'D'), 'đ', 'd'), p.id".to_owned(),
    };
    list.push(order);
    list.push(" LIMIT ").push_bind(i64::from(PER_PAGE));
    list.push(" OFFSET ").push_bind(query.page.offset(PER_PAGE));
    let rows: Vec<CardRow> = list.build_query_as().fetch_all(pool).await?;

    let groups = search
        .facet(
            pool,
            Facet::Group,
            "g.slug, g.name_vi, g.name_en",
            None,
            " GROUP BY g.id ORDER BY g.position",
        )
        .await?;
    let sets = match &query.group {
        Some(group) => {
            search
                .facet(
                    pool,
                    Facet::Set,
                    "s.slug, s.name_vi, s.name_en",
                    Some((" AND g.slug = ", group.clone())),
                    " GROUP BY s.id ORDER BY s.position",
                )
                .await?
        }
        None => Vec::new(),
    };
    let stars = search
        .facet(
            pool,
            Facet::Star,
            &format!(
                "CAST({VALID_STARS} AS TEXT), {VALID_STARS} || ' sao', {VALID_STARS} || ' stars'"
            ),
            None,
            &format!(
                " AND {VALID_STARS} IS NOT NULL GROUP BY {VALID_STARS} ORDER BY {VALID_STARS} DESC"
            ),
        )
        .await?;
    let localities = search
        .facet(
            pool,
            Facet::Locality,
            "d.slug, d.name, d.name",
            None,
            " AND d.id IS NOT NULL GROUP BY d.id ORDER BY d.name",
        )
        .await?;
    let communes = match selected_district(pool, query).await? {
        Some(district) => {
            search
                .facet(
                    pool,
                    Facet::Locality,
                    "u.slug, u.name, u.name",
                    Some((" AND u.level = 'commune' AND d.slug = ", district)),
                    " GROUP BY u.id ORDER BY u.name",
                )
                .await?
        }
        None => Vec::new(),
    };
    let kinds = search
        .facet(
            pool,
            Facet::Kind,
            "pr.entity_type, pr.entity_type, pr.entity_type",
            None,
            " GROUP BY pr.entity_type ORDER BY pr.entity_type",
        )
        .await?;

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

/// The district-level unit of the chosen locality (itself, or a commune's parent).
async fn selected_district(
    pool: &SqlitePool,
    query: &CatalogueQuery,
) -> Result<Option<String>, AppError> {
    let Some(locality) = &query.locality else {
        return Ok(None);
    };
    let district: Option<Option<String>> = sqlx::query_scalar(
        "SELECT CASE a.level WHEN 'district' THEN a.slug
                             ELSE (SELECT p.slug FROM admin_units p WHERE p.id = a.parent_id AND p.level = 'district') END
         FROM admin_units a WHERE a.slug = ?1",
    )
    .bind(locality)
    .fetch_optional(pool)
    .await?;
    Ok(district.flatten())
}
