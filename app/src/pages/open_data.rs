//! `/data`: what the open data holds, field by field, and under which licence.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use crate::i18n::{t, use_lang, Lang};
use crate::model::open_data::{LICENCE, LICENCE_URL, PRODUCT_FIELDS};
use crate::model::stats::StatTable;

#[component]
pub fn OpenDataPage() -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=t(lang, "Dữ liệu mở OCOP", "OCOP open data") />
        <Meta name="description" content=t(lang,
            "Danh sách sản phẩm OCOP còn hiệu lực và các bảng thống kê, dạng CSV và JSON, dùng tự do theo giấy phép CC BY 4.0.",
            "The certified OCOP products and the statistics tables as CSV and JSON, free to use under CC BY 4.0.") />
        <div class="page-head"><h1>{t(lang, "Dữ liệu mở", "Open data")}</h1></div>
        <p>
            {t(lang,
                "Ai cũng được tải, dùng lại và chia sẻ dữ liệu dưới đây, kể cả cho mục đích thương mại, miễn là ghi nguồn là Cổng xúc tiến thương mại sản phẩm OCOP của tỉnh. Giấy phép: ",
                "Anyone may download, reuse and share the data below, commercially too, naming the province's OCOP trade-promotion portal as the source. Licence: ")}
            <a href=LICENCE_URL rel="license">{LICENCE}</a>"."
        </p>
        <section aria-labelledby="san-pham">
            <h2 id="san-pham">{t(lang, "Sản phẩm OCOP còn hiệu lực", "Certified OCOP products")}</h2>
            <p>
                {t(lang,
                    "Mỗi dòng là một sản phẩm đang bày bán trên cổng có giấy chứng nhận OCOP còn hiệu lực hôm nay, như danh mục sản phẩm. ",
                    "One row per product on the portal whose OCOP certificate is valid today, as in the catalogue. ")}
                <a href="/data/products.csv" download>"products.csv"</a>" · "
                <a href="/data/products.json">"products.json"</a>
            </p>
            <p class="muted">{t(lang,
                "CSV: UTF-8, dòng đầu là tên trường. JSON: một đối tượng gồm source, licence, licence_url, as_of (ngày dữ liệu) và products (danh sách sản phẩm). Tên trường cố định: trường mới chỉ được thêm vào cuối, không đổi tên hay bỏ trường nào.",
                "CSV: UTF-8, the first row names the fields. JSON: an object of source, licence, licence_url, as_of (the day of the data) and products (the list). Field names are stable: new ones are only added at the end, none is renamed or removed.")}</p>
            <div class="table-scroll">
                <table class="data-table">
                    <thead><tr>
                        <th scope="col">{t(lang, "Trường", "Field")}</th>
                        <th scope="col">{t(lang, "Kiểu (JSON)", "Type (JSON)")}</th>
                        <th scope="col">{t(lang, "Nội dung", "Meaning")}</th>
                    </tr></thead>
                    <tbody>
                        {PRODUCT_FIELDS.iter().map(|field| view! {
                            <tr>
                                <th scope="row"><code>{field.name}</code></th>
                                <td><code>{field.kind}</code></td>
                                <td>{match lang { Lang::Vi => field.vi, Lang::En => field.en }}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
        <section aria-labelledby="da-cham-dut">
            <h2 id="da-cham-dut">{t(lang, "Giấy chứng nhận đã thu hồi hoặc hết hiệu lực", "Revoked and expired certificates")}</h2>
            <p>
                {t(lang,
                    "Mỗi dòng là một giấy chứng nhận không còn hiệu lực, mới nhất trước, như trang ",
                    "One row per certificate that no longer holds, newest first, as on the page ")}
                <a href="/certificates/ended">{t(lang, "Giấy chứng nhận đã chấm dứt", "Ended certificates")}</a>": "
                <a href="/data/ended-certificates.csv" download>"ended-certificates.csv"</a>" · "
                <a href="/data/ended-certificates.json">"ended-certificates.json"</a>" · "
                <a href="/certificates/ended.xml">{t(lang, "nguồn tin Atom", "Atom feed")}</a>
            </p>
            <p class="muted">{t(lang,
                "Các trường, theo thứ tự: certificate_no, stars, product, producer, issued_on, expires_on, revoked_on và revoke_reason (trống khi giấy hết hạn mà không bị thu hồi), ended_on (ngày thu hồi, hoặc ngày sau ngày hiệu lực cuối). Ngày dạng năm-tháng-ngày. JSON: một danh sách các đối tượng có cùng các trường.",
                "The fields, in order: certificate_no, stars, product, producer, issued_on, expires_on, revoked_on and revoke_reason (empty for one that ended without a revocation), ended_on (the revocation's day, or the day after the last valid one). Dates as year-month-day. JSON: a list of objects of the same fields.")}</p>
        </section>
        <section aria-labelledby="thong-ke">
            <h2 id="thong-ke">{t(lang, "Bảng thống kê", "Statistics tables")}</h2>
            <p>{t(lang,
                "Các bảng của trang Thống kê, mỗi bảng gồm code (mã), name_vi, name_en (tên) và count (số lượng).",
                "The tables of the Statistics page, each of code, name_vi, name_en and count.")}</p>
            <ul>
                {StatTable::ALL.into_iter().map(|table| view! {
                    <li>
                        {table.title(lang)}": "
                        <a href=format!("/stats/{}.csv", table.slug()) download>"CSV"</a>" · "
                        <a href=format!("/stats/{}.json", table.slug())>"JSON"</a>
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}
