//! What the import of the office's spreadsheet reads (admins only).

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::ids::ImportId;
use crate::model::import::DryRun;

/// What importing a chosen file of producers, products and certificates would do, checked
/// against the data as it is now.
#[server(prefix = "/api", endpoint = "admin/import/dry-run")]
pub async fn product_dry_run(id: ImportId) -> Result<DryRun, AppError> {
    super::respond(async |db| {
        crate::auth::admin()?;
        crate::store::product_import::dry_run(&db.read, id).await
    })
    .await
}
