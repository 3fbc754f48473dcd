use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::*;

/// Answers with HTTP 404 on the server.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(options) = use_context::<leptos_axum::ResponseOptions>() {
        options.set_status(http::StatusCode::NOT_FOUND);
    }
    let i18n = use_i18n();
    view! {
        <leptos_meta::Title text=crate::ui::title_text(move || t_string!(i18n, shell.not_found_title).to_string())/>
        <div class="flex min-h-screen flex-col items-center justify-center gap-3 px-4 text-center">
            <p class="text-5xl font-bold text-slate-500 dark:text-slate-400">"404"</p>
            <h1 class="text-xl font-semibold">{t!(i18n, shell.not_found)}</h1>
            <p class="text-slate-600 dark:text-slate-400">{t!(i18n, shell.not_found_hint)}</p>
            <A href="/" attr:class="btn-primary">{t!(i18n, shell.back)}</A>
        </div>
    }
}
