//! The language and theme switch, and the attributes they set on `<html>`.
//!
//! The server decides both before the first byte (from the cookies, else
//! `Accept-Language` and the system theme), so a page never flashes the other language
//! or theme. Hydrated, a change applies at once and is saved in the background; without
//! JavaScript the same form posts and the page comes back in the new language.

use leptos::prelude::*;
use leptos_meta::Html;

use crate::api::prefs::SetPreferences;
use crate::i18n::*;
use crate::model::prefs::{parse_locale, Theme, COOKIE_MAX_AGE};

#[derive(Clone, Copy)]
pub struct Prefs {
    pub theme: RwSignal<Theme>,
}

/// The theme as the server rendered it (its cookie), shared through context.
pub fn provide() -> Prefs {
    #[cfg(feature = "ssr")]
    let initial = use_context::<http::request::Parts>().map(|p| crate::ssr::prefs::theme_of(&p.headers)).unwrap_or_default();
    #[cfg(not(feature = "ssr"))]
    let initial = document()
        .document_element()
        .and_then(|e| e.get_attribute("data-theme"))
        .and_then(|t| Theme::parse(&t))
        .unwrap_or_default();
    let prefs = Prefs { theme: RwSignal::new(initial) };
    provide_context(prefs);
    prefs
}

/// leptos_i18n's language cookie: for the whole site, kept for a year.
pub fn language_cookie_options() -> leptos_i18n::context::CookieOptions<Locale> {
    leptos_i18n::context::CookieOptions::default().path("/".to_string()).max_age(COOKIE_MAX_AGE * 1000)
}

/// `data-theme` on `<html>` (the stylesheet's dark variant keys on it; `system` defers
/// to `prefers-color-scheme`). `lang` is set by the i18n provider.
#[component]
pub fn DocumentAttributes(prefs: Prefs) -> impl IntoView {
    view! { <Html attr:data-theme=move || prefs.theme.get().as_str()/> }
}

/// Language and theme selects. Hydrated, a change applies at once; the Apply button
/// posts the form for browsers without JavaScript.
#[component]
pub fn PreferencesForm(#[prop(optional)] compact: bool) -> impl IntoView {
    let i18n = use_i18n();
    let prefs = expect_context::<Prefs>();
    let save = ServerAction::<SetPreferences>::new();
    let back = leptos_router::hooks::use_location();
    let here = move || {
        let search = back.search.get();
        if search.is_empty() { back.pathname.get() } else { format!("{}?{search}", back.pathname.get()) }
    };
    let lang_ref = NodeRef::<leptos::html::Select>::new();
    let theme_ref = NodeRef::<leptos::html::Select>::new();
    // The Apply button is for browsers without JavaScript; once hydrated, a change applies
    // by itself.
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let apply = move || {
        let (Some(lang), Some(theme)) = (lang_ref.get_untracked(), theme_ref.get_untracked()) else { return };
        let (lang, theme) = (lang.value(), theme.value());
        if let Some(l) = parse_locale(&lang) {
            i18n.set_locale(l);
        }
        if let Some(t) = Theme::parse(&theme) {
            prefs.theme.set(t);
        }
        save.dispatch(SetPreferences { lang, theme, back: None });
    };
    let class = if compact { "flex flex-wrap items-end gap-2" } else { "grid gap-2" };
    view! {
        <ActionForm action=save attr:class=class attr:data-testid="prefs-form">
            <input type="hidden" name="back" value=here/>
            <label class="text-xs text-slate-600 dark:text-slate-400">
                <span class="block">{t!(i18n, shell.language)}</span>
                <select name="lang" node_ref=lang_ref class="input py-1" data-testid="lang-select" on:change=move |_| apply()>
                    <option value="zh" lang="zh" selected=move || i18n.get_locale() == Locale::zh>"中文"</option>
                    <option value="en" lang="en" selected=move || i18n.get_locale() == Locale::en>"English"</option>
                </select>
            </label>
            <label class="text-xs text-slate-600 dark:text-slate-400">
                <span class="block">{t!(i18n, shell.theme)}</span>
                <select name="theme" node_ref=theme_ref class="input py-1" data-testid="theme-select" on:change=move |_| apply()>
                    <option value="system" selected=move || prefs.theme.get() == Theme::System>{t!(i18n, shell.theme_system)}</option>
                    <option value="light" selected=move || prefs.theme.get() == Theme::Light>{t!(i18n, shell.theme_light)}</option>
                    <option value="dark" selected=move || prefs.theme.get() == Theme::Dark>{t!(i18n, shell.theme_dark)}</option>
                </select>
            </label>
            <button type="submit" class="btn-ghost" class:hidden=move || hydrated.get() data-testid="prefs-apply">{t!(i18n, shell.apply)}</button>
        </ActionForm>
    }
}
