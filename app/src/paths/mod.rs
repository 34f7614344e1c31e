//! Addresses as typed functions, one table per resource. Each line of a table gives a form's
//! address once: the page writes `action=paths::event_admin::booth_block(id, booth)` and the
//! server routes `pattern::booth_block` to its handler, so the two cannot drift apart and an
//! id of the wrong record does not compile. An axum 0.8 pattern (`/admin/events/{id}`) is also
//! a format string, which is what lets one literal serve both. Where a form posts to the
//! address of a Leptos page, its parameter keeps the page's name (`{id}` for `:id`): the
//! router refuses one segment under two names.

/// `name(arg: Type, ...) = "pattern";` lines become `pub fn name(...) -> String`, the address
/// with its arguments in place, and `pattern::name`, the pattern axum routes.
macro_rules! paths {
    ($( $(#[$meta:meta])* $name:ident ( $($arg:ident : $ty:ty),* ) = $pattern:literal; )+) => {
        $(
            $(#[$meta])*
            pub fn $name($($arg: $ty),*) -> String {
                format!($pattern, $($arg = $arg),*)
            }
        )+

        /// The same addresses as the router's patterns.
        #[allow(non_upper_case_globals)]
        pub mod pattern {
            $(pub const $name: &str = $pattern;)+
        }
    };
}

pub mod admin;
pub mod commune;
pub mod event_admin;
pub mod ocop_admin;
pub mod portal;
pub mod portal_events;
pub mod portal_ocop;

#[cfg(test)]
mod tests {
    use crate::model::ids::{ApplicationId, BoothId, EventId};

    use super::event_admin::{self, pattern};

    #[test]
    fn an_address_is_its_pattern_with_the_ids_in_place() {
        assert_eq!(
            pattern::booth_block,
            "/admin/events/{id}/booths/{booth}/block"
        );
        assert_eq!(
            event_admin::booth_block(EventId(3), BoothId(17)),
            "/admin/events/3/booths/17/block"
        );
        assert_eq!(
            event_admin::decide(EventId(3), ApplicationId(9), "approve"),
            "/admin/events/3/applications/9/approve"
        );
        assert_eq!(
            event_admin::application(EventId(3), ApplicationId(9)),
            "/admin/events/3/applications/9"
        );
    }
}
