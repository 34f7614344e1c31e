//! The office's spreadsheet of producers, products and certificates, imported after its dry run
//! (`model::product_import`). Each row is matched to the data: its set by name (within its
//! group when the file gives one), its commune by code or by name with marks folded, preferring
//! today's communes, its producer by tax code or by name in the same commune of today, its
//! product by name under that producer, its certificate by number. What is found is left as it
//! is: an import adds what is missing, never changes a record staff keep on their pages, so the
//! same file twice, or the national export read back, changes nothing. A new certificate comes
//! with the evaluation that earned it, from the score sheet's parts, checked against the scheme
//! in force on its decision's day, the star bands and the 36 months of validity.

use std::collections::{HashMap, HashSet};

use sqlx::{SqliteConnection, SqlitePool};

use crate::error::AppError;
use crate::model::account::Admin;
use crate::model::cycle::rules::{star_of, Parts, Scheme, StarBand};
use crate::model::cycle::status::{CertificateOutcome, CouncilLevel};
use crate::model::day::Day;
use crate::model::ids::ImportId;
use crate::model::import::{self, DryRun};
use crate::model::product_import::{self as rows, ImportState, Imported, ProductRow, COLUMNS};
use crate::model::stars::Stars;
use crate::store::audit::Audit;
use crate::store::imports::{self, ImportKind, Progress, Stashed};
use crate::store::redirects::{Entity, TakenSlugs};
use crate::store::Writer;
use crate::text::fold;

/// A name as the import compares it: folded, with single spaces.
fn key(text: &str) -> String {
    fold(text).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A commune's name without the word for its kind ("Xã Sơn Lộc" is Sơn Lộc).
fn commune_key(text: &str) -> String {
    let text = key(text);
    for kind in ["xa ", "phuong ", "thi tran "] {
        if let Some(name) = text.strip_prefix(kind) {
            return name.to_owned();
        }
    }
    text
}

#[derive(sqlx::FromRow)]
struct SetRow {
    id: i64,
    name_vi: String,
    name_en: String,
    group_vi: String,
    group_en: String,
}

#[derive(sqlx::FromRow)]
struct CommuneRow {
    id: i64,
    code: String,
    name: String,
    today: bool,
    today_id: i64,
    province: String,
}

#[derive(sqlx::FromRow)]
struct ProducerRow {
    id: i64,
    name: String,
    tax_code: Option<String>,
    today_id: i64,
}

#[derive(sqlx::FromRow)]
struct ProductKnown {
    id: i64,
    producer_id: i64,
    name: String,
}

#[derive(sqlx::FromRow)]
struct CertificateKnown {
    certificate_no: String,
    product_id: i64,
    stars: Stars,
    issued_on: Day,
    expires_on: Day,
}

#[derive(sqlx::FromRow)]
struct SchemeRow {
    #[sqlx(flatten)]
    scheme: Scheme,
    valid_from: Day,
    valid_to: Option<Day>,
}

/// A set by its names and its group's, folded.
struct SetKeys {
    id: i64,
    names: [String; 2],
    groups: [String; 2],
}

/// A commune by its name and its province's, folded.
struct CommuneKeys {
    unit: CommuneRow,
    name: String,
    province: String,
}

/// The data the rows are matched against, read once for the whole file, its names folded once.
struct Known {
    sets: Vec<SetKeys>,
    communes: Vec<CommuneKeys>,
    by_tax_code: HashMap<String, i64>,
    by_name: HashMap<(String, i64), i64>,
    products: HashMap<(i64, String), i64>,
    certificates: HashMap<String, CertificateKnown>,
    schemes: Vec<SchemeRow>,
    bands: Vec<StarBand>,
}

async fn known(connection: &mut SqliteConnection) -> Result<Known, AppError> {
    let sets: Vec<SetRow> = sqlx::query_as(
        "SELECT s.id, s.name_vi, s.name_en, g.name_vi AS group_vi, g.name_en AS group_en
         FROM product_sets s JOIN product_groups g ON g.id = s.group_id",
    )
    .fetch_all(&mut *connection)
    .await?;
    let today_id = crate::store::cards::TODAY_UNIT_ID;
    let communes: Vec<CommuneRow> = sqlx::query_as(&format!(
        "SELECT u.id, u.code, u.name, u.valid_to IS NULL AS today, {today_id} AS today_id,
                coalesce(pp.name, p.name) AS province
         FROM admin_units u JOIN admin_units p ON p.id = u.parent_id
         LEFT JOIN admin_units pp ON pp.id = p.parent_id
         WHERE u.level = 'commune'"
    ))
    .fetch_all(&mut *connection)
    .await?;
    let producers: Vec<ProducerRow> = sqlx::query_as(&format!(
        "SELECT pr.id, pr.name, pr.tax_code, {today_id} AS today_id
         FROM producers pr JOIN admin_units u ON u.id = pr.admin_unit_id"
    ))
    .fetch_all(&mut *connection)
    .await?;
    let products: Vec<ProductKnown> = sqlx::query_as("SELECT id, producer_id, name FROM products")
        .fetch_all(&mut *connection)
        .await?;
    let certificates: Vec<CertificateKnown> = sqlx::query_as(
        "SELECT certificate_no, product_id, stars, issued_on, expires_on FROM certificates",
    )
    .fetch_all(&mut *connection)
    .await?;
    let schemes = sqlx::query_as(
        "SELECT id, code, max_a, max_b, max_c, validity_months, valid_from, valid_to
         FROM evaluation_schemes",
    )
    .fetch_all(&mut *connection)
    .await?;
    let bands = crate::store::cycles::bands(connection).await?;
    Ok(Known {
        sets: sets
            .into_iter()
            .map(|set| SetKeys {
                id: set.id,
                names: [key(&set.name_vi), key(&set.name_en)],
                groups: [key(&set.group_vi), key(&set.group_en)],
            })
            .collect(),
        communes: communes
            .into_iter()
            .map(|unit| CommuneKeys {
                name: key(&unit.name),
                province: key(&unit.province),
                unit,
            })
            .collect(),
        by_tax_code: producers
            .iter()
            .filter_map(|p| Some((p.tax_code.clone()?.trim().to_owned(), p.id)))
            .filter(|(code, _)| !code.is_empty())
            .collect(),
        by_name: producers
            .iter()
            .map(|p| ((key(&p.name), p.today_id), p.id))
            .collect(),
        products: products
            .into_iter()
            .map(|p| ((p.producer_id, key(&p.name)), p.id))
            .collect(),
        certificates: certificates
            .into_iter()
            .map(|c| (c.certificate_no.clone(), c))
            .collect(),
        schemes,
        bands,
    })
}

impl Known {
    fn set(&self, row: &ProductRow) -> Option<i64> {
        let name = key(&row.set);
        let group = row.group.as_deref().map(key);
        let found: Vec<i64> = self
            .sets
            .iter()
            .filter(|set| set.names.contains(&name))
            .filter(|set| {
                group
                    .as_ref()
                    .is_none_or(|group| set.groups.contains(group))
            })
            .map(|set| set.id)
            .collect();
        match found[..] {
            [id] => Some(id),
            _ => None,
        }
    }

    /// The commune a row names: its unit and that unit's today's unit.
    fn commune(&self, row: &ProductRow) -> Result<(i64, i64), (usize, crate::error::Said)> {
        if let Some(unit) = self.communes.iter().find(|u| u.unit.code == row.commune) {
            return Ok((unit.unit.id, unit.unit.today_id));
        }
        let name = commune_key(&row.commune);
        let province = row.province.as_deref().map(|p| {
            let p = key(p);
            p.strip_prefix("tinh ").map(str::to_owned).unwrap_or(p)
        });
        let named: Vec<&CommuneRow> = self
            .communes
            .iter()
            .filter(|u| u.name == name)
            .filter(|u| province.as_ref().is_none_or(|p| u.province == *p))
            .map(|u| &u.unit)
            .collect();
        // Today's communes first: a former one of the same name is part of one of them.
        let today: Vec<&CommuneRow> = named.iter().copied().filter(|u| u.today).collect();
        let found = if today.is_empty() { named } else { today };
        let mut places: Vec<i64> = found.iter().map(|u| u.today_id).collect();
        places.dedup();
        match (found.first(), places.len()) {
            (None, _) => Err(rows::unknown_commune()),
            (Some(unit), 1) => Ok((unit.id, unit.today_id)),
            _ => Err(rows::ambiguous_commune(
                &found.iter().map(|u| u.code.clone()).collect::<Vec<_>>(),
            )),
        }
    }

    fn scheme_on(&self, day: Day) -> Option<&Scheme> {
        self.schemes
            .iter()
            .filter(|s| s.valid_from <= day && s.valid_to.is_none_or(|to| to >= day))
            .max_by_key(|s| s.valid_from)
            .map(|s| &s.scheme)
    }
}

/// Whose a row's product is: a producer in the data, or one the file brings (by its tax code,
/// or its name in its commune of today).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Owner {
    Known(i64),
    New(String),
}

/// A row the import takes, with what it was matched to.
struct Take {
    row: ProductRow,
    set_id: i64,
    unit_id: i64,
    owner: Owner,
    product: Option<i64>,
    /// A certificate to issue, under this scheme.
    certificate: Option<(Scheme, Parts)>,
}

struct Plan {
    dry: DryRun,
    takes: Vec<Take>,
}

fn plan(stash: &Stashed, known: &Known) -> Plan {
    let mut dry = stash.dry_run(&COLUMNS);
    let mut takes = Vec::new();
    let Some((at, sheet)) = stash.sheet(&COLUMNS, &mut dry) else {
        return Plan { dry, takes };
    };
    let mut rows_seen: HashMap<(Owner, String, Option<String>), u32> = HashMap::new();
    let mut certificates_seen: HashMap<String, u32> = HashMap::new();
    let mut new_owners: HashSet<String> = HashSet::new();
    for (line, cells) in &sheet.rows {
        let cells = import::in_order(&at, cells);
        let row = match ProductRow::read(&cells) {
            Ok(row) => row,
            Err(problems) => {
                dry.refuse(*line, &cells, &problems);
                continue;
            }
        };
        let mut problems = Vec::new();
        let set_id = known.set(&row);
        if set_id.is_none() {
            problems.push(rows::unknown_set());
        }
        let place = known
            .commune(&row)
            .map_err(|problem| problems.push(problem))
            .ok();
        let owner = place.map(|(_, today)| {
            let by_tax = row
                .tax_code
                .as_ref()
                .and_then(|code| known.by_tax_code.get(code));
            let by_name = known.by_name.get(&(key(&row.producer), today));
            match by_tax.or(by_name) {
                Some(id) => Owner::Known(*id),
                None => Owner::New(match &row.tax_code {
                    Some(code) => format!("tax {code}"),
                    None => format!("name {} {today}", key(&row.producer)),
                }),
            }
        });
        if matches!(owner, Some(Owner::New(_))) && row.producer_type.is_none() {
            problems.push(rows::type_needed());
        }
        let product = match &owner {
            Some(Owner::Known(id)) => known.products.get(&(*id, key(&row.product))).copied(),
            _ => None,
        };
        let mut issue = None;
        if let Some(certificate) = &row.certificate {
            if let Some(first) = certificates_seen.get(&certificate.number) {
                problems.push(rows::certificate_twice(*first));
            }
            match known.certificates.get(&certificate.number) {
                Some(was) => {
                    let same = Some(was.product_id) == product
                        && was.stars == certificate.stars
                        && was.issued_on == certificate.issued_on
                        && was.expires_on == certificate.valid_until;
                    if !same {
                        problems.push(rows::certificate_differs());
                    }
                }
                None => match (
                    known.scheme_on(certificate.decision_date),
                    certificate.parts,
                ) {
                    (None, _) => problems.push(rows::no_scheme()),
                    (Some(_), None) => problems.push(rows::parts_needed()),
                    (Some(scheme), Some(parts)) => {
                        if parts.a > scheme.max_a
                            || parts.b > scheme.max_b
                            || parts.c > scheme.max_c
                        {
                            problems.push(rows::part_above_maximum());
                        } else if star_of(parts.total(), &known.bands) != Some(certificate.stars) {
                            problems.push(rows::stars_differ_from_score());
                        }
                        let months = u32::try_from(scheme.validity_months).unwrap_or(36);
                        match certificate.issued_on.plus_months(months) {
                            Some(until) if until != certificate.valid_until => {
                                problems.push(rows::validity_differs(until))
                            }
                            _ => {}
                        }
                        issue = Some((scheme.clone(), parts));
                    }
                },
            }
        }
        if let Some(owner) = &owner {
            let seen = (
                owner.clone(),
                key(&row.product),
                row.certificate.as_ref().map(|c| c.number.clone()),
            );
            if let Some(first) = rows_seen.get(&seen) {
                problems.push(rows::row_twice(*first));
            } else {
                rows_seen.insert(seen, *line);
            }
        }
        if let Some(certificate) = &row.certificate {
            certificates_seen
                .entry(certificate.number.clone())
                .or_insert(*line);
        }
        let (Some(set_id), Some((unit_id, _)), Some(owner)) = (set_id, place, owner) else {
            dry.refuse(*line, &cells, &problems);
            continue;
        };
        if !problems.is_empty() {
            dry.refuse(*line, &cells, &problems);
            continue;
        }
        let new_producer = match &owner {
            Owner::New(key) => new_owners.insert(key.clone()),
            Owner::Known(_) => false,
        };
        if product.is_some() && issue.is_none() && !new_producer {
            dry.unchanged += 1;
            continue;
        }
        dry.take(*line, true, || {
            let mut what = vec![row.product.clone(), row.producer.clone()];
            if let Some(certificate) = &row.certificate {
                what.push(format!("{} ({}★)", certificate.number, certificate.stars));
            }
            what.join(" · ")
        });
        takes.push(Take {
            row,
            set_id,
            unit_id,
            owner,
            product,
            certificate: issue,
        });
    }
    Plan { dry, takes }
}

/// The dry run of a kept file, against the data as it is now.
pub async fn dry_run(pool: &SqlitePool, id: ImportId) -> Result<DryRun, AppError> {
    let mut connection = pool.acquire().await?;
    let stash = imports::get(&mut connection, ImportKind::Products, id).await?;
    let known = known(&mut connection).await?;
    Ok(plan(&stash, &known).dry)
}

/// The cycle of a year, recorded as closed when the data has none: a certificate the office
/// issued before the portal was in use belongs to its year's cycle like the others.
async fn cycle_of(
    tx: &mut SqliteConnection,
    admin: Admin,
    year: i32,
    scheme: &Scheme,
) -> Result<i64, AppError> {
    if let Some(id) = sqlx::query_scalar("SELECT id FROM ocop_cycles WHERE year = ?1")
        .bind(year)
        .fetch_optional(&mut *tx)
        .await?
    {
        return Ok(id);
    }
    let name = format!("Chu trình OCOP năm {year}");
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO ocop_cycles (year, name, scheme_id, stage, opens_on, closes_on)
         VALUES (?1, ?2, ?3, 'closed', ?1 || '-01-01', ?1 || '-12-31') RETURNING id",
    )
    .bind(year)
    .bind(&name)
    .bind(scheme.id)
    .fetch_one(&mut *tx)
    .await?;
    Audit::of(admin.user_id(), "import", "ocop_cycle", id, name)
        .write(tx)
        .await?;
    Ok(id)
}

/// Imports a kept file in one transaction, checked again against the data as it is then: every
/// producer, product and certificate it adds with its audit entry, or nothing at all when any
/// row is refused. It tells `progress` where it stands every hundred rows.
pub async fn import(
    writer: &Writer,
    admin: Admin,
    id: ImportId,
    progress: Progress,
) -> Result<Imported, AppError> {
    let mut tx = writer.begin().await?;
    progress.now(ImportState::Checking);
    let stash = imports::get(&mut tx, ImportKind::Products, id).await?;
    let known = known(&mut tx).await?;
    let Plan { dry, takes } = plan(&stash, &known);
    if let Some(refusal) = dry.refusal() {
        return Err(refusal);
    }
    let total = u32::try_from(takes.len()).unwrap_or(u32::MAX);
    let mut done = Imported::default();
    let mut producer_slugs = TakenSlugs::read(&mut tx, Entity::Producer).await?;
    let mut product_slugs = TakenSlugs::read(&mut tx, Entity::Product).await?;
    let mut producers: HashMap<String, i64> = HashMap::new();
    let mut products: HashMap<(i64, String), i64> = HashMap::new();
    let mut cycles: HashMap<i32, i64> = HashMap::new();
    let mut powers: HashMap<i64, crate::model::cycle::rules::Powers> = HashMap::new();
    // Written together at the end, still in this transaction.
    let mut audits = Vec::new();
    for (written, take) in (0..).zip(takes) {
        if written % 100 == 0 {
            progress.now(ImportState::Writing {
                done: written,
                total,
            });
        }
        let row = &take.row;
        let producer_id = match &take.owner {
            Owner::Known(id) => *id,
            Owner::New(owner) => match producers.get(owner) {
                Some(id) => *id,
                None => {
                    let slug = producer_slugs.take(&row.producer);
                    let kind = row.producer_type.ok_or(AppError::Internal)?;
                    let id: i64 = sqlx::query_scalar(
                        "INSERT INTO producers (slug, name, entity_type, admin_unit_id, tax_code)
                         VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id",
                    )
                    .bind(&slug)
                    .bind(&row.producer)
                    .bind(kind.code())
                    .bind(take.unit_id)
                    .bind(&row.tax_code)
                    .fetch_one(&mut *tx)
                    .await?;
                    audits.push(Audit::of(
                        admin.user_id(),
                        "import",
                        "producer",
                        id,
                        row.producer.clone(),
                    ));
                    producers.insert(owner.clone(), id);
                    done.producers += 1;
                    id
                }
            },
        };
        let product_key = (producer_id, key(&row.product));
        // A product made for this row has no certificate before the row's.
        let (product_id, new_product) =
            match take.product.or_else(|| products.get(&product_key).copied()) {
                Some(id) => (id, false),
                None => {
                    let slug = product_slugs.take(&row.product);
                    let id: i64 = sqlx::query_scalar(
                    "INSERT INTO products (slug, producer_id, set_id, name, status, published_at)
                     VALUES (?1, ?2, ?3, ?4, 'published', datetime('now')) RETURNING id",
                )
                .bind(&slug)
                .bind(producer_id)
                .bind(take.set_id)
                .bind(&row.product)
                .fetch_one(&mut *tx)
                .await?;
                    audits.push(Audit::of(
                        admin.user_id(),
                        "import",
                        "product",
                        id,
                        row.product.clone(),
                    ));
                    products.insert(product_key, id);
                    done.products += 1;
                    (id, true)
                }
            };
        let (Some((scheme, parts)), Some(certificate)) = (&take.certificate, &row.certificate)
        else {
            continue;
        };
        let year = certificate.decision_date.year();
        let cycle = match cycles.get(&year) {
            Some(id) => *id,
            None => {
                let id = cycle_of(&mut tx, admin, year, scheme).await?;
                cycles.insert(year, id);
                id
            }
        };
        if let std::collections::hash_map::Entry::Vacant(entry) = powers.entry(scheme.id) {
            entry.insert(crate::store::cycles::powers(&mut tx, scheme.id).await?);
        }
        // The lowest council that recognises this star under the scheme.
        let level = powers
            .get(&scheme.id)
            .and_then(|powers| {
                powers
                    .0
                    .iter()
                    .find(|(_, up_to)| up_to.is_some_and(|up_to| certificate.stars <= up_to))
                    .map(|(level, _)| *level)
            })
            .unwrap_or(CouncilLevel::Province);
        let previous: Option<Stars> = if new_product {
            None
        } else {
            sqlx::query_scalar(
                "SELECT stars FROM certificates WHERE product_id = ?1 AND issued_on < ?2
                 ORDER BY issued_on DESC LIMIT 1",
            )
            .bind(product_id)
            .bind(certificate.issued_on)
            .fetch_optional(&mut *tx)
            .await?
        };
        let evaluation: i64 = sqlx::query_scalar(
            "INSERT INTO evaluations (product_id, cycle_id, scheme_id, council_level, score_a,
                                      score_b, score_c, total, stars, evaluated_on, decision_no,
                                      decision_date)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?10) RETURNING id",
        )
        .bind(product_id)
        .bind(cycle)
        .bind(scheme.id)
        .bind(level)
        .bind(parts.a)
        .bind(parts.b)
        .bind(parts.c)
        .bind(parts.total())
        .bind(certificate.stars)
        .bind(certificate.decision_date)
        .bind(&certificate.decision_no)
        .fetch_one(&mut *tx)
        .await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO certificates (evaluation_id, product_id, certificate_no, stars, outcome,
                                       issued_on, expires_on)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id",
        )
        .bind(evaluation)
        .bind(product_id)
        .bind(&certificate.number)
        .bind(certificate.stars)
        .bind(CertificateOutcome::of(previous, certificate.stars))
        .bind(certificate.issued_on)
        .bind(certificate.valid_until)
        .fetch_one(&mut *tx)
        .await?;
        // The product's current certificate follows by the insert's trigger
        // (`certificates_current_on_insert`).
        audits.push(Audit::of(
            admin.user_id(),
            "import",
            "certificate",
            id,
            format!("{}: {}★", certificate.number, certificate.stars),
        ));
        done.certificates += 1;
    }
    progress.now(ImportState::Writing { done: total, total });
    crate::store::audit::write_all(&mut tx, audits).await?;
    imports::mark_imported(&mut tx, id).await?;
    tx.commit().await?;
    Ok(done)
}
