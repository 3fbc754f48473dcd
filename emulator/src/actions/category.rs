//! (in progress)
use super::{ActionRequest, Backend};
use crate::error::ApiError;

pub async fn get_categories(_b: &Backend, req: &ActionRequest) -> Result<serde_json::Value, ApiError> {
    Err(ApiError::new(400, "UnsupportedOperation", format!("{} is not implemented yet.", req.action)))
}

pub async fn add_category(_b: &Backend, req: &ActionRequest) -> Result<serde_json::Value, ApiError> {
    Err(ApiError::new(400, "UnsupportedOperation", format!("{} is not implemented yet.", req.action)))
}

pub async fn update_category(_b: &Backend, req: &ActionRequest) -> Result<serde_json::Value, ApiError> {
    Err(ApiError::new(400, "UnsupportedOperation", format!("{} is not implemented yet.", req.action)))
}

pub async fn delete_category(_b: &Backend, req: &ActionRequest) -> Result<serde_json::Value, ApiError> {
    Err(ApiError::new(400, "UnsupportedOperation", format!("{} is not implemented yet.", req.action)))
}
