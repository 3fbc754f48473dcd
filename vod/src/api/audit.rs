//! Review: manual decisions (CreateAudit, GetAuditHistory), the review security IPs that
//! may play videos in Checking or Blocked status, AI moderation jobs and their results,
//! and the AI templates that configure them. Scores, timestamps and labels arrive as
//! strings and are kept as sent; labels are open strings (VOD keeps adding new ones).

use serde::{Deserialize, Serialize};

use super::{object_or_default, request_id_only};
use crate::de;

// ---------------------------------------------------------------------------------------
// Manual review

/// Most decisions one CreateAudit call may carry (the reference says 20; a newer SDK
/// says 100).
pub const MAX_AUDIT_BATCH: usize = 20;
/// Longest `Reason`, in bytes.
pub const MAX_AUDIT_REASON_BYTES: usize = 128;
/// Longest `Comment`, in bytes.
pub const MAX_AUDIT_COMMENT_BYTES: usize = 512;

/// One decision in `AuditContent`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct AuditDecision {
    pub video_id: String,
    /// `Normal` or `Blocked`.
    pub status: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub comment: String,
}

crate::action! {
    /// Records manual review decisions (at most [`MAX_AUDIT_BATCH`]): `Normal` publishes
    /// a video, `Blocked` blocks it.
    CreateAudit -> CreateAuditResponse [not_idempotent] {
        /// A JSON array of [`AuditDecision`]s; see [`CreateAudit::of`].
        audit_content: String => req "AuditContent",
    }
}

impl CreateAudit {
    pub fn of(decisions: &[AuditDecision]) -> Self {
        Self { audit_content: serde_json::to_string(decisions).unwrap_or_else(|_| "[]".into()) }
    }
}

crate::action! {
    /// One video's manual review history, newest first by default.
    GetAuditHistory -> GetAuditHistoryResponse {
        video_id: String => req "VideoId",
        page_no: Option<u32> => opt "PageNo",
        /// At most 100.
        page_size: Option<u32> => opt "PageSize",
        /// `CreationTime:Desc` (default) or `CreationTime:Asc`.
        sort_by: Option<String> => opt "SortBy",
    }
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct GetAuditHistoryResponse {
    #[serde(deserialize_with = "de::string")]
    pub request_id: String,
    /// The latest review result: `Normal` or `Blocked` (empty before any review).
    #[serde(deserialize_with = "de::string")]
    pub status: String,
    #[serde(deserialize_with = "de::int")]
    pub total: Option<i64>,
    #[serde(deserialize_with = "de::list")]
    pub histories: Vec<AuditHistory>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct AuditHistory {
    #[serde(deserialize_with = "de::string")]
    pub auditor: String,
    #[serde(deserialize_with = "de::string")]
    pub status: String,
    #[serde(deserialize_with = "de::string")]
    pub reason: String,
    #[serde(deserialize_with = "de::string")]
    pub comment: String,
    #[serde(deserialize_with = "de::string")]
    pub creation_time: String,
}

// ---------------------------------------------------------------------------------------
// Review security IPs

crate::action! {
    /// Adds (`Append`, the default), replaces (`Cover`) or removes (`Delete`) IPs in a
    /// review security group (`Default` when left out).
    SetAuditSecurityIp -> SetAuditSecurityIpResponse {
        /// Comma-separated IPv4 addresses or CIDR blocks.
        ips: String => req "Ips",
        security_group_name: Option<String> => opt "SecurityGroupName",
        operate_mode: Option<String> => opt "OperateMode",
    }
}

crate::action! {
    /// The review security IP groups (one, by name, or all).
    ListAuditSecurityIp -> ListAuditSecurityIpResponse {
        security_group_name: Option<String> => opt "SecurityGroupName",
    }
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct ListAuditSecurityIpResponse {
    #[serde(deserialize_with = "de::string")]
    pub request_id: String,
    #[serde(deserialize_with = "de::list")]
    pub security_ip_list: Vec<SecurityIpGroup>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct SecurityIpGroup {
    #[serde(deserialize_with = "de::string")]
    pub security_group_name: String,
    /// Comma-separated.
    #[serde(deserialize_with = "de::string")]
    pub ips: String,
    #[serde(deserialize_with = "de::string")]
    pub creation_time: String,
    #[serde(deserialize_with = "de::string")]
    pub modification_time: String,
}

impl SecurityIpGroup {
    pub fn ip_list(&self) -> Vec<&str> {
        self.ips.split(',').map(str::trim).filter(|s| !s.is_empty()).collect()
    }
}

// ---------------------------------------------------------------------------------------
// AI moderation jobs

crate::action! {
    /// Starts AI moderation of a video (the default `AIMediaAudit` template when
    /// `template_id` is left out).
    SubmitAIMediaAuditJob -> SubmitAIMediaAuditJobResponse [not_idempotent] {
        media_id: String => req "MediaId",
        template_id: Option<String> => opt "TemplateId",
        /// Always `video`.
        media_type: Option<String> => opt "MediaType",
        /// `{"ResourceType":"..."}`.
        media_audit_configuration: Option<String> => opt "MediaAuditConfiguration",
        user_data: Option<String> => opt "UserData",
    }
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct SubmitAIMediaAuditJobResponse {
    #[serde(deserialize_with = "de::string")]
    pub request_id: String,
    #[serde(deserialize_with = "de::string")]
    pub job_id: String,
    #[serde(deserialize_with = "de::string")]
    pub media_id: String,
}

crate::action! {
    /// Starts AI moderation of an image.
    SubmitAIImageAuditJob -> SubmitAIImageAuditJobResponse [not_idempotent] {
        media_id: String => req "MediaId",
        template_id: String => req "TemplateId",
        media_audit_configuration: Option<String> => opt "MediaAuditConfiguration",
    }
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct SubmitAIImageAuditJobResponse {
    #[serde(deserialize_with = "de::string")]
    pub request_id: String,
    #[serde(deserialize_with = "de::string")]
    pub job_id: String,
}

crate::action! {
    /// One AI moderation job; once it succeeded, with its whole result.
    GetAIMediaAuditJob -> GetAIMediaAuditJobResponse {
        job_id: String => req "JobId",
    }
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct GetAIMediaAuditJobResponse {
    #[serde(deserialize_with = "de::string")]
    pub request_id: String,
    #[serde(deserialize_with = "object_or_default")]
    pub media_audit_job: MediaAuditJob,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct MediaAuditJob {
    #[serde(deserialize_with = "de::string")]
    pub job_id: String,
    #[serde(deserialize_with = "de::string")]
    pub media_id: String,
    #[serde(deserialize_with = "de::string")]
    pub r#type: String,
    /// `init`, `processing`, `success` or `fail`.
    #[serde(deserialize_with = "de::string")]
    pub status: String,
    #[serde(deserialize_with = "de::string")]
    pub code: String,
    #[serde(deserialize_with = "de::string")]
    pub message: String,
    #[serde(deserialize_with = "de::string")]
    pub creation_time: String,
    #[serde(deserialize_with = "de::string")]
    pub complete_time: String,
    #[serde(deserialize_with = "de::object")]
    pub data: Option<MediaAuditResult>,
}

impl MediaAuditJob {
    /// Whether the job will not change any more.
    pub fn is_finished(&self) -> bool {
        matches!(self.status.as_str(), "success" | "fail")
    }
}

/// The AI summary of one video or image (GetMediaAuditResult, a finished job's `Data`).
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct MediaAuditResult {
    /// `pass`, `review` or `block`.
    #[serde(deserialize_with = "de::string")]
    pub suggestion: String,
    /// `porn`, `terrorism`, `ad`, `live`, `logo`, `audio` or `normal`.
    #[serde(deserialize_with = "de::string")]
    pub label: String,
    /// Comma-separated: `video`, `image-cover`, `text-title`.
    #[serde(deserialize_with = "de::string")]
    pub abnormal_modules: String,
    #[serde(deserialize_with = "de::object")]
    pub video_result: Option<VideoAuditResult>,
    #[serde(deserialize_with = "de::list")]
    pub image_result: Vec<ImageAuditResult>,
    #[serde(deserialize_with = "de::list")]
    pub text_result: Vec<TextAuditResult>,
    #[serde(deserialize_with = "de::list")]
    pub audio_result: Vec<ScoredLabel>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct VideoAuditResult {
    #[serde(deserialize_with = "de::string")]
    pub suggestion: String,
    #[serde(deserialize_with = "de::string")]
    pub label: String,
    #[serde(deserialize_with = "de::object")]
    pub porn_result: Option<DimensionResult>,
    #[serde(deserialize_with = "de::object")]
    pub terrorism_result: Option<DimensionResult>,
    #[serde(deserialize_with = "de::object")]
    pub ad_result: Option<DimensionResult>,
    #[serde(deserialize_with = "de::object")]
    pub logo_result: Option<DimensionResult>,
    #[serde(deserialize_with = "de::object")]
    pub live_result: Option<DimensionResult>,
    #[serde(deserialize_with = "de::object")]
    pub green_enhanced_result: Option<DimensionResult>,
}

impl VideoAuditResult {
    /// The five frame dimensions with their results, in the console's order.
    pub fn dimensions(&self) -> [(Dimension, Option<&DimensionResult>); 5] {
        [
            (Dimension::Porn, self.porn_result.as_ref()),
            (Dimension::Terrorism, self.terrorism_result.as_ref()),
            (Dimension::Ad, self.ad_result.as_ref()),
            (Dimension::Logo, self.logo_result.as_ref()),
            (Dimension::Live, self.live_result.as_ref()),
        ]
    }
}

/// One frame dimension's result over the whole video.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct DimensionResult {
    #[serde(deserialize_with = "de::string")]
    pub suggestion: String,
    #[serde(deserialize_with = "de::string")]
    pub label: String,
    #[serde(deserialize_with = "de::string")]
    pub max_score: String,
    #[serde(deserialize_with = "de::string")]
    pub average_score: String,
    #[serde(deserialize_with = "de::list")]
    pub counter_list: Vec<LabelCount>,
    #[serde(deserialize_with = "de::list")]
    pub top_list: Vec<TopFrame>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct LabelCount {
    #[serde(deserialize_with = "de::string")]
    pub label: String,
    #[serde(deserialize_with = "de::int")]
    pub count: Option<i64>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct TopFrame {
    #[serde(deserialize_with = "de::string")]
    pub label: String,
    #[serde(deserialize_with = "de::string")]
    pub score: String,
    /// Milliseconds into the video.
    #[serde(deserialize_with = "de::string")]
    pub timestamp: String,
    #[serde(deserialize_with = "de::string")]
    pub url: String,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct ImageAuditResult {
    /// `cover`.
    #[serde(deserialize_with = "de::string")]
    pub r#type: String,
    #[serde(deserialize_with = "de::string")]
    pub url: String,
    #[serde(deserialize_with = "de::string")]
    pub suggestion: String,
    #[serde(deserialize_with = "de::string")]
    pub label: String,
    #[serde(deserialize_with = "de::list")]
    pub result: Vec<ScoredLabel>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct TextAuditResult {
    /// `title`.
    #[serde(deserialize_with = "de::string")]
    pub r#type: String,
    #[serde(deserialize_with = "de::string")]
    pub content: String,
    #[serde(deserialize_with = "de::string")]
    pub scene: String,
    #[serde(deserialize_with = "de::string")]
    pub label: String,
    #[serde(deserialize_with = "de::string")]
    pub score: String,
    #[serde(deserialize_with = "de::string")]
    pub suggestion: String,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct ScoredLabel {
    #[serde(deserialize_with = "de::string")]
    pub scene: String,
    #[serde(deserialize_with = "de::string")]
    pub label: String,
    #[serde(deserialize_with = "de::string")]
    pub score: String,
    #[serde(deserialize_with = "de::string")]
    pub suggestion: String,
}

/// The five frame dimensions of video moderation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize)]
pub enum Dimension {
    Porn,
    Terrorism,
    Ad,
    Logo,
    Live,
}

impl Dimension {
    pub const ALL: [Dimension; 5] = [Dimension::Porn, Dimension::Terrorism, Dimension::Ad, Dimension::Logo, Dimension::Live];

    /// The lower-case key VOD uses in labels and templates (`porn`, ..., `live`).
    pub fn key(self) -> &'static str {
        match self {
            Dimension::Porn => "porn",
            Dimension::Terrorism => "terrorism",
            Dimension::Ad => "ad",
            Dimension::Logo => "logo",
            Dimension::Live => "live",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|d| d.key() == key)
    }
}

crate::action! {
    /// The AI summary of a video or image.
    GetMediaAuditResult -> GetMediaAuditResultResponse {
        media_id: String => req "MediaId",
    }
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct GetMediaAuditResultResponse {
    #[serde(deserialize_with = "de::string")]
    pub request_id: String,
    /// `None` when the media has not been moderated.
    #[serde(deserialize_with = "de::object")]
    pub media_audit_result: Option<MediaAuditResult>,
}

/// Frames per GetMediaAuditResultDetail page.
pub const AUDIT_DETAIL_PAGE: usize = 20;

crate::action! {
    /// Flagged frames with their scores in every dimension, 20 per page.
    GetMediaAuditResultDetail -> GetMediaAuditResultDetailResponse {
        media_id: String => req "MediaId",
        page_no: u32 => req "PageNo",
    }
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct GetMediaAuditResultDetailResponse {
    #[serde(deserialize_with = "de::string")]
    pub request_id: String,
    #[serde(deserialize_with = "object_or_default")]
    pub media_audit_result_detail: AuditFramePage,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct AuditFramePage {
    #[serde(deserialize_with = "de::int")]
    pub total: Option<i64>,
    #[serde(deserialize_with = "de::list")]
    pub list: Vec<AuditFrame>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct AuditFrame {
    /// Milliseconds into the video.
    #[serde(deserialize_with = "de::string")]
    pub timestamp: String,
    #[serde(deserialize_with = "de::string")]
    pub url: String,
    #[serde(deserialize_with = "de::string")]
    pub porn_label: String,
    #[serde(deserialize_with = "de::string")]
    pub porn_score: String,
    #[serde(deserialize_with = "de::string")]
    pub terrorism_label: String,
    #[serde(deserialize_with = "de::string")]
    pub terrorism_score: String,
    #[serde(deserialize_with = "de::string")]
    pub ad_label: String,
    #[serde(deserialize_with = "de::string")]
    pub ad_score: String,
    #[serde(deserialize_with = "de::string")]
    pub logo_label: String,
    #[serde(deserialize_with = "de::string")]
    pub logo_score: String,
    #[serde(deserialize_with = "de::string")]
    pub live_label: String,
    #[serde(deserialize_with = "de::string")]
    pub live_score: String,
}

impl AuditFrame {
    /// The frame's label and score in `d`.
    pub fn get(&self, d: Dimension) -> (&str, &str) {
        match d {
            Dimension::Porn => (&self.porn_label, &self.porn_score),
            Dimension::Terrorism => (&self.terrorism_label, &self.terrorism_score),
            Dimension::Ad => (&self.ad_label, &self.ad_score),
            Dimension::Logo => (&self.logo_label, &self.logo_score),
            Dimension::Live => (&self.live_label, &self.live_score),
        }
    }
}

crate::action! {
    /// Every flagged frame's timestamp, per dimension.
    GetMediaAuditResultTimeline -> GetMediaAuditResultTimelineResponse {
        media_id: String => req "MediaId",
    }
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct GetMediaAuditResultTimelineResponse {
    #[serde(deserialize_with = "de::string")]
    pub request_id: String,
    #[serde(deserialize_with = "object_or_default")]
    pub media_audit_result_timeline: AuditTimeline,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct AuditTimeline {
    #[serde(deserialize_with = "de::list")]
    pub porn: Vec<TimelineMark>,
    #[serde(deserialize_with = "de::list")]
    pub terrorism: Vec<TimelineMark>,
    #[serde(deserialize_with = "de::list")]
    pub ad: Vec<TimelineMark>,
    #[serde(deserialize_with = "de::list")]
    pub logo: Vec<TimelineMark>,
    #[serde(deserialize_with = "de::list")]
    pub live: Vec<TimelineMark>,
}

impl AuditTimeline {
    pub fn get(&self, d: Dimension) -> &[TimelineMark] {
        match d {
            Dimension::Porn => &self.porn,
            Dimension::Terrorism => &self.terrorism,
            Dimension::Ad => &self.ad,
            Dimension::Logo => &self.logo,
            Dimension::Live => &self.live,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct TimelineMark {
    /// Milliseconds into the video.
    #[serde(deserialize_with = "de::string")]
    pub timestamp: String,
    #[serde(deserialize_with = "de::string")]
    pub label: String,
    #[serde(deserialize_with = "de::string")]
    pub score: String,
}

crate::action! {
    /// Flagged audio segments with their text (all of them when `page_no` is left out).
    GetMediaAuditAudioResultDetail -> GetMediaAuditAudioResultDetailResponse {
        media_id: String => req "MediaId",
        page_no: Option<u32> => opt "PageNo",
    }
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct GetMediaAuditAudioResultDetailResponse {
    #[serde(deserialize_with = "de::string")]
    pub request_id: String,
    #[serde(deserialize_with = "object_or_default")]
    pub media_audit_audio_result_detail: AudioSegmentPage,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct AudioSegmentPage {
    #[serde(deserialize_with = "de::int")]
    pub total: Option<i64>,
    #[serde(deserialize_with = "de::int")]
    pub page_total: Option<i64>,
    #[serde(deserialize_with = "de::list")]
    pub list: Vec<AudioSegment>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct AudioSegment {
    /// Seconds into the media.
    #[serde(deserialize_with = "de::int")]
    pub start_time: Option<i64>,
    #[serde(deserialize_with = "de::int")]
    pub end_time: Option<i64>,
    #[serde(deserialize_with = "de::string")]
    pub label: String,
    #[serde(deserialize_with = "de::string")]
    pub text: String,
}

// ---------------------------------------------------------------------------------------
// AI templates

/// Longest AI template name, in bytes.
pub const MAX_AI_TEMPLATE_NAME_BYTES: usize = 128;

crate::action! {
    /// Creates an AI template (`AIMediaAudit` or `AIImage`).
    AddAITemplate -> AITemplateIdResponse [not_idempotent] {
        template_name: String => req "TemplateName",
        template_type: String => req "TemplateType",
        /// JSON; see [`crate::ai_template`].
        template_config: String => req "TemplateConfig",
    }
}

crate::action! {
    /// Renames an AI template and replaces its configuration.
    UpdateAITemplate -> AITemplateIdResponse {
        template_id: String => req "TemplateId",
        template_name: String => req "TemplateName",
        template_config: String => req "TemplateConfig",
    }
}

crate::action! {
    /// Deletes an AI template (not the default).
    DeleteAITemplate -> AITemplateIdResponse {
        template_id: String => req "TemplateId",
    }
}

crate::action! {
    /// Makes an AI template the default of its type.
    SetDefaultAITemplate -> AITemplateIdResponse {
        template_id: String => req "TemplateId",
    }
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct AITemplateIdResponse {
    #[serde(deserialize_with = "de::string")]
    pub request_id: String,
    #[serde(deserialize_with = "de::string")]
    pub template_id: String,
}

crate::action! {
    /// One AI template.
    GetAITemplate -> AITemplateResponse {
        template_id: String => req "TemplateId",
    }
}

crate::action! {
    /// The default AI template (only `AIMediaAudit` has one).
    GetDefaultAITemplate -> AITemplateResponse {
        template_type: String => req "TemplateType",
    }
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct AITemplateResponse {
    #[serde(deserialize_with = "de::string")]
    pub request_id: String,
    #[serde(deserialize_with = "de::object")]
    pub template_info: Option<AITemplateInfo>,
}

crate::action! {
    /// The AI templates of one type.
    ListAITemplate -> ListAITemplateResponse {
        template_type: String => req "TemplateType",
    }
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct ListAITemplateResponse {
    #[serde(deserialize_with = "de::string")]
    pub request_id: String,
    #[serde(deserialize_with = "de::list")]
    pub template_info_list: Vec<AITemplateInfo>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct AITemplateInfo {
    #[serde(deserialize_with = "de::string")]
    pub template_id: String,
    #[serde(deserialize_with = "de::string")]
    pub template_name: String,
    /// `AIMediaAudit` or `AIImage`.
    #[serde(deserialize_with = "de::string")]
    pub template_type: String,
    /// JSON as a string.
    #[serde(deserialize_with = "de::string")]
    pub template_config: String,
    /// `Default` or `NotDefault`.
    #[serde(deserialize_with = "de::string")]
    pub is_default: String,
    /// `System` or `Custom`.
    #[serde(deserialize_with = "de::string")]
    pub source: String,
    #[serde(deserialize_with = "de::string")]
    pub creation_time: String,
    #[serde(deserialize_with = "de::string")]
    pub modify_time: String,
}

impl AITemplateInfo {
    pub fn is_default(&self) -> bool {
        self.is_default == "Default"
    }
}

request_id_only! {
    /// CreateAudit's answer.
    CreateAuditResponse;
    /// SetAuditSecurityIp's answer.
    SetAuditSecurityIpResponse;
}
