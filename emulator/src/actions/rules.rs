//! Parameter rules shared by the actions: UTF-8 byte-length limits, the emoji ban,
//! tag lists, comma-separated ID batches, paging and times.
//!
//! Messages follow the seed's error tables (`LengthExceededMax`: "The specified
//! $Parameter length has exceeded $MaxLength bytes.", ...). Where the seed names no
//! code for an oversized batch, the VOD naming pattern `{Parameter}ExceededMax` with
//! "The {Parameter} exceeded maximum." is used.

use super::ActionRequest;
use crate::error::ApiError;

// VOD's text rules (byte limits and the emoji ban) are defined once in `vod::text`,
// shared with the console's forms.
pub use vod::text::{
    is_illegal_char, CATEGORY_NAME_MAX_BYTES, DESCRIPTION_MAX_BYTES, TAGS_MAX_COUNT,
    TAG_MAX_BYTES, TITLE_MAX_BYTES,
};

pub fn illegal_characters(name: &str) -> ApiError {
    ApiError::new(
        400,
        "IllegalCharacters",
        format!("The specified {name} contains illegal emoticon or special characters."),
    )
}

pub fn length_exceeded(name: &str, max: usize) -> ApiError {
    ApiError::new(
        400,
        "LengthExceededMax",
        format!("The specified {name} length has exceeded {max} bytes."),
    )
}

/// Checks a free-text value: no emoji, at most `max_bytes` UTF-8 bytes.
pub fn check_text(name: &str, value: &str, max_bytes: usize) -> Result<(), ApiError> {
    if value.chars().any(is_illegal_char) {
        return Err(illegal_characters(name));
    }
    if value.len() > max_bytes {
        return Err(length_exceeded(name, max_bytes));
    }
    Ok(())
}

/// Checks and normalises a comma-separated tag list (at most 16 tags of 32 bytes).
pub fn check_tags(value: &str) -> Result<String, ApiError> {
    if value.chars().any(is_illegal_char) {
        return Err(illegal_characters("Tags"));
    }
    let tags: Vec<&str> = value
        .split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .collect();
    if tags.len() > TAGS_MAX_COUNT {
        return Err(ApiError::new(
            400,
            "TagsExceededMax",
            "The specified Tags count has exceeded 16.",
        ));
    }
    if tags.iter().any(|t| t.len() > TAG_MAX_BYTES) {
        return Err(length_exceeded("Tags", TAG_MAX_BYTES));
    }
    Ok(tags.join(","))
}

/// Splits a comma-separated list, dropping blanks and duplicates (first one wins).
pub fn split_list(value: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for item in value.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        if !out.iter().any(|o| o == item) {
            out.push(item.to_string());
        }
    }
    out
}

/// Error for a batch parameter with more than `max` entries.
pub fn batch_exceeded(param: &str) -> ApiError {
    ApiError::new(
        400,
        format!("{param}ExceededMax"),
        format!("The {param} exceeded maximum."),
    )
}

/// A comma-separated batch parameter with at most `max` entries.
pub fn id_batch(
    req: &ActionRequest,
    name: &str,
    max: usize,
) -> Result<Option<Vec<String>>, ApiError> {
    match req.param(name) {
        None => Ok(None),
        Some(v) => {
            let ids = split_list(v);
            if ids.len() > max {
                Err(batch_exceeded(name))
            } else {
                Ok(Some(ids))
            }
        }
    }
}

pub fn required<'a>(req: &'a ActionRequest, name: &str) -> Result<&'a str, ApiError> {
    req.param(name).ok_or_else(|| ApiError::missing(name))
}

/// An integer parameter; `InvalidParameter` when present but not a number.
pub fn int_param(req: &ActionRequest, name: &str) -> Result<Option<i64>, ApiError> {
    match req.param(name) {
        None => Ok(None),
        Some(v) => v
            .trim()
            .parse::<i64>()
            .map(Some)
            .map_err(|_| ApiError::invalid(name, "It must be an integer.")),
    }
}

/// `PageNo` (default 1, at least 1).
pub fn page_no(req: &ActionRequest) -> Result<i64, ApiError> {
    let n = int_param(req, "PageNo")?.unwrap_or(1);
    if n < 1 {
        return Err(ApiError::invalid("PageNo", "It must be greater than 0."));
    }
    Ok(n)
}

/// `PageSize` (default `default`, between 1 and `max`).
pub fn page_size(req: &ActionRequest, default: i64, max: i64) -> Result<i64, ApiError> {
    let n = int_param(req, "PageSize")?.unwrap_or(default);
    if n < 1 || n > max {
        return Err(ApiError::invalid(
            "PageSize",
            &format!("It must be between 1 and {max}."),
        ));
    }
    Ok(n)
}

/// A value that must be one of `allowed`.
pub fn enum_param<'a>(
    req: &'a ActionRequest,
    name: &str,
    allowed: &[&str],
    default: &'a str,
) -> Result<&'a str, ApiError> {
    match req.param(name) {
        None => Ok(default),
        Some(v) if allowed.contains(&v) => Ok(v),
        Some(_) => Err(ApiError::invalid(
            name,
            &format!("Valid values: {}.", allowed.join(", ")),
        )),
    }
}

/// `CreationTime:Desc` (default) or `CreationTime:Asc`; returns whether ascending.
pub fn sort_ascending(req: &ActionRequest) -> Result<bool, ApiError> {
    let v = enum_param(
        req,
        "SortBy",
        &["CreationTime:Desc", "CreationTime:Asc"],
        "CreationTime:Desc",
    )?;
    Ok(v == "CreationTime:Asc")
}

/// Formats unix seconds as VOD does: `yyyy-MM-ddTHH:mm:ssZ` (UTC).
pub fn iso(secs: i64) -> String {
    let t =
        time::OffsetDateTime::from_unix_timestamp(secs).unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// Parses `yyyy-MM-ddTHH:mm:ssZ` into unix seconds.
pub fn parse_iso(s: &str) -> Option<i64> {
    let fmt = time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]Z");
    time::PrimitiveDateTime::parse(s.trim(), &fmt)
        .ok()
        .map(|t| t.assume_utc().unix_timestamp())
}

/// A time parameter in `yyyy-MM-ddTHH:mm:ssZ`.
pub fn time_param(req: &ActionRequest, name: &str) -> Result<Option<i64>, ApiError> {
    match req.param(name) {
        None => Ok(None),
        Some(v) => parse_iso(v).map(Some).ok_or_else(|| {
            ApiError::invalid(name, "The time format must be yyyy-MM-ddTHH:mm:ssZ.")
        }),
    }
}

/// A fresh 32-hex-digit ID like VOD's VideoId/ImageId/JobId.
pub fn new_id() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}

/// Percent-decodes a string (URLs in batch parameters are URL-encoded before joining).
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3])
                .ok()
                .and_then(|h| u8::from_str_radix(h, 16).ok());
            if let Some(b) = hex {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Standard Base64 (with padding), for UploadAddress / UploadAuth.
pub fn base64(data: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        out.push(A[(n >> 18) as usize & 63] as char);
        out.push(A[(n >> 12) as usize & 63] as char);
        out.push(if chunk.len() > 1 {
            A[(n >> 6) as usize & 63] as char
        } else {
            '='
        });
        out.push(if chunk.len() > 2 {
            A[n as usize & 63] as char
        } else {
            '='
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actions::image;

    #[test]
    fn rules_helpers() {
        assert!(check_text("Title", "普通标题", 128).is_ok());
        assert_eq!(
            check_text("Title", "a😀", 128).unwrap_err().code,
            "IllegalCharacters"
        );
        assert_eq!(
            check_text("Title", "☀", 128).unwrap_err().code,
            "IllegalCharacters"
        );
        assert_eq!(base64(b"hello"), "aGVsbG8=");
        assert_eq!(percent_decode("a%2Fb%3A"), "a/b:");
        assert_eq!(iso(0), "1970-01-01T00:00:00Z");
        assert_eq!(
            parse_iso("2017-03-29T12:00:00Z"),
            Some(1_490_788_800)
        );
        assert_eq!(
            crate::assets::parse_range("bytes=0-99", 1000),
            Some((0, 99))
        );
        assert_eq!(
            crate::assets::parse_range("bytes=-100", 1000),
            Some((900, 999))
        );
        assert_eq!(crate::assets::parse_range("bytes=2000-", 1000), None);
        assert_eq!(
            image::parse_media_url("http://h:1/media/snapshots/abc/NormalSnapshot/2.jpg?auth_key=1"),
            Some(image::UrlTarget::Snapshot {
                video_id: "abc".into(),
                kind: "NormalSnapshot".into(),
                index: 2
            })
        );
    }
}
