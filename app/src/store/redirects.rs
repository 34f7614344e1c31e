//! Old slugs keep working after a rename: they answer with the current address.

use sqlx::SqlitePool;

use crate::error::AppError;
use crate::model::detail::Found;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entity {
    Product,
    Producer,
    Event,
    News,
}

impl Entity {
    /// The current public slug behind an old one, and the path it lives under.
    fn lookup(self) -> (&'static str, &'static str) {
        match self {
            Self::Product => (
                "SELECT t.slug FROM slug_redirects r JOIN products t ON t.id = r.target_id
                 WHERE r.entity = 'product' AND r.old_slug = ?1 AND t.status = 'published'",
                "/products",
            ),
            Self::Producer => (
                "SELECT t.slug FROM slug_redirects r JOIN producers t ON t.id = r.target_id
                 WHERE r.entity = 'producer' AND r.old_slug = ?1 AND t.active = 1",
                "/producers",
            ),
            Self::Event => (
                "SELECT t.slug FROM slug_redirects r JOIN events t ON t.id = r.target_id
                 WHERE r.entity = 'event' AND r.old_slug = ?1 AND t.status <> 'draft'",
                "/fairs",
            ),
            Self::News => (
                "SELECT t.slug FROM slug_redirects r JOIN news_posts t ON t.id = r.target_id
                 WHERE r.entity = 'news' AND r.old_slug = ?1 AND t.status = 'published'
                   AND t.published_at <= datetime('now')",
                "/news",
            ),
        }
    }
}

/// A slug for a new product, producer, event or news post named `name`: its words in ASCII, made unique with
/// a number, and never one that an old address still redirects from.
pub async fn free_slug(
    connection: &mut sqlx::SqliteConnection,
    entity: Entity,
    name: &str,
) -> Result<String, AppError> {
    let (taken_sql, fallback) = match entity {
        Entity::Product => (
            "SELECT EXISTS (SELECT 1 FROM products WHERE slug = ?1)
                 OR EXISTS (SELECT 1 FROM slug_redirects WHERE entity = 'product' AND old_slug = ?1)",
            "san-pham",
        ),
        Entity::Producer => (
            "SELECT EXISTS (SELECT 1 FROM producers WHERE slug = ?1)
                 OR EXISTS (SELECT 1 FROM slug_redirects WHERE entity = 'producer' AND old_slug = ?1)",
            "nha-san-xuat",
        ),
        Entity::Event => (
            "SELECT EXISTS (SELECT 1 FROM events WHERE slug = ?1)
                 OR EXISTS (SELECT 1 FROM slug_redirects WHERE entity = 'event' AND old_slug = ?1)",
            "su-kien",
        ),
        Entity::News => (
            "SELECT EXISTS (SELECT 1 FROM news_posts WHERE slug = ?1)
                 OR EXISTS (SELECT 1 FROM slug_redirects WHERE entity = 'news' AND old_slug = ?1)",
            "tin-tuc",
        ),
    };
    // A name of only punctuation has no words to make a slug of.
    let slug = crate::text::slugify(name);
    let base = match slug
        .chars()
        .take(80)
        .collect::<String>()
        .trim_end_matches('-')
    {
        "" => fallback.to_owned(),
        base => base.to_owned(),
    };
    let mut candidate = base.clone();
    for n in 2.. {
        let taken: bool = sqlx::query_scalar(taken_sql)
            .bind(&candidate)
            .fetch_one(&mut *connection)
            .await?;
        if !taken {
            break;
        }
        candidate = format!("{base}-{n}");
    }
    Ok(candidate)
}

/// Where a slug that names nothing now has moved to; not found when it never named anything.
pub async fn moved<T>(
    pool: &SqlitePool,
    entity: Entity,
    old_slug: &str,
) -> Result<Found<T>, AppError> {
    let (sql, base) = entity.lookup();
    let current: Option<String> = sqlx::query_scalar(sql)
        .bind(old_slug)
        .fetch_optional(pool)
        .await?;
    current
        .map(|slug| Found::MovedTo(format!("{base}/{slug}")))
        .ok_or(AppError::NotFound)
}
