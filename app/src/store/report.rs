//! Figures of an OCOP cycle, as the provincial progress reports give them.

use sqlx::SqlitePool;

use crate::error::AppError;
use crate::model::stats::CycleFigures;

pub async fn cycle_figures(
    pool: &SqlitePool,
    year: i64,
    as_of: &str,
) -> Result<CycleFigures, AppError> {
    let (registered, new_products, existing_products, appraised_eligible): (i64, i64, i64, i64) =
        sqlx::query_as(
            "SELECT count(*),
                    coalesce(sum(r.kind = 'new'), 0),
                    coalesce(sum(r.kind = 'existing'), 0),
                    coalesce(sum(a.eligible = 1 AND a.appraised_on <= ?2), 0)
             FROM registrations r
             JOIN ocop_cycles c ON c.id = r.cycle_id
             LEFT JOIN appraisals a ON a.registration_id = r.id
             WHERE c.year = ?1 AND r.registered_on <= ?2",
        )
        .bind(year)
        .bind(as_of)
        .fetch_one(pool)
        .await?;
    let (entities, enterprises, cooperatives_and_groups, households): (i64, i64, i64, i64) =
        sqlx::query_as(
            "SELECT count(*),
                    coalesce(sum(pr.entity_type = 'enterprise'), 0),
                    coalesce(sum(pr.entity_type IN ('cooperative', 'cooperative_group')), 0),
                    coalesce(sum(pr.entity_type = 'household'), 0)
             FROM producers pr
             WHERE pr.id IN (SELECT p.producer_id
                             FROM registrations r
                             JOIN ocop_cycles c ON c.id = r.cycle_id
                             JOIN products p ON p.id = r.product_id
                             WHERE c.year = ?1 AND r.registered_on <= ?2)",
        )
        .bind(year)
        .bind(as_of)
        .fetch_one(pool)
        .await?;
    Ok(CycleFigures {
        registered,
        new_products,
        existing_products,
        entities,
        enterprises,
        cooperatives_and_groups,
        households,
        appraised_eligible,
    })
}
