//! The catalogue's rows in memory: the facet counts of every catalogue page with their
//! labels, and the ranking and counting of search matches.
//!
//! A search matches tens of thousands of products at 100,000 ("tra": 36,000). SQLite finds
//! them in 2 ms, but then joined each to its catalogue row (16 to 18 ms), grouped them by
//! facet values (51 to 56 ms) and ranked them with bm25 (37 to 60 ms): no index helps once
//! the rows are chosen by text. Here each product on show has its facet combination and its
//! place in each order, 16 bytes, kept in a vector by product id (1.6 MB at 100,000), so
//! counting and ranking the matches is a pass over their ids.
//!
//! The rows are read again when `catalogue_version` (migration 0014, bumped by the
//! catalogue's triggers) has moved, once after each change: 160 to 240 ms at 100,000 products
//! (the first search after a start, less the next one).

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use sqlx::SqlitePool;

use super::labels::{Combination, Labels};
use crate::error::AppError;
use crate::model::catalogue::Sort;
use crate::model::producer::EntityType;
use crate::model::stars::Stars;

/// The rows as last read, shared by every request; cloning shares them.
#[derive(Clone, Default)]
pub struct Memory {
    rows: Arc<RwLock<Option<Arc<Rows>>>>,
    /// One reading at a time: the searches that find the rows stale wait for it.
    reading: Arc<tokio::sync::Mutex<()>>,
}

/// The catalogue's rows at one version.
pub(super) struct Rows {
    version: i64,
    /// By product id; `ABSENT` where no product on show has that id. SQLite gives products
    /// the ids after the largest, so the vector is as long as the table has ever been.
    entries: Vec<Entry>,
    /// Each distinct combination of facet values, with how many products on show have it.
    pub combinations: Vec<Combination>,
    /// The labels of the facet values, read in the same transaction.
    pub labels: Labels,
}

#[derive(Clone, Copy, Debug, PartialEq)]
struct Entry {
    combination: u32,
    /// Places in the catalogue's orders (those of its indexes, migration 0013).
    by_stars: u32,
    by_name: u32,
    newest: u32,
}

/// How many rows [`Rows::read`] asks for at a time (250 KB of text).
const CHUNK: i64 = 10_000;

/// Which of an entry's places an order fills.
type Place = fn(&mut Entry) -> &mut u32;

const ABSENT: Entry = Entry {
    combination: u32::MAX,
    by_stars: 0,
    by_name: 0,
    newest: 0,
};

fn number(text: &str) -> Result<i64, AppError> {
    text.parse().map_err(|error| {
        tracing::error!(%error, "catalogue row unreadable");
        AppError::Internal
    })
}

impl Memory {
    /// The rows at `version` or later: those held, or read again.
    pub(super) async fn rows(
        &self,
        pool: &SqlitePool,
        version: i64,
    ) -> Result<Arc<Rows>, AppError> {
        if let Some(rows) = self.held(version) {
            return Ok(rows);
        }
        let _turn = self.reading.lock().await;
        // Another search may have read them while this one waited.
        if let Some(rows) = self.held(version) {
            return Ok(rows);
        }
        let rows = Arc::new(Rows::read(pool, CHUNK).await?);
        *self
            .rows
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = Some(rows.clone());
        Ok(rows)
    }

    fn held(&self, version: i64) -> Option<Arc<Rows>> {
        self.rows
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .as_ref()
            .filter(|rows| rows.version >= version)
            .cloned()
    }
}

impl Rows {
    /// Reads the rows in one read transaction, so at one version: each row's facet values,
    /// then the ids in each order, each time `chunk` rows as one text or blob. As rows, 100,000
    /// would cost sqlx longer than SQLite takes to write them; as one text each, the peak
    /// was 26 MB at 100,000 (SQLite doubles a growing text, and sqlx copies it twice).
    async fn read(pool: &SqlitePool, chunk: i64) -> Result<Self, AppError> {
        let mut tx = pool.begin().await?;
        let (version, last): (i64, Option<i64>) = sqlx::query_as(
            "SELECT (SELECT version FROM catalogue_version WHERE id = 1),
                    (SELECT max(product_id) FROM catalogue)",
        )
        .fetch_one(&mut *tx)
        .await?;
        let length = usize::try_from(last.unwrap_or(-1).saturating_add(1)).unwrap_or(0);
        let labels = Labels::read(&mut tx).await?;
        let (set_places, unit_places) = labels.places();
        let mut rows = Rows {
            version,
            entries: vec![ABSENT; length],
            combinations: Vec::new(),
            labels,
        };
        let mut known: HashMap<(i64, i64, i64, Option<EntityType>), u32> = HashMap::new();
        let mut after = 0;
        loop {
            let (high, values): (Option<i64>, Option<String>) = sqlx::query_as(
                "SELECT max(product_id), group_concat(product_id || ',' || set_id || ',' ||
                        coalesce(stars, 0) || ',' || unit_id || ',' || entity_type)
                 FROM (SELECT * FROM catalogue WHERE product_id > ? ORDER BY product_id LIMIT ?)",
            )
            .bind(after)
            .bind(chunk)
            .fetch_one(&mut *tx)
            .await?;
            let (Some(high), Some(values)) = (high, values) else {
                break;
            };
            after = high;
            let mut fields = values.split(',');
            while let (Some(id), Some(set), Some(stars), Some(unit), Some(kind)) = (
                fields.next(),
                fields.next(),
                fields.next(),
                fields.next(),
                fields.next(),
            ) {
                let (id, set, stars, unit) =
                    (number(id)?, number(set)?, number(stars)?, number(unit)?);
                let kind = EntityType::from_code(kind);
                let next = u32::try_from(rows.combinations.len()).unwrap_or(u32::MAX);
                let combination = *known.entry((set, stars, unit, kind)).or_insert_with(|| {
                    rows.combinations.push(Combination {
                        set: set_places.get(&set).copied(),
                        stars: u8::try_from(stars).ok().and_then(Stars::new),
                        unit: unit_places.get(&unit).copied(),
                        kind,
                        products: 0,
                    });
                    next
                });
                rows.entry_mut(id)?.combination = combination;
                if let Some(shared) = rows.combinations.get_mut(combination as usize) {
                    shared.products += 1;
                }
            }
        }
        let orders: [(Sort, Place); 3] = [
            (Sort::Stars, |entry| &mut entry.by_stars),
            (Sort::Name, |entry| &mut entry.by_name),
            (Sort::Newest, |entry| &mut entry.newest),
        ];
        for (sort, place_in) in orders {
            let sql = format!(
                "SELECT id_list(product_id)
                 FROM (SELECT k.product_id FROM catalogue k{} LIMIT ? OFFSET ?)",
                super::order(sort, "k")
            );
            let mut place: u32 = 0;
            loop {
                let blob: Vec<u8> = sqlx::query_scalar(&sql)
                    .bind(chunk)
                    .bind(i64::from(place))
                    .fetch_one(&mut *tx)
                    .await?;
                let found = crate::store::id_list::read(&blob);
                if found.is_empty() {
                    break;
                }
                for id in found {
                    *place_in(rows.entry_mut(i64::from(id))?) = place;
                    place = place.saturating_add(1);
                }
            }
        }
        Ok(rows)
    }

    fn entry_mut(&mut self, id: i64) -> Result<&mut Entry, AppError> {
        let index = usize::try_from(id).map_err(|_| AppError::Internal)?;
        if index >= self.entries.len() {
            self.entries.resize(index + 1, ABSENT);
        }
        Ok(&mut self.entries[index])
    }

    /// The combination of the product on show with this id.
    pub fn combination(&self, id: u32) -> Option<usize> {
        let entry = self.entries.get(usize::try_from(id).ok()?)?;
        (entry.combination != u32::MAX).then_some(entry.combination as usize)
    }

    /// Where the product comes in `sort`; by relevance, the matches of its name first, then
    /// by stars as the catalogue is.
    pub fn place(&self, id: u32, sort: Sort, in_name: bool) -> u64 {
        let entry = self.entries.get(id as usize).copied().unwrap_or(ABSENT);
        match sort {
            Sort::Relevance => u64::from(!in_name) << 32 | u64::from(entry.by_stars),
            Sort::Stars => u64::from(entry.by_stars),
            Sort::Name => u64::from(entry.by_name),
            Sort::Newest => u64::from(entry.newest),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Rows;

    #[tokio::test]
    async fn the_rows_read_in_chunks_are_the_rows_read_at_once() {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = crate::store::open(&dir.path().join("ocop.db"))
            .await
            .expect("open database");
        crate::store::demo::load_if_empty(&db.write)
            .await
            .expect("demo data");
        let whole = Rows::read(&db.read, 10_000).await.expect("at once");
        let chunked = Rows::read(&db.read, 7).await.expect("in chunks");
        let on_show = whole
            .entries
            .iter()
            .filter(|entry| entry.combination != u32::MAX);
        assert!(on_show.count() > 7 * 10, "many chunks of demo products");
        assert_eq!(chunked.entries, whole.entries);
        assert_eq!(chunked.combinations, whole.combinations);
        assert_eq!(chunked.version, whole.version);
    }
}
