//! Councils and their results (`/admin/councils/{id}`): sheets within the cycle's scheme, the
//! average and its star at every band edge, and which level may recognise which star under the
//! rules of the period (1048/2019, 148/2023, 1489/2025).

use crate::common;

use crate::common::{spawn_app, DemoUser, TestApp};

/// A cycle of `year` under the scheme `scheme_id`, at the evaluation stage.
async fn cycle(app: &TestApp, year: i64, scheme_id: i64) -> i64 {
    sqlx::query_scalar(
        "INSERT INTO ocop_cycles (year, name, scheme_id, stage, opens_on) VALUES (?1, 'Chu trình thử ' || ?1, ?2, 'evaluation', ?1 || '-03-01') RETURNING id",
    )
    .bind(year)
    .bind(scheme_id)
    .fetch_one(&app.direct)
    .await
    .expect("cycle")
}

/// A registration of a demo product, appraised eligible and waiting at `level`.
async fn eligible(app: &TestApp, cycle_id: i64, level: &str, nth: i64) -> i64 {
    sqlx::query_scalar(
        "INSERT INTO registrations (cycle_id, product_id, kind, registered_on, status, level)
         VALUES (?1, (SELECT id FROM products WHERE status = 'published' ORDER BY id LIMIT 1 OFFSET ?3), 'existing', '2030-03-02', 'eligible', ?2)
         RETURNING id",
    )
    .bind(cycle_id)
    .bind(level)
    .bind(nth)
    .fetch_one(&app.direct)
    .await
    .expect("registration")
}

/// A council formed through the site; its id and its members' ids.
async fn council(app: &TestApp, year: i64, level: &str) -> (i64, Vec<i64>) {
    let reply = app
        .as_user(DemoUser::Staff)
        .await
        .post(&format!("/admin/cycles/{year}/councils"))
        .form(&[
            ("level", level),
            ("name", "Hội đồng thử"),
            ("formed_on", &format!("{year}-09-01")),
            (
                "members",
                "Nguyễn Văn A, Chủ tịch\nTrần Thị B, Ủy viên\nLê Văn C, Ủy viên",
            ),
        ])
        .await;
    assert_eq!(reply.status, 303, "{}", reply.field_message("level"));
    let id = reply
        .header("location")
        .trim_start_matches("/admin/councils/")
        .split('?')
        .next()
        .and_then(|id| id.parse().ok())
        .expect("the council's page");
    let members = sqlx::query_scalar(
        "SELECT id FROM council_members WHERE council_id = ?1 ORDER BY position",
    )
    .bind(id)
    .fetch_all(&app.pool)
    .await
    .expect("members");
    (id, members)
}

async fn sheet(
    app: &TestApp,
    council: i64,
    registration: i64,
    member: i64,
    parts: [&str; 3],
) -> common::Reply {
    app.as_user(DemoUser::Staff)
        .await
        .post(&format!("/admin/councils/{council}/sheets/{registration}"))
        .form(&[
            ("member_id", &member.to_string()),
            ("score_a", parts[0]),
            ("score_b", parts[1]),
            ("score_c", parts[2]),
        ])
        .await
}

async fn close(app: &TestApp, council: i64, registration: i64) -> common::Reply {
    app.as_user(DemoUser::Staff)
        .await
        .post(&format!("/admin/councils/{council}/close/{registration}"))
        .await
}

async fn status_and_level(app: &TestApp, registration: i64) -> String {
    app.text(&format!(
        "SELECT status || ' ' || coalesce(level, '-') FROM registrations WHERE id = {registration}"
    ))
    .await
}

#[tokio::test]
async fn a_part_above_its_maximum_or_below_zero_is_refused_per_scheme() {
    let app = spawn_app().await;
    // Under 1048 part A is worth 35 and C 40; under 148, A 40 and C 35.
    for (year, scheme, ok_a, bad_a, bad_c) in [
        (2031, 1, "35", "35,01", "40,5"),
        (2032, 2, "40", "40.01", "35,01"),
    ] {
        let cycle = cycle(&app, year, scheme).await;
        let registration = eligible(&app, cycle, "province", 0).await;
        let (council, members) = council(&app, year, "province").await;
        let before = app.snapshot().await;
        for parts in [
            [bad_a, "20", "30"],
            ["-1", "20", "30"],
            ["30", "20", bad_c],
            ["30", "25,001", "30"],
            ["30", "abc", "30"],
        ] {
            let reply = sheet(&app, council, registration, members[0], parts).await;
            assert_eq!(reply.status, 422, "{year} {parts:?}");
            let field = ["score_a", "score_b", "score_c"]
                .into_iter()
                .find(|field| !reply.field_message(field).is_empty())
                .unwrap_or_else(|| panic!("a message by the field: {parts:?}"));
            assert!(reply.field_message(field).contains("Nhập số điểm từ 0 đến"));
        }
        assert_eq!(app.snapshot().await, before, "{year}");
        assert_eq!(
            sheet(&app, council, registration, members[0], [ok_a, "25", "0"])
                .await
                .status,
            303
        );
    }
    // The database holds the same line.
    let over = sqlx::query(
        "INSERT INTO score_sheets (registration_id, council_id, member_id, score_a, score_b, score_c, entered_by)
         SELECT registration_id, council_id, member_id, 4001, 0, 0, entered_by FROM score_sheets LIMIT 1",
    )
    .execute(&app.direct)
    .await;
    assert!(over.is_err());
}

#[tokio::test]
async fn the_council_average_gives_the_star_of_its_band_at_every_edge() {
    let app = spawn_app().await;
    let year = 2033;
    let cycle = cycle(&app, year, 2).await;
    let (council, members) = council(&app, year, "province").await;
    // Two members' totals and the star their average earns; the province recognises up to 4
    // stars under 148, forwards 5, and does not recognise under 3.
    let cases: [([&str; 3], [&str; 3], &str, &str); 9] = [
        (
            ["10", "10", "9,99"],
            ["10", "10", "9,99"],
            "29,99",
            "not_recognised -",
        ),
        (
            ["10", "10", "10"],
            ["10", "10", "10"],
            "30,00",
            "not_recognised -",
        ),
        (
            ["20", "10", "19,99"],
            ["20", "10", "19,99"],
            "49,99",
            "not_recognised -",
        ),
        (
            ["20", "10", "20"],
            ["20", "10", "20"],
            "50,00",
            "evaluated province",
        ),
        (
            ["30", "20", "19,99"],
            ["30", "20", "19,99"],
            "69,99",
            "evaluated province",
        ),
        // 69,995 rounds to 70,00: four stars.
        (
            ["30", "20", "19,99"],
            ["30", "20", "20"],
            "70,00",
            "evaluated province",
        ),
        (
            ["35", "25", "29,99"],
            ["35", "25", "29,99"],
            "89,99",
            "evaluated province",
        ),
        (
            ["35", "25", "30"],
            ["35", "25", "30"],
            "90,00",
            "eligible central",
        ),
        (
            ["40", "25", "35"],
            ["40", "25", "35"],
            "100,00",
            "eligible central",
        ),
    ];
    for (n, (first, second, total, after)) in cases.into_iter().enumerate() {
        let registration = eligible(&app, cycle, "province", i64::try_from(n).unwrap()).await;
        assert_eq!(
            sheet(&app, council, registration, members[0], first)
                .await
                .status,
            303
        );
        // One sheet is not enough for a result.
        let early = close(&app, council, registration).await;
        assert_eq!(early.status, 409);
        assert!(early
            .body
            .contains("Cần phiếu chấm của ít nhất 2 thành viên."));
        assert_eq!(
            sheet(&app, council, registration, members[1], second)
                .await
                .status,
            303
        );
        let page = app
            .as_user(DemoUser::Staff)
            .await
            .get(&format!("/admin/councils/{council}"))
            .await;
        assert!(page.body.contains(total), "{total}");
        assert_eq!(close(&app, council, registration).await.status, 303);
        assert_eq!(status_and_level(&app, registration).await, after, "{total}");
        let stored = app
            .text(&format!("SELECT total || ' ' || stars || ' ' || (score_a + score_b + score_c) FROM evaluations WHERE registration_id = {registration}"))
            .await;
        let hundredths = total.replace(',', "").trim_start_matches('0').to_owned();
        assert!(
            stored.starts_with(&format!("{hundredths} ")),
            "{total}: {stored}"
        );
    }
}

#[tokio::test]
async fn who_may_recognise_which_star_follows_the_rules_of_each_period() {
    let app = spawn_app().await;
    // 148: a district council recognises 3 stars, and forwards a 4-star product to the province.
    let cycle_148 = cycle(&app, 2034, 2).await;
    let (district, members) = council(&app, 2034, "district").await;
    let three = eligible(&app, cycle_148, "district", 0).await;
    let four = eligible(&app, cycle_148, "district", 1).await;
    for (registration, parts) in [(three, ["25", "15", "20"]), (four, ["30", "20", "25"])] {
        sheet(&app, district, registration, members[0], parts).await;
        sheet(&app, district, registration, members[1], parts).await;
        assert_eq!(close(&app, district, registration).await.status, 303);
    }
    assert_eq!(status_and_level(&app, three).await, "evaluated district");
    assert_eq!(status_and_level(&app, four).await, "eligible province");
    // The province cannot recognise 5 stars: it goes on to the central council.
    let (province, members) = council(&app, 2034, "province").await;
    sheet(&app, province, four, members[0], ["40", "25", "30"]).await;
    sheet(&app, province, four, members[1], ["40", "25", "30"]).await;
    assert_eq!(close(&app, province, four).await.status, 303);
    assert_eq!(status_and_level(&app, four).await, "eligible central");

    // 1048: the district scores and forwards even a 3-star product.
    let cycle_1048 = cycle(&app, 2035, 1).await;
    let (district, members) = council(&app, 2035, "district").await;
    let forwarded = eligible(&app, cycle_1048, "district", 2).await;
    sheet(&app, district, forwarded, members[0], ["25", "15", "20"]).await;
    sheet(&app, district, forwarded, members[1], ["25", "15", "20"]).await;
    assert_eq!(close(&app, district, forwarded).await.status, 303);
    assert_eq!(status_and_level(&app, forwarded).await, "eligible province");

    // 1489: no district council at all.
    cycle(&app, 2036, 3).await;
    let before = app.snapshot().await;
    let reply = app
        .as_user(DemoUser::Staff)
        .await
        .post("/admin/cycles/2036/councils")
        .form(&[
            ("level", "district"),
            ("name", "Hội đồng huyện"),
            ("formed_on", "2036-09-01"),
            ("members", "A\nB\nC"),
        ])
        .await;
    assert_eq!(reply.status, 422);
    assert!(reply.field_message("level").contains("1489/QĐ-TTg"));
    assert_eq!(app.snapshot().await, before);
}

#[tokio::test]
async fn a_council_acts_only_on_products_waiting_at_its_level() {
    let app = spawn_app().await;
    let cycle = cycle(&app, 2037, 2).await;
    let (province, members) = council(&app, 2037, "province").await;
    let at_district = eligible(&app, cycle, "district", 0).await;
    let before = app.snapshot().await;
    let reply = sheet(&app, province, at_district, members[0], ["30", "20", "20"]).await;
    assert_eq!(reply.status, 409);
    assert!(reply.body.contains("không còn chờ hội đồng này chấm điểm"));
    assert_eq!(app.snapshot().await, before);
    // A member of another council is no member of this one.
    let (_, others) = council(&app, 2037, "district").await;
    let waiting = eligible(&app, cycle, "province", 1).await;
    let before = app.snapshot().await;
    let reply = sheet(&app, province, waiting, others[0], ["30", "20", "20"]).await;
    assert_eq!(reply.status, 422);
    assert_eq!(app.snapshot().await, before);
}

/// The producer's registration as its server function answers it.
async fn as_its_producer_reads_it(app: &TestApp, registration: i64) -> serde_json::Value {
    let reply = app
        .as_user(DemoUser::ProducerA)
        .await
        .post("/api/portal/registration")
        .json()
        .form(&[("id", &registration.to_string())])
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    serde_json::from_str(&reply.body).expect("JSON")
}

#[tokio::test]
async fn a_producer_reads_its_councils_scores_only_once_decided_and_never_who_gave_them() {
    let app = spawn_app().await;
    cycle(&app, 2031, 3).await;
    let product = app.published_product(DemoUser::ProducerA).await.id;
    let registration: i64 = sqlx::query_scalar(
        "INSERT INTO registrations (cycle_id, product_id, kind, registered_on, status, level)
         VALUES ((SELECT id FROM ocop_cycles WHERE year = 2031), ?1, 'existing', '2031-03-02', 'eligible', 'province')
         RETURNING id",
    )
    .bind(product)
    .fetch_one(&app.direct)
    .await
    .unwrap();
    let (council, members) = council(&app, 2031, "province").await;
    let sheets = [["30", "20", "25"], ["32", "21", "26"]];
    for (member, parts) in members.iter().zip(sheets) {
        assert_eq!(
            sheet(&app, council, registration, *member, parts)
                .await
                .status,
            303
        );
    }
    assert_eq!(close(&app, council, registration).await.status, 303);

    // Scored and closed, not yet decided: nothing of the council's work shows.
    let before = as_its_producer_reads_it(&app, registration).await;
    let text = before.to_string();
    assert_eq!(before["evaluations"], serde_json::json!([]), "{text}");
    for secret in [
        "Nguyễn Văn A",
        "Trần Thị B",
        "Cán bộ Văn phòng OCOP tỉnh",
        "score_sheet",
        "council_result",
    ] {
        assert!(!text.contains(secret), "{secret} in {text}");
    }
    let steps: Vec<&str> = before["history"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|line| line["action"].as_str())
        .collect();
    assert!(
        steps
            .iter()
            .all(|step| app::model::cycle::rules::SHOWN_TO_PRODUCERS.contains(step)),
        "{steps:?}"
    );
    // Staff see all of it.
    let staff = app
        .as_user(DemoUser::Staff)
        .await
        .post("/api/admin/registration")
        .json()
        .form(&[("id", &registration.to_string())])
        .await;
    assert!(staff.body.contains("Nguyễn Văn A"), "{}", staff.body);
    assert!(staff.body.contains("Cán bộ Văn phòng OCOP tỉnh"));

    // Decided: the scores per part, and the decision in the history.
    let reply = app
        .as_user(DemoUser::Staff)
        .await
        .post("/admin/cycles/2031/decision")
        .form(&[
            ("decision_no", "31/QĐ-UBND"),
            ("decision_date", "2031-11-20"),
            (&format!("registration-{registration}"), "on"),
        ])
        .await;
    assert_eq!(reply.status, 303, "{}", reply.body);
    let after = as_its_producer_reads_it(&app, registration).await;
    let result = &after["evaluations"][0];
    assert_eq!(
        (
            &result["score_a"],
            &result["score_b"],
            &result["score_c"],
            &result["total"]
        ),
        (
            &serde_json::json!(3100),
            &serde_json::json!(2050),
            &serde_json::json!(2550),
            &serde_json::json!(7700)
        ),
        "{after}"
    );
    assert_eq!(result["decision_no"], "31/QĐ-UBND");
    let text = after.to_string();
    for secret in ["Nguyễn Văn A", "Cán bộ Văn phòng OCOP tỉnh"] {
        assert!(!text.contains(secret), "{secret} in {text}");
    }
    assert!(after["history"]
        .as_array()
        .unwrap()
        .iter()
        .any(|line| line["action"] == "recognise"));
}
