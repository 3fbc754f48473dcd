//! The signed-in console frame: navigation (per permission), the user menu, the badge
//! that says which VOD the console talks to, and the error boundary around each page.

use leptos::prelude::*;
use leptos_router::components::{Outlet, Redirect, A};
use leptos_router::hooks::use_location;

use crate::api::auth::{get_shell_info, Logout};
use crate::error::AppError;
use crate::i18n::*;
use crate::model::{roles, EndpointInfo, EndpointKind, ShellInfo};
use crate::ui::Spinner;

/// The sign-out action and the shell-info resource that depends on it, shared through
/// context. (Signing in ends with a full page load, see `LoginPage`.)
#[derive(Clone, Copy)]
pub struct AuthActions {
    pub logout: ServerAction<Logout>,
    pub info: Resource<Result<ShellInfo, AppError>>,
}

impl AuthActions {
    pub fn provide() -> Self {
        let logout = ServerAction::<Logout>::new();
        let info = Resource::new(move || logout.version().get(), |_| get_shell_info());
        let actions = AuthActions { logout, info };
        provide_context(actions);
        actions
    }

    pub fn get() -> Self {
        expect_context::<AuthActions>()
    }
}

/// Sections of the console (path, permission), each visible to those holding its
/// permission.
pub const SECTIONS: &[(&str, roles::Permission)] = &[
    ("/media", crate::vod_permission!(SearchMedia)),
    ("/categories", crate::vod_permission!(GetCategories)),
    ("/templates", crate::vod_permission!(ListTranscodeTemplateGroup)),
    ("/watermarks", crate::vod_permission!(ListWatermark)),
    ("/audit", crate::vod_permission!(GetMediaAuditResult)),
    ("/usage", crate::vod_permission!(DescribeVodStorageData)),
    ("/activity", roles::CONSOLE_ACTIVITY),
    ("/users", roles::CONSOLE_USERS),
];

/// A section's name in the navigation.
pub fn section_label(locale: Locale, href: &str) -> &'static str {
    match href {
        "/media" => td_string!(locale, shell.nav.media),
        "/categories" => td_string!(locale, shell.nav.categories),
        "/templates" => td_string!(locale, shell.nav.templates),
        "/watermarks" => td_string!(locale, shell.nav.watermarks),
        "/audit" => td_string!(locale, shell.nav.audit),
        "/usage" => td_string!(locale, shell.nav.usage),
        "/activity" => td_string!(locale, shell.nav.activity),
        _ => td_string!(locale, shell.nav.users),
    }
}

/// What a section is for, one sentence.
pub fn section_summary(locale: Locale, href: &str) -> &'static str {
    match href {
        "/media" => td_string!(locale, shell.summary.media),
        "/categories" => td_string!(locale, shell.summary.categories),
        "/templates" => td_string!(locale, shell.summary.templates),
        "/watermarks" => td_string!(locale, shell.summary.watermarks),
        "/audit" => td_string!(locale, shell.summary.audit),
        "/usage" => td_string!(locale, shell.summary.usage),
        "/activity" => td_string!(locale, shell.summary.activity),
        _ => td_string!(locale, shell.summary.users),
    }
}

#[component]
pub fn ConsoleLayout() -> impl IntoView {
    let auth = AuthActions::get();
    let i18n = use_i18n();
    let location = use_location();
    view! {
        // The server resolves a view in passes: dry runs that start resources (polling
        // futures once, with a no-op waker), then the render. Whatever a reactive closure
        // returns is built again for each (the router's outlet is one), so when the shell
        // information was already there for a dry run, the page was built twice and its
        // data written into the HTML twice. So: a bare `Suspend` (polled, not rebuilt;
        // nothing here needs to re-run, a sign-out leaves the frame for the sign-in
        // page), which on the server is never ready in a dry run and builds the page
        // once, in the render. `server_renders_each_page_once` checks it.
        <Suspense fallback=|| view! { <div class="p-8"><Spinner/></div> }>
            {Suspend::new(async move {
                #[cfg(feature = "ssr")]
                crate::ssr::not_in_a_dry_run().await;
                match auth.info.await {
                    Ok(ShellInfo { user: Some(user), endpoint }) => {
                        let user = StoredValue::new(user);
                        let nav = SECTIONS
                            .iter()
                            .filter(|(_, p)| user.with_value(|u| u.can(*p)))
                            .map(|(href, _)| view! {
                                <li>
                                    <A
                                        href=*href
                                        attr:class="nav-link"
                                        on:mouseenter=move |_| crate::pages::prefetch(href)
                                        on:focus=move |_| crate::pages::prefetch(href)
                                    >
                                        {move || section_label(i18n.get_locale(), href)}
                                    </A>
                                </li>
                            })
                            .collect_view();
                        provide_context(user.get_value());
                        let sheet = crate::ui::shortcuts::SheetOpen(RwSignal::new(false));
                        provide_context(sheet);
                        view! {
                            <div class="flex min-h-screen flex-col">
                                <header class="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
                                    <div class="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-2">
                                        <A href="/" attr:class="text-lg font-semibold tracking-tight focus-ring rounded">{t!(i18n, common.product)}</A>
                                        <nav aria-label=move || t_string!(i18n, shell.sections_label) class="order-3 w-full md:order-none md:w-auto">
                                            <ul class="flex flex-wrap gap-1">{nav}</ul>
                                        </nav>
                                        <div class="ml-auto flex items-center gap-3">
                                            <EndpointBadge info=endpoint/>
                                            <VodStatusDot/>
                                            <UserMenu/>
                                        </div>
                                    </div>
                                </header>
                                <main id="main" class="mx-auto w-full max-w-7xl flex-1 px-4 py-6">
                                    <ErrorBoundary fallback=|errors| view! { <PageError errors/> }>
                                        <Outlet/>
                                    </ErrorBoundary>
                                </main>
                                <crate::ui::shortcuts::ShortcutsSheet open=sheet.0/>
                            </div>
                        }
                        .into_any()
                    }
                    Ok(ShellInfo { user: None, .. }) | Err(AppError::Unauthorized) => {
                        let search = location.search.get_untracked();
                        let here = if search.is_empty() {
                            location.pathname.get_untracked()
                        } else {
                            format!("{}?{search}", location.pathname.get_untracked())
                        };
                        let next = if here == "/" { String::new() } else { format!("?next={}", urlencode(&here)) };
                        view! { <Redirect path=format!("/login{next}")/> }.into_any()
                    }
                    Err(e) => view! { <div class="p-8"><ErrorPanel error=e/></div> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Percent-encodes a query value (enough for paths and queries we produce ourselves).
pub fn urlencode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[component]
pub fn EndpointBadge(info: EndpointInfo) -> impl IntoView {
    let i18n = use_i18n();
    let class = match info.kind {
        EndpointKind::LocalEmulator => {
            "badge bg-amber-100 text-amber-900 ring-amber-300 dark:bg-amber-900/40 dark:text-amber-200 dark:ring-amber-700"
        }
        EndpointKind::AlibabaCloud => {
            "badge bg-emerald-100 text-emerald-900 ring-emerald-300 dark:bg-emerald-900/40 dark:text-emerald-200 dark:ring-emerald-700"
        }
    };
    let (host, region) = (info.host.clone(), info.region.clone());
    let kind = info.kind;
    let title = move || match kind {
        EndpointKind::LocalEmulator => {
            t_string!(i18n, shell.endpoint_emulator_title, host = host.clone(), region = region.clone()).to_string()
        }
        EndpointKind::AlibabaCloud => {
            t_string!(i18n, shell.endpoint_cloud_title, host = host.clone(), region = region.clone()).to_string()
        }
    };
    let label = move || match kind {
        EndpointKind::LocalEmulator => t_string!(i18n, shell.endpoint_emulator),
        EndpointKind::AlibabaCloud => t_string!(i18n, shell.endpoint_cloud),
    };
    view! {
        <span class=class title=title.clone() data-testid="endpoint-badge" aria-label=title>
            {label} " · " <span translate="no">{info.region}</span>
        </span>
    }
}

/// A dot that says whether VOD answers with the configured credentials; checked from the
/// browser after the page loads, so it never delays a page.
#[component]
pub fn VodStatusDot() -> impl IntoView {
    let i18n = use_i18n();
    // An effect runs only in the browser, so the server never waits for this call.
    let status = RwSignal::new(None::<Result<u64, AppError>>);
    Effect::new(move |_| {
        leptos::task::spawn_local(async move { status.set(Some(crate::api::auth::get_vod_status().await)) });
    });
    view! {
        <span data-testid="vod-status" class="inline-flex items-center">
            {move || match status.get() {
                None => view! { <span class="h-2.5 w-2.5 rounded-full bg-slate-300 dark:bg-slate-600" title=move || t_string!(i18n, shell.vod_checking)></span> }.into_any(),
                Some(Ok(ms)) => view! {
                    <span class="h-2.5 w-2.5 rounded-full bg-emerald-500" data-state="ok" title=move || t_string!(i18n, shell.vod_ok, ms).to_string()></span>
                    <span class="sr-only">{t!(i18n, shell.vod_ok_sr)}</span>
                }.into_any(),
                Some(Err(e)) => {
                    let text = e.localized(i18n.get_locale());
                    view! {
                        <span class="h-2.5 w-2.5 rounded-full bg-red-500" data-state="error" title=text.clone()></span>
                        <span class="sr-only">{text}</span>
                    }.into_any()
                }
            }}
        </span>
    }
}

/// Name, role, and sign-out. The toggle is a client-side control (it reacts without a
/// page load); without JavaScript the menu content is reachable through `<details>`.
#[component]
fn UserMenu() -> impl IntoView {
    let auth = AuthActions::get();
    let i18n = use_i18n();
    let user = expect_context::<crate::model::CurrentUser>();
    let role = user.role;
    let open = RwSignal::new(false);
    let sheet = expect_context::<crate::ui::shortcuts::SheetOpen>().0;
    view! {
        <details class="relative" prop:open=move || open.get()>
            <summary
                class="flex cursor-pointer list-none items-center gap-2 rounded-md px-2 py-1 text-sm hover:bg-slate-100 focus-ring dark:hover:bg-slate-800"
                                aria-expanded=move || if open.get() { "true" } else { "false" }
                data-testid="user-menu"
                on:click=move |ev| {
                    ev.prevent_default();
                    open.update(|o| *o = !*o);
                }
            >
                <span class="font-medium" translate="no">{user.username.clone()}</span>
                <span class="rounded bg-slate-200 px-1.5 py-0.5 text-xs dark:bg-slate-700">{move || role_label(i18n.get_locale(), role)}</span>
            </summary>
            <div class="absolute right-0 z-20 mt-2 w-64 rounded-md border border-slate-200 bg-white p-2 shadow-lg dark:border-slate-700 dark:bg-slate-900">
                <p class="px-2 py-1 text-xs text-slate-600 dark:text-slate-400">{move || role_description(i18n.get_locale(), role)}</p>
                <div class="border-t border-slate-200 px-2 py-2 dark:border-slate-700">
                    <crate::ui::prefs::PreferencesForm/>
                </div>
                <button type="button" class="btn-ghost w-full text-left" data-testid="shortcuts-button" aria-keyshortcuts="Shift+?"
                    on:click=move |_| {
                        open.set(false);
                        sheet.set(true);
                    }>
                    {t!(i18n, shell.keys.button)}" "<kbd translate="no" class="ml-1 rounded border border-slate-300 px-1 font-mono text-xs dark:border-slate-600">"?"</kbd>
                </button>
                <ActionForm action=auth.logout>
                    <button type="submit" class="btn-ghost w-full text-left" data-testid="sign-out">{t!(i18n, shell.sign_out)}</button>
                </ActionForm>
            </div>
        </details>
    }
}

#[component]
pub fn ErrorPanel(error: AppError) -> impl IntoView {
    let i18n = use_i18n();
    let has_detail = error.vod_detail().is_some();
    let error = StoredValue::new(error);
    view! {
        <div role="alert" class="rounded-md border border-red-300 bg-red-50 p-4 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-200">
            <p class="font-medium">{move || error.with_value(|e| e.localized(i18n.get_locale()))}</p>
            {has_detail.then(|| view! {
                <p class="mt-1 text-sm opacity-80">{move || error.with_value(|e| e.localized_detail(i18n.get_locale()))}</p>
            })}
        </div>
    }
}

/// A role's name, for people.
pub fn role_label(locale: Locale, role: crate::model::Role) -> &'static str {
    use crate::model::Role;
    match role {
        Role::Admin => td_string!(locale, common.roles.admin),
        Role::Editor => td_string!(locale, common.roles.editor),
        Role::Auditor => td_string!(locale, common.roles.auditor),
        Role::Configurator => td_string!(locale, common.roles.configurator),
        Role::Viewer => td_string!(locale, common.roles.viewer),
    }
}

/// What a role may do, one line.
pub fn role_description(locale: Locale, role: crate::model::Role) -> &'static str {
    use crate::model::Role;
    match role {
        Role::Admin => td_string!(locale, common.role_descriptions.admin),
        Role::Editor => td_string!(locale, common.role_descriptions.editor),
        Role::Auditor => td_string!(locale, common.role_descriptions.auditor),
        Role::Configurator => td_string!(locale, common.role_descriptions.configurator),
        Role::Viewer => td_string!(locale, common.role_descriptions.viewer),
    }
}

#[component]
fn PageError(errors: ArcRwSignal<Errors>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div role="alert" class="rounded-md border border-red-300 bg-red-50 p-4 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-200">
            <p class="font-medium">{t!(i18n, errors.page_failed)}</p>
            <ul class="mt-2 list-disc pl-5 text-sm">
                {move || errors.get().into_iter().map(|(_, e)| view! { <li>{e.to_string()}</li> }).collect_view()}
            </ul>
            <p class="mt-2 text-sm">{t!(i18n, errors.page_failed_hint)}</p>
        </div>
    }
}
