//! News: what the public reads (published posts whose time has come) and what staff write.
//!
//! A scheduled post is a published one whose `published_at` is still ahead: every public
//! query compares it with the clock ([`PUBLIC`]), so it appears on its own at its time, with
//! no job to run. The page cache keeps a page at most a minute, so a scheduled post is on the
//! cached pages within a minute of its time too.

use sqlx::{SqliteConnection, SqlitePool};

use crate::error::{AppError, FieldError};
use crate::model::account::Staff;
use crate::model::detail::Found;
use crate::model::events::status::EventStatus;
use crate::model::events::EventCard;
use crate::model::moment::{LocalTime, Moment};
use crate::model::news::{
    packed_tags, NewsCard, NewsForm, NewsLine, NewsPost, NewsRecord, Publication,
};
use crate::model::news::{NewsState, NewsTag};
use crate::model::page::{Page, PageNumber};
use crate::model::product::ProductStatus;
use crate::model::product::{media_path, Image, ProductCard};
use crate::store::audit::Audit;
use crate::store::cards::{card_columns, CardRow, CARD_JOINS};
use crate::store::media::{self, NewPhoto};
use crate::store::redirects::{free_slug, Entity};
use crate::store::Writer;

pub const PER_PAGE: u32 = 10;
pub const STAFF_PER_PAGE: u32 = 30;

/// The posts of `news_posts n` the public may read now.
pub(crate) const PUBLIC: &str = "n.status = 'published' AND n.published_at <= datetime('now')";

/// Where a post stands, from `news_posts n`.
const STATE: &str = "CASE WHEN n.status = 'draft' THEN 'draft'
     WHEN n.published_at > datetime('now') THEN 'scheduled' ELSE 'published' END";

/// A card's columns over `news_posts n`, its tags packed with spaces.
const CARD: &str = "n.slug, n.title, n.summary, n.published_at,
    coalesce((SELECT group_concat(t.tag, ' ') FROM news_tags t WHERE t.post_id = n.id), '') AS tags";

#[derive(sqlx::FromRow)]
struct NewsCardRow {
    slug: String,
    title: String,
    summary: String,
    published_at: Moment,
    tags: String,
}

impl From<NewsCardRow> for NewsCard {
    fn from(row: NewsCardRow) -> Self {
        NewsCard {
            slug: row.slug,
            title: row.title,
            summary: row.summary,
            published_at: row.published_at,
            tags: packed_tags(&row.tags),
        }
    }
}

/// Public posts, newest first; only those with `tag` when one is given.
pub async fn list(
    pool: &SqlitePool,
    page: PageNumber,
    tag: Option<NewsTag>,
) -> Result<Page<NewsCard>, AppError> {
    let tagged = "(?1 IS NULL OR n.id IN (SELECT t.post_id FROM news_tags t WHERE t.tag = ?1))";
    let total: i64 = sqlx::query_scalar(&format!(
        "SELECT count(*) FROM news_posts n WHERE {PUBLIC} AND {tagged}"
    ))
    .bind(tag)
    .fetch_one(pool)
    .await?;
    let rows: Vec<NewsCardRow> = sqlx::query_as(&format!(
        "SELECT {CARD} FROM news_posts n WHERE {PUBLIC} AND {tagged}
         ORDER BY n.published_at DESC, n.id DESC LIMIT ?2 OFFSET ?3"
    ))
    .bind(tag)
    .bind(i64::from(PER_PAGE))
    .bind(page.offset(PER_PAGE))
    .fetch_all(pool)
    .await?;
    Ok(Page::new(
        rows.into_iter().map(NewsCard::from).collect(),
        page,
        PER_PAGE,
        total,
    ))
}

/// The newest public posts first.
pub async fn latest(pool: &SqlitePool, limit: i64) -> Result<Vec<NewsCard>, AppError> {
    let rows: Vec<NewsCardRow> = sqlx::query_as(&format!(
        "SELECT {CARD} FROM news_posts n WHERE {PUBLIC} ORDER BY n.published_at DESC, n.id DESC LIMIT ?1"
    ))
    .bind(limit)
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(NewsCard::from).collect())
}

#[derive(sqlx::FromRow)]
struct PostRow {
    id: i64,
    #[sqlx(flatten)]
    card: NewsCardRow,
    body_md: String,
    updated_at: Moment,
    /// "sha256 mime" of the cover.
    cover: Option<String>,
}

/// A post's query, ending in `tail` (its WHERE and ORDER).
fn post_sql(tail: &str) -> String {
    format!(
        "SELECT n.id, {CARD}, n.body_md, n.updated_at, m.sha256 || ' ' || m.mime AS cover
         FROM news_posts n LEFT JOIN media m ON m.id = n.cover_media_id {tail}"
    )
}

fn cover(packed: Option<&str>, alt: &str) -> Option<Image> {
    let (sha, mime) = packed?.split_once(' ')?;
    Some(Image {
        src: media_path(sha, mime),
        alt: alt.to_owned(),
    })
}

/// The published products and public events a post names, in the order staff gave them.
async fn links(
    pool: &SqlitePool,
    post_id: i64,
) -> Result<(Vec<ProductCard>, Vec<EventCard>), AppError> {
    let products: Vec<CardRow> = sqlx::query_as(&format!(
        "SELECT {} FROM news_products np JOIN products p ON p.id = np.product_id {CARD_JOINS}
         WHERE np.post_id = ?1 AND p.status = ?2 AND pr.active = 1 ORDER BY np.position",
        card_columns()
    ))
    .bind(post_id)
    .bind(ProductStatus::Published)
    .fetch_all(pool)
    .await?;
    let events = crate::store::events::named_by_post(pool, post_id).await?;
    Ok((
        products.into_iter().map(ProductCard::from).collect(),
        events,
    ))
}

async fn post(pool: &SqlitePool, row: PostRow) -> Result<NewsPost, AppError> {
    let (products, events) = links(pool, row.id).await?;
    let card = NewsCard::from(row.card);
    Ok(NewsPost {
        cover: cover(row.cover.as_deref(), &card.title),
        body_html: crate::markdown::to_safe_html(&row.body_md),
        updated_at: row.updated_at,
        products,
        events,
        card,
    })
}

/// Public posts with their rendered bodies, newest first: for the feed.
pub async fn latest_posts(pool: &SqlitePool, limit: i64) -> Result<Vec<NewsPost>, AppError> {
    let rows: Vec<PostRow> = sqlx::query_as(&post_sql(&format!(
        "WHERE {PUBLIC} ORDER BY n.published_at DESC, n.id DESC LIMIT ?1"
    )))
    .bind(limit)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| NewsPost {
            cover: cover(row.cover.as_deref(), &row.card.title),
            body_html: crate::markdown::to_safe_html(&row.body_md),
            updated_at: row.updated_at,
            products: Vec::new(),
            events: Vec::new(),
            card: NewsCard::from(row.card),
        })
        .collect())
}

pub async fn by_slug(pool: &SqlitePool, slug: &str) -> Result<Found<NewsPost>, AppError> {
    let row: Option<PostRow> =
        sqlx::query_as(&post_sql(&format!("WHERE n.slug = ?1 AND {PUBLIC}")))
            .bind(slug)
            .fetch_optional(pool)
            .await?;
    match row {
        Some(row) => Ok(Found::Here(post(pool, row).await?)),
        None => super::redirects::moved(pool, Entity::News, slug).await,
    }
}

/// Every post for staff, the last touched first; only those in `state` when one is given.
pub async fn staff_list(
    pool: &SqlitePool,
    state: Option<NewsState>,
    page: PageNumber,
) -> Result<Page<NewsLine>, AppError> {
    let total: i64 = sqlx::query_scalar(&format!(
        "SELECT count(*) FROM news_posts n WHERE ?1 IS NULL OR {STATE} = ?1"
    ))
    .bind(state)
    .fetch_one(pool)
    .await?;
    let items = sqlx::query_as(&format!(
        "SELECT n.id, n.slug, n.title, {STATE} AS state, n.published_at, n.updated_at,
                coalesce((SELECT group_concat(t.tag, ' ') FROM news_tags t WHERE t.post_id = n.id), '') AS tags
         FROM news_posts n WHERE ?1 IS NULL OR {STATE} = ?1
         ORDER BY n.updated_at DESC, n.id DESC LIMIT ?2 OFFSET ?3"
    ))
    .bind(state)
    .bind(i64::from(STAFF_PER_PAGE))
    .bind(page.offset(STAFF_PER_PAGE))
    .fetch_all(pool)
    .await?;
    Ok(Page::new(items, page, STAFF_PER_PAGE, total))
}

#[derive(sqlx::FromRow)]
struct RecordRow {
    id: i64,
    slug: String,
    title: String,
    summary: String,
    body_md: String,
    state: NewsState,
    published_at: Option<Moment>,
    cover: Option<String>,
    tags: String,
    products: String,
    events: String,
}

async fn record_row(connection: &mut SqliteConnection, id: i64) -> Result<RecordRow, AppError> {
    sqlx::query_as(&format!(
        "SELECT n.id, n.slug, n.title, n.summary, n.body_md, {STATE} AS state,
                CASE WHEN n.status = 'published' THEN n.published_at END AS published_at,
                m.sha256 || ' ' || m.mime AS cover,
                coalesce((SELECT group_concat(t.tag, ' ') FROM news_tags t WHERE t.post_id = n.id), '') AS tags,
                coalesce((SELECT group_concat(p.slug, ' ') FROM (SELECT p.slug FROM news_products np JOIN products p ON p.id = np.product_id
                          WHERE np.post_id = n.id ORDER BY np.position) p), '') AS products,
                coalesce((SELECT group_concat(e.slug, ' ') FROM (SELECT e.slug FROM news_events ne JOIN events e ON e.id = ne.event_id
                          WHERE ne.post_id = n.id ORDER BY ne.position) e), '') AS events
         FROM news_posts n LEFT JOIN media m ON m.id = n.cover_media_id WHERE n.id = ?1"
    ))
    .bind(id)
    .fetch_optional(connection)
    .await?
    .ok_or(AppError::NotFound)
}

impl RecordRow {
    fn published_at(&self) -> Option<LocalTime> {
        self.published_at.map(Moment::local)
    }

    fn form(&self) -> NewsForm {
        let words = |packed: &str| packed.split_whitespace().map(str::to_owned).collect();
        NewsForm {
            title: self.title.clone(),
            summary: self.summary.clone(),
            body: self.body_md.clone(),
            tags: packed_tags(&self.tags),
            products: words(&self.products),
            events: words(&self.events),
            publication: match (self.state, self.published_at()) {
                (NewsState::Draft, _) | (_, None) => Publication::Draft,
                (NewsState::Scheduled, Some(at)) => Publication::At(at),
                (NewsState::Published, Some(_)) => Publication::Now,
            },
        }
    }
}

/// One post with its whole form, for staff to edit.
pub async fn record(pool: &SqlitePool, id: i64) -> Result<NewsRecord, AppError> {
    let row = record_row(&mut *pool.acquire().await?, id).await?;
    Ok(NewsRecord {
        id: row.id,
        slug: row.slug.clone(),
        state: row.state,
        published_at: row.published_at(),
        cover: row.cover.as_deref().and_then(|packed| {
            packed
                .split_once(' ')
                .map(|(sha, mime)| media_path(sha, mime))
        }),
        body_html: crate::markdown::to_safe_html(&row.body_md),
        form: row.form(),
    })
}

/// What a post may link to: a published product, or an event the public sees.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Linked {
    Product,
    Event,
}

impl Linked {
    fn field(self) -> &'static str {
        match self {
            Self::Product => "products",
            Self::Event => "events",
        }
    }

    fn unknown(self, slug: &str) -> FieldError {
        match self {
            Self::Product => FieldError::new(
                self.field(),
                &format!("Không có sản phẩm đang hiển thị với địa chỉ “{slug}”."),
                &format!("No published product has the address “{slug}”."),
            ),
            Self::Event => FieldError::new(
                self.field(),
                &format!("Không có sự kiện đã công bố với địa chỉ “{slug}”."),
                &format!("No published event has the address “{slug}”."),
            ),
        }
    }
}

/// The ids behind the slugs a form names, in its order; the first slug that names nothing the
/// public can see is its field's problem.
async fn resolve(
    connection: &mut SqliteConnection,
    linked: Linked,
    slugs: &[String],
) -> Result<Result<Vec<i64>, FieldError>, AppError> {
    let mut ids = Vec::with_capacity(slugs.len());
    for slug in slugs {
        let query = match linked {
            Linked::Product => {
                sqlx::query_scalar("SELECT id FROM products WHERE slug = ?1 AND status = ?2")
                    .bind(slug)
                    .bind(ProductStatus::Published)
            }
            Linked::Event => {
                sqlx::query_scalar("SELECT id FROM events WHERE slug = ?1 AND status <> ?2")
                    .bind(slug)
                    .bind(EventStatus::Draft)
            }
        };
        let id: Option<i64> = query.fetch_optional(&mut *connection).await?;
        match id {
            Some(id) => ids.push(id),
            None => return Ok(Err(linked.unknown(slug))),
        }
    }
    Ok(Ok(ids))
}

/// Writes every field of the post but its slug; `was_published_at` is its publication time as
/// stored (UTC) when it is published, to keep the first date when a public post is edited.
async fn write(
    connection: &mut SqliteConnection,
    id: i64,
    form: &NewsForm,
    cover_media_id: Option<i64>,
    was_published_at: Option<Moment>,
) -> Result<(), AppError> {
    let products = resolve(connection, Linked::Product, &form.products).await?;
    let events = resolve(connection, Linked::Event, &form.events).await?;
    let (products, events) = match (products, events) {
        (Ok(products), Ok(events)) => (products, events),
        (products, events) => {
            return Err(AppError::Invalid(
                products.err().into_iter().chain(events.err()).collect(),
            ))
        }
    };
    let (status, published_at): (&str, Option<Moment>) = match form.publication {
        Publication::Draft => ("draft", None),
        Publication::Now => {
            let now: Moment = sqlx::query_scalar("SELECT datetime('now')")
                .fetch_one(&mut *connection)
                .await?;
            // Edits of a public post keep its date; a scheduled one made public now is dated now.
            let first = was_published_at.filter(|at| *at <= now);
            ("published", Some(first.unwrap_or(now)))
        }
        Publication::At(at) => {
            let utc = at.utc();
            let ahead: Option<bool> = sqlx::query_scalar("SELECT ?1 > datetime('now')")
                .bind(utc)
                .fetch_one(&mut *connection)
                .await?;
            let (Some(utc), Some(true)) = (utc, ahead) else {
                return Err(AppError::invalid(
                    "publish_at",
                    "Thời điểm này đã qua: chọn một thời điểm sắp tới, hoặc chọn “Công bố ngay”.",
                    "That time has passed: choose a time ahead, or “Publish now”.",
                ));
            };
            ("published", Some(utc))
        }
    };
    sqlx::query(
        "UPDATE news_posts SET title = ?1, summary = ?2, body_md = ?3, status = ?4, published_at = ?5,
             cover_media_id = coalesce(?6, cover_media_id), updated_at = datetime('now')
         WHERE id = ?7",
    )
    .bind(&form.title)
    .bind(&form.summary)
    .bind(&form.body)
    .bind(status)
    .bind(published_at)
    .bind(cover_media_id)
    .bind(id)
    .execute(&mut *connection)
    .await?;
    for table in ["news_tags", "news_products", "news_events"] {
        sqlx::query(&format!("DELETE FROM {table} WHERE post_id = ?1"))
            .bind(id)
            .execute(&mut *connection)
            .await?;
    }
    for tag in &form.tags {
        sqlx::query("INSERT INTO news_tags (post_id, tag) VALUES (?1, ?2)")
            .bind(id)
            .bind(tag)
            .execute(&mut *connection)
            .await?;
    }
    for (table, column, ids) in [
        ("news_products", "product_id", &products),
        ("news_events", "event_id", &events),
    ] {
        for (position, linked) in ids.iter().enumerate() {
            sqlx::query(&format!(
                "INSERT INTO {table} (post_id, {column}, position) VALUES (?1, ?2, ?3)"
            ))
            .bind(id)
            .bind(linked)
            .bind(i64::try_from(position).unwrap_or(i64::MAX))
            .execute(&mut *connection)
            .await?;
        }
    }
    Ok(())
}

/// A new post, as its form says (a draft, public now, or scheduled).
pub async fn create(
    writer: &Writer,
    staff: Staff,
    form: &NewsForm,
    cover: Option<&NewPhoto<'_>>,
) -> Result<i64, AppError> {
    writer
        .change(async |tx| {
            let slug = free_slug(tx, Entity::News, &form.title).await?;
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO news_posts (slug, title, author_id) VALUES (?1, ?2, ?3) RETURNING id",
            )
            .bind(&slug)
            .bind(&form.title)
            .bind(staff.user_id())
            .fetch_one(&mut *tx)
            .await?;
            let cover = media::cover_id(tx, staff.user_id(), cover).await?;
            write(tx, id, form, cover, None).await?;
            let audit =
                Audit::of(staff.user_id(), "create", "news", id, form.title.clone()).after(form);
            Ok((id, Some(audit)))
        })
        .await
}

/// Staff edit a post. While it is a draft its address follows its title; once it has been
/// public the address stays, and an address it had before keeps leading to it.
pub async fn update(
    writer: &Writer,
    staff: Staff,
    id: i64,
    form: &NewsForm,
    cover: Option<&NewPhoto<'_>>,
) -> Result<(), AppError> {
    writer
        .change(async |tx| {
            let before = record_row(tx, id).await?;
            let stored_at: Option<Moment> = sqlx::query_scalar(
                "SELECT published_at FROM news_posts WHERE id = ?1 AND status = 'published'",
            )
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?
            .flatten();
            let renamed = crate::text::slugify(&form.title) != before.slug;
            if before.state == NewsState::Draft && before.title != form.title && renamed {
                let slug = free_slug(tx, Entity::News, &form.title).await?;
                sqlx::query(
                    "INSERT OR REPLACE INTO slug_redirects (entity, old_slug, target_id) VALUES ('news', ?1, ?2)",
                )
                .bind(&before.slug)
                .bind(id)
                .execute(&mut *tx)
                .await?;
                sqlx::query("UPDATE news_posts SET slug = ?1 WHERE id = ?2")
                    .bind(&slug)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
            }
            let cover = media::cover_id(tx, staff.user_id(), cover).await?;
            write(tx, id, form, cover, stored_at).await?;
            let audit = Audit::of(staff.user_id(), "update", "news", id, form.title.clone())
                .before(&before.form())
                .after(form);
            Ok(((), Some(audit)))
        })
        .await
}
