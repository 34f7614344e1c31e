//! Writes sent at once: every one is answered as it would be alone (never a 500 from a busy
//! database), and every acknowledged one is in the database afterwards.

use std::sync::Arc;

use crate::common::{spawn_app, DemoUser};
use axum::http::StatusCode;

const PRODUCER_A: &str = "sonloc@ocop.example.vn";
const PRODUCER_B: &str = "toiden@ocop.example.vn";
const TASKS: usize = 32;
const INQUIRIES: usize = 200;
const PORTAL_SAVES: usize = 50;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn contact_forms_and_portal_saves_sent_at_once_are_all_kept() {
    let app = Arc::new(spawn_app().await);
    let inquiries_before = app.count("inquiries").await;
    let cookies = [
        app.new_session(DemoUser::ProducerA).await,
        app.new_session(DemoUser::ProducerB).await,
    ];
    let units: Vec<String> = {
        let mut units = Vec::new();
        for email in [PRODUCER_A, PRODUCER_B] {
            let unit: i64 = sqlx::query_scalar(
                "SELECT p.admin_unit_id FROM producers p JOIN users u ON u.producer_id = p.id WHERE u.email = ?1",
            )
            .bind(email)
            .fetch_one(&app.pool)
            .await
            .unwrap();
            units.push(unit.to_string());
        }
        units
    };
    let cookies = Arc::new(cookies);
    let units = Arc::new(units);

    // Each task takes every TASKS-th piece of work: contact forms from their own addresses,
    // and profile saves of the two producers, each save with a phone number of its own.
    let mut tasks = Vec::new();
    for task in 0..TASKS {
        let (app, cookies, units) = (app.clone(), cookies.clone(), units.clone());
        tasks.push(tokio::spawn(async move {
            let mut answers = Vec::new();
            for n in (task..INQUIRIES + PORTAL_SAVES).step_by(TASKS) {
                if n < INQUIRIES {
                    let message = format!("Câu hỏi số {n}: cho tôi hỏi giá sỉ nước mắm chay?");
                    let address = format!("198.51.{}.{}", n / 250, n % 250 + 1);
                    // Half through the island's server function, half as the plain form.
                    let (path, accept) = if n % 2 == 0 {
                        ("/api/inquiry", "application/json")
                    } else {
                        ("/products/nuoc-mam-chay-son-loc/inquiry", "text/html")
                    };
                    let response = app
                        .post(path)
                        .form(&[
                            ("target", "product"),
                            ("slug", "nuoc-mam-chay-son-loc"),
                            ("name", "Khách hàng"),
                            ("phone", "0912 345 678"),
                            ("email", ""),
                            ("message", &message),
                        ])
                        .headers(&[("accept", accept), ("x-forwarded-for", &address)])
                        .response()
                        .await;
                    answers.push((format!("inquiry {n}"), response.status(), message));
                } else {
                    let which = n % 2;
                    let phone = format!("0232 38{:05}", n);
                    let reply = app
                        .post("/portal/profile")
                        .cookie(&cookies[which])
                        .form(&[
                            (
                                "name",
                                if which == 0 {
                                    "HTX Nông nghiệp Sơn Lộc"
                                } else {
                                    "Cơ sở Tỏi đen Quảng Minh"
                                },
                            ),
                            ("admin_unit_id", &units[which]),
                            ("phone", &phone),
                        ])
                        .await;
                    answers.push((format!("profile save {n}"), reply.status, phone));
                }
            }
            answers
        }));
    }
    let mut answers = Vec::new();
    for task in tasks {
        answers.extend(task.await.expect("task"));
    }
    assert_eq!(answers.len(), INQUIRIES + PORTAL_SAVES);

    let mut kept_inquiries = 0;
    for (what, status, written) in &answers {
        if what.starts_with("inquiry") {
            // Acknowledged: 200 from the server function, 303 from the plain form.
            assert!(
                [StatusCode::OK, StatusCode::SEE_OTHER].contains(status),
                "{what}: {status}"
            );
            let found: i64 =
                sqlx::query_scalar("SELECT count(*) FROM inquiries WHERE message = ?1")
                    .bind(written)
                    .fetch_one(&app.pool)
                    .await
                    .unwrap();
            assert_eq!(found, 1, "{what} was acknowledged, so it is stored");
            kept_inquiries += 1;
        } else {
            assert_eq!(*status, StatusCode::SEE_OTHER, "{what}");
            let audited: i64 = sqlx::query_scalar(
                "SELECT count(*) FROM audit_log WHERE entity = 'producer' AND action = 'update' AND after LIKE '%' || ?1 || '%'",
            )
            .bind(written)
            .fetch_one(&app.pool)
            .await
            .unwrap();
            assert_eq!(
                audited, 1,
                "{what} was acknowledged, so its audit entry is there"
            );
        }
    }
    assert_eq!(
        app.count("inquiries").await,
        inquiries_before + kept_inquiries
    );
}
