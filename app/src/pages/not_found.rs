use leptos::prelude::*;
use leptos_router::components::A;

/// Answers with HTTP 404 on the server.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(options) = use_context::<leptos_axum::ResponseOptions>() {
        options.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <leptos_meta::Title text="Page not found"/>
        <div class="flex min-h-screen flex-col items-center justify-center gap-3 px-4 text-center">
            <p class="text-5xl font-bold text-slate-300 dark:text-slate-700">"404"</p>
            <h1 class="text-xl font-semibold">"This page does not exist."</h1>
            <p class="text-slate-600 dark:text-slate-400">"The link may be old, or the address mistyped."</p>
            <A href="/" attr:class="btn-primary">"Back to the console"</A>
        </div>
    }
}
