//! OCOP Market: the trade-promotion portal of a provincial OCOP programme.
//! Pages render on the server; only the islands (`#[island]`) hydrate in the browser, and
//! `public/navigation.js` swaps pages in place when JavaScript is there.

#![recursion_limit = "256"]

pub mod api;
pub mod components;
pub mod error;
pub mod format;
pub mod i18n;
pub mod model;
pub mod pages;
pub mod paths;
pub mod site;
pub mod text;

#[cfg(feature = "ssr")]
pub mod auth;
#[cfg(feature = "ssr")]
pub mod markdown;
#[cfg(feature = "ssr")]
pub mod sheet;
#[cfg(feature = "ssr")]
pub mod store;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Html, MetaTags, Stylesheet, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, SsrMode};

use crate::i18n::request_lang;

/// The HTML document around every page.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    without_a_nonce();
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="theme-color" content="#1b5e20" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <IslandScripts options />
                <script type="module" src=format!("/pkg/{}", crate::site::use_site().assets.navigation)></script>
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// Loads the WASM and hydrates each island once it comes near the screen or is touched
/// (`islands.js`), in place of Leptos's `<HydrationScripts islands=true>`, which preloads and
/// runs the WASM on every page, islands or not. No preload links: they would fetch it at once.
#[component]
fn IslandScripts(options: LeptosOptions) -> impl IntoView {
    // As Leptos's own islands script does: outside islands the server writes no hydration
    // markers.
    if let Some(context) = Owner::current_shared_context() {
        context.set_is_hydrating(false);
    }
    view! { <script type="module">{islands_script(&options)}</script> }
}

/// The page's one inline script of ours: the same on every page of a build, so that the
/// policy allows it by its hash (`site::content_security_policy`).
pub fn islands_script(options: &LeptosOptions) -> String {
    let pkg = format!("/{}/{}", options.site_pkg_dir, options.output_name);
    format!(
        "{}({:?}, {:?});",
        include_str!("islands.js").trim_end(),
        format!("{pkg}.js"),
        format!("{pkg}.wasm"),
    )
}

/// The inline scripts Leptos writes after every page, the same on each since no page sends
/// resources to the browser (its islands fetch what they need). A page whose scripts differ
/// would have them blocked by the policy, and the browser tests fail on the console error.
pub const LEPTOS_INLINE_SCRIPTS: [&str; 2] = [
    "__RESOLVED_RESOURCES=[];__SERIALIZED_ERRORS=[];__PENDING_RESOURCES=[];__RESOURCE_RESOLVERS=[];",
    "__INCOMPLETE_CHUNKS=[];",
];

/// Leptos gives every render a CSP nonce; the pages go without one. A nonce must be new for
/// each response, but the page cache sends one copy to every visitor for up to a minute: the
/// policy names the inline scripts by their hashes instead, which are the same for everyone.
fn without_a_nonce() {
    #[cfg(feature = "ssr")]
    drop(take_context::<leptos::nonce::Nonce>());
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let lang = request_lang();
    provide_context(lang);
    let site = model::office::Office::current()
        .short_name
        .get(lang)
        .to_owned();
    view! {
        <Html {..} lang=lang.code() />
        <Stylesheet id="main" href=format!("/pkg/{}", crate::site::use_site().assets.css) />
        <Title formatter=move |title: String| {
            if title.is_empty() { site.clone() } else { format!("{title} · {site}") }
        } />
        <Router>
            <components::layout::SiteHeader />
            <main id="content">
                // SsrMode::Async: each page is rendered whole before it is sent, so it is
                // complete for readers without JavaScript and for search engines.
                <Routes fallback=pages::not_found::NotFound>
                    <Route path=path!("/") view=pages::home::HomePage ssr=SsrMode::Async />
                    <Route path=path!("/products") view=pages::products::ProductsPage ssr=SsrMode::Async />
                    <Route path=path!("/products/:slug") view=pages::product::ProductPage ssr=SsrMode::Async />
                    <Route path=path!("/producers") view=pages::producers::ProducersPage ssr=SsrMode::Async />
                    <Route path=path!("/producers/:slug") view=pages::producers::ProducerPage ssr=SsrMode::Async />
                    <Route path=path!("/fairs") view=pages::fairs::FairsPage ssr=SsrMode::Async />
                    <Route path=path!("/fairs/:slug") view=pages::fairs::FairPage ssr=SsrMode::Async />
                    <Route path=path!("/fairs/:slug/:producer") view=pages::fairs::OnlineBoothPage ssr=SsrMode::Async />
                    <Route path=path!("/news") view=pages::news::NewsPage ssr=SsrMode::Async />
                    <Route path=path!("/news/:slug") view=pages::news::NewsPostPage ssr=SsrMode::Async />
                    <Route path=path!("/stats") view=pages::stats::StatsPage ssr=SsrMode::Async />
                    <Route path=path!("/verify") view=pages::verify::VerifyPage ssr=SsrMode::Async />
                    <Route path=path!("/certificates/ended") view=pages::verify::EndedCertificatesPage ssr=SsrMode::Async />
                    <Route path=path!("/verify/:number") view=pages::verify::VerifyPage ssr=SsrMode::Async />
                    <Route path=path!("/01/:gtin") view=pages::verify::GtinPage ssr=SsrMode::Async />
                    <Route path=path!("/01/:gtin/*qualifiers") view=pages::verify::GtinPage ssr=SsrMode::Async />
                    <Route path=path!("/data") view=pages::open_data::OpenDataPage />
                    <Route path=path!("/login") view=pages::account::LoginPage ssr=SsrMode::Async />
                    <Route path=path!("/account") view=pages::account::AccountPage ssr=SsrMode::Async />
                    <Route path=path!("/set-password/:secret") view=pages::account::SetPasswordPage ssr=SsrMode::Async />
                    <Route path=path!("/portal") view=pages::portal::PortalHome ssr=SsrMode::Async />
                    <Route path=path!("/portal/products") view=pages::portal::listings::PortalProducts ssr=SsrMode::Async />
                    <Route path=path!("/portal/products/new") view=pages::portal::listings::PortalListing ssr=SsrMode::Async />
                    <Route path=path!("/portal/products/:id/delete") view=pages::portal::listings::PortalDeleteDraft ssr=SsrMode::Async />
                    <Route path=path!("/portal/products/:id/stamps") view=pages::portal::stamps::PortalStamps ssr=SsrMode::Async />
                    <Route path=path!("/portal/products/:id") view=pages::portal::listings::PortalListing ssr=SsrMode::Async />
                    <Route path=path!("/portal/events") view=pages::portal::events::PortalEvents ssr=SsrMode::Async />
                    <Route path=path!("/portal/events/:id") view=pages::portal::events::PortalEventPage ssr=SsrMode::Async />
                    <Route path=path!("/commune") view=pages::commune::CommuneDeskPage ssr=SsrMode::Async />
                    <Route path=path!("/commune/registrations/:id") view=pages::commune::CommuneRegistrationPage ssr=SsrMode::Async />
                    <Route path=path!("/portal/ocop") view=pages::portal::ocop::PortalOcop ssr=SsrMode::Async />
                    <Route path=path!("/portal/ocop/:id") view=pages::portal::ocop::PortalRegistration ssr=SsrMode::Async />
                    <Route path=path!("/portal/profile") view=pages::portal::profile::PortalProfile ssr=SsrMode::Async />
                    <Route path=path!("/portal/inquiries") view=pages::portal::inquiries::PortalInbox ssr=SsrMode::Async />
                    <Route path=path!("/portal/inquiries/:id") view=pages::portal::inquiries::PortalInquiry ssr=SsrMode::Async />
                    <Route path=path!("/admin") view=pages::admin::AdminHome ssr=SsrMode::Async />
                    <Route path=path!("/admin/reviews") view=pages::admin::reviews::ReviewQueue ssr=SsrMode::Async />
                    <Route path=path!("/admin/reviews/:id") view=pages::admin::reviews::ReviewPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/producers") view=pages::admin::producers::ProducerList ssr=SsrMode::Async />
                    <Route path=path!("/admin/producers/new") view=pages::admin::producers::ProducerPageForStaff ssr=SsrMode::Async />
                    <Route path=path!("/admin/producers/:id") view=pages::admin::producers::ProducerPageForStaff ssr=SsrMode::Async />
                    <Route path=path!("/admin/events") view=pages::admin::events::EventList ssr=SsrMode::Async />
                    <Route path=path!("/admin/events/new") view=pages::admin::events::record::EventPageForStaff ssr=SsrMode::Async />
                    <Route path=path!("/admin/events/:id") view=pages::admin::events::record::EventPageForStaff ssr=SsrMode::Async />
                    <Route path=path!("/admin/events/:id/booths") view=pages::admin::events::plan::PlanEditor ssr=SsrMode::Async />
                    <Route path=path!("/admin/events/:id/booths/print") view=pages::admin::events::plan::PrintablePlan ssr=SsrMode::Async />
                    <Route path=path!("/admin/events/:id/applications") view=pages::admin::events::applications::ApplicationQueuePage ssr=SsrMode::Async />
                    <Route path=path!("/admin/events/:id/applications/:application") view=pages::admin::events::applications::ApplicationPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/events/:id/places") view=pages::admin::events::training::TrainingRosterPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/events/:id/signs") view=pages::admin::events::signs::BoothSigns ssr=SsrMode::Async />
                    <Route path=path!("/admin/cycles") view=pages::admin::cycles::CycleList ssr=SsrMode::Async />
                    <Route path=path!("/admin/cycles/:year") view=pages::admin::cycles::CyclePage ssr=SsrMode::Async />
                    <Route path=path!("/admin/cycles/:year/registrations") view=pages::admin::cycles::registrations::RegistrationListPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/cycles/:year/councils") view=pages::admin::cycles::councils::CouncilsPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/cycles/:year/decision") view=pages::admin::cycles::recognition::RecognitionPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/registrations/:id") view=pages::admin::cycles::registrations::RegistrationPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/councils/:id") view=pages::admin::cycles::councils::CouncilScoring ssr=SsrMode::Async />
                    <Route path=path!("/admin/certificates") view=pages::admin::cycles::certificates::CertificatesPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/news") view=pages::admin::news::NewsDesk ssr=SsrMode::Async />
                    <Route path=path!("/admin/news/new") view=pages::admin::news::NewsEditor ssr=SsrMode::Async />
                    <Route path=path!("/admin/news/:id") view=pages::admin::news::NewsEditor ssr=SsrMode::Async />
                    <Route path=path!("/admin/handbook") view=pages::admin::handbook::HandbookPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/reports") view=pages::admin::reports::ReportsPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/staff") view=pages::admin::staff::StaffPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/settings") view=pages::admin::settings::SettingsPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/units") view=pages::admin::units::UnitsPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/units/imports/:id") view=pages::admin::units::UnitImportPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/import") view=pages::admin::import::ImportPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/import/:id") view=pages::admin::import::ProductImportPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/audit") view=pages::admin::audit::AuditPage ssr=SsrMode::Async />
                </Routes>
            </main>
            <components::layout::SiteFooter />
        </Router>
    }
}

/// The browser's entry point: hydrates the islands on the page.
#[cfg(feature = "hydrate")]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
