//! The import of the office's spreadsheet of producers, products and certificates (admins only,
//! `/admin/import`): the template, a file to choose, and its dry run on a page of its own
//! (`/admin/import/{id}`) before anything is stored.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

use crate::api::imports::product_import_page;
use crate::components::dry_run::DryRunView;
use crate::components::field::{use_notice, FieldMessage, FileField, FormRefused, Saved};
use crate::components::guard::guarded;
use crate::components::one_pass::OnePass;
use crate::components::private_nav::PrivateNav;
use crate::i18n::{t, use_lang, Lang};
use crate::model::ids::ImportId;
use crate::model::notice::Notice;
use crate::model::product_import::{ImportPage, ImportState, COLUMNS};
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
    let notice = use_notice();
    view! {
        <Title text=t(lang, "Kiểm tra tệp trước khi nhập", "Checking a file before it is imported") />
        <PrivateNav current="/admin/import" />
        <p><a href=admin::import()>{t(lang, "‹ Nhập từ bảng tính", "‹ Import a spreadsheet")}</a></p>
        <h1>{t(lang, "Kiểm tra tệp trước khi nhập", "The file checked before it is imported")}</h1>
        <FormRefused />
        <FieldMessage name="file" />
        <Suspense>
            {OnePass::after(async move {
                let found = match id {
                    Some(id) => product_import_page(id).await,
                    None => Err(crate::error::AppError::NotFound),
                };
                guarded(found, lang, move |page| match page {
                    ImportPage::Running(now) => view! { <ImportRunning now lang /> }.into_any(),
                    ImportPage::Checked { dry, ended } => {
                        let action = admin::product_import(dry.id);
                        let columns_action = admin::product_columns(dry.id);
                        view! {
                            <ImportEnded ended notice lang />
                            <DryRunView dry=*dry action columns_action lang />
                        }
                        .into_any()
                    }
                })
            })}
        </Suspense>
    }
}

/// An import on its way: how far it is, on a page that reloads itself (no script needed) until
/// it ends.
#[component]
fn ImportRunning(now: ImportState, lang: Lang) -> impl IntoView {
    let bar = match now {
        ImportState::Writing { done, total } => view! {
            <progress id="import-progress" aria-labelledby="import-said" max=total value=done></progress>
        }
        .into_any(),
        // Not yet counted: a bar that only says it is at work.
        _ => view! { <progress id="import-progress" aria-labelledby="import-said"></progress> }
            .into_any(),
    };
    view! {
        <Meta http_equiv="refresh" content="2" />
        <section class="import-progress">
            <h2>{t(lang, "Đang nhập tệp", "Importing the file")}</h2>
            {bar}
            <p id="import-said" role="status">{now.said(lang)}</p>
            <p class="muted">{t(lang,
                "Trang tự tải lại sau vài giây. Có thể rời trang: việc nhập vẫn tiếp tục, và nếu có dòng nào bị từ chối thì không gì được lưu.",
                "The page reloads itself every few seconds. You may leave it: the import goes on, and if any row is refused nothing is stored.")}</p>
        </section>
    }
}

/// How the last import of the file ended: what it stored, or why it stored nothing.
#[component]
fn ImportEnded(ended: Option<ImportState>, notice: Option<Notice>, lang: Lang) -> impl IntoView {
    match ended {
        Some(ImportState::Failed(error)) => {
            let text = ImportState::Failed(error).said(lang);
            view! { <p class="form-notice" role="alert"><span class="error">{text}</span></p> }
                .into_any()
        }
        Some(imported @ ImportState::Imported(_)) => {
            view! { <Saved text=imported.said(lang) /> }.into_any()
        }
        // The server ran no import of it since it started, or one answered at once.
        _ => matches!(notice, Some(Notice::Imported))
            .then(|| {
                let text = t(
                    lang,
                    "Đã nhập. Sản phẩm và giấy chứng nhận mới hiện trên cổng từ bây giờ.",
                    "Imported. The new products and certificates show on the portal from now on.",
                );
                view! { <Saved text /> }
            })
            .into_any(),
    }
}
