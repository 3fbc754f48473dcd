//! The forms that work with JavaScript off, as a browser without scripts sends them
//! (`Accept: text/html`, a `Referer`, a 302 back): categories added, renamed and deleted
//! level by level; ticked media deleted after a confirmation page, followed and undone;
//! URL pull jobs followed on a page of their own.

use std::time::Duration;

use app::model::Role;
use axum::body::Body;
use http::{header, Request};

use crate::common::{enc, Reply, VodHarness};

/// A plain form post from `from` (a path of the console).
async fn post(h: &VodHarness, cookie: &str, from: &str, path: &str, body: String) -> Reply {
    let req = Request::post(path)
        .header(header::HOST, "console.test")
        .header("sec-fetch-site", "same-origin")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "text/html")
        .header(header::REFERER, format!("http://console.test{from}"))
        .header(header::COOKIE, cookie)
        .body(Body::from(body))
        .unwrap();
    h.send(req).await
}

/// Where a 302 sends the browser, as a path (a redirect back to the `Referer` is absolute).
fn location(r: &Reply) -> String {
    assert_eq!(r.status, 302, "{}", r.body);
    let to = r.headers[header::LOCATION].to_str().unwrap();
    to.strip_prefix("http://console.test").unwrap_or(to).to_string()
}

#[tokio::test]
async fn categories_are_added_renamed_and_deleted_with_plain_forms() {
    let h = VodHarness::start().await;
    let ed = h.sign_in_as("ed", Role::Editor).await;
    // The tree says where the plain forms are, for a browser without scripts.
    assert!(h.get("/categories", &ed).await.body.contains("/categories/manage"));
    let top = h.get("/categories/manage", &ed).await;
    assert_eq!(top.status, 200);
    assert!(top.body.contains("data-testid=\"plain-categories\"") && top.body.contains("新闻资讯 News"), "{}", top.body);

    // Add at the top level: back to the same page, which lists it.
    let back = location(&post(&h, &ed, "/categories/manage?type=default", "/api/categories/add", "cate_type=default&name=Plain+Top".into()).await);
    assert_eq!(back, "/categories/manage?type=default");
    let page = h.get(&back, &ed).await;
    let id = {
        let at = page.body.find("Plain Top").expect("the new category is listed");
        let row = &page.body[..at];
        let start = row.rfind("data-id=\"").unwrap() + 9;
        row[start..start + row[start..].find('"').unwrap()].to_string()
    };
    // Inside it: add a child, then rename it.
    let inside = format!("/categories/manage?type=default&parent={id}&name=Plain%20Top");
    location(&post(&h, &ed, &inside, "/api/categories/add", format!("cate_type=default&parent_id={id}&name=Plain+Child")).await);
    let page = h.get(&inside, &ed).await;
    assert!(page.body.contains("“<span translate=\"no\">Plain Top") && page.body.contains("value=\"Plain Child\""), "{}", page.body);
    let child = {
        let at = page.body.find("value=\"Plain Child\"").unwrap();
        let row = &page.body[..at];
        let start = row.rfind("data-id=\"").unwrap() + 9;
        row[start..start + row[start..].find('"').unwrap()].to_string()
    };
    location(&post(&h, &ed, &inside, "/api/categories/rename", format!("cate_id={child}&name={}", enc("子分类 Renamed"))).await);
    assert!(h.get(&inside, &ed).await.body.contains("value=\"子分类 Renamed\""));
    // A name over VOD's limit comes back as a sentence on the same page.
    let long = "长".repeat(30);
    let back = location(&post(&h, &ed, &inside, "/api/categories/add", format!("cate_type=default&parent_id={id}&name={}", enc(&long))).await);
    assert!(back.contains("__err="), "{back}");
    assert!(h.get(&back, &ed).await.body.contains("64 bytes"), "the refusal is shown");

    // Delete the top one: it cascades, so the page asks for its name.
    let asking = format!("/categories/manage?type=default&delete={id}");
    let page = h.get(&asking, &ed).await;
    assert!(page.body.contains("data-testid=\"plain-delete\"") && page.body.contains("1 sub-category"), "{}", page.body);
    let back = location(&post(&h, &ed, &asking, "/api/categories/delete", format!("cate_id={id}&confirm=wrong")).await);
    assert!(back.contains("__err="));
    let back = location(&post(&h, &ed, &asking, "/api/categories/delete", format!("cate_id={id}&confirm=Plain+Top")).await);
    assert_eq!(back, "/categories/manage?type=default", "back to the level, without the delete question");
    assert!(!h.get(&back, &ed).await.body.contains("Plain Top"));
    assert!(h.client.call(&vod::api::GetCategories { cate_id: Some(id.parse().unwrap()), ..Default::default() }).await.is_err());
}

#[tokio::test]
async fn ticked_media_are_deleted_after_a_confirmation_and_can_be_undone() {
    let h = VodHarness::start_full(|_| {}, app::ssr::state::Settings { undo_window: Duration::from_secs(30), ..Default::default() }).await;
    let ed = h.sign_in_as("ed", Role::Editor).await;
    let list = h.get("/media?tab=images", &ed).await;
    // Each row's box belongs to the plain delete form, named by its row.
    assert!(list.body.contains("form=\"nojs-delete\"") && list.body.contains("name=\"ids[0]\""), "{}", list.body);
    assert!(list.body.contains("action=\"/media/delete\""));
    let images = h.client.call(&vod::api::SearchMedia { search_type: Some("image".into()), page_size: Some(3), ..Default::default() }).await.unwrap();
    let ids: Vec<String> = images.media_list.iter().map(|m| m.media_id.clone()).collect();
    assert_eq!(ids.len(), 3);

    // The boxes ticked: rows 0 and 2 (the GET the form sends).
    let confirm = format!("/media/delete?tab=images&ids%5B0%5D={}&ids%5B2%5D={}", ids[0], ids[2]);
    let page = h.get(&confirm, &ed).await;
    assert!(page.body.contains("data-testid=\"plain-delete-confirm\"") && page.body.contains("Delete 2 images?"), "{}", page.body);
    let to = location(&post(&h, &ed, &confirm, "/api/media/delete", format!("tab=images&ids[0]={}&ids[1]={}", ids[0], ids[2])).await);
    assert!(to.starts_with("/media/delete?job="), "{to}");
    let page = h.get(&to, &ed).await;
    assert!(page.body.contains("data-state=\"pending\"") && page.body.contains("data-testid=\"plain-undo\""), "{}", page.body);
    let job = to.trim_start_matches("/media/delete?job=");
    location(&post(&h, &ed, &to, "/api/media/undo-delete", format!("job={job}")).await);
    let page = h.get(&to, &ed).await;
    assert!(page.body.contains("data-state=\"cancelled\"") && page.body.contains("kept"), "{}", page.body);
    // Nothing was deleted.
    let still = h.client.call(&vod::api::GetImageInfos { image_ids: vec![ids[0].clone(), ids[2].clone()], ..Default::default() }).await.unwrap();
    assert_eq!(still.image_info.len(), 2);
    // Nothing ticked: the page says so.
    assert!(h.get("/media/delete?tab=images", &ed).await.body.contains("data-testid=\"plain-nothing\""));
}

#[tokio::test]
async fn url_pull_jobs_are_followed_on_their_own_page() {
    let h = VodHarness::start().await;
    let ed = h.sign_in_as("ed", Role::Editor).await;
    let urls = "https://media.example.com/a.mp4\nftp://media.example.com/b.mp4\nhttps://media.example.com/c.mp4";
    let r = post(&h, &ed, "/media/upload", "/api/upload/pull", format!("urls={}&category=&template_group=", enc(urls))).await;
    // The ftp URL is refused by the console before VOD: a sentence back on the form.
    let back = location(&r);
    assert!(back.contains("__err="), "{back}");
    let urls = "https://media.example.com/a.mp4\nhttps://media.example.com/c.mp4";
    let to = location(&post(&h, &ed, "/media/upload", "/api/upload/pull", format!("urls={}&category=&template_group=", enc(urls))).await);
    assert!(to.starts_with("/media/upload/jobs?ids%5B0%5D=") && to.ends_with("&refused=0"), "{to}");
    let page = h.get(&to, &ed).await;
    assert_eq!(page.status, 200);
    assert_eq!(page.body.matches("data-testid=\"plain-pull-job\"").count(), 2, "{}", page.body);
    assert!(page.body.contains("https://media.example.com/c.mp4") && page.body.contains("data-testid=\"plain-refresh\""));
}
