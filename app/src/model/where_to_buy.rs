//! Where a product is sold, as its producer keeps it through review like every listing change:
//! sales points (a shop, a market stall, a roadside stop...) with their address, commune of
//! today and an optional directions link, and online listings (a marketplace page, the
//! producer's own shop, a social shop). Every link is read as a URL and kept only when it is
//! http(s), so no `javascript:` or other scheme ever reaches a page.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::error::FieldError;
use crate::i18n::{t, Lang};
use crate::model::form::{check_text, text};
use crate::model::status::text_enum;

/// At most this many of each per product: a page lists them all.
pub const MAX_SALES_POINTS: usize = 10;
pub const MAX_ONLINE_LISTINGS: usize = 10;

text_enum! {
    /// What kind of place sells the product.
    SalesPointKind {
        Shop = "shop",
        Market = "market",
        Roadside = "roadside",
        Supermarket = "supermarket",
        /// A showroom of OCOP products (the province's, a district's).
        Showroom = "showroom",
    }
}

impl SalesPointKind {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Self::Shop => t(lang, "Cửa hàng", "Shop"),
            Self::Market => t(lang, "Chợ", "Market"),
            Self::Roadside => t(lang, "Điểm dừng chân", "Roadside stop"),
            Self::Supermarket => t(lang, "Siêu thị", "Supermarket"),
            Self::Showroom => t(lang, "Điểm giới thiệu sản phẩm OCOP", "OCOP showroom"),
        }
    }
}

text_enum! {
    /// Where online the product is sold.
    OnlineKind {
        Marketplace = "marketplace",
        OwnShop = "own_shop",
        Social = "social",
    }
}

impl OnlineKind {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Self::Marketplace => t(lang, "Sàn thương mại điện tử", "Marketplace"),
            Self::OwnShop => t(
                lang,
                "Cửa hàng trực tuyến của chủ thể",
                "The producer's online shop",
            ),
            Self::Social => t(lang, "Mạng xã hội", "Social network shop"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct SalesPoint {
    pub kind: SalesPointKind,
    pub name: String,
    pub address: String,
    /// The commune or ward of today it is in: the catalogue's "sold near me".
    pub unit_id: i64,
    /// The commune's name, as the store reads it (for the reviewer and the public page).
    #[serde(default)]
    pub unit_name: String,
    /// A map link to it, when the producer gives one.
    pub directions: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct OnlineListing {
    pub kind: OnlineKind,
    /// What the link is called on the page ("Shopee", "Gian hàng trên Postmart").
    pub label: String,
    pub url: String,
}

/// A typed web address as kept: a URL of scheme http or https with a host, at most 500
/// characters; `None` for anything else.
pub fn web_address(typed: &str) -> Option<String> {
    let typed = typed.trim();
    if typed.len() > 500 {
        return None;
    }
    let parsed = url::Url::parse(typed).ok()?;
    (matches!(parsed.scheme(), "http" | "https")
        && parsed.host_str().is_some_and(|h| !h.is_empty()))
    .then(|| parsed.to_string())
}

/// The problem of a field holding no http(s) address.
pub fn not_a_web_address(field: &str) -> FieldError {
    FieldError::new(
        field,
        "Địa chỉ web phải bắt đầu bằng https:// hoặc http://, ví dụ https://shopee.vn/ten-gian-hang.",
        "A web address starts with https:// or http://, e.g. https://shopee.vn/shop-name.",
    )
}

fn optional_address(problems: &mut Vec<FieldError>, field: &str, typed: &str) -> Option<String> {
    if typed.is_empty() {
        return None;
    }
    let kept = web_address(typed);
    if kept.is_none() {
        problems.push(not_a_web_address(field));
    }
    kept
}

/// The sales points of an edit form: its rows `point-{i}-…` in order; a row left empty or
/// ticked `point-{i}-remove` is dropped.
pub fn read_sales_points(
    form: &HashMap<String, String>,
    problems: &mut Vec<FieldError>,
) -> Vec<SalesPoint> {
    let mut points = Vec::new();
    for index in 0..=MAX_SALES_POINTS {
        let field = |part: &str| format!("point-{index}-{part}");
        let (name, address, directions) = (
            text(form, &field("name")),
            text(form, &field("address")),
            text(form, &field("directions")),
        );
        if form.contains_key(&field("remove"))
            || (name.is_empty() && address.is_empty() && directions.is_empty())
        {
            continue;
        }
        if points.len() == MAX_SALES_POINTS {
            problems.push(FieldError::new(
                &field("name"),
                &format!("Mỗi sản phẩm có tối đa {MAX_SALES_POINTS} nơi bán."),
                &format!("A product has at most {MAX_SALES_POINTS} sales points."),
            ));
            break;
        }
        check_text(problems, &field("name"), &name, true, 200);
        check_text(problems, &field("address"), &address, true, 300);
        let unit_id = text(form, &field("unit_id")).parse::<i64>().unwrap_or(0);
        if unit_id <= 0 {
            problems.push(FieldError::new(
                &field("unit_id"),
                "Vui lòng chọn xã, phường.",
                "Please choose the commune or ward.",
            ));
        }
        let directions = optional_address(problems, &field("directions"), &directions);
        points.push(SalesPoint {
            kind: SalesPointKind::from_db(&text(form, &field("kind")))
                .unwrap_or(SalesPointKind::Shop),
            name,
            address,
            unit_id,
            unit_name: String::new(),
            directions,
        });
    }
    points
}

/// The online listings of an edit form: its rows `online-{i}-…`, as the sales points.
pub fn read_online_listings(
    form: &HashMap<String, String>,
    problems: &mut Vec<FieldError>,
) -> Vec<OnlineListing> {
    let mut listings = Vec::new();
    for index in 0..=MAX_ONLINE_LISTINGS {
        let field = |part: &str| format!("online-{index}-{part}");
        let (typed, label) = (text(form, &field("url")), text(form, &field("label")));
        if form.contains_key(&field("remove")) || (typed.is_empty() && label.is_empty()) {
            continue;
        }
        if listings.len() == MAX_ONLINE_LISTINGS {
            problems.push(FieldError::new(
                &field("url"),
                &format!("Mỗi sản phẩm có tối đa {MAX_ONLINE_LISTINGS} trang bán trực tuyến."),
                &format!("A product has at most {MAX_ONLINE_LISTINGS} online listings."),
            ));
            break;
        }
        check_text(problems, &field("label"), &label, false, 100);
        let url = match web_address(&typed) {
            Some(url) => url,
            None => {
                problems.push(if typed.is_empty() {
                    FieldError::new(
                        &field("url"),
                        "Vui lòng điền mục này.",
                        "Please fill in this field.",
                    )
                } else {
                    not_a_web_address(&field("url"))
                });
                String::new()
            }
        };
        // Without a label, the link is called by its site.
        let label = if label.is_empty() {
            url::Url::parse(&url)
                .ok()
                .and_then(|url| {
                    url.host_str()
                        .map(|host| host.trim_start_matches("www.").to_owned())
                })
                .unwrap_or_default()
        } else {
            label
        };
        listings.push(OnlineListing {
            kind: OnlineKind::from_db(&text(form, &field("kind")))
                .unwrap_or(OnlineKind::Marketplace),
            label,
            url,
        });
    }
    listings
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

    #[test]
    fn only_http_and_https_addresses_are_kept() {
        assert_eq!(
            web_address(" https://shopee.vn/toiden ").as_deref(),
            Some("https://shopee.vn/toiden")
        );
        assert!(web_address("http://postmart.vn/a?b=1").is_some());
        for wrong in [
            "javascript:alert(1)",
            "data:text/html,hi",
            "ftp://example.vn/file",
            "shopee.vn/toiden",
            "https://",
            "mailto:a@b.vn",
        ] {
            assert_eq!(web_address(wrong), None, "{wrong}");
        }
        assert_eq!(
            web_address(&format!("https://a.vn/{}", "x".repeat(500))),
            None
        );
    }

    #[test]
    fn rows_are_read_in_order_blank_and_removed_ones_dropped() {
        let mut problems = Vec::new();
        let points = read_sales_points(
            &form(&[
                ("point-0-kind", "market"),
                ("point-0-name", "Chợ Đồng Hới"),
                ("point-0-address", "Ki-ốt 12, chợ Đồng Hới"),
                ("point-0-unit_id", "7"),
                ("point-1-name", "Bỏ"),
                ("point-1-remove", "on"),
                ("point-2-name", ""),
            ]),
            &mut problems,
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(points.len(), 1);
        assert_eq!(points[0].kind, SalesPointKind::Market);
        let online = read_online_listings(
            &form(&[
                ("online-0-url", "https://www.shopee.vn/toiden"),
                ("online-0-kind", "marketplace"),
            ]),
            &mut problems,
        );
        assert!(problems.is_empty());
        assert_eq!(online[0].label, "shopee.vn", "named by its site");
    }

    #[test]
    fn each_bad_row_field_has_its_own_message() {
        let mut problems = Vec::new();
        read_sales_points(
            &form(&[
                ("point-0-name", "Cửa hàng"),
                ("point-0-directions", "javascript:alert(1)"),
            ]),
            &mut problems,
        );
        read_online_listings(
            &form(&[("online-0-url", "shopee.vn/toiden")]),
            &mut problems,
        );
        let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "point-0-address",
                "point-0-unit_id",
                "point-0-directions",
                "online-0-url"
            ]
        );
        assert!(problems[3]
            .vi
            .starts_with("Địa chỉ web phải bắt đầu bằng https://"));
    }
}
