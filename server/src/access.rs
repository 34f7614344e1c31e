//! Who may reach each side of the site: the route table (`routes`) puts the staff's, the
//! admins' and the producers' pages, server functions and forms each behind the [`guard`] of
//! its side as a `route_layer`, so nothing routed there runs for anyone else. A page that loads
//! no data is refused like one that does. The Leptos pages and server functions are declared in
//! `app`; [`side_of`] sorts them into their sides by address (`/admin` and `/api/admin` the
//! staff's, `/admin/staff` the admins' alone, `/commune` and `/api/commune` the commune
//! officers', `/portal` and `/api/portal` the producers').
//! The guards at the top of each handler and server function still decide the finer rules
//! (which staff account an admin alone may change, a producer's own things) and yield the ids
//! the action needs.

use axum::extract::{Request, State};
use axum::http::{header, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use app::error::{error_page, AppError};
use app::i18n::Lang;
use app::model::account::{signed_in, Viewer};

/// The accounts a side of the site is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Staff,
    Admin,
    /// A commune officer's desk (1489/2025).
    Commune,
    Producer,
}

/// `path` is `prefix` or lies under it, segment by segment (`/administrator` is not `/admin`).
fn under(path: &str, prefix: &str) -> bool {
    path.strip_prefix(prefix)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// The side a path belongs to; None for the public site and one's own account.
pub fn side_of(path: &str) -> Option<Side> {
    let path = path.strip_prefix("/api").unwrap_or(path);
    if [
        "/admin/staff",
        "/admin/settings",
        "/admin/units",
        "/admin/import",
    ]
    .iter()
    .any(|place| under(path, place))
    {
        Some(Side::Admin)
    } else if under(path, "/admin") {
        Some(Side::Staff)
    } else if under(path, "/commune") {
        Some(Side::Commune)
    } else if under(path, "/portal") {
        Some(Side::Producer)
    } else {
        None
    }
}

/// Whether `viewer` may reach `side` at all: 401 without an account, 403 with the wrong one.
pub fn admits(side: Side, viewer: Option<&Viewer>) -> Result<(), AppError> {
    let viewer = signed_in(viewer.cloned())?;
    match side {
        Side::Staff => viewer.staff().map(drop),
        Side::Admin => viewer.admin().map(drop),
        Side::Commune => viewer.officer().map(drop),
        Side::Producer => viewer.producer().map(drop),
    }
}

/// The guard of one side's routes: the viewer the session layer found may reach `side`, or the
/// request is answered here as its kind of route answers a refusal.
pub async fn guard(State(side): State<Side>, request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let Err(error) = admits(side, request.extensions().get::<Viewer>()) else {
        return next.run(request).await;
    };
    tracing::debug!(%path, ?side, "refused by the side of the site it is routed to");
    if path.starts_with("/api/") {
        // As a server function answers its own refusals.
        let body = serde_json::to_string(&error).unwrap_or_default();
        let status =
            StatusCode::from_u16(error.status_code()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        return (status, [(header::CONTENT_TYPE, "application/json")], body).into_response();
    }
    let page = matches!(*request.method(), Method::GET | Method::HEAD);
    if page && error == AppError::Unauthorized {
        // To the sign-in page, coming back here afterwards.
        let back = request.uri().path_and_query().map_or("/", |p| p.as_str());
        let to = format!("/login?next={}", app::model::catalogue::encode(back));
        return crate::forms::see_other(&to);
    }
    error_page(Lang::of_headers(request.headers()), &error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_path_belongs_to_its_side_segment_by_segment() {
        for (path, side) in [
            ("/admin", Some(Side::Staff)),
            ("/admin/news/new", Some(Side::Staff)),
            ("/api/admin/reviews", Some(Side::Staff)),
            ("/admin/staff", Some(Side::Admin)),
            ("/api/admin/staff", Some(Side::Admin)),
            ("/admin/staffing", Some(Side::Staff)),
            ("/portal", Some(Side::Producer)),
            ("/commune", Some(Side::Commune)),
            ("/commune/registrations/4/review", Some(Side::Commune)),
            ("/api/commune/desk", Some(Side::Commune)),
            ("/communes", None),
            ("/portal/ocop/3", Some(Side::Producer)),
            ("/api/portal/registration", Some(Side::Producer)),
            ("/administrator", None),
            ("/portals", None),
            ("/products/admin", None),
            ("/account", None),
            ("/api/me", None),
            ("/", None),
        ] {
            assert_eq!(side_of(path), side, "{path}");
        }
    }
}
