//! Preloads for a lazy page's wasm. A page rendered on the server names, in its `<head>`,
//! the pack of every module its lazy route needs to hydrate (`pack_<split>.bin`, which
//! `scripts/pack-chunks.mjs` writes next to `chunks.json` in the bundle), so the browser
//! fetches it in parallel with the main wasm instead of once hydration asks for it.
//!
//! (Leptos has its own version of this, which reads the manifest through a context that
//! is not always reachable from where it looks: the first render of each page went
//! without preloads. This one is read once per process and used on every render.)

use std::collections::HashMap;
use std::sync::OnceLock;

use leptos::prelude::*;
use leptos_meta::Link;

/// The manifest's file name in the bundle directory.
pub const MANIFEST: &str = "chunks.json";

struct Chunks {
    /// `/pkg/<hash>`
    pkg: String,
    /// Lazy function (`__<route>_view_<n>`) -> the chunks it needs, in load order.
    needs: HashMap<String, Vec<String>>,
}

fn chunks() -> Option<&'static Chunks> {
    static CHUNKS: OnceLock<Option<Chunks>> = OnceLock::new();
    if let Some(chunks) = CHUNKS.get() {
        return chunks.as_ref();
    }
    // Outside a request (no state to say where the site is) nothing is decided yet.
    let options = use_context::<super::AppState>()?.leptos_options;
    CHUNKS
        .get_or_init(|| {
            let dir = std::path::Path::new(options.site_root.as_ref()).join(options.site_pkg_dir.as_ref());
            let text = std::fs::read_to_string(dir.join(MANIFEST)).ok()?;
            let needs = serde_json::from_str(&text).ok()?;
            Some(Chunks { pkg: format!("/{}", options.site_pkg_dir), needs })
        })
        .as_ref()
}

/// `VideoDetail` -> `video_detail`: how the lazy-route macro names a route's split.
fn snake(route: &str) -> String {
    let mut out = String::with_capacity(route.len() + 4);
    for (i, c) in route.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// The URL of the pack of modules the lazy route `route` (a type in `pages::lazy`) needs.
pub fn chunk_urls(route: &str) -> Vec<String> {
    let Some(chunks) = chunks() else { return Vec::new() };
    let prefix = format!("__{}_view_", snake(route));
    chunks
        .needs
        .iter()
        .find(|(split, _)| split.starts_with(&prefix))
        .filter(|(_, needs)| !needs.is_empty())
        .map(|(split, _)| vec![format!("{}/pack_{split}.bin", chunks.pkg)])
        .unwrap_or_default()
}

/// Registers `<link rel="preload">` for the route's chunks with the page's `<head>`.
/// Rendered to the meta context only, never into the page body, so hydration sees the
/// same tree it would without them.
pub fn preload(route: &str) {
    let urls = chunk_urls(route);
    if urls.is_empty() {
        return;
    }
    if let Some(chunks) = chunks() {
        let loader = format!("{}/__wasm_split.______________________.js", chunks.pkg);
        _ = view! { <Link rel="modulepreload" href=loader/> }.to_html();
    }
    for href in urls {
        // `anonymous`: the chunk loader fetches same-origin with the default credentials
        // mode, and a preload is only reused by a fetch in the same mode.
        _ = view! { <Link rel="preload" href=href as_="fetch" crossorigin="anonymous"/> }.to_html();
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn route_names_become_the_split_names_of_the_lazy_route_macro() {
        assert_eq!(super::snake("Media"), "media");
        assert_eq!(super::snake("VideoDetail"), "video_detail");
        assert_eq!(super::snake("AttachedDetail"), "attached_detail");
    }
}
