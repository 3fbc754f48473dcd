//! Both languages on every page: the first visit follows `Accept-Language`, the switch
//! (a plain form post, as with JavaScript off) sets the cookie and the account, sign-in
//! brings the account's choice back, and a Chinese render has no English left outside
//! VOD's data, codes and IDs.

use app::model::Role;
use axum::body::Body;
use http::{header, Request, StatusCode};

use crate::common::VodHarness;

/// Latin words a Chinese page may show: product and protocol names, units, codes.
const ALLOWED: &[&str] = &[
    "VOD", "ID", "IDs", "RequestId", "CSV", "URL", "UTC", "API", "AccessKey", "CDN", "AI", "HLS", "DASH", "MP4",
    "FLV", "M3U8", "MP3", "WEBM", "MOV", "PNG", "GIF", "APNG", "JPG", "JPEG", "KB", "MB", "GB", "TB", "ms", "px",
    "OSS", "UTF", "Enter", "Esc", "Tab", "Shift", "Space", "Ctrl", "Alt", "OK", "RAM", "STS", "SDK", "FD", "LD",
    "SD", "HD", "OD", "2K", "4K", "vod", "console", "Alibaba", "Cloud", "fps", "kbps", "Kbps", "Mbps",
    // VOD's names for a watermark's offsets and its "to the end" keyword.
    "Dx", "Dy", "ToEND", "JavaScript",
    // Transcode templates: VOD's keywords and placeholders, units, time formats.
    "Locked", "Enabled", "USER", "DEFAULT", "WATERMARK", "MediaId", "JobId", "PlayDefinition", "hh", "mm", "ss",
    "SSS", "Hz", "bps", "480p", "720p", "1080p", "64k", "192k", "gif", "webp",
    // Usage: player platforms and transcode specifications as VOD names them, units.
    "Android", "iOS", "HTML5", "Flash", "Audio", "Segmentation", "HTTPS", "min", "Gbps", "Tbps", "PB",
    // Review: addresses as VOD names them, and the statuses it plays only to them.
    "IP", "IPv4", "CIDR", "Checking", "Blocked",
];

/// Visible text and the texts of `aria-label`, `title`, `placeholder` and `alt`, without
/// scripts, styles, `<code>`, and elements marked as data (`translate="no"`) or as
/// another language (`lang="en"`).
fn readable_text(html: &str) -> String {
    const VOID: &[&str] =
        &["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "param"];
    let mut out = String::new();
    // Names of open elements, and the depth from which everything is skipped.
    let mut stack: Vec<String> = Vec::new();
    let mut skip_from: Option<usize> = None;
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        if skip_from.is_none() {
            out.push_str(&decode(&rest[..lt]));
            out.push(' ');
        }
        rest = &rest[lt..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map(|e| &after[e + 3..]).unwrap_or("");
            continue;
        }
        if rest.starts_with("<!") {
            rest = rest.find('>').map(|e| &rest[e + 1..]).unwrap_or("");
            continue;
        }
        let Some(gt) = tag_end(rest) else { break };
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            let name = name.trim().to_ascii_lowercase();
            if let Some(pos) = stack.iter().rposition(|n| *n == name) {
                stack.truncate(pos);
                if skip_from.is_some_and(|d| d >= pos) {
                    skip_from = None;
                }
            }
            continue;
        }
        let name: String = tag.chars().take_while(|c| !c.is_whitespace() && *c != '/').collect::<String>().to_ascii_lowercase();
        let data = tag.contains("translate=\"no\"") || tag.contains("lang=\"en\"");
        // `<title>` is the page heading (checked in the body) plus, on a detail page, the
        // media title itself: data.
        let hidden = matches!(name.as_str(), "script" | "style" | "code" | "template" | "noscript" | "title");
        if skip_from.is_none() && !data {
            for attr in ["aria-label", "title", "placeholder", "alt"] {
                if let Some(v) = attribute(tag, attr) {
                    out.push_str(&decode(v));
                    out.push(' ');
                }
            }
        }
        let self_closing = tag.ends_with('/') || VOID.contains(&name.as_str());
        if !self_closing {
            stack.push(name.clone());
            if skip_from.is_none() && (data || hidden) {
                skip_from = Some(stack.len() - 1);
            }
            if matches!(name.as_str(), "script" | "style") {
                // Raw text up to the closing tag.
                let close = format!("</{name}");
                let end = rest.to_ascii_lowercase().find(&close).unwrap_or(rest.len());
                rest = &rest[end..];
            }
        }
    }
    out
}

/// The `>` that ends the tag at the start of `s`, outside quoted attribute values.
fn tag_end(s: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in s.char_indices().skip(1) {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return Some(i),
            _ => {}
        }
    }
    None
}

fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    let len = tag[start..].find('"')?;
    Some(&tag[start..start + len])
}

fn decode(s: &str) -> String {
    s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&#x27;", "'").replace("&amp;", "&")
}

/// Latin words in `text` that are not allowed in a Chinese page. Codes and IDs are not
/// prose: a token joined by `-`, `_`, `.` or `:` (`cn-shanghai`, `vod:DeleteVideo`,
/// `InvalidVideo.NotExist`) or made of hex digits (`90b5`, `a0bb4357a6a5`).
fn english_words(text: &str) -> Vec<String> {
    let is_code = |t: &str| {
        let digits = t.chars().any(|c| c.is_ascii_digit());
        // Hyphenated English ("top-level", "sign-in") is prose; regions and IDs are not.
        let hyphen_code = t.contains('-')
            && (digits || ["cn-", "ap-", "us-", "eu-", "me-", "sa-"].iter().any(|p| t.starts_with(p)));
        let joined = t.contains(['_', '.', ':']) || hyphen_code;
        let hex = digits && t.chars().all(|c| c.is_ascii_hexdigit() || c == '-');
        joined || hex
    };
    let mut found: Vec<String> = text
        .split(|c: char| !(c.is_ascii_alphanumeric() || "-_.:".contains(c)))
        .map(|t| t.trim_matches(|c: char| "-_.:".contains(c)))
        .filter(|t| !is_code(t))
        .flat_map(|t| t.split(|c: char| !c.is_ascii_alphanumeric()))
        .filter(|w| w.len() >= 2 && w.chars().any(|c| c.is_ascii_alphabetic()))
        .filter(|w| !ALLOWED.contains(w))
        .filter(|w| !is_code(w))
        .map(str::to_string)
        .collect();
    found.sort();
    found.dedup();
    found
}

fn html_lang(body: &str) -> Option<&str> {
    let start = body.find("<html")?;
    let tag = &body[start..start + body[start..].find('>')?];
    attribute(tag, "lang")
}

/// Every page a person can open: the fixed routes and one detail page of each kind.
async fn every_page(h: &VodHarness, cookie: &str) -> Vec<String> {
    let mut pages: Vec<String> = ["/", "/media", "/media?tab=images", "/media?tab=attached", "/media/upload", "/categories", "/templates", "/watermarks", "/audit", "/usage", "/activity", "/users", "/no-such-page",
        "/watermarks?new=Image", "/watermarks?new=Text", "/categories/manage", "/categories/manage?type=material",
        "/media/delete?tab=images", "/media/upload/jobs", "/templates/snapshots", "/templates/snapshots?snapshot=new", "/templates/snapshots?snapshot=new-animated",
        "/templates/jobs", "/templates?new=1", "/usage?range=30d&compare=1", "/usage?range=24h", "/audit/record", "/audit/security", "/audit/ai"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    for (list, prefix) in [
        ("/media", "/media/video/"),
        ("/media?tab=images", "/media/image/"),
        ("/media?tab=attached", "/media/attached/"),
        ("/watermarks", "/watermarks?edit="),
        ("/templates", "/templates?group="),
        ("/templates/snapshots", "/templates/snapshots?snapshot="),
        ("/audit", "/audit/review/"),
    ] {
        let body = h.get(list, cookie).await.body;
        let start = body.find(&format!("href=\"{prefix}")).unwrap_or_else(|| panic!("{list} links no {prefix} page")) + 6;
        let end = start + body[start..].find('"').unwrap();
        pages.push(body[start..end].replace("&amp;", "&"));
    }
    // An opened group's rendition editor, and the jobs of a video.
    let group = pages.iter().find(|p| p.starts_with("/templates?group=")).cloned().expect("a group page");
    let body = h.get(&group, cookie).await.body;
    let table = body.find("rendition-table").expect("the group lists its renditions");
    let start = table + body[table..].find("edit=").expect("the group links its renditions");
    let end = start + body[start..].find('"').unwrap();
    pages.push(format!("{group}&{}", &body[start..end]));
    pages.push(format!("{group}&edit=new"));
    let video = pages.iter().find(|p| p.starts_with("/media/video/")).cloned().expect("a video page");
    pages.push(format!("/templates/jobs?videos={}", video.trim_start_matches("/media/video/")));
    pages
}

#[tokio::test]
async fn every_page_renders_in_both_languages_with_no_english_left_in_chinese() {
    let h = VodHarness::start().await;
    let session = h.sign_in_as("ada", Role::Admin).await;
    let mut problems = Vec::new();
    for page in every_page(&h, &session).await {
        for lang in ["en", "zh"] {
            let reply = h.get(&page, &format!("{session}; i18n_pref_locale={lang}")).await;
            assert!(matches!(reply.status, StatusCode::OK | StatusCode::NOT_FOUND), "{page} ({lang}): {}", reply.status);
            assert_eq!(html_lang(&reply.body), Some(lang), "{page}: <html lang>");
            if lang == "zh" {
                // The one account's name is data this test made (shown in labels such as
                // "ada 的角色").
                let words: Vec<String> = english_words(&readable_text(&reply.body)).into_iter().filter(|w| w != "ada").collect();
                if !words.is_empty() {
                    problems.push(format!("{page}: {}", words.join(" ")));
                }
            }
        }
    }
    // The sign-in page, signed out.
    let login = h.get("/login", "i18n_pref_locale=zh").await;
    let words = english_words(&readable_text(&login.body));
    if !words.is_empty() {
        problems.push(format!("/login: {}", words.join(" ")));
    }
    assert!(problems.is_empty(), "English left in Chinese pages:\n{}", problems.join("\n"));
}

#[tokio::test]
async fn the_text_reader_sees_what_a_person_reads() {
    // The check above is only as good as this reader: it must see labels and attributes
    // and skip data, code and scripts.
    let html = r#"<html lang="zh"><head><title>媒体 · 控制台</title><script>var x = "Hidden";</script></head>
        <body><label>标题 Visible</label><input placeholder="Search here"/><code>InvalidVideo.NotExist</code>
        <td translate="no">My Holiday <b>Video</b></td><span title="Tooltip">页</span><option lang="en">English</option>
        <p>地域 cn-shanghai，ID 90b5a0bb，vod:DeleteVideo，top-level</p>
        <!-- comment words --></body></html>"#;
    assert_eq!(english_words(&readable_text(html)), vec!["Search", "Tooltip", "Visible", "here", "level", "top"]);
    assert_eq!(html_lang(html), Some("zh"));
}

#[tokio::test]
async fn the_first_visit_follows_accept_language_and_the_switch_sticks_to_the_account() {
    let h = VodHarness::start().await;
    let page = |accept: &'static str| {
        Request::get("/login").header(header::HOST, "console.test").header(header::ACCEPT, "text/html").header(header::ACCEPT_LANGUAGE, accept)
    };
    let zh = h.send(page("zh-CN,zh;q=0.9,en;q=0.8").body(Body::empty()).unwrap()).await;
    assert_eq!(html_lang(&zh.body), Some("zh"));
    assert!(zh.body.contains("登录"), "the Chinese sign-in page");
    let en = h.send(page("en-GB,en;q=0.9").body(Body::empty()).unwrap()).await;
    assert_eq!(html_lang(&en.body), Some("en"));
    assert!(en.body.contains("Sign in"));
    // A language we do not have falls back to English.
    let fr = h.send(page("fr-FR").body(Body::empty()).unwrap()).await;
    assert_eq!(html_lang(&fr.body), Some("en"));

    // The switch as a plain form post (JavaScript off): cookies set, back to the page.
    let session = h.sign_in_as("ada", Role::Editor).await;
    let form = Request::post("/api/prefs/set")
        .header(header::HOST, "console.test")
        .header("sec-fetch-site", "same-origin")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "text/html")
        .header(header::COOKIE, &session)
        .body(Body::from("lang=zh&theme=dark&back=%2Fmedia"))
        .unwrap();
    let reply = h.send(form).await;
    assert_eq!(reply.status, StatusCode::FOUND, "{}", reply.body);
    assert_eq!(reply.headers.get(header::LOCATION).unwrap(), "/media");
    let cookies: Vec<&str> = reply.headers.get_all(header::SET_COOKIE).iter().map(|v| v.to_str().unwrap()).collect();
    assert!(cookies.iter().any(|c| c.starts_with("i18n_pref_locale=zh;") && c.contains("Path=/")), "{cookies:?}");
    assert!(cookies.iter().any(|c| c.starts_with("vod_console_theme=dark;")), "{cookies:?}");
    let themed = h.get("/media", &format!("{session}; i18n_pref_locale=zh; vod_console_theme=dark")).await;
    assert!(themed.body.contains("data-theme=\"dark\""), "the theme is decided on the server");

    // A bad value is refused with the field named, in the request's language.
    let bad = h.call("/api/prefs/set", "lang=fr&theme=dark", &format!("{session}; i18n_pref_locale=zh")).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.body.contains("\"lang\"") && bad.body.contains("请选择"), "{}", bad.body);

    // Signing in on another browser (no cookies) brings the account's choice back.
    let login = Request::post("/api/auth/login")
        .header(header::HOST, "console.test")
        .header("sec-fetch-site", "same-origin")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "application/json")
        .header(header::ACCEPT_LANGUAGE, "en-US")
        .body(Body::from(format!("username=ada&password={}", crate::common::PASSWORD)))
        .unwrap();
    let reply = h.send(login).await;
    assert!(reply.status.is_success());
    let cookies: Vec<&str> = reply.headers.get_all(header::SET_COOKIE).iter().map(|v| v.to_str().unwrap()).collect();
    assert!(cookies.iter().any(|c| c.starts_with("i18n_pref_locale=zh;")), "{cookies:?}");
    assert!(cookies.iter().any(|c| c.starts_with("vod_console_theme=dark;")), "{cookies:?}");
}

/// The first `<time datetime="…">text</time>` of a page: (instant, shown text).
fn first_time(body: &str) -> (String, String) {
    let start = body.find("<time datetime=\"").expect("a time on the page") + 16;
    let instant = body[start..start + body[start..].find('"').unwrap()].to_string();
    let text_start = start + body[start..].find('>').unwrap() + 1;
    let text = body[text_start..text_start + body[text_start..].find('<').unwrap()].to_string();
    (instant, text)
}

#[tokio::test]
async fn times_are_shown_in_the_person_s_time_zone() {
    use app::model::prefs::{format_wall, parse_utc};
    let h = VodHarness::start().await;
    let session = h.sign_in_as("ada", Role::Editor).await;
    // Zones without daylight saving, so the expected offsets are known by hand.
    let cases = [
        ("i18n_pref_locale=zh", 8 * 3600),                                 // Chinese: Asia/Shanghai
        ("i18n_pref_locale=en", 0),                                        // English: UTC
        ("i18n_pref_locale=zh; vod_console_tz=Asia/Kolkata", 5 * 3600 + 1800), // chosen
        ("i18n_pref_locale=en; vod_console_tz=Mars/Olympus", 0),           // unknown: the default
    ];
    for (cookies, offset) in cases {
        let body = h.get("/media", &format!("{session}; {cookies}")).await.body;
        let (instant, text) = first_time(&body);
        let t = parse_utc(&instant).unwrap_or_else(|| panic!("{instant} is RFC 3339"));
        assert_eq!(text, format_wall(t, offset), "{cookies}: {instant}");
    }

    // The browser's zone, sent once hydrated: kept in a cookie and on the account.
    let reply = h.call("/api/prefs/time-zone", "tz=Asia%2FKolkata", &session).await;
    assert!(reply.status.is_success(), "{}", reply.body);
    let cookies: Vec<&str> = reply.headers.get_all(header::SET_COOKIE).iter().map(|v| v.to_str().unwrap()).collect();
    assert!(cookies.iter().any(|c| c.starts_with("vod_console_tz=Asia/Kolkata;") && c.contains("Path=/")), "{cookies:?}");
    // A zone the database does not know is refused, with the field named.
    let bad = h.call("/api/prefs/time-zone", "tz=Mars%2FOlympus", &format!("{session}; i18n_pref_locale=zh")).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.body.contains("\"tz\"") && bad.body.contains("Mars/Olympus") && bad.body.contains("未知时区"), "{}", bad.body);
    let bad = h.call("/api/prefs/set", "lang=en&theme=system&tz=..%2F..%2Fetc%2Fpasswd", &session).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.body.contains("\"tz\""), "{}", bad.body);

    // Signing in on another browser brings the zone back.
    let login = Request::post("/api/auth/login")
        .header(header::HOST, "console.test")
        .header("sec-fetch-site", "same-origin")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "application/json")
        .body(Body::from(format!("username=ada&password={}", crate::common::PASSWORD)))
        .unwrap();
    let reply = h.send(login).await;
    let cookies: Vec<&str> = reply.headers.get_all(header::SET_COOKIE).iter().map(|v| v.to_str().unwrap()).collect();
    assert!(cookies.iter().any(|c| c.starts_with("vod_console_tz=Asia/Kolkata;")), "{cookies:?}");

    // The preferences form (JavaScript off) changes it too.
    let reply = h.call("/api/prefs/set", "lang=en&theme=system&tz=Asia%2FTokyo", &session).await;
    assert!(reply.status.is_success(), "{}", reply.body);
    let cookies: Vec<&str> = reply.headers.get_all(header::SET_COOKIE).iter().map(|v| v.to_str().unwrap()).collect();
    assert!(cookies.iter().any(|c| c.starts_with("vod_console_tz=Asia/Tokyo;")), "{cookies:?}");
}

#[tokio::test]
async fn date_filters_are_days_where_the_person_is() {
    use app::model::prefs::format_wall;
    let h = VodHarness::start().await;
    let session = h.sign_in_as("ada", Role::Admin).await;
    // Something in the activity log, made now.
    let made = h.call("/api/users/create", "username=bob&password=a-long-password-1&role=viewer", &session).await;
    assert!(made.status.is_success(), "{}", made.body);
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
    // Kiritimati (UTC+14) and Pago Pago (UTC-11) are 25 hours apart: today over there is
    // never today here.
    let kiritimati_today = format_wall(now, 14 * 3600)[..10].to_string();
    let count = |zone: &'static str| {
        let cookie = format!("{session}; vod_console_tz={zone}");
        let day = kiritimati_today.clone();
        let h = &h;
        async move {
            let filter = format!("filter[from]={day}&filter[to]={day}&filter[action]=CreateUser");
            let reply = h.call("/api/activity/list", &filter, &cookie).await;
            assert!(reply.status.is_success(), "{}", reply.body);
            reply.json()["total"].as_u64().unwrap()
        }
    };
    assert_eq!(count("Pacific/Kiritimati").await, 1);
    assert_eq!(count("Pacific/Pago_Pago").await, 0);
}
