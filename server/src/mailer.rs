//! Sends the outbox by SMTP in the background, when SMTP is configured.

use std::time::Duration;

use app::store::outbox;
use app::store::Db;
use lettre::message::{header::ContentType, Mailbox};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

pub type Transport = AsyncSmtpTransport<Tokio1Executor>;

const BATCH: i64 = 20;
const PAUSE: Duration = Duration::from_secs(20);

/// The transport for an `smtp://` or `smtps://` address (credentials and TLS in the URL).
pub fn transport(url: &str) -> Result<Transport, String> {
    Transport::from_url(url)
        .map(|builder| builder.build())
        .map_err(|error| format!("OCOP_SMTP_URL: {error}"))
}

/// Sends what is due once. Returns how many were sent.
pub async fn deliver_due(
    db: &Db,
    transport: &Transport,
    from: &Mailbox,
) -> Result<usize, app::error::AppError> {
    let mut sent = 0;
    for mail in outbox::due(&db.read, BATCH).await? {
        let outcome = match mail.to_addr.parse::<Mailbox>() {
            Err(error) => Err(format!("bad recipient: {error}")),
            Ok(to) => match Message::builder()
                .from(from.clone())
                .to(to)
                .subject(mail.subject.clone())
                .header(ContentType::TEXT_PLAIN)
                .body(mail.body.clone())
            {
                Err(error) => Err(format!("cannot build the message: {error}")),
                Ok(message) => transport
                    .send(message)
                    .await
                    .map(|_| ())
                    .map_err(|error| error.to_string()),
            },
        };
        match outcome {
            Ok(()) => {
                outbox::mark_sent(&db.write, mail.id).await?;
                sent += 1;
            }
            Err(error) => {
                tracing::warn!(mail = mail.id, attempt = mail.attempts + 1, %error, "mail not sent; will retry");
                outbox::mark_attempt_failed(&db.write, mail.id, &error).await?;
            }
        }
    }
    Ok(sent)
}

/// Keeps sending the outbox every little while, for as long as the server runs.
pub fn spawn(db: Db, transport: Transport, from: Mailbox) {
    tokio::spawn(async move {
        loop {
            if let Err(error) = deliver_due(&db, &transport, &from).await {
                tracing::error!(?error, "outbox delivery stopped for this round");
            }
            tokio::time::sleep(PAUSE).await;
        }
    });
}
