//! The activity log over HTTP: who may read it, the filter, and the CSV export.

use app::model::Role;
use crate::common::VodHarness;

#[tokio::test]
async fn activity_list_and_csv_follow_permissions_and_filters() {
    let h = VodHarness::start().await;
    let admin = h.sign_in_as("root", Role::Admin).await;
    let editor = h.sign_in_as("ed", Role::Editor).await;
    // A change that lands in the log: an admin creates a user.
    let r = h.call("/api/users/create", "username=newbie&password=a-long-password-1&role=viewer", &admin).await;
    assert!(r.status.is_success(), "{} {}", r.status, r.body);

    let r = h.call("/api/activity/list", "filter[action]=CreateUser", &admin).await;
    assert!(r.status.is_success(), "{} {}", r.status, r.body);
    let list = r.json();
    assert_eq!(list["total"], 1);
    assert_eq!(list["entries"][0]["targets"][0], "newbie");

    let r = h.call("/api/activity/list", "filter[from]=tomorrow", &admin).await;
    assert_eq!(r.status, 400, "{}", r.body);
    assert!(r.body.contains("not a date"), "{}", r.body);

    // Editors do not hold console:activity: refused on the server, for the list and the file.
    assert_eq!(h.call("/api/activity/list", "filter[user]=", &editor).await.status, 403);
    let r = h.get("/export/activity.csv", &editor).await;
    assert_eq!(r.status, 403, "{}", r.body);
    assert_eq!(h.get("/export/activity.csv", "").await.status, 401);

    let r = h.get("/export/activity.csv?action=CreateUser", &admin).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.headers["content-type"], "text/csv; charset=utf-8");
    assert!(r.headers["content-disposition"].to_str().unwrap().starts_with("attachment; filename=\"activity-"));
    let lines: Vec<&str> = r.body.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(lines.len(), 2, "{}", r.body);
    assert!(lines[1].contains("console:CreateUser") && lines[1].contains("newbie"));
}
