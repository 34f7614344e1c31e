//! The administrative units (admins only, `/admin/units`): today's communes with the former
//! units they were made from, the file of every unit, and a file to import, checked first in a
//! dry run of its own page (`/admin/units/imports/{id}`) before anything is stored.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::units::{unit_dry_run, unit_list};
use crate::components::field::{use_notice, FieldMessage, FileField, FormRefused, Saved};
use crate::components::guard::guarded;
use crate::components::one_pass::OnePass;
use crate::components::pagination::Pagination;
use crate::components::private_nav::PrivateNav;
use crate::i18n::{t, use_lang, Lang};
use crate::model::ids::ImportId;
use crate::model::import::{DryRun, SHOWN};
use crate::model::notice::Notice;
use crate::paths::admin;

/// What the import reads: an Excel workbook or a CSV file.
const SPREADSHEETS: &str =
    ".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

#[component]
pub fn UnitsPage() -> impl IntoView {
    let lang = use_lang();
    let page = use_query_map().get_untracked().get("page");
    view! {
        <Title text=t(lang, "Đơn vị hành chính", "Administrative units") />
        <PrivateNav current="/admin/units" />
        <h1>{t(lang, "Đơn vị hành chính", "Administrative units")}</h1>
        <p class="muted">{t(lang,
            "Các xã, phường của tỉnh hôm nay và các đơn vị cũ đã hợp thành chúng (từ 01/07/2025). Bộ lọc, báo cáo và dữ liệu mở tính sản phẩm của đơn vị cũ vào đơn vị mới.",
            "The province's communes and wards of today and the former units they were made from (since 01/07/2025). Filters, reports and open data count a former unit's products in today's.")}</p>
        <Suspense>
            {OnePass::after(async move {
                guarded(unit_list(page).await, lang, move |(counts, list)| view! {
                    <p>
                        {t(lang, "Hôm nay: ", "Today: ")}<strong>{counts.provinces}</strong>{t(lang, " tỉnh, ", " provinces, ")}
                        <strong>{counts.communes}</strong>{t(lang, " xã, phường. Trước 01/07/2025: ", " communes and wards. Before 01/07/2025: ")}
                        <strong>{counts.former_districts}</strong>{t(lang, " huyện, ", " districts, ")}
                        <strong>{counts.former_communes}</strong>{t(lang, " xã, phường, thị trấn.", " communes, wards and townships.")}
                    </p>
                    <table class="data-table">
                        <caption class="muted">{t(lang, "Xã, phường hôm nay", "Communes and wards of today")}</caption>
                        <thead><tr>
                            <th scope="col">{t(lang, "Mã", "Code")}</th>
                            <th scope="col">{t(lang, "Tên", "Name")}</th>
                            <th scope="col">{t(lang, "Hợp thành từ", "Made from")}</th>
                            <th scope="col" class="number">{t(lang, "Nhà sản xuất", "Producers")}</th>
                        </tr></thead>
                        <tbody>
                            {list.items.into_iter().map(|line| view! {
                                <tr>
                                    <td>{line.code}</td>
                                    <td data-label=t(lang, "Tên", "Name")>{format!("{} {}", line.kind.label(lang), line.name)}</td>
                                    <td data-label=t(lang, "Hợp thành từ", "Made from")>{line.former}</td>
                                    <td data-label=t(lang, "Nhà sản xuất", "Producers") class="number">{line.producers}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                    <Pagination number=list.number per_page=list.per_page total=list.total
                        href=move |page| page.of("/admin/units") lang />
                }.into_any())
            })}
        </Suspense>
        <h2>{t(lang, "Nhập từ tệp", "Import from a file")}</h2>
        <p>{t(lang,
            "Mỗi dòng một đơn vị, các đơn vị gọi nhau bằng mã: đơn vị cấp trên, và đơn vị kế thừa của đơn vị đã hết hiệu lực. Đơn vị có mã đã có thì được cập nhật, mã mới thì được thêm; không đơn vị nào bị xóa. Tệp tải về dưới đây có đúng các cột cần có, dùng làm tệp mẫu được.",
            "One unit a row; units name each other by code: the unit above, and the successor of a unit that ended. A unit whose code exists is updated, a new code is added; no unit is deleted. The file below has exactly the columns needed and serves as a template.")}</p>
        <p><a href=admin::units_file() download>{t(lang, "Tải mọi đơn vị (CSV)", "Download every unit (CSV)")}</a></p>
        <FormRefused />
        <form method="post" action=admin::units() class="stack-form" enctype="multipart/form-data">
            <FileField name="file" accept=SPREADSHEETS label=t(lang, "Tệp Excel (.xlsx) hoặc CSV (UTF-8), tối đa 8 MB", "An Excel (.xlsx) or CSV (UTF-8) file, up to 8 MB") />
            <button type="submit" class="button">{t(lang, "Kiểm tra tệp", "Check the file")}</button>
        </form>
    }
}

#[component]
pub fn UnitImportPage() -> impl IntoView {
    let lang = use_lang();
    let id = use_params_map()
        .with_untracked(|params| params.get("id").and_then(|id| id.parse::<ImportId>().ok()));
    let imported = matches!(use_notice(), Some(Notice::Imported)).then(|| {
        t(
            lang,
            "Đã nhập. Mọi trang dùng các đơn vị mới từ bây giờ.",
            "Imported. Every page uses the new units from now on.",
        )
    });
    view! {
        <Title text=t(lang, "Kiểm tra tệp đơn vị", "Checking a file of units") />
        <PrivateNav current="/admin/units" />
        <p><a href=admin::units()>{t(lang, "‹ Đơn vị hành chính", "‹ Administrative units")}</a></p>
        <h1>{t(lang, "Kiểm tra tệp trước khi nhập", "The file checked before it is imported")}</h1>
        {imported.map(|text| view! { <Saved text /> })}
        <FormRefused />
        // Why an import posted all the same was refused (the file changed under it, say).
        <FieldMessage name="file" />
        <Suspense>
            {OnePass::after(async move {
                let found = match id {
                    Some(id) => unit_dry_run(id).await,
                    None => Err(crate::error::AppError::NotFound),
                };
                guarded(found, lang, move |dry| view! { <DryRunView dry lang /> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn DryRunView(dry: DryRun, lang: Lang) -> impl IntoView {
    let importable = dry.importable();
    let action = admin::unit_import(dry.id);
    let status = if let Some(problem) = &dry.file_problem {
        view! { <p class="form-notice" role="alert"><span class="error">{problem.get(lang).to_owned()}</span></p> }.into_any()
    } else if dry.refused_total > 0 {
        let text = match lang {
            Lang::Vi => format!("{} dòng có lỗi: tệp chưa nhập được. Hãy sửa các ô được đánh dấu rồi tải tệp lên lại; không dòng nào được lưu cho đến khi cả tệp đúng.", dry.refused_total),
            Lang::En => format!("{} rows have errors: the file cannot be imported yet. Correct the marked cells and upload it again; no row is kept until the whole file is right.", dry.refused_total),
        };
        view! { <p class="form-notice" role="alert"><span class="error">{text}</span></p> }
            .into_any()
    } else if importable {
        view! { <p>{t(lang, "Mọi dòng đều đúng. Chưa có gì được lưu: bấm “Nhập” để lưu tất cả trong một lần.", "Every row is right. Nothing is stored yet: press “Import” to store it all at once.")}</p> }.into_any()
    } else {
        view! { <p class="form-notice" role="status"><span class="ok">{t(lang, "Tệp không thay đổi gì: mọi đơn vị đã như trong tệp.", "The file changes nothing: every unit is already as it says.")}</span></p> }.into_any()
    };
    let headers = dry
        .columns
        .iter()
        .map(|column| view! { <th scope="col">{column.get(lang).to_owned()}</th> })
        .collect_view();
    let labels: Vec<String> = dry
        .columns
        .iter()
        .map(|column| column.get(lang).to_owned())
        .collect();
    let refused = (!dry.refused.is_empty()).then(|| {
        let more = (dry.refused_total as usize > SHOWN).then(|| match lang {
            Lang::Vi => format!("Chỉ hiện {SHOWN} dòng lỗi đầu tiên trên {}.", dry.refused_total),
            Lang::En => format!("Only the first {SHOWN} of {} rows with errors are shown.", dry.refused_total),
        });
        view! {
            <h2>{t(lang, "Các dòng có lỗi", "Rows with errors")}</h2>
            <table class="data-table import-rows">
                <thead><tr><th scope="col">{t(lang, "Dòng", "Line")}</th>{headers}</tr></thead>
                <tbody>
                    {dry.refused.iter().map(|row| view! {
                        <tr>
                            <td>{row.line}</td>
                            {row.cells.iter().zip(&labels).map(|(cell, label)| {
                                let problem = cell.problem.as_ref().map(|said| said.get(lang).to_owned());
                                let refused = problem.is_some();
                                view! {
                                    <td data-label=label.clone() class:refused=refused>
                                        {cell.value.clone()}
                                        {problem.map(|text| view! { <span class="field-error">{text}</span> })}
                                    </td>
                                }
                            }).collect_view()}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            {more.map(|text| view! { <p class="muted">{text}</p> })}
        }
    });
    let changes = (!dry.changes.is_empty() && dry.refused_total == 0).then(|| {
        view! {
            <h2>{t(lang, "Sẽ thêm hoặc cập nhật", "To be added or updated")}</h2>
            <table class="data-table">
                <thead><tr>
                    <th scope="col">{t(lang, "Dòng", "Line")}</th>
                    <th scope="col">{t(lang, "Việc", "What")}</th>
                    <th scope="col">{t(lang, "Đơn vị", "Unit")}</th>
                </tr></thead>
                <tbody>
                    {dry.changes.iter().map(|change| view! {
                        <tr>
                            <td>{change.line}</td>
                            <td>{if change.created { t(lang, "Thêm", "Add") } else { t(lang, "Cập nhật", "Update") }}</td>
                            <td>{change.what.clone()}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        }
    });
    view! {
        <dl class="facts">
            <dt>{t(lang, "Tệp", "File")}</dt><dd>{dry.file_name.clone()}</dd>
            <dt>{t(lang, "Tải lên lúc", "Uploaded")}</dt><dd>{dry.uploaded.shown()}</dd>
            {dry.imported.map(|at| view! { <dt>{t(lang, "Đã nhập lúc", "Imported")}</dt><dd>{at.shown()}</dd> })}
            <dt>{t(lang, "Số dòng", "Rows")}</dt><dd>{dry.rows}</dd>
            <dt>{t(lang, "Thêm mới", "New")}</dt><dd>{dry.created}</dd>
            <dt>{t(lang, "Cập nhật", "Updated")}</dt><dd>{dry.changed}</dd>
            <dt>{t(lang, "Không đổi", "Unchanged")}</dt><dd>{dry.unchanged}</dd>
            <dt>{t(lang, "Có lỗi", "With errors")}</dt><dd>{dry.refused_total}</dd>
        </dl>
        {status}
        {importable.then(|| view! {
            <form method="post" action=action class="stack-form">
                <button type="submit" class="button">{match lang {
                    Lang::Vi => format!("Nhập: thêm {}, cập nhật {}", dry.created, dry.changed),
                    Lang::En => format!("Import: add {}, update {}", dry.created, dry.changed),
                }}</button>
            </form>
        })}
        {refused}
        {changes}
    }
}
