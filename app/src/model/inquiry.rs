//! A consumer's message to a producer: what is accepted and what is said when it is not.

use serde::{Deserialize, Serialize};

use crate::error::{AppError, FieldError};
use crate::i18n::{t, Lang};
use crate::model::status::text_enum;

pub const MAX_NAME_CHARS: usize = 100;
pub const MAX_MESSAGE_CHARS: usize = 2000;

/// What an inquiry is about: a product (and so its producer), or a producer, each known by
/// the slug of its page. It gives the addresses of the contact form: the page's route table
/// (`server/src/contact.rs`) and the form's `action` are written from the same place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum About {
    Product,
    Producer,
}

impl About {
    /// The form field's value for the server function.
    pub fn code(self) -> &'static str {
        match self {
            Self::Product => "product",
            Self::Producer => "producer",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [Self::Product, Self::Producer]
            .into_iter()
            .find(|about| about.code() == code)
    }

    /// The route of the form posted without JavaScript, as the server's route table has it.
    pub fn route(self) -> &'static str {
        match self {
            Self::Product => "/products/{slug}/inquiry",
            Self::Producer => "/producers/{slug}/inquiry",
        }
    }

    /// The page of `slug`, where the form is.
    pub fn page(self, slug: &str) -> String {
        match self {
            Self::Product => format!("/products/{slug}"),
            Self::Producer => format!("/producers/{slug}"),
        }
    }

    /// Where the form on the page of `slug` posts without JavaScript: the page's address.
    pub fn action(self, slug: &str) -> String {
        format!("{}/inquiry", self.page(slug))
    }
}

/// Each way an inquiry can be refused; each has its message next to its field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Problem {
    NameMissing,
    NameTooLong,
    ContactMissing,
    PhoneInvalid,
    EmailInvalid,
    MessageMissing,
    MessageTooLong,
}

impl Problem {
    pub fn field_error(self) -> FieldError {
        let (field, vi, en) = match self {
            Self::NameMissing => (
                "name",
                "Vui lòng cho biết tên của bạn.",
                "Please tell us your name.",
            ),
            Self::NameTooLong => (
                "name",
                "Tên dài quá 100 ký tự.",
                "The name is longer than 100 characters.",
            ),
            Self::ContactMissing => (
                "phone",
                "Vui lòng để lại số điện thoại hoặc email để nhà sản xuất liên hệ lại.",
                "Please leave a phone number or an email so the producer can reply.",
            ),
            Self::PhoneInvalid => (
                "phone",
                "Số điện thoại không hợp lệ (8 đến 15 chữ số, ví dụ 0912 345 678).",
                "Not a valid phone number (8 to 15 digits, e.g. 0912 345 678).",
            ),
            Self::EmailInvalid => (
                "email",
                "Địa chỉ email không hợp lệ.",
                "Not a valid email address.",
            ),
            Self::MessageMissing => (
                "message",
                "Vui lòng nhập nội dung cần hỏi.",
                "Please write your message.",
            ),
            Self::MessageTooLong => (
                "message",
                "Nội dung dài quá 2.000 ký tự.",
                "The message is longer than 2,000 characters.",
            ),
        };
        FieldError::new(field, vi, en)
    }
}

/// The honeypot field, hidden from people: a robot that fills every field fills it too, and
/// is told all went well while nothing is kept.
pub fn from_robot(website: Option<&str>) -> bool {
    website.is_some_and(|value| !value.trim().is_empty())
}

/// What the form sends, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InquiryInput {
    pub name: String,
    pub phone: String,
    pub email: String,
    pub message: String,
}

/// An inquiry that passed every check: trimmed, with at least one way to answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidInquiry {
    pub name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub message: String,
}

pub(crate) fn valid_phone(phone: &str) -> bool {
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    (8..=15).contains(&digits)
        && phone
            .chars()
            .all(|c| c.is_ascii_digit() || " +-.()".contains(c))
}

pub(crate) fn valid_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    email.len() <= 254
        && !local.is_empty()
        && local.len() <= 64
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains('@')
        && !email
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || "<>,;\"".contains(c))
}

impl InquiryInput {
    /// The fields of a form shown again after it was refused (`FormEcho`), or as posted.
    pub fn from_fields(value: impl Fn(&str) -> Option<String>) -> Self {
        let field = |name| value(name).unwrap_or_default();
        Self {
            name: field("name"),
            phone: field("phone"),
            email: field("email"),
            message: field("message"),
        }
    }

    /// Every problem of the input, in the order of the form's fields.
    pub fn problems(&self) -> Vec<Problem> {
        let name = self.name.trim();
        let phone = self.phone.trim();
        let email = self.email.trim();
        let message = self.message.trim();
        let mut problems = Vec::new();
        if name.is_empty() {
            problems.push(Problem::NameMissing);
        } else if name.chars().count() > MAX_NAME_CHARS {
            problems.push(Problem::NameTooLong);
        }
        if phone.is_empty() && email.is_empty() {
            problems.push(Problem::ContactMissing);
        }
        if !phone.is_empty() && !valid_phone(phone) {
            problems.push(Problem::PhoneInvalid);
        }
        if !email.is_empty() && !valid_email(email) {
            problems.push(Problem::EmailInvalid);
        }
        if message.is_empty() {
            problems.push(Problem::MessageMissing);
        } else if message.chars().count() > MAX_MESSAGE_CHARS {
            problems.push(Problem::MessageTooLong);
        }
        problems
    }

    pub fn validate(&self) -> Result<ValidInquiry, AppError> {
        let problems = self.problems();
        if !problems.is_empty() {
            return Err(AppError::Invalid(
                problems.into_iter().map(Problem::field_error).collect(),
            ));
        }
        let optional = |text: &str| Some(text.trim().to_owned()).filter(|t| !t.is_empty());
        Ok(ValidInquiry {
            name: self.name.trim().to_owned(),
            phone: optional(&self.phone),
            email: optional(&self.email),
            message: self.message.trim().to_owned(),
        })
    }
}

text_enum! {
    /// A consumer's inquiry in its producer's inbox.
    InquiryStatus {
        New = "new",
        Read = "read",
        Answered = "answered",
        Closed = "closed",
    }
}

impl InquiryStatus {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Self::New => t(lang, "Mới", "New"),
            Self::Read => t(lang, "Đã đọc", "Read"),
            Self::Answered => t(lang, "Đã trả lời", "Answered"),
            Self::Closed => t(lang, "Đã đóng", "Closed"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_posts_where_the_route_table_listens_below_its_page() {
        for about in [About::Product, About::Producer] {
            assert_eq!(
                about.action("toi-den"),
                about.route().replace("{slug}", "toi-den")
            );
            assert!(about.action("toi-den").starts_with(&about.page("toi-den")));
            assert_eq!(About::from_code(about.code()), Some(about));
        }
        assert_eq!(About::from_code("news"), None);
    }

    fn input(name: &str, phone: &str, email: &str, message: &str) -> InquiryInput {
        InquiryInput {
            name: name.into(),
            phone: phone.into(),
            email: email.into(),
            message: message.into(),
        }
    }

    #[test]
    fn a_good_inquiry_is_trimmed() {
        let valid = input(" Lan ", " 0912 345 678 ", "", " Cho tôi hỏi giá sỉ. ")
            .validate()
            .unwrap();
        assert_eq!(valid.name, "Lan");
        assert_eq!(valid.phone.as_deref(), Some("0912 345 678"));
        assert_eq!(valid.email, None);
        assert_eq!(valid.message, "Cho tôi hỏi giá sỉ.");
        assert!(input("Lan", "", "lan@example.vn", "Hỏi").validate().is_ok());
    }

    #[test]
    fn each_bad_field_has_its_own_problem() {
        let cases = [
            (input("", "0912345678", "", "x"), Problem::NameMissing),
            (
                input(&"a".repeat(101), "0912345678", "", "x"),
                Problem::NameTooLong,
            ),
            (input("Lan", "", "", "x"), Problem::ContactMissing),
            (input("Lan", "12345", "", "x"), Problem::PhoneInvalid),
            (input("Lan", "09abc12345", "", "x"), Problem::PhoneInvalid),
            (input("Lan", "", "lan@", "x"), Problem::EmailInvalid),
            (input("Lan", "", "lan@example", "x"), Problem::EmailInvalid),
            (
                input("Lan", "", "la n@example.vn", "x"),
                Problem::EmailInvalid,
            ),
            (
                input("Lan", "0912345678", "", "   "),
                Problem::MessageMissing,
            ),
            (
                input("Lan", "0912345678", "", &"ô".repeat(2001)),
                Problem::MessageTooLong,
            ),
        ];
        for (input, problem) in cases {
            assert_eq!(input.problems(), vec![problem], "{input:?}");
            // Every problem is said in both languages.
            let error = problem.field_error();
            assert!(!error.vi.is_empty() && !error.en.is_empty() && error.vi != error.en);
        }
        assert_eq!(input("", "", "", "").problems().len(), 3);
    }
}
