//! The staff's OCOP cycles `/admin/cycles`: every year's cycle and a new one; a cycle's page
//! `/admin/cycles/{year}` with its pipeline (by status, by unit, by product group) and its
//! rules and deadlines. Each step has its module: registrations and their dossiers, councils
//! and their sheets, recognition decisions, certificates.

pub mod certificates;
pub mod councils;
pub mod recognition;
pub mod registrations;

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::cycles::{cycle_list, get_pipeline};
use crate::components::field::{
    use_notice, CodeSelect, FormRefused, Saved, SelectField, TextField,
};
use crate::components::guard::guarded;
use crate::components::one_pass::OnePass;
use crate::components::private_nav::PrivateNav;
use crate::i18n::{t, use_lang, Lang};
use crate::model::cycle::pages::{Cycle, Pipeline, PipelineRow};
use crate::model::cycle::status::{CycleStage, RegistrationStatus};
use crate::model::day::Day;
use crate::model::form::Choice;
use crate::model::ids::CycleYear;
use crate::paths::ocop_admin;

/// The year in the address (`/admin/cycles/{year}/…`).
pub(crate) fn year_param() -> Option<CycleYear> {
    use_params_map().with_untracked(|params| params.get("year").and_then(|y| y.parse().ok()))
}

/// The links between one cycle's staff pages.
#[component]
pub fn CycleTabs(cycle: Cycle, current: &'static str) -> impl IntoView {
    let lang = use_lang();
    let base = ocop_admin::cycle(cycle.year);
    let tabs = [
        ("", t(lang, "Tổng quan", "Overview")),
        ("/registrations", t(lang, "Hồ sơ đăng ký", "Registrations")),
        ("/councils", t(lang, "Hội đồng", "Councils")),
        ("/decision", t(lang, "Công nhận", "Recognition")),
    ]
    .into_iter()
    .map(|(tail, label)| view! { <a href=format!("{base}{tail}") aria-current=(tail == current).then_some("page")>{label}</a> })
    .collect_view();
    view! {
        <p class="breadcrumbs"><a href="/admin/cycles">{t(lang, "Chu trình OCOP", "OCOP cycles")}</a></p>
        <h1>{cycle.name.clone()}</h1>
        <p class="muted">{cycle.scheme_code.clone()}" · "{cycle.stage.label(lang)}</p>
        <nav class="tabs" aria-label=t(lang, "Các trang của chu trình", "The cycle's pages")>{tabs}</nav>
    }
}

#[component]
pub fn CycleList() -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=t(lang, "Chu trình OCOP", "OCOP cycles") />
        <PrivateNav current="/admin/cycles" />
        <div class="page-head">
            <h1>{t(lang, "Chu trình OCOP hằng năm", "The yearly OCOP cycles")}</h1>
            <p><a href="/admin/certificates">{t(lang, "Giấy chứng nhận sắp hết hạn", "Certificates about to expire")}</a></p>
        </div>
        <Suspense>
            {OnePass::after(async move {
                guarded(cycle_list().await, lang, |(cycles, schemes)| view! {
                    <table class="data-table">
                        <thead><tr>
                            <th scope="col">{t(lang, "Năm", "Year")}</th>
                            <th scope="col">{t(lang, "Bộ tiêu chí", "Rules")}</th>
                            <th scope="col">{t(lang, "Giai đoạn", "Stage")}</th>
                            <th scope="col" class="number">{t(lang, "Đăng ký", "Registered")}</th>
                            <th scope="col" class="number">{t(lang, "Được công nhận", "Recognised")}</th>
                        </tr></thead>
                        <tbody>
                            {cycles.into_iter().map(|cycle| view! {
                                <tr>
                                    <td><a href=ocop_admin::cycle(cycle.year)>{cycle.name}</a></td>
                                    <td data-label=t(lang, "Bộ tiêu chí", "Rules")>{cycle.scheme_code}</td>
                                    <td data-label=t(lang, "Giai đoạn", "Stage")>{cycle.stage.label(lang)}</td>
                                    <td class="number" data-label=t(lang, "Đăng ký", "Registered")>{cycle.registered}</td>
                                    <td class="number" data-label=t(lang, "Được công nhận", "Recognised")>{cycle.recognised}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                    <h2>{t(lang, "Mở chu trình mới", "Open a new cycle")}</h2>
                    <FormRefused />
                    <CycleFormView action=ocop_admin::create() cycle=None schemes />
                }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn CycleFormView(action: String, cycle: Option<Cycle>, schemes: Vec<Choice>) -> impl IntoView {
    let lang = use_lang();
    let stages = CycleStage::ALL
        .iter()
        .map(|s| (s.to_string(), s.label(lang).to_owned()))
        .collect();
    let c = cycle.clone();
    let day = |d: Option<Day>| d.map(|d| d.iso()).unwrap_or_default();
    view! {
        <form method="post" action=action class="stack-form">
            <div class="field-row">
                <TextField name="year" kind="number" label=t(lang, "Năm", "Year") value=c.as_ref().map(|c| c.year.to_string()).unwrap_or_default() required=true max=4 />
                <TextField name="name" label=t(lang, "Tên", "Name") value=c.as_ref().map(|c| c.name.clone()).unwrap_or_default() required=true max=200 />
            </div>
            <div class="field-row">
                <SelectField name="scheme_id" label=t(lang, "Bộ tiêu chí áp dụng", "Rules in force") choices=schemes selected=c.as_ref().map_or(0, |c| c.scheme_id) required=true />
                <CodeSelect name="stage" label=t(lang, "Giai đoạn hiện tại", "Present stage") options=stages selected=c.as_ref().map(|c| c.stage.to_string()).unwrap_or_else(|| CycleStage::Publicity.to_string()) required=true />
            </div>
            <div class="field-row">
                <TextField name="opens_on" kind="date" label=t(lang, "Bắt đầu", "Opens") value=day(c.as_ref().map(|c| c.opens_on)) required=true />
                <TextField name="registration_until" kind="date" label=t(lang, "Hạn đăng ký", "Registration until") value=day(c.as_ref().and_then(|c| c.registration_until)) />
                <TextField name="plans_until" kind="date" label=t(lang, "Hạn nộp phương án kinh doanh", "Business plans until") value=day(c.as_ref().and_then(|c| c.plans_until)) />
            </div>
            <div class="field-row">
                <TextField name="appraisal_until" kind="date" label=t(lang, "Hạn thẩm định cấp xã", "Appraisal until") value=day(c.as_ref().and_then(|c| c.appraisal_until)) />
                <TextField name="evaluation_until" kind="date" label=t(lang, "Hạn đánh giá của hội đồng", "Council evaluations until") value=day(c.as_ref().and_then(|c| c.evaluation_until)) />
                <TextField name="closes_on" kind="date" label=t(lang, "Kết thúc", "Closes") value=day(c.as_ref().and_then(|c| c.closes_on)) />
            </div>
            <button type="submit" class="button">{if cycle.is_some() { t(lang, "Lưu", "Save") } else { t(lang, "Mở chu trình", "Open the cycle") }}</button>
        </form>
    }
}

/// Counts by status as a row of a table.
fn status_cells(counts: &[(RegistrationStatus, i64)], lang: Lang) -> impl IntoView {
    RegistrationStatus::ALL
        .iter()
        .map(|status| {
            let n = counts
                .iter()
                .find(|(s, _)| s == status)
                .map_or(0, |(_, n)| *n);
            view! { <td class="number" data-label=status.label(lang)>{n}</td> }
        })
        .collect_view()
}

#[component]
fn PipelineTable(rows: Vec<PipelineRow>, year: CycleYear, heading: &'static str) -> impl IntoView {
    let lang = use_lang();
    view! {
        <div class="table-scroll">
            <table class="data-table pipeline">
                <thead><tr>
                    <th scope="col">{heading}</th>
                    {RegistrationStatus::ALL.iter().map(|s| view! { <th scope="col" class="number">{s.label(lang)}</th> }).collect_view()}
                    <th scope="col" class="number">{t(lang, "Tổng", "Total")}</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|row| view! {
                        <tr>
                            <th scope="row"><a href=format!("/admin/cycles/{year}/registrations?{}", row.filter)>{row.label.clone()}</a></th>
                            {status_cells(&row.counts, lang)}
                            <td class="number">{row.total}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
pub fn CyclePage() -> impl IntoView {
    let lang = use_lang();
    let year = year_param();
    let saved = use_notice().is_some();
    view! {
        <Title text=t(lang, "Chu trình OCOP", "OCOP cycle") />
        <PrivateNav current="/admin/cycles" />
        {saved.then(|| view! { <Saved text=t(lang, "Đã lưu.", "Saved.") /> })}
        <Suspense>
            {OnePass::after(async move {
                let found = match year {
                    Some(year) => get_pipeline(year).await,
                    None => Err(crate::error::AppError::NotFound),
                };
                guarded(found, lang, |pipeline| view! { <PipelineView pipeline lang /> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn PipelineView(pipeline: Pipeline, lang: Lang) -> impl IntoView {
    let year = pipeline.cycle.year;
    let total: i64 = pipeline.counts.iter().map(|(_, n)| n).sum();
    let deadlines = [
        (t(lang, "Bắt đầu", "Opens"), Some(pipeline.cycle.opens_on)),
        (
            t(lang, "Hạn đăng ký", "Registration until"),
            pipeline.cycle.registration_until,
        ),
        (
            t(lang, "Hạn phương án kinh doanh", "Business plans until"),
            pipeline.cycle.plans_until,
        ),
        (
            t(lang, "Hạn thẩm định", "Appraisal until"),
            pipeline.cycle.appraisal_until,
        ),
        (
            t(lang, "Hạn đánh giá", "Evaluations until"),
            pipeline.cycle.evaluation_until,
        ),
        (t(lang, "Kết thúc", "Closes"), pipeline.cycle.closes_on),
    ]
    .into_iter()
    .filter(|(_, day)| day.is_some())
    .map(
        |(label, day)| view! { <dt>{label}</dt><dd>{day.map(Day::shown).unwrap_or_default()}</dd> },
    )
    .collect_view();
    let unit_heading = if pipeline.units_are_former_districts {
        t(
            lang,
            "Huyện, thị xã, thành phố (trước 7/2025)",
            "District (before July 2025)",
        )
    } else {
        t(lang, "Xã, phường (hiện nay)", "Commune or ward (today)")
    };
    view! {
        <CycleTabs cycle=pipeline.cycle.clone() current="" />
        <dl class="facts">{deadlines}</dl>
        <section aria-labelledby="theo-trang-thai">
            <h2 id="theo-trang-thai">{t(lang, "Theo trạng thái", "By status")}" ("{total}")"</h2>
            <dl class="figures">
                {RegistrationStatus::ALL.iter().map(|status| {
                    let n = pipeline.counts.iter().find(|(s, _)| s == status).map_or(0, |(_, n)| *n);
                    view! {
                        <div class="figure"><dt><a href=format!("/admin/cycles/{year}/registrations?status={status}")>{status.label(lang)}</a></dt><dd>{n}</dd></div>
                    }
                }).collect_view()}
            </dl>
        </section>
        <section>
            <h2>{t(lang, "Theo địa bàn", "By locality")}</h2>
            <PipelineTable rows=pipeline.by_unit.clone() year heading=unit_heading />
        </section>
        <section>
            <h2>{t(lang, "Theo nhóm sản phẩm", "By product group")}</h2>
            <PipelineTable rows=pipeline.by_group.clone() year heading=t(lang, "Nhóm", "Group") />
        </section>
        <section>
            <h2>{t(lang, "Hội đồng", "Councils")}</h2>
            {if pipeline.councils.is_empty() {
                view! { <p class="empty">{t(lang, "Chưa thành lập hội đồng.", "No council formed yet.")}</p> }.into_any()
            } else {
                view! {
                    <ul>
                        {pipeline.councils.iter().map(|council| view! {
                            <li><a href=ocop_admin::council(council.id)>{council.name.clone()}</a>
                                " · "{council.level.label(lang)}" · "{council.waiting}{t(lang, " sản phẩm chờ chấm", " products waiting")}</li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        <details>
            <summary>{t(lang, "Sửa chu trình, giai đoạn và các hạn", "Edit the cycle, its stage and deadlines")}</summary>
            <FormRefused />
            <CycleFormView action=ocop_admin::cycle(year) cycle=Some(pipeline.cycle.clone()) schemes=pipeline.schemes.clone() />
        </details>
    }
}
