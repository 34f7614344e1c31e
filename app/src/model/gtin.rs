//! A product's GTIN, the number under its barcode (GS1 Vietnam gives producers the prefix 893),
//! and its GS1 Digital Link address `/01/{gtin}`, the standard form of a product's QR code.
//! A GTIN is 8, 12, 13 or 14 digits whose last is a check digit; it is kept, and put in
//! addresses, as the 14 digits of GTIN-14 (shorter ones padded with zeros in front), so that
//! the same product has one address however its GTIN was typed.

use serde::{Deserialize, Serialize};

use crate::error::FieldError;

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
#[cfg_attr(feature = "ssr", derive(sqlx::Type), sqlx(transparent))]
pub struct Gtin(String);

/// Why typed digits are not a GTIN.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotAGtin {
    /// Something other than digits (spaces and hyphens between groups are allowed).
    NotDigits,
    /// Not 8, 12, 13 or 14 digits.
    Length(usize),
    /// The last digit is not the check digit of the others; it should be `expected`.
    CheckDigit { expected: u8 },
}

/// GS1's check digit of the digits before it: from the right, weights 3, 1, 3, 1…
fn check_digit(body: &[u8]) -> u8 {
    let sum: u32 = body
        .iter()
        .rev()
        .enumerate()
        .map(|(at, digit)| u32::from(*digit) * if at % 2 == 0 { 3 } else { 1 })
        .sum();
    ((10 - sum % 10) % 10) as u8
}

impl Gtin {
    /// Reads a GTIN as printed under a barcode: `893 6046 82003 1`, `8936046820031`.
    pub fn parse(typed: &str) -> Result<Self, NotAGtin> {
        let digits: Vec<u8> = typed
            .chars()
            .filter(|c| !matches!(c, ' ' | '-'))
            .map(|c| c.to_digit(10).map(|digit| digit as u8))
            .collect::<Option<_>>()
            .ok_or(NotAGtin::NotDigits)?;
        if !matches!(digits.len(), 8 | 12 | 13 | 14) {
            return Err(NotAGtin::Length(digits.len()));
        }
        let (body, last) = digits.split_at(digits.len() - 1);
        let expected = check_digit(body);
        if last[0] != expected {
            return Err(NotAGtin::CheckDigit { expected });
        }
        let written: String = digits
            .iter()
            .map(|digit| char::from(b'0' + digit))
            .collect();
        Ok(Self(format!("{written:0>14}")))
    }

    /// The 14 digits kept and put in addresses.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// As printed under a barcode: a GTIN-13 (the EAN-13 of Vietnamese packages) without the
    /// zero that makes it 14 digits.
    pub fn shown(&self) -> &str {
        self.0.strip_prefix('0').unwrap_or(&self.0)
    }

    /// Its GS1 Digital Link address on this site, which answers the product's certificate.
    pub fn digital_link_path(&self) -> String {
        format!("/01/{}", self.0)
    }
}

impl TryFrom<String> for Gtin {
    type Error = String;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value).map_err(|_| format!("not a GTIN: {value}"))
    }
}

impl From<Gtin> for String {
    fn from(gtin: Gtin) -> Self {
        gtin.0
    }
}

impl std::fmt::Display for Gtin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.shown())
    }
}

impl NotAGtin {
    /// The message next to the field (or on the page of an address) that says what is wrong.
    pub fn problem(self, field: &str) -> FieldError {
        match self {
            Self::NotDigits => FieldError::new(
                field,
                "Mã GTIN chỉ gồm chữ số, như in dưới mã vạch.",
                "A GTIN has digits only, as printed under the barcode.",
            ),
            Self::Length(length) => FieldError::new(
                field,
                &format!("Mã GTIN có 8, 12, 13 hoặc 14 chữ số; mã này có {length}."),
                &format!("A GTIN has 8, 12, 13 or 14 digits; this one has {length}."),
            ),
            Self::CheckDigit { expected } => FieldError::new(
                field,
                &format!(
                    "Chữ số kiểm tra (chữ số cuối) sai: với các chữ số trước nó, phải là {expected}. Xin xem lại mã in dưới mã vạch."
                ),
                &format!(
                    "The check digit (the last one) is wrong: with the digits before it, it must be {expected}. Please check the number under the barcode."
                ),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_gtin_is_read_as_printed_and_kept_as_fourteen_digits() {
        let gtin = Gtin::parse("893 6046 82003 1").unwrap();
        assert_eq!(gtin.as_str(), "08936046820031");
        assert_eq!(gtin.shown(), "8936046820031");
        assert_eq!(gtin.digital_link_path(), "/01/08936046820031");
        // The same product typed as GTIN-14 is the same GTIN.
        assert_eq!(Gtin::parse("08936046820031"), Ok(gtin));
        // GTIN-8 and GTIN-12 (UPC-A).
        assert_eq!(Gtin::parse("96385074").unwrap().as_str(), "00000096385074");
        assert_eq!(
            Gtin::parse("036000291452").unwrap().as_str(),
            "00036000291452"
        );
    }

    #[test]
    fn a_wrong_check_digit_says_which_it_should_be() {
        assert_eq!(
            Gtin::parse("8936046820032"),
            Err(NotAGtin::CheckDigit { expected: 1 })
        );
        assert_eq!(Gtin::parse("89360468200"), Err(NotAGtin::Length(11)));
        assert_eq!(Gtin::parse("893604682003x"), Err(NotAGtin::NotDigits));
        assert_eq!(Gtin::parse(""), Err(NotAGtin::Length(0)));
        let problem = NotAGtin::CheckDigit { expected: 1 }.problem("gtin");
        assert!(problem.vi.contains("phải là 1"), "{}", problem.vi);
        assert!(problem.en.contains("must be 1"), "{}", problem.en);
    }

    #[test]
    fn a_gtin_travels_as_its_digits_and_refuses_bad_ones() {
        let gtin = Gtin::parse("8936046820031").unwrap();
        assert_eq!(serde_json::to_string(&gtin).unwrap(), "\"08936046820031\"");
        assert_eq!(
            serde_json::from_str::<Gtin>("\"08936046820031\"").unwrap(),
            gtin
        );
        assert!(serde_json::from_str::<Gtin>("\"08936046820032\"").is_err());
    }
}
