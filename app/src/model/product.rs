use crate::i18n::{t, Lang};
use crate::model::stars::Stars;
use crate::model::status::text_enum;
use serde::{Deserialize, Serialize};

/// What a product card shows in a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProductCard {
    pub slug: String,
    pub name: String,
    /// The rating of a certificate valid today; None when it has none.
    pub stars: Option<Stars>,
    pub group_name_vi: String,
    pub group_name_en: String,
    pub producer_name: String,
    pub district_name: String,
    pub price_min: Option<i64>,
    pub price_max: Option<i64>,
    pub price_unit: String,
    /// The first photo, when the producer has uploaded one.
    pub image: Option<Image>,
    /// Its product set, whose drawing stands in for a photo.
    pub set_slug: String,
}

/// An uploaded photo: where it is served, and what it shows for those who cannot see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Image {
    pub src: String,
    pub alt: String,
}

/// The public address of a stored image: content-addressed, so it can be cached forever.
pub fn media_path(sha256: &str, mime: &str) -> String {
    let extension = match mime {
        "image/png" => "png",
        "image/webp" => "webp",
        _ => "jpg",
    };
    format!("/media/{sha256}.{extension}")
}

/// The headline figures on the home page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeadlineFigures {
    pub certified_products: u64,
    pub producers: u64,
    pub five_star: u64,
    pub four_star: u64,
    pub three_star: u64,
}

text_enum! {
    /// Whether the public sees a product.
    ProductStatus {
        /// Never approved yet: only its producer and staff see it.
        Draft = "draft",
        Published = "published",
        /// Withdrawn from the public by its producer.
        Hidden = "hidden",
    }
}

impl ProductStatus {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Self::Draft => t(lang, "Chưa công khai", "Not public yet"),
            Self::Published => t(lang, "Đang hiển thị", "Public"),
            Self::Hidden => t(lang, "Đã ẩn", "Hidden"),
        }
    }
}
