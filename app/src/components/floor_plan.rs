//! An event's floor plan drawn to scale: the hall as a grid, each booth with its code, its
//! status told by colour and by outline (dashed free, solid taken, hatched blocked) so that
//! colour is never the only sign, and a legend and a table that say it in words. A booth may
//! link somewhere (its exhibitor, its editing form, the choice of it for an application), which
//! makes the plan usable without JavaScript and from the keyboard.

use leptos::prelude::*;

use crate::i18n::{t, Lang};
use crate::model::event_admin::PlanBooth;
use crate::model::events::status::BoothStatus;
use crate::model::ids::BoothId;

/// Size of a grid cell of the plan, in SVG units.
const CELL: i64 = 40;

/// One booth as the plan draws it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shape {
    pub code: String,
    pub status: BoothStatus,
    pub x: i64,
    pub y: i64,
    pub width: i64,
    pub height: i64,
    /// Who has it, or what it is, in words: the booth's title and its row in the table.
    pub note: String,
    pub href: Option<String>,
    /// The booth this page is about (the viewer's own, or the one selected).
    pub marked: bool,
}

/// The booths as the plan component draws them; `link` says where each one leads.
pub fn plan_shapes(
    booths: &[PlanBooth],
    marked: Option<BoothId>,
    link: impl Fn(&PlanBooth) -> Option<String>,
) -> Vec<Shape> {
    booths
        .iter()
        .map(|booth| Shape {
            code: booth.code.clone(),
            status: booth.status,
            x: booth.x,
            y: booth.y,
            width: booth.width,
            height: booth.height,
            note: booth
                .producer_name
                .clone()
                .unwrap_or_else(|| format!("{} · {}", booth.type_name, booth.hall)),
            href: link(booth),
            marked: marked == Some(booth.id),
        })
        .collect()
}

#[component]
pub fn FloorPlan(
    shapes: Vec<Shape>,
    lang: Lang,
    /// The hall's size in cells, drawn as a grid; without it the plan fits its booths.
    #[prop(optional)]
    hall: Option<(i64, i64)>,
) -> impl IntoView {
    let (width, height) = hall.unwrap_or_else(|| {
        (
            shapes.iter().map(|b| b.x + b.width).max().unwrap_or(1),
            shapes.iter().map(|b| b.y + b.height).max().unwrap_or(1),
        )
    });
    let grid = hall.map(|(w, h)| {
        let verticals = (0..=w).map(move |x| view! { <line x1=x * CELL y1=0 x2=x * CELL y2=h * CELL /> });
        let horizontals = (0..=h).map(move |y| view! { <line x1=0 y1=y * CELL x2=w * CELL y2=y * CELL /> });
        view! { <g class="plan-grid" aria-hidden="true">{verticals.collect_view()}{horizontals.collect_view()}</g> }
    });
    let booths = shapes
        .iter()
        .map(|booth| {
            let title = format!(
                "{} · {}{}",
                booth.code,
                booth.status.label(lang),
                if booth.note.is_empty() { String::new() } else { format!(" · {}", booth.note) }
            );
            let (x, y, w, h) = (booth.x * CELL, booth.y * CELL, booth.width * CELL, booth.height * CELL);
            let class = format!(
                "booth booth-{}{}",
                booth.status,
                if booth.marked { " booth-marked" } else { "" }
            );
            let shape = view! {
                <title>{title.clone()}</title>
                <rect x=x + 2 y=y + 2 width=w - 4 height=h - 4 rx="4" />
                <text x=x + w / 2 y=y + h / 2 text-anchor="middle" dominant-baseline="middle">{booth.code.clone()}</text>
            };
            match &booth.href {
                Some(href) => view! {
                    <a href=href.clone() class=class aria-label=title>{shape}</a>
                }
                .into_any(),
                None => view! { <g class=class>{shape}</g> }.into_any(),
            }
        })
        .collect_view();
    let rows = shapes
        .into_iter()
        .map(|booth| {
            let code = match booth.href {
                Some(href) => view! { <a href=href>{booth.code}</a> }.into_any(),
                None => booth.code.into_any(),
            };
            view! {
                <tr class:marked=booth.marked>
                    <td>{code}</td>
                    <td>{booth.status.label(lang)}</td>
                    <td>{booth.note}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="floor-plan">
            <svg viewBox=format!("0 0 {} {}", width * CELL, height * CELL) role="img"
                aria-label=t(lang, "Sơ đồ gian hàng", "Floor plan")>
                <defs>
                    <pattern id="hatch" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                        <line x1="0" y1="0" x2="0" y2="8" stroke="#607d8b" stroke-width="3" />
                    </pattern>
                </defs>
                {grid}
                {booths}
            </svg>
        </div>
        <ul class="legend">
            {BoothStatus::ALL.iter().map(|status| view! {
                <li><span class=format!("swatch booth-{status}") aria-hidden="true"></span>{status.label(lang)}</li>
            }).collect_view()}
        </ul>
        <details class="plan-table">
            <summary>{t(lang, "Danh sách gian hàng", "Booth list")}</summary>
            <table class="data-table">
                <thead><tr>
                    <th scope="col">{t(lang, "Gian", "Booth")}</th>
                    <th scope="col">{t(lang, "Tình trạng", "Status")}</th>
                    <th scope="col">{t(lang, "Đơn vị", "Exhibitor")}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </details>
    }
}
