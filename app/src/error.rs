//! `AppError`: what the browser sees when a server function fails. A clear sentence for
//! people, the VOD code and RequestId for support — never internals or secrets. The
//! full error is logged on the server.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

use crate::i18n::{td_string, Locale};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// Not signed in, or the session ended (HTTP 401).
    #[error("Your session has ended. Please sign in again.")]
    Unauthorized,
    /// Signed in, but the role does not hold the permission (HTTP 403).
    #[error("Your role does not allow this ({permission}).")]
    Forbidden { permission: String },
    /// A field failed validation; names the field and the limit (HTTP 400).
    #[error("{field}: {message}")]
    Invalid { field: String, message: String },
    /// Too many failed sign-ins (HTTP 429): from this address for this name, or from
    /// this address altogether. Only numbers and a flag, so a crafted error in a URL can
    /// make the sign-in page say nothing but one of its own sentences.
    #[error("{}", throttled_message(*address_wide, *retry_after_secs))]
    Throttled { address_wide: bool, retry_after_secs: u64 },
    /// Sign-in failed. Deliberately the same for an unknown user and a wrong password.
    #[error("The user name or password is incorrect.")]
    BadCredentials,
    /// The thing asked for does not exist (HTTP 404).
    #[error("{0}")]
    NotFound(String),
    /// VOD refused or failed the call.
    #[error("{message}")]
    Vod { message: String, code: String, request_id: Option<String>, retryable: bool },
    /// Not sent: the account's VOD limit for an action is used up by everyone using the
    /// console for longer than a page may wait (HTTP 503 with `Retry-After`).
    #[error("VOD's limit for {action} on this account is reached right now (it is shared by everyone using this console). Try again in {retry_after_secs} s.")]
    Busy { action: String, retry_after_secs: u64 },
    /// Anything else; details are in the server log only.
    #[error("Something went wrong on the server. Please try again.")]
    Internal,
    /// The request never got a proper answer (network, decoding).
    #[error("The console could not reach the server: {0}")]
    Transport(String),
}

impl AppError {
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        AppError::Invalid { field: field.into(), message: message.into() }
    }

    /// "VOD error {code}, RequestId {id}" when VOD answered: what support needs.
    pub fn vod_detail(&self) -> Option<String> {
        match self {
            AppError::Vod { code, request_id, .. } => Some(format!(
                "VOD error {code}{}",
                request_id.as_ref().map(|r| format!(", RequestId {r}")).unwrap_or_default()
            )),
            _ => None,
        }
    }

    /// The message, with [`AppError::vod_detail`] in brackets: for a line of text where
    /// no error panel fits.
    pub fn with_detail(&self) -> String {
        match self.vod_detail() {
            Some(d) => format!("{self} ({d})"),
            None => self.to_string(),
        }
    }

    /// The sentence for people, in `locale`. Sentences of fixed kinds come from the
    /// catalogue here, so they follow a language switch at once; an invalid field's
    /// message, a "not found" and VOD's explanation were written by the server in the
    /// request's language (VOD's own codes and messages stay as VOD sent them).
    pub fn localized(&self, locale: Locale) -> String {
        match self {
            AppError::Unauthorized => td_string!(locale, errors.unauthorized).to_string(),
            AppError::Forbidden { permission } => td_string!(locale, errors.forbidden, permission).to_string(),
            AppError::Invalid { message, .. } => message.clone(),
            AppError::Throttled { address_wide, retry_after_secs } => {
                let secs = (*retry_after_secs).clamp(1, 24 * 60 * 60);
                let wait = if secs < 60 {
                    td_string!(locale, errors.seconds, n = secs).to_string()
                } else {
                    td_string!(locale, errors.minutes, n = secs.div_ceil(60)).to_string()
                };
                if *address_wide {
                    td_string!(locale, errors.throttled_address, wait).to_string()
                } else {
                    td_string!(locale, errors.throttled_account, wait).to_string()
                }
            }
            AppError::BadCredentials => td_string!(locale, errors.bad_credentials).to_string(),
            AppError::NotFound(message) | AppError::Vod { message, .. } => message.clone(),
            AppError::Busy { action, retry_after_secs } => {
                td_string!(locale, errors.busy, action, secs = retry_after_secs).to_string()
            }
            AppError::Internal => td_string!(locale, errors.internal).to_string(),
            AppError::Transport(detail) => td_string!(locale, errors.transport, detail).to_string(),
        }
    }

    /// [`AppError::vod_detail`] in `locale`.
    pub fn localized_detail(&self, locale: Locale) -> Option<String> {
        match self {
            AppError::Vod { code, request_id: Some(request_id), .. } => {
                Some(td_string!(locale, errors.vod_detail_request, code, request_id).to_string())
            }
            AppError::Vod { code, request_id: None, .. } => Some(td_string!(locale, errors.vod_detail, code).to_string()),
            _ => None,
        }
    }

    /// [`AppError::localized`] with the VOD detail in brackets.
    pub fn localized_with_detail(&self, locale: Locale) -> String {
        match self.localized_detail(locale) {
            Some(d) => format!("{} ({d})", self.localized(locale)),
            None => self.localized(locale),
        }
    }

    /// Seconds to put in `Retry-After`, for errors that have one.
    pub fn retry_after_secs(&self) -> Option<u64> {
        match self {
            AppError::Busy { retry_after_secs, .. } | AppError::Throttled { retry_after_secs, .. } => {
                Some(*retry_after_secs)
            }
            _ => None,
        }
    }

    /// HTTP status a server function answers with for this error.
    pub fn status(&self) -> u16 {
        match self {
            AppError::Unauthorized => 401,
            AppError::Forbidden { .. } => 403,
            AppError::Invalid { .. } | AppError::BadCredentials => 400,
            AppError::Throttled { .. } => 429,
            AppError::NotFound(_) => 404,
            AppError::Vod { .. } => 502,
            AppError::Busy { .. } => 503,
            AppError::Internal | AppError::Transport(_) => 500,
        }
    }
}

fn throttled_message(address_wide: bool, retry_after_secs: u64) -> String {
    let who = if address_wide { "from your network address" } else { "for this account from your network address" };
    // At most the throttle's window (15 minutes by default); a larger number is not ours.
    let secs = retry_after_secs.clamp(1, 24 * 60 * 60);
    let wait = if secs < 60 {
        format!("{secs} second{}", if secs == 1 { "" } else { "s" })
    } else {
        let minutes = secs.div_ceil(60);
        format!("{minutes} minute{}", if minutes == 1 { "" } else { "s" })
    };
    format!("Too many failed sign-in attempts {who}. Try again in {wait}.")
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Request(e) | ServerFnErrorErr::Response(e) => AppError::Transport(e),
            // The request's arguments could not be read (a hand-made or truncated request):
            // the caller's mistake, answered with 400 and the field, not a server error.
            ServerFnErrorErr::Args(e) | ServerFnErrorErr::MissingArg(e) => {
                let err = unreadable_arguments(&e);
                #[cfg(feature = "ssr")]
                if let Ok(ctx) = crate::ssr::auth::Ctx::get() {
                    return ctx.respond(err);
                }
                err
            }
            _ => AppError::Internal,
        }
    }
}

/// A 400 for arguments that could not be decoded, naming the field where the decoder
/// did ("missing field `category`", "unknown field `x`", "`size`: invalid digit").
pub fn unreadable_arguments(detail: &str) -> AppError {
    #[cfg(feature = "ssr")]
    let locale = crate::ssr::prefs::current_locale();
    #[cfg(not(feature = "ssr"))]
    let locale = Locale::default();
    let detail: String = detail.chars().take(200).collect();
    let quoted = detail.split('`').nth(1).filter(|f| !f.is_empty() && f.len() <= 64);
    if let Some(value) = crate::model::media::MediaKind::refused_value(&detail) {
        let message = td_string!(locale, media_rules.api.bad_tab, tab = value).to_string();
        return AppError::invalid(crate::model::media::MediaKind::FIELD, message);
    }
    match quoted {
        Some(field) if detail.contains("missing field") => {
            AppError::invalid(field, format!("{field}: {}", td_string!(locale, errors.missing_field)))
        }
        Some(field) if detail.contains("unknown field") => {
            AppError::invalid(field, format!("{field}: {}", td_string!(locale, errors.unknown_field)))
        }
        _ => AppError::invalid("request", td_string!(locale, errors.unreadable, detail).to_string()),
    }
}
