//! Administrative units as data an office loads: the units page's list, the file of every unit
//! (the import's own format, so an export read back changes nothing), and the import with its
//! dry run. An import adds units and changes those whose code it names; it never deletes one,
//! since producers, events and registrations keep theirs. Slugs are addresses: a unit keeps
//! its slug whatever the file says of its name.

use std::collections::{HashMap, HashSet};

use sqlx::{SqliteConnection, SqlitePool};

use crate::error::AppError;
use crate::i18n::Lang;
use crate::model::account::Admin;
use crate::model::day::Day;
use crate::model::ids::ImportId;
use crate::model::import::{self, DryRun};
use crate::model::page::{Page, PageNumber};
use crate::model::units::{self, Kind, Level, Problems, UnitCounts, UnitLine, UnitRow, COLUMNS};
use crate::store::audit::Audit;
use crate::store::imports::{self, ImportKind, Stashed};
use crate::store::Writer;
use crate::text::slugify;

pub const PER_PAGE: u32 = 50;

#[derive(sqlx::FromRow)]
struct StoredUnit {
    id: i64,
    slug: String,
    code: String,
    name: String,
    level: String,
    kind: String,
    parent: Option<String>,
    valid_from: Day,
    valid_to: Option<Day>,
    successor: Option<String>,
}

impl StoredUnit {
    fn row(&self) -> Result<UnitRow, AppError> {
        let (Some(level), Some(kind)) = (Level::from_db(&self.level), Kind::from_db(&self.kind))
        else {
            return Err(AppError::Internal);
        };
        Ok(UnitRow {
            code: self.code.clone(),
            name: self.name.clone(),
            level,
            kind,
            parent: self.parent.clone(),
            valid_from: self.valid_from,
            valid_to: self.valid_to,
            successor: self.successor.clone(),
        })
    }
}

/// Every unit with the codes of the unit above it and of its successor, provinces first.
async fn stored(connection: &mut SqliteConnection) -> Result<Vec<StoredUnit>, AppError> {
    Ok(sqlx::query_as(
        "SELECT u.id, u.slug, u.code, u.name, u.level, u.kind, p.code AS parent, u.valid_from,
                u.valid_to, s.code AS successor
         FROM admin_units u
         LEFT JOIN admin_units p ON p.id = u.parent_id
         LEFT JOIN admin_units s ON s.id = u.successor_id
         ORDER BY CASE u.level WHEN 'province' THEN 0 WHEN 'district' THEN 1 ELSE 2 END,
                  u.valid_to IS NOT NULL, u.code",
    )
    .fetch_all(connection)
    .await?)
}

/// Every unit, as the import reads them back.
pub async fn export(pool: &SqlitePool) -> Result<Vec<UnitRow>, AppError> {
    stored(&mut *pool.acquire().await?)
        .await?
        .iter()
        .map(StoredUnit::row)
        .collect()
}

pub async fn counts(pool: &SqlitePool) -> Result<UnitCounts, AppError> {
    let (provinces, communes, former_districts, former_communes) = sqlx::query_as(
        "SELECT count(*) FILTER (WHERE level = 'province' AND valid_to IS NULL),
                count(*) FILTER (WHERE level = 'commune' AND valid_to IS NULL),
                count(*) FILTER (WHERE level = 'district' AND valid_to IS NOT NULL),
                count(*) FILTER (WHERE level = 'commune' AND valid_to IS NOT NULL)
         FROM admin_units",
    )
    .fetch_one(pool)
    .await?;
    Ok(UnitCounts {
        provinces,
        communes,
        former_districts,
        former_communes,
    })
}

#[derive(sqlx::FromRow)]
struct LineRow {
    code: String,
    name: String,
    kind: String,
    former: Option<String>,
    producers: i64,
}

/// Today's communes by name, each with the former units it was made from and how many
/// producers are placed in it or in them.
pub async fn today(pool: &SqlitePool, page: PageNumber) -> Result<Page<UnitLine>, AppError> {
    let total: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM admin_units WHERE level = 'commune' AND valid_to IS NULL",
    )
    .fetch_one(pool)
    .await?;
    let rows: Vec<LineRow> = sqlx::query_as(
        "WITH shown AS (
             SELECT id, code, name, kind FROM admin_units
             WHERE level = 'commune' AND valid_to IS NULL
             ORDER BY name, code LIMIT ?1 OFFSET ?2)
         SELECT t.code, t.name, t.kind,
                (SELECT group_concat(f.name || coalesce(' (' || d.name || ')', ''), ', ')
                 FROM admin_units f LEFT JOIN admin_units d ON d.id = f.parent_id
                                                           AND d.level = 'district'
                 WHERE f.successor_id = t.id) AS former,
                (SELECT count(*) FROM producers pr
                 WHERE pr.admin_unit_id = t.id
                    OR pr.admin_unit_id IN (SELECT id FROM admin_units WHERE successor_id = t.id))
                    AS producers
         FROM shown t ORDER BY t.name, t.code",
    )
    .bind(PER_PAGE)
    .bind(page.offset(PER_PAGE))
    .fetch_all(pool)
    .await?;
    let items = rows
        .into_iter()
        .map(|row| UnitLine {
            code: row.code,
            name: row.name,
            kind: Kind::from_db(&row.kind).unwrap_or(Kind::Commune),
            former: row.former.unwrap_or_default(),
            producers: row.producers,
        })
        .collect();
    Ok(Page::new(items, page, PER_PAGE, total))
}

/// What the file would do: rows refused with their problems, rows to create or to change.
struct Plan {
    dry: DryRun,
    /// Rows to create (no id) or change (the unit's id and what it was), in file order.
    writes: Vec<(UnitRow, Option<(i64, UnitRow)>)>,
}

fn plan(stash: &Stashed, known: &[StoredUnit]) -> Result<Plan, AppError> {
    let mut dry = stash.dry_run(&COLUMNS);
    let mut writes = Vec::new();
    let Some((at, sheet)) = stash.sheet(&COLUMNS, &mut dry) else {
        return Ok(Plan { dry, writes });
    };
    let known_rows: HashMap<&str, (i64, UnitRow)> = known
        .iter()
        .map(|unit| Ok((unit.code.as_str(), (unit.id, unit.row()?))))
        .collect::<Result<_, AppError>>()?;
    // Each row's cells in the order of the columns, and what it reads as.
    let rows: Vec<(u32, Vec<String>, Result<UnitRow, Problems>)> = sheet
        .rows
        .iter()
        .map(|(line, cells)| {
            let cells = import::in_order(&at, cells);
            let read = UnitRow::read(&cells);
            (*line, cells, read)
        })
        .collect();
    // The level and whether it is of today, by code, of the file's rows over the data's.
    let mut first_line: HashMap<&str, u32> = HashMap::new();
    let mut in_file: HashMap<&str, (Level, bool)> = HashMap::new();
    for (line, _, read) in &rows {
        if let Ok(row) = read {
            first_line.entry(row.code.as_str()).or_insert(*line);
            in_file.insert(row.code.as_str(), (row.level, row.valid_to.is_none()));
        }
    }
    let unit_of = |code: &str| {
        in_file.get(code).copied().or_else(|| {
            known_rows
                .get(code)
                .map(|(_, row)| (row.level, row.valid_to.is_none()))
        })
    };
    for (line, cells, read) in &rows {
        let row = match read {
            Err(problems) => {
                dry.refuse(*line, cells, problems);
                continue;
            }
            Ok(row) => row,
        };
        let mut problems = Vec::new();
        if let Some(first) = first_line.get(row.code.as_str()).filter(|at| *at != line) {
            problems.push(units::code_twice(*first));
        }
        if let Some(parent) = &row.parent {
            match unit_of(parent) {
                None => problems.push(units::unknown_parent()),
                Some((level, _)) if level >= row.level => problems.push(units::parent_not_above()),
                _ => {}
            }
        }
        if let Some(successor) = &row.successor {
            if unit_of(successor) != Some((row.level, true)) {
                problems.push(units::unknown_successor());
            }
        }
        if !problems.is_empty() {
            dry.refuse(*line, cells, &problems);
            continue;
        }
        let before = known_rows.get(row.code.as_str());
        if before.is_some_and(|(_, was)| was == row) {
            dry.unchanged += 1;
            continue;
        }
        dry.take(*line, before.is_none(), || {
            format!("{} · {} {}", row.code, row.kind.label(Lang::Vi), row.name)
        });
        writes.push((row.clone(), before.cloned()));
    }
    Ok(Plan { dry, writes })
}

/// The dry run of a kept file, against the data as it is now.
pub async fn dry_run(pool: &SqlitePool, id: ImportId) -> Result<DryRun, AppError> {
    let mut connection = pool.acquire().await?;
    let stash = imports::get(&mut connection, ImportKind::Units, id).await?;
    let known = stored(&mut connection).await?;
    Ok(plan(&stash, &known)?.dry)
}

/// A slug no other unit has: the name's, then with the slug of the unit above, then the code's.
fn free_slug(row: &UnitRow, parent_slug: Option<&str>, used: &mut HashSet<String>) -> String {
    let name = slugify(&row.name);
    let candidates = [
        name.clone(),
        parent_slug
            .map(|parent| format!("{parent}-{name}"))
            .unwrap_or_default(),
        slugify(&row.code),
    ];
    let slug = candidates
        .into_iter()
        .filter(|slug| !slug.is_empty() && !slug.starts_with('-'))
        .find(|slug| !used.contains(slug))
        .unwrap_or_else(|| {
            (2..)
                .map(|n| format!("{}-{n}", slugify(&row.code)))
                .find(|slug| !used.contains(slug))
                .unwrap_or_default()
        });
    used.insert(slug.clone());
    slug
}

/// What an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Imported {
    pub created: u32,
    pub changed: u32,
}

/// Imports a kept file in one transaction, checked again against the data as it is then:
/// every unit it creates or changes with its audit entry, or nothing at all when any row is
/// refused. A file that changes nothing (imported before, or an export read back) records
/// nothing.
pub async fn import(writer: &Writer, admin: Admin, id: ImportId) -> Result<Imported, AppError> {
    let mut tx = writer.begin().await?;
    let stash = imports::get(&mut tx, ImportKind::Units, id).await?;
    let known = stored(&mut tx).await?;
    let Plan { dry, mut writes } = plan(&stash, &known)?;
    if let Some(refusal) = dry.refusal() {
        return Err(refusal);
    }
    let mut ids: HashMap<String, i64> = known.iter().map(|u| (u.code.clone(), u.id)).collect();
    let mut slugs: HashMap<String, String> = known
        .iter()
        .map(|u| (u.code.clone(), u.slug.clone()))
        .collect();
    let mut used: HashSet<String> = known.iter().map(|u| u.slug.clone()).collect();
    // Units above first, so that each new one finds the id of the unit it belongs to.
    writes.sort_by_key(|(row, _)| row.level);
    for (row, before) in writes.iter().filter(|(_, before)| before.is_none()) {
        let parent_slug = row.parent.as_ref().and_then(|code| slugs.get(code));
        let slug = free_slug(row, parent_slug.map(String::as_str), &mut used);
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO admin_units (code, slug, name, level, kind, parent_id, valid_from, valid_to)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id",
        )
        .bind(&row.code)
        .bind(&slug)
        .bind(&row.name)
        .bind(row.level.as_db())
        .bind(row.kind.as_db())
        .bind(row.parent.as_ref().and_then(|code| ids.get(code)))
        .bind(row.valid_from)
        .bind(row.valid_to)
        .fetch_one(&mut *tx)
        .await?;
        debug_assert!(before.is_none());
        ids.insert(row.code.clone(), id);
        slugs.insert(row.code.clone(), slug);
    }
    let mut done = Imported {
        created: 0,
        changed: 0,
    };
    for (row, before) in &writes {
        let id = ids.get(&row.code).copied().ok_or(AppError::Internal)?;
        let successor = row.successor.as_ref().and_then(|code| ids.get(code));
        let summary = format!("{} {} {}", row.code, row.kind.label(Lang::Vi), row.name);
        let audit = match before {
            None => {
                done.created += 1;
                if successor.is_some() {
                    sqlx::query("UPDATE admin_units SET successor_id = ?2 WHERE id = ?1")
                        .bind(id)
                        .bind(successor)
                        .execute(&mut *tx)
                        .await?;
                }
                Audit::of(admin.user_id(), "create", "admin_units", id, summary).after(row)
            }
            Some((_, was)) => {
                done.changed += 1;
                sqlx::query(
                    "UPDATE admin_units SET name = ?2, level = ?3, kind = ?4, parent_id = ?5,
                            valid_from = ?6, valid_to = ?7, successor_id = ?8
                     WHERE id = ?1",
                )
                .bind(id)
                .bind(&row.name)
                .bind(row.level.as_db())
                .bind(row.kind.as_db())
                .bind(row.parent.as_ref().and_then(|code| ids.get(code)))
                .bind(row.valid_from)
                .bind(row.valid_to)
                .bind(successor)
                .execute(&mut *tx)
                .await?;
                Audit::of(admin.user_id(), "update", "admin_units", id, summary)
                    .before(was)
                    .after(row)
            }
        };
        audit.write(&mut tx).await?;
    }
    imports::mark_imported(&mut tx, id).await?;
    tx.commit().await?;
    Ok(done)
}
