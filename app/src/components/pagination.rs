use leptos::prelude::*;

use crate::i18n::{t, Lang};
use crate::model::page::PageNumber;

/// Previous / next and a window of page numbers, as plain links.
#[component]
pub fn Pagination(
    number: u32,
    per_page: u32,
    total: u64,
    href: impl Fn(PageNumber) -> String + 'static,
    lang: Lang,
) -> impl IntoView {
    let last = u32::try_from(total.div_ceil(u64::from(per_page.max(1))))
        .unwrap_or(PageNumber::MAX)
        .clamp(1, PageNumber::MAX);
    if last <= 1 {
        return None;
    }
    let link = |page: u32, label: String, rel: Option<&'static str>| {
        PageNumber::new(page).map(|p| {
            let current = page == number;
            view! {
                <a href=href(p) rel=rel aria-current=current.then_some("page") class:current=current>{label}</a>
            }
        })
    };
    let window_start = number.saturating_sub(2).max(1);
    let window_end = (number + 2).min(last);
    let numbers = (window_start..=window_end)
        .map(|page| link(page, page.to_string(), None))
        .collect_view();
    let previous = (number > 1).then(|| {
        link(
            number - 1,
            t(lang, "‹ Trước", "‹ Previous").to_owned(),
            Some("prev"),
        )
    });
    let next = (number < last).then(|| {
        link(
            number + 1,
            t(lang, "Sau ›", "Next ›").to_owned(),
            Some("next"),
        )
    });
    Some(view! {
        <nav class="pagination" aria-label=t(lang, "Phân trang", "Pages")>
            {previous}
            {numbers}
            {next}
        </nav>
    })
}
