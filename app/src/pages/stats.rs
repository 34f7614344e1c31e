//! Public statistics `/stats`: charts drawn on the server, the same figures as tables, and
//! each table as CSV.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use crate::api::stats::{get_cycle_figures, public_statistics};
use crate::components::bar_chart::BarChart;
use crate::components::one_pass::OnePass;
use crate::format::grouped;
use crate::i18n::{t, use_lang, Lang};
use crate::model::ids::CycleYear;
use crate::model::report::figure_lines;
use crate::model::stats::{CycleFigures, StatRow, StatTable};

#[component]
pub fn StatsPage() -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=t(lang, "Thống kê OCOP", "OCOP statistics") />
        <Meta name="description" content=t(lang,
            "Số liệu sản phẩm OCOP của tỉnh theo hạng sao, nhóm, địa phương và năm.",
            "The province's OCOP products by stars, group, locality and year.") />
        <div class="page-head"><h1>{t(lang, "Thống kê", "Statistics")}</h1></div>
        <p>{t(lang, "Mọi bảng dưới đây và danh sách sản phẩm còn hiệu lực đều có ở dạng ", "Every table below and the list of certified products are also ")}<a href="/data">{t(lang, "dữ liệu mở (CSV, JSON)", "open data (CSV, JSON)")}</a>"."</p>
        <Suspense>
            {OnePass::after(async move {
                let report = get_cycle_figures(CycleYear(2021), "2021-07-30".to_owned()).await.ok();
                match public_statistics().await {
                    Ok(statistics) => view! {
                        {report.map(|figures| view! { <ReportFigures figures lang /> })}
                        {statistics.tables.into_iter().map(|(table, rows)| view! { <StatSection table rows lang /> }).collect_view()}
                    }.into_any(),
                    Err(error) => view! { <p class="error" role="alert">{error.message(lang)}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn StatSection(table: StatTable, rows: Vec<StatRow>, lang: Lang) -> impl IntoView {
    let title = table.title(lang);
    let total: i64 = rows.iter().map(|row| row.count).sum();
    let lines = rows
        .iter()
        .map(|row| {
            let label = match lang {
                Lang::Vi => row.label_vi.clone(),
                Lang::En => row.label_en.clone(),
            };
            view! { <tr><td>{label}</td><td class="number">{grouped(row.count, lang)}</td></tr> }
        })
        .collect_view();
    view! {
        <section class="stat-section" aria-labelledby=table.slug()>
            <h2 id=table.slug()>{title}</h2>
            <div class="stat-body">
                <BarChart rows=rows.clone() title lang />
                <table class="data-table">
                    <thead><tr>
                        <th scope="col">{t(lang, "Phân loại", "Category")}</th>
                        <th scope="col" class="number">{t(lang, "Số lượng", "Count")}</th>
                    </tr></thead>
                    <tbody>{lines}</tbody>
                    <tfoot><tr><th scope="row">{t(lang, "Tổng", "Total")}</th><td class="number">{grouped(total, lang)}</td></tr></tfoot>
                </table>
            </div>
            <p><a href=format!("/stats/{}.csv", table.slug()) download>{t(lang, "Tải bảng CSV", "Download CSV")}</a></p>
        </section>
    }
}

/// The 2021 cycle as the province's progress report of 30/07/2021 gives it.
#[component]
fn ReportFigures(figures: CycleFigures, lang: Lang) -> impl IntoView {
    view! {
        <section class="stat-section">
            <h2>{t(lang, "Chu trình OCOP năm 2021 (đến ngày 30/07/2021)", "The 2021 OCOP cycle (as of 30/07/2021)")}</h2>
            <table class="data-table">
                <tbody>
                    {figure_lines(&figures, lang).into_iter().map(|(label, value, detail)| view! {
                        <tr><td>{detail.then_some("· ")}{label}</td><td class="number">{grouped(value, lang)}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}
