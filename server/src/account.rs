//! Signing in and out, and passwords: the form posts of `/login`, `/logout`, `/account`
//! and `/set-password/{secret}`.

use axum::extract::{Path, Request, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

use app::auth::{password, Viewer};
use app::error::{error_page, AppError};
use app::i18n::Lang;
use app::model::form::{text, FormEcho};
use app::model::notice::Notice;
use app::site::client_key_of;
use app::store::{accounts, sessions};

use crate::forms::{answer, form, read_form, render_again, without_secrets};
use crate::security::is_local_path;
use crate::session::{end_cookie, start_cookie, SessionSecret};
use crate::state::AppState;

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

fn busy() -> AppError {
    AppError::invalid(
        "password",
        "Hệ thống đang bận. Vui lòng thử đăng nhập lại sau vài giây.",
        "The site is busy right now. Please try signing in again in a few seconds.",
    )
}

/// Signs in. The throttle counts failures per email and address together, per address and
/// per email (`store::sessions`); the attempt is counted as a failure before the password is
/// checked and forgiven when it was right, so guesses sent in parallel count one by one.
pub async fn sign_in(State(state): State<AppState>, request: Request) -> Response {
    let submission = read_form!(request);
    let email = text(&submission.fields, "email");
    let typed_password = submission
        .fields
        .get("password")
        .cloned()
        .unwrap_or_default();
    let attempt = sessions::Attempt::new(
        &email,
        &client_key_of(&submission.parts, state.site.proxies),
    );
    let outcome = async {
        let failures = sessions::recent_failures(&state.pool, &attempt).await?;
        if failures.locked() {
            return Ok(Err((locked(), StatusCode::TOO_MANY_REQUESTS)));
        }
        tokio::time::sleep(failures.delay()).await;
        let turn = match state.passwords.turn().await {
            Ok(turn) => turn,
            Err(_) => return Ok(Err((busy(), StatusCode::SERVICE_UNAVAILABLE))),
        };
        let Some(recorded) = sessions::record_attempt(&state.writer, &attempt).await? else {
            return Ok(Err((locked(), StatusCode::TOO_MANY_REQUESTS)));
        };
        let found = accounts::find_for_sign_in(&state.pool, &email).await?;
        // Checked (against a dummy for an unknown email) before anything else is decided,
        // so the answer takes as long whether the account exists or not.
        let stored = found.as_ref().map(|account| account.password_hash.clone());
        let right = turn.verify(typed_password, stored).await;
        drop(turn);
        let Some(account) = found.filter(|_| right) else {
            return Ok(Err((wrong_credentials(), StatusCode::UNAUTHORIZED)));
        };
        let previous = submission
            .parts
            .extensions
            .get::<SessionSecret>()
            .map(|SessionSecret(secret)| secret.as_str());
        let secret = sessions::signed_in(
            &state.writer,
            &attempt,
            recorded,
            account.id,
            previous,
            state.sessions,
        )
        .await?;
        Ok::<_, AppError>(Ok((secret, account.role.home())))
    }
    .await;
    match outcome {
        Ok(Ok((secret, home))) => {
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
        Ok(Err((error, status))) => {
            let echo = FormEcho::refused(without_secrets(submission.fields), &error);
            let mut response = render_again(&state, submission.parts, echo, status).await;
            if status == StatusCode::SERVICE_UNAVAILABLE {
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, app::error::BUSY_RETRY_SECONDS.into());
            }
            response
        }
        Err(error) => error_page(submission.lang(), &error),
    }
}

pub async fn sign_out(State(state): State<AppState>, request: Request) -> Response {
    if let Some(SessionSecret(secret)) = request.extensions().get::<SessionSecret>().cloned() {
        if let Err(error) = sessions::end(&state.writer, &secret).await {
            return error_page(Lang::of_headers(request.headers()), &error);
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

pub async fn sign_out_everywhere(
    viewer: Viewer,
    State(state): State<AppState>,
    request: Request,
) -> Response {
    let submission = read_form!(request);
    let outcome = async {
        let mut tx = state.writer.begin().await?;
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
                    Notice::SignedOutEverywhere
                        .on("/login")
                        .parse()
                        .unwrap_or(header::HeaderValue::from_static("/login")),
                ),
                (header::SET_COOKIE, end_cookie(&state)),
            ],
        )
            .into_response(),
        Err(error) => answer(&state, submission, Err(error)).await,
    }
}

pub async fn change_password(
    viewer: Viewer,
    State(state): State<AppState>,
    request: Request,
) -> Response {
    let submission = read_form!(request);
    let outcome = async {
        let field = |name: &str| submission.fields.get(name).cloned().unwrap_or_default();
        let stored = accounts::password_hash(&state.pool, viewer.user_id).await?;
        let turn = state.passwords.turn().await?;
        if !turn.verify(field("current_password"), Some(stored)).await {
            return Err(AppError::invalid(
                "current_password",
                "Mật khẩu hiện tại không đúng.",
                "The current password is not right.",
            ));
        }
        password::check_new("password", &field("password"), &field("confirmation"))?;
        let new_hash = turn.hash(field("password")).await?;
        let secret = submission
            .parts
            .extensions
            .get::<SessionSecret>()
            .map(|s| s.0.clone())
            .unwrap_or_default();
        accounts::change_password(&state.writer, viewer.user_id, &new_hash, &secret).await?;
        Ok(Notice::PasswordChanged.on("/account"))
    }
    .await;
    answer(&state, submission, outcome).await
}

pub async fn set_password_with_link(
    State(state): State<AppState>,
    Path(secret): Path<String>,
    request: Request,
) -> Response {
    form(&state, request, None, async |fields| {
        if accounts::password_link_email(&state.pool, &secret)
            .await?
            .is_none()
        {
            return Err(AppError::NotFound);
        }
        let field = |name: &str| fields.get(name).cloned().unwrap_or_default();
        password::check_new("password", &field("password"), &field("confirmation"))?;
        let new_hash = state
            .passwords
            .turn()
            .await?
            .hash(field("password"))
            .await?;
        accounts::use_password_link(&state.writer, &secret, &new_hash).await?;
        Ok(Notice::PasswordSet.on("/login"))
    })
    .await
}
