//! Roles are sets of permissions: VOD actions (`vod:<Action>`, typed from the action
//! table) plus the console's own. The server checks them before every call; the UI uses
//! the same table to decide what to show, so a hidden button and a refused request
//! always agree.

use serde::{Deserialize, Serialize};

/// What a role may do: call one VOD action, or one of the console's own functions.
/// A VOD permission is derived from the action's declaration (`Permission::of::<DeleteImage>()`
/// on the server, [`vod_permission!`] anywhere), so a misspelt action does not build.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Permission {
    scope: Scope,
    name: &'static str,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Scope {
    Console,
    Vod,
}

impl Permission {
    /// Calling the VOD action `action`, checked against the action table
    /// ([`vod::spec::ACTIONS`]) when evaluated as a constant: use it in a `const` or
    /// through [`vod_permission!`].
    pub const fn vod(action: &'static str) -> Permission {
        Permission { scope: Scope::Vod, name: vod::spec::of(action).name }
    }

    /// Calling the typed VOD action `A`.
    #[cfg(feature = "ssr")]
    pub fn of<A: vod::Action>() -> Permission {
        Permission { scope: Scope::Vod, name: <A as vod::Action>::SPEC.name }
    }

    const fn console(name: &'static str) -> Permission {
        Permission { scope: Scope::Console, name }
    }

    /// The VOD action, for a VOD permission.
    pub fn action(self) -> Option<&'static str> {
        (self.scope == Scope::Vod).then_some(self.name)
    }

}

impl std::fmt::Display for Permission {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let scope = match self.scope {
            Scope::Console => "console",
            Scope::Vod => "vod",
        };
        write!(f, "{scope}:{}", self.name)
    }
}

/// The permission to call a VOD action, checked against the action table at compile
/// time: `vod_permission!(DeleteImage)`.
#[macro_export]
macro_rules! vod_permission {
    ($action:ident) => {
        const { $crate::model::roles::Permission::vod(stringify!($action)) }
    };
}

pub const CONSOLE_USERS: Permission = Permission::console("users");
pub const CONSOLE_ACTIVITY: Permission = Permission::console("activity");

const fn vod(action: &'static str) -> Permission {
    Permission::vod(action)
}

/// Reading the library, categories, templates, watermarks and usage.
const READ: &[Permission] = &[
    vod("SearchMedia"), vod("GetVideoList"), vod("GetVideoInfo"), vod("GetVideoInfos"),
    vod("GetMezzanineInfo"), vod("GetPlayInfo"), vod("GetVideoPlayAuth"), vod("GetImageInfo"),
    vod("GetImageInfos"), vod("ListSnapshots"), vod("GetAttachedMediaInfo"), vod("GetCategories"),
    vod("GetURLUploadInfos"), vod("GetUploadDetails"), vod("ListTranscodeTemplateGroup"),
    vod("GetTranscodeTemplateGroup"), vod("ListVodTemplate"), vod("GetVodTemplate"),
    vod("GetTranscodeSummary"), vod("ListTranscodeTask"), vod("GetTranscodeTask"),
    vod("ListWatermark"), vod("GetWatermark"), vod("DescribeVodStorageData"),
    vod("DescribeVodTranscodeData"), vod("DescribeVodDomainUsageData"),
    vod("DescribeVodDomainTrafficData"), vod("DescribeVodDomainBpsData"), vod("DescribeVodAIData"),
    vod("DescribePlayTopVideos"), vod("DescribePlayUserAvg"), vod("DescribePlayUserTotal"),
    vod("DescribePlayVideoStatis"), vod("DescribeVodUserDomains"),
];

/// Editing, uploading and deleting media; organising categories.
const EDIT: &[Permission] = &[
    vod("UpdateVideoInfo"), vod("UpdateVideoInfos"), vod("DeleteVideo"), vod("UpdateImageInfos"),
    vod("DeleteImage"), vod("UpdateAttachedMediaInfos"), vod("DeleteAttachedMedia"),
    vod("CreateUploadVideo"), vod("RefreshUploadVideo"), vod("CreateUploadImage"),
    vod("UploadMediaByURL"), vod("AddCategory"), vod("UpdateCategory"), vod("DeleteCategory"),
    vod("SubmitTranscodeJobs"),
];

/// Reviewing content: manual review and AI moderation.
const AUDIT: &[Permission] = &[
    vod("CreateAudit"), vod("GetAuditHistory"), vod("ListAuditSecurityIp"),
    vod("SubmitAIMediaAuditJob"), vod("GetAIMediaAuditJob"), vod("GetMediaAuditResult"),
    vod("GetMediaAuditResultDetail"), vod("GetMediaAuditResultTimeline"),
    vod("GetMediaAuditAudioResultDetail"), vod("SubmitAIImageAuditJob"), vod("GetAITemplate"),
    vod("ListAITemplate"), vod("GetDefaultAITemplate"),
];

/// Maintaining transcode template groups, snapshot templates, watermarks, AI templates.
const CONFIGURE: &[Permission] = &[
    vod("AddTranscodeTemplateGroup"), vod("UpdateTranscodeTemplateGroup"),
    vod("DeleteTranscodeTemplateGroup"), vod("SetDefaultTranscodeTemplateGroup"),
    vod("AddVodTemplate"), vod("UpdateVodTemplate"), vod("DeleteVodTemplate"),
    vod("SubmitTranscodeJobs"), vod("AddWatermark"), vod("UpdateWatermark"), vod("DeleteWatermark"),
    vod("SetDefaultWatermark"), vod("CreateUploadAttachedMedia"), vod("AddAITemplate"), vod("UpdateAITemplate"), vod("DeleteAITemplate"),
    vod("GetAITemplate"), vod("ListAITemplate"), vod("SetDefaultAITemplate"),
    vod("GetDefaultAITemplate"), vod("SetAuditSecurityIp"), vod("ListAuditSecurityIp"),
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

    pub fn allows(self, permission: Permission) -> bool {
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
            let action = p.action().expect("viewers hold VOD permissions only");
            assert!(vod::spec::of(action).read_only, "viewer holds a changing action: {p}");
        }
    }

    #[test]
    fn only_admin_manages_users_and_deletes_are_editor_or_admin() {
        for role in Role::ALL {
            assert_eq!(role.allows(CONSOLE_USERS), role == Role::Admin);
            assert_eq!(role.allows(crate::vod_permission!(DeleteImage)), matches!(role, Role::Admin | Role::Editor));
        }
    }

    #[test]
    fn permissions_are_written_as_in_the_role_table() {
        assert_eq!(crate::vod_permission!(DeleteImage).to_string(), "vod:DeleteImage");
        assert_eq!(CONSOLE_USERS.to_string(), "console:users");
        assert_eq!(crate::vod_permission!(SearchMedia).action(), Some("SearchMedia"));
        assert_eq!(CONSOLE_ACTIVITY.action(), None);
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn a_typed_action_gives_the_same_permission() {
        assert_eq!(Permission::of::<vod::api::DeleteImage>(), crate::vod_permission!(DeleteImage));
        assert_eq!(Permission::of::<vod::api::SearchMedia>(), Permission::vod("SearchMedia"));
    }

    #[test]
    fn role_names_round_trip() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("root"), None);
    }
}
