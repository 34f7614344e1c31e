//! Producers `/producers` (search, type, unit) and one producer `/producers/{slug}`.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::producers::{get_producer_profile, list_producers};
use crate::components::found::found_view;
use crate::components::inquiry_form::{InquiryForm, Posted};
use crate::components::one_pass::OnePass;
use crate::components::pagination::Pagination;
use crate::components::producer_contact::ProducerContact;
use crate::components::product_card::ProductCardView;
use crate::format::grouped;
use crate::i18n::{t, use_lang, Lang};
use crate::model::inquiry::About;
use crate::model::page::PageNumber;
use crate::model::producer::EntityType;
use crate::model::producers::{ProducerList, ProducerProfile, ProducerQuery};

#[component]
pub fn ProducersPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_query_map().get_untracked();
    let parsed = ProducerQuery::parse(|key| params.get_str(key));
    let args = (
        params.get("q"),
        params.get("kind"),
        params.get("locality"),
        params.get("page"),
    );
    view! {
        <Title text=t(lang, "Nhà sản xuất OCOP", "OCOP producers") />
        <Meta name="description" content=t(lang,
            "Hợp tác xã, doanh nghiệp, tổ hợp tác và hộ kinh doanh có sản phẩm OCOP trong tỉnh.",
            "Cooperatives, enterprises, cooperative groups and household businesses with OCOP products.") />
        <div class="page-head"><h1>{t(lang, "Nhà sản xuất", "Producers")}</h1></div>
        <Suspense>
            {OnePass::after(async move {
                let (q, kind, unit, page) = args;
                match (list_producers(q, kind, unit, page).await, parsed) {
                    (Ok(list), Ok(query)) => view! { <ProducerListView list query lang /> }.into_any(),
                    (Err(error), _) | (_, Err(error)) => view! {
                        <p class="error" role="alert">{error.message(lang)}</p>
                        <p><a href="/producers">{t(lang, "Xem tất cả nhà sản xuất", "See all producers")}</a></p>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ProducerListView(list: ProducerList, query: ProducerQuery, lang: Lang) -> impl IntoView {
    let total = list.producers.total;
    let found = match lang {
        Lang::Vi => format!(
            "{} nhà sản xuất",
            grouped(i64::try_from(total).unwrap_or(0), lang)
        ),
        Lang::En => format!(
            "{} producers",
            grouped(i64::try_from(total).unwrap_or(0), lang)
        ),
    };
    let kinds = EntityType::ALL.map(|kind| {
        view! { <option value=kind.code() selected=query.kind == Some(kind)>{kind.label(lang)}</option> }
    });
    let units = list
        .units
        .into_iter()
        .map(|unit| {
            let selected = query.unit.as_deref() == Some(unit.slug.as_str());
            view! { <option value=unit.slug selected=selected>{unit.name}</option> }
        })
        .collect_view();
    let pages = query.clone();
    view! {
        <form class="filter-form" action="/producers" method="get" role="search">
            <div class="field">
                <label for="producer-q">{t(lang, "Tên nhà sản xuất", "Producer name")}</label>
                <input id="producer-q" name="q" type="search" maxlength="100" value=query.q.clone() />
            </div>
            <div class="field">
                <label for="producer-kind">{t(lang, "Loại hình", "Type")}</label>
                <select id="producer-kind" name="kind">
                    <option value="">{t(lang, "Tất cả", "All")}</option>
                    {kinds}
                </select>
            </div>
            <div class="field">
                <label for="producer-locality">{t(lang, "Xã, phường (hiện nay)", "Commune or ward (today)")}</label>
                <select id="producer-locality" name="locality">
                    <option value="">{t(lang, "Tất cả", "All")}</option>
                    {units}
                </select>
            </div>
            <button type="submit" class="button">{t(lang, "Lọc", "Filter")}</button>
        </form>
        <h2 class="results-count">{found}</h2>
        <ul class="producer-grid">
            {list.producers.items.into_iter().map(|producer| {
                let kind = EntityType::from_code(&producer.entity_type).map(|kind| kind.label(lang));
                let counts = match lang {
                    Lang::Vi => format!("{} sản phẩm · {} còn chứng nhận OCOP", producer.products, producer.certified),
                    Lang::En => format!("{} products · {} with a valid OCOP certificate", producer.products, producer.certified),
                };
                view! {
                    <li class="producer-item">
                        <h3><a href=format!("/producers/{}", producer.slug)>{producer.name}</a></h3>
                        <p class="muted">{kind}" · "{producer.unit}</p>
                        <p>{counts}</p>
                    </li>
                }
            }).collect_view()}
        </ul>
        <Pagination number=list.producers.number per_page=list.producers.per_page total=list.producers.total
            href=move |page| ProducerQuery { page, ..pages.clone() }.to_url() lang />
    }
}

#[component]
pub fn ProducerPage() -> impl IntoView {
    let lang = use_lang();
    let slug = use_params_map().with_untracked(|params| params.get("slug").unwrap_or_default());
    let page = use_query_map().with_untracked(|params| params.get("page"));
    view! {
        <Suspense>
            {OnePass::after(async move {
                found_view(get_producer_profile(slug, page).await, lang, |profile| view! { <ProfileView profile lang /> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn ProfileView(profile: ProducerProfile, lang: Lang) -> impl IntoView {
    let slug = profile.summary.slug.clone();
    let description: String = profile.description.chars().take(160).collect();
    let representative = (!profile.representative.is_empty()).then(|| {
        view! { <p><span class="muted">{t(lang, "Người đại diện: ", "Representative: ")}</span>{profile.representative.clone()}</p> }
    });
    view! {
        <Title text=profile.summary.name.clone() />
        <Meta name="description" content=description />
        <nav class="breadcrumbs" aria-label=t(lang, "Vị trí", "Breadcrumbs")>
            <a href="/producers">{t(lang, "Nhà sản xuất", "Producers")}</a>
        </nav>
        <article class="product-page">
            <section class="producer-card">
                <h1>{profile.summary.name.clone()}</h1>
                <p>{profile.description.clone()}</p>
                {representative}
                <ProducerContact producer=profile.summary lang />
            </section>
            <section id="contact">
                <h2>{t(lang, "Gửi câu hỏi cho nhà sản xuất", "Ask the producer")}</h2>
                <InquiryForm about=About::Producer slug=slug.clone() lang posted=Posted::of_request() />
            </section>
            <section>
                <h2>{t(lang, "Sản phẩm", "Products")}</h2>
                {if profile.products.items.is_empty() {
                    view! { <p class="empty">{t(lang, "Chưa có sản phẩm nào được giới thiệu.", "No product listed yet.")}</p> }.into_any()
                } else {
                    view! {
                        <ul class="product-grid">
                            {profile.products.items.into_iter().map(|card| view! { <ProductCardView card lang /> }).collect_view()}
                        </ul>
                    }.into_any()
                }}
                <Pagination number=profile.products.number per_page=profile.products.per_page total=profile.products.total
                    href=move |page: PageNumber| page.of(&format!("/producers/{slug}")) lang />
            </section>
        </article>
    }
}
