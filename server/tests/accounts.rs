//! Signing in and out, sessions, throttling, passwords and set-password links.

use crate::common;

use crate::common::{spawn_app, spawn_app_with_mail, spawn_empty_app, DemoUser, TestApp, SITE};
use app::model::account::Role;
use app::store::{accounts, sessions};
use axum::http::StatusCode;

const EMAIL: &str = "sonloc@ocop.example.vn";
const PASSWORD: &str = "sonloc-ocop-2021";

async fn sign_in(
    app: &TestApp,
    email: &str,
    password: &str,
    from: &str,
) -> axum::response::Response {
    app.post("/login")
        .form(&[("email", email), ("password", password)])
        .headers(&[("x-forwarded-for", from)])
        .response()
        .await
}

fn session_cookie(response: &axum::response::Response) -> Option<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("ocop_session="))
        .map(str::to_owned)
}

fn cookie_pair(set_cookie: &str) -> String {
    set_cookie.split(';').next().unwrap_or_default().to_owned()
}

async fn body(response: axum::response::Response) -> String {
    let bytes = axum::body::to_bytes(response.into_body(), 1 << 22)
        .await
        .expect("body");
    String::from_utf8_lossy(&bytes).into_owned()
}

#[tokio::test]
async fn signing_in_starts_a_locked_down_session_and_goes_home() {
    let app = spawn_app().await;
    let response = sign_in(&app, EMAIL, PASSWORD, "10.0.0.1").await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()["location"], "/portal");
    let cookie = session_cookie(&response).expect("a session cookie");
    for attribute in ["HttpOnly", "SameSite=Lax", "Secure", "Path=/"] {
        assert!(cookie.contains(attribute), "{attribute} in {cookie}");
    }
    // Only the hash of the secret is stored.
    let secret = cookie_pair(&cookie)
        .trim_start_matches("ocop_session=")
        .to_owned();
    let stored: i64 = sqlx::query_scalar("SELECT count(*) FROM sessions WHERE token_hash = ?1")
        .bind(&secret)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(stored, 0);
    let page = app.get("/portal").cookie(&cookie_pair(&cookie)).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Hợp tác xã Nông nghiệp Sơn Lộc"));
    // Staff go to their own pages.
    let staff = sign_in(&app, "canbo@ocop.example.vn", "canbo-ocop-2021", "10.0.0.1").await;
    assert_eq!(staff.headers()["location"], "/admin");
}

#[tokio::test]
async fn a_session_id_from_before_signing_in_is_never_kept() {
    let app = spawn_app().await;
    let old = app.new_session(DemoUser::ProducerA).await;
    let response = app
        .post("/login")
        .form(&[("email", EMAIL), ("password", PASSWORD)])
        .headers(&[("cookie", &old)])
        .response()
        .await;
    let new = cookie_pair(&session_cookie(&response).expect("cookie"));
    assert_ne!(new, old);
    assert_eq!(
        app.get("/portal").cookie(&old).await.status,
        303,
        "the old session ended"
    );
    assert_eq!(app.get("/portal").cookie(&new).await.status, 200);
}

#[tokio::test]
async fn wrong_and_unknown_credentials_get_the_same_answer() {
    let app = spawn_app().await;
    let wrong = body(sign_in(&app, EMAIL, "not-the-password", "10.0.0.2").await).await;
    let unknown =
        body(sign_in(&app, "khong-co@example.vn", "not-the-password", "10.0.0.2").await).await;
    let message = "Email hoặc mật khẩu không đúng.";
    assert!(wrong.contains(message) && unknown.contains(message));
    assert!(
        !wrong.contains("not-the-password"),
        "the password is not sent back"
    );
    assert_eq!(app.count("sessions").await, 0);
}

#[tokio::test]
async fn repeated_failures_lock_that_email_from_that_address_only() {
    let app = spawn_app().await;
    for _ in 0..sessions::PAIR_LOCK_AFTER {
        assert_eq!(
            sign_in(&app, EMAIL, "wrong-password-1", "10.0.0.3")
                .await
                .status(),
            StatusCode::UNAUTHORIZED
        );
    }
    // From there, even the right password is refused, with a clear message.
    let locked = sign_in(&app, EMAIL, PASSWORD, "10.0.0.3").await;
    assert_eq!(locked.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(body(locked).await.contains("Vui lòng đợi 15 phút"));
    assert_eq!(app.count("sessions").await, 0);
    // Whoever guessed cannot keep the owner out: from another address the owner signs in.
    let owner = sign_in(&app, EMAIL, PASSWORD, "10.0.0.99").await;
    assert_eq!(owner.status(), StatusCode::SEE_OTHER);
    // An unknown email locks the same way, so the lock tells nothing about which exist.
    for _ in 0..sessions::PAIR_LOCK_AFTER {
        sign_in(&app, "ai-do@example.vn", "wrong-password-1", "10.0.0.4").await;
    }
    assert_eq!(
        sign_in(&app, "ai-do@example.vn", "x", "10.0.0.4")
            .await
            .status(),
        StatusCode::TOO_MANY_REQUESTS
    );
}

#[tokio::test]
async fn one_address_trying_many_emails_is_stopped() {
    let app = spawn_app().await;
    for n in 0..sessions::ADDRESS_LOCK_AFTER {
        let email = format!("thu-{n}@example.vn");
        assert_eq!(
            sign_in(&app, &email, "wrong-password-1", "10.0.0.6")
                .await
                .status(),
            StatusCode::UNAUTHORIZED
        );
    }
    let stopped = sign_in(
        &app,
        "toiden@ocop.example.vn",
        "toiden-ocop-2021",
        "10.0.0.6",
    )
    .await;
    assert_eq!(stopped.status(), StatusCode::TOO_MANY_REQUESTS);
    let elsewhere = sign_in(
        &app,
        "toiden@ocop.example.vn",
        "toiden-ocop-2021",
        "10.0.0.7",
    )
    .await;
    assert_eq!(elsewhere.status(), StatusCode::SEE_OTHER);
}

/// Sends `count` sign-ins at once, each from the address `from(n)`; returns their statuses.
async fn sign_ins_at_once(
    app: &std::sync::Arc<TestApp>,
    count: usize,
    password: &'static str,
    from: fn(usize) -> String,
) -> Vec<StatusCode> {
    let attempts: Vec<_> = (0..count)
        .map(|n| {
            let app = app.clone();
            tokio::spawn(async move { sign_in(&app, EMAIL, password, &from(n)).await.status() })
        })
        .collect();
    let mut statuses = Vec::new();
    for attempt in attempts {
        statuses.push(attempt.await.expect("attempt"));
    }
    statuses
}

async fn failures_of(app: &TestApp, key_prefix: &str) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM sign_in_failures WHERE key LIKE ?1 || '%'")
        .bind(key_prefix)
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn wrong_passwords_sent_at_once_count_one_by_one() {
    let app = std::sync::Arc::new(spawn_app().await);
    // Twenty guesses at once from one address: only as many as the limit are checked.
    let statuses = sign_ins_at_once(&app, 20, "wrong-password-1", |_| "10.0.1.1".into()).await;
    let checked = statuses
        .iter()
        .filter(|s| **s == StatusCode::UNAUTHORIZED)
        .count();
    assert_eq!(checked as i64, sessions::PAIR_LOCK_AFTER, "{statuses:?}");
    assert!(statuses.iter().all(|s| [
        StatusCode::UNAUTHORIZED,
        StatusCode::TOO_MANY_REQUESTS,
        StatusCode::SERVICE_UNAVAILABLE
    ]
    .contains(s)));
    assert_eq!(failures_of(&app, "pair:").await, sessions::PAIR_LOCK_AFTER);

    // Twenty at once from twenty addresses: every one that was checked counts for the email.
    let statuses = sign_ins_at_once(&app, 20, "wrong-password-2", |n| format!("10.0.2.{n}")).await;
    let checked = statuses
        .iter()
        .filter(|s| **s == StatusCode::UNAUTHORIZED)
        .count() as i64;
    assert!(checked >= common::PASSWORD_CHECKS as i64, "{statuses:?}");
    assert_eq!(
        failures_of(&app, &format!("email:{EMAIL}")).await,
        sessions::PAIR_LOCK_AFTER + checked
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_owner_signs_in_while_someone_hammers_the_email_from_elsewhere() {
    let app = std::sync::Arc::new(spawn_app().await);
    let attacker = {
        let app = app.clone();
        tokio::spawn(async move {
            for round in 0..4 {
                let statuses =
                    sign_ins_at_once(&app, 8, "wrong-password-3", |_| "10.0.3.66".into()).await;
                assert!(!statuses.contains(&StatusCode::SEE_OTHER), "round {round}");
            }
        })
    };
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    let mut owner = sign_in(&app, EMAIL, PASSWORD, "10.0.3.1").await.status();
    // The password checks may all be taken at that moment: the owner is told to try again.
    for _ in 0..10 {
        if owner != StatusCode::SERVICE_UNAVAILABLE {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_secs(1)).await;
        owner = sign_in(&app, EMAIL, PASSWORD, "10.0.3.1").await.status();
    }
    assert_eq!(owner, StatusCode::SEE_OTHER);
    attacker.await.expect("attacker");
}

#[tokio::test]
async fn when_every_password_check_is_taken_sign_in_says_busy_and_counts_nothing() {
    let app = spawn_app().await;
    let mut taken = Vec::new();
    for _ in 0..common::PASSWORD_CHECKS {
        taken.push(app.state.passwords.turn().await.expect("a free turn"));
    }
    let busy = sign_in(&app, EMAIL, PASSWORD, "10.0.4.1").await;
    assert_eq!(busy.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(busy.headers()["retry-after"], "2");
    assert!(body(busy).await.contains("Hệ thống đang bận"));
    assert_eq!(app.count("sign_in_failures").await, 0);
    drop(taken);
    assert_eq!(
        sign_in(&app, EMAIL, PASSWORD, "10.0.4.1").await.status(),
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn sessions_end_when_idle_when_too_old_and_on_sign_out() {
    let app = spawn_app().await;
    let idle = app.new_session(DemoUser::ProducerA).await;
    sqlx::query("UPDATE sessions SET last_seen_at = datetime('now', '-3 hours')")
        .execute(&app.direct)
        .await
        .unwrap();
    assert_eq!(app.get("/portal").cookie(&idle).await.status, 303);

    let old = app.new_session(DemoUser::ProducerA).await;
    sqlx::query("UPDATE sessions SET expires_at = datetime('now', '-1 minute') WHERE last_seen_at > datetime('now', '-1 hour')").execute(&app.direct).await.unwrap();
    assert_eq!(app.get("/portal").cookie(&old).await.status, 303);

    let live = app.new_session(DemoUser::ProducerA).await;
    let other_device = app.new_session(DemoUser::ProducerA).await;
    let out = app.post("/logout").cookie(&live).await;
    assert_eq!(out.status, 303);
    assert_eq!(app.get("/portal").cookie(&live).await.status, 303);
    assert_eq!(
        app.get("/portal").cookie(&other_device).await.status,
        200,
        "only this session ended"
    );
}

#[tokio::test]
async fn ended_sessions_are_forgotten() {
    let app = spawn_app().await;
    let live = app.new_session(DemoUser::ProducerA).await;
    let idle = app.new_session(DemoUser::ProducerA).await;
    let old = app.new_session(DemoUser::ProducerA).await;
    let hash = |cookie: &str| app::auth::token::digest(cookie.trim_start_matches("ocop_session="));
    sqlx::query(
        "UPDATE sessions SET last_seen_at = datetime('now', '-3 hours') WHERE token_hash = ?1",
    )
    .bind(hash(&idle))
    .execute(&app.direct)
    .await
    .unwrap();
    sqlx::query(
        "UPDATE sessions SET expires_at = datetime('now', '-1 minute') WHERE token_hash = ?1",
    )
    .bind(hash(&old))
    .execute(&app.direct)
    .await
    .unwrap();
    let forgotten = app::store::sessions::forget_ended(&app.writer, Default::default())
        .await
        .unwrap();
    assert_eq!(forgotten, 2);
    assert_eq!(app.count("sessions").await, 1);
    assert_eq!(app.get("/portal").cookie(&live).await.status, 200);
}

#[tokio::test]
async fn signing_out_everywhere_ends_every_session_of_the_account() {
    let app = spawn_app().await;
    let phone = app.new_session(DemoUser::ProducerA).await;
    let laptop = app.new_session(DemoUser::ProducerA).await;
    let someone_else = app.new_session(DemoUser::ProducerB).await;
    assert_eq!(
        app.post("/account/sign-out-everywhere")
            .cookie(&phone)
            .await
            .status,
        303
    );
    assert_eq!(app.get("/portal").cookie(&laptop).await.status, 303);
    assert_eq!(app.get("/portal").cookie(&someone_else).await.status, 200);
}

#[tokio::test]
async fn changing_the_password_checks_every_rule_and_ends_other_sessions() {
    let app = spawn_app().await;
    let here = app.new_session(DemoUser::ProducerA).await;
    let elsewhere = app.new_session(DemoUser::ProducerA).await;
    let hash_before: String =
        sqlx::query_scalar("SELECT password_hash FROM users WHERE email = ?1")
            .bind(EMAIL)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    let change = |current: &'static str, new: &'static str, again: &'static str| {
        let here = here.clone();
        let app = &app;
        async move {
            app.post("/account")
                .cookie(&here)
                .form(&[
                    ("current_password", current),
                    ("password", new),
                    ("confirmation", again),
                ])
                .await
        }
    };
    for (current, new, again, field, message) in [
        (
            "sai-mat-khau-roi",
            "mot mat khau rat dai",
            "mot mat khau rat dai",
            "current_password",
            "Mật khẩu hiện tại không đúng.",
        ),
        (
            PASSWORD,
            "ngắn",
            "ngắn",
            "password",
            "Mật khẩu cần ít nhất 10 ký tự.",
        ),
        (
            PASSWORD,
            "password123",
            "password123",
            "password",
            "Mật khẩu này quá phổ biến",
        ),
        (
            PASSWORD,
            "mot mat khau rat dai",
            "mot mat khau khac",
            "confirmation",
            "không khớp",
        ),
    ] {
        let reply = change(current, new, again).await;
        assert_eq!(reply.status, 422, "{field}");
        let error = reply
            .body
            .split(&format!("id=\"f-{field}-error\""))
            .nth(1)
            .unwrap_or_default();
        assert!(
            error
                .split("</p>")
                .next()
                .unwrap_or_default()
                .contains(message),
            "{field}: {message}"
        );
    }
    let hash_now: String = sqlx::query_scalar("SELECT password_hash FROM users WHERE email = ?1")
        .bind(EMAIL)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(hash_now, hash_before, "nothing stored while refused");
    assert_eq!(
        change(
            PASSWORD,
            "cá chuồn nướng than hoa",
            "cá chuồn nướng than hoa"
        )
        .await
        .status,
        303
    );
    assert_eq!(app.get("/portal").cookie(&elsewhere).await.status, 303);
    assert_eq!(app.get("/portal").cookie(&here).await.status, 200);
    assert_eq!(
        sign_in(&app, EMAIL, "cá chuồn nướng than hoa", "10.0.0.8")
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn a_set_password_link_works_once_and_only_while_valid() {
    let app = spawn_app().await;
    let account = accounts::NewAccount {
        email: "moi@example.vn".into(),
        display_name: "Chủ cơ sở mới".into(),
        role: Role::Producer,
        producer_id: Some(app::model::ids::ProducerId(18)),
        communes: Vec::new(),
    };
    let user_id = accounts::create(&app.writer, None, &account).await.unwrap();
    // Without a password no sign-in works.
    assert_eq!(
        sign_in(&app, "moi@example.vn", "!", "10.0.1.1")
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );
    let secret = accounts::issue_password_link(&app.writer, None, user_id, None)
        .await
        .unwrap();
    let page = app.get(&format!("/set-password/{secret}")).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("moi@example.vn"));
    let weak = app
        .post(&format!("/set-password/{secret}"))
        .form(&[("password", "1234567890"), ("confirmation", "1234567890")])
        .await;
    assert_eq!(weak.status, 422);
    let good = [
        ("password", "muối ớt xanh Quảng Bình"),
        ("confirmation", "muối ớt xanh Quảng Bình"),
    ];
    assert_eq!(
        app.post(&format!("/set-password/{secret}"))
            .form(&good)
            .await
            .status,
        303
    );
    assert_eq!(
        app.post(&format!("/set-password/{secret}"))
            .form(&good)
            .await
            .status,
        404,
        "used once"
    );
    assert_eq!(
        app.get(&format!("/set-password/{secret}")).await.status,
        404
    );
    assert_eq!(
        sign_in(
            &app,
            "moi@example.vn",
            "muối ớt xanh Quảng Bình",
            "10.0.1.1"
        )
        .await
        .status(),
        StatusCode::SEE_OTHER
    );

    let expired = accounts::issue_password_link(&app.writer, None, user_id, None)
        .await
        .unwrap();
    sqlx::query("UPDATE password_tokens SET expires_at = datetime('now', '-1 minute') WHERE used_at IS NULL").execute(&app.direct).await.unwrap();
    assert_eq!(
        app.post(&format!("/set-password/{expired}"))
            .form(&good)
            .await
            .status,
        404
    );
    assert_eq!(app.get("/set-password/not-a-token").await.status, 404);
}

#[tokio::test]
async fn staff_issue_links_by_mail_when_it_is_configured() {
    let app = spawn_app().await;
    let staff = app.new_session(DemoUser::Staff).await;
    let user_a: i64 = sqlx::query_scalar("SELECT id FROM users WHERE email = ?1")
        .bind(EMAIL)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let reply = app
        .post(&format!("/admin/accounts/{user_a}/password-link"))
        .cookie(&staff)
        .await;
    assert_eq!(reply.status, 303);
    let (to, body): (String, String) =
        sqlx::query_as("SELECT to_addr, body FROM outbox ORDER BY id DESC LIMIT 1")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(to, EMAIL);
    let secret = body
        .split(&format!("{SITE}/set-password/"))
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .expect("the link is in the mail");
    insta::assert_snapshot!(
        "the set-password mail",
        body.replace(secret, "<one-time secret>")
    );
    let logged: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM audit_log WHERE action = 'issue_password_link' AND entity_id = ?1",
    )
    .bind(user_a)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(logged, 1);
}

#[tokio::test]
async fn without_mail_staff_create_an_account_and_are_shown_its_link_once() {
    let app = spawn_app_with_mail(false).await;
    let staff = app.new_session(DemoUser::Staff).await;
    let refused = app
        .post("/admin/producers/18/accounts")
        .cookie(&staff)
        .form(&[("account_email", "sai-email"), ("account_name", "")])
        .await;
    assert_eq!(refused.status, 422);
    assert!(
        refused.body.contains("Email chưa đúng dạng"),
        "shown on the producer's page, next to the field"
    );
    let reply = app
        .post("/admin/producers/18/accounts")
        .cookie(&staff)
        .form(&[
            ("account_email", "ketoan@toiden.vn"),
            ("account_name", "Kế toán"),
        ])
        .await;
    assert_eq!(reply.status, 200);
    let link = reply
        .body
        .split(&format!("{SITE}/set-password/"))
        .nth(1)
        .and_then(|rest| rest.get(..64))
        .expect("the link is shown")
        .to_owned();
    assert_eq!(app.count("outbox").await, 0, "nothing mailed");
    assert_eq!(app.get(&format!("/set-password/{link}")).await.status, 200);
    assert!(
        !app.get("/admin/producers/18")
            .cookie(&staff)
            .await
            .body
            .contains(&link),
        "shown once"
    );
}

#[tokio::test]
async fn a_deactivated_account_or_producer_cannot_sign_in() {
    let app = spawn_app().await;
    let session = app.new_session(DemoUser::ProducerA).await;
    let staff = app.new_session(DemoUser::Staff).await;
    let user_a: i64 = sqlx::query_scalar("SELECT id FROM users WHERE email = ?1")
        .bind(EMAIL)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(
        app.post(&format!("/admin/accounts/{user_a}/deactivate"))
            .cookie(&staff)
            .await
            .status,
        303
    );
    assert_eq!(
        app.get("/portal").cookie(&session).await.status,
        303,
        "signed out"
    );
    assert_eq!(
        sign_in(&app, EMAIL, PASSWORD, "10.0.2.1").await.status(),
        StatusCode::UNAUTHORIZED
    );
    sqlx::query("UPDATE producers SET active = 0 WHERE id = 18")
        .execute(&app.direct)
        .await
        .unwrap();
    assert_eq!(
        sign_in(
            &app,
            "toiden@ocop.example.vn",
            "toiden-ocop-2021",
            "10.0.2.1"
        )
        .await
        .status(),
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let app = spawn_app().await;
    for path in ["/", "/login", "/products", "/health", "/no-such-page"] {
        let response = app.get(path).response().await;
        let headers = response.headers();
        let policy = headers["content-security-policy"].to_str().unwrap();
        assert!(
            policy.contains("frame-ancestors 'none'") && policy.contains("'wasm-unsafe-eval'"),
            "{path}: {policy}"
        );
        assert_eq!(headers["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(
            headers["referrer-policy"], "strict-origin-when-cross-origin",
            "{path}"
        );
        assert!(
            headers["strict-transport-security"]
                .to_str()
                .unwrap()
                .contains("max-age="),
            "{path}: HTTPS site"
        );
    }
    // A page carries no nonce: each inline script is allowed by its hash, the same for every
    // visitor, so the page cache can send one copy to all of them.
    for path in ["/login", "/products", "/products"] {
        let response = app.get(path).response().await;
        let policy = response.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(!policy.contains("'nonce-"), "{policy}");
        let page = body(response).await;
        assert!(!page.contains("nonce="), "{path}");
        let scripts = inline_scripts(&page);
        assert_eq!(scripts.len(), 3, "{path}: {scripts:?}");
        for script in scripts {
            let own = app::site::content_security_policy(&[&script]);
            let hash = own
                .split_whitespace()
                .find(|part| part.starts_with("'sha256-"))
                .expect("a hash");
            assert!(policy.contains(hash), "{path}: {script:.60} not allowed");
        }
    }
    // Pages of a signed-in account stay out of shared caches.
    let session = app.new_session(DemoUser::ProducerA).await;
    let request = axum::http::Request::get("/portal")
        .header("cookie", session)
        .body(axum::body::Body::empty())
        .unwrap();
    let response = tower::ServiceExt::oneshot(app.router.clone(), request)
        .await
        .unwrap();
    assert_eq!(response.headers()["cache-control"], "private, no-store");
}

#[tokio::test]
async fn the_first_admin_comes_from_the_command_line_not_from_a_default() {
    let app = spawn_empty_app().await;
    assert_eq!(
        app.count("users").await,
        0,
        "a real deployment starts without accounts"
    );
    let account = accounts::NewAccount {
        email: "admin@tinh.gov.vn".into(),
        display_name: "Quản trị".into(),
        role: Role::Admin,
        producer_id: None,
        communes: Vec::new(),
    };
    let user_id = accounts::create(&app.writer, None, &account).await.unwrap();
    assert!(
        accounts::create(&app.writer, None, &account).await.is_err(),
        "one account per email"
    );
    let secret = accounts::issue_password_link(&app.writer, None, user_id, None)
        .await
        .unwrap();
    let good = [
        ("password", "một câu rất dài để làm mật khẩu"),
        ("confirmation", "một câu rất dài để làm mật khẩu"),
    ];
    assert_eq!(
        app.post(&format!("/set-password/{secret}"))
            .form(&good)
            .await
            .status,
        303
    );
    let response = sign_in(
        &app,
        "admin@tinh.gov.vn",
        "một câu rất dài để làm mật khẩu",
        "10.0.3.1",
    )
    .await;
    assert_eq!(response.headers()["location"], "/admin");
}

#[test]
fn the_command_line_creates_the_first_admin_with_a_one_time_link() {
    let dir = tempfile::tempdir().expect("temp dir");
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_server"))
            .args(args)
            .env("OCOP_DATA_DIR", dir.path())
            .env("OCOP_DEMO_DATA", "0")
            .env("OCOP_PUBLIC_URL", "https://ocop.tinh.gov.vn")
            .output()
            .expect("the server binary runs")
    };
    let created = run(&["create-admin", "admin@tinh.gov.vn", "Quản", "trị"]);
    assert!(
        created.status.success(),
        "{}",
        String::from_utf8_lossy(&created.stderr)
    );
    let said = String::from_utf8_lossy(&created.stdout);
    assert!(
        said.contains("https://ocop.tinh.gov.vn/set-password/"),
        "{said}"
    );
    let again = run(&["create-admin", "admin@tinh.gov.vn", "Quản trị"]);
    assert!(!again.status.success(), "one account per email");
    assert!(String::from_utf8_lossy(&again.stderr).contains("already has an account"));
    let bad = run(&["create-admin", "not-an-email", "X"]);
    assert!(!bad.status.success());
}

/// The text of each `<script>` of a page that has no `src`.
fn inline_scripts(page: &str) -> Vec<String> {
    page.split("<script")
        .skip(1)
        .filter_map(|rest| {
            let (attributes, after) = rest.split_once('>')?;
            let text = after.split("</script>").next()?;
            (!attributes.contains("src=")).then(|| text.to_owned())
        })
        .collect()
}
