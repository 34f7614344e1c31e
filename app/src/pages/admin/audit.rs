//! The audit log: every change, newest first.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::admin::audit_log;
use crate::components::guard::guarded;
use crate::components::pagination::Pagination;
use crate::components::private_nav::PrivateNav;
use crate::i18n::{t, use_lang};

#[component]
pub fn AuditPage() -> impl IntoView {
    let lang = use_lang();
    let page = use_query_map().with_untracked(|query| query.get("page"));
    view! {
        <Title text=t(lang, "Nhật ký thay đổi", "Audit log") />
        <PrivateNav current="/admin/audit" />
        <h1>{t(lang, "Nhật ký thay đổi", "Audit log")}</h1>
        <Suspense>
            {Suspend::new(async move {
                guarded(audit_log(page).await, lang, |log| view! {
                    <table class="data-table">
                        <thead><tr>
                            <th scope="col">{t(lang, "Thời điểm (UTC)", "When (UTC)")}</th>
                            <th scope="col">{t(lang, "Người thực hiện", "Who")}</th>
                            <th scope="col">{t(lang, "Việc", "What")}</th>
                            <th scope="col">{t(lang, "Tóm tắt", "Summary")}</th>
                        </tr></thead>
                        <tbody>
                            {log.items.into_iter().map(|line| view! {
                                <tr>
                                    <td>{crate::format::date(&line.at)}" "{line.at.get(11..16).unwrap_or_default().to_owned()}</td>
                                    <td>{line.actor.unwrap_or_else(|| "—".into())}</td>
                                    <td>{format!("{} {}{}", line.action, line.entity, line.entity_id.map(|id| format!(" #{id}")).unwrap_or_default())}</td>
                                    <td>
                                        {line.summary}
                                        {(line.before.is_some() || line.after.is_some()).then(|| view! {
                                            <details class="audit-detail">
                                                <summary>{t(lang, "Trước và sau", "Before and after")}</summary>
                                                {line.before.map(|before| view! { <p class="muted">{t(lang, "Trước:", "Before:")}</p><pre>{before}</pre> })}
                                                {line.after.map(|after| view! { <p class="muted">{t(lang, "Sau:", "After:")}</p><pre>{after}</pre> })}
                                            </details>
                                        })}
                                    </td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                    <Pagination number=log.number per_page=log.per_page total=log.total href=|page| page.of("/admin/audit") lang />
                }.into_any())
            })}
        </Suspense>
    }
}
