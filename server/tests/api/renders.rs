//! A page's HTML is the same every time: the server builds each page once per request,
//! so its data is written into the HTML once, whatever the timing of the reads behind
//! it (under latency the page's resources used to be built two or three times, the HTML
//! growing from 50 to 64 and 78 KB for the same list).

use app::model::Role;

use crate::common::VodHarness;

/// The ids of the resources a page sends along for hydration, and how often the page's
/// data (a row's id) occurs in the HTML.
fn shape(html: &str, marker: &str) -> (String, usize) {
    let pending = html
        .split("__PENDING_RESOURCES=[")
        .nth(1)
        .and_then(|rest| rest.split(']').next())
        .unwrap_or_else(|| panic!("no resource list in the page"))
        .to_string();
    (pending, html.matches(marker).count())
}

// Several worker threads, as in the server: a resource's read runs on another thread and
// can finish while the render is still in its dry run (on one thread it never does).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn server_renders_each_page_once() {
    // With latency, reads finish at different points of a render: the timing under
    // which pages were built more than once.
    for latency_ms in [0, 30] {
        let h = VodHarness::start_with(|c| c.faults.latency_ms = latency_ms).await;
        let ed = h.sign_in_as("edna", Role::Editor).await;
        let list = h.call("/api/media/list", "query[tab]=videos&query[q]=&query[status]=&query[cate]=&query[from]=&query[to]=&query[storage]=&query[asc]=false&query[size]=20&query[page]=1&query[scroll]=", &ed).await;
        let video = list.json()["listing"]["rows"][0]["id"].as_str().unwrap().to_string();
        let category = h.get("/categories", &ed).await;
        assert!(category.status.is_success());

        for (path, marker) in [
            ("/media".to_string(), video.clone()),
            (format!("/media/video/{video}"), video.clone()),
            ("/categories".to_string(), "data-testid".to_string()),
            ("/usage?range=7d".to_string(), "chart-svg".to_string()),
            ("/".to_string(), "tile-storage".to_string()),
            ("/templates".to_string(), "/templates?group=".to_string()),
        ] {
            let first = h.get(&path, &ed).await;
            assert!(first.status.is_success(), "{path}: {}", first.status);
            let expected = shape(&first.body, &marker);
            assert!(expected.1 > 0, "{path}: the page shows its data");
            for round in 1..8 {
                let page = h.get(&path, &ed).await;
                assert!(page.status.is_success(), "{path}: {}", page.status);
                assert_eq!(
                    shape(&page.body, &marker),
                    expected,
                    "{path} (latency {latency_ms} ms), render {round}: resources sent and data written differ from the first render"
                );
            }
        }
    }
}

/// Many renders at once in one process, as under load: every page gets its own request
/// context (its user, its data), none is rendered without it. Every page of the console,
/// by three roles, 120 renders on four worker threads; a server function that finds no
/// request context (counted by `Ctx::get`) fails the test.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_renders_each_keep_their_own_request() {
    let h = std::sync::Arc::new(VodHarness::start_with(|c| c.faults.latency_ms = 5).await);
    let root = h.sign_in_as("rooney", Role::Admin).await;
    let ed = h.sign_in_as("edna", Role::Editor).await;
    let vic = h.sign_in_as("victor", Role::Viewer).await;
    let query = "query[q]=&query[status]=&query[cate]=&query[from]=&query[to]=&query[storage]=&query[asc]=false&query[size]=20&query[page]=1&query[scroll]=";
    let first = |tab: &'static str| {
        let h = h.clone();
        let ed = ed.clone();
        async move {
            let list = h.call("/api/media/list", &format!("query[tab]={tab}&{query}"), &ed).await;
            list.json()["listing"]["rows"][0]["id"].as_str().unwrap_or_else(|| panic!("no {tab} in the demo data")).to_string()
        }
    };
    let (video, image, attached) = (first("videos").await, first("images").await, first("attached").await);
    let pages = [
        "/".to_string(),
        "/media".to_string(),
        "/media?tab=images".to_string(),
        "/media?tab=attached".to_string(),
        format!("/media/video/{video}"),
        format!("/media/image/{image}"),
        format!("/media/attached/{attached}"),
        "/media/upload".to_string(),
        "/categories".to_string(),
        "/categories?tree=material".to_string(),
        "/activity".to_string(),
        "/users".to_string(),
    ];
    let people = [("rooney", root), ("edna", ed), ("victor", vic)];
    let missing_before = app::ssr::auth::missing_context_count();
    let mut tasks = Vec::new();
    for round in 0..120 {
        let (who, cookie) = people[round % people.len()].clone();
        let path = pages[(round / people.len() + round) % pages.len()].clone();
        let h = h.clone();
        tasks.push(tokio::spawn(async move {
            let page = h.get(&path, &cookie).await;
            (path, who, page.status, page.body)
        }));
    }
    for task in tasks {
        let (path, who, status, body) = task.await.unwrap();
        assert_eq!(status, 200, "{path} as {who}");
        assert!(body.contains("data-testid=\"user-menu\""), "{path} as {who}: rendered without its signed-in frame");
        assert!(body.contains(&format!(">{who}<")), "{path} as {who}: another person's frame");
        assert!(!body.contains("Something went wrong on the server"), "{path} as {who}: {body}");
    }
    assert_eq!(
        app::ssr::auth::missing_context_count(),
        missing_before,
        "a server function ran without its request context during the renders (see the warn lines)"
    );
}

/// Another router built in the same process while pages render (each test builds its
/// own) must not stall them: Leptos lists the routes with resource loading switched off
/// for the whole process, so the list is made once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn building_another_router_does_not_stall_pages_being_rendered() {
    let h = std::sync::Arc::new(VodHarness::start().await);
    let ed = h.sign_in_as("edna", Role::Editor).await;
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let builder = {
        let (state, stop, runtime) = (h.state.clone(), stop.clone(), tokio::runtime::Handle::current());
        std::thread::spawn(move || {
            let _runtime = runtime.enter();
            let mut built = 0u32;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) || built == 0 {
                let security = server::SecurityConfig { media_sources: String::new(), connect_sources: String::new() };
                drop(server::build_router(state.clone(), security));
                built += 1;
            }
            built
        })
    };
    let renders = async {
        for _ in 0..10 {
            let pages = futures_util::future::join_all((0..5).map(|_| h.get("/media", &ed))).await;
            assert!(pages.iter().all(|p| p.status == 200));
        }
    };
    let finished = tokio::time::timeout(std::time::Duration::from_secs(30), renders).await;
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let built = builder.join().unwrap();
    assert!(finished.is_ok(), "fifty renders of /media while {built} routers were built beside them did not finish");
    assert!(built > 1, "routers were built during the renders");
}
