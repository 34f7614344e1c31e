//! Documents for machines, each written by a maintained crate: the Atom feed of news
//! (`atom_syndication`), the sitemap (quick-xml's writer), and the events as calendars
//! (RFC 5545, `icalendar`).

use axum::extract::{Path, Request, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

use quick_xml::events::BytesText;

use app::error::AppError;
use app::model::moment::Moment;

use crate::downloads::Download;
use crate::exports::Cell;
use crate::state::AppState;

/// Addresses per sitemap file, as the sitemap protocol allows at most.
const SITEMAP_SIZE: i64 = 50_000;
const FEED_ENTRIES: i64 = 20;

/// A moment as feeds and calendars write it (UTC).
fn utc_time(moment: Moment) -> Option<atom_syndication::FixedDateTime> {
    chrono::DateTime::parse_from_rfc3339(&moment.rfc3339()).ok()
}

fn unavailable() -> Response {
    (StatusCode::SERVICE_UNAVAILABLE, "temporarily unavailable").into_response()
}

fn html_link(href: String) -> atom_syndication::Link {
    atom_syndication::Link {
        href,
        rel: "alternate".into(),
        mime_type: Some("text/html".into()),
        ..Default::default()
    }
}

/// `/feed.xml`: the latest published posts as Atom (RFC 4287), written by `atom_syndication`.
pub async fn atom(State(state): State<AppState>) -> Response {
    use atom_syndication::{Category, Content, Entry, Feed, Link, Person, Text};

    let Ok(posts) = app::store::news::latest_posts(&state.pool, FEED_ENTRIES).await else {
        return unavailable();
    };
    let site = &state.site.public_url;
    let office = state.office.get();
    let entries: Vec<Entry> = posts
        .iter()
        .map(|post| {
            let url = site.join(&format!("/news/{}", post.card.slug));
            let updated = utc_time(post.updated_at).unwrap_or_default();
            Entry {
                title: Text::plain(post.card.title.as_str()),
                id: url.clone(),
                links: vec![html_link(url)],
                // Each topic as a category, for readers that sort by them.
                categories: post
                    .card
                    .tags
                    .iter()
                    .map(|tag| Category {
                        term: tag.to_string(),
                        label: Some(tag.label(app::i18n::Lang::Vi).into()),
                        ..Default::default()
                    })
                    .collect(),
                published: Some(utc_time(post.card.published_at).unwrap_or(updated)),
                updated,
                summary: Some(Text::plain(post.card.summary.as_str())),
                content: Some(Content {
                    value: Some(post.body_html.clone()),
                    content_type: Some("html".into()),
                    ..Default::default()
                }),
                ..Default::default()
            }
        })
        .collect();
    let feed = Feed {
        title: Text::plain(format!("Tin tức {}", office.short_name.vi)),
        id: site.join("/news"),
        lang: Some("vi".into()),
        links: vec![
            Link {
                href: site.join("/feed.xml"),
                rel: "self".into(),
                ..Default::default()
            },
            html_link(site.join("/news")),
        ],
        // The newest change of any entry; an empty feed has none and says the epoch.
        updated: entries.iter().map(|e| e.updated).max().unwrap_or_default(),
        authors: vec![Person {
            name: office.name.vi.clone(),
            ..Default::default()
        }],
        entries,
        ..Default::default()
    };
    match feed.write_to(Vec::new()) {
        Ok(body) => (
            [(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")],
            body,
        )
            .into_response(),
        Err(_) => unavailable(),
    }
}

/// A sitemap file (sitemaps.org 0.9): `urlset` with each address and the day it last changed,
/// or `sitemapindex` with each part's address. quick-xml writes and escapes it.
fn sitemap_file<'a>(
    root: &str,
    entries: impl Iterator<Item = (&'a str, String, Option<&'a str>)>,
) -> Result<Vec<u8>, std::io::Error> {
    use quick_xml::events::{BytesDecl, Event};

    let mut writer = quick_xml::Writer::new(Vec::new());
    writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("utf-8"), None)))?;
    writer
        .create_element(root)
        .with_attribute(("xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9"))
        .write_inner_content(|writer| {
            for (element, loc, lastmod) in entries {
                writer
                    .create_element(element)
                    .write_inner_content(|writer| {
                        writer
                            .create_element("loc")
                            .write_text_content(BytesText::new(&loc))?;
                        if let Some(day) = lastmod {
                            writer
                                .create_element("lastmod")
                                .write_text_content(BytesText::new(day))?;
                        }
                        Ok(())
                    })?;
            }
            Ok(())
        })?;
    Ok(writer.into_inner())
}

async fn urlset(state: &AppState, offset: i64) -> Result<Vec<u8>, AppError> {
    let paths = app::store::sitemap::paths(&state.pool, offset, SITEMAP_SIZE).await?;
    let site = &state.site.public_url;
    sitemap_file(
        "urlset",
        paths
            .iter()
            .map(|(path, day)| ("url", site.join(path), day.as_deref())),
    )
    .map_err(|_| AppError::Internal)
}

fn sitemap_download(name: &str) -> Download<'_> {
    Download {
        name,
        extension: "xml",
        content_type: "application/xml; charset=utf-8",
        attachment: None,
    }
}

/// One file while everything fits in it; past that, an index of numbered files. Made once for
/// each version of the content (`downloads`).
pub async fn sitemap(State(state): State<AppState>, request: Request) -> Response {
    state
        .downloads
        .send(
            &state.pool,
            request,
            sitemap_download("sitemap"),
            async || {
                let total = app::store::sitemap::count(&state.pool).await?;
                let total = i64::try_from(total).unwrap_or(i64::MAX);
                if total <= SITEMAP_SIZE {
                    return urlset(&state, 0).await;
                }
                let site = &state.site.public_url;
                sitemap_file(
                    "sitemapindex",
                    (0..(total + SITEMAP_SIZE - 1) / SITEMAP_SIZE)
                        .map(|part| ("sitemap", site.join(&format!("/sitemaps/{part}")), None)),
                )
                .map_err(|_| AppError::Internal)
            },
        )
        .await
}

pub async fn sitemap_part(
    State(state): State<AppState>,
    Path(part): Path<u32>,
    request: Request,
) -> Response {
    let name = format!("sitemap-{part}");
    state
        .downloads
        .send(&state.pool, request, sitemap_download(&name), async || {
            let offset = i64::from(part) * SITEMAP_SIZE;
            let total = app::store::sitemap::count(&state.pool).await?;
            if offset >= i64::try_from(total).unwrap_or(i64::MAX) {
                return Err(AppError::NotFound);
            }
            urlset(&state, offset).await
        })
        .await
}

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
    calendar.name(&format!("Sự kiện {}", state.office.get().short_name.vi));
    for entry in entries {
        let day = |day: app::model::day::Day| {
            chrono::NaiveDate::from_ymd_opt(day.year(), day.month().into(), day.day().into())
        };
        let (Some(first), Some(last)) = (day(entry.starts_on), day(entry.ends_on)) else {
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
                if entry.status == app::model::events::status::EventStatus::Cancelled {
                    icalendar::EventStatus::Cancelled
                } else {
                    icalendar::EventStatus::Confirmed
                },
            );
        if let Some(changed) = utc_time(entry.updated_at) {
            event.last_modified(changed.to_utc());
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
    use super::sitemap_file;

    #[test]
    fn a_sitemap_escapes_its_addresses_and_names_a_day_only_when_known() {
        let file = sitemap_file(
            "urlset",
            [
                (
                    "url",
                    "https://x.vn/news?a=1&b=2".to_owned(),
                    Some("2021-08-05"),
                ),
                ("url", "https://x.vn/fairs".to_owned(), None),
            ]
            .into_iter(),
        )
        .unwrap();
        assert_eq!(
            String::from_utf8(file).unwrap(),
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\
             <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\
             <url><loc>https://x.vn/news?a=1&amp;b=2</loc><lastmod>2021-08-05</lastmod></url>\
             <url><loc>https://x.vn/fairs</loc></url></urlset>"
        );
    }
}
