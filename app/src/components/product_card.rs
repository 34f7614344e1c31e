use leptos::prelude::*;

use crate::format::price_range;
use crate::model::product::ProductCard;
use crate::model::stars::star_glyphs;

#[component]
pub fn StarBadge(stars: u8) -> impl IntoView {
    view! {
        <span class=format!("star-badge star-{stars}") aria-label=format!("Sản phẩm OCOP {stars} sao")>
            <span aria-hidden="true">{star_glyphs(stars)}</span>
            <span class="star-count" aria-hidden="true">{format!("{stars} sao")}</span>
        </span>
    }
}

#[component]
pub fn ProductCardView(card: ProductCard) -> impl IntoView {
    let price = price_range(card.price_min, card.price_max).map(|price| {
        let unit = (!card.price_unit.is_empty()).then(|| format!(" / {}", card.price_unit));
        view! { <p class="price">{price}<span class="unit">{unit}</span></p> }
    });
    view! {
        <li class="product-card">
            <StarBadge stars=card.stars />
            <h3><a href=format!("/products/{}", card.slug)>{card.name}</a></h3>
            <p class="group">{card.group_name}</p>
            <p class="producer">{card.producer_name}</p>
            <p class="locality">{card.district_name}</p>
            {price}
        </li>
    }
}
