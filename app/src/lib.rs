//! VOD Console UI: the HTML shell, the `App` component and the route table. Everything
//! else lives in `api/` (server functions), `pages/`, `components/`, `ui/`, `model/`
//! and, for the server build only, `ssr/`.
#![recursion_limit = "256"]

pub mod api;
pub mod components;
pub mod error;
pub mod model;
pub mod pages;
pub mod ui;
#[cfg(feature = "ssr")]
pub mod ssr;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Title};
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::{path, Lazy, SsrMode};

use crate::components::shell::ConsoleLayout;
use crate::pages::{lazy, LoginPage, NotFoundPage};

pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    ssr::provide_request_nonce();
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light dark"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <link rel="stylesheet" href=stylesheet_href(&options)/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body class="min-h-screen bg-slate-50 text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">
                <App/>
            </body>
        </html>
    }
}

/// The stylesheet's URL: `/pkg/vod-console.<hash>.css` when the build named it by its
/// content hash (listed in the hash file), else `/pkg/vod-console.css`.
/// Read once per process (the build does not change under a running server), not on
/// every page render.
fn stylesheet_href(options: &LeptosOptions) -> String {
    static HASHED: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    let name = options.output_name.to_string();
    let hash = HASHED.get_or_init(|| {
        let hashes = std::fs::read_to_string(options.hash_file.as_ref()).ok()?;
        hashes.lines().find_map(|l| l.trim().strip_prefix("css:")).map(|h| h.trim().to_string())
    });
    match hash {
        Some(hash) => format!("/pkg/{name}.{hash}.css"),
        None => format!("/pkg/{name}.css"),
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();

    // Async SSR: pages arrive complete (they work with JavaScript off) and a signed-out
    // visit to a protected page is a real 302 to the login page.
    view! {
        <Title formatter=|t: String| if t.is_empty() { "VOD Console".to_string() } else { format!("{t} · VOD Console") }/>
        <Router>
            <AuthScope>
            <Routes fallback=|| view! { <NotFoundPage/> }>
                <Route path=path!("/login") view=LoginPage ssr=SsrMode::Async/>
                <ParentRoute path=path!("") view=ConsoleLayout ssr=SsrMode::Async>
                    <Route path=path!("") view={Lazy::<lazy::Home>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("media") view={Lazy::<lazy::Media>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("media/video/:id") view={Lazy::<lazy::VideoDetail>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("media/image/:id") view={Lazy::<lazy::ImageDetail>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("media/attached/:id") view={Lazy::<lazy::AttachedDetail>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("media/upload") view={Lazy::<lazy::Upload>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("categories") view={Lazy::<lazy::Categories>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("templates") view={Lazy::<lazy::Templates>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("watermarks") view={Lazy::<lazy::Watermarks>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("audit") view={Lazy::<lazy::Audit>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("usage") view={Lazy::<lazy::Usage>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("activity") view={Lazy::<lazy::Activity>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("users") view={Lazy::<lazy::Users>::new()} ssr=SsrMode::Async/>
                </ParentRoute>
            </Routes>
            </AuthScope>
        </Router>
    }
}

/// Shares the sign-out action and the shell information with every route.
#[component]
fn AuthScope(children: Children) -> impl IntoView {
    components::shell::AuthActions::provide();
    children()
}
