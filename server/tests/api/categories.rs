//! The category tree over HTTP against a real emulator: VOD's limits (depth, 100
//! children, 64-byte names) refused before the call with a clear sentence, the cascade
//! preview and typed confirmation of a delete, moving videos into a category, the
//! activity log, and who may do what.

use app::model::Role;
use crate::common::{enc, message, ok, Reply, VodHarness};
use serde_json::Value;

async fn add(h: &VodHarness, cookie: &str, tree: &str, parent: Option<i64>, name: &str) -> Reply {
    let parent = parent.map(|p| format!("&parent_id={p}")).unwrap_or_default();
    h.call("/api/categories/add", &format!("cate_type={tree}{parent}&name={}", enc(name)), cookie).await
}

async fn add_ok(h: &VodHarness, cookie: &str, parent: Option<i64>, name: &str) -> i64 {
    let v = ok(&add(h, cookie, "default", parent, name).await);
    assert_eq!(v["name"], name.trim());
    v["id"].as_i64().unwrap()
}

async fn vod_children(h: &VodHarness, id: i64) -> Result<vod::api::GetCategoriesResponse, vod::Error> {
    h.client
        .call(&vod::api::GetCategories { cate_id: Some(id), page_size: Some(100), ..Default::default() })
        .await
}

#[tokio::test]
async fn depth_is_refused_before_vod_in_both_trees() {
    let h = VodHarness::start().await;
    let ed = h.sign_in_as("ed", Role::Editor).await;
    let a = add_ok(&h, &ed, None, "Depth A").await;
    let b = add_ok(&h, &ed, Some(a), "Depth B").await;
    let c = add_ok(&h, &ed, Some(b), "Depth C").await;
    let r = ok(&h.call("/api/categories/list", &format!("cate_type=default&parent_id={b}"), &ed).await);
    assert_eq!(r["nodes"][0]["id"], c);
    assert_eq!(r["nodes"][0]["level"], 2);

    let r = add(&h, &ed, "default", Some(c), "Depth D").await;
    assert_eq!(r.status, 400, "{}", r.body);
    let m = message(&r);
    assert!(m.contains("“Depth C” is at level 3") && m.contains("3 levels"), "{m}");
    assert_eq!(vod_children(&h, c).await.unwrap().sub_total, Some(0), "nothing was created");

    // Material: two levels, the top level built in.
    let top = ok(&h.call("/api/categories/list", "cate_type=material", &ed).await);
    let root = top["nodes"][0]["id"].as_i64().unwrap();
    let r = ok(&add(&h, &ed, "material", Some(root), "素材 Clips 2").await);
    assert_eq!(r["level"], 1);
    assert_eq!(r["cate_type"], "material");
    let leaf = r["id"].as_i64().unwrap();
    let r = add(&h, &ed, "material", Some(leaf), "too deep").await;
    assert_eq!(r.status, 400);
    assert!(message(&r).contains("2 levels"), "{}", r.body);
    let r = add(&h, &ed, "material", None, "new root").await;
    assert_eq!(r.status, 400);
    assert!(message(&r).contains("built in"), "{}", r.body);
    // A parent from the other tree is refused.
    let r = add(&h, &ed, "material", Some(a), "wrong tree").await;
    assert_eq!(r.status, 400, "{}", r.body);

    // Had the call gone through, VOD would refuse with LevelExceededMax: the person sees
    // a sentence, with the code kept for support.
    let err = h
        .client
        .call(&vod::api::AddCategory { cate_name: "Depth D".into(), parent_id: Some(c), category_type: None })
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some("LevelExceededMax"));
    let shown = app::ssr::categories::vod_error(err);
    assert!(shown.to_string().contains("deeper than VOD allows"), "{shown}");
    assert!(!shown.to_string().contains("LevelExceededMax"));

    // The four additions are in the activity log; the refusals sent nothing to VOD.
    let log = h.activity().await;
    let adds: Vec<_> = log.iter().filter(|e| e.action == "vod:AddCategory").collect();
    assert_eq!(adds.len(), 4, "{log:?}");
    assert!(adds.iter().all(|e| e.outcome == "ok" && e.request_id.is_some()));
    assert!(adds.iter().any(|e| e.targets == vec![c.to_string()]));
}

#[tokio::test]
async fn a_hundred_children_at_most() {
    let h = VodHarness::start().await;
    let ed = h.sign_in_as("ed", Role::Editor).await;
    let parent = add_ok(&h, &ed, None, "Crowded").await;
    let client = &h.client;
    let created = vod::batch::run_bounded((0..100).collect(), 8, |i: u32| async move {
        // The client's budget keeps these within AddCategory's 30 QPS; a throttled call
        // (scheduling jitter on a busy machine) never ran, so it is retried.
        client
            .call_with_retry(
                &vod::api::AddCategory { cate_name: format!("child {i:03}"), parent_id: Some(parent), category_type: None },
                vod::RetryPolicy::default(),
            )
            .await
    })
    .await;
    assert!(created.iter().all(Result::is_ok), "{:?}", created.iter().find(|r| r.is_err()));

    let r = ok(&h.call("/api/categories/list", &format!("cate_type=default&parent_id={parent}"), &ed).await);
    assert_eq!(r["nodes"].as_array().unwrap().len(), 100);
    assert_eq!(r["nodes"][0]["name"], "child 000", "oldest first");

    let r = add(&h, &ed, "default", Some(parent), "child 100").await;
    assert_eq!(r.status, 400, "{}", r.body);
    let m = message(&r);
    assert!(m.contains("already has 100 sub-categories") && m.contains("at most 100"), "{m}");
    assert_eq!(vod_children(&h, parent).await.unwrap().sub_total, Some(100));

    let err = client
        .call(&vod::api::AddCategory { cate_name: "child 100".into(), parent_id: Some(parent), category_type: None })
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some("SubTotalExceededMax"));
    assert!(app::ssr::categories::vod_error(err).to_string().contains("100 sub-categories"));
}

#[tokio::test]
async fn names_are_measured_in_utf8_bytes() {
    let h = VodHarness::start().await;
    let ed = h.sign_in_as("ed", Role::Editor).await;
    let long = "类".repeat(22); // 66 bytes
    let r = add(&h, &ed, "default", None, &long).await;
    assert_eq!(r.status, 400);
    let m = message(&r);
    assert!(m.contains("66 bytes") && m.contains("64"), "{m}");
    assert_eq!(r.json()["Invalid"]["field"], "name");

    let fits = "类".repeat(21); // 63 bytes
    let id = add_ok(&h, &ed, None, &fits).await;
    let r = ok(&h.call("/api/categories/rename", &format!("cate_id={id}&name={}", enc("第三级分类")), &ed).await);
    assert_eq!(r, Value::Null);
    assert_eq!(vod_children(&h, id).await.unwrap().category.cate_name, "第三级分类");

    for bad in ["a".repeat(65), "launch 🚀".to_string(), "   ".to_string()] {
        let r = h.call("/api/categories/rename", &format!("cate_id={id}&name={}", enc(&bad)), &ed).await;
        assert_eq!(r.status, 400, "{bad}: {}", r.body);
    }
    assert_eq!(vod_children(&h, id).await.unwrap().category.cate_name, "第三级分类");

    // A category that is gone: a sentence, not a code.
    let r = h.call("/api/categories/rename", "cate_id=42&name=x", &ed).await;
    assert!(!r.status.is_success());
    let m = message(&r);
    assert!(m.contains("no longer exists"), "{m}");
    let log = h.activity().await;
    assert!(log.iter().any(|e| e.action == "vod:UpdateCategory" && e.detail.as_deref().unwrap_or("").contains("第三级分类")));
}

/// IDs of `n` demo videos with `status`.
async fn videos_with(h: &VodHarness, status: &str, n: i64) -> Vec<String> {
    let r = h
        .client
        .call(&vod::api::SearchMedia {
            match_expression: Some(format!("Status = '{status}'")),
            search_type: Some("video".into()),
            page_size: Some(n),
            ..Default::default()
        })
        .await
        .unwrap();
    let ids: Vec<String> = r.media_list.iter().map(|m| m.media_id.clone()).collect();
    assert_eq!(ids.len(), n as usize);
    ids
}

fn move_form(ids: &[String], cate_id: i64) -> String {
    let mut parts: Vec<String> = ids.iter().enumerate().map(|(i, id)| format!("video_ids[{i}]={id}")).collect();
    parts.push(format!("cate_id={cate_id}"));
    parts.join("&")
}

#[tokio::test]
async fn cascade_preview_counts_the_subtree_and_delete_needs_the_name() {
    let h = VodHarness::start().await;
    let ed = h.sign_in_as("ed", Role::Editor).await;
    let a = add_ok(&h, &ed, None, "Cascade A").await;
    let b = add_ok(&h, &ed, Some(a), "Cascade B").await;
    let c = add_ok(&h, &ed, Some(b), "Cascade C").await;
    let d = add_ok(&h, &ed, Some(a), "Cascade D").await;
    let videos = videos_with(&h, "Normal", 4).await;

    // Two into C, one into D, one into A, plus an ID VOD does not know.
    let mut into_c = videos[..2].to_vec();
    into_c.push("0000000000000000000000000000dead".into());
    let r = ok(&h.call("/api/categories/move-media", &move_form(&into_c, c), &ed).await);
    let outcomes: Vec<&str> = r["items"].as_array().unwrap().iter().map(|i| i["outcome"].as_str().unwrap()).collect();
    assert_eq!(outcomes, vec!["done", "done", "not_found"]);
    ok(&h.call("/api/categories/move-media", &move_form(&videos[2..3], d), &ed).await);
    ok(&h.call("/api/categories/move-media", &move_form(&videos[3..4], a), &ed).await);

    let counts = ok(&h.call("/api/categories/media-counts", &format!("ids[0]={a}&ids[1]={b}&ids[2]={c}&ids[3]={d}"), &ed).await);
    let got: Vec<(i64, i64)> =
        counts.as_array().unwrap().iter().map(|m| (m["id"].as_i64().unwrap(), m["media"].as_i64().unwrap())).collect();
    assert_eq!(got, vec![(a, 1), (b, 0), (c, 2), (d, 1)]);

    let p = ok(&h.call("/api/categories/delete-preview", &format!("cate_id={a}"), &ed).await);
    assert_eq!(p["descendants"], serde_json::json!(["Cascade B", "Cascade C", "Cascade D"]));
    assert_eq!(p["media"], 4);
    let p = ok(&h.call("/api/categories/delete-preview", &format!("cate_id={b}"), &ed).await);
    assert_eq!((p["descendants"].as_array().unwrap().len(), p["media"].as_i64()), (1, Some(2)));

    // Without the typed name, or with a wrong one, nothing is deleted.
    for confirm in ["", "Cascade", "cascade a"] {
        let r = h.call("/api/categories/delete", &format!("cate_id={a}&confirm={}", enc(confirm)), &ed).await;
        assert_eq!(r.status, 400, "{}", r.body);
        let m = message(&r);
        assert!(m.contains("Type the category name “Cascade A”") && m.contains("3 sub-categories"), "{m}");
        assert!(vod_children(&h, a).await.is_ok());
    }
    let r = ok(&h.call("/api/categories/delete", &format!("cate_id={a}&confirm={}", enc("Cascade A")), &ed).await);
    assert_eq!(r["media"], 4);
    for gone in [a, b, c, d] {
        assert_eq!(vod_children(&h, gone).await.unwrap_err().code(), Some("InvalidCateId.NotFound"));
    }
    // The media stay, without a category.
    let infos = h
        .client
        .call(&vod::api::GetVideoInfos { video_ids: videos.clone(), ..Default::default() })
        .await
        .unwrap();
    assert_eq!(infos.video_list.len(), 4);
    assert!(infos.video_list.iter().all(|v| v.cate_id.is_none()), "{:?}", infos.video_list);

    // A leaf with no media needs no typed confirmation.
    let leaf = add_ok(&h, &ed, None, "Empty leaf").await;
    ok(&h.call("/api/categories/delete", &format!("cate_id={leaf}&confirm="), &ed).await);

    // Deleting what is already gone: a sentence.
    let r = h.call("/api/categories/delete", &format!("cate_id={a}&confirm=x"), &ed).await;
    assert!(message(&r).contains("no longer exists"), "{}", r.body);

    let log = h.activity().await;
    let del = log.iter().find(|e| e.action == "vod:DeleteCategory" && e.targets == vec![a.to_string()]).expect("delete logged");
    assert_eq!(del.outcome, "ok");
    assert!(del.detail.as_deref().unwrap().contains("3 sub-categories are deleted"), "{del:?}");
    let moved = log.iter().filter(|e| e.action == "vod:UpdateVideoInfos").count();
    assert_eq!(moved, 3);
    let partial = log.iter().find(|e| e.action == "vod:UpdateVideoInfos" && e.outcome == "partial").unwrap();
    assert_eq!(partial.items.len(), 3);
}

#[tokio::test]
async fn moving_many_videos_reports_each_one() {
    let h = VodHarness::start().await;
    let ed = h.sign_in_as("ed", Role::Editor).await;
    let target = add_ok(&h, &ed, None, "Bulk target").await;
    // 43 editable videos, one VOD refuses to change (blocked), one it does not know: three
    // UpdateVideoInfos calls, one result per video.
    let mut ids = videos_with(&h, "Normal", 43).await;
    let blocked = videos_with(&h, "Blocked", 1).await;
    ids.push(blocked[0].clone());
    ids.push("ffffffffffffffffffffffffffffffff".into());
    let r = ok(&h.call("/api/categories/move-media", &move_form(&ids, target), &ed).await);
    let items = r["items"].as_array().unwrap();
    assert_eq!(items.len(), 45);
    assert_eq!(items.iter().filter(|i| i["outcome"] == "done").count(), 43, "{items:?}");
    assert_eq!(items[43]["id"], blocked[0].as_str());
    assert_eq!(items[43]["outcome"], "forbidden");
    assert_eq!(items[44]["outcome"], "not_found");
    assert_eq!(r["done_word"], "moved");
    let counts = ok(&h.call("/api/categories/media-counts", &format!("ids[0]={target}"), &ed).await);
    assert_eq!(counts[0]["media"], 43);
    let log = h.activity().await;
    let entry = log.iter().find(|e| e.action == "vod:UpdateVideoInfos").unwrap();
    assert_eq!((entry.outcome.as_str(), entry.items.len()), ("partial", 45));

    // Material categories take no videos; bad IDs are refused with the field named.
    let top = ok(&h.call("/api/categories/list", "cate_type=material", &ed).await);
    let material = top["nodes"][0]["id"].as_i64().unwrap();
    let r = h.call("/api/categories/move-media", &move_form(&ids[..1], material), &ed).await;
    assert_eq!(r.status, 400, "{}", r.body);
    let r = h.call("/api/categories/move-media", &move_form(&["a b".into()], target), &ed).await;
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["Invalid"]["field"], "video_ids");
}

#[tokio::test]
async fn viewers_read_the_tree_but_cannot_change_it() {
    let h = VodHarness::start().await;
    let viewer = h.sign_in_as("vi", Role::Viewer).await;
    let ed = h.sign_in_as("ed", Role::Editor).await;
    let top = ok(&h.call("/api/categories/list", "cate_type=default", &viewer).await);
    let nodes = top["nodes"].as_array().unwrap();
    assert_eq!(nodes.len(), 6);
    assert_eq!(nodes[0]["name"], "新闻资讯 News");
    assert_eq!(nodes[0]["child_count"], 3);
    let id = nodes[0]["id"].as_i64().unwrap();

    for (path, form) in [
        ("/api/categories/add", "cate_type=default&name=x".to_string()),
        ("/api/categories/rename", format!("cate_id={id}&name=x")),
        ("/api/categories/delete-preview", format!("cate_id={id}")),
        ("/api/categories/delete", format!("cate_id={id}&confirm=x")),
        ("/api/categories/move-media", format!("video_ids[0]=abc&cate_id={id}")),
    ] {
        let r = h.call(path, &form, &viewer).await;
        assert_eq!(r.status, 403, "{path}: {}", r.body);
        assert_eq!(h.call(path, &form, "").await.status, 401, "{path}");
    }
    assert_eq!(vod_children(&h, id).await.unwrap().category.cate_name, "新闻资讯 News");
    assert!(h.activity().await.is_empty());

    // The page: the top level of both trees is in the server-rendered HTML; editing
    // controls only for those who may edit.
    let page = h.get("/categories", &ed).await;
    assert_eq!(page.status, 200);
    for needle in ["role=\"tree\"", "新闻资讯 News", "视频素材 Video clips", "aria-level=\"1\"", "New top-level category"] {
        assert!(page.body.contains(needle), "{needle} missing");
    }
    let page = h.get("/categories", &viewer).await;
    assert!(page.body.contains("新闻资讯 News"));
    assert!(!page.body.contains("New top-level category"));
    assert!(!page.body.contains("Alt+Enter"));
}

/// The delete preview of a 601-node branch counts media while it walks: the same
/// categories and the same total as walking first and counting after.
#[tokio::test]
async fn a_large_branch_is_previewed_with_every_category_and_its_media() {
    let h = VodHarness::start_with(|c| {
        c.extra_categories = 601;
        c.extra_videos = 1_500;
        c.extra_images = 500;
    })
    .await;
    let top = h.client.call(&vod::api::GetCategories { page_size: Some(100), ..Default::default() }).await.unwrap();
    let wide = top.sub_categories.iter().find(|c| c.cate_name.contains("Large archive")).unwrap().cate_id.unwrap();
    let root = app::ssr::categories::node(&h.client, wide).await.unwrap();
    let (below, media) = app::ssr::categories::descendants_and_media(&h.client, &root).await.unwrap();
    assert_eq!(below.len(), 600);
    let walked = app::ssr::categories::descendants(&h.client, &root).await.unwrap();
    assert_eq!(below, walked, "same categories, same order");
    let ids: Vec<i64> = std::iter::once(wide).chain(walked.iter().map(|n| n.id)).collect();
    let counted = app::ssr::categories::media_total(&h.client, &ids).await.unwrap();
    assert!(media > 100, "the branch holds media: {media}");
    assert_eq!(media, counted);

    // The server function says the same.
    let admin = h.sign_in_as("ad", Role::Admin).await;
    let preview = ok(&h.call("/api/categories/delete-preview", &format!("cate_id={wide}"), &admin).await);
    assert_eq!(preview["descendants"].as_array().unwrap().len(), 600);
    assert_eq!(preview["media"].as_u64(), Some(media));
}
