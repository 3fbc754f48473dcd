//! Business semantics of the implemented VOD actions.
//!
//! The gateway calls [`dispatch`] only after the request passed every gateway check
//! (signature, timestamp, nonce, QPS). `dispatch` validates the action's own
//! parameters exactly as VOD does and returns the response fields without `RequestId`.

use std::collections::BTreeMap;

use crate::error::ApiError;

/// An authenticated request, reduced to what the business logic needs.
#[derive(Debug, Clone)]
pub struct ActionRequest {
    pub action: String,
    /// Every request parameter (common ones included), decoded.
    pub params: BTreeMap<String, String>,
    /// Base URL under which this emulator serves media, e.g. `http://127.0.0.1:9000`.
    pub base_url: String,
}

impl ActionRequest {
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params.get(name).map(String::as_str).filter(|v| !v.is_empty())
    }
}

/// Persistent business state (SQLite under the data dir).
#[derive(Clone)]
pub struct Backend {
    pub pool: sqlx::SqlitePool,
}

/// Whether `action` is implemented (an unknown action is `InvalidAction.NotFound`).
pub fn is_known(action: &str) -> bool {
    let _ = action;
    false
}

/// Runs one action.
pub async fn dispatch(backend: &Backend, req: &ActionRequest) -> Result<serde_json::Value, ApiError> {
    let _ = backend;
    Err(ApiError::new(404, "InvalidAction.NotFound", format!("Specified api is not found, please check your url and method. ({})", req.action)))
}
