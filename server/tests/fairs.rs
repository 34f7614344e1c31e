//! What visitors see of events (`/fairs`, `/fairs/{slug}`, `server/src/feeds.rs`): exhibitors
//! with their booths, found as the catalogue finds (without diacritics too); each booth on the
//! plan leading to its exhibitor's online booth; past events kept with who exhibited; and the
//! events as calendar files that calendar programs read.

use crate::common::{spawn_app, DemoUser};
use chrono::NaiveDate;
use icalendar::{Calendar, Component, DatePerhapsTime, EventLike};

const DEMO_FAIR: &str = "/fairs/hoi-cho-ocop-dong-hoi-2026";

#[tokio::test]
async fn the_exhibitors_of_a_fair_are_listed_with_their_booths_and_found_without_diacritics() {
    let app = spawn_app().await;
    let page = app.get(DEMO_FAIR).await;
    assert_eq!(page.status, 200);
    // (Leptos marks where text pieces meet with `<!>`.)
    assert!(page
        .body
        .replace("<!>", "")
        .contains("Đơn vị trưng bày (11)"));
    assert!(page.body.contains("<span class=\"booth-code\">A01</span>"));
    // Typed without diacritics, a product's name finds its exhibitor, and only it.
    // (The plan above names every booth's exhibitor: look in the list only.)
    let list = |body: String| {
        body.split("id=\"exhibitors\"")
            .nth(1)
            .unwrap_or_default()
            .to_owned()
    };
    let found = list(app.get(&format!("{DEMO_FAIR}?q=mat+ong")).await.body);
    assert!(found.contains("Hợp tác xã Mật ong Tuyên Hóa"));
    assert!(!found.contains("Công ty TNHH Nước mắm Cảnh Dương"));
    let booth = list(app.get(&format!("{DEMO_FAIR}?q=b01")).await.body);
    assert!(booth.contains("Hợp tác xã Nông nghiệp Sơn Lộc"));
    assert!(!booth.contains("Hợp tác xã Mật ong Tuyên Hóa"));
    let nothing = list(app.get(&format!("{DEMO_FAIR}?q=xyzzy")).await.body);
    assert!(nothing.contains("Không có đơn vị nào khớp"));
}

#[tokio::test]
async fn each_assigned_booth_on_the_plan_leads_to_its_exhibitors_online_booth() {
    let app = spawn_app().await;
    let page = app.get(DEMO_FAIR).await;
    let booth_link = "/fairs/hoi-cho-ocop-dong-hoi-2026/htx-nong-nghiep-son-loc";
    assert!(
        page.body.contains(&format!("href=\"{booth_link}\"")),
        "the plan links B01 to its exhibitor"
    );
    let online = app.get(booth_link).await;
    assert_eq!(online.status, 200);
    let text = online.body.replace("<!>", "");
    assert!(text.contains("Gian hàng trực tuyến: Hợp tác xã Nông nghiệp Sơn Lộc"));
    assert!(text.contains("Gian B01"));
    assert!(online.body.contains("class=\"product-grid\""));
    // A producer that does not exhibit there has no booth to show.
    assert_eq!(
        app.get("/fairs/hoi-cho-ocop-dong-hoi-2026/co-so-toi-den-quang-minh")
            .await
            .status,
        404
    );
    assert_eq!(
        app.get("/fairs/khong-co/htx-nong-nghiep-son-loc")
            .await
            .status,
        404
    );
}

#[tokio::test]
async fn a_deactivated_producer_leaves_the_public_plan_and_the_sitemap() {
    let app = spawn_app().await;
    let product = app.published_product(DemoUser::ProducerA).await;
    assert!(app
        .get(DEMO_FAIR)
        .await
        .body
        .contains("Hợp tác xã Nông nghiệp Sơn Lộc"));
    sqlx::query("UPDATE producers SET active = 0 WHERE slug = 'htx-nong-nghiep-son-loc'")
        .execute(&app.direct)
        .await
        .unwrap();
    let page = app.get(DEMO_FAIR).await;
    assert_eq!(page.status, 200);
    assert!(!page.body.contains("Hợp tác xã Nông nghiệp Sơn Lộc"));
    assert!(!page.body.contains("htx-nong-nghiep-son-loc"));
    // B01 is still shown as taken.
    assert!(
        page.body.contains("<span class=\"booth-code\">B01</span>") || page.body.contains(">B01<")
    );
    let sitemap = app.get("/sitemaps/1.xml").await.body + &app.get("/sitemap.xml").await.body;
    assert!(
        !sitemap.contains(&format!("/products/{}<", product.slug)),
        "{sitemap}"
    );
    assert!(!sitemap.contains("/producers/htx-nong-nghiep-son-loc<"));
}

#[tokio::test]
async fn a_new_exhibitor_appears_on_the_public_page_at_its_booth() {
    let app = spawn_app().await;
    let fair = app.open_fair("Hội chợ trái cây mùa hè", 3).await;
    let application = app.apply(DemoUser::ProducerA, &fair, 2).await;
    let reply = app
        .as_user(DemoUser::Staff)
        .await
        .post(&format!(
            "/admin/events/{}/applications/{application}/approve",
            fair.id
        ))
        .form(&[("booth_id", &fair.booths[1].to_string())])
        .await;
    assert_eq!(reply.status, 303);
    let page = app.get(&format!("/fairs/{}", fair.slug)).await;
    assert!(page.body.contains("<span class=\"booth-code\">A02</span>"));
    assert!(page
        .body
        .contains(&format!("/fairs/{}/htx-nong-nghiep-son-loc", fair.slug)));
    assert!(page
        .body
        .contains("A02 · Đã xếp · Hợp tác xã Nông nghiệp Sơn Lộc"));
}

#[tokio::test]
async fn past_events_stay_as_an_archive_with_who_exhibited() {
    let app = spawn_app().await;
    let list = app.get("/fairs").await;
    // Upcoming first, then the archive.
    let upcoming = list
        .body
        .find("Hội chợ sản phẩm OCOP và đặc sản vùng miền năm 2026")
        .expect("upcoming");
    let past = list
        .body
        .find("Festival trái cây và sản phẩm OCOP Việt Nam năm 2022")
        .expect("past");
    assert!(upcoming < past);
    assert!(list.body.contains("Đã diễn ra"));
    let festival: String = app
        .text("SELECT slug FROM events WHERE name LIKE 'Festival trái cây%'")
        .await;
    let page = app.get(&format!("/fairs/{festival}")).await;
    assert!(page.body.contains("Đã diễn ra"));
    assert!(page.body.contains("class=\"booth-code\""));
}

fn day(value: Option<DatePerhapsTime>) -> NaiveDate {
    match value {
        Some(DatePerhapsTime::Date(date)) => date,
        other => panic!("an all-day date, not {other:?}"),
    }
}

#[tokio::test]
async fn the_calendar_of_one_event_is_a_valid_all_day_entry_with_its_venue() {
    let app = spawn_app().await;
    let reply = app
        .get("/fairs/hoi-cho-ocop-dong-hoi-2026/calendar.ics")
        .await;
    assert_eq!(reply.status, 200);
    assert!(reply.header("content-type").starts_with("text/calendar"));
    assert!(reply.body.contains("\r\n"), "lines end in CRLF (RFC 5545)");
    assert!(
        reply
            .body
            .lines()
            .all(|line| line.trim_end_matches('\r').len() <= 75),
        "long lines are folded"
    );
    let calendar: Calendar = reply.body.parse().expect("a calendar the parser reads");
    let events: Vec<_> = calendar.events().collect();
    assert_eq!(events.len(), 1);
    let event = events[0];
    assert_eq!(
        event.get_summary(),
        Some("Hội chợ sản phẩm OCOP và đặc sản vùng miền năm 2026")
    );
    assert!(event
        .get_location()
        .unwrap_or_default()
        .contains("Quảng trường Hồ Chí Minh"));
    assert_eq!(
        day(event.get_start()),
        NaiveDate::from_ymd_opt(2026, 12, 17).unwrap()
    );
    // The end is exclusive: the day after the last.
    assert_eq!(
        day(event.get_end()),
        NaiveDate::from_ymd_opt(2026, 12, 22).unwrap()
    );
    assert_eq!(
        event.get_url(),
        Some("https://ocop.example.vn/fairs/hoi-cho-ocop-dong-hoi-2026")
    );
    assert_eq!(app.get("/fairs/khong-co/calendar.ics").await.status, 404);
}

#[tokio::test]
async fn the_calendar_of_all_events_holds_the_upcoming_public_ones_only() {
    let app = spawn_app().await;
    app.create_event(&[("name", "Hội chợ còn là bản nháp")])
        .await;
    let reply = app.get("/fairs.ics").await;
    assert_eq!(reply.status, 200);
    let calendar: Calendar = reply.body.parse().expect("a calendar the parser reads");
    let names: Vec<&str> = calendar
        .events()
        .filter_map(|event| event.get_summary())
        .collect();
    assert!(names.contains(&"Hội chợ sản phẩm OCOP và đặc sản vùng miền năm 2026"));
    assert!(
        !names.iter().any(|name| name.contains("2022")),
        "past events are not upcoming: {names:?}"
    );
    assert!(!names.contains(&"Hội chợ còn là bản nháp"));
    let upcoming = app
        .scalar("SELECT count(*) FROM events WHERE status IN ('published', 'closed') AND ends_on >= date('now', '+7 hours')")
        .await;
    assert_eq!(i64::try_from(names.len()).unwrap(), upcoming);
}
