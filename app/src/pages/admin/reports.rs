//! The progress report `/admin/reports`: a cycle as of a day (`?year=2021&day=2021-07-30`),
//! compared with another day when asked (`&compare=`); its figures, the paragraph to copy into
//! the office's document, the breakdowns by unit and product group, the certificates and the
//! events of the period. Prints on A4 with the office and the period at the top; each table
//! downloads as CSV, the whole report as an XLSX workbook.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::reports::get_report;
use crate::components::field::FieldMessage;
use crate::components::guard::guarded;
use crate::components::one_pass::OnePass;
use crate::components::private_nav::PrivateNav;
use crate::format::grouped;
use crate::i18n::{t, use_lang, Lang};
use crate::model::office::Office;
use crate::model::report::{ProgressReport, ReportQuery, ReportTable, Units, Value};

#[component]
pub fn ReportsPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map().with_untracked(|map| ReportQuery::from_address(|key| map.get(key)));
    view! {
        <Title text=t(lang, "Báo cáo tiến độ OCOP", "OCOP progress report") />
        <PrivateNav current="/admin/reports" />
        <p class="print-only">{Office::current().name.get(lang).to_owned()}</p>
        <h1>{t(lang, "Báo cáo tiến độ Chương trình OCOP", "OCOP progress report")}</h1>
        <p class="no-print">
            <a href="/admin/handbook">{t(lang, "Sổ tay sản phẩm OCOP (bản in A4)", "OCOP product handbook (A4 print)")}</a>
            " · "
            <a href="/admin/reports/national.xlsx">{t(lang, "Sản phẩm được chứng nhận cho hệ thống OCOP quốc gia (XLSX)", "Certified products for the national OCOP system (XLSX)")}</a>
        </p>
        <Suspense>
            {OnePass::after(async move {
                let typed = query.clone();
                guarded(get_report(query).await, lang, move |report| {
                    view! { <Report report typed lang /> }.into_any()
                })
            })}
        </Suspense>
    }
}

#[component]
fn Report(report: ProgressReport, typed: ReportQuery, lang: Lang) -> impl IntoView {
    let as_of = report.as_of;
    let compare = report.compared.as_ref().map(|(day, _)| *day);
    let files = {
        let mut query = format!("?day={}", as_of.iso());
        if let Some(compare) = compare {
            query.push_str(&format!("&compare={}", compare.iso()));
        }
        if let Some(units) = report
            .regrouped
            .then_some(Units::Today)
            .and_then(Units::slug)
        {
            query.push_str(&format!("&units={units}"));
        }
        query
    };
    let todays_units = typed.units.as_deref() == Units::Today.slug();
    let narrative = report.narrative(lang);
    let tables = ReportTable::ALL
        .into_iter()
        .map(|table| {
            let (headers, rows) = report.table(table, lang);
            let csv = format!("/admin/reports/{}/{}.csv{files}", report.year, table.slug());
            view! { <ReportSection table headers rows csv lang /> }
        })
        .collect_view();
    view! {
        <form method="get" action="/admin/reports" class="filters no-print">
            <div class="field">
                <label for="loc-nam">{t(lang, "Chu trình", "Cycle")}</label>
                <select id="loc-nam" name="year">
                    {report.years.iter().map(|year| view! {
                        <option value=year.to_string() selected=*year == report.year>{year.to_string()}</option>
                    }).collect_view()}
                </select>
                <FieldMessage name="year" />
            </div>
            <div class="field">
                <label for="loc-ngay">{t(lang, "Tính đến ngày", "As of")}</label>
                <input id="loc-ngay" name="day" type="date" value=typed.as_of.clone().unwrap_or_else(|| as_of.iso()) />
                <FieldMessage name="day" />
            </div>
            <div class="field">
                <label for="loc-so-voi">{t(lang, "So sánh với ngày (không bắt buộc)", "Compare with (optional)")}</label>
                <input id="loc-so-voi" name="compare" type="date" value=typed.compare.clone().unwrap_or_default() />
                <FieldMessage name="compare" />
            </div>
            <div class="field">
                <label for="loc-don-vi">{t(lang, "Nhóm theo đơn vị hành chính", "Group by administrative units")}</label>
                <select id="loc-don-vi" name="units">
                    <option value="" selected=!todays_units>{t(lang, "Đơn vị tại ngày báo cáo", "Those of the report's day")}</option>
                    <option value="today" selected=todays_units>{t(lang, "Xã, phường hiện nay (sau 01/07/2025)", "Today's communes (after 1 July 2025)")}</option>
                </select>
                <FieldMessage name="units" />
            </div>
            <button type="submit" class="button secondary">{t(lang, "Xem báo cáo", "Show the report")}</button>
        </form>
        <header class="report-head">
            <h2>{report.period(lang)}</h2>
            <p class="muted">
                {t(lang, "Bộ tiêu chí", "Rules")}" "{report.scheme_code.clone()}
                {compare.map(|day| match lang {
                    Lang::Vi => format!(" · so sánh với ngày {}", day.shown()),
                    Lang::En => format!(" · compared with {}", day.shown()),
                })}
            </p>
        </header>
        <p class="no-print">
            <a href=format!("/admin/reports/{}.xlsx{files}", report.year) download>{t(lang, "Tải cả báo cáo (XLSX)", "Download the report (XLSX)")}</a>
            " · "{t(lang, "Bản in (Ctrl + P) gồm đơn vị, kỳ báo cáo và các bảng trên khổ A4.", "Printed (Ctrl + P), the report fits A4 with the office, the period and the tables.")}
        </p>
        <section aria-labelledby="tom-tat" class="report-narrative">
            <h3 id="tom-tat">{t(lang, "Đoạn tóm tắt để đưa vào văn bản", "A paragraph for the office's document")}</h3>
            <p class="narrative">{narrative}</p>
        </section>
        {tables}
    }
}

#[component]
fn ReportSection(
    table: ReportTable,
    headers: Vec<&'static str>,
    rows: Vec<Vec<Value>>,
    csv: String,
    lang: Lang,
) -> impl IntoView {
    let id = format!("table-{}", table.slug());
    let heading = id.clone();
    let empty = rows.is_empty();
    view! {
        <section aria-labelledby=id class="report-table">
            <h3 id=heading>{table.title(lang)}</h3>
            {if empty {
                view! { <p class="empty">{t(lang, "Không có.", "None.")}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll">
                        <table class="data-table">
                            <thead><tr>
                                {headers.iter().enumerate().map(|(i, header)| view! {
                                    <th scope="col" class=(i > 0).then_some("number")>{*header}</th>
                                }).collect_view()}
                            </tr></thead>
                            <tbody>
                                {rows.into_iter().map(|row| view! {
                                    <tr>
                                        {row.into_iter().enumerate().map(|(i, cell)| match cell {
                                            Value::Number(n) => view! { <td class="number" data-label=headers[i]>{grouped(n, lang)}</td> }.into_any(),
                                            Value::Text(text) if i == 0 => view! { <th scope="row">{text}</th> }.into_any(),
                                            Value::Text(text) => view! { <td data-label=headers[i]>{text}</td> }.into_any(),
                                        }).collect_view()}
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
            <p class="no-print"><a href=csv download>{t(lang, "Tải bảng CSV", "Download CSV")}</a></p>
        </section>
    }
}
