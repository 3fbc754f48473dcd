//! Modal dialogs that keep keyboard users oriented: focus moves into the dialog when it
//! opens (to the element marked `autofocus`, else the first control), Tab and Shift+Tab
//! cycle within it, Escape closes it, and when it closes focus returns to the control
//! that opened it (or to the page's main region when that control is gone).

use leptos::prelude::*;

/// A modal dialog over the page. `alert` makes it an `alertdialog` (a destructive
/// confirmation); `labelled_by` / `described_by` are the ids of its heading and body.
#[component]
pub fn Modal(
    #[prop(into)] labelled_by: String,
    #[prop(optional, into)] described_by: Option<String>,
    #[prop(optional)] alert: bool,
    #[prop(optional, into)] testid: Option<String>,
    #[prop(optional, into)] class: Option<String>,
    on_close: Callback<()>,
    children: Children,
) -> impl IntoView {
    let panel = NodeRef::<leptos::html::Div>::new();
    #[cfg(feature = "hydrate")]
    {
        browser::remember_focus();
        Effect::new(move |_| {
            let Some(panel) = panel.get() else { return };
            // A dialog built by a lazily loaded view is attached after this runs: focus it
            // once it is on the page.
            request_animation_frame(move || browser::open(&panel));
        });
        on_cleanup(browser::restore_focus);
    }
    let on_key = move |ev: leptos::ev::KeyboardEvent| match ev.key().as_str() {
        "Escape" => {
            ev.prevent_default();
            ev.stop_propagation();
            on_close.run(());
        }
        "Tab" => {
            #[cfg(feature = "hydrate")]
            if let Some(panel) = panel.get_untracked() {
                browser::trap_tab(&panel, &ev);
            }
        }
        _ => {}
    };
    let class = class.unwrap_or_else(|| "w-full max-w-lg rounded-lg bg-white p-5 shadow-xl dark:bg-slate-900".into());
    view! {
        <div class="fixed inset-0 z-40 flex items-center justify-center bg-slate-900/50 p-4" on:keydown=on_key>
            <div node_ref=panel role=if alert { "alertdialog" } else { "dialog" } aria-modal="true" tabindex="-1"
                aria-labelledby=labelled_by aria-describedby=described_by class=class data-testid=testid>
                {children()}
            </div>
        </div>
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use leptos::prelude::document;
    use wasm_bindgen::JsCast;
    use web_sys::{Element, HtmlElement};

/// Marks the control that had focus when a dialog opened.
const RETURN_MARK: &str = "data-focus-return";
/// What Tab can reach inside a dialog.
const FOCUSABLE: &str = "a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex='-1'])";

    fn focusables(panel: &Element) -> Vec<HtmlElement> {
        let Ok(list) = panel.query_selector_all(FOCUSABLE) else { return Vec::new() };
        (0..list.length())
            .filter_map(|i| list.item(i))
            .filter_map(|n| n.dyn_into::<HtmlElement>().ok())
            // Hidden controls (`display: none` somewhere above) cannot take focus.
            .filter(|e| e.offset_parent().is_some())
            .collect()
    }

    /// Marks the control that has focus now (the one that opens the dialog), unless one
    /// is marked already (a dialog opened from a dialog returns to the first opener).
    pub fn remember_focus() {
        let doc = document();
        if doc.query_selector(&format!("[{RETURN_MARK}]")).ok().flatten().is_some() {
            return;
        }
        if let Some(active) = doc.active_element().filter(|a| Some(a) != doc.body().as_ref().map(|b| b.unchecked_ref::<Element>())) {
            let _ = active.set_attribute(RETURN_MARK, "");
        }
    }

    /// Moves focus into the dialog.
    pub fn open(panel: &HtmlElement) {
        let first = panel
            .query_selector("[autofocus]")
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<HtmlElement>().ok())
            .or_else(|| focusables(panel).into_iter().next());
        let _ = first.unwrap_or_else(|| panel.clone()).focus();
    }

    /// Tab on the last control goes to the first, Shift+Tab on the first to the last.
    pub fn trap_tab(panel: &HtmlElement, ev: &web_sys::KeyboardEvent) {
        let items = focusables(panel);
        let (Some(first), Some(last)) = (items.first(), items.last()) else {
            ev.prevent_default();
            return;
        };
        let active = document().active_element();
        let on = |e: &HtmlElement| active.as_ref().is_some_and(|a| a == e.unchecked_ref::<Element>());
        let outside = active.as_ref().is_none_or(|a| !panel.contains(Some(a)) || a == panel.unchecked_ref::<Element>());
        if ev.shift_key() && (on(first) || outside) {
            ev.prevent_default();
            let _ = last.focus();
        } else if !ev.shift_key() && (on(last) || outside) {
            ev.prevent_default();
            let _ = first.focus();
        }
    }

    /// Gives focus back to the control that opened the dialog, or to the main region.
    pub fn restore_focus() {
        let doc = document();
        let marked = doc.query_selector(&format!("[{RETURN_MARK}]")).ok().flatten();
        if let Some(el) = &marked {
            let _ = el.remove_attribute(RETURN_MARK);
        }
        let target = marked.filter(|e| e.is_connected()).and_then(|e| e.dyn_into::<HtmlElement>().ok());
        // The opener may be re-rendered in the same tick the dialog closes: focus after it.
        leptos::task::spawn_local(async move {
            let target = target.filter(|e| e.is_connected()).or_else(|| {
                let main = document().get_element_by_id("main")?.dyn_into::<HtmlElement>().ok()?;
                let _ = main.set_attribute("tabindex", "-1");
                Some(main)
            });
            if let Some(t) = target {
                let _ = t.focus();
            }
        });
    }
}
