//! The one error type of the app, mapped once to an HTTP status and a message for the user.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

use crate::i18n::{t, Lang};

/// What is wrong with one field of a request, said in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub vi: String,
    pub en: String,
}

impl FieldError {
    pub fn new(field: &str, vi: &str, en: &str) -> Self {
        Self {
            field: field.to_owned(),
            vi: vi.to_owned(),
            en: en.to_owned(),
        }
    }

    pub fn message(&self, lang: Lang) -> &str {
        match lang {
            Lang::Vi => &self.vi,
            Lang::En => &self.en,
        }
    }
}

/// A word said in both languages: a status's label, quoted in a refusal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Said {
    pub vi: String,
    pub en: String,
}

impl Said {
    /// What `label` says in each language (a status's `label`, say).
    pub fn of(label: impl Fn(Lang) -> &'static str) -> Self {
        Self {
            vi: label(Lang::Vi).to_owned(),
            en: label(Lang::En).to_owned(),
        }
    }

    pub fn new(vi: &str, en: &str) -> Self {
        Self {
            vi: vi.to_owned(),
            en: en.to_owned(),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Vi => &self.vi,
            Lang::En => &self.en,
        }
    }
}

/// The records whose life the store keeps, as a refusal names them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Record {
    /// An OCOP registration (a product entered in a year's cycle).
    Registration,
    /// A producer's application for a booth at a fair.
    Application,
    /// A product listing.
    Product,
    /// A booth on a fair's floor plan, by its code on the plan.
    Booth(String),
    /// A producer's proposed change of a listing, before staff.
    Revision,
}

impl Record {
    fn name(&self, lang: Lang) -> String {
        match self {
            Self::Registration => t(lang, "Hồ sơ", "The registration").to_owned(),
            Self::Application => t(lang, "Đơn", "The application").to_owned(),
            Self::Product => t(lang, "Sản phẩm", "The product").to_owned(),
            Self::Revision => t(lang, "Đề xuất", "The proposal").to_owned(),
            Self::Booth(code) => match lang {
                Lang::Vi => format!("Gian {code}"),
                Lang::En => format!("Booth {code}"),
            },
        }
    }
}

/// A period that is over: what may no longer be done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Closed {
    /// A fair's applications closed (its deadline passed, or staff closed them).
    Applications,
    /// A training's registrations closed.
    TrainingPlaces,
    /// A training ended or had its attendance marked: its places stay as they are.
    PlaceCancellation,
    /// A cycle's stage no longer takes registrations.
    CycleRegistrations,
}

/// A step that must wait for its day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum NotYet {
    /// An event marked as held before it began.
    EventFinished,
    /// A training's attendance marked before it began.
    Attendance,
    /// A council's result closed with fewer members' sheets than it needs.
    Sheets { needed: usize },
}

/// A step on the way to a star that a registration is no longer at: someone else may have just
/// taken it, or it moved on to another council.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum NoLonger {
    /// Waiting for this council's scores.
    CouncilScores,
    /// Scored, waiting for the decision that recognises its star.
    Decision,
}

/// Why the store refused an action because of the record as it stands, not because of what
/// was typed: there is no field to correct, so it is answered 409 Conflict with its message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Conflict {
    /// `record` is `from`, which does not lead to `to`; often someone else acted on it first.
    Transition {
        record: Record,
        from: Said,
        to: Said,
    },
    /// `record` is `status`, which takes no more changes (a decided application, a listing
    /// once approved, a booth held by an exhibitor).
    Settled { record: Record, status: Said },
    /// The period for the action is over.
    Closed(Closed),
    /// The action waits for its day.
    NotYet(NotYet),
    /// A registration is no longer at the step the action is for.
    NoLonger(NoLonger),
    /// A dossier confirmed complete with these required items not received.
    Incomplete { missing: Vec<Said> },
}

impl Conflict {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Self::Transition { record, from, to } => match lang {
                Lang::Vi => format!(
                    "{} đang “{}” nên không thể chuyển sang “{}”. Có thể vừa có người khác xử lý; hãy tải lại trang.",
                    record.name(lang),
                    from.get(lang),
                    to.get(lang)
                ),
                Lang::En => format!(
                    "{} is “{}” and cannot become “{}”. Someone else may have just acted on it; reload the page.",
                    record.name(lang),
                    from.get(lang),
                    to.get(lang)
                ),
            },
            Self::Settled { record, status } => match lang {
                Lang::Vi => format!(
                    "{} đang “{}” nên không thay đổi được nữa.",
                    record.name(lang),
                    status.get(lang)
                ),
                Lang::En => format!(
                    "{} is “{}”, so it can no longer be changed.",
                    record.name(lang),
                    status.get(lang)
                ),
            },
            Self::Closed(closed) => match closed {
                Closed::Applications => t(
                    lang,
                    "Sự kiện đã hết hạn nhận đăng ký gian hàng.",
                    "The event no longer takes applications.",
                ),
                Closed::TrainingPlaces => t(
                    lang,
                    "Khoá tập huấn đã hết hạn đăng ký.",
                    "The training no longer takes registrations.",
                ),
                Closed::PlaceCancellation => t(
                    lang,
                    "Khoá tập huấn đã kết thúc hoặc đã điểm danh: không huỷ chỗ được nữa.",
                    "The training has ended or its attendance is marked: places can no longer be cancelled.",
                ),
                Closed::CycleRegistrations => t(
                    lang,
                    "Chu trình OCOP không còn nhận đăng ký.",
                    "The OCOP cycle no longer takes registrations.",
                ),
            }
            .to_owned(),
            Self::NotYet(not_yet) => match not_yet {
                NotYet::EventFinished => t(
                    lang,
                    "Sự kiện chưa bắt đầu nên chưa thể đánh dấu đã diễn ra.",
                    "The event has not begun, so it cannot be marked as finished.",
                )
                .to_owned(),
                NotYet::Attendance => t(
                    lang,
                    "Chỉ điểm danh được khi khoá tập huấn đã bắt đầu.",
                    "Attendance can be marked once the training has begun.",
                )
                .to_owned(),
                NotYet::Sheets { needed } => match lang {
                    Lang::Vi => format!("Cần phiếu chấm của ít nhất {needed} thành viên."),
                    Lang::En => format!("At least {needed} members' sheets are needed."),
                },
            },
            Self::NoLonger(step) => match step {
                NoLonger::CouncilScores => t(
                    lang,
                    "Sản phẩm không còn chờ hội đồng này chấm điểm (có thể vừa được chấm xong hoặc chuyển lên hội đồng cấp trên).",
                    "The product no longer waits for this council's scores (it may have just been scored, or passed on to a higher council).",
                ),
                NoLonger::Decision => t(
                    lang,
                    "Có sản phẩm không còn chờ quyết định công nhận (có thể vừa được xử lý).",
                    "A product no longer awaits a decision (it may have just been decided).",
                ),
            }
            .to_owned(),
            Self::Incomplete { missing } => {
                let items: Vec<&str> = missing.iter().map(|item| item.get(lang)).collect();
                match lang {
                    Lang::Vi => format!("Hồ sơ còn thiếu: {}.", items.join("; ")),
                    Lang::En => format!("Not received yet: {}.", items.join("; ")),
                }
            }
        }
    }
}

impl From<Closed> for AppError {
    fn from(closed: Closed) -> Self {
        Self::Conflict(Conflict::Closed(closed))
    }
}

impl From<NotYet> for AppError {
    fn from(not_yet: NotYet) -> Self {
        Self::Conflict(Conflict::NotYet(not_yet))
    }
}

impl From<NoLonger> for AppError {
    fn from(step: NoLonger) -> Self {
        Self::Conflict(Conflict::NoLonger(step))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// Fields of the request are not acceptable; each message goes next to its field.
    #[error("invalid: {0:?}")]
    Invalid(Vec<FieldError>),
    /// The record as it stands refuses the action ([`Conflict`]).
    #[error("conflict: {0:?}")]
    Conflict(Conflict),
    #[error("not found")]
    NotFound,
    #[error("sign-in required")]
    Unauthorized,
    #[error("forbidden")]
    Forbidden,
    #[error("too many requests")]
    RateLimited,
    /// An allowance of the account is used up (files an hour, files of a registration): said
    /// next to the field, like [`AppError::Invalid`], and nothing was kept.
    #[error("over quota: {0:?}")]
    OverQuota(FieldError),
    /// The request's body is larger than its form may send; nothing of it was kept.
    #[error("too large")]
    TooLarge,
    /// The server has more work than it takes on at once (a long queue for the database
    /// writer, every password check busy): nothing was done, and trying again shortly works.
    #[error("busy")]
    Busy,
    /// Anything the user cannot fix. The details are logged on the server, never sent.
    #[error("internal error")]
    Internal,
    /// The request did not reach the server function or its answer could not be read.
    #[error("transport: {0}")]
    Transport(String),
}

impl AppError {
    pub fn invalid(field: &str, vi: &str, en: &str) -> Self {
        Self::Invalid(vec![FieldError::new(field, vi, en)])
    }

    /// `record` is `status` (said by `label`) and takes no more changes.
    pub fn settled<S: Copy>(record: Record, status: S, label: fn(S, Lang) -> &'static str) -> Self {
        Self::Conflict(Conflict::Settled {
            record,
            status: Said::of(|lang| label(status, lang)),
        })
    }

    /// `record` is `from` and cannot become `to`, statuses said by `label`.
    pub fn transition<S: Copy>(
        record: Record,
        from: S,
        to: S,
        label: fn(S, Lang) -> &'static str,
    ) -> Self {
        Self::Conflict(Conflict::Transition {
            record,
            from: Said::of(|lang| label(from, lang)),
            to: Said::of(|lang| label(to, lang)),
        })
    }

    pub fn status_code(&self) -> u16 {
        match self {
            Self::Invalid(_) => 422,
            Self::NotFound => 404,
            Self::Conflict(_) => 409,
            Self::Unauthorized => 401,
            Self::Forbidden => 403,
            Self::RateLimited | Self::OverQuota(_) => 429,
            Self::TooLarge => 413,
            Self::Busy => 503,
            Self::Internal => 500,
            Self::Transport(_) => 400,
        }
    }

    /// The message for a field, if this error is about it.
    pub fn field_message(&self, field: &str, lang: Lang) -> Option<String> {
        self.field_errors()
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message(lang).to_owned())
    }

    /// What is wrong with each field, for the errors said next to their fields.
    pub fn field_errors(&self) -> &[FieldError] {
        match self {
            Self::Invalid(errors) => errors,
            Self::OverQuota(error) => std::slice::from_ref(error),
            _ => &[],
        }
    }

    /// What the user reads.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Self::Invalid(errors) => errors
                .iter()
                .map(|e| e.message(lang))
                .collect::<Vec<_>>()
                .join(" "),
            Self::Conflict(conflict) => conflict.message(lang),
            Self::NotFound => t(
                lang,
                "Không tìm thấy nội dung bạn cần.",
                "We could not find what you asked for.",
            )
            .into(),
            Self::Unauthorized => t(
                lang,
                "Vui lòng đăng nhập để tiếp tục.",
                "Please sign in to continue.",
            )
            .into(),
            Self::Forbidden => t(
                lang,
                "Bạn không có quyền thực hiện thao tác này.",
                "You are not allowed to do this.",
            )
            .into(),
            Self::OverQuota(error) => error.message(lang).to_owned(),
            Self::RateLimited => t(
                lang,
                "Bạn đã gửi quá nhiều yêu cầu. Vui lòng thử lại sau ít phút.",
                "You have sent too many requests. Please try again in a few minutes.",
            )
            .into(),
            Self::TooLarge => t(
                lang,
                "Nội dung gửi lên quá lớn nên chưa được lưu. Ảnh tối đa 8 MB; các mục chữ cần ngắn hơn nhiều.",
                "What was sent is too large, so nothing was saved. Photos can be up to 8 MB; text fields need far less.",
            )
            .into(),
            Self::Busy => t(
                lang,
                "Hệ thống đang bận. Vui lòng thử lại sau vài giây; chưa có gì được lưu.",
                "The site is busy right now. Please try again in a few seconds; nothing was saved.",
            )
            .into(),
            Self::Internal => t(
                lang,
                "Đã có lỗi xảy ra phía máy chủ. Vui lòng thử lại sau.",
                "Something went wrong on our side. Please try again later.",
            )
            .into(),
            Self::Transport(_) => t(
                lang,
                "Không kết nối được tới máy chủ. Vui lòng thử lại.",
                "Could not reach the server. Please try again.",
            )
            .into(),
        }
    }

    /// Seconds after which a client may try again, for the answers that say so.
    pub fn retry_after(&self) -> Option<u32> {
        match self {
            Self::Busy => Some(BUSY_RETRY_SECONDS),
            _ => None,
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
            if let Some(seconds) = self.retry_after() {
                response.insert_header(axum::http::header::RETRY_AFTER, seconds.into());
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

/// How long a client is asked to wait when the server is busy.
pub const BUSY_RETRY_SECONDS: u32 = 2;

/// A short page for a refusal that has no form to show again: its status, its message in the
/// visitor's language, and `Retry-After` when trying again later helps.
#[cfg(feature = "ssr")]
pub fn error_page(lang: Lang, error: &AppError) -> axum::response::Response {
    use axum::http::{header, StatusCode};
    use axum::response::IntoResponse;

    let status =
        StatusCode::from_u16(error.status_code()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        error_html(lang, error),
    )
        .into_response();
    if let Some(seconds) = error.retry_after() {
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, seconds.into());
    }
    response
}

/// The HTML of [`error_page`]. The message is escaped: a refusal may quote what was typed.
#[cfg(any(feature = "ssr", test))]
fn error_html(lang: Lang, error: &AppError) -> String {
    let message = escape_html(&error.message(lang));
    let (back, title) = match lang {
        Lang::Vi => ("Về trang chủ", "Không thực hiện được"),
        Lang::En => ("Home", "Could not be done"),
    };
    format!(
        "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title></head><body style=\"font-family:sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.5\">\
         <h1>{title}</h1><p role=\"alert\">{message}</p><p><a href=\"/\">{back}</a></p></body></html>",
        lang.code()
    )
}

/// Text made safe to put between HTML tags or in a quoted attribute.
#[cfg(any(feature = "ssr", test))]
fn escape_html(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            c => escaped.push(c),
        }
    }
    escaped
}

/// An action refused before it started (not signed in, not allowed), answered with the short
/// error page in the language of the request.
#[cfg(feature = "ssr")]
#[derive(Debug)]
pub struct Refusal {
    pub error: AppError,
    pub lang: Lang,
}

#[cfg(feature = "ssr")]
impl Refusal {
    pub fn of(error: AppError, headers: &axum::http::HeaderMap) -> Self {
        Self {
            error,
            lang: Lang::of_headers(headers),
        }
    }
}

#[cfg(feature = "ssr")]
impl axum::response::IntoResponse for Refusal {
    fn into_response(self) -> axum::response::Response {
        error_page(self.lang, &self.error)
    }
}

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for AppError {
    /// A database that is busy (the writer's queue too long, or a lock held by another
    /// process beyond the busy timeout) is a busy server, not a failure; anything else is.
    fn from(error: sqlx::Error) -> Self {
        // SQLITE_BUSY and SQLITE_LOCKED, with their extended codes (e.g. 517, BUSY_SNAPSHOT).
        let busy_code = |code: &str| {
            code.parse::<i32>()
                .is_ok_and(|code| matches!(code & 0xff, 5 | 6))
        };
        let busy = match &error {
            sqlx::Error::PoolTimedOut => true,
            sqlx::Error::Database(database) => database.code().is_some_and(|code| busy_code(&code)),
            _ => false,
        };
        if busy {
            tracing::warn!(%error, "database busy: answered 503");
            Self::Busy
        } else {
            tracing::error!(%error, "database error");
            Self::Internal
        }
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
    fn every_error_maps_to_a_status_and_a_message_in_both_languages() {
        let cases = [
            (AppError::invalid("star", "sai", "wrong"), 422),
            (AppError::NotFound, 404),
            (
                AppError::transition(Record::Application, "a", "b", |s, _| s),
                409,
            ),
            (
                AppError::settled(Record::Booth("A01".into()), "a", |s, _| s),
                409,
            ),
            (Closed::Applications.into(), 409),
            (Closed::TrainingPlaces.into(), 409),
            (Closed::PlaceCancellation.into(), 409),
            (Closed::CycleRegistrations.into(), 409),
            (NotYet::EventFinished.into(), 409),
            (NotYet::Attendance.into(), 409),
            (
                AppError::Conflict(Conflict::Incomplete {
                    missing: vec![Said::new("Phiếu đăng ký", "Registration form")],
                }),
                409,
            ),
            (AppError::Unauthorized, 401),
            (AppError::Forbidden, 403),
            (AppError::RateLimited, 429),
            (
                AppError::OverQuota(FieldError::new("file", "quá nhiều", "too many")),
                429,
            ),
            (AppError::TooLarge, 413),
            (AppError::Busy, 503),
            (AppError::Internal, 500),
            (AppError::Transport("x".into()), 400),
        ];
        for (error, status) in cases {
            assert_eq!(error.status_code(), status, "{error:?}");
            assert_ne!(
                error.message(Lang::Vi),
                error.message(Lang::En),
                "{error:?}"
            );
        }
    }

    #[test]
    fn a_refused_transition_names_the_record_and_both_statuses_in_each_language() {
        let label = |status: &'static str, lang: Lang| match (status, lang) {
            ("waitlisted", Lang::Vi) => "danh sách chờ",
            ("waitlisted", Lang::En) => "waitlisted",
            (_, Lang::Vi) => "đã rút",
            (_, Lang::En) => "withdrawn",
        };
        let error = AppError::transition(Record::Registration, "waitlisted", "withdrawn", label);
        assert_eq!(
            error.message(Lang::Vi),
            "Hồ sơ đang “danh sách chờ” nên không thể chuyển sang “đã rút”. Có thể vừa có người khác xử lý; hãy tải lại trang."
        );
        assert_eq!(
            error.message(Lang::En),
            "The registration is “waitlisted” and cannot become “withdrawn”. Someone else may have just acted on it; reload the page."
        );
        assert!(error.field_errors().is_empty(), "no field to correct");
    }

    #[test]
    fn an_incomplete_dossier_names_each_missing_item_in_the_readers_language() {
        let error = AppError::Conflict(Conflict::Incomplete {
            missing: vec![
                Said::new("Phiếu đăng ký", "Registration form"),
                Said::new("Phương án sản xuất", "Business plan"),
            ],
        });
        assert_eq!(
            error.message(Lang::Vi),
            "Hồ sơ còn thiếu: Phiếu đăng ký; Phương án sản xuất."
        );
        assert_eq!(
            error.message(Lang::En),
            "Not received yet: Registration form; Business plan."
        );
        assert!(error.field_errors().is_empty(), "no field to correct");
    }

    #[test]
    fn field_messages_are_found_by_field() {
        let error = AppError::Invalid(vec![
            FieldError::new("email", "Email sai", "Bad email"),
            FieldError::new("name", "Thiếu tên", "No name"),
        ]);
        assert_eq!(
            error.field_message("name", Lang::En).as_deref(),
            Some("No name")
        );
        assert_eq!(error.field_message("phone", Lang::Vi), None);
    }

    #[test]
    fn the_error_page_escapes_what_its_message_quotes() {
        let typed = AppError::invalid(
            "links",
            "“<script>alert(1)</script>” không phải địa chỉ trên cổng.",
            "“<img src=x onerror=alert(1)>” & \"more\" is not an address.",
        );
        let vi = error_html(Lang::Vi, &typed);
        assert!(
            vi.contains("“&lt;script&gt;alert(1)&lt;/script&gt;” không phải"),
            "{vi}"
        );
        assert!(!vi.contains("<script>"));
        let en = error_html(Lang::En, &typed);
        assert!(
            en.contains("“&lt;img src=x onerror=alert(1)&gt;” &amp; &quot;more&quot;"),
            "{en}"
        );
        assert!(en.starts_with("<!DOCTYPE html><html lang=\"en\">"));
    }

    #[test]
    fn internal_errors_reveal_nothing() {
        assert!(!AppError::Internal
            .message(Lang::Vi)
            .to_lowercase()
            .contains("sql"));
        assert!(!AppError::Transport("sqlite: disk I/O".into())
            .message(Lang::En)
            .contains("sqlite"));
    }
}
