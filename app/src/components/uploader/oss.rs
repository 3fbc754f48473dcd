//! The storage (OSS) upload protocol: every request is signed with OSS signature V1
//! (`Authorization: OSS <AccessKeyId>:<HMAC-SHA1>` over the method, content type,
//! `x-oss-date`, the `x-oss-*` headers and `/<bucket>/<object>?<sub-resources>`), the way
//! Alibaba's browser SDK does it, and carries the STS token in `x-oss-security-token`;
//! the multipart calls (InitiateMultipartUpload, UploadPart, ListParts,
//! CompleteMultipartUpload) and their XML. The signing is plain Rust (tested on the
//! server build); the network part is `hydrate`-only.

/// Smallest part (OSS needs at least 100 KB for every part but the last).
pub const PART_SIZE_MIN: u64 = 1024 * 1024;
/// OSS allows at most 10,000 parts.
pub const MAX_PARTS: u64 = 10_000;

/// Part size for a file: at least 1 MiB, and large enough for at most 10,000 parts.
pub fn part_size_for(size: u64) -> u64 {
    let needed = size.div_ceil(MAX_PARTS);
    needed.div_ceil(PART_SIZE_MIN).max(1) * PART_SIZE_MIN
}

/// OSS signature V1 string to sign. `oss_headers` are the `x-oss-*` headers sent;
/// `sub_resources` the query (`uploads`, `partNumber`, `uploadId`), both sorted here.
#[allow(clippy::too_many_arguments)]
pub fn string_to_sign(
    method: &str,
    content_md5: &str,
    content_type: &str,
    date: &str,
    oss_headers: &[(&str, &str)],
    bucket: &str,
    object: &str,
    sub_resources: &[(&str, Option<&str>)],
) -> String {
    let mut headers: Vec<(String, &str)> =
        oss_headers.iter().map(|(k, v)| (k.to_ascii_lowercase(), v.trim())).collect();
    headers.sort();
    let mut out = format!("{method}\n{content_md5}\n{content_type}\n{date}\n");
    for (k, v) in headers {
        out.push_str(&format!("{k}:{v}\n"));
    }
    out.push_str(&format!("/{bucket}/{object}"));
    let mut sub: Vec<&(&str, Option<&str>)> = sub_resources.iter().collect();
    sub.sort_by_key(|(k, _)| *k);
    for (i, (k, v)) in sub.iter().enumerate() {
        out.push(if i == 0 { '?' } else { '&' });
        out.push_str(k);
        if let Some(v) = v {
            out.push('=');
            out.push_str(v);
        }
    }
    out
}

/// Base64(HMAC-SHA1(secret, string_to_sign)).
pub fn signature(secret: &str, string_to_sign: &str) -> String {
    use base64::Engine as _;
    use hmac::{Hmac, Mac};
    let mut mac = Hmac::<sha1::Sha1>::new_from_slice(secret.as_bytes()).expect("HMAC takes any key length");
    mac.update(string_to_sign.as_bytes());
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

fn encode_path(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// The URL of `object`. An endpoint with a path (the emulator's `http://host/upload`)
/// is addressed path-style, `<endpoint>/<bucket>/<object>`; a bare OSS endpoint
/// (`https://oss-cn-shanghai.aliyuncs.com`) virtual-hosted, `https://<bucket>.<host>/<object>`.
pub fn object_url(endpoint: &str, bucket: &str, object: &str, query: &[(&str, Option<&str>)]) -> String {
    let endpoint = endpoint.trim_end_matches('/');
    let (scheme, rest) = endpoint.split_once("://").unwrap_or(("https", endpoint));
    let base = if rest.contains('/') {
        format!("{endpoint}/{}", encode_path(bucket))
    } else {
        format!("{scheme}://{bucket}.{rest}")
    };
    let mut url = format!("{base}/{}", encode_path(object));
    for (i, (k, v)) in query.iter().enumerate() {
        url.push(if i == 0 { '?' } else { '&' });
        url.push_str(k);
        if let Some(v) = v {
            url.push('=');
            url.push_str(&crate::model::query::encode_component(v));
        }
    }
    url
}

fn xml_values<'a>(xml: &'a str, tag: &str) -> Vec<&'a str> {
    let (open, close) = (format!("<{tag}>"), format!("</{tag}>"));
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(i) = rest.find(&open) {
        let after = &rest[i + open.len()..];
        let Some(j) = after.find(&close) else { break };
        out.push(&after[..j]);
        rest = &after[j + close.len()..];
    }
    out
}

/// `UploadId` of an InitiateMultipartUpload answer.
pub fn parse_upload_id(xml: &str) -> Option<String> {
    xml_values(xml, "UploadId").first().map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

/// (PartNumber, ETag, Size) of each `<Part>` of a ListParts answer.
pub fn parse_list_parts(xml: &str) -> Vec<(u32, Option<String>, u64)> {
    xml_values(xml, "Part")
        .into_iter()
        .filter_map(|p| {
            let n = xml_values(p, "PartNumber").first()?.trim().parse().ok()?;
            let size = xml_values(p, "Size").first()?.trim().parse().ok()?;
            let etag = xml_values(p, "ETag").first().map(|e| e.replace("&quot;", "\""));
            Some((n, etag, size))
        })
        .collect()
}

/// The CompleteMultipartUpload body.
pub fn complete_body(parts: &[(u32, String)]) -> String {
    let mut body = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<CompleteMultipartUpload>");
    for (n, etag) in parts {
        body.push_str(&format!("<Part><PartNumber>{n}</PartNumber><ETag>{etag}</ETag></Part>"));
    }
    body.push_str("</CompleteMultipartUpload>");
    body
}

#[cfg(feature = "hydrate")]
pub(super) mod browser {
    //! The requests themselves, in the browser only: one XMLHttpRequest per call (for
    //! the upload progress), signed with the current credential.

    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::{Blob, ProgressEvent, XmlHttpRequest};

    use super::{object_url, signature, string_to_sign, xml_values};
    use crate::i18n::*;
    use crate::model::upload::UploadTicket;

    pub fn js_text(e: JsValue) -> String {
        e.as_string().unwrap_or_else(|| format!("{e:?}"))
    }

    pub async fn sleep_ms(ms: i32) {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            if let Some(w) = web_sys::window() {
                let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
            }
        });
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    }

    pub struct Reply {
        pub status: u16,
        pub text: String,
        pub etag: Option<String>,
    }

    pub enum Body<'a> {
        Empty,
        Blob(&'a Blob),
        Text(&'a str),
    }

    /// One XMLHttpRequest; `progress` receives the bytes of the body sent so far.
    async fn xhr(
        locale: Locale,
        method: &str,
        url: &str,
        headers: &[(&str, String)],
        body: Body<'_>,
        progress: Option<Box<dyn Fn(f64)>>,
    ) -> Result<Reply, String> {
        let req = XmlHttpRequest::new().map_err(js_text)?;
        req.open_with_async(method, url, true).map_err(js_text)?;
        for (k, v) in headers {
            req.set_request_header(k, v).map_err(js_text)?;
        }
        // Kept alive until the request ends.
        let on_progress = progress.map(|f| Closure::<dyn FnMut(ProgressEvent)>::new(move |e: ProgressEvent| f(e.loaded())));
        if let Some(cb) = &on_progress {
            req.upload().map_err(js_text)?.set_onprogress(Some(cb.as_ref().unchecked_ref()));
        }
        let done = js_sys::Promise::new(&mut |resolve, _| req.set_onloadend(Some(&resolve)));
        match body {
            Body::Empty => req.send(),
            Body::Blob(b) => req.send_with_opt_blob(Some(b)),
            Body::Text(t) => req.send_with_opt_str(Some(t)),
        }
        .map_err(js_text)?;
        wasm_bindgen_futures::JsFuture::from(done).await.map_err(js_text)?;
        drop(on_progress);
        let status = req.status().unwrap_or(0);
        if status == 0 {
            return Err(td_string!(locale, upload.errors.no_answer).to_string());
        }
        Ok(Reply {
            status,
            text: req.response_text().ok().flatten().unwrap_or_default(),
            etag: req.get_response_header("ETag").ok().flatten(),
        })
    }

    /// An OSS `<Error>` answer as one line (the storage's code and message as it sent them).
    pub fn storage_error(locale: Locale, r: &Reply) -> String {
        let code = xml_values(&r.text, "Code").first().map(|s| s.to_string()).unwrap_or_default();
        let message = xml_values(&r.text, "Message").first().map(|s| s.to_string()).unwrap_or_default();
        if code.is_empty() {
            td_string!(locale, upload.errors.storage_http, status = r.status).to_string()
        } else {
            td_string!(locale, upload.errors.storage_http_code, status = r.status, code, message).to_string()
        }
    }

    pub fn credential_rejected(r: &Reply) -> bool {
        r.status == 403
            && ["SecurityTokenExpired", "InvalidSecurityToken", "InvalidAccessKeyId", "AccessDenied"]
                .iter()
                .any(|c| r.text.contains(c))
    }

    /// The storage target with the current credential.
    pub struct Target {
        pub ticket: UploadTicket,
        /// `Date.now()` when the credential was issued.
        issued_ms: f64,
        /// The language of the upload's messages.
        pub locale: Locale,
    }

    impl Target {
        pub fn new(ticket: UploadTicket, locale: Locale) -> Self {
            Target { ticket, issued_ms: js_sys::Date::now(), locale }
        }

        /// Less than a minute of validity left.
        pub fn expiring(&self) -> bool {
            js_sys::Date::now() > self.issued_ms + ((self.ticket.expires_in - 60).max(0) as f64) * 1000.0
        }

        pub async fn send(
            &self,
            method: &str,
            query: &[(&str, Option<&str>)],
            content_type: &str,
            body: Body<'_>,
            progress: Option<Box<dyn Fn(f64)>>,
        ) -> Result<Reply, String> {
            let t = &self.ticket;
            let date = String::from(js_sys::Date::new_0().to_utc_string());
            let oss = [("x-oss-date", date.as_str()), ("x-oss-security-token", t.security_token.as_str())];
            let to_sign = string_to_sign(method, "", content_type, &date, &oss, &t.bucket, &t.object, query);
            let mut headers = vec![
                ("authorization", format!("OSS {}:{}", t.access_key_id, signature(&t.access_key_secret, &to_sign))),
                ("x-oss-date", date.clone()),
                ("x-oss-security-token", t.security_token.clone()),
            ];
            if !content_type.is_empty() {
                headers.push(("content-type", content_type.to_string()));
            }
            let url = object_url(&t.endpoint, &t.bucket, &t.object, query);
            xhr(self.locale, method, &url, &headers, body, progress).await
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_to_sign_follows_oss_v1() {
        let s = string_to_sign(
            "PUT",
            "",
            "application/octet-stream",
            "Thu, 23 Nov 2026 14:12:07 GMT",
            &[("X-OSS-Security-Token", "CAIS1"), ("x-oss-date", "Thu, 23 Nov 2026 14:12:07 GMT")],
            "outin-1",
            "sv/a/b.mp4",
            &[("uploadId", Some("U1")), ("partNumber", Some("3"))],
        );
        assert_eq!(
            s,
            "PUT\n\napplication/octet-stream\nThu, 23 Nov 2026 14:12:07 GMT\nx-oss-date:Thu, 23 Nov 2026 14:12:07 GMT\nx-oss-security-token:CAIS1\n/outin-1/sv/a/b.mp4?partNumber=3&uploadId=U1"
        );
        let s = string_to_sign("POST", "", "", "D", &[], "b", "o", &[("uploads", None)]);
        assert_eq!(s, "POST\n\n\nD\n/b/o?uploads");
    }

    #[test]
    fn signature_is_base64_hmac_sha1() {
        // Cross-checked with Python: base64(hmac.new(key, msg, hashlib.sha1).digest()).
        let to_sign = "PUT\neB5eJF1ptWaXm4bijSPyxw==\ntext/html\nThu, 17 Nov 2005 18:49:58 GMT\nx-oss-magic:abracadabra\nx-oss-meta-author:foo@example.com\n/oss-example/nelson";
        assert_eq!(signature("OtxrzxIsfpFjA7SwPzILwy8Bw21TLhquhboDYROV", to_sign), "8HQ6ejfvfwbs/JyzhzA/ElF4fx8=");
    }

    #[test]
    fn urls_are_path_style_for_the_emulator_and_virtual_hosted_for_oss() {
        assert_eq!(
            object_url("http://127.0.0.1:4000/upload", "outin-1", "sv/a b/c.mp4", &[("partNumber", Some("1")), ("uploadId", Some("x/y"))]),
            "http://127.0.0.1:4000/upload/outin-1/sv/a%20b/c.mp4?partNumber=1&uploadId=x%2Fy"
        );
        assert_eq!(
            object_url("https://oss-cn-shanghai.aliyuncs.com", "outin-1", "sv/c.mp4", &[("uploads", None)]),
            "https://outin-1.oss-cn-shanghai.aliyuncs.com/sv/c.mp4?uploads"
        );
    }

    #[test]
    fn storage_xml_answers() {
        let init = "<?xml version=\"1.0\"?><InitiateMultipartUploadResult><Bucket>b</Bucket><UploadId>0004B9894A22E5B1888A1E29F823****</UploadId></InitiateMultipartUploadResult>";
        assert_eq!(parse_upload_id(init).as_deref(), Some("0004B9894A22E5B1888A1E29F823****"));
        let list = "<ListPartsResult><Part><PartNumber>1</PartNumber><ETag>&quot;A&quot;</ETag><Size>1048576</Size></Part><Part><PartNumber>2</PartNumber><Size>7</Size></Part></ListPartsResult>";
        assert_eq!(parse_list_parts(list), vec![(1, Some("\"A\"".into()), 1_048_576), (2, None, 7)]);
        assert_eq!(
            complete_body(&[(1, "\"A\"".into())]),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>\"A\"</ETag></Part></CompleteMultipartUpload>"
        );
    }
}
