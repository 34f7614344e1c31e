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
            if let Ok(ended @ 1..) = sessions::forget_ended(&state.writer, state.sessions).await {
                tracing::info!(ended, "forgot ended sessions");
            }
            if let Ok(removed @ 1..) = crate::uploads::remove_unused(&state).await {
                tracing::info!(removed, "deleted unused uploaded images");
            }
        }
    });
}
