//! The browser entry point: hydrates the server-rendered console. Nothing else.
//!
//! Routes are lazy (`app::pages::lazy`): hydration waits for the chunk of the page being
//! shown. The bundle is built with `-Cpanic=immediate-abort` (see `.cargo/config.toml`),
//! so a panic traps at once; there is no panic hook to install.
#![recursion_limit = "256"]

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    leptos::mount::hydrate_lazy(app::App);
}
