//! Producers for staff: the list, a new producer, and one producer's whole record with its
//! accounts.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::admin::{commune_choices, get_producer_record, producer_list};
use crate::components::field::{use_notice, FormRefused, Saved, TextField};
use crate::components::guard::guarded;
use crate::components::one_pass::OnePass;
use crate::components::pagination::Pagination;
use crate::components::private_nav::PrivateNav;
use crate::i18n::{t, use_lang};
use crate::model::catalogue::encode;
use crate::model::form::use_echo;
use crate::model::ids::ProducerId;
use crate::model::moment::Moment;
use crate::model::notice::Notice;
use crate::model::portal::AccountLine;
use crate::model::producer::EntityType;
use crate::model::profile::{LegalFacts, ENTITY_TYPES};
use crate::pages::portal::profile::ProfileFields;
use crate::paths::admin;

#[component]
pub fn ProducerList() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map().get_untracked();
    let (q, page) = (query.get("q"), query.get("page"));
    let typed = q.clone().unwrap_or_default();
    let base = if typed.is_empty() {
        "/admin/producers".to_owned()
    } else {
        format!("/admin/producers?q={}", encode(&typed))
    };
    view! {
        <Title text=t(lang, "Nhà sản xuất", "Producers") />
        <PrivateNav current="/admin/producers" />
        <div class="page-head">
            <h1>{t(lang, "Nhà sản xuất", "Producers")}</h1>
            <p><a class="button" href="/admin/producers/new">{t(lang, "Thêm nhà sản xuất", "Add a producer")}</a></p>
        </div>
        <form method="get" action="/admin/producers" class="inline-form" role="search">
            <label for="admin-q">{t(lang, "Tìm theo tên", "Search by name")}</label>
            <input id="admin-q" name="q" type="search" value=typed.clone() maxlength="100" />
            <button type="submit" class="button">{t(lang, "Tìm", "Search")}</button>
        </form>
        <Suspense>
            {OnePass::after(async move {
                guarded(producer_list(q, page).await, lang, move |list| view! {
                    <table class="data-table">
                        <thead><tr>
                            <th scope="col">{t(lang, "Tên", "Name")}</th>
                            <th scope="col">{t(lang, "Loại hình", "Type")}</th>
                            <th scope="col">{t(lang, "Tài khoản", "Accounts")}</th>
                            <th scope="col">{t(lang, "Trạng thái", "Status")}</th>
                        </tr></thead>
                        <tbody>
                            {list.items.into_iter().map(|line| view! {
                                <tr>
                                    <td><a href=format!("/admin/producers/{}", line.id)>{line.name}</a></td>
                                    <td data-label=t(lang, "Loại hình", "Type")>{EntityType::label_of(&line.entity_type, lang)}</td>
                                    <td data-label=t(lang, "Tài khoản", "Accounts")>{line.accounts}</td>
                                    <td data-label=t(lang, "Trạng thái", "Status")>{if line.active { t(lang, "Hoạt động", "Active") } else { t(lang, "Ngừng", "Deactivated") }}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                    <Pagination number=list.number per_page=list.per_page total=list.total
                        href=move |page| page.of(&base) lang />
                }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn LegalFields(legal: LegalFacts, active: Option<bool>) -> impl IntoView {
    let lang = use_lang();
    let echo = use_echo();
    let entity_type = echo
        .value("entity_type")
        .unwrap_or(legal.entity_type.clone());
    let error = echo.error("entity_type", lang);
    view! {
        <div class="field">
            <label for="f-entity_type">{t(lang, "Loại hình chủ thể", "Type of entity")}" *"</label>
            <select id="f-entity_type" name="entity_type" required=true aria-invalid=error.is_some().then_some("true") aria-describedby="f-entity_type-error">
                <option value="">{t(lang, "— Chọn —", "— Choose —")}</option>
                {ENTITY_TYPES.into_iter().map(|kind| view! { <option value=kind selected=kind == entity_type>{EntityType::label_of(kind, lang)}</option> }).collect_view()}
            </select>
            <p class="field-error" id="f-entity_type-error">{error}</p>
        </div>
        <TextField name="representative" label=t(lang, "Người đại diện", "Representative") value=legal.representative max=200 />
        <div class="field-row">
            <TextField name="tax_code" label=t(lang, "Mã số thuế", "Tax code") value=legal.tax_code max=14 />
            <TextField name="registration_no" label=t(lang, "Số đăng ký kinh doanh", "Business registration no.") value=legal.registration_no max=100 />
        </div>
        {active.map(|active| view! {
            <label class="check"><input type="checkbox" name="active" checked=active />" "{t(lang, "Đang hoạt động (bỏ chọn để ngừng: ẩn khỏi trang công khai, tài khoản không đăng nhập được)", "Active (untick to deactivate: hidden from the public, accounts cannot sign in)")}</label>
        })}
    }
}

#[component]
pub fn NewProducer() -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=t(lang, "Thêm nhà sản xuất", "Add a producer") />
        <PrivateNav current="/admin/producers" />
        <h1>{t(lang, "Thêm nhà sản xuất", "Add a producer")}</h1>
        <Suspense>
            {OnePass::after(async move {
                guarded(commune_choices().await, lang, |communes| {
                    view! {
                        <FormRefused />
                        <form method="post" action=admin::create_producer() class="stack-form">
                            <ProfileFields profile=Default::default() communes />
                            <LegalFields legal=Default::default() active=None />
                            <button type="submit" class="button">{t(lang, "Tạo", "Create")}</button>
                        </form>
                    }.into_any()
                })
            })}
        </Suspense>
    }
}

/// The link just issued, when it could not be emailed: shown this once.
#[component]
pub(super) fn IssuedLink() -> impl IntoView {
    let lang = use_lang();
    use_echo().issued_link.map(|link| view! {
        <div class="issued-link" role="status">
            <p><strong>{t(lang, "Liên kết đặt mật khẩu (dùng một lần, trong 72 giờ). Hãy gửi cho chủ tài khoản; liên kết sẽ không hiện lại:", "Set-password link (single use, valid 72 hours). Give it to the account's owner; it will not be shown again:")}</strong></p>
            <p><code class="small">{link}</code></p>
        </div>
    })
}

#[component]
pub(super) fn AccountRows(accounts: Vec<AccountLine>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <table class="data-table">
            <thead><tr>
                <th scope="col">"Email"</th>
                <th scope="col">{t(lang, "Lần đăng nhập cuối", "Last sign-in")}</th>
                <th scope="col">{t(lang, "Phiên", "Sessions")}</th>
                <th scope="col">{t(lang, "Thao tác", "Actions")}</th>
            </tr></thead>
            <tbody>
                {accounts.into_iter().map(|account| {
                                        view! {
                        <tr>
                            <td>{account.email}<br /><span class="muted">{account.display_name}" · "{account.role.label(lang)}{(!account.active).then(|| t(lang, " · đã khoá", " · deactivated"))}</span></td>
                            <td data-label=t(lang, "Đăng nhập cuối", "Last sign-in")>{account.last_login_at.map(Moment::shown).unwrap_or_default()}</td>
                            <td data-label=t(lang, "Phiên", "Sessions")>{account.sessions}</td>
                            <td class="row-actions">
                                <form method="post" action=admin::password_link(account.id)><button type="submit" class="link-button">{t(lang, "Cấp liên kết đặt mật khẩu", "Issue set-password link")}</button></form>
                                <form method="post" action=admin::end_sessions(account.id)><button type="submit" class="link-button">{t(lang, "Kết thúc mọi phiên", "End all sessions")}</button></form>
                                {if account.active {
                                    view! { <form method="post" action=admin::deactivate(account.id)><button type="submit" class="link-button danger">{t(lang, "Khoá tài khoản", "Deactivate")}</button></form> }.into_any()
                                } else {
                                    view! { <form method="post" action=admin::activate(account.id)><button type="submit" class="link-button">{t(lang, "Mở lại", "Activate")}</button></form> }.into_any()
                                }}
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
pub(super) fn NewAccountFields() -> impl IntoView {
    let lang = use_lang();
    view! {
        <div class="field-row">
            <TextField name="account_email" label="Email" value="" kind="email" required=true max=254 />
            <TextField name="account_name" label=t(lang, "Tên hiển thị", "Display name") value="" required=true max=100 />
        </div>
    }
}

#[component]
pub fn ProducerRecordPage() -> impl IntoView {
    let lang = use_lang();
    let id = use_params_map().with_untracked(|params| {
        params
            .get("id")
            .and_then(|id| id.parse::<ProducerId>().ok())
    });
    let notice = match use_notice() {
        Some(Notice::Saved | Notice::Created) => Some(t(lang, "Đã lưu.", "Saved.")),
        Some(Notice::LinkSent) => Some(t(
            lang,
            "Đã gửi liên kết đặt mật khẩu qua email.",
            "The set-password link was emailed.",
        )),
        _ => None,
    };
    view! {
        <Title text=t(lang, "Nhà sản xuất", "Producer") />
        <PrivateNav current="/admin/producers" />
        {notice.map(|text| view! { <Saved text /> })}
        <IssuedLink />
        <Suspense>
            {OnePass::after(async move {
                let found = match id {
                    Some(id) => get_producer_record(id).await,
                    None => Err(crate::error::AppError::NotFound),
                };
                guarded(found, lang, |(record, accounts)| {
                    let id = record.id;
                    view! {
                        <h1>{record.profile.name.clone()}</h1>
                        <p><a href=format!("/producers/{}", record.slug)>{t(lang, "Trang công khai", "Public page")}</a></p>
                        <h2>{t(lang, "Tài khoản", "Accounts")}</h2>
                        <AccountRows accounts />
                        <form method="post" action=admin::create_producer_account(id) class="stack-form">
                            <h3>{t(lang, "Thêm tài khoản", "Add an account")}</h3>
                            <NewAccountFields />
                            <button type="submit" class="button secondary">{t(lang, "Tạo tài khoản và cấp liên kết", "Create and issue a link")}</button>
                        </form>
                        <h2>{t(lang, "Hồ sơ", "Record")}</h2>
                        <FormRefused />
                        <form method="post" action=admin::producer(id) class="stack-form">
                            <ProfileFields profile=record.profile.clone() communes=record.communes.clone() />
                            <LegalFields legal=record.legal active=Some(record.active) />
                            <button type="submit" class="button">{t(lang, "Lưu", "Save")}</button>
                        </form>
                    }.into_any()
                })
            })}
        </Suspense>
    }
}

/// `/admin/producers/new` or `/admin/producers/{id}`.
#[component]
pub fn ProducerPageForStaff() -> impl IntoView {
    // Its own route, `/admin/producers/new`, has no id.
    let is_new = use_params_map()
        .with_untracked(|params| matches!(params.get("id").as_deref(), None | Some("new")));
    if is_new {
        view! { <NewProducer /> }.into_any()
    } else {
        view! { <ProducerRecordPage /> }.into_any()
    }
}
