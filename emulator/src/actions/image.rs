//! (in progress)
use super::{ActionRequest, Backend};
use crate::error::ApiError;

pub async fn list_snapshots(_b: &Backend, req: &ActionRequest) -> Result<serde_json::Value, ApiError> {
    Err(ApiError::new(400, "UnsupportedOperation", format!("{} is not implemented yet.", req.action)))
}

pub async fn get_image_info(_b: &Backend, req: &ActionRequest) -> Result<serde_json::Value, ApiError> {
    Err(ApiError::new(400, "UnsupportedOperation", format!("{} is not implemented yet.", req.action)))
}

pub async fn get_image_infos(_b: &Backend, req: &ActionRequest) -> Result<serde_json::Value, ApiError> {
    Err(ApiError::new(400, "UnsupportedOperation", format!("{} is not implemented yet.", req.action)))
}

pub async fn update_image_infos(_b: &Backend, req: &ActionRequest) -> Result<serde_json::Value, ApiError> {
    Err(ApiError::new(400, "UnsupportedOperation", format!("{} is not implemented yet.", req.action)))
}

pub async fn delete_image(_b: &Backend, req: &ActionRequest) -> Result<serde_json::Value, ApiError> {
    Err(ApiError::new(400, "UnsupportedOperation", format!("{} is not implemented yet.", req.action)))
}
