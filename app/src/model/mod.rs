//! UI-facing types in the console's own words, shared by the browser and the server.
//! Validation that both sides must agree on lives here.

pub mod activity;
pub mod ai;
pub mod audit;
pub mod bulk;
pub mod category;
pub mod delete_job;
pub mod media;
pub mod query;
pub mod template;
pub mod upload;
pub mod usage;
pub mod roles;
pub mod prefs;
pub mod vod_text;
pub mod watermark;

use serde::{Deserialize, Serialize};

pub use roles::{Permission, Role};

/// The signed-in person, as the UI needs to see them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub username: String,
    pub role: Role,
}

impl CurrentUser {
    pub fn can(&self, permission: Permission) -> bool {
        self.role.allows(permission)
    }
}

/// Which VOD service the console talks to. Never carries credentials.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EndpointInfo {
    pub kind: EndpointKind,
    pub region: String,
    /// Host shown in the badge, e.g. `vod.cn-shanghai.aliyuncs.com` or `127.0.0.1:41234`.
    pub host: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum EndpointKind {
    LocalEmulator,
    AlibabaCloud,
}

impl EndpointKind {
    pub fn label(self) -> &'static str {
        match self {
            EndpointKind::LocalEmulator => "local emulator",
            EndpointKind::AlibabaCloud => "Alibaba Cloud",
        }
    }
}

/// What every page of the signed-in console needs: who, and which VOD.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShellInfo {
    pub user: Option<CurrentUser>,
    pub endpoint: EndpointInfo,
}

/// A console account as the users page lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserSummary {
    pub username: String,
    pub role: Role,
    pub disabled: bool,
    pub created_at: String,
    pub last_login_at: Option<String>,
}

/// Limits on console account fields, checked in the form and again on the server.
pub mod account_rules {
    use crate::i18n::{td_string, Locale};

    pub const USERNAME_MAX: usize = 32;
    pub const PASSWORD_MIN: usize = 12;
    pub const PASSWORD_MAX: usize = 128;

    pub fn check_username(locale: Locale, name: &str) -> Result<(), String> {
        if name.is_empty() {
            return Err(td_string!(locale, users.rules.username_required).to_string());
        }
        if name.len() > USERNAME_MAX {
            return Err(td_string!(locale, users.rules.username_long, max = USERNAME_MAX, n = name.len()).to_string());
        }
        if !name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')) {
            return Err(td_string!(locale, users.rules.username_chars).to_string());
        }
        Ok(())
    }

    pub fn check_password(locale: Locale, password: &str) -> Result<(), String> {
        let n = password.chars().count();
        if n < PASSWORD_MIN {
            return Err(td_string!(locale, users.rules.password_short, min = PASSWORD_MIN, n).to_string());
        }
        if n > PASSWORD_MAX {
            return Err(td_string!(locale, users.rules.password_long, max = PASSWORD_MAX, n).to_string());
        }
        Ok(())
    }
}

/// `%XX` sequences decoded (invalid UTF-8 replaced by U+FFFD), anything else kept as it
/// is: byte-wise, so no input can split a character or panic.
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = |b: u8| (b as char).to_digit(16);
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod percent_decode_tests {
    #[test]
    fn decodes_byte_wise_and_never_panics() {
        assert_eq!(super::percent_decode("a%20b%E8%A7%86"), "a b视");
        assert_eq!(super::percent_decode("%é%41"), "%éA");
        assert_eq!(super::percent_decode("%+1%4"), "%+1%4");
        assert_eq!(super::percent_decode("%%%"), "%%%");
        assert_eq!(super::percent_decode("%FF"), "\u{FFFD}");
        assert_eq!(super::percent_decode("视频%"), "视频%");
    }
}
