//! The rules of a cycle: its scheme's part maxima, the star bands, score sheets and their
//! averages, and which council level recognises which stars.

use serde::{Deserialize, Serialize};

use crate::model::cycle::status::CouncilLevel;
use crate::model::stars::Stars;

/// A cycle's score sheet, from its scheme: the maximum of each part, in hundredths.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Scheme {
    pub id: i64,
    pub code: String,
    pub max_a: i64,
    pub max_b: i64,
    pub max_c: i64,
    pub validity_months: i64,
}

/// A band of total scores and the star it earns, in hundredths, both ends inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct StarBand {
    pub stars: Stars,
    pub min_score: i64,
    pub max_score: i64,
    pub certified: bool,
}

/// The star of a total score, from the bands held as data.
pub fn star_of(total: i64, bands: &[StarBand]) -> Option<Stars> {
    bands
        .iter()
        .find(|band| (band.min_score..=band.max_score).contains(&total))
        .map(|band| band.stars)
}

/// Parts A, B, C of one sheet, in hundredths.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Parts {
    pub a: i64,
    pub b: i64,
    pub c: i64,
}

impl Parts {
    pub fn total(self) -> i64 {
        self.a + self.b + self.c
    }
}

/// A council's result from its members' sheets: the total is the average of their totals,
/// rounded half up to the hundredth; each part is its own average, rounded down, with the
/// hundredths that rounding left over given to the parts that lost most (largest remainder),
/// so that the parts add up to the total exactly, as the evaluations table requires.
pub fn average(sheets: &[Parts]) -> Option<Parts> {
    let n = i64::try_from(sheets.len()).ok().filter(|n| *n > 0)?;
    let sums = [
        sheets.iter().map(|s| s.a).sum::<i64>(),
        sheets.iter().map(|s| s.b).sum::<i64>(),
        sheets.iter().map(|s| s.c).sum::<i64>(),
    ];
    let total = (2 * sums.iter().sum::<i64>() + n) / (2 * n);
    let mut parts = sums.map(|sum| sum / n);
    let mut left = total - parts.iter().sum::<i64>();
    let mut order = [0usize, 1, 2];
    order.sort_by_key(|&i| std::cmp::Reverse(sums[i] % n));
    for i in order {
        if left > 0 {
            parts[i] += 1;
            left -= 1;
        }
    }
    Some(Parts {
        a: parts[0],
        b: parts[1],
        c: parts[2],
    })
}

/// A council's result rests on at least this many members' sheets.
pub const MIN_SHEETS: usize = 2;

/// Points as members write them, "32,5" or "32.5", to hundredths; None if it is not a number
/// with at most two decimals.
pub fn parse_points(typed: &str) -> Option<i64> {
    let typed = typed.trim().replace(',', ".");
    let (whole, fraction) = typed.split_once('.').unwrap_or((&typed, ""));
    if whole.is_empty()
        || !whole.chars().all(|c| c.is_ascii_digit())
        || fraction.len() > 2
        || !fraction.chars().all(|c| c.is_ascii_digit())
    {
        return None;
    }
    let whole: i64 = whole.parse().ok()?;
    let fraction: i64 = format!("{fraction:0<2}").parse().ok()?;
    whole.checked_mul(100)?.checked_add(fraction)
}

/// What a council does with a product it scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Verdict {
    /// Below three stars: no certificate.
    NotRecognised,
    /// The council may recognise this star: it awaits the decision.
    Recognise(Stars),
    /// Above what the council may recognise: the next level scores it.
    Forward(CouncilLevel),
}

/// The powers of the council levels under a cycle's rules: the levels that act, lowest first,
/// each with the highest star it recognises (None: it scores and forwards).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Powers(pub Vec<(CouncilLevel, Option<Stars>)>);

impl Powers {
    pub fn may_act(&self, level: CouncilLevel) -> bool {
        self.0.iter().any(|(l, _)| *l == level)
    }

    /// The first level that acts: where an eligible product goes.
    pub fn first(&self) -> Option<CouncilLevel> {
        self.0.first().map(|(level, _)| *level)
    }

    pub fn verdict(&self, level: CouncilLevel, stars: Stars) -> Verdict {
        if !stars.is_certified() {
            return Verdict::NotRecognised;
        }
        let up_to = self
            .0
            .iter()
            .find(|(l, _)| *l == level)
            .and_then(|(_, up_to)| *up_to);
        if up_to.is_some_and(|up_to| stars <= up_to) {
            return Verdict::Recognise(stars);
        }
        match self.0.iter().find(|(l, _)| *l > level) {
            Some((next, _)) => Verdict::Forward(*next),
            None => Verdict::NotRecognised,
        }
    }
}

/// The steps of a registration's history its producer is told of: what happened to its
/// dossier and the decision, never the council's sheets or result before it.
pub const SHOWN_TO_PRODUCERS: [&str; 10] = [
    "register",
    "attach",
    "receive",
    "ask_correction",
    "dossier_complete",
    "propose",
    "send_back",
    "appraise",
    "withdraw",
    "recognise",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn stars(n: u8) -> Stars {
        Stars::new(n).expect("a rating of 1 to 5")
    }

    fn bands() -> Vec<StarBand> {
        [
            (5, 9000, 10000, true),
            (4, 7000, 8999, true),
            (3, 5000, 6999, true),
            (2, 3000, 4999, false),
            (1, 0, 2999, false),
        ]
        .into_iter()
        .map(|(n, min_score, max_score, certified)| StarBand {
            stars: stars(n),
            min_score,
            max_score,
            certified,
        })
        .collect()
    }

    #[test]
    fn each_band_edge_earns_its_star() {
        let cases = [
            (2999, 1),
            (3000, 2),
            (4999, 2),
            (5000, 3),
            (6999, 3),
            (7000, 4),
            (8999, 4),
            (9000, 5),
            (10000, 5),
            (0, 1),
        ];
        for (total, n) in cases {
            assert_eq!(star_of(total, &bands()), Some(stars(n)), "{total}");
        }
        assert_eq!(star_of(10001, &bands()), None);
    }

    #[test]
    fn a_council_average_rounds_at_the_second_decimal_and_its_parts_add_up() {
        // 92.00, 92.50, 92.50: 92.333… → 92.33.
        let sheets = [
            Parts {
                a: 3500,
                b: 2300,
                c: 3400,
            },
            Parts {
                a: 3550,
                b: 2300,
                c: 3400,
            },
            Parts {
                a: 3500,
                b: 2350,
                c: 3400,
            },
        ];
        assert_eq!(average(&sheets).unwrap().total(), 9233);
        // 69.995 rounds up to 70.00: four stars, not three.
        let sheets = [
            Parts {
                a: 3000,
                b: 2000,
                c: 1999,
            },
            Parts {
                a: 3000,
                b: 2000,
                c: 2000,
            },
        ];
        let result = average(&sheets).unwrap();
        assert_eq!(result.total(), 7000);
        assert_eq!(star_of(result.total(), &bands()), Some(stars(4)));
        // 49.99 stays two stars.
        let sheets = [Parts {
            a: 2000,
            b: 1500,
            c: 1499,
        }];
        assert_eq!(
            star_of(average(&sheets).unwrap().total(), &bands()),
            Some(stars(2))
        );
        assert_eq!(average(&[]), None);
    }

    #[test]
    fn points_are_read_with_a_comma_or_a_dot_and_two_decimals_at_most() {
        assert_eq!(parse_points("32"), Some(3200));
        assert_eq!(parse_points("32,5"), Some(3250));
        assert_eq!(parse_points("32.75"), Some(3275));
        assert_eq!(parse_points(" 0 "), Some(0));
        for bad in ["", "-1", "3.255", "abc", "1e2", ",5", "+3", "1.2.3"] {
            assert_eq!(parse_points(bad), None, "{bad:?}");
        }
    }

    fn powers(rows: &[(CouncilLevel, Option<Stars>)]) -> Powers {
        Powers(rows.to_vec())
    }

    #[test]
    fn who_recognises_which_stars_follows_the_rules_of_the_period() {
        use CouncilLevel::*;
        let rules_148 = powers(&[
            (District, Some(stars(3))),
            (Province, Some(stars(4))),
            (Central, Some(stars(5))),
        ]);
        assert_eq!(
            rules_148.verdict(District, stars(3)),
            Verdict::Recognise(stars(3))
        );
        assert_eq!(
            rules_148.verdict(District, stars(4)),
            Verdict::Forward(Province)
        );
        assert_eq!(
            rules_148.verdict(Province, stars(5)),
            Verdict::Forward(Central)
        );
        assert_eq!(
            rules_148.verdict(Province, stars(2)),
            Verdict::NotRecognised
        );
        let rules_1048 = powers(&[
            (District, None),
            (Province, Some(stars(4))),
            (Central, Some(stars(5))),
        ]);
        assert_eq!(
            rules_1048.verdict(District, stars(3)),
            Verdict::Forward(Province)
        );
        let rules_1489 = powers(&[(Province, Some(stars(4))), (Central, Some(stars(5)))]);
        assert!(!rules_1489.may_act(District));
        assert_eq!(rules_1489.first(), Some(Province));
        assert_eq!(
            rules_1489.verdict(Province, stars(3)),
            Verdict::Recognise(stars(3))
        );
        assert_eq!(
            rules_1489.verdict(Central, stars(5)),
            Verdict::Recognise(stars(5))
        );
    }
}
