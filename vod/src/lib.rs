//! Typed, signed client for Alibaba Cloud ApsaraVideo VOD (API version 2017-03-21).
//!
//! This crate never depends on Leptos and is never compiled to wasm: credentials live
//! only on the server. The UI talks to it through server functions.

pub mod signature;
