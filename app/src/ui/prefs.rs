//! The language, theme and time zone switch, and the attributes they set on `<html>`.
//!
//! The server decides both before the first byte (from the cookies, else
//! `Accept-Language` and the system theme), so a page never flashes the other language
//! or theme. Hydrated, a change applies at once and is saved in the background; without
//! JavaScript the same form posts and the page comes back in the new language.

use leptos::prelude::*;
use leptos_meta::Html;

use crate::api::prefs::SetPreferences;
use crate::i18n::*;
use crate::model::prefs::{parse_locale, Theme, COMMON_TIME_ZONES, COOKIE_MAX_AGE};
use crate::ui::FormMessage;

#[derive(Clone, Copy)]
pub struct Prefs {
    pub theme: RwSignal<Theme>,
    /// The IANA zone times are shown in.
    pub time_zone: RwSignal<String>,
    /// The zone the server rendered the page with (what hydration finds in the HTML).
    pub rendered_zone: StoredValue<String>,
}

/// The theme and time zone as the server rendered them (their cookies, else the
/// defaults), shared through context.
pub fn provide() -> Prefs {
    #[cfg(feature = "ssr")]
    let (theme, zone) = match use_context::<http::request::Parts>() {
        Some(p) => (crate::ssr::prefs::theme_of(&p.headers), crate::ssr::prefs::time_zone_of(&p.headers)),
        None => (Theme::default(), crate::model::prefs::default_time_zone(Locale::default()).to_string()),
    };
    #[cfg(not(feature = "ssr"))]
    let (theme, zone) = {
        let root = document().document_element();
        let attr = |name: &str| root.as_ref().and_then(|e| e.get_attribute(name));
        let theme = attr("data-theme").and_then(|t| Theme::parse(&t)).unwrap_or_default();
        // The same choice the server made: the cookie, else the language's default.
        let locale = attr("lang").and_then(|l| parse_locale(&l)).unwrap_or_default();
        let zone = browser_cookie(crate::model::prefs::TZ_COOKIE)
            .filter(|z| crate::ui::time::is_known_zone(z))
            .unwrap_or_else(|| crate::model::prefs::default_time_zone(locale).to_string());
        (theme, zone)
    };
    let prefs = Prefs { theme: RwSignal::new(theme), time_zone: RwSignal::new(zone.clone()), rendered_zone: StoredValue::new(zone) };
    provide_context(prefs);
    prefs
}

#[cfg(feature = "hydrate")]
fn browser_cookie(name: &str) -> Option<String> {
    crate::ui::time::browser::cookie(name)
}

#[cfg(not(any(feature = "ssr", feature = "hydrate")))]
fn browser_cookie(_name: &str) -> Option<String> {
    None
}

/// leptos_i18n's language cookie: for the whole site, kept for a year.
pub fn language_cookie_options() -> leptos_i18n::context::CookieOptions<Locale> {
    leptos_i18n::context::CookieOptions::default().path("/".to_string()).max_age(COOKIE_MAX_AGE * 1000)
}

/// `data-theme` on `<html>` (the stylesheet's dark variant keys on it; `system` defers
/// to `prefers-color-scheme`). `lang` is set by the i18n provider.
///
/// Hydrated, it also reads the browser's time zone the first time (when no zone cookie
/// exists yet), shows times in it at once and keeps it on the account.
#[component]
pub fn DocumentAttributes(prefs: Prefs) -> impl IntoView {
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        if crate::ui::time::browser::cookie(crate::model::prefs::TZ_COOKIE).is_none() {
            if let Some(zone) = crate::ui::time::browser::zone().filter(|z| crate::ui::time::is_known_zone(z)) {
                prefs.time_zone.set(zone.clone());
                leptos::task::spawn_local(async move {
                    let _ = crate::api::prefs::set_time_zone(zone).await;
                });
            }
        }
    });
    view! { <Html attr:data-theme=move || prefs.theme.get().as_str()/> }
}

/// Language and theme selects and the time zone field. Hydrated, a change applies at once; the Apply button
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
    let zone_ref = NodeRef::<leptos::html::Input>::new();
    // The Apply button is for browsers without JavaScript; once hydrated, a change applies
    // by itself.
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let apply = move || {
        let (Some(lang), Some(theme), Some(zone)) = (lang_ref.get_untracked(), theme_ref.get_untracked(), zone_ref.get_untracked()) else {
            return;
        };
        let (lang, theme, zone) = (lang.value(), theme.value(), zone.value().trim().to_string());
        if let Some(l) = parse_locale(&lang) {
            i18n.set_locale(l);
        }
        if let Some(t) = Theme::parse(&theme) {
            prefs.theme.set(t);
        }
        // An unknown zone is refused by the server, with a message; times stay as they are.
        if crate::ui::time::is_known_zone(&zone) {
            prefs.time_zone.set(zone.clone());
        }
        save.dispatch(SetPreferences { lang, theme, tz: Some(zone), back: None });
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
            <label class="text-xs text-slate-600 dark:text-slate-400" title=move || t_string!(i18n, shell.time_zone_hint).to_string()>
                <span class="block">{t!(i18n, shell.time_zone)}</span>
                <input name="tz" node_ref=zone_ref class="input py-1" list="tz-options" size="16" autocomplete="off" spellcheck="false"
                    translate="no" data-testid="tz-input" value=move || if hydrated.get() { prefs.time_zone.get() } else { prefs.rendered_zone.get_value() }
                    on:change=move |_| apply()/>
                <datalist id="tz-options">
                    {COMMON_TIME_ZONES.iter().map(|z| view! { <option value=*z></option> }).collect_view()}
                </datalist>
            </label>
            <button type="submit" class="btn-ghost" class:hidden=move || hydrated.get() data-testid="prefs-apply">{t!(i18n, shell.apply)}</button>
            <FormMessage value=move || save.value().get()/>
        </ActionForm>
    }
}
