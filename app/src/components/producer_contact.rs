use leptos::prelude::*;

use crate::i18n::{t, Lang};
use crate::model::detail::ProducerSummary;
use crate::model::producer::EntityType;

/// Who the producer is, where, and one tap to call, chat on Zalo, email or get directions.
#[component]
pub fn ProducerContact(
    producer: ProducerSummary,
    lang: Lang,
    #[prop(optional)] link_name: bool,
) -> impl IntoView {
    let kind = EntityType::from_code(&producer.entity_type).map(|kind| kind.label(lang));
    let name = if link_name {
        view! { <a href=format!("/producers/{}", producer.slug)>{producer.name.clone()}</a> }
            .into_any()
    } else {
        producer.name.clone().into_any()
    };
    view! {
        <p class="producer-name">{name}</p>
        <p class="muted">
            {kind}" · "{producer.unit.clone()}
            {producer.today_unit.clone().map(|today| match lang {
                Lang::Vi => format!(" (nay là {today})"),
                Lang::En => format!(" (now {today})"),
            })}
        </p>
        <p>{producer.address.clone()}</p>
        <div class="contact-actions">
            {producer.tel_url().map(|href| view! { <a class="button" href=href>{t(lang, "Gọi điện", "Call")}</a> })}
            {producer.zalo_url().map(|href| view! {
                <a class="button secondary" href=href rel="external noopener" target="_blank">"Zalo"</a>
            })}
            {producer.email.clone().map(|email| view! {
                <a class="button secondary" href=format!("mailto:{email}")>{t(lang, "Gửi email", "Email")}</a>
            })}
            {producer.website.clone().filter(|site| site.starts_with("http")).map(|site| view! {
                <a class="button secondary" href=site rel="external noopener" target="_blank">{t(lang, "Trang web", "Website")}</a>
            })}
            {producer.directions_url().map(|href| view! {
                <a class="button secondary" href=href rel="external noopener" target="_blank">{t(lang, "Chỉ đường", "Directions")}</a>
            })}
        </div>
    }
}
