//! The drawing that stands for a product while it has no photo: its product set's icon on a
//! tint (or, for a set the drawings do not know yet, the product's first letter). Inline SVG,
//! a few hundred bytes each, hidden from screen readers: the product's name is beside it.

use leptos::prelude::*;

mod icons;

#[component]
pub fn Illustration(set_slug: String, name: String) -> impl IntoView {
    match icons::icon(&set_slug) {
        Some(drawing) => view! {
            <svg class="illustration" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="1.5"
                stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false" inner_html=drawing></svg>
        }
        .into_any(),
        None => view! { <span>{name.chars().next().unwrap_or('O').to_string()}</span> }.into_any(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_product_set_of_the_rules_has_its_drawing() {
        let rules = include_str!("../../../migrations/0002_rules.sql");
        let sets = rules
            .split("INSERT INTO product_sets")
            .nth(1)
            .expect("the product sets");
        let slugs: Vec<&str> = sets
            .lines()
            .filter_map(|line| line.split('\'').nth(3))
            .collect();
        assert_eq!(slugs.len(), 26);
        for slug in slugs {
            let drawing = super::icons::icon(slug).unwrap_or_else(|| panic!("{slug}"));
            assert!(drawing.len() < 2048, "{slug}: {} bytes", drawing.len());
        }
        assert_eq!(super::icons::icon("bo-moi"), None);
    }
}
