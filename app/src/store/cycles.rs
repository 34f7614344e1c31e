//! Cycles of the OCOP programme: each year's, with its rules (scheme, star bands, council
//! powers) and deadlines, and its pipeline: where its registrations stand, in all, by unit and
//! by product group.

use sqlx::{SqliteConnection, SqlitePool};

use crate::error::AppError;
use crate::model::account::Staff;
use crate::model::cycle::forms::CycleForm;
use crate::model::cycle::pages::{CouncilLine, Cycle, CycleLine, Pipeline, PipelineRow};
use crate::model::cycle::rules::{Powers, Scheme, StarBand};
use crate::model::cycle::status::{CouncilLevel, CycleStage, RegistrationStatus};
use crate::model::day::Day;
use crate::model::form::Choice;
use crate::model::ids::CycleYear;
use crate::model::stars::Stars;
use crate::store::audit::Audit;
use crate::store::clock::sql_today;
use crate::store::Writer;

/// The day the 2025 reform took effect: cycles opened before it are reported by the district
/// units of their time, later ones by today's communes.
pub const REFORM: &str = "2025-07-01";

/// The unit a producer is counted under, from `u` (its unit) and `up` (that unit's parent):
/// for earlier cycles the district of its commune, for later ones its commune as it is today.
pub fn unit_of(former: bool) -> &'static str {
    if former {
        "CASE WHEN u.level = 'district' THEN u.id WHEN up.level = 'district' THEN up.id ELSE u.id END"
    } else {
        crate::store::cards::TODAY_UNIT_ID
    }
}

const CYCLE_COLUMNS: &str =
    "c.id, c.year, c.name, c.scheme_id, s.code AS scheme_code, c.stage, c.opens_on, c.closes_on,
    c.registration_until, c.plans_until, c.appraisal_until, c.evaluation_until";

pub async fn list(pool: &SqlitePool) -> Result<Vec<CycleLine>, AppError> {
    Ok(sqlx::query_as(
        "SELECT c.year, c.name, s.code AS scheme_code, c.stage, c.opens_on,
                (SELECT count(*) FROM registrations r WHERE r.cycle_id = c.id) AS registered,
                (SELECT count(*) FROM registrations r WHERE r.cycle_id = c.id AND r.status = ?1) AS recognised
         FROM ocop_cycles c JOIN evaluation_schemes s ON s.id = c.scheme_id ORDER BY c.year DESC",
    )
    .bind(RegistrationStatus::Recognised)
    .fetch_all(pool)
    .await?)
}

pub async fn by_year(
    connection: &mut SqliteConnection,
    year: CycleYear,
) -> Result<Cycle, AppError> {
    sqlx::query_as(&format!(
        "SELECT {CYCLE_COLUMNS} FROM ocop_cycles c JOIN evaluation_schemes s ON s.id = c.scheme_id WHERE c.year = ?1"
    ))
    .bind(year)
    .fetch_optional(connection)
    .await?
    .ok_or(AppError::NotFound)
}

pub async fn by_id(connection: &mut SqliteConnection, id: i64) -> Result<Cycle, AppError> {
    sqlx::query_as(&format!(
        "SELECT {CYCLE_COLUMNS} FROM ocop_cycles c JOIN evaluation_schemes s ON s.id = c.scheme_id WHERE c.id = ?1"
    ))
    .bind(id)
    .fetch_optional(connection)
    .await?
    .ok_or(AppError::NotFound)
}

/// Whether the cycle's rules ask for the commune's proposal before the province appraises.
pub async fn commune_proposes(
    connection: &mut SqliteConnection,
    cycle_id: i64,
) -> Result<bool, AppError> {
    Ok(sqlx::query_scalar(
        "SELECT s.commune_proposes FROM ocop_cycles c JOIN evaluation_schemes s ON s.id = c.scheme_id WHERE c.id = ?1",
    )
    .bind(cycle_id)
    .fetch_optional(connection)
    .await?
    .unwrap_or(false))
}

/// The latest cycle that is not closed, if any.
pub async fn open(connection: &mut SqliteConnection) -> Result<Option<Cycle>, AppError> {
    Ok(sqlx::query_as(&format!(
        "SELECT {CYCLE_COLUMNS} FROM ocop_cycles c JOIN evaluation_schemes s ON s.id = c.scheme_id
         WHERE c.stage <> ?1 ORDER BY c.year DESC LIMIT 1"
    ))
    .bind(CycleStage::Closed)
    .fetch_optional(connection)
    .await?)
}

/// Whether producers may register today: the stage takes registrations and its deadline,
/// if any, has not passed (in Vietnam's time).
pub async fn takes_registrations(
    connection: &mut SqliteConnection,
    cycle: &Cycle,
) -> Result<bool, AppError> {
    let before_deadline: bool =
        sqlx::query_scalar(concat!("SELECT ?1 IS NULL OR ", sql_today!(), " <= ?1"))
            .bind(cycle.registration_until)
            .fetch_one(connection)
            .await?;
    Ok(cycle.stage.takes_registrations() && before_deadline)
}

pub async fn scheme(connection: &mut SqliteConnection, id: i64) -> Result<Scheme, AppError> {
    sqlx::query_as("SELECT id, code, max_a, max_b, max_c, validity_months FROM evaluation_schemes WHERE id = ?1")
        .bind(id)
        .fetch_optional(connection)
        .await?
        .ok_or(AppError::NotFound)
}

pub async fn bands(connection: &mut SqliteConnection) -> Result<Vec<StarBand>, AppError> {
    Ok(sqlx::query_as(
        "SELECT stars, min_score, max_score, certified FROM star_bands ORDER BY stars",
    )
    .fetch_all(connection)
    .await?)
}

/// Which levels act under a scheme, lowest first, each with the highest star it recognises.
pub async fn powers(connection: &mut SqliteConnection, scheme_id: i64) -> Result<Powers, AppError> {
    let mut rows: Vec<(CouncilLevel, Option<Stars>)> =
        sqlx::query_as("SELECT level, recognises_up_to FROM council_powers WHERE scheme_id = ?1")
            .bind(scheme_id)
            .fetch_all(connection)
            .await?;
    rows.sort_by_key(|(level, _)| *level);
    Ok(Powers(rows))
}

pub async fn scheme_choices(pool: &SqlitePool) -> Result<Vec<Choice>, AppError> {
    let rows: Vec<(i64, String, Day)> = sqlx::query_as(
        "SELECT id, code, valid_from FROM evaluation_schemes ORDER BY valid_from DESC",
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, code, from)| {
            let from = from.shown();
            Choice {
                id,
                vi: format!("{code} (từ {from})"),
                en: format!("{code} (from {from})"),
            }
        })
        .collect())
}

async fn check(
    connection: &mut SqliteConnection,
    form: &CycleForm,
    id: Option<i64>,
) -> Result<(), AppError> {
    let taken: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM ocop_cycles WHERE year = ?1 AND id IS NOT ?2)",
    )
    .bind(form.year)
    .bind(id)
    .fetch_one(&mut *connection)
    .await?;
    if taken {
        return Err(AppError::invalid(
            "year",
            "Năm này đã có chu trình.",
            "This year already has a cycle.",
        ));
    }
    scheme(connection, form.scheme_id).await.map_err(|_| {
        AppError::invalid(
            "scheme_id",
            "Vui lòng chọn bộ tiêu chí.",
            "Please choose the rules.",
        )
    })?;
    Ok(())
}

/// A new cycle; its year.
pub async fn create(
    writer: &Writer,
    staff: Staff,
    form: &CycleForm,
) -> Result<CycleYear, AppError> {
    writer
        .change(async |tx| {
            check(tx, form, None).await?;
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO ocop_cycles (year, name, scheme_id, stage, opens_on, closes_on, registration_until, plans_until,
                     appraisal_until, evaluation_until) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) RETURNING id",
            )
            .bind(form.year)
            .bind(&form.name)
            .bind(form.scheme_id)
            .bind(form.stage)
            .bind(form.opens_on)
            .bind(form.closes_on)
            .bind(form.registration_until)
            .bind(form.plans_until)
            .bind(form.appraisal_until)
            .bind(form.evaluation_until)
            .fetch_one(&mut *tx)
            .await?;
            Ok((form.year, Some(Audit::of(staff.user_id(), "create", "cycle", id, form.name.clone()).after(form))))
        })
        .await
}

pub async fn update(
    writer: &Writer,
    staff: Staff,
    year: CycleYear,
    form: &CycleForm,
) -> Result<(), AppError> {
    writer
        .change(async |tx| {
            let cycle = by_year(tx, year).await?;
            check(tx, form, Some(cycle.id)).await?;
            sqlx::query(
                "UPDATE ocop_cycles SET year = ?1, name = ?2, scheme_id = ?3, stage = ?4, opens_on = ?5, closes_on = ?6,
                     registration_until = ?7, plans_until = ?8, appraisal_until = ?9, evaluation_until = ?10 WHERE id = ?11",
            )
            .bind(form.year)
            .bind(&form.name)
            .bind(form.scheme_id)
            .bind(form.stage)
            .bind(form.opens_on)
            .bind(form.closes_on)
            .bind(form.registration_until)
            .bind(form.plans_until)
            .bind(form.appraisal_until)
            .bind(form.evaluation_until)
            .bind(cycle.id)
            .execute(&mut *tx)
            .await?;
            let audit = Audit::of(staff.user_id(), "update", "cycle", cycle.id, form.name.clone())
                .before(&cycle)
                .after(form);
            Ok(((), Some(audit)))
        })
        .await
}

/// Counts by status of some rows (`key`, `label`, `status`, `n`), gathered per key.
fn gather(rows: Vec<(i64, String, RegistrationStatus, i64)>, filter: &str) -> Vec<PipelineRow> {
    let mut gathered: Vec<PipelineRow> = Vec::new();
    for (key, label, status, n) in rows {
        let filter = format!("{filter}={key}");
        match gathered.iter_mut().find(|row| row.filter == filter) {
            Some(row) => {
                row.counts.push((status, n));
                row.total += n;
            }
            None => gathered.push(PipelineRow {
                label,
                filter,
                counts: vec![(status, n)],
                total: n,
            }),
        }
    }
    gathered
}

/// A council as its cycle lists it, with its members and the products waiting at its level.
pub(crate) const COUNCIL_LINE: &str = "SELECT k.id, k.level, k.name, k.formed_on,
        (SELECT count(*) FROM council_members m WHERE m.council_id = k.id) AS members,
        (SELECT count(*) FROM registrations r WHERE r.cycle_id = k.cycle_id AND r.status = 'eligible' AND r.level = k.level) AS waiting
    FROM councils k";

/// The councils formed for a cycle, in the order they were formed.
async fn councils(
    connection: &mut SqliteConnection,
    cycle_id: i64,
) -> Result<Vec<CouncilLine>, AppError> {
    Ok(sqlx::query_as(&format!(
        "{COUNCIL_LINE} WHERE k.cycle_id = ?1 ORDER BY k.formed_on, k.id"
    ))
    .bind(cycle_id)
    .fetch_all(connection)
    .await?)
}

/// A cycle's page: its registrations by status, by unit and by product group, its councils.
pub async fn pipeline(pool: &SqlitePool, year: CycleYear) -> Result<Pipeline, AppError> {
    let mut connection = pool.acquire().await?;
    let cycle = by_year(&mut connection, year).await?;
    let counts: Vec<(RegistrationStatus, i64)> = sqlx::query_as(
        "SELECT status, count(*) FROM registrations WHERE cycle_id = ?1 GROUP BY status",
    )
    .bind(cycle.id)
    .fetch_all(&mut *connection)
    .await?;
    let former = cycle.opens_on.iso().as_str() < REFORM;
    let unit = unit_of(former);
    let by_unit = sqlx::query_as(&format!(
        "SELECT x.unit, coalesce(n.name, ''), x.status, count(*) FROM (
             SELECT {unit} AS unit, r.status FROM registrations r
             JOIN products p ON p.id = r.product_id JOIN producers pr ON pr.id = p.producer_id
             JOIN admin_units u ON u.id = pr.admin_unit_id LEFT JOIN admin_units up ON up.id = u.parent_id
             WHERE r.cycle_id = ?1) x
         LEFT JOIN admin_units n ON n.id = x.unit
         GROUP BY x.unit, x.status ORDER BY n.name, x.status"
    ))
    .bind(cycle.id)
    .fetch_all(&mut *connection)
    .await?;
    let by_group = sqlx::query_as(
        "SELECT g.id, g.name_vi, r.status, count(*) FROM registrations r
         JOIN products p ON p.id = r.product_id JOIN product_sets s ON s.id = p.set_id JOIN product_groups g ON g.id = s.group_id
         WHERE r.cycle_id = ?1 GROUP BY g.id, r.status ORDER BY g.position, r.status",
    )
    .bind(cycle.id)
    .fetch_all(&mut *connection)
    .await?;
    let councils = councils(&mut connection, cycle.id).await?;
    let powers = powers(&mut connection, cycle.scheme_id).await?;
    Ok(Pipeline {
        powers,
        counts,
        units_are_former_districts: former,
        by_unit: gather(by_unit, "unit"),
        by_group: gather(by_group, "group"),
        councils,
        schemes: scheme_choices(pool).await?,
        cycle,
    })
}
