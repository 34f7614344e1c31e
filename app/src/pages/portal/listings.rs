//! The producer's listings: the list with review states, and the edit form (new or existing)
//! with photos. Saving sends the listing to staff review.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::portal::{get_editable_listing, own_products};
use crate::components::field::{
    use_notice, FileField, FormRefused, Saved, SelectField, TextArea, TextField,
};
use crate::components::guard::guarded;
use crate::components::one_pass::OnePass;
use crate::components::pagination::Pagination;
use crate::components::private_nav::PrivateNav;
use crate::format::{grouped, score};
use crate::i18n::{t, use_lang, Lang};
use crate::model::form::use_echo;
use crate::model::form::Choice;
use crate::model::ids::ProductId;
use crate::model::listing::MAX_PHOTOS;
use crate::model::notice::Notice;
use crate::model::portal::{EditableListing, Review};
use crate::model::product::ProductStatus;
use crate::model::where_to_buy::{
    OnlineKind, OnlineListing, SalesPoint, SalesPointKind, MAX_ONLINE_LISTINGS, MAX_SALES_POINTS,
};
use crate::pages::not_found::NotFound;
use crate::paths::portal;

fn review_view(lang: Lang, review: &Review) -> AnyView {
    match review {
        Review::Approved => ().into_any(),
        Review::Pending => view! { <span class="badge pending">{t(lang, "Chờ duyệt", "Waiting for review")}</span> }.into_any(),
        Review::Rejected { reason } => view! {
            <span class="badge rejected">{t(lang, "Bị từ chối", "Rejected")}</span>
            <span class="reason">{t(lang, " Lý do: ", " Reason: ")}{reason.clone()}</span>
        }.into_any(),
    }
}

#[component]
pub fn PortalProducts() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map().get_untracked();
    let page = query.get("page");
    let notice = match use_notice() {
        Some(Notice::Sent) => Some(t(lang, "Đã gửi để Văn phòng OCOP duyệt. Trang công khai giữ bản đã duyệt cho đến khi được duyệt.", "Sent for review. The public page keeps the approved version until then.")),
        Some(Notice::Deleted) => Some(t(lang, "Đã xoá bản nháp.", "Draft deleted.")),
        _ => None,
    };
    view! {
        <Title text=t(lang, "Sản phẩm của tôi", "My products") />
        <PrivateNav current="/portal/products" />
        <div class="page-head">
            <h1>{t(lang, "Sản phẩm", "Products")}</h1>
            <p><a class="button" href="/portal/products/new">{t(lang, "Thêm sản phẩm", "Add a product")}</a></p>
        </div>
        {notice.map(|text| view! { <Saved text /> })}
        <Suspense>
            {OnePass::after(async move {
                guarded(own_products(page).await, lang, |products| view! {
                    <ul class="own-list">
                        {products.items.into_iter().map(|product| {
                            let edit = portal::listing(product.id);
                            let hide = portal::hide(product.id);
                            let show = portal::show(product.id);
                            let delete = portal::delete(product.id);
                            view! {
                                <li class="own-item">
                                    {match product.image {
                                        Some(src) => view! { <img src=src alt="" width="96" height="72" loading="lazy" /> }.into_any(),
                                        None => view! { <span class="thumb-empty" aria-hidden="true"></span> }.into_any(),
                                    }}
                                    <div>
                                        <a href=edit class="own-name">{product.name.clone()}</a>
                                        <p class="small-line">{product.status.label(lang)}" "{review_view(lang, &product.review)}</p>
                                    </div>
                                    <div class="own-actions">
                                        {(product.status == ProductStatus::Published).then(|| view! {
                                            <a href=format!("/products/{}", product.slug)>{t(lang, "Xem", "View")}</a>
                                            <form method="post" action=hide><button type="submit" class="link-button">{t(lang, "Ẩn", "Hide")}</button></form>
                                        })}
                                        {(product.status == ProductStatus::Hidden).then(|| view! {
                                            <form method="post" action=show><button type="submit" class="link-button">{t(lang, "Hiện lại", "Show again")}</button></form>
                                        })}
                                        {(product.status == ProductStatus::Draft).then(|| view! {
                                            <a href=delete class="danger-link">{t(lang, "Xoá bản nháp", "Delete draft")}</a>
                                        })}
                                    </div>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                    <Pagination number=products.number per_page=products.per_page total=products.total href=|page| page.of("/portal/products") lang />
                }.into_any())
            })}
        </Suspense>
    }
}

#[component]
pub fn PortalListing() -> impl IntoView {
    let lang = use_lang();
    let id = use_params_map().with_untracked(|params| params.get("id"));
    view! {
        <PrivateNav current="/portal/products" />
        <Suspense>
            {OnePass::after(async move {
                let product_id = match id.as_deref() {
                    None | Some("new") => Ok(None),
                    Some(id) => id.parse::<ProductId>().map(Some).map_err(|_| crate::error::AppError::NotFound),
                };
                let listing = match product_id {
                    Ok(product_id) => get_editable_listing(product_id).await,
                    Err(error) => Err(error),
                };
                guarded(listing, lang, |editable| view! { <ListingForm editable /> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn ListingForm(editable: EditableListing) -> impl IntoView {
    let lang = use_lang();
    let echo = use_echo();
    let listing = editable.listing;
    let (title, action) = match editable.product_id {
        Some(id) => (listing.name.clone(), portal::listing(id)),
        None => (
            t(lang, "Sản phẩm mới", "New product").to_owned(),
            portal::create_listing(),
        ),
    };
    let price = |value: Option<i64>| value.map(|v| grouped(v, lang)).unwrap_or_default();
    let photo_count = editable.photos.len();
    view! {
        <Title text=title.clone() />
        <h1>{title}</h1>
        <p>{editable.status.label(lang)}" "{review_view(lang, &editable.review)}</p>
        {editable.certified.map(|facts| view! {
            <section class="certified-facts" aria-label=t(lang, "Thông tin chứng nhận", "Certification")>
                <p>
                    <strong>{facts.stars.get()}" ★"</strong>" · "{t(lang, "Điểm ", "Score ")}{score(facts.score, lang)}
                    " · "{t(lang, "Giấy chứng nhận số ", "Certificate no. ")}{facts.number}
                    " · "{t(lang, "hết hạn ", "expires ")}{facts.expires_on.shown()}
                </p>
                <p class="hint">{t(lang, "Hạng sao, điểm và giấy chứng nhận do Hội đồng đánh giá OCOP quyết định; nhà sản xuất không sửa được.", "Stars, score and certificate are decided by the OCOP council; producers cannot change them.")}</p>
                {editable.product_id.map(|id| view! {
                    <p><a href=portal::stamps(id)>{t(lang, "In tem OCOP có mã QR kiểm tra", "Print OCOP stamps with their checking QR code")}</a></p>
                })}
            </section>
        })}
        <FormRefused />
        <form method="post" action=action enctype="multipart/form-data" class="stack-form">
            <TextField name="name" label=t(lang, "Tên sản phẩm", "Product name") value=listing.name.clone() required=true max=200 />
            <SelectField name="set_id" label=t(lang, "Bộ sản phẩm", "Product set") choices=editable.sets selected=listing.set_id required=true />
            <TextArea name="description" label=t(lang, "Mô tả", "Description") value=listing.description.clone() max=5000 rows=6 />
            <TextArea name="ingredients" label=t(lang, "Thành phần", "Ingredients") value=listing.ingredients.clone() />
            <TextArea name="specifications" label=t(lang, "Quy cách, tiêu chuẩn", "Specifications") value=listing.specifications.clone() />
            <div class="field-row">
                <TextField name="packaging" label=t(lang, "Đóng gói", "Packaging") value=listing.packaging.clone() max=500 />
                <TextField name="shelf_life" label=t(lang, "Hạn sử dụng", "Shelf life") value=listing.shelf_life.clone() />
            </div>
            <div class="field-row">
                <TextField name="price_min" label=t(lang, "Giá thấp nhất (₫)", "Lowest price (₫)") value=price(listing.price_min) max=20 hint=t(lang, "Ví dụ 125.000", "e.g. 125.000") />
                <TextField name="price_max" label=t(lang, "Giá cao nhất (₫)", "Highest price (₫)") value=price(listing.price_max) max=20 />
            </div>
            <TextField name="price_unit" label=t(lang, "Đơn vị tính", "Unit") value=listing.price_unit.clone() max=50 hint=t(lang, "Ví dụ: chai 500 ml", "e.g. 500 ml bottle") />
            <SalesPointRows points=listing.sales_points.clone() communes=editable.communes.clone() lang />
            <OnlineRows listings=listing.online_listings.clone() lang />
            <TextArea name="where_to_buy" label=t(lang, "Cách mua khác (đặt qua điện thoại, Zalo…)", "Other ways to buy (by phone, Zalo…)") value=listing.where_to_buy.clone() />
            <TextField name="gtin" label=t(lang, "Mã GTIN (số dưới mã vạch)", "GTIN (the number under the barcode)") value=listing.gtin.as_ref().map(|gtin| gtin.shown().to_owned()).unwrap_or_default() max=20
                hint=t(lang, "Nếu sản phẩm có mã vạch GS1 Việt Nam (bắt đầu bằng 893): mã QR của sản phẩm sẽ theo chuẩn GS1 Digital Link. Để trống nếu chưa có.", "If the product has a GS1 Vietnam barcode (starting 893): its QR code becomes a GS1 Digital Link. Leave empty if it has none.") />
            <fieldset class="photos">
                <legend>{t(lang, "Ảnh sản phẩm", "Photos")}</legend>
                <ul class="photo-list">
                    {editable.photos.into_iter().enumerate().map(|(index, photo)| {
                        let alt_name = format!("photo-{index}-alt");
                        let alt = echo.value(&alt_name).unwrap_or(photo.alt.clone());
                        let alt_error = echo.error(&alt_name, lang);
                        view! {
                            <li class="photo-item">
                                <img src=photo.src alt="" width="120" height="90" />
                                <div class="field">
                                    <label for=format!("f-{alt_name}")>{t(lang, "Mô tả ảnh (cho người khiếm thị)", "Alt text (for blind readers)")}</label>
                                    <input id=format!("f-{alt_name}") name=alt_name.clone() value=alt maxlength="200" required=true
                                        aria-invalid=alt_error.is_some().then_some("true") aria-describedby=format!("f-{alt_name}-error") />
                                    <p class="field-error" id=format!("f-{alt_name}-error")>{alt_error}</p>
                                </div>
                                <div class="field small-field">
                                    <label for=format!("f-photo-{index}-order")>{t(lang, "Thứ tự", "Order")}</label>
                                    <input id=format!("f-photo-{index}-order") name=format!("photo-{index}-order") type="number" min="1" max=MAX_PHOTOS.to_string() value=(index + 1).to_string() />
                                </div>
                                <label class="check"><input type="checkbox" name=format!("photo-{index}-remove") />" "{t(lang, "Bỏ ảnh này", "Remove")}</label>
                            </li>
                        }
                    }).collect_view()}
                </ul>
                {(photo_count < MAX_PHOTOS).then(|| {
                    view! {
                        <FileField name="new_photo" label=t(lang, "Thêm ảnh (JPEG, PNG hoặc WebP, tối đa 8 MB)", "Add a photo (JPEG, PNG or WebP, up to 8 MB)") />
                        <TextField name="new_photo_alt" label=t(lang, "Mô tả ảnh mới", "Alt text of the new photo") value="" hint=t(lang, "Ví dụ: Chai nước mắm 500 ml trên nền gỗ", "e.g. A 500 ml bottle of fish sauce on wood") />
                    }
                })}
            </fieldset>
            <button type="submit" class="button">{t(lang, "Gửi duyệt", "Submit for review")}</button>
        </form>
    }
}

/// Deleting cannot be undone: the list links here, and only this page's button deletes.
#[component]
pub fn PortalDeleteDraft() -> impl IntoView {
    let lang = use_lang();
    let id = use_params_map()
        .with_untracked(|params| params.get("id").and_then(|id| id.parse::<ProductId>().ok()));
    view! {
        <Title text=t(lang, "Xoá bản nháp", "Delete draft") />
        <PrivateNav current="/portal/products" />
        <Suspense>
            {OnePass::after(async move {
                let listing = match id {
                    Some(id) => get_editable_listing(Some(id)).await,
                    None => Err(crate::error::AppError::NotFound),
                };
                guarded(listing, lang, |editable| {
                    let Some(id) = editable.product_id else {
                        return view! { <NotFound /> }.into_any();
                    };
                    if editable.status != ProductStatus::Draft {
                        return view! {
                            <h1>{editable.listing.name}</h1>
                            <p>{t(lang, "Sản phẩm đã được duyệt thì không xoá được; bạn có thể ẩn nó khỏi trang công khai.", "An approved product cannot be deleted; you can hide it from the public instead.")}</p>
                            <p><a href="/portal/products">{t(lang, "← Về danh sách sản phẩm", "← Back to the products")}</a></p>
                        }.into_any();
                    }
                    view! {
                        <h1>{t(lang, "Xoá bản nháp “", "Delete the draft “")}{editable.listing.name}"”?"</h1>
                        <p>{t(lang, "Bản nháp và các đề xuất của nó sẽ bị xoá hẳn, không khôi phục được.", "The draft and its proposals will be deleted for good.")}</p>
                        <form method="post" action=portal::delete(id) class="inline-form">
                            <button type="submit" class="button danger">{t(lang, "Xoá hẳn", "Delete")}</button>
                            <a href="/portal/products">{t(lang, "Không, quay lại", "No, go back")}</a>
                        </form>
                    }.into_any()
                })
            })}
        </Suspense>
    }
}

/// A text input of a row of the form (`point-0-name`...), shown again with what was typed and
/// its message when the form was refused.
fn row_field(
    field: String,
    label: &'static str,
    value: String,
    max: usize,
    lang: Lang,
) -> impl IntoView {
    let echo = use_echo();
    let value = echo.value(&field).unwrap_or(value);
    let error = echo.error(&field, lang);
    view! {
        <div class="field">
            <label for=format!("f-{field}")>{label}</label>
            <input id=format!("f-{field}") name=field.clone() value=value maxlength=max.to_string()
                aria-invalid=error.is_some().then_some("true") aria-describedby=format!("f-{field}-error") />
            <p class="field-error" id=format!("f-{field}-error")>{error}</p>
        </div>
    }
}

/// A select of a row of the form, with its message when refused.
fn row_select(
    field: String,
    label: &'static str,
    options: Vec<(String, String)>,
    selected: String,
    lang: Lang,
) -> impl IntoView {
    let echo = use_echo();
    let selected = echo.value(&field).unwrap_or(selected);
    let error = echo.error(&field, lang);
    view! {
        <div class="field">
            <label for=format!("f-{field}")>{label}</label>
            <select id=format!("f-{field}") name=field.clone() aria-invalid=error.is_some().then_some("true") aria-describedby=format!("f-{field}-error")>
                {options.into_iter().map(|(value, text)| {
                    let chosen = value == selected;
                    view! { <option value=value selected=chosen>{text}</option> }
                }).collect_view()}
            </select>
            <p class="field-error" id=format!("f-{field}-error")>{error}</p>
        </div>
    }
}

/// The sales points, one row each and an empty one to add another (saving shows a new empty
/// row: no script needed).
#[component]
fn SalesPointRows(points: Vec<SalesPoint>, communes: Vec<Choice>, lang: Lang) -> impl IntoView {
    let rows = points.len().min(MAX_SALES_POINTS - 1) + 1;
    let kinds: Vec<(String, String)> = SalesPointKind::ALL
        .iter()
        .map(|kind| (kind.as_db().to_owned(), kind.label(lang).to_owned()))
        .collect();
    let mut units: Vec<(String, String)> =
        vec![(String::new(), t(lang, "— Chọn —", "— Choose —").to_owned())];
    units.extend(
        communes
            .iter()
            .map(|choice| (choice.id.to_string(), choice.label(lang).to_owned())),
    );
    view! {
        <fieldset class="where-rows">
            <legend>{t(lang, "Nơi bán", "Sales points")}</legend>
            <p class="hint">{t(lang,
                "Cửa hàng, quầy chợ, điểm dừng chân… nơi người mua đến mua được. Để trống hàng cuối nếu không thêm; lưu xong sẽ có hàng trống mới.",
                "Shops, market stalls, roadside stops… where buyers can come and buy. Leave the last row empty to add none; after saving a new empty row appears.")}</p>
            {(0..rows).map(|index| {
                let point = points.get(index);
                let field = |part: &str| format!("point-{index}-{part}");
                view! {
                    <div class="where-row">
                        {row_select(field("kind"), t(lang, "Loại", "Kind"), kinds.clone(), point.map(|p| p.kind.as_db().to_owned()).unwrap_or_default(), lang)}
                        {row_field(field("name"), t(lang, "Tên nơi bán", "Name"), point.map(|p| p.name.clone()).unwrap_or_default(), 200, lang)}
                        {row_field(field("address"), t(lang, "Địa chỉ", "Address"), point.map(|p| p.address.clone()).unwrap_or_default(), 300, lang)}
                        {row_select(field("unit_id"), t(lang, "Xã, phường", "Commune or ward"), units.clone(), point.map(|p| p.unit_id.to_string()).unwrap_or_default(), lang)}
                        {row_field(field("directions"), t(lang, "Đường đi (liên kết bản đồ, không bắt buộc)", "Directions (a map link, optional)"), point.and_then(|p| p.directions.clone()).unwrap_or_default(), 500, lang)}
                        {point.is_some().then(|| view! {
                            <label class="check"><input type="checkbox" name=field("remove") />" "{t(lang, "Bỏ nơi bán này", "Remove")}</label>
                        })}
                    </div>
                }
            }).collect_view()}
        </fieldset>
    }
}

/// The online listings, as the sales points.
#[component]
fn OnlineRows(listings: Vec<OnlineListing>, lang: Lang) -> impl IntoView {
    let rows = listings.len().min(MAX_ONLINE_LISTINGS - 1) + 1;
    let kinds: Vec<(String, String)> = OnlineKind::ALL
        .iter()
        .map(|kind| (kind.as_db().to_owned(), kind.label(lang).to_owned()))
        .collect();
    view! {
        <fieldset class="where-rows">
            <legend>{t(lang, "Bán trực tuyến", "Sold online")}</legend>
            <p class="hint">{t(lang,
                "Trang của sản phẩm trên sàn thương mại điện tử (Shopee, Postmart…), cửa hàng trực tuyến của chủ thể. Địa chỉ bắt đầu bằng https://.",
                "The product's page on a marketplace (Shopee, Postmart…), the producer's online shop. Addresses start with https://.")}</p>
            {(0..rows).map(|index| {
                let online = listings.get(index);
                let field = |part: &str| format!("online-{index}-{part}");
                view! {
                    <div class="where-row">
                        {row_select(field("kind"), t(lang, "Loại", "Kind"), kinds.clone(), online.map(|o| o.kind.as_db().to_owned()).unwrap_or_default(), lang)}
                        {row_field(field("url"), t(lang, "Địa chỉ web", "Web address"), online.map(|o| o.url.clone()).unwrap_or_default(), 500, lang)}
                        {row_field(field("label"), t(lang, "Tên hiển thị (không bắt buộc)", "Shown as (optional)"), online.map(|o| o.label.clone()).unwrap_or_default(), 100, lang)}
                        {online.is_some().then(|| view! {
                            <label class="check"><input type="checkbox" name=field("remove") />" "{t(lang, "Bỏ trang này", "Remove")}</label>
                        })}
                    </div>
                }
            }).collect_view()}
        </fieldset>
    }
}
