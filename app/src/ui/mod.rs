//! Design-system primitives shared by every page.

pub mod dialog;
pub mod prefs;
pub mod shortcuts;
pub mod time;

pub use dialog::Modal;
pub use time::LocalTime;

use leptos::prelude::*;
use leptos::text_prop::TextProp;

use crate::i18n::*;

#[component]
pub fn Spinner() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <span role="status" class="inline-flex items-center gap-2 text-sm text-slate-500 dark:text-slate-400">
            <span class="h-4 w-4 animate-spin rounded-full border-2 border-slate-300 border-t-slate-600 dark:border-slate-600 dark:border-t-slate-200"></span>
            {t!(i18n, common.loading)}
        </span>
    }
}

/// Text for leptos_meta's `<Title>`. The server writes the document title after the
/// page is rendered, when the page's reactive state (the language signal among it) may
/// already be gone, so there it is read now; in the browser it follows a language switch.
pub fn title_text(text: impl Fn() -> String + Send + Sync + 'static) -> TextProp {
    #[cfg(feature = "ssr")]
    return TextProp::from(text());
    #[cfg(not(feature = "ssr"))]
    return TextProp::from(text);
}

/// A page heading (also the document title) with an optional one-line description.
/// Both are usually `move || t_string!(i18n, …)`, so they follow a language switch.
#[component]
pub fn PageHeader(#[prop(into)] title: TextProp, #[prop(optional, into)] description: Option<TextProp>) -> impl IntoView {
    let heading = title.clone();
    let document_title = title_text(move || title.get().to_string());
    view! {
        <leptos_meta::Title text=document_title/>
        <div class="mb-6">
            <h1 class="text-2xl font-semibold tracking-tight">{move || heading.get()}</h1>
            {description.map(|d| view! { <p class="mt-1 text-slate-600 dark:text-slate-400">{move || d.get()}</p> })}
        </div>
    }
}

/// Says how old the shown data is when it came from the console's short-lived cache of
/// VOD answers, with a link that asks VOD again.
#[component]
pub fn FreshnessNote(age_secs: Option<u64>, reload_href: String) -> impl IntoView {
    let i18n = use_i18n();
    let text = move || match age_secs {
        Some(0) => t_string!(i18n, common.cached_now).to_string(),
        Some(secs) => t_string!(i18n, common.cached_secs, secs).to_string(),
        None => t_string!(i18n, common.fresh).to_string(),
    };
    view! {
        <p class="mb-2 text-sm text-slate-600 dark:text-slate-400" data-testid="freshness">
            <span data-cached=age_secs.is_some().to_string()>{text}</span>" "
            <leptos_router::components::A href=reload_href attr:class="underline" attr:data-testid="reload">{t!(i18n, common.reload)}</leptos_router::components::A>
        </p>
    }
}

/// A form-level message: the error of the last submission, or a success note.
#[component]
pub fn FormMessage<T: Clone + Send + Sync + 'static>(
    value: impl Fn() -> Option<Result<T, crate::error::AppError>> + Send + Sync + 'static,
    #[prop(optional, into)] success: Option<TextProp>,
) -> impl IntoView {
    let i18n = use_i18n();
    move || match value() {
        Some(Err(e)) => Some(
            view! { <p role="alert" class="form-error" data-testid="form-error">{e.localized(i18n.get_locale())}</p> }.into_any(),
        ),
        Some(Ok(_)) => success.clone().map(|s| view! { <p role="status" class="form-ok">{move || s.get()}</p> }.into_any()),
        _ => None,
    }
}

/// A literal for an HTML `pattern` attribute (which is a regular expression): what must
/// be typed to confirm a delete.
pub fn pattern_literal(s: &str) -> String {
    s.chars().fold(String::new(), |mut out, c| {
        if "\\^$.|?*+()[]{}/-".contains(c) {
            out.push('\\');
        }
        out.push(c);
        out
    })
}

/// Marks `<html data-hydrated="<page>">` once the page's view is hydrated in the browser
/// (an effect runs after the view it belongs to is built). End-to-end tests and the
/// first-load benchmark wait for it; it does nothing on the server.
pub fn mark_hydrated(page: &'static str) {
    Effect::new(move |_| {
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-hydrated", page);
        }
    });
}
