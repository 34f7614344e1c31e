//! A form the server shows again after refusing it: what was typed, and what was wrong,
//! so every message stands next to its field and nothing typed is lost.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::error::{AppError, FieldError};
use crate::i18n::Lang;
use crate::model::day::Day;

/// A choice in a select: its value and its label in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub id: i64,
    pub vi: String,
    pub en: String,
}

impl Choice {
    /// A choice known by one name in both languages: a commune, a producer, a product, a
    /// person's email.
    pub fn named((id, name): (i64, String)) -> Self {
        Self {
            id,
            vi: name.clone(),
            en: name,
        }
    }

    pub fn label(&self, lang: Lang) -> &str {
        match lang {
            Lang::Vi => &self.vi,
            Lang::En => &self.en,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FormEcho {
    pub values: HashMap<String, String>,
    pub errors: Vec<FieldError>,
    /// A set-password link just issued, shown once to the staff member when no mail is sent.
    pub issued_link: Option<String>,
    /// The Markdown typed in the form, rendered as readers would see it, when the writer
    /// asked for a preview instead of saving.
    pub preview: Option<String>,
}

impl FormEcho {
    pub fn refused(values: HashMap<String, String>, error: &AppError) -> Self {
        let errors = error.field_errors().to_vec();
        Self {
            values,
            errors,
            issued_link: None,
            preview: None,
        }
    }

    /// The form shown again unsaved, with its Markdown rendered (safely, on the server) below.
    pub fn preview(values: HashMap<String, String>, html: String) -> Self {
        Self {
            values,
            errors: Vec::new(),
            issued_link: None,
            preview: Some(html),
        }
    }

    /// Whether this request shows a posted form again (refused or previewed).
    pub fn is_shown_again(&self) -> bool {
        !self.values.is_empty()
    }

    pub fn value(&self, field: &str) -> Option<String> {
        self.values.get(field).cloned()
    }

    pub fn error(&self, field: &str, lang: Lang) -> Option<String> {
        self.errors
            .iter()
            .find(|error| error.field == field)
            .map(|error| error.message(lang).to_owned())
    }
}

/// The echo of the form being shown again, if this request is one.
pub fn use_echo() -> FormEcho {
    leptos::prelude::use_context::<FormEcho>().unwrap_or_default()
}

/// Collects the problems of several fields into one refusal, or none.
pub fn refuse_if_any(problems: Vec<FieldError>) -> Result<(), AppError> {
    if problems.is_empty() {
        Ok(())
    } else {
        Err(AppError::Invalid(problems))
    }
}

/// A form's text field, trimmed; absent is empty.
pub fn text(form: &HashMap<String, String>, field: &str) -> String {
    form.get(field)
        .map(|value| value.trim().to_owned())
        .unwrap_or_default()
}

/// The ids of the ticked checkboxes named `{prefix}{id}`: as numbers, sorted, each once. A
/// browser sends each box once, but a hand-made form may name one id twice (`product-5` and
/// `product-05`), and the store would then write it twice.
pub fn checked_ids(form: &HashMap<String, String>, prefix: &str) -> Vec<i64> {
    let mut ids: Vec<i64> = form
        .keys()
        .filter_map(|key| key.strip_prefix(prefix))
        .filter_map(|id| id.parse().ok())
        .filter(|id| *id > 0)
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// A free text of at most `max` characters; `required` refuses an empty one.
pub fn check_text(
    problems: &mut Vec<FieldError>,
    field: &str,
    value: &str,
    required: bool,
    max: usize,
) {
    if required && value.is_empty() {
        problems.push(FieldError::new(
            field,
            "Vui lòng điền mục này.",
            "Please fill in this field.",
        ));
    } else if value.chars().count() > max {
        problems.push(FieldError::new(
            field,
            &format!("Dài tối đa {max} ký tự."),
            &format!("At most {max} characters."),
        ));
    } else if value
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
    {
        problems.push(FieldError::new(
            field,
            "Có ký tự không hợp lệ.",
            "Contains characters that are not allowed.",
        ));
    }
}

/// A whole number typed in `field`, from `min` to `max`; empty is None (refused when
/// `required`). Spaces and the dots Vietnamese write between thousands are allowed.
pub fn check_number(
    problems: &mut Vec<FieldError>,
    form: &HashMap<String, String>,
    field: &str,
    (min, max): (i64, i64),
    required: bool,
) -> Option<i64> {
    let typed: String = text(form, field)
        .chars()
        .filter(|c| !matches!(c, ' ' | '.'))
        .collect();
    if typed.is_empty() {
        if required {
            problems.push(FieldError::new(
                field,
                "Vui lòng điền mục này.",
                "Please fill in this field.",
            ));
        }
        return None;
    }
    match typed.parse::<i64>() {
        Ok(number) if (min..=max).contains(&number) => Some(number),
        _ => {
            problems.push(FieldError::new(
                field,
                &format!("Nhập một số nguyên từ {min} đến {max}."),
                &format!("Enter a whole number from {min} to {max}."),
            ));
            None
        }
    }
}

/// A day typed in a form field, if one was typed; every problem goes to `problems`.
pub fn day_field(
    problems: &mut Vec<FieldError>,
    form: &HashMap<String, String>,
    field: &str,
    required: bool,
) -> Option<Day> {
    let typed = text(form, field);
    if typed.is_empty() && required {
        problems.push(FieldError::new(
            field,
            "Vui lòng chọn ngày.",
            "Please choose a date.",
        ));
    }
    typed_day(problems, field, &typed)
}

/// The day typed for `field` (None when nothing was typed); a day that is not one goes to
/// `problems` with its message.
pub fn typed_day(problems: &mut Vec<FieldError>, field: &str, typed: &str) -> Option<Day> {
    if typed.trim().is_empty() {
        return None;
    }
    match Day::from_field(field, typed) {
        Ok(day) => Some(day),
        Err(AppError::Invalid(mut found)) => {
            problems.append(&mut found);
            None
        }
        Err(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticked_ids_are_numbers_each_once_in_order() {
        let form: HashMap<String, String> = [
            ("product-12", "on"),
            ("product-5", "on"),
            ("product-05", "on"),
            ("product-+5", "on"),
            ("product-x", "on"),
            ("product-0", "on"),
            ("product--3", "on"),
            ("booth-7", "on"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
        assert_eq!(checked_ids(&form, "product-"), [5, 12]);
        assert_eq!(checked_ids(&form, "registration-"), Vec::<i64>::new());
    }

    #[test]
    fn numbers_are_whole_within_their_range_and_say_so() {
        let form: HashMap<String, String> = [("a", "1.200"), ("b", "x"), ("c", "0"), ("d", "")]
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect();
        let mut problems = Vec::new();
        assert_eq!(
            check_number(&mut problems, &form, "a", (0, 5000), false),
            Some(1200)
        );
        assert_eq!(check_number(&mut problems, &form, "b", (0, 5), false), None);
        assert_eq!(check_number(&mut problems, &form, "c", (1, 5), false), None);
        assert_eq!(check_number(&mut problems, &form, "d", (1, 5), false), None);
        assert_eq!(check_number(&mut problems, &form, "d", (1, 5), true), None);
        let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, ["b", "c", "d"]);
        assert_eq!(problems[0].vi, "Nhập một số nguyên từ 0 đến 5.");
    }

    #[test]
    fn text_rules_give_one_message_per_field() {
        let mut problems = Vec::new();
        check_text(&mut problems, "name", "", true, 10);
        check_text(&mut problems, "note", "", false, 10);
        check_text(&mut problems, "title", "mười một ký", true, 10);
        check_text(&mut problems, "code", "a\u{0}b", true, 10);
        let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, ["name", "title", "code"]);
        assert!(refuse_if_any(problems).is_err());
        assert!(refuse_if_any(Vec::new()).is_ok());
    }
}
