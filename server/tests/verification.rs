//! A certificate's verification page (`/verify/{number}`, `store::verification`): the verdict
//! in one look and in words for each of the four states, in both languages; the revoked one's
//! day and reason; a number no published product holds answered 404 with what to do, a draft
//! never shown; the number typed in its form; one row read by the number's index.

use app::store::verification::Key;

use crate::common::{spawn_app, DemoUser, Product, TestApp, SITE};

/// A certificate of the demo that is its product's current one and valid beyond the next 90
/// days, with its product's and producer's names.
async fn a_valid_one(app: &TestApp) -> (i64, String) {
    let id = app
        .scalar(
            "SELECT min(c.id) FROM certificates c JOIN products p ON p.current_certificate_id = c.id
             WHERE p.status = 'published' AND c.revoked_on IS NULL
               AND c.expires_on > date('now', '+7 hours', '+90 days')",
        )
        .await;
    let number = app
        .text(&format!(
            "SELECT certificate_no FROM certificates WHERE id = {id}"
        ))
        .await;
    (id, number)
}

/// The certificate `id` ends `days` from today (Vietnam's), its last valid day.
async fn ends(app: &TestApp, id: i64, days: i64) {
    sqlx::query(
        "UPDATE certificates SET expires_on = date('now', '+7 hours', ?2 || ' days') WHERE id = ?1",
    )
    .bind(id)
    .bind(days)
    .execute(&app.direct)
    .await
    .expect("its end");
}

/// The office revokes the certificate `id` `days` from today (0: today), for `reason`.
async fn revoke(app: &TestApp, id: i64, days: i64, reason: &str) {
    sqlx::query(
        "UPDATE certificates SET revoked_on = date('now', '+7 hours', ?2 || ' days'), revoke_reason = ?3
         WHERE id = ?1",
    )
    .bind(id)
    .bind(days)
    .bind(reason)
    .execute(&app.direct)
    .await
    .expect("revoked");
}

#[tokio::test]
async fn each_state_is_said_in_one_look_and_in_words_in_both_languages() {
    let app = spawn_app().await;
    let (id, number) = a_valid_one(&app).await;
    let product = app
        .text(&format!(
            "SELECT p.name || '|' || pr.name || '|' || e.decision_no FROM certificates c
             JOIN products p ON p.id = c.product_id JOIN producers pr ON pr.id = p.producer_id
             JOIN evaluations e ON e.id = c.evaluation_id WHERE c.id = {id}"
        ))
        .await;
    let page = app.get(&format!("/verify/{number}")).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("verdict valid"), "{}", page.body);
    assert!(page.body.contains("CÒN HIỆU LỰC"));
    assert!(page
        .body
        .contains("giấy chứng nhận có hiệu lực đến hết ngày"));
    for fact in product.split('|') {
        assert!(page.body.contains(fact), "{fact}");
    }
    // Plain HTML: no island, so no WASM to fetch.
    assert!(!page.body.contains("<leptos-island"));
    let english = app
        .get(&format!("/verify/{number}"))
        .header("cookie", "lang=en")
        .await;
    assert!(english.body.contains(">VALID</span>"));
    assert!(english.body.contains("the certificate is valid until"));

    // Within 90 days of its end.
    ends(&app, id, 30).await;
    let page = app.get(&format!("/verify/{number}")).await;
    assert!(page.body.contains("verdict expiring"));
    assert!(page.body.contains("CÒN HIỆU LỰC, SẮP HẾT HẠN"));
    assert!(page
        .body
        .contains("Giấy chứng nhận sẽ hết hạn trong vòng 90 ngày tới."));
    let english = app
        .get(&format!("/verify/{number}"))
        .header("cookie", "lang=en")
        .await;
    assert!(english.body.contains("VALID, EXPIRING SOON"));

    // Past its end.
    ends(&app, id, -1).await;
    let page = app.get(&format!("/verify/{number}")).await;
    assert_eq!(page.status, 200, "an ended certificate still answers");
    assert!(page.body.contains("verdict expired"));
    assert!(page.body.contains("ĐÃ HẾT HIỆU LỰC"));
    assert!(page.body.contains("đã hết hiệu lực ngày"));
    let english = app
        .get(&format!("/verify/{number}"))
        .header("cookie", "lang=en")
        .await;
    assert!(english.body.contains(">EXPIRED</span>"));

    // Revoked, which outweighs its dates: the day and the reason.
    sqlx::query(
        "UPDATE certificates SET expires_on = date('now', '+7 hours', '+400 days'),
                revoked_on = '2026-11-02', revoke_reason = 'Sản phẩm không còn đạt tiêu chuẩn an toàn thực phẩm'
         WHERE id = ?1",
    )
    .bind(id)
    .execute(&app.direct)
    .await
    .expect("revoked");
    let page = app.get(&format!("/verify/{number}")).await;
    assert_eq!(page.status, 200, "a revoked certificate still answers");
    assert!(page.body.contains("verdict revoked"));
    assert!(page.body.contains("ĐÃ BỊ THU HỒI"));
    assert!(page.body.contains("đã bị thu hồi ngày 02/11/2026"));
    assert!(page
        .body
        .contains("Lý do thu hồi: </strong>Sản phẩm không còn đạt tiêu chuẩn an toàn thực phẩm"));
    let english = app
        .get(&format!("/verify/{number}"))
        .header("cookie", "lang=en")
        .await;
    assert!(english.body.contains(">REVOKED</span>"));
    assert!(english.body.contains("was revoked on 02/11/2026"));
}

#[tokio::test]
async fn a_number_no_published_product_holds_answers_404_with_what_to_do() {
    let app = spawn_app().await;
    let unknown = app.get("/verify/QT-1999-9999").await;
    assert_eq!(unknown.status, 404);
    assert!(unknown
        .body
        .contains("Không có giấy chứng nhận OCOP số “QT-1999-9999”"));
    assert!(unknown.body.contains("KHÔNG TÌM THẤY"));
    assert!(
        unknown.body.contains("value=\"QT-1999-9999\""),
        "typed again in its form"
    );
    let long = format!("/verify/{}", "9".repeat(500));
    assert_eq!(app.get(&long).await.status, 404);
    // A certificate of a product never published is as unknown as a number no one issued.
    let (id, number) = a_valid_one(&app).await;
    sqlx::query(
        "UPDATE products SET status = 'draft', published_at = NULL
         WHERE id = (SELECT product_id FROM certificates WHERE id = ?1)",
    )
    .bind(id)
    .execute(&app.direct)
    .await
    .expect("a draft");
    let draft = app.get(&format!("/verify/{number}")).await;
    assert_eq!(draft.status, 404);
    // A product hidden after it was published: its certificate answers, without the page.
    sqlx::query(
        "UPDATE products SET status = 'hidden', published_at = '2024-01-01 00:00:00'
         WHERE id = (SELECT product_id FROM certificates WHERE id = ?1)",
    )
    .bind(id)
    .execute(&app.direct)
    .await
    .expect("hidden");
    let hidden = app.get(&format!("/verify/{number}")).await;
    assert_eq!(hidden.status, 200);
    assert!(!hidden.body.contains("href=\"/products/"));
}

#[tokio::test]
async fn a_number_is_typed_in_the_form_and_a_slash_in_it_stays_in_its_address() {
    let app = spawn_app().await;
    let form = app.get("/verify").await;
    assert_eq!(form.status, 200);
    assert!(form
        .body
        .contains("<form method=\"get\" action=\"/verify\""));
    let (id, number) = a_valid_one(&app).await;
    let typed = app.get(&format!("/verify?number=%20{number}%20")).await;
    assert_eq!(typed.status, 200);
    assert!(typed.body.contains("CÒN HIỆU LỰC"));
    // An office's own numbering, slash and all.
    sqlx::query("UPDATE certificates SET certificate_no = '12/GCN-UBND' WHERE id = ?1")
        .bind(id)
        .execute(&app.direct)
        .await
        .expect("renumbered");
    assert_eq!(
        app::model::verification::path("12/GCN-UBND"),
        "/verify/12%2FGCN-UBND"
    );
    let slashed = app.get("/verify/12%2FGCN-UBND").await;
    assert_eq!(slashed.status, 200, "{}", slashed.body);
    assert!(slashed.body.contains("12/GCN-UBND"));
    // The product's page links its certificate to it.
    let slug = app
        .text(&format!(
            "SELECT p.slug FROM products p JOIN certificates c ON c.product_id = p.id WHERE c.id = {id}"
        ))
        .await;
    let product = app.get(&format!("/products/{slug}")).await;
    assert!(product.body.contains("href=\"/verify/12%2FGCN-UBND\""));
}

#[tokio::test]
async fn an_older_certificate_points_to_the_one_its_product_holds_now() {
    let app = spawn_app().await;
    let older = app
        .text(
            "SELECT o.certificate_no || '|' || c.certificate_no FROM certificates o
             JOIN products p ON p.id = o.product_id JOIN certificates c ON c.id = p.current_certificate_id
             WHERE o.id <> c.id AND p.status = 'published' AND c.revoked_on IS NULL
               AND c.expires_on >= date('now', '+7 hours')
             ORDER BY o.id LIMIT 1",
        )
        .await;
    let (old, now) = older
        .split_once('|')
        .expect("the demo has a recertified product");
    let page = app.get(&format!("/verify/{old}")).await;
    assert_eq!(page.status, 200);
    assert!(page
        .body
        .contains("Sản phẩm này hiện có giấy chứng nhận khác còn hiệu lực"));
    assert!(page.body.contains(&format!("href=\"/verify/{now}\"")));
}

#[tokio::test]
async fn a_certificate_is_read_by_its_numbers_index_or_its_products_gtins() {
    let app = spawn_app().await;
    for (key, index) in [
        (Key::Number, "USING INDEX sqlite_autoindex_certificates"),
        (Key::Gtin, "USING INDEX products_gtin"),
    ] {
        let plan = app.query_plan(&app::store::verification::sql(key)).await;
        assert!(plan.iter().any(|step| step.contains(index)), "{plan:?}");
        assert!(
            !plan.iter().any(|step| step.starts_with("SCAN")),
            "{plan:?}"
        );
    }
}

/// The demo's Tỏi đen nhiều tép Quảng Minh, whose producer registered its barcode with GS1
/// Vietnam: its GTIN-14, and the number of the certificate it holds.
async fn the_product_with_a_gtin(app: &TestApp) -> (String, String) {
    let found = app
        .text(
            "SELECT p.gtin || '|' || c.certificate_no FROM products p
             JOIN certificates c ON c.id = p.current_certificate_id WHERE p.id = 31",
        )
        .await;
    let (gtin, number) = found.split_once('|').expect("a GTIN and a certificate");
    (gtin.to_owned(), number.to_owned())
}

#[tokio::test]
async fn a_gs1_digital_link_answers_the_certificate_its_product_holds_however_the_gtin_is_written()
{
    let app = spawn_app().await;
    let (gtin, number) = the_product_with_a_gtin(&app).await;
    assert_eq!(gtin, "08936123400101");
    for address in [
        format!("/01/{gtin}"),
        // GTIN-13, as printed under the barcode.
        "/01/8936123400101".to_owned(),
        // A batch after it does not change the answer.
        format!("/01/{gtin}/10/LO-2026-11"),
    ] {
        let page = app.get(&address).await;
        assert_eq!(page.status, 200, "{address}");
        assert!(page.body.contains("verdict valid"), "{address}");
        assert!(page.body.contains(&number), "{address}");
        assert!(page.body.contains("Tỏi đen nhiều tép Quảng Minh"));
        assert!(!page.body.contains("<leptos-island"));
    }

    // A revoked certificate is what the package's code answers then, in words.
    sqlx::query(
        "UPDATE certificates SET revoked_on = date('now', '+7 hours'), revoke_reason = 'Sai nhãn'
         WHERE certificate_no = ?1",
    )
    .bind(&number)
    .execute(&app.direct)
    .await
    .expect("revoked");
    sqlx::query("UPDATE products SET current_certificate_id = NULL WHERE id = 31")
        .execute(&app.direct)
        .await
        .expect("no current one");
    let page = app.get(&format!("/01/{gtin}")).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("ĐÃ BỊ THU HỒI") && page.body.contains("Sai nhãn"));
}

#[tokio::test]
async fn a_gs1_digital_link_with_a_wrong_check_digit_is_refused_and_an_unknown_gtin_is_not_found() {
    let app = spawn_app().await;
    let wrong = app.get("/01/08936123400102").await;
    assert_eq!(wrong.status, 400);
    assert!(wrong.body.contains("MÃ KHÔNG HỢP LỆ"), "{}", wrong.body);
    assert!(wrong
        .body
        .contains("Chữ số kiểm tra (chữ số cuối) sai: với các chữ số trước nó, phải là 1."));
    assert!(!wrong.body.contains("verdict valid"));
    let english = app
        .get("/01/08936123400102")
        .header("cookie", "lang=en")
        .await;
    assert_eq!(english.status, 400);
    assert!(english
        .body
        .contains("The check digit (the last one) is wrong"));
    for (address, says) in [
        (
            "/01/8936",
            "Mã GTIN có 8, 12, 13 hoặc 14 chữ số; mã này có 4.",
        ),
        ("/01/89361234001x1", "Mã GTIN chỉ gồm chữ số"),
    ] {
        let page = app.get(address).await;
        assert_eq!(page.status, 400, "{address}");
        assert!(page.body.contains(says), "{address}");
    }
    // A well-formed GTIN no published product carries (a GTIN-8 here).
    let unknown = app.get("/01/96385074").await;
    assert_eq!(unknown.status, 404);
    assert!(unknown
        .body
        .contains("Không có sản phẩm OCOP mang mã GTIN “96385074”"));
    // A draft's GTIN is no answer either.
    sqlx::query("UPDATE products SET gtin = '00000096385074' WHERE status = 'draft' AND id = (SELECT min(id) FROM products WHERE status = 'draft')")
        .execute(&app.direct)
        .await
        .expect("a draft with a GTIN");
    assert_eq!(app.get("/01/96385074").await.status, 404);
}

#[tokio::test]
async fn a_products_qr_code_decodes_to_its_proof_and_keeps_working_after_a_rename() {
    let app = spawn_app().await;
    let (gtin, _) = the_product_with_a_gtin(&app).await;
    let slug = app.text("SELECT slug FROM products WHERE id = 31").await;
    let page = app.get(&format!("/products/{slug}")).await;
    let codes = page.qr_codes();
    assert_eq!(codes, [format!("{SITE}/01/{gtin}")]);
    assert!(page
        .body
        .contains("\"hasGS1DigitalLink\":\"https://ocop.example.vn/01/08936123400101\""));
    let scanned = app.get(&format!("/01/{gtin}")).await;
    assert!(scanned.body.contains("verdict valid"));

    // A product without a GTIN: its certificate's page.
    let Product { slug, .. } = app.published_product(DemoUser::ProducerA).await;
    let number = app
        .text(&format!(
            "SELECT c.certificate_no FROM products p JOIN certificates c ON c.id = p.current_certificate_id
             WHERE p.slug = '{slug}'"
        ))
        .await;
    let page = app.get(&format!("/products/{slug}")).await;
    let code = page.qr_codes().pop().expect("a QR code");
    assert_eq!(
        code,
        format!("{SITE}{}", app::model::verification::path(&number))
    );

    // The product moves to another address (its old one redirects); its printed code still
    // answers, and the page draws the same code.
    sqlx::query(
        "INSERT INTO slug_redirects (entity, old_slug, target_id) SELECT 'product', slug, id FROM products WHERE id = 31;
         UPDATE products SET slug = 'toi-den-quang-minh-hu-500-g' WHERE id = 31",
    )
    .execute(&app.direct)
    .await
    .expect("moved");
    let page = app.get("/products/toi-den-quang-minh-hu-500-g").await;
    assert_eq!(page.qr_codes(), [format!("{SITE}/01/{gtin}")]);
    let scanned = app.get(&format!("/01/{gtin}")).await;
    assert!(scanned
        .body
        .contains("href=\"/products/toi-den-quang-minh-hu-500-g\""));
}

#[tokio::test]
async fn revoked_and_expired_certificates_are_public_with_their_days_and_reasons_and_as_open_data()
{
    let app = spawn_app().await;
    let (revoked, revoked_no) = a_valid_one(&app).await;
    revoke(&app, revoked, -2, "Bao bì ghi sai hạng sao").await;
    let (expired, expired_no) = a_valid_one(&app).await;
    ends(&app, expired, -1).await;
    let (valid, valid_no) = a_valid_one(&app).await;
    assert_ne!(valid, expired);
    let page = app.get("/certificates/ended").await;
    assert_eq!(page.status, 200);
    assert!(page
        .body
        .contains(&format!("href=\"/verify/{revoked_no}\"")));
    assert!(page.body.contains(": Bao bì ghi sai hạng sao"));
    assert!(page
        .body
        .contains(&format!("href=\"/verify/{expired_no}\"")));
    assert!(!page.body.contains(&format!("href=\"/verify/{valid_no}\"")));
    // Filtered by kind, and by star.
    let only_revoked = app.get("/certificates/ended?state=revoked").await;
    assert!(only_revoked.body.contains(&revoked_no));
    assert!(!only_revoked.body.contains(&format!(">{expired_no}<")));
    let only_expired = app.get("/certificates/ended?state=expired").await;
    assert!(!only_expired.body.contains(&format!(">{revoked_no}<")));
    let stars = app
        .scalar(&format!(
            "SELECT stars FROM certificates WHERE id = {revoked}"
        ))
        .await;
    let other = if stars == 5 { 4 } else { 5 };
    let by_star = app
        .get(&format!("/certificates/ended?state=revoked&star={other}"))
        .await;
    assert!(!by_star.body.contains(&format!(">{revoked_no}<")));
    let english = app
        .get("/certificates/ended")
        .header("cookie", "lang=en")
        .await;
    assert!(english.body.contains("Revoked and expired certificates"));
    // As open data: every field, the reason included.
    let csv = app.get("/data/ended-certificates.csv").await;
    assert_eq!(csv.status, 200);
    assert!(csv.body.contains(
        "\"certificate_no\",\"stars\",\"product\",\"producer\",\"issued_on\",\"expires_on\",\"revoked_on\",\"revoke_reason\",\"ended_on\""
    ));
    assert!(csv.body.contains("\"Bao bì ghi sai hạng sao\""));
    let json = app.get("/data/ended-certificates.json").await;
    let rows: serde_json::Value = serde_json::from_str(&json.body).expect("JSON");
    let numbers: Vec<&str> = rows
        .as_array()
        .expect("an array")
        .iter()
        .filter_map(|row| row["certificate_no"].as_str())
        .collect();
    assert!(numbers.contains(&revoked_no.as_str()));
    assert!(numbers.contains(&expired_no.as_str()));
    assert!(!numbers.contains(&valid_no.as_str()));
}

#[tokio::test]
async fn the_ended_certificates_are_read_in_order_from_their_index() {
    let app = spawn_app().await;
    let sql = app::store::verification::ended_sql(
        app::model::verification::EndedKind::Both,
        false,
        " LIMIT 50",
    );
    let plan = app.query_plan(&sql).await;
    assert!(
        plan.iter()
            .any(|step| step.contains("USING INDEX certificates_ended")),
        "{plan:?}"
    );
    assert!(
        !plan.iter().any(|step| step.contains("TEMP B-TREE")),
        "{plan:?}"
    );
}

#[tokio::test]
async fn an_ended_certificate_is_in_the_feed_of_ended_ones_and_a_revocation_in_the_news_feed() {
    let app = spawn_app().await;
    let (revoked, revoked_no) = a_valid_one(&app).await;
    revoke(&app, revoked, 0, "Bao bì ghi sai hạng sao").await;
    let (expired, expired_no) = a_valid_one(&app).await;
    ends(&app, expired, -2).await;
    let verify = |number: &str| format!("{SITE}{}", app::model::verification::path(number));

    let reply = app.get("/certificates/ended.xml").await;
    assert_eq!(reply.status, 200);
    assert_eq!(
        reply.header("content-type"),
        "application/atom+xml; charset=utf-8"
    );
    let feed = atom_syndication::Feed::read_from(reply.body.as_bytes()).expect("an Atom feed");
    let entry = |number: &str| {
        feed.entries()
            .iter()
            .find(|entry| entry.id() == verify(number))
            .cloned()
    };
    let revocation = entry(&revoked_no).expect("the revocation");
    assert!(revocation
        .title()
        .as_str()
        .starts_with("Thu hồi giấy chứng nhận OCOP số"));
    let summary = revocation.summary().expect("a summary").as_str();
    assert!(
        summary.ends_with("Lý do: Bao bì ghi sai hạng sao."),
        "{summary}"
    );
    assert_eq!(revocation.categories()[0].term(), "revoked");
    let expiry = entry(&expired_no).expect("the expiry");
    assert!(expiry
        .title()
        .as_str()
        .starts_with("Hết hiệu lực giấy chứng nhận OCOP số"));
    // Newest end first: today's revocation before yesterday's end.
    assert_eq!(feed.entries()[0].id(), verify(&revoked_no));

    // The news feed carries the office's revocations, not every expiry.
    let news = app.get("/feed.xml").await;
    let news = atom_syndication::Feed::read_from(news.body.as_bytes()).expect("an Atom feed");
    let ids: Vec<&str> = news.entries().iter().map(|entry| entry.id()).collect();
    assert!(ids.contains(&verify(&revoked_no).as_str()), "{ids:?}");
    assert!(!ids.contains(&verify(&expired_no).as_str()));
    // The page of ended certificates names its feed.
    let page = app.get("/certificates/ended").await;
    assert!(page.body.contains("href=\"/certificates/ended.xml\""));
}
