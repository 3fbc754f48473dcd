//! (in progress)
use super::{ActionRequest, Backend};
use crate::error::ApiError;

pub async fn create_upload_video(_b: &Backend, req: &ActionRequest) -> Result<serde_json::Value, ApiError> {
    Err(ApiError::new(400, "UnsupportedOperation", format!("{} is not implemented yet.", req.action)))
}

pub async fn refresh_upload_video(_b: &Backend, req: &ActionRequest) -> Result<serde_json::Value, ApiError> {
    Err(ApiError::new(400, "UnsupportedOperation", format!("{} is not implemented yet.", req.action)))
}

pub async fn create_upload_image(_b: &Backend, req: &ActionRequest) -> Result<serde_json::Value, ApiError> {
    Err(ApiError::new(400, "UnsupportedOperation", format!("{} is not implemented yet.", req.action)))
}

pub async fn upload_media_by_url(_b: &Backend, req: &ActionRequest) -> Result<serde_json::Value, ApiError> {
    Err(ApiError::new(400, "UnsupportedOperation", format!("{} is not implemented yet.", req.action)))
}

pub async fn get_url_upload_infos(_b: &Backend, req: &ActionRequest) -> Result<serde_json::Value, ApiError> {
    Err(ApiError::new(400, "UnsupportedOperation", format!("{} is not implemented yet.", req.action)))
}

/// Applies automatic status changes that are due (finished transcodes, pull jobs).
pub async fn settle(_b: &Backend) -> Result<(), ApiError> {
    Ok(())
}

pub async fn complete_upload(
    _b: &Backend,
    _t: &crate::store::UploadTarget,
    _file: &str,
    _size: i64,
) -> Result<(), ApiError> {
    Ok(())
}
