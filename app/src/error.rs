//! The one error type of the app, mapped once to an HTTP status and a message for the user.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// A field of the request is not acceptable; `message` is for the user, next to `field`.
    #[error("{field}: {message}")]
    Invalid { field: String, message: String },
    #[error("không tìm thấy")]
    NotFound,
    #[error("cần đăng nhập")]
    Unauthorized,
    #[error("không có quyền")]
    Forbidden,
    #[error("quá nhiều yêu cầu")]
    RateLimited,
    /// Anything the user cannot fix. The details are logged on the server, never sent.
    #[error("lỗi hệ thống")]
    Internal,
    /// The request did not reach the server function or its answer could not be read.
    #[error("lỗi kết nối: {0}")]
    Transport(String),
}

impl AppError {
    pub fn invalid(field: &str, message: &str) -> Self {
        Self::Invalid {
            field: field.to_owned(),
            message: message.to_owned(),
        }
    }

    pub fn status_code(&self) -> u16 {
        match self {
            Self::Invalid { .. } => 422,
            Self::NotFound => 404,
            Self::Unauthorized => 401,
            Self::Forbidden => 403,
            Self::RateLimited => 429,
            Self::Internal => 500,
            Self::Transport(_) => 400,
        }
    }

    /// What the user reads, in Vietnamese.
    pub fn user_message(&self) -> String {
        match self {
            Self::Invalid { message, .. } => message.clone(),
            Self::NotFound => "Không tìm thấy nội dung bạn cần.".into(),
            Self::Unauthorized => "Vui lòng đăng nhập để tiếp tục.".into(),
            Self::Forbidden => "Bạn không có quyền thực hiện thao tác này.".into(),
            Self::RateLimited => "Bạn thao tác quá nhanh, vui lòng thử lại sau ít phút.".into(),
            Self::Internal => "Đã có lỗi xảy ra phía máy chủ. Vui lòng thử lại sau.".into(),
            Self::Transport(_) => "Không kết nối được tới máy chủ. Vui lòng thử lại.".into(),
        }
    }

    /// Sets the status of the response being built, so a failed server function or page
    /// answers with the right code instead of a blanket 500. Nothing to do in the browser.
    pub fn into_response_status(self) -> Self {
        #[cfg(feature = "ssr")]
        if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
            if let Ok(status) = axum::http::StatusCode::from_u16(self.status_code()) {
                response.set_status(status);
            }
        }
        self
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    /// On the server this is a request that could not be decoded: the client's fault, so
    /// it is answered 400 rather than the framework's 500.
    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        Self::Transport(value.to_string()).into_response_status()
    }
}

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for AppError {
    fn from(error: sqlx::Error) -> Self {
        tracing::error!(%error, "database error");
        Self::Internal
    }
}

#[cfg(feature = "ssr")]
impl From<sqlx::migrate::MigrateError> for AppError {
    fn from(error: sqlx::migrate::MigrateError) -> Self {
        tracing::error!(%error, "migration error");
        Self::Internal
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_maps_to_a_client_or_server_status() {
        let cases = [
            (AppError::invalid("star", "x"), 422),
            (AppError::NotFound, 404),
            (AppError::Unauthorized, 401),
            (AppError::Forbidden, 403),
            (AppError::RateLimited, 429),
            (AppError::Internal, 500),
        ];
        for (error, status) in cases {
            assert_eq!(error.status_code(), status, "{error:?}");
            assert!(!error.user_message().is_empty());
        }
    }

    #[test]
    fn internal_errors_reveal_nothing() {
        assert!(!AppError::Internal.user_message().contains("sql"));
    }
}
