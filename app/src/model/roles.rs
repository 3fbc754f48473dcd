//! Roles are sets of VOD action names (`vod:<Action>`) plus console permissions. The
//! server checks them before every call; the UI uses the same table to decide what to
//! show, so a hidden button and a refused request always agree.

use serde::{Deserialize, Serialize};

pub type Permission = &'static str;

pub const CONSOLE_USERS: Permission = "console:users";
pub const CONSOLE_ACTIVITY: Permission = "console:activity";

/// Reading the library, categories, templates, watermarks and usage.
const READ: &[Permission] = &[
    "vod:SearchMedia", "vod:GetVideoList", "vod:GetVideoInfo", "vod:GetVideoInfos",
    "vod:GetMezzanineInfo", "vod:GetPlayInfo", "vod:GetVideoPlayAuth", "vod:GetImageInfo",
    "vod:GetImageInfos", "vod:ListSnapshots", "vod:GetAttachedMediaInfo", "vod:GetCategories",
    "vod:GetURLUploadInfos", "vod:GetUploadDetails", "vod:ListTranscodeTemplateGroup",
    "vod:GetTranscodeTemplateGroup", "vod:ListVodTemplate", "vod:GetVodTemplate",
    "vod:GetTranscodeSummary", "vod:ListTranscodeTask", "vod:GetTranscodeTask",
    "vod:ListWatermark", "vod:GetWatermark", "vod:DescribeVodStorageData",
    "vod:DescribeVodTranscodeData", "vod:DescribeVodDomainUsageData",
    "vod:DescribeVodDomainTrafficData", "vod:DescribeVodDomainBpsData", "vod:DescribeVodAIData",
    "vod:DescribePlayTopVideos", "vod:DescribePlayUserAvg", "vod:DescribePlayUserTotal",
    "vod:DescribePlayVideoStatis", "vod:DescribeVodUserDomains",
];

/// Editing, uploading and deleting media; organising categories.
const EDIT: &[Permission] = &[
    "vod:UpdateVideoInfo", "vod:UpdateVideoInfos", "vod:DeleteVideo", "vod:UpdateImageInfos",
    "vod:DeleteImage", "vod:UpdateAttachedMediaInfos", "vod:DeleteAttachedMedia",
    "vod:CreateUploadVideo", "vod:RefreshUploadVideo", "vod:CreateUploadImage",
    "vod:UploadMediaByURL", "vod:AddCategory", "vod:UpdateCategory", "vod:DeleteCategory",
    "vod:SubmitTranscodeJobs",
];

/// Reviewing content: manual review and AI moderation.
const AUDIT: &[Permission] = &[
    "vod:CreateAudit", "vod:GetAuditHistory", "vod:ListAuditSecurityIp",
    "vod:SubmitAIMediaAuditJob", "vod:GetAIMediaAuditJob", "vod:GetMediaAuditResult",
    "vod:GetMediaAuditResultDetail", "vod:GetMediaAuditResultTimeline",
    "vod:GetMediaAuditAudioResultDetail", "vod:SubmitAIImageAuditJob", "vod:GetAITemplate",
    "vod:ListAITemplate", "vod:GetDefaultAITemplate",
];

/// Maintaining transcode template groups, snapshot templates, watermarks, AI templates.
const CONFIGURE: &[Permission] = &[
    "vod:AddTranscodeTemplateGroup", "vod:UpdateTranscodeTemplateGroup",
    "vod:DeleteTranscodeTemplateGroup", "vod:SetDefaultTranscodeTemplateGroup",
    "vod:AddVodTemplate", "vod:UpdateVodTemplate", "vod:DeleteVodTemplate",
    "vod:SubmitTranscodeJobs", "vod:AddWatermark", "vod:UpdateWatermark", "vod:DeleteWatermark",
    "vod:SetDefaultWatermark", "vod:AddAITemplate", "vod:UpdateAITemplate", "vod:DeleteAITemplate",
    "vod:GetAITemplate", "vod:ListAITemplate", "vod:SetDefaultAITemplate",
    "vod:GetDefaultAITemplate", "vod:SetAuditSecurityIp", "vod:ListAuditSecurityIp",
];

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Admin,
    Editor,
    Auditor,
    Configurator,
    Viewer,
}

impl Role {
    pub const ALL: [Role; 5] = [Role::Admin, Role::Editor, Role::Auditor, Role::Configurator, Role::Viewer];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Editor => "editor",
            Role::Auditor => "auditor",
            Role::Configurator => "configurator",
            Role::Viewer => "viewer",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    pub fn description(self) -> &'static str {
        match self {
            Role::Admin => "Everything, including console users and the activity log",
            Role::Editor => "Browse, edit, upload and delete media; organise categories",
            Role::Auditor => "Browse media, review content, read the activity log",
            Role::Configurator => "Browse media; maintain templates, watermarks and AI templates",
            Role::Viewer => "Browse and play media; read templates and usage",
        }
    }

    /// The permission sets this role is made of (a permission may appear in several).
    fn sets(self) -> &'static [&'static [Permission]] {
        match self {
            Role::Admin => &[READ, EDIT, AUDIT, CONFIGURE, &[CONSOLE_USERS, CONSOLE_ACTIVITY]],
            Role::Editor => &[READ, EDIT],
            Role::Auditor => &[READ, AUDIT, &[CONSOLE_ACTIVITY]],
            Role::Configurator => &[READ, CONFIGURE],
            Role::Viewer => &[READ],
        }
    }

    pub fn allows(self, permission: &str) -> bool {
        self.sets().iter().any(|set| set.contains(&permission))
    }

    /// Every permission of the role, sorted and without repeats.
    pub fn permissions(self) -> Vec<Permission> {
        let mut all: Vec<Permission> = self.sets().iter().flat_map(|s| s.iter().copied()).collect();
        all.sort_unstable();
        all.dedup();
        all
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn admin_holds_every_permission_of_every_role() {
        for role in Role::ALL {
            for p in role.permissions() {
                assert!(Role::Admin.allows(p), "admin lacks {p} of {role}");
            }
        }
    }

    #[test]
    fn viewers_cannot_change_anything() {
        for p in Role::Viewer.permissions() {
            let action = p.trim_start_matches("vod:");
            assert!(
                ["Get", "List", "Search", "Describe"].iter().any(|v| action.starts_with(v)),
                "viewer holds a changing action: {p}"
            );
        }
    }

    #[test]
    fn only_admin_manages_users_and_deletes_are_editor_or_admin() {
        for role in Role::ALL {
            assert_eq!(role.allows(CONSOLE_USERS), role == Role::Admin);
            assert_eq!(role.allows("vod:DeleteImage"), matches!(role, Role::Admin | Role::Editor));
        }
    }

    #[test]
    fn role_names_round_trip() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("root"), None);
    }
}
