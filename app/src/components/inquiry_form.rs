//! The contact form on product and producer pages. Without JavaScript it is a plain form
//! posted to the page's address (`server/src/contact.rs`): refused, the page comes back with
//! what was typed and each message next to its field (`FormEcho`); sent, with its notice. As
//! an island it checks fields as you go and sends through the server function without
//! leaving the page.

use leptos::prelude::*;

use crate::api::inquiries::send_inquiry;
use crate::error::{AppError, FieldError};
use crate::i18n::{t, Lang};
use crate::model::inquiry::{About, InquiryInput, MAX_MESSAGE_CHARS, MAX_NAME_CHARS};
use crate::model::notice::Notice;

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

/// The contact form as the page hands it to the island: what was typed and refused when the
/// form was posted without JavaScript, or that it was just sent.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Posted {
    pub typed: InquiryInput,
    pub errors: Vec<FieldError>,
    pub sent: bool,
}

impl Posted {
    /// From this request: the form shown again (`FormEcho`), or the page after it was sent.
    pub fn of_request() -> Self {
        let echo = crate::model::form::use_echo();
        Self {
            typed: InquiryInput::from_fields(|field| echo.value(field)),
            errors: echo.errors,
            sent: crate::components::field::use_notice() == Some(Notice::Sent),
        }
    }
}

#[island]
pub fn InquiryForm(about: About, slug: String, lang: Lang, posted: Posted) -> impl IntoView {
    let name = RwSignal::new(posted.typed.name);
    let phone = RwSignal::new(posted.typed.phone);
    let email = RwSignal::new(posted.typed.email);
    let message = RwSignal::new(posted.typed.message);
    let initial_notice = if posted.sent {
        Some((true, sent_message(lang)))
    } else if !posted.errors.is_empty() {
        Some((false, correct_fields_message(lang)))
    } else {
        None
    };
    // A refused form comes back at the top of its page: the first field to correct takes
    // the focus, which scrolls it into view, JavaScript or not.
    let first_refused = posted.errors.first().map(|error| error.field.clone());
    let autofocus = move |field: &str| first_refused.as_deref() == Some(field);
    let errors = RwSignal::new(posted.errors);
    let notice = RwSignal::new(initial_notice);
    let sending = RwSignal::new(false);
    // Effects run only in the browser: this marks the form as live once hydrated.
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let action = about.action(&slug);

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
        let slug = slug.clone();
        leptos::task::spawn_local(async move {
            let optional = |text: String| Some(text).filter(|t| !t.trim().is_empty());
            let result = send_inquiry(
                about.code().to_owned(),
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

    // The values as the server renders them (a refused form's), before the island takes over.
    view! {
        <form class="inquiry-form" method="post" action=action novalidate on:submit=submit
            data-hydrated=move || hydrated.get().to_string()>
            <div class="field">
                <label for="inquiry-name">{t(lang, "Họ và tên", "Your name")}</label>
                <input id="inquiry-name" name="name" type="text" autocomplete="name" maxlength=MAX_NAME_CHARS.to_string()
                    aria-describedby="inquiry-name-error" aria-invalid=invalid("name") autofocus=autofocus("name")
                    value=name.get_untracked() prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) />
                <p id="inquiry-name-error" class="field-error">{field_error("name")}</p>
            </div>
            <div class="field-row">
                <div class="field">
                    <label for="inquiry-phone">{t(lang, "Số điện thoại", "Phone")}</label>
                    <input id="inquiry-phone" name="phone" type="tel" autocomplete="tel" inputmode="tel" maxlength="20"
                        aria-describedby="inquiry-phone-error" aria-invalid=invalid("phone") autofocus=autofocus("phone")
                        value=phone.get_untracked() prop:value=move || phone.get() on:input=move |ev| phone.set(event_target_value(&ev)) />
                    <p id="inquiry-phone-error" class="field-error">{field_error("phone")}</p>
                </div>
                <div class="field">
                    <label for="inquiry-email">"Email"</label>
                    <input id="inquiry-email" name="email" type="email" autocomplete="email" maxlength="254"
                        aria-describedby="inquiry-email-error" aria-invalid=invalid("email") autofocus=autofocus("email")
                        value=email.get_untracked() prop:value=move || email.get() on:input=move |ev| email.set(event_target_value(&ev)) />
                    <p id="inquiry-email-error" class="field-error">{field_error("email")}</p>
                </div>
            </div>
            <p class="hint">{t(lang, "Để lại số điện thoại hoặc email (ít nhất một) để được trả lời.", "Leave a phone number or an email (at least one) to get an answer.")}</p>
            <div class="field">
                <label for="inquiry-message">{t(lang, "Nội dung cần hỏi", "Your message")}</label>
                <textarea id="inquiry-message" name="message" rows="5" maxlength=MAX_MESSAGE_CHARS.to_string()
                    aria-describedby="inquiry-message-error" aria-invalid=invalid("message") autofocus=autofocus("message")
                    prop:value=move || message.get() on:input=move |ev| message.set(event_target_value(&ev))>{message.get_untracked()}</textarea>
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
