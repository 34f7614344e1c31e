//! The staff's progress reports and the product handbook.

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

/// The handbook of the products recognised in the years asked (`tu`, `den`); by default every
/// year that has a recognition.
#[server(prefix = "/api", endpoint = "admin/handbook")]
pub async fn get_handbook(
    from: Option<String>,
    to: Option<String>,
) -> Result<crate::model::handbook::Handbook, AppError> {
    use crate::model::handbook::HandbookPeriod;

    super::respond(async |db| {
        crate::auth::staff()?;
        let every_year = crate::store::handbook::recognised_years(&db.read).await?;
        let period = HandbookPeriod::parse(from.as_deref(), to.as_deref(), every_year)?;
        crate::store::handbook::handbook(&db.read, period).await
    })
    .await
}
