//! `vod::Error` → `AppError`: a sentence a person can act on, plus the VOD code and
//! RequestId for support. The full error goes to the server log (its `Display` is
//! already free of credentials and of the gateway's echoed string to sign).

use crate::error::AppError;

pub fn app_error(err: vod::Error) -> AppError {
    if let vod::Error::Overloaded { action, retry_after } = &err {
        return AppError::Busy { action: action.clone(), retry_after_secs: vod::error::round_up_secs(*retry_after).as_secs() };
    }
    tracing::warn!(error = %err, code = err.code().unwrap_or(""), request_id = err.request_id().unwrap_or(""), "VOD call failed");
    let code = err.code().unwrap_or("").to_string();
    let message = match code.as_str() {
        "" => err.to_string(),
        "InvalidAccessKeyId.NotFound" => "VOD does not recognise the configured AccessKey ID.".to_string(),
        "InvalidAccessKeyId.Inactive" => "The configured AccessKey is disabled.".to_string(),
        "SignatureDoesNotMatch" => match err.signature_diagnosis() {
            Some(d) => format!("VOD rejected the request signature. {d}"),
            None => "VOD rejected the request signature.".to_string(),
        },
        "InvalidTimeStamp.Expired" => "VOD rejected the request time: the server clock is off by more than 15 minutes.".to_string(),
        c if c.starts_with("Throttling") => "VOD is limiting the request rate. Try again in a moment.".to_string(),
        "Forbidden" | "Forbidden.RAM" => "The AccessKey's permissions do not allow this action.".to_string(),
        "OperationDenied" => "VOD is not activated for this Alibaba Cloud account.".to_string(),
        "OperationDenied.Suspended" => "VOD is suspended for this account (overdue payment).".to_string(),
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
