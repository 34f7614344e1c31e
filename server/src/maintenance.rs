//! Housekeeping while the server runs: once an hour, forget ended sessions and delete
//! uploaded photos nobody uses any more.

use std::time::Duration;

use app::store::sessions;

use crate::state::AppState;

pub fn spawn(state: AppState) {
    tokio::spawn(async move {
        let mut every_hour = tokio::time::interval(Duration::from_secs(3600));
        loop {
            every_hour.tick().await;
            match sessions::forget_ended(&state.writer, state.sessions).await {
                Ok(0) => {}
                Ok(ended) => tracing::info!(ended, "forgot ended sessions"),
                Err(error) => tracing::error!(?error, "cannot forget ended sessions"),
            }
            match crate::uploads::remove_unused(&state).await {
                Ok(0) => {}
                Ok(removed) => tracing::info!(removed, "deleted unused uploaded images"),
                Err(error) => tracing::error!(?error, "cannot delete unused uploaded images"),
            }
        }
    });
}
