//! The verification page of a certificate (`/verify/{number}`, or `/verify?number=` from its
//! form): what a scan of a package's QR code, or a number typed from its stamp, answers. It
//! leads with the verdict in one look (a mark and a word, never the colour alone) and in a
//! sentence, then the facts to check the package against. No island: it is plain HTML, light
//! on a cheap phone, and the page cache keeps it for a minute at most, as certificates end
//! with the calendar.

use leptos::prelude::*;
use leptos_meta::{Link, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::verification::{ended_certificates, verify_certificate, verify_gtin};
use crate::components::one_pass::OnePass;
use crate::components::pagination::Pagination;
use crate::error::AppError;
use crate::i18n::{t, use_lang, Lang};
use crate::model::office::Office;
use crate::model::page::{Page, PageNumber};
use crate::model::verification::{
    path, EndedCertificate, EndedKind, Validity, Verification, EXPIRING_DAYS,
};

#[component]
pub fn VerifyPage() -> impl IntoView {
    let lang = use_lang();
    let from_path = use_params_map().with_untracked(|params| params.get("number"));
    let from_form = use_query_map().with_untracked(|query| query.get("number"));
    let number = from_path
        .or(from_form)
        .map(|number| number.trim().to_owned())
        .filter(|number| !number.is_empty());
    let Some(number) = number else {
        return view! {
            <Title text=t(lang, "Kiểm tra giấy chứng nhận OCOP", "Check an OCOP certificate") />
            <section class="verify-page">
                <h1>{t(lang, "Kiểm tra giấy chứng nhận OCOP", "Check an OCOP certificate")}</h1>
                <p>{t(lang,
                    "Quét mã QR trên bao bì, hoặc nhập số giấy chứng nhận in trên tem, để biết hạng sao của sản phẩm còn hiệu lực hay không.",
                    "Scan the QR code on the package, or type the certificate number printed on its stamp, to learn whether the product's star is still valid.")}</p>
                <NumberForm number=String::new() lang />
                <p><a href="/certificates/ended">{t(lang, "Giấy chứng nhận đã thu hồi hoặc hết hiệu lực", "Revoked and expired certificates")}</a></p>
            </section>
        }
        .into_any();
    };
    view! {
        <Suspense>
            {OnePass::after(async move {
                match verify_certificate(number.clone()).await {
                    Ok(found) => view! { <VerificationView found lang /> }.into_any(),
                    Err(AppError::NotFound) => view! { <NoSuchCertificate number lang /> }.into_any(),
                    Err(error) => {
                        let error = error.into_response_status();
                        view! { <p class="error" role="alert">{error.message(lang)}</p> }.into_any()
                    }
                }
            })}
        </Suspense>
    }
    .into_any()
}

/// A number to type, sent as `/verify?number=` (a form without script).
#[component]
fn NumberForm(number: String, lang: Lang) -> impl IntoView {
    view! {
        <form method="get" action="/verify" class="verify-form">
            <label for="f-number">{t(lang, "Số giấy chứng nhận", "Certificate number")}</label>
            <input id="f-number" name="number" value=number maxlength="64" required autocomplete="off" inputmode="text" />
            <button type="submit" class="button">{t(lang, "Kiểm tra", "Check")}</button>
        </form>
    }
}

#[component]
fn VerificationView(found: Verification, lang: Lang) -> impl IntoView {
    let validity = found.validity();
    let office = Office::current();
    let said = found.said(lang);
    let stars = match lang {
        Lang::Vi => format!("{} sao", found.stars),
        Lang::En => format!("{} stars", found.stars),
    };
    let product = match &found.product_slug {
        Some(slug) => {
            view! { <a href=format!("/products/{slug}")>{found.product_name.clone()}</a> }
                .into_any()
        }
        None => found.product_name.clone().into_any(),
    };
    let producer = match &found.producer_slug {
        Some(slug) => {
            view! { <a href=format!("/producers/{slug}")>{found.producer_name.clone()}</a> }
                .into_any()
        }
        None => found.producer_name.clone().into_any(),
    };
    let place = match &found.today_unit {
        Some(today) => format!("{} ({} {today})", found.unit, t(lang, "nay là", "now")),
        None => found.unit.clone(),
    };
    let decision = match (&found.decision_no, found.decision_date) {
        (Some(number), Some(day)) => format!("{number} {} {}", t(lang, "ngày", "of"), day.shown()),
        (Some(number), None) => number.clone(),
        _ => "—".to_owned(),
    };
    let revoked = found.revoke_reason.clone().map(|reason| {
        view! {
            <p class="revoke-reason"><strong>{t(lang, "Lý do thu hồi: ", "Reason for the revocation: ")}</strong>{reason}</p>
        }
    });
    let current = found.current_no.clone().map(|number| {
        view! {
            <p class="verify-current">
                {t(lang, "Sản phẩm này hiện có giấy chứng nhận khác còn hiệu lực: ", "This product now holds another certificate, valid today: ")}
                <a href=path(&number)>{number.clone()}</a>
            </p>
        }
    });
    let title = format!(
        "{} {}",
        t(lang, "Giấy chứng nhận OCOP", "OCOP certificate"),
        found.certificate_no
    );
    view! {
        <Title text=title.clone() />
        <article class="verify-page">
            <p class="verify-kicker">{t(lang, "Kiểm tra giấy chứng nhận OCOP", "OCOP certificate check")}" · "{office.name.get(lang).to_owned()}</p>
            <div class=validity.class() role="status">
                <span class="verdict-mark" aria-hidden="true">{validity.mark()}</span>
                <span class="verdict-word">{validity.headline(lang)}</span>
            </div>
            <h1>{title}</h1>
            <p class="verdict-said">{said}</p>
            {(validity == Validity::Expiring).then(|| view! {
                <p>{match lang {
                    Lang::Vi => format!("Giấy chứng nhận sẽ hết hạn trong vòng {EXPIRING_DAYS} ngày tới."),
                    Lang::En => format!("The certificate ends within the next {EXPIRING_DAYS} days."),
                }}</p>
            })}
            {revoked}
            {current}
            <dl class="facts">
                <dt>{t(lang, "Hạng", "Rating")}</dt><dd>{stars}</dd>
                <dt>{t(lang, "Sản phẩm", "Product")}</dt><dd>{product}</dd>
                <dt>{t(lang, "Chủ thể", "Producer")}</dt><dd>{producer}</dd>
                <dt>{t(lang, "Địa bàn", "Locality")}</dt><dd>{place}</dd>
                <dt>{t(lang, "Quyết định công nhận", "Decision")}</dt><dd>{decision}</dd>
                <dt>{t(lang, "Cấp công nhận", "Recognised at")}</dt><dd>{found.council_level.label(lang)}</dd>
                <dt>{t(lang, "Ngày cấp", "Issued on")}</dt><dd>{found.issued_on.shown()}</dd>
                <dt>{t(lang, "Hiệu lực đến", "Valid until")}</dt><dd>{found.expires_on.shown()}</dd>
                {found.revoked_on.map(|day| view! { <dt>{t(lang, "Ngày thu hồi", "Revoked on")}</dt><dd>{day.shown()}</dd> })}
            </dl>
            <p class="muted small">{t(lang,
                "Thông tin từ dữ liệu của văn phòng OCOP lúc trang được mở. Nếu bao bì ghi hạng sao, số hay tên khác với trang này, xin báo văn phòng: ",
                "From the OCOP office's data as the page was opened. If the package gives another star, number or name than this page, please tell the office: ")}
                {office_contact(&office)}</p>
            <NumberForm number=String::new() lang />
        </article>
    }
}

/// The office's phone and email, as far as its settings give them.
fn office_contact(office: &Office) -> String {
    [office.phone.as_str(), office.email.as_str()]
        .into_iter()
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" · ")
}

/// A number no published product holds: answered 404, saying what to do.
#[component]
fn NoSuchCertificate(number: String, lang: Lang) -> impl IntoView {
    let heading = match lang {
        Lang::Vi => format!("Không có giấy chứng nhận OCOP số “{number}”"),
        Lang::En => format!("There is no OCOP certificate numbered “{number}”"),
    };
    let explained = t(lang,
        "Kiểm tra lại số in trên tem và nhập lại. Một số không có ở đây thì không phải là giấy chứng nhận OCOP do văn phòng cấp; nếu bao bì vẫn ghi hạng sao, xin báo văn phòng: ",
        "Check the number printed on the stamp and type it again. A number not found here is not an OCOP certificate the office issued; if the package claims a star all the same, please tell the office: ");
    view! { <Unanswered status=404 word=t(lang, "KHÔNG TÌM THẤY", "NOT FOUND") heading explained number lang /> }
}

/// What a scan or a typed number found nothing for (`status`), saying why and what to do, with
/// the form to type a certificate's number.
#[component]
fn Unanswered(
    status: u16,
    word: &'static str,
    heading: String,
    #[prop(into)] explained: String,
    number: String,
    lang: Lang,
) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let (Some(response), Ok(status)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        axum::http::StatusCode::from_u16(status),
    ) {
        response.set_status(status);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = status;
    let office = Office::current();
    view! {
        <Title text=heading.clone() />
        <section class="verify-page">
            <div class="verdict unknown" role="status">
                <span class="verdict-mark" aria-hidden="true">"?"</span>
                <span class="verdict-word">{word}</span>
            </div>
            <h1>{heading}</h1>
            <p>{explained}{office_contact(&office)}</p>
            <NumberForm number lang />
        </section>
    }
}

/// A GS1 Digital Link (`/01/{gtin}`; a qualifier after it, a batch's `/10/{lot}` say, does not
/// change the answer): the verification page of the certificate the product holds. A GTIN
/// whose check digit is wrong is answered 400 with what it should be.
#[component]
pub fn GtinPage() -> impl IntoView {
    let lang = use_lang();
    let gtin = use_params_map().with_untracked(|params| params.get("gtin").unwrap_or_default());
    view! {
        <Suspense>
            {OnePass::after(async move {
                match verify_gtin(gtin.clone()).await {
                    Ok(found) => view! { <VerificationView found lang /> }.into_any(),
                    Err(AppError::NotFound) => {
                        let heading = match lang {
                            Lang::Vi => format!("Không có sản phẩm OCOP mang mã GTIN “{gtin}”"),
                            Lang::En => format!("No OCOP product carries the GTIN “{gtin}”"),
                        };
                        let explained = t(lang,
                            "Mã vạch này không thuộc sản phẩm OCOP nào có giấy chứng nhận của văn phòng. Nếu bao bì vẫn ghi hạng sao, hãy nhập số giấy chứng nhận in trên tem, hoặc báo văn phòng: ",
                            "This barcode belongs to no OCOP product certified by the office. If the package claims a star all the same, type the certificate number printed on its stamp, or tell the office: ");
                        view! { <Unanswered status=404 word=t(lang, "KHÔNG TÌM THẤY", "NOT FOUND") heading explained number=String::new() lang /> }.into_any()
                    }
                    Err(AppError::Invalid(problems)) => {
                        let heading = match lang {
                            Lang::Vi => format!("Mã GTIN “{gtin}” không hợp lệ"),
                            Lang::En => format!("“{gtin}” is not a valid GTIN"),
                        };
                        let mut explained: String = problems.iter().map(|problem| format!("{} ", problem.message(lang))).collect();
                        explained.push_str(t(lang,
                            "Địa chỉ trong mã QR có thể đã bị sửa hoặc in sai; đừng tin hạng sao trên bao bì cho tới khi kiểm tra được. Báo văn phòng: ",
                            "The address in the QR code may have been altered or misprinted; do not trust the star on the package until it can be checked. Tell the office: "));
                        view! { <Unanswered status=400 word=t(lang, "MÃ KHÔNG HỢP LỆ", "INVALID CODE") heading explained number=String::new() lang /> }.into_any()
                    }
                    Err(error) => {
                        let error = error.into_response_status();
                        view! { <p class="error" role="alert">{error.message(lang)}</p> }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

/// The certificates that no longer hold, public (`/certificates/ended`): revoked ones with
/// their day and reason, and those past their end, newest first, filtered by kind and star;
/// also as open data.
#[component]
pub fn EndedCertificatesPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map().get_untracked();
    let state = query.get("state").filter(|value| !value.is_empty());
    let star = query.get("star").and_then(|value| value.parse::<u8>().ok());
    let page = query.get("page");
    let kind = EndedKind::parse(state.as_deref());
    let option = move |value: &'static str, label: &'static str| {
        view! { <option value=value selected=kind.code() == value>{label}</option> }
    };
    let star_option = move |value: u8| {
        view! { <option value=value.to_string() selected=star == Some(value)>{format!("{value} ★")}</option> }
    };
    view! {
        <Title text=t(lang, "Giấy chứng nhận đã thu hồi hoặc hết hiệu lực", "Revoked and expired certificates") />
        <Link rel="alternate" type_="application/atom+xml" href="/certificates/ended.xml" />
        <section class="ended-page">
            <h1>{t(lang, "Giấy chứng nhận đã thu hồi hoặc hết hiệu lực", "Revoked and expired certificates")}</h1>
            <p>{t(lang,
                "Sản phẩm có giấy chứng nhận dưới đây không còn được dùng hạng sao theo giấy đó. Mới nhất trước.",
                "The products of the certificates below may no longer claim the star under them. Newest first.")}</p>
            <form method="get" action="/certificates/ended" class="filter-form">
                <div class="field">
                    <label for="f-state">{t(lang, "Loại", "Kind")}</label>
                    <select id="f-state" name="state">
                        {option("", t(lang, "Cả hai", "Both"))}
                        {option("revoked", t(lang, "Đã thu hồi", "Revoked"))}
                        {option("expired", t(lang, "Hết hiệu lực", "Expired"))}
                    </select>
                </div>
                <div class="field">
                    <label for="f-star">{t(lang, "Hạng sao", "Stars")}</label>
                    <select id="f-star" name="star">
                        <option value="" selected=star.is_none()>{t(lang, "Tất cả", "All")}</option>
                        {star_option(3)}{star_option(4)}{star_option(5)}
                    </select>
                </div>
                <button type="submit" class="button secondary">{t(lang, "Lọc", "Filter")}</button>
            </form>
            <p class="muted small">
                {t(lang, "Dữ liệu mở: ", "Open data: ")}
                <a href="/data/ended-certificates.csv">"CSV"</a>" · "<a href="/data/ended-certificates.json">"JSON"</a>
                " · "<a href="/certificates/ended.xml" type="application/atom+xml">{t(lang, "Nguồn tin Atom", "Atom feed")}</a>
            </p>
            <Suspense>
                {OnePass::after(async move {
                    match ended_certificates(state.clone(), star, page).await {
                        Ok(found) => {
                            let base = match (kind.code(), star) {
                                ("", None) => "/certificates/ended".to_owned(),
                                (code, None) => format!("/certificates/ended?state={code}"),
                                ("", Some(star)) => format!("/certificates/ended?star={star}"),
                                (code, Some(star)) => format!("/certificates/ended?state={code}&star={star}"),
                            };
                            view! { <EndedTable found base lang /> }.into_any()
                        }
                        Err(error) => {
                            let error = error.into_response_status();
                            view! { <p class="error" role="alert">{error.message(lang)}</p> }.into_any()
                        }
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn EndedTable(found: Page<EndedCertificate>, base: String, lang: Lang) -> impl IntoView {
    if found.items.is_empty() {
        return view! { <p>{t(lang, "Không có giấy chứng nhận nào như vậy.", "No such certificate.")}</p> }.into_any();
    }
    let rows = found
        .items
        .iter()
        .map(|ended| {
            let what = match (&ended.revoked_on, &ended.revoke_reason) {
                (Some(day), reason) => format!(
                    "{} {}{}",
                    t(lang, "Thu hồi ngày", "Revoked on"),
                    day.shown(),
                    reason
                        .as_deref()
                        .map(|reason| format!(": {reason}"))
                        .unwrap_or_default()
                ),
                (None, _) => format!(
                    "{} {}",
                    t(lang, "Hết hiệu lực ngày", "Expired on"),
                    ended.expires_on.shown()
                ),
            };
            view! {
                <tr>
                    <td><a href=path(&ended.certificate_no)>{ended.certificate_no.clone()}</a></td>
                    <td>{format!("{} ★", ended.stars)}</td>
                    <td>{ended.product.clone()}</td>
                    <td>{ended.producer.clone()}</td>
                    <td>{ended.issued_on.shown()}</td>
                    <td><span aria-hidden="true">"✗ "</span>{what}</td>
                </tr>
            }
        })
        .collect_view();
    let (number, per_page, total) = (found.number, found.per_page, found.total);
    view! {
        <table class="data-table">
            <thead><tr>
                <th scope="col">{t(lang, "Số giấy chứng nhận", "Certificate number")}</th>
                <th scope="col">{t(lang, "Hạng", "Rating")}</th>
                <th scope="col">{t(lang, "Sản phẩm", "Product")}</th>
                <th scope="col">{t(lang, "Chủ thể", "Producer")}</th>
                <th scope="col">{t(lang, "Ngày cấp", "Issued on")}</th>
                <th scope="col">{t(lang, "Chấm dứt", "Ended")}</th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table>
        <Pagination number per_page total href=move |page: PageNumber| page.of(&base) lang />
    }
    .into_any()
}
