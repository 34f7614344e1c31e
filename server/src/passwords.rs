//! Checking and hashing passwords, a bounded number at a time. Argon2 takes a core and about
//! 19 MiB for a moment each: a flood of sign-ins queued without bound would take the memory,
//! so beyond one check per core the server answers that it is busy (503, try again shortly).

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use app::auth::password;
use app::error::AppError;

/// How long a request waits for a free turn before it is told the server is busy.
const WAIT: Duration = Duration::from_millis(500);

#[derive(Clone)]
pub struct Passwords {
    turns: Arc<Semaphore>,
}

/// The right to check or hash passwords; the work started under it holds it to its end, even
/// when the request that asked is gone.
pub struct Turn(Arc<OwnedSemaphorePermit>);

impl Passwords {
    pub fn new(at_once: usize) -> Self {
        Self {
            turns: Arc::new(Semaphore::new(at_once.max(1))),
        }
    }

    /// One check at a time per core of the machine.
    pub fn per_core() -> Self {
        Self::new(std::thread::available_parallelism().map_or(2, usize::from))
    }

    pub async fn turn(&self) -> Result<Turn, AppError> {
        match tokio::time::timeout(WAIT, self.turns.clone().acquire_owned()).await {
            Ok(Ok(permit)) => Ok(Turn(Arc::new(permit))),
            Ok(Err(_)) | Err(_) => Err(AppError::Busy),
        }
    }
}

impl Turn {
    /// Whether `typed` is the password of `stored`; with no stored hash (an unknown email)
    /// a dummy is checked, so that the answer takes as long.
    pub async fn verify(&self, typed: String, stored: Option<String>) -> bool {
        let permit = self.0.clone();
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            match stored {
                Some(stored) => password::verify(&typed, &stored),
                None => {
                    password::verify_nothing(&typed);
                    false
                }
            }
        })
        .await
        .unwrap_or(false)
    }

    pub async fn hash(&self, new_password: String) -> Result<String, AppError> {
        let permit = self.0.clone();
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            password::hash(&new_password)
        })
        .await
        .map_err(|_| AppError::Internal)?
    }
}
