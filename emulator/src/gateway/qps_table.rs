//! Per-action QPS limits of the VOD API (per Alibaba Cloud account). The numbers are the
//! client's own action table ([`vod::spec`]), so the gateway enforces exactly what the
//! console schedules by: one table for both. An action without a published limit is
//! never throttled.

use vod::spec::Limit;

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

/// The published limit of `action`, if any.
pub fn limit_for(action: &str) -> Option<(u32, Window)> {
    match vod::spec::limit(action) {
        Limit::PerSecond(n) => Some((n, Window::PerSecond)),
        Limit::PerDay(n) => Some((n, Window::PerDay)),
        Limit::None => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_come_from_the_client_table() {
        assert_eq!(limit_for("SearchMedia"), Some((50, Window::PerSecond)));
        assert_eq!(limit_for("UploadMediaByURL"), Some((200_000, Window::PerDay)));
        assert_eq!(limit_for("GetImageInfos"), None);
        assert_eq!(vod::spec::ACTIONS.iter().filter(|s| limit_for(s.name).is_some()).count(), 78);
    }
}
