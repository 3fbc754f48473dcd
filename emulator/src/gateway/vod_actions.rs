//! The actions ApsaraVideo VOD (API 2017-03-21) has, whether or not the emulator serves
//! them: every action the API reference (the seed) documents, plus those of the project's
//! catalog (`actions.json`). The gateway answers a name outside this list with
//! `InvalidAction.NotFound`, as VOD does, and a name in it that the emulator does not
//! serve with `Emulator.ActionNotImplemented` (HTTP 501) once the request passed every
//! gateway check: a client can tell a misspelt action from a missing feature.

/// Every VOD action name, sorted.
pub const VOD_ACTIONS: &[&str] = &[
    "AddAITemplate", "AddCategory", "AddEditingProject", "AddTranscodeTemplateGroup",
    "AddVodDomain", "AddVodTemplate", "AddWatermark", "AttachAppPolicyToIdentity",
    "BatchSetVodDomainConfigs", "BatchStartVodDomain", "BatchStopVodDomain",
    "CancelUrlUploadJobs", "CreateAppInfo", "CreateAudit", "CreateUploadAttachedMedia",
    "CreateUploadImage", "CreateUploadVideo", "DeleteAIImageInfos", "DeleteAITemplate",
    "DeleteAppInfo", "DeleteAttachedMedia", "DeleteCategory", "DeleteDynamicImage",
    "DeleteEditingProject", "DeleteImage", "DeleteMessageCallback", "DeleteMezzanines",
    "DeleteMultipartUpload", "DeleteStream", "DeleteTranscodeTemplateGroup", "DeleteVideo",
    "DeleteVodDomain", "DeleteVodSpecificConfig", "DeleteVodTemplate", "DeleteWatermark",
    "DescribePlayTopVideos", "DescribePlayUserAvg", "DescribePlayUserTotal",
    "DescribePlayVideoStatis", "DescribeVodAIData", "DescribeVodCertificateList",
    "DescribeVodDomainBpsData", "DescribeVodDomainCertificateInfo", "DescribeVodDomainConfigs",
    "DescribeVodDomainDetail", "DescribeVodDomainLog", "DescribeVodDomainTrafficData",
    "DescribeVodDomainUsageData", "DescribeVodRefreshQuota", "DescribeVodRefreshTasks",
    "DescribeVodStorageData", "DescribeVodTranscodeData", "DescribeVodUserDomains",
    "DescribeVodVerifyContent", "DetachAppPolicyFromIdentity", "GetAIImageJobs",
    "GetAIMediaAuditJob", "GetAITemplate", "GetAIVideoTagResult", "GetAppInfos",
    "GetAttachedMediaInfo", "GetAuditHistory", "GetCategories", "GetDefaultAITemplate",
    "GetEditingProject", "GetEditingProjectMaterials", "GetImageInfo", "GetImageInfos",
    "GetMediaAuditAudioResultDetail", "GetMediaAuditResult", "GetMediaAuditResultDetail",
    "GetMediaAuditResultTimeline", "GetMediaDNAResult", "GetMediaRefreshJobs",
    "GetMessageCallback", "GetMezzanineInfo", "GetPlayInfo", "GetTranscodeSummary",
    "GetTranscodeTask", "GetTranscodeTemplateGroup", "GetURLUploadInfos", "GetUploadDetails",
    "GetVideoInfo", "GetVideoInfos", "GetVideoList", "GetVideoPlayAuth", "GetVodTemplate",
    "GetWatermark", "ListAIImageInfo", "ListAIJob", "ListAITemplate", "ListAppInfo",
    "ListAppPoliciesForIdentity", "ListAuditSecurityIp", "ListDynamicImage",
    "ListLiveRecordVideo", "ListSnapshots", "ListTranscodeTask", "ListTranscodeTemplateGroup",
    "ListVodTemplate", "ListWatermark", "MoveAppResource", "PreloadVodObjectCaches",
    "ProduceEditingProjectVideo", "RefreshMediaPlayUrls", "RefreshUploadVideo",
    "RefreshVodObjectCaches", "RegisterMedia", "SearchEditingProject", "SearchMedia",
    "SetAuditSecurityIp", "SetCrossdomainContent", "SetDefaultAITemplate",
    "SetDefaultTranscodeTemplateGroup", "SetDefaultWatermark", "SetEditingProjectMaterials",
    "SetMessageCallback", "SetVodDomainCertificate", "SubmitAIImageAuditJob",
    "SubmitAIImageJob", "SubmitAIJob", "SubmitAIMediaAuditJob", "SubmitDynamicImageJob",
    "SubmitMediaDNADeleteJob", "SubmitPreprocessJobs", "SubmitSnapshotJob",
    "SubmitTranscodeJobs", "SubmitWorkflowJob", "UpdateAITemplate", "UpdateAppInfo",
    "UpdateAttachedMediaInfos", "UpdateCategory", "UpdateEditingProject", "UpdateImageInfos",
    "UpdateTranscodeTemplateGroup", "UpdateVideoInfo", "UpdateVideoInfos", "UpdateVodDomain",
    "UpdateVodTemplate", "UpdateWatermark", "UploadMediaByURL", "VerifyVodDomainOwner",
];

/// Whether `action` is a VOD action (served or not).
pub fn is_vod_action(action: &str) -> bool {
    VOD_ACTIONS.binary_search(&action).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorted_and_covers_every_served_and_catalogued_action() {
        assert!(VOD_ACTIONS.windows(2).all(|w| w[0] < w[1]), "sorted, no duplicates");
        for name in crate::actions::ACTIONS {
            assert!(is_vod_action(name), "{name}");
        }
        for spec in vod::spec::ACTIONS {
            assert!(is_vod_action(spec.name), "{}", spec.name);
        }
        assert!(!is_vod_action("NoSuchAction") && !is_vod_action("getvideoinfo"));
    }

    #[test]
    fn every_name_is_documented() {
        // The seed breaks lines (and sometimes repeats fragments) inside names; compare
        // without whitespace. GetImageInfos is newer than the seed (catalog only).
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/seeds/004_f97fc278d208078e.txt");
        let Ok(text) = std::fs::read_to_string(path) else { return };
        let compact: String = text.split_whitespace().collect();
        for name in VOD_ACTIONS {
            assert!(*name == "GetImageInfos" || compact.contains(name), "{name} is not in the seed");
        }
    }
}
