//! Helpers for the actions' unit tests: a backend on the demo data set in a temp dir,
//! request builders that go through [`dispatch`], and lookups in the demo data.

use std::collections::BTreeMap;

use serde_json::Value;

use super::{dispatch, rules, ActionRequest, Backend};
use crate::error::ApiError;
use crate::store::{self, Video};

/// A data directory removed when the test ends.
pub(crate) struct TempDir(pub(crate) std::path::PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A backend on a fresh demo data set in a temp dir.
pub(crate) async fn backend() -> (Backend, TempDir) {
    let dir = std::env::temp_dir().join(format!("vod-emulator-test-{}", rules::new_id()));
    let b = Backend::open(&dir, false).await.expect("open backend");
    (b, TempDir(dir))
}

/// Runs `action` with `params` through [`dispatch`], as the gateway does.
pub(crate) async fn call(b: &Backend, action: &str, params: &[(&str, &str)]) -> Result<Value, ApiError> {
    let req = ActionRequest {
        action: action.to_string(),
        params: params
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect::<BTreeMap<_, _>>(),
        base_url: "http://127.0.0.1:9999".into(),
        client_ip: Some(std::net::Ipv4Addr::LOCALHOST.into()),
    };
    dispatch(b, &req).await
}

/// [`call`], which must succeed.
pub(crate) async fn ok(b: &Backend, action: &str, params: &[(&str, &str)]) -> Value {
    match call(b, action, params).await {
        Ok(v) => v,
        Err(e) => panic!("{action} failed: {e}"),
    }
}

/// [`call`], which must fail.
pub(crate) async fn err(b: &Backend, action: &str, params: &[(&str, &str)]) -> ApiError {
    match call(b, action, params).await {
        Ok(v) => panic!("{action} should fail, got {v}"),
        Err(e) => e,
    }
}

/// Every stored video.
pub(crate) async fn videos(b: &Backend) -> Vec<Video> {
    store::load_all::<Video>(&b.pool).await.unwrap()
}

/// A demo video (not audio) in `status`.
pub(crate) async fn video_with_status(b: &Backend, status: &str) -> Video {
    videos(b)
        .await
        .into_iter()
        .find(|v| v.status == status && v.media_type == "video")
        .unwrap()
}

/// `n` distinct 32-hex-digit IDs, comma-separated.
pub(crate) fn ids(n: usize) -> String {
    (0..n)
        .map(|i| format!("{i:032x}"))
        .collect::<Vec<_>>()
        .join(",")
}

/// The demo groups by name fragment.
pub(crate) async fn group_id(b: &Backend, name: &str) -> String {
    store::load_all::<crate::store::TemplateGroup>(&b.pool)
        .await
        .unwrap()
        .into_iter()
        .find(|g| g.name.contains(name) || g.group_id == name)
        .unwrap()
        .group_id
}

/// (Format, Definition) of each stream GetPlayInfo returns for `video_id`.
pub(crate) async fn play_pairs(b: &Backend, video_id: &str) -> Vec<(String, String)> {
    let got = ok(b, "GetPlayInfo", &[("VideoId", video_id)]).await;
    got["PlayInfoList"]["PlayInfo"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["Format"].as_str().unwrap().to_string(), i["Definition"].as_str().unwrap().to_string()))
        .collect()
}

/// The upload target (address and credential) issued for media `id`.
pub async fn upload_target(b: &Backend, id: &str) -> store::UploadTarget {
    store::load_all::<store::UploadTarget>(&b.pool)
        .await
        .unwrap()
        .into_iter()
        .find(|t| t.media_id == id)
        .expect("an upload target for the media")
}
