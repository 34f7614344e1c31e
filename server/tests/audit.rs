//! The staff's audit log (`/admin/audit`): filtered by who, what kind of record and which
//! days, in pages that keep the filters; bad filters refused with their message.

use crate::common::{spawn_app, DemoUser, TestApp};
use app::model::audit::AuditQuery;
use app::model::page::PageNumber;
use app::store::audit::list;

async fn filtered(app: &TestApp, query: AuditQuery, page: u32) -> app::model::audit::AuditLog {
    list(
        &app.pool,
        query.parse().expect("valid filters"),
        PageNumber::new(page).expect("a page"),
    )
    .await
    .expect("the log")
}

fn query(pairs: &[(&str, &str)]) -> AuditQuery {
    AuditQuery::from_address(|key| {
        pairs
            .iter()
            .find(|(name, _)| *name == key)
            .map(|(_, value)| (*value).to_owned())
    })
}

#[tokio::test]
async fn the_log_is_filtered_by_person_kind_of_record_and_days() {
    let app = spawn_app().await;
    let fair = app.open_fair("Hội chợ nhật ký", 2).await;
    app.apply(DemoUser::ProducerA, &fair, 1).await;
    let staff = app.user_id(DemoUser::Staff).await.0.to_string();
    let producer = app.user_id(DemoUser::ProducerA).await.0.to_string();

    let by_staff = filtered(&app, query(&[("who", &staff)]), 1).await;
    assert!(by_staff.lines.total > 0);
    assert!(by_staff
        .lines
        .items
        .iter()
        .all(|line| line.actor.as_deref() == Some(DemoUser::Staff.email())));
    assert_eq!(
        by_staff.lines.total as i64,
        app.scalar(&format!(
            "SELECT count(*) FROM audit_log WHERE user_id = {staff}"
        ))
        .await
    );
    let applications = filtered(&app, query(&[("kind", "exhibitor_application")]), 1).await;
    assert!(applications.lines.total > 0);
    assert!(applications
        .lines
        .items
        .iter()
        .all(|line| line.entity == "exhibitor_application"
            && line.actor.as_deref() == Some(DemoUser::ProducerA.email())));
    let both = filtered(&app, query(&[("who", &producer), ("kind", "event")]), 1).await;
    assert_eq!(both.lines.total, 0);
    // Today holds every entry just written; tomorrow none.
    let (today, tomorrow) = (app.day(0).await, app.day(1).await);
    let all = filtered(&app, query(&[]), 1).await.lines.total;
    assert_eq!(
        filtered(&app, query(&[("from", &today), ("to", &today)]), 1)
            .await
            .lines
            .total,
        all
    );
    assert_eq!(
        filtered(&app, query(&[("from", &tomorrow)]), 1)
            .await
            .lines
            .total,
        0
    );
    // The choices offered are the people and kinds the log holds.
    assert!(by_staff
        .people
        .iter()
        .any(|p| p.vi == DemoUser::Staff.email()));
    assert!(by_staff
        .entities
        .contains(&"exhibitor_application".to_owned()));
}

#[tokio::test]
async fn pages_keep_their_filters_and_bad_filters_are_refused() {
    let app = spawn_app().await;
    let staff_id = app.user_id(DemoUser::Staff).await.0;
    sqlx::query(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 120)
         INSERT INTO audit_log (at, user_id, action, entity, entity_id, summary)
         SELECT datetime('2020-05-04 08:00:00', '+' || i || ' minutes'), ?1, 'update', 'producer', i, 'Sửa ' || i FROM n",
    )
    .bind(staff_id)
    .execute(&app.direct)
    .await
    .expect("entries");
    let may = query(&[("from", "2020-05-04"), ("to", "2020-05-04")]);
    let third = filtered(&app, may.clone(), 3).await;
    assert_eq!(third.lines.total, 120);
    assert_eq!(third.lines.items.len(), 20);
    // Newest first: the last page ends with the first entry.
    assert_eq!(third.lines.items.last().unwrap().summary, "Sửa 1");

    let staff = app.as_user(DemoUser::Staff).await;
    let page = staff
        .get("/admin/audit?from=2020-05-04&to=2020-05-04&kind=producer")
        .await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("120 mục"));
    assert!(page.body.contains(
        "href=\"/admin/audit?kind=producer&amp;from=2020-05-04&amp;to=2020-05-04&amp;page=2\""
    ));

    for (address, field, message) in [
        (
            "/admin/audit?from=2020-05-05&to=2020-05-04",
            "to",
            "Ngày kết thúc phải từ ngày bắt đầu trở đi.",
        ),
        ("/admin/audit?from=2020-02-30", "from", "Ngày không hợp lệ"),
        ("/admin/audit?who=ai-do", "who", "Vui lòng chọn một người."),
        (
            "/admin/audit?kind=DROP%20TABLE",
            "kind",
            "Vui lòng chọn loại hồ sơ.",
        ),
    ] {
        let refused = staff.get(address).await;
        assert_eq!(refused.status, 422, "{address}");
        assert!(refused.body.contains(message), "{field}: {address}");
    }
}

#[tokio::test]
async fn days_are_vietnam_days_and_times_are_shown_in_vietnam_time() {
    let app = spawn_app().await;
    let staff_id = app.user_id(DemoUser::Staff).await.0;
    // 18:30 UTC on 4 May is 01:30 on 5 May in Vietnam.
    sqlx::query(
        "INSERT INTO audit_log (at, user_id, action, entity, entity_id, summary)
         VALUES ('2020-05-04 18:30:00', ?1, 'update', 'producer', 1, 'Sửa lúc nửa đêm')",
    )
    .bind(staff_id)
    .execute(&app.direct)
    .await
    .expect("an entry");
    let on = |day: &'static str| query(&[("from", day), ("to", day)]);
    assert_eq!(filtered(&app, on("2020-05-04"), 1).await.lines.total, 0);
    let fifth = filtered(&app, on("2020-05-05"), 1).await;
    assert_eq!(fifth.lines.total, 1);
    assert_eq!(fifth.lines.items[0].at.shown(), "05/05/2020 01:30");
}

/// The plan SQLite chooses for the filtered log, its details joined.
async fn plan(app: &TestApp, filter: &app::model::audit::AuditFilter) -> String {
    let query = app::store::audit::filtered("count(*)", "", filter);
    let sql = format!("EXPLAIN QUERY PLAN {}", query.sql());
    let mut explain = sqlx::query_as::<_, (i64, i64, i64, String)>(&sql);
    if let Some(who) = filter.who {
        explain = explain.bind(who.0);
    }
    if let Some(entity) = &filter.entity {
        explain = explain.bind(entity.clone());
    }
    if let Some(from) = filter.from {
        explain = explain.bind(from.iso());
    }
    if let Some(to) = filter.to {
        explain = explain.bind(to.iso());
    }
    let rows = explain.fetch_all(&app.pool).await.expect("a plan");
    rows.into_iter()
        .map(|(_, _, _, detail)| detail)
        .collect::<Vec<_>>()
        .join("; ")
}

#[tokio::test]
async fn each_filter_reads_the_log_through_its_index() {
    let app = spawn_app().await;
    for (pairs, index) in [
        (vec![("who", "3")], "audit_log_user"),
        (vec![("kind", "registration")], "audit_log_entity"),
        (
            vec![("from", "2026-01-01"), ("to", "2026-01-31")],
            "audit_log_at",
        ),
    ] {
        let filter = query(&pairs).parse().expect("valid");
        let plan = plan(&app, &filter).await;
        assert!(plan.contains(index), "{pairs:?}: {plan}");
        assert!(
            !plan.contains("SCAN a") || plan.contains("INDEX"),
            "{pairs:?}: {plan}"
        );
    }
}
