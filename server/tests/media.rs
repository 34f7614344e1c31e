//! Uploaded photos (`store::media`, `server::uploads`): only real images, kept only with a
//! form that passes, at most sixty an hour per account, one upload at a time per account,
//! and housekeeping that deletes what nothing uses.

use crate::common::{spawn_app, DemoUser, Product, TestApp};

const PHOTO: &[u8] = include_bytes!("../../end2end/fixtures/photo.jpg");

/// A PNG that claims to be 60000 × 60000 pixels: decoding it would take gigabytes.
fn bomb() -> Vec<u8> {
    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = 0xFFFF_FFFFu32;
        for byte in bytes {
            crc ^= u32::from(*byte);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = b"IHDR".to_vec();
    ihdr.extend(60_000u32.to_be_bytes());
    ihdr.extend(60_000u32.to_be_bytes());
    ihdr.extend([8, 2, 0, 0, 0]);
    png.extend(13u32.to_be_bytes());
    png.extend(&ihdr);
    png.extend(crc32(&ihdr).to_be_bytes());
    png.extend(0u32.to_be_bytes());
    png.extend(b"IEND");
    png.extend(crc32(b"IEND").to_be_bytes());
    png
}

#[tokio::test]
async fn fake_oversized_and_bomb_images_are_refused_cleanly() {
    let app = spawn_app().await;
    let producer = app.as_user(DemoUser::ProducerA).await;
    let Product { id, .. } = app.published_product(DemoUser::ProducerA).await;
    let before = app.snapshot().await;
    let cases: [(&str, Vec<u8>, &str); 4] = [
        (
            "khong-phai-anh.jpg",
            b"Day la mot tep van ban, khong phai anh.".to_vec(),
            "không phải ảnh",
        ),
        ("qua-lon.jpg", vec![0xFF; 8 * 1024 * 1024 + 1], "8 MB"),
        ("rat-lon.jpg", vec![0xFF; 12 * 1024 * 1024], "8 MB"),
        ("bom.png", bomb(), "quá nhiều điểm ảnh"),
    ];
    for (file_name, bytes, message) in cases {
        let reply = producer
            .post(&format!("/portal/products/{id}"))
            .multipart(
                &[
                    ("name", "Nước mắm"),
                    ("set_id", "1"),
                    ("new_photo_alt", "ảnh"),
                ],
                Some(("new_photo", file_name, bytes)),
            )
            .await;
        assert_eq!(reply.status, 422, "{file_name}");
        let shown = reply.field_message("new_photo");
        assert!(shown.contains(message), "{file_name}: {shown}");
        assert_eq!(app.snapshot().await, before, "{file_name}: nothing stored");
    }
    assert!(
        !app.media_dir().exists() || std::fs::read_dir(app.media_dir()).unwrap().next().is_none(),
        "no file written"
    );
    // A photo needs its alt text.
    let reply = producer
        .post(&format!("/portal/products/{id}"))
        .multipart(
            &[("name", "Nước mắm"), ("set_id", "1")],
            Some(("new_photo", "chai.jpg", PHOTO.to_vec())),
        )
        .await;
    assert_eq!(
        reply.field_message("new_photo_alt"),
        "Vui lòng điền mục này."
    );
}

#[tokio::test]
async fn a_photo_is_kept_only_when_the_rest_of_its_form_passes() {
    let app = spawn_app().await;
    let producer = app.as_user(DemoUser::ProducerA).await;
    let Product { id, .. } = app.published_product(DemoUser::ProducerA).await;
    let before = app.snapshot().await;
    let listing = producer
        .post(&format!("/portal/products/{id}"))
        .multipart(
            &[
                ("name", "Nước mắm"),
                ("set_id", "999999"),
                ("new_photo_alt", "Chai"),
            ],
            Some(("new_photo", "chai.jpg", PHOTO.to_vec())),
        )
        .await;
    assert_eq!(listing.status, 422);
    assert_eq!(
        listing.field_message("set_id"),
        "Vui lòng chọn bộ sản phẩm."
    );
    let profile = producer
        .post("/portal/profile")
        .multipart(
            &[("name", "HTX Sơn Lộc"), ("admin_unit_id", "1")],
            Some(("logo", "logo.jpg", PHOTO.to_vec())),
        )
        .await;
    assert_eq!(profile.status, 422);
    assert_eq!(
        profile.field_message("admin_unit_id"),
        "Vui lòng chọn xã, phường."
    );
    assert_eq!(app.snapshot().await, before, "no photo row");
    assert!(
        !app.media_dir().exists() || std::fs::read_dir(app.media_dir()).unwrap().next().is_none(),
        "no photo file"
    );
}

#[tokio::test]
async fn an_account_sends_at_most_sixty_photos_an_hour_the_refused_ones_counted() {
    let app = spawn_app().await;
    let producer = app.as_user(DemoUser::ProducerA).await;
    let Product { id, .. } = app.published_product(DemoUser::ProducerA).await;
    sqlx::query(
        "WITH RECURSIVE n(i) AS (SELECT 2 UNION ALL SELECT i + 1 FROM n WHERE i < ?1)
         INSERT INTO upload_attempts (user_id, kind, bytes)
         SELECT (SELECT id FROM users WHERE email = ?2), 'photo', 100 FROM n",
    )
    .bind(app::store::quotas::PHOTOS_PER_HOUR)
    .bind(DemoUser::ProducerA.email())
    .execute(&app.direct)
    .await
    .unwrap();
    let send = |photo: Vec<u8>| {
        producer.post(&format!("/portal/products/{id}")).multipart(
            &[
                ("name", "Nước mắm"),
                ("set_id", "1"),
                ("new_photo_alt", "Chai"),
            ],
            Some(("new_photo", "chai.jpg", photo)),
        )
    };
    // The sixtieth is not a photo: refused, and counted.
    let refused = send(b"not a photo at all".to_vec()).await;
    assert_eq!(refused.status, 422);
    assert_eq!(app.count("upload_attempts").await, 60);
    let before = app.snapshot().await;
    let reply = send(PHOTO.to_vec()).await;
    assert_eq!(reply.status, 429);
    assert_eq!(
        reply.field_message("new_photo"),
        "Bạn đã gửi 60 ảnh trong một giờ qua. Vui lòng thử lại sau."
    );
    assert_eq!(app.snapshot().await, before);
    assert_eq!(app.count("upload_attempts").await, 60);
    // A day later what was sent is forgotten.
    sqlx::query("UPDATE upload_attempts SET at = datetime('now', '-25 hours')")
        .execute(&app.direct)
        .await
        .unwrap();
    assert_eq!(
        app::store::quotas::forget_old(&app.writer).await.unwrap(),
        60
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_producers_upload_under_way_holds_up_only_that_producer() {
    let app = std::sync::Arc::new(spawn_app().await);
    let user_a = app.user_id(DemoUser::ProducerA).await;
    let under_way = app
        .state
        .uploads
        .account_turn(user_a)
        .await
        .expect("a turn");
    let photo_form = |app: std::sync::Arc<TestApp>, user: DemoUser| async move {
        app.as_user(user)
            .await
            .post("/portal/products/new")
            .multipart(
                &[
                    ("name", "Sản phẩm mới"),
                    ("set_id", "1"),
                    ("new_photo_alt", "Ảnh"),
                ],
                Some(("new_photo", "anh.jpg", PHOTO.to_vec())),
            )
            .await
            .status
    };
    let a_again = tokio::spawn(photo_form(app.clone(), DemoUser::ProducerA));
    assert_eq!(
        photo_form(app.clone(), DemoUser::ProducerB).await,
        303,
        "B goes on"
    );
    assert!(
        !a_again.is_finished(),
        "A's second upload waits for the first"
    );
    drop(under_way);
    assert_eq!(a_again.await.unwrap(), 303, "then goes through");
}

#[tokio::test]
async fn photos_nobody_uses_any_more_are_deleted_after_a_day() {
    let app = spawn_app().await;
    let producer = app.as_user(DemoUser::ProducerA).await;
    let Product { id, set_id, .. } = app.published_product(DemoUser::ProducerA).await;
    let with_photo = producer
        .post(&format!("/portal/products/{id}"))
        .multipart(
            &[
                ("name", "Nước mắm"),
                ("set_id", &set_id),
                ("new_photo_alt", "Chai"),
            ],
            Some(("new_photo", "chai.jpg", PHOTO.to_vec())),
        )
        .await;
    assert_eq!(with_photo.status, 303);
    sqlx::query("UPDATE media SET created_at = datetime('now', '-2 days')")
        .execute(&app.direct)
        .await
        .unwrap();
    let removed = app
        .state
        .uploads
        .remove_unused(&app.state.writer, &app.state.pool)
        .await
        .unwrap();
    assert_eq!(removed, 0, "the waiting proposal still uses the photo");
    // The producer takes the photo out again: nothing uses it any more.
    let without = producer
        .post(&format!("/portal/products/{id}"))
        .form(&[
            ("name", "Nước mắm"),
            ("set_id", &set_id),
            ("photo-0-alt", "Chai"),
            ("photo-0-remove", "on"),
        ])
        .await;
    assert_eq!(without.status, 303);
    assert_eq!(
        app.state
            .uploads
            .remove_unused(&app.state.writer, &app.state.pool)
            .await
            .unwrap(),
        2
    );
    assert_eq!(app.count("media").await, 0);
    assert_eq!(
        std::fs::read_dir(app.media_dir()).unwrap().count(),
        0,
        "the files are gone"
    );
}

#[tokio::test]
async fn housekeeping_keeps_news_covers_and_deletes_files_no_row_knows() {
    let app = spawn_app().await;
    sqlx::query(
        "INSERT INTO media (sha256, mime, width, height, bytes, created_at) VALUES
             (printf('%064d', 1), 'image/jpeg', 10, 10, 100, datetime('now', '-2 days')),
             (printf('%064d', 2), 'image/jpeg', 10, 10, 100, datetime('now', '-2 days'))",
    )
    .execute(&app.direct)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO news_posts (slug, title, cover_media_id) VALUES ('bia-moi', 'Bìa mới', (SELECT id FROM media WHERE sha256 = printf('%064d', 1)))",
    )
    .execute(&app.direct)
    .await
    .unwrap();
    // A file an unfinished upload left behind, a day and more ago, and one written just now.
    std::fs::create_dir_all(app.media_dir()).unwrap();
    let stale = app.media_dir().join(format!("{:064}.jpg", 3));
    let fresh = app.media_dir().join(format!("{:064}.jpg", 4));
    for path in [&stale, &fresh] {
        std::fs::write(path, b"jpeg").unwrap();
    }
    std::fs::File::options()
        .write(true)
        .open(&stale)
        .unwrap()
        .set_modified(std::time::SystemTime::now() - std::time::Duration::from_secs(2 * 86_400))
        .unwrap();
    app.state
        .uploads
        .remove_unused(&app.state.writer, &app.state.pool)
        .await
        .expect("housekeeping goes through");
    let left: Vec<String> = sqlx::query_scalar("SELECT sha256 FROM media ORDER BY sha256")
        .fetch_all(&app.pool)
        .await
        .unwrap();
    assert_eq!(
        left,
        [format!("{:064}", 1)],
        "the cover stays, the unused photo goes"
    );
    assert!(!stale.exists(), "a stale file no row knows is deleted");
    assert!(fresh.exists(), "a new one may be about to be registered");
}
