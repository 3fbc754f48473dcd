//! (in progress)
use super::{ActionRequest, Backend};
use crate::error::ApiError;

pub async fn search_media(_b: &Backend, req: &ActionRequest) -> Result<serde_json::Value, ApiError> {
    Err(ApiError::new(400, "UnsupportedOperation", format!("{} is not implemented yet.", req.action)))
}
