//! Transcode template groups. A group bundles the transcode templates an upload is
//! processed with; uploads name one with `TemplateGroupId` (or get the account default).

use serde::{Deserialize, Serialize};


use crate::de;

/// A transcode template group, without its templates.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct TranscodeTemplateGroup {
    #[serde(deserialize_with = "de::string")]
    pub transcode_template_group_id: String,
    #[serde(deserialize_with = "de::string")]
    pub name: String,
    #[serde(deserialize_with = "de::string")]
    pub app_id: String,
    /// `Default` or `NotDefault`.
    #[serde(deserialize_with = "de::string")]
    pub is_default: String,
    /// `Enabled` (locked) or `Disabled`.
    #[serde(deserialize_with = "de::string")]
    pub locked: String,
    #[serde(deserialize_with = "de::string")]
    pub creation_time: String,
    #[serde(deserialize_with = "de::string")]
    pub modify_time: String,
}

impl TranscodeTemplateGroup {
    pub fn is_default(&self) -> bool {
        self.is_default == "Default"
    }
}

crate::action! {
    /// Lists the template groups of an application (default `app-1000000`).
    ListTranscodeTemplateGroup -> ListTranscodeTemplateGroupResponse {
        app_id: Option<String> => opt "AppId",
    }
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct ListTranscodeTemplateGroupResponse {
    #[serde(deserialize_with = "de::string")]
    pub request_id: String,
    #[serde(deserialize_with = "de::list")]
    pub transcode_template_group_list: Vec<TranscodeTemplateGroup>,
}

/// One transcode template of a group, as GetTranscodeTemplateGroup returns it. Its
/// stream settings (`Video`, `Audio`, `Container`, ...) are JSON strings.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct TranscodeTemplate {
    #[serde(deserialize_with = "de::string")]
    pub transcode_template_id: String,
    #[serde(deserialize_with = "de::string")]
    pub template_name: String,
    /// `Normal`, `VideoPackage` or `SubtitlePackage`.
    #[serde(deserialize_with = "de::string")]
    pub r#type: String,
    /// `LD`, `SD`, `HD`, `FHD`, `OD`, `2K`, `4K`, ...
    #[serde(deserialize_with = "de::string")]
    pub definition: String,
    #[serde(deserialize_with = "de::string")]
    pub video: String,
    #[serde(deserialize_with = "de::string")]
    pub audio: String,
    #[serde(deserialize_with = "de::string")]
    pub container: String,
    #[serde(deserialize_with = "de::string")]
    pub mux_config: String,
    #[serde(deserialize_with = "de::string")]
    pub trans_config: String,
    #[serde(deserialize_with = "de::string")]
    pub clip: String,
    #[serde(deserialize_with = "de::string")]
    pub rotate: String,
    #[serde(deserialize_with = "de::string")]
    pub encrypt_setting: String,
    #[serde(deserialize_with = "de::string")]
    pub package_setting: String,
    #[serde(deserialize_with = "de::string")]
    pub subtitle_list: String,
    #[serde(deserialize_with = "de::string")]
    pub transcode_file_regular: String,
    #[serde(deserialize_with = "de::string")]
    pub copyright_mark: String,
    #[serde(deserialize_with = "de::string")]
    pub trace_mark: String,
    /// Watermark IDs (at most 4); `USER_DEFAULT_WATERMARK` stands for the account's
    /// default watermark.
    #[serde(deserialize_with = "de::list")]
    pub watermark_ids: Vec<String>,
}

/// A transcode template group with its templates.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct TranscodeTemplateGroupDetail {
    #[serde(deserialize_with = "de::string")]
    pub transcode_template_group_id: String,
    #[serde(deserialize_with = "de::string")]
    pub name: String,
    #[serde(deserialize_with = "de::string")]
    pub app_id: String,
    #[serde(deserialize_with = "de::string")]
    pub is_default: String,
    #[serde(deserialize_with = "de::string")]
    pub locked: String,
    #[serde(deserialize_with = "de::string")]
    pub creation_time: String,
    #[serde(deserialize_with = "de::string")]
    pub modify_time: String,
    #[serde(deserialize_with = "de::list")]
    pub transcode_template_list: Vec<TranscodeTemplate>,
}

crate::action! {
    /// One template group with the full configuration of all its templates.
    GetTranscodeTemplateGroup -> GetTranscodeTemplateGroupResponse {
        transcode_template_group_id: String => req "TranscodeTemplateGroupId",
    }
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct GetTranscodeTemplateGroupResponse {
    #[serde(deserialize_with = "de::string")]
    pub request_id: String,
    #[serde(deserialize_with = "super::object_or_default")]
    pub transcode_template_group: TranscodeTemplateGroupDetail,
}

crate::action! {
    /// Creates a template group (`name`), or appends templates to one
    /// (`transcode_template_group_id`). At most 20 groups, 20 templates per group, 4
    /// watermarks per template. Not idempotent.
    AddTranscodeTemplateGroup -> TemplateGroupIdResponse [not_idempotent] {
        name: Option<String> => opt "Name",
        transcode_template_group_id: Option<String> => opt "TranscodeTemplateGroupId",
        /// A JSON array of templates (their stream settings as JSON objects or strings).
        transcode_template_list: Option<String> => opt "TranscodeTemplateList",
        app_id: Option<String> => opt "AppId",
    }
}

crate::action! {
    /// Renames a group, changes templates (by `TranscodeTemplateId`) or adds some, or —
    /// with `locked` — only sets its lock (`Enabled` / `Disabled`).
    UpdateTranscodeTemplateGroup -> TemplateGroupIdResponse {
        transcode_template_group_id: String => req "TranscodeTemplateGroupId",
        name: Option<String> => opt "Name",
        transcode_template_list: Option<String> => opt "TranscodeTemplateList",
        locked: Option<String> => opt "Locked",
    }
}

crate::action! {
    /// Deletes templates of a group (at most 10 IDs, a JSON array), or the whole group
    /// with `force_del_group` `true`. The default group cannot be deleted.
    DeleteTranscodeTemplateGroup -> DeleteTranscodeTemplateGroupResponse {
        transcode_template_group_id: String => req "TranscodeTemplateGroupId",
        transcode_template_ids: Option<String> => opt "TranscodeTemplateIds",
        force_del_group: Option<String> => opt "ForceDelGroup",
    }
}

crate::action! {
    /// Makes a group the account default (the group an upload without one gets).
    SetDefaultTranscodeTemplateGroup -> SetDefaultTranscodeTemplateGroupResponse {
        transcode_template_group_id: String => req "TranscodeTemplateGroupId",
    }
}

/// The answer of AddTranscodeTemplateGroup and UpdateTranscodeTemplateGroup.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct TemplateGroupIdResponse {
    #[serde(deserialize_with = "de::string")]
    pub request_id: String,
    #[serde(deserialize_with = "de::string")]
    pub transcode_template_group_id: String,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct DeleteTranscodeTemplateGroupResponse {
    #[serde(deserialize_with = "de::string")]
    pub request_id: String,
    /// The template IDs asked for that the group did not have.
    #[serde(deserialize_with = "de::list")]
    pub non_exist_transcode_template_ids: Vec<String>,
}

super::request_id_only! {
    /// SetDefaultTranscodeTemplateGroup answers only with its RequestId.
    SetDefaultTranscodeTemplateGroupResponse;
}

/// A snapshot (or animated-image) template.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct VodTemplateInfo {
    #[serde(deserialize_with = "de::string")]
    pub vod_template_id: String,
    #[serde(deserialize_with = "de::string")]
    pub name: String,
    #[serde(deserialize_with = "de::string")]
    pub app_id: String,
    /// `Snapshot` or `DynamicImage`.
    #[serde(deserialize_with = "de::string")]
    pub template_type: String,
    /// `Default` or `NotDefault`.
    #[serde(deserialize_with = "de::string")]
    pub is_default: String,
    /// SnapshotTemplateConfig, as a JSON string.
    #[serde(deserialize_with = "de::string")]
    pub template_config: String,
    #[serde(deserialize_with = "de::string")]
    pub creation_time: String,
    #[serde(deserialize_with = "de::string")]
    pub modify_time: String,
}

crate::action! {
    /// Creates a snapshot template (`Snapshot`) or an animated-image one (`DynamicImage`).
    /// Not idempotent.
    AddVodTemplate -> VodTemplateIdResponse [not_idempotent] {
        /// At most 128 bytes.
        name: String => req "Name",
        template_type: String => req "TemplateType",
        /// SnapshotTemplateConfig JSON.
        template_config: String => req "TemplateConfig",
        app_id: Option<String> => opt "AppId",
    }
}

crate::action! {
    /// Renames a snapshot template or replaces its configuration.
    UpdateVodTemplate -> VodTemplateIdResponse {
        vod_template_id: String => req "VodTemplateId",
        name: Option<String> => opt "Name",
        template_config: Option<String> => opt "TemplateConfig",
    }
}

crate::action! {
    /// Deletes a snapshot template.
    DeleteVodTemplate -> VodTemplateIdResponse {
        vod_template_id: String => req "VodTemplateId",
    }
}

crate::action! {
    /// One snapshot template with its configuration.
    GetVodTemplate -> GetVodTemplateResponse {
        vod_template_id: String => req "VodTemplateId",
    }
}

crate::action! {
    /// The snapshot templates of an application (`template_type` `Snapshot`).
    ListVodTemplate -> ListVodTemplateResponse {
        template_type: String => req "TemplateType",
        app_id: Option<String> => opt "AppId",
    }
}

/// The answer of Add/Update/DeleteVodTemplate.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct VodTemplateIdResponse {
    #[serde(deserialize_with = "de::string")]
    pub request_id: String,
    #[serde(deserialize_with = "de::string")]
    pub vod_template_id: String,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct GetVodTemplateResponse {
    #[serde(deserialize_with = "de::string")]
    pub request_id: String,
    #[serde(deserialize_with = "super::object_or_default")]
    pub vod_template_info: VodTemplateInfo,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct ListVodTemplateResponse {
    #[serde(deserialize_with = "de::string")]
    pub request_id: String,
    #[serde(deserialize_with = "de::list")]
    pub vod_template_info_list: Vec<VodTemplateInfo>,
}

crate::action! {
    /// Starts a manual transcoding of a video (UploadSucc, Normal or Checking) with a
    /// template group. Not idempotent.
    SubmitTranscodeJobs -> SubmitTranscodeJobsResponse [not_idempotent] {
        video_id: String => req "VideoId",
        template_group_id: String => req "TemplateGroupId",
        /// 1-10 (10 first), 6 when left out; orders queued jobs only.
        priority: Option<i64> => opt "Priority",
        override_params: Option<String> => opt "OverrideParams",
        encrypt_config: Option<String> => opt "EncryptConfig",
        pipeline_id: Option<String> => opt "PipelineId",
        user_data: Option<String> => opt "UserData",
        reference_id: Option<String> => opt "ReferenceId",
        /// Deduplication key (at most 50 characters, 7 days).
        session_id: Option<String> => opt "SessionId",
    }
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct TranscodeJobRef {
    #[serde(deserialize_with = "de::string")]
    pub job_id: String,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct SubmitTranscodeJobsResponse {
    #[serde(deserialize_with = "de::string")]
    pub request_id: String,
    #[serde(deserialize_with = "de::string")]
    pub transcode_task_id: String,
    /// `TranscodeJobs.TranscodeJob[]` on the wire.
    #[serde(deserialize_with = "de::list")]
    pub transcode_jobs: Vec<TranscodeJobRef>,
}

/// One job of a task as the summary and the task show it (the output's fields flattened
/// in the summary, under `OutputFile` in the task).
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct TranscodeJobInfo {
    #[serde(deserialize_with = "de::string")]
    pub transcode_job_id: String,
    #[serde(deserialize_with = "de::string")]
    pub transcode_template_id: String,
    /// `Transcoding`, `TranscodeSuccess` or `TranscodeFail`.
    #[serde(deserialize_with = "de::string")]
    pub transcode_job_status: String,
    /// 0-100.
    #[serde(deserialize_with = "de::int")]
    pub transcode_progress: Option<i64>,
    #[serde(deserialize_with = "de::string")]
    pub definition: String,
    #[serde(deserialize_with = "de::string")]
    pub creation_time: String,
    #[serde(deserialize_with = "de::string")]
    pub complete_time: String,
    #[serde(deserialize_with = "de::string")]
    pub error_code: String,
    #[serde(deserialize_with = "de::string")]
    pub error_message: String,
    #[serde(deserialize_with = "de::string")]
    pub format: String,
    #[serde(deserialize_with = "de::string")]
    pub width: String,
    #[serde(deserialize_with = "de::string")]
    pub height: String,
    #[serde(deserialize_with = "de::int")]
    pub filesize: Option<i64>,
    /// GetTranscodeTask only: the job's priority, its source and what it produced.
    #[serde(deserialize_with = "de::string")]
    pub priority: String,
    #[serde(deserialize_with = "de::string")]
    pub input_file_url: String,
    #[serde(deserialize_with = "super::object_or_default")]
    pub output_file: TranscodeOutputFile,
}

/// What a transcoding job produced (GetTranscodeTask's `OutputFile`). VOD sends the
/// numbers as strings (Bitrate in Kbps, Duration in seconds), Filesize as bytes.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct TranscodeOutputFile {
    #[serde(deserialize_with = "de::string")]
    pub output_file_url: String,
    #[serde(deserialize_with = "de::string")]
    pub format: String,
    #[serde(deserialize_with = "de::string")]
    pub width: String,
    #[serde(deserialize_with = "de::string")]
    pub height: String,
    #[serde(deserialize_with = "de::string")]
    pub bitrate: String,
    #[serde(deserialize_with = "de::string")]
    pub duration: String,
    #[serde(deserialize_with = "de::string")]
    pub fps: String,
    #[serde(deserialize_with = "de::int")]
    pub filesize: Option<i64>,
    /// `AliyunVoDEncryption`, `HLSEncryption`, or empty.
    #[serde(deserialize_with = "de::string")]
    pub encryption: String,
    #[serde(deserialize_with = "de::list")]
    pub watermark_id_list: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct TranscodeSummary {
    #[serde(deserialize_with = "de::string")]
    pub video_id: String,
    #[serde(deserialize_with = "de::string")]
    pub transcode_template_group_id: String,
    /// `Processing`, `Partial`, `CompleteAllSucc`, `CompleteAllFail`, `CompletePartialSucc`.
    #[serde(deserialize_with = "de::string")]
    pub transcode_status: String,
    #[serde(deserialize_with = "de::string")]
    pub creation_time: String,
    #[serde(deserialize_with = "de::string")]
    pub complete_time: String,
    #[serde(deserialize_with = "de::list")]
    pub transcode_job_info_summary_list: Vec<TranscodeJobInfo>,
}

crate::action! {
    /// The latest transcoding of each video (at most 10), with each job's progress.
    GetTranscodeSummary -> GetTranscodeSummaryResponse {
        video_ids: Vec<String> => req_list "VideoIds",
    }
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct GetTranscodeSummaryResponse {
    #[serde(deserialize_with = "de::string")]
    pub request_id: String,
    #[serde(deserialize_with = "de::list")]
    pub transcode_summary_list: Vec<TranscodeSummary>,
    #[serde(deserialize_with = "de::list")]
    pub non_exist_video_ids: Vec<String>,
}

/// A transcoding task (with its jobs from GetTranscodeTask).
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct TranscodeTask {
    #[serde(deserialize_with = "de::string")]
    pub transcode_task_id: String,
    #[serde(deserialize_with = "de::string")]
    pub video_id: String,
    #[serde(deserialize_with = "de::string")]
    pub transcode_template_group_id: String,
    #[serde(deserialize_with = "de::string")]
    pub task_status: String,
    #[serde(deserialize_with = "de::string")]
    pub creation_time: String,
    #[serde(deserialize_with = "de::string")]
    pub complete_time: String,
    /// `Auto` or `Manual`.
    #[serde(deserialize_with = "de::string")]
    pub trigger: String,
    #[serde(deserialize_with = "de::list")]
    pub transcode_job_info_list: Vec<TranscodeJobInfo>,
}

crate::action! {
    /// A video's transcoding tasks, newest first (PageSize at most 50).
    ListTranscodeTask -> ListTranscodeTaskResponse {
        video_id: String => req "VideoId",
        page_no: Option<i64> => opt "PageNo",
        page_size: Option<i64> => opt "PageSize",
        start_time: Option<String> => opt "StartTime",
        end_time: Option<String> => opt "EndTime",
    }
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct ListTranscodeTaskResponse {
    #[serde(deserialize_with = "de::string")]
    pub request_id: String,
    #[serde(deserialize_with = "de::list")]
    pub transcode_task_list: Vec<TranscodeTask>,
}

crate::action! {
    /// A task with all its jobs (`transcode_task_id`), or jobs by ID (at most 10).
    GetTranscodeTask -> GetTranscodeTaskResponse {
        transcode_task_id: Option<String> => opt "TranscodeTaskId",
        job_ids: Option<Vec<String>> => opt_list "JobIds",
    }
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct GetTranscodeTaskResponse {
    #[serde(deserialize_with = "de::string")]
    pub request_id: String,
    #[serde(deserialize_with = "super::object_or_default")]
    pub transcode_task: TranscodeTask,
    #[serde(deserialize_with = "de::list")]
    pub transcode_job_info_list: Vec<TranscodeJobInfo>,
    #[serde(deserialize_with = "de::list")]
    pub non_exist_job_ids: Vec<String>,
}
