//! A registration's dossier checklist, for staff and for its producer: each item the rules ask
//! for, where it stands (in words, not colour alone), its file, a correction's note. One item
//! at a time is chosen (`?item=code`) to attach a file or, for staff, ask for a correction, so
//! that a refused form's values and messages land in that item's form only.

use leptos::prelude::*;

use crate::components::field::{FileField, TextArea};
use crate::i18n::{t, use_lang};
use crate::model::cycle::pages::ChecklistItem;
use crate::model::cycle::status::ItemStatus;
use crate::model::ids::RegistrationId;
use crate::paths::{commune, ocop_admin, portal_ocop};

/// Who is looking, and so where its links and forms go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Staff,
    /// The commune's officer reads the dossier to review it; the province checks its items.
    Commune,
    Producer,
}

impl Side {
    fn base(self, registration: RegistrationId) -> String {
        match self {
            Self::Staff => ocop_admin::registration(registration),
            Self::Commune => commune::registration(registration),
            Self::Producer => portal_ocop::registration(registration),
        }
    }

    /// Where a file of the item `code` is uploaded, and the link that opens its form; None
    /// for a side that only reads the dossier.
    fn attach(
        self,
        registration: RegistrationId,
        code: &str,
    ) -> Option<(String, &'static str, &'static str)> {
        match self {
            Self::Staff => Some((
                ocop_admin::attach(registration, code),
                "Tải tệp thay chủ thể hoặc yêu cầu bổ sung",
                "Upload for the producer, or ask for a correction",
            )),
            Self::Producer => Some((
                portal_ocop::attach(registration, code),
                "Nộp tệp",
                "Upload a file",
            )),
            Self::Commune => None,
        }
    }

    fn file(self, registration: RegistrationId, code: &str) -> String {
        match self {
            Self::Staff => ocop_admin::item_file(registration, code),
            Self::Commune => commune::item_file(registration, code),
            Self::Producer => portal_ocop::item_file(registration, code),
        }
    }
}

#[component]
pub fn Checklist(
    registration: RegistrationId,
    items: Vec<ChecklistItem>,
    side: Side,
    /// The dossier may still change (the registration is at its first step).
    open: bool,
    /// The item chosen in the address.
    chosen: Option<String>,
) -> impl IntoView {
    let lang = use_lang();
    let base = side.base(registration);
    let rows = items
        .into_iter()
        .map(|item| {
            let status = match item.status {
                Some(status) => status.label(lang).to_owned(),
                None => t(lang, "Chưa nộp", "Missing").to_owned(),
            };
            let class = match item.status {
                Some(status) => format!("item item-{status}"),
                None => "item item-missing".to_owned(),
            };
            let is_chosen = chosen.as_deref() == Some(item.code.as_str());
            let file = item.file_name.clone().map(|name| {
                let href = side.file(registration, &item.code);
                view! { <a href=href download>{name}</a> }
            });
            // A side that only reads the dossier is never offered its forms.
            let attach = side.attach(registration, &item.code).filter(|_| open);
            let choose = format!("{base}?item={}#item-{}", item.code, item.code);
            let may_receive = side == Side::Staff
                && open
                && item.status != Some(ItemStatus::Received)
                && (item.status.is_some() || !item.upload);
            let action_form = attach.clone().filter(|_| is_chosen).map(|(item_base, _, _)| {
                let upload = item.upload.then(|| {
                    view! {
                        <form method="post" action=item_base.clone() enctype="multipart/form-data" class="stack-form">
                            <FileField name="file" label=t(lang, "Tệp PDF, JPEG hoặc PNG (tối đa 8 MB)", "A PDF, JPEG or PNG file (up to 8 MB)") accept="application/pdf,image/jpeg,image/png" />
                            <button type="submit" class="button secondary">{t(lang, "Tải lên", "Upload")}</button>
                        </form>
                    }
                });
                let correction = (side == Side::Staff).then(|| {
                    view! {
                        <form method="post" action=ocop_admin::ask_correction(registration, &item.code) class="stack-form">
                            <TextArea name="note" label=t(lang, "Yêu cầu bổ sung, sửa (gửi cho chủ thể)", "Correction asked (sent to the producer)") value="" required=true max=1000 rows=2 />
                            <button type="submit" class="button secondary">{t(lang, "Yêu cầu bổ sung", "Ask for a correction")}</button>
                        </form>
                    }
                });
                view! { <div class="item-forms">{upload}{correction}</div> }
            });
            view! {
                <li class=class id=format!("item-{}", item.code)>
                    <div class="item-head">
                        <strong>{item.name(lang).to_owned()}</strong>
                        {(!item.required).then(|| view! { <span class="muted">{t(lang, " (bổ sung, không bắt buộc)", " (optional)")}</span> })}
                    </div>
                    <p class="item-status">
                        <span class="item-mark" aria-hidden="true">{match item.status {
                            Some(ItemStatus::Received) => "✓",
                            Some(ItemStatus::Correction) => "!",
                            Some(ItemStatus::Submitted) => "…",
                            None => "○",
                        }}</span>
                        " "{status}
                        {item.updated_at.map(|at| format!(" · {}", at.day().shown()))}
                        {file.map(|file| view! { " · "{file} })}
                    </p>
                    {(!item.note.is_empty() && item.status == Some(ItemStatus::Correction)).then(|| view! {
                        <p class="reason">{item.note.clone()}</p>
                    })}
                    <div class="row-actions">
                        {may_receive.then(|| view! {
                            <form method="post" action=ocop_admin::receive(registration, &item.code)>
                                <button type="submit" class="button secondary">{t(lang, "Đã nhận", "Received")}</button>
                            </form>
                        })}
                        {attach.filter(|_| !is_chosen && (item.upload || side == Side::Staff)).map(|(_, vi, en)| view! {
                            <a href=choose.clone()>{t(lang, vi, en)}</a>
                        })}
                    </div>
                    {action_form}
                </li>
            }
        })
        .collect_view();
    view! { <ul class="checklist">{rows}</ul> }
}
