//! The facets of a catalogue page, counted from the combinations of facet values in
//! [`Memory`](super::Memory) and labelled from the labels read with them.
//!
//! A page counts each facet over the few hundred combinations with every filter but its own.
//! The labels are read once per catalogue version, not per page: reading them as JSON on
//! every page, and finding a combination's set and unit in them by id, was about a tenth of
//! a rendered `/products` page at 10,000 products (perf). Here each combination holds the
//! places of its set and unit in the labels, and each count is a slot in a vector.
//!
//! Sets, groups and units change only through migrations, which run before the server
//! starts; which units have products on show changes with the catalogue, and so with its
//! version.

use std::sync::Arc;

use super::labels::{Combination, Labels, SetLabels};
use super::memory::Rows;
use crate::model::catalogue::{Catalogue, CatalogueQuery, Facet, FacetValue};
use crate::model::page::Page;
use crate::model::producer::EntityType;
use crate::model::product::ProductCard;
use crate::model::stars::Stars;

/// The query's filters as the labels' places: which sets a group or set filter keeps, which
/// units a unit filter keeps. A filter naming nothing on show keeps nothing.
struct Filters {
    group: Option<Vec<bool>>,
    set: Option<Vec<bool>>,
    star: Option<Stars>,
    unit: Option<Vec<bool>>,
    kind: Option<EntityType>,
}

fn within(mask: &Option<Vec<bool>>, place: Option<usize>) -> bool {
    match mask {
        None => true,
        Some(mask) => place.and_then(|place| mask.get(place).copied()) == Some(true),
    }
}

impl Filters {
    fn of(labels: &Labels, query: &CatalogueQuery) -> Self {
        let sets = |wanted: &Option<String>, code: fn(&SetLabels) -> &str| {
            let wanted = wanted.as_deref()?;
            Some(labels.sets.iter().map(|set| code(set) == wanted).collect())
        };
        Filters {
            group: sets(&query.group, |set| &set.1),
            set: sets(&query.set, |set| &set.5),
            star: query.star,
            unit: query.unit.as_deref().map(|slug| {
                (labels.units.iter())
                    .map(|unit| Labels::in_unit(unit, slug))
                    .collect()
            }),
            kind: query.kind,
        }
    }

    /// Whether the filters, all but `except`, keep the products of `combination`.
    fn keep(&self, combination: &Combination, except: Option<Facet>) -> bool {
        let keep = |facet: Facet, kept: bool| kept || except == Some(facet);
        keep(Facet::Group, within(&self.group, combination.set))
            && keep(Facet::Set, within(&self.set, combination.set))
            && keep(
                Facet::Star,
                self.star.is_none_or(|star| combination.stars == Some(star)),
            )
            && keep(Facet::Unit, within(&self.unit, combination.unit))
            && keep(
                Facet::Kind,
                self.kind.is_none_or(|kind| combination.kind == Some(kind)),
            )
    }
}

/// Whether every filter of `query` keeps each of the combinations of `rows`, in their order.
pub(super) fn kept(rows: &Rows, query: &CatalogueQuery) -> Vec<bool> {
    let filters = Filters::of(&rows.labels, query);
    (rows.combinations.iter())
        .map(|combination| filters.keep(combination, None))
        .collect()
}

/// One value of a facet: its order in the list, its code and its labels.
type Value<'a> = (i64, &'a str, &'a str, &'a str);

/// The catalogue's combinations with how many products of a page's query each has.
pub(super) struct Facets {
    rows: Arc<Rows>,
    /// When searching, how many matches each combination has, in their order; browsing,
    /// every product on show counts.
    matches: Option<Vec<i64>>,
}

impl Facets {
    pub fn new(rows: Arc<Rows>, matches: Option<Vec<i64>>) -> Self {
        Facets { rows, matches }
    }

    /// The combinations the filters, all but `except`, keep, each with its count.
    fn kept<'a>(
        &'a self,
        filters: &'a Filters,
        except: Option<Facet>,
    ) -> impl Iterator<Item = (&'a Combination, i64)> + 'a {
        let combinations = self.rows.combinations.iter().enumerate();
        combinations.filter_map(move |(place, combination)| {
            let count = match &self.matches {
                Some(matches) => matches.get(place).copied().unwrap_or(0),
                None => combination.products,
            };
            (count > 0 && filters.keep(combination, except)).then_some((combination, count))
        })
    }

    /// Counts per slot of `slots` (`slot` gives a combination's), then the values shown
    /// with their labels, in their order then by code.
    fn count_by<'a>(
        &'a self,
        kept: impl Iterator<Item = (&'a Combination, i64)>,
        slots: usize,
        slot: impl Fn(&Combination) -> Option<usize>,
        value: impl Fn(usize) -> Option<Value<'a>>,
    ) -> Vec<FacetValue> {
        let mut counts = vec![0; slots];
        for (combination, count) in kept {
            if let Some(counted) = slot(combination).and_then(|slot| counts.get_mut(slot)) {
                *counted += count;
            }
        }
        let mut values: Vec<(Value<'a>, i64)> = (counts.into_iter().enumerate())
            .filter(|&(_, count)| count > 0)
            .filter_map(|(slot, count)| Some((value(slot)?, count)))
            .collect();
        values.sort_unstable_by(|(a, _), (b, _)| (a.0, a.1).cmp(&(b.0, b.1)));
        values
            .into_iter()
            .map(|((_, code, label_vi, label_en), count)| FacetValue {
                value: code.to_owned(),
                label_vi: label_vi.to_owned(),
                label_en: label_en.to_owned(),
                count: u64::try_from(count).unwrap_or(0),
            })
            .collect()
    }

    /// The page of the catalogue: the cards given, and every facet counted for `query`.
    pub fn catalogue(&self, query: &CatalogueQuery, items: Vec<ProductCard>) -> Catalogue {
        let labels = &self.rows.labels;
        let filters = Filters::of(labels, query);
        let (set_slots, unit_slots) = (labels.sets.len(), labels.units.len());
        let set = |place: usize| labels.sets.get(place);
        let unit = |place: usize| labels.units.get(place);

        let total: i64 = self.kept(&filters, None).map(|(_, count)| count).sum();
        let groups = self.count_by(
            self.kept(&filters, Some(Facet::Group)),
            set_slots,
            |c| {
                c.set
                    .and_then(|place| labels.group_slot.get(place).copied())
            },
            |slot| set(slot).map(|s| (s.4, s.1.as_str(), s.2.as_str(), s.3.as_str())),
        );
        // The sets of the group chosen, once one is.
        let sets = match &filters.group {
            Some(in_group) => self.count_by(
                self.kept(&filters, Some(Facet::Set)),
                set_slots,
                |c| c.set.filter(|&place| in_group.get(place) == Some(&true)),
                |slot| set(slot).map(|s| (s.8, s.5.as_str(), s.6.as_str(), s.7.as_str())),
            ),
            None => Vec::new(),
        };
        const STARS: [&str; 6] = ["0", "1", "2", "3", "4", "5"];
        const STARS_VI: [&str; 6] = ["0 sao", "1 sao", "2 sao", "3 sao", "4 sao", "5 sao"];
        const STARS_EN: [&str; 6] = [
            "0 stars", "1 stars", "2 stars", "3 stars", "4 stars", "5 stars",
        ];
        let stars = self.count_by(
            self.kept(&filters, Some(Facet::Star)),
            STARS.len(),
            |c| c.stars.map(|stars| usize::from(stars.get())),
            |slot| {
                let order = -i64::try_from(slot).ok()?;
                Some((order, STARS[slot], STARS_VI[slot], STARS_EN[slot]))
            },
        );
        // Today's communes; once one is chosen, the former communes it was made of.
        let units = self.count_by(
            self.kept(&filters, Some(Facet::Unit)),
            unit_slots,
            |c| {
                c.unit
                    .and_then(|place| labels.today_slot.get(place).copied())
            },
            |slot| {
                let today = unit(slot)?;
                let rank = *labels.today_rank.get(slot)?;
                Some((rank, today.4.as_str(), today.5.as_str(), today.5.as_str()))
            },
        );
        let chosen = filters.unit.as_ref().and_then(|kept| {
            let place = kept.iter().position(|&kept| kept)?;
            labels.today_slot.get(place).copied()
        });
        let communes = match chosen {
            Some(today) => self.count_by(
                self.kept(&filters, Some(Facet::Unit)),
                unit_slots,
                |c| {
                    c.unit.filter(|&place| {
                        labels.today_slot.get(place) == Some(&today)
                            && unit(place).is_some_and(|u| u.2 != u.4)
                    })
                },
                |slot| {
                    let former = unit(slot)?;
                    let rank = *labels.own_rank.get(slot)?;
                    Some((
                        rank,
                        former.2.as_str(),
                        former.3.as_str(),
                        former.3.as_str(),
                    ))
                },
            ),
            None => Vec::new(),
        };
        let kinds = self.count_by(
            self.kept(&filters, Some(Facet::Kind)),
            EntityType::ALL.len(),
            |c| {
                let kind = c.kind?;
                EntityType::ALL.iter().position(|&known| known == kind)
            },
            |slot| {
                let code = EntityType::ALL.get(slot)?.code();
                Some((0, code, code, code))
            },
        );

        Catalogue {
            products: Page {
                items,
                number: query.page.get(),
                per_page: super::PER_PAGE,
                total: u64::try_from(total).unwrap_or(0),
            },
            groups,
            sets,
            stars,
            units,
            communes,
            kinds,
            // Read beside the facets, from the sales points (`catalogue::search`).
            sold_in: Vec::new(),
        }
    }
}
