//! Per-action QPS limits of the VOD API (per Alibaba Cloud account), copied from the
//! QPS table of the 2022 API reference (section 2) as catalogued in the project's
//! actions catalog (`actions.json`: `qps`, `qps_unit`). An action missing here has no
//! published limit and is never throttled.

/// The window a limit counts over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Window {
    PerSecond,
    /// A daily quota (UploadMediaByURL), not a rate.
    PerDay,
}

impl Window {
    pub fn duration(self) -> std::time::Duration {
        match self {
            Window::PerSecond => std::time::Duration::from_secs(1),
            Window::PerDay => std::time::Duration::from_secs(86_400),
        }
    }
}

/// `(action, limit, window)`.
pub const QPS_LIMITS: &[(&str, u32, Window)] = &[
    ("SearchMedia", 50, Window::PerSecond),
    ("GetVideoList", 100, Window::PerSecond),
    ("GetVideoInfo", 100, Window::PerSecond),
    ("GetVideoInfos", 100, Window::PerSecond),
    ("UpdateVideoInfo", 100, Window::PerSecond),
    ("UpdateVideoInfos", 30, Window::PerSecond),
    ("DeleteVideo", 30, Window::PerSecond),
    ("GetMezzanineInfo", 100, Window::PerSecond),
    ("GetPlayInfo", 360, Window::PerSecond),
    ("GetVideoPlayAuth", 360, Window::PerSecond),
    ("GetImageInfo", 100, Window::PerSecond),
    // GetImageInfos: no limit in the QPS table (newer than the 2022 reference).
    ("UpdateImageInfos", 50, Window::PerSecond),
    ("DeleteImage", 50, Window::PerSecond),
    ("ListSnapshots", 30, Window::PerSecond),
    ("GetAttachedMediaInfo", 100, Window::PerSecond),
    ("UpdateAttachedMediaInfos", 100, Window::PerSecond),
    ("DeleteAttachedMedia", 50, Window::PerSecond),
    ("CreateUploadVideo", 120, Window::PerSecond),
    ("RefreshUploadVideo", 120, Window::PerSecond),
    ("CreateUploadImage", 100, Window::PerSecond),
    ("UploadMediaByURL", 200000, Window::PerDay), // 200,000 calls per day per account (seed section 2 table, line 805 — a daily quota, not a per-second QPS)
    ("GetURLUploadInfos", 100, Window::PerSecond),
    ("GetUploadDetails", 100, Window::PerSecond),
    ("AddCategory", 30, Window::PerSecond),
    ("UpdateCategory", 100, Window::PerSecond),
    ("DeleteCategory", 10, Window::PerSecond),
    ("GetCategories", 50, Window::PerSecond),
    ("AddTranscodeTemplateGroup", 5, Window::PerSecond),
    ("UpdateTranscodeTemplateGroup", 5, Window::PerSecond),
    ("DeleteTranscodeTemplateGroup", 5, Window::PerSecond),
    ("ListTranscodeTemplateGroup", 15, Window::PerSecond),
    ("GetTranscodeTemplateGroup", 30, Window::PerSecond),
    ("SetDefaultTranscodeTemplateGroup", 5, Window::PerSecond),
    ("AddVodTemplate", 10, Window::PerSecond),
    ("UpdateVodTemplate", 20, Window::PerSecond),
    ("DeleteVodTemplate", 5, Window::PerSecond),
    ("ListVodTemplate", 10, Window::PerSecond),
    ("GetVodTemplate", 30, Window::PerSecond),
    ("SubmitTranscodeJobs", 30, Window::PerSecond),
    ("GetTranscodeSummary", 15, Window::PerSecond),
    ("ListTranscodeTask", 15, Window::PerSecond),
    ("GetTranscodeTask", 15, Window::PerSecond),
    ("AddWatermark", 10, Window::PerSecond),
    ("UpdateWatermark", 2, Window::PerSecond),
    ("DeleteWatermark", 5, Window::PerSecond),
    ("ListWatermark", 10, Window::PerSecond),
    ("GetWatermark", 10, Window::PerSecond),
    ("SetDefaultWatermark", 2, Window::PerSecond),
    ("CreateAudit", 100, Window::PerSecond),
    ("GetAuditHistory", 100, Window::PerSecond),
    ("SetAuditSecurityIp", 100, Window::PerSecond),
    ("ListAuditSecurityIp", 100, Window::PerSecond),
    ("SubmitAIMediaAuditJob", 15, Window::PerSecond),
    ("GetAIMediaAuditJob", 20, Window::PerSecond),
    ("GetMediaAuditResult", 20, Window::PerSecond),
    ("GetMediaAuditResultDetail", 10, Window::PerSecond),
    ("GetMediaAuditResultTimeline", 10, Window::PerSecond),
    ("GetMediaAuditAudioResultDetail", 20, Window::PerSecond), // 20/s per account in the seed QPS table (line 1102) but 10/s in the action's own text (seed line 20625); plan for 10/s
    ("SubmitAIImageAuditJob", 20, Window::PerSecond),
    ("AddAITemplate", 5, Window::PerSecond),
    ("UpdateAITemplate", 5, Window::PerSecond),
    ("DeleteAITemplate", 5, Window::PerSecond),
    ("GetAITemplate", 5, Window::PerSecond),
    ("ListAITemplate", 5, Window::PerSecond),
    ("SetDefaultAITemplate", 5, Window::PerSecond),
    ("GetDefaultAITemplate", 10, Window::PerSecond),
    ("DescribeVodStorageData", 10, Window::PerSecond),
    ("DescribeVodTranscodeData", 10, Window::PerSecond),
    ("DescribeVodDomainUsageData", 20, Window::PerSecond),
    ("DescribeVodDomainTrafficData", 100, Window::PerSecond),
    ("DescribeVodDomainBpsData", 100, Window::PerSecond), // 100/s per account (seed section 2 table, line 1193)
    ("DescribeVodAIData", 10, Window::PerSecond),
    ("DescribePlayTopVideos", 100, Window::PerSecond),
    ("DescribePlayUserAvg", 100, Window::PerSecond),
    ("DescribePlayUserTotal", 100, Window::PerSecond),
    ("DescribePlayVideoStatis", 100, Window::PerSecond),
    ("DescribeVodUserDomains", 100, Window::PerSecond),
];

/// The published limit of `action`, if any.
pub fn limit_for(action: &str) -> Option<(u32, Window)> {
    QPS_LIMITS
        .iter()
        .find(|(name, _, _)| *name == action)
        .map(|&(_, limit, window)| (limit, window))
}
