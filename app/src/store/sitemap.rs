//! Every public address, for search engines.

use sqlx::SqlitePool;

use crate::error::AppError;

/// The pages that always exist.
pub const FIXED_PATHS: [&str; 7] = [
    "/",
    "/products",
    "/producers",
    "/fairs",
    "/news",
    "/stats",
    "/data",
];

fn all_paths() -> String {
    format!("
    SELECT '/products/' || p.slug AS path, substr(p.updated_at, 1, 10) AS day FROM products p
        JOIN producers pr ON pr.id = p.producer_id WHERE p.status = 'published' AND pr.active = 1
    UNION ALL SELECT '/producers/' || slug, substr(updated_at, 1, 10) FROM producers WHERE active = 1
    UNION ALL SELECT '/fairs/' || slug, substr(created_at, 1, 10) FROM events WHERE status = 'published'
    UNION ALL SELECT '/news/' || slug, substr(updated_at, 1, 10) FROM news_posts n WHERE {}", super::news::PUBLIC)
}

pub async fn count(pool: &SqlitePool) -> Result<u64, AppError> {
    let total: i64 = sqlx::query_scalar(&format!("SELECT count(*) FROM ({})", all_paths()))
        .fetch_one(pool)
        .await?;
    Ok(u64::try_from(total).unwrap_or(0) + FIXED_PATHS.len() as u64)
}

/// A slice of the addresses (path, last change as an ISO day), fixed pages first.
pub async fn paths(
    pool: &SqlitePool,
    offset: i64,
    limit: i64,
) -> Result<Vec<(String, Option<String>)>, AppError> {
    let fixed = FIXED_PATHS.len() as i64;
    let mut out: Vec<(String, Option<String>)> = FIXED_PATHS
        .iter()
        .skip(usize::try_from(offset).unwrap_or(0))
        .take(usize::try_from(limit).unwrap_or(0))
        .map(|p| ((*p).to_owned(), None))
        .collect();
    let rest = limit - out.len() as i64;
    if rest > 0 {
        let rows: Vec<(String, Option<String>)> = sqlx::query_as(&format!(
            "SELECT path, day FROM ({}) LIMIT ?1 OFFSET ?2",
            all_paths()
        ))
        .bind(rest)
        .bind((offset - fixed).max(0))
        .fetch_all(pool)
        .await?;
        out.extend(rows);
    }
    Ok(out)
}
