//! Review: manual decisions (CreateAudit, GetAuditHistory), review security IPs
//! (Set/ListAuditSecurityIp, which decide who may play videos in Checking or Blocked
//! status: see `media::get_play_info`), AI moderation jobs and their results, and AI
//! templates.
//!
//! AI jobs are timed state machines: `init` for the first second, `processing` until
//! their due time (a few seconds, longer for long videos), then `success`. Their findings
//! are deterministic: they depend only on the media ID and duration, so every action that
//! reads them (the job, the summary, the frame pages, the timeline, the audio segments)
//! tells the same story. About half the videos are clean, a third have something to
//! review (ads, logos, picture-in-picture, an ad read aloud) and the rest something to
//! block (porn or terrorism frames, sometimes abuse in the audio).
//!
//! Where the reference names no code: an unknown template or job is `NoSuchResource`
//! (404), as for watermarks; a system template or the default one cannot be changed or
//! deleted (`Forbidden`, 403).

use std::net::IpAddr;

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use vod::audit::{self as audit_rules, ConfigProblem, IpProblem};

use super::media::{illegal_status, video_not_found};
use super::usage::mix;
use super::render::cover_url;
use super::{rules, ActionRequest, Backend};
use crate::error::ApiError;
use crate::store::{self, Doc, Image, Video};

// ---------------------------------------------------------------------------------------
// Stored documents

/// One manual review decision (append-only).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct AuditRecord {
    pub id: String,
    pub video_id: String,
    pub auditor: String,
    pub status: String,
    pub reason: String,
    pub comment: String,
    /// Unix milliseconds (orders decisions made within one second).
    pub creation_ms: i64,
}

impl Doc for AuditRecord {
    const TABLE: &'static str = "audit_history";
    fn id(&self) -> String {
        self.id.clone()
    }
    fn ord(&self) -> i64 {
        self.creation_ms
    }
}

/// A review security IP group.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SecurityGroup {
    pub name: String,
    pub ips: Vec<String>,
    pub creation_time: i64,
    pub modification_time: i64,
}

impl Doc for SecurityGroup {
    const TABLE: &'static str = "security_ips";
    fn id(&self) -> String {
        self.name.clone()
    }
    fn ord(&self) -> i64 {
        self.creation_time
    }
}

/// An AI template.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct AiTemplate {
    pub template_id: String,
    pub name: String,
    /// `AIMediaAudit` or `AIImage`.
    pub kind: String,
    /// `TemplateConfig`, as sent (checked).
    pub config: String,
    pub is_default: bool,
    /// `System` or `Custom`.
    pub source: String,
    pub creation_time: i64,
    pub modify_time: i64,
}

impl Doc for AiTemplate {
    const TABLE: &'static str = "ai_templates";
    fn id(&self) -> String {
        self.template_id.clone()
    }
    fn ord(&self) -> i64 {
        self.creation_time
    }
}

/// An AI moderation job.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct AiJob {
    pub job_id: String,
    pub media_id: String,
    /// `video` or `image`.
    pub media_type: String,
    pub template_id: String,
    pub user_data: Option<String>,
    /// Unix milliseconds.
    pub creation_ms: i64,
    /// When the job succeeds (unix milliseconds).
    pub due_ms: i64,
}

impl Doc for AiJob {
    const TABLE: &'static str = "ai_jobs";
    fn id(&self) -> String {
        self.job_id.clone()
    }
    fn ord(&self) -> i64 {
        self.creation_ms
    }
}

impl AiJob {
    /// `init`, `processing` or `success` at `now_ms`.
    pub fn status(&self, now_ms: i64) -> &'static str {
        if now_ms >= self.due_ms {
            "success"
        } else if now_ms < self.creation_ms + 1000 {
            "init"
        } else {
            "processing"
        }
    }
}

/// How long a job takes: 3 s, plus 1 s per minute of video, at most 15 s.
pub fn job_length_ms(duration_secs: f64) -> i64 {
    3000 + ((duration_secs / 60.0) * 1000.0).min(12_000.0) as i64
}

// ---------------------------------------------------------------------------------------
// Deterministic findings

/// A small deterministic stream of numbers drawn from the media ID.
struct Draw(u64);

impl Draw {
    fn new(media_id: &str) -> Draw {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in "ai-audit".bytes().chain([0xff]).chain(media_id.bytes()) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        Draw(mix(h))
    }

    fn next(&mut self) -> u64 {
        self.0 = mix(self.0.wrapping_add(0x9E37_79B9_7F4A_7C15));
        self.0
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    /// A score in [lo, hi), one decimal.
    fn score(&mut self, lo: f64, hi: f64) -> f64 {
        let u = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        ((lo + (hi - lo) * u) * 10.0).floor() / 10.0
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

/// The overall verdict of a moderation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verdict {
    Pass,
    Review,
    Block,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Pass => "pass",
            Verdict::Review => "review",
            Verdict::Block => "block",
        }
    }

    fn of_score(dimension: &str, score: f64) -> Verdict {
        let blocks = matches!(dimension, "porn" | "terrorism");
        if blocks && score >= 90.0 {
            Verdict::Block
        } else if score >= 60.0 {
            Verdict::Review
        } else {
            Verdict::Pass
        }
    }
}

const DIMENSIONS: [&str; 5] = ["porn", "terrorism", "ad", "logo", "live"];

fn labels_of(dimension: &str) -> &'static [&'static str] {
    match dimension {
        "porn" => &["porn", "sexy"],
        "terrorism" => &["bloody", "weapon", "explosion", "flag"],
        "ad" => &["ad", "qrcode", "npx"],
        "logo" => &["TV", "trademark"],
        _ => &["PIP", "smoking", "meaningless"],
    }
}

/// One flagged frame: its time and, per dimension, a label and score.
#[derive(Debug, Clone, PartialEq)]
pub struct Frame {
    pub timestamp_ms: i64,
    /// `(label, score)` in [`DIMENSIONS`] order; `normal` where nothing was found.
    pub scores: [(&'static str, f64); 5],
}

/// One flagged audio segment.
#[derive(Debug, Clone, PartialEq)]
pub struct AudioSegment {
    pub start: i64,
    pub end: i64,
    pub label: &'static str,
    pub score: f64,
    pub text: &'static str,
}

/// Everything an AI moderation of one video finds.
#[derive(Debug, Clone, PartialEq)]
pub struct Findings {
    pub frames: Vec<Frame>,
    pub audio: Vec<AudioSegment>,
    /// The cover's worst `(scene, label, score)`.
    pub cover: (&'static str, &'static str, f64),
    /// The title's `(label, score)`.
    pub title: (&'static str, f64),
}

const AD_SPEECH: &[&str] = &["加微信领取优惠券", "扫码关注，下单立减", "点击下方链接购买同款", "关注公众号回复暗号领取"];
const ABUSE_SPEECH: &[&str] = &["你给我闭嘴", "滚出去，别再来了"];

/// The findings for `media_id`, a video of `duration` seconds.
pub fn findings(media_id: &str, duration: f64) -> Findings {
    let mut d = Draw::new(media_id);
    let roll = d.below(100);
    let verdict = if roll < 50 {
        Verdict::Pass
    } else if roll < 82 {
        Verdict::Review
    } else {
        Verdict::Block
    };
    let length_ms = ((duration.max(10.0)) * 1000.0) as i64;
    let mut frames: Vec<Frame> = Vec::new();
    let mut audio = Vec::new();
    let normal = |d: &mut Draw| -> [(&'static str, f64); 5] {
        [
            ("normal", d.score(0.1, 20.0)),
            ("normal", d.score(0.1, 20.0)),
            ("normal", d.score(0.1, 30.0)),
            ("normal", d.score(0.1, 30.0)),
            ("normal", d.score(0.1, 30.0)),
        ]
    };
    // Runs of flagged frames (2-9 s), one frame a second, each in its own part of the video.
    let run = |d: &mut Draw, frames: &mut Vec<Frame>, dim: usize, lo: f64, hi: f64, part: i64, parts: i64| {
        let span = length_ms / parts;
        let start = span * part + (d.below((span / 2).max(1) as u64) as i64 / 1000) * 1000;
        let count = 2 + d.below(8) as i64;
        let label = d.pick(labels_of(DIMENSIONS[dim]));
        for i in 0..count {
            let t = start + i * 1000;
            if t >= length_ms {
                break;
            }
            let mut scores = normal(d);
            scores[dim] = (label, d.score(lo, hi));
            if let Some(f) = frames.iter_mut().find(|f| f.timestamp_ms == t) {
                f.scores[dim] = scores[dim];
            } else {
                frames.push(Frame { timestamp_ms: t, scores });
            }
        }
    };
    match verdict {
        Verdict::Pass => {}
        Verdict::Review => {
            let dim = 2 + d.below(3) as usize; // ad, logo or live
            let parts = 2 + d.below(3) as i64;
            for part in 0..parts {
                run(&mut d, &mut frames, dim, 60.0, 89.0, part, parts);
            }
            if d.below(2) == 0 {
                let start = d.below((length_ms / 1000).max(1) as u64) as i64;
                audio.push(AudioSegment { start, end: start + 3 + d.below(5) as i64, label: "ad", score: d.score(70.0, 95.0), text: d.pick(AD_SPEECH) });
            }
        }
        Verdict::Block => {
            let dim = d.below(2) as usize; // porn or terrorism
            let parts = 2 + d.below(2) as i64;
            for part in 0..parts {
                run(&mut d, &mut frames, dim, 90.0, 99.9, part, parts + 1);
            }
            // Something milder elsewhere, so the timeline has more than one row.
            let milder = 2 + d.below(3) as usize;
            run(&mut d, &mut frames, milder, 60.0, 85.0, parts, parts + 1);
            if d.below(3) == 0 {
                let start = d.below((length_ms / 1000).max(1) as u64) as i64;
                audio.push(AudioSegment { start, end: start + 2 + d.below(4) as i64, label: "abuse", score: d.score(85.0, 99.0), text: d.pick(ABUSE_SPEECH) });
            }
        }
    }
    frames.sort_by_key(|f| f.timestamp_ms);
    audio.sort_by_key(|a| a.start);
    let cover = if verdict == Verdict::Block && d.below(2) == 0 {
        ("porn", "sexy", d.score(60.0, 80.0))
    } else {
        ("porn", "normal", d.score(90.0, 99.9))
    };
    let title = if verdict == Verdict::Review && d.below(4) == 0 { ("ad", d.score(60.0, 80.0)) } else { ("normal", d.score(90.0, 99.9)) };
    Findings { frames, audio, cover, title }
}

impl Findings {
    /// The worst verdict per dimension over the flagged frames.
    fn dimension(&self, dim: usize) -> (Verdict, &'static str, f64, f64, Vec<&Frame>) {
        let hits: Vec<&Frame> = self.frames.iter().filter(|f| f.scores[dim].0 != "normal").collect();
        if hits.is_empty() {
            return (Verdict::Pass, "normal", 0.0, 0.0, hits);
        }
        let max = hits.iter().map(|f| f.scores[dim].1).fold(0.0, f64::max);
        let avg = hits.iter().map(|f| f.scores[dim].1).sum::<f64>() / hits.len() as f64;
        let top = hits.iter().max_by(|a, b| a.scores[dim].1.total_cmp(&b.scores[dim].1)).map(|f| f.scores[dim].0).unwrap_or("normal");
        (Verdict::of_score(DIMENSIONS[dim], max), top, max, (avg * 10.0).round() / 10.0, hits)
    }

    fn video_verdict(&self) -> (Verdict, &'static str) {
        (0..5)
            .map(|i| (self.dimension(i).0, DIMENSIONS[i]))
            .max_by_key(|(v, _)| *v)
            .filter(|(v, _)| *v != Verdict::Pass)
            .unwrap_or((Verdict::Pass, "normal"))
    }

    fn audio_verdict(&self) -> Verdict {
        self.audio.iter().map(|a| if a.label == "abuse" { Verdict::Block } else { Verdict::Review }).max().unwrap_or(Verdict::Pass)
    }

    fn cover_verdict(&self) -> Verdict {
        if self.cover.1 == "normal" { Verdict::Pass } else { Verdict::Review }
    }

    fn title_verdict(&self) -> Verdict {
        if self.title.0 == "normal" { Verdict::Pass } else { Verdict::Review }
    }

    /// The overall suggestion and label.
    pub fn verdict(&self) -> (Verdict, &'static str) {
        let (video, label) = self.video_verdict();
        let audio = self.audio_verdict();
        if audio > video {
            return (audio, "audio");
        }
        let other = self.cover_verdict().max(self.title_verdict());
        if other > video {
            return (other, if self.cover_verdict() >= self.title_verdict() { self.cover.0 } else { "ad" });
        }
        (video, label)
    }
}

fn score(s: f64) -> String {
    format!("{s:.1}")
}

fn frame_url(base: &str, media_id: &str, ms: i64) -> String {
    format!("{base}/media/audit/{media_id}/{ms}.jpg")
}

/// The summary (GetMediaAuditResult's `MediaAuditResult`, a finished job's `Data`).
pub fn summary(base: &str, v: &Video, f: &Findings) -> Value {
    let mut video = serde_json::Map::new();
    let (video_verdict, video_label) = f.video_verdict();
    video.insert("Suggestion".into(), json!(video_verdict.as_str()));
    video.insert("Label".into(), json!(video_label));
    for (i, key) in ["PornResult", "TerrorismResult", "AdResult", "LogoResult", "LiveResult"].iter().enumerate() {
        let (verdict, label, max, avg, hits) = f.dimension(i);
        let mut counts: Vec<(&str, i64)> = Vec::new();
        for h in &hits {
            match counts.iter_mut().find(|(l, _)| *l == h.scores[i].0) {
                Some(c) => c.1 += 1,
                None => counts.push((h.scores[i].0, 1)),
            }
        }
        let mut top: Vec<&&Frame> = hits.iter().collect();
        top.sort_by(|a, b| b.scores[i].1.total_cmp(&a.scores[i].1));
        video.insert(
            (*key).into(),
            json!({
                "Suggestion": verdict.as_str(),
                "Label": label,
                "MaxScore": score(max),
                "AverageScore": score(avg),
                "CounterList": counts.iter().map(|(l, c)| json!({"Label": l, "Count": c})).collect::<Vec<_>>(),
                "TopList": top.iter().take(5).map(|h| json!({
                    "Label": h.scores[i].0,
                    "Score": score(h.scores[i].1),
                    "Timestamp": h.timestamp_ms.to_string(),
                    "Url": frame_url(base, &v.video_id, h.timestamp_ms),
                })).collect::<Vec<_>>(),
            }),
        );
    }
    let (verdict, label) = f.verdict();
    let mut abnormal = Vec::new();
    if video_verdict != Verdict::Pass || f.audio_verdict() != Verdict::Pass {
        abnormal.push("video");
    }
    if f.cover_verdict() != Verdict::Pass {
        abnormal.push("image-cover");
    }
    if f.title_verdict() != Verdict::Pass {
        abnormal.push("text-title");
    }
    let cover = cover_url(base, v).unwrap_or_default();
    json!({
        "Suggestion": verdict.as_str(),
        "Label": label,
        "AbnormalModules": abnormal.join(","),
        "VideoResult": Value::Object(video),
        "ImageResult": [{
            "Type": "cover",
            "Url": cover,
            "Suggestion": f.cover_verdict().as_str(),
            "Label": if f.cover.1 == "normal" { "normal" } else { f.cover.0 },
            "Result": [{"Scene": f.cover.0, "Label": f.cover.1, "Score": score(f.cover.2), "Suggestion": f.cover_verdict().as_str()}],
        }],
        "TextResult": [{
            "Type": "title",
            "Content": v.title,
            "Scene": "antispam",
            "Label": f.title.0,
            "Score": score(f.title.1),
            "Suggestion": f.title_verdict().as_str(),
        }],
        "AudioResult": [{
            "Scene": "antispam",
            "Label": f.audio.iter().max_by(|a, b| a.score.total_cmp(&b.score)).map_or("normal", |a| a.label),
            "Score": score(f.audio.iter().map(|a| a.score).fold(0.0, f64::max).max(if f.audio.is_empty() { 99.0 } else { 0.0 })),
            "Suggestion": f.audio_verdict().as_str(),
        }],
    })
}

/// An image's summary: only `ImageResult`.
fn image_summary(base: &str, img: &Image) -> Value {
    let mut d = Draw::new(&img.image_id);
    let flagged = d.below(10) < 2;
    let (label, s, verdict) = if flagged { ("ad", d.score(60.0, 88.0), Verdict::Review) } else { ("normal", d.score(90.0, 99.9), Verdict::Pass) };
    json!({
        "Suggestion": verdict.as_str(),
        "Label": if flagged { "ad" } else { "normal" },
        "AbnormalModules": if flagged { "image-cover" } else { "" },
        "ImageResult": [{
            "Type": "cover",
            "Url": format!("{base}/media/images/{}.{}", img.image_id, img.ext),
            "Suggestion": verdict.as_str(),
            "Label": if flagged { "ad" } else { "normal" },
            "Result": [{"Scene": "ad", "Label": label, "Score": score(s), "Suggestion": verdict.as_str()}],
        }],
    })
}

// ---------------------------------------------------------------------------------------
// Manual review

/// The reviewer VOD records: the account, as the API is called with its keys.
pub const AUDITOR: &str = "vod-account";

fn invalid_content(why: &str) -> ApiError {
    ApiError::invalid("AuditContent", why)
}

pub async fn create_audit(b: &Backend, req: &ActionRequest) -> Result<Value, ApiError> {
    let raw = rules::required(req, "AuditContent")?;
    let items: Vec<Value> = match serde_json::from_str::<Value>(raw) {
        Ok(Value::Array(items)) => items,
        _ => return Err(invalid_content("It must be a JSON array of {\"VideoId\", \"Status\", \"Reason\", \"Comment\"}.")),
    };
    if items.is_empty() {
        return Err(invalid_content("It must hold at least one decision."));
    }
    if items.len() > vod::api::MAX_AUDIT_BATCH {
        return Err(rules::batch_exceeded("AuditContent"));
    }
    // Every decision is checked before any is applied: one bad entry refuses the call.
    let mut decisions = Vec::new();
    for item in &items {
        let field = |name: &str| item.get(name).and_then(Value::as_str).unwrap_or("").to_string();
        let (video_id, status, reason, comment) = (field("VideoId"), field("Status"), field("Reason"), field("Comment"));
        if video_id.is_empty() {
            return Err(ApiError::missing("AuditContent.VideoId"));
        }
        if !matches!(status.as_str(), "Normal" | "Blocked") {
            return Err(invalid_content(&format!("Status of {video_id} must be Normal or Blocked.")));
        }
        rules::check_text("Reason", &reason, vod::api::MAX_AUDIT_REASON_BYTES)?;
        rules::check_text("Comment", &comment, vod::api::MAX_AUDIT_COMMENT_BYTES)?;
        let video = store::get::<Video>(&b.pool, &video_id)
            .await?
            .ok_or_else(|| ApiError::new(404, "InvalidVideo.NotFound", format!("The video does not exist. VideoId: {video_id}")))?;
        if matches!(video.status.as_str(), "Uploading" | "UploadFail") {
            return Err(ApiError::new(
                403,
                "Forbidden.IllegalStatus",
                format!("Status of the video is illegal. Current Status is {}. VideoId: {video_id}", video.status),
            ));
        }
        decisions.push((video, status, reason, comment));
    }
    let now_ms = b.now_ms();
    for (i, (mut video, status, reason, comment)) in decisions.into_iter().enumerate() {
        video.audit_status = status.clone();
        if matches!(video.status.as_str(), "Checking" | "Blocked" | "Normal") {
            video.status = status.clone();
        }
        video.modification_time = now_ms / 1000;
        store::put(&b.pool, &video).await?;
        let record = AuditRecord {
            id: rules::new_id(),
            video_id: video.video_id.clone(),
            auditor: AUDITOR.into(),
            status,
            reason,
            comment,
            creation_ms: now_ms + i as i64,
        };
        store::put(&b.pool, &record).await?;
    }
    Ok(json!({}))
}

pub async fn get_audit_history(b: &Backend, req: &ActionRequest) -> Result<Value, ApiError> {
    let video_id = rules::required(req, "VideoId")?;
    let page_no = rules::page_no(req)?;
    let page_size = rules::page_size(req, 10, 100)?;
    let ascending = rules::sort_ascending(req)?;
    let video = store::get::<Video>(&b.pool, video_id).await?.ok_or_else(video_not_found)?;
    let mut records: Vec<AuditRecord> = b.all::<AuditRecord>().await?.iter().filter(|r| r.video_id == video_id).cloned().collect();
    records.sort_by_key(|r| r.creation_ms);
    let latest = records.last().map(|r| r.status.clone()).unwrap_or_else(|| video.audit_status.clone());
    if !ascending {
        records.reverse();
    }
    let total = records.len();
    let page: Vec<Value> = records
        .iter()
        .skip(((page_no - 1) * page_size) as usize)
        .take(page_size as usize)
        .map(|r| {
            json!({
                "Auditor": r.auditor,
                "Status": r.status,
                "Reason": r.reason,
                "Comment": r.comment,
                "CreationTime": rules::iso(r.creation_ms / 1000),
            })
        })
        .collect();
    Ok(json!({ "Status": latest, "Total": total, "Histories": page }))
}

// ---------------------------------------------------------------------------------------
// Review security IPs

/// Whether `ip` may play videos in Checking or Blocked status.
pub async fn is_security_ip(b: &Backend, ip: Option<IpAddr>) -> Result<bool, ApiError> {
    let ip = match ip {
        Some(IpAddr::V4(v4)) => v4,
        Some(IpAddr::V6(v6)) => match v6.to_ipv4_mapped() {
            Some(v4) => v4,
            None => return Ok(false),
        },
        None => return Ok(false),
    };
    Ok(b.all::<SecurityGroup>().await?.iter().any(|g| audit_rules::allows(&g.ips.join(","), ip)))
}

pub async fn set_audit_security_ip(b: &Backend, req: &ActionRequest) -> Result<Value, ApiError> {
    let raw = req.param("Ips").ok_or_else(|| ApiError::new(400, "IpsIsEmpty", "The Ips is empty."))?;
    let ips = match audit_rules::parse_ips(raw) {
        Ok(ips) => ips,
        Err(IpProblem::Empty) => return Err(ApiError::new(400, "IpsIsEmpty", "The Ips is empty.")),
        Err(IpProblem::Invalid(entry)) => {
            return Err(ApiError::invalid("Ips", &format!("\"{entry}\" is neither an IPv4 address nor a CIDR block (a prefix of 1 to 32).")))
        }
    };
    let name = req.param("SecurityGroupName").unwrap_or(audit_rules::DEFAULT_GROUP).trim().to_string();
    rules::check_text("SecurityGroupName", &name, 64)?;
    // Unknown modes fall back to Append, as VOD does.
    let mode = req.param("OperateMode").unwrap_or("Append");
    let groups = b.all::<SecurityGroup>().await?;
    let now = b.now();
    let existing = groups.iter().find(|g| g.name == name).cloned();
    if existing.is_none() && mode != "Delete" && groups.len() >= audit_rules::MAX_GROUPS {
        return Err(ApiError::new(403, "SecurityIpGroupExceededMax", "The security IP group count has exceeded the maximum of 10."));
    }
    let mut group = existing.unwrap_or(SecurityGroup { name: name.clone(), ips: Vec::new(), creation_time: now, modification_time: now });
    match mode {
        "Cover" => group.ips = ips,
        "Delete" => group.ips.retain(|ip| !ips.contains(ip)),
        _ => {
            for ip in ips {
                if !group.ips.contains(&ip) {
                    group.ips.push(ip);
                }
            }
        }
    }
    if group.ips.len() > audit_rules::MAX_IPS {
        return Err(ApiError::new(403, "IpsExceededMax", "The IP count of the security group has exceeded the maximum of 100."));
    }
    group.modification_time = now;
    if group.ips.is_empty() {
        store::delete::<SecurityGroup>(&b.pool, &group.name).await?;
    } else {
        store::put(&b.pool, &group).await?;
    }
    Ok(json!({}))
}

pub async fn list_audit_security_ip(b: &Backend, req: &ActionRequest) -> Result<Value, ApiError> {
    let name = req.param("SecurityGroupName");
    let groups = b.all::<SecurityGroup>().await?;
    let chosen: Vec<&SecurityGroup> = groups.iter().filter(|g| name.is_none_or(|n| g.name == n)).collect();
    if name.is_some() && chosen.is_empty() {
        return Err(ApiError::new(404, "SecurityIp.NotFound", "The audit security IP group does not exist."));
    }
    Ok(json!({
        "SecurityIpList": chosen.iter().map(|g| json!({
            "SecurityGroupName": g.name,
            "Ips": g.ips.join(","),
            "CreationTime": rules::iso(g.creation_time),
            "ModificationTime": rules::iso(g.modification_time),
        })).collect::<Vec<_>>()
    }))
}

// ---------------------------------------------------------------------------------------
// AI jobs and results

fn no_such(what: &str, id: &str) -> ApiError {
    ApiError::new(404, "NoSuchResource", format!("The resource \"{what}: {id}\" does not exist."))
}

/// The moderation template a job uses: the one named, or the default.
async fn audit_template(b: &Backend, id: Option<&str>) -> Result<AiTemplate, ApiError> {
    let templates = b.all::<AiTemplate>().await?;
    match id {
        Some(id) => templates
            .iter()
            .find(|t| t.template_id == id)
            .filter(|t| t.kind == "AIMediaAudit")
            .cloned()
            .ok_or_else(|| no_such("TemplateId", id)),
        None => templates
            .iter()
            .find(|t| t.kind == "AIMediaAudit" && t.is_default)
            .cloned()
            .ok_or_else(|| ApiError::new(404, "NoSuchResource", "No default AIMediaAudit template is set.")),
    }
}

fn check_audit_configuration(req: &ActionRequest) -> Result<(), ApiError> {
    if let Some(c) = req.param("MediaAuditConfiguration") {
        let ok = serde_json::from_str::<Value>(c).ok().and_then(|v| v.as_object().cloned()).is_some_and(|m| {
            m.iter().all(|(k, v)| {
                k == "ResourceType" && v.as_str().is_some_and(|s| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
            })
        });
        if !ok {
            return Err(ApiError::invalid(
                "MediaAuditConfiguration",
                "It must be JSON such as {\"ResourceType\":\"short_video\"} (letters, digits and underscores).",
            ));
        }
    }
    Ok(())
}

pub async fn submit_ai_media_audit_job(b: &Backend, req: &ActionRequest) -> Result<Value, ApiError> {
    let media_id = rules::required(req, "MediaId")?.trim();
    rules::enum_param(req, "MediaType", &["video"], "video")?;
    check_audit_configuration(req)?;
    if let Some(u) = req.param("UserData") {
        if serde_json::from_str::<Value>(u).map(|v| !v.is_object()).unwrap_or(true) {
            return Err(ApiError::invalid("UserData", "It must be a JSON object."));
        }
    }
    let template = audit_template(b, req.param("TemplateId")).await?;
    let video = store::get::<Video>(&b.pool, media_id).await?.ok_or_else(video_not_found)?;
    if matches!(video.status.as_str(), "Uploading" | "UploadFail") {
        return Err(illegal_status(&video.status));
    }
    let now = b.now_ms();
    let job = AiJob {
        job_id: rules::new_id(),
        media_id: media_id.to_string(),
        media_type: "video".into(),
        template_id: template.template_id,
        user_data: req.param("UserData").map(str::to_string),
        creation_ms: now,
        due_ms: now + job_length_ms(video.duration),
    };
    store::put(&b.pool, &job).await?;
    Ok(json!({ "JobId": job.job_id, "MediaId": job.media_id }))
}

pub async fn submit_ai_image_audit_job(b: &Backend, req: &ActionRequest) -> Result<Value, ApiError> {
    let media_id = rules::required(req, "MediaId")?.trim();
    let template_id = rules::required(req, "TemplateId")?;
    check_audit_configuration(req)?;
    let template = audit_template(b, Some(template_id)).await?;
    store::get::<Image>(&b.pool, media_id)
        .await?
        .ok_or_else(|| ApiError::new(404, "InvalidImage.NotFound", "The image does not exist."))?;
    let now = b.now_ms();
    let job = AiJob {
        job_id: rules::new_id(),
        media_id: media_id.to_string(),
        media_type: "image".into(),
        template_id: template.template_id,
        user_data: None,
        creation_ms: now,
        due_ms: now + 2000,
    };
    store::put(&b.pool, &job).await?;
    Ok(json!({ "JobId": job.job_id }))
}

fn iso_ms(ms: i64) -> String {
    rules::iso(ms / 1000)
}

pub async fn get_ai_media_audit_job(b: &Backend, req: &ActionRequest) -> Result<Value, ApiError> {
    let job_id = rules::required(req, "JobId")?;
    let job = store::get::<AiJob>(&b.pool, job_id).await?.ok_or_else(|| no_such("JobId", job_id))?;
    let now = b.now_ms();
    let status = job.status(now);
    let mut out = json!({
        "JobId": job.job_id,
        "MediaId": job.media_id,
        "Type": if job.media_type == "image" { "AIImageAudit" } else { "AIMediaAudit" },
        "Status": status,
        "Code": "",
        "Message": "",
        "CreationTime": iso_ms(job.creation_ms),
    });
    if status == "success" {
        out["CompleteTime"] = json!(iso_ms(job.due_ms));
        let data = match job.media_type.as_str() {
            "image" => store::get::<Image>(&b.pool, &job.media_id).await?.map(|img| image_summary(&req.base_url, &img)),
            _ => store::get::<Video>(&b.pool, &job.media_id).await?.map(|v| summary(&req.base_url, &v, &findings(&v.video_id, v.duration))),
        };
        match data {
            Some(data) => {
                out["Code"] = json!("Success");
                out["Data"] = data;
            }
            None => {
                out["Status"] = json!("fail");
                out["Code"] = json!("InvalidVideo.NotFound");
                out["Message"] = json!("The media was deleted before its moderation finished.");
            }
        }
    }
    Ok(json!({ "MediaAuditJob": out }))
}

/// The video named by `MediaId` if a moderation of it has finished.
async fn moderated_video(b: &Backend, req: &ActionRequest) -> Result<Option<Video>, ApiError> {
    let media_id = rules::required(req, "MediaId")?.trim();
    let now = b.now_ms();
    let done = b.all::<AiJob>().await?.iter().any(|j| j.media_id == media_id && j.media_type == "video" && j.status(now) == "success");
    if !done {
        return Ok(None);
    }
    store::get::<Video>(&b.pool, media_id).await.map_err(Into::into)
}

pub async fn get_media_audit_result(b: &Backend, req: &ActionRequest) -> Result<Value, ApiError> {
    let media_id = rules::required(req, "MediaId")?.trim().to_string();
    if let Some(v) = moderated_video(b, req).await? {
        return Ok(json!({ "MediaAuditResult": summary(&req.base_url, &v, &findings(&v.video_id, v.duration)) }));
    }
    let now = b.now_ms();
    let image_done = b.all::<AiJob>().await?.iter().any(|j| j.media_id == media_id && j.media_type == "image" && j.status(now) == "success");
    if image_done {
        if let Some(img) = store::get::<Image>(&b.pool, &media_id).await? {
            return Ok(json!({ "MediaAuditResult": image_summary(&req.base_url, &img) }));
        }
    }
    Ok(json!({}))
}

pub async fn get_media_audit_result_detail(b: &Backend, req: &ActionRequest) -> Result<Value, ApiError> {
    let page_no = rules::int_param(req, "PageNo")?.ok_or_else(|| ApiError::missing("PageNo"))?;
    if page_no < 1 {
        return Err(ApiError::invalid("PageNo", "It must be greater than 0."));
    }
    let Some(v) = moderated_video(b, req).await? else {
        return Ok(json!({ "MediaAuditResultDetail": { "Total": 0, "List": [] } }));
    };
    let f = findings(&v.video_id, v.duration);
    let size = vod::api::AUDIT_DETAIL_PAGE;
    let list: Vec<Value> = f
        .frames
        .iter()
        .skip((page_no as usize - 1) * size)
        .take(size)
        .map(|fr| {
            let mut item = json!({ "Timestamp": fr.timestamp_ms.to_string(), "Url": frame_url(&req.base_url, &v.video_id, fr.timestamp_ms) });
            for (i, key) in ["Porn", "Terrorism", "Ad", "Logo", "Live"].iter().enumerate() {
                item[format!("{key}Label")] = json!(fr.scores[i].0);
                item[format!("{key}Score")] = json!(score(fr.scores[i].1));
            }
            item
        })
        .collect();
    Ok(json!({ "MediaAuditResultDetail": { "Total": f.frames.len(), "List": list } }))
}

pub async fn get_media_audit_result_timeline(b: &Backend, req: &ActionRequest) -> Result<Value, ApiError> {
    let Some(v) = moderated_video(b, req).await? else {
        return Ok(json!({ "MediaAuditResultTimeline": { "Porn": [], "Terrorism": [], "Ad": [], "Logo": [], "Live": [] } }));
    };
    let f = findings(&v.video_id, v.duration);
    let mut out = serde_json::Map::new();
    for (i, key) in ["Porn", "Terrorism", "Ad", "Logo", "Live"].iter().enumerate() {
        let marks: Vec<Value> = f
            .frames
            .iter()
            .filter(|fr| fr.scores[i].0 != "normal")
            .map(|fr| json!({ "Timestamp": fr.timestamp_ms.to_string(), "Label": fr.scores[i].0, "Score": score(fr.scores[i].1) }))
            .collect();
        out.insert((*key).into(), Value::Array(marks));
    }
    Ok(json!({ "MediaAuditResultTimeline": out }))
}

/// Audio segments per page.
const AUDIO_PAGE: usize = 20;

pub async fn get_media_audit_audio_result_detail(b: &Backend, req: &ActionRequest) -> Result<Value, ApiError> {
    let page_no = rules::int_param(req, "PageNo")?;
    if page_no.is_some_and(|p| p < 1) {
        return Err(ApiError::invalid("PageNo", "It must be greater than 0."));
    }
    let segments = match moderated_video(b, req).await? {
        Some(v) => findings(&v.video_id, v.duration).audio,
        None => Vec::new(),
    };
    let pages = segments.len().div_ceil(AUDIO_PAGE);
    let chosen: Vec<&AudioSegment> = match page_no {
        Some(p) => segments.iter().skip((p as usize - 1) * AUDIO_PAGE).take(AUDIO_PAGE).collect(),
        None => segments.iter().collect(),
    };
    // As documented: `Total` is the number of pages, `PageTotal` the page returned.
    Ok(json!({ "MediaAuditAudioResultDetail": {
        "Total": pages,
        "PageTotal": page_no.unwrap_or(1),
        "List": chosen.iter().map(|s| json!({ "StartTime": s.start, "EndTime": s.end, "Label": s.label, "Text": s.text })).collect::<Vec<_>>(),
    }}))
}

// ---------------------------------------------------------------------------------------
// AI templates

fn render_template(t: &AiTemplate) -> Value {
    json!({
        "TemplateId": t.template_id,
        "TemplateName": t.name,
        "TemplateType": t.kind,
        "TemplateConfig": t.config,
        "IsDefault": if t.is_default { "Default" } else { "NotDefault" },
        "Source": t.source,
        "CreationTime": rules::iso(t.creation_time),
        "ModifyTime": rules::iso(t.modify_time),
    })
}

fn config_refused(p: ConfigProblem) -> ApiError {
    if p.allowed.is_empty() {
        ApiError::invalid("TemplateConfig", "It must be a JSON object.")
    } else {
        ApiError::invalid("TemplateConfig", &format!("{}: valid values are {}.", p.field, p.allowed.join(", ")))
    }
}

fn template_type(req: &ActionRequest) -> Result<&str, ApiError> {
    let t = rules::required(req, "TemplateType")?;
    if !audit_rules::TEMPLATE_TYPES.contains(&t) {
        return Err(ApiError::invalid("TemplateType", "Valid values: AIMediaAudit, AIImage."));
    }
    Ok(t)
}

fn template_name(req: &ActionRequest) -> Result<String, ApiError> {
    let name = rules::required(req, "TemplateName")?.trim().to_string();
    rules::check_text("TemplateName", &name, vod::api::MAX_AI_TEMPLATE_NAME_BYTES)?;
    Ok(name)
}

async fn find_template(b: &Backend, req: &ActionRequest) -> Result<AiTemplate, ApiError> {
    let id = rules::required(req, "TemplateId")?;
    store::get::<AiTemplate>(&b.pool, id).await?.ok_or_else(|| no_such("TemplateId", id))
}

fn forbidden(why: &str) -> ApiError {
    ApiError::new(403, "Forbidden", why.to_string())
}

pub async fn add_ai_template(b: &Backend, req: &ActionRequest) -> Result<Value, ApiError> {
    let name = template_name(req)?;
    let kind = template_type(req)?.to_string();
    let config = rules::required(req, "TemplateConfig")?.to_string();
    audit_rules::check_config(&kind, &config).map_err(config_refused)?;
    let now = b.now();
    let t = AiTemplate {
        template_id: rules::new_id(),
        name,
        kind,
        config,
        is_default: false,
        source: "Custom".into(),
        creation_time: now,
        modify_time: now,
    };
    store::put(&b.pool, &t).await?;
    Ok(json!({ "TemplateId": t.template_id }))
}

pub async fn update_ai_template(b: &Backend, req: &ActionRequest) -> Result<Value, ApiError> {
    let mut t = find_template(b, req).await?;
    let name = template_name(req)?;
    let config = rules::required(req, "TemplateConfig")?.to_string();
    audit_rules::check_config(&t.kind, &config).map_err(config_refused)?;
    if t.source == "System" {
        return Err(forbidden("A system AI template cannot be changed."));
    }
    t.name = name;
    t.config = config;
    t.modify_time = b.now();
    store::put(&b.pool, &t).await?;
    Ok(json!({ "TemplateId": t.template_id }))
}

pub async fn delete_ai_template(b: &Backend, req: &ActionRequest) -> Result<Value, ApiError> {
    let t = find_template(b, req).await?;
    if t.is_default {
        return Err(forbidden("The default AI template cannot be deleted."));
    }
    if t.source == "System" {
        return Err(forbidden("A system AI template cannot be deleted."));
    }
    store::delete::<AiTemplate>(&b.pool, &t.template_id).await?;
    Ok(json!({ "TemplateId": t.template_id }))
}

pub async fn get_ai_template(b: &Backend, req: &ActionRequest) -> Result<Value, ApiError> {
    let t = find_template(b, req).await?;
    Ok(json!({ "TemplateInfo": render_template(&t) }))
}

pub async fn list_ai_template(b: &Backend, req: &ActionRequest) -> Result<Value, ApiError> {
    let kind = template_type(req)?;
    let list: Vec<Value> = b.all::<AiTemplate>().await?.iter().filter(|t| t.kind == kind).map(render_template).collect();
    Ok(json!({ "TemplateInfoList": list }))
}

pub async fn set_default_ai_template(b: &Backend, req: &ActionRequest) -> Result<Value, ApiError> {
    let chosen = find_template(b, req).await?;
    let now = b.now();
    let mut changed = Vec::new();
    for t in b.all::<AiTemplate>().await?.iter().filter(|t| t.kind == chosen.kind) {
        let is_default = t.template_id == chosen.template_id;
        if t.is_default != is_default {
            changed.push(AiTemplate { is_default, modify_time: now, ..t.clone() });
        }
    }
    store::put_many(&b.pool, &changed).await?;
    Ok(json!({ "TemplateId": chosen.template_id }))
}

pub async fn get_default_ai_template(b: &Backend, req: &ActionRequest) -> Result<Value, ApiError> {
    let kind = rules::required(req, "TemplateType")?;
    if kind != "AIMediaAudit" {
        return Err(ApiError::invalid("TemplateType", "Only AIMediaAudit has a default template."));
    }
    let t = audit_template(b, None).await?;
    Ok(json!({ "TemplateInfo": render_template(&t) }))
}

// ---------------------------------------------------------------------------------------
// Demo data

/// The demo account's review settings: an office range as the review security IPs (not
/// this machine: playing a video under review needs a security IP, as on a new
/// account), the system moderation template (the default) and a custom one, a finished
/// moderation of every video waiting for review or blocked and of some published ones,
/// and the decisions that blocked the blocked ones.
pub fn build(anchor: i64, videos: &[Video]) -> (Vec<SecurityGroup>, Vec<AiTemplate>, Vec<AiJob>, Vec<AuditRecord>) {
    let groups = vec![SecurityGroup { name: audit_rules::DEFAULT_GROUP.into(), ips: vec!["192.168.10.0/24".into(), "203.0.113.7".into()], creation_time: anchor - 86_400 * 200, modification_time: anchor - 86_400 * 30 }];
    let templates = vec![
        AiTemplate {
            template_id: "a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1".into(),
            name: "VOD-AIMediaAudit-System".into(),
            kind: "AIMediaAudit".into(),
            config: vod::audit::MediaAuditConfig {
                audit_item: vod::audit::AUDIT_ITEMS.map(String::from).to_vec(),
                audit_range: vod::audit::AUDIT_RANGES.map(String::from).to_vec(),
                audit_content: vec!["screen".into()],
                auto_block: false,
            }
            .to_json(),
            is_default: true,
            source: "System".into(),
            creation_time: anchor - 86_400 * 400,
            modify_time: anchor - 86_400 * 400,
        },
        AiTemplate {
            template_id: "a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2".into(),
            name: "广告与台标".into(),
            kind: "AIMediaAudit".into(),
            config: vod::audit::MediaAuditConfig {
                audit_item: vec!["ad".into(), "logo".into()],
                audit_range: vec!["video".into(), "text-title".into()],
                audit_content: vec!["screen".into()],
                auto_block: false,
            }
            .to_json(),
            is_default: false,
            source: "Custom".into(),
            creation_time: anchor - 86_400 * 90,
            modify_time: anchor - 86_400 * 12,
        },
        AiTemplate {
            template_id: "a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3".into(),
            name: "Smart covers (PNG)".into(),
            kind: "AIImage".into(),
            config: vod::audit::ImageConfig { format: "png".into(), set_default_cover: true }.to_json(),
            is_default: true,
            source: "Custom".into(),
            creation_time: anchor - 86_400 * 60,
            modify_time: anchor - 86_400 * 60,
        },
    ];
    let mut jobs = Vec::new();
    let mut records = Vec::new();
    for (i, v) in videos.iter().enumerate() {
        let moderated = matches!(v.status.as_str(), "Checking" | "Blocked") || (v.status == "Normal" && i % 4 == 0);
        if !moderated {
            continue;
        }
        let created = (v.creation_time + 600) * 1000;
        jobs.push(AiJob {
            job_id: format!("{:016x}{:016x}", mix(i as u64 ^ 0xA1), mix(i as u64 ^ 0xA2)),
            media_id: v.video_id.clone(),
            media_type: "video".into(),
            template_id: templates[0].template_id.clone(),
            user_data: None,
            creation_ms: created,
            due_ms: created + job_length_ms(v.duration),
        });
        if v.status == "Blocked" {
            records.push(AuditRecord {
                id: format!("r{}", v.video_id),
                video_id: v.video_id.clone(),
                auditor: AUDITOR.into(),
                status: "Blocked".into(),
                reason: "画面含违规内容".into(),
                comment: "AI flagged; confirmed on review.".into(),
                creation_ms: created + 3_600_000,
            });
        }
    }
    (groups, templates, jobs, records)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actions::test_support::*;

    #[test]
    fn findings_are_deterministic_and_varied() {
        let a = findings("abc", 300.0);
        assert_eq!(a, findings("abc", 300.0));
        let mut seen = std::collections::BTreeSet::new();
        for i in 0..60 {
            let f = findings(&format!("video-{i}"), 240.0);
            let (verdict, _) = f.verdict();
            seen.insert(verdict);
            if verdict == Verdict::Pass {
                assert!(f.frames.is_empty() && f.audio.is_empty());
            } else {
                assert!(!f.frames.is_empty() || !f.audio.is_empty(), "a flagged video shows why");
            }
            assert!(f.frames.windows(2).all(|w| w[0].timestamp_ms < w[1].timestamp_ms));
            assert!(f.frames.iter().all(|fr| fr.timestamp_ms < 240_000));
        }
        assert_eq!(seen.len(), 3, "{seen:?}");
    }

    #[tokio::test]
    async fn demo_queue_has_each_verdict() {
        let (b, _d) = backend().await;
        let mut verdicts = std::collections::BTreeSet::new();
        for v in videos(&b).await.iter().filter(|v| v.status == "Checking") {
            let r = ok(&b, "GetMediaAuditResult", &[("MediaId", &v.video_id)]).await;
            verdicts.insert(r["MediaAuditResult"]["Suggestion"].as_str().unwrap().to_string());
        }
        assert!(verdicts.contains("block") && verdicts.contains("review"), "{verdicts:?}");
    }

    #[tokio::test]
    async fn a_job_runs_init_processing_success_and_its_results_agree() {
        let (b, _d) = backend().await;
        let v = videos(&b).await.into_iter().find(|v| v.status == "Normal" && findings(&v.video_id, v.duration).verdict().0 != Verdict::Pass).unwrap();
        let job = ok(&b, "SubmitAIMediaAuditJob", &[("MediaId", &v.video_id)]).await;
        let id = job["JobId"].as_str().unwrap().to_string();
        let status = |r: &Value| r["MediaAuditJob"]["Status"].as_str().unwrap().to_string();
        assert_eq!(status(&ok(&b, "GetAIMediaAuditJob", &[("JobId", &id)]).await), "init");
        b.advance_clock(1);
        assert_eq!(status(&ok(&b, "GetAIMediaAuditJob", &[("JobId", &id)]).await), "processing");
        b.advance_clock(20);
        let done = ok(&b, "GetAIMediaAuditJob", &[("JobId", &id)]).await;
        assert_eq!(status(&done), "success");
        let summary = ok(&b, "GetMediaAuditResult", &[("MediaId", &v.video_id)]).await;
        assert_eq!(done["MediaAuditJob"]["Data"], summary["MediaAuditResult"]);
        let timeline = ok(&b, "GetMediaAuditResultTimeline", &[("MediaId", &v.video_id)]).await;
        let marks: usize = ["Porn", "Terrorism", "Ad", "Logo", "Live"].iter().map(|k| timeline["MediaAuditResultTimeline"][k].as_array().unwrap().len()).sum();
        let detail = ok(&b, "GetMediaAuditResultDetail", &[("MediaId", &v.video_id), ("PageNo", "1")]).await;
        let total = detail["MediaAuditResultDetail"]["Total"].as_u64().unwrap() as usize;
        assert!(marks >= total && total > 0 || marks == 0 && total == 0, "{marks} marks, {total} frames");
    }

    #[tokio::test]
    async fn create_audit_checks_every_decision_before_applying_any() {
        let (b, _d) = backend().await;
        let checking: Vec<Video> = videos(&b).await.into_iter().filter(|v| v.status == "Checking").collect();
        let content = |items: &[(&str, &str, &str)]| {
            serde_json::to_string(&items.iter().map(|(id, s, r)| json!({"VideoId": id, "Status": s, "Reason": r})).collect::<Vec<_>>()).unwrap()
        };
        let e = err(&b, "CreateAudit", &[("AuditContent", &content(&[(&checking[0].video_id, "Normal", ""), ("nope", "Normal", "")]))]).await;
        assert_eq!((e.code.as_str(), e.status), ("InvalidVideo.NotFound", 404));
        assert!(e.message.ends_with("VideoId: nope"));
        let long = "长".repeat(50);
        let e = err(&b, "CreateAudit", &[("AuditContent", &content(&[(&checking[0].video_id, "Blocked", &long)]))]).await;
        assert_eq!(e.code, "LengthExceededMax");
        let many: Vec<(&str, &str, &str)> = (0..21).map(|_| (checking[0].video_id.as_str(), "Normal", "")).collect();
        assert_eq!(err(&b, "CreateAudit", &[("AuditContent", &content(&many))]).await.code, "AuditContentExceededMax");
        assert_eq!(store::get::<Video>(&b.pool, &checking[0].video_id).await.unwrap().unwrap().status, "Checking");
        ok(&b, "CreateAudit", &[("AuditContent", &content(&[(&checking[0].video_id, "Normal", ""), (&checking[1].video_id, "Blocked", "广告")]))]).await;
        assert_eq!(store::get::<Video>(&b.pool, &checking[0].video_id).await.unwrap().unwrap().status, "Normal");
        assert_eq!(store::get::<Video>(&b.pool, &checking[1].video_id).await.unwrap().unwrap().status, "Blocked");
        let h = ok(&b, "GetAuditHistory", &[("VideoId", &checking[1].video_id)]).await;
        assert_eq!((h["Status"].as_str(), h["Total"].as_u64()), (Some("Blocked"), Some(1)));
        assert_eq!(h["Histories"][0]["Reason"], "广告");
    }

    #[tokio::test]
    async fn security_groups_follow_the_modes_and_limits() {
        let (b, _d) = backend().await;
        assert_eq!(err(&b, "SetAuditSecurityIp", &[("Ips", " , ")]).await.code, "IpsIsEmpty");
        let e = err(&b, "SetAuditSecurityIp", &[("Ips", "10.0.0.1,10.0.0.300")]).await;
        assert!(e.message.contains("10.0.0.300"), "{}", e.message);
        ok(&b, "SetAuditSecurityIp", &[("Ips", "127.0.0.1"), ("SecurityGroupName", "local")]).await;
        assert!(is_security_ip(&b, Some("127.0.0.1".parse().unwrap())).await.unwrap());
        ok(&b, "SetAuditSecurityIp", &[("Ips", "10.1.0.0/16"), ("SecurityGroupName", "local"), ("OperateMode", "Whatever")]).await;
        let l = ok(&b, "ListAuditSecurityIp", &[("SecurityGroupName", "local")]).await;
        assert_eq!(l["SecurityIpList"][0]["Ips"], "127.0.0.1,10.1.0.0/16");
        ok(&b, "SetAuditSecurityIp", &[("Ips", "127.0.0.1"), ("SecurityGroupName", "local"), ("OperateMode", "Delete")]).await;
        assert!(!is_security_ip(&b, Some("127.0.0.1".parse().unwrap())).await.unwrap());
        let hundred: Vec<String> = (0..101).map(|i| format!("10.9.{}.{}", i / 200, i % 200)).collect();
        assert_eq!(err(&b, "SetAuditSecurityIp", &[("Ips", &hundred.join(",")), ("OperateMode", "Cover")]).await.code, "IpsExceededMax");
        for i in 0..8 {
            ok(&b, "SetAuditSecurityIp", &[("Ips", "10.0.0.1"), ("SecurityGroupName", &format!("g{i}"))]).await;
        }
        let e = err(&b, "SetAuditSecurityIp", &[("Ips", "10.0.0.1"), ("SecurityGroupName", "one-too-many")]).await;
        assert_eq!((e.code.as_str(), e.status), ("SecurityIpGroupExceededMax", 403));
        assert_eq!(err(&b, "ListAuditSecurityIp", &[("SecurityGroupName", "nope")]).await.code, "SecurityIp.NotFound");
    }

    #[tokio::test]
    async fn ai_templates_are_validated_and_the_default_is_protected() {
        let (b, _d) = backend().await;
        let e = err(&b, "AddAITemplate", &[("TemplateName", "x"), ("TemplateType", "AIMediaAudit"), ("TemplateConfig", r#"{"AuditItem":["violence"],"AuditRange":["video"],"AuditContent":["screen"],"AuditAutoBlock":"no"}"#)]).await;
        assert!(e.message.contains("AuditItem: valid values are porn, terrorism, ad, logo, live."), "{}", e.message);
        let id = ok(&b, "AddAITemplate", &[("TemplateName", "x"), ("TemplateType", "AIMediaAudit"), ("TemplateConfig", r#"{"AuditItem":["porn"],"AuditRange":["video"],"AuditContent":["screen"],"AuditAutoBlock":"yes"}"#)]).await["TemplateId"].as_str().unwrap().to_string();
        ok(&b, "SetDefaultAITemplate", &[("TemplateId", &id)]).await;
        assert_eq!(ok(&b, "GetDefaultAITemplate", &[("TemplateType", "AIMediaAudit")]).await["TemplateInfo"]["TemplateId"], id.as_str());
        assert_eq!(err(&b, "DeleteAITemplate", &[("TemplateId", &id)]).await.code, "Forbidden");
        let list = ok(&b, "ListAITemplate", &[("TemplateType", "AIMediaAudit")]).await;
        assert_eq!(list["TemplateInfoList"].as_array().unwrap().iter().filter(|t| t["IsDefault"] == "Default").count(), 1);
    }
}
