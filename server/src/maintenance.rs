//! Housekeeping while the server runs: once an hour, forget ended sessions, delete uploaded
//! photos nobody uses any more and dossier files no row knows, forget the photos sent a day
//! ago and the files chosen to import a week ago, and tell producers of certificates ending
//! within 30 days;
//! once a minute, take the stars of certificates that ended off the catalogue's sort and
//! counts (so at most a minute after midnight, like the page cache).

use std::time::Duration;

use app::store::sessions;

use crate::state::AppState;

pub fn spawn(state: AppState) {
    let calendar = state.clone();
    tokio::spawn(async move {
        let mut every_minute = tokio::time::interval(Duration::from_secs(60));
        loop {
            every_minute.tick().await;
            match app::store::catalogue::expire_stars(&calendar.pool, &calendar.writer).await {
                Ok(0) => {}
                Ok(ended) => {
                    tracing::info!(ended, "certificates ended: stars taken off the catalogue")
                }
                Err(error) => tracing::error!(?error, "cannot take ended stars off the catalogue"),
            }
        }
    });
    tokio::spawn(async move {
        let mut every_hour = tokio::time::interval(Duration::from_secs(3600));
        loop {
            every_hour.tick().await;
            match sessions::forget_ended(&state.writer, state.sessions).await {
                Ok(0) => {}
                Ok(ended) => tracing::info!(ended, "forgot ended sessions"),
                Err(error) => tracing::error!(?error, "cannot forget ended sessions"),
            }
            match app::store::certificates::notify_expiring(&state.writer, state.site.mail_enabled)
                .await
            {
                Ok(0) => {}
                Ok(told) => tracing::info!(told, "told producers of expiring certificates"),
                Err(error) => tracing::error!(?error, "cannot tell of expiring certificates"),
            }
            match state
                .uploads
                .remove_unused(&state.writer, &state.pool)
                .await
            {
                Ok(0) => {}
                Ok(removed) => tracing::info!(removed, "deleted unused uploaded images"),
                Err(error) => tracing::error!(?error, "cannot delete unused uploaded images"),
            }
            match state.documents.remove_unused(&state.pool).await {
                Ok(0) => {}
                Ok(removed) => tracing::info!(removed, "deleted dossier files no row knows"),
                Err(error) => tracing::error!(?error, "cannot delete unknown dossier files"),
            }
            match app::store::imports::forget_old(&state.writer).await {
                Ok(0) => {}
                Ok(forgotten) => tracing::info!(forgotten, "forgot files chosen a week ago"),
                Err(error) => tracing::error!(?error, "cannot forget the files chosen to import"),
            }
            match app::store::quotas::forget_old(&state.writer).await {
                Ok(0) => {}
                Ok(forgotten) => tracing::info!(forgotten, "forgot photos sent a day ago"),
                Err(error) => tracing::error!(?error, "cannot forget old uploads"),
            }
        }
    });
}
