//! Accounts and credentials (server only).

pub mod password;
