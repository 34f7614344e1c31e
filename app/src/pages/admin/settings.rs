//! The office's settings (admins only, `/admin/settings`): the province and the office as
//! every page, feed and print names them, and how the public reaches the office.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::field::{use_notice, CodeSelect, FileField, FormRefused, Saved, TextField};
use crate::components::private_nav::PrivateNav;
use crate::i18n::{t, use_lang, Lang};
use crate::model::notice::Notice;
use crate::model::office::Office;
use crate::paths::admin;

/// A field's label and hint, by its name in `office::FIELDS`.
fn label(field: &str, lang: Lang) -> (&'static str, Option<&'static str>) {
    match field {
        "province_vi" => (
            t(lang, "Tỉnh, thành phố", "Province or city (Vietnamese)"),
            Some(t(lang, "Ví dụ: Quảng Trị", "For example Quảng Trị")),
        ),
        "province_en" => (
            t(
                lang,
                "Tỉnh, thành phố (tiếng Anh)",
                "Province or city (English)",
            ),
            None,
        ),
        "name_vi" => (
            t(lang, "Tên cơ quan", "The office's name (Vietnamese)"),
            Some(t(
                lang,
                "Ví dụ: Văn phòng Điều phối Chương trình OCOP tỉnh Quảng Trị",
                "For example Văn phòng Điều phối Chương trình OCOP tỉnh Quảng Trị",
            )),
        ),
        "name_en" => (
            t(
                lang,
                "Tên cơ quan (tiếng Anh)",
                "The office's name (English)",
            ),
            None,
        ),
        "short_name_vi" => (
            t(
                lang,
                "Tên ngắn của trang",
                "The site's short name (Vietnamese)",
            ),
            Some(t(
                lang,
                "Ở đầu trang và trong tiêu đề, ví dụ: OCOP Quảng Trị",
                "In the header and in titles, for example OCOP Quảng Trị",
            )),
        ),
        "short_name_en" => (
            t(
                lang,
                "Tên ngắn của trang (tiếng Anh)",
                "The site's short name (English)",
            ),
            None,
        ),
        "address" => (t(lang, "Địa chỉ", "Address"), None),
        "phone" => (t(lang, "Điện thoại", "Phone"), None),
        "email" => (t(lang, "Email", "Email"), None),
        "hours_vi" => (t(lang, "Giờ làm việc", "Office hours (Vietnamese)"), None),
        "hours_en" => (
            t(lang, "Giờ làm việc (tiếng Anh)", "Office hours (English)"),
            None,
        ),
        _ => ("", None),
    }
}

#[component]
pub fn SettingsPage() -> impl IntoView {
    let lang = use_lang();
    let office = Office::current();
    let notice = matches!(use_notice(), Some(Notice::Saved)).then(|| {
        t(
            lang,
            "Đã lưu. Mọi trang hiển thị thông tin mới.",
            "Saved. Every page shows the new settings.",
        )
    });
    let fields = crate::model::office::FIELDS.map(|(name, max, required)| {
        let (label, hint) = label(name, lang);
        let kind = match name {
            "email" => "email",
            "phone" => "tel",
            _ => "text",
        };
        match hint {
            Some(hint) => {
                view! { <TextField name label value=office.field(name) kind required max hint /> }
                    .into_any()
            }
            None => view! { <TextField name label value=office.field(name) kind required max /> }
                .into_any(),
        }
    });
    view! {
        <Title text=t(lang, "Cài đặt", "Settings") />
        <PrivateNav current="/admin/settings" />
        <h1>{t(lang, "Cài đặt của cơ quan", "The office's settings")}</h1>
        <p class="muted">{t(lang,
            "Tên tỉnh, tên cơ quan và cách liên hệ hiện trên mọi trang, bản tin, lịch, bản in và sổ tay. Để trống phần tiếng Anh thì dùng phần tiếng Việt.",
            "The province, the office and how to reach it show on every page, feed, calendar, print and handbook. An English field left empty reads as the Vietnamese.")}</p>
        {notice.map(|text| view! { <Saved text /> })}
        <FormRefused />
        <form method="post" action=admin::settings() class="stack-form" enctype="multipart/form-data">
            {fields}
            {office.logo.clone().map(|src| view! {
                <p><img class="settings-logo" src=src alt=t(lang, "Biểu trưng hiện tại", "The current logo") /></p>
            })}
            <CodeSelect name="default_lang" label=t(lang, "Ngôn ngữ mặc định (cho khách chưa chọn và trình duyệt không yêu cầu tiếng Việt hay tiếng Anh)", "Default language (for visitors who chose none and whose browser asks for neither Vietnamese nor English)")
                options=vec![("vi".to_owned(), "Tiếng Việt".to_owned()), ("en".to_owned(), "English".to_owned())]
                selected=office.default_lang.code().to_owned() required=true />
            <FileField name="logo" label=t(lang, "Biểu trưng (JPEG, PNG hoặc WebP; để trống thì giữ biểu trưng hiện tại)", "Logo (JPEG, PNG or WebP; left empty, the current one stays)") />
            <button type="submit" class="button">{t(lang, "Lưu", "Save")}</button>
        </form>
    }
}
