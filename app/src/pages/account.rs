//! Signing in (`/login`), one's own account (`/account`) and choosing a password through a
//! one-time link (`/set-password/{secret}`). The forms post to the server as plain HTML forms.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::account::{current_account, password_link_email};
use crate::components::field::{use_notice, FormRefused, Saved, TextField};
use crate::components::guard::guarded;
use crate::components::one_pass::OnePass;
use crate::i18n::{t, use_lang};
use crate::model::notice::Notice;

#[component]
pub fn LoginPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map().get_untracked();
    // After a refused attempt the address no longer has it: the form sent it back.
    let next = query
        .get("next")
        .or_else(|| crate::model::form::use_echo().value("next"))
        .unwrap_or_default();
    let notice = match use_notice() {
        Some(Notice::PasswordSet) => Some(t(
            lang,
            "Đã đặt mật khẩu. Mời bạn đăng nhập.",
            "Your password is set. Please sign in.",
        )),
        Some(Notice::SignedOutEverywhere) => Some(t(
            lang,
            "Đã đăng xuất khỏi mọi thiết bị.",
            "Signed out on every device.",
        )),
        _ => None,
    };
    view! {
        <Title text=t(lang, "Đăng nhập", "Sign in") />
        <Meta name="robots" content="noindex" />
        <Meta name="description" content=t(lang, "Đăng nhập dành cho nhà sản xuất và cán bộ Văn phòng OCOP.", "Sign-in for producers and staff of the OCOP office.") />
        <section class="narrow">
            <h1>{t(lang, "Đăng nhập", "Sign in")}</h1>
            <p class="muted">{t(lang, "Dành cho nhà sản xuất và cán bộ Văn phòng OCOP.", "For producers and staff of the OCOP office.")}</p>
            {notice.map(|text| view! { <Saved text /> })}
            <FormRefused />
            <form method="post" action="/login" class="stack-form">
                <input type="hidden" name="next" value=next />
                <TextField name="email" label=t(lang, "Email", "Email") value="" kind="email" required=true autocomplete="username" max=254 />
                <TextField name="password" label=t(lang, "Mật khẩu", "Password") value="" kind="password" required=true autocomplete="current-password" max=128 />
                <button type="submit" class="button">{t(lang, "Đăng nhập", "Sign in")}</button>
            </form>
            <p class="muted">{t(lang, "Quên mật khẩu? Hãy liên hệ Văn phòng OCOP tỉnh để nhận liên kết đặt lại mật khẩu.", "Forgot your password? Ask the provincial OCOP office for a link to set a new one.")}</p>
        </section>
    }
}

#[component]
pub fn AccountPage() -> impl IntoView {
    let lang = use_lang();
    let changed = use_notice() == Some(Notice::PasswordChanged);
    view! {
        <Title text=t(lang, "Tài khoản", "Account") />
        <Suspense>
            {OnePass::after(async move {
                guarded(current_account().await, lang, |viewer| view! {
                    <section class="narrow">
                        <h1>{t(lang, "Tài khoản của bạn", "Your account")}</h1>
                        <p>{viewer.display_name}</p>
                        <h2>{t(lang, "Đổi mật khẩu", "Change password")}</h2>
                        {changed.then(|| view! { <Saved text=t(lang, "Đã đổi mật khẩu. Các phiên đăng nhập khác đã kết thúc.", "Password changed. Your other sessions have ended.") /> })}
                        <FormRefused />
                        <form method="post" action="/account" class="stack-form">
                            <TextField name="current_password" label=t(lang, "Mật khẩu hiện tại", "Current password") value="" kind="password" required=true autocomplete="current-password" max=128 />
                            <TextField name="password" label=t(lang, "Mật khẩu mới", "New password") value="" kind="password" required=true autocomplete="new-password" max=128
                                hint=t(lang, "Từ 10 đến 128 ký tự; không dùng mật khẩu phổ biến.", "10 to 128 characters; no common passwords.") />
                            <TextField name="confirmation" label=t(lang, "Nhập lại mật khẩu mới", "New password again") value="" kind="password" required=true autocomplete="new-password" max=128 />
                            <button type="submit" class="button">{t(lang, "Đổi mật khẩu", "Change password")}</button>
                        </form>
                        <h2>{t(lang, "Đăng xuất khỏi mọi thiết bị", "Sign out everywhere")}</h2>
                        <p class="muted">{t(lang, "Kết thúc mọi phiên đăng nhập của tài khoản này, kể cả trên máy này.", "Ends every session of this account, this one included.")}</p>
                        <form method="post" action="/account/sign-out-everywhere">
                            <button type="submit" class="button secondary">{t(lang, "Đăng xuất mọi nơi", "Sign out everywhere")}</button>
                        </form>
                    </section>
                }.into_any())
            })}
        </Suspense>
    }
}

#[component]
pub fn SetPasswordPage() -> impl IntoView {
    let lang = use_lang();
    let secret = use_params_map().with_untracked(|params| params.get("secret").unwrap_or_default());
    view! {
        <Title text=t(lang, "Đặt mật khẩu", "Set your password") />
        <Meta name="robots" content="noindex" />
        <Meta name="referrer" content="no-referrer" />
        <Suspense>
            {OnePass::after(async move {
                crate::components::guard::kept_private();
                let action = format!("/set-password/{secret}");
                match password_link_email(secret).await {
                    Ok(email) => view! {
                        <section class="narrow">
                            <h1>{t(lang, "Đặt mật khẩu", "Set your password")}</h1>
                            <p>{t(lang, "Tài khoản: ", "Account: ")}<strong>{email}</strong></p>
                            <FormRefused />
                            <form method="post" action=action class="stack-form">
                                <TextField name="password" label=t(lang, "Mật khẩu mới", "New password") value="" kind="password" required=true autocomplete="new-password" max=128
                                    hint=t(lang, "Từ 10 đến 128 ký tự; không dùng mật khẩu phổ biến.", "10 to 128 characters; no common passwords.") />
                                <TextField name="confirmation" label=t(lang, "Nhập lại mật khẩu", "Password again") value="" kind="password" required=true autocomplete="new-password" max=128 />
                                <button type="submit" class="button">{t(lang, "Lưu mật khẩu", "Save password")}</button>
                            </form>
                        </section>
                    }.into_any(),
                    Err(_) => {
                        #[cfg(feature = "ssr")]
                        if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
                            response.set_status(axum::http::StatusCode::NOT_FOUND);
                        }
                        view! {
                            <section class="narrow">
                                <h1>{t(lang, "Liên kết không còn dùng được", "This link no longer works")}</h1>
                                <p>{t(lang, "Liên kết đặt mật khẩu chỉ dùng được một lần và trong 72 giờ. Vui lòng xin Văn phòng OCOP một liên kết mới.", "A set-password link works once and for 72 hours. Please ask the OCOP office for a new one.")}</p>
                            </section>
                        }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}
