//! How numbers and money are written: Vietnamese groups thousands with dots and uses a decimal
//! comma, English the other way round. Days and times write themselves (`Day::shown`,
//! `Moment::shown`), day first in both languages.

use crate::i18n::Lang;

fn separators(lang: Lang) -> (char, char) {
    match lang {
        Lang::Vi => ('.', ','),
        Lang::En => (',', '.'),
    }
}

/// Groups digits by thousands: 1250000 -> "1.250.000" (Vietnamese), "1,250,000" (English).
pub fn grouped(number: i64, lang: Lang) -> String {
    let (thousands, _) = separators(lang);
    let digits = number.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if number < 0 {
        out.push('-');
    }
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(thousands);
        }
        out.push(digit);
    }
    out
}

/// Money in VND: 1250000 -> "1.250.000 ₫" (a no-break space keeps the sign with the number).
pub fn vnd(amount: i64, lang: Lang) -> String {
    format!("{}\u{a0}₫", grouped(amount, lang))
}

/// A price range as shown on cards: one price when both ends agree or only one is known.
pub fn price_range(min: Option<i64>, max: Option<i64>, lang: Lang) -> Option<String> {
    match (min, max) {
        (Some(lo), Some(hi)) if lo != hi => Some(format!("{} – {}", vnd(lo, lang), vnd(hi, lang))),
        (Some(price), _) | (None, Some(price)) => Some(vnd(price, lang)),
        (None, None) => None,
    }
}

/// A score held in hundredths of a point: 9233 -> "92,33" (Vietnamese), "92.33" (English).
pub fn score(hundredths: i64, lang: Lang) -> String {
    let (_, decimal) = separators(lang);
    format!("{}{decimal}{:02}", hundredths / 100, hundredths % 100)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang::{En, Vi};

    #[test]
    fn money_is_grouped_with_dots_and_the_dong_sign() {
        assert_eq!(vnd(1_250_000, Vi), "1.250.000\u{a0}₫");
        assert_eq!(vnd(0, Vi), "0\u{a0}₫");
        assert_eq!(vnd(999, Vi), "999\u{a0}₫");
        assert_eq!(vnd(1000, Vi), "1.000\u{a0}₫");
        assert_eq!(grouped(-45_000, Vi), "-45.000");
        assert_eq!(vnd(1_250_000, En), "1,250,000\u{a0}₫");
    }

    #[test]
    fn price_ranges_collapse_when_ends_agree() {
        assert_eq!(
            price_range(Some(45_000), Some(120_000), Vi).unwrap(),
            "45.000\u{a0}₫ – 120.000\u{a0}₫"
        );
        assert_eq!(
            price_range(Some(50_000), Some(50_000), Vi).unwrap(),
            "50.000\u{a0}₫"
        );
        assert_eq!(
            price_range(None, Some(70_000), Vi).unwrap(),
            "70.000\u{a0}₫"
        );
        assert_eq!(price_range(None, None, Vi), None);
    }

    #[test]
    fn scores_use_a_decimal_comma() {
        assert_eq!(score(9233, Vi), "92,33");
        assert_eq!(score(9005, Vi), "90,05");
        assert_eq!(score(10000, Vi), "100,00");
        assert_eq!(score(9233, En), "92.33");
    }
}
