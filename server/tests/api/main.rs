//! The server's integration tests, linked into one binary: the console and a real
//! emulator on real sockets. One binary instead of one per file keeps the link time and
//! the disk footprint of the test build down (each binary links the whole console).
#![recursion_limit = "256"]

mod common;

mod activity;
mod ai;
mod audit;
mod assets;
mod budget;
mod faults;
mod categories;
mod fuzz;
mod i18n;
mod media;
mod plain;
mod renders;
mod roles;
mod router;
mod templates;
mod upload;
mod usage;
mod watermarks;
