//! Documents for machines: the Atom feed of news, the sitemap, and the events as calendars
//! (RFC 5545, written by the `icalendar` crate).

use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::exports::Cell;
use crate::state::AppState;

/// Addresses per sitemap file, as the sitemap protocol allows at most.
const SITEMAP_SIZE: i64 = 50_000;
const FEED_ENTRIES: i64 = 20;

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// "2021-08-05 08:00:00" (UTC) as RFC 3339.
fn rfc3339(utc: &str) -> String {
    match utc.split_once(' ') {
        Some((day, time)) => format!("{day}T{time}Z"),
        None => format!("{utc}T00:00:00Z"),
    }
}

fn xml(body: String) -> Response {
    (
        [(header::CONTENT_TYPE, "application/xml; charset=utf-8")],
        body,
    )
        .into_response()
}

fn unavailable() -> Response {
    (StatusCode::SERVICE_UNAVAILABLE, "temporarily unavailable").into_response()
}

pub async fn atom(State(state): State<AppState>) -> Response {
    let Ok(posts) = app::store::news::latest_posts(&state.pool, FEED_ENTRIES).await else {
        return unavailable();
    };
    let site = &state.site.public_url;
    let updated = posts
        .iter()
        .map(|p| p.updated_at.as_str())
        .max()
        .map(rfc3339)
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".into());
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"vi\">\n\
         <title>Tin tức OCOP Quảng Bình</title>\n<id>{news}</id>\n<link rel=\"self\" href=\"{feed}\"/>\n\
         <link rel=\"alternate\" type=\"text/html\" href=\"{news}\"/>\n<updated>{updated}</updated>\n\
         <author><name>Văn phòng Điều phối Chương trình OCOP tỉnh</name></author>\n",
        news = escape(&site.join("/news")),
        feed = escape(&site.join("/feed.xml")),
    );
    for post in posts {
        let url = escape(&site.join(&format!("/news/{}", post.card.slug)));
        // Each topic as a category, for readers that sort by them.
        let categories: String = post
            .card
            .tags
            .iter()
            .map(|tag| {
                format!(
                    "<category term=\"{tag}\" label=\"{}\"/>\n",
                    escape(tag.label(app::i18n::Lang::Vi))
                )
            })
            .collect();
        out.push_str(&format!(
            "<entry>\n<title>{}</title>\n<id>{url}</id>\n<link rel=\"alternate\" type=\"text/html\" href=\"{url}\"/>\n\
             {categories}<published>{}</published>\n<updated>{}</updated>\n<summary>{}</summary>\n<content type=\"html\">{}</content>\n</entry>\n",
            escape(&post.card.title),
            rfc3339(&post.card.published_at),
            rfc3339(&post.updated_at),
            escape(&post.card.summary),
            escape(&post.body_html),
        ));
    }
    out.push_str("</feed>\n");
    (
        [(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")],
        out,
    )
        .into_response()
}

async fn urlset(state: &AppState, offset: i64) -> Response {
    let Ok(paths) = app::store::sitemap::paths(&state.pool, offset, SITEMAP_SIZE).await else {
        return unavailable();
    };
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for (path, day) in paths {
        out.push_str(&format!(
            "<url><loc>{}</loc>",
            escape(&state.site.public_url.join(&path))
        ));
        if let Some(day) = day {
            out.push_str(&format!("<lastmod>{}</lastmod>", escape(&day)));
        }
        out.push_str("</url>\n");
    }
    out.push_str("</urlset>\n");
    xml(out)
}

/// One file while everything fits in it; past that, an index of numbered files.
pub async fn sitemap(State(state): State<AppState>) -> Response {
    let Ok(total) = app::store::sitemap::count(&state.pool).await else {
        return unavailable();
    };
    let total = i64::try_from(total).unwrap_or(i64::MAX);
    if total <= SITEMAP_SIZE {
        return urlset(&state, 0).await;
    }
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for part in 0..(total + SITEMAP_SIZE - 1) / SITEMAP_SIZE {
        out.push_str(&format!(
            "<sitemap><loc>{}</loc></sitemap>\n",
            escape(&state.site.public_url.join(&format!("/sitemaps/{part}")))
        ));
    }
    out.push_str("</sitemapindex>\n");
    xml(out)
}

pub async fn sitemap_part(State(state): State<AppState>, Path(part): Path<u32>) -> Response {
    let offset = i64::from(part) * SITEMAP_SIZE;
    match app::store::sitemap::count(&state.pool).await {
        Ok(total) if offset < i64::try_from(total).unwrap_or(i64::MAX) => {
            urlset(&state, offset).await
        }
        Ok(_) => StatusCode::NOT_FOUND.into_response(),
        Err(_) => unavailable(),
    }
}

/// Each table of the statistics page as CSV: `/stats/{table}.csv`.
/// A table of the public statistics as CSV (`/stats/theo-nhom.csv`) or JSON
/// (`/stats/theo-nhom.json`), with the same columns: code, name_vi, name_en, count.
pub async fn stats_file(State(state): State<AppState>, Path(file): Path<String>) -> Response {
    let (slug, json) = match (file.strip_suffix(".csv"), file.strip_suffix(".json")) {
        (Some(slug), _) => (slug, false),
        (_, Some(slug)) => (slug, true),
        _ => return StatusCode::NOT_FOUND.into_response(),
    };
    let Some(table) = app::model::stats::StatTable::from_slug(slug) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let rows = match app::store::stats::table(&state.pool, table).await {
        Ok(rows) => rows,
        Err(_) => return unavailable(),
    };
    if json {
        let rows: Vec<serde_json::Value> = rows
            .iter()
            .map(|row| {
                serde_json::json!({
                    "code": row.code,
                    "name_vi": row.label_vi,
                    "name_en": row.label_en,
                    "count": row.count,
                })
            })
            .collect();
        return crate::open_data::json(&rows);
    }
    let file = crate::exports::csv(
        &["code", "name_vi", "name_en", "count"],
        rows.iter().map(|row| {
            vec![
                row.code.as_str().into(),
                row.label_vi.as_str().into(),
                row.label_en.as_str().into(),
                Cell::Number(row.count),
            ]
        }),
    );
    match file {
        Ok(bytes) => crate::exports::csv_download(&format!("ocop-{}.csv", table.slug()), bytes),
        Err(_) => unavailable(),
    }
}

/// Crawlers may read everything public; the sitemap is at the public address.
pub async fn robots(State(state): State<AppState>) -> Response {
    let body = format!(
        "User-agent: *\nAllow: /\nDisallow: /portal/\nDisallow: /admin/\nDisallow: /api/\nDisallow: /lang/\n\nSitemap: {}\n",
        state.site.public_url.join("/sitemap.xml")
    );
    ([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], body).into_response()
}

/// `/fairs.ics`: every upcoming public event, to subscribe to.
pub async fn calendar_all(State(state): State<AppState>) -> Response {
    match app::store::events::calendar(&state.pool, None).await {
        Ok(entries) => calendar(&state, &entries, "su-kien-ocop.ics"),
        Err(_) => unavailable(),
    }
}

/// `/fairs/{slug}/calendar.ics`: one event, to add to a calendar (a cancelled one says so).
pub async fn calendar_one(State(state): State<AppState>, Path(slug): Path<String>) -> Response {
    match app::store::events::calendar(&state.pool, Some(&slug)).await {
        Ok(entries) => calendar(&state, &entries, &format!("{slug}.ics")),
        Err(app::error::AppError::NotFound) => StatusCode::NOT_FOUND.into_response(),
        Err(_) => unavailable(),
    }
}

fn calendar(
    state: &AppState,
    entries: &[app::model::events::CalendarEntry],
    file: &str,
) -> Response {
    use icalendar::{Calendar, Component, EventLike};

    let site = &state.site.public_url;
    let mut calendar = Calendar::new();
    calendar.name("Sự kiện OCOP Quảng Bình");
    for entry in entries {
        let day = |text: &str| chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").ok();
        let (Some(first), Some(last)) = (day(&entry.starts_on), day(&entry.ends_on)) else {
            continue;
        };
        let url = site.join(&format!("/fairs/{}", entry.slug));
        let mut event = icalendar::Event::new();
        event
            // The page's address never changes meaning, so it names the event for good.
            .uid(&url)
            .summary(&entry.name)
            .description(&format!("{}\n{url}", entry.summary))
            .location(&format!("{}, {}", entry.venue, entry.location))
            .url(&url)
            .starts(first)
            // All-day events end on the day after their last (DTEND is exclusive).
            .ends(last.succ_opt().unwrap_or(last))
            .status(
                if entry.status == app::model::status::EventStatus::Cancelled {
                    icalendar::EventStatus::Cancelled
                } else {
                    icalendar::EventStatus::Confirmed
                },
            );
        if let Ok(changed) =
            chrono::NaiveDateTime::parse_from_str(&entry.updated_at, "%Y-%m-%d %H:%M:%S")
        {
            event.last_modified(changed.and_utc());
        }
        calendar.push(event.done());
    }
    (
        [
            (
                header::CONTENT_TYPE,
                "text/calendar; charset=utf-8".to_owned(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file}\""),
            ),
        ],
        calendar.done().to_string(),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::{escape, rfc3339};

    #[test]
    fn xml_text_is_escaped_and_times_are_rfc3339() {
        assert_eq!(escape("a < b & \"c\""), "a &lt; b &amp; &quot;c&quot;");
        assert_eq!(rfc3339("2021-08-05 08:00:00"), "2021-08-05T08:00:00Z");
    }
}
