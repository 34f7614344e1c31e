//! Evaluation councils: formed for a cycle at a level the cycle's rules let act, their members'
//! score sheets for the products waiting at that level, and the council's result for a product:
//! the average of its sheets, its star, and what follows (awaiting recognition, forwarded to
//! the next level, or not recognised).

use sqlx::{SqliteConnection, SqlitePool};

use crate::error::{AppError, NoLonger, NotYet};
use crate::model::account::Staff;
use crate::model::cycle::forms::{CouncilForm, SheetForm};
use crate::model::cycle::pages::{CouncilLine, CouncilPage, Member, Scoring, SheetLine};
use crate::model::cycle::rules::{average, star_of, Parts, Scheme, Verdict, MIN_SHEETS};
use crate::model::cycle::status::{CouncilLevel, RegistrationStatus};
use crate::model::ids::{CouncilId, CycleYear, ProducerId, RegistrationId};
use crate::store::audit::Audit;
use crate::store::clock::today;
use crate::store::cycles::{self, COUNCIL_LINE};
use crate::store::registration_life::move_to;
use crate::store::Writer;

async fn line(
    connection: &mut SqliteConnection,
    id: CouncilId,
) -> Result<(CouncilLine, i64), AppError> {
    let council: CouncilLine = sqlx::query_as(&format!("{COUNCIL_LINE} WHERE k.id = ?1"))
        .bind(id)
        .fetch_optional(&mut *connection)
        .await?
        .ok_or(AppError::NotFound)?;
    let cycle_id: i64 = sqlx::query_scalar("SELECT cycle_id FROM councils WHERE id = ?1")
        .bind(id)
        .fetch_one(connection)
        .await?;
    Ok((council, cycle_id))
}

/// The scheme a council scores by: its cycle's.
pub async fn scheme_of(pool: &SqlitePool, council_id: CouncilId) -> Result<Scheme, AppError> {
    let mut connection = pool.acquire().await?;
    let (_, cycle_id) = line(&mut connection, council_id).await?;
    let cycle = cycles::by_id(&mut connection, cycle_id).await?;
    cycles::scheme(&mut connection, cycle.scheme_id).await
}

/// Forms a council for the cycle of `year`, at a level its rules let act.
pub async fn create(
    writer: &Writer,
    staff: Staff,
    year: CycleYear,
    form: &CouncilForm,
) -> Result<CouncilId, AppError> {
    writer
        .change(async |tx| {
            let cycle = cycles::by_year(tx, year).await?;
            let powers = cycles::powers(tx, cycle.scheme_id).await?;
            if !powers.may_act(form.level) {
                use crate::i18n::Lang;
                return Err(AppError::invalid(
                    "level",
                    &format!(
                        "Theo {}, hội đồng {} không đánh giá, phân hạng sản phẩm OCOP.",
                        cycle.scheme_code,
                        form.level.label(Lang::Vi).to_lowercase()
                    ),
                    &format!(
                        "Under {}, a {} council does not evaluate OCOP products.",
                        cycle.scheme_code,
                        form.level.label(Lang::En).to_lowercase()
                    ),
                ));
            }
            let id: CouncilId = sqlx::query_scalar(
                "INSERT INTO councils (cycle_id, level, name, formed_on) VALUES (?1, ?2, ?3, ?4) RETURNING id",
            )
            .bind(cycle.id)
            .bind(form.level)
            .bind(&form.name)
            .bind(form.formed_on)
            .fetch_one(&mut *tx)
            .await?;
            for (position, (name, role)) in form.members.iter().enumerate() {
                sqlx::query("INSERT INTO council_members (council_id, name, role, position) VALUES (?1, ?2, ?3, ?4)")
                    .bind(id)
                    .bind(name)
                    .bind(role)
                    .bind(i64::try_from(position).unwrap_or(i64::MAX))
                    .execute(&mut *tx)
                    .await?;
            }
            Ok((id, Some(Audit::of(staff.user_id(), "create", "council", id, form.name.clone()).after(form))))
        })
        .await
}

pub async fn page(pool: &SqlitePool, id: CouncilId) -> Result<CouncilPage, AppError> {
    let mut connection = pool.acquire().await?;
    let (council, cycle_id) = line(&mut connection, id).await?;
    let cycle = cycles::by_id(&mut connection, cycle_id).await?;
    let scheme = cycles::scheme(&mut connection, cycle.scheme_id).await?;
    let powers = cycles::powers(&mut connection, cycle.scheme_id).await?;
    let bands = cycles::bands(&mut connection).await?;
    let members: Vec<Member> = sqlx::query_as(
        "SELECT id, name, role FROM council_members WHERE council_id = ?1 ORDER BY position, id",
    )
    .bind(id)
    .fetch_all(&mut *connection)
    .await?;
    let parts = sqlx::query_as(
        "SELECT part, covers_vi, covers_en FROM scheme_parts WHERE scheme_id = ?1 ORDER BY part",
    )
    .bind(cycle.scheme_id)
    .fetch_all(&mut *connection)
    .await?;
    let waiting: Vec<(RegistrationId, String, String)> = sqlx::query_as(
        "SELECT r.id, p.name, pr.name FROM registrations r JOIN products p ON p.id = r.product_id
         JOIN producers pr ON pr.id = p.producer_id
         WHERE r.cycle_id = ?1 AND r.status = ?2 AND r.level = ?3 ORDER BY p.name LIMIT 500",
    )
    .bind(cycle_id)
    .bind(RegistrationStatus::Eligible)
    .bind(council.level)
    .fetch_all(&mut *connection)
    .await?;
    let sheets: Vec<(RegistrationId, i64, i64, i64, i64)> = sqlx::query_as(
        "SELECT registration_id, member_id, score_a, score_b, score_c FROM score_sheets WHERE council_id = ?1",
    )
    .bind(id)
    .fetch_all(&mut *connection)
    .await?;
    let products = waiting
        .into_iter()
        .map(|(registration_id, product_name, producer_name)| {
            let sheets: Vec<SheetLine> = sheets
                .iter()
                .filter(|(r, ..)| *r == registration_id)
                .map(|&(_, member_id, score_a, score_b, score_c)| SheetLine {
                    member_id,
                    score_a,
                    score_b,
                    score_c,
                })
                .collect();
            let parts: Vec<Parts> = sheets
                .iter()
                .map(|s| Parts {
                    a: s.score_a,
                    b: s.score_b,
                    c: s.score_c,
                })
                .collect();
            let average = average(&parts);
            Scoring {
                registration_id,
                product_name,
                producer_name,
                sheets,
                stars: average.and_then(|a| star_of(a.total(), &bands)),
                average,
            }
        })
        .collect();
    Ok(CouncilPage {
        may_act: powers.may_act(council.level),
        cycle,
        council,
        members,
        scheme,
        parts,
        products,
    })
}

#[derive(sqlx::FromRow)]
struct Waiting {
    product_id: i64,
    product_name: String,
    producer_id: ProducerId,
    status: RegistrationStatus,
    level: Option<CouncilLevel>,
}

/// The registration as the council may act on it: of its cycle, eligible, at its level.
async fn waiting(
    connection: &mut SqliteConnection,
    council: &CouncilLine,
    cycle_id: i64,
    registration_id: RegistrationId,
) -> Result<Waiting, AppError> {
    let found: Waiting = sqlx::query_as(
        "SELECT r.product_id, p.name AS product_name, p.producer_id, r.status, r.level FROM registrations r
         JOIN products p ON p.id = r.product_id WHERE r.id = ?1 AND r.cycle_id = ?2",
    )
    .bind(registration_id)
    .bind(cycle_id)
    .fetch_optional(&mut *connection)
    .await?
    .ok_or(AppError::NotFound)?;
    if found.status != RegistrationStatus::Eligible || found.level != Some(council.level) {
        return Err(NoLonger::CouncilScores.into());
    }
    Ok(found)
}

/// A member's sheet for a product, entered or corrected.
pub async fn save_sheet(
    writer: &Writer,
    staff: Staff,
    council_id: CouncilId,
    registration_id: RegistrationId,
    sheet: &SheetForm,
) -> Result<(), AppError> {
    writer
        .change(async |tx| {
            let (council, cycle_id) = line(tx, council_id).await?;
            waiting(tx, &council, cycle_id, registration_id).await?;
            let member: Option<String> =
                sqlx::query_scalar("SELECT name FROM council_members WHERE id = ?1 AND council_id = ?2")
                    .bind(sheet.member_id)
                    .bind(council_id)
                    .fetch_optional(&mut *tx)
                    .await?;
            let Some(member) = member else {
                return Err(AppError::invalid("member_id", "Vui lòng chọn thành viên hội đồng.", "Please choose a member."));
            };
            sqlx::query(
                "INSERT INTO score_sheets (registration_id, council_id, member_id, score_a, score_b, score_c, entered_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT (registration_id, council_id, member_id) DO UPDATE SET score_a = excluded.score_a,
                     score_b = excluded.score_b, score_c = excluded.score_c, entered_by = excluded.entered_by,
                     updated_at = datetime('now')",
            )
            .bind(registration_id)
            .bind(council_id)
            .bind(sheet.member_id)
            .bind(sheet.parts.a)
            .bind(sheet.parts.b)
            .bind(sheet.parts.c)
            .bind(staff.user_id())
            .execute(&mut *tx)
            .await?;
            let summary = format!("{member}: {} + {} + {}", sheet.parts.a, sheet.parts.b, sheet.parts.c);
            Ok(((), Some(Audit::of(staff.user_id(), "score_sheet", "registration", registration_id, summary).after(sheet))))
        })
        .await
}

/// The council's result for a product from its sheets: stored as an evaluation; the product
/// then awaits recognition, goes to the next level, or is not recognised (and is told).
pub async fn close(
    writer: &Writer,
    staff: Staff,
    council_id: CouncilId,
    registration_id: RegistrationId,
    mail: bool,
) -> Result<Verdict, AppError> {
    writer
        .change(async |tx| {
            let (council, cycle_id) = line(tx, council_id).await?;
            let found = waiting(tx, &council, cycle_id, registration_id).await?;
            let cycle = cycles::by_id(tx, cycle_id).await?;
            let sheets: Vec<(i64, i64, i64)> = sqlx::query_as(
                "SELECT score_a, score_b, score_c FROM score_sheets WHERE council_id = ?1 AND registration_id = ?2",
            )
            .bind(council_id)
            .bind(registration_id)
            .fetch_all(&mut *tx)
            .await?;
            if sheets.len() < MIN_SHEETS {
                return Err(NotYet::Sheets { needed: MIN_SHEETS }.into());
            }
            let parts: Vec<Parts> = sheets.into_iter().map(|(a, b, c)| Parts { a, b, c }).collect();
            let result = average(&parts).ok_or(AppError::Internal)?;
            let bands = cycles::bands(tx).await?;
            let stars = star_of(result.total(), &bands).ok_or(AppError::Internal)?;
            let verdict = cycles::powers(tx, cycle.scheme_id).await?.verdict(council.level, stars);
            let today = today(tx).await?;
            sqlx::query(
                "INSERT INTO evaluations (product_id, registration_id, cycle_id, scheme_id, council_level, council_id,
                     score_a, score_b, score_c, total, stars, evaluated_on)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            )
            .bind(found.product_id)
            .bind(registration_id)
            .bind(cycle_id)
            .bind(cycle.scheme_id)
            .bind(council.level)
            .bind(council_id)
            .bind(result.a)
            .bind(result.b)
            .bind(result.c)
            .bind(result.total())
            .bind(stars)
            .bind(today)
            .execute(&mut *tx)
            .await?;
            let score = crate::format::score(result.total(), crate::i18n::Lang::Vi);
            match verdict {
                Verdict::Recognise(_) => {
                    move_to(tx, registration_id, found.status, RegistrationStatus::Evaluated, None, Some(council.level)).await?;
                }
                Verdict::Forward(next) => {
                    sqlx::query("UPDATE registrations SET level = ?1, updated_at = datetime('now') WHERE id = ?2 AND status = ?3")
                        .bind(next)
                        .bind(registration_id)
                        .bind(RegistrationStatus::Eligible)
                        .execute(&mut *tx)
                        .await?;
                }
                Verdict::NotRecognised => {
                    let reason = format!("Đạt {score} điểm ({stars} sao), chưa đủ để công nhận.");
                    move_to(tx, registration_id, found.status, RegistrationStatus::NotRecognised, Some(&reason), None).await?;
                    crate::store::notices::tell(
                        tx,
                        crate::store::notices::Tell {
                            producer_id: found.producer_id,
                            event_id: None,
                            vi: format!("“{}” đạt {score} điểm ({stars} sao): chưa đủ để công nhận sản phẩm OCOP năm {}.", found.product_name, cycle.year),
                            en: format!(
                                "“{}” scored {} ({stars} stars): not enough for OCOP recognition in {}.",
                                found.product_name,
                                crate::format::score(result.total(), crate::i18n::Lang::En),
                                cycle.year
                            ),
                        },
                        mail,
                    )
                    .await?;
                }
            }
            let summary = format!("{}: {score} → {stars}★ ({verdict:?})", council.level);
            Ok((verdict, Some(Audit::of(staff.user_id(), "council_result", "registration", registration_id, summary))))
        })
        .await
}
