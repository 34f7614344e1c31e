//! Staff accounts (admins only): the list, a new staff, commune officer or admin account with
//! its set-password link, and the communes each commune officer works for.

use leptos::prelude::*;
use leptos_meta::Title;

use super::producers::{AccountRows, IssuedLink, NewAccountFields};
use crate::api::admin::staff_accounts;
use crate::components::field::{FieldMessage, FormRefused};
use crate::components::guard::guarded;
use crate::components::one_pass::OnePass;
use crate::components::private_nav::PrivateNav;
use crate::i18n::{t, use_lang};
use crate::model::account::Role;
use crate::model::form::Choice;
use crate::paths::admin;

#[component]
pub fn StaffPage() -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=t(lang, "Cán bộ", "Staff") />
        <PrivateNav current="/admin/staff" />
        <h1>{t(lang, "Tài khoản cán bộ", "Staff accounts")}</h1>
        <IssuedLink />
        <Suspense>
            {OnePass::after(async move {
                guarded(staff_accounts().await, lang, |staff| {
                    let officers: Vec<_> = staff.accounts.iter().filter(|a| a.role == Role::Commune).cloned().collect();
                    view! {
                    <AccountRows accounts=staff.accounts.clone() />
                    <FormRefused />
                    {(!officers.is_empty()).then(|| view! {
                        <section aria-labelledby="dia-ban">
                            <h2 id="dia-ban">{t(lang, "Địa bàn của cán bộ xã", "The commune officers' communes")}</h2>
                            <p class="hint">{t(lang, "Cán bộ xã chỉ thấy và làm việc với chủ thể, hồ sơ của các xã, phường được giao.", "A commune officer sees and works on the producers and registrations of its communes alone.")}</p>
                            {officers.into_iter().map(|officer| {
                                let mine: Vec<i64> = staff.scopes.iter().filter(|(user, _, _)| *user == officer.id).map(|(_, unit, _)| *unit).collect();
                                let names: Vec<String> = staff.scopes.iter().filter(|(user, _, _)| *user == officer.id).map(|(_, _, name)| name.clone()).collect();
                                view! {
                                    <details>
                                        <summary>{officer.display_name.clone()}" · "{names.join(", ")}</summary>
                                        <form method="post" action=admin::officer_communes(officer.id) class="stack-form">
                                            <CommuneChoices communes=staff.communes.clone() chosen=mine />
                                            <button type="submit" class="button secondary">{t(lang, "Lưu địa bàn", "Save the communes")}</button>
                                        </form>
                                    </details>
                                }
                            }).collect_view()}
                        </section>
                    })}
                    <form method="post" action=admin::staff() class="stack-form">
                        <h2>{t(lang, "Thêm tài khoản cán bộ", "Add a staff account")}</h2>
                        <NewAccountFields />
                        <div class="field">
                            <label for="f-role">{t(lang, "Vai trò", "Role")}</label>
                            <select id="f-role" name="role">
                                <option value=Role::Staff.as_db()>{t(lang, "Cán bộ", "Staff")}</option>
                                <option value=Role::Commune.as_db()>{t(lang, "Cán bộ xã (chọn địa bàn bên dưới)", "Commune officer (choose the communes below)")}</option>
                                <option value=Role::Admin.as_db()>{t(lang, "Quản trị viên", "Administrator")}</option>
                            </select>
                        </div>
                        <details>
                            <summary>{t(lang, "Địa bàn (chỉ cho cán bộ xã)", "Communes (commune officers only)")}</summary>
                            <CommuneChoices communes=staff.communes.clone() chosen=Vec::new() />
                        </details>
                        <button type="submit" class="button secondary">{t(lang, "Tạo tài khoản và cấp liên kết", "Create and issue a link")}</button>
                    </form>
                    }.into_any()
                })
            })}
        </Suspense>
    }
}

/// Today's communes as checkboxes (`commune-{id}`), the `chosen` ones ticked.
#[component]
fn CommuneChoices(communes: Vec<Choice>, chosen: Vec<i64>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <fieldset class="choices">
            <legend>{t(lang, "Xã, phường", "Communes")}</legend>
            {communes.into_iter().map(|commune| view! {
                <label class="check"><input type="checkbox" name=format!("commune-{}", commune.id) checked=chosen.contains(&commune.id) />" "{commune.label(lang).to_owned()}</label>
            }).collect_view()}
            <FieldMessage name="communes" />
        </fieldset>
    }
}
