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

impl Entity {
    /// The table of the records, their kind in `slug_redirects`, and the slug of a name with
    /// no words.
    fn table(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Self::Product => ("products", "product", "san-pham"),
            Self::Producer => ("producers", "producer", "nha-san-xuat"),
            Self::Event => ("events", "event", "su-kien"),
            Self::News => ("news_posts", "news", "tin-tuc"),
        }
    }

    /// Whether a slug is taken: by a record, or by an old address that still redirects.
    fn taken_sql(self) -> String {
        let (table, kind, _) = self.table();
        format!(
            "SELECT EXISTS (SELECT 1 FROM {table} WHERE slug = ?1)
                 OR EXISTS (SELECT 1 FROM slug_redirects WHERE entity = '{kind}' AND old_slug = ?1)"
        )
    }

    /// Every slug taken, as [`Entity::taken_sql`] counts them.
    fn all_taken_sql(self) -> String {
        let (table, kind, _) = self.table();
        format!(
            "SELECT slug FROM {table}
             UNION ALL SELECT old_slug FROM slug_redirects WHERE entity = '{kind}'"
        )
    }

    /// The slugs a record named `name` may take, in the order tried: its words in ASCII, then
    /// with 2, 3... after them.
    fn candidates(self, name: &str) -> impl Iterator<Item = String> {
        // A name of only punctuation has no words to make a slug of.
        let slug = crate::text::slugify(name);
        let base = match slug
            .chars()
            .take(80)
            .collect::<String>()
            .trim_end_matches('-')
        {
            "" => self.table().2.to_owned(),
            base => base.to_owned(),
        };
        std::iter::once(base.clone()).chain((2..).map(move |n| format!("{base}-{n}")))
    }
}

/// A slug for a new product, producer, event or news post named `name`: its words in ASCII, made unique with
/// a number, and never one that an old address still redirects from.
pub async fn free_slug(
    connection: &mut sqlx::SqliteConnection,
    entity: Entity,
    name: &str,
) -> Result<String, AppError> {
    let taken_sql = entity.taken_sql();
    for candidate in entity.candidates(name) {
        let taken: bool = sqlx::query_scalar(&taken_sql)
            .bind(&candidate)
            .fetch_one(&mut *connection)
            .await?;
        if !taken {
            return Ok(candidate);
        }
    }
    unreachable!("the candidates never end")
}

/// Every slug of one kind taken, read once, for a write that makes many records of it (an
/// import of thousands of rows): [`free_slug`]'s answers without a query each. Only within
/// the transaction that read it, where no other write can take one meanwhile.
pub(crate) struct TakenSlugs {
    entity: Entity,
    taken: std::collections::HashSet<String>,
}

impl TakenSlugs {
    pub async fn read(
        connection: &mut sqlx::SqliteConnection,
        entity: Entity,
    ) -> Result<Self, AppError> {
        let taken = sqlx::query_scalar(&entity.all_taken_sql())
            .fetch_all(connection)
            .await?
            .into_iter()
            .collect();
        Ok(Self { entity, taken })
    }

    /// A free slug for a record named `name`, taken from then on.
    pub fn take(&mut self, name: &str) -> String {
        let taken = &self.taken;
        let slug = self
            .entity
            .candidates(name)
            .find(|candidate| !taken.contains(candidate))
            .unwrap_or_default();
        self.taken.insert(slug.clone());
        slug
    }
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

#[cfg(test)]
mod tests {
    use super::{Entity, TakenSlugs};

    #[test]
    fn a_batch_takes_the_next_free_slug_and_keeps_it_taken() {
        let mut slugs = TakenSlugs {
            entity: Entity::Product,
            taken: ["nuoc-mam".to_owned(), "nuoc-mam-2".to_owned()].into(),
        };
        assert_eq!(slugs.take("Nước mắm"), "nuoc-mam-3");
        assert_eq!(slugs.take("Nước  mắm!"), "nuoc-mam-4");
        assert_eq!(slugs.take("Tỏi đen"), "toi-den");
        assert_eq!(slugs.take("…"), "san-pham");
        assert_eq!(slugs.take("?"), "san-pham-2");
    }
}
