//! Plain HTML forms posted to the server: reading them (urlencoded or multipart, with at
//! most one uploaded file), and answering. A refused form is rendered again, at the page it
//! came from, with what was typed and a message next to each field; an accepted one
//! redirects (303) so reloading does not post again.

use std::collections::HashMap;

use axum::body::Body;
use axum::extract::{FromRequest, Multipart, Request};
use axum::http::request::Parts;
use axum::http::{header, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use leptos::prelude::provide_context;

use app::error::{error_page, AppError};
use app::i18n::Lang;
use app::model::form::FormEcho;

use crate::state::AppState;
use crate::uploads::Upload;

/// Reads the form of a handler's request, or answers at once when it cannot be read.
macro_rules! read_form {
    ($request:expr) => {
        match $crate::forms::Submission::read($request).await {
            Ok(submission) => submission,
            Err(response) => return response,
        }
    };
}
pub(crate) use read_form;

pub struct Submission {
    pub parts: Parts,
    pub fields: HashMap<String, String>,
    /// The file chosen in a file field, if one was.
    pub upload: Option<Upload>,
}

impl Submission {
    pub async fn read(request: Request) -> Result<Self, Response> {
        let (parts, body) = request.into_parts();
        let content_type = parts
            .headers
            .get(header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned);
        let is_multipart = content_type
            .as_deref()
            .is_some_and(|value| value.starts_with("multipart/form-data"));
        let request = Request::from_parts(parts.clone(), body);
        let mut fields = HashMap::new();
        let mut upload = None;
        if is_multipart {
            let mut multipart = Multipart::from_request(request, &())
                .await
                .map_err(|_| bad_request(&parts))?;
            while let Some(field) = multipart
                .next_field()
                .await
                .map_err(|_| bad_request(&parts))?
            {
                let name = field.name().unwrap_or_default().to_owned();
                if let Some(file_name) = field.file_name().map(str::to_owned) {
                    let (bytes, cut_off) =
                        read_file(field).await.map_err(|_| bad_request(&parts))?;
                    // A file input left empty still sends a part, with no bytes; a second
                    // file is not something our forms ask for.
                    if upload.is_none() && (cut_off || !bytes.is_empty()) {
                        upload = Some(Upload {
                            field: name,
                            file_name,
                            bytes,
                            cut_off,
                        });
                    }
                } else {
                    let text = field.text().await.map_err(|_| bad_request(&parts))?;
                    fields.insert(name, text);
                }
            }
        } else if content_type.is_some() {
            let axum::Form(form): axum::Form<Vec<(String, String)>> =
                axum::Form::from_request(request, &())
                    .await
                    .map_err(|_| bad_request(&parts))?;
            fields.extend(form);
        }
        // No body at all (a button-only form from some clients): a form without fields.
        Ok(Self {
            parts,
            fields,
            upload,
        })
    }

    pub fn lang(&self) -> Lang {
        Lang::of_headers(&self.parts.headers)
    }

    /// For a form posted to an address of its own (e.g. creating an account from a producer's
    /// page): show the answer on `page`, where the form is.
    pub fn shown_at(mut self, page: &str) -> Self {
        self.parts.uri = page.parse().unwrap_or_default();
        self
    }
}

/// A file field's bytes, in pieces, keeping at most the allowed size: a larger file is drained
/// and marked cut off, so that it is refused next to its field with the rest of the form kept.
async fn read_file(
    mut field: axum::extract::multipart::Field<'_>,
) -> Result<(Vec<u8>, bool), axum::extract::multipart::MultipartError> {
    let mut bytes = Vec::new();
    let mut cut_off = false;
    while let Some(chunk) = field.chunk().await? {
        if cut_off || bytes.len() + chunk.len() > crate::images::MAX_UPLOAD_BYTES {
            cut_off = true;
            bytes = Vec::new();
        } else {
            bytes.extend_from_slice(&chunk);
        }
    }
    Ok((bytes, cut_off))
}

fn bad_request(parts: &Parts) -> Response {
    error_page(
        Lang::of_headers(&parts.headers),
        &AppError::Transport("unreadable form".into()),
    )
}

/// After a form was accepted: go to `to`, with GET.
pub fn see_other(to: &str) -> Response {
    (StatusCode::SEE_OTHER, [(header::LOCATION, to.to_owned())]).into_response()
}

/// The page the form was posted from, rendered again with the refused values and messages.
pub async fn render_again(
    state: &AppState,
    mut parts: Parts,
    echo: FormEcho,
    status: StatusCode,
) -> Response {
    parts.method = Method::GET;
    let render = leptos_axum::render_app_async_with_context(
        {
            let state = state.clone();
            move || {
                state.provide_request_context();
                provide_context(echo.clone());
            }
        },
        {
            let leptos = state.leptos.clone();
            move || app::shell(leptos.clone())
        },
    );
    let mut response = render(Request::from_parts(parts, Body::empty())).await;
    *response.status_mut() = status;
    response
}

/// How a form post ends: accepted (redirect), refused for its input (shown again), or
/// refused outright (an error page with the error's status).
pub async fn answer(
    state: &AppState,
    submission: Submission,
    outcome: Result<String, AppError>,
) -> Response {
    match outcome {
        Ok(to) => see_other(&to),
        Err(error @ (AppError::Invalid(_) | AppError::OverQuota(_))) => {
            let echo = FormEcho::refused(without_secrets(submission.fields), &error);
            let status = StatusCode::from_u16(error.status_code())
                .unwrap_or(StatusCode::UNPROCESSABLE_ENTITY);
            render_again(state, submission.parts, echo, status).await
        }
        Err(error) => error_page(submission.lang(), &error),
    }
}

/// A form post, folded: `act` reads the fields, acts and says where to go next. Refused for its
/// input, the form is shown again at `shown_at` (the page it is on, where the form posts to an
/// address of its own) or at the address it was posted to.
pub async fn form(
    state: &AppState,
    request: Request,
    shown_at: Option<&str>,
    act: impl AsyncFnOnce(&HashMap<String, String>) -> Result<String, AppError>,
) -> Response {
    let submission = read_form!(request);
    let outcome = act(&submission.fields).await;
    let submission = match shown_at {
        Some(page) => submission.shown_at(page),
        None => submission,
    };
    answer(state, submission, outcome).await
}

/// A form of the page at `page`: `save` acts on its fields; accepted, it goes to `page` with
/// `notice`; refused, the page is shown again with the messages.
pub async fn form_at(
    state: &AppState,
    request: Request,
    page: &str,
    notice: app::model::notice::Notice,
    save: impl AsyncFnOnce(&HashMap<String, String>) -> Result<(), AppError>,
) -> Response {
    form(state, request, Some(page), async |fields| {
        save(fields).await.map(|()| notice.on(page))
    })
    .await
}

/// A button that acts on something, folded: `act` acts (reading the fields if it needs to)
/// and says where to go next; a refusal is a short page (see `answer_action`).
pub async fn action(
    request: Request,
    act: impl AsyncFnOnce(&HashMap<String, String>) -> Result<String, AppError>,
) -> Response {
    let submission = read_form!(request);
    let outcome = act(&submission.fields).await;
    answer_action(submission, outcome)
}

/// How a button that acts on something ends (hide, approve, end sessions): there is no form
/// to show again, so any refusal is a short page with its message.
pub fn answer_action(submission: Submission, outcome: Result<String, AppError>) -> Response {
    match outcome {
        Ok(to) => see_other(&to),
        Err(error) => error_page(submission.lang(), &error),
    }
}

/// Passwords are never sent back into a page.
pub fn without_secrets(mut fields: HashMap<String, String>) -> HashMap<String, String> {
    fields.retain(|name, _| !name.contains("password") && name != "confirmation");
    fields
}
