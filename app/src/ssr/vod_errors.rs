//! `vod::Error` → `AppError`: a sentence a person can act on, plus the VOD code and
//! RequestId for support. The full error goes to the server log (its `Display` is
//! already free of credentials and of the gateway's echoed string to sign).

use crate::error::AppError;
use crate::i18n::{td_string, Locale};

/// [`app_error_in`], with the page's own sentence for the codes `sentence` knows. The
/// code and RequestId stay as VOD sent them.
pub fn app_error_with(err: vod::Error, locale: Locale, sentence: impl FnOnce(&str) -> Option<String>) -> AppError {
    let sentence = err.code().and_then(sentence);
    match (sentence, app_error_in(err, locale)) {
        (Some(message), AppError::Vod { code, request_id, retryable, .. }) => AppError::Vod { message, code, request_id, retryable },
        (_, e) => e,
    }
}

/// [`app_error_in`] the language of the request being served.
pub fn app_error(err: vod::Error) -> AppError {
    app_error_in(err, crate::ssr::prefs::current_locale())
}

pub fn app_error_in(err: vod::Error, locale: Locale) -> AppError {
    if let vod::Error::Overloaded { action, retry_after } = &err {
        return AppError::Busy { action: action.clone(), retry_after_secs: vod::error::round_up_secs(*retry_after).as_secs() };
    }
    tracing::warn!(error = %err, code = err.code().unwrap_or(""), request_id = err.request_id().unwrap_or(""), "VOD call failed");
    let code = err.code().unwrap_or("").to_string();
    let message = match code.as_str() {
        "" => match &err {
            vod::Error::Timeout { action, after } => {
                let secs = vod::error::round_up_secs(*after).as_secs();
                td_string!(locale, errors.vod.timeout, action = action, secs = secs).to_string()
            }
            vod::Error::Transport { action, connect: true, .. } => td_string!(locale, errors.vod.unreachable, action = action).to_string(),
            vod::Error::Transport { action, .. } => td_string!(locale, errors.vod.connection_lost, action = action).to_string(),
            vod::Error::Decode { action, status, .. } => td_string!(locale, errors.vod.unreadable, action = action, status = status).to_string(),
            vod::Error::Config(_) => td_string!(locale, errors.vod.config).to_string(),
            _ => err.to_string(),
        },
        "InvalidAccessKeyId.NotFound" => td_string!(locale, errors.vod.access_key_unknown).to_string(),
        "InvalidAccessKeyId.Inactive" => td_string!(locale, errors.vod.access_key_inactive).to_string(),
        // The diagnosis compares our string to sign with the one VOD echoed: technical,
        // kept as written.
        "SignatureDoesNotMatch" => match err.signature_diagnosis() {
            Some(d) => format!("{} {d}", td_string!(locale, errors.vod.signature)),
            None => td_string!(locale, errors.vod.signature).to_string(),
        },
        "InvalidTimeStamp.Expired" => td_string!(locale, errors.vod.clock).to_string(),
        c if c.starts_with("Throttling") => td_string!(locale, errors.vod.throttling).to_string(),
        "Forbidden" | "Forbidden.RAM" => td_string!(locale, errors.vod.forbidden).to_string(),
        "OperationDenied" => td_string!(locale, errors.vod.not_activated).to_string(),
        "OperationDenied.Suspended" => td_string!(locale, errors.vod.suspended).to_string(),
        _ => err.message().map(str::to_string).unwrap_or_else(|| err.to_string()),
    };
    AppError::Vod {
        message,
        code: if code.is_empty() { "Unavailable".into() } else { code },
        request_id: err.request_id().map(str::to_string),
        retryable: err.is_retryable(),
    }
}

use crate::model::bulk::{ItemResult, Outcome};

/// Every item of a batch whose call failed as a whole gets the same outcome, the VOD
/// code, a sentence and the RequestId.
pub fn failed_items(ids: &[String], err: &vod::Error) -> Vec<ItemResult> {
    let outcome = match err.code().unwrap_or("") {
        c if c.starts_with("Forbidden") || c == "OperationDenied" => Outcome::Forbidden,
        c if c.contains("NotExist") || c.contains("NotFound") || c == "NoSuchResource" => Outcome::NotFound,
        _ => Outcome::Failed,
    };
    let message = Some(app_error(err.clone()).to_string());
    ids.iter()
        .map(|id| ItemResult::with(id, outcome, err.code().map(str::to_string), message.clone(), err.request_id().map(str::to_string)))
        .collect()
}

/// The per-item outcomes of a batch call that succeeded: IDs VOD listed as unknown
/// (`NonExist…Ids`, reported with `missing_code`) or forbidden, the rest done.
pub fn batch_items(ids: &[String], request_id: &str, missing: &[String], missing_code: &str, forbidden: &[String]) -> Vec<ItemResult> {
    let rid = Some(request_id.to_string());
    ids.iter()
        .map(|id| {
            if missing.contains(id) {
                ItemResult::with(id, Outcome::NotFound, Some(missing_code.to_string()), None, rid.clone())
            } else if forbidden.contains(id) {
                ItemResult::with(id, Outcome::Forbidden, Some("Forbidden".into()), None, rid.clone())
            } else {
                ItemResult::done(id, rid.clone())
            }
        })
        .collect()
}
