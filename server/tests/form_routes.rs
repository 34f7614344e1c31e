//! The pages of staff and producers as a browser sees them (events, the OCOP cycle): every
//! form on them posts to an address the server answers, and no id is used twice. A refusal
//! of the empty post is fine; a 404 or 405 from the router means a form that can never work.

use crate::common::{spawn_app, spawn_copy, DemoUser, TestApp};

/// The (method, action) of every form of the page.
fn forms(body: &str) -> Vec<(String, String)> {
    body.split("<form")
        .skip(1)
        .filter_map(|form| {
            let tag = form.split('>').next()?;
            let attribute = |name: &str| {
                tag.split(&format!("{name}=\""))
                    .nth(1)
                    .and_then(|rest| rest.split('"').next())
                    .map(|value| value.replace("&amp;", "&"))
            };
            Some((
                attribute("method").unwrap_or_default(),
                attribute("action")?,
            ))
        })
        .collect()
}

async fn check(origin: &TestApp, user: DemoUser, page: &str, failures: &mut Vec<String>) {
    let reply = origin.as_user(user).await.get(page).await;
    assert_eq!(reply.status, 200, "{user:?} {page}");
    // Labels find their fields by id: an id used twice labels the wrong field.
    let mut ids: Vec<&str> = reply
        .body
        .split(" id=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .collect();
    ids.sort_unstable();
    for pair in ids.windows(2).filter(|pair| pair[0] == pair[1]) {
        failures.push(format!(
            "{user:?} on {page}: the id {} is used twice",
            pair[0]
        ));
    }
    let found = forms(&reply.body);
    assert!(!found.is_empty(), "{page} has forms");
    for (method, action) in found {
        if method != "post" {
            continue;
        }
        // Each post on its own copy: one form's effect never hides another's route.
        let app = spawn_copy(origin).await;
        let answer = app.as_user(user).await.post(&action).form(&[]).await;
        let routed = !(answer.status == 405
            || (answer.status == 404 && answer.body.contains("Không tìm thấy trang")));
        if !routed {
            failures.push(format!(
                "{user:?} on {page}: POST {action} answered {}",
                answer.status
            ));
        }
    }
}

#[tokio::test]
async fn every_form_of_the_event_pages_posts_where_the_server_listens() {
    let origin = spawn_app().await;
    let booth = origin
        .scalar("SELECT min(id) FROM booths WHERE event_id = 6 AND status = 'available'")
        .await;
    let application = origin
        .scalar("SELECT min(id) FROM exhibitor_applications WHERE event_id = 6 AND status = 'submitted'")
        .await;
    let approved = origin
        .scalar(
            "SELECT min(id) FROM exhibitor_applications WHERE event_id = 6 AND status = 'approved'",
        )
        .await;
    let booth_type = origin
        .scalar("SELECT min(id) FROM booth_types WHERE event_id = 6")
        .await;
    let mut failures = Vec::new();
    for page in [
        "/admin/events/new".to_owned(),
        "/admin/events/6".to_owned(),
        "/admin/events/6/booths".to_owned(),
        format!("/admin/events/6/booths?booth={booth}"),
        format!("/admin/events/6/booths?type={booth_type}"),
        format!("/admin/events/6/applications/{application}"),
        format!("/admin/events/6/applications/{approved}"),
        "/admin/events/9/places".to_owned(),
    ] {
        check(&origin, DemoUser::Staff, &page, &mut failures).await;
    }
    // The producer's pages, with dates counted from today: a fair it applied to, a training it
    // registered for, and one it may register for.
    let fair = origin.open_fair("Hội chợ có đơn", 2).await;
    origin.apply(DemoUser::ProducerA, &fair, 1).await;
    let registered = origin.open_training("Tập huấn đã đăng ký", 5).await;
    let reply = origin
        .as_user(DemoUser::ProducerA)
        .await
        .post(&format!("/portal/events/{registered}/register"))
        .form(&[
            ("attendee_name", "Nguyễn An"),
            ("organisation", "HTX Sơn Lộc"),
        ])
        .await;
    assert_eq!(reply.status, 303);
    let open = origin.open_training("Tập huấn còn chỗ", 5).await;
    for event in [fair.id, registered, open] {
        check(
            &origin,
            DemoUser::ProducerA,
            &format!("/portal/events/{event}"),
            &mut failures,
        )
        .await;
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[tokio::test]
async fn every_form_of_the_ocop_pages_posts_where_the_server_listens() {
    let origin = spawn_app().await;
    origin.open_cycle(2027, None).await;
    let own = origin.register_for_ocop(DemoUser::ProducerA).await;
    let council = origin
        .scalar("SELECT c.id FROM councils c JOIN ocop_cycles y ON y.id = c.cycle_id WHERE y.year = 2026")
        .await;
    let waiting = origin
        .scalar("SELECT min(r.id) FROM registrations r JOIN ocop_cycles y ON y.id = r.cycle_id WHERE y.year = 2026 AND r.status = 'eligible'")
        .await;
    let in_2026 = |status: &str| {
        format!("SELECT min(r.id) FROM registrations r JOIN ocop_cycles y ON y.id = r.cycle_id WHERE y.year = 2026 AND r.status = '{status}'")
    };
    let certificate = origin
        .scalar("SELECT min(id) FROM certificates WHERE revoked_on IS NULL AND expires_on >= date('now')")
        .await;
    let producer_a = origin.producer_id(DemoUser::ProducerA).await;
    let mut failures = Vec::new();
    let mut pages = vec![
        "/admin/cycles".to_owned(),
        "/admin/cycles/2026".to_owned(),
        "/admin/cycles/2027".to_owned(),
        format!("/admin/cycles/2027/registrations?for={producer_a}"),
        "/admin/cycles/2026/councils".to_owned(),
        format!("/admin/councils/{council}?product={waiting}"),
        "/admin/cycles/2026/decision".to_owned(),
        format!("/admin/certificates?revoke={certificate}"),
        format!("/admin/registrations/{own}?item=form_02"),
        "/admin/reports?year=2021&day=2021-07-30&compare=2021-04-15".to_owned(),
        "/admin/audit?kind=registration".to_owned(),
    ];
    for status in ["dossier_complete", "proposed", "registered"] {
        pages.push(format!(
            "/admin/registrations/{}",
            origin.scalar(&in_2026(status)).await
        ));
    }
    for page in pages {
        check(&origin, DemoUser::Staff, &page, &mut failures).await;
    }
    for page in ["/portal/ocop".to_owned(), format!("/portal/ocop/{own}")] {
        check(&origin, DemoUser::ProducerA, &page, &mut failures).await;
    }
    // The commune's desk, with its form to register a product for one of its producers, and
    // a complete dossier of its commune with the review's form.
    sqlx::query("UPDATE registrations SET status = 'dossier_complete' WHERE id = ?1")
        .bind(own)
        .execute(&origin.direct)
        .await
        .expect("a complete dossier");
    for page in [
        "/commune".to_owned(),
        format!("/commune?for={producer_a}"),
        format!("/commune/registrations/{own}"),
    ] {
        check(&origin, DemoUser::Officer, &page, &mut failures).await;
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
