//! Commune officers under Decision 1489/QĐ-TTg (2025): the communes an admin gives an officer,
//! the officer's desk (its communes' producers and their registrations in the open cycle) and
//! its review of a dossier, which proposes the product to the province or sends it back.
//!
//! An officer's scope lives in the SQL: every read and write of theirs goes through
//! [`in_communes!`], so another commune's producer or registration is simply not found.

use sqlx::{SqliteConnection, SqlitePool};

use crate::error::AppError;
use crate::model::account::{Admin, Officer};
use crate::model::cycle::forms::CommuneReviewForm;
use crate::model::cycle::pages::{CommuneDesk, CommuneProducer, CommuneReview, RegistrationLine};
use crate::model::cycle::status::{RegistrationStatus, ReviewOutcome};
use crate::model::form::Choice;
use crate::model::ids::{ProducerId, RegistrationId, UserId};
use crate::model::page::{Page, PageNumber};
use crate::store::audit::Audit;
use crate::store::cards::TODAY_UNIT_ID;
use crate::store::clock::today;
use crate::store::registration_life::move_to;
use crate::store::registrations::{self, MISSING};
use crate::store::{cycles, Writer};

/// The scope of a commune officer in SQL, for a query that joins `producers pr` and binds an
/// officer's id (or NULL, for everyone else) as `?n`: every producer when NULL, else those
/// filed under the officer's communes or the former units they were made from.
macro_rules! in_communes {
    ($n:literal) => {
        concat!(
            "(?",
            $n,
            " IS NULL OR pr.admin_unit_id IN (SELECT unit_id FROM officer_units WHERE user_id = ?",
            $n,
            "))"
        )
    };
}
pub(crate) use in_communes;

pub const PER_PAGE: u32 = 50;

/// The communes of today an officer may be given, by name.
pub async fn choices(pool: &SqlitePool) -> Result<Vec<Choice>, AppError> {
    Ok(sqlx::query_as::<_, (i64, String)>(
        "SELECT id, name FROM admin_units WHERE level = 'commune' AND valid_to IS NULL ORDER BY name LIMIT 5000",
    )
    .fetch_all(pool)
    .await?
    .into_iter()
    .map(Choice::named)
    .collect())
}

/// Every commune officer's communes, for the staff page: (user, commune id, name).
pub async fn of_officers(pool: &SqlitePool) -> Result<Vec<(UserId, i64, String)>, AppError> {
    Ok(sqlx::query_as(
        "SELECT oc.user_id, u.id, u.name FROM officer_communes oc JOIN admin_units u ON u.id = oc.unit_id
         JOIN users us ON us.id = oc.user_id WHERE us.role = 'commune' ORDER BY oc.user_id, u.name LIMIT 5000",
    )
    .fetch_all(pool)
    .await?)
}

/// Gives an officer its communes, in the transaction that creates or changes the account:
/// at least one, each a commune of today.
pub(crate) async fn set(
    connection: &mut SqliteConnection,
    user_id: UserId,
    communes: &[i64],
) -> Result<String, AppError> {
    let ids = serde_json::to_string(communes).map_err(|_| AppError::Internal)?;
    let names: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM admin_units WHERE id IN (SELECT value FROM json_each(?1))
           AND level = 'commune' AND valid_to IS NULL ORDER BY name",
    )
    .bind(&ids)
    .fetch_all(&mut *connection)
    .await?;
    let mut distinct = communes.to_vec();
    distinct.sort_unstable();
    distinct.dedup();
    if names.is_empty() || names.len() != distinct.len() {
        return Err(AppError::invalid(
            "communes",
            "Vui lòng chọn ít nhất một xã, phường hiện hành cho cán bộ xã.",
            "Please choose at least one of today's communes for the commune officer.",
        ));
    }
    sqlx::query("DELETE FROM officer_communes WHERE user_id = ?1")
        .bind(user_id)
        .execute(&mut *connection)
        .await?;
    sqlx::query(
        "INSERT INTO officer_communes (user_id, unit_id) SELECT ?1, value FROM json_each(?2) GROUP BY value",
    )
    .bind(user_id)
    .bind(&ids)
    .execute(&mut *connection)
    .await?;
    Ok(names.join(", "))
}

/// An admin changes the communes of an existing commune officer (any other account is not found).
pub async fn change(
    writer: &Writer,
    admin: Admin,
    user_id: UserId,
    communes: &[i64],
) -> Result<(), AppError> {
    writer
        .change(async |tx| {
            let officer: bool = sqlx::query_scalar(
                "SELECT EXISTS (SELECT 1 FROM users WHERE id = ?1 AND role = 'commune')",
            )
            .bind(user_id)
            .fetch_one(&mut *tx)
            .await?;
            if !officer {
                return Err(AppError::NotFound);
            }
            let names = set(tx, user_id, communes).await?;
            Ok((
                (),
                Some(Audit::of(
                    admin.user_id(),
                    "communes",
                    "user",
                    user_id.0,
                    names,
                )),
            ))
        })
        .await
}

/// The officer's desk: its communes, the open cycle's registrations of their producers (those
/// waiting for the commune's review first), and the producers, a page of each; with
/// `for_producer`, that producer's products to register one (another commune's is not found).
pub async fn desk(
    pool: &SqlitePool,
    officer: Officer,
    registrations_page: PageNumber,
    producers_page: PageNumber,
    for_producer: Option<ProducerId>,
) -> Result<CommuneDesk, AppError> {
    let mut connection = pool.acquire().await?;
    let me = officer.user_id();
    let communes: Vec<String> = sqlx::query_scalar(
        "SELECT u.name FROM officer_communes oc JOIN admin_units u ON u.id = oc.unit_id WHERE oc.user_id = ?1 ORDER BY u.name",
    )
    .bind(me)
    .fetch_all(&mut *connection)
    .await?;
    let cycle = cycles::open(&mut connection).await?;
    let mut registrations = Page {
        items: Vec::new(),
        number: registrations_page.get(),
        per_page: PER_PAGE,
        total: 0,
    };
    let mut takes_registrations = false;
    if let Some(cycle) = &cycle {
        takes_registrations = cycles::takes_registrations(&mut connection, cycle).await?;
        let from = concat!(
            "FROM registrations r JOIN products p ON p.id = r.product_id JOIN producers pr ON pr.id = p.producer_id
             JOIN product_sets s ON s.id = p.set_id JOIN product_groups g ON g.id = s.group_id
             JOIN admin_units u ON u.id = pr.admin_unit_id
             WHERE r.cycle_id = ?1 AND ",
            in_communes!(2)
        );
        let total: i64 = sqlx::query_scalar(&format!("SELECT count(*) {from}"))
            .bind(cycle.id)
            .bind(me)
            .fetch_one(&mut *connection)
            .await?;
        registrations.total = u64::try_from(total).unwrap_or(0);
        registrations.items = sqlx::query_as::<_, RegistrationLine>(&format!(
            "SELECT r.id, {year} AS year, p.name AS product_name, p.slug AS product_slug, pr.name AS producer_name,
                    r.kind, r.status, r.level, r.registered_on,
                    (SELECT name FROM admin_units WHERE id = {TODAY_UNIT_ID}) AS unit, g.name_vi AS group_name, {MISSING} AS missing
             {from} ORDER BY r.status = ?3 DESC, r.registered_on DESC, r.id DESC LIMIT ?4 OFFSET ?5",
            year = cycle.year
        ))
        .bind(cycle.id)
        .bind(me)
        .bind(RegistrationStatus::DossierComplete)
        .bind(i64::from(PER_PAGE))
        .bind(registrations_page.offset(PER_PAGE))
        .fetch_all(&mut *connection)
        .await?;
    }
    let scope = concat!(
        "FROM producers pr JOIN admin_units u ON u.id = pr.admin_unit_id WHERE pr.active = 1 AND ",
        in_communes!(1)
    );
    let total: i64 = sqlx::query_scalar(&format!("SELECT count(*) {scope}"))
        .bind(me)
        .fetch_one(&mut *connection)
        .await?;
    let producers = sqlx::query_as::<_, CommuneProducer>(&format!(
        "SELECT pr.id, pr.name, pr.slug, (SELECT name FROM admin_units WHERE id = {TODAY_UNIT_ID}) AS unit,
                (SELECT count(*) FROM products p WHERE p.producer_id = pr.id AND p.status = 'published') AS products,
                (SELECT count(*) FROM products p WHERE p.producer_id = pr.id AND p.current_certificate_id IS NOT NULL) AS certified
         {scope} ORDER BY pr.name, pr.id LIMIT ?2 OFFSET ?3"
    ))
    .bind(me)
    .bind(i64::from(PER_PAGE))
    .bind(producers_page.offset(PER_PAGE))
    .fetch_all(&mut *connection)
    .await?;
    let producer_choices = sqlx::query_as::<_, (i64, String)>(&format!(
        "SELECT pr.id, pr.name {scope} ORDER BY pr.name LIMIT 1000"
    ))
    .bind(me)
    .fetch_all(&mut *connection)
    .await?
    .into_iter()
    .map(Choice::named)
    .collect::<Vec<_>>();
    let for_producer = match for_producer {
        Some(producer) if producer_choices.iter().any(|c| c.id == producer.0) => Some((
            producer,
            registrations::product_choices(&mut connection, producer).await?,
        )),
        Some(_) => return Err(AppError::NotFound),
        None => None,
    };
    Ok(CommuneDesk {
        communes,
        cycle,
        registrations,
        producers: Page {
            items: producers,
            number: producers_page.get(),
            per_page: PER_PAGE,
            total: u64::try_from(total).unwrap_or(0),
        },
        for_producer,
        producer_choices,
        sets: registrations::set_choices(&mut connection).await?,
        takes_registrations,
    })
}

/// A registration's commune reviews, oldest first; `names` false leaves out who made them
/// (the producer's page names no one in an office).
pub(crate) async fn reviews(
    connection: &mut SqliteConnection,
    id: RegistrationId,
    names: bool,
) -> Result<Vec<CommuneReview>, AppError> {
    Ok(sqlx::query_as(
        "SELECT c.reviewed_on, u.name AS unit, CASE WHEN ?2 THEN us.display_name ELSE '' END AS who,
                c.local_origin, c.local_labour, c.idea_origin, c.outcome, c.note
         FROM commune_reviews c JOIN admin_units u ON u.id = c.unit_id JOIN users us ON us.id = c.user_id
         WHERE c.registration_id = ?1 ORDER BY c.id LIMIT 100",
    )
    .bind(id)
    .bind(names)
    .fetch_all(connection)
    .await?)
}

/// The commune's review of a complete dossier: proposed to the province (it then waits for the
/// province's appraisal) or sent back to the producer with the reason, who is told. Only under
/// rules that ask for it, and only a registration of the officer's communes (another's is not
/// found).
pub async fn review(
    writer: &Writer,
    officer: Officer,
    id: RegistrationId,
    form: &CommuneReviewForm,
    mail: bool,
) -> Result<(), AppError> {
    writer
        .change(async |tx| {
            let head = registrations::head(tx, id, officer.into()).await?;
            if !cycles::commune_proposes(tx, head.cycle_id).await? {
                return Err(AppError::invalid(
                    "status",
                    "Chu trình này theo quy định trước Quyết định 1489/QĐ-TTg: xã không xem xét, đề xuất hồ sơ.",
                    "This cycle follows the rules before Decision 1489/QĐ-TTg: the commune does not review its dossiers.",
                ));
            }
            let to = match form.outcome {
                ReviewOutcome::Proposed => RegistrationStatus::Proposed,
                ReviewOutcome::Returned => RegistrationStatus::Registered,
            };
            move_to(tx, id, head.status, to, None, None).await?;
            let unit: i64 = sqlx::query_scalar(&format!(
                "SELECT {TODAY_UNIT_ID} FROM producers pr JOIN admin_units u ON u.id = pr.admin_unit_id WHERE pr.id = ?1"
            ))
            .bind(head.producer_id)
            .fetch_one(&mut *tx)
            .await?;
            let today = today(tx).await?;
            sqlx::query(
                "INSERT INTO commune_reviews (registration_id, user_id, unit_id, reviewed_on, local_origin, local_labour, idea_origin, outcome, note)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )
            .bind(id)
            .bind(officer.user_id())
            .bind(unit)
            .bind(today)
            .bind(form.local_origin)
            .bind(form.local_labour)
            .bind(form.idea_origin)
            .bind(form.outcome)
            .bind(&form.note)
            .execute(&mut *tx)
            .await?;
            let action = match form.outcome {
                ReviewOutcome::Proposed => "propose",
                ReviewOutcome::Returned => {
                    let product = &head.product_name;
                    crate::store::notices::tell(
                        tx,
                        crate::store::notices::Tell {
                            producer_id: head.producer_id,
                            event_id: None,
                            vi: format!("UBND xã trả lại hồ sơ OCOP của “{product}”: {}", form.note),
                            en: format!("The commune sent back the OCOP dossier of “{product}”: {}", form.note),
                        },
                        mail,
                    )
                    .await?;
                    "send_back"
                }
            };
            let audit = Audit::of(officer.user_id(), action, "registration", id, form.note.clone()).after(form);
            Ok(((), Some(audit)))
        })
        .await
}
