//! Where a product is sold (`model::where_to_buy`): sales points and online listings kept by
//! the producer through review like every listing change, their links http(s) only; the
//! catalogue's "sold near me" by commune; the report's count of products sold online.

use crate::common::{spawn_app, DemoUser, Product};

/// The report's table of certificates as CSV: the count of products on show sold online.
async fn sold_online(app: &crate::common::TestApp) -> String {
    let staff = app.as_user(DemoUser::Staff).await;
    let csv = staff.get("/admin/reports/2026/certificates.csv").await;
    assert_eq!(csv.status, 200);
    csv.body
        .lines()
        .find(|line| line.contains("có bán trực tuyến"))
        .and_then(|line| line.rsplit(',').next())
        .map(|count| count.trim_matches('"').to_owned())
        .expect("the figure")
}

#[tokio::test]
async fn sales_points_and_online_listings_go_public_only_when_staff_approve() {
    let app = spawn_app().await;
    let producer = app.as_user(DemoUser::ProducerA).await;
    let staff = app.as_user(DemoUser::Staff).await;
    let Product {
        id,
        slug,
        name,
        set_id,
    } = app.published_product(DemoUser::ProducerA).await;
    let commune = app
        .text("SELECT CAST(id AS TEXT) FROM admin_units WHERE code = 'QT-008'")
        .await;
    assert_eq!(sold_online(&app).await, "2", "the demo's two");
    let edit = producer.get(&format!("/portal/products/{id}")).await;
    assert!(
        edit.body.contains("name=\"point-0-name\"") && edit.body.contains("name=\"online-0-url\"")
    );
    let sent = producer
        .post(&format!("/portal/products/{id}"))
        .form(&[
            ("name", &name),
            ("set_id", &set_id),
            ("point-0-kind", "market"),
            ("point-0-name", "Quầy nông sản chợ Hoàn Lão"),
            ("point-0-address", "Ki-ốt 7, chợ Hoàn Lão"),
            ("point-0-unit_id", &commune),
            (
                "point-0-directions",
                "https://www.google.com/maps/dir/?api=1&destination=17.59,106.53",
            ),
            ("online-0-kind", "marketplace"),
            ("online-0-url", "https://cho.example.vn/moc-nhi-son-loc"),
        ])
        .await;
    assert_eq!(sent.status, 303, "{}", sent.body);
    // Not public before review.
    let public = app.get(&format!("/products/{slug}")).await;
    assert!(!public.body.contains("Quầy nông sản chợ Hoàn Lão"));
    assert!(!app
        .get("/products?sold_in=quang-tri-dong-trach")
        .await
        .body
        .contains(&format!("/products/{slug}\"")));
    assert_eq!(sold_online(&app).await, "2");

    let revision = app.scalar("SELECT max(id) FROM product_revisions").await;
    let review = staff.get(&format!("/admin/reviews/{revision}")).await;
    assert!(
        review
            .body
            .contains("Chợ · Quầy nông sản chợ Hoàn Lão: Ki-ốt 7, chợ Hoàn Lão, Đông Trạch"),
        "{}",
        review.body
    );
    assert!(review
        .body
        .contains("https://cho.example.vn/moc-nhi-son-loc"));
    let approved = staff
        .post(&format!("/admin/reviews/{revision}/approve"))
        .await;
    assert_eq!(approved.status, 303);

    let public = app.get(&format!("/products/{slug}")).await;
    assert!(public.body.contains("Quầy nông sản chợ Hoàn Lão"));
    assert!(public.body.contains("Ki-ốt 7, chợ Hoàn Lão, Đông Trạch"));
    assert!(public.body.contains(
        "<a href=\"https://cho.example.vn/moc-nhi-son-loc\" rel=\"external nofollow noopener noreferrer\" target=\"_blank\">cho.example.vn</a>"
    ), "named by its site");
    let near = app.get("/products?sold_in=quang-tri-dong-trach").await;
    assert!(near.body.contains(&format!("/products/{slug}\"")));
    assert_eq!(sold_online(&app).await, "3");
    // The form shows them for the next change, and an empty row to add one more.
    let edit = producer.get(&format!("/portal/products/{id}")).await;
    assert!(edit.body.contains("value=\"Quầy nông sản chợ Hoàn Lão\""));
    assert!(edit.body.contains("name=\"point-1-name\""));
}

#[tokio::test]
async fn a_link_that_is_not_http_or_a_commune_not_of_today_is_refused_by_its_row_and_nothing_stored(
) {
    let app = spawn_app().await;
    let producer = app.as_user(DemoUser::ProducerA).await;
    let Product {
        id, name, set_id, ..
    } = app.published_product(DemoUser::ProducerA).await;
    let commune = app
        .text("SELECT CAST(id AS TEXT) FROM admin_units WHERE code = 'QT-008'")
        .await;
    let former = app
        .text("SELECT CAST(id AS TEXT) FROM admin_units WHERE level = 'commune' AND valid_to IS NOT NULL LIMIT 1")
        .await;
    let before = app.snapshot().await;
    let refused = producer
        .post(&format!("/portal/products/{id}"))
        .form(&[
            ("name", &name),
            ("set_id", &set_id),
            ("point-0-name", "Cửa hàng"),
            ("point-0-address", "Thôn Nam"),
            ("point-0-unit_id", &commune),
            ("point-0-directions", "javascript:alert(1)"),
            ("online-0-url", "cho.example.vn/moc-nhi"),
        ])
        .await;
    assert_eq!(refused.status, 422);
    for field in ["point-0-directions", "online-0-url"] {
        assert!(
            refused
                .field_message(field)
                .starts_with("Địa chỉ web phải bắt đầu bằng https:// hoặc http://"),
            "{field}: {}",
            refused.field_message(field)
        );
    }
    // What was typed comes back in its row.
    assert!(refused.body.contains("value=\"javascript:alert(1)\""));
    let former_commune = producer
        .post(&format!("/portal/products/{id}"))
        .form(&[
            ("name", &name),
            ("set_id", &set_id),
            ("point-0-name", "Cửa hàng"),
            ("point-0-address", "Thôn Nam"),
            ("point-0-unit_id", &former),
        ])
        .await;
    assert_eq!(former_commune.status, 422);
    assert_eq!(
        former_commune.field_message("point-0-unit_id"),
        "Vui lòng chọn xã, phường."
    );
    assert_eq!(app.snapshot().await, before);
}

#[tokio::test]
async fn sold_near_me_keeps_the_other_filters_and_reads_its_index() {
    let app = spawn_app().await;
    // The demo's Tỏi đen Quảng Minh is sold in Ba Đồn (two of its products), its fish sauce in
    // Đồng Hới only.
    let ba_don = app.get("/products?sold_in=quang-tri-ba-don").await;
    assert_eq!(ba_don.status, 200);
    assert!(ba_don.body.contains("Tỏi đen nhiều tép Quảng Minh"));
    assert!(ba_don.body.contains("Tỏi đen cô đơn Quảng Minh"));
    assert!(!ba_don.body.contains("Nước mắm cá cơm Bảo Ninh"));
    assert!(ba_don.body.contains("Bán tại xã, phường"));
    // A sales point without a directions link gets a map's search for its address.
    let garlic = app.get("/products/toi-den-nhieu-tep-quang-minh").await;
    assert!(garlic.body.contains(
        "https://www.google.com/maps/search/?api=1&amp;query=Th%C3%B4n+B%E1%BA%AFc%2C+Qu%E1%BA%A3ng+Minh%2C+Ba+%C4%90%E1%BB%93n"
    ), "{}", garlic.body);
    // With a search: those of its matches sold there.
    let searched = app.get("/products?sold_in=quang-tri-ba-don&q=co+don").await;
    assert!(searched.body.contains("Tỏi đen cô đơn Quảng Minh"));
    assert!(!searched.body.contains("Tỏi đen nhiều tép Quảng Minh"));
    // The other filters' links keep it (a star's, say), and the search form carries it.
    assert!(
        ba_don.body.contains("&amp;sold_in=quang-tri-ba-don\""),
        "a facet keeps it"
    );
    assert!(ba_don
        .body
        .contains("name=\"sold_in\" value=\"quang-tri-ba-don\""));
    let bad = app.get("/products?sold_in=%3Cscript%3E").await;
    assert_eq!(bad.status, 422);

    let plan = app
        .query_plan(&app::store::catalogue::sold_in_sql(""))
        .await;
    assert!(
        plan.iter()
            .any(|step| step.contains("USING COVERING INDEX sales_points_unit")),
        "{plan:?}"
    );
    assert!(
        !plan.iter().any(|step| step.contains("TEMP B-TREE")),
        "{plan:?}"
    );
    // The communes it offers: each of today's probed in the same index, the sales points
    // never scanned.
    let plan = app
        .query_plan(&app::store::catalogue::sold_in_places_sql(""))
        .await;
    assert!(
        plan.iter()
            .any(|step| step.contains("INDEX sales_points_unit")),
        "{plan:?}"
    );
    assert!(
        !plan.iter().any(|step| step.starts_with("SCAN s")),
        "{plan:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_staff_approving_one_proposal_with_sales_points_at_once_write_them_once() {
    let app = std::sync::Arc::new(spawn_app().await);
    let producer = app.as_user(DemoUser::ProducerA).await;
    let Product {
        id, name, set_id, ..
    } = app.published_product(DemoUser::ProducerA).await;
    let commune = app
        .text("SELECT CAST(id AS TEXT) FROM admin_units WHERE code = 'QT-008'")
        .await;
    let sent = producer
        .post(&format!("/portal/products/{id}"))
        .form(&[
            ("name", &name),
            ("set_id", &set_id),
            ("point-0-name", "Quầy nông sản chợ Hoàn Lão"),
            ("point-0-address", "Ki-ốt 7, chợ Hoàn Lão"),
            ("point-0-unit_id", &commune),
            ("point-1-name", "Cửa hàng của hợp tác xã"),
            ("point-1-address", "Thôn Nam"),
            ("point-1-unit_id", &commune),
            ("online-0-url", "https://cho.example.vn/moc-nhi-son-loc"),
        ])
        .await;
    assert_eq!(sent.status, 303);
    let revision = app.scalar("SELECT max(id) FROM product_revisions").await;
    let sessions = [
        app.new_session(DemoUser::Staff).await,
        app.new_session(DemoUser::Admin).await,
    ];
    let approvals = sessions.map(|session| {
        let app = app.clone();
        tokio::spawn(async move {
            app.post(&format!("/admin/reviews/{revision}/approve"))
                .cookie(&session)
                .await
                .status
                .as_u16()
        })
    });
    let mut statuses = Vec::new();
    for approval in approvals {
        statuses.push(approval.await.expect("an answer"));
    }
    statuses.sort_unstable();
    // One approves; the other finds it decided (409), never a 500 from a busy database.
    assert_eq!(statuses, [303, 409]);
    assert_eq!(
        app.scalar(&format!(
            "SELECT count(*) FROM sales_points WHERE product_id = {id}"
        ))
        .await,
        2
    );
    assert_eq!(
        app.scalar(&format!(
            "SELECT count(*) FROM online_listings WHERE product_id = {id}"
        ))
        .await,
        1
    );
    assert_eq!(
        app.scalar(&format!(
            "SELECT count(*) FROM audit_log WHERE action = 'approve' AND entity_id = {revision}"
        ))
        .await,
        1
    );
}
