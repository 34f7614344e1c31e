//! Products registered for a cycle: the staff's list and record, registering (by a producer
//! for itself, or by staff for one), and the moves of a registration's life up to its
//! appraisal. A producer's reads and writes name its id, and the SQL finds only its own.

use sqlx::{SqliteConnection, SqlitePool};

use crate::error::{AppError, Closed, Conflict, Said};
use crate::model::account::{Actor, Officer, Producer, Staff};
use crate::model::cycle::forms::{AppraisalForm, ProductChoice, RegisterForm, RegistrationFilter};
use crate::model::cycle::pages::{
    CertificateLine, EvaluationLine, HistoryLine, OwnCertificate, OwnOcop, OwnRegistration,
    RegistrationLine, RegistrationList, RegistrationRecord,
};
use crate::model::cycle::rules::SHOWN_TO_PRODUCERS;
use crate::model::cycle::status::{CouncilLevel, ItemStatus, RegistrationKind, RegistrationStatus};
use crate::model::day::Day;
use crate::model::form::Choice;
use crate::model::ids::{CycleYear, ProducerId, RegistrationId};
use crate::model::page::{Page, PageNumber};
use crate::model::product::ProductStatus;
use crate::store::audit::Audit;
use crate::store::clock::{sql_today, today};
use crate::store::communes::in_communes;
use crate::store::cycles::{self, unit_of, REFORM};
use crate::store::registration_life::move_to;
use crate::store::Writer;

pub const PER_PAGE: u32 = 50;

/// Required items of a registration not yet received, as a column of `registrations r`.
pub(crate) const MISSING: &str = "(SELECT count(*) FROM dossier_requirements q
     WHERE q.required = 1 AND q.applies_to IN ('both', r.kind)
       AND NOT EXISTS (SELECT 1 FROM dossier_items i WHERE i.registration_id = r.id AND i.requirement = q.code AND i.status = 'received'))";

/// A cycle's registrations; with `for_producer`, that producer's products to register one.
/// The registrations a cycle's list shows, from `?1` (the cycle) and the filters `?2` to `?6`
/// (status, kind, unit, group, producer; NULL for none). The cycle's own index finds its
/// registrations; the filters then narrow a few hundred rows at most.
pub fn list_from(former: bool) -> String {
    let unit = unit_of(former);
    format!(
        "FROM registrations r
         JOIN products p ON p.id = r.product_id JOIN producers pr ON pr.id = p.producer_id
         JOIN product_sets s ON s.id = p.set_id JOIN product_groups g ON g.id = s.group_id
         JOIN admin_units u ON u.id = pr.admin_unit_id LEFT JOIN admin_units up ON up.id = u.parent_id
         WHERE r.cycle_id = ?1 AND (?2 IS NULL OR r.status = ?2) AND (?3 IS NULL OR r.kind = ?3)
           AND (?4 IS NULL OR {unit} = ?4) AND (?5 IS NULL OR g.id = ?5) AND (?6 IS NULL OR pr.id = ?6)"
    )
}

pub async fn list(
    pool: &SqlitePool,
    year: CycleYear,
    filter: &RegistrationFilter,
    page: PageNumber,
    for_producer: Option<ProducerId>,
) -> Result<RegistrationList, AppError> {
    let mut connection = pool.acquire().await?;
    let cycle = cycles::by_year(&mut connection, year).await?;
    let former = cycle.opens_on.iso().as_str() < REFORM;
    let unit = unit_of(former);
    let from = list_from(former);
    let total: i64 = sqlx::query_scalar(&format!("SELECT count(*) {from}"))
        .bind(cycle.id)
        .bind(filter.status)
        .bind(filter.kind)
        .bind(filter.unit)
        .bind(filter.group)
        .bind(filter.producer)
        .fetch_one(&mut *connection)
        .await?;
    let items: Vec<RegistrationLine> = sqlx::query_as(&format!(
        "SELECT r.id, {year} AS year, p.name AS product_name, p.slug AS product_slug, pr.name AS producer_name,
                r.kind, r.status, r.level, r.registered_on,
                (SELECT name FROM admin_units WHERE id = {unit}) AS unit, g.name_vi AS group_name, {MISSING} AS missing
         {from} ORDER BY r.registered_on DESC, r.id DESC LIMIT ?7 OFFSET ?8"
    ))
    .bind(cycle.id)
    .bind(filter.status)
    .bind(filter.kind)
    .bind(filter.unit)
    .bind(filter.group)
    .bind(filter.producer)
    .bind(i64::from(PER_PAGE))
    .bind(page.offset(PER_PAGE))
    .fetch_all(&mut *connection)
    .await?;
    let choices =
        |rows: Vec<(i64, String)>| -> Vec<Choice> { rows.into_iter().map(Choice::named).collect() };
    let units = choices(
        sqlx::query_as(&format!(
            "SELECT DISTINCT {unit} AS id, (SELECT name FROM admin_units WHERE id = {unit}) AS name
             FROM registrations r JOIN products p ON p.id = r.product_id JOIN producers pr ON pr.id = p.producer_id
             JOIN admin_units u ON u.id = pr.admin_unit_id LEFT JOIN admin_units up ON up.id = u.parent_id
             WHERE r.cycle_id = ?1 ORDER BY name"
        ))
        .bind(cycle.id)
        .fetch_all(&mut *connection)
        .await?,
    );
    let groups = choices(
        sqlx::query_as("SELECT id, name_vi FROM product_groups ORDER BY position")
            .fetch_all(&mut *connection)
            .await?,
    );
    let producers = choices(
        sqlx::query_as("SELECT id, name FROM producers WHERE active = 1 ORDER BY name")
            .fetch_all(&mut *connection)
            .await?,
    );
    let for_producer = match for_producer {
        Some(producer) => Some((producer, product_choices(&mut connection, producer).await?)),
        None => None,
    };
    let sets = set_choices(&mut connection).await?;
    Ok(RegistrationList {
        cycle,
        for_producer,
        sets,
        filter: filter.clone(),
        registrations: Page {
            items,
            number: page.get(),
            per_page: PER_PAGE,
            total: u64::try_from(total).unwrap_or(0),
        },
        units,
        groups,
        producers,
    })
}

#[derive(sqlx::FromRow)]
pub(crate) struct Head {
    pub cycle_id: i64,
    product_id: i64,
    pub product_name: String,
    product_slug: String,
    pub producer_id: ProducerId,
    producer_name: String,
    kind: RegistrationKind,
    pub status: RegistrationStatus,
    level: Option<CouncilLevel>,
    reason: Option<String>,
    registered_on: Day,
}

/// A registration as `actor` may open it: a producer only its own, an officer only its
/// communes' (anyone else's is not found).
pub(crate) async fn head(
    connection: &mut SqliteConnection,
    id: RegistrationId,
    actor: Actor,
) -> Result<Head, AppError> {
    sqlx::query_as(concat!(
        "SELECT r.cycle_id, r.product_id, p.name AS product_name, p.slug AS product_slug, pr.id AS producer_id,
                pr.name AS producer_name, r.kind, r.status, r.level, r.reason, r.registered_on
         FROM registrations r JOIN products p ON p.id = r.product_id JOIN producers pr ON pr.id = p.producer_id
         WHERE r.id = ?1 AND (?2 IS NULL OR pr.id = ?2) AND ",
        in_communes!(3)
    ))
    .bind(id)
    .bind(actor.own_producer())
    .bind(actor.officer())
    .fetch_optional(connection)
    .await?
    .ok_or(AppError::NotFound)
}

/// A registration as staff open it: its checklist, every result of its councils (members'
/// sheets included, before any decision) and its whole history.
pub async fn record(
    pool: &SqlitePool,
    staff: Staff,
    id: RegistrationId,
) -> Result<RegistrationRecord, AppError> {
    office_record(pool, staff.into(), id).await
}

/// A registration as its commune's officer opens it: as staff do, within its communes (another
/// commune's is not found).
pub async fn commune_record(
    pool: &SqlitePool,
    officer: Officer,
    id: RegistrationId,
) -> Result<RegistrationRecord, AppError> {
    office_record(pool, officer.into(), id).await
}

async fn office_record(
    pool: &SqlitePool,
    actor: Actor,
    id: RegistrationId,
) -> Result<RegistrationRecord, AppError> {
    let mut connection = pool.acquire().await?;
    let head = head(&mut connection, id, actor).await?;
    let evaluations = sqlx::query_as(&format!("{EVALUATIONS} ORDER BY evaluated_on, id"))
        .bind(id)
        .fetch_all(&mut *connection)
        .await?;
    let history = sqlx::query_as(
        "SELECT a.at, coalesce(us.display_name, '') AS who, a.action, a.summary FROM audit_log a
         LEFT JOIN users us ON us.id = a.user_id
         WHERE a.entity = 'registration' AND a.entity_id = ?1 ORDER BY a.at, a.id LIMIT 200",
    )
    .bind(id)
    .fetch_all(&mut *connection)
    .await?;
    assemble(&mut connection, id, head, evaluations, history, true).await
}

/// The producer's own registration as the producer may know it (anyone else's is not found):
/// the results of a council only once a decision made them public, and of the history only the
/// steps a producer is told of (`SHOWN_TO_PRODUCERS`), with no name but its own accounts'.
/// The council's work before the decision, each member's sheet and who in the office did what
/// stay the office's.
pub async fn own_record(
    pool: &SqlitePool,
    producer: Producer,
    id: RegistrationId,
) -> Result<RegistrationRecord, AppError> {
    let mut connection = pool.acquire().await?;
    let head = head(&mut connection, id, producer.into()).await?;
    let evaluations = sqlx::query_as(&format!(
        "{EVALUATIONS} AND decision_no IS NOT NULL ORDER BY evaluated_on, id"
    ))
    .bind(id)
    .fetch_all(&mut *connection)
    .await?;
    let steps = serde_json::to_string(&SHOWN_TO_PRODUCERS).map_err(|_| AppError::Internal)?;
    let history = sqlx::query_as(
        "SELECT a.at, CASE WHEN us.producer_id = ?2 THEN us.display_name ELSE '' END AS who, a.action, a.summary
         FROM audit_log a LEFT JOIN users us ON us.id = a.user_id
         WHERE a.entity = 'registration' AND a.entity_id = ?1 AND a.action IN (SELECT value FROM json_each(?3))
         ORDER BY a.at, a.id LIMIT 200",
    )
    .bind(id)
    .bind(producer.producer_id())
    .bind(steps)
    .fetch_all(&mut *connection)
    .await?;
    assemble(&mut connection, id, head, evaluations, history, false).await
}

/// The results of a registration's councils, before their order and any filter.
const EVALUATIONS: &str =
    "SELECT council_level, score_a, score_b, score_c, total, stars, evaluated_on, decision_no, decision_date
     FROM evaluations WHERE registration_id = ?1";

/// The rest of a registration opened, the same for staff and for its producer.
async fn assemble(
    connection: &mut SqliteConnection,
    id: RegistrationId,
    head: Head,
    evaluations: Vec<EvaluationLine>,
    history: Vec<HistoryLine>,
    names: bool,
) -> Result<RegistrationRecord, AppError> {
    let cycle = cycles::by_id(&mut *connection, head.cycle_id).await?;
    let items = crate::store::dossiers::items(&mut *connection, id, head.kind).await?;
    let reviews = crate::store::communes::reviews(&mut *connection, id, names).await?;
    let commune_proposes = cycles::commune_proposes(&mut *connection, head.cycle_id).await?;
    let certificate: Option<CertificateLine> = sqlx::query_as(
        concat!("SELECT c.id, c.certificate_no, c.stars, c.outcome, c.issued_on, c.expires_on, c.revoked_on, c.revoke_reason,
                c.expires_on < ", sql_today!(), " AS expired
         FROM certificates c JOIN evaluations e ON e.id = c.evaluation_id WHERE e.registration_id = ?1"),
    )
    .bind(id)
    .fetch_optional(&mut *connection)
    .await?;
    Ok(RegistrationRecord {
        id,
        cycle,
        product_id: head.product_id,
        product_name: head.product_name,
        product_slug: head.product_slug,
        producer_id: head.producer_id,
        producer_name: head.producer_name,
        kind: head.kind,
        status: head.status,
        level: head.level,
        reason: head.reason,
        registered_on: head.registered_on,
        items,
        evaluations,
        certificate,
        reviews,
        commune_proposes,
        history,
    })
}

/// Registers a product of `producer` for the cycle of `year`: one of its own products, or a
/// new one (made here as a draft listing). By the producer itself only while the cycle takes
/// registrations; staff may register for it until the cycle closes. A producer registers only
/// for itself: `producer` is then its own, which the caller takes from the session.
pub async fn register(
    writer: &Writer,
    actor: Actor,
    producer: ProducerId,
    year: CycleYear,
    form: &RegisterForm,
) -> Result<RegistrationId, AppError> {
    writer
        .change(async |tx| {
            let cycle = cycles::by_year(tx, year).await?;
            if actor.own_producer().is_some_and(|own| own != producer) {
                return Err(AppError::NotFound);
            }
            // An officer registers only for its communes' producers.
            let known: bool = sqlx::query_scalar(concat!(
                "SELECT EXISTS (SELECT 1 FROM producers pr WHERE pr.id = ?1 AND pr.active = 1 AND ",
                in_communes!(2),
                ")"
            ))
            .bind(producer)
            .bind(actor.officer())
            .fetch_one(&mut *tx)
            .await?;
            if !known {
                return Err(AppError::NotFound);
            }
            let open = if actor.is_staff() {
                cycle.stage != crate::model::cycle::status::CycleStage::Closed
            } else {
                cycles::takes_registrations(tx, &cycle).await?
            };
            if !open {
                return Err(Closed::CycleRegistrations.into());
            }
            let product_id: i64 = match &form.product {
                ProductChoice::Existing(id) => {
                    sqlx::query_scalar("SELECT id FROM products WHERE id = ?1 AND producer_id = ?2")
                        .bind(id)
                        .bind(producer)
                        .fetch_optional(&mut *tx)
                        .await?
                        .ok_or_else(|| {
                            AppError::invalid(
                                "product_id",
                                "Vui lòng chọn một sản phẩm của chủ thể.",
                                "Please choose one of the producer's products.",
                            )
                        })?
                }
                ProductChoice::New { name, set_id } => {
                    let set_exists: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM product_sets WHERE id = ?1)")
                        .bind(set_id)
                        .fetch_one(&mut *tx)
                        .await?;
                    if !set_exists {
                        return Err(AppError::invalid("set_id", "Vui lòng chọn bộ sản phẩm.", "Please choose the product set."));
                    }
                    let slug = crate::store::redirects::free_slug(tx, crate::store::redirects::Entity::Product, name).await?;
                    sqlx::query_scalar(
                        "INSERT INTO products (slug, producer_id, set_id, name, status) VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id",
                    )
                    .bind(slug)
                    .bind(producer)
                    .bind(set_id)
                    .bind(name)
                    .bind(ProductStatus::Draft)
                    .fetch_one(&mut *tx)
                    .await?
                }
            };
            let taken: bool = sqlx::query_scalar(
                "SELECT EXISTS (SELECT 1 FROM registrations WHERE cycle_id = ?1 AND product_id = ?2)",
            )
            .bind(cycle.id)
            .bind(product_id)
            .fetch_one(&mut *tx)
            .await?;
            if taken {
                return Err(AppError::invalid(
                    "product_id",
                    "Sản phẩm này đã được đăng ký trong chu trình năm nay.",
                    "This product is already registered in this year's cycle.",
                ));
            }
            let today = today(tx).await?;
            let id: RegistrationId = sqlx::query_scalar(
                "INSERT INTO registrations (cycle_id, product_id, kind, registered_on, status, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, datetime('now')) RETURNING id",
            )
            .bind(cycle.id)
            .bind(product_id)
            .bind(form.kind)
            .bind(today)
            .bind(RegistrationStatus::Registered)
            .fetch_one(&mut *tx)
            .await?;
            let audit = Audit::of(actor.user_id(), "register", "registration", id, format!("{year}: {}", form.kind.label(crate::i18n::Lang::Vi))).after(form);
            Ok((id, Some(audit)))
        })
        .await
}

/// Withdraws a registration from any open state, with a reason.
pub async fn withdraw(
    writer: &Writer,
    actor: Actor,
    id: RegistrationId,
    reason: &str,
) -> Result<(), AppError> {
    writer
        .change(async |tx| {
            // Another producer's registration is not found, whatever the reason typed.
            let head = head(tx, id, actor).await?;
            let mut problems = Vec::new();
            crate::model::form::check_text(&mut problems, "reason", reason, true, 500);
            crate::model::form::refuse_if_any(problems)?;
            move_to(
                tx,
                id,
                head.status,
                RegistrationStatus::Withdrawn,
                Some(reason),
                None,
            )
            .await?;
            Ok((
                (),
                Some(Audit::of(
                    actor.user_id(),
                    "withdraw",
                    "registration",
                    id,
                    reason.to_owned(),
                )),
            ))
        })
        .await
}

/// Staff confirm that every required item came: the dossier is complete.
pub async fn confirm_dossier(
    writer: &Writer,
    staff: Staff,
    id: RegistrationId,
) -> Result<(), AppError> {
    writer
        .change(async |tx| {
            let head = head(tx, id, staff.into()).await?;
            let items = crate::store::dossiers::items(tx, id, head.kind).await?;
            let missing: Vec<Said> = items
                .iter()
                .filter(|item| item.required && item.status != Some(ItemStatus::Received))
                .map(|item| Said::new(&item.name_vi, &item.name_en))
                .collect();
            if !missing.is_empty() {
                return Err(AppError::Conflict(Conflict::Incomplete { missing }));
            }
            move_to(
                tx,
                id,
                head.status,
                RegistrationStatus::DossierComplete,
                None,
                None,
            )
            .await?;
            Ok((
                (),
                Some(Audit::of(
                    staff.user_id(),
                    "dossier_complete",
                    "registration",
                    id,
                    "",
                )),
            ))
        })
        .await
}

/// The local authority's appraisal: eligible (the product goes to the first council level that acts
/// under the cycle's rules) or not, with a reason.
pub async fn appraise(
    writer: &Writer,
    staff: Staff,
    id: RegistrationId,
    form: &AppraisalForm,
) -> Result<(), AppError> {
    writer
        .change(async |tx| {
            let head = head(tx, id, staff.into()).await?;
            let cycle = cycles::by_id(tx, head.cycle_id).await?;
            if head.status == RegistrationStatus::DossierComplete && cycles::commune_proposes(tx, head.cycle_id).await? {
                return Err(AppError::invalid(
                    "status",
                    "Theo Quyết định 1489/QĐ-TTg, hồ sơ cần UBND xã xem xét và đề xuất trước khi tỉnh thẩm định.",
                    "Under Decision 1489/QĐ-TTg, the commune reviews and proposes the dossier before the province appraises it.",
                ));
            }
            let (to, level, reason) = if form.eligible {
                let level = cycles::powers(tx, cycle.scheme_id).await?.first();
                (RegistrationStatus::Eligible, level, None)
            } else {
                (RegistrationStatus::NotEligible, None, Some(form.reason.as_str()))
            };
            move_to(tx, id, head.status, to, reason, level).await?;
            let unit: i64 = sqlx::query_scalar("SELECT admin_unit_id FROM producers WHERE id = ?1")
                .bind(head.producer_id)
                .fetch_one(&mut *tx)
                .await?;
            sqlx::query(
                "INSERT INTO appraisals (registration_id, admin_unit_id, appraised_on, eligible, notes) VALUES (?1, ?2, ?3, ?4, ?5)",
            )
            .bind(id)
            .bind(unit)
            .bind(form.appraised_on)
            .bind(form.eligible)
            .bind(&form.reason)
            .execute(&mut *tx)
            .await?;
            let summary = if form.eligible { "eligible".to_owned() } else { format!("not eligible: {}", form.reason) };
            Ok(((), Some(Audit::of(staff.user_id(), "appraise", "registration", id, summary))))
        })
        .await
}

/// A producer's products that may be registered (not hidden).
pub(crate) async fn product_choices(
    connection: &mut SqliteConnection,
    producer: ProducerId,
) -> Result<Vec<Choice>, AppError> {
    Ok(sqlx::query_as::<_, (i64, String)>(
        "SELECT id, name FROM products WHERE producer_id = ?1 AND status <> 'hidden' ORDER BY name",
    )
    .bind(producer)
    .fetch_all(connection)
    .await?
    .into_iter()
    .map(Choice::named)
    .collect())
}

/// The product sets a new product may belong to, by group.
pub(crate) async fn set_choices(
    connection: &mut SqliteConnection,
) -> Result<Vec<Choice>, AppError> {
    Ok(sqlx::query_as::<_, (i64, String, String, String)>(
        "SELECT s.id, s.code, s.name_vi, s.name_en FROM product_sets s ORDER BY s.group_id, s.position",
    )
    .fetch_all(connection)
    .await?
    .into_iter()
    .map(|(id, code, vi, en)| Choice { id, vi: format!("{code} {vi}"), en: format!("{code} {en}") })
    .collect())
}

/// The producer's OCOP page: the open cycle, its registrations of every year, its certificates.
pub async fn own(pool: &SqlitePool, producer: ProducerId) -> Result<OwnOcop, AppError> {
    let mut connection = pool.acquire().await?;
    let open_cycle = match cycles::open(&mut connection).await? {
        Some(cycle) if cycles::takes_registrations(&mut connection, &cycle).await? => Some(cycle),
        _ => None,
    };
    let registrations: Vec<OwnRegistration> = sqlx::query_as(&format!(
        "SELECT r.id, c.year, p.name AS product_name, r.kind, r.status,
                {MISSING} + (SELECT count(*) FROM dossier_items i WHERE i.registration_id = r.id AND i.status = 'correction') AS to_do
         FROM registrations r JOIN ocop_cycles c ON c.id = r.cycle_id JOIN products p ON p.id = r.product_id
         WHERE p.producer_id = ?1 ORDER BY c.year DESC, p.name LIMIT 200"
    ))
    .bind(producer)
    .fetch_all(&mut *connection)
    .await?;
    let certificates: Vec<OwnCertificate> = sqlx::query_as(
        concat!("SELECT p.id AS product_id, p.name AS product_name, c.stars, c.expires_on,
                c.expires_on < ", sql_today!(), " AS expired,
                EXISTS (SELECT 1 FROM registrations r JOIN ocop_cycles k ON k.id = r.cycle_id
                        WHERE r.product_id = p.id AND k.stage <> 'closed' AND r.status <> 'withdrawn') AS re_registered
         FROM products p JOIN certificates c ON c.id = p.current_certificate_id
         WHERE p.producer_id = ?1 AND c.revoked_on IS NULL ORDER BY c.expires_on"),
    )
    .bind(producer)
    .fetch_all(&mut *connection)
    .await?;
    let products = product_choices(&mut connection, producer).await?;
    let sets = set_choices(&mut connection).await?;
    Ok(OwnOcop {
        open_cycle,
        registrations,
        certificates,
        products,
        sets,
    })
}
