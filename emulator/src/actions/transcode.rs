//! Transcoding tasks: SubmitTranscodeJobs, GetTranscodeSummary, ListTranscodeTask and
//! GetTranscodeTask. A task has one job per template of its group; job `i` runs from the
//! task's creation and finishes `job_ms × (i + 1)` later (`TRANSCODE_JOB_MS` for a manual
//! task; an upload's `Auto` task ends when the video becomes Normal), its progress moving
//! with the emulator's clock, so a console polling it sees real progress. Only videos in
//! UploadSucc, Normal or Checking can be transcoded (`Forbidden.IllegalStatus`).

use serde_json::{json, Value};

use super::{rules, template, ActionRequest, Backend};
use crate::error::ApiError;
use crate::store::{self, TemplateGroup, TranscodeJobSpec, TranscodeTask, Video};

/// How long each job of a task takes after the one before it.
pub const TRANSCODE_JOB_MS: i64 = 2_000;
/// Videos per GetTranscodeSummary call, job IDs per GetTranscodeTask call.
pub const SUMMARY_MAX: usize = 10;
pub const JOB_IDS_MAX: usize = 10;

fn iso_ms(ms: i64) -> String {
    rules::iso(ms.div_euclid(1000))
}

fn no_such(what: &str) -> ApiError {
    ApiError::new(404, "NoSuchResource", format!("The resource \"{what}\" does not exist."))
}

/// When job `i` of `task` completes.
fn job_done_ms(task: &TranscodeTask, i: usize) -> i64 {
    task.created_ms + task.job_ms * (i as i64 + 1)
}

fn job_progress(task: &TranscodeTask, i: usize, now: i64) -> i64 {
    ((now - task.created_ms) * 100 / (task.job_ms.max(1) * (i as i64 + 1))).clamp(0, 100)
}

fn task_done_ms(task: &TranscodeTask) -> i64 {
    job_done_ms(task, task.jobs.len().saturating_sub(1))
}

fn task_status(task: &TranscodeTask, now: i64) -> &'static str {
    if task.jobs.is_empty() || now >= task_done_ms(task) {
        "CompleteAllSucc"
    } else {
        "Processing"
    }
}

fn job_fields(task: &TranscodeTask, i: usize, now: i64, duration: f64) -> (Value, Value) {
    let j = &task.jobs[i];
    let done = now >= job_done_ms(task, i);
    let size = ((j.bitrate as f64) * 125.0 * duration).round() as i64;
    let status = if done { "TranscodeSuccess" } else { "Transcoding" };
    let complete = if done { iso_ms(job_done_ms(task, i)) } else { String::new() };
    let common = json!({
        "TranscodeTemplateId": j.template_id,
        "TranscodeJobStatus": status,
        "TranscodeProgress": job_progress(task, i, now),
        "CreationTime": iso_ms(task.created_ms),
        "CompleteTime": complete,
        "ErrorCode": "",
        "ErrorMessage": "",
    });
    let output = json!({
        "Format": j.format,
        "Width": j.width.to_string(),
        "Height": j.height.to_string(),
        "Bitrate": j.bitrate.to_string(),
        "Duration": format!("{duration:.3}"),
        "Fps": "25",
        "Filesize": if done { size } else { 0 },
        "WatermarkIdList": j.watermark_ids,
    });
    (common, output)
}

async fn video_duration(b: &Backend, id: &str) -> f64 {
    store::get::<Video>(&b.pool, id).await.ok().flatten().map_or(0.0, |v| v.duration)
}

/// One job per template: what it produces.
fn jobs_for(templates: &[Value]) -> Vec<TranscodeJobSpec> {
    let json_of = |v: &Value| serde_json::from_str::<Value>(v.as_str().unwrap_or("")).unwrap_or(Value::Null);
    let num = |v: &Value| v.as_str().and_then(|s| s.parse().ok()).or_else(|| v.as_i64()).unwrap_or(0);
    templates
        .iter()
        .map(|t| {
            let video = json_of(&t["Video"]);
            TranscodeJobSpec {
                job_id: rules::new_id(),
                template_id: t["TranscodeTemplateId"].as_str().unwrap_or("").to_string(),
                definition: t["Definition"].as_str().unwrap_or("").to_string(),
                format: json_of(&t["Container"])["Format"].as_str().unwrap_or("mp4").to_ascii_lowercase(),
                width: num(&video["Width"]),
                height: num(&video["Height"]),
                bitrate: num(&video["Bitrate"]),
                watermark_ids: t["WatermarkIds"]
                    .as_array()
                    .map(|a| a.iter().filter_map(|i| i.as_str().map(str::to_string)).collect())
                    .unwrap_or_default(),
            }
        })
        .collect()
}

/// Records the `Auto` task of an upload entering `group`: its jobs end together with
/// the video's transcoding, `total_ms` from now.
pub async fn record_upload_task(b: &Backend, video_id: &str, group_id: &str, total_ms: i64) -> Result<(), ApiError> {
    let groups = b.all::<TemplateGroup>().await?;
    let Some(group) = groups.iter().find(|g| g.group_id == group_id) else { return Ok(()) };
    let jobs = jobs_for(&template::templates_of(group));
    if jobs.is_empty() {
        return Ok(());
    }
    let task = TranscodeTask {
        task_id: rules::new_id(),
        video_id: video_id.to_string(),
        group_id: group_id.to_string(),
        trigger: "Auto".into(),
        priority: 6,
        created_ms: b.now_ms(),
        job_ms: (total_ms / jobs.len() as i64).max(1),
        jobs,
    };
    store::put(&b.pool, &task).await?;
    Ok(())
}

/// Starts a manual transcoding of a video with a template group.
pub async fn submit_transcode_jobs(b: &Backend, req: &ActionRequest) -> Result<Value, ApiError> {
    let video_id = rules::required(req, "VideoId")?;
    let group_id = rules::required(req, "TemplateGroupId")?;
    let priority = match rules::int_param(req, "Priority")? {
        None => 6,
        Some(p) if (1..=10).contains(&p) => p,
        Some(_) => return Err(ApiError::invalid("Priority", "It must be an integer from 1 to 10.")),
    };
    if let Some(r) = req.param("ReferenceId") {
        if !(6..=64).contains(&r.len()) {
            return Err(ApiError::invalid("ReferenceId", "It must be 6-64 characters."));
        }
    }
    if req.param("SessionId").is_some_and(|s| s.len() > 50) {
        return Err(ApiError::invalid("SessionId", "At most 50 characters."));
    }
    let video = store::get::<Video>(&b.pool, video_id.trim())
        .await?
        .ok_or_else(|| ApiError::new(404, "InvalidVideo.NotFound", "The video does not exist."))?;
    if !matches!(video.status.as_str(), "UploadSucc" | "Normal" | "Checking") {
        return Err(ApiError::new(400, "Forbidden.IllegalStatus", "The status of the video does not allow this operation."));
    }
    let groups = b.all::<TemplateGroup>().await?;
    let group = groups.iter().find(|g| g.group_id == group_id).ok_or_else(|| no_such(&format!("TemplateGroupId: {group_id}")))?;
    let templates = template::templates_of(group);
    if templates.is_empty() {
        return Err(ApiError::invalid("TemplateGroupId", "The group has no transcoding templates."));
    }
    let jobs = jobs_for(&templates);
    let task = TranscodeTask {
        task_id: rules::new_id(),
        video_id: video.video_id.clone(),
        group_id: group.group_id.clone(),
        trigger: "Manual".into(),
        priority,
        created_ms: b.now_ms(),
        job_ms: TRANSCODE_JOB_MS,
        jobs,
    };
    store::put(&b.pool, &task).await?;
    let jobs: Vec<Value> = task.jobs.iter().map(|j| json!({ "JobId": j.job_id })).collect();
    Ok(json!({ "TranscodeTaskId": task.task_id, "TranscodeJobs": { "TranscodeJob": jobs } }))
}

/// The latest task of each video (up to 10).
pub async fn get_transcode_summary(b: &Backend, req: &ActionRequest) -> Result<Value, ApiError> {
    let ids = rules::split_list(rules::required(req, "VideoIds")?);
    if ids.len() > SUMMARY_MAX {
        return Err(ApiError::invalid("VideoIds", "At most 10 IDs."));
    }
    let tasks = b.all::<TranscodeTask>().await?;
    let now = b.now_ms();
    let mut summaries = Vec::new();
    let mut missing = Vec::new();
    for id in ids {
        let Some(video) = store::get::<Video>(&b.pool, &id).await? else {
            missing.push(id);
            continue;
        };
        let Some(task) = tasks.iter().filter(|t| t.video_id == id).max_by_key(|t| t.created_ms) else { continue };
        let jobs: Vec<Value> = (0..task.jobs.len())
            .map(|i| {
                let (mut common, output) = job_fields(task, i, now, video.duration);
                if let (Some(c), Some(o)) = (common.as_object_mut(), output.as_object()) {
                    for (k, v) in o {
                        c.insert(k.clone(), v.clone());
                    }
                }
                common
            })
            .collect();
        let done = task_status(task, now) != "Processing";
        summaries.push(json!({
            "VideoId": id,
            "TranscodeTemplateGroupId": task.group_id,
            "TranscodeStatus": task_status(task, now),
            "CreationTime": iso_ms(task.created_ms),
            "CompleteTime": if done { iso_ms(task_done_ms(task)) } else { String::new() },
            "TranscodeJobInfoSummaryList": jobs,
        }));
    }
    Ok(json!({ "TranscodeSummaryList": summaries, "NonExistVideoIds": missing }))
}

fn render_task(task: &TranscodeTask, now: i64) -> Value {
    let done = task_status(task, now) != "Processing";
    json!({
        "TranscodeTaskId": task.task_id,
        "VideoId": task.video_id,
        "TranscodeTemplateGroupId": task.group_id,
        "TaskStatus": task_status(task, now),
        "CreationTime": iso_ms(task.created_ms),
        "CompleteTime": if done { iso_ms(task_done_ms(task)) } else { String::new() },
        "Trigger": task.trigger,
    })
}

/// A video's tasks, newest first, without their jobs.
pub async fn list_transcode_task(b: &Backend, req: &ActionRequest) -> Result<Value, ApiError> {
    let video_id = rules::required(req, "VideoId")?;
    let page_no = rules::int_param(req, "PageNo")?.unwrap_or(1);
    let page_size = rules::int_param(req, "PageSize")?.unwrap_or(10);
    if page_no < 1 {
        return Err(ApiError::invalid("PageNo", "It must be at least 1."));
    }
    if !(1..=50).contains(&page_size) {
        return Err(ApiError::invalid("PageSize", "It must be from 1 to 50."));
    }
    let bound = |name: &str| -> Result<Option<i64>, ApiError> {
        req.param(name)
            .map(|v| rules::parse_iso(v).map(|s| s * 1000).ok_or_else(|| ApiError::invalid(name, "Use the UTC format yyyy-MM-ddTHH:mm:ssZ.")))
            .transpose()
    };
    let (start, end) = (bound("StartTime")?, bound("EndTime")?);
    let now = b.now_ms();
    let mut tasks: Vec<TranscodeTask> = b
        .all::<TranscodeTask>()
        .await?
        .iter()
        .filter(|t| t.video_id == video_id)
        .filter(|t| start.is_none_or(|s| t.created_ms >= s) && end.is_none_or(|e| t.created_ms <= e))
        .cloned()
        .collect();
    tasks.sort_by_key(|t| std::cmp::Reverse(t.created_ms));
    let list: Vec<Value> =
        tasks.iter().skip(((page_no - 1) * page_size) as usize).take(page_size as usize).map(|t| render_task(t, now)).collect();
    Ok(json!({ "TranscodeTaskList": list }))
}

fn job_info(b_url: &str, task: &TranscodeTask, i: usize, now: i64, duration: f64) -> Value {
    let (mut info, mut output) = job_fields(task, i, now, duration);
    let j = &task.jobs[i];
    if let Some(o) = output.as_object_mut() {
        o.insert("OutputFileUrl".into(), json!(format!("{b_url}/media/play/{}/{}.{}", task.video_id, j.definition, j.format)));
        o.insert("Encryption".into(), json!(""));
        o.insert("VideoStreamList".into(), json!(""));
        o.insert("AudioStreamList".into(), json!(""));
        o.insert("SubtitleStreamList".into(), json!(""));
    }
    if let Some(m) = info.as_object_mut() {
        m.insert("TranscodeJobId".into(), json!(j.job_id));
        m.insert("Definition".into(), json!(j.definition));
        m.insert("Priority".into(), json!(task.priority.to_string()));
        m.insert("InputFileUrl".into(), json!(format!("{b_url}/media/source/{}/source", task.video_id)));
        m.insert("OutputFile".into(), output);
    }
    info
}

/// A task with all its jobs (by `TranscodeTaskId`), or jobs by `JobIds` (at most 10).
pub async fn get_transcode_task(b: &Backend, req: &ActionRequest) -> Result<Value, ApiError> {
    let tasks = b.all::<TranscodeTask>().await?;
    let now = b.now_ms();
    if let Some(id) = req.param("TranscodeTaskId").filter(|i| !i.is_empty()) {
        let task = tasks.iter().find(|t| t.task_id == id).ok_or_else(|| no_such(&format!("TranscodeTaskId: {id}")))?;
        let duration = video_duration(b, &task.video_id).await;
        let jobs: Vec<Value> = (0..task.jobs.len()).map(|i| job_info(&req.base_url, task, i, now, duration)).collect();
        let mut t = render_task(task, now);
        t["TranscodeJobInfoList"] = Value::Array(jobs);
        return Ok(json!({ "TranscodeTask": t }));
    }
    let ids = rules::split_list(rules::required(req, "JobIds")?);
    if ids.len() > JOB_IDS_MAX {
        return Err(ApiError::invalid("JobIds", "At most 10 IDs."));
    }
    let mut infos = Vec::new();
    let mut missing = Vec::new();
    for id in ids {
        match tasks.iter().find_map(|t| t.jobs.iter().position(|j| j.job_id == id).map(|i| (t, i))) {
            Some((task, i)) => {
                let duration = video_duration(b, &task.video_id).await;
                infos.push(job_info(&req.base_url, task, i, now, duration));
            }
            None => missing.push(id),
        }
    }
    Ok(json!({ "TranscodeJobInfoList": infos, "NonExistJobIds": missing }))
}

#[cfg(test)]
mod tests {
    use crate::actions::test_support::*;

    async fn a_normal_video(b: &crate::actions::Backend) -> String {
        let got = ok(b, "GetVideoList", &[("Status", "Normal"), ("PageSize", "1")]).await;
        got["VideoList"]["Video"][0]["VideoId"].as_str().unwrap().to_string()
    }

    async fn standard_group(b: &crate::actions::Backend) -> String {
        let got = ok(b, "ListTranscodeTemplateGroup", &[]).await;
        let list = got["TranscodeTemplateGroupList"].as_array().unwrap().clone();
        list.iter().find(|g| g["IsDefault"] == "Default").unwrap()["TranscodeTemplateGroupId"].as_str().unwrap().to_string()
    }

    #[tokio::test]
    async fn a_submitted_task_progresses_with_the_clock_and_is_summarised_listed_and_read() {
        let (b, _d) = backend().await;
        let video = a_normal_video(&b).await;
        let group = standard_group(&b).await;
        let got = ok(&b, "SubmitTranscodeJobs", &[("VideoId", &video), ("TemplateGroupId", &group), ("Priority", "8")]).await;
        let task = got["TranscodeTaskId"].as_str().unwrap().to_string();
        let jobs = got["TranscodeJobs"]["TranscodeJob"].as_array().unwrap().clone();
        assert_eq!(jobs.len(), 3, "one job per template of Standard HLS");

        let summary = ok(&b, "GetTranscodeSummary", &[("VideoIds", &format!("{video},0123456789abcdef0123456789abcdef"))]).await;
        assert_eq!(summary["NonExistVideoIds"][0], "0123456789abcdef0123456789abcdef");
        let s = &summary["TranscodeSummaryList"][0];
        assert_eq!(s["TranscodeStatus"], "Processing");
        assert_eq!(s["TranscodeJobInfoSummaryList"][2]["TranscodeJobStatus"], "Transcoding");

        b.advance_clock(3);
        let t = ok(&b, "GetTranscodeTask", &[("TranscodeTaskId", &task)]).await;
        let list = t["TranscodeTask"]["TranscodeJobInfoList"].as_array().unwrap();
        assert_eq!(list[0]["TranscodeJobStatus"], "TranscodeSuccess");
        assert_eq!(list[0]["TranscodeProgress"], 100);
        let middle = list[2]["TranscodeProgress"].as_i64().unwrap();
        assert!(middle > 0 && middle < 100, "{middle}");
        assert_eq!(list[0]["Priority"], "8");
        b.advance_clock(10);
        let t = ok(&b, "GetTranscodeTask", &[("TranscodeTaskId", &task)]).await;
        assert_eq!(t["TranscodeTask"]["TaskStatus"], "CompleteAllSucc");
        assert!(t["TranscodeTask"]["TranscodeJobInfoList"][0]["OutputFile"]["Filesize"].as_i64().unwrap() > 0);

        let by_jobs = ok(&b, "GetTranscodeTask", &[("JobIds", &format!("{},nope", jobs[1]["JobId"].as_str().unwrap()))]).await;
        assert_eq!(by_jobs["TranscodeJobInfoList"].as_array().unwrap().len(), 1);
        assert_eq!(by_jobs["NonExistJobIds"][0], "nope");
        let listed = ok(&b, "ListTranscodeTask", &[("VideoId", &video)]).await;
        assert_eq!(listed["TranscodeTaskList"][0]["TranscodeTaskId"], task.as_str());
        assert_eq!(listed["TranscodeTaskList"][0]["Trigger"], "Manual");
    }

    #[tokio::test]
    async fn an_upload_is_transcoded_by_an_auto_task_that_ends_with_it() {
        let (b, _d) = backend().await;
        let got = ok(&b, "CreateUploadVideo", &[("Title", "t"), ("FileName", "clip.mp4")]).await;
        let id = got["VideoId"].as_str().unwrap().to_string();
        let target = upload_target(&b, &id).await;
        std::fs::write(b.objects_dir().join("u.mp4"), crate::assets::CLIP_MP4).unwrap();
        crate::actions::upload::complete_upload(&b, &target, "u.mp4", crate::assets::CLIP_MP4.len() as i64).await.unwrap();
        let listed = ok(&b, "ListTranscodeTask", &[("VideoId", &id)]).await;
        assert_eq!(listed["TranscodeTaskList"][0]["Trigger"], "Auto");
        assert_eq!(listed["TranscodeTaskList"][0]["TaskStatus"], "Processing");
        b.advance_clock(4);
        assert_eq!(ok(&b, "GetVideoInfo", &[("VideoId", &id)]).await["Video"]["Status"], "Normal");
        let summary = ok(&b, "GetTranscodeSummary", &[("VideoIds", &id)]).await;
        assert_eq!(summary["TranscodeSummaryList"][0]["TranscodeStatus"], "CompleteAllSucc");
    }

    #[tokio::test]
    async fn refusals_name_the_status_the_group_and_the_limits() {
        let (b, _d) = backend().await;
        let video = a_normal_video(&b).await;
        let group = standard_group(&b).await;
        let e = err(&b, "SubmitTranscodeJobs", &[("VideoId", &video), ("TemplateGroupId", "0123456789abcdef0123456789abcdef")]).await;
        assert_eq!((e.status, e.code.as_str()), (404, "NoSuchResource"));
        let e = err(&b, "SubmitTranscodeJobs", &[("VideoId", &video), ("TemplateGroupId", crate::demo::NO_TRANSCODE_GROUP)]).await;
        assert_eq!(e.code, "InvalidParameter");
        let e = err(&b, "SubmitTranscodeJobs", &[("VideoId", &video), ("TemplateGroupId", &group), ("Priority", "11")]).await;
        assert!(e.message.contains("Priority"));
        let e = err(&b, "SubmitTranscodeJobs", &[("VideoId", "0123456789abcdef0123456789abcdef"), ("TemplateGroupId", &group)]).await;
        assert_eq!((e.status, e.code.as_str()), (404, "InvalidVideo.NotFound"));
        let uploading = ok(&b, "CreateUploadVideo", &[("Title", "t"), ("FileName", "a.mp4")]).await;
        let e = err(&b, "SubmitTranscodeJobs", &[("VideoId", uploading["VideoId"].as_str().unwrap()), ("TemplateGroupId", &group)]).await;
        assert_eq!((e.status, e.code.as_str()), (400, "Forbidden.IllegalStatus"));
        let eleven: Vec<String> = (0..11).map(|i| format!("{i:032x}")).collect();
        assert_eq!(err(&b, "GetTranscodeSummary", &[("VideoIds", &eleven.join(","))]).await.code, "InvalidParameter");
        assert_eq!(err(&b, "ListTranscodeTask", &[("VideoId", &video), ("PageSize", "51")]).await.code, "InvalidParameter");
        assert_eq!(err(&b, "GetTranscodeTask", &[("TranscodeTaskId", "nope")]).await.code, "NoSuchResource");
    }
}
