//! (in progress)
use super::{ActionRequest, Backend};
use crate::error::ApiError;

pub async fn get_attached_media_info(_b: &Backend, req: &ActionRequest) -> Result<serde_json::Value, ApiError> {
    Err(ApiError::new(400, "UnsupportedOperation", format!("{} is not implemented yet.", req.action)))
}

pub async fn update_attached_media_infos(_b: &Backend, req: &ActionRequest) -> Result<serde_json::Value, ApiError> {
    Err(ApiError::new(400, "UnsupportedOperation", format!("{} is not implemented yet.", req.action)))
}

pub async fn delete_attached_media(_b: &Backend, req: &ActionRequest) -> Result<serde_json::Value, ApiError> {
    Err(ApiError::new(400, "UnsupportedOperation", format!("{} is not implemented yet.", req.action)))
}
