//! Fault injection: added latency, random errors per action and code, forced
//! throttling, hung responses. Off by default; set by command-line flags at start and,
//! when the emulator runs with `--enable-admin`, replaced at run time through
//! `POST /__emulator/faults` (JSON body = [`FaultConfig`]).
//!
//! Faults only touch API calls (`/`), never the health or admin endpoints. An action
//! name of `*` matches every action.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::error::ApiError;

/// What the gateway should break, and how often.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FaultConfig {
    /// Added to every API response, in milliseconds.
    pub latency_ms: u64,
    /// Further milliseconds for calls to one action (`*` = every action).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub action_latency_ms: BTreeMap<String, u64>,
    /// Errors answered instead of the action's result (after all gateway checks).
    pub errors: Vec<ErrorFault>,
    /// Actions answered with `Throttling.User` whatever their QPS.
    pub throttle: Vec<String>,
    /// Actions that never answer (the connection stays open until shutdown).
    pub hang: Vec<String>,
    /// HTTP status per error code, replacing the default (where public docs and observed
    /// answers disagree, e.g. `{"Throttling.User": 503}`). Applies to every error answer.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub status_overrides: BTreeMap<String, u16>,
}

/// `rate` (0.0–1.0) of the calls to `action` fail with `code`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorFault {
    pub action: String,
    pub code: String,
    pub rate: f64,
    /// HTTP status; defaults to the status the real gateway uses for `code`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    /// Message; defaults to the real gateway's wording for `code`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

/// Parses the `--fault-action-latency` syntax `Action:Milliseconds`.
pub fn parse_action_latency(spec: &str) -> Result<(String, u64), String> {
    let (action, ms) = spec
        .rsplit_once(':')
        .ok_or_else(|| format!("expected Action:Milliseconds, got {spec:?}"))?;
    if action.is_empty() {
        return Err("action must not be empty".into());
    }
    let ms = ms
        .parse()
        .map_err(|_| format!("{ms:?} is not a number of milliseconds"))?;
    Ok((action.to_string(), ms))
}

impl ErrorFault {
    /// Parses the `--fault-error` syntax `Action:Code:Rate` (e.g. `GetVideoList:InternalError:0.5`).
    pub fn parse(spec: &str) -> Result<Self, String> {
        let mut parts = spec.rsplitn(3, ':');
        let rate = parts.next().unwrap_or_default();
        let code = parts
            .next()
            .ok_or_else(|| format!("expected Action:Code:Rate, got {spec:?}"))?;
        let action = parts
            .next()
            .ok_or_else(|| format!("expected Action:Code:Rate, got {spec:?}"))?;
        let rate: f64 = rate
            .parse()
            .map_err(|_| format!("rate {rate:?} is not a number"))?;
        let fault = Self {
            action: action.to_string(),
            code: code.to_string(),
            rate,
            status: None,
            message: None,
        };
        fault.validate()?;
        Ok(fault)
    }

    fn validate(&self) -> Result<(), String> {
        if self.action.is_empty() || self.code.is_empty() {
            return Err("fault action and code must not be empty".into());
        }
        if !(0.0..=1.0).contains(&self.rate) {
            return Err(format!("fault rate {} is outside 0..=1", self.rate));
        }
        if let Some(status) = self.status {
            if !(400..=599).contains(&status) {
                return Err(format!("fault status {status} is not an error status"));
            }
        }
        Ok(())
    }

    /// The error this fault answers with.
    pub fn to_error(&self) -> ApiError {
        let (status, message) = known_error(&self.code);
        ApiError::new(
            self.status.unwrap_or(status),
            self.code.clone(),
            self.message.clone().unwrap_or_else(|| message.to_string()),
        )
    }
}

/// Status and wording the real gateway uses for the codes worth injecting.
fn known_error(code: &str) -> (u16, &'static str) {
    match code {
        "InternalError" => (
            500,
            "The request processing has failed due to some unknown error.",
        ),
        "ServiceUnavailable" | "ServiceUnAvailable" => (
            503,
            "The request has failed due to a temporary failure of the server.",
        ),
        "Throttling.User" => (400, "Request was denied due to user flow throttling."),
        "Throttling" => (503, "Request was denied due to request throttling."),
        "Forbidden.RAM" | "Forbidden" => (
            403,
            "User not authorized to operate on the specified resource.",
        ),
        "OperationDenied.Suspended" => (403, "Your account has an overdue payment."),
        _ => (
            500,
            "The request processing has failed due to some unknown error.",
        ),
    }
}

fn matches(pattern: &str, action: &str) -> bool {
    pattern == "*" || pattern == action
}

impl FaultConfig {
    pub fn validate(&self) -> Result<(), String> {
        self.errors.iter().try_for_each(ErrorFault::validate)?;
        match self
            .status_overrides
            .iter()
            .find(|(_, s)| !(400..=599).contains(*s))
        {
            Some((code, status)) => {
                Err(format!("status {status} for {code} is not an error status"))
            }
            None => Ok(()),
        }
    }

    /// The status to answer `error` with, after any override.
    pub fn status_for(&self, error: &ApiError) -> u16 {
        self.status_overrides
            .get(&error.code)
            .copied()
            .unwrap_or(error.status)
    }

    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// Total added latency for a call to `action`.
    pub fn latency_for(&self, action: &str) -> std::time::Duration {
        let specific = self
            .action_latency_ms
            .get(action)
            .or_else(|| self.action_latency_ms.get("*"))
            .copied()
            .unwrap_or(0);
        std::time::Duration::from_millis(self.latency_ms.saturating_add(specific))
    }

    pub fn hangs(&self, action: &str) -> bool {
        self.hang.iter().any(|p| matches(p, action))
    }

    pub fn forces_throttling(&self, action: &str) -> bool {
        self.throttle.iter().any(|p| matches(p, action))
    }

    /// Draws the injected error for this call, if any. Faults for one action are tried
    /// in order, each with its own rate.
    pub fn draw_error(&self, action: &str) -> Option<ApiError> {
        self.errors
            .iter()
            .filter(|f| matches(&f.action, action))
            .find(|f| f.rate >= 1.0 || (f.rate > 0.0 && random_unit() < f.rate))
            .map(ErrorFault::to_error)
    }
}

/// A uniform number in [0, 1), from the v4 UUID generator (already a dependency). The
/// low 62 bits of a v4 UUID are random (above them sit the variant bits).
fn random_unit() -> f64 {
    let bits = (uuid::Uuid::new_v4().as_u128() as u64) & ((1u64 << 62) - 1);
    bits as f64 / (1u64 << 62) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_flag_syntax() {
        let f = ErrorFault::parse("GetVideoList:InternalError:0.5").unwrap();
        assert_eq!(
            (f.action.as_str(), f.code.as_str(), f.rate),
            ("GetVideoList", "InternalError", 0.5)
        );
        let e = f.to_error();
        assert_eq!(e.status, 500);
        assert!(ErrorFault::parse("GetVideoList:InternalError").is_err());
        assert!(ErrorFault::parse("GetVideoList:InternalError:2").is_err());
        assert!(ErrorFault::parse("GetVideoList:InternalError:x").is_err());
    }

    #[test]
    fn rates_zero_and_one_are_exact() {
        let always = FaultConfig {
            errors: vec![ErrorFault::parse("*:ServiceUnavailable:1").unwrap()],
            ..Default::default()
        };
        assert!((0..100).all(|_| always.draw_error("GetVideoList").map(|e| e.status) == Some(503)));
        let never = FaultConfig {
            errors: vec![ErrorFault::parse("*:InternalError:0").unwrap()],
            ..Default::default()
        };
        assert!((0..100).all(|_| never.draw_error("GetVideoList").is_none()));
    }

    #[test]
    fn random_unit_covers_the_interval() {
        let draws: Vec<f64> = (0..2000).map(|_| random_unit()).collect();
        assert!(draws.iter().all(|x| (0.0..1.0).contains(x)));
        assert!(draws.iter().filter(|x| **x < 0.5).count() > 800);
        assert!(draws.iter().filter(|x| **x < 0.1).count() > 100);
    }

    #[test]
    fn json_shape() {
        let f: FaultConfig = serde_json::from_str(
            r#"{"latency_ms":5,"errors":[{"action":"A","code":"InternalError","rate":0.25}],"hang":["B"]}"#,
        )
        .unwrap();
        assert_eq!(f.latency_ms, 5);
        assert_eq!(f.latency_for("A"), std::time::Duration::from_millis(5));
        let g: FaultConfig =
            serde_json::from_str(r#"{"latency_ms":5,"action_latency_ms":{"A":100,"*":1}}"#)
                .unwrap();
        assert_eq!(g.latency_for("A"), std::time::Duration::from_millis(105));
        assert_eq!(g.latency_for("B"), std::time::Duration::from_millis(6));
        assert_eq!(
            parse_action_latency("GetVideoList:250"),
            Ok(("GetVideoList".into(), 250))
        );
        assert!(parse_action_latency("GetVideoList").is_err());
        assert!(f.hangs("B") && !f.hangs("A"));
        assert!(serde_json::from_str::<FaultConfig>(r#"{"latncy_ms":5}"#).is_err());
    }
}
