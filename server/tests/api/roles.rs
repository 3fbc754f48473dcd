//! The role matrix: every server function, called by every role (and signed out), is
//! allowed or refused exactly as the role table says. The list of functions is the
//! server's own registry, so a function added without a row here fails the test.

use std::collections::BTreeSet;

use app::model::Role;
use http::StatusCode;

use crate::common::VodHarness;

/// What a function needs.
#[derive(Clone, Copy, Debug)]
enum Needs {
    /// Anyone, signed in or not (sign-in itself, preferences).
    Anyone,
    /// Any signed-in account (its own delete jobs).
    SignedIn,
    /// This permission of the role table.
    Permission(&'static str),
}

use Needs::*;

/// Every server function with a well-formed call whose targets do not exist (so an
/// allowed call changes nothing that matters) and what it needs.
const FUNCTIONS: &[(&str, &str, Needs)] = &[
    ("/api/activity/list", "filter[user]=", Permission("console:activity")),
    ("/api/session/info", "", Anyone),
    ("/api/auth/login", "username=nobody&password=wrong-password-1", Anyone),
    ("/api/auth/logout", "", Anyone),
    ("/api/session/vod-status", "", Permission("vod:GetCategories")),
    ("/api/categories/list", "cate_type=default", Permission("vod:GetCategories")),
    ("/api/categories/media-counts", "ids[0]=1", Permission("vod:SearchMedia")),
    ("/api/categories/add", "cate_type=default&name=Matrix", Permission("vod:AddCategory")),
    ("/api/categories/rename", "cate_id=1&name=Matrix", Permission("vod:UpdateCategory")),
    ("/api/categories/delete-preview", "cate_id=1", Permission("vod:DeleteCategory")),
    ("/api/categories/delete", "cate_id=1&confirm=x", Permission("vod:DeleteCategory")),
    ("/api/categories/move-media", "video_ids[0]=00000000000000000000000000000000&cate_id=1", Permission("vod:UpdateVideoInfos")),
    (
        "/api/media/list",
        "query[tab]=videos&query[q]=&query[status]=&query[cate]=&query[from]=&query[to]=&query[storage]=&query[asc]=false&query[size]=20&query[page]=1&query[scroll]=",
        Permission("vod:SearchMedia"),
    ),
    ("/api/media/categories", "", Permission("vod:GetCategories")),
    ("/api/media/video", "id=00000000000000000000000000000000", Permission("vod:GetVideoInfo")),
    ("/api/media/image", "id=00000000000000000000000000000000", Permission("vod:GetImageInfos")),
    ("/api/media/attached", "id=00000000000000000000000000000000", Permission("vod:GetAttachedMediaInfo")),
    ("/api/media/image-lookup", "ids=00000000000000000000000000000000", Permission("vod:GetImageInfos")),
    ("/api/media/update", "tab=videos&id=00000000000000000000000000000000&title=t&description=&tags=", Permission("vod:UpdateVideoInfo")),
    ("/api/media/update", "tab=images&id=00000000000000000000000000000000&title=t&description=&tags=", Permission("vod:UpdateImageInfos")),
    ("/api/media/update", "tab=attached&id=00000000000000000000000000000000&title=t&description=&tags=", Permission("vod:UpdateAttachedMediaInfos")),
    ("/api/media/set-cover", "id=00000000000000000000000000000000&cover_url=https%3A%2F%2Fexample.com%2Fc.jpg", Permission("vod:UpdateVideoInfo")),
    ("/api/media/bulk-edit", "tab=videos&ids[0]=00000000000000000000000000000000&tags=x", Permission("vod:UpdateVideoInfos")),
    ("/api/media/bulk-edit", "tab=images&ids[0]=00000000000000000000000000000000&tags=x", Permission("vod:UpdateImageInfos")),
    ("/api/media/delete", "tab=videos&ids[0]=00000000000000000000000000000000", Permission("vod:DeleteVideo")),
    ("/api/media/delete", "tab=images&ids[0]=00000000000000000000000000000000", Permission("vod:DeleteImage")),
    ("/api/media/delete", "tab=attached&ids[0]=00000000000000000000000000000000", Permission("vod:DeleteAttachedMedia")),
    ("/api/media/delete-image-urls", "urls=https%3A%2F%2Fexample.com%2Fnone.jpg", Permission("vod:DeleteImage")),
    ("/api/media/delete-video-images", "video_id=00000000000000000000000000000000&image_types[0]=CoverSnapshot", Permission("vod:DeleteImage")),
    ("/api/media/delete-status", "job=999999", SignedIn),
    ("/api/media/undo-delete", "job=999999", SignedIn),
    ("/api/media/deletes", "", SignedIn),
    ("/api/prefs/set", "lang=en&theme=system", Anyone),
    ("/api/prefs/time-zone", "tz=UTC", Anyone),
    ("/api/upload/choices", "", Permission("vod:GetCategories")),
    ("/api/upload/pull", "urls=https%3A%2F%2Fexample.com%2Fa.mp4&category=&template_group=", Permission("vod:UploadMediaByURL")),
    ("/api/upload/pull-status", "job_ids[0]=00000000000000000000000000000000", Permission("vod:GetURLUploadInfos")),
    ("/api/upload/create-video", "file_name=a.mp4&file_size=1024&title=a&category=&template_group=", Permission("vod:CreateUploadVideo")),
    ("/api/upload/refresh-video", "video_id=00000000000000000000000000000000", Permission("vod:RefreshUploadVideo")),
    ("/api/upload/create-image", "file_name=a.png&title=a&category=", Permission("vod:CreateUploadImage")),
    ("/api/upload/details", "video_id=00000000000000000000000000000000", Permission("vod:GetUploadDetails")),
    ("/api/users/list", "", Permission("console:users")),
    ("/api/users/create", "username=matrix-made&password=a-long-password-1&role=viewer", Permission("console:users")),
    ("/api/users/set-role", "username=nobody-here&role=viewer", Permission("console:users")),
    ("/api/users/reset-password", "username=nobody-here&password=a-long-password-1", Permission("console:users")),
    ("/api/users/set-disabled", "username=nobody-here&disabled=true", Permission("console:users")),
    ("/api/watermarks/list", "", Permission("vod:ListWatermark")),
    ("/api/watermarks/save", "form[kind]=Text&form[name]=Matrix&form[content]=x", Permission("vod:AddWatermark")),
    (
        "/api/watermarks/save",
        "form[id]=00000000000000000000000000000000&form[kind]=Text&form[name]=Matrix&form[content]=x",
        Permission("vod:UpdateWatermark"),
    ),
    ("/api/watermarks/delete", "id=00000000000000000000000000000000", Permission("vod:DeleteWatermark")),
    ("/api/watermarks/set-default", "id=00000000000000000000000000000000", Permission("vod:SetDefaultWatermark")),
    ("/api/watermarks/upload", "file_name=a.png&file_size=10", Permission("vod:CreateUploadAttachedMedia")),
    ("/api/templates/overview", "", Permission("vod:ListTranscodeTemplateGroup")),
    ("/api/templates/group", "id=00000000000000000000000000000000", Permission("vod:GetTranscodeTemplateGroup")),
    ("/api/templates/save-rendition", "group_id=00000000000000000000000000000000&stamp=x&form[name]=Matrix", Permission("vod:AddTranscodeTemplateGroup")),
    (
        "/api/templates/save-rendition",
        "group_id=00000000000000000000000000000000&stamp=x&form[id]=t&form[name]=Matrix",
        Permission("vod:UpdateTranscodeTemplateGroup"),
    ),
    (
        "/api/templates/delete-rendition",
        "group_id=00000000000000000000000000000000&stamp=x&template_id=t",
        Permission("vod:DeleteTranscodeTemplateGroup"),
    ),
    ("/api/templates/rename-group", "group_id=00000000000000000000000000000000&stamp=x&name=Matrix", Permission("vod:UpdateTranscodeTemplateGroup")),
    ("/api/templates/create-group", "name=&preset=empty", Permission("vod:AddTranscodeTemplateGroup")),
    ("/api/templates/set-default", "group_id=00000000000000000000000000000000", Permission("vod:SetDefaultTranscodeTemplateGroup")),
    ("/api/templates/delete-group", "group_id=00000000000000000000000000000000&confirm=x", Permission("vod:DeleteTranscodeTemplateGroup")),
    ("/api/templates/save-snapshot", "form[name]=", Permission("vod:AddVodTemplate")),
    ("/api/templates/save-snapshot", "form[id]=00000000000000000000000000000000&form[name]=", Permission("vod:UpdateVodTemplate")),
    ("/api/templates/delete-snapshot", "id=00000000000000000000000000000000", Permission("vod:DeleteVodTemplate")),
    ("/api/templates/submit-jobs", "videos=00000000000000000000000000000000&group_id=00000000000000000000000000000000", Permission("vod:SubmitTranscodeJobs")),
    ("/api/templates/jobs", "videos=00000000000000000000000000000000", Permission("vod:GetTranscodeSummary")),
    ("/api/templates/task", "task_id=00000000000000000000000000000000", Permission("vod:GetTranscodeTask")),
    ("/api/usage/view", "query[range]=24h", Permission("vod:DescribeVodStorageData")),
    ("/api/usage/dashboard", "", SignedIn),
    ("/api/audit/queue", "", Permission("vod:GetMediaAuditResult")),
    ("/api/audit/review", "id=00000000000000000000000000000000", Permission("vod:GetMediaAuditResult")),
    ("/api/audit/frames", "id=00000000000000000000000000000000", Permission("vod:GetMediaAuditResultDetail")),
    ("/api/audit/decide", "form[video_id]=00000000000000000000000000000000&form[title]=x&form[decision]=Normal", Permission("vod:CreateAudit")),
    ("/api/audit/undo", "id=0", Permission("vod:CreateAudit")),
    ("/api/audit/decision", "id=0", Permission("vod:GetAuditHistory")),
    ("/api/audit/record", "", Permission("vod:GetAuditHistory")),
    ("/api/audit/security-ips", "", Permission("vod:ListAuditSecurityIp")),
    ("/api/audit/ai", "", Permission("vod:ListAITemplate")),
    ("/api/audit/ai/submit", "ids=00000000000000000000000000000000", Permission("vod:SubmitAIMediaAuditJob")),
    ("/api/audit/ai/template/save", "form[name]=&form[auto_block]=no", Permission("vod:AddAITemplate")),
    ("/api/audit/ai/template/default", "id=00000000000000000000000000000000", Permission("vod:SetDefaultAITemplate")),
    ("/api/audit/ai/template/delete", "id=00000000000000000000000000000000", Permission("vod:DeleteAITemplate")),
    ("/api/audit/security-ips/save", "group=Default&ips=10.255.255.254&mode=Delete", Permission("vod:SetAuditSecurityIp")),
];

#[tokio::test]
async fn every_role_is_allowed_or_refused_each_function_as_the_role_table_says() {
    // Every registered server function has a row.
    let registered: BTreeSet<String> =
        leptos::server_fn::axum::server_fn_paths().map(|(path, _)| path.to_string()).filter(|p| p.starts_with("/api/")).collect();
    let listed: BTreeSet<String> = FUNCTIONS.iter().map(|(path, _, _)| path.to_string()).collect();
    let missing: Vec<_> = registered.difference(&listed).collect();
    assert!(missing.is_empty(), "server functions without a row in the role matrix: {missing:?}");
    let stale: Vec<_> = listed.difference(&registered).collect();
    assert!(stale.is_empty(), "rows for functions that no longer exist: {stale:?}");

    let h = VodHarness::start().await;
    let mut sessions = Vec::new();
    for role in Role::ALL {
        sessions.push((Some(role), h.sign_in_as(&format!("matrix-{role}"), role).await));
    }
    sessions.push((None, String::new()));

    let mut wrong = Vec::new();
    for (path, form, needs) in FUNCTIONS {
        // Sign-out ends the session: it runs last, below.
        if *path == "/api/auth/logout" {
            continue;
        }
        for (role, cookie) in &sessions {
            let reply = h.call(path, form, cookie).await;
            let expected_refusal = match (needs, role) {
                (Anyone, _) => None,
                (SignedIn | Permission(_), None) => Some(StatusCode::UNAUTHORIZED),
                (SignedIn, Some(_)) => None,
                (Permission(p), Some(r)) => (!r.permissions().iter().any(|held| held.to_string() == *p)).then_some(StatusCode::FORBIDDEN),
            };
            let refused = matches!(reply.status, StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN);
            let ok = match expected_refusal {
                Some(status) => reply.status == status,
                None => !refused && reply.status != StatusCode::INTERNAL_SERVER_ERROR,
            };
            if !ok {
                let who = role.map_or("signed out".to_string(), |r| r.to_string());
                let body: String = reply.body.chars().take(160).collect();
                wrong.push(format!("{path} ({form}) as {who}: {} {body}", reply.status));
            }
        }
    }
    for (role, cookie) in &sessions {
        let reply = h.call("/api/auth/logout", "", cookie).await;
        if !reply.status.is_success() && !reply.status.is_redirection() {
            wrong.push(format!("/api/auth/logout as {role:?}: {}", reply.status));
        }
    }
    assert!(wrong.is_empty(), "{} calls disagree with the role table:\n{}", wrong.len(), wrong.join("\n"));
}

#[tokio::test]
async fn two_admins_demoting_each_other_at_once_leave_one_admin() {
    let h = VodHarness::start().await;
    let ann = h.sign_in_as("ann", Role::Admin).await;
    let bob = h.sign_in_as("bob", Role::Admin).await;
    for round in 0..20 {
        // The harness made these two the only admins; each demotes the other, at once.
        let (a, b) = tokio::join!(
            h.call("/api/users/set-role", "username=bob&role=viewer", &ann),
            h.call("/api/users/set-role", "username=ann&role=viewer", &bob),
        );
        let succeeded = [&a, &b].iter().filter(|r| r.status.is_success()).count();
        assert_eq!(succeeded, 1, "round {round}: {} {} / {} {}", a.status, a.body, b.status, b.body);
        let refused = if a.status.is_success() { &b } else { &a };
        // The loser was demoted first, so it is refused for lack of the permission, or
        // (if it acted first) the guard refused demoting the last admin.
        assert!(matches!(refused.status, StatusCode::FORBIDDEN | StatusCode::BAD_REQUEST), "round {round}: {}", refused.status);
        let admins = app::ssr::accounts::list(&h.state.db).await.unwrap().into_iter().filter(|u| u.role == Role::Admin && !u.disabled).count();
        assert_eq!(admins, 1, "round {round}");
        // Restore both for the next round, as the remaining admin.
        let winner = if a.status.is_success() { &ann } else { &bob };
        let other = if a.status.is_success() { "bob" } else { "ann" };
        let r = h.call("/api/users/set-role", &format!("username={other}&role=admin"), winner).await;
        assert!(r.status.is_success(), "{}", r.body);
    }
    // The same for disabling.
    let (a, b) = tokio::join!(
        h.call("/api/users/set-disabled", "username=bob&disabled=true", &ann),
        h.call("/api/users/set-disabled", "username=ann&disabled=true", &bob),
    );
    let succeeded = [&a, &b].iter().filter(|r| r.status.is_success()).count();
    assert_eq!(succeeded, 1, "{} {} / {} {}", a.status, a.body, b.status, b.body);
    let admins = app::ssr::accounts::list(&h.state.db).await.unwrap().into_iter().filter(|u| u.role == Role::Admin && !u.disabled).count();
    assert_eq!(admins, 1);
}
