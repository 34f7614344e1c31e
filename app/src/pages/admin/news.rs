//! The staff's news desk: `/admin/news` lists every post (drafts and scheduled ones too);
//! `/admin/news/new` and `/admin/news/{id}` write one, with a preview of its Markdown that
//! needs no JavaScript (the form is posted back and shown again, unsaved, with the preview).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::news::{get_news_record, staff_news};
use crate::components::field::{
    use_notice, FieldMessage, FileField, FormRefused, Saved, TextArea, TextField,
};
use crate::components::guard::guarded;
use crate::components::one_pass::OnePass;
use crate::components::pagination::Pagination;
use crate::components::private_nav::PrivateNav;
use crate::i18n::{t, use_lang, Lang};
use crate::model::form::use_echo;
use crate::model::moment::{LocalTime, Moment};
use crate::model::news::{tag_field, NewsForm, NewsLine, NewsRecord, Publication};
use crate::model::news::{NewsState, NewsTag};
use crate::paths::admin;

/// `/admin/news?state=&page=`.
#[component]
pub fn NewsDesk() -> impl IntoView {
    let lang = use_lang();
    let (state, page) =
        use_query_map().with_untracked(|query| (query.get("state"), query.get("page")));
    view! {
        <Title text=t(lang, "Tin tức", "News") />
        <PrivateNav current="/admin/news" />
        <div class="page-head">
            <h1>{t(lang, "Tin tức", "News")}</h1>
            <p><a href="/admin/news/new" class="button">{t(lang, "Viết bài mới", "Write a post")}</a></p>
        </div>
        <Suspense>
            {OnePass::after(async move {
                guarded(staff_news(state, page).await, lang, |(state, posts)| {
                    let base = state.map_or_else(|| "/admin/news".to_owned(), |s| format!("/admin/news?state={s}"));
                    let chips = std::iter::once(None).chain(NewsState::ALL.iter().copied().map(Some)).map(|choice| {
                        let href = choice.map_or_else(|| "/admin/news".to_owned(), |s| format!("/admin/news?state={s}"));
                        let label = choice.map_or(t(lang, "Tất cả", "All"), |s| s.label(lang));
                        view! { <a class="chip" href=href aria-current=(choice == state).then_some("true")>{label}</a> }
                    }).collect_view();
                    view! {
                        <nav class="star-filter" aria-label=t(lang, "Lọc theo trạng thái", "Filter by status")>{chips}</nav>
                        {if posts.items.is_empty() {
                            view! { <p class="empty">{t(lang, "Không có bài nào.", "No posts.")}</p> }.into_any()
                        } else {
                            view! {
                                <table class="data-table">
                                    <thead><tr>
                                        <th scope="col">{t(lang, "Bài", "Post")}</th>
                                        <th scope="col">{t(lang, "Trạng thái", "Status")}</th>
                                        <th scope="col">{t(lang, "Công bố", "Published")}</th>
                                        <th scope="col">{t(lang, "Sửa lần cuối", "Last edited")}</th>
                                    </tr></thead>
                                    <tbody>
                                        {posts.items.into_iter().map(|post| view! { <PostRow post lang /> }).collect_view()}
                                    </tbody>
                                </table>
                            }.into_any()
                        }}
                        <Pagination number=posts.number per_page=posts.per_page total=posts.total
                            href=move |page| page.of(&base) lang />
                    }.into_any()
                })
            })}
        </Suspense>
    }
}

#[component]
fn PostRow(post: NewsLine, lang: Lang) -> impl IntoView {
    let tags = post
        .tags()
        .into_iter()
        .map(|tag| tag.label(lang))
        .collect::<Vec<_>>()
        .join(", ");
    view! {
        <tr>
            <td>
                <a href=format!("/admin/news/{}", post.id)>{post.title.clone()}</a>
                {(!tags.is_empty()).then(|| view! { <br /><span class="muted">{tags}</span> })}
            </td>
            <td data-label=t(lang, "Trạng thái", "Status")><span class=format!("status status-{}", post.state)>{post.state.label(lang)}</span></td>
            <td data-label=t(lang, "Công bố", "Published")>{post.published_at.map(Moment::shown).unwrap_or_default()}</td>
            <td data-label=t(lang, "Sửa lần cuối", "Last edited")>{post.updated_at.shown()}</td>
        </tr>
    }
}

/// `/admin/news/new` or `/admin/news/{id}`.
#[component]
pub fn NewsEditor() -> impl IntoView {
    let lang = use_lang();
    let id = use_params_map().with_untracked(|params| params.get("id"));
    let saved = use_notice().is_some();
    let header = view! {
        <PrivateNav current="/admin/news" />
        <p class="breadcrumbs"><a href="/admin/news">{t(lang, "Tin tức", "News")}</a></p>
    };
    match id.map(|id| id.parse::<i64>()) {
        None => view! {
            <Title text=t(lang, "Viết bài mới", "Write a post") />
            {header}
            <h1>{t(lang, "Viết bài mới", "Write a post")}</h1>
            <PostForm action=admin::create_post() form=None />
        }
        .into_any(),
        Some(Ok(id)) => view! {
            <Title text=t(lang, "Sửa bài", "Edit a post") />
            {header}
            {saved.then(|| view! { <Saved text=t(lang, "Đã lưu.", "Saved.") /> })}
            <Suspense>
                {OnePass::after(async move {
                    guarded(get_news_record(id).await, lang, |record: NewsRecord| {
                        let public = record.state == NewsState::Published;
                        let when = record.published_at.map(LocalTime::shown).unwrap_or_default();
                        view! {
                            <h1>{record.form.title.clone()}</h1>
                            <p class="muted">
                                <span class=format!("status status-{}", record.state)>{record.state.label(lang)}</span>
                                {(!when.is_empty()).then(|| format!(" · {when}"))}
                                {public.then(|| view! {
                                    " · "<a href=format!("/news/{}", record.slug)>{t(lang, "Trang công khai", "Public page")}</a>
                                })}
                            </p>
                            {record.cover.clone().map(|src| view! {
                                <p><img class="event-cover small" src=src alt=t(lang, "Ảnh bìa hiện tại", "The present cover") width="320" height="180" /></p>
                            })}
                            <PostForm action=admin::post(record.id) form=Some(record.form.clone()) />
                            {(!public && use_echo().preview.is_none()).then(|| view! {
                                <section class="news-preview" aria-labelledby="ban-da-luu">
                                    <h2 id="ban-da-luu">{t(lang, "Bản đã lưu, như người đọc sẽ thấy", "As saved, the way readers will see it")}</h2>
                                    <div class="prose" inner_html=record.body_html></div>
                                </section>
                            })}
                        }.into_any()
                    })
                })}
            </Suspense>
        }
        .into_any(),
        Some(Err(_)) => view! { <crate::pages::not_found::NotFound /> }.into_any(),
    }
}

/// The post's form; shown again after a preview or a refusal, it keeps what was typed.
#[component]
fn PostForm(action: String, form: Option<NewsForm>) -> impl IntoView {
    let lang = use_lang();
    let echo = use_echo();
    let again = echo.is_shown_again();
    let f = form.clone();
    let lines = |slugs: &[String], prefix: &str| {
        slugs
            .iter()
            .map(|slug| format!("/{prefix}/{slug}"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let tags = NewsTag::ALL
        .iter()
        .copied()
        .map(|tag| {
            let field = tag_field(tag);
            let checked = if again {
                echo.values.contains_key(&field)
            } else {
                f.as_ref().is_some_and(|f| f.tags.contains(&tag))
            };
            view! {
                <label class="check"><input type="checkbox" name=field checked=checked />" "{tag.label(lang)}</label>
            }
        })
        .collect_view();
    let (publish, publish_at) = match f.as_ref().map(|f| f.publication) {
        None | Some(Publication::Draft) => ("draft", String::new()),
        Some(Publication::Now) => ("now", String::new()),
        Some(Publication::At(at)) => ("at", at.field()),
    };
    let publish = echo.value("publish").unwrap_or_else(|| publish.to_owned());
    let publish_at = echo.value("publish_at").unwrap_or(publish_at);
    let choices = [
        ("draft", t(lang, "Lưu nháp (chỉ cán bộ thấy)", "Save as a draft (staff only)")),
        ("now", t(lang, "Công bố ngay", "Publish now")),
        ("at", t(lang, "Hẹn giờ công bố vào lúc dưới đây", "Publish at the time below")),
    ]
    .into_iter()
    .map(|(value, label)| {
        let id = format!("f-publish-{value}");
        view! {
            <label class="check" for=id.clone()>
                <input type="radio" id=id.clone() name="publish" value=value checked=publish == value />" "{label}
            </label>
        }
    })
    .collect_view();
    let at_error = echo.error("publish_at", lang);
    let preview = echo.preview.clone();
    view! {
        <FormRefused />
        <form method="post" action=action enctype="multipart/form-data" class="stack-form">
            <TextField name="title" label=t(lang, "Tiêu đề", "Title") value=f.as_ref().map(|f| f.title.clone()).unwrap_or_default() required=true max=200 />
            <TextArea name="summary" label=t(lang, "Tóm tắt (hiện trong danh sách tin và khi chia sẻ)", "Summary (shown in the news list and when shared)") value=f.as_ref().map(|f| f.summary.clone()).unwrap_or_default() max=500 rows=2 />
            <TextArea name="body" label=t(lang, "Nội dung (Markdown: ## tiêu đề mục, **đậm**, - danh sách, [liên kết](https://…))", "Body (Markdown: ## section heading, **bold**, - lists, [links](https://…))") value=f.as_ref().map(|f| f.body.clone()).unwrap_or_default() max=50000 rows=16 />
            <fieldset>
                <legend>{t(lang, "Chủ đề", "Topics")}</legend>
                <div class="checks">{tags}</div>
            </fieldset>
            <fieldset>
                <legend>{t(lang, "Sản phẩm và sự kiện trong bài", "Products and events in the post")}</legend>
                <TextArea name="products" label=t(lang, "Sản phẩm: dán địa chỉ trang sản phẩm, mỗi dòng một (tối đa 12)", "Products: paste each product page's address, one per line (up to 12)") value=f.as_ref().map(|f| lines(&f.products, "products")).unwrap_or_default() max=4000 rows=3 />
                <TextArea name="events" label=t(lang, "Sự kiện: dán địa chỉ trang sự kiện, mỗi dòng một (tối đa 12)", "Events: paste each event page's address, one per line (up to 12)") value=f.as_ref().map(|f| lines(&f.events, "fairs")).unwrap_or_default() max=4000 rows=2 />
            </fieldset>
            <FileField name="cover" label=t(lang, "Ảnh bìa (JPEG, PNG hoặc WebP, tối đa 8 MB)", "Cover photo (JPEG, PNG or WebP, up to 8 MB)") />
            <fieldset>
                <legend>{t(lang, "Công bố", "Publication")}</legend>
                <FieldMessage name="publish" />
                {choices}
                <div class="field">
                    <label for="f-publish_at">{t(lang, "Thời điểm công bố (giờ Việt Nam)", "When to publish (Vietnam time)")}</label>
                    <input id="f-publish_at" name="publish_at" type="datetime-local" value=publish_at
                        aria-invalid=at_error.is_some().then_some("true") aria-describedby="f-publish_at-error" />
                    <p class="field-error" id="f-publish_at-error">{at_error}</p>
                </div>
            </fieldset>
            <div class="row-actions">
                <button type="submit" name="intent" value="preview" class="button secondary">{t(lang, "Xem trước", "Preview")}</button>
                <button type="submit" class="button">{if form.is_some() { t(lang, "Lưu", "Save") } else { t(lang, "Tạo bài", "Create the post") }}</button>
            </div>
        </form>
        {preview.map(|html| view! {
            <section class="news-preview" aria-labelledby="xem-truoc">
                <h2 id="xem-truoc">{t(lang, "Xem trước (chưa lưu)", "Preview (not saved)")}</h2>
                <div class="prose" inner_html=html></div>
            </section>
        })}
    }
}
