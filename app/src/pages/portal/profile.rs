//! The producer's own profile: the public facts it keeps itself. Entity type and legal facts
//! are shown but only staff change them.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::portal::own_profile;
use crate::components::field::{
    use_notice, FileField, FormRefused, Saved, SelectField, TextArea, TextField,
};
use crate::components::guard::guarded;
use crate::components::one_pass::OnePass;
use crate::components::private_nav::PrivateNav;
use crate::i18n::{t, use_lang};
use crate::model::form::Choice;
use crate::model::notice::Notice;
use crate::model::profile::Profile;

use crate::model::producer::EntityType;
use crate::paths::portal;

/// The fields a producer and staff both edit.
#[component]
pub fn ProfileFields(profile: Profile, communes: Vec<Choice>) -> impl IntoView {
    let lang = use_lang();
    let coordinate = |value: Option<f64>| value.map(|v| v.to_string()).unwrap_or_default();
    view! {
        <TextField name="name" label=t(lang, "Tên chủ thể", "Name") value=profile.name.clone() required=true max=200 />
        <TextArea name="description" label=t(lang, "Giới thiệu", "About") value=profile.description.clone() max=5000 rows=6 />
        <div class="field-row">
            <TextField name="phone" label=t(lang, "Điện thoại", "Phone") value=profile.phone.clone() kind="tel" max=20 autocomplete="tel" />
            <TextField name="zalo" label="Zalo" value=profile.zalo.clone() kind="tel" max=20 hint=t(lang, "Số điện thoại dùng Zalo", "The phone number used on Zalo") />
        </div>
        <div class="field-row">
            <TextField name="email" label="Email" value=profile.email.clone() kind="email" max=254 autocomplete="email" />
            <TextField name="website" label=t(lang, "Trang web", "Website") value=profile.website.clone() kind="url" max=200 />
        </div>
        <TextField name="address" label=t(lang, "Địa chỉ", "Address") value=profile.address.clone() max=300 autocomplete="address-line1" />
        <SelectField name="admin_unit_id" label=t(lang, "Xã, phường", "Commune or ward") choices=communes selected=profile.admin_unit_id required=true />
        <div class="field-row">
            <TextField name="latitude" label=t(lang, "Vĩ độ", "Latitude") value=coordinate(profile.latitude) max=20 hint=t(lang, "Ví dụ 17,4833 (lấy từ bản đồ)", "e.g. 17.4833 (from a map)") />
            <TextField name="longitude" label=t(lang, "Kinh độ", "Longitude") value=coordinate(profile.longitude) max=20 hint=t(lang, "Ví dụ 106,6 ", "e.g. 106.6") />
        </div>
    }
}

#[component]
pub fn PortalProfile() -> impl IntoView {
    let lang = use_lang();
    let saved = use_notice() == Some(Notice::Saved);
    view! {
        <Title text=t(lang, "Hồ sơ", "Profile") />
        <PrivateNav current="/portal/profile" />
        <h1>{t(lang, "Hồ sơ nhà sản xuất", "Producer profile")}</h1>
        {saved.then(|| view! { <Saved text=t(lang, "Đã lưu hồ sơ.", "Profile saved.") /> })}
        <Suspense>
            {OnePass::after(async move {
                guarded(own_profile().await, lang, |record| {
                    let legal = record.legal.clone();
                    let logo = record.logo.clone();
                    view! {
                        <p class="muted">
                            {EntityType::label_of(&legal.entity_type, lang)}
                            {(!legal.tax_code.is_empty()).then(|| format!(" · {} {}", t(lang, "MST", "Tax code"), legal.tax_code))}
                            " · "{t(lang, "Loại hình và thông tin pháp lý do Văn phòng OCOP cập nhật.", "Entity type and legal facts are kept by the OCOP office.")}
                        </p>
                        <FormRefused />
                        <form method="post" action=portal::profile() enctype="multipart/form-data" class="stack-form">
                            <ProfileFields profile=record.profile communes=record.communes />
                            {logo.map(|src| view! { <img src=src alt=t(lang, "Logo hiện tại", "Current logo") width="96" height="96" class="logo" /> })}
                            <FileField name="logo" label=t(lang, "Logo mới (JPEG, PNG hoặc WebP, tối đa 8 MB)", "New logo (JPEG, PNG or WebP, up to 8 MB)") />
                            <button type="submit" class="button">{t(lang, "Lưu hồ sơ", "Save profile")}</button>
                        </form>
                    }.into_any()
                })
            })}
        </Suspense>
    }
}
