//! A commune officer's pages (Decision 1489/QĐ-TTg, 2025): the desk `/commune` (the open
//! cycle's registrations of its communes' producers, those waiting for its review first;
//! registering a product for one of them; the producers themselves) and one registration
//! `/commune/registrations/{id}`, whose complete dossier it reviews (local origin, local
//! labour, the origin of the idea) and proposes to the province or sends back with a reason.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::communes::{commune_registration, officer_desk, DeskQuery};
use crate::components::checklist::{Checklist, Side};
use crate::components::field::{use_notice, FieldMessage, FormRefused, Saved, TextArea};
use crate::components::guard::guarded;
use crate::components::one_pass::OnePass;
use crate::components::pagination::Pagination;
use crate::components::private_nav::PrivateNav;
use crate::i18n::{t, use_lang, Lang};
use crate::model::cycle::pages::{CommuneDesk, RegistrationRecord};
use crate::model::cycle::status::{IdeaOrigin, RegistrationStatus, ReviewOutcome};
use crate::model::ids::RegistrationId;
use crate::model::notice::Notice;
use crate::pages::admin::cycles::registrations::{
    CommuneReviews, History, RegisterFor, RegistrationHead, Results,
};
use crate::paths::commune;

#[component]
pub fn CommuneDeskPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map().with_untracked(|query| DeskQuery {
        registrations: query.get("registrations"),
        producers: query.get("producers"),
        for_producer: query.get("for"),
    });
    view! {
        <Title text=t(lang, "Hồ sơ OCOP của xã", "The commune's OCOP") />
        <PrivateNav current="/commune" />
        <h1>{t(lang, "Hồ sơ OCOP của xã", "The commune's OCOP")}</h1>
        <Suspense>
            {OnePass::after(async move {
                guarded(officer_desk(query.clone()).await, lang, |desk| view! { <DeskView desk lang /> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn DeskView(desk: CommuneDesk, lang: Lang) -> impl IntoView {
    let registrations = desk.registrations;
    let producers = desk.producers;
    view! {
        <p>{t(lang, "Địa bàn phụ trách: ", "Communes: ")}<strong>{desk.communes.join(", ")}</strong></p>
        <section aria-labelledby="ho-so-xa">
            <h2 id="ho-so-xa">{match &desk.cycle {
                Some(cycle) => cycle.name.clone(),
                None => t(lang, "Hồ sơ đăng ký", "Registrations").to_owned(),
            }}</h2>
            {if registrations.items.is_empty() {
                view! { <p class="empty">{t(lang, "Chưa có hồ sơ nào của các chủ thể trên địa bàn trong chu trình đang mở.", "No registration of the communes' producers in the open cycle.")}</p> }.into_any()
            } else {
                view! {
                    <table class="data-table">
                        <thead><tr>
                            <th scope="col">{t(lang, "Sản phẩm", "Product")}</th>
                            <th scope="col">{t(lang, "Địa bàn", "Commune")}</th>
                            <th scope="col">{t(lang, "Trạng thái", "Status")}</th>
                            <th scope="col">{t(lang, "Ngày đăng ký", "Registered")}</th>
                        </tr></thead>
                        <tbody>
                            {registrations.items.clone().into_iter().map(|line| view! {
                                <tr>
                                    <td><a href=commune::registration(line.id)>{line.product_name}</a>
                                        <br /><span class="muted">{line.producer_name}" · "{line.kind.label(lang)}</span></td>
                                    <td data-label=t(lang, "Địa bàn", "Commune")>{line.unit}</td>
                                    <td data-label=t(lang, "Trạng thái", "Status")>
                                        <span class=format!("status status-{}", line.status)>{line.status.label(lang)}</span>
                                        {(line.status == RegistrationStatus::DossierComplete).then(|| t(lang, " · chờ xã xem xét", " · waiting for the commune's review"))}
                                    </td>
                                    <td data-label=t(lang, "Ngày đăng ký", "Registered")>{line.registered_on.shown()}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
            <Pagination number=registrations.number per_page=registrations.per_page total=registrations.total
                href=|page| format!("{}?registrations={}", commune::desk(), page.get()) lang />
        </section>
        {desk.takes_registrations.then(|| view! {
            <RegisterFor list_base=commune::desk() action=commune::register() producers=desk.producer_choices.clone() chosen=desk.for_producer.clone() sets=desk.sets.clone() />
        })}
        <section aria-labelledby="chu-the-xa">
            <h2 id="chu-the-xa">{t(lang, "Chủ thể trên địa bàn", "Producers of the communes")}</h2>
            <p class="muted">{match lang {
                Lang::Vi => format!("{} chủ thể", producers.total),
                Lang::En => format!("{} producers", producers.total),
            }}</p>
            <table class="data-table">
                <thead><tr>
                    <th scope="col">{t(lang, "Chủ thể", "Producer")}</th>
                    <th scope="col">{t(lang, "Địa bàn", "Commune")}</th>
                    <th scope="col" class="number">{t(lang, "Sản phẩm", "Products")}</th>
                    <th scope="col" class="number">{t(lang, "Đạt OCOP", "OCOP certified")}</th>
                </tr></thead>
                <tbody>
                    {producers.items.clone().into_iter().map(|producer| view! {
                        <tr>
                            <td><a href=format!("/producers/{}", producer.slug)>{producer.name}</a></td>
                            <td data-label=t(lang, "Địa bàn", "Commune")>{producer.unit}</td>
                            <td class="number" data-label=t(lang, "Sản phẩm", "Products")>{producer.products}</td>
                            <td class="number" data-label=t(lang, "Đạt OCOP", "OCOP certified")>{producer.certified}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            <Pagination number=producers.number per_page=producers.per_page total=producers.total
                href=|page| format!("{}?producers={}", commune::desk(), page.get()) lang />
        </section>
    }
}

#[component]
pub fn CommuneRegistrationPage() -> impl IntoView {
    let lang = use_lang();
    let id = use_params_map().with_untracked(|params| {
        params
            .get("id")
            .and_then(|id| id.parse::<RegistrationId>().ok())
    });
    let notice = use_notice().map(|notice| match notice {
        Notice::Created => t(
            lang,
            "Đã đăng ký. Chủ thể hoặc Văn phòng OCOP tỉnh nộp, kiểm tra các mục hồ sơ.",
            "Registered. The producer or the province's OCOP office sends and checks the dossier's items.",
        ),
        _ => t(lang, "Đã lưu.", "Saved."),
    });
    view! {
        <Title text=t(lang, "Hồ sơ OCOP", "OCOP registration") />
        <PrivateNav current="/commune" />
        {notice.map(|text| view! { <Saved text /> })}
        <Suspense>
            {OnePass::after(async move {
                let found = match id {
                    Some(id) => commune_registration(id).await,
                    None => Err(crate::error::AppError::NotFound),
                };
                guarded(found, lang, move |record| view! { <RecordView record lang /> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn RecordView(record: RegistrationRecord, lang: Lang) -> impl IntoView {
    let id = record.id;
    let reviewable =
        record.commune_proposes && record.status == RegistrationStatus::DossierComplete;
    view! {
        <p class="breadcrumbs"><a href=commune::desk()>{t(lang, "Hồ sơ OCOP của xã", "The commune's OCOP")}</a></p>
        <h1>{record.product_name.clone()}</h1>
        <p class="muted">{record.producer_name.clone()}</p>
        <RegistrationHead record=record.clone() lang />
        <FormRefused />
        <FieldMessage name="status" />
        <section aria-labelledby="ho-so">
            <h2 id="ho-so">{t(lang, "Hồ sơ", "Dossier")}</h2>
            <Checklist registration=id items=record.items.clone() side=Side::Commune open=false chosen=None />
        </section>
        <CommuneReviews reviews=record.reviews.clone() lang />
        {reviewable.then(|| view! { <ReviewForm id lang /> })}
        {(record.commune_proposes && record.status == RegistrationStatus::Registered).then(|| view! {
            <p class="notice">{t(lang, "Hồ sơ sẽ được xã xem xét khi Văn phòng OCOP tỉnh xác nhận đủ các mục.", "The commune reviews the dossier once the province's OCOP office confirms its items complete.")}</p>
        })}
        <Results evaluations=record.evaluations.clone() lang />
        <History lines=record.history.clone() lang />
    }
}

/// The commune's review: three findings, then propose or send back (a reason needed).
#[component]
fn ReviewForm(id: RegistrationId, lang: Lang) -> impl IntoView {
    let yes_no = move |name: &'static str, legend: &'static str| {
        view! {
            <fieldset>
                <legend>{legend}" *"</legend>
                <label class="check"><input type="radio" name=name value="yes" />" "{t(lang, "Có", "Yes")}</label>
                <label class="check"><input type="radio" name=name value="no" />" "{t(lang, "Không", "No")}</label>
                <FieldMessage name=name />
            </fieldset>
        }
    };
    view! {
        <section aria-labelledby="xem-xet">
            <h2 id="xem-xet">{t(lang, "Xem xét, đề xuất (Quyết định 1489/QĐ-TTg)", "Review and proposal (Decision 1489/QĐ-TTg)")}</h2>
            <form method="post" action=commune::review(id) class="stack-form">
                {yes_no("local_origin", t(lang, "Sản phẩm có nguồn gốc tại địa phương", "The product is of local origin"))}
                {yes_no("local_labour", t(lang, "Sản xuất sử dụng lao động địa phương", "It is made with local labour"))}
                <fieldset>
                    <legend>{t(lang, "Nguồn gốc ý tưởng sản phẩm", "Where the product's idea came from")}" *"</legend>
                    {IdeaOrigin::ALL.iter().map(|origin| view! {
                        <label class="check"><input type="radio" name="idea_origin" value=origin.as_db() />" "{origin.label(lang)}</label>
                    }).collect_view()}
                    <FieldMessage name="idea_origin" />
                </fieldset>
                <TextArea name="note" label=t(lang, "Ghi chú (bắt buộc khi trả lại hồ sơ: lý do gửi chủ thể)", "Note (needed to send it back: the reason the producer is told)") value="" max=1000 rows=3 />
                <FieldMessage name="outcome" />
                <div class="row-actions">
                    <button type="submit" name="outcome" value=ReviewOutcome::Proposed.as_db() class="button">{t(lang, "Đề xuất lên tỉnh", "Propose to the province")}</button>
                    <button type="submit" name="outcome" value=ReviewOutcome::Returned.as_db() class="button secondary">{t(lang, "Trả lại hồ sơ", "Send it back")}</button>
                </div>
            </form>
        </section>
    }
}
