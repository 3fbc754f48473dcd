//! Design-system primitives shared by every page.

use leptos::prelude::*;

#[component]
pub fn Spinner() -> impl IntoView {
    view! {
        <span role="status" class="inline-flex items-center gap-2 text-sm text-slate-500 dark:text-slate-400">
            <span class="h-4 w-4 animate-spin rounded-full border-2 border-slate-300 border-t-slate-600 dark:border-slate-600 dark:border-t-slate-200"></span>
            "Loading…"
        </span>
    }
}

/// A page heading with an optional one-line description.
#[component]
pub fn PageHeader(title: &'static str, #[prop(optional)] description: &'static str) -> impl IntoView {
    view! {
        <leptos_meta::Title text=title/>
        <div class="mb-6">
            <h1 class="text-2xl font-semibold tracking-tight">{title}</h1>
            {(!description.is_empty()).then(|| view! { <p class="mt-1 text-slate-600 dark:text-slate-400">{description}</p> })}
        </div>
    }
}

/// Says how old the shown data is when it came from the console's short-lived cache of
/// VOD answers, with a link that asks VOD again.
#[component]
pub fn FreshnessNote(age_secs: Option<u64>, reload_href: String) -> impl IntoView {
    let text = match age_secs {
        Some(0) => "From the console's cache, under a second old.".to_string(),
        Some(s) => format!("From the console's cache, {s} s old."),
        None => "Fresh from VOD.".to_string(),
    };
    view! {
        <p class="mb-2 text-sm text-slate-600 dark:text-slate-400" data-testid="freshness">
            <span data-cached=age_secs.is_some().to_string()>{text}</span>" "
            <leptos_router::components::A href=reload_href attr:class="underline" attr:data-testid="reload">"Reload"</leptos_router::components::A>
        </p>
    }
}

/// A form-level message: the error of the last submission, or a success note.
#[component]
pub fn FormMessage<T: Clone + Send + Sync + 'static>(
    value: impl Fn() -> Option<Result<T, crate::error::AppError>> + Send + Sync + 'static,
    #[prop(optional)] success: &'static str,
) -> impl IntoView {
    move || match value() {
        Some(Err(e)) => Some(
            view! { <p role="alert" class="form-error" data-testid="form-error">{e.to_string()}</p> }.into_any(),
        ),
        Some(Ok(_)) if !success.is_empty() => {
            Some(view! { <p role="status" class="form-ok">{success}</p> }.into_any())
        }
        _ => None,
    }
}

/// `2026-11-23T13:19:19.637Z` → `2026-11-23 13:19 UTC`.
pub fn short_time(rfc3339: &str) -> String {
    match (rfc3339.get(..10), rfc3339.get(11..16)) {
        (Some(date), Some(time)) => format!("{date} {time} UTC"),
        _ => rfc3339.to_string(),
    }
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
