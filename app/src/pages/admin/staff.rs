//! Staff accounts (admins only): the list, and a new staff or admin account with its
//! set-password link.

use leptos::prelude::*;
use leptos_meta::Title;

use super::producers::{AccountRows, IssuedLink, NewAccountFields};
use crate::api::admin::staff_accounts;
use crate::components::field::FormRefused;
use crate::components::guard::guarded;
use crate::components::one_pass::OnePass;
use crate::components::private_nav::PrivateNav;
use crate::i18n::{t, use_lang};
use crate::model::account::Role;
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
                guarded(staff_accounts().await, lang, |accounts| view! {
                    <AccountRows accounts />
                    <FormRefused />
                    <form method="post" action=admin::staff() class="stack-form">
                        <h2>{t(lang, "Thêm tài khoản cán bộ", "Add a staff account")}</h2>
                        <NewAccountFields />
                        <div class="field">
                            <label for="f-role">{t(lang, "Vai trò", "Role")}</label>
                            <select id="f-role" name="role">
                                <option value=Role::Staff.as_db()>{t(lang, "Cán bộ", "Staff")}</option>
                                <option value=Role::Admin.as_db()>{t(lang, "Quản trị viên", "Administrator")}</option>
                            </select>
                        </div>
                        <button type="submit" class="button secondary">{t(lang, "Tạo tài khoản và cấp liên kết", "Create and issue a link")}</button>
                    </form>
                }.into_any())
            })}
        </Suspense>
    }
}
