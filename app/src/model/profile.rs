//! A producer's public profile as its owner edits it, and the legal facts only staff edit.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::error::{AppError, FieldError};
use crate::model::form::{check_text, refuse_if_any, text};
use crate::model::inquiry::{valid_email, valid_phone};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    pub name: String,
    pub description: String,
    pub phone: String,
    pub zalo: String,
    pub email: String,
    pub website: String,
    pub address: String,
    /// The commune (or ward) the producer is in.
    pub admin_unit_id: i64,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
}

/// Facts from the producer's registration papers: staff keep them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LegalFacts {
    pub entity_type: String,
    pub representative: String,
    pub tax_code: String,
    pub registration_no: String,
}

pub const ENTITY_TYPES: [&str; 4] = [
    "enterprise",
    "cooperative",
    "cooperative_group",
    "household",
];

fn coordinate(
    problems: &mut Vec<FieldError>,
    form: &HashMap<String, String>,
    field: &str,
    limit: f64,
) -> Option<f64> {
    let typed = text(form, field).replace(',', ".");
    if typed.is_empty() {
        return None;
    }
    match typed.parse::<f64>() {
        Ok(value) if value.is_finite() && value.abs() <= limit => Some(value),
        _ => {
            problems.push(FieldError::new(
                field,
                &format!("Toạ độ là một số thập phân từ -{limit} đến {limit}, ví dụ 17,4833."),
                &format!(
                    "A coordinate is a decimal number from -{limit} to {limit}, e.g. 17.4833."
                ),
            ));
            None
        }
    }
}

impl Profile {
    pub fn from_form(form: &HashMap<String, String>) -> Result<Self, AppError> {
        let mut problems = Vec::new();
        for (field, max) in [("name", 200), ("description", 5000), ("address", 300)] {
            check_text(
                &mut problems,
                field,
                &text(form, field),
                field == "name",
                max,
            );
        }
        for field in ["phone", "zalo"] {
            let value = text(form, field);
            if !value.is_empty() && !valid_phone(&value) {
                problems.push(FieldError::new(
                    field,
                    "Số điện thoại gồm 8–15 chữ số, ví dụ 0232 3822 123.",
                    "A phone number has 8–15 digits, e.g. 0232 3822 123.",
                ));
            }
        }
        let email = text(form, "email");
        if !email.is_empty() && !valid_email(&email) {
            problems.push(FieldError::new(
                "email",
                "Email chưa đúng dạng, ví dụ ten@vidu.vn.",
                "The email does not look right, e.g. name@example.vn.",
            ));
        }
        let website = text(form, "website");
        if !website.is_empty()
            && (!(website.starts_with("https://") || website.starts_with("http://"))
                || website.len() > 200
                || website.chars().any(|c| c.is_whitespace() || c.is_control()))
        {
            problems.push(FieldError::new(
                "website",
                "Trang web bắt đầu bằng https:// hoặc http://.",
                "A website starts with https:// or http://.",
            ));
        }
        let admin_unit_id = text(form, "admin_unit_id").parse::<i64>().unwrap_or(0);
        if admin_unit_id <= 0 {
            problems.push(FieldError::new(
                "admin_unit_id",
                "Vui lòng chọn xã, phường.",
                "Please choose the commune or ward.",
            ));
        }
        let latitude = coordinate(&mut problems, form, "latitude", 90.0);
        let longitude = coordinate(&mut problems, form, "longitude", 180.0);
        if latitude.is_some() != longitude.is_some()
            && problems
                .iter()
                .all(|p| p.field != "latitude" && p.field != "longitude")
        {
            problems.push(FieldError::new(
                "longitude",
                "Cần cả vĩ độ và kinh độ, hoặc để trống cả hai.",
                "Give both latitude and longitude, or neither.",
            ));
        }
        refuse_if_any(problems)?;
        Ok(Self {
            name: text(form, "name"),
            description: text(form, "description"),
            phone: text(form, "phone"),
            zalo: text(form, "zalo"),
            email,
            website,
            address: text(form, "address"),
            admin_unit_id,
            latitude,
            longitude,
        })
    }
}

impl LegalFacts {
    pub fn from_form(form: &HashMap<String, String>) -> Result<Self, AppError> {
        let mut problems = Vec::new();
        let entity_type = text(form, "entity_type");
        if !ENTITY_TYPES.contains(&entity_type.as_str()) {
            problems.push(FieldError::new(
                "entity_type",
                "Vui lòng chọn loại hình chủ thể.",
                "Please choose the type of entity.",
            ));
        }
        check_text(
            &mut problems,
            "representative",
            &text(form, "representative"),
            false,
            200,
        );
        let tax_code = text(form, "tax_code");
        let well_formed =
            tax_code.len() <= 14 && tax_code.chars().all(|c| c.is_ascii_digit() || c == '-');
        if !tax_code.is_empty() && !well_formed {
            problems.push(FieldError::new(
                "tax_code",
                "Mã số thuế gồm 10 hoặc 13 chữ số, ví dụ 3100123456.",
                "A tax code has 10 or 13 digits, e.g. 3100123456.",
            ));
        }
        check_text(
            &mut problems,
            "registration_no",
            &text(form, "registration_no"),
            false,
            100,
        );
        refuse_if_any(problems)?;
        Ok(Self {
            entity_type,
            representative: text(form, "representative"),
            tax_code,
            registration_no: text(form, "registration_no"),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn a_good_profile_reads_decimal_commas() {
        let profile = Profile::from_form(&form(&[
            ("name", "HTX Sơn Lộc"),
            ("admin_unit_id", "12"),
            ("latitude", "17,48"),
            ("longitude", "106.6"),
            ("website", "https://sonloc.vn"),
        ]))
        .unwrap();
        assert_eq!(profile.latitude, Some(17.48));
    }

    #[test]
    fn each_bad_field_has_its_own_message() {
        let Err(AppError::Invalid(problems)) = Profile::from_form(&form(&[
            ("name", ""),
            ("phone", "gọi tôi"),
            ("zalo", "12"),
            ("email", "không-phải-email"),
            ("website", "javascript:alert(1)"),
            ("latitude", "95"),
        ])) else {
            panic!("refused");
        };
        let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "name",
                "phone",
                "zalo",
                "email",
                "website",
                "admin_unit_id",
                "latitude"
            ]
        );
        let Err(AppError::Invalid(problems)) =
            LegalFacts::from_form(&form(&[("entity_type", "bank"), ("tax_code", "abc")]))
        else {
            panic!("refused");
        };
        assert_eq!(problems.len(), 2);
    }
}
