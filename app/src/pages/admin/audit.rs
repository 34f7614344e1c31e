//! The audit log: every change, newest first, filtered by who, what kind of record and which
//! days (`?who=3&kind=registration&from=2026-11-01&to=2026-11-30`), in pages.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::admin::audit_log;
use crate::components::field::{CodeSelect, FieldMessage};
use crate::components::guard::guarded;
use crate::components::one_pass::OnePass;
use crate::components::pagination::Pagination;
use crate::components::private_nav::PrivateNav;
use crate::i18n::{t, use_lang};
use crate::model::audit::{entity_label, AuditQuery};

#[component]
pub fn AuditPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map().with_untracked(|map| AuditQuery::from_address(|key| map.get(key)));
    view! {
        <Title text=t(lang, "Nhật ký thay đổi", "Audit log") />
        <PrivateNav current="/admin/audit" />
        <h1>{t(lang, "Nhật ký thay đổi", "Audit log")}</h1>
        <Suspense>
            {OnePass::after(async move {
                let typed = query.clone();
                guarded(audit_log(query).await, lang, move |log| {
                    let people = log.people.iter().map(|p| (p.id.to_string(), p.vi.clone())).collect();
                    let entities = log.entities.iter().map(|e| (e.clone(), entity_label(e, lang))).collect();
                    let base = log.filter.href();
                    view! {
                        <form method="get" action="/admin/audit" class="filters">
                            <CodeSelect name="who" label=t(lang, "Người thực hiện", "Who") options=people selected=log.filter.who.map(|w| w.0.to_string()).unwrap_or_default() empty=t(lang, "Tất cả", "All") filter=true />
                            <CodeSelect name="kind" label=t(lang, "Loại hồ sơ", "Kind of record") options=entities selected=log.filter.entity.clone().unwrap_or_default() empty=t(lang, "Tất cả", "All") filter=true />
                            <div class="field">
                                <label for="loc-tu">{t(lang, "Từ ngày", "From")}</label>
                                <input id="loc-tu" name="from" type="date" value=typed.from.clone().unwrap_or_default() />
                                <FieldMessage name="from" />
                            </div>
                            <div class="field">
                                <label for="loc-den">{t(lang, "Đến ngày", "To")}</label>
                                <input id="loc-den" name="to" type="date" value=typed.to.clone().unwrap_or_default() />
                                <FieldMessage name="to" />
                            </div>
                            <button type="submit" class="button secondary">{t(lang, "Lọc", "Filter")}</button>
                        </form>
                        <p class="muted">{match lang {
                            crate::i18n::Lang::Vi => format!("{} mục", log.lines.total),
                            crate::i18n::Lang::En => format!("{} entries", log.lines.total),
                        }}</p>
                        {if log.lines.items.is_empty() {
                            view! { <p class="empty">{t(lang, "Không có mục nào khớp bộ lọc.", "No entry matches the filters.")}</p> }.into_any()
                        } else {
                            view! {
                                <table class="data-table">
                                    <thead><tr>
                                        <th scope="col">{t(lang, "Thời điểm (UTC)", "When (UTC)")}</th>
                                        <th scope="col">{t(lang, "Người thực hiện", "Who")}</th>
                                        <th scope="col">{t(lang, "Việc", "What")}</th>
                                        <th scope="col">{t(lang, "Tóm tắt", "Summary")}</th>
                                    </tr></thead>
                                    <tbody>
                                        {log.lines.items.into_iter().map(|line| view! {
                                            <tr>
                                                <td>{line.at.shown()}</td>
                                                <td>{line.actor.unwrap_or_else(|| "—".into())}</td>
                                                <td>{format!("{} · {}{}", line.action, entity_label(&line.entity, lang), line.entity_id.map(|id| format!(" #{id}")).unwrap_or_default())}</td>
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
                            }.into_any()
                        }}
                        <Pagination number=log.lines.number per_page=log.lines.per_page total=log.lines.total href=move |page| page.of(&base) lang />
                    }.into_any()
                })
            })}
        </Suspense>
    }
}
