//! A product listing as its producer proposes it: the fields staff review, checked.
//! Stored as JSON in `product_revisions.proposed` until approved.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::error::{AppError, FieldError};
use crate::i18n::{t, Lang};
use crate::model::form::{check_text, refuse_if_any, text};
use crate::model::gtin::Gtin;
use crate::model::status::text_enum;
use crate::model::where_to_buy::{
    read_online_listings, read_sales_points, OnlineListing, SalesPoint,
};

pub const MAX_PHOTOS: usize = 12;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct ListingImage {
    /// The large variant, for the product page.
    pub media_id: i64,
    /// The small variant, for cards.
    pub card_media_id: i64,
    pub alt: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Listing {
    pub name: String,
    pub set_id: i64,
    pub description: String,
    pub ingredients: String,
    pub specifications: String,
    pub packaging: String,
    pub shelf_life: String,
    pub price_min: Option<i64>,
    pub price_max: Option<i64>,
    pub price_unit: String,
    pub where_to_buy: String,
    /// The GTIN under its barcode, when the producer has one from GS1 Vietnam: the product's QR
    /// code is then its GS1 Digital Link. (Proposals kept before GTINs have none.)
    #[serde(default)]
    pub gtin: Option<Gtin>,
    /// Where it is sold, in the producer's order. (Proposals kept before these have none.)
    #[serde(default)]
    pub sales_points: Vec<SalesPoint>,
    #[serde(default)]
    pub online_listings: Vec<OnlineListing>,
    pub images: Vec<ListingImage>,
}

/// The text fields of a listing, in form order, with their length limits.
pub const TEXT_FIELDS: [(&str, usize); 7] = [
    ("name", 200),
    ("description", 5000),
    ("ingredients", 1000),
    ("specifications", 1000),
    ("packaging", 500),
    ("shelf_life", 200),
    ("where_to_buy", 1000),
];

/// A price typed that is not a number of đồng.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotAPrice;

/// A price as people type it in Vietnam: `1.250.000`, `1 250 000` or `1250000` (đồng).
pub fn parse_price(typed: &str) -> Result<Option<i64>, NotAPrice> {
    let digits: String = typed
        .chars()
        .filter(|c| !matches!(c, '.' | ' ' | ',' | '₫' | 'đ'))
        .collect();
    if digits.is_empty() {
        return Ok(None);
    }
    if !digits.chars().all(|c| c.is_ascii_digit()) || digits.len() > 12 {
        return Err(NotAPrice);
    }
    digits.parse().map(Some).map_err(|_| NotAPrice)
}

impl Listing {
    pub fn text(&self, field: &str) -> &str {
        match field {
            "name" => &self.name,
            "description" => &self.description,
            "ingredients" => &self.ingredients,
            "specifications" => &self.specifications,
            "packaging" => &self.packaging,
            "shelf_life" => &self.shelf_life,
            "where_to_buy" => &self.where_to_buy,
            "price_unit" => &self.price_unit,
            "gtin" => self.gtin.as_ref().map_or("", Gtin::shown),
            _ => "",
        }
    }

    /// Reads the edit form over the listing's current photos: their alt texts, order and
    /// removals are keyed by position (`photo-0-alt`…), so a form can only ever refer to
    /// photos this listing already has. A new upload is added by the caller.
    pub fn from_form(
        form: &HashMap<String, String>,
        photos: &[ListingImage],
    ) -> Result<Self, AppError> {
        let mut problems = Vec::new();
        for (field, max) in TEXT_FIELDS {
            check_text(
                &mut problems,
                field,
                &text(form, field),
                field == "name",
                max,
            );
        }
        let price_unit = text(form, "price_unit");
        check_text(&mut problems, "price_unit", &price_unit, false, 50);
        let mut price = |field: &str| match parse_price(&text(form, field)) {
            Ok(value) => value,
            Err(NotAPrice) => {
                problems.push(FieldError::new(
                    field,
                    "Giá là số đồng, ví dụ 125.000.",
                    "A price is a number of đồng, e.g. 125.000.",
                ));
                None
            }
        };
        let price_min = price("price_min");
        let price_max = price("price_max");
        if let (Some(min), Some(max)) = (price_min, price_max) {
            if min > max {
                problems.push(FieldError::new(
                    "price_max",
                    "Giá cao nhất không được thấp hơn giá thấp nhất.",
                    "The highest price cannot be below the lowest.",
                ));
            }
        }
        let set_id = text(form, "set_id").parse::<i64>().unwrap_or(0);
        if set_id <= 0 {
            problems.push(FieldError::new(
                "set_id",
                "Vui lòng chọn bộ sản phẩm.",
                "Please choose the product set.",
            ));
        }
        let gtin = match text(form, "gtin") {
            typed if typed.is_empty() => None,
            typed => match Gtin::parse(&typed) {
                Ok(gtin) => Some(gtin),
                Err(wrong) => {
                    problems.push(wrong.problem("gtin"));
                    None
                }
            },
        };
        let sales_points = read_sales_points(form, &mut problems);
        let online_listings = read_online_listings(form, &mut problems);
        let mut kept = Vec::new();
        for (index, photo) in photos.iter().enumerate() {
            if form.contains_key(&format!("photo-{index}-remove")) {
                continue;
            }
            let alt_field = format!("photo-{index}-alt");
            let alt = text(form, &alt_field);
            check_text(&mut problems, &alt_field, &alt, true, 200);
            let order = text(form, &format!("photo-{index}-order"))
                .parse::<i64>()
                .unwrap_or(index as i64 + 1);
            kept.push((
                order,
                index,
                ListingImage {
                    alt,
                    ..photo.clone()
                },
            ));
        }
        kept.sort_by_key(|(order, index, _)| (*order, *index));
        refuse_if_any(problems)?;
        Ok(Self {
            name: text(form, "name"),
            set_id,
            description: text(form, "description"),
            ingredients: text(form, "ingredients"),
            specifications: text(form, "specifications"),
            packaging: text(form, "packaging"),
            shelf_life: text(form, "shelf_life"),
            price_min,
            price_max,
            price_unit,
            where_to_buy: text(form, "where_to_buy"),
            gtin,
            sales_points,
            online_listings,
            images: kept.into_iter().map(|(_, _, image)| image).collect(),
        })
    }

    /// The alt text a new photo needs, checked before the photo is stored.
    pub fn check_new_photo_alt(&self, alt: &str) -> Result<(), AppError> {
        let mut problems = Vec::new();
        check_text(&mut problems, "new_photo_alt", alt, true, 200);
        if self.images.len() >= MAX_PHOTOS {
            problems.push(FieldError::new(
                "new_photo",
                "Mỗi sản phẩm có tối đa 12 ảnh.",
                "A product can have at most 12 photos.",
            ));
        }
        refuse_if_any(problems)
    }

    /// The fields that differ from `other`, by name, for the reviewer.
    pub fn changed_fields(&self, other: &Listing) -> Vec<&'static str> {
        let mut changed: Vec<&'static str> = TEXT_FIELDS
            .iter()
            .map(|(field, _)| *field)
            .chain(["price_unit"])
            .filter(|field| self.text(field) != other.text(field))
            .collect();
        if self.set_id != other.set_id {
            changed.push("set_id");
        }
        if (self.price_min, self.price_max) != (other.price_min, other.price_max) {
            changed.push("price");
        }
        if self.gtin != other.gtin {
            changed.push("gtin");
        }
        // The communes' names are read beside the ids: only what the producer chose counts.
        let chosen = |points: &[SalesPoint]| {
            points
                .iter()
                .map(|point| SalesPoint {
                    unit_name: String::new(),
                    ..point.clone()
                })
                .collect::<Vec<_>>()
        };
        if chosen(&self.sales_points) != chosen(&other.sales_points) {
            changed.push("sales_points");
        }
        if self.online_listings != other.online_listings {
            changed.push("online_listings");
        }
        if self.images != other.images {
            changed.push("images");
        }
        changed
    }
}

text_enum! {
    /// A proposed version of a listing, before staff.
    RevisionStatus {
        Pending = "pending",
        Approved = "approved",
        Rejected = "rejected",
        /// Replaced by a newer proposal before anyone decided.
        Superseded = "superseded",
    }
}

impl RevisionStatus {
    /// How a reviewer's decision reads, for a proposal no longer waiting.
    pub fn decision_label(self, lang: Lang) -> &'static str {
        match self {
            Self::Pending => t(lang, "đang chờ duyệt", "waiting for review"),
            Self::Approved => t(lang, "đã duyệt", "approved"),
            Self::Rejected => t(lang, "đã từ chối", "rejected"),
            Self::Superseded => t(
                lang,
                "đã được thay bằng đề xuất mới hơn",
                "replaced by a newer proposal",
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn photo(id: i64) -> ListingImage {
        ListingImage {
            media_id: id,
            card_media_id: id + 100,
            alt: format!("ảnh {id}"),
        }
    }

    #[test]
    fn prices_read_as_typed_in_vietnam() {
        assert_eq!(parse_price("1.250.000"), Ok(Some(1_250_000)));
        assert_eq!(parse_price("1 250 000 ₫"), Ok(Some(1_250_000)));
        assert_eq!(parse_price(""), Ok(None));
        assert!(parse_price("mười nghìn").is_err());
        assert!(parse_price("-5").is_err());
    }

    #[test]
    fn a_good_form_keeps_order_and_drops_removed_photos() {
        let listing = Listing::from_form(
            &form(&[
                ("name", " Tỏi đen "),
                ("set_id", "3"),
                ("price_min", "120.000"),
                ("price_max", "150.000"),
                ("photo-0-alt", "Hộp tỏi"),
                ("photo-0-order", "2"),
                ("photo-1-alt", "Củ tỏi"),
                ("photo-1-order", "1"),
                ("photo-2-alt", "bỏ"),
                ("photo-2-remove", "on"),
            ]),
            &[photo(1), photo(2), photo(3)],
        )
        .unwrap();
        assert_eq!(listing.name, "Tỏi đen");
        assert_eq!(listing.price_min, Some(120_000));
        let order: Vec<i64> = listing.images.iter().map(|i| i.media_id).collect();
        assert_eq!(order, [2, 1]);
        assert_eq!(listing.images[0].alt, "Củ tỏi");
        assert_eq!(listing.gtin, None);
        let listing = Listing::from_form(
            &form(&[
                ("name", "Tỏi đen"),
                ("set_id", "3"),
                ("gtin", "893 6046 82003 1"),
            ]),
            &[],
        )
        .unwrap();
        assert_eq!(
            listing.gtin.as_ref().map(Gtin::as_str),
            Some("08936046820031")
        );
    }

    #[test]
    fn each_bad_field_has_its_own_message() {
        let Err(AppError::Invalid(problems)) = Listing::from_form(
            &form(&[
                ("name", ""),
                ("description", &"x".repeat(5001)),
                ("price_min", "abc"),
                ("gtin", "8936046820032"),
                ("photo-0-alt", ""),
            ]),
            &[photo(1)],
        ) else {
            panic!("refused");
        };
        let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "name",
                "description",
                "price_min",
                "set_id",
                "gtin",
                "photo-0-alt"
            ]
        );
        let Err(AppError::Invalid(problems)) = Listing::from_form(
            &form(&[
                ("name", "A"),
                ("set_id", "1"),
                ("price_min", "9"),
                ("price_max", "5"),
            ]),
            &[],
        ) else {
            panic!("refused");
        };
        assert_eq!(problems[0].field, "price_max");
    }

    #[test]
    fn a_proposal_kept_before_gtins_still_reads() {
        let kept = r#"{"name":"A","set_id":1,"description":"","ingredients":"","specifications":"",
            "packaging":"","shelf_life":"","price_min":null,"price_max":null,"price_unit":"",
            "where_to_buy":"","images":[]}"#;
        let listing: Listing = serde_json::from_str(kept).unwrap();
        assert_eq!(listing.gtin, None);
    }

    #[test]
    fn the_reviewer_sees_which_fields_changed() {
        let before = Listing {
            name: "A".into(),
            set_id: 1,
            ..Listing::default()
        };
        let after = Listing {
            name: "B".into(),
            set_id: 1,
            price_min: Some(5),
            gtin: Gtin::parse("8936046820031").ok(),
            images: vec![photo(1)],
            ..Listing::default()
        };
        assert_eq!(
            after.changed_fields(&before),
            ["name", "price", "gtin", "images"]
        );
    }
}
