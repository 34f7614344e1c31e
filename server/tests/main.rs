//! The server's tests as one binary, a module per file: one link of the server and Leptos
//! for all of them, where each file was a binary of its own. Each module's name says what it
//! covers; `common` is the test vocabulary (demo users, the request builder, the helpers) and
//! `process` the real server binary on a port of its own.

mod common;
mod process;

mod accounts;
mod audit;
mod authorization;
mod backup;
mod bodies;
mod catalogue;
mod certificates;
mod communes;
mod concurrent_writes;
mod councils;
mod crash;
mod demo_data;
mod deploy;
mod event_records;
mod exhibitors;
mod fairs;
mod floor_plans;
mod form_routes;
mod handbook;
mod http;
mod inquiries;
mod listings;
mod media;
mod news;
mod ocop_registrations;
mod open_data;
mod outbox;
mod pages;
mod producer_records;
mod product_import;
mod reports;
mod reviews;
mod settings;
mod stamps;
mod training;
mod units;
mod verification;
mod where_to_buy;
