//! Staff pages that had Vietnamese addresses while their forms posted to English ones; since
//! December 2026 a page lives at its resource's address (the floor plan at `…/booths`, where
//! its rows of booths are added). A bookmark of the old address is sent on, for good, to the
//! page it became, its query kept.

use axum::http::Uri;
use axum::response::Redirect;
use axum::routing::get;
use axum::Router;

use crate::state::AppState;

/// The segment after an event's or a cycle's id as it was, and as it is.
const MOVED: [(&str, &str); 8] = [
    ("so-do", "booths"),
    ("don", "applications"),
    ("dang-ky", "places"),
    ("bien-gian-hang", "signs"),
    ("ho-so", "registrations"),
    ("hoi-dong", "councils"),
    ("cong-nhan", "decision"),
    // The printable plan, `so-do/in`, after its parent's segment.
    ("in", "print"),
];

pub fn routes() -> Router<AppState> {
    [
        "/admin/events/{id}/so-do",
        "/admin/events/{id}/so-do/in",
        "/admin/events/{id}/don",
        "/admin/events/{id}/don/{application}",
        "/admin/events/{id}/dang-ky",
        "/admin/events/{id}/bien-gian-hang",
        "/admin/cycles/{year}/ho-so",
        "/admin/cycles/{year}/hoi-dong",
        "/admin/cycles/{year}/cong-nhan",
    ]
    .into_iter()
    .fold(Router::new(), |router, old| router.route(old, get(moved)))
}

/// The address an old one became: `/admin/events/3/so-do/in` → `/admin/events/3/booths/print`.
fn new_address(old: &Uri) -> String {
    let path: Vec<&str> = old
        .path()
        .split('/')
        .enumerate()
        .map(|(at, segment)| match at {
            // "", "admin", "events" or "cycles", the id or year, then the moved segments.
            0..=3 => segment,
            _ => MOVED
                .iter()
                .find(|(was, _)| *was == segment)
                .map_or(segment, |(_, is)| *is),
        })
        .collect();
    match old.query() {
        Some(query) => format!("{}?{query}", path.join("/")),
        None => path.join("/"),
    }
}

async fn moved(uri: Uri) -> Redirect {
    Redirect::permanent(&new_address(&uri))
}

#[cfg(test)]
mod tests {
    use super::new_address;

    #[test]
    fn each_old_address_becomes_its_resources_keeping_the_query() {
        for (old, new) in [
            ("/admin/events/3/so-do", "/admin/events/3/booths"),
            ("/admin/events/3/so-do/in", "/admin/events/3/booths/print"),
            ("/admin/events/3/don/9", "/admin/events/3/applications/9"),
            (
                "/admin/events/3/don?status=pending",
                "/admin/events/3/applications?status=pending",
            ),
            ("/admin/events/3/dang-ky", "/admin/events/3/places"),
            ("/admin/events/3/bien-gian-hang", "/admin/events/3/signs"),
            (
                "/admin/cycles/2021/ho-so?status=eligible",
                "/admin/cycles/2021/registrations?status=eligible",
            ),
            ("/admin/cycles/2021/hoi-dong", "/admin/cycles/2021/councils"),
            (
                "/admin/cycles/2021/cong-nhan",
                "/admin/cycles/2021/decision",
            ),
        ] {
            assert_eq!(new_address(&old.parse().expect("an address")), new, "{old}");
        }
    }
}
