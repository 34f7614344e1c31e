//! The server killed with SIGKILL while writes are in flight loses none it acknowledged, and
//! its database stays sound. Large bodies cost it no memory.

use std::io::Read;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::process::Server;

const WRITERS: usize = 8;

/// Sends contact forms, each from an address of its own, until the server stops answering;
/// returns the messages it acknowledged and any answer that was neither 200 nor a refusal
/// to connect.
fn send_until_gone(
    server_port: u16,
    origin: String,
    writer: usize,
    stop: Arc<AtomicBool>,
) -> (Vec<String>, Vec<u16>) {
    let agent = Server::agent();
    let url = format!("http://127.0.0.1:{server_port}/api/inquiry");
    let (mut acknowledged, mut unexpected) = (Vec::new(), Vec::new());
    for n in 0.. {
        if stop.load(Ordering::Relaxed) && n > 0 {
            break;
        }
        let message = format!("Câu hỏi {writer}-{n}: cho tôi hỏi giá sỉ?");
        let address = format!("10.{writer}.{}.{}", n / 250, n % 250 + 1);
        let sent = agent
            .post(&url)
            .header("Origin", &origin)
            .header("Accept", "application/json")
            .header("X-Forwarded-For", &address)
            .send_form([
                ("target", "product"),
                ("slug", "nuoc-mam-chay-son-loc"),
                ("name", "Khách hàng"),
                ("phone", "0912 345 678"),
                ("message", message.as_str()),
            ]);
        match sent {
            Ok(response) if response.status() == 200 => acknowledged.push(message),
            Ok(response) => unexpected.push(response.status().as_u16()),
            // Killed: the connection was refused or cut, and nothing was acknowledged.
            Err(_) => break,
        }
    }
    (acknowledged, unexpected)
}

async fn open(path: &Path) -> sqlx::SqliteConnection {
    use sqlx::Connection;
    sqlx::SqliteConnection::connect_with(
        &sqlx::sqlite::SqliteConnectOptions::new()
            .filename(path)
            .read_only(true),
    )
    .await
    .expect("open the database")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_killed_mid_write_keeps_every_write_it_acknowledged() {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = Server::start(dir.path());
    let stop = Arc::new(AtomicBool::new(false));
    let results = Arc::new(Mutex::new(Vec::new()));
    let writers: Vec<_> = (0..WRITERS)
        .map(|writer| {
            let (port, origin, stop, results) =
                (server.port, server.origin(), stop.clone(), results.clone());
            std::thread::spawn(move || {
                let outcome = send_until_gone(port, origin, writer, stop);
                results.lock().unwrap().push(outcome);
            })
        })
        .collect();
    tokio::time::sleep(Duration::from_millis(1500)).await;
    server.kill();
    stop.store(true, Ordering::Relaxed);
    for writer in writers {
        writer.join().expect("writer");
    }
    let results = std::mem::take(&mut *results.lock().unwrap());
    let acknowledged: Vec<String> = results.iter().flat_map(|(a, _)| a.clone()).collect();
    let unexpected: Vec<u16> = results.iter().flat_map(|(_, u)| u.clone()).collect();
    assert!(
        unexpected.is_empty(),
        "answers other than 200: {unexpected:?}"
    );
    assert!(
        acknowledged.len() >= WRITERS,
        "writes were in flight: {}",
        acknowledged.len()
    );

    let restarted = Server::start(dir.path());
    let mut db = open(&dir.path().join("ocop.db")).await;
    let integrity: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(&mut db)
        .await
        .unwrap();
    assert_eq!(integrity, "ok");
    let stored: Vec<String> = sqlx::query_scalar("SELECT message FROM inquiries")
        .fetch_all(&mut db)
        .await
        .unwrap();
    let missing: Vec<&String> = acknowledged
        .iter()
        .filter(|message| !stored.contains(message))
        .collect();
    assert!(missing.is_empty(), "acknowledged but lost: {missing:?}");
    drop(restarted);
}

/// Ten megabytes, made as they are read, sent without a declared length (chunked).
struct Endless {
    left: usize,
}

impl Read for Endless {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = buf.len().min(self.left);
        buf[..n].fill(b'a');
        self.left -= n;
        Ok(n)
    }
}

#[test]
fn large_bodies_sent_at_once_leave_the_servers_memory_where_it_was() {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = Server::start(dir.path());
    // Warm up: the first requests allocate what every request reuses.
    for _ in 0..20 {
        server.get("/products");
    }
    let before = server.resident_kib();
    let senders: Vec<_> = (0..16)
        .map(|n| {
            let (url, origin) = (server.url("/api/inquiry"), server.origin());
            std::thread::spawn(move || {
                let response = Server::agent()
                    .post(&url)
                    .header("Origin", &origin)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("X-Forwarded-For", &format!("10.99.0.{n}"))
                    .send(ureq::SendBody::from_owned_reader(Endless {
                        left: 10 * 1024 * 1024,
                    }));
                // The server may answer before reading the rest and close: either is a refusal.
                response
                    .map(|response| response.status().as_u16())
                    .unwrap_or(413)
            })
        })
        .collect();
    for sender in senders {
        assert_eq!(sender.join().expect("sender"), 413);
    }
    let after = server.resident_kib();
    assert!(
        after < before + 8 * 1024,
        "160 MB sent grew the server from {before} KiB to {after} KiB"
    );
}
