//! The AccessKey pair (and optional STS token) that signs every request.
//!
//! The secret lives in a [`SecretString`]: it is never printed (`Debug` redacts it) and
//! the type is deliberately not `Serialize`, so it cannot end up in a session cookie, a
//! log line or a JSON response by accident. Nothing else lives here.

use std::fmt;

use secrecy::{ExposeSecret, SecretString};

/// Credentials for signing VOD requests.
#[derive(Clone)]
pub struct Credentials {
    access_key_id: String,
    secret: SecretString,
    security_token: Option<SecretString>,
}

impl Credentials {
    /// An AccessKey pair of an Alibaba Cloud account or RAM user.
    pub fn new(access_key_id: impl Into<String>, access_key_secret: impl Into<String>) -> Self {
        Self {
            access_key_id: access_key_id.into(),
            secret: SecretString::from(access_key_secret.into()),
            security_token: None,
        }
    }

    /// Temporary STS credentials: the token is sent as `SecurityToken` and signed.
    pub fn with_security_token(mut self, token: impl Into<String>) -> Self {
        self.security_token = Some(SecretString::from(token.into()));
        self
    }

    /// The AccessKey ID (not secret, but still kept out of error texts).
    pub fn access_key_id(&self) -> &str {
        &self.access_key_id
    }

    /// Whether an STS security token is attached.
    pub fn has_security_token(&self) -> bool {
        self.security_token.is_some()
    }

    pub(crate) fn secret(&self) -> &str {
        self.secret.expose_secret()
    }

    pub(crate) fn security_token(&self) -> Option<&str> {
        self.security_token.as_ref().map(|t| t.expose_secret())
    }

    /// Every credential string that must never appear in text we show or log.
    pub(crate) fn sensitive_values(&self) -> Vec<&str> {
        let mut v = vec![self.access_key_id.as_str(), self.secret()];
        if let Some(t) = self.security_token() {
            v.push(t);
        }
        v.retain(|s| !s.is_empty());
        v
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key_id", &mask_id(&self.access_key_id))
            .field("secret", &"[redacted]")
            .field(
                "security_token",
                &self.security_token.as_ref().map(|_| "[redacted]"),
            )
            .finish()
    }
}

/// Keeps the first four characters of an AccessKeyId, enough to tell two keys apart in
/// a support conversation without handing out the identifier.
pub(crate) fn mask_id(id: &str) -> String {
    let prefix: String = id.chars().take(4).collect();
    if id.chars().count() <= 4 {
        "****".to_string()
    } else {
        format!("{prefix}****")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_secret_or_the_full_id() {
        let c = Credentials::new("LTAI5tExampleKeyId", "VerySecretValue123")
            .with_security_token("sts-token-value");
        let text = format!("{c:?}");
        assert!(!text.contains("VerySecretValue123"));
        assert!(!text.contains("LTAI5tExampleKeyId"));
        assert!(!text.contains("sts-token-value"));
        assert!(text.contains("LTAI****"));
        assert_eq!(c.access_key_id(), "LTAI5tExampleKeyId");
        assert!(c.has_security_token());
    }

    #[test]
    fn short_ids_are_fully_masked() {
        assert_eq!(mask_id("abc"), "****");
        assert_eq!(mask_id(""), "****");
    }
}
