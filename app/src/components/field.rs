//! Form fields for the server-rendered forms of the portal and the staff pages: a label, the
//! control, a hint, and the server's message for it when the form was refused, tied together
//! for screen readers. A refused form keeps what was typed (`FormEcho`).

use leptos::prelude::*;

use crate::i18n::{t, use_lang};
use crate::model::form::use_echo;
use crate::model::form::Choice;

fn ids(name: &str) -> (String, String) {
    (format!("f-{name}"), format!("f-{name}-error"))
}

/// The message of a refused field, as the element that `aria-describedby` points at.
fn message(name: &str) -> (Option<String>, impl IntoView) {
    let lang = use_lang();
    let error = use_echo().error(name, lang);
    let (_, error_id) = ids(name);
    let view = view! { <p class="field-error" id=error_id>{error.clone()}</p> };
    (error, view)
}

#[component]
pub fn TextField(
    name: &'static str,
    label: &'static str,
    #[prop(into)] value: String,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] required: bool,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(default = 200)] max: usize,
) -> impl IntoView {
    let value = use_echo().value(name).unwrap_or(value);
    let (id, error_id) = ids(name);
    let (error, error_view) = message(name);
    view! {
        <div class="field">
            <label for=id.clone()>{label}{required.then_some(" *")}</label>
            {hint.map(|hint| view! { <p class="hint">{hint}</p> })}
            <input id=id name=name type=kind value=value required=required maxlength=max.to_string()
                autocomplete=autocomplete aria-invalid=error.is_some().then_some("true") aria-describedby=error_id />
            {error_view}
        </div>
    }
}

/// A textarea's text, escaped by us: Leptos writes a `<textarea>`'s children as they are (it
/// counts them raw text, like a script's; leptos-rs/leptos#4819 reverted escaping them), so a
/// value holding `</textarea>` would end the field and put what follows into the page. The
/// browser reads the entities back to the characters typed.
fn textarea_text(value: &str) -> String {
    value
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[component]
pub fn TextArea(
    name: &'static str,
    label: &'static str,
    #[prop(into)] value: String,
    #[prop(optional)] required: bool,
    #[prop(default = 1000)] max: usize,
    #[prop(default = 4)] rows: u32,
) -> impl IntoView {
    let value = textarea_text(&use_echo().value(name).unwrap_or(value));
    let (id, error_id) = ids(name);
    let (error, error_view) = message(name);
    view! {
        <div class="field">
            <label for=id.clone()>{label}{required.then_some(" *")}</label>
            <textarea id=id name=name rows=rows.to_string() required=required maxlength=max.to_string()
                aria-invalid=error.is_some().then_some("true") aria-describedby=error_id>{value}</textarea>
            {error_view}
        </div>
    }
}

#[component]
pub fn SelectField(
    name: &'static str,
    label: &'static str,
    choices: Vec<Choice>,
    selected: i64,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    let lang = use_lang();
    let selected = use_echo()
        .value(name)
        .and_then(|v| v.parse().ok())
        .unwrap_or(selected);
    let (id, error_id) = ids(name);
    let (error, error_view) = message(name);
    view! {
        <div class="field">
            <label for=id.clone()>{label}{required.then_some(" *")}</label>
            <select id=id name=name required=required aria-invalid=error.is_some().then_some("true") aria-describedby=error_id>
                <option value="">{t(lang, "— Chọn —", "— Choose —")}</option>
                {choices.into_iter().map(|choice| {
                    let label = choice.label(lang).to_owned();
                    view! { <option value=choice.id.to_string() selected=choice.id == selected>{label}</option> }
                }).collect_view()}
            </select>
            {error_view}
        </div>
    }
}

/// A select of coded values (a kind, a status, an audience): `(value, label)` pairs.
#[component]
pub fn CodeSelect(
    name: &'static str,
    label: &'static str,
    options: Vec<(String, String)>,
    #[prop(into)] selected: String,
    #[prop(optional)] required: bool,
    /// The label of the empty choice; without it there is none.
    #[prop(optional)]
    empty: Option<&'static str>,
    /// In a list's filter bar (a GET form): the value comes from the address alone, and the
    /// ids differ from a posted form's field of the same name on the page.
    #[prop(optional)]
    filter: bool,
) -> impl IntoView {
    let (selected, id, error_id, error, error_view) = if filter {
        (selected, format!("loc-{name}"), None, None, None)
    } else {
        let (id, error_id) = ids(name);
        let (error, error_view) = message(name);
        (
            use_echo().value(name).unwrap_or(selected),
            id,
            Some(error_id),
            error,
            Some(error_view),
        )
    };
    view! {
        <div class="field">
            <label for=id.clone()>{label}{required.then_some(" *")}</label>
            <select id=id name=name required=required aria-invalid=error.is_some().then_some("true") aria-describedby=error_id>
                {empty.map(|empty| view! { <option value="">{empty}</option> })}
                {options.into_iter().map(|(value, label)| {
                    let chosen = value == selected;
                    view! { <option value=value selected=chosen>{label}</option> }
                }).collect_view()}
            </select>
            {error_view}
        </div>
    }
}

/// A file to upload, a photo unless `accept` says otherwise. The browser's picker only offers
/// those types; the server checks the content all the same.
#[component]
pub fn FileField(
    name: &'static str,
    label: &'static str,
    #[prop(default = "image/jpeg,image/png,image/webp")] accept: &'static str,
) -> impl IntoView {
    let (id, error_id) = ids(name);
    let (error, error_view) = message(name);
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input id=id name=name type="file" accept=accept
                aria-invalid=error.is_some().then_some("true") aria-describedby=error_id />
            {error_view}
        </div>
    }
}

/// The server's message about a field the page shows no control for (a button's choice).
#[component]
pub fn FieldMessage(name: &'static str) -> impl IntoView {
    message(name).1
}

/// At the top of a refused form: says so, for those who do not see the fields' messages.
#[component]
pub fn FormRefused() -> impl IntoView {
    let lang = use_lang();
    let echo = use_echo();
    (!echo.errors.is_empty()).then(|| {
        view! {
            <p class="form-notice" role="alert">
                <span class="error">{t(lang, "Chưa lưu được: vui lòng sửa các mục được đánh dấu bên dưới.", "Not saved yet: please correct the fields marked below.")}</span>
            </p>
        }
    })
}

/// A notice shown after a form was accepted (the redirect's address carries it).
#[component]
pub fn Saved(#[prop(into)] text: String) -> impl IntoView {
    view! { <p class="form-notice" role="status"><span class="ok">{text}</span></p> }
}

/// The notice the page's address carries (`?saved`...), after a form was accepted.
pub fn use_notice() -> Option<crate::model::notice::Notice> {
    let query = leptos_router::hooks::use_query_map().get_untracked();
    crate::model::notice::Notice::find(|key| query.get(key).is_some())
}
