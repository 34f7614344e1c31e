//! The staff's forms for producers and their accounts, reviews, staff accounts, the
//! office's settings, the administrative units, the import of the office's spreadsheet and
//! news.

use crate::model::ids::{ImportId, ProducerId, UserId};

paths! {
    /// Approve a proposed listing change.
    approve(id: i64) = "/admin/reviews/{id}/approve";
    /// Reject it with a reason; also the review's page.
    review(id: i64) = "/admin/reviews/{id}";
    create_producer() = "/admin/producers/new";
    /// A producer's record; also its page.
    producer(id: ProducerId) = "/admin/producers/{id}";
    create_producer_account(id: ProducerId) = "/admin/producers/{id}/accounts";
    /// A staff account created (admins only); also their page.
    staff() = "/admin/staff";
    /// The communes a commune officer works for (admins only).
    officer_communes(account: UserId) = "/admin/staff/{account}/communes";
    /// The office's settings (admins only); also their page.
    settings() = "/admin/settings";
    /// The administrative units (admins only): a file chosen for its dry run; also their page.
    units() = "/admin/units";
    /// Every unit, as the units' import reads them.
    units_file() = "/admin/units/export.csv";
    /// A chosen file's dry run; importing it.
    unit_import(id: ImportId) = "/admin/units/imports/{id}";
    /// Which of the file's columns holds which of the import's.
    unit_columns(id: ImportId) = "/admin/units/imports/{id}/columns";
    /// The producers, products and certificates of a file (admins only): a file chosen for its
    /// dry run; also the import's page.
    import() = "/admin/import";
    /// An empty workbook with the import's columns.
    import_template() = "/admin/import/template.xlsx";
    /// A chosen file's dry run; importing it.
    product_import(id: ImportId) = "/admin/import/{id}";
    product_columns(id: ImportId) = "/admin/import/{id}/columns";
    password_link(account: UserId) = "/admin/accounts/{account}/password-link";
    deactivate(account: UserId) = "/admin/accounts/{account}/deactivate";
    activate(account: UserId) = "/admin/accounts/{account}/activate";
    end_sessions(account: UserId) = "/admin/accounts/{account}/end-sessions";
    create_post() = "/admin/news/new";
    /// A post's fields; also its page.
    post(id: i64) = "/admin/news/{id}";
}
