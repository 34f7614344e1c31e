//! The import of the office's spreadsheet of producers, products and certificates (admins only,
//! `/admin/import`): the template, a file to choose, and its dry run on a page of its own
//! (`/admin/import/{id}`) before anything is stored.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::imports::product_dry_run;
use crate::components::dry_run::DryRunView;
use crate::components::field::{use_notice, FieldMessage, FileField, FormRefused, Saved};
use crate::components::guard::guarded;
use crate::components::one_pass::OnePass;
use crate::components::private_nav::PrivateNav;
use crate::i18n::{t, use_lang};
use crate::model::ids::ImportId;
use crate::model::notice::Notice;
use crate::model::product_import::COLUMNS;
use crate::pages::admin::units::SPREADSHEETS;
use crate::paths::admin;

#[component]
pub fn ImportPage() -> impl IntoView {
    let lang = use_lang();
    let columns = COLUMNS
        .iter()
        .map(|column| {
            let needed = if column.required {
                t(lang, "bắt buộc", "required")
            } else {
                ""
            };
            view! { <tr><td>{column.header(lang)}</td><td>{needed}</td></tr> }
        })
        .collect_view();
    view! {
        <Title text=t(lang, "Nhập từ bảng tính", "Import a spreadsheet") />
        <PrivateNav current="/admin/import" />
        <h1>{t(lang, "Nhập chủ thể, sản phẩm và giấy chứng nhận", "Import producers, products and certificates")}</h1>
        <p>{t(lang,
            "Mỗi dòng một sản phẩm, với chủ thể của nó và, nếu đã được công nhận, giấy chứng nhận. Chủ thể được nhận ra theo mã số thuế, hoặc theo tên trong cùng xã, phường hôm nay; sản phẩm theo tên dưới chủ thể đó; giấy chứng nhận theo số. Cái đã có được giữ nguyên: nhập chỉ thêm cái còn thiếu, nên nhập lại cùng tệp, hoặc tệp xuất cho hệ thống quốc gia, không thay đổi gì.",
            "One product a row, with its producer and, when it is certified, its certificate. A producer is found by its tax code, or by its name in the same commune of today; a product by its name under that producer; a certificate by its number. What exists is kept as it is: an import only adds what is missing, so the same file again, or the export for the national system, changes nothing.")}</p>
        <p>{t(lang,
            "Giấy chứng nhận mới cần điểm phần A, B, C của phiếu chấm: hạng sao phải khớp tổng điểm, và hiệu lực là 36 tháng kể từ ngày cấp. Trước khi lưu, cả tệp được kiểm tra và hiện từng lỗi ở đúng ô của nó.",
            "A new certificate needs the score sheet's parts A, B and C: its stars must match the total, and it is valid 36 months from its date of issue. Before anything is stored, the whole file is checked and each problem shown in its cell.")}</p>
        <p><a href=admin::import_template() download>{t(lang, "Tải tệp mẫu (Excel)", "Download the template (Excel)")}</a></p>
        <table class="data-table">
            <caption class="muted">{t(lang, "Các cột (tên cột bằng tiếng Việt hoặc tiếng Anh, không phân biệt hoa thường và dấu)", "The columns (headed in Vietnamese or English, regardless of case and marks)")}</caption>
            <thead><tr><th scope="col">{t(lang, "Cột", "Column")}</th><th scope="col"></th></tr></thead>
            <tbody>{columns}</tbody>
        </table>
        <FormRefused />
        <form method="post" action=admin::import() class="stack-form" enctype="multipart/form-data">
            <FileField name="file" accept=SPREADSHEETS label=t(lang, "Tệp Excel (.xlsx) hoặc CSV (UTF-8), tối đa 8 MB", "An Excel (.xlsx) or CSV (UTF-8) file, up to 8 MB") />
            <button type="submit" class="button">{t(lang, "Kiểm tra tệp", "Check the file")}</button>
        </form>
    }
}

#[component]
pub fn ProductImportPage() -> impl IntoView {
    let lang = use_lang();
    let id = use_params_map()
        .with_untracked(|params| params.get("id").and_then(|id| id.parse::<ImportId>().ok()));
    let imported = matches!(use_notice(), Some(Notice::Imported)).then(|| {
        t(
            lang,
            "Đã nhập. Sản phẩm và giấy chứng nhận mới hiện trên cổng từ bây giờ.",
            "Imported. The new products and certificates show on the portal from now on.",
        )
    });
    view! {
        <Title text=t(lang, "Kiểm tra tệp trước khi nhập", "Checking a file before it is imported") />
        <PrivateNav current="/admin/import" />
        <p><a href=admin::import()>{t(lang, "‹ Nhập từ bảng tính", "‹ Import a spreadsheet")}</a></p>
        <h1>{t(lang, "Kiểm tra tệp trước khi nhập", "The file checked before it is imported")}</h1>
        {imported.map(|text| view! { <Saved text /> })}
        <FormRefused />
        <FieldMessage name="file" />
        <Suspense>
            {OnePass::after(async move {
                let found = match id {
                    Some(id) => product_dry_run(id).await,
                    None => Err(crate::error::AppError::NotFound),
                };
                guarded(found, lang, move |dry| {
                    let action = admin::product_import(dry.id);
                    let columns_action = admin::product_columns(dry.id);
                    view! { <DryRunView dry action columns_action lang /> }.into_any()
                })
            })}
        </Suspense>
    }
}
