use leptos::prelude::*;

use crate::error::AppError;
use crate::model::ids::CycleYear;
use crate::model::stats::Statistics;

/// The public statistics. Public.
#[server(prefix = "/api", endpoint = "statistics", input = server_fn::codec::GetUrl)]
pub async fn public_statistics() -> Result<Statistics, AppError> {
    super::respond(async |db| crate::store::stats::all(&db.read).await).await
}

/// The figures of an OCOP cycle as of a day, as the progress reports give them. Public.
#[server(prefix = "/api", endpoint = "cycle-figures", input = server_fn::codec::GetUrl)]
pub async fn get_cycle_figures(
    year: CycleYear,
    as_of: String,
) -> Result<crate::model::stats::CycleFigures, AppError> {
    super::respond(async |db| {
        let as_of = crate::model::day::Day::from_field("as_of", &as_of)?;
        crate::store::report::cycle_figures(&db.read, year, &as_of.iso()).await
    })
    .await
}
