//! What each typed request sends: Alibaba's exact parameter names, `None` skipped,
//! lists comma-joined, JSON-typed parameters serialised into strings.

use serde_json::json;
use vod::api::*;
use vod::Action;

fn params<A: Action>(a: &A) -> Vec<(&'static str, String)> {
    a.params()
}

fn p(pairs: &[(&'static str, &str)]) -> Vec<(&'static str, String)> {
    pairs.iter().map(|(k, v)| (*k, v.to_string())).collect()
}

#[test]
fn get_video_list_skips_unset_fields() {
    let r = GetVideoList {
        status: Some("Normal".into()),
        page_no: Some(1),
        page_size: Some(20),
        ..Default::default()
    };
    assert_eq!(GetVideoList::NAME, "GetVideoList");
    assert_eq!(
        params(&r),
        p(&[("Status", "Normal"), ("PageNo", "1"), ("PageSize", "20")])
    );
    assert!(params(&GetVideoList::default()).is_empty());
}

#[test]
fn search_media_names() {
    let r = SearchMedia {
        match_expression: Some("Title in ('a')".into()),
        search_type: Some("video".into()),
        fields: vec!["Title".into(), "CoverURL".into()],
        sort_by: Some("CreationTime:Asc".into()),
        page_no: Some(2),
        page_size: Some(50),
        scroll_token: Some("tok".into()),
    };
    assert_eq!(
        params(&r),
        p(&[
            ("Match", "Title in ('a')"),
            ("SearchType", "video"),
            ("Fields", "Title,CoverURL"),
            ("SortBy", "CreationTime:Asc"),
            ("PageNo", "2"),
            ("PageSize", "50"),
            ("ScrollToken", "tok"),
        ])
    );
}

#[test]
fn one_of_identifiers() {
    assert_eq!(params(&GetVideoInfo::new("v1")), p(&[("VideoId", "v1")]));
    let by_ref = GetVideoInfo {
        reference_id: Some("ref-123".into()),
        ..Default::default()
    };
    assert_eq!(params(&by_ref), p(&[("ReferenceId", "ref-123")]));
    let r = GetVideoInfos {
        video_ids: vec!["a".into(), "b".into()],
        ..Default::default()
    };
    assert_eq!(params(&r), p(&[("VideoIds", "a,b")]));
    let r = DeleteVideo {
        video_ids: vec!["a".into()],
        reference_ids: vec!["r1".into(), "r2".into()],
    };
    assert_eq!(
        params(&r),
        p(&[("VideoIds", "a"), ("ReferenceIds", "r1,r2")])
    );
}

#[test]
fn update_video_info_tags_and_user_data() {
    let r = UpdateVideoInfo {
        video_id: "v".into(),
        title: Some("标题".into()),
        tags: Some(vec!["a".into(), "b c".into()]),
        cover_url: Some("http://x/c.jpg".into()),
        cate_id: Some(7),
        user_data: Some(json!({"Extend": {"k": "v"}})),
        ..Default::default()
    };
    assert_eq!(
        params(&r),
        p(&[
            ("VideoId", "v"),
            ("Title", "标题"),
            ("Tags", "a,b c"),
            ("CoverURL", "http://x/c.jpg"),
            ("CateId", "7"),
            ("UserData", r#"{"Extend":{"k":"v"}}"#),
        ])
    );
}

#[test]
fn batch_updates_are_json_arrays() {
    let r = UpdateVideoInfos {
        update_content: vec![
            VideoUpdate {
                video_id: "v1".into(),
                title: Some("t".into()),
                tags: Some(vec!["x".into(), "y".into()]),
                ..Default::default()
            },
            VideoUpdate {
                video_id: "v2".into(),
                cate_id: Some(3),
                cover_url: Some("u".into()),
                ..Default::default()
            },
        ],
    };
    assert_eq!(
        params(&r),
        p(&[(
            "UpdateContent",
            r#"[{"VideoId":"v1","Title":"t","Tags":"x,y"},{"VideoId":"v2","CoverURL":"u","CateId":3}]"#
        )])
    );
    let r = UpdateImageInfos {
        update_content: vec![ImageUpdate {
            image_id: "i1".into(),
            description: Some("d".into()),
            ..Default::default()
        }],
    };
    assert_eq!(
        params(&r),
        p(&[("UpdateContent", r#"[{"ImageId":"i1","Description":"d"}]"#)])
    );
}

#[test]
fn delete_image_modes() {
    let r = DeleteImage::ImageIds(vec!["a".into(), "b".into()]);
    assert_eq!(
        params(&r),
        p(&[("DeleteImageType", "ImageId"), ("ImageIds", "a,b")])
    );
    let r = DeleteImage::ImageUrls(vec![
        "https://x.example/a.png".into(),
        "https://x.example/b,c.png".into(),
    ]);
    assert_eq!(
        params(&r),
        p(&[
            ("DeleteImageType", "ImageURL"),
            (
                "ImageURLs",
                "https%3A%2F%2Fx.example%2Fa.png,https%3A%2F%2Fx.example%2Fb%2Cc.png"
            ),
        ])
    );
    let r = DeleteImage::VideoImages {
        video_id: "v".into(),
        image_type: VideoImageSelection::All,
    };
    assert_eq!(
        params(&r),
        p(&[
            ("DeleteImageType", "VideoId"),
            ("VideoId", "v"),
            ("ImageType", "All")
        ])
    );
    let r = DeleteImage::VideoImages {
        video_id: "v".into(),
        image_type: VideoImageSelection::Only(vec![
            VideoImageType::CoverSnapshot,
            VideoImageType::SpriteSnapshot,
        ]),
    };
    assert_eq!(
        params(&r),
        p(&[
            ("DeleteImageType", "VideoId"),
            ("VideoId", "v"),
            ("ImageType", "CoverSnapshot,SpriteSnapshot")
        ])
    );
}

#[test]
fn image_reads() {
    let r = GetImageInfo {
        image_id: "i".into(),
        auth_timeout: Some(3600),
        output_type: Some("oss".into()),
    };
    assert_eq!(
        params(&r),
        p(&[
            ("ImageId", "i"),
            ("AuthTimeout", "3600"),
            ("OutputType", "oss")
        ])
    );
    let r = GetImageInfos {
        image_ids: vec!["a".into(), "b".into()],
        ..Default::default()
    };
    assert_eq!(params(&r), p(&[("ImageIds", "a,b")]));
}

#[test]
fn playback_and_source() {
    let r = GetPlayInfo {
        formats: vec!["mp4".into(), "m3u8".into()],
        definition: vec!["SD".into()],
        result_type: Some("Multiple".into()),
        play_config: Some(json!({"PlayDomain": "vod.example.com"})),
        ..GetPlayInfo::new("v")
    };
    assert_eq!(
        params(&r),
        p(&[
            ("VideoId", "v"),
            ("Formats", "mp4,m3u8"),
            ("Definition", "SD"),
            ("ResultType", "Multiple"),
            ("PlayConfig", r#"{"PlayDomain":"vod.example.com"}"#),
        ])
    );
    let r = GetMezzanineInfo {
        video_id: "v".into(),
        addition_type: Some("video,audio".into()),
        auth_timeout: Some(1800),
        ..Default::default()
    };
    assert_eq!(
        params(&r),
        p(&[
            ("VideoId", "v"),
            ("AdditionType", "video,audio"),
            ("AuthTimeout", "1800")
        ])
    );
    let r = ListSnapshots {
        video_id: "v".into(),
        snapshot_type: Some("NormalSnapshot".into()),
        page_no: Some(1),
        page_size: Some(20),
        ..Default::default()
    };
    assert_eq!(
        params(&r),
        p(&[
            ("VideoId", "v"),
            ("SnapshotType", "NormalSnapshot"),
            ("PageNo", "1"),
            ("PageSize", "20")
        ])
    );
}

#[test]
fn categories() {
    let r = AddCategory {
        cate_name: "电影".into(),
        parent_id: Some(5),
        category_type: Some("default".into()),
    };
    assert_eq!(
        params(&r),
        p(&[("CateName", "电影"), ("ParentId", "5"), ("Type", "default")])
    );
    assert_eq!(
        params(&UpdateCategory {
            cate_id: 5,
            cate_name: "n".into()
        }),
        p(&[("CateId", "5"), ("CateName", "n")])
    );
    assert_eq!(
        params(&DeleteCategory { cate_id: 5 }),
        p(&[("CateId", "5")])
    );
    let r = GetCategories {
        cate_id: Some(-1),
        page_no: Some(1),
        page_size: Some(100),
        ..Default::default()
    };
    assert_eq!(
        params(&r),
        p(&[("CateId", "-1"), ("PageNo", "1"), ("PageSize", "100")])
    );
}

#[test]
fn uploads() {
    let r = CreateUploadVideo {
        title: "t".into(),
        file_name: "a.mp4".into(),
        file_size: Some(10),
        tags: Some(vec!["x".into()]),
        user_data: Some(json!({"MessageCallback": {"CallbackURL": "http://cb"}})),
        ..Default::default()
    };
    assert_eq!(
        params(&r),
        p(&[
            ("Title", "t"),
            ("FileName", "a.mp4"),
            ("FileSize", "10"),
            ("Tags", "x"),
            (
                "UserData",
                r#"{"MessageCallback":{"CallbackURL":"http://cb"}}"#
            ),
        ])
    );
    let r = CreateUploadImage {
        image_ext: Some("jpg".into()),
        title: Some("t".into()),
        ..Default::default()
    };
    assert_eq!(
        params(&r),
        p(&[
            ("ImageType", "default"),
            ("ImageExt", "jpg"),
            ("Title", "t")
        ])
    );
    let r = UploadMediaByURL {
        upload_urls: vec!["http://x/a.mp4".into()],
        upload_metadatas: vec![UploadMetadata {
            source_url: "http://x/a.mp4".into(),
            title: "A".into(),
            cate_id: Some(3),
            ..Default::default()
        }],
        session_id: Some("s-1".into()),
        ..Default::default()
    };
    assert_eq!(
        params(&r),
        p(&[
            ("UploadURLs", "http%3A%2F%2Fx%2Fa.mp4"),
            (
                "UploadMetadatas",
                r#"[{"SourceURL":"http://x/a.mp4","Title":"A","CateId":"3"}]"#
            ),
            ("SessionId", "s-1"),
        ])
    );
    let r = GetURLUploadInfos {
        job_ids: vec!["j1".into(), "j2".into()],
        ..Default::default()
    };
    assert_eq!(params(&r), p(&[("JobIds", "j1,j2")]));
}

#[test]
fn play_auth_attached_media_and_upload_progress() {
    let r = GetVideoPlayAuth {
        auth_info_timeout: Some(300),
        ..GetVideoPlayAuth::new("v")
    };
    assert_eq!(
        params(&r),
        p(&[("VideoId", "v"), ("AuthInfoTimeout", "300")])
    );
    let r = GetAttachedMediaInfo {
        media_ids: vec!["a".into(), "b".into()],
        output_type: Some("oss".into()),
        ..Default::default()
    };
    assert_eq!(params(&r), p(&[("MediaIds", "a,b"), ("OutputType", "oss")]));
    let r = UpdateAttachedMediaInfos {
        update_content: vec![AttachedMediaUpdate {
            media_id: "m".into(),
            tags: Some(vec!["x".into(), "y".into()]),
            cate_ids: Some(vec![1, 2]),
            ..Default::default()
        }],
    };
    assert_eq!(
        params(&r),
        p(&[(
            "UpdateContent",
            r#"[{"MediaId":"m","Tags":"x,y","CateIds":"1,2"}]"#
        )])
    );
    assert_eq!(
        params(&DeleteAttachedMedia {
            media_ids: vec!["m".into()]
        }),
        p(&[("MediaIds", "m")])
    );
    assert_eq!(
        params(&RefreshUploadVideo {
            video_id: "v".into(),
            ..Default::default()
        }),
        p(&[("VideoId", "v")])
    );
    let r = GetUploadDetails {
        media_ids: vec!["v".into()],
        media_type: Some("video".into()),
    };
    assert_eq!(params(&r), p(&[("MediaIds", "v"), ("MediaType", "video")]));
}

fn idempotent<A: Action>() -> bool {
    A::IDEMPOTENT
}

#[test]
fn creates_are_marked_not_idempotent() {
    assert!(!idempotent::<AddCategory>());
    assert!(!idempotent::<CreateUploadVideo>());
    assert!(!idempotent::<CreateUploadImage>());
    assert!(!idempotent::<UploadMediaByURL>());
    assert!(idempotent::<GetVideoList>() && idempotent::<DeleteVideo>());
    assert!(idempotent::<DeleteImage>() && idempotent::<UpdateCategory>());
}
