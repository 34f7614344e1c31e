//! The office that runs the site: the province and the office's names, the site's short name
//! in titles and the header, and how to reach the office. Admins set them (`/admin/settings`);
//! nothing in the code names a province.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::error::{AppError, FieldError};
use crate::i18n::Lang;
use crate::model::form::{check_text, refuse_if_any, text};

/// A text in both languages; an English left empty reads as the Vietnamese.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bilingual {
    pub vi: String,
    pub en: String,
}

impl Bilingual {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En if !self.en.is_empty() => &self.en,
            _ => &self.vi,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Office {
    /// "Quảng Trị"; empty until an admin sets it.
    pub province: Bilingual,
    /// "Văn phòng Điều phối Chương trình OCOP tỉnh Quảng Trị".
    pub name: Bilingual,
    /// The site's name in titles and the header: "OCOP Quảng Trị".
    pub short_name: Bilingual,
    pub address: String,
    pub phone: String,
    pub email: String,
    /// "Thứ Hai đến Thứ Sáu, 7:30–11:30 và 13:30–17:00".
    pub hours: Bilingual,
    /// The logo's address (`/media/…`), once one is uploaded.
    pub logo: Option<String>,
    /// The language of a visitor who chose none and whose browser asks for neither of ours.
    pub default_lang: Lang,
}

/// The fields of the settings form, in its order: name, its limit, whether it must be filled.
pub const FIELDS: [(&str, usize, bool); 11] = [
    ("province_vi", 60, true),
    ("province_en", 60, false),
    ("name_vi", 160, true),
    ("name_en", 160, false),
    ("short_name_vi", 40, true),
    ("short_name_en", 40, false),
    ("address", 200, false),
    ("phone", 40, false),
    ("email", 120, false),
    ("hours_vi", 160, false),
    ("hours_en", 160, false),
];

impl Office {
    /// The settings form, every field checked; refused with each message next to its field.
    pub fn parse(form: &HashMap<String, String>) -> Result<Self, AppError> {
        let mut problems: Vec<FieldError> = Vec::new();
        for (field, max, required) in FIELDS {
            check_text(&mut problems, field, &text(form, field), required, max);
        }
        let email = text(form, "email");
        if !email.is_empty() && !looks_like_an_email(&email) {
            problems.push(FieldError::new(
                "email",
                "Địa chỉ email chưa đúng (ví dụ: ocop@quangtri.gov.vn).",
                "Not an email address (for example ocop@quangtri.gov.vn).",
            ));
        }
        let phone = text(form, "phone");
        if !phone
            .chars()
            .all(|c| c.is_ascii_digit() || " .+()-".contains(c))
        {
            problems.push(FieldError::new(
                "phone",
                "Số điện thoại chỉ gồm chữ số, dấu cách và các dấu + ( ) - .",
                "A phone number holds only digits, spaces and + ( ) - .",
            ));
        }
        let default_lang = Lang::from_code(&text(form, "default_lang"));
        if default_lang.is_none() {
            problems.push(FieldError::new(
                "default_lang",
                "Vui lòng chọn ngôn ngữ mặc định: tiếng Việt hoặc tiếng Anh.",
                "Please choose the default language: Vietnamese or English.",
            ));
        }
        refuse_if_any(problems)?;
        let both = |field: &str| Bilingual {
            vi: text(form, &format!("{field}_vi")),
            en: text(form, &format!("{field}_en")),
        };
        Ok(Self {
            province: both("province"),
            name: both("name"),
            short_name: both("short_name"),
            address: text(form, "address"),
            phone,
            email,
            hours: both("hours"),
            logo: None,
            default_lang: default_lang.unwrap_or_default(),
        })
    }

    /// The form's values as stored, for the page that edits them.
    pub fn field(&self, field: &str) -> String {
        match field {
            "province_vi" => &self.province.vi,
            "province_en" => &self.province.en,
            "name_vi" => &self.name.vi,
            "name_en" => &self.name.en,
            "short_name_vi" => &self.short_name.vi,
            "short_name_en" => &self.short_name.en,
            "address" => &self.address,
            "phone" => &self.phone,
            "email" => &self.email,
            "hours_vi" => &self.hours.vi,
            "hours_en" => &self.hours.en,
            _ => "",
        }
        .to_owned()
    }

    /// The home page's heading: "Sản phẩm OCOP Quảng Trị", or "Sản phẩm OCOP" before a
    /// province is set.
    pub fn products_heading(&self, lang: Lang) -> String {
        match (self.province.get(lang), lang) {
            ("", Lang::Vi) => "Sản phẩm OCOP".to_owned(),
            ("", Lang::En) => "OCOP products".to_owned(),
            (province, Lang::Vi) => format!("Sản phẩm OCOP {province}"),
            (province, Lang::En) => format!("OCOP products of {province}"),
        }
    }

    /// The settings of the request being answered (the server provides them to every page).
    pub fn current() -> std::sync::Arc<Self> {
        leptos::prelude::use_context().unwrap_or_default()
    }
}

/// One `@` with something on each side and a dot in the domain: the office types its own
/// address; mail to it is not sent from here, so this only catches a slip.
fn looks_like_an_email(email: &str) -> bool {
    match email.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && domain.split('.').count() >= 2
                && domain.split('.').all(|part| !part.is_empty())
                && !email.contains(char::is_whitespace)
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn an_office_needs_its_province_its_name_and_the_sites_name_in_vietnamese() {
        let Err(AppError::Invalid(problems)) = Office::parse(&form(&[])) else {
            panic!("refused");
        };
        let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(
            fields,
            ["province_vi", "name_vi", "short_name_vi", "default_lang"]
        );
    }

    #[test]
    fn an_english_left_empty_reads_as_the_vietnamese() {
        let office = Office::parse(&form(&[
            ("province_vi", "Quảng Trị"),
            ("name_vi", "Văn phòng OCOP tỉnh Quảng Trị"),
            ("short_name_vi", "OCOP Quảng Trị"),
            ("short_name_en", "OCOP Quang Tri"),
            ("email", "ocop@quangtri.gov.vn"),
            ("phone", "0233 3852 111"),
            ("default_lang", "en"),
        ]))
        .expect("accepted");
        assert_eq!(office.default_lang, Lang::En);
        assert_eq!(office.province.get(Lang::En), "Quảng Trị");
        assert_eq!(office.short_name.get(Lang::En), "OCOP Quang Tri");
        assert_eq!(
            office.products_heading(Lang::En),
            "OCOP products of Quảng Trị"
        );
        assert_eq!(
            Office::default().products_heading(Lang::Vi),
            "Sản phẩm OCOP"
        );
    }

    #[test]
    fn a_slip_in_the_email_or_letters_in_the_phone_are_refused_next_to_their_fields() {
        for (field, value) in [
            ("email", "ocop@"),
            ("email", "ocop quangtri.gov.vn"),
            ("email", "a@b"),
            ("phone", "gọi 0233"),
        ] {
            let Err(AppError::Invalid(problems)) = Office::parse(&form(&[
                ("province_vi", "Quảng Trị"),
                ("name_vi", "Văn phòng"),
                ("short_name_vi", "OCOP"),
                ("default_lang", "vi"),
                (field, value),
            ])) else {
                panic!("{value} refused");
            };
            assert_eq!(problems.len(), 1, "{value}");
            assert_eq!(problems[0].field, field, "{value}");
        }
    }
}
