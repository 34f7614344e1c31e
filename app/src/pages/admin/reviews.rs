//! The review queue: listings producers proposed, oldest first, and one proposal beside the
//! approved version, to approve or reject with a reason.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::admin::{get_review, review_queue};
use crate::components::field::{use_notice, FormRefused, Saved, TextArea};
use crate::components::guard::guarded;
use crate::components::one_pass::OnePass;
use crate::components::pagination::Pagination;
use crate::components::private_nav::PrivateNav;
use crate::format::price_range;
use crate::i18n::{t, use_lang, Lang};
use crate::model::form::Choice;
use crate::model::listing::Listing;
use crate::model::listing::RevisionStatus;
use crate::model::notice::Notice;
use crate::model::portal::Photo;
use crate::paths::admin;

#[component]
pub fn ReviewQueue() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map().get_untracked();
    let page = query.get("page");
    let notice = match use_notice() {
        Some(Notice::Approved) => Some(t(
            lang,
            "Đã duyệt: trang công khai đã cập nhật.",
            "Approved: the public page is updated.",
        )),
        Some(Notice::Rejected) => Some(t(
            lang,
            "Đã từ chối; nhà sản xuất sẽ thấy lý do.",
            "Rejected; the producer will see the reason.",
        )),
        _ => None,
    };
    view! {
        <Title text=t(lang, "Duyệt sản phẩm", "Reviews") />
        <PrivateNav current="/admin/reviews" />
        <h1>{t(lang, "Sản phẩm chờ duyệt", "Listings waiting for review")}</h1>
        {notice.map(|text| view! { <Saved text /> })}
        <Suspense>
            {OnePass::after(async move {
                guarded(review_queue(page).await, lang, |queue| view! {
                    {if queue.items.is_empty() {
                        view! { <p class="empty">{t(lang, "Không có gì chờ duyệt.", "Nothing is waiting.")}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="own-list">
                                {queue.items.into_iter().map(|line| view! {
                                    <li class="own-item">
                                        <div>
                                            <a class="own-name" href=format!("/admin/reviews/{}", line.revision_id)>{line.product_name}</a>
                                            <p class="small-line">{line.producer_name}" · "{line.submitted_at.day().shown()}" · "
                                                {if line.is_new { t(lang, "Sản phẩm mới", "New listing") } else { t(lang, "Thay đổi", "Change") }}</p>
                                        </div>
                                    </li>
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                    <Pagination number=queue.number per_page=queue.per_page total=queue.total href=|page| page.of("/admin/reviews") lang />
                }.into_any())
            })}
        </Suspense>
    }
}

fn field_label(lang: Lang, field: &str) -> &'static str {
    match field {
        "name" => t(lang, "Tên", "Name"),
        "set_id" => t(lang, "Bộ sản phẩm", "Product set"),
        "description" => t(lang, "Mô tả", "Description"),
        "ingredients" => t(lang, "Thành phần", "Ingredients"),
        "specifications" => t(lang, "Quy cách", "Specifications"),
        "packaging" => t(lang, "Đóng gói", "Packaging"),
        "shelf_life" => t(lang, "Hạn sử dụng", "Shelf life"),
        "price" => t(lang, "Giá", "Price"),
        "price_unit" => t(lang, "Đơn vị tính", "Unit"),
        "where_to_buy" => t(lang, "Cách mua khác", "Other ways to buy"),
        "gtin" => t(lang, "Mã GTIN (mã vạch)", "GTIN (barcode)"),
        "sales_points" => t(lang, "Nơi bán", "Sales points"),
        "online_listings" => t(lang, "Bán trực tuyến", "Sold online"),
        _ => t(lang, "Ảnh", "Photos"),
    }
}

fn shown(lang: Lang, listing: &Listing, field: &str, sets: &[Choice]) -> String {
    match field {
        "set_id" => sets
            .iter()
            .find(|s| s.id == listing.set_id)
            .map(|s| s.label(lang).to_owned())
            .unwrap_or_default(),
        "price" => price_range(listing.price_min, listing.price_max, lang).unwrap_or_default(),
        // One line each: the reviewer reads every link in full before it goes public.
        "sales_points" => listing
            .sales_points
            .iter()
            .map(|point| {
                format!(
                    "{} · {}: {}, {}{}",
                    point.kind.label(lang),
                    point.name,
                    point.address,
                    point.unit_name,
                    point
                        .directions
                        .as_deref()
                        .map(|href| format!(" · {href}"))
                        .unwrap_or_default()
                )
            })
            .collect::<Vec<_>>()
            .join("\n"),
        "online_listings" => listing
            .online_listings
            .iter()
            .map(|online| {
                format!(
                    "{} · {}: {}",
                    online.kind.label(lang),
                    online.label,
                    online.url
                )
            })
            .collect::<Vec<_>>()
            .join("\n"),
        other => listing.text(other).to_owned(),
    }
}

fn photo_strip(photos: Vec<Photo>) -> impl IntoView {
    view! {
        <div class="photo-strip">
            {photos.into_iter().map(|photo| view! { <figure><img src=photo.src alt=photo.alt.clone() width="120" height="90" /><figcaption>{photo.alt}</figcaption></figure> }).collect_view()}
        </div>
    }
}

#[component]
pub fn ReviewPage() -> impl IntoView {
    let lang = use_lang();
    let id = use_params_map()
        .with_untracked(|params| params.get("id").and_then(|id| id.parse::<i64>().ok()));
    view! {
        <Title text=t(lang, "Duyệt sản phẩm", "Review") />
        <PrivateNav current="/admin/reviews" />
        <Suspense>
            {OnePass::after(async move {
                let detail = match id {
                    Some(id) => get_review(id).await,
                    None => Err(crate::error::AppError::NotFound),
                };
                guarded(detail, lang, |review| {
                    let fields: Vec<String> = if review.is_new {
                        ["name", "set_id", "description", "ingredients", "specifications", "packaging", "shelf_life", "price", "price_unit", "where_to_buy", "gtin", "sales_points", "online_listings"]
                            .into_iter().map(str::to_owned).collect()
                    } else {
                        review.changed.iter().filter(|f| f.as_str() != "images").cloned().collect()
                    };
                    let photos_changed = review.changed.iter().any(|f| f == "images");
                    let pending = review.status == RevisionStatus::Pending;
                    view! {
                        <h1>{review.proposed.name.clone()}</h1>
                        <p class="muted">
                            {review.producer_name.clone()}" · "{review.submitted_by.clone()}" · "{review.submitted_at.day().shown()}" · "
                            {if review.is_new { t(lang, "Sản phẩm mới", "New listing") } else { t(lang, "Thay đổi sản phẩm đã duyệt", "Change to an approved listing") }}
                        </p>
                        {(!review.is_new).then(|| view! { <p><a href=format!("/products/{}", review.product_slug)>{t(lang, "Xem trang công khai hiện tại", "See the current public page")}</a></p> })}
                        {(fields.is_empty() && !photos_changed).then(|| view! { <p class="empty">{t(lang, "Không có thay đổi nào.", "Nothing changed.")}</p> })}
                        <table class="diff">
                            <caption class="visually-hidden">{t(lang, "Các mục thay đổi", "Changed fields")}</caption>
                            <thead><tr>
                                <th scope="col">{t(lang, "Mục", "Field")}</th>
                                {(!review.is_new).then(|| view! { <th scope="col">{t(lang, "Đang công khai", "Public now")}</th> })}
                                <th scope="col">{t(lang, "Đề xuất", "Proposed")}</th>
                            </tr></thead>
                            <tbody>
                                {fields.into_iter().map(|field| view! {
                                    <tr>
                                        <th scope="row">{field_label(lang, &field)}</th>
                                        {(!review.is_new).then(|| view! { <td class="before">{shown(lang, &review.current, &field, &review.sets)}</td> })}
                                        <td class="after">{shown(lang, &review.proposed, &field, &review.sets)}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                        {(photos_changed || review.is_new).then(|| view! {
                            <h2>{t(lang, "Ảnh", "Photos")}</h2>
                            {(!review.is_new).then(|| view! { <h3>{t(lang, "Đang công khai", "Public now")}</h3>{photo_strip(review.current_photos.clone())} })}
                            <h3>{t(lang, "Đề xuất", "Proposed")}</h3>
                            {photo_strip(review.proposed_photos.clone())}
                        })}
                        {if pending {
                            view! {
                                <div class="review-actions">
                                    <form method="post" action=admin::approve(review.revision_id)>
                                        <button type="submit" class="button">{t(lang, "Duyệt và công khai", "Approve and publish")}</button>
                                    </form>
                                    <FormRefused />
                                    <form method="post" action=admin::review(review.revision_id) class="stack-form">
                                        <TextArea name="reason" label=t(lang, "Lý do từ chối (nhà sản xuất sẽ thấy)", "Reason for rejecting (the producer sees it)") value="" required=true rows=3 />
                                        <button type="submit" class="button secondary">{t(lang, "Từ chối", "Reject")}</button>
                                    </form>
                                </div>
                            }.into_any()
                        } else {
                            view! { <p class="muted">{t(lang, "Đề xuất này đã được xử lý: ", "This proposal was decided: ")}{review.status.decision_label(lang)}{review.reason.clone().map(|r| format!(" — {r}"))}</p> }.into_any()
                        }}
                    }.into_any()
                })
            })}
        </Suspense>
    }
}
