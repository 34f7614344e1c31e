//! `server backup` while the site takes writes, and `server restore` into a fresh data
//! directory: the copy is sound and holds what was acknowledged before it began. A restore
//! refuses a running server's files, a damaged copy and one from a newer version.

use crate::process;

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use crate::process::Server;

fn run(data_dir: &Path, args: &[&str]) -> (bool, String) {
    let output = process::command(data_dir)
        .args(args)
        .output()
        .expect("the server binary runs");
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.success(), said)
}

async fn rows(database: &Path, sql: &str) -> Vec<String> {
    use sqlx::Connection;
    let mut connection = sqlx::SqliteConnection::connect_with(
        &sqlx::sqlite::SqliteConnectOptions::new()
            .filename(database)
            .read_only(true),
    )
    .await
    .expect("open");
    sqlx::query_scalar(sql)
        .fetch_all(&mut connection)
        .await
        .expect(sql)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_under_writes_restores_whole_into_a_fresh_directory() {
    let live = tempfile::tempdir().expect("temp dir");
    let server = Server::start(live.path());
    std::fs::create_dir_all(live.path().join("media")).unwrap();
    std::fs::write(
        live.path().join("media").join(format!("{:064}.jpg", 7)),
        b"jpeg",
    )
    .unwrap();

    let acknowledged = Arc::new(Mutex::new(Vec::<String>::new()));
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let (url, origin) = (server.url("/api/inquiry"), server.origin());
        let (acknowledged, stop) = (acknowledged.clone(), stop.clone());
        std::thread::spawn(move || {
            let agent = Server::agent();
            for n in 0.. {
                if stop.load(Ordering::Relaxed) {
                    break;
                }
                let message = format!("Câu hỏi số {n} trước và trong khi sao lưu");
                let response = agent
                    .post(&url)
                    .header("Origin", &origin)
                    .header("Accept", "application/json")
                    .header(
                        "X-Forwarded-For",
                        &format!("10.7.{}.{}", n / 250, n % 250 + 1),
                    )
                    .send_form([
                        ("target", "product"),
                        ("slug", "nuoc-mam-chay-son-loc"),
                        ("name", "Khách hàng"),
                        ("email", "khach@example.vn"),
                        ("message", message.as_str()),
                    ])
                    .expect("an answer");
                assert_eq!(response.status(), 200);
                acknowledged.lock().unwrap().push(message);
            }
        })
    };
    while acknowledged.lock().unwrap().len() < 20 {
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let before_backup = acknowledged.lock().unwrap().clone();
    let copy = tempfile::tempdir().expect("temp dir");
    let target = copy.path().join("2026-11-30");
    let (ok, said) = run(live.path(), &["backup", target.to_str().unwrap()]);
    assert!(ok, "{said}");
    let during = acknowledged.lock().unwrap().len();
    stop.store(true, Ordering::Relaxed);
    writer.join().expect("writer");
    assert!(
        during > before_backup.len(),
        "writes went on during the backup"
    );
    drop(server);

    let fresh = tempfile::tempdir().expect("temp dir");
    let (ok, said) = run(fresh.path(), &["restore", target.to_str().unwrap()]);
    assert!(ok, "{said}");
    let restored = fresh.path().join("ocop.db");
    assert_eq!(rows(&restored, "PRAGMA integrity_check").await, ["ok"]);
    let stored = rows(&restored, "SELECT message FROM inquiries").await;
    for message in &before_backup {
        assert!(
            stored.contains(message),
            "{message} was acknowledged before the backup"
        );
    }
    assert!(fresh
        .path()
        .join("media")
        .join(format!("{:064}.jpg", 7))
        .exists());
    // The restored directory serves.
    let restarted = Server::start(fresh.path());
    assert_eq!(
        restarted.get("/products").map(|(status, _)| status),
        Some(200)
    );
}

#[tokio::test]
async fn a_restore_refuses_a_running_server_a_damaged_copy_and_a_newer_version() {
    let live = tempfile::tempdir().expect("temp dir");
    let copy = tempfile::tempdir().expect("temp dir");
    let good = copy.path().join("good");
    {
        let server = Server::start(live.path());
        let (ok, said) = run(live.path(), &["backup", good.to_str().unwrap()]);
        assert!(ok, "{said}");
        let (again, said) = run(live.path(), &["backup", good.to_str().unwrap()]);
        assert!(!again && said.contains("exists already"), "{said}");
        // While it runs, its files are not to be swapped.
        let (ok, said) = run(live.path(), &["restore", good.to_str().unwrap()]);
        assert!(!ok && said.contains("a server is running"), "{said}");
        drop(server);
    }
    let target = tempfile::tempdir().expect("temp dir");
    let damaged = copy.path().join("damaged");
    std::fs::create_dir_all(&damaged).unwrap();
    let mut bytes = std::fs::read(good.join("ocop.db")).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle..middle + 4096].fill(0x5a);
    std::fs::write(damaged.join("ocop.db"), bytes).unwrap();
    let (ok, said) = run(target.path(), &["restore", damaged.to_str().unwrap()]);
    assert!(!ok && said.contains("cannot be restored"), "{said}");

    let newer = copy.path().join("newer");
    std::fs::create_dir_all(&newer).unwrap();
    std::fs::copy(good.join("ocop.db"), newer.join("ocop.db")).unwrap();
    {
        use sqlx::Connection;
        let mut connection = sqlx::SqliteConnection::connect_with(
            &sqlx::sqlite::SqliteConnectOptions::new().filename(newer.join("ocop.db")),
        )
        .await
        .unwrap();
        sqlx::query("INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) VALUES (99990101, 'from the future', 1, x'00', 0)")
            .execute(&mut connection)
            .await
            .unwrap();
        connection.close().await.unwrap();
    }
    let (ok, said) = run(target.path(), &["restore", newer.to_str().unwrap()]);
    assert!(!ok && said.contains("does not know"), "{said}");
    assert!(
        !target.path().join("ocop.db").exists(),
        "a refused restore puts nothing in place"
    );

    // The good copy goes in over an existing database, which is kept aside.
    let (ok, said) = run(live.path(), &["restore", good.to_str().unwrap()]);
    assert!(ok, "{said}");
    let kept = std::fs::read_dir(live.path())
        .unwrap()
        .filter_map(Result::ok)
        .any(|entry| {
            entry
                .file_name()
                .to_string_lossy()
                .starts_with("ocop.db.before-restore-")
        });
    assert!(kept, "{said}");
}
