//! The watermarks page over HTTP against a real emulator: the list with the templates
//! that stamp each mark, VOD's rules refused before the call with the field and the
//! limit, add / update (with what changed in the activity log) / set default / delete
//! (the default refused, one in use only with its name typed), a watermark image
//! uploaded with the issued credential, the page with its preview geometry, and the
//! same forms with JavaScript off (typed values kept when a save is refused).

use app::model::Role;
use serde_json::Value;

use crate::common::{enc, message, ok, VodHarness};

fn form(pairs: &[(&str, &str)]) -> String {
    pairs.iter().map(|(k, v)| format!("form[{k}]={}", enc(v))).collect::<Vec<_>>().join("&")
}

async fn list(h: &VodHarness, cookie: &str) -> Value {
    ok(&h.call("/api/watermarks/list", "fresh=true", cookie).await)
}

fn by_name<'a>(list: &'a Value, name: &str) -> &'a Value {
    list["marks"].as_array().unwrap().iter().find(|m| m["name"] == name).unwrap_or_else(|| panic!("no {name} in {list}"))
}

#[tokio::test]
async fn the_list_shows_each_mark_with_the_templates_that_stamp_it() {
    let h = VodHarness::start().await;
    let viewer = h.sign_in_as("vi", Role::Viewer).await;
    let l = list(&h, &viewer).await;
    assert_eq!(l["usage_error"], Value::Null);
    let marks = l["marks"].as_array().unwrap();
    assert_eq!(marks.len(), 2);
    assert_eq!(marks[0]["is_default"], true, "the default first");
    let logo = by_name(&l, "台标Logo");
    // Standard HLS's three templates name USER_DEFAULT_WATERMARK; Mobile's SD names it by ID.
    let uses = logo["used_by"].as_array().unwrap();
    assert_eq!(uses.len(), 4, "{uses:?}");
    assert_eq!(uses.iter().filter(|u| u["via_default"] == true).count(), 3);
    let credit = by_name(&l, "版权文字Credit");
    assert_eq!(credit["used_by"].as_array().unwrap().len(), 2);
    assert_eq!(credit["kind"], "Text");
    assert!(credit["fields"].as_array().unwrap().iter().any(|f| f[0] == "Content"));
    assert!(!l["frames"].as_array().unwrap().is_empty(), "covers to preview on");
}

#[tokio::test]
async fn rules_are_refused_before_vod_with_the_field_and_the_limit() {
    let h = VodHarness::start().await;
    let conf = h.sign_in_as("co", Role::Configurator).await;
    let image = [("kind", "Image"), ("name", "新台标"), ("file_url", "https://example.com/a.png"), ("width", "0.1"), ("height", "40"),
        ("refer_pos", "BottomRight"), ("dx", "4"), ("dy", "16")];
    let r = h.call("/api/watermarks/save", &form(&image), &conf).await;
    assert_eq!(r.status, 400, "{}", r.body);
    let m = message(&r);
    assert!(m.contains("Dx") && m.contains('8') && m.contains("4096"), "{m}");
    assert_eq!(r.json()["Invalid"]["field"], "Dx");
    let text = [("kind", "Text"), ("name", "文字"), ("content", "hi"), ("font_name", "Arial")];
    let m = message(&h.call("/api/watermarks/save", &form(&text), &conf).await);
    assert!(m.contains("SimSun") && m.contains("Yuanti SC"), "{m}");
    let bad_name = [("kind", "Text"), ("name", "has space"), ("content", "hi")];
    assert_eq!(h.call("/api/watermarks/save", &form(&bad_name), &conf).await.json()["Invalid"]["field"], "Name");
    let no_file = [("kind", "Image"), ("name", "nofile"), ("width", "0.1"), ("height", "0.1"), ("refer_pos", "TopLeft"), ("dx", "8"), ("dy", "8")];
    assert_eq!(h.call("/api/watermarks/save", &form(&no_file), &conf).await.json()["Invalid"]["field"], "FileUrl");
    // Nothing reached VOD.
    assert_eq!(list(&h, &conf).await["marks"].as_array().unwrap().len(), 2);
    assert!(h.activity().await.is_empty());
}

#[tokio::test]
async fn add_update_set_default_and_delete_land_in_the_activity_log() {
    let h = VodHarness::start().await;
    let conf = h.sign_in_as("co", Role::Configurator).await;
    let text = [("kind", "Text"), ("name", "角标"), ("content", "示例 Demo"), ("font_size", "32"), ("font_color", "Yellow"), ("top", "20"), ("left", "30")];
    let added = ok(&h.call("/api/watermarks/save", &form(&text), &conf).await);
    let id = added["id"].as_str().unwrap().to_string();
    let got = h.client.call(&vod::api::GetWatermark { watermark_id: id.clone() }).await.unwrap().watermark_info;
    let config: Value = serde_json::from_str(&got.watermark_config).unwrap();
    assert_eq!((config["FontSize"].clone(), config["FontColor"].clone()), (Value::from(32), Value::from("Yellow")));

    // An update says what changed; the type cannot change.
    let mut moved = text.to_vec();
    moved.push(("id", &id));
    moved.retain(|(k, _)| *k != "left");
    moved.push(("left", "64"));
    ok(&h.call("/api/watermarks/save", &form(&moved), &conf).await);
    let as_image: Vec<(&str, &str)> = moved.iter().map(|(k, v)| if *k == "kind" { (*k, "Image") } else { (*k, *v) }).collect();
    let r = h.call("/api/watermarks/save", &form(&as_image), &conf).await;
    assert_eq!(r.status, 400, "{}", r.body);

    // Make it the default: the logo stops being it, and takes its templates along.
    ok(&h.call("/api/watermarks/set-default", &format!("id={id}"), &conf).await);
    let l = list(&h, &conf).await;
    let new_default = by_name(&l, "角标");
    assert_eq!(new_default["is_default"], true);
    assert_eq!(new_default["used_by"].as_array().unwrap().len(), 3, "the three USER_DEFAULT_WATERMARK templates");
    assert_eq!(by_name(&l, "台标Logo")["used_by"].as_array().unwrap().len(), 1, "only the template naming it");

    // The default cannot be deleted; one in use needs its name.
    let r = h.call("/api/watermarks/delete", &format!("id={id}"), &conf).await;
    assert_eq!(r.status, 400);
    assert!(message(&r).contains("default"), "{}", r.body);
    let logo = by_name(&l, "台标Logo")["id"].as_str().unwrap().to_string();
    let r = h.call("/api/watermarks/delete", &format!("id={logo}&confirm=wrong"), &conf).await;
    assert_eq!(r.status, 400);
    assert!(message(&r).contains("台标Logo"), "{}", r.body);
    ok(&h.call("/api/watermarks/delete", &format!("id={logo}&confirm={}", enc("台标Logo")), &conf).await);
    assert!(h.client.call(&vod::api::GetWatermark { watermark_id: logo.clone() }).await.is_err());

    let log = h.activity().await;
    let actions: Vec<&str> = log.iter().rev().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        ["vod:AddWatermark", "vod:UpdateWatermark", "vod:SetDefaultWatermark", "vod:DeleteWatermark"],
        "{log:?}"
    );
    assert!(log.iter().all(|e| e.request_id.as_deref().is_some_and(|r| r.len() == 36) && e.outcome == "ok"));
    let update = log.iter().find(|e| e.action == "vod:UpdateWatermark").unwrap();
    assert_eq!(update.detail.as_deref(), Some("“角标”: Left 30 → 64"));
    let delete = log.iter().find(|e| e.action == "vod:DeleteWatermark").unwrap();
    assert!(delete.detail.as_deref().unwrap().contains("used by 1 templates"), "{delete:?}");
}

#[tokio::test]
async fn an_image_is_uploaded_with_the_issued_credential_and_becomes_a_watermark() {
    let h = VodHarness::start().await;
    let conf = h.sign_in_as("co", Role::Configurator).await;
    let r = h.call("/api/watermarks/upload", "file_name=logo.jpg&file_size=10", &conf).await;
    assert_eq!(r.status, 400);
    assert!(message(&r).contains("png"), "{}", r.body);
    let up = ok(&h.call("/api/watermarks/upload", "file_name=brand.png&file_size=33", &conf).await);
    // Never the console's own credentials: a temporary one for this object.
    assert!(up["ticket"]["security_token"].as_str().unwrap().starts_with("CAIS"));
    let png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x78\x00\x00\x00\x28\x08\x06".to_vec();
    let http = reqwest::Client::new();
    let (status, body, _) = crate::upload::storage(&http, &up["ticket"], "PUT", &[], png.clone()).await;
    assert_eq!(status, 200, "{body}");
    let file_url = up["file_url"].as_str().unwrap();
    let fetched = http.get(file_url).send().await.unwrap();
    assert_eq!(fetched.status(), 200);
    assert_eq!(fetched.bytes().await.unwrap().to_vec(), png);

    let image = [("kind", "Image"), ("name", "上传台标"), ("file_url", file_url), ("width", "0.1"), ("height", "0.05"),
        ("refer_pos", "BottomRight"), ("dx", "24"), ("dy", "0.04"), ("start", "0"), ("duration", "ToEND")];
    let saved = ok(&h.call("/api/watermarks/save", &form(&image), &conf).await);
    assert_eq!(saved["file_url"], file_url);
    let log = h.activity().await;
    assert!(log.iter().any(|e| e.action == "vod:CreateUploadAttachedMedia" && e.outcome == "ok"));
    // An editor may upload media but not watermark files.
    let ed = h.sign_in_as("ed", Role::Editor).await;
    assert_eq!(h.call("/api/watermarks/upload", "file_name=brand.png&file_size=33", &ed).await.status, 403);
}

#[tokio::test]
async fn the_page_draws_the_mark_where_vod_puts_it_and_shows_controls_by_role() {
    let h = VodHarness::start().await;
    let conf = h.sign_in_as("co", Role::Configurator).await;
    let l = list(&h, &conf).await;
    let logo = by_name(&l, "台标Logo")["id"].as_str().unwrap().to_string();
    // Width 0.12, Height 0.06, Dx 16, Dy 16 from the top right, on 1280×720:
    // 153.6 × 43.2 px at x = 1280 − 16 − 153.6 = 1110.4, y = 16.
    let page = h.get(&format!("/watermarks?edit={logo}"), &conf).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("data-testid=\"watermark-editor\""), "{}", page.body);
    assert!(page.body.contains("data-x=\"1110\" data-y=\"16\" data-w=\"154\" data-h=\"43\""), "{}", page.body);
    assert!(page.body.contains("covers 154×43 px, 1110 px from the left and 16 px from the top"));
    // At 3840×2160 the shares scale and the pixels do not.
    let page = h.get(&format!("/watermarks?edit={logo}&res=3840x2160"), &conf).await;
    assert!(page.body.contains("data-x=\"3363\" data-y=\"16\" data-w=\"461\" data-h=\"130\""), "{}", page.body);
    assert!(page.body.contains("data-testid=\"set-default\"") && page.body.contains("data-testid=\"delete\""));

    let viewer = h.sign_in_as("vi", Role::Viewer).await;
    let page = h.get("/watermarks", &viewer).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("data-testid=\"watermark-table\""));
    for control in ["new-image", "set-default", "data-testid=\"delete\"", "Edit"] {
        assert!(!page.body.contains(control), "a viewer sees {control}");
    }
}

#[tokio::test]
async fn without_javascript_a_refused_save_keeps_what_was_typed() {
    let h = VodHarness::start().await;
    let conf = h.sign_in_as("co", Role::Configurator).await;
    let post = |body: String| {
        http::Request::post("/api/watermarks/save")
            .header(http::header::HOST, "console.test")
            .header("sec-fetch-site", "same-origin")
            .header(http::header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(http::header::ACCEPT, "text/html")
            .header(http::header::REFERER, "http://console.test/watermarks?new=Text")
            .header(http::header::COOKIE, conf.clone())
            .body(axum::body::Body::from(body))
            .unwrap()
    };
    let typed = [("kind", "Text"), ("name", "夜间"), ("content", "夜间 Night"), ("font_size", "200"), ("top", "12")];
    let r = h.send(post(format!("{}&res=1280x720&frame=", form(&typed)))).await;
    assert_eq!(r.status, 302, "{}", r.body);
    let back = r.headers["location"].to_str().unwrap().to_string();
    assert!(back.starts_with("/watermarks?") && back.contains("__err="), "{back}");
    let page = h.get(&back, &conf).await;
    assert!(page.body.contains("value=\"夜间 Night\"") && page.body.contains("value=\"200\""), "typed values kept");
    assert!(page.body.contains("Font size (px): a whole number from 5 to 119."), "{}", page.body);

    let fixed: Vec<(&str, &str)> = typed.iter().map(|(k, v)| if *k == "font_size" { (*k, "20") } else { (*k, *v) }).collect();
    let r = h.send(post(form(&fixed))).await;
    assert_eq!(r.status, 302);
    let to = r.headers["location"].to_str().unwrap();
    assert!(to.starts_with("/watermarks?edit=") && to.ends_with("&saved=1"), "{to}");
    let page = h.get(to, &conf).await;
    assert!(page.body.contains("“<span translate=\"no\">夜间") && page.body.contains("Saved."), "{}", page.body);
    let id = to.trim_start_matches("/watermarks?edit=").trim_end_matches("&saved=1").to_string();

    // Make it the default and delete the old one (in use: its name typed), as plain forms.
    let plain = |path: &str, body: String| {
        http::Request::post(path)
            .header(http::header::HOST, "console.test")
            .header("sec-fetch-site", "same-origin")
            .header(http::header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(http::header::ACCEPT, "text/html")
            .header(http::header::REFERER, "http://console.test/watermarks")
            .header(http::header::COOKIE, conf.clone())
            .body(axum::body::Body::from(body))
            .unwrap()
    };
    let r = h.send(plain("/api/watermarks/set-default", format!("id={id}"))).await;
    assert_eq!(r.status, 302);
    let l = list(&h, &conf).await;
    assert_eq!(by_name(&l, "夜间")["is_default"], true);
    let logo = by_name(&l, "台标Logo")["id"].as_str().unwrap().to_string();
    let r = h.send(plain("/api/watermarks/delete", format!("id={logo}&confirm=nope"))).await;
    assert_eq!(r.status, 302);
    let back = r.headers["location"].to_str().unwrap().to_string();
    assert!(back.contains("__err="), "{back}");
    let page = h.get(&back, &conf).await;
    assert!(page.body.contains("type its name, “台标Logo”"), "the refusal is on the page");
    let r = h.send(plain("/api/watermarks/delete", format!("id={logo}&confirm={}", enc("台标Logo")))).await;
    assert_eq!(r.headers["location"], "/watermarks?deleted=1");
    assert!(h.get("/watermarks?deleted=1", &conf).await.body.contains("Watermark deleted."));
}
