use leptos::prelude::*;

use crate::error::AppError;
use crate::model::stats::Statistics;

/// The public statistics. Public.
#[server(prefix = "/api", endpoint = "statistics", input = server_fn::codec::GetUrl)]
pub async fn public_statistics() -> Result<Statistics, AppError> {
    crate::store::stats::all(&super::pool()?)
        .await
        .map_err(AppError::into_response_status)
}

/// The figures of an OCOP cycle as of a day, as the progress reports give them. Public.
#[server(prefix = "/api", endpoint = "cycle-figures", input = server_fn::codec::GetUrl)]
pub async fn get_cycle_figures(
    year: i64,
    as_of: String,
) -> Result<crate::model::stats::CycleFigures, AppError> {
    async {
        let as_of = crate::model::stats::parse_day(&as_of)?;
        crate::store::report::cycle_figures(&super::pool()?, year, &as_of).await
    }
    .await
    .map_err(AppError::into_response_status)
}
