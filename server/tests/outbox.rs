//! The outbox: mail that cannot be sent waits and is retried later; sent mail is marked.

use std::sync::{Arc, Mutex};

use crate::common::spawn_app;
use server::mailer::{deliver_due, Transport};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

/// Just enough of an SMTP server on loopback to accept mail and keep what it received.
async fn fake_smtp(listener: TcpListener, received: Arc<Mutex<Vec<String>>>) {
    while let Ok((socket, _)) = listener.accept().await {
        let received = received.clone();
        tokio::spawn(async move {
            let (read, mut write) = socket.into_split();
            let mut lines = BufReader::new(read).lines();
            let _ = write.write_all(b"220 fake ESMTP\r\n").await;
            let mut data: Option<String> = None;
            while let Ok(Some(line)) = lines.next_line().await {
                if let Some(body) = data.as_mut() {
                    if line == "." {
                        received.lock().unwrap().push(std::mem::take(body));
                        data = None;
                        let _ = write.write_all(b"250 queued\r\n").await;
                    } else {
                        body.push_str(&line);
                        body.push('\n');
                    }
                    continue;
                }
                let reply: &[u8] = match line.get(..4).unwrap_or("").to_ascii_uppercase().as_str() {
                    "EHLO" => b"250-fake\r\n250 8BITMIME\r\n",
                    "DATA" => {
                        data = Some(String::new());
                        b"354 go ahead\r\n"
                    }
                    "QUIT" => {
                        let _ = write.write_all(b"221 bye\r\n").await;
                        break;
                    }
                    _ => b"250 ok\r\n",
                };
                let _ = write.write_all(reply).await;
            }
        });
    }
}

#[tokio::test]
async fn mail_is_retried_until_the_server_takes_it() {
    let app = spawn_app().await;
    sqlx::query("INSERT INTO outbox (to_addr, subject, body) VALUES ('htx@example.vn', 'Khách hàng hỏi', 'Xin chào')")
        .execute(&app.direct)
        .await
        .unwrap();
    let from = "OCOP <no-reply@example.vn>".parse().unwrap();

    // Nobody listens on this port yet: the attempt fails and is put off.
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let transport = Transport::builder_dangerous("127.0.0.1").port(port).build();
    assert_eq!(deliver_due(&app.db(), &transport, &from).await.unwrap(), 0);
    let (status, attempts, later): (String, i64, bool) =
        sqlx::query_as("SELECT status, attempts, next_attempt_at > datetime('now') FROM outbox")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!((status.as_str(), attempts, later), ("pending", 1, true));
    // Not due yet: nothing is tried.
    assert_eq!(deliver_due(&app.db(), &transport, &from).await.unwrap(), 0);
    let attempts: i64 = sqlx::query_scalar("SELECT attempts FROM outbox")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(attempts, 1);

    // The server is up and the retry is due: the mail goes and is marked sent.
    let listener = TcpListener::bind(("127.0.0.1", port)).await.unwrap();
    let received = Arc::new(Mutex::new(Vec::new()));
    tokio::spawn(fake_smtp(listener, received.clone()));
    sqlx::query("UPDATE outbox SET next_attempt_at = datetime('now', '-1 second')")
        .execute(&app.direct)
        .await
        .unwrap();
    assert_eq!(deliver_due(&app.db(), &transport, &from).await.unwrap(), 1);
    let status: String = sqlx::query_scalar("SELECT status FROM outbox")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(status, "sent");
    let mails = received.lock().unwrap().clone();
    assert_eq!(mails.len(), 1);
    assert!(mails[0].contains("htx@example.vn"));
}

#[tokio::test]
async fn mail_that_keeps_failing_is_given_up_and_kept() {
    let app = spawn_app().await;
    sqlx::query("INSERT INTO outbox (to_addr, subject, body, attempts) VALUES ('not an address', 's', 'b', ?1)")
        .bind(app::store::outbox::MAX_ATTEMPTS - 1)
        .execute(&app.direct)
        .await
        .unwrap();
    let transport = Transport::builder_dangerous("127.0.0.1").port(9).build();
    deliver_due(
        &app.db(),
        &transport,
        &"OCOP <no-reply@example.vn>".parse().unwrap(),
    )
    .await
    .unwrap();
    let (status, error): (String, Option<String>) =
        sqlx::query_as("SELECT status, last_error FROM outbox")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(status, "failed");
    assert!(error.unwrap().contains("bad recipient"));
}
