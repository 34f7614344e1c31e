//! What the administrative units' pages read (admins only).

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::ids::ImportId;
use crate::model::import::DryRun;
use crate::model::page::Page;
#[cfg(feature = "ssr")]
use crate::model::page::PageNumber;
use crate::model::units::{UnitCounts, UnitLine};

/// How many units there are, and a page of today's communes with the former units in them.
#[server(prefix = "/api", endpoint = "admin/units")]
pub async fn unit_list(page: Option<String>) -> Result<(UnitCounts, Page<UnitLine>), AppError> {
    super::respond(async |db| {
        crate::auth::admin()?;
        let page = PageNumber::parse(page.as_deref())?;
        let counts = crate::store::units::counts(&db.read).await?;
        Ok((counts, crate::store::units::today(&db.read, page).await?))
    })
    .await
}

/// What importing a chosen file would do, checked against the data as it is now.
#[server(prefix = "/api", endpoint = "admin/units/dry-run")]
pub async fn unit_dry_run(id: ImportId) -> Result<DryRun, AppError> {
    super::respond(async |db| {
        crate::auth::admin()?;
        crate::store::units::dry_run(&db.read, id).await
    })
    .await
}
