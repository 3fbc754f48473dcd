//! (in progress)
use super::{ActionRequest, Backend};
use crate::error::ApiError;

pub async fn get_video_list(_b: &Backend, req: &ActionRequest) -> Result<serde_json::Value, ApiError> {
    Err(ApiError::new(400, "UnsupportedOperation", format!("{} is not implemented yet.", req.action)))
}

pub async fn get_video_info(_b: &Backend, req: &ActionRequest) -> Result<serde_json::Value, ApiError> {
    Err(ApiError::new(400, "UnsupportedOperation", format!("{} is not implemented yet.", req.action)))
}

pub async fn get_video_infos(_b: &Backend, req: &ActionRequest) -> Result<serde_json::Value, ApiError> {
    Err(ApiError::new(400, "UnsupportedOperation", format!("{} is not implemented yet.", req.action)))
}

pub async fn update_video_info(_b: &Backend, req: &ActionRequest) -> Result<serde_json::Value, ApiError> {
    Err(ApiError::new(400, "UnsupportedOperation", format!("{} is not implemented yet.", req.action)))
}

pub async fn update_video_infos(_b: &Backend, req: &ActionRequest) -> Result<serde_json::Value, ApiError> {
    Err(ApiError::new(400, "UnsupportedOperation", format!("{} is not implemented yet.", req.action)))
}

pub async fn delete_video(_b: &Backend, req: &ActionRequest) -> Result<serde_json::Value, ApiError> {
    Err(ApiError::new(400, "UnsupportedOperation", format!("{} is not implemented yet.", req.action)))
}

pub async fn get_mezzanine_info(_b: &Backend, req: &ActionRequest) -> Result<serde_json::Value, ApiError> {
    Err(ApiError::new(400, "UnsupportedOperation", format!("{} is not implemented yet.", req.action)))
}

pub async fn get_play_info(_b: &Backend, req: &ActionRequest) -> Result<serde_json::Value, ApiError> {
    Err(ApiError::new(400, "UnsupportedOperation", format!("{} is not implemented yet.", req.action)))
}

pub async fn get_video_play_auth(_b: &Backend, req: &ActionRequest) -> Result<serde_json::Value, ApiError> {
    Err(ApiError::new(400, "UnsupportedOperation", format!("{} is not implemented yet.", req.action)))
}
