//! The sign-in page. A plain form posting to the `auth/login` server function, so it
//! works with JavaScript off; with JavaScript on the same form submits in place.

use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_query_map;

use crate::api::auth::Login;
use crate::components::shell::{AuthActions, EndpointBadge};
use crate::error::AppError;
use crate::i18n::*;
use crate::model::ShellInfo;
use crate::ui::FormMessage;

#[component]
pub fn LoginPage() -> impl IntoView {
    crate::ui::mark_hydrated("Login");
    let auth = AuthActions::get();
    let i18n = use_i18n();
    let query = use_query_map();
    let next = move || query.read().get("next").unwrap_or_default();
    // Created here, inside the route, so that a failed sign-in without JavaScript (which
    // comes back as an error in the URL) shows up as this action's value.
    let login = ServerAction::<Login>::new();
    let value = login.value();
    let pending = login.pending();
    Effect::new(move |_| {
        if let Some(Ok(())) = value.get() {
            let to = crate::api::auth::safe_next(Some(&next()));
            #[cfg(feature = "hydrate")]
            let _ = web_sys::window().map(|w| w.location().assign(&to));
            #[cfg(not(feature = "hydrate"))]
            let _ = to;
        }
    });

    view! {
        <leptos_meta::Title text=crate::ui::title_text(move || t_string!(i18n, login.title).to_string())/>
        <div class="flex min-h-screen items-center justify-center px-4">
            <div class="w-full max-w-sm">
                <h1 class="mb-1 text-center text-2xl font-semibold tracking-tight">{t!(i18n, common.product)}</h1>
                <p class="mb-6 text-center text-sm text-slate-600 dark:text-slate-400">{t!(i18n, login.tagline)}</p>
                <Suspense>
                    {move || Suspend::new(async move {
                        match auth.info.await {
                            Ok(ShellInfo { user: Some(_), .. }) => {
                                // Already signed in (for example after a successful sign-in with JavaScript on).
                                let to = crate::api::auth::safe_next(Some(&next()));
                                view! { <Redirect path=to/> }.into_any()
                            }
                            Ok(info) => view! { <div class="mb-4 flex justify-center"><EndpointBadge info=info.endpoint/></div> }.into_any(),
                            Err(_) => ().into_any(),
                        }
                    })}
                </Suspense>
                <ActionForm action=login attr:class="card space-y-4" attr:data-testid="login-form">
                    <input type="hidden" name="next" value=next/>
                    <div>
                        <label for="username" class="label">{t!(i18n, login.username)}</label>
                        <input id="username" name="username" type="text" autocomplete="username" required
                            autofocus class="input" maxlength="32"/>
                    </div>
                    <div>
                        <label for="password" class="label">{t!(i18n, login.password)}</label>
                        <input id="password" name="password" type="password" autocomplete="current-password"
                            required class="input" maxlength="128"/>
                    </div>
                    <FormMessage value=move || value.get().map(|r| r.map_err(|e| sign_in_error(e, i18n.get_locale())))/>
                    <button type="submit" class="btn-primary w-full" disabled=move || pending.get() data-testid="sign-in">
                        {move || if pending.get() { t_string!(i18n, login.submitting) } else { t_string!(i18n, login.submit) }}
                    </button>
                </ActionForm>
                <div class="mt-6 flex justify-center">
                    <crate::ui::prefs::PreferencesForm compact=true/>
                </div>
            </div>
        </div>
    }
}

/// What the sign-in page may say about a failed sign-in. Without JavaScript the error
/// comes back in the page's URL, where anyone can write one: so the page shows only its
/// own sentences, chosen by the error's kind (with at most a number), never text carried
/// in the error.
fn sign_in_error(err: AppError, locale: Locale) -> AppError {
    match err {
        AppError::BadCredentials | AppError::Throttled { .. } | AppError::Unauthorized => err,
        AppError::Invalid { field, .. } if field == "username" => {
            AppError::invalid("username", td_string!(locale, errors.enter_username))
        }
        AppError::Invalid { field, .. } if field == "password" => {
            AppError::invalid("password", td_string!(locale, errors.enter_password))
        }
        AppError::Busy { .. } | AppError::Transport(_) | AppError::Vod { .. } => AppError::Internal,
        _ => AppError::Internal,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_carried_in_an_error_never_reaches_the_sign_in_page() {
        let planted = "Your account is suspended: call +1 555 0100 now";
        for err in [
            AppError::NotFound(planted.into()),
            AppError::Transport(planted.into()),
            AppError::invalid("username", planted),
            AppError::invalid(planted, planted),
            AppError::Forbidden { permission: planted.into() },
            AppError::Vod { message: planted.into(), code: planted.into(), request_id: Some(planted.into()), retryable: false },
        ] {
            let shown = sign_in_error(err.clone(), Locale::en).localized_with_detail(Locale::en);
            assert!(!shown.contains("suspended"), "{err:?} -> {shown}");
        }
        assert_eq!(sign_in_error(AppError::BadCredentials, Locale::en).localized(Locale::en), "The user name or password is incorrect.");
        assert_eq!(
            sign_in_error(AppError::Throttled { address_wide: false, retry_after_secs: 840 }, Locale::en).localized(Locale::en),
            "Too many failed sign-in attempts for this account from your network address. Try again in 14 min."
        );
        assert_eq!(
            sign_in_error(AppError::Throttled { address_wide: true, retry_after_secs: 30 }, Locale::zh).localized(Locale::zh),
            "你的网络地址登录失败次数过多，请 30 秒后再试。"
        );
        assert_eq!(sign_in_error(AppError::invalid("password", "x"), Locale::zh).localized(Locale::zh), "请输入密码。");
    }
}
