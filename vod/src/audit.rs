//! VOD's rules for review settings, shared by the console's forms, its server and the
//! emulator: review security IPs (IPv4 addresses and CIDR blocks, at most 100 per group,
//! at most 10 groups) and AI template configurations (`AIMediaAudit`, `AIImage`).

use std::net::Ipv4Addr;

use serde_json::Value;

/// Most review security IP groups per account.
pub const MAX_GROUPS: usize = 10;
/// Most IPs or CIDR blocks in one group.
pub const MAX_IPS: usize = 100;
/// The group used when none is named.
pub const DEFAULT_GROUP: &str = "Default";

/// What is wrong with an `Ips` list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IpProblem {
    /// Nothing given.
    Empty,
    /// This entry is neither an IPv4 address nor a CIDR block with a prefix of 1 to 32.
    Invalid(String),
}

/// One entry of a security group: an address or a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IpEntry {
    pub addr: Ipv4Addr,
    /// 32 for a single address.
    pub prefix: u8,
}

impl IpEntry {
    pub fn parse(entry: &str) -> Option<IpEntry> {
        let entry = entry.trim();
        let (addr, prefix) = match entry.split_once('/') {
            Some((a, p)) => {
                // Digits only: `+8` or ` 8` are not prefixes.
                if p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                (a, p.parse::<u8>().ok().filter(|p| (1..=32).contains(p))?)
            }
            None => (entry, 32),
        };
        // `Ipv4Addr::from_str` refuses leading zeros and anything but four decimal parts.
        let addr = addr.parse::<Ipv4Addr>().ok()?;
        Some(IpEntry { addr, prefix })
    }

    /// Whether `ip` falls inside this entry.
    pub fn contains(&self, ip: Ipv4Addr) -> bool {
        let mask = if self.prefix == 0 { 0 } else { u32::MAX << (32 - u32::from(self.prefix)) };
        (u32::from(self.addr) & mask) == (u32::from(ip) & mask)
    }
}

impl std::fmt::Display for IpEntry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.prefix == 32 {
            write!(f, "{}", self.addr)
        } else {
            write!(f, "{}/{}", self.addr, self.prefix)
        }
    }
}

/// Splits a comma-separated (or, from a form, whitespace-separated) list and checks each
/// entry. Duplicates are dropped, order kept.
pub fn parse_ips(list: &str) -> Result<Vec<String>, IpProblem> {
    let mut out: Vec<String> = Vec::new();
    for raw in list.split(|c: char| c == ',' || c == '，' || c.is_whitespace()).filter(|s| !s.is_empty()) {
        let entry = IpEntry::parse(raw).ok_or_else(|| IpProblem::Invalid(raw.to_string()))?;
        let text = entry.to_string();
        if !out.contains(&text) {
            out.push(text);
        }
    }
    if out.is_empty() {
        return Err(IpProblem::Empty);
    }
    Ok(out)
}

/// Whether `ip` is allowed by any entry of the comma-separated `ips`.
pub fn allows(ips: &str, ip: Ipv4Addr) -> bool {
    ips.split(',').filter_map(IpEntry::parse).any(|e| e.contains(ip))
}

// ---------------------------------------------------------------------------------------
// AI templates

/// The two AI template types.
pub const TEMPLATE_TYPES: [&str; 2] = ["AIMediaAudit", "AIImage"];
/// `AuditItem` values: the frame dimensions.
pub const AUDIT_ITEMS: [&str; 5] = ["porn", "terrorism", "ad", "logo", "live"];
/// `AuditRange` values.
pub const AUDIT_RANGES: [&str; 3] = ["video", "image-cover", "text-title"];
/// `AuditContent` values.
pub const AUDIT_CONTENTS: [&str; 1] = ["screen"];
/// `AuditAutoBlock` values.
pub const AUTO_BLOCK: [&str; 2] = ["yes", "no"];
/// `Format` values of an `AIImage` template.
pub const IMAGE_FORMATS: [&str; 2] = ["gif", "png"];
/// `SetDefaultCover` values.
pub const BOOLEAN_WORDS: [&str; 2] = ["true", "false"];

/// A field of `TemplateConfig` and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigProblem {
    /// `TemplateConfig` itself (not JSON, not an object) or one of its fields.
    pub field: &'static str,
    /// The values the field takes (empty for `TemplateConfig`).
    pub allowed: &'static [&'static str],
}

/// An `AIMediaAudit` configuration.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MediaAuditConfig {
    pub audit_item: Vec<String>,
    pub audit_range: Vec<String>,
    pub audit_content: Vec<String>,
    pub auto_block: bool,
}

impl MediaAuditConfig {
    pub fn to_json(&self) -> String {
        serde_json::json!({
            "AuditItem": self.audit_item,
            "AuditRange": self.audit_range,
            "AuditContent": self.audit_content,
            "AuditAutoBlock": if self.auto_block { "yes" } else { "no" },
        })
        .to_string()
    }
}

/// An `AIImage` configuration.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImageConfig {
    pub format: String,
    pub set_default_cover: bool,
}

impl ImageConfig {
    pub fn to_json(&self) -> String {
        serde_json::json!({
            "Format": self.format,
            "SetDefaultCover": if self.set_default_cover { "true" } else { "false" },
        })
        .to_string()
    }
}

fn object(config: &str) -> Result<serde_json::Map<String, Value>, ConfigProblem> {
    match serde_json::from_str::<Value>(config) {
        Ok(Value::Object(map)) => Ok(map),
        _ => Err(ConfigProblem { field: "TemplateConfig", allowed: &[] }),
    }
}

/// A required list of words from `allowed` (a JSON array, or one word).
fn words(map: &serde_json::Map<String, Value>, field: &'static str, allowed: &'static [&'static str]) -> Result<Vec<String>, ConfigProblem> {
    let bad = || ConfigProblem { field, allowed };
    let list: Vec<String> = match map.get(field) {
        Some(Value::Array(items)) => items.iter().map(|v| v.as_str().map(str::to_string).ok_or_else(bad)).collect::<Result<_, _>>()?,
        Some(Value::String(s)) => s.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect(),
        _ => return Err(bad()),
    };
    if list.is_empty() || list.iter().any(|w| !allowed.contains(&w.as_str())) {
        return Err(bad());
    }
    Ok(list)
}

fn word(map: &serde_json::Map<String, Value>, field: &'static str, allowed: &'static [&'static str]) -> Result<String, ConfigProblem> {
    match map.get(field) {
        Some(Value::String(s)) if allowed.contains(&s.as_str()) => Ok(s.clone()),
        Some(Value::Bool(b)) if allowed == BOOLEAN_WORDS => Ok(b.to_string()),
        _ => Err(ConfigProblem { field, allowed }),
    }
}

/// Checks an `AIMediaAudit` configuration.
pub fn check_media_audit(config: &str) -> Result<MediaAuditConfig, ConfigProblem> {
    let map = object(config)?;
    Ok(MediaAuditConfig {
        audit_item: words(&map, "AuditItem", &AUDIT_ITEMS)?,
        audit_range: words(&map, "AuditRange", &AUDIT_RANGES)?,
        audit_content: words(&map, "AuditContent", &AUDIT_CONTENTS)?,
        auto_block: word(&map, "AuditAutoBlock", &AUTO_BLOCK)? == "yes",
    })
}

/// Checks an `AIImage` configuration.
pub fn check_image(config: &str) -> Result<ImageConfig, ConfigProblem> {
    let map = object(config)?;
    Ok(ImageConfig {
        format: word(&map, "Format", &IMAGE_FORMATS)?,
        set_default_cover: word(&map, "SetDefaultCover", &BOOLEAN_WORDS)? == "true",
    })
}

/// Checks a configuration of `template_type` (one of [`TEMPLATE_TYPES`]).
pub fn check_config(template_type: &str, config: &str) -> Result<(), ConfigProblem> {
    match template_type {
        "AIImage" => check_image(config).map(drop),
        _ => check_media_audit(config).map(drop),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ips_and_blocks_are_checked_and_normalised() {
        assert_eq!(parse_ips("10.0.0.1, 192.168.0.0/16,10.0.0.1").unwrap(), vec!["10.0.0.1", "192.168.0.0/16"]);
        assert_eq!(parse_ips("1.2.3.4/32").unwrap(), vec!["1.2.3.4"]);
        assert_eq!(parse_ips(" , "), Err(IpProblem::Empty));
        for bad in ["1.2.3", "1.2.3.4/0", "1.2.3.4/33", "256.1.1.1", "1.2.3.4/", "::1", "01.2.3.4", "a.b.c.d"] {
            assert_eq!(parse_ips(bad), Err(IpProblem::Invalid(bad.into())), "{bad}");
        }
    }

    #[test]
    fn blocks_contain_their_addresses() {
        let ip = |s: &str| s.parse::<Ipv4Addr>().unwrap();
        assert!(allows("10.0.0.0/8", ip("10.200.3.4")));
        assert!(!allows("10.0.0.0/8", ip("11.0.0.1")));
        assert!(allows("192.168.1.7,127.0.0.1", ip("127.0.0.1")));
        assert!(!allows("192.168.1.7", ip("192.168.1.8")));
        assert!(allows("0.0.0.0/1", ip("127.0.0.1")));
        assert!(!allows("0.0.0.0/1", ip("128.0.0.1")));
    }

    #[test]
    fn template_configurations_name_the_field_at_fault() {
        let ok = r#"{"AuditItem":["porn","terrorism"],"AuditRange":["video"],"AuditContent":["screen"],"AuditAutoBlock":"no"}"#;
        let parsed = check_media_audit(ok).unwrap();
        assert_eq!(parsed.audit_item, ["porn", "terrorism"]);
        assert!(!parsed.auto_block);
        assert_eq!(check_media_audit(&parsed.to_json()).unwrap(), parsed);
        assert_eq!(check_media_audit("nope").unwrap_err().field, "TemplateConfig");
        let bad_item = ok.replace("\"terrorism\"", "\"violence\"");
        assert_eq!(check_media_audit(&bad_item).unwrap_err(), ConfigProblem { field: "AuditItem", allowed: &AUDIT_ITEMS });
        assert_eq!(check_media_audit(&ok.replace("\"no\"", "\"maybe\"")).unwrap_err().field, "AuditAutoBlock");
        assert_eq!(check_media_audit(&ok.replace("[\"video\"]", "[]")).unwrap_err().field, "AuditRange");
        assert!(check_image(r#"{"Format":"png","SetDefaultCover":"true"}"#).unwrap().set_default_cover);
        assert_eq!(check_image(r#"{"Format":"jpg","SetDefaultCover":"true"}"#).unwrap_err().field, "Format");
    }
}
