//! News: the public cards and posts, and the staff's form, list and record.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::error::{AppError, FieldError};
use crate::model::events::EventCard;
use crate::model::form::{check_text, refuse_if_any, text, typed_day};
use crate::model::moment::{LocalTime, Moment};
use crate::model::product::{Image, ProductCard};

use crate::i18n::{t, Lang};
use crate::model::status::text_enum;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewsCard {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub published_at: Moment,
    pub tags: Vec<NewsTag>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewsPost {
    pub card: NewsCard,
    /// Rendered from Markdown on the server, without anything that could run.
    pub body_html: String,
    pub updated_at: Moment,
    pub cover: Option<Image>,
    /// The published products the post is about, in the order staff listed them.
    pub products: Vec<ProductCard>,
    /// The public events the post is about.
    pub events: Vec<EventCard>,
}

/// The most products and events one post may name.
pub const MAX_LINKS: usize = 12;

/// When a post is to be public, as staff chose it in the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Publication {
    /// Kept for staff only.
    Draft,
    /// Public now (a post published before keeps its first date).
    Now,
    /// Public from this time, Vietnam time (UTC+7).
    At(LocalTime),
}

/// The staff's form for a post.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewsForm {
    pub title: String,
    pub summary: String,
    pub body: String,
    pub tags: Vec<NewsTag>,
    /// The slugs of the products the post is about.
    pub products: Vec<String>,
    /// The slugs of the events the post is about.
    pub events: Vec<String>,
    pub publication: Publication,
}

/// The field a tag's checkbox is sent as.
pub fn tag_field(tag: NewsTag) -> String {
    format!("tag_{tag}")
}

/// The slugs named in a links field: one per line, each a slug or an address whose path ends
/// in `/{prefix}/{slug}` (copied from the browser's address bar).
fn slugs(
    problems: &mut Vec<FieldError>,
    form: &HashMap<String, String>,
    field: &str,
    prefix: &str,
) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for line in text(form, field).lines().map(str::trim) {
        if line.is_empty() {
            continue;
        }
        let path = line
            .split(['?', '#'])
            .next()
            .unwrap_or_default()
            .trim_end_matches('/');
        let slug = match path.rsplit_once(&format!("/{prefix}/")) {
            Some((_, slug)) => slug,
            None => path,
        };
        let well_formed = !slug.is_empty()
            && slug.len() <= 120
            && slug
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !well_formed {
            let shown: String = line.chars().take(80).collect();
            problems.push(FieldError::new(
                field,
                &format!("“{shown}” không phải địa chỉ trên cổng (mỗi dòng một địa chỉ)."),
                &format!("“{shown}” is not an address on the portal (one address per line)."),
            ));
            return found;
        }
        if !found.iter().any(|known| known == slug) {
            found.push(slug.to_owned());
        }
    }
    if found.len() > MAX_LINKS {
        problems.push(FieldError::new(
            field,
            &format!("Tối đa {MAX_LINKS} địa chỉ."),
            &format!("At most {MAX_LINKS} addresses."),
        ));
    }
    found
}

impl NewsForm {
    pub fn from_form(form: &HashMap<String, String>) -> Result<Self, AppError> {
        let mut problems = Vec::new();
        for (field, required, max) in [("title", true, 200), ("summary", false, 500)] {
            check_text(&mut problems, field, &text(form, field), required, max);
        }
        let body = form
            .get("body")
            .map(|b| b.trim_end().to_owned())
            .unwrap_or_default();
        check_text(&mut problems, "body", &body, false, 50_000);
        let tags = NewsTag::ALL
            .iter()
            .copied()
            .filter(|tag| form.contains_key(&tag_field(*tag)))
            .collect();
        let products = slugs(&mut problems, form, "products", "products");
        let events = slugs(&mut problems, form, "events", "fairs");
        let publication = match text(form, "publish").as_str() {
            "draft" | "" => Some(Publication::Draft),
            "now" => Some(Publication::Now),
            "at" => {
                let typed = text(form, "publish_at");
                if typed.is_empty() {
                    problems.push(FieldError::new(
                        "publish_at",
                        "Vui lòng chọn ngày giờ công bố.",
                        "Please choose when to publish.",
                    ));
                    None
                } else {
                    match LocalTime::parse(&typed) {
                        Some(at) => Some(Publication::At(at)),
                        None => {
                            // The day's own message when the day is the trouble.
                            let before = problems.len();
                            typed_day(&mut problems, "publish_at", typed.get(..10).unwrap_or(""));
                            if problems.len() == before {
                                problems.push(FieldError::new(
                                    "publish_at",
                                    "Giờ không hợp lệ: dùng dạng 2026-12-05 08:30.",
                                    "Not a valid time: use the form 2026-12-05 08:30.",
                                ));
                            }
                            None
                        }
                    }
                }
            }
            _ => {
                problems.push(FieldError::new(
                    "publish",
                    "Vui lòng chọn cách công bố.",
                    "Please choose how to publish.",
                ));
                None
            }
        };
        refuse_if_any(problems)?;
        Ok(Self {
            title: text(form, "title"),
            summary: text(form, "summary"),
            body,
            tags,
            products,
            events,
            publication: publication.ok_or(AppError::Internal)?,
        })
    }
}

/// A post in the staff's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct NewsLine {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub state: NewsState,
    /// None for a draft.
    pub published_at: Option<Moment>,
    pub updated_at: Moment,
    /// The tags, space-separated as the query packs them.
    pub tags: String,
}

impl NewsLine {
    pub fn tags(&self) -> Vec<NewsTag> {
        packed_tags(&self.tags)
    }
}

/// Tags as queries pack them (space-separated), in the order `NewsTag::ALL` gives them.
pub fn packed_tags(packed: &str) -> Vec<NewsTag> {
    let mut tags: Vec<NewsTag> = packed
        .split_whitespace()
        .filter_map(NewsTag::from_db)
        .collect();
    tags.sort_by_key(|tag| NewsTag::ALL.iter().position(|t| t == tag));
    tags
}

/// One post as staff edit it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewsRecord {
    pub id: i64,
    pub slug: String,
    pub state: NewsState,
    /// Vietnam time; none for a draft.
    pub published_at: Option<LocalTime>,
    pub cover: Option<String>,
    pub form: NewsForm,
    /// The saved body as readers will see it.
    pub body_html: String,
}

text_enum! {
    /// What a news post is about; the public news list can be read by tag.
    NewsTag {
        /// Publicity of the programme and its products.
        Publicity = "publicity",
        Training = "training",
        TradePromotion = "trade_promotion",
        /// The yearly OCOP cycle: registration, evaluation, results.
        Cycle = "cycle",
    }
}

impl NewsTag {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Self::Publicity => t(lang, "Tuyên truyền", "Publicity"),
            Self::Training => t(lang, "Tập huấn", "Training"),
            Self::TradePromotion => t(lang, "Xúc tiến thương mại", "Trade promotion"),
            Self::Cycle => t(lang, "Đánh giá, phân hạng", "OCOP cycle"),
        }
    }
}

text_enum! {
    /// Where a news post stands for its readers. The database keeps draft or published with a
    /// publication time; a published post whose time has not come is scheduled, and only the
    /// public queries' comparison with the clock tells the two apart.
    NewsState {
        /// Seen by staff only.
        Draft = "draft",
        /// Published from its time on, not yet public.
        Scheduled = "scheduled",
        Published = "published",
    }
}

impl NewsState {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Self::Draft => t(lang, "Bản nháp", "Draft"),
            Self::Scheduled => t(lang, "Hẹn giờ công bố", "Scheduled"),
            Self::Published => t(lang, "Đã công bố", "Published"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(fields: &[(&str, &str)]) -> HashMap<String, String> {
        fields
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    fn refused(fields: &[(&str, &str)]) -> Vec<String> {
        match NewsForm::from_form(&form(fields)) {
            Err(AppError::Invalid(errors)) => errors.into_iter().map(|e| e.field).collect(),
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    #[test]
    fn a_post_needs_a_title_and_is_a_draft_unless_told_otherwise() {
        assert_eq!(refused(&[("title", "  ")]), ["title"]);
        let post = NewsForm::from_form(&form(&[("title", "Tin")])).unwrap();
        assert_eq!(post.publication, Publication::Draft);
        assert!(post.tags.is_empty() && post.products.is_empty());
    }

    #[test]
    fn ticked_tags_are_kept_in_their_order() {
        let post = NewsForm::from_form(&form(&[
            ("title", "Tin"),
            ("tag_cycle", "on"),
            ("tag_publicity", "on"),
            ("tag_other", "on"),
        ]))
        .unwrap();
        assert_eq!(post.tags, [NewsTag::Publicity, NewsTag::Cycle]);
    }

    #[test]
    fn links_are_slugs_or_addresses_one_per_line() {
        let post = NewsForm::from_form(&form(&[
            ("title", "Tin"),
            (
                "products",
                "https://ocop.example.vn/products/nuoc-mam-bao-ninh?lang=en\n\n/products/che-vang/\nnuoc-mam-bao-ninh",
            ),
            ("events", "/fairs/hoi-cho-ocop-2026"),
        ]))
        .unwrap();
        assert_eq!(post.products, ["nuoc-mam-bao-ninh", "che-vang"]);
        assert_eq!(post.events, ["hoi-cho-ocop-2026"]);
        assert_eq!(
            refused(&[("title", "Tin"), ("products", "Nước mắm")]),
            ["products"]
        );
        let many: Vec<String> = (0..13).map(|n| format!("san-pham-{n}")).collect();
        assert_eq!(
            refused(&[("title", "Tin"), ("events", &many.join("\n"))]),
            ["events"]
        );
    }

    #[test]
    fn a_scheduled_time_is_a_minute_of_a_real_day() {
        let post = NewsForm::from_form(&form(&[
            ("title", "Tin"),
            ("publish", "at"),
            ("publish_at", "2026-12-05T08:30"),
        ]))
        .unwrap();
        let Publication::At(at) = post.publication else {
            panic!("not scheduled");
        };
        assert_eq!(
            at.utc().map(Moment::stored).as_deref(),
            Some("2026-12-05 01:30:00")
        );
        assert_eq!(at.field(), "2026-12-05T08:30");
        assert_eq!(LocalTime::parse("2026-12-05T08:30:15"), Some(at));
        for typed in [
            "",
            "2026-02-30T08:00",
            "2026-12-05T24:00",
            "2026-12-05T8:5",
            "mai",
        ] {
            assert_eq!(
                refused(&[("title", "Tin"), ("publish", "at"), ("publish_at", typed)]),
                ["publish_at"],
                "{typed:?}"
            );
        }
        assert_eq!(
            refused(&[("title", "Tin"), ("publish", "later")]),
            ["publish"]
        );
    }
}
