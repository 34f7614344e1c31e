//! A product's page `/products/{slug}`: what it is, its certificate, who makes it and how to
//! reach them, where it will be shown, and products like it.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

use crate::api::products::product_detail;
use crate::components::found::found_view;
use crate::components::illustration::Illustration;
use crate::components::inquiry_form::{InquiryForm, Posted};
use crate::components::one_pass::OnePass;
use crate::components::producer_contact::ProducerContact;
use crate::components::product_card::{ProductCardView, StarBadge};
use crate::components::qr::QrCode;
use crate::format::{price_range, score};
use crate::i18n::{t, use_lang, Lang};
use crate::model::detail::{CertificateFacts, ProductDetail};
use crate::model::inquiry::About;
use crate::model::verification;
use crate::model::where_to_buy::{OnlineListing, SalesPoint};
use crate::site::use_public_url;

#[component]
pub fn ProductPage() -> impl IntoView {
    let lang = use_lang();
    let slug = use_params_map().with_untracked(|params| params.get("slug").unwrap_or_default());
    let public_url = use_public_url();
    view! {
        <Suspense>
            {OnePass::after(async move {
                found_view(product_detail(slug).await, lang, |product| {
                    let url = public_url.join(&format!("/products/{}", product.slug));
                    // Absolute, as a printed code must be.
                    let scan_url = public_url.join(&verification::scan_path(
                        product.gtin.as_ref(),
                        product.certificate.as_ref().map(|c| c.certificate_no.as_str()),
                        &product.slug,
                    ));
                    view! { <ProductView product url scan_url lang /> }.into_any()
                })
            })}
        </Suspense>
    }
}

fn json_ld(product: &ProductDetail, url: &str) -> String {
    let mut value = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "Product",
        "name": product.name,
        "description": product.description,
        "url": url,
        "category": product.set_name_vi,
        "brand": { "@type": "Organization", "name": product.producer.name },
    });
    if let Some(certificate) = &product.certificate {
        if !certificate.expired {
            value["award"] = serde_json::json!(format!("OCOP {} sao", certificate.stars));
        }
    }
    let base = url
        .strip_suffix(&format!("/products/{}", product.slug))
        .unwrap_or("");
    if let Some(gtin) = &product.gtin {
        value["gtin"] = serde_json::json!(gtin.as_str());
        value["hasGS1DigitalLink"] =
            serde_json::json!(format!("{base}{}", gtin.digital_link_path()));
    }
    if let Some(image) = product.images.first() {
        value["image"] = serde_json::json!(format!("{base}{}", image.src));
    }
    if let (Some(low), Some(high)) = (product.price_min, product.price_max) {
        value["offers"] = serde_json::json!({
            "@type": "AggregateOffer", "priceCurrency": "VND", "lowPrice": low, "highPrice": high
        });
    }
    script_json(&value)
}

/// JSON to put inside a `<script>` element: `<`, `>` and `&` written as JSON escapes, so no
/// text in the data (`</script>`, `<!--`) can end the element or change how it is read.
fn script_json(value: &serde_json::Value) -> String {
    value
        .to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

#[component]
fn ProductView(product: ProductDetail, url: String, scan_url: String, lang: Lang) -> impl IntoView {
    let (group, set) = match lang {
        Lang::Vi => (product.group_name_vi.clone(), product.set_name_vi.clone()),
        Lang::En => (product.group_name_en.clone(), product.set_name_en.clone()),
    };
    let star_text = product
        .certificate
        .as_ref()
        .filter(|c| !c.expired)
        .map(|c| match lang {
            Lang::Vi => format!("Sản phẩm OCOP {} sao. ", c.stars),
            Lang::En => format!("{}-star OCOP product. ", c.stars),
        })
        .unwrap_or_default();
    let summary: String = product.description.chars().take(160).collect();
    let description = format!("{star_text}{summary}");
    let price = price_range(product.price_min, product.price_max, lang).map(|price| {
        let unit = (!product.price_unit.is_empty()).then(|| format!(" / {}", product.price_unit));
        view! { <p class="price big">{price}<span class="unit">{unit}</span></p> }
    });
    let facts = [
        (
            t(lang, "Thành phần", "Ingredients"),
            product.ingredients.clone(),
        ),
        (
            t(lang, "Quy cách, thông số", "Specifications"),
            product.specifications.clone(),
        ),
        (t(lang, "Đóng gói", "Packaging"), product.packaging.clone()),
        (
            t(lang, "Hạn sử dụng", "Shelf life"),
            product.shelf_life.clone(),
        ),
        (
            t(lang, "Cách mua khác", "Other ways to buy"),
            product.where_to_buy.clone(),
        ),
    ]
    .into_iter()
    .filter(|(_, value)| !value.trim().is_empty())
    .map(|(label, value)| view! { <dt>{label}</dt><dd>{value}</dd> })
    .collect_view();
    let json_ld = json_ld(&product, &url);
    let qr_label = match lang {
        Lang::Vi => format!("Mã QR kiểm tra chứng nhận OCOP của {}", product.name),
        Lang::En => format!("QR code checking the OCOP certificate of {}", product.name),
    };
    let producer = product.producer.clone();
    let fairs = product.fairs.clone();
    let related = product.related.clone();
    let certificate = product.certificate.clone();

    view! {
        <Title text=product.name.clone() />
        <Meta name="description" content=description.clone() />
        <Meta property="og:type" content="product" />
        <Meta property="og:title" content=format!("{}{}", product.name, certificate.as_ref().filter(|c| !c.expired).map(|c| format!(" · OCOP {}★", c.stars)).unwrap_or_default()) />
        <Meta property="og:description" content=description />
        <Meta property="og:url" content=url.clone() />
        {product.images.first().map(|image| {
            let base = url.strip_suffix(&format!("/products/{}", product.slug)).unwrap_or("").to_owned();
            view! { <Meta property="og:image" content=format!("{base}{}", image.src) /> }
        })}
        <script type="application/ld+json" inner_html=json_ld></script>
        <nav class="breadcrumbs" aria-label=t(lang, "Vị trí", "Breadcrumbs")>
            <a href="/products">{t(lang, "Sản phẩm", "Products")}</a>
            " › "
            <a href=format!("/products?group={}", product.group_slug)>{group.clone()}</a>
            " › "
            <a href=format!("/products?group={}&set={}", product.group_slug, product.set_slug)>{set.clone()}</a>
        </nav>
        <article class="product-page">
            <div class="product-main">
                <Gallery images=product.images.clone() name=product.name.clone() set_slug=product.set_slug.clone() />
                <div class="product-summary">
                    {certificate.as_ref().filter(|c| !c.expired).map(|c| view! { <StarBadge stars=c.stars lang /> })}
                    <h1>{product.name.clone()}</h1>
                    <p class="group">{group}" · "{set}</p>
                    {price}
                    <p>{product.description.clone()}</p>
                    <a class="button" href="#contact">{t(lang, "Liên hệ nhà sản xuất", "Contact the producer")}</a>
                </div>
            </div>
            {certificate.map(|certificate| view! { <CertificateBox certificate lang /> })}
            {(product.certificate_history.len() > 1 || product.certificate_history.iter().any(|c| c.revoked_on.is_some())).then(|| view! {
                <section class="certificate-history">
                    <h2>{t(lang, "Lịch sử chứng nhận", "Certificate history")}</h2>
                    <ul>
                        {product.certificate_history.iter().map(|c| {
                            let state = match (&c.revoked_on, c.expired) {
                                (Some(day), _) => format!("{} {}{}", t(lang, "thu hồi ngày", "revoked on"), day.shown(),
                                    c.revoke_reason.as_deref().map(|r| format!(": {r}")).unwrap_or_default()),
                                (None, true) => format!("{} {}", t(lang, "hết hạn ngày", "expired on"), c.expires_on.shown()),
                                (None, false) => format!("{} {}", t(lang, "hiệu lực đến", "valid until"), c.expires_on.shown()),
                            };
                            view! {
                                <li><a href=verification::path(&c.certificate_no)>{c.certificate_no.clone()}</a>" · "{format!("{} ★", c.stars)}" · "{c.outcome.label(lang)}" · "
                                    {c.issued_on.shown()}" · "{state}</li>
                            }
                        }).collect_view()}
                    </ul>
                </section>
            })}
            <WhereToBuy points=product.sales_points.clone() online=product.online_listings.clone() lang />
            <section class="product-facts">
                <h2>{t(lang, "Thông tin sản phẩm", "Product information")}</h2>
                <dl class="facts">{facts}</dl>
            </section>
            <section class="producer-card" id="contact">
                <h2>{t(lang, "Nhà sản xuất", "Producer")}</h2>
                <ProducerContact producer lang link_name=true />
                <h3>{t(lang, "Gửi câu hỏi cho nhà sản xuất", "Ask the producer")}</h3>
                <InquiryForm about=About::Product slug=product.slug.clone() lang posted=Posted::of_request() />
            </section>
            <section class="share">
                <h2>{t(lang, "Mã QR của sản phẩm", "The product's QR code")}</h2>
                <p>{t(lang,
                    "Quét mã để kiểm tra hạng sao OCOP của sản phẩm còn hiệu lực hay không. Mã vẫn đúng khi trang sản phẩm đổi địa chỉ.",
                    "Scan the code to check whether the product's OCOP star is still valid. The code keeps working when the product's page moves.")}</p>
                <QrCode url=scan_url.clone() label=qr_label />
                <p class="muted small"><a href=scan_url.clone()>{scan_url.clone()}</a></p>
                {product.gtin.as_ref().map(|gtin| view! { <p class="muted small">{format!("GTIN {}", gtin.shown())}</p> })}
            </section>
            {(!fairs.is_empty()).then(|| view! {
                <section class="product-fairs">
                    <h2>{t(lang, "Sắp trưng bày tại", "Coming to these fairs")}</h2>
                    <ul>
                        {fairs.into_iter().map(|fair| view! {
                            <li>
                                <a href=format!("/fairs/{}", fair.slug)>{fair.name}</a>
                                <span class="muted">{format!(" · {} – {} · {}", fair.starts_on.shown(), fair.ends_on.shown(), fair.location)}</span>
                            </li>
                        }).collect_view()}
                    </ul>
                </section>
            })}
            {(!related.is_empty()).then(|| view! {
                <section class="related">
                    <h2>{t(lang, "Sản phẩm cùng loại", "Similar products")}</h2>
                    <ul class="product-grid">
                        {related.into_iter().map(|card| view! { <ProductCardView card lang /> }).collect_view()}
                    </ul>
                </section>
            })}
        </article>
    }
}

/// The producer's photos, the first one large; its product set's drawing when there are none yet.
#[component]
fn Gallery(
    images: Vec<crate::model::product::Image>,
    name: String,
    set_slug: String,
) -> impl IntoView {
    if images.is_empty() {
        return view! {
            <div class="gallery" aria-hidden="true">
                <div class="card-photo big"><Illustration set_slug name /></div>
            </div>
        }
        .into_any();
    }
    view! {
        <div class="gallery">
            {images.into_iter().enumerate().map(|(index, image)| view! {
                <img class=if index == 0 { "main-photo" } else { "thumb" } src=image.src alt=image.alt
                    loading=if index == 0 { "eager" } else { "lazy" } decoding="async" />
            }).collect_view()}
        </div>
    }
    .into_any()
}

#[component]
fn CertificateBox(certificate: CertificateFacts, lang: Lang) -> impl IntoView {
    let status = if certificate.expired {
        view! {
            <p class="expired" role="note">
                {match lang {
                    Lang::Vi => format!("Chứng nhận đã hết hiệu lực ngày {}.", certificate.expires_on.shown()),
                    Lang::En => format!("The certificate expired on {}.", certificate.expires_on.shown()),
                }}
            </p>
        }
        .into_any()
    } else {
        view! {
            <p class="valid">
                {match lang {
                    Lang::Vi => format!("Còn hiệu lực đến {}.", certificate.expires_on.shown()),
                    Lang::En => format!("Valid until {}.", certificate.expires_on.shown()),
                }}
            </p>
        }
        .into_any()
    };
    let decision = match (&certificate.decision_no, &certificate.decision_date) {
        (Some(number), Some(day)) => format!("{number} ({})", day.shown()),
        (Some(number), None) => number.clone(),
        _ => "—".to_owned(),
    };
    view! {
        <section class=if certificate.expired { "certificate expired-box" } else { "certificate" }>
            <h2>{t(lang, "Chứng nhận OCOP", "OCOP certificate")}</h2>
            {status}
            <dl class="facts">
                <dt>{t(lang, "Hạng", "Rating")}</dt>
                <dd>{match lang { Lang::Vi => format!("{} sao", certificate.stars), Lang::En => format!("{} stars", certificate.stars) }}</dd>
                <dt>{t(lang, "Điểm đánh giá", "Score")}</dt>
                <dd>{format!("{}/100", score(certificate.score, lang))}</dd>
                <dt>{t(lang, "Cấp công nhận", "Recognised by")}</dt>
                <dd>{certificate.council_label(lang)}</dd>
                <dt>{t(lang, "Quyết định", "Decision")}</dt>
                <dd>{decision}</dd>
                <dt>{t(lang, "Số chứng nhận", "Certificate number")}</dt>
                <dd><a href=verification::path(&certificate.certificate_no)>{certificate.certificate_no.clone()}</a></dd>
                <dt>{t(lang, "Thời hạn", "Validity")}</dt>
                <dd>{format!("{} – {}", certificate.issued_on.shown(), certificate.expires_on.shown())}</dd>
            </dl>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::script_json;

    #[test]
    fn no_text_in_the_data_can_end_the_script_element() {
        let value = serde_json::json!({
            "name": "Nước mắm </script><script>alert(1)</script> <!-- & -->"
        });
        let written = script_json(&value);
        assert!(!written.contains(['<', '>', '&']), "{written}");
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&written).unwrap(),
            value,
            "it reads back the same"
        );
    }
}

/// A map's search for an address, for a sales point whose producer gave no directions link.
fn map_search(address: &str, commune: &str) -> String {
    format!(
        "https://www.google.com/maps/search/?api=1&query={}",
        crate::model::catalogue::encode(&format!("{address}, {commune}"))
    )
}

/// Where the product is sold: its sales points with their address and commune and a
/// directions link (the producer's, or a map's search for the address), and its online
/// listings. Links leave the site, so they say so and pass no referrer.
#[component]
fn WhereToBuy(points: Vec<SalesPoint>, online: Vec<OnlineListing>, lang: Lang) -> impl IntoView {
    (!points.is_empty() || !online.is_empty()).then(|| view! {
        <section class="where-to-buy" id="where-to-buy">
            <h2>{t(lang, "Nơi bán", "Where to buy")}</h2>
            {(!points.is_empty()).then(|| view! {
                <ul class="sales-points">
                    {points.into_iter().map(|point| view! {
                        <li>
                            <strong>{point.name}</strong>" · "<span class="muted">{point.kind.label(lang)}</span>
                            <br />{format!("{}, {}", point.address, point.unit_name)}
                            " · "<a href=point.directions.clone().unwrap_or_else(|| map_search(&point.address, &point.unit_name))
                                rel="external nofollow noopener noreferrer" target="_blank">{t(lang, "Chỉ đường", "Directions")}</a>
                        </li>
                    }).collect_view()}
                </ul>
            })}
            {(!online.is_empty()).then(|| view! {
                <h3>{t(lang, "Mua trực tuyến", "Buy online")}</h3>
                <ul class="online-listings">
                    {online.into_iter().map(|listing| view! {
                        <li>
                            <a href=listing.url rel="external nofollow noopener noreferrer" target="_blank">{listing.label}</a>
                            " · "<span class="muted">{listing.kind.label(lang)}</span>
                        </li>
                    }).collect_view()}
                </ul>
            })}
        </section>
    })
}
