//! Non-API HTTP paths the emulator serves itself:
//!
//! - `/media/snapshots/{video}/{kind}/{n}.jpg` (covers are `CoverSnapshot/0`),
//!   `/media/images/{image}.{ext}`, `/media/attached/{media}.{ext}`: generated
//!   pictures (SVG whatever the extension says, a distinct colour and label per
//!   item) or the uploaded bytes.
//! - `/media/play/{video}/{definition}.{format}` and `/media/source/{video}/{file}`:
//!   the embedded clip (or an uploaded MP4/WebM source), with HTTP Range support.
//!   There is no HLS packager: an `m3u8` stream's URL gets the same progressive bytes.
//! - `/upload/{bucket}/{object}`: an OSS-like upload target for the credentials that
//!   CreateUploadVideo / CreateUploadImage hand out (see [`upload_put`]).
//!
//! Nothing here is a VOD API; the gateway mounts [`routes`] next to its own router.

use std::collections::HashMap;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use crate::actions::Backend;
use crate::store::{self, Attached, Image, UploadTarget, Video};

/// The playable clip (3 s, 320x180, H.264 + AAC); see `assets/make-clip.sh`.
pub static CLIP_MP4: &[u8] = include_bytes!("../assets/clip.mp4");

/// Largest single PUT (whole object or one part).
pub const MAX_UPLOAD_BYTES: usize = 512 * 1024 * 1024;

/// Routes for `/media/...` and `/upload/...`, with their state applied.
pub fn routes(backend: Backend) -> Router {
    Router::new()
        .route("/media/snapshots/{video}/{kind}/{file}", get(snapshot))
        .route("/media/audit/{video}/{file}", get(audit_frame))
        .route("/media/images/{file}", get(image))
        .route("/media/attached/{file}", get(attached))
        .route("/media/watermarks/{file}", get(watermark))
        .route("/media/play/{video}/{file}", get(play))
        .route("/media/source/{video}/{file}", get(source))
        .route(
            "/upload/{bucket}/{*object}",
            get(upload_get)
                .head(upload_get)
                .put(upload_put)
                .post(upload_post)
                .options(preflight),
        )
        .layer(axum::middleware::map_response(cors))
        // Uploads are buffered in memory: allow real video files, not axum's 2 MB default.
        .layer(axum::extract::DefaultBodyLimit::max(MAX_UPLOAD_BYTES))
        .with_state(backend)
}

/// Browsers upload straight to this target from the console's origin, and the player
/// reads media with Range requests: allow any origin (the credentials are the STS token
/// in a header, never cookies).
async fn cors(mut response: Response) -> Response {
    let h = response.headers_mut();
    h.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    h.insert(
        header::ACCESS_CONTROL_EXPOSE_HEADERS,
        HeaderValue::from_static("ETag, Content-Range, Content-Length, Accept-Ranges"),
    );
    response
}

async fn preflight() -> Response {
    (
        StatusCode::NO_CONTENT,
        [
            (
                header::ACCESS_CONTROL_ALLOW_METHODS,
                "GET, HEAD, PUT, POST, OPTIONS",
            ),
            (
                header::ACCESS_CONTROL_ALLOW_HEADERS,
                "x-oss-security-token, authorization, content-type, content-md5, range, x-oss-date",
            ),
            (header::ACCESS_CONTROL_MAX_AGE, "3600"),
        ],
    )
        .into_response()
}

fn stem(file: &str) -> &str {
    file.split('.').next().unwrap_or(file)
}

fn not_found() -> Response {
    (StatusCode::NOT_FOUND, "not found").into_response()
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A generated picture: a two-tone gradient in the item's hue with a label.
pub fn svg(width: i64, height: i64, hue: u32, label: &str, sublabel: &str) -> String {
    let (w, h) = (width.clamp(16, 1920), height.clamp(16, 1920));
    let h2 = (hue + 40) % 360;
    let size = (w.min(h) / 9).max(10);
    let label: String = label.chars().take(28).collect();
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl({hue},65%,42%)"/><stop offset="1" stop-color="hsl({h2},70%,22%)"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#g)"/><circle cx="{cx}" cy="{cy}" r="{r}" fill="hsl({h2},80%,70%)" fill-opacity="0.25"/><text x="50%" y="48%" text-anchor="middle" font-family="sans-serif" font-size="{size}" fill="#fff">{label}</text><text x="50%" y="{sy}%" text-anchor="middle" font-family="monospace" font-size="{small}" fill="#fff" fill-opacity="0.75">{sub}</text></svg>"##,
        cx = w * 3 / 4,
        cy = h / 3,
        r = h / 3,
        label = xml_escape(&label),
        sy = 64,
        small = (size * 6 / 10).max(8),
        sub = xml_escape(sublabel),
    )
}

fn svg_response(body: String) -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("image/svg+xml"),
            ),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=3600"),
            ),
        ],
        body,
    )
        .into_response()
}

fn mime_for(ext: &str) -> &'static str {
    match ext.to_ascii_lowercase().as_str() {
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "heic" => "image/heic",
        "svg" => "image/svg+xml",
        "mp4" | "m4v" => "video/mp4",
        "webm" => "video/webm",
        "mov" => "video/quicktime",
        "mp3" => "audio/mpeg",
        "m4a" => "audio/mp4",
        "vtt" => "text/vtt; charset=utf-8",
        "srt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

async fn snapshot(
    State(b): State<Backend>,
    Path((video, kind, file)): Path<(String, String, String)>,
) -> Response {
    let index: i64 = stem(&file).parse().unwrap_or(-1);
    match store::get::<Video>(&b.pool, &video).await {
        Ok(Some(v))
            if v.snapshots
                .iter()
                .any(|s| s.kind == kind && s.index == index) =>
        {
            let hue = (v.hue + 23 * index as u32) % 360;
            let (w, h) = if kind.starts_with("Sprite") {
                (480, 270)
            } else {
                (640, 360)
            };
            svg_response(svg(w, h, hue, &v.title, &format!("{kind} #{index}")))
        }
        _ => not_found(),
    }
}

/// A frame the AI moderation flagged (`/media/audit/{video}/{ms}.jpg`): a placeholder
/// with the video's title and the position.
async fn audit_frame(State(b): State<Backend>, Path((video, file)): Path<(String, String)>) -> Response {
    let ms: i64 = stem(&file).parse().unwrap_or(-1);
    match store::get::<Video>(&b.pool, &video).await {
        Ok(Some(v)) if ms >= 0 && (ms as f64) < v.duration.max(10.0) * 1000.0 => {
            let hue = (v.hue + (ms / 1000) as u32 * 7) % 360;
            svg_response(svg(640, 360, hue, &v.title, &format!("AI frame {}:{:02}", ms / 60_000, ms / 1000 % 60)))
        }
        _ => not_found(),
    }
}

/// An image watermark's file: a placeholder mark with its name.
async fn watermark(State(b): State<Backend>, Path(file): Path<String>) -> Response {
    match store::get::<crate::store::Watermark>(&b.pool, stem(&file)).await {
        Ok(Some(w)) if w.kind == "Image" => svg_response(svg(240, 120, 200, &w.name, "watermark")),
        _ => not_found(),
    }
}

async fn image(State(b): State<Backend>, Path(file): Path<String>) -> Response {
    match store::get::<Image>(&b.pool, stem(&file)).await {
        Ok(Some(img)) => {
            if let Some(path) = &img.source_path {
                if let Ok(bytes) = tokio::fs::read(b.objects_dir().join(path)).await {
                    return ([(header::CONTENT_TYPE, mime_for(&img.ext))], bytes).into_response();
                }
            }
            svg_response(svg(
                img.width,
                img.height,
                img.hue,
                &img.title,
                &img.image_type,
            ))
        }
        _ => not_found(),
    }
}

async fn attached(State(b): State<Backend>, Path(file): Path<String>) -> Response {
    match store::get::<Attached>(&b.pool, stem(&file)).await {
        Ok(Some(Attached { source_path: Some(path), ext, .. })) => match tokio::fs::read(b.objects_dir().join(&path)).await {
            Ok(bytes) => ([(header::CONTENT_TYPE, mime_for(&ext))], bytes).into_response(),
            Err(_) => not_found(),
        },
        Ok(Some(a)) if a.ext == "vtt" => (
            [(header::CONTENT_TYPE, mime_for("vtt"))],
            format!(
                "WEBVTT\n\n00:00:00.000 --> 00:00:01.500\n{}\n\n00:00:01.500 --> 00:00:03.000\n{}\n",
                a.title, a.media_id
            ),
        )
            .into_response(),
        Ok(Some(a)) => svg_response(svg(320, 120, a.hue, &a.title, &a.business_type)),
        _ => not_found(),
    }
}

/// A byte body honouring a single `Range: bytes=a-b` request.
pub fn ranged(headers: &HeaderMap, content_type: &str, data: Bytes) -> Response {
    let total = data.len() as u64;
    let range = headers
        .get(header::RANGE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| parse_range(v, total));
    let base = [
        (
            header::CONTENT_TYPE,
            HeaderValue::from_str(content_type)
                .unwrap_or(HeaderValue::from_static("application/octet-stream")),
        ),
        (header::ACCEPT_RANGES, HeaderValue::from_static("bytes")),
    ];
    match range {
        None if headers.contains_key(header::RANGE) => (
            StatusCode::RANGE_NOT_SATISFIABLE,
            [(header::CONTENT_RANGE, format!("bytes */{total}"))],
        )
            .into_response(),
        None => (StatusCode::OK, base, data).into_response(),
        Some((start, end)) => (
            StatusCode::PARTIAL_CONTENT,
            base,
            [(
                header::CONTENT_RANGE,
                format!("bytes {start}-{end}/{total}"),
            )],
            data.slice(start as usize..=end as usize),
        )
            .into_response(),
    }
}

/// Parses `bytes=a-b`, `bytes=a-`, `bytes=-n` against `total`; `None` if unsatisfiable.
pub fn parse_range(value: &str, total: u64) -> Option<(u64, u64)> {
    let spec = value.trim().strip_prefix("bytes=")?;
    let first = spec.split(',').next()?.trim();
    let (a, z) = first.split_once('-')?;
    if total == 0 {
        return None;
    }
    let (start, end) = if a.is_empty() {
        let n: u64 = z.parse().ok()?;
        if n == 0 {
            return None;
        }
        (total.saturating_sub(n), total - 1)
    } else {
        let start: u64 = a.parse().ok()?;
        let end: u64 = if z.is_empty() {
            total - 1
        } else {
            z.parse::<u64>().ok()?.min(total - 1)
        };
        (start, end)
    };
    if start > end || start >= total {
        return None;
    }
    Some((start, end))
}

/// The bytes a video plays: its uploaded source if browsers can play it, else the clip.
/// Longest slice answered to one open-ended Range request on an uploaded file; the
/// player asks for the rest (a shorter 206 than asked for is allowed by RFC 9110).
pub const RANGE_CHUNK: u64 = 8 * 1024 * 1024;

/// An uploaded file, reading only the requested range from disk.
async fn ranged_file(
    headers: &HeaderMap,
    content_type: &str,
    path: &std::path::Path,
) -> Option<Response> {
    use tokio::io::{AsyncReadExt, AsyncSeekExt};
    let total = tokio::fs::metadata(path).await.ok()?.len();
    let Some(value) = headers.get(header::RANGE).and_then(|v| v.to_str().ok()) else {
        let bytes = tokio::fs::read(path).await.ok()?;
        return Some(ranged(headers, content_type, Bytes::from(bytes)));
    };
    let Some((start, end)) = parse_range(value, total) else {
        return Some(
            (
                StatusCode::RANGE_NOT_SATISFIABLE,
                [(header::CONTENT_RANGE, format!("bytes */{total}"))],
            )
                .into_response(),
        );
    };
    let end = end.min(start + RANGE_CHUNK - 1);
    let mut file = tokio::fs::File::open(path).await.ok()?;
    file.seek(std::io::SeekFrom::Start(start)).await.ok()?;
    let mut buf = vec![0u8; (end - start + 1) as usize];
    file.read_exact(&mut buf).await.ok()?;
    Some(
        (
            StatusCode::PARTIAL_CONTENT,
            [
                (header::CONTENT_TYPE, content_type.to_string()),
                (header::ACCEPT_RANGES, "bytes".to_string()),
                (
                    header::CONTENT_RANGE,
                    format!("bytes {start}-{end}/{total}"),
                ),
            ],
            buf,
        )
            .into_response(),
    )
}

fn extension_of(file_name: &str) -> String {
    file_name
        .rsplit('.')
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

async fn play(
    State(b): State<Backend>,
    Path((video, _file)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    match store::get::<Video>(&b.pool, &video).await {
        Ok(Some(v)) if v.status == "Normal" => {
            // The uploaded source when browsers can play it, else the clip.
            let ext = extension_of(&v.file_name);
            if let (Some(path), true) = (
                &v.source_path,
                matches!(ext.as_str(), "mp4" | "webm" | "m4v" | "mp3"),
            ) {
                if let Some(r) =
                    ranged_file(&headers, mime_for(&ext), &b.objects_dir().join(path)).await
                {
                    return r;
                }
            }
            ranged(&headers, "video/mp4", Bytes::from_static(CLIP_MP4))
        }
        Ok(Some(_)) => (
            StatusCode::FORBIDDEN,
            "video is not playable in its current status",
        )
            .into_response(),
        _ => not_found(),
    }
}

async fn source(
    State(b): State<Backend>,
    Path((video, _file)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    match store::get::<Video>(&b.pool, &video).await {
        Ok(Some(v)) => {
            if let Some(path) = &v.source_path {
                let ext = extension_of(&v.file_name);
                if let Some(r) =
                    ranged_file(&headers, mime_for(&ext), &b.objects_dir().join(path)).await
                {
                    return r;
                }
            }
            ranged(&headers, "video/mp4", Bytes::from_static(CLIP_MP4))
        }
        _ => not_found(),
    }
}

// ---------------------------------------------------------------------------
// Upload target
// ---------------------------------------------------------------------------

fn oss_error(status: StatusCode, code: &str, message: &str) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "application/xml")],
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>{code}</Code><Message>{}</Message><HostId>vod-emulator</HostId></Error>",
            xml_escape(message)
        ),
    )
        .into_response()
}

/// Finds the upload target and checks the STS token: `x-oss-security-token` header,
/// `security-token` query parameter or `Authorization: Bearer <token>`.
async fn authorise(
    b: &Backend,
    bucket: &str,
    object: &str,
    headers: &HeaderMap,
    query: &HashMap<String, String>,
) -> Result<UploadTarget, Response> {
    let target = match store::get::<UploadTarget>(&b.pool, object).await {
        Ok(Some(t)) if t.bucket == bucket => t,
        _ => {
            return Err(oss_error(
                StatusCode::NOT_FOUND,
                "NoSuchKey",
                "No upload was created for this object.",
            ))
        }
    };
    let token = headers
        .get("x-oss-security-token")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
        .or_else(|| query.get("security-token").cloned())
        .or_else(|| {
            headers
                .get(header::AUTHORIZATION)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.strip_prefix("Bearer "))
                .map(str::to_string)
        });
    match token {
        Some(t) if t == target.security_token => {}
        Some(_) => {
            return Err(oss_error(
                StatusCode::FORBIDDEN,
                "InvalidSecurityToken",
                "The security token is not valid.",
            ))
        }
        None => {
            return Err(oss_error(
                StatusCode::FORBIDDEN,
                "AccessDenied",
                "The security token is missing.",
            ))
        }
    }
    if b.now() > target.expires_at {
        return Err(oss_error(
            StatusCode::FORBIDDEN,
            "SecurityTokenExpired",
            "The security token has expired.",
        ));
    }
    Ok(target)
}

/// On-disk name of an object key (flattened, no traversal).
fn object_file(object: &str) -> String {
    object.replace("..", "_").replace('/', "_")
}

pub fn parts_dir(b: &Backend, object: &str) -> std::path::PathBuf {
    b.objects_dir()
        .join(format!("{}.parts", object_file(object)))
}

/// Received parts of a multipart upload: (part number, size), in order.
pub async fn list_parts(b: &Backend, object: &str) -> Vec<(u32, u64)> {
    let mut out = Vec::new();
    if let Ok(mut rd) = tokio::fs::read_dir(parts_dir(b, object)).await {
        while let Ok(Some(e)) = rd.next_entry().await {
            if let (Some(n), Ok(meta)) = (
                e.file_name().to_str().and_then(|s| s.parse::<u32>().ok()),
                e.metadata().await,
            ) {
                out.push((n, meta.len()));
            }
        }
    }
    out.sort();
    out
}

/// `PUT /upload/{bucket}/{object}`: the whole object in one request (completes the
/// upload), or with `?partNumber=N` one part of a multipart upload (parts may be
/// re-sent; `GET ?uploadId` lists what arrived so a client can resume, and
/// `POST ?uploadId` / `POST ?complete` joins the parts in order and completes).
pub async fn upload_put(
    State(b): State<Backend>,
    Path((bucket, object)): Path<(String, String)>,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let target = match authorise(&b, &bucket, &object, &headers, &query).await {
        Ok(t) => t,
        Err(r) => return r,
    };
    if target.completed {
        return oss_error(
            StatusCode::CONFLICT,
            "ObjectAlreadyExists",
            "The upload for this object is already complete.",
        );
    }
    if let Some(part) = query.get("partNumber") {
        let Ok(n) = part.parse::<u32>() else {
            return oss_error(
                StatusCode::BAD_REQUEST,
                "InvalidArgument",
                "partNumber must be an integer.",
            );
        };
        if !(1..=10_000).contains(&n) {
            return oss_error(
                StatusCode::BAD_REQUEST,
                "InvalidArgument",
                "partNumber must be between 1 and 10000.",
            );
        }
        let dir = parts_dir(&b, &object);
        if tokio::fs::create_dir_all(&dir).await.is_err()
            || tokio::fs::write(dir.join(n.to_string()), &body)
                .await
                .is_err()
        {
            return oss_error(
                StatusCode::INTERNAL_SERVER_ERROR,
                "InternalError",
                "Could not store the part.",
            );
        }
        return (
            StatusCode::OK,
            [(header::ETAG, format!("\"part-{n}-{}\"", body.len()))],
        )
            .into_response();
    }
    let file = object_file(&object);
    if tokio::fs::write(b.objects_dir().join(&file), &body)
        .await
        .is_err()
    {
        return oss_error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "InternalError",
            "Could not store the object.",
        );
    }
    finish(&b, target, file, body.len() as i64).await
}

async fn finish(b: &Backend, target: UploadTarget, file: String, size: i64) -> Response {
    match crate::actions::upload::complete_upload(b, &target, &file, size).await {
        Ok(()) => (
            StatusCode::OK,
            [(header::ETAG, format!("\"{}-{size}\"", target.media_id))],
        )
            .into_response(),
        Err(e) => oss_error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "InternalError",
            &e.message,
        ),
    }
}

/// `POST ?uploads` starts a multipart upload (the upload ID is the object key's
/// media ID); `POST ?uploadId=..` or `POST ?complete` joins the received parts.
pub async fn upload_post(
    State(b): State<Backend>,
    Path((bucket, object)): Path<(String, String)>,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    let target = match authorise(&b, &bucket, &object, &headers, &query).await {
        Ok(t) => t,
        Err(r) => return r,
    };
    if query.contains_key("uploads") {
        return (
            [(header::CONTENT_TYPE, "application/xml")],
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<InitiateMultipartUploadResult><Bucket>{}</Bucket><Key>{}</Key><UploadId>{}</UploadId></InitiateMultipartUploadResult>",
                xml_escape(&bucket),
                xml_escape(&object),
                target.media_id
            ),
        )
            .into_response();
    }
    if !(query.contains_key("uploadId") || query.contains_key("complete")) {
        return oss_error(
            StatusCode::BAD_REQUEST,
            "InvalidArgument",
            "Use ?uploads, ?uploadId=... or ?complete.",
        );
    }
    if target.completed {
        return oss_error(
            StatusCode::CONFLICT,
            "ObjectAlreadyExists",
            "The upload for this object is already complete.",
        );
    }
    let parts = list_parts(&b, &object).await;
    if parts.is_empty() {
        return oss_error(
            StatusCode::BAD_REQUEST,
            "InvalidPart",
            "No parts were uploaded.",
        );
    }
    if parts
        .iter()
        .enumerate()
        .any(|(i, (n, _))| *n as usize != i + 1)
    {
        return oss_error(
            StatusCode::BAD_REQUEST,
            "InvalidPartOrder",
            "Parts must be numbered 1..N without gaps.",
        );
    }
    let dir = parts_dir(&b, &object);
    let mut all = Vec::new();
    for (n, _) in &parts {
        match tokio::fs::read(dir.join(n.to_string())).await {
            Ok(mut bytes) => all.append(&mut bytes),
            Err(_) => {
                return oss_error(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "InternalError",
                    "A part disappeared.",
                )
            }
        }
    }
    let file = object_file(&object);
    if tokio::fs::write(b.objects_dir().join(&file), &all)
        .await
        .is_err()
    {
        return oss_error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "InternalError",
            "Could not store the object.",
        );
    }
    let _ = tokio::fs::remove_dir_all(&dir).await;
    finish(&b, target, file, all.len() as i64).await
}

/// `GET`/`HEAD`: with `?uploadId` (or `?parts`) lists the received parts as OSS
/// ListParts XML; otherwise the object itself once the upload is complete.
pub async fn upload_get(
    State(b): State<Backend>,
    method: Method,
    Path((bucket, object)): Path<(String, String)>,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    // A completed attached file (a watermark image, a subtitle) is public-read, so that
    // the URL AddWatermark is given shows in a browser; everything else needs the token.
    let public = match store::get::<UploadTarget>(&b.pool, &object).await {
        Ok(Some(t)) if t.bucket == bucket && t.completed && t.media_kind == "attached" && query.is_empty() => Some(t),
        _ => None,
    };
    let target = match public {
        Some(t) => t,
        None => match authorise(&b, &bucket, &object, &headers, &query).await {
            Ok(t) => t,
            Err(r) => return r,
        },
    };
    if query.contains_key("uploadId") || query.contains_key("parts") {
        let parts = list_parts(&b, &object).await;
        let body: String = parts
            .iter()
            .map(|(n, size)| {
                format!("<Part><PartNumber>{n}</PartNumber><Size>{size}</Size></Part>")
            })
            .collect();
        return (
            [(header::CONTENT_TYPE, "application/xml")],
            format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ListPartsResult><Key>{}</Key>{body}</ListPartsResult>", xml_escape(&object)),
        )
            .into_response();
    }
    if !target.completed {
        return oss_error(
            StatusCode::NOT_FOUND,
            "NoSuchKey",
            "The object has not been uploaded yet.",
        );
    }
    match tokio::fs::read(b.objects_dir().join(object_file(&object))).await {
        Ok(bytes) if method == Method::HEAD => (
            StatusCode::OK,
            [(header::CONTENT_LENGTH, bytes.len().to_string())],
        )
            .into_response(),
        Ok(bytes) => {
            let ext = object.rsplit_once('.').map_or("", |(_, e)| e);
            ranged(&headers, mime_for(ext), Bytes::from(bytes))
        }
        Err(_) => oss_error(
            StatusCode::NOT_FOUND,
            "NoSuchKey",
            "The object does not exist.",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use axum::http::Request;
    use tower::ServiceExt;

    async fn backend() -> (Backend, std::path::PathBuf) {
        let dir = std::env::temp_dir().join(format!(
            "vod-emulator-assets-{}",
            crate::actions::rules::new_id()
        ));
        (Backend::open(&dir, false).await.unwrap(), dir)
    }

    async fn send(b: &Backend, req: Request<Body>) -> (StatusCode, HeaderMap, Bytes) {
        let resp = routes(b.clone()).oneshot(req).await.unwrap();
        let (parts, body) = resp.into_parts();
        (
            parts.status,
            parts.headers,
            axum::body::to_bytes(body, usize::MAX).await.unwrap(),
        )
    }

    fn get(uri: &str) -> Request<Body> {
        Request::get(uri).body(Body::empty()).unwrap()
    }

    #[tokio::test]
    async fn pictures_clip_and_ranges() {
        let (b, dir) = backend().await;
        let v = store::load_all::<Video>(&b.pool)
            .await
            .unwrap()
            .into_iter()
            .find(|v| v.status == "Normal")
            .unwrap();
        let (status, headers, body) = send(
            &b,
            get(&format!(
                "/media/snapshots/{}/CoverSnapshot/0.jpg",
                v.video_id
            )),
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(headers[header::CONTENT_TYPE], "image/svg+xml");
        assert!(body.starts_with(b"<svg"));
        let (status, _, _) = send(
            &b,
            get(&format!(
                "/media/snapshots/{}/CoverSnapshot/99.jpg",
                v.video_id
            )),
        )
        .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let uri = format!("/media/play/{}/ld.mp4?definition=LD", v.video_id);
        let (status, headers, body) = send(&b, get(&uri)).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(headers[header::CONTENT_TYPE], "video/mp4");
        assert_eq!(body.len(), CLIP_MP4.len());
        let req = Request::get(&uri)
            .header(header::RANGE, "bytes=10-19")
            .body(Body::empty())
            .unwrap();
        let (status, headers, body) = send(&b, req).await;
        assert_eq!(status, StatusCode::PARTIAL_CONTENT);
        assert_eq!(
            headers[header::CONTENT_RANGE],
            format!("bytes 10-19/{}", CLIP_MP4.len())
        );
        assert_eq!(&body[..], &CLIP_MP4[10..20]);
        let req = Request::get(&uri)
            .header(header::RANGE, "bytes=999999-")
            .body(Body::empty())
            .unwrap();
        assert_eq!(send(&b, req).await.0, StatusCode::RANGE_NOT_SATISFIABLE);
        let blocked = store::load_all::<Video>(&b.pool)
            .await
            .unwrap()
            .into_iter()
            .find(|v| v.status == "Blocked")
            .unwrap();
        let (status, _, _) =
            send(&b, get(&format!("/media/play/{}/ld.mp4", blocked.video_id))).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let _ = std::fs::remove_dir_all(dir);
    }

    #[tokio::test]
    async fn upload_target_checks_the_token_and_completes() {
        let (b, dir) = backend().await;
        let req = crate::actions::ActionRequest {
            action: "CreateUploadImage".into(),
            params: [("ImageType".to_string(), "default".to_string())]
                .into_iter()
                .collect(),
            base_url: "http://127.0.0.1:1".into(),
            client_ip: None,
        };
        let created = crate::actions::dispatch(&b, &req).await.unwrap();
        let id = created["ImageId"].as_str().unwrap();
        let target = store::load_all::<UploadTarget>(&b.pool)
            .await
            .unwrap()
            .into_iter()
            .find(|t| t.media_id == id)
            .unwrap();
        let uri = format!("/upload/{}/{}", target.bucket, target.object);
        let preflight = Request::options(&uri).body(Body::empty()).unwrap();
        let (status, headers, _) = send(&b, preflight).await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        assert_eq!(headers[header::ACCESS_CONTROL_ALLOW_ORIGIN], "*");
        let put = |token: &str| {
            Request::put(&uri)
                .header("x-oss-security-token", token)
                .body(Body::from(&b"GIF89a\x10\x00\x08\x00"[..]))
                .unwrap()
        };
        assert_eq!(send(&b, put("nope")).await.0, StatusCode::FORBIDDEN);
        assert_eq!(
            send(&b, put(&target.security_token)).await.0,
            StatusCode::OK
        );
        assert_eq!(
            send(&b, put(&target.security_token)).await.0,
            StatusCode::CONFLICT
        );
        let img = store::get::<Image>(&b.pool, id).await.unwrap().unwrap();
        assert_eq!(
            (img.status.as_str(), img.width, img.height),
            ("Normal", 16, 8)
        );
        let (status, headers, body) = send(&b, get(&format!("/media/images/{id}.png"))).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(headers[header::CONTENT_TYPE], "image/png");
        assert_eq!(&body[..6], b"GIF89a");
        let video = crate::actions::dispatch(
            &b,
            &crate::actions::ActionRequest {
                action: "CreateUploadVideo".into(),
                params: [("Title", "big"), ("FileName", "big.mp4")]
                    .into_iter()
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .collect(),
                base_url: "http://127.0.0.1:1".into(),
                client_ip: None,
            },
        )
        .await
        .unwrap();
        let vid = video["VideoId"].as_str().unwrap();
        let vt = store::load_all::<UploadTarget>(&b.pool)
            .await
            .unwrap()
            .into_iter()
            .find(|t| t.media_id == vid)
            .unwrap();
        let big = Request::put(format!("/upload/{}/{}?partNumber=1", vt.bucket, vt.object))
            .header("x-oss-security-token", &vt.security_token)
            .body(Body::from(vec![7u8; 5 * 1024 * 1024]))
            .unwrap();
        assert_eq!(send(&b, big).await.0, StatusCode::OK);
        // A finished video plays its uploaded MP4, read range by range from disk.
        let clip_put = Request::put(format!("/upload/{}/{}", vt.bucket, vt.object))
            .header("x-oss-security-token", &vt.security_token)
            .body(Body::from(CLIP_MP4))
            .unwrap();
        assert_eq!(send(&b, clip_put).await.0, StatusCode::OK);
        b.advance_clock(10);
        crate::actions::upload::settle(&b).await.unwrap();
        let play = |range: &str| {
            Request::get(format!("/media/play/{vid}/sd.mp4"))
                .header(header::RANGE, range)
                .body(Body::empty())
                .unwrap()
        };
        let (status, headers, body) = send(&b, play("bytes=0-")).await;
        assert_eq!(status, StatusCode::PARTIAL_CONTENT);
        assert_eq!(
            headers[header::CONTENT_RANGE],
            format!("bytes 0-{}/{}", CLIP_MP4.len() - 1, CLIP_MP4.len())
        );
        assert_eq!(&body[..], CLIP_MP4);
        let (_, _, body) = send(&b, play("bytes=-16")).await;
        assert_eq!(&body[..], &CLIP_MP4[CLIP_MP4.len() - 16..]);
        assert_eq!(
            send(&b, play("bytes=99999999-")).await.0,
            StatusCode::RANGE_NOT_SATISFIABLE
        );
        b.advance_clock(4000);
        let late = Request::put(&uri)
            .header("x-oss-security-token", &target.security_token)
            .body(Body::empty())
            .unwrap();
        assert_eq!(send(&b, late).await.0, StatusCode::FORBIDDEN);
        let _ = std::fs::remove_dir_all(dir);
    }
}
