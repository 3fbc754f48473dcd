//! The JSON answer examples of the VOD API reference (seed 004, and seed 003 for
//! GetImageInfos), copied into `fixtures/` with only the PDF line wrapping undone, must
//! deserialize into the typed responses. A second group checks the nesting the SDK
//! models (and the live service) use, which the seed flattens.

use vod::api::*;

fn fixture<T: serde::de::DeserializeOwned>(name: &str) -> T {
    let path = format!("{}/tests/fixtures/{name}.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn create_upload_video() {
    let r: CreateUploadVideoResponse = fixture("CreateUploadVideo");
    assert_eq!(r.request_id, "25818875-5F78-4AF6-04D5-D7393642****");
    assert_eq!(r.video_id, "93ab850b4f6f54b6e91d24d81d44****");
    assert_eq!(r.upload_address, "eyJTZWN1cml0a2VuIjoiQ0FJU3p3TjF****");
    assert_eq!(r.upload_auth, "eyJFbmRwb2ludCI6Imm****");
}

#[test]
fn create_upload_image() {
    let r: CreateUploadImageResponse = fixture("CreateUploadImage");
    assert_eq!(r.image_id, "93ab850b4f6f46e91d24d81d4****");
    assert!(r.image_url.ends_with(".png"));
    assert!(r
        .file_url
        .starts_with("http://example.aliyundoc.com/cover/"));
}

#[test]
fn upload_media_by_url() {
    let r: UploadMediaByURLResponse = fixture("UploadMediaByURL");
    assert_eq!(r.upload_jobs.len(), 1);
    assert_eq!(r.upload_jobs[0].job_id, "ad90a501b1b94fb72374ad005046****");
    assert_eq!(r.upload_jobs[0].source_url, "http://example****.mp4");
}

#[test]
fn get_url_upload_infos() {
    let r: GetURLUploadInfosResponse = fixture("GetURLUploadInfos");
    // The seed hides a JSON list inside a string element; it is unpacked.
    assert_eq!(r.non_exists, vec!["****1", "****2"]);
    let info = &r.url_upload_info_list[0];
    assert_eq!(info.status, "SUCCESS");
    assert_eq!(info.error_code, "200");
    assert_eq!(info.file_size, Some(24));
    assert_eq!(info.upload_url, "http://****.mp4");
    assert!(info.user_data.contains("MessageCallback"));
}

#[test]
fn get_play_info() {
    let r: GetPlayInfoResponse = fixture("GetPlayInfo");
    assert_eq!(r.video_base.title, "阿⾥云VOD");
    assert_eq!(r.video_base.duration, Some(3.1667));
    assert_eq!(r.video_base.media_type, "video");
    assert_eq!(r.play_info_list.len(), 1);
    let p = &r.play_info_list[0];
    assert_eq!(p.definition, "LD");
    assert_eq!(p.format, "m3u8");
    assert_eq!(p.bitrate, Some(450.878));
    assert_eq!(p.fps, Some(25.0));
    assert_eq!((p.width, p.height), (Some(360), Some(640)));
    assert_eq!(p.encrypt, Some(0));
    assert_eq!(p.hdr_type, "HLG");
    assert!(p.play_url.ends_with(".m3u8"));
}

#[test]
fn search_media() {
    let r: SearchMediaResponse = fixture("SearchMedia");
    assert_eq!(r.total, Some(10));
    assert_eq!(r.scroll_token, "24e0fba7188fae707e146esa54****");
    let m = &r.media_list[0];
    assert_eq!(m.media_type, "video");
    let video = m.video.as_ref().unwrap();
    assert_eq!(video.status, "UploadSucc");
    assert_eq!(video.cate_id, Some(10000123));
    assert_eq!(video.duration, Some(123.0));
    assert_eq!(video.snapshots.len(), 1);
    // The seed's audio object repeats a key; the last one wins instead of failing.
    assert_eq!(
        m.audio.as_ref().unwrap().modification_time,
        "2018-07-19T03:48:25Z"
    );
    assert_eq!(
        m.image.as_ref().unwrap().url,
        "https://example.com/****.png"
    );
    let attached = m.attached_media.as_ref().unwrap();
    assert_eq!(attached.business_type, "watermark");
    assert_eq!(attached.categories[0].parent_id, Some(-1));
}

#[test]
fn list_transcode_template_group() {
    let r: ListTranscodeTemplateGroupResponse = fixture("ListTranscodeTemplateGroup");
    assert_eq!(r.transcode_template_group_list.len(), 1);
    let g = &r.transcode_template_group_list[0];
    assert_eq!(g.transcode_template_group_id, "17a9889fc66852*****d791c886700932");
    assert_eq!((g.name.as_str(), g.is_default(), g.locked.as_str()), ("test", true, "Disabled"));
    assert_eq!(g.creation_time, "2018-12-05T10:20:09Z");
}

#[test]
fn add_category() {
    let r: AddCategoryResponse = fixture("AddCategory");
    assert_eq!(r.category.cate_name, "搞笑");
    assert_eq!(r.category.level, Some(1));
    assert_eq!(r.category.r#type, "default");
    // The documentation masks IDs ("10020****"): tolerated as unknown rather than failing.
    assert_eq!(r.category.cate_id, None);
}

#[test]
fn request_id_only_answers() {
    for name in [
        "UpdateCategory",
        "DeleteCategory",
        "UpdateVideoInfo",
        "DeleteImage",
    ] {
        let r: UpdateCategoryResponse = fixture(name);
        assert_eq!(
            r.request_id, "25818875-5F78-4AF6-D7393642CA58****",
            "{name}"
        );
    }
    let r: DeleteImageResponse = fixture("DeleteImage");
    assert!(!r.request_id.is_empty());
    let r: UpdateVideoInfoResponse = fixture("UpdateVideoInfo");
    assert!(!r.request_id.is_empty());
    let r: DeleteCategoryResponse = fixture("DeleteCategory");
    assert!(!r.request_id.is_empty());
}

#[test]
fn get_categories_with_the_seed_s_flattened_sub_category() {
    let r: GetCategoriesResponse = fixture("GetCategories");
    assert_eq!(r.sub_total, Some(3795));
    assert_eq!(r.category.cate_id, Some(100));
    assert_eq!(r.category.level, Some(0));
    assert_eq!(r.sub_categories.len(), 1);
    assert_eq!(r.sub_categories[0].cate_name, "电影");
    assert_eq!(r.sub_categories[0].sub_total, Some(1));
}

#[test]
fn get_video_info() {
    let r: GetVideoInfoResponse = fixture("GetVideoInfo");
    let v = &r.video;
    assert_eq!(v.video_id, "9b73864d75f1d231e9001cd5f8****");
    assert_eq!(v.title, "阿⾥云VOD视频标题");
    assert_eq!(v.duration, Some(135.6));
    assert_eq!(v.size, Some(10897890));
    assert_eq!(v.region_id, "cn-shanghai");
    assert_eq!(v.audit_status, "Normal");
    assert_eq!(v.template_group_id, "9ae2af636ca64835b0c10412f448****");
    // Snapshots as a (truncated) JSON list inside a string.
    assert_eq!(v.snapshots.len(), 2);
    assert!(v.snapshots[0].starts_with("http://example.aliyundoc.com/snapshot/"));
}

#[test]
fn get_video_infos_with_a_single_object_and_a_stringified_list() {
    let r: GetVideoInfosResponse = fixture("GetVideoInfos");
    assert_eq!(r.video_list.len(), 1);
    assert_eq!(r.video_list[0].video_id, "7753d144efd74d6c45fe0570****");
    assert_eq!(r.video_list[0].duration, Some(120.0));
    assert_eq!(
        r.non_exist_video_ids,
        vec!["7753d144efd8e649c6c45fe0579****"]
    );
}

#[test]
fn get_video_list() {
    let r: GetVideoListResponse = fixture("GetVideoList");
    assert_eq!(r.total, Some(100));
    assert_eq!(r.video_list.len(), 1);
    assert_eq!(r.video_list[0].app_id, "app-1000000");
    assert_eq!(r.video_list[0].status, "Normal");
}

#[test]
fn get_mezzanine_info() {
    let r: GetMezzanineInfoResponse = fixture("GetMezzanineInfo");
    let m = &r.mezzanine;
    assert_eq!(m.duration, Some(42.493));
    assert_eq!(m.bitrate, Some(771.228));
    assert_eq!(m.fps, Some(25.0));
    assert_eq!((m.width, m.height), (Some(960), Some(540)));
    assert_eq!(m.size, Some(4096477));
    assert_eq!(m.output_type, "oss");
    assert_eq!(m.audio_stream_list[0].sample_rate, "44100");
    assert_eq!(m.audio_stream_list[0].channel_layout, "mono");
    assert_eq!(m.video_stream_list[0].codec_name, "h264");
    assert_eq!(m.video_stream_list[0].avg_fps, "30.0");
    assert_eq!(m.video_stream_list[0].hdr_type, "HDR");
}

#[test]
fn batch_answers_list_unknown_and_forbidden_ids() {
    let r: UpdateVideoInfosResponse = fixture("UpdateVideoInfos");
    assert_eq!(r.forbidden_video_ids, vec!["f45cf4eba5c84233389558c36****"]);
    assert_eq!(
        r.non_exist_video_ids,
        vec!["f45cf4eba5cb90233389558c39****"]
    );
    let r: DeleteVideoResponse = fixture("DeleteVideo");
    assert_eq!(
        r.forbidden_video_ids,
        vec!["73ab850b4f6f4b6e91d24d81d54****"]
    );
    assert_eq!(r.non_exist_video_ids, vec!["e44ebf1147hdsa2d2adbea8b****"]);
    let r: UpdateImageInfosResponse = fixture("UpdateImageInfos");
    assert_eq!(r.non_exist_image_ids, vec!["f45cf4eba5c80233389558c39****"]);
}

#[test]
fn get_image_info() {
    let r: GetImageInfoResponse = fixture("GetImageInfo");
    let i = &r.image_info;
    assert_eq!(i.image_id, "bbc65bba53f9*****ed90de118a7849");
    assert_eq!(i.cate_id, Some(254766071));
    assert_eq!(i.image_type, "NormalSnapshot");
    let mezz = i.mezzanine.as_ref().unwrap();
    assert_eq!(mezz.file_size, Some(8932));
    assert_eq!((mezz.width, mezz.height), (Some(200), Some(200)));
    assert!(mezz.file_url.contains("Expires=1590982353"));
}

#[test]
fn get_image_infos() {
    let r: GetImageInfosResponse = fixture("GetImageInfos");
    assert_eq!(r.image_info.len(), 1);
    assert_eq!(r.image_info[0].title, "this is a sample");
    assert_eq!(r.non_exist_image_ids, vec!["f45cf4eba5c80233389558c39****"]);
}

#[test]
fn list_snapshots() {
    let r: ListSnapshotsResponse = fixture("ListSnapshots");
    let s = &r.media_snapshot;
    assert_eq!(s.total, Some(100));
    assert_eq!(s.job_id, "ad90a501b1b9472374ad005046****");
    assert_eq!(s.snapshots.len(), 1);
    assert_eq!(s.snapshots[0].index, Some(1));
    assert!(s.snapshots[0].url.ends_with(".jpg"));
}

// ---- The nesting of the SDK models and the live service --------------------------------

#[test]
fn sdk_shaped_get_video_list_with_wrappers() {
    let r: GetVideoListResponse = serde_json::from_str(
        r#"{"RequestId":"R","Total":"2","VideoList":{"Video":[
            {"VideoId":"a","Title":"A","CateId":"17","Duration":"1.5","Size":"10",
             "Snapshots":{"Snapshot":["http://s/1.jpg","http://s/2.jpg"]}},
            {"VideoId":"b","Title":"B","Unknown":{"x":1}}]}}"#,
    )
    .unwrap();
    assert_eq!(r.total, Some(2));
    assert_eq!(r.video_list.len(), 2);
    assert_eq!(r.video_list[0].cate_id, Some(17));
    assert_eq!(r.video_list[0].duration, Some(1.5));
    assert_eq!(
        r.video_list[0].snapshots,
        vec!["http://s/1.jpg", "http://s/2.jpg"]
    );
    assert_eq!(r.video_list[1].cate_id, None);
}

#[test]
fn sdk_shaped_get_categories_and_play_info_and_image_ids() {
    let r: GetCategoriesResponse = serde_json::from_str(
        r#"{"RequestId":"R","SubTotal":2,"Category":{"CateId":1,"CateName":"root","Level":0,"ParentId":-1,"Type":"default"},
            "SubCategories":{"Category":[{"CateId":2,"CateName":"a","Level":1,"ParentId":1,"SubTotal":0},{"CateId":3,"CateName":"b","Level":1,"ParentId":1}]}}"#,
    )
    .unwrap();
    assert_eq!(
        r.sub_categories
            .iter()
            .map(|c| c.cate_id.unwrap())
            .collect::<Vec<_>>(),
        vec![2, 3]
    );

    let r: GetPlayInfoResponse = serde_json::from_str(
        r#"{"RequestId":"R","VideoBase":{"VideoId":"v","Duration":"9.0"},"PlayInfoList":{"PlayInfo":[{"PlayURL":"u1","Bitrate":"1"},{"PlayURL":"u2","Width":"640"}]}}"#,
    )
    .unwrap();
    assert_eq!(r.play_info_list.len(), 2);
    assert_eq!(r.play_info_list[1].width, Some(640));

    let r: UpdateImageInfosResponse =
        serde_json::from_str(r#"{"RequestId":"R","NonExistImageIds":{"ImageId":["x","y"]}}"#)
            .unwrap();
    assert_eq!(r.non_exist_image_ids, vec!["x", "y"]);

    let r: ListSnapshotsResponse = serde_json::from_str(
        r#"{"RequestId":"R","MediaSnapshot":{"Total":"2","Snapshots":{"Snapshot":[{"Index":"1","Url":"a"},{"Index":2,"Url":"b"}]}}}"#,
    )
    .unwrap();
    assert_eq!(r.media_snapshot.snapshots[0].index, Some(1));
    assert_eq!(r.media_snapshot.snapshots.len(), 2);
}

#[test]
fn empty_and_null_answers_take_defaults() {
    let r: GetVideoListResponse =
        serde_json::from_str(r#"{"RequestId":"R","VideoList":{}}"#).unwrap();
    assert!(r.video_list.is_empty());
    let r: GetVideoInfoResponse =
        serde_json::from_str(r#"{"RequestId":"R","Video":null}"#).unwrap();
    assert_eq!(r.video, Video::default());
    let r: GetVideoInfosResponse = serde_json::from_str(r#"{"RequestId":"R"}"#).unwrap();
    assert!(r.video_list.is_empty() && r.non_exist_video_ids.is_empty());
}
