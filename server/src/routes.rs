//! The HTTP surface, wired: Leptos pages and server functions, the form posts of each side,
//! static files and plain routes, and the layers every request passes (innermost first: the
//! turns to render, on the pages alone; the guard of a side, on its routes alone; body limits,
//! panics, the Origin check, compression, the page cache, the session, security headers).
//! The handlers live in their own modules.

use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::Router;
use leptos_axum::{generate_route_list_with_exclusions, LeptosRoutes};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::{CompressionLayer, CompressionLevel};

use crate::access::Side;
use crate::limits::{self, BodyLimit};
use crate::page_cache::PageCache;
use crate::state::AppState;
use crate::{files, public};

use app::{shell, App};

/// A side's routes behind its guard: `route_layer` runs it only for what is routed here.
fn only(side: Option<Side>, routes: Router<AppState>) -> Router<AppState> {
    match side {
        Some(side) => routes.route_layer(axum::middleware::from_fn_with_state(
            side,
            crate::access::guard,
        )),
        None => routes,
    }
}

pub fn router(state: AppState) -> Router {
    let provide_context_of_request = {
        let state = state.clone();
        move || state.provide_request_context()
    };
    // The Leptos pages and server functions of one side (None: the public site and one's own
    // account). leptos_axum registers every server function with each call of
    // `leptos_routes_with_context`, so each call excludes the other sides' pages and
    // functions; those of the public side end in the page of an address nothing else answers.
    // Only these wait for a turn to render (`limits::Renders`).
    // The route tree is walked once: the pages, and every server function marked excluded.
    let functions: Vec<&str> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path)
        .collect();
    let listed = generate_route_list_with_exclusions(
        App,
        Some(functions.iter().map(|path| (*path).to_owned()).collect()),
    );
    let leptos = |side: Option<Side>| {
        // This side's pages, and the exclusions of every other side's server functions.
        let routes: Vec<_> = listed
            .iter()
            .filter(|listing| {
                let of_side = crate::access::side_of(listing.path()) == side;
                of_side != functions.contains(&listing.path())
            })
            .cloned()
            .collect();
        let pages = Router::new().leptos_routes_with_context(
            &state,
            routes,
            provide_context_of_request.clone(),
            {
                let leptos = state.leptos.clone();
                move || shell(leptos.clone())
            },
        );
        let pages = match side {
            Some(_) => pages,
            None => pages.fallback(leptos_axum::file_and_error_handler_with_context::<
                AppState,
                _,
            >(provide_context_of_request.clone(), shell)),
        };
        pages.layer(axum::middleware::from_fn_with_state(
            state.renders.clone(),
            limits::renders,
        ))
    };
    // Who may call what: each side's pages, server functions and form posts behind its guard.
    let staff = only(
        Some(Side::Staff),
        leptos(Some(Side::Staff))
            .merge(crate::admin::routes())
            .merge(crate::events::routes())
            .merge(crate::cycles::routes())
            .merge(crate::reports::routes())
            .merge(crate::moved::routes()),
    );
    let admins = only(
        Some(Side::Admin),
        leptos(Some(Side::Admin))
            .merge(crate::admin::admin_routes())
            .merge(crate::imports::routes()),
    );
    let officers = only(
        Some(Side::Commune),
        leptos(Some(Side::Commune)).merge(crate::communes::routes()),
    );
    let producers = only(
        Some(Side::Producer),
        leptos(Some(Side::Producer)).merge(crate::portal::routes()),
    );
    // The forms that carry a file, one at a time per account (see `uploads`), each behind the
    // guard of its side too.
    let uploads = only(Some(Side::Producer), crate::portal::upload_routes())
        .merge(only(
            Some(Side::Admin),
            crate::admin::admin_upload_routes().merge(crate::imports::upload_routes()),
        ))
        .merge(only(
            Some(Side::Staff),
            crate::events::upload_routes()
                .merge(crate::cycles::upload_routes())
                .merge(crate::news::upload_routes()),
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.uploads.clone(),
            crate::uploads::one_per_account,
        ))
        .layer(axum::middleware::from_fn_with_state(
            BodyLimit(limits::UPLOAD_FORM_BYTES),
            limits::layer,
        ));
    Router::new()
        .route("/health", get(public::health))
        .route("/lang/{code}", get(public::switch_language))
        .route("/feed.xml", get(crate::feeds::atom))
        .route("/certificates/ended.xml", get(crate::feeds::ended_atom))
        .route("/sitemap.xml", get(crate::feeds::sitemap))
        .route("/sitemaps/{part}", get(crate::feeds::sitemap_part))
        .route("/robots.txt", get(crate::feeds::robots))
        .route("/fairs.ics", get(crate::feeds::calendar_all))
        .route(
            "/fairs/{slug}/calendar.ics",
            get(crate::feeds::calendar_one),
        )
        .route("/stats/{file}", get(crate::feeds::stats_file))
        .route("/data/products.csv", get(crate::open_data::products_csv))
        .route("/data/products.json", get(crate::open_data::products_json))
        .route(
            "/data/ended-certificates.csv",
            get(crate::open_data::ended_csv),
        )
        .route(
            "/data/ended-certificates.json",
            get(crate::open_data::ended_json),
        )
        .route("/login", post(crate::account::sign_in))
        .route("/logout", post(crate::account::sign_out))
        .route("/account", post(crate::account::change_password))
        .route(
            "/account/sign-out-everywhere",
            post(crate::account::sign_out_everywhere),
        )
        .route(
            "/set-password/{secret}",
            post(crate::account::set_password_with_link),
        )
        .merge(crate::contact::routes())
        .merge(staff)
        .merge(admins)
        .merge(officers)
        .merge(producers)
        .merge(leptos(None))
        // Everything above reads the office's settings as they are (one read of the content
        // version; the settings again only when it changed); the page cache's copies, kept
        // per content version, and the static files below do not ask.
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::state::fresh_office,
        ))
        .nest_service("/pkg", files::built(&state))
        .nest_service("/media", files::media(&state))
        .route_service("/favicon.svg", files::favicon(&state))
        // Everything above, server functions included, reads at most FORM_BYTES.
        .layer(axum::middleware::from_fn_with_state(
            BodyLimit(limits::FORM_BYTES),
            limits::layer,
        ))
        .merge(uploads)
        .with_state(state.clone())
        // The limits above govern; the extractors' own default (2 MB) would cut photos.
        .layer(DefaultBodyLimit::disable())
        .layer(CatchPanicLayer::custom(public::friendly_error))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::security::origin_check,
        ))
        // Compression inside the cache: the cache keeps what was sent, compressed. For
        // browsers zstd at level 3, or brotli at quality 4 for those without zstd (Safari;
        // Chrome and Firefox take zstd over HTTPS); gzip at level 1 for the clients without
        // either. Brotli 4 and gzip 1 are nginx's defaults for compressing on the fly. A
        // rendered /products at 10,000 products cost the server 0.84-0.98 ms of CPU with
        // brotli, 0.62 with zstd and 0.59 with gzip, for 4.7, 5.0 and 6.4 KB sent; gzip at the
        // crate's level 6 took 12% of the server's CPU for a page 10% smaller. The inner layer
        // chooses between zstd and brotli by q-value, zstd on a tie; the gzip layer outside
        // leaves what is already compressed alone.
        .layer(CompressionLayer::new().no_gzip())
        .layer(
            CompressionLayer::new()
                .no_br()
                .no_zstd()
                .quality(CompressionLevel::Precise(1)),
        )
        .layer(axum::middleware::from_fn_with_state(
            PageCache::new(state.pool.clone()),
            crate::page_cache::layer,
        ))
        // Before the cache's key: a request that asks for no language of ours gets the office's.
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::state::default_language,
        ))
        // Outside the cache: whether a visitor is signed in is what its session says, not
        // what its cookies are named, so a cookie of no session is served the shared page.
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::session::layer,
        ))
        .layer(axum::middleware::from_fn_with_state(
            crate::security::Headers::of(&state),
            crate::security::headers,
        ))
}
