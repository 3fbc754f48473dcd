//! Server functions, one module per page. Each is thin: authorise, validate, call one
//! plain function in `ssr/` or `vod/`, map the result. Every endpoint is explicit and
//! stable (`/api/<page>/<verb>`), and every one that changes something is a POST.

pub mod activity;
pub mod ai;
pub mod audit;
pub mod auth;
pub mod categories;
pub mod media;
pub mod prefs;
pub mod templates;
pub mod upload;
pub mod usage;
pub mod users;
pub mod watermarks;
