//! What the import of the office's spreadsheet reads (admins only).

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::ids::ImportId;
use crate::model::product_import::ImportPage;

/// A chosen file of producers, products and certificates: how far its import is while it runs
/// (its dry run would only read the data as it was before it), otherwise what importing it
/// would do, checked against the data as it is now, and how its last import ended.
#[server(prefix = "/api", endpoint = "admin/import/page")]
pub async fn product_import_page(id: ImportId) -> Result<ImportPage, AppError> {
    super::respond(async |db| {
        crate::auth::admin()?;
        match db.imports.state(id) {
            Some(now) if now.running() => Ok(ImportPage::Running(now)),
            ended => Ok(ImportPage::Checked {
                dry: Box::new(crate::store::product_import::dry_run(&db.read, id).await?),
                ended,
            }),
        }
    })
    .await
}
