//! Open data (`/data`, `/data/products.{csv,json}`, `/stats/{table}.json`): the JSON holds
//! exactly the documented fields with their documented types, its products are the
//! catalogue's certified ones, the CSV the same rows, and every statistics table the same in
//! both formats.

use std::collections::BTreeSet;

use crate::common::spawn_app;
use app::model::open_data::PRODUCT_FIELDS;
use app::model::stats::StatTable;
use serde_json::Value;

#[tokio::test]
async fn the_products_json_holds_exactly_the_documented_fields() {
    let app = spawn_app().await;
    let reply = app.get("/data/products.json").await;
    assert_eq!(reply.status, 200);
    assert!(reply.header("content-type").starts_with("application/json"));
    let file: Value = serde_json::from_str(&reply.body).expect("JSON");
    assert_eq!(file["licence"], "CC BY 4.0");
    let products = file["products"].as_array().expect("a list");
    assert!(!products.is_empty());
    let documented: BTreeSet<&str> = PRODUCT_FIELDS.iter().map(|field| field.name).collect();
    for product in products {
        let object = product.as_object().expect("an object");
        let keys: BTreeSet<&str> = object.keys().map(String::as_str).collect();
        assert_eq!(keys, documented);
        for field in &PRODUCT_FIELDS {
            let value = &object[field.name];
            let fits = match field.kind {
                "string" => value.is_string(),
                "number" => value.is_number(),
                "string | null" => value.is_string() || value.is_null(),
                other => panic!("undocumented type {other}"),
            };
            assert!(fits, "{} is {value}, documented {}", field.name, field.kind);
        }
        let stars = object["stars"].as_i64().expect("stars");
        assert!((3..=5).contains(&stars));
        assert!(object["url"].as_str().is_some_and(
            |url| url.ends_with(&format!("/products/{}", object["slug"].as_str().unwrap()))
        ));
    }
    // Every documented field is on the page that documents them.
    let page = app.get("/data").await;
    assert_eq!(page.status, 200);
    for field in &PRODUCT_FIELDS {
        assert!(
            page.body.contains(&format!("<code>{}</code>", field.name)),
            "{}",
            field.name
        );
    }
}

#[tokio::test]
async fn the_products_are_the_catalogues_certified_ones_and_the_csv_the_same_rows() {
    let app = spawn_app().await;
    let file: Value = serde_json::from_str(&app.get("/data/products.json").await.body).unwrap();
    let json_slugs: Vec<String> = file["products"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["slug"].as_str().unwrap().to_owned())
        .collect();
    // The catalogue's certified products, by the public statistics of stars.
    let by_star: Value =
        serde_json::from_str(&app.get("/stats/theo-hang-sao.json").await.body).unwrap();
    let certified: i64 = by_star
        .as_array()
        .unwrap()
        .iter()
        .map(|row| row["count"].as_i64().unwrap())
        .sum();
    assert_eq!(json_slugs.len() as i64, certified);
    // And one by one: each listed product's page shows a valid certificate with its stars.
    for product in file["products"].as_array().unwrap().iter().take(5) {
        let page = app
            .get(&format!("/products/{}", product["slug"].as_str().unwrap()))
            .await;
        assert!(page
            .body
            .contains(&format!("{} sao", product["stars"].as_i64().unwrap())));
        assert!(page
            .body
            .contains(product["certificate_no"].as_str().unwrap()));
    }
    // A product hidden by its producer leaves the open data at once.
    let hidden = &json_slugs[0];
    sqlx::query("UPDATE products SET status = 'hidden' WHERE slug = ?1")
        .bind(hidden)
        .execute(&app.direct)
        .await
        .unwrap();
    let after: Value = serde_json::from_str(&app.get("/data/products.json").await.body).unwrap();
    assert_eq!(
        after["products"].as_array().unwrap().len(),
        json_slugs.len() - 1
    );

    let csv = app.get("/data/products.csv").await;
    assert_eq!(csv.status, 200);
    assert!(csv.body.starts_with('\u{feff}'), "UTF-8 with its mark");
    let mut reader = csv::Reader::from_reader(csv.body.trim_start_matches('\u{feff}').as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let names: Vec<&str> = PRODUCT_FIELDS.iter().map(|field| field.name).collect();
    assert_eq!(headers, names);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let csv_slugs: Vec<&str> = rows.iter().map(|row| &row[1]).collect();
    let expected: Vec<&str> = after["products"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["slug"].as_str().unwrap())
        .collect();
    assert_eq!(csv_slugs, expected);
}

#[tokio::test]
async fn every_statistics_table_says_the_same_in_csv_and_json() {
    let app = spawn_app().await;
    for table in StatTable::ALL {
        let json: Value =
            serde_json::from_str(&app.get(&format!("/stats/{}.json", table.slug())).await.body)
                .expect("JSON");
        let csv = app.get(&format!("/stats/{}.csv", table.slug())).await.body;
        let mut reader = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
        let from_csv: Vec<(String, String, String, i64)> = reader
            .records()
            .map(|row| {
                let row = row.unwrap();
                (
                    row[0].into(),
                    row[1].into(),
                    row[2].into(),
                    row[3].parse().unwrap(),
                )
            })
            .collect();
        let from_json: Vec<(String, String, String, i64)> = json
            .as_array()
            .unwrap()
            .iter()
            .map(|row| {
                (
                    row["code"].as_str().unwrap().into(),
                    row["name_vi"].as_str().unwrap().into(),
                    row["name_en"].as_str().unwrap().into(),
                    row["count"].as_i64().unwrap(),
                )
            })
            .collect();
        assert_eq!(from_csv, from_json, "{}", table.slug());
    }
    assert_eq!(app.get("/stats/theo-hang-sao.xml").await.status, 404);
}
