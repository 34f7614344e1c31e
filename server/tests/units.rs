//! The administrative units an office loads (`/admin/units`, `server/src/units.rs`): a file is
//! checked in a dry run before anything is stored, every bad cell is refused by its column with
//! nothing stored, an import is all of the file or nothing, the same file again changes
//! nothing, the file of every unit read back changes nothing, and the catalogue, filters and
//! reports follow the units as imported.

use crate::common::{spawn_app, DemoUser, Reply, TestApp};

/// Chooses `bytes` as the file to import; the answer leads to its dry run.
async fn choose(app: &TestApp, file_name: &str, bytes: &[u8]) -> Reply {
    app.as_user(DemoUser::Admin)
        .await
        .post("/admin/units")
        .multipart(&[], Some(("file", file_name, bytes.to_vec())))
        .await
}

/// The dry run's address of a file just chosen.
async fn dry_run_of(app: &TestApp, file_name: &str, bytes: &[u8]) -> String {
    let chosen = choose(app, file_name, bytes).await;
    assert_eq!(chosen.status, 303, "{}", chosen.body);
    let location = chosen.header("location").to_owned();
    assert!(location.starts_with("/admin/units/imports/"), "{location}");
    location
}

/// A fact of the dry run's list ("Thêm mới", "Cập nhật"...), as a number.
fn fact(page: &str, term: &str) -> i64 {
    page.split(&format!("<dt>{term}</dt><dd>"))
        .nth(1)
        .and_then(|rest| rest.split('<').next())
        .and_then(|number| number.parse().ok())
        .unwrap_or_else(|| panic!("no {term} in the dry run"))
}

/// A commune of today, Tân Thành, and the former Sơn Lộc (with its HTX's products) moved into
/// it: as an office would type it, with a semicolon, Vietnamese headers in capitals and dates
/// as pages show them.
const TAN_THANH: &str =
    "MÃ ĐƠN VỊ;Tên;Cấp;Loại;Mã đơn vị cấp trên;Hiệu lực từ;Hiệu lực đến;Mã đơn vị kế thừa
QT-900;Tân Thành;Xã;Xã;QT;01/07/2025;;
QB-BT-03;Sơn Lộc;Xã;Xã;QB-BT;01/07/1989;30/06/2025;QT-900
";

#[tokio::test]
async fn a_file_of_new_communes_is_checked_then_imported_whole_and_the_catalogue_follows() {
    let app = spawn_app().await;
    let admin = app.as_user(DemoUser::Admin).await;
    let before = app.snapshot().await;
    let dry_run = dry_run_of(&app, "xa-moi.csv", TAN_THANH.as_bytes()).await;
    // Checking stores the file for its dry run and nothing else.
    assert_eq!(app.snapshot().await.changed_since(&before), ["imports"]);
    let page = admin.get(&dry_run).await;
    assert_eq!(page.status, 200);
    assert_eq!(fact(&page.body, "Thêm mới"), 1);
    assert_eq!(fact(&page.body, "Cập nhật"), 1);
    assert_eq!(fact(&page.body, "Có lỗi"), 0);
    assert!(page.body.contains("QT-900 · Xã Tân Thành"));
    assert!(page.body.contains("Nhập: thêm 1, cập nhật 1"));

    let imported = admin.post(&dry_run).await;
    assert_eq!(imported.status, 303, "{}", imported.body);
    assert_eq!(imported.header("location"), format!("{dry_run}?imported"));
    assert_eq!(
        app.text(
            "SELECT slug || ' ' || level || ' ' || kind FROM admin_units WHERE code = 'QT-900'"
        )
        .await,
        "tan-thanh commune commune"
    );
    assert_eq!(
        app.scalar(
            "SELECT count(*) FROM admin_units u JOIN admin_units t ON t.id = u.successor_id
             WHERE u.code = 'QB-BT-03' AND t.code = 'QT-900'"
        )
        .await,
        1
    );
    assert_eq!(
        app.scalar("SELECT count(*) FROM audit_log WHERE entity = 'admin_units'")
            .await,
        2
    );
    // The former Sơn Lộc's products are found in today's Tân Thành, and no more in Đông Trạch.
    let tan_thanh = app.get("/products?locality=tan-thanh").await;
    assert_eq!(tan_thanh.status, 200);
    assert!(tan_thanh.body.contains("Nấm mộc nhĩ Sơn Lộc"));
    let dong_trach = app.get("/products?locality=quang-tri-dong-trach").await;
    assert!(!dong_trach.body.contains("Nấm mộc nhĩ Sơn Lộc"));
    // The units page lists it with the former commune it was made from.
    let units = admin.get("/admin/units").await.body;
    assert!(units.contains("Xã Tân Thành"), "the new commune is listed");
    assert!(units.contains("Sơn Lộc (Bố Trạch)"));

    // The same file again: its dry run finds nothing to do, and importing it changes nothing.
    let again = dry_run_of(&app, "xa-moi.csv", TAN_THANH.as_bytes()).await;
    let page = admin.get(&again).await;
    assert_eq!(fact(&page.body, "Không đổi"), 2);
    assert!(page.body.contains("Tệp không thay đổi gì"));
    assert!(!page.body.contains("Nhập: thêm"));
    let before = app.snapshot().await;
    assert_eq!(admin.post(&again).await.status, 303);
    assert_eq!(app.snapshot().await.changed_since(&before), ["imports"]);
}

#[tokio::test]
async fn the_file_of_every_unit_read_back_changes_nothing() {
    let app = spawn_app().await;
    let admin = app.as_user(DemoUser::Admin).await;
    let file = admin.get("/admin/units/export.csv").await;
    assert_eq!(file.status, 200);
    assert!(file.header("content-type").starts_with("text/csv"));
    assert!(file.body.contains(
        "\"QB-BT-03\",\"Sơn Lộc\",\"Xã\",\"Xã\",\"QB-BT\",\"01/07/1989\",\"30/06/2025\",\"QT-008\""
    ));
    let units = app.count("admin_units").await;
    let dry_run = dry_run_of(&app, "don-vi.csv", file.body.as_bytes()).await;
    let page = admin.get(&dry_run).await;
    assert_eq!(fact(&page.body, "Không đổi"), units);
    assert_eq!(
        fact(&page.body, "Thêm mới") + fact(&page.body, "Cập nhật"),
        0
    );
    // In English, headed in English, it reads the same.
    let english = admin
        .get("/admin/units/export.csv")
        .header("accept-language", "en")
        .await;
    assert!(english.body.contains("\"Code\",\"Name\",\"Level\""));
    let page = admin
        .get(&dry_run_of(&app, "units.csv", english.body.as_bytes()).await)
        .await;
    assert_eq!(fact(&page.body, "Không đổi"), units);
}

#[tokio::test]
async fn every_kind_of_bad_row_is_refused_by_its_cell_and_nothing_is_stored() {
    let app = spawn_app().await;
    let admin = app.as_user(DemoUser::Admin).await;
    let file =
        "Mã đơn vị,Tên,Cấp,Loại,Mã đơn vị cấp trên,Hiệu lực từ,Hiệu lực đến,Mã đơn vị kế thừa
QT-901,,Xã,Xã,QT,01/07/2025,,
QT-902,Tân Lập,Thôn,Xã,QT,01/07/2025,,
QT-903,Tân Hòa,Xã,Huyện,QT,01/07/2025,,
QT-904,Tân Phú,Xã,Xã,ZZ-999,01/07/2025,,
QT-905,Tân An,Xã,Xã,QT,31/02/2025,,
QT-906,Tân Bình,Xã,Xã,QT,01/07/2025,01/01/2020,
QT-907,Tân Định,Xã,Xã,QT,01/07/2025,,
QT-907,Tân Định,Xã,Xã,QT,01/07/2025,,
QB-BT-05,Hải Phú,Xã,Xã,QB-BT,01/07/1989,30/06/2025,QB-BT-03
QT-908,Tân Sơn,Huyện,Huyện,QT-001,01/07/2025,,
QT-909,Tân Trào,Xã,Xã,QT,01/07/2025,,
";
    let dry_run = dry_run_of(&app, "loi.csv", file.as_bytes()).await;
    let page = admin.get(&dry_run).await;
    assert_eq!(fact(&page.body, "Có lỗi"), 9);
    for message in [
        "Thiếu tên đơn vị.",
        "Cấp là Tỉnh, Huyện hoặc Xã.",
        "Loại này không thuộc cấp đã ghi.",
        "Không có đơn vị cấp trên nào mang mã này, trong tệp hay trong dữ liệu.",
        "Ngày không hợp lệ (dạng ngày/tháng/năm, ví dụ 01/07/2025).",
        "Ngày hết hiệu lực phải sau ngày bắt đầu.",
        "Mã này đã có ở dòng 8 của tệp.",
        "Không có đơn vị nào đang hiệu lực mang mã này cùng cấp, trong tệp hay trong dữ liệu.",
        "Đơn vị cấp trên phải ở cấp cao hơn",
    ] {
        assert!(page.body.contains(message), "{message}");
    }
    // Each refusal is in the cell it is about, marked, with the value as the file has it.
    assert!(page
        .body
        .contains("<td data-label=\"Cấp\" class=\"refused\">Thôn<span class=\"field-error\">"));
    assert!(page.body.contains("9 dòng có lỗi: tệp chưa nhập được."));
    assert!(!page.body.contains("Nhập: thêm"), "no import is offered");
    // Posted all the same, the import refuses the whole file: not even the good row is kept.
    let before = app.snapshot().await;
    let refused = admin.post(&dry_run).await;
    assert_eq!(refused.status, 422);
    assert!(refused
        .body
        .contains("9 dòng của tệp có lỗi: chưa nhập gì."));
    assert_eq!(app.snapshot().await, before);
    // In English, the same refusals in English.
    let english = admin.get(&dry_run).header("accept-language", "en").await;
    assert!(english
        .body
        .contains("The level is Province, District or Commune."));
}

#[tokio::test]
async fn a_file_that_is_not_a_spreadsheet_or_lacks_a_column_is_refused_in_words() {
    let app = spawn_app().await;
    let admin = app.as_user(DemoUser::Admin).await;
    let none = admin.post("/admin/units").multipart(&[], None).await;
    assert_eq!(none.status, 422);
    assert_eq!(
        none.field_message("file"),
        "Hãy chọn một tệp Excel (.xlsx) hoặc CSV."
    );
    for (bytes, message) in [
        (
            b"M\xe3 \xf0\xe1n v\xec,T\xean\n".to_vec(),
            "Tệp CSV phải lưu dạng UTF-8",
        ),
        (
            b"PK\x03\x04 a zip that is no workbook".to_vec(),
            "Không đọc được tệp Excel này.",
        ),
        (
            "Mã đơn vị,Tên\nQT-1,Một\n".as_bytes().to_vec(),
            "Tệp thiếu cột “Cấp”, “Loại”, “Mã đơn vị cấp trên”, “Hiệu lực từ”.",
        ),
    ] {
        let page = admin.get(&dry_run_of(&app, "tep.csv", &bytes).await).await;
        assert_eq!(page.status, 200);
        assert!(page.body.contains(message), "{message}");
        assert!(!page.body.contains("Nhập: thêm"));
    }
}

#[tokio::test]
async fn an_excel_workbook_is_read_with_its_dates_as_dates() {
    let app = spawn_app().await;
    let admin = app.as_user(DemoUser::Admin).await;
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    let date = rust_xlsxwriter::Format::new().set_num_format("dd/mm/yyyy");
    for (column, header) in ["Code", "Name", "Level", "Kind", "Parent code", "Valid from"]
        .iter()
        .enumerate()
    {
        sheet
            .write_string(0, column as u16, *header)
            .expect("header");
    }
    for (column, cell) in ["QT-910", "Tân Long", "Commune", "Ward", "QT"]
        .iter()
        .enumerate()
    {
        sheet.write_string(1, column as u16, *cell).expect("cell");
    }
    let day = rust_xlsxwriter::ExcelDateTime::from_ymd(2025, 7, 1).expect("a day");
    sheet
        .write_datetime_with_format(1, 5, &day, &date)
        .expect("date");
    let bytes = workbook.save_to_buffer().expect("workbook");
    let dry_run = dry_run_of(&app, "don-vi.xlsx", &bytes).await;
    assert_eq!(admin.post(&dry_run).await.status, 303);
    assert_eq!(
        app.text("SELECT name || ' ' || kind || ' ' || valid_from FROM admin_units WHERE code = 'QT-910'")
            .await,
        "Tân Long ward 2025-07-01"
    );
}

#[tokio::test]
async fn two_admins_importing_the_same_file_at_once_add_its_units_once() {
    let app = spawn_app().await;
    let first = dry_run_of(&app, "a.csv", TAN_THANH.as_bytes()).await;
    let second = dry_run_of(&app, "b.csv", TAN_THANH.as_bytes()).await;
    let admin = app.as_user(DemoUser::Admin).await;
    let (a, b) = tokio::join!(admin.post(&first), admin.post(&second));
    assert_eq!((a.status.as_u16(), b.status.as_u16()), (303, 303));
    assert_eq!(
        app.scalar("SELECT count(*) FROM admin_units WHERE code = 'QT-900'")
            .await,
        1
    );
    // One of them did the work; the other found it done and recorded nothing.
    assert_eq!(
        app.scalar("SELECT count(*) FROM audit_log WHERE entity = 'admin_units'")
            .await,
        2
    );
}
