//! Certificates: issued by a recognition decision for a batch of scored products (valid for
//! the months the scheme says, from the decision), revoked with a reason, and their expiry
//! told to the producer once, 30 days before. The public star of a product is its latest
//! certificate not revoked (shown as expired once it is): `refresh_current` keeps that.

use sqlx::{SqliteConnection, SqlitePool};

use crate::error::{AppError, NoLonger};
use crate::model::account::Staff;
use crate::model::cycle::forms::DecisionForm;
use crate::model::cycle::pages::{AwaitingDecision, CertificateLine, ExpiringLine};
use crate::model::cycle::status::{CertificateOutcome, RegistrationStatus};
use crate::model::day::Day;
use crate::model::ids::{CycleYear, ProducerId};
use crate::model::national::NationalRow;
use crate::model::stars::Stars;
use crate::store::audit::Audit;
use crate::store::cards::TODAY_UNIT_ID;
use crate::store::clock::{sql_today, today};
use crate::store::notices::{tell, Tell};
use crate::store::registration_life::move_to;
use crate::store::{cycles, Writer};

/// How many days before expiry the producer is told.
pub const NOTICE_DAYS: i64 = 30;

/// Scored products of a cycle awaiting their recognition decision.
pub async fn awaiting(
    pool: &SqlitePool,
    year: CycleYear,
) -> Result<Vec<AwaitingDecision>, AppError> {
    Ok(sqlx::query_as(
        "SELECT r.id AS registration_id, p.name AS product_name, pr.name AS producer_name, e.council_level, e.total, e.stars,
                (SELECT c.stars FROM certificates c WHERE c.id = p.current_certificate_id) AS previous_stars
         FROM registrations r JOIN ocop_cycles k ON k.id = r.cycle_id
         JOIN products p ON p.id = r.product_id JOIN producers pr ON pr.id = p.producer_id
         JOIN evaluations e ON e.id = (SELECT id FROM evaluations WHERE registration_id = r.id ORDER BY evaluated_on DESC, id DESC LIMIT 1)
         WHERE k.year = ?1 AND r.status = ?2 ORDER BY e.stars DESC, p.name LIMIT 500",
    )
    .bind(year)
    .bind(RegistrationStatus::Evaluated)
    .fetch_all(pool)
    .await?)
}

/// Points the product at its latest certificate not revoked (or none).
pub async fn refresh_current(
    connection: &mut SqliteConnection,
    product_id: i64,
) -> Result<(), AppError> {
    sqlx::query(
        "UPDATE products SET current_certificate_id = (SELECT id FROM certificates WHERE product_id = ?1 AND revoked_on IS NULL
             ORDER BY issued_on DESC, id DESC LIMIT 1) WHERE id = ?1",
    )
    .bind(product_id)
    .execute(connection)
    .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct Scored {
    evaluation_id: i64,
    product_id: i64,
    product_name: String,
    producer_id: ProducerId,
    stars: Stars,
    previous_stars: Option<Stars>,
    validity_months: i64,
}

/// A recognition decision: each product of the batch gets its certificate (numbered in the
/// decision's year), its outcome beside the certificate before, and becomes recognised; the
/// producers are told. A product not awaiting a decision in this cycle refuses the whole batch.
pub async fn recognise(
    writer: &Writer,
    staff: Staff,
    year: CycleYear,
    form: &DecisionForm,
    mail: bool,
) -> Result<Vec<String>, AppError> {
    writer
        .change(async |tx| {
            let cycle = cycles::by_year(tx, year).await?;
            let mut issued = Vec::new();
            for &registration_id in &form.registrations {
                let scored: Scored = sqlx::query_as(
                    "SELECT e.id AS evaluation_id, p.id AS product_id, p.name AS product_name, p.producer_id, e.stars,
                            (SELECT c.stars FROM certificates c WHERE c.id = p.current_certificate_id) AS previous_stars,
                            s.validity_months
                     FROM registrations r JOIN products p ON p.id = r.product_id
                     JOIN evaluations e ON e.id = (SELECT id FROM evaluations WHERE registration_id = r.id ORDER BY evaluated_on DESC, id DESC LIMIT 1)
                     JOIN evaluation_schemes s ON s.id = e.scheme_id
                     WHERE r.id = ?1 AND r.cycle_id = ?2 AND r.status = ?3 AND e.decision_no IS NULL",
                )
                .bind(registration_id)
                .bind(cycle.id)
                .bind(RegistrationStatus::Evaluated)
                .fetch_optional(&mut *tx)
                .await?
                .ok_or(NoLonger::Decision)?;
                let stars = scored.stars;
                let outcome = CertificateOutcome::of(scored.previous_stars, stars);
                let months = u32::try_from(scored.validity_months).map_err(|_| AppError::Internal)?;
                let expires_on = form.decision_date.plus_months(months).ok_or(AppError::Internal)?;
                // The next after the highest of the year, read in this transaction: a count
                // would give a number already issued once the year's numbers have a gap (a
                // certificate entered by hand, or numbered elsewhere), and the unique index
                // would then refuse the whole decision.
                // Numbered after the province of today, by its unit's code ("QT-2028-0001"),
                // not a name written here; "OCOP" until the units name one.
                let province: Option<String> = sqlx::query_scalar(
                    "SELECT code FROM admin_units WHERE level = 'province' AND valid_to IS NULL
                     ORDER BY id LIMIT 1",
                )
                .fetch_optional(&mut *tx)
                .await?;
                let province = province.unwrap_or_else(|| "OCOP".to_owned());
                let prefix = format!("{province}-{}-", form.decision_date.year());
                let sequence: i64 = sqlx::query_scalar(
                    "SELECT coalesce(max(CAST(substr(certificate_no, length(?1) + 1) AS INTEGER)), 0) + 1
                     FROM certificates WHERE substr(certificate_no, 1, length(?1)) = ?1",
                )
                .bind(&prefix)
                .fetch_one(&mut *tx)
                .await?;
                let number = format!("{prefix}{sequence:04}");
                sqlx::query("UPDATE evaluations SET decision_no = ?1, decision_date = ?2 WHERE id = ?3")
                    .bind(&form.decision_no)
                    .bind(form.decision_date)
                    .bind(scored.evaluation_id)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query(
                    "INSERT INTO certificates (evaluation_id, product_id, certificate_no, stars, outcome, issued_on, expires_on)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                )
                .bind(scored.evaluation_id)
                .bind(scored.product_id)
                .bind(&number)
                .bind(scored.stars)
                .bind(outcome)
                .bind(form.decision_date)
                .bind(expires_on)
                .execute(&mut *tx)
                .await?;
                refresh_current(tx, scored.product_id).await?;
                move_to(tx, registration_id, RegistrationStatus::Evaluated, RegistrationStatus::Recognised, None, None).await?;
                let shown = expires_on.shown();
                tell(
                    tx,
                    Tell {
                        producer_id: scored.producer_id,
                        event_id: None,
                        vi: format!(
                            "“{}” được công nhận sản phẩm OCOP {stars} sao (Quyết định {}, giấy chứng nhận {number}, hiệu lực đến {shown}).",
                            scored.product_name, form.decision_no
                        ),
                        en: format!(
                            "“{}” is recognised as a {stars}-star OCOP product (decision {}, certificate {number}, valid until {shown}).",
                            scored.product_name, form.decision_no
                        ),
                    },
                    mail,
                )
                .await?;
                Audit::of(staff.user_id(), "recognise", "registration", registration_id, format!("{number}: {stars}★ ({outcome})"))
                    .write(tx)
                    .await?;
                issued.push(number);
            }
            let audit = Audit::of(staff.user_id(), "decision", "cycle", cycle.id, format!("{}: {}", form.decision_no, issued.join(", ")))
                .after(form);
            Ok((issued, Some(audit)))
        })
        .await
}

/// Certificates not revoked that expire within `days` (or have expired in the last `days`),
/// and the one `also` names (chosen to be revoked) wherever its end is.
pub async fn expiring(
    pool: &SqlitePool,
    days: i64,
    also: Option<i64>,
) -> Result<Vec<ExpiringLine>, AppError> {
    Ok(sqlx::query_as(
        concat!("SELECT c.id, c.certificate_no, p.name AS product_name, p.slug AS product_slug, pr.name AS producer_name, c.stars,
                c.expires_on, c.expiry_notified_at IS NOT NULL AS notified,
                EXISTS (SELECT 1 FROM registrations r JOIN ocop_cycles k ON k.id = r.cycle_id
                        WHERE r.product_id = p.id AND k.stage <> 'closed' AND r.status <> 'withdrawn') AS re_registered
         FROM certificates c JOIN products p ON p.id = c.product_id JOIN producers pr ON pr.id = p.producer_id
         WHERE c.revoked_on IS NULL AND (c.id = ?2 OR (c.id = p.current_certificate_id
           AND c.expires_on BETWEEN date(", sql_today!(), ", '-' || ?1 || ' days') AND date(", sql_today!(), ", '+' || ?1 || ' days')))
         ORDER BY c.expires_on, c.id LIMIT 500"),
    )
    .bind(days)
    .bind(also)
    .fetch_all(pool)
    .await?)
}

/// Revokes a certificate with a reason: the product falls back to its certificate before
/// (if any), and the producer is told.
pub async fn revoke(
    writer: &Writer,
    staff: Staff,
    id: i64,
    reason: &str,
    mail: bool,
) -> Result<(), AppError> {
    let mut problems = Vec::new();
    crate::model::form::check_text(&mut problems, "reason", reason, true, 500);
    crate::model::form::refuse_if_any(problems)?;
    writer
        .change(async |tx| {
            let found: Option<(i64, String, String, ProducerId)> = sqlx::query_as(
                "SELECT c.product_id, c.certificate_no, p.name, p.producer_id FROM certificates c
                 JOIN products p ON p.id = c.product_id WHERE c.id = ?1 AND c.revoked_on IS NULL",
            )
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
            let Some((product_id, number, product, producer_id)) = found else {
                return Err(AppError::NotFound);
            };
            let today = today(tx).await?;
            sqlx::query("UPDATE certificates SET revoked_on = ?1, revoke_reason = ?2 WHERE id = ?3")
                .bind(today)
                .bind(reason)
                .bind(id)
                .execute(&mut *tx)
                .await?;
            refresh_current(tx, product_id).await?;
            tell(
                tx,
                Tell {
                    producer_id,
                    event_id: None,
                    vi: format!("Giấy chứng nhận OCOP {number} của “{product}” đã bị thu hồi. Lý do: {reason}"),
                    en: format!("The OCOP certificate {number} of “{product}” was revoked. Reason: {reason}"),
                },
                mail,
            )
            .await?;
            Ok(((), Some(Audit::of(staff.user_id(), "revoke", "certificate", id, format!("{number}: {reason}")))))
        })
        .await
}

/// Tells each producer, once, of its certificates ending within [`NOTICE_DAYS`]; run by the
/// hourly maintenance. How many were told.
pub async fn notify_expiring(writer: &Writer, mail: bool) -> Result<usize, AppError> {
    writer
        .change(async |tx| {
            let due: Vec<(i64, String, String, ProducerId, Day)> = sqlx::query_as(
                concat!("SELECT c.id, c.certificate_no, p.name, p.producer_id, c.expires_on FROM certificates c
                 JOIN products p ON p.id = c.product_id
                 WHERE c.revoked_on IS NULL AND c.expiry_notified_at IS NULL AND c.id = p.current_certificate_id
                   AND c.expires_on BETWEEN ", sql_today!(), " AND date(", sql_today!(), ", '+' || ?1 || ' days')
                 ORDER BY c.expires_on LIMIT 200"),
            )
            .bind(NOTICE_DAYS)
            .fetch_all(&mut *tx)
            .await?;
            for (id, number, product, producer_id, expires_on) in &due {
                let shown = expires_on.shown();
                tell(
                    tx,
                    Tell {
                        producer_id: *producer_id,
                        event_id: None,
                        vi: format!(
                            "Giấy chứng nhận OCOP {number} của “{product}” hết hạn ngày {shown}. Hãy đăng ký đánh giá lại trong chu trình đang mở (mục OCOP của cổng)."
                        ),
                        en: format!(
                            "The OCOP certificate {number} of “{product}” expires on {shown}. Register it for re-evaluation in the open cycle (OCOP in the portal)."
                        ),
                    },
                    mail,
                )
                .await?;
                sqlx::query("UPDATE certificates SET expiry_notified_at = datetime('now') WHERE id = ?1")
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
            }
            let audit = (!due.is_empty()).then(|| {
                let numbers: Vec<&str> = due.iter().map(|(_, number, ..)| number.as_str()).collect();
                Audit::of(None, "expiry_notice", "certificate", due[0].0, numbers.join(", "))
            });
            Ok((due.len(), audit))
        })
        .await
}

/// Every certificate of a product, newest first, as its page's history shows them.
pub async fn history(pool: &SqlitePool, product_id: i64) -> Result<Vec<CertificateLine>, AppError> {
    Ok(sqlx::query_as(
        concat!("SELECT id, certificate_no, stars, outcome, issued_on, expires_on, revoked_on, revoke_reason,
                expires_on < ", sql_today!(), " AS expired
         FROM certificates WHERE product_id = ?1 ORDER BY issued_on DESC, id DESC LIMIT 50"),
    )
    .bind(product_id)
    .fetch_all(pool)
    .await?)
}

/// The products holding a certificate valid today (Vietnam time), whatever their page on the
/// portal shows (a certified product hidden from the catalogue is still certified), as the
/// national system takes them: by group, then name. Today's commune is the one the producer's
/// commune became part of in July 2025 where that is known, and its province the first
/// province above it.
pub async fn national(pool: &SqlitePool) -> Result<Vec<NationalRow>, AppError> {
    Ok(sqlx::query_as(&format!(
        "SELECT p.name AS product, g.name_vi AS group_name, s.name_vi AS set_name, c.stars,
                e.total / 100.0 AS score, c.certificate_no, e.decision_no, e.decision_date,
                c.issued_on, c.expires_on, pr.name AS producer, pr.entity_type, pr.tax_code,
                t.name AS commune,
                coalesce(CASE WHEN tp.level = 'province' THEN tp.name END,
                         (SELECT name FROM admin_units WHERE id = tp.parent_id AND level = 'province'),
                         '') AS province
         FROM products p
         JOIN certificates c ON c.id = p.current_certificate_id
         JOIN evaluations e ON e.id = c.evaluation_id
         JOIN producers pr ON pr.id = p.producer_id
         JOIN product_sets s ON s.id = p.set_id
         JOIN product_groups g ON g.id = s.group_id
         JOIN admin_units u ON u.id = pr.admin_unit_id
         JOIN admin_units t ON t.id = {TODAY_UNIT_ID}
         LEFT JOIN admin_units tp ON tp.id = t.parent_id
         WHERE c.revoked_on IS NULL AND c.expires_on >= {today}
         ORDER BY g.id, p.name, p.id",
        today = sql_today!(),
    ))
    .fetch_all(pool)
    .await?)
}
