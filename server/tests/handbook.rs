//! The product handbook (`/admin/handbook`): every product recognised in the period, once, in
//! the printed order (product group, then locality), numbered, with its QR code and the index
//! by producer; and the print rules that keep a product on one page.

use crate::common;

use crate::common::{spawn_app, DemoUser, TestApp};

/// The slugs of the handbook's entries, in the order printed.
fn entry_slugs(body: &str) -> Vec<String> {
    body.split("class=\"handbook-entry\"")
        .skip(1)
        .filter_map(|entry| {
            entry
                .split("products/")
                .nth(1)
                .and_then(|rest| rest.split(['<', '"']).next())
                .map(str::to_owned)
        })
        .collect()
}

async fn handbook(app: &TestApp, query: &str) -> common::Reply {
    let staff = app.as_user(DemoUser::Staff).await;
    staff.get(&format!("/admin/handbook{query}")).await
}

#[tokio::test]
async fn every_product_recognised_in_the_period_appears_once_in_group_then_locality_order() {
    let app = spawn_app().await;
    let page = handbook(&app, "?from=2018&to=2020").await;
    assert_eq!(page.status, 200);
    let printed = entry_slugs(&page.body);
    // What the records say: a certificate issued in those years and not revoked, for a
    // product the public sees.
    let expected: Vec<String> = sqlx::query_scalar(
        "SELECT DISTINCT p.slug FROM certificates c JOIN products p ON p.id = c.product_id
         JOIN producers pr ON pr.id = p.producer_id
         WHERE c.issued_on BETWEEN '2018-01-01' AND '2020-12-31' AND c.revoked_on IS NULL
           AND p.status = 'published' AND pr.active = 1",
    )
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert!(
        expected.len() > 10,
        "the demo recognised products in 2018–2020"
    );
    let mut sorted = printed.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), printed.len(), "no product twice");
    let mut wanted = expected.clone();
    wanted.sort();
    assert_eq!(sorted, wanted);
    // Numbered 1..n in the order printed.
    for n in 1..=printed.len() {
        assert!(page.body.contains(&format!("id=\"so-{n}\"")), "entry {n}");
    }
    // Groups follow their catalogue order.
    let positions: Vec<i64> = {
        let mut positions = Vec::new();
        for slug in &printed {
            positions.push(
                app.scalar(&format!(
                    "SELECT g.position FROM products p JOIN product_sets s ON s.id = p.set_id
                     JOIN product_groups g ON g.id = s.group_id WHERE p.slug = '{slug}'"
                ))
                .await,
            );
        }
        positions
    };
    assert!(positions.windows(2).all(|pair| pair[0] <= pair[1]));
    // Each entry has its QR code, inline and without an XML declaration.
    let qr_codes = page.body.split("class=\"qr\"").skip(1);
    assert_eq!(qr_codes.clone().count(), printed.len());
    assert!(qr_codes.into_iter().all(|code| code.contains("<svg")));
    assert!(!page.body.contains("<?xml"));
}

#[tokio::test]
async fn another_period_holds_what_its_own_years_recognised() {
    let app = spawn_app().await;
    let page = handbook(&app, "?from=2021&to=2021").await;
    assert_eq!(page.status, 200);
    let printed = entry_slugs(&page.body).len() as i64;
    let expected = app
        .scalar(
            "SELECT count(DISTINCT c.product_id) FROM certificates c JOIN products p ON p.id = c.product_id
             JOIN producers pr ON pr.id = p.producer_id
             WHERE c.issued_on BETWEEN '2021-01-01' AND '2021-12-31' AND c.revoked_on IS NULL
               AND p.status = 'published' AND pr.active = 1",
        )
        .await;
    assert_eq!(printed, expected);
    let text = page.body.replace("<!>", "");
    assert!(text.contains(&format!("Sổ tay giới thiệu {expected} sản phẩm OCOP")));
    assert!(text.contains("Chỉ mục theo chủ thể"));
}

#[tokio::test]
async fn years_that_are_not_a_period_are_refused_with_their_message() {
    let app = spawn_app().await;
    let page = handbook(&app, "?from=2021&to=2019").await;
    assert_eq!(page.status, 422);
    assert!(page
        .body
        .contains("Năm kết thúc phải từ năm bắt đầu trở đi."));
    let page = handbook(&app, "?from=hai").await;
    assert_eq!(page.status, 422);
    assert!(page.body.contains("Năm phải là một số từ 2000 đến 2100."));
}

#[test]
fn the_print_rules_keep_a_product_on_one_page_and_start_each_group_on_a_new_one() {
    let css = include_str!("../../style/main.css");
    let rule = |selector: &str| {
        css.split(&format!("{selector} {{"))
            .skip(1)
            .map(|rest| rest.split('}').next().unwrap_or_default().to_owned())
            .collect::<Vec<_>>()
            .join(";")
    };
    assert!(rule(".handbook-entry").contains("break-inside: avoid"));
    assert!(rule(".handbook-group, .handbook-index").contains("break-before: page"));
    assert!(rule(".handbook-cover").contains("break-after: page"));
    assert!(css.contains("@page { size: A4"));
}
