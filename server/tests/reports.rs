//! The progress report (`/admin/reports`): the 2021 figures of the source report on their day,
//! other days giving what the dated records say, breakdowns that add up, the paragraph for the
//! office's document, the XLSX and CSV files holding the page's numbers, staff only.

use std::io::Cursor;

use crate::common::{spawn_app, DemoUser, TestApp};
use app::model::day::Day;
use app::model::ids::CycleYear;
use app::model::report::{ReportTable, Units};
use app::store::report::progress;
use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};

fn day(iso: &str) -> Day {
    Day::parse(iso).expect("a day")
}

/// Registrations of the 2021 cycle registered by `iso`, counted straight from the records.
async fn registered_by(app: &TestApp, iso: &str) -> i64 {
    app.scalar(&format!(
        "SELECT count(*) FROM registrations r JOIN ocop_cycles c ON c.id = r.cycle_id
         WHERE c.year = 2021 AND r.registered_on <= '{iso}'"
    ))
    .await
}

#[tokio::test]
async fn the_2021_report_on_30_july_gives_the_source_figures_and_its_paragraph() {
    let app = spawn_app().await;
    let report = progress(
        &app.pool,
        CycleYear(2021),
        day("2021-07-30"),
        None,
        Units::OfTheDay,
    )
    .await
    .expect("the report");
    let f = &report.figures;
    assert_eq!(
        (
            f.registered,
            f.new_products,
            f.existing_products,
            f.entities,
            f.enterprises,
            f.cooperatives_and_groups,
            f.households,
            f.appraised_eligible
        ),
        (99, 27, 72, 90, 14, 42, 34, 52)
    );
    insta::assert_snapshot!(
        "the 2021 paragraph",
        format!(
            "{}\n\n{}",
            report.narrative(app::i18n::Lang::Vi),
            report.narrative(app::i18n::Lang::En)
        )
    );
}

#[tokio::test]
async fn another_day_gives_what_the_dated_records_say_and_the_comparison_the_difference() {
    let app = spawn_app().await;
    let report = progress(
        &app.pool,
        CycleYear(2021),
        day("2021-07-30"),
        Some(day("2021-04-15")),
        Units::OfTheDay,
    )
    .await
    .expect("the report");
    let (_, earlier) = report.compared.clone().expect("compared");
    assert_eq!(earlier.registered, registered_by(&app, "2021-04-15").await);
    assert!(earlier.registered < 99);
    // No appraisal had been made by mid-April: they began in June.
    assert_eq!(earlier.appraised_eligible, 0);
    let (headers, rows) = report.table(ReportTable::Summary, app::i18n::Lang::Vi);
    assert_eq!(headers.len(), 4);
    assert_eq!(
        rows[0],
        vec![
            app::model::report::Value::Text("Sản phẩm đăng ký".into()),
            app::model::report::Value::Number(99),
            app::model::report::Value::Number(earlier.registered),
            app::model::report::Value::Number(99 - earlier.registered),
        ]
    );
    // Later in the year the councils had evaluated and the province recognised products.
    let december = progress(
        &app.pool,
        CycleYear(2021),
        day("2021-12-31"),
        None,
        Units::OfTheDay,
    )
    .await
    .expect("the report");
    let recognised: i64 = app
        .scalar(
            "SELECT count(*) FROM certificates ce JOIN evaluations e ON e.id = ce.evaluation_id
             JOIN ocop_cycles c ON c.id = e.cycle_id WHERE c.year = 2021 AND ce.issued_on <= '2021-12-31'",
        )
        .await;
    assert_eq!(december.figures.recognised(), recognised);
    assert!(december.figures.evaluated >= recognised);
}

#[tokio::test]
async fn breakdowns_by_unit_and_group_add_up_before_and_after_the_2025_reform() {
    let app = spawn_app().await;
    for (year, iso, former) in [(2021, "2021-12-31", true), (2026, "2026-11-30", false)] {
        let report = progress(&app.pool, CycleYear(year), day(iso), None, Units::OfTheDay)
            .await
            .expect("the report");
        assert_eq!(report.units_are_former_districts, former, "{year}");
        for lines in [&report.by_unit, &report.by_group] {
            let sum = |pick: fn(&app::model::report::Breakdown) -> i64| -> i64 {
                lines.iter().map(pick).sum()
            };
            let f = &report.figures;
            assert_eq!(sum(|l| l.registered), f.registered, "{year}");
            assert_eq!(sum(|l| l.new_products), f.new_products, "{year}");
            assert_eq!(sum(|l| l.eligible), f.appraised_eligible, "{year}");
            assert_eq!(sum(|l| l.evaluated), f.evaluated, "{year}");
            assert_eq!(sum(|l| l.recognised), f.recognised(), "{year}");
        }
        // Units of their time: the former districts (huyện) in 2021, today's communes in 2026.
        let unit_levels: Vec<String> = sqlx::query_scalar(&format!(
            "SELECT DISTINCT level FROM admin_units WHERE name IN ({})",
            report
                .by_unit
                .iter()
                .map(|l| format!("'{}'", l.label_vi.replace('\'', "''")))
                .collect::<Vec<_>>()
                .join(",")
        ))
        .fetch_all(&app.pool)
        .await
        .expect("levels");
        let expected = if former { "district" } else { "commune" };
        assert!(
            unit_levels.iter().any(|level| level == expected),
            "{year}: {unit_levels:?}"
        );
    }
}

#[tokio::test]
async fn the_page_and_its_files_hold_the_same_numbers_for_staff_only() {
    let app = spawn_app().await;
    let staff = app.as_user(DemoUser::Staff).await;
    let page = staff.get("/admin/reports?year=2021&day=2021-07-30").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains(
        "tổng số sản phẩm đã đăng ký: 99 sản phẩm, gồm 27 sản phẩm mới và 72 sản phẩm đã có"
    ));

    let xlsx = staff
        .get("/admin/reports/2021.xlsx?day=2021-07-30")
        .response()
        .await;
    assert_eq!(xlsx.status(), 200);
    assert!(xlsx.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .contains("bao-cao-ocop-2021-2021-07-30.xlsx"));
    let bytes = axum::body::to_bytes(xlsx.into_body(), usize::MAX)
        .await
        .expect("the file");
    let mut workbook: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes.to_vec())).expect("XLSX");
    assert_eq!(workbook.sheet_names().len(), ReportTable::ALL.len());
    let summary = workbook
        .worksheet_range("Tổng hợp")
        .expect("the summary sheet");
    let figures: Vec<(String, f64)> = summary
        .rows()
        .skip(1)
        .map(|row| {
            (
                row[0].to_string(),
                match row[1] {
                    Data::Float(n) => n,
                    _ => -1.0,
                },
            )
        })
        .collect();
    for (label, value) in [
        ("Sản phẩm đăng ký", 99.0),
        ("- sản phẩm mới", 27.0),
        ("- sản phẩm đã có", 72.0),
        ("Chủ thể kinh tế tham gia", 90.0),
        ("- doanh nghiệp", 14.0),
        ("- hợp tác xã, tổ hợp tác", 42.0),
        ("- hộ kinh doanh", 34.0),
        ("Sản phẩm được thẩm định đủ điều kiện", 52.0),
    ] {
        assert!(
            figures.contains(&(label.to_owned(), value)),
            "{label} {value} in {figures:?}"
        );
    }

    let csv = staff
        .get("/admin/reports/2021/by-unit.csv?day=2021-07-30")
        .await;
    assert_eq!(csv.status, 200);
    // The address is English like every private one; the file the office saves is named in
    // Vietnamese, as its documents are.
    assert!(csv
        .header("content-disposition")
        .contains("bao-cao-ocop-2021-2021-07-30-theo-dia-ban.csv"));
    let mut reader = csv::Reader::from_reader(csv.body.trim_start_matches('\u{feff}').as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a row")).collect();
    let total = rows.last().expect("the total");
    assert_eq!(&total[0], "Tổng");
    assert_eq!(&total[1], "99");
    assert_eq!(&total[4], "52");

    // A day that does not exist is refused with its message, never a 500.
    let refused = staff.get("/admin/reports?year=2021&day=2021-02-30").await;
    assert_eq!(refused.status, 422);
    assert!(refused.body.contains("Ngày không hợp lệ"));
    assert_eq!(
        staff
            .get("/admin/reports/2021/summary.csv?day=2021-02-30")
            .await
            .status,
        422
    );
    assert_eq!(
        staff.get("/admin/reports/2021/khong-co.csv").await.status,
        404
    );

    // Producers and strangers have no way to it.
    let producer = app.as_user(DemoUser::ProducerA).await;
    assert_eq!(producer.get("/admin/reports").await.status, 403);
    assert_eq!(producer.get("/admin/reports/2021.xlsx").await.status, 403);
    assert_ne!(app.get("/admin/reports/2021/summary.csv").await.status, 200);
}

#[tokio::test]
async fn a_report_tables_former_vietnamese_address_is_sent_on_to_its_english_one() {
    let app = spawn_app().await;
    let staff = app.as_user(DemoUser::Staff).await;
    let moved = staff
        .get("/admin/reports/2021/theo-dia-ban.csv?day=2021-07-30&units=today")
        .await;
    assert_eq!(moved.status, 308);
    assert_eq!(
        moved.header("location"),
        "/admin/reports/2021/by-unit.csv?day=2021-07-30&units=today"
    );
    // Who is sent on and who refused is in the authorization matrix, with the other former
    // addresses of staff pages.
}

#[tokio::test]
async fn a_report_from_before_the_reform_adds_up_by_former_districts_and_by_todays_communes() {
    let app = spawn_app().await;
    let day_of = day("2021-07-30");
    let former = progress(&app.pool, CycleYear(2021), day_of, None, Units::OfTheDay)
        .await
        .expect("the report");
    let today = progress(&app.pool, CycleYear(2021), day_of, None, Units::Today)
        .await
        .expect("the regrouped report");
    assert!(former.units_are_former_districts && !former.regrouped);
    assert!(!today.units_are_former_districts && today.regrouped);
    assert_eq!(today.figures, former.figures);
    let total = |lines: &[app::model::report::Breakdown]| -> [i64; 4] {
        [
            lines.iter().map(|l| l.registered).sum(),
            lines.iter().map(|l| l.new_products).sum(),
            lines.iter().map(|l| l.eligible).sum(),
            lines.iter().map(|l| l.recognised).sum(),
        ]
    };
    assert_eq!(total(&former.by_unit), [99, 27, 52, 0]);
    assert_eq!(total(&today.by_unit), total(&former.by_unit));
    // Every line of the regrouped report is a commune or ward of today.
    for line in &today.by_unit {
        let current = app
            .scalar(&format!(
                "SELECT count(*) FROM admin_units WHERE name = '{}' AND level = 'commune' AND valid_to IS NULL",
                line.label_vi.replace('\'', "''")
            ))
            .await;
        assert!(
            current >= 1,
            "{} is not one of today's units",
            line.label_vi
        );
    }
    // The mapping table names each former commune of the cycle's producers once, with the
    // unit it became part of, as the data holds it.
    let expected: i64 = app
        .scalar(
            "SELECT count(DISTINCT u.id) FROM registrations r JOIN ocop_cycles c ON c.id = r.cycle_id
             JOIN products p ON p.id = r.product_id JOIN producers pr ON pr.id = p.producer_id
             JOIN admin_units u ON u.id = pr.admin_unit_id
             WHERE c.year = 2021 AND r.registered_on <= '2021-07-30' AND u.successor_id IS NOT NULL",
        )
        .await;
    assert!(expected > 10);
    assert_eq!(today.unit_mapping.len() as i64, expected);
    assert!(today
        .unit_mapping
        .iter()
        .any(|line| line.former == "Bảo Ninh"
            && line.today == "Đồng Hới"
            && line.former_district == "Đồng Hới"));
    assert!(today
        .unit_mapping
        .iter()
        .any(|line| line.former == "Hải Phú"
            && line.today == "Đông Trạch"
            && line.former_district == "Bố Trạch"));
}

#[tokio::test]
async fn the_regrouped_report_page_names_todays_communes_and_shows_the_mapping() {
    let app = spawn_app().await;
    let staff = app.as_user(DemoUser::Staff).await;
    let page = staff
        .get("/admin/reports?year=2021&day=2021-07-30&units=today")
        .await;
    assert_eq!(page.status, 200);
    let text = page.body.replace("<!>", "");
    assert!(text.contains("Xã, phường hiện nay"));
    assert!(text.contains("Đối chiếu đơn vị hành chính"));
    assert!(text.contains("Xã, phường trước 01/07/2025"));
    // The files keep the grouping.
    assert!(text.contains("/admin/reports/2021.xlsx?day=2021-07-30&amp;units=today"));
    let csv = staff
        .get("/admin/reports/2021/by-unit.csv?day=2021-07-30&units=today")
        .await;
    assert_eq!(csv.status, 200);
    let header = csv.body.lines().next().unwrap_or_default();
    assert!(
        header.contains("\"Xã, phường hiện nay\",\"Đăng ký"),
        "{header}"
    );
    let refused = staff
        .get("/admin/reports?year=2021&day=2021-07-30&units=huyen")
        .await;
    assert_eq!(refused.status, 422);
    assert!(refused
        .body
        .contains("Vui lòng chọn cách nhóm theo đơn vị hành chính."));
}

#[tokio::test]
async fn the_national_export_holds_one_row_a_certified_product_in_its_documented_columns() {
    use app::model::national::NATIONAL_COLUMNS;

    let app = spawn_app().await;
    let staff = app.as_user(DemoUser::Staff).await;
    let reply = staff.get("/admin/reports/national.xlsx").response().await;
    assert_eq!(reply.status(), 200);
    assert!(reply.headers()["content-disposition"]
        .to_str()
        .unwrap_or_default()
        .contains("san-pham-ocop-"));
    let bytes = axum::body::to_bytes(reply.into_body(), usize::MAX)
        .await
        .expect("the file");
    let mut workbook: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes.to_vec())).expect("XLSX");
    let sheet = workbook
        .worksheet_range("Sản phẩm OCOP")
        .expect("its sheet");
    let mut rows = sheet.rows();
    let header: Vec<String> = rows
        .next()
        .expect("a header")
        .iter()
        .map(|c| c.to_string())
        .collect();
    let documented: Vec<&str> = NATIONAL_COLUMNS.iter().map(|(name, _)| *name).collect();
    assert_eq!(header, documented);
    let readme = include_str!("../../README.md");
    for (name, holds) in NATIONAL_COLUMNS {
        assert!(
            readme.contains(&format!("| {name} | {holds} |")),
            "the README documents {name}"
        );
    }
    let rows: Vec<&[Data]> = rows.collect();

    // One row a product whose current certificate is valid today, hidden ones included.
    let certified = app
        .scalar(
            "SELECT count(*) FROM products p JOIN certificates c ON c.id = p.current_certificate_id
             WHERE c.revoked_on IS NULL AND c.expires_on >= date('now', '+7 hours')",
        )
        .await;
    assert!(certified > 0);
    assert_eq!(rows.len() as i64, certified);
    let numbers: Vec<f64> = rows
        .iter()
        .map(|row| match row[0] {
            Data::Float(n) => n,
            ref other => panic!("a row number, not {other:?}"),
        })
        .collect();
    assert_eq!(
        numbers,
        (1..=rows.len()).map(|n| n as f64).collect::<Vec<_>>()
    );
    let dd_mm_yyyy =
        |text: &str| text.len() == 10 && text.as_bytes()[2] == b'/' && text.as_bytes()[5] == b'/';
    for row in &rows {
        // Stars and score are numbers, not text, so the national sheet can sum them.
        assert!(
            matches!(row[4], Data::Float(stars) if (3.0..=5.0).contains(&stars)),
            "{row:?}"
        );
        assert!(
            matches!(row[5], Data::Float(score) if (0.0..=100.0).contains(&score)),
            "{row:?}"
        );
        assert!(
            !row[6].to_string().is_empty(),
            "a certificate number: {row:?}"
        );
        for column in [9, 10] {
            assert!(dd_mm_yyyy(&row[column].to_string()), "{row:?}");
        }
        assert!(!row[14].to_string().is_empty(), "today's commune: {row:?}");
        assert!(!row[15].to_string().is_empty(), "today's province: {row:?}");
    }
    // Each row is its certificate's: the product, the stars and the producer's tax code.
    for row in &rows {
        let (product, stars, tax_code): (String, i64, Option<String>) = sqlx::query_as(
            "SELECT p.name, c.stars, pr.tax_code FROM certificates c
             JOIN products p ON p.id = c.product_id JOIN producers pr ON pr.id = p.producer_id
             WHERE c.certificate_no = ?1",
        )
        .bind(row[6].to_string())
        .fetch_one(&app.pool)
        .await
        .expect("the row's certificate");
        assert_eq!(row[1].to_string(), product);
        assert_eq!(row[4], Data::Float(stars as f64));
        assert_eq!(row[13].to_string(), tax_code.unwrap_or_default());
    }
    // A commune the reform merged is reported under today's, in today's province.
    assert!(rows
        .iter()
        .any(|row| row[15] == Data::String("Quảng Trị".into())));

    let producer = app.as_user(DemoUser::ProducerA).await;
    assert_eq!(
        producer.get("/admin/reports/national.xlsx").await.status,
        403
    );
    assert_ne!(app.get("/admin/reports/national.xlsx").await.status, 200);
}
