//! What the catalogue's facets count and name: each combination of facet values with the
//! places of its set and unit in the labels, and the labels of the sets (with their groups)
//! and units, read once per catalogue version with the rows of [`Memory`](super::Memory).

use std::collections::HashMap;

use sqlx::SqliteConnection;

use crate::error::AppError;
use crate::model::producer::EntityType;
use crate::model::stars::Stars;
use crate::store::cards::{DISTRICT_JOIN, TODAY_UNIT_ID};
use crate::text::fold;

/// Products sharing every facet value, and how many they are. The set and the unit are
/// their places in [`Labels`]; none for a value the labels lack (a kind no [`EntityType`]
/// has, say): such products count in the total, under no value of that facet.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Combination {
    pub set: Option<usize>,
    pub stars: Option<Stars>,
    pub unit: Option<usize>,
    pub kind: Option<EntityType>,
    pub products: i64,
}

/// A product set and its group: id, group slug, names and position, then the set's.
#[derive(serde::Deserialize)]
pub(super) struct SetLabels(
    pub i64,
    pub String,
    pub String,
    pub String,
    pub i64,
    pub String,
    pub String,
    pub String,
    pub i64,
);

/// A unit: its id, its district before the reform (when it had one), its slug and name, and
/// today's unit's slug and name.
#[derive(serde::Deserialize)]
pub(super) struct UnitLabels(
    pub i64,
    pub Option<String>,
    pub String,
    pub String,
    pub String,
    pub String,
);

/// The labels of the sets (with their groups) and of the units that have products on show,
/// with the slots each facet counts them in.
pub(super) struct Labels {
    pub sets: Vec<SetLabels>,
    pub units: Vec<UnitLabels>,
    /// Per set, the place of the first set of its group: where its group is counted.
    pub group_slot: Vec<usize>,
    /// Per unit, the place of the first unit of its today's unit: where that one is counted.
    pub today_slot: Vec<usize>,
    /// Per unit, the rank of today's unit and of itself among the units, as Vietnamese
    /// readers look for a name: folded, then by slug.
    pub today_rank: Vec<i64>,
    pub own_rank: Vec<i64>,
}

/// The ranks of `keys` in their sorted order.
fn ranks(keys: Vec<(String, &str)>) -> Vec<i64> {
    let mut order: Vec<usize> = (0..keys.len()).collect();
    order.sort_by(|&a, &b| keys[a].cmp(&keys[b]));
    let mut ranks = vec![0; keys.len()];
    for (rank, place) in order.into_iter().enumerate() {
        ranks[place] = i64::try_from(rank).unwrap_or(i64::MAX);
    }
    ranks
}

impl Labels {
    /// The labels as the catalogue stands in the transaction of `connection`.
    pub async fn read(connection: &mut SqliteConnection) -> Result<Self, AppError> {
        let sql = format!(
            "SELECT json_array(
                (SELECT json_group_array(json_array(
                    s.id, g.slug, g.name_vi, g.name_en, g.position, s.slug, s.name_vi, s.name_en, s.position))
                 FROM product_sets s JOIN product_groups g ON g.id = s.group_id),
                (SELECT json_group_array(json_array(u.id, d.slug, u.slug, u.name, t.slug, t.name))
                 FROM admin_units u
                 JOIN admin_units t ON t.id = {TODAY_UNIT_ID}{DISTRICT_JOIN}
                 WHERE u.id IN (SELECT unit_id FROM catalogue_counts)))"
        );
        let labels: String = sqlx::query_scalar(&sql).fetch_one(connection).await?;
        let (sets, units): (Vec<SetLabels>, Vec<UnitLabels>) = serde_json::from_str(&labels)
            .map_err(|error| {
                tracing::error!(%error, "catalogue labels unreadable");
                AppError::Internal
            })?;
        let first = |key: &str, place: usize, seen: &mut HashMap<String, usize>| {
            *seen.entry(key.to_owned()).or_insert(place)
        };
        let mut groups = HashMap::new();
        let group_slot = (sets.iter().enumerate())
            .map(|(place, set)| first(&set.1, place, &mut groups))
            .collect();
        let mut todays = HashMap::new();
        let today_slot = (units.iter().enumerate())
            .map(|(place, unit)| first(&unit.4, place, &mut todays))
            .collect();
        let today_rank = ranks(units.iter().map(|u| (fold(&u.5), u.4.as_str())).collect());
        let own_rank = ranks(units.iter().map(|u| (fold(&u.3), u.2.as_str())).collect());
        Ok(Labels {
            sets,
            units,
            group_slot,
            today_slot,
            today_rank,
            own_rank,
        })
    }

    /// The place of each set by its id, and of each unit by its id.
    pub fn places(&self) -> (HashMap<i64, usize>, HashMap<i64, usize>) {
        (
            (self.sets.iter().enumerate())
                .map(|(place, set)| (set.0, place))
                .collect(),
            (self.units.iter().enumerate())
                .map(|(place, unit)| (unit.0, place))
                .collect(),
        )
    }

    pub fn in_unit(unit: &UnitLabels, slug: &str) -> bool {
        unit.4 == slug || unit.2 == slug || unit.1.as_deref() == Some(slug)
    }
}
