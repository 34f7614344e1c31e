//! The one way product cards are read: the columns, the joins they need, and the mapping.

use crate::model::product::ProductCard;
use crate::model::stars::Stars;
use crate::store::clock::sql_today;

/// The district-level unit `d` of the unit `u`, when it has one (a macro, so that `concat!`
/// can build the other joins from it).
macro_rules! district_join {
    () => {
        "
    LEFT JOIN admin_units d ON d.level = 'district'
         AND d.id = CASE u.level WHEN 'district' THEN u.id WHEN 'commune' THEN u.parent_id END"
    };
}
pub(crate) use district_join;

pub(crate) const DISTRICT_JOIN: &str = district_join!();

/// What a product card needs joined to `products p`: `c` is the current certificate (maybe
/// expired), `u` the producer's unit and `d` its district-level unit, when it has one.
pub(crate) const CARD_JOINS: &str = concat!(
    "
    JOIN producers pr ON pr.id = p.producer_id
    JOIN product_sets s ON s.id = p.set_id
    JOIN product_groups g ON g.id = s.group_id
    JOIN admin_units u ON u.id = pr.admin_unit_id",
    district_join!(),
    "
    LEFT JOIN certificates c ON c.id = p.current_certificate_id"
);

/// The id of today's unit for the unit `u`: the one it became part of in the July 2025 reform
/// when that is in the data, else `u` itself.
pub(crate) const TODAY_UNIT_ID: &str =
    "CASE WHEN u.valid_to IS NOT NULL AND u.successor_id IS NOT NULL THEN u.successor_id ELSE u.id END";

/// Today's unit `t` of the unit `u` (see [`TODAY_UNIT_ID`]).
pub(crate) fn today_unit_join() -> String {
    format!(" JOIN admin_units t ON t.id = {TODAY_UNIT_ID}")
}

/// The rating of the current certificate if it is still valid today (Vietnam time), else NULL.
pub(crate) const VALID_STARS: &str = concat!(
    "(CASE WHEN c.expires_on >= ",
    sql_today!(),
    " THEN c.stars END)"
);

pub(crate) fn card_columns() -> String {
    format!(
        "p.slug, p.name, {VALID_STARS} AS stars, g.name_vi AS group_name_vi, g.name_en AS group_name_en,
         pr.name AS producer_name, coalesce(d.name, u.name) AS district_name,
         p.price_min, p.price_max, p.price_unit, s.slug AS set_slug,
         (SELECT m.sha256 || ' ' || m.mime || ' ' || pi.alt_text FROM product_images pi JOIN media m ON m.id = coalesce(pi.card_media_id, pi.media_id)
          WHERE pi.product_id = p.id ORDER BY pi.position, pi.id LIMIT 1) AS first_image"
    )
}

/// The cards of a page of catalogue rows, chosen first on the narrow rows (migration 0013) so
/// that only the page's products are joined: `{page_head()} <ids> {page_tail()} ORDER BY page.…`,
/// where `<ids>` selects `k.product_id` and the columns the order needs, with its own
/// `ORDER BY` and `LIMIT`.
pub(crate) fn page_head() -> String {
    format!("SELECT {} FROM (", card_columns())
}

pub(crate) fn page_tail() -> String {
    format!(") page JOIN products p ON p.id = page.product_id {CARD_JOINS}")
}

#[derive(sqlx::FromRow)]
pub(crate) struct CardRow {
    slug: String,
    name: String,
    stars: Option<Stars>,
    group_name_vi: String,
    group_name_en: String,
    producer_name: String,
    district_name: String,
    price_min: Option<i64>,
    price_max: Option<i64>,
    price_unit: String,
    set_slug: String,
    /// "sha256 mime alt text" of the first photo.
    first_image: Option<String>,
}

/// Reads "sha256 mime alt text" as packed by the card query.
pub(crate) fn image(packed: &str) -> Option<crate::model::product::Image> {
    let mut parts = packed.splitn(3, ' ');
    let (sha256, mime) = (parts.next()?, parts.next()?);
    Some(crate::model::product::Image {
        src: crate::model::product::media_path(sha256, mime),
        alt: parts.next().unwrap_or("").to_owned(),
    })
}

impl From<CardRow> for ProductCard {
    fn from(row: CardRow) -> Self {
        ProductCard {
            slug: row.slug,
            name: row.name,
            stars: row.stars,
            group_name_vi: row.group_name_vi,
            group_name_en: row.group_name_en,
            producer_name: row.producer_name,
            district_name: row.district_name,
            price_min: row.price_min,
            price_max: row.price_max,
            price_unit: row.price_unit,
            image: row.first_image.as_deref().and_then(image),
            set_slug: row.set_slug,
        }
    }
}

/// Today's commune and province of the unit `u`, when the July 2025 reform replaced it and
/// its successor is in the data; NULL otherwise.
pub(crate) const TODAY_UNIT_NAME: &str = "(SELECT n.name || coalesce(', ' || np.name, '')
    FROM admin_units n LEFT JOIN admin_units np ON np.id = n.parent_id
    WHERE n.id = u.successor_id AND u.valid_to IS NOT NULL)";

/// "Commune, District" of the unit `u` and its district-level unit `d`, or just the unit's name.
pub(crate) const UNIT_NAME: &str =
    "CASE WHEN d.id IS NULL OR d.id = u.id THEN u.name ELSE u.name || ', ' || d.name END";

/// The columns of a producer's contact card over `pr`, `u` and `d` (see `CARD_JOINS`).
pub(crate) fn producer_summary_columns() -> String {
    format!(
        "pr.slug AS producer_slug, pr.name AS producer_name, pr.entity_type,
         pr.address, {UNIT_NAME} AS unit,
         {TODAY_UNIT_NAME} AS today_unit,
         pr.phone, pr.zalo, pr.email, pr.website, pr.latitude, pr.longitude"
    )
}

#[derive(sqlx::FromRow)]
pub(crate) struct ProducerSummaryRow {
    producer_slug: String,
    producer_name: String,
    entity_type: String,
    address: String,
    unit: String,
    today_unit: Option<String>,
    phone: Option<String>,
    zalo: Option<String>,
    email: Option<String>,
    website: Option<String>,
    latitude: Option<f64>,
    longitude: Option<f64>,
}

impl From<ProducerSummaryRow> for crate::model::detail::ProducerSummary {
    fn from(row: ProducerSummaryRow) -> Self {
        Self {
            slug: row.producer_slug,
            name: row.producer_name,
            entity_type: row.entity_type,
            address: row.address,
            unit: row.unit,
            today_unit: row.today_unit,
            phone: row.phone,
            zalo: row.zalo,
            email: row.email,
            website: row.website,
            latitude: row.latitude,
            longitude: row.longitude,
        }
    }
}
