//! The import of the office's spreadsheet of producers, products and certificates
//! (`/admin/import`, `server/src/imports.rs`, `store::product_import`): the national export
//! read back changes nothing; a file is checked in a dry run, each bad cell refused with its
//! message and nothing stored; a good file is imported whole with its audit entries, and again
//! changes nothing; twenty thousand rows go in one transaction.

use std::time::{Duration, Instant};

use crate::common::{spawn_app, Caller, DemoUser, Reply, TestApp};

async fn choose(app: &TestApp, file_name: &str, bytes: &[u8]) -> Reply {
    app.as_user(DemoUser::Admin)
        .await
        .post("/admin/import")
        .multipart(&[], Some(("file", file_name, bytes.to_vec())))
        .await
}

async fn dry_run_of(app: &TestApp, file_name: &str, bytes: &[u8]) -> String {
    let chosen = choose(app, file_name, bytes).await;
    assert_eq!(chosen.status, 303, "{}", chosen.body);
    chosen.header("location").to_owned()
}

/// Imports a file its dry run showed as an admin's browser does: the form's answer, then its
/// page read again until the import has ended (a long one goes on past the answer). The page
/// it ends on.
async fn import(admin: &Caller<'_>, dry_run: &str) -> Reply {
    let answer = admin.post(dry_run).await;
    assert_eq!(answer.status, 303, "{}", answer.body);
    ended(admin, answer.header("location")).await
}

/// A kept file's page once its import has ended, read again until then as it reloads itself.
async fn ended(admin: &Caller<'_>, page: &str) -> Reply {
    let started = Instant::now();
    loop {
        let now = admin.get(page).await;
        if !now.body.contains("class=\"import-progress\"") {
            return now;
        }
        assert!(
            started.elapsed() < Duration::from_secs(300),
            "the import never ended"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

fn fact(page: &str, term: &str) -> i64 {
    page.split(&format!("<dt>{term}</dt><dd>"))
        .nth(1)
        .and_then(|rest| rest.split('<').next())
        .and_then(|number| number.parse().ok())
        .unwrap_or_else(|| panic!("no {term} in the dry run"))
}

const HEADERS: &str = "Tên sản phẩm;Nhóm sản phẩm;Bộ sản phẩm;Hạng sao;Điểm;Số giấy chứng nhận;Số quyết định;Ngày quyết định;Hiệu lực đến;Chủ thể;Loại hình chủ thể;Mã số thuế;Xã, phường (hiện nay);Tỉnh, thành phố (hiện nay);Điểm phần A;Điểm phần B;Điểm phần C";

/// A new household business with two products, one certified, and a new product of the demo's
/// HTX Sơn Lộc, found by its name in today's Đông Trạch.
fn good_file() -> String {
    [
        HEADERS,
        "Nước mắm Cảnh Dương;Thực phẩm;Tương, nước mắm, gia vị dạng lỏng khác;4;78,5;QT-2025-0901;901/QĐ-UBND;17/12/2025;17/12/2028;Cơ sở Hải Yến;Hộ kinh doanh;3101234567;Phường Đồng Hới;Quảng Trị;30;20,5;28",
        "Ruốc Cảnh Dương;Thực phẩm;Gia vị khác;;;;;;;Cơ sở Hải Yến;Hộ kinh doanh;3101234567;Đồng Hới;Quảng Trị;;;",
        "Bánh quy nấm Sơn Lộc;;Trà từ thực vật khác;;;;;;;Hợp tác xã Nông nghiệp Sơn Lộc;;;Đông Trạch;Quảng Trị;;;",
    ]
    .join("\n")
}

#[tokio::test]
async fn the_national_export_read_back_changes_nothing() {
    let app = spawn_app().await;
    let admin = app.as_user(DemoUser::Admin).await;
    let export = admin.get("/admin/reports/national.xlsx").response().await;
    assert_eq!(export.status(), 200);
    let bytes = axum::body::to_bytes(export.into_body(), 16 * 1024 * 1024)
        .await
        .expect("the export");
    let certified = app
        .scalar(
            "SELECT count(*) FROM products p JOIN certificates c ON c.id = p.current_certificate_id
             WHERE c.revoked_on IS NULL AND c.expires_on >= date('now', '+7 hours')",
        )
        .await;
    assert!(certified > 20, "the demo has certified products");
    let page = admin
        .get(&dry_run_of(&app, "san-pham-ocop.xlsx", &bytes).await)
        .await;
    assert_eq!(fact(&page.body, "Có lỗi"), 0, "{}", page.body);
    assert_eq!(fact(&page.body, "Không đổi"), certified);
    assert_eq!(fact(&page.body, "Thêm mới"), 0);
    assert!(page.body.contains("Tệp không thay đổi gì"));
}

#[tokio::test]
async fn a_good_file_is_imported_whole_with_its_audit_entries_and_again_changes_nothing() {
    let app = spawn_app().await;
    let admin = app.as_user(DemoUser::Admin).await;
    let dry_run = dry_run_of(&app, "ocop.csv", good_file().as_bytes()).await;
    let page = admin.get(&dry_run).await;
    assert_eq!(fact(&page.body, "Có lỗi"), 0, "{}", page.body);
    assert_eq!(fact(&page.body, "Thêm mới"), 3);
    assert!(page
        .body
        .contains("Nước mắm Cảnh Dương · Cơ sở Hải Yến · QT-2025-0901 (4★)"));
    let before = app.snapshot().await;
    let imported = import(&admin, &dry_run).await;
    assert!(imported
        .body
        .contains("Đã nhập 1 chủ thể, 3 sản phẩm và 1 giấy chứng nhận mới."));
    // One producer, three products, one certificate with the evaluation that earned it.
    assert_eq!(
        app.text(
            "SELECT pr.entity_type || ' ' || pr.tax_code || ' ' || u.code FROM producers pr
             JOIN admin_units u ON u.id = pr.admin_unit_id WHERE pr.name = 'Cơ sở Hải Yến'"
        )
        .await,
        "household 3101234567 QT-001"
    );
    assert_eq!(
        app.text(
            "SELECT c.stars || ' ' || c.outcome || ' ' || c.expires_on || ' ' || e.total || ' '
                    || e.council_level || ' ' || e.decision_no
             FROM certificates c JOIN evaluations e ON e.id = c.evaluation_id
             JOIN products p ON p.current_certificate_id = c.id
             WHERE c.certificate_no = 'QT-2025-0901'"
        )
        .await,
        "4 new 2028-12-17 7850 province 901/QĐ-UBND"
    );
    assert_eq!(
        app.scalar(
            "SELECT count(*) FROM products p JOIN producers pr ON pr.id = p.producer_id
             WHERE pr.slug = 'htx-nong-nghiep-son-loc' AND p.name = 'Bánh quy nấm Sơn Lộc'"
        )
        .await,
        1
    );
    assert_eq!(
        app.scalar("SELECT count(*) FROM audit_log WHERE action = 'import'")
            .await,
        5
    );
    let after = app.snapshot().await;
    let changed = after.changed_since(&before);
    for table in [
        "audit_log",
        "certificates",
        "evaluations",
        "producers",
        "products",
    ] {
        assert!(changed.contains(&table), "{table} in {changed:?}");
    }
    // On the portal: the certified product with its stars, in today's Đồng Hới.
    let found = app
        .get("/products?locality=quang-tri-dong-hoi&star=4")
        .await;
    assert!(found.body.contains("Nước mắm Cảnh Dương"));

    // The same file again finds everything there, and importing it stores nothing.
    let again = dry_run_of(&app, "ocop.csv", good_file().as_bytes()).await;
    let page = admin.get(&again).await;
    assert_eq!(fact(&page.body, "Không đổi"), 3);
    assert_eq!(fact(&page.body, "Thêm mới"), 0);
    let before = app.snapshot().await;
    let imported = import(&admin, &again).await;
    assert!(imported
        .body
        .contains("Đã nhập 0 chủ thể, 0 sản phẩm và 0 giấy chứng nhận mới."));
    assert_eq!(app.snapshot().await.changed_since(&before), ["imports"]);
}

#[tokio::test]
async fn every_kind_of_bad_row_is_refused_by_its_cell_and_nothing_is_stored() {
    let app = spawn_app().await;
    let admin = app.as_user(DemoUser::Admin).await;
    let taken = app
        .text("SELECT certificate_no FROM certificates ORDER BY id LIMIT 1")
        .await;
    let rows = [
        // 2: no product name
        ";;Gia vị khác;;;;;;;Cơ sở A;Hộ kinh doanh;;Đồng Hới;;;;".to_owned(),
        // 3: a set no one has
        "Mắm;;Mắm thần kỳ;;;;;;;Cơ sở A;Hộ kinh doanh;;Đồng Hới;;;;".to_owned(),
        // 4: a commune no one has
        "Mắm;;Gia vị khác;;;;;;;Cơ sở A;Hộ kinh doanh;;Xã Không Có;;;;".to_owned(),
        // 5: two former communes of this name, in two of today's
        "Mắm;;Gia vị khác;;;;;;;Cơ sở A;Hộ kinh doanh;;Quảng Phú;;;;".to_owned(),
        // 6: a new producer without its type
        "Mắm;;Gia vị khác;;;;;;;Cơ sở Mới;;;Đồng Hới;;;;".to_owned(),
        // 7: six stars
        "Mắm 7;;Gia vị khác;6;;QT-7;7/QĐ;17/12/2025;17/12/2028;Cơ sở A;Hộ kinh doanh;;Đồng Hới;;30;20;28".to_owned(),
        // 8: four stars for a 3-star score
        "Mắm 8;;Gia vị khác;4;60;QT-8;8/QĐ;17/12/2025;17/12/2028;Cơ sở A;Hộ kinh doanh;;Đồng Hới;;20;20;20".to_owned(),
        // 9: valid 24 months, not 36
        "Mắm 9;;Gia vị khác;4;78;QT-9;9/QĐ;17/12/2025;17/12/2027;Cơ sở A;Hộ kinh doanh;;Đồng Hới;;30;20;28".to_owned(),
        // 10: a new certificate without its score sheet's parts
        "Mắm 10;;Gia vị khác;4;78;QT-10;10/QĐ;17/12/2025;17/12/2028;Cơ sở A;Hộ kinh doanh;;Đồng Hới;;;;".to_owned(),
        // 11 and 12: one certificate number twice
        "Mắm 11;;Gia vị khác;4;78;QT-11;11/QĐ;17/12/2025;17/12/2028;Cơ sở A;Hộ kinh doanh;;Đồng Hới;;30;20;28".to_owned(),
        "Mắm 12;;Gia vị khác;4;78;QT-11;11/QĐ;17/12/2025;17/12/2028;Cơ sở A;Hộ kinh doanh;;Đồng Hới;;30;20;28".to_owned(),
        // 13: a certificate of the data, given to another product
        format!("Mắm 13;;Gia vị khác;4;78;{taken};13/QĐ;17/12/2025;17/12/2028;Cơ sở A;Hộ kinh doanh;;Đồng Hới;;30;20;28"),
        // 14: no such day
        "Mắm 14;;Gia vị khác;4;78;QT-14;14/QĐ;31/02/2025;17/12/2028;Cơ sở A;Hộ kinh doanh;;Đồng Hới;;30;20;28".to_owned(),
        // 15: a tax code of letters
        "Mắm 15;;Gia vị khác;;;;;;;Cơ sở B;Hộ kinh doanh;MST-ABC;Đồng Hới;;;;".to_owned(),
        // 16 and 17: one product twice
        "Mắm 16;;Gia vị khác;;;;;;;Cơ sở A;Hộ kinh doanh;;Đồng Hới;;;;".to_owned(),
        "Mắm 16;;Gia vị khác;;;;;;;Cơ sở A;Hộ kinh doanh;;Đồng Hới;;;;".to_owned(),
        // 18: a good row, not kept either
        "Mắm 18;;Gia vị khác;;;;;;;Cơ sở A;Hộ kinh doanh;;Đồng Hới;;;;".to_owned(),
    ];
    let file = format!("{HEADERS}\n{}\n", rows.join("\n"));
    let dry_run = dry_run_of(&app, "loi.csv", file.as_bytes()).await;
    let page = admin.get(&dry_run).await;
    assert_eq!(fact(&page.body, "Có lỗi"), 14, "{}", page.body);
    for message in [
        "Vui lòng điền ô này.",
        "Không có bộ sản phẩm nào tên này",
        "Không có xã, phường nào tên này trong dữ liệu",
        "Có nhiều xã, phường tên này (QB-DH-06, QB-QTR-02)",
        "Chủ thể mới: cần ghi loại hình.",
        "Hạng sao là 3, 4 hoặc 5.",
        "Hạng sao không khớp với tổng điểm theo thang xếp hạng.",
        "Giấy chứng nhận có hiệu lực 36 tháng kể từ ngày cấp: đến 17/12/2028.",
        "Giấy chứng nhận mới: cần điểm phần A, B, C của phiếu chấm.",
        "Số giấy chứng nhận này đã có ở dòng 11 của tệp.",
        "Giấy chứng nhận số này đã có trong dữ liệu",
        "Ngày không hợp lệ (dạng ngày/tháng/năm, ví dụ 17/12/2021).",
        "Mã số thuế gồm 10 chữ số",
        "đã có ở dòng 16.",
    ] {
        assert!(page.body.contains(message), "{message}");
    }
    assert!(!page.body.contains("Nhập: thêm"));
    let before = app.snapshot().await;
    let refused = admin.post(&dry_run).await;
    assert_eq!(refused.status, 422);
    assert!(refused
        .body
        .contains("14 dòng của tệp có lỗi: chưa nhập gì."));
    assert_eq!(app.snapshot().await, before);
}

#[tokio::test]
async fn twenty_thousand_rows_go_in_one_transaction_and_again_change_nothing() {
    let app = spawn_app().await;
    let admin = app.as_user(DemoUser::Admin).await;
    let mut file = String::from(HEADERS);
    // 2,000 producers of ten products each, every other product certified.
    for n in 0..20_000 {
        let producer = n / 10;
        let certificate = if n % 2 == 0 {
            format!("4;78;QT-2025-{n:05};{n}/QĐ-UBND;17/12/2025;17/12/2028")
        } else {
            ";;;;;".to_owned()
        };
        let parts = if n % 2 == 0 { "30;20;28" } else { ";;" };
        file.push_str(&format!(
            "\nSản phẩm {n};;Gia vị khác;{certificate};Cơ sở {producer};Hộ kinh doanh;{:010};Đồng Hới;Quảng Trị;{parts}",
            3_200_000_000u64 + producer
        ));
    }
    let products = app.count("products").await;
    let started = std::time::Instant::now();
    let dry_run = dry_run_of(&app, "lon.csv", file.as_bytes()).await;
    let page = admin.get(&dry_run).await;
    assert_eq!(
        fact(&page.body, "Thêm mới"),
        20_000,
        "{}",
        &page.body[..2000.min(page.body.len())]
    );
    // Far longer than the answer waits (seconds even in a release build): the answer comes
    // first, and the page counts the rows as they are written.
    let answer = admin.post(&dry_run).await;
    assert_eq!(answer.header("location"), dry_run);
    let page = admin.get(&dry_run).await;
    assert!(page.body.contains("max=\"20000\""), "{}", page.body);
    assert!(page.body.contains(" / 20.000 dòng."));
    let page = ended(&admin, &dry_run).await;
    assert!(
        page.body
            .contains("Đã nhập 2.000 chủ thể, 20.000 sản phẩm và 10.000 giấy chứng nhận mới."),
        "{}",
        page.body
    );
    eprintln!(
        "20,000 rows checked and imported in {:?}",
        started.elapsed()
    );
    assert_eq!(app.count("products").await, products + 20_000);
    assert_eq!(
        app.scalar("SELECT count(*) FROM certificates WHERE certificate_no LIKE 'QT-2025-%'")
            .await,
        10_000
    );
    let again = dry_run_of(&app, "lon.csv", file.as_bytes()).await;
    let page = admin.get(&again).await;
    assert_eq!(fact(&page.body, "Không đổi"), 20_000);
}

#[tokio::test]
async fn two_admins_importing_the_same_file_at_once_add_its_records_once() {
    let app = spawn_app().await;
    let first = dry_run_of(&app, "a.csv", good_file().as_bytes()).await;
    let second = dry_run_of(&app, "b.csv", good_file().as_bytes()).await;
    let admin = app.as_user(DemoUser::Admin).await;
    tokio::join!(import(&admin, &first), import(&admin, &second));
    assert_eq!(
        app.scalar("SELECT count(*) FROM producers WHERE name = 'Cơ sở Hải Yến'")
            .await,
        1
    );
    assert_eq!(
        app.scalar("SELECT count(*) FROM audit_log WHERE action = 'import'")
            .await,
        5
    );
}

#[tokio::test]
async fn the_offices_own_headers_are_matched_to_the_columns_it_chooses() {
    let app = spawn_app().await;
    let admin = app.as_user(DemoUser::Admin).await;
    let file = "TT,Sản phẩm,Cơ sở sản xuất,Loại hình,Địa bàn,Bộ\n\
                1,Mắm tôm Cảnh Dương,Cơ sở Ba Lành,Hộ kinh doanh,Đồng Hới,Gia vị khác\n";
    let dry_run = dry_run_of(&app, "danh-sach.csv", file.as_bytes()).await;
    let page = admin.get(&dry_run).await;
    assert!(page
        .body
        .contains("Tệp thiếu cột “Tên sản phẩm”, “Bộ sản phẩm”, “Chủ thể”"));
    let details = page.body.split("<details").nth(1).unwrap_or_default();
    assert!(
        details.starts_with(" open class=\"column-matching\""),
        "{}",
        &details[..200.min(details.len())]
    );
    assert!(page.body.contains("<option value=\"4\">Địa bàn</option>"));
    // A column the file does not have is refused, and nothing is kept.
    let columns = format!("{dry_run}/columns");
    let before = app.snapshot().await;
    let refused = admin.post(&columns).form(&[("column-1", "9")]).await;
    assert_eq!(refused.status, 422);
    assert_eq!(app.snapshot().await, before);
    // Product, set, producer, its type and the commune, by the file's own columns.
    let chosen = admin
        .post(&columns)
        .form(&[
            ("column-1", "1"),
            ("column-3", "5"),
            ("column-11", "2"),
            ("column-12", "3"),
            ("column-14", "4"),
        ])
        .await;
    assert_eq!(chosen.status, 303, "{}", chosen.body);
    assert_eq!(chosen.header("location"), dry_run);
    let page = admin.get(&dry_run).await;
    assert_eq!(fact(&page.body, "Thêm mới"), 1, "{}", page.body);
    import(&admin, &dry_run).await;
    assert_eq!(
        app.scalar("SELECT count(*) FROM products WHERE name = 'Mắm tôm Cảnh Dương'")
            .await,
        1
    );
}

#[tokio::test]
async fn an_import_that_waits_goes_on_past_its_answer_and_its_page_says_how_far_it_is() {
    let app = spawn_app().await;
    let admin = app.as_user(DemoUser::Admin).await;
    let dry_run = dry_run_of(&app, "ocop.csv", good_file().as_bytes()).await;
    // Another write holds the database: the import waits for it past its answer.
    let held = app.writer.begin().await.expect("the writer");
    let answer = admin.post(&dry_run).await;
    assert_eq!(answer.status, 303, "{}", answer.body);
    assert_eq!(
        answer.header("location"),
        dry_run,
        "no notice before it ends"
    );
    let page = admin.get(&dry_run).await;
    assert!(
        page.body.contains("<h2>Đang nhập tệp</h2>"),
        "{}",
        page.body
    );
    assert!(page.body.contains("<progress id=\"import-progress\""));
    assert!(page.body.contains("http-equiv=\"refresh\""));
    assert!(page
        .body
        .contains("Đang chờ cơ sở dữ liệu: một thay đổi khác đang được lưu."));
    // Pressed again meanwhile, it follows the import under way and starts none.
    assert_eq!(admin.post(&dry_run).await.status, 303);
    drop(held);
    let page = ended(&admin, &dry_run).await;
    assert!(page
        .body
        .contains("Đã nhập 1 chủ thể, 3 sản phẩm và 1 giấy chứng nhận mới."));
    assert!(!page.body.contains("http-equiv=\"refresh\""));
    assert_eq!(
        app.scalar("SELECT count(*) FROM audit_log WHERE action = 'import'")
            .await,
        5
    );
}

#[tokio::test]
async fn an_import_refused_after_its_answer_says_why_on_its_page_and_stores_nothing() {
    let app = spawn_app().await;
    let admin = app.as_user(DemoUser::Admin).await;
    let dry_run = dry_run_of(&app, "ocop.csv", good_file().as_bytes()).await;
    let mut held = app.writer.begin().await.expect("the writer");
    assert_eq!(admin.post(&dry_run).await.status, 303);
    // While it waits, the set of the file's second row is renamed: checked again, the row is
    // refused, and so is the file.
    sqlx::query("UPDATE product_sets SET name_vi = 'Gia vị', name_en = 'Spices' WHERE name_vi = 'Gia vị khác'")
        .execute(&mut *held)
        .await
        .expect("the set renamed");
    held.commit().await.expect("committed");
    let before = app.snapshot().await;
    let page = ended(&admin, &dry_run).await;
    assert!(
        page.body.contains(
            "Việc nhập đã dừng. 1 dòng của tệp có lỗi: chưa nhập gì. Hãy sửa tệp rồi tải lên lại."
        ),
        "{}",
        page.body
    );
    assert!(page.body.contains("Không có bộ sản phẩm nào tên này"));
    assert_eq!(app.snapshot().await, before);
}
