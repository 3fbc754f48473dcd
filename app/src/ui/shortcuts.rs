//! Keyboard shortcuts: `?` opens a list of every shortcut that works on the current page,
//! `/` moves to the page's search or filter field. A page's own keys (the category tree's)
//! are listed here too, so the sheet is the one place that tells what the keyboard can do.

use leptos::prelude::*;

use crate::i18n::*;
use crate::ui::Modal;

/// Whether the sheet is open, shared with the button in the user menu.
#[derive(Clone, Copy)]
pub struct SheetOpen(pub RwSignal<bool>);

/// What a shortcut does; its text is in the catalogue (`shell.keys.*`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Does {
    OpenSheet,
    FocusSearch,
    CloseDialog,
    TreeMove,
    TreeOpen,
    TreeClose,
    TreeEnds,
    TreeAddSibling,
    TreeAddChild,
    TreeRename,
    TreeDelete,
    TreeConfirm,
}

impl Does {
    pub fn text(self, locale: Locale) -> &'static str {
        match self {
            Does::OpenSheet => td_string!(locale, shell.keys.open_sheet),
            Does::FocusSearch => td_string!(locale, shell.keys.focus_search),
            Does::CloseDialog => td_string!(locale, shell.keys.close_dialog),
            Does::TreeMove => td_string!(locale, shell.keys.tree_move),
            Does::TreeOpen => td_string!(locale, shell.keys.tree_open),
            Does::TreeClose => td_string!(locale, shell.keys.tree_close),
            Does::TreeEnds => td_string!(locale, shell.keys.tree_ends),
            Does::TreeAddSibling => td_string!(locale, shell.keys.tree_add_sibling),
            Does::TreeAddChild => td_string!(locale, shell.keys.tree_add_child),
            Does::TreeRename => td_string!(locale, shell.keys.tree_rename),
            Does::TreeDelete => td_string!(locale, shell.keys.tree_delete),
            Does::TreeConfirm => td_string!(locale, shell.keys.tree_confirm),
        }
    }
}

/// A key or chord, as printed on the key caps.
pub type Keys = &'static [&'static str];

/// Pages with a field that `/` focuses (marked `data-shortcut="search"`).
const SEARCH_PAGES: &[&str] = &["/media", "/activity"];

/// Every shortcut that works on the page at `path`: the page's own first, then those
/// that work everywhere.
pub fn shortcuts_for(path: &str) -> Vec<(Keys, Does)> {
    let mut keys: Vec<(Keys, Does)> = Vec::new();
    if path == "/categories" {
        keys.extend([
            (&["↑", "↓"][..], Does::TreeMove),
            (&["→"][..], Does::TreeOpen),
            (&["←"][..], Does::TreeClose),
            (&["Home", "End"][..], Does::TreeEnds),
            (&["Enter"][..], Does::TreeAddSibling),
            (&["Alt", "Enter"][..], Does::TreeAddChild),
            (&["F2"][..], Does::TreeRename),
            (&["Delete"][..], Does::TreeDelete),
            (&["Enter"][..], Does::TreeConfirm),
        ]);
    }
    if SEARCH_PAGES.contains(&path) {
        keys.push((&["/"], Does::FocusSearch));
    }
    keys.push((&["Esc"], Does::CloseDialog));
    keys.push((&["?"], Does::OpenSheet));
    keys
}

/// Whether a key press belongs to a text field (where `?` and `/` are just characters).
#[cfg(feature = "hydrate")]
pub(crate) fn typing(ev: &leptos::ev::KeyboardEvent) -> bool {
    use wasm_bindgen::JsCast;
    let Some(target) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return false };
    let tag = target.tag_name().to_ascii_lowercase();
    let text_input = tag == "input"
        && !matches!(target.get_attribute("type").as_deref(), Some("checkbox" | "radio" | "button" | "submit" | "reset"));
    text_input || tag == "textarea" || tag == "select" || target.get_attribute("contenteditable").is_some_and(|v| v != "false")
}

/// The sheet, opened by `?` (or the button in the user menu) on every console page.
#[component]
pub fn ShortcutsSheet(open: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let location = leptos_router::hooks::use_location();
    #[cfg(feature = "hydrate")]
    {
        let handle = window_event_listener(leptos::ev::keydown, move |ev| {
            if ev.ctrl_key() || ev.meta_key() || ev.alt_key() || ev.default_prevented() || typing(&ev) {
                return;
            }
            match ev.key().as_str() {
                "?" if !open.get_untracked() => {
                    ev.prevent_default();
                    open.set(true);
                }
                "/" if !open.get_untracked() => {
                    use wasm_bindgen::JsCast;
                    let field = document()
                        .query_selector("[data-shortcut=search]")
                        .ok()
                        .flatten()
                        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
                    if let Some(field) = field {
                        ev.prevent_default();
                        let _ = field.focus();
                    }
                }
                _ => {}
            }
        });
        on_cleanup(move || handle.remove());
    }
    let close = Callback::new(move |_| open.set(false));
    // The sheet's code arrives with its first opening: nothing of it is in the first load.
    // Its own Suspense, so that waiting for it never suspends the page around it (the
    // console's frame would show its fallback and lose the focused control).
    view! {
        <Suspense fallback=|| ()>
            {move || {
                open.get().then(|| {
                    let path = location.pathname.get_untracked();
                    let locale = i18n.get_locale_untracked();
                    Suspend::new(async move { sheet(path, locale, close).await })
                })
            }}
        </Suspense>
    }
}

/// The open sheet. The language cannot change while it is open (the switch is behind
/// it), so its texts are plain strings.
#[leptos::lazy]
fn sheet(path: String, locale: Locale, close: Callback<()>) -> AnyView {
    let rows = shortcuts_for(&path)
        .into_iter()
        .map(|(keys, does)| {
            let caps: Vec<AnyView> = keys
                .iter()
                .map(|k| view! { <kbd translate="no" class="mr-1 rounded border border-slate-300 bg-slate-100 px-1.5 py-0.5 font-mono text-xs dark:border-slate-600 dark:bg-slate-800">{*k}</kbd> }.into_any())
                .collect();
            view! {
                <dt class="whitespace-nowrap">{caps}</dt>
                <dd data-testid="shortcut">{does.text(locale)}</dd>
            }
            .into_any()
        })
        .collect::<Vec<_>>();
    view! {
        <Modal labelled_by="shortcuts-title" testid="shortcuts-sheet" on_close=close>
            <div class="flex items-start justify-between gap-4">
                <h2 id="shortcuts-title" class="text-lg font-semibold">{td_string!(locale, shell.keys.title)}</h2>
                <button type="button" class="btn-ghost" on:click=move |_| close.run(()) data-testid="shortcuts-close">
                    {td_string!(locale, common.close)}
                </button>
            </div>
            <p class="mt-1 text-sm text-slate-600 dark:text-slate-400">{td_string!(locale, shell.keys.intro)}</p>
            <dl class="mt-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">{rows}</dl>
        </Modal>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_page_lists_its_own_keys_and_the_common_ones() {
        let media = shortcuts_for("/media");
        assert!(media.iter().any(|(k, d)| *k == ["/"] && *d == Does::FocusSearch));
        assert!(!media.iter().any(|(_, d)| *d == Does::TreeRename));
        let tree = shortcuts_for("/categories");
        assert!(tree.iter().any(|(k, d)| *k == ["F2"] && *d == Does::TreeRename));
        assert!(!tree.iter().any(|(_, d)| *d == Does::FocusSearch), "the category page has no search field");
        for path in ["/", "/media", "/categories", "/users", "/media/video/abc"] {
            let keys = shortcuts_for(path);
            assert_eq!(keys.last().map(|k| k.1), Some(Does::OpenSheet), "{path}");
            // Every text exists in both languages and differs between them.
            for (_, does) in keys {
                assert_ne!(does.text(Locale::en), does.text(Locale::zh), "{does:?}");
            }
        }
    }
}
