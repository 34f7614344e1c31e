//! The contact form on product and producer pages. Without JavaScript it posts to the server
//! function and comes back with its outcome in the address; as an island it checks fields
//! as you go, sends without leaving the page, and keeps what was typed.

use leptos::prelude::*;

use crate::api::inquiries::send_inquiry;
use crate::error::{AppError, FieldError};
use crate::i18n::{t, Lang};
use crate::model::inquiry::{InquiryInput, Problem, MAX_MESSAGE_CHARS, MAX_NAME_CHARS};

/// What the address says about a form posted without JavaScript (`gui`, `van-de`).
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct PostedOutcome {
    pub status: Option<String>,
    pub problems: Vec<String>,
}

fn sent_message(lang: Lang) -> String {
    t(
        lang,
        "Đã gửi câu hỏi. Nhà sản xuất sẽ liên hệ lại với bạn.",
        "Your message was sent. The producer will get back to you.",
    )
    .to_owned()
}

fn correct_fields_message(lang: Lang) -> String {
    t(
        lang,
        "Vui lòng sửa các ô được đánh dấu.",
        "Please correct the marked fields.",
    )
    .to_owned()
}

#[island]
pub fn InquiryForm(
    target: String,
    slug: String,
    lang: Lang,
    posted: PostedOutcome,
) -> impl IntoView {
    let name = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let message = RwSignal::new(String::new());
    let errors = RwSignal::new(
        posted
            .problems
            .iter()
            .filter_map(|code| Problem::from_code(code))
            .map(Problem::field_error)
            .collect::<Vec<_>>(),
    );
    let initial_notice = match posted.status.as_deref() {
        Some("ok") => Some((true, sent_message(lang))),
        Some("qua-nhieu") => Some((false, AppError::RateLimited.message(lang))),
        Some("ban") => Some((false, AppError::Busy.message(lang))),
        Some("that-bai") => Some((false, AppError::Internal.message(lang))),
        Some("loi") => Some((false, correct_fields_message(lang))),
        _ => None,
    };
    let notice = RwSignal::new(initial_notice);
    let sending = RwSignal::new(false);
    // Effects run only in the browser: this marks the form as live once hydrated.
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let (hidden_target, hidden_slug) = (target.clone(), slug.clone());

    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if sending.get_untracked() {
            return;
        }
        let input = InquiryInput {
            name: name.get_untracked(),
            phone: phone.get_untracked(),
            email: email.get_untracked(),
            message: message.get_untracked(),
        };
        if let Err(AppError::Invalid(found)) = input.validate() {
            errors.set(found);
            notice.set(Some((false, correct_fields_message(lang))));
            return;
        }
        errors.set(Vec::new());
        sending.set(true);
        let (target, slug) = (target.clone(), slug.clone());
        leptos::task::spawn_local(async move {
            let optional = |text: String| Some(text).filter(|t| !t.trim().is_empty());
            let result = send_inquiry(
                target,
                slug,
                input.name,
                optional(input.phone),
                optional(input.email),
                input.message,
                None,
            )
            .await;
            match result {
                Ok(()) => {
                    name.set(String::new());
                    phone.set(String::new());
                    email.set(String::new());
                    message.set(String::new());
                    notice.set(Some((true, sent_message(lang))));
                }
                Err(AppError::Invalid(found)) => {
                    errors.set(found);
                    notice.set(Some((false, correct_fields_message(lang))));
                }
                Err(other) => notice.set(Some((false, other.message(lang)))),
            }
            sending.set(false);
        });
    };

    let field_error = move |field: &'static str| {
        move || {
            errors.with(|all: &Vec<FieldError>| {
                all.iter()
                    .find(|e| e.field == field)
                    .map(|e| e.message(lang).to_owned())
            })
        }
    };
    let invalid = move |field: &'static str| {
        move || {
            errors
                .with(|all| all.iter().any(|e| e.field == field))
                .then_some("true")
        }
    };

    view! {
        <form class="inquiry-form" method="post" action="/api/inquiry" novalidate on:submit=submit
            data-hydrated=move || hydrated.get().to_string()>
            <input type="hidden" name="target" value=hidden_target />
            <input type="hidden" name="slug" value=hidden_slug />
            <div class="field">
                <label for="inquiry-name">{t(lang, "Họ và tên", "Your name")}</label>
                <input id="inquiry-name" name="name" type="text" autocomplete="name" maxlength=MAX_NAME_CHARS.to_string()
                    aria-describedby="inquiry-name-error" aria-invalid=invalid("name")
                    prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) />
                <p id="inquiry-name-error" class="field-error">{field_error("name")}</p>
            </div>
            <div class="field-row">
                <div class="field">
                    <label for="inquiry-phone">{t(lang, "Số điện thoại", "Phone")}</label>
                    <input id="inquiry-phone" name="phone" type="tel" autocomplete="tel" inputmode="tel" maxlength="20"
                        aria-describedby="inquiry-phone-error" aria-invalid=invalid("phone")
                        prop:value=move || phone.get() on:input=move |ev| phone.set(event_target_value(&ev)) />
                    <p id="inquiry-phone-error" class="field-error">{field_error("phone")}</p>
                </div>
                <div class="field">
                    <label for="inquiry-email">"Email"</label>
                    <input id="inquiry-email" name="email" type="email" autocomplete="email" maxlength="254"
                        aria-describedby="inquiry-email-error" aria-invalid=invalid("email")
                        prop:value=move || email.get() on:input=move |ev| email.set(event_target_value(&ev)) />
                    <p id="inquiry-email-error" class="field-error">{field_error("email")}</p>
                </div>
            </div>
            <p class="hint">{t(lang, "Để lại số điện thoại hoặc email (ít nhất một) để được trả lời.", "Leave a phone number or an email (at least one) to get an answer.")}</p>
            <div class="field">
                <label for="inquiry-message">{t(lang, "Nội dung cần hỏi", "Your message")}</label>
                <textarea id="inquiry-message" name="message" rows="5" maxlength=MAX_MESSAGE_CHARS.to_string()
                    aria-describedby="inquiry-message-error" aria-invalid=invalid("message")
                    prop:value=move || message.get() on:input=move |ev| message.set(event_target_value(&ev))></textarea>
                <p id="inquiry-message-error" class="field-error">{field_error("message")}</p>
            </div>
            // Hidden from people; robots that fill every field give themselves away.
            <div class="honeypot" aria-hidden="true">
                <label for="inquiry-website">"Website"</label>
                <input id="inquiry-website" name="website" type="text" tabindex="-1" autocomplete="off" />
            </div>
            <button type="submit" class="button" disabled=move || sending.get()>
                {move || if sending.get() { t(lang, "Đang gửi…", "Sending…") } else { t(lang, "Gửi câu hỏi", "Send") }}
            </button>
            <p class="form-notice" role="status" aria-live="polite">
                {move || notice.get().map(|(ok, text)| view! { <span class=if ok { "ok" } else { "error" }>{text}</span> })}
            </p>
        </form>
    }
}

/// The outcome of a form posted without JavaScript, read from this page's address.
pub fn posted_outcome() -> PostedOutcome {
    leptos_router::hooks::use_query_map().with_untracked(|params| PostedOutcome {
        status: params.get("gui"),
        problems: params
            .get("van-de")
            .map(|codes| {
                codes
                    .split(',')
                    .filter(|code| !code.is_empty())
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default(),
    })
}
