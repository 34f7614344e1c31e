//! The staff's progress reports.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::report::{ProgressReport, ReportQuery};

/// The progress report the address asks for: a cycle (the newest by default) as of a day
/// (today by default), compared with another day when one is given.
#[server(prefix = "/api", endpoint = "admin/report")]
pub async fn get_report(query: ReportQuery) -> Result<ProgressReport, AppError> {
    super::respond(async |db| {
        crate::auth::staff()?;
        crate::store::report::asked(&db.read, &query).await
    })
    .await
}
