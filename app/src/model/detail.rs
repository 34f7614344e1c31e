//! What a product's own page shows.

use serde::{Deserialize, Serialize};

use super::product::ProductCard;
use crate::model::day::Day;
use crate::model::stars::Stars;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProductDetail {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub description: String,
    pub ingredients: String,
    pub specifications: String,
    pub packaging: String,
    pub shelf_life: String,
    pub price_min: Option<i64>,
    pub price_max: Option<i64>,
    pub price_unit: String,
    pub where_to_buy: String,
    pub gtin: Option<crate::model::gtin::Gtin>,
    pub sales_points: Vec<crate::model::where_to_buy::SalesPoint>,
    pub online_listings: Vec<crate::model::where_to_buy::OnlineListing>,
    /// Photos in the producer's order.
    pub images: Vec<super::product::Image>,
    pub group_slug: String,
    pub group_name_vi: String,
    pub group_name_en: String,
    pub set_slug: String,
    pub set_name_vi: String,
    pub set_name_en: String,
    pub producer: ProducerSummary,
    /// The latest certificate, expired or not: an expired one is shown as expired.
    pub certificate: Option<CertificateFacts>,
    /// Every certificate the product had, newest first: expired and revoked ones stay.
    pub certificate_history: Vec<crate::model::cycle::pages::CertificateLine>,
    pub fairs: Vec<EventLink>,
    pub related: Vec<ProductCard>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProducerSummary {
    pub slug: String,
    pub name: String,
    pub entity_type: String,
    pub address: String,
    /// The commune and district of the producer's address, as it was written.
    pub unit: String,
    /// Today's commune and province, where the 2025 reform changed them and the change is known.
    pub today_unit: Option<String>,
    pub phone: Option<String>,
    pub zalo: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertificateFacts {
    pub certificate_no: String,
    pub stars: Stars,
    /// Hundredths of a point.
    pub score: i64,
    pub council_level: String,
    pub decision_no: Option<String>,
    pub decision_date: Option<Day>,
    pub issued_on: Day,
    pub expires_on: Day,
    pub expired: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventLink {
    pub slug: String,
    pub name: String,
    pub starts_on: Day,
    pub ends_on: Day,
    pub location: String,
}

/// Where a page is found: its content, or the address it moved to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Found<T> {
    Here(T),
    MovedTo(String),
}

impl CertificateFacts {
    pub fn council_label(&self, lang: crate::i18n::Lang) -> &'static str {
        use crate::i18n::t;
        match self.council_level.as_str() {
            "district" => t(lang, "Hội đồng cấp huyện", "District council"),
            "province" => t(lang, "Hội đồng cấp tỉnh", "Provincial council"),
            "central" => t(lang, "Hội đồng cấp trung ương", "Central council"),
            _ => t(lang, "Hội đồng đánh giá", "Evaluation council"),
        }
    }
}

impl ProducerSummary {
    /// A directions link for phones and computers, when the producer gave coordinates.
    pub fn directions_url(&self) -> Option<String> {
        match (self.latitude, self.longitude) {
            (Some(lat), Some(lon)) => Some(format!(
                "https://www.google.com/maps/dir/?api=1&destination={lat},{lon}"
            )),
            _ => None,
        }
    }

    /// Zalo opens a chat from the phone number, digits only.
    pub fn zalo_url(&self) -> Option<String> {
        zalo_url(self.zalo.as_deref().or(self.phone.as_deref())?)
    }

    pub fn tel_url(&self) -> Option<String> {
        tel_url(self.phone.as_deref()?)
    }
}

/// A link that opens a Zalo chat with the owner of the phone number.
pub fn zalo_url(phone: &str) -> Option<String> {
    let number: String = phone.chars().filter(char::is_ascii_digit).collect();
    (!number.is_empty()).then(|| format!("https://zalo.me/{number}"))
}

/// A link that calls the phone number.
pub fn tel_url(phone: &str) -> Option<String> {
    let number: String = phone
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect();
    (!number.is_empty()).then(|| format!("tel:{number}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn producer(phone: Option<&str>, zalo: Option<&str>) -> ProducerSummary {
        ProducerSummary {
            slug: "x".into(),
            name: "X".into(),
            entity_type: "household".into(),
            address: String::new(),
            unit: String::new(),
            today_unit: None,
            phone: phone.map(Into::into),
            zalo: zalo.map(Into::into),
            email: None,
            website: None,
            latitude: Some(17.5),
            longitude: Some(106.6),
        }
    }

    #[test]
    fn contact_links_use_digits_only() {
        let p = producer(Some("0232 3812 345"), None);
        assert_eq!(p.tel_url().unwrap(), "tel:02323812345");
        assert_eq!(p.zalo_url().unwrap(), "https://zalo.me/02323812345");
        assert_eq!(
            producer(Some("0232"), Some("0912 345 678"))
                .zalo_url()
                .unwrap(),
            "https://zalo.me/0912345678"
        );
        assert_eq!(producer(None, None).tel_url(), None);
        assert!(p
            .directions_url()
            .unwrap()
            .ends_with("destination=17.5,106.6"));
    }
}
