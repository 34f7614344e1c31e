use leptos::prelude::*;

use crate::format::grouped;
use crate::i18n::Lang;
use crate::model::stats::StatRow;

const ROW: i64 = 30;
const LABEL: i64 = 220;
const BARS: i64 = 300;
const VALUE: i64 = 60;

/// Horizontal bars drawn on the server as SVG; the table beside it carries the same figures
/// for screen readers and copying.
#[component]
pub fn BarChart(rows: Vec<StatRow>, title: &'static str, lang: Lang) -> impl IntoView {
    let max = rows.iter().map(|row| row.count).max().unwrap_or(0).max(1);
    let height = ROW * i64::try_from(rows.len()).unwrap_or(0).max(1);
    let bars = rows
        .iter()
        .enumerate()
        .map(|(index, row)| {
            let y = ROW * i64::try_from(index).unwrap_or(0);
            let width = (row.count * BARS / max).max(2);
            let label: String = match lang {
                Lang::Vi => row.label_vi.clone(),
                Lang::En => row.label_en.clone(),
            };
            let short: String = if label.chars().count() > 30 { label.chars().take(29).collect::<String>() + "…" } else { label };
            view! {
                <g>
                    <text x=LABEL - 8 y=y + ROW / 2 text-anchor="end" dominant-baseline="middle">{short}</text>
                    <rect x=LABEL y=y + 5 width=width height=ROW - 10 rx="3" />
                    <text x=LABEL + width + 6 y=y + ROW / 2 dominant-baseline="middle" class="value">
                        {grouped(row.count, lang)}
                    </text>
                </g>
            }
        })
        .collect_view();
    view! {
        <svg class="bar-chart" viewBox=format!("0 0 {} {height}", LABEL + BARS + VALUE) role="img" aria-label=title>
            {bars}
        </svg>
    }
}
