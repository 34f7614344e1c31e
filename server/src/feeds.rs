//! Documents for machines, each written by a maintained crate: the Atom feeds of news (with
//! the office's revocations among them) and of the certificates that ended
//! (`atom_syndication`), the sitemap (quick-xml's writer), and the events as calendars
//! (RFC 5545, `icalendar`).

use axum::extract::{Path, Request, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

use quick_xml::events::BytesText;

use app::error::AppError;
use app::model::moment::Moment;
use app::model::verification::{EndedCertificate, EndedKind};

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

/// A certificate that stopped holding, as a feed's entry: its verification page, the day it
/// ended, and for a revocation the reason.
fn ended_entry(site: &app::site::PublicUrl, ended: &EndedCertificate) -> atom_syndication::Entry {
    use atom_syndication::{Category, Entry, Text};

    let url = site.join(&app::model::verification::path(&ended.certificate_no));
    let (term, title, summary) = match (&ended.revoked_on, &ended.revoke_reason) {
        (Some(day), reason) => (
            "revoked",
            format!(
                "Thu hồi giấy chứng nhận OCOP số {}: {} ({} sao)",
                ended.certificate_no, ended.product, ended.stars
            ),
            format!(
                "Giấy chứng nhận OCOP {} sao của sản phẩm {} ({}) bị thu hồi ngày {}{}.",
                ended.stars,
                ended.product,
                ended.producer,
                day.shown(),
                reason
                    .as_deref()
                    .map(|reason| format!(". Lý do: {reason}"))
                    .unwrap_or_default()
            ),
        ),
        (None, _) => (
            "expired",
            format!(
                "Hết hiệu lực giấy chứng nhận OCOP số {}: {} ({} sao)",
                ended.certificate_no, ended.product, ended.stars
            ),
            format!(
                "Giấy chứng nhận OCOP {} sao của sản phẩm {} ({}) đã hết hiệu lực ngày {}.",
                ended.stars,
                ended.product,
                ended.producer,
                ended.expires_on.shown()
            ),
        ),
    };
    // The day it ended, from its first hour in Vietnam.
    let updated =
        chrono::DateTime::parse_from_rfc3339(&format!("{}T00:00:00+07:00", ended.ended_on.iso()))
            .unwrap_or_default();
    Entry {
        title: Text::plain(title),
        id: url.clone(),
        links: vec![html_link(url)],
        categories: vec![Category {
            term: term.into(),
            label: Some(ended.validity().headline(app::i18n::Lang::Vi).into()),
            ..Default::default()
        }],
        published: Some(updated),
        updated,
        summary: Some(Text::plain(summary)),
        ..Default::default()
    }
}

/// An Atom feed of `entries`, newest first, at `path` (its own address) beside the page `page`.
fn feed_response(
    state: &AppState,
    title: String,
    path: &str,
    page: &str,
    mut entries: Vec<atom_syndication::Entry>,
) -> Response {
    use atom_syndication::{Feed, Link, Person, Text};

    let site = &state.site.public_url;
    let office = state.office.get();
    entries.sort_by_key(|entry| std::cmp::Reverse(entry.updated));
    entries.truncate(FEED_ENTRIES as usize);
    let feed = Feed {
        title: Text::plain(title),
        id: site.join(page),
        lang: Some("vi".into()),
        links: vec![
            Link {
                href: site.join(path),
                rel: "self".into(),
                ..Default::default()
            },
            html_link(site.join(page)),
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

/// `/certificates/ended.xml`: the certificates that stopped holding, revoked or past their
/// end, newest first, as Atom: what a shop or a market inspector subscribes to.
pub async fn ended_atom(State(state): State<AppState>) -> Response {
    let Ok(ended) =
        app::store::verification::latest_ended(&state.pool, EndedKind::Both, FEED_ENTRIES as u32)
            .await
    else {
        return unavailable();
    };
    let site = &state.site.public_url;
    let entries = ended.iter().map(|ended| ended_entry(site, ended)).collect();
    let title = format!(
        "Giấy chứng nhận OCOP đã thu hồi hoặc hết hiệu lực · {}",
        state.office.get().short_name.vi
    );
    feed_response(
        &state,
        title,
        "/certificates/ended.xml",
        "/certificates/ended",
        entries,
    )
}

/// `/feed.xml`: the latest published posts as Atom (RFC 4287), written by `atom_syndication`,
/// with the office's latest revocations among them (decisions it publishes, like its news).
pub async fn atom(State(state): State<AppState>) -> Response {
    use atom_syndication::{Category, Content, Entry, Text};

    let (Ok(posts), Ok(revoked)) = (
        app::store::news::latest_posts(&state.pool, FEED_ENTRIES).await,
        app::store::verification::latest_ended(
            &state.pool,
            EndedKind::Revoked,
            FEED_ENTRIES as u32,
        )
        .await,
    ) else {
        return unavailable();
    };
    let site = &state.site.public_url;
    let mut entries: Vec<Entry> = posts
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
    entries.extend(revoked.iter().map(|ended| ended_entry(site, ended)));
    let title = format!("Tin tức {}", state.office.get().short_name.vi);
    feed_response(&state, title, "/feed.xml", "/news", entries)
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
