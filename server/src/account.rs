//! Signing in and out, and passwords: the form posts of `/login`, `/logout`, `/account`
//! and `/set-password/{secret}`.

use std::time::Duration;

use axum::extract::{Path, Request, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

use app::auth::password;
use app::error::AppError;
use app::model::form::{text, FormEcho};
use app::site::client_key_of;
use app::store::{accounts, sessions};

use crate::forms::{answer, error_page, read_form, render_again, without_secrets, Submission};
use crate::routes::{is_local_path, AppState};
use crate::session::{end_cookie, start_cookie, SessionSecret};

fn wrong_credentials() -> AppError {
    AppError::invalid(
        "password",
        "Email hoặc mật khẩu không đúng.",
        "The email or the password is not right.",
    )
}

fn locked() -> AppError {
    AppError::invalid(
        "password",
        "Đăng nhập sai quá nhiều lần. Vui lòng đợi 15 phút rồi thử lại.",
        "Too many failed sign-ins. Please wait 15 minutes and try again.",
    )
}

/// Argon2 is deliberately slow: run it off the request threads.
async fn verify(password: String, stored: Option<String>) -> bool {
    tokio::task::spawn_blocking(move || match stored {
        Some(stored) => password::verify(&password, &stored),
        None => {
            password::verify_nothing(&password);
            false
        }
    })
    .await
    .unwrap_or(false)
}

pub async fn sign_in(State(state): State<AppState>, request: Request) -> Response {
    let submission = read_form!(request);
    let email = text(&submission.fields, "email");
    let typed_password = submission
        .fields
        .get("password")
        .cloned()
        .unwrap_or_default();
    let keys = sessions::throttle_keys(
        &email,
        &client_key_of(&submission.parts, state.site.behind_proxy),
    );
    let refuse = |submission: Submission, error: AppError, status: StatusCode| {
        let echo = FormEcho::refused(without_secrets(submission.fields), &error);
        render_again(&state, submission.parts, echo, status)
    };
    let (account_failures, address_failures) =
        match sessions::recent_failures(&state.pool, &keys).await {
            Ok(counts) => counts,
            Err(error) => return error_page(submission.lang(), &error),
        };
    if account_failures >= sessions::ACCOUNT_LOCK_AFTER
        || address_failures >= sessions::ADDRESS_LOCK_AFTER
    {
        return refuse(submission, locked(), StatusCode::TOO_MANY_REQUESTS).await;
    }
    // Each failure beyond the second makes the next answer a little slower.
    let slowdown = (account_failures.max(address_failures / 4) - 2).clamp(0, 4);
    tokio::time::sleep(Duration::from_millis(250 * slowdown as u64)).await;
    let found = match accounts::find_for_sign_in(&state.pool, &email).await {
        Ok(found) => found,
        Err(error) => return error_page(submission.lang(), &error),
    };
    let user_id = found.as_ref().map(|(id, _)| *id);
    if !verify(typed_password, found.map(|(_, stored)| stored)).await {
        if let Err(error) = sessions::record_failure(&state.pool, &keys).await {
            return error_page(submission.lang(), &error);
        }
        return refuse(submission, wrong_credentials(), StatusCode::UNAUTHORIZED).await;
    }
    let Some(user_id) = user_id else {
        return refuse(submission, wrong_credentials(), StatusCode::UNAUTHORIZED).await;
    };
    let started = async {
        sessions::clear_failures(&state.pool, &keys).await?;
        // A session the browser already had ends: the new one has a new secret.
        if let Some(SessionSecret(old)) = submission.parts.extensions.get::<SessionSecret>() {
            sessions::end(&state.pool, old).await?;
        }
        let secret = sessions::start(&state.pool, user_id, state.sessions).await?;
        let viewer = sessions::viewer(&state.pool, &secret, state.sessions).await?;
        Ok::<_, AppError>((
            secret,
            viewer.map(|(viewer, _)| viewer.home()).unwrap_or("/"),
        ))
    }
    .await;
    match started {
        Ok((secret, home)) => {
            let next = text(&submission.fields, "next");
            let to = if is_local_path(&next) {
                next
            } else {
                home.to_owned()
            };
            (
                StatusCode::SEE_OTHER,
                [
                    (
                        header::LOCATION,
                        to.parse().unwrap_or(header::HeaderValue::from_static("/")),
                    ),
                    (header::SET_COOKIE, start_cookie(&secret, &state)),
                ],
            )
                .into_response()
        }
        Err(error) => error_page(submission.lang(), &error),
    }
}

pub async fn sign_out(State(state): State<AppState>, request: Request) -> Response {
    if let Some(SessionSecret(secret)) = request.extensions().get::<SessionSecret>().cloned() {
        if let Err(error) = sessions::end(&state.pool, &secret).await {
            return error_page(crate::forms::lang_of(&request.into_parts().0), &error);
        }
    }
    (
        StatusCode::SEE_OTHER,
        [
            (header::LOCATION, header::HeaderValue::from_static("/")),
            (header::SET_COOKIE, end_cookie(&state)),
        ],
    )
        .into_response()
}

pub async fn sign_out_everywhere(State(state): State<AppState>, request: Request) -> Response {
    let submission = read_form!(request);
    let outcome = async {
        let viewer = submission.viewer()?;
        let mut tx = state.pool.begin().await?;
        sessions::end_all(&mut tx, viewer.user_id, viewer.user_id).await?;
        tx.commit().await?;
        Ok::<_, AppError>(())
    }
    .await;
    match outcome {
        Ok(()) => (
            StatusCode::SEE_OTHER,
            [
                (
                    header::LOCATION,
                    header::HeaderValue::from_static("/login?da-dang-xuat"),
                ),
                (header::SET_COOKIE, end_cookie(&state)),
            ],
        )
            .into_response(),
        Err(error) => answer(&state, submission, Err(error)).await,
    }
}

pub async fn change_password(State(state): State<AppState>, request: Request) -> Response {
    let submission = read_form!(request);
    let outcome = async {
        let viewer = submission.viewer()?;
        let field = |name: &str| submission.fields.get(name).cloned().unwrap_or_default();
        let stored = accounts::password_hash(&state.pool, viewer.user_id).await?;
        if !verify(field("current_password"), Some(stored)).await {
            return Err(AppError::invalid(
                "current_password",
                "Mật khẩu hiện tại không đúng.",
                "The current password is not right.",
            ));
        }
        password::check_new("password", &field("password"), &field("confirmation"))?;
        let new_hash = hash(field("password")).await?;
        let secret = submission
            .parts
            .extensions
            .get::<SessionSecret>()
            .map(|s| s.0.clone())
            .unwrap_or_default();
        accounts::change_password(&state.pool, viewer.user_id, &new_hash, &secret).await?;
        Ok("/account?da-doi-mat-khau".to_owned())
    }
    .await;
    answer(&state, submission, outcome).await
}

async fn hash(password: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || password::hash(&password))
        .await
        .map_err(|_| AppError::Internal)?
}

pub async fn set_password_with_link(
    State(state): State<AppState>,
    Path(secret): Path<String>,
    request: Request,
) -> Response {
    let submission = read_form!(request);
    let outcome = async {
        if accounts::password_link_email(&state.pool, &secret)
            .await?
            .is_none()
        {
            return Err(AppError::NotFound);
        }
        let field = |name: &str| submission.fields.get(name).cloned().unwrap_or_default();
        password::check_new("password", &field("password"), &field("confirmation"))?;
        let new_hash = hash(field("password")).await?;
        accounts::use_password_link(&state.pool, &secret, &new_hash).await?;
        Ok("/login?da-dat-mat-khau".to_owned())
    }
    .await;
    answer(&state, submission, outcome).await
}
