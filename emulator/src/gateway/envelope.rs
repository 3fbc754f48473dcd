//! Response envelopes as the VOD gateway writes them.
//!
//! - Success: HTTP 200, `RequestId` plus the action's fields; XML root `<{Action}Response>`.
//! - Error: `RequestId`, `HostId`, `Code`, `Message`, `Recommend`; XML root `<Error>`.
//!
//! XML follows the real API's mapping: an object is an element with one child per
//! field, and an array under key `K` is a run of repeated `<K>` elements (so the JSON
//! `{"VideoList":{"Video":[a,b]}}` is `<VideoList><Video>a</Video><Video>b</Video></VideoList>`).

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value};

use crate::error::ApiError;

/// Content types the official SDKs compare byte for byte (the Tea SDK parses an error
/// body as XML only when the content type is exactly `text/xml;charset=utf-8`).
pub const XML_CONTENT_TYPE: &str = "text/xml;charset=utf-8";
pub const JSON_CONTENT_TYPE: &str = "application/json;charset=utf-8";

/// The host the emulator claims to be in error envelopes.
pub const HOST_ID: &str = "vod.cn-shanghai.aliyuncs.com";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Xml,
    Json,
}

/// An upper-case UUID, the shape of every VOD `RequestId`.
pub fn new_request_id() -> String {
    uuid::Uuid::new_v4().hyphenated().to_string().to_uppercase()
}

/// The troubleshooting link the gateway adds to every error.
pub fn recommend(code: &str, request_id: &str) -> String {
    format!("https://api.aliyun.com/troubleshoot?q={code}&product=vod&requestId={request_id}")
}

/// A success body: `RequestId` first, then the action's fields.
pub fn success_body(action: &str, request_id: &str, fields: Value, format: Format) -> String {
    let lead = [("RequestId", Value::String(request_id.into()))];
    let rest = match fields {
        Value::Object(mut fields) => {
            fields.remove("RequestId");
            fields
        }
        _ => Map::new(),
    };
    render(&format!("{action}Response"), &lead, &rest, format)
}

/// An error body with the five envelope fields, in the gateway's order.
pub fn error_body(err: &ApiError, request_id: &str, format: Format) -> String {
    let lead = [
        ("RequestId", Value::String(request_id.into())),
        ("HostId", Value::String(HOST_ID.into())),
        ("Code", Value::String(err.code.clone())),
        ("Message", Value::String(err.message.clone())),
        ("Recommend", Value::String(recommend(&err.code, request_id))),
    ];
    render("Error", &lead, &Map::new(), format)
}

/// Renders `lead` (in this order) followed by `rest` as one object.
fn render(root: &str, lead: &[(&str, Value)], rest: &Map<String, Value>, format: Format) -> String {
    let mut out = String::new();
    match format {
        Format::Json => {
            out.push('{');
            let fields = lead
                .iter()
                .map(|(k, v)| (*k, v))
                .chain(rest.iter().map(|(k, v)| (k.as_str(), v)));
            for (i, (k, v)) in fields.enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(k.to_string()).to_string());
                out.push(':');
                out.push_str(&v.to_string());
            }
            out.push('}');
        }
        Format::Xml => {
            out.push_str("<?xml version='1.0' encoding='UTF-8'?>");
            open(&mut out, root);
            for (k, v) in lead {
                write_element(&mut out, k, v);
            }
            for (k, v) in rest {
                write_element(&mut out, k, v);
            }
            close(&mut out, root);
        }
    }
    out
}

/// A finished HTTP response with the gateway's headers.
pub fn respond(status: u16, body: String, format: Format, request_id: &str) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let content_type = match format {
        Format::Xml => XML_CONTENT_TYPE,
        Format::Json => JSON_CONTENT_TYPE,
    };
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(v) = HeaderValue::from_str(request_id) {
        headers.insert("x-acs-request-id", v);
    }
    response
}

fn write_element(out: &mut String, name: &str, value: &Value) {
    match value {
        Value::Null => {}
        Value::Array(items) => {
            for item in items {
                write_element(out, name, item);
            }
        }
        Value::Object(fields) => {
            open(out, name);
            for (k, v) in fields {
                write_element(out, k, v);
            }
            close(out, name);
        }
        Value::String(s) => {
            open(out, name);
            escape_into(out, s);
            close(out, name);
        }
        Value::Bool(b) => {
            open(out, name);
            out.push_str(if *b { "true" } else { "false" });
            close(out, name);
        }
        Value::Number(n) => {
            open(out, name);
            out.push_str(&n.to_string());
            close(out, name);
        }
    }
}

fn open(out: &mut String, name: &str) {
    out.push('<');
    out.push_str(name);
    out.push('>');
}

fn close(out: &mut String, name: &str) {
    out.push_str("</");
    out.push_str(name);
    out.push('>');
}

fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn arrays_become_repeated_elements_under_their_wrapper() {
        let body = success_body(
            "GetVideoList",
            "RID",
            json!({"Total": 2, "VideoList": {"Video": [{"VideoId": "a"}, {"VideoId": "b"}]}, "NonExistVideoIds": ["x", "y"]}),
            Format::Xml,
        );
        assert_eq!(
            body,
            "<?xml version='1.0' encoding='UTF-8'?><GetVideoListResponse><RequestId>RID</RequestId>\
             <NonExistVideoIds>x</NonExistVideoIds><NonExistVideoIds>y</NonExistVideoIds><Total>2</Total>\
             <VideoList><Video><VideoId>a</VideoId></Video><Video><VideoId>b</VideoId></Video></VideoList>\
             </GetVideoListResponse>"
        );
    }

    #[test]
    fn error_envelope_json_and_xml() {
        let err = ApiError::new(
            404,
            "InvalidAccessKeyId.NotFound",
            "Specified access key is not found.",
        );
        let json: Value = serde_json::from_str(&error_body(&err, "RID", Format::Json)).unwrap();
        assert_eq!(json["Code"], "InvalidAccessKeyId.NotFound");
        assert_eq!(json["HostId"], HOST_ID);
        assert_eq!(json["RequestId"], "RID");
        assert!(json["Recommend"]
            .as_str()
            .unwrap()
            .contains("InvalidAccessKeyId.NotFound"));
        let xml = error_body(&err, "RID", Format::Xml);
        assert!(xml.contains("<Error><RequestId>RID</RequestId>"), "{xml}");
        assert!(xml.contains("<HostId>vod.cn-shanghai.aliyuncs.com</HostId>"));
    }

    #[test]
    fn escapes_text() {
        let body = success_body("X", "R", json!({"Title": "a<b & 'c'"}), Format::Xml);
        assert!(body.contains("<Title>a&lt;b &amp; &apos;c&apos;</Title>"));
    }

    #[test]
    fn request_id_is_upper_case_uuid() {
        let id = new_request_id();
        assert_eq!(id.len(), 36);
        assert_eq!(id, id.to_uppercase());
    }
}
