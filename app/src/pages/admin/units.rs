//! The administrative units (admins only, `/admin/units`): today's communes with the former
//! units they were made from, the file of every unit, and a file to import, checked first in a
//! dry run of its own page (`/admin/units/imports/{id}`) before anything is stored.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::units::{unit_dry_run, unit_list};
use crate::components::dry_run::DryRunView;
use crate::components::field::{use_notice, FieldMessage, FileField, FormRefused, Saved};
use crate::components::guard::guarded;
use crate::components::one_pass::OnePass;
use crate::components::pagination::Pagination;
use crate::components::private_nav::PrivateNav;
use crate::i18n::{t, use_lang};
use crate::model::ids::ImportId;
use crate::model::notice::Notice;
use crate::paths::admin;

/// What the import reads: an Excel workbook or a CSV file.
pub const SPREADSHEETS: &str =
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
                guarded(found, lang, move |dry| {
                    let action = admin::unit_import(dry.id);
                    let columns_action = admin::unit_columns(dry.id);
                    view! { <DryRunView dry action columns_action lang /> }.into_any()
                })
            })}
        </Suspense>
    }
}
