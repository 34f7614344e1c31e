//! A producer's sheets of OCOP stamps (`/portal/products/{id}/stamps`): as many stamps as the
//! chosen size fits on each A4 sheet, each with the star and the certificate's number, and a
//! QR code that decodes to the product's proof; none for a product whose star has ended.

use crate::common::{decode_qr, spawn_app, DemoUser, Product, SITE};

/// The QR code drawn once for the sheet's stamps, decoded.
fn symbol(body: &str) -> String {
    let symbol = body
        .split("<symbol id=\"stamp-qr\"")
        .nth(1)
        .expect("the stamps' QR code");
    let start = symbol.find("<svg").expect("its drawing");
    let end = symbol.find("</svg>").expect("its end") + "</svg>".len();
    decode_qr(&symbol[start..end])
}

#[tokio::test]
async fn a_sheet_holds_as_many_stamps_as_its_size_fits_each_with_the_star_number_and_proof() {
    let app = spawn_app().await;
    let producer = app.as_user(DemoUser::ProducerB).await;
    let (number, stars, gtin) = sqlx::query_as::<_, (String, i64, String)>(
        "SELECT c.certificate_no, c.stars, p.gtin FROM products p
         JOIN certificates c ON c.id = p.current_certificate_id WHERE p.id = 31",
    )
    .fetch_one(&app.pool)
    .await
    .expect("the product with a GTIN");
    let page = producer
        .get("/portal/products/31/stamps?size=30&sheets=2")
        .await;
    assert_eq!(page.status, 200);
    assert_eq!(page.body.matches("class=\"stamp-sheet\"").count(), 2);
    // 30 mm stamps: five across and six down.
    assert_eq!(page.body.matches("class=\"stamp\"").count(), 2 * 30);
    assert_eq!(page.body.matches("<use href=\"#stamp-qr\"").count(), 2 * 30);
    assert!(page.body.contains("grid-template-columns: repeat(5, 30mm)"));
    assert_eq!(
        page.body.matches(&number).count(),
        2 * 30 * 2,
        "in words and in the QR code's label"
    );
    assert!(page.body.contains(&format!("{stars} sao")));
    assert!(page.body.contains("Tờ tem 2/2"));
    assert_eq!(symbol(&page.body), format!("{SITE}/01/{gtin}"));

    // The default is one sheet of 40 mm stamps; too many sheets are ten.
    let page = producer.get("/portal/products/31/stamps").await;
    assert_eq!(page.body.matches("class=\"stamp\"").count(), 20);
    let page = producer
        .get("/portal/products/31/stamps?size=50&sheets=500")
        .await;
    assert_eq!(page.body.matches("class=\"stamp-sheet\"").count(), 10);
    assert_eq!(page.body.matches("class=\"stamp\"").count(), 10 * 12);
}

#[tokio::test]
async fn a_stamp_without_a_gtin_leads_to_its_certificates_page_and_an_ended_star_prints_none() {
    let app = spawn_app().await;
    let producer = app.as_user(DemoUser::ProducerA).await;
    let Product { id, .. } = app.published_product(DemoUser::ProducerA).await;
    let number = app
        .text(&format!(
            "SELECT c.certificate_no FROM products p JOIN certificates c ON c.id = p.current_certificate_id WHERE p.id = {id}"
        ))
        .await;
    let page = producer.get(&format!("/portal/products/{id}/stamps")).await;
    assert_eq!(page.status, 200);
    assert_eq!(
        symbol(&page.body),
        format!("{SITE}{}", app::model::verification::path(&number))
    );
    let edit = producer.get(&format!("/portal/products/{id}")).await;
    assert!(edit
        .body
        .contains(&format!("href=\"/portal/products/{id}/stamps\"")));

    sqlx::query("UPDATE certificates SET expires_on = date('now', '+7 hours', '-1 day') WHERE certificate_no = ?1")
        .bind(&number)
        .execute(&app.direct)
        .await
        .expect("expired");
    let page = producer.get(&format!("/portal/products/{id}/stamps")).await;
    assert_eq!(page.status, 200);
    assert!(page
        .body
        .contains("không có giấy chứng nhận OCOP còn hiệu lực, nên không in tem được"));
    assert!(!page.body.contains("class=\"stamp\""));

    // Another producer's product is not found.
    let other = app.as_user(DemoUser::ProducerB).await;
    assert_eq!(
        other
            .get(&format!("/portal/products/{id}/stamps"))
            .await
            .status,
        404
    );
}
