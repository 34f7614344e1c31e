//! The dry run of a spreadsheet an admin chose: its counts, each refused row with the problem
//! in the cell it is about, what it would add or change, and the button that imports it.

use leptos::prelude::*;

use crate::components::field::FieldMessage;
use crate::i18n::{t, Lang};
use crate::model::import::{DryRun, SHOWN};

/// What importing a kept file would do, and the button that imports it (posting to `action`)
/// when it would store something and nothing is refused; which of the file's columns holds
/// which of the import's, to choose again (posting to `columns_action`).
#[component]
pub fn DryRunView(
    dry: DryRun,
    action: String,
    columns_action: String,
    lang: Lang,
) -> impl IntoView {
    let importable = dry.importable();
    let matching = (!dry.headers.is_empty()).then(|| {
        let open = dry.file_problem.is_some();
        let fields = dry
            .columns
            .iter()
            .zip(&dry.required)
            .zip(&dry.matched)
            .enumerate()
            .map(|(n, ((column, required), matched))| {
                let id = format!("f-column-{n}");
                let options = dry
                    .headers
                    .iter()
                    .enumerate()
                    .map(|(at, header)| {
                        let shown = if header.is_empty() {
                            format!("({} {})", t(lang, "cột", "column"), at + 1)
                        } else {
                            header.clone()
                        };
                        view! { <option value=at.to_string() selected=*matched == Some(at)>{shown}</option> }
                    })
                    .collect_view();
                view! {
                    <div class="field">
                        <label for=id.clone()>{column.get(lang).to_owned()}{required.then_some(" *")}</label>
                        <select id=id name=format!("column-{n}")>
                            <option value="" selected=matched.is_none()>{t(lang, "— không có —", "— none —")}</option>
                            {options}
                        </select>
                    </div>
                }
            })
            .collect_view();
        view! {
            <details class="column-matching" open=open>
                <summary>{t(lang, "Cột nào của tệp giữ nội dung nào", "Which of the file's columns holds what")}</summary>
                <form method="post" action=columns_action class="stack-form">
                    {fields}
                    <FieldMessage name="columns" />
                    <button type="submit" class="button secondary">{t(lang, "Dùng các cột này và kiểm tra lại", "Use these columns and check again")}</button>
                </form>
            </details>
        }
    });
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
        view! { <p class="form-notice" role="status"><span class="ok">{t(lang, "Tệp không thay đổi gì: dữ liệu đã có mọi dòng của tệp.", "The file changes nothing: the data already holds every row of it.")}</span></p> }.into_any()
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
        {matching}
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
