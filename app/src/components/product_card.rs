use leptos::prelude::*;

use crate::components::illustration::Illustration;
use crate::format::price_range;
use crate::i18n::{t, Lang};
use crate::model::product::ProductCard;
use crate::model::stars::star_glyphs;
use crate::model::stars::Stars;

#[component]
pub fn StarBadge(stars: Stars, lang: Lang) -> impl IntoView {
    let label = match lang {
        Lang::Vi => format!("Sản phẩm OCOP {stars} sao"),
        Lang::En => format!("{stars}-star OCOP product"),
    };
    let short = match lang {
        Lang::Vi => format!("{stars} sao"),
        Lang::En => format!("{stars} stars"),
    };
    view! {
        <span class=format!("star-badge star-{stars}") role="img" aria-label=label>
            <span aria-hidden="true">{star_glyphs(stars)}</span>
            <span class="star-count" aria-hidden="true">{short}</span>
        </span>
    }
}

/// A product in a list. `lang` is a prop, not context, because islands render cards too.
#[component]
pub fn ProductCardView(card: ProductCard, lang: Lang) -> impl IntoView {
    let price = price_range(card.price_min, card.price_max, lang).map(|price| {
        let unit = (!card.price_unit.is_empty()).then(|| format!(" / {}", card.price_unit));
        view! { <p class="price">{price}<span class="unit">{unit}</span></p> }
    });
    let badge = match card.stars {
        Some(stars) => view! { <StarBadge stars lang /> }.into_any(),
        None => view! { <span class="star-badge none">{t(lang, "Chưa có chứng nhận còn hạn", "No valid certificate")}</span> }.into_any(),
    };
    let group = match lang {
        Lang::Vi => card.group_name_vi,
        Lang::En => card.group_name_en,
    };
    let photo = match card.image {
        Some(image) => view! {
            <div class="card-photo"><img src=image.src alt=image.alt loading="lazy" decoding="async" /></div>
        }
        .into_any(),
        // No photo yet: its product set's drawing on the brand colours.
        None => view! {
            <div class="card-photo" aria-hidden="true"><Illustration set_slug=card.set_slug.clone() name=card.name.clone() /></div>
        }
        .into_any(),
    };
    view! {
        <li class="product-card">
            {photo}
            {badge}
            <h3><a href=format!("/products/{}", card.slug)>{card.name}</a></h3>
            <p class="group">{group}</p>
            <p class="producer">{card.producer_name}</p>
            <p class="district">{card.district_name}</p>
            {price}
        </li>
    }
}
