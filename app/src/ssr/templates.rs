//! Template groups, snapshot templates and transcoding on the server: the overview
//! (every group with its template count and the videos uploaded into it, the snapshot
//! templates), one group opened for editing, a rendition saved after its rules are
//! checked and the group re-read to refuse a stale edit, presets, default, delete, and
//! transcoding jobs submitted and followed. Plain async functions over a `vod::Client`;
//! the server functions in `api::templates` authorise, call these and write the
//! activity log.

use futures_util::future::{join, join3};
use serde_json::{Map, Value};

use vod::api::{
    AddTranscodeTemplateGroup, AddVodTemplate, DeleteTranscodeTemplateGroup, DeleteVodTemplate, GetTranscodeSummary,
    GetTranscodeTask, GetTranscodeTemplateGroup, GetVideoInfos, GetVideoList, GetVodTemplate, ListTranscodeTask, ListTranscodeTemplateGroup,
    ListVodTemplate, ListWatermark, SetDefaultTranscodeTemplateGroup, SubmitTranscodeJobs, TranscodeTemplateGroupDetail,
    UpdateTranscodeTemplateGroup, UpdateVodTemplate,
};
use vod::batch::run_bounded;
use vod::{Action, RetryPolicy};

use crate::error::AppError;
use crate::i18n::{td_string, Locale};
use crate::model::template::*;
use crate::ssr::categories::Failed;

/// Reads kept in flight (the budget paces each action to its QPS).
const IN_FLIGHT: usize = 6;
/// The newest videos whose group is counted.
const VIDEOS_COUNTED: i64 = 100;
/// IDs per GetVideoInfos call, per GetTranscodeSummary call.
const INFOS_PER_CALL: usize = 20;
const SUMMARIES_PER_CALL: usize = 10;

async fn read<A: Action>(client: &vod::Client, request: &A) -> Result<A::Response, vod::Error> {
    client.call_with_retry(request, RetryPolicy::default()).await
}

/// VOD's answer in the request's language, with a template-specific sentence where one
/// helps. The code and RequestId stay as VOD sent them.
pub fn vod_error_in(err: vod::Error, locale: Locale) -> AppError {
    crate::ssr::vod_errors::app_error_with(err, locale, |code| match code {
        "Forbidden.LockedTemplateGroup" => Some(td_string!(locale, templates.vod.locked).to_string()),
        "Forbidden.DefaultTemplateGroup" => Some(td_string!(locale, templates.vod.default_undeletable).to_string()),
        "Forbidden.SpecialTemplateGroup" => Some(td_string!(locale, templates.vod.special).to_string()),
        "TrasncodeTemplateGroupExceededMax" => Some(td_string!(locale, templates.vod.groups_max, max = vod::transcode::GROUPS_MAX).to_string()),
        "TranscodeTemplateExceededMax" => Some(td_string!(locale, templates.vod.templates_max, max = TEMPLATES_MAX).to_string()),
        "WatermarkExceededMax" => Some(td_string!(locale, templates.rule.watermarks, max = vod::transcode::WATERMARKS_MAX).to_string()),
        "InvalidTranscodeTemplateGroup.NotFound" => Some(td_string!(locale, templates.vod.group_not_found).to_string()),
        "InvalidVodTemplate.NotFound" => Some(td_string!(locale, templates.vod.snapshot_not_found).to_string()),
        _ => None,
    })
}

fn failed(err: vod::Error, locale: Locale) -> Failed {
    Failed { error: vod_error_in(err, locale), attempted: true }
}

fn invalid(locale: Locale, p: &Problem) -> Failed {
    Failed::from(AppError::invalid(p.field, problem_text(locale, p)))
}

fn row(g: &TranscodeTemplateGroupDetail, templates: Option<usize>) -> GroupRow {
    GroupRow {
        id: g.transcode_template_group_id.clone(),
        name: g.name.clone(),
        is_default: g.is_default == "Default",
        locked: g.locked == "Enabled",
        created: g.creation_time.clone(),
        modified: g.modify_time.clone(),
        templates,
        videos: 0,
    }
}

/// The templates of a group as JSON objects (for the fingerprint and the editor).
fn template_objects(g: &TranscodeTemplateGroupDetail) -> Vec<Map<String, Value>> {
    g.transcode_template_list
        .iter()
        .filter_map(|t| serde_json::to_value(t).ok())
        .filter_map(|v| v.as_object().cloned())
        .collect()
}

fn stamp_of(g: &TranscodeTemplateGroupDetail) -> String {
    vod::transcode::fingerprint(&g.name, &g.locked, &template_objects(g))
}

/// `(videos counted, library total, count per group id)` from the newest videos.
async fn video_counts(client: &vod::Client) -> Result<(usize, i64, Vec<(String, usize)>), vod::Error> {
    let page = read(client, &GetVideoList { page_size: Some(VIDEOS_COUNTED), ..Default::default() }).await?;
    let total = page.total.unwrap_or(page.video_list.len() as i64);
    let ids: Vec<String> = page.video_list.into_iter().map(|v| v.video_id).collect();
    let counted = ids.len();
    let chunks: Vec<Vec<String>> = ids.chunks(INFOS_PER_CALL).map(<[String]>::to_vec).collect();
    let mut counts: Vec<(String, usize)> = Vec::new();
    for got in run_bounded(chunks, IN_FLIGHT, |video_ids| async move { read(client, &GetVideoInfos { video_ids, ..Default::default() }).await }).await {
        for v in got?.video_list {
            match counts.iter_mut().find(|(g, _)| *g == v.template_group_id) {
                Some((_, n)) => *n += 1,
                None => counts.push((v.template_group_id, 1)),
            }
        }
    }
    Ok((counted, total, counts))
}

fn snapshot_of(t: vod::api::VodTemplateInfo) -> SnapshotTemplate {
    SnapshotTemplate {
        form: SnapshotForm::from_config(&t.vod_template_id, &t.name, &t.template_type, &t.template_config),
        id: t.vod_template_id,
        is_default: t.is_default == "Default",
        created: t.creation_time,
    }
}

/// Every group (each read for its template count, within GetTranscodeTemplateGroup's
/// QPS), the videos uploaded into each among the newest, and the snapshot templates. A
/// failure to read the counts or the snapshot templates leaves those out, with a
/// sentence; not the list.
pub async fn overview(client: &vod::Client, locale: Locale) -> Result<TemplatesOverview, AppError> {
    let (groups, counts, snapshots) = join3(
        async {
            let list = read(client, &ListTranscodeTemplateGroup::default()).await?.transcode_template_group_list;
            let read_one = |g: vod::api::TranscodeTemplateGroup| async move {
                let got = read(client, &GetTranscodeTemplateGroup { transcode_template_group_id: g.transcode_template_group_id.clone() }).await;
                let n = got.as_ref().ok().map(|r| r.transcode_template_group.transcode_template_list.len());
                let detail = TranscodeTemplateGroupDetail {
                    transcode_template_group_id: g.transcode_template_group_id,
                    name: g.name,
                    app_id: g.app_id,
                    is_default: g.is_default,
                    locked: g.locked,
                    creation_time: g.creation_time,
                    modify_time: g.modify_time,
                    transcode_template_list: Vec::new(),
                };
                row(&detail, n)
            };
            Ok::<_, vod::Error>(run_bounded(list, IN_FLIGHT, read_one).await)
        },
        video_counts(client),
        // Snapshot and animated-image templates are listed by type.
        async {
            let (snapshots, animated) = join(
                read(client, &ListVodTemplate { template_type: "Snapshot".into(), app_id: None }),
                read(client, &ListVodTemplate { template_type: "DynamicImage".into(), app_id: None }),
            )
            .await;
            let mut list = snapshots?.vod_template_info_list;
            list.extend(animated?.vod_template_info_list);
            Ok::<_, vod::Error>(list)
        },
    )
    .await;
    let mut groups = groups.map_err(|e| vod_error_in(e, locale))?;
    let mut partial = Vec::new();
    let (videos_counted, videos_total) = match counts {
        Ok((counted, total, counts)) => {
            for g in &mut groups {
                g.videos = counts.iter().find(|(id, _)| *id == g.id).map_or(0, |(_, n)| *n);
            }
            (counted, total)
        }
        Err(e) => {
            partial.push(vod_error_in(e, locale).localized(locale));
            (0, 0)
        }
    };
    let snapshots = match snapshots {
        Ok(list) => list.into_iter().map(snapshot_of).collect(),
        Err(e) => {
            partial.push(vod_error_in(e, locale).localized(locale));
            Vec::new()
        }
    };
    // The default first, then by creation.
    groups.sort_by(|a, b| b.is_default.cmp(&a.is_default).then(a.created.cmp(&b.created)));
    let partial_error = (!partial.is_empty()).then(|| partial.join(" "));
    Ok(TemplatesOverview { groups, videos_counted, videos_total, snapshots, partial_error, cached_age_secs: None })
}

/// One group with its templates and the watermarks a rendition may stamp.
pub async fn group(client: &vod::Client, locale: Locale, id: &str) -> Result<GroupDetail, AppError> {
    let (got, marks) = join(
        read(client, &GetTranscodeTemplateGroup { transcode_template_group_id: id.to_string() }),
        read(client, &ListWatermark::default()),
    )
    .await;
    let g = got.map_err(|e| vod_error_in(e, locale))?.transcode_template_group;
    let marks = marks
        .map(|m| {
            m.watermark_infos
                .into_iter()
                .map(|w| MarkChoice { is_default: w.is_default(), id: w.watermark_id, name: w.name })
                .collect()
        })
        .unwrap_or_default();
    let templates = template_objects(&g).iter().map(Rendition::from_template).collect();
    Ok(GroupDetail { row: row(&g, Some(g.transcode_template_list.len())), stamp: stamp_of(&g), templates, marks })
}

/// The group as VOD has it now, refused when it is not what the editor opened.
async fn current(client: &vod::Client, locale: Locale, id: &str, stamp: &str) -> Result<TranscodeTemplateGroupDetail, Failed> {
    let got = client
        .fresh(true)
        .call_with_retry(&GetTranscodeTemplateGroup { transcode_template_group_id: id.to_string() }, RetryPolicy::default())
        .await
        .map_err(|e| Failed::from(vod_error_in(e, locale)))?;
    let g = got.transcode_template_group;
    if g.locked == "Enabled" {
        return Err(Failed::from(AppError::invalid("group", td_string!(locale, templates.vod.locked))));
    }
    if stamp_of(&g) != stamp {
        return Err(Failed::from(AppError::invalid("stamp", td_string!(locale, templates.editor.stale))));
    }
    Ok(g)
}

/// Saves one rendition: added to the group (no id) or changed in it, after its rules
/// are checked and the group is re-read (a change made at VOD since the editor opened
/// it refuses the save). Returns what changed, field by field.
pub async fn save_rendition(client: &vod::Client, locale: Locale, group_id: &str, stamp: &str, form: &Rendition) -> Result<GroupSaved, Failed> {
    let adding = form.id.is_empty();
    form.check(adding).map_err(|p| invalid(locale, &p))?;
    let g = current(client, locale, group_id, stamp).await?;
    let before = match adding {
        true => {
            if g.transcode_template_list.len() >= TEMPLATES_MAX {
                let message = td_string!(locale, templates.vod.templates_max, max = TEMPLATES_MAX);
                return Err(Failed::from(AppError::invalid("templates", message.to_string())));
            }
            Rendition::default()
        }
        false => template_objects(&g)
            .iter()
            .map(Rendition::from_template)
            .find(|t| t.id == form.id)
            .ok_or_else(|| Failed::from(AppError::invalid("template", td_string!(locale, templates.editor.stale))))?,
    };
    let mut sent = form.clone();
    // What the editor does not show is kept from VOD's copy (never from the browser).
    sent.base = before.base.clone();
    if !adding {
        // The definition is VOD's label of the template and cannot change.
        sent.definition = before.definition.clone();
    }
    let changes = diff(&before, &sent);
    let list = Value::Array(vec![Value::Object(sent.to_json())]).to_string();
    let request_id = if adding {
        let request = AddTranscodeTemplateGroup { transcode_template_group_id: Some(group_id.to_string()), transcode_template_list: Some(list), ..Default::default() };
        client.call(&request).await.map_err(|e| failed(e, locale))?.request_id
    } else {
        let request = UpdateTranscodeTemplateGroup { transcode_template_group_id: group_id.to_string(), transcode_template_list: Some(list), ..Default::default() };
        client.call(&request).await.map_err(|e| failed(e, locale))?.request_id
    };
    Ok(GroupSaved { group_id: group_id.to_string(), request_id, changes })
}

/// Deletes one template of a group (after the same stale check).
pub async fn delete_rendition(client: &vod::Client, locale: Locale, group_id: &str, stamp: &str, template_id: &str) -> Result<(String, String), Failed> {
    let g = current(client, locale, group_id, stamp).await?;
    let name = g
        .transcode_template_list
        .iter()
        .find(|t| t.transcode_template_id == template_id)
        .map(|t| t.template_name.clone())
        .ok_or_else(|| Failed::from(AppError::invalid("template", td_string!(locale, templates.editor.stale))))?;
    let request = DeleteTranscodeTemplateGroup {
        transcode_template_group_id: group_id.to_string(),
        transcode_template_ids: Some(Value::from(vec![template_id.to_string()]).to_string()),
        force_del_group: None,
    };
    let got = client.call(&request).await.map_err(|e| failed(e, locale))?;
    Ok((name, got.request_id))
}

/// Renames a group (after the stale check).
pub async fn rename(client: &vod::Client, locale: Locale, group_id: &str, stamp: &str, name: &str) -> Result<(String, String), Failed> {
    vod::transcode::check_group_name(name).map_err(|p| invalid(locale, &p))?;
    let g = current(client, locale, group_id, stamp).await?;
    let request = UpdateTranscodeTemplateGroup { transcode_template_group_id: group_id.to_string(), name: Some(name.trim().to_string()), ..Default::default() };
    let got = client.call(&request).await.map_err(|e| failed(e, locale))?;
    Ok((g.name, got.request_id))
}

/// Creates a group from a preset (or empty: a group that transcodes nothing).
pub async fn create(client: &vod::Client, locale: Locale, name: &str, preset_key: &str) -> Result<(GroupSaved, usize), Failed> {
    vod::transcode::check_group_name(name).map_err(|p| invalid(locale, &p))?;
    let renditions = match preset_key {
        "" | "empty" => Vec::new(),
        key => (preset(key).ok_or_else(|| Failed::from(AppError::invalid("preset", td_string!(locale, templates.create.unknown_preset))))?.renditions)(),
    };
    let list = (!renditions.is_empty()).then(|| Value::Array(renditions.iter().map(|r| Value::Object(r.to_json())).collect()).to_string());
    let request = AddTranscodeTemplateGroup { name: Some(name.trim().to_string()), transcode_template_list: list, ..Default::default() };
    let got = client.call(&request).await.map_err(|e| failed(e, locale))?;
    Ok((GroupSaved { group_id: got.transcode_template_group_id, request_id: got.request_id, changes: Vec::new() }, renditions.len()))
}

/// Makes a group the default; returns its name and the RequestId.
pub async fn set_default(client: &vod::Client, locale: Locale, group_id: &str) -> Result<(String, String), Failed> {
    let g = read(&client.fresh(true), &GetTranscodeTemplateGroup { transcode_template_group_id: group_id.to_string() })
        .await
        .map_err(|e| Failed::from(vod_error_in(e, locale)))?
        .transcode_template_group;
    let got = client
        .call(&SetDefaultTranscodeTemplateGroup { transcode_template_group_id: group_id.to_string() })
        .await
        .map_err(|e| failed(e, locale))?;
    Ok((g.name, got.request_id))
}

/// Deletes a whole group (ForceDelGroup) once its name is typed as `confirm`. The
/// default group and a locked one cannot go.
pub async fn delete_group(client: &vod::Client, locale: Locale, group_id: &str, confirm: &str) -> Result<(String, usize, String), Failed> {
    let g = read(&client.fresh(true), &GetTranscodeTemplateGroup { transcode_template_group_id: group_id.to_string() })
        .await
        .map_err(|e| Failed::from(vod_error_in(e, locale)))?
        .transcode_template_group;
    if g.is_default == "Default" {
        return Err(Failed::from(AppError::invalid("group", td_string!(locale, templates.vod.default_undeletable))));
    }
    if confirm.trim() != g.name {
        return Err(Failed::from(AppError::invalid("confirm", td_string!(locale, templates.delete_group.type_name_error, name = g.name.as_str()))));
    }
    let request = DeleteTranscodeTemplateGroup {
        transcode_template_group_id: group_id.to_string(),
        transcode_template_ids: None,
        force_del_group: Some("true".into()),
    };
    let got = client.call(&request).await.map_err(|e| failed(e, locale))?;
    Ok((g.name, g.transcode_template_list.len(), got.request_id))
}

/// Adds (no id) or updates a snapshot template; returns its id, the RequestId and what
/// changed.
pub async fn save_snapshot(client: &vod::Client, locale: Locale, form: &SnapshotForm) -> Result<(String, String, Vec<String>), Failed> {
    form.check().map_err(|p| invalid(locale, &p))?;
    let name = form.name.trim().to_string();
    if form.id.is_empty() {
        let request = AddVodTemplate { name, template_type: form.kind().into(), template_config: form.config_json(""), app_id: None };
        let got = client.call(&request).await.map_err(|e| failed(e, locale))?;
        return Ok((got.vod_template_id, got.request_id, Vec::new()));
    }
    let before = read(&client.fresh(true), &GetVodTemplate { vod_template_id: form.id.clone() })
        .await
        .map_err(|e| Failed::from(vod_error_in(e, locale)))?
        .vod_template_info;
    let was = SnapshotForm::from_config(&form.id, &before.name, &before.template_type, &before.template_config);
    let changes: Vec<String> = SNAPSHOT_FIELDS
        .iter()
        .filter(|(f, _)| was.get(f).trim() != form.get(f).trim())
        .map(|(f, wire)| format!("{wire} {} → {}", was.get(f), form.get(f).trim()))
        .collect();
    let request = UpdateVodTemplate { vod_template_id: form.id.clone(), name: Some(name), template_config: Some(form.config_json(&before.template_config)) };
    let got = client.call(&request).await.map_err(|e| failed(e, locale))?;
    Ok((form.id.clone(), got.request_id, changes))
}

/// Deletes a snapshot template; returns its name and the RequestId.
pub async fn delete_snapshot(client: &vod::Client, locale: Locale, id: &str) -> Result<(String, String), Failed> {
    let before = read(&client.fresh(true), &GetVodTemplate { vod_template_id: id.to_string() })
        .await
        .map_err(|e| Failed::from(vod_error_in(e, locale)))?
        .vod_template_info;
    let got = client.call(&DeleteVodTemplate { vod_template_id: id.to_string() }).await.map_err(|e| failed(e, locale))?;
    Ok((before.name, got.request_id))
}

/// Submits a transcoding of each video with a group, paced to SubmitTranscodeJobs' QPS
/// by the budget; one result per video (a refusal does not stop the others).
pub async fn submit_jobs(client: &vod::Client, locale: Locale, video_ids: Vec<String>, group_id: &str) -> Vec<(SubmitOutcome, Option<String>)> {
    let submit_one = |video_id: String| async move {
        let request = SubmitTranscodeJobs { video_id: video_id.clone(), template_group_id: group_id.to_string(), ..Default::default() };
        match client.call(&request).await {
            Ok(r) => (SubmitOutcome { video_id, ok: true, detail: r.transcode_task_id }, Some(r.request_id)),
            Err(e) => {
                let request_id = e.request_id().map(str::to_string);
                (SubmitOutcome { video_id, ok: false, detail: vod_error_in(e, locale).localized(locale) }, request_id)
            }
        }
    };
    run_bounded(video_ids, IN_FLIGHT, submit_one).await
}

/// The latest transcoding of each video (GetTranscodeSummary, ten per call, fanned out)
/// with its newest task (ListTranscodeTask) and the videos' titles.
pub async fn jobs(client: &vod::Client, locale: Locale, video_ids: Vec<String>) -> Result<JobsView, AppError> {
    let chunks: Vec<Vec<String>> = video_ids.chunks(SUMMARIES_PER_CALL).map(<[String]>::to_vec).collect();
    let info_chunks: Vec<Vec<String>> = video_ids.chunks(INFOS_PER_CALL).map(<[String]>::to_vec).collect();
    let (summaries, infos, groups) = join3(
        run_bounded(chunks, IN_FLIGHT, |video_ids| async move { read(client, &GetTranscodeSummary { video_ids }).await }),
        run_bounded(info_chunks, IN_FLIGHT, |video_ids| async move { read(client, &GetVideoInfos { video_ids, ..Default::default() }).await }),
        read(client, &ListTranscodeTemplateGroup::default()),
    )
    .await;
    let titles: Vec<(String, String)> =
        infos.into_iter().filter_map(Result::ok).flat_map(|r| r.video_list).map(|v| (v.video_id, v.title)).collect();
    let groups = groups.map(|g| g.transcode_template_group_list).unwrap_or_default();
    let mut videos = Vec::new();
    let mut unknown = Vec::new();
    for got in summaries {
        let got = got.map_err(|e| vod_error_in(e, locale))?;
        unknown.extend(got.non_exist_video_ids);
        for s in got.transcode_summary_list {
            let jobs = s
                .transcode_job_info_summary_list
                .into_iter()
                .map(|j| (job_error(&j), j))
                .map(|(error, j)| JobRow {
                    job_id: j.transcode_job_id,
                    definition: j.definition,
                    status: j.transcode_job_status,
                    progress: j.transcode_progress.unwrap_or(0),
                    format: j.format,
                    resolution: resolution(&j.width, &j.height),
                    size: j.filesize,
                    error,
                })
                .collect();
            videos.push(VideoTranscode {
                title: titles.iter().find(|(id, _)| *id == s.video_id).map(|(_, t)| t.clone()).unwrap_or_default(),
                group_name: groups.iter().find(|g| g.transcode_template_group_id == s.transcode_template_group_id).map(|g| g.name.clone()).unwrap_or_default(),
                video_id: s.video_id,
                group_id: s.transcode_template_group_id,
                status: s.transcode_status,
                created: s.creation_time,
                completed: s.complete_time,
                task_id: String::new(),
                trigger: String::new(),
                jobs,
            });
        }
    }
    // Each video's newest task: its ID and what started it.
    let ids: Vec<String> = videos.iter().map(|v| v.video_id.clone()).collect();
    let tasks = run_bounded(ids, IN_FLIGHT, |video_id| async move {
        read(client, &ListTranscodeTask { video_id, page_size: Some(1), ..Default::default() }).await
    })
    .await;
    for (v, t) in videos.iter_mut().zip(tasks) {
        if let Some(task) = t.ok().and_then(|t| t.transcode_task_list.into_iter().next()) {
            v.task_id = task.transcode_task_id;
            v.trigger = task.trigger;
        }
    }
    // In the order asked.
    videos.sort_by_key(|v| video_ids.iter().position(|id| *id == v.video_id).unwrap_or(usize::MAX));
    Ok(JobsView { videos, unknown })
}

/// `640×360`, or nothing while VOD does not know the size.
fn resolution(width: &str, height: &str) -> String {
    if width.is_empty() || width == "0" { String::new() } else { format!("{width}×{height}") }
}

/// `Code: message` of a failed job, or nothing.
fn job_error(j: &vod::api::TranscodeJobInfo) -> String {
    if j.error_code.is_empty() { String::new() } else { format!("{}: {}", j.error_code, j.error_message) }
}

/// A transcoding task with every job's output file (GetTranscodeTask).
pub async fn task(client: &vod::Client, locale: Locale, task_id: &str) -> Result<TaskDetail, AppError> {
    let t = read(client, &GetTranscodeTask { transcode_task_id: Some(task_id.to_string()), job_ids: None })
        .await
        .map_err(|e| vod_error_in(e, locale))?
        .transcode_task;
    let number = |s: &str| s.trim().parse::<f64>().ok().filter(|n| n.is_finite() && *n > 0.0);
    let jobs = t
        .transcode_job_info_list
        .into_iter()
        .map(|j| {
            let error = job_error(&j);
            let o = j.output_file;
            TaskJob {
                job_id: j.transcode_job_id,
                template_id: j.transcode_template_id,
                definition: j.definition,
                status: j.transcode_job_status,
                progress: j.transcode_progress.unwrap_or(0),
                error,
                output_url: o.output_file_url,
                resolution: resolution(&o.width, &o.height),
                format: o.format,
                bitrate_kbps: number(&o.bitrate),
                fps: number(&o.fps),
                duration_s: number(&o.duration),
                size: o.filesize.filter(|s| *s > 0),
                encryption: o.encryption,
                watermarks: o.watermark_id_list,
            }
        })
        .collect();
    Ok(TaskDetail {
        task_id: t.transcode_task_id,
        video_id: t.video_id,
        group_id: t.transcode_template_group_id,
        status: t.task_status,
        trigger: t.trigger,
        created: t.creation_time,
        completed: t.complete_time,
        jobs,
    })
}
