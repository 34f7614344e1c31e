//! Figures of an OCOP cycle, as the provincial progress reports give them: every figure
//! counted from the dated records (registered on, appraised on, evaluated on, issued on), so
//! that the report of any day says what was known that day.

use sqlx::SqlitePool;

use crate::error::AppError;
use crate::model::day::Day;
use crate::model::ids::CycleYear;
use crate::model::report::{
    Breakdown, CertificateFigures, HeldEvent, ProgressReport, ReportQuery, UnitMapping, Units,
};
use crate::model::stats::CycleFigures;
use crate::store::cycles;
use crate::text::fold;

pub async fn cycle_figures(
    pool: &SqlitePool,
    year: CycleYear,
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
    // A product evaluated twice (a district council, then the province's) counts once.
    let evaluated: i64 = sqlx::query_scalar(
        "SELECT count(DISTINCT e.registration_id) FROM evaluations e
         JOIN ocop_cycles c ON c.id = e.cycle_id
         WHERE c.year = ?1 AND e.evaluated_on <= ?2 AND e.registration_id IS NOT NULL",
    )
    .bind(year)
    .bind(as_of)
    .fetch_one(pool)
    .await?;
    let (three_stars, four_stars, five_stars): (i64, i64, i64) = sqlx::query_as(
        "SELECT coalesce(sum(ce.stars = 3), 0), coalesce(sum(ce.stars = 4), 0), coalesce(sum(ce.stars = 5), 0)
         FROM certificates ce JOIN evaluations e ON e.id = ce.evaluation_id
         JOIN ocop_cycles c ON c.id = e.cycle_id
         WHERE c.year = ?1 AND ce.issued_on <= ?2",
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
        evaluated,
        three_stars,
        four_stars,
        five_stars,
    })
}

/// The progress report of the cycle of `year` as of `as_of`, and its figures on `compare`.
pub async fn progress(
    pool: &SqlitePool,
    year: CycleYear,
    as_of: Day,
    compare: Option<Day>,
    units: Units,
) -> Result<ProgressReport, AppError> {
    let mut connection = pool.acquire().await?;
    let cycle = cycles::by_year(&mut connection, year).await?;
    let day = as_of.iso();
    let figures = cycle_figures(pool, year, &day).await?;
    let compared = match compare {
        Some(other) => Some((other, cycle_figures(pool, year, &other.iso()).await?)),
        None => None,
    };
    // The units valid on the day: the districts before the July 2025 reform, today's communes
    // after it; or today's communes for any day, when the report is regrouped.
    let before_reform = day.as_str() < cycles::REFORM;
    let former = before_reform && units == Units::OfTheDay;
    let unit = cycles::unit_of(former);
    let steps = format!(
        "WITH steps AS (
             SELECT r.kind, {unit} AS unit, s.group_id,
                    coalesce(a.eligible = 1 AND a.appraised_on <= ?2, 0) AS eligible,
                    EXISTS (SELECT 1 FROM evaluations e WHERE e.registration_id = r.id AND e.evaluated_on <= ?2) AS evaluated,
                    EXISTS (SELECT 1 FROM evaluations e JOIN certificates ce ON ce.evaluation_id = e.id
                            WHERE e.registration_id = r.id AND ce.issued_on <= ?2) AS recognised
             FROM registrations r
             JOIN products p ON p.id = r.product_id JOIN producers pr ON pr.id = p.producer_id
             JOIN admin_units u ON u.id = pr.admin_unit_id LEFT JOIN admin_units up ON up.id = u.parent_id
             JOIN product_sets s ON s.id = p.set_id
             LEFT JOIN appraisals a ON a.registration_id = r.id
             WHERE r.cycle_id = ?1 AND r.registered_on <= ?2)"
    );
    const COUNTS: &str = "count(*) AS registered, sum(x.kind = 'new') AS new_products,
        sum(x.kind = 'existing') AS existing_products, sum(x.eligible) AS eligible,
        sum(x.evaluated) AS evaluated, sum(x.recognised) AS recognised";
    let by_unit: Vec<Breakdown> = sqlx::query_as(&format!(
        "{steps} SELECT coalesce(n.name, '') AS label_vi, coalesce(n.name, '') AS label_en, {COUNTS}
         FROM steps x LEFT JOIN admin_units n ON n.id = x.unit
         GROUP BY x.unit ORDER BY n.name"
    ))
    .bind(cycle.id)
    .bind(&day)
    .fetch_all(&mut *connection)
    .await?;
    let by_group: Vec<Breakdown> = sqlx::query_as(&format!(
        "{steps} SELECT g.name_vi AS label_vi, g.name_en AS label_en, {COUNTS}
         FROM steps x JOIN product_groups g ON g.id = x.group_id
         GROUP BY g.id ORDER BY g.position"
    ))
    .bind(cycle.id)
    .bind(&day)
    .fetch_all(&mut *connection)
    .await?;
    let certificates: CertificateFigures = sqlx::query_as(
        "SELECT
             coalesce(sum(issued_on <= ?1 AND expires_on >= ?1 AND (revoked_on IS NULL OR revoked_on > ?1)), 0) AS valid,
             coalesce(sum(issued_on <= ?1 AND expires_on >= ?1 AND expires_on <= date(?1, '+90 days')
                          AND (revoked_on IS NULL OR revoked_on > ?1)), 0) AS expiring,
             coalesce(sum(expires_on < ?1 AND (revoked_on IS NULL OR revoked_on > ?1)), 0) AS expired,
             coalesce(sum(revoked_on <= ?1), 0) AS revoked,
             (SELECT count(*) FROM products p WHERE p.status = 'published'
                AND EXISTS (SELECT 1 FROM online_listings o WHERE o.product_id = p.id)) AS sold_online
         FROM certificates",
    )
    .bind(&day)
    .fetch_one(&mut *connection)
    .await?;
    let events: Vec<HeldEvent> = sqlx::query_as(
        "SELECT name, kind, starts_on, ends_on, status FROM events
         WHERE status <> 'draft' AND starts_on >= ?1 AND starts_on <= ?2
         ORDER BY starts_on, id LIMIT 500",
    )
    .bind(cycle.opens_on)
    .bind(&day)
    .fetch_all(&mut *connection)
    .await?;
    let unit_mapping: Vec<UnitMapping> = sqlx::query_as(
        "SELECT n.name AS today, u.name AS former, coalesce(up.name, '') AS former_district
         FROM (SELECT DISTINCT pr.admin_unit_id AS unit_id FROM registrations r
               JOIN products p ON p.id = r.product_id JOIN producers pr ON pr.id = p.producer_id
               WHERE r.cycle_id = ?1 AND r.registered_on <= ?2) used
         JOIN admin_units u ON u.id = used.unit_id LEFT JOIN admin_units up ON up.id = u.parent_id
         JOIN admin_units n ON n.id = u.successor_id
         WHERE u.valid_to IS NOT NULL",
    )
    .bind(cycle.id)
    .bind(&day)
    .fetch_all(&mut *connection)
    .await?;
    // In Vietnamese order (Đ with D), which SQLite's own comparison does not know.
    let mut unit_mapping = unit_mapping;
    unit_mapping.sort_by_cached_key(|line| {
        (
            fold(&line.today),
            fold(&line.former_district),
            fold(&line.former),
        )
    });
    let years = sqlx::query_scalar("SELECT year FROM ocop_cycles ORDER BY year DESC")
        .fetch_all(&mut *connection)
        .await?;
    Ok(ProgressReport {
        year,
        cycle_name: cycle.name,
        scheme_code: cycle.scheme_code,
        as_of,
        figures,
        compared,
        units_are_former_districts: former,
        regrouped: before_reform && units == Units::Today,
        unit_mapping,
        by_unit,
        by_group,
        certificates,
        events,
        years,
    })
}

/// The report an address asks for, with its defaults: the newest cycle, today.
pub async fn asked(pool: &SqlitePool, query: &ReportQuery) -> Result<ProgressReport, AppError> {
    let choice = query.parse()?;
    let mut connection = pool.acquire().await?;
    let year = match choice.year {
        Some(year) => year,
        None => sqlx::query_scalar::<_, Option<CycleYear>>("SELECT max(year) FROM ocop_cycles")
            .fetch_one(&mut *connection)
            .await?
            .ok_or(AppError::NotFound)?,
    };
    let as_of = match choice.as_of {
        Some(day) => day,
        None => crate::store::clock::today(&mut connection).await?,
    };
    drop(connection);
    progress(pool, year, as_of, choice.compare, choice.units).await
}
