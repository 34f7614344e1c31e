//! The schema and the demo data: migrations apply, rules hold, and the demo reproduces the
//! figures of the 2021 progress report.

use crate::common::spawn_app;
use app::model::ids::CycleYear;
use app::model::stats::CycleFigures;
use app::store::report::cycle_figures;

#[tokio::test]
async fn every_migration_is_applied_and_the_rules_are_seeded() {
    let app = spawn_app().await;
    let applied: i64 =
        sqlx::query_scalar("SELECT count(*) FROM _sqlx_migrations WHERE success = 1")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(applied, app::store::MIGRATOR.iter().count() as i64);
    assert_eq!(app.count("product_groups").await, 6);
    assert_eq!(app.count("product_sets").await, 26);
    assert_eq!(app.count("star_bands").await, 5);
    let journal: String = sqlx::query_scalar("PRAGMA journal_mode")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(journal, "wal");
    let foreign_keys: i64 = sqlx::query_scalar("PRAGMA foreign_keys")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(foreign_keys, 1);
}

#[tokio::test]
async fn the_demo_reproduces_the_2021_report() {
    let app = spawn_app().await;
    let figures = cycle_figures(&app.pool, CycleYear(2021), "2021-07-30")
        .await
        .unwrap();
    assert_eq!(
        figures,
        CycleFigures {
            registered: 99,
            new_products: 27,
            existing_products: 72,
            entities: 90,
            enterprises: 14,
            cooperatives_and_groups: 42,
            households: 34,
            appraised_eligible: 52,
            // The councils sat from September, the decision came in December.
            evaluated: 0,
            three_stars: 0,
            four_stars: 0,
            five_stars: 0,
        }
    );
}

#[tokio::test]
async fn the_demo_data_is_consistent() {
    let app = spawn_app().await;
    let broken_links: Vec<(String,)> =
        sqlx::query_as("SELECT \"table\" FROM pragma_foreign_key_check")
            .fetch_all(&app.pool)
            .await
            .unwrap();
    assert!(broken_links.is_empty(), "{broken_links:?}");
    // Certificates last 36 months and follow a recognised evaluation of the same rating.
    let bad_certificates: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM certificates c JOIN evaluations e ON e.id = c.evaluation_id
         WHERE c.expires_on <> date(c.issued_on, '+36 months') OR c.stars <> e.stars
            OR e.decision_no IS NULL OR c.product_id <> e.product_id",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(bad_certificates, 0);
    // The demo accounts exist and the producer ones are bound to their producers.
    let bound: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM users WHERE role = 'producer' AND producer_id IS NOT NULL",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(bound, 2);
    assert_eq!(
        app.count("users").await,
        app::store::demo::DEMO_ACCOUNTS.len() as i64
    );
}

#[tokio::test]
async fn loading_the_demo_twice_changes_nothing() {
    let app = spawn_app().await;
    let before = (app.count("products").await, app.count("users").await);
    assert!(!app::store::demo::load_if_empty(&app.writer).await.unwrap());
    assert_eq!(
        (app.count("products").await, app.count("users").await),
        before
    );
}

#[tokio::test]
async fn the_database_refuses_scores_that_break_the_rules() {
    let app = spawn_app().await;
    let evaluations = app.count("evaluations").await;
    let insert = |a: i64, b: i64, c: i64, stars: i64| {
        sqlx::query(
            "INSERT INTO evaluations (product_id, cycle_id, scheme_id, council_level, score_a, score_b,
                                      score_c, total, stars, evaluated_on)
             VALUES ((SELECT min(id) FROM products), (SELECT id FROM ocop_cycles WHERE year = 2023), 2,
                     'province', ?1, ?2, ?3, ?1 + ?2 + ?3, ?4, '2023-10-01')",
        )
        .bind(a)
        .bind(b)
        .bind(c)
        .bind(stars)
        .execute(&app.direct)
    };
    // 75.00 points is four stars, not five.
    assert!(insert(3000, 2000, 2500, 5).await.is_err());
    // Part B is worth at most 25 points under Decision 148.
    assert!(insert(3000, 2600, 1500, 4).await.is_err());
    assert_eq!(app.count("evaluations").await, evaluations);
    // A consistent sheet is accepted.
    assert!(insert(3000, 2000, 2500, 4).await.is_ok());
}

#[tokio::test]
async fn the_demo_events_keep_their_exhibitors_and_a_fair_waits_with_applications() {
    let app = spawn_app().await;
    // The 2022 festival the report names: eight exhibitors, each at its booth.
    let festival = app
        .scalar(
            "SELECT count(*) FROM exhibitor_applications a JOIN events e ON e.id = a.event_id
             JOIN booths b ON b.id = a.booth_id AND b.producer_id = a.producer_id
             WHERE e.slug = 'festival-trai-cay-va-san-pham-ocop-viet-nam-2022' AND a.status = 'approved'",
        )
        .await;
    assert_eq!(festival, 8);
    // Upcoming fairs taking applications, with some waiting for staff: a newcomer opens the
    // queue and has something to decide.
    let waiting = app
        .scalar(
            "SELECT count(*) FROM exhibitor_applications a JOIN events e ON e.id = a.event_id
             WHERE e.status = 'published' AND e.kind = 'fair' AND a.status = 'submitted'",
        )
        .await;
    assert_eq!(
        waiting, 7,
        "the two fairs of the demo wait on 4 and 3 applications"
    );
    // Every booth held is held by the approved application that names it.
    let astray = app
        .scalar(
            "SELECT count(*) FROM booths b WHERE (b.status = 'assigned') <> EXISTS (
                 SELECT 1 FROM exhibitor_applications a
                 WHERE a.booth_id = b.id AND a.producer_id = b.producer_id AND a.status = 'approved')",
        )
        .await;
    assert_eq!(astray, 0);
}
