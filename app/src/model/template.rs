//! Transcode template groups, snapshot templates and transcoding progress in the
//! console's words: what the templates page shows, the rendition editor's labels and
//! the sentence for a broken rule. The rules, the wire JSON, the diff and the presets
//! are `vod::transcode`'s, which the emulator applies too.

use serde::{Deserialize, Serialize};
pub use vod::transcode::{
    diff, preset, Change, Problem, Rendition, Rule, DEFINITIONS, FIELDS, FORMATS, PRESETS, TEMPLATES_MAX, USER_DEFAULT_WATERMARK,
};

use crate::i18n::{td_string, Locale};

/// A template group as the list shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupRow {
    pub id: String,
    pub name: String,
    pub is_default: bool,
    pub locked: bool,
    /// ISO 8601, UTC.
    pub created: String,
    pub modified: String,
    /// `None` when the group could not be read.
    pub templates: Option<usize>,
    /// Videos among those counted that were uploaded into this group.
    pub videos: usize,
}

impl GroupRow {
    /// VOD's built-in groups (no transcoding) take no templates and cannot be edited.
    pub fn is_special(&self) -> bool {
        self.id == "VOD_NO_TRANSCODE" || self.id.starts_with("VOD_")
    }
}

/// A snapshot (or animated-image) template, with its configuration's main fields.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnapshotTemplate {
    pub id: String,
    pub is_default: bool,
    pub created: String,
    pub form: SnapshotForm,
}

/// The templates page's first view: the groups, how many videos each holds (among the
/// newest `videos_counted`), and the snapshot templates.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplatesOverview {
    pub groups: Vec<GroupRow>,
    pub videos_counted: usize,
    /// All videos in the library (more than counted when the library is large).
    pub videos_total: i64,
    pub snapshots: Vec<SnapshotTemplate>,
    /// Why the snapshot templates or the video counts could not be read.
    pub partial_error: Option<String>,
    pub cached_age_secs: Option<u64>,
}

/// A watermark the rendition editor offers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MarkChoice {
    pub id: String,
    pub name: String,
    pub is_default: bool,
}

/// One group with its templates, as opened for editing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupDetail {
    pub row: GroupRow,
    pub templates: Vec<Rendition>,
    /// `vod::transcode::fingerprint` of the group as read: a save is refused when VOD's
    /// copy no longer has it.
    pub stamp: String,
    pub marks: Vec<MarkChoice>,
}

/// What a save, delete or create did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupSaved {
    pub group_id: String,
    pub request_id: String,
    pub changes: Vec<Change>,
}

/// The editor's snapshot template form (`SnapshotTemplateConfig`), every field as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SnapshotForm {
    pub id: String,
    pub name: String,
    /// `Snapshot` (empty means it) or `DynamicImage` (an animated image); fixed once the
    /// template exists.
    pub template_type: String,
    /// `NormalSnapshot` or `SpriteSnapshot`.
    pub snapshot_type: String,
    /// `intra` (key frames) or `normal`.
    pub frame_type: String,
    pub count: String,
    pub interval: String,
    pub offset: String,
    pub width: String,
    pub height: String,
    pub columns: String,
    pub lines: String,
    /// Animated images: frames per second, `gif` or `webp`, the clip's start and length,
    /// and whether it becomes the video's cover (width and height are shared).
    pub fps: String,
    pub format: String,
    pub seek: String,
    pub duration: String,
    pub set_default_cover: String,
}

/// Snapshot form fields with their `SnapshotConfig` paths.
pub const SNAPSHOT_FIELDS: &[(&str, &str)] = &[
    ("name", "Name"),
    ("snapshot_type", "SnapshotType"),
    ("frame_type", "FrameType"),
    ("count", "Count"),
    ("interval", "Interval"),
    ("offset", "SpecifiedOffsetTime"),
    ("width", "Width"),
    ("height", "Height"),
    ("columns", "SpriteSnapshotConfig.Columns"),
    ("lines", "SpriteSnapshotConfig.Lines"),
    ("template_type", "TemplateType"),
    ("fps", "Video.Fps"),
    ("format", "Container.Format"),
    ("seek", "Clip.TimeSpan.Seek"),
    ("duration", "Clip.TimeSpan.Duration"),
    ("set_default_cover", "SetDefaultCover"),
];

impl SnapshotForm {
    /// Ten key-frame snapshots, one every 10 s from the start.
    pub fn new() -> Self {
        SnapshotForm {
            template_type: "Snapshot".into(),
            snapshot_type: "NormalSnapshot".into(),
            frame_type: "intra".into(),
            count: "10".into(),
            interval: "10".into(),
            offset: "0".into(),
            ..Default::default()
        }
    }

    /// A 4-second GIF at 320x180 and 10 fps, from 5 s into the video.
    pub fn new_animated() -> Self {
        SnapshotForm {
            template_type: "DynamicImage".into(),
            width: "320".into(),
            height: "180".into(),
            fps: "10".into(),
            format: "gif".into(),
            seek: "5".into(),
            duration: "4".into(),
            set_default_cover: "false".into(),
            ..Default::default()
        }
    }

    pub fn is_animated(&self) -> bool {
        self.template_type == "DynamicImage"
    }

    /// `TemplateType` as VOD takes it.
    pub fn kind(&self) -> &'static str {
        if self.is_animated() { "DynamicImage" } else { "Snapshot" }
    }

    /// The animated-image fields, which the form names as `vod::transcode::AnimatedImage`
    /// does.
    fn animated(&self) -> vod::transcode::AnimatedImage {
        let mut a = vod::transcode::AnimatedImage::default();
        for (field, _) in vod::transcode::ANIMATED_FIELDS {
            if let Some(slot) = a.get_mut(field) {
                *slot = self.get(field).to_string();
            }
        }
        a
    }

    pub fn get(&self, field: &str) -> &str {
        match field {
            "name" => &self.name,
            "snapshot_type" => &self.snapshot_type,
            "frame_type" => &self.frame_type,
            "count" => &self.count,
            "interval" => &self.interval,
            "offset" => &self.offset,
            "width" => &self.width,
            "height" => &self.height,
            "columns" => &self.columns,
            "lines" => &self.lines,
            "template_type" => &self.template_type,
            "fps" => &self.fps,
            "format" => &self.format,
            "seek" => &self.seek,
            "duration" => &self.duration,
            "set_default_cover" => &self.set_default_cover,
            _ => "",
        }
    }

    pub fn get_mut(&mut self, field: &str) -> Option<&mut String> {
        Some(match field {
            "name" => &mut self.name,
            "snapshot_type" => &mut self.snapshot_type,
            "frame_type" => &mut self.frame_type,
            "count" => &mut self.count,
            "interval" => &mut self.interval,
            "offset" => &mut self.offset,
            "width" => &mut self.width,
            "height" => &mut self.height,
            "columns" => &mut self.columns,
            "lines" => &mut self.lines,
            "template_type" => &mut self.template_type,
            "fps" => &mut self.fps,
            "format" => &mut self.format,
            "seek" => &mut self.seek,
            "duration" => &mut self.duration,
            "set_default_cover" => &mut self.set_default_cover,
            _ => return None,
        })
    }

    pub fn is_sprite(&self) -> bool {
        self.snapshot_type == "SpriteSnapshot"
    }

    /// The first broken rule (the reference's SnapshotTemplateConfig: Count ≥ 1,
    /// Interval and offset ≥ 0, Width/Height 8-4096, sprite Columns/Lines 1-10000).
    pub fn check(&self) -> Result<(), Problem> {
        let fail = |field: &'static str, rule: Rule| Err(Problem { field, rule });
        let name = self.name.trim();
        if name.is_empty() {
            return fail("Name", Rule::Missing);
        }
        if name.len() > vod::transcode::NAME_MAX_BYTES {
            return fail("Name", Rule::TooLong(vod::transcode::NAME_MAX_BYTES));
        }
        if !["", "Snapshot", "DynamicImage"].contains(&self.template_type.as_str()) {
            return fail("TemplateType", Rule::OneOf(&["Snapshot", "DynamicImage"]));
        }
        if self.is_animated() {
            return self.animated().check();
        }
        if !["NormalSnapshot", "SpriteSnapshot"].contains(&self.snapshot_type.as_str()) {
            return fail("SnapshotType", Rule::OneOf(&["NormalSnapshot", "SpriteSnapshot"]));
        }
        if !["intra", "normal"].contains(&self.frame_type.as_str()) {
            return fail("FrameType", Rule::OneOf(&["intra", "normal"]));
        }
        let int = |v: &str, min: u32, max: u32| v.trim().parse::<u32>().is_ok_and(|n| (min..=max).contains(&n));
        for (field, wire, min, max) in [("count", "Count", 1, 100_000), ("interval", "Interval", 0, 86_400), ("offset", "SpecifiedOffsetTime", 0, 86_400_000)] {
            if !int(self.get(field), min, max) {
                return fail(wire, Rule::Integer { min, max });
            }
        }
        for (field, wire) in [("width", "Width"), ("height", "Height")] {
            if !self.get(field).trim().is_empty() && !int(self.get(field), 8, 4096) {
                return fail(wire, Rule::Integer { min: 8, max: 4096 });
            }
        }
        if self.is_sprite() {
            for (field, wire) in [("columns", "SpriteSnapshotConfig.Columns"), ("lines", "SpriteSnapshotConfig.Lines")] {
                if !int(self.get(field), 1, 10_000) {
                    return fail(wire, Rule::Integer { min: 1, max: 10_000 });
                }
            }
        }
        Ok(())
    }

    /// `TemplateConfig` as VOD takes it; `base` (the configuration as read) keeps what
    /// the form does not show.
    pub fn config_json(&self, base: &str) -> String {
        use serde_json::{Map, Value};
        let mut config: Map<String, Value> = serde_json::from_str(base).unwrap_or_default();
        if self.is_animated() {
            return Value::Object(self.animated().to_json(&config)).to_string();
        }
        config.insert("SnapshotType".into(), Value::from(self.snapshot_type.trim()));
        let mut snap = config.get("SnapshotConfig").and_then(Value::as_object).cloned().unwrap_or_default();
        snap.insert("FrameType".into(), Value::from(self.frame_type.trim()));
        for (field, wire) in [("count", "Count"), ("interval", "Interval"), ("offset", "SpecifiedOffsetTime"), ("width", "Width"), ("height", "Height")] {
            match self.get(field).trim().parse::<u64>() {
                Ok(n) => snap.insert(wire.into(), Value::from(n)),
                Err(_) => snap.remove(wire),
            };
        }
        if self.is_sprite() {
            let mut sprite = snap.get("SpriteSnapshotConfig").and_then(Value::as_object).cloned().unwrap_or_default();
            for (field, wire) in [("columns", "Columns"), ("lines", "Lines")] {
                if let Ok(n) = self.get(field).trim().parse::<u64>() {
                    sprite.insert(wire.into(), Value::from(n));
                }
            }
            snap.insert("SpriteSnapshotConfig".into(), Value::Object(sprite));
        } else {
            snap.remove("SpriteSnapshotConfig");
        }
        config.insert("SnapshotConfig".into(), Value::Object(snap));
        Value::Object(config).to_string()
    }

    /// A template's form from its name, `TemplateType` and `TemplateConfig` JSON.
    pub fn from_config(id: &str, name: &str, kind: &str, config: &str) -> SnapshotForm {
        let v: serde_json::Value = serde_json::from_str(config).unwrap_or_default();
        if kind == "DynamicImage" {
            let a = vod::transcode::AnimatedImage::from_config(v.as_object().unwrap_or(&Default::default()));
            let mut f = SnapshotForm { id: id.into(), name: name.into(), template_type: kind.into(), ..Default::default() };
            for (field, _) in vod::transcode::ANIMATED_FIELDS {
                if let (Some(slot), Some(value)) = (f.get_mut(field), a.get(field)) {
                    *slot = value.clone();
                }
            }
            return f;
        }
        let text = |v: &serde_json::Value| match v {
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Number(n) => n.to_string(),
            _ => String::new(),
        };
        let snap = &v["SnapshotConfig"];
        SnapshotForm {
            id: id.into(),
            name: name.into(),
            snapshot_type: text(&v["SnapshotType"]),
            frame_type: text(&snap["FrameType"]),
            count: text(&snap["Count"]),
            interval: text(&snap["Interval"]),
            offset: text(&snap["SpecifiedOffsetTime"]),
            width: text(&snap["Width"]),
            height: text(&snap["Height"]),
            columns: text(&snap["SpriteSnapshotConfig"]["Columns"]),
            lines: text(&snap["SpriteSnapshotConfig"]["Lines"]),
            template_type: "Snapshot".into(),
            ..Default::default()
        }
    }
}

/// One transcoding job's progress.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobRow {
    pub job_id: String,
    pub definition: String,
    /// `Transcoding`, `TranscodeSuccess` or `TranscodeFail`.
    pub status: String,
    pub progress: i64,
    pub format: String,
    pub resolution: String,
    pub size: Option<i64>,
    pub error: String,
}

/// One job of a transcoding task with what it produced (GetTranscodeTask).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TaskJob {
    pub job_id: String,
    pub template_id: String,
    pub definition: String,
    pub status: String,
    pub progress: i64,
    pub error: String,
    pub output_url: String,
    pub format: String,
    /// `width×height`, empty while unknown.
    pub resolution: String,
    pub bitrate_kbps: Option<f64>,
    pub fps: Option<f64>,
    pub duration_s: Option<f64>,
    pub size: Option<i64>,
    pub encryption: String,
    pub watermarks: Vec<String>,
}

/// A transcoding task with every job's output.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TaskDetail {
    pub task_id: String,
    pub video_id: String,
    pub group_id: String,
    pub status: String,
    pub trigger: String,
    pub created: String,
    pub completed: String,
    pub jobs: Vec<TaskJob>,
}

/// A video's latest transcoding (GetTranscodeSummary), with its task (ListTranscodeTask).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VideoTranscode {
    pub video_id: String,
    pub title: String,
    pub group_id: String,
    pub group_name: String,
    /// `Processing`, `Partial`, `CompleteAllSucc`, `CompleteAllFail`, `CompletePartialSucc`;
    /// empty when the video has never been transcoded.
    pub status: String,
    pub created: String,
    pub completed: String,
    pub task_id: String,
    pub trigger: String,
    pub jobs: Vec<JobRow>,
}

impl VideoTranscode {
    pub fn is_running(&self) -> bool {
        self.status == "Processing" || self.jobs.iter().any(|j| j.status == "Transcoding")
    }

    /// The jobs' mean progress, 0-100.
    pub fn progress(&self) -> i64 {
        if self.jobs.is_empty() {
            return if self.status.starts_with("Complete") { 100 } else { 0 };
        }
        self.jobs.iter().map(|j| if j.status == "TranscodeSuccess" { 100 } else { j.progress.clamp(0, 100) }).sum::<i64>() / self.jobs.len() as i64
    }
}

/// The jobs view: the videos asked about, and the ones VOD does not know.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobsView {
    pub videos: Vec<VideoTranscode>,
    pub unknown: Vec<String>,
}

/// One video's SubmitTranscodeJobs result.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubmitOutcome {
    pub video_id: String,
    pub ok: bool,
    /// The task ID, or why VOD refused.
    pub detail: String,
}

/// Video IDs from a text box: split on commas, spaces and new lines, each once.
pub fn parse_video_ids(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for id in text.split(|c: char| c == ',' || c.is_whitespace()).map(str::trim).filter(|s| !s.is_empty()) {
        if !out.iter().any(|o| o == id) {
            out.push(id.to_string());
        }
    }
    out
}

/// Videos one jobs request may name (ten GetTranscodeSummary calls).
pub const JOB_VIDEOS_MAX: usize = 100;

/// A rendition field's label, by wire path.
pub fn field_label(locale: Locale, wire: &str) -> &'static str {
    match wire {
        "TemplateName" | "Name" => td_string!(locale, templates.field.name),
        "Type" => td_string!(locale, templates.field.kind),
        "Definition" => td_string!(locale, templates.field.definition),
        "Container.Format" => td_string!(locale, templates.field.format),
        "Video.Codec" => td_string!(locale, templates.field.video_codec),
        "Video.Bitrate" => td_string!(locale, templates.field.video_bitrate),
        "Video.Width" => td_string!(locale, templates.field.width),
        "Video.Height" => td_string!(locale, templates.field.height),
        "Video.Fps" => td_string!(locale, templates.field.fps),
        "Video.Gop" => td_string!(locale, templates.field.gop),
        "Video.Profile" => td_string!(locale, templates.field.profile),
        "Video.Remove" => td_string!(locale, templates.field.video_remove),
        "Audio.Codec" => td_string!(locale, templates.field.audio_codec),
        "Audio.Bitrate" => td_string!(locale, templates.field.audio_bitrate),
        "Audio.Samplerate" => td_string!(locale, templates.field.samplerate),
        "Audio.Channels" => td_string!(locale, templates.field.channels),
        "Audio.Remove" => td_string!(locale, templates.field.audio_remove),
        "MuxConfig.Segment.Duration" => td_string!(locale, templates.field.segment),
        "EncryptSetting.EncryptType" => td_string!(locale, templates.field.encrypt),
        "PackageSetting.PackageConfig.BandWidth" => td_string!(locale, templates.field.bandwidth),
        "Clip.TimeSpan.Seek" => td_string!(locale, templates.field.clip_seek),
        "Clip.TimeSpan.Duration" => td_string!(locale, templates.field.clip_duration),
        "Rotate" => td_string!(locale, templates.field.rotate),
        "TranscodeFileRegular" => td_string!(locale, templates.field.file_regular),
        "WatermarkIds" => td_string!(locale, templates.field.watermarks),
        "SnapshotType" => td_string!(locale, templates.field.snapshot_type),
        "FrameType" => td_string!(locale, templates.field.frame_type),
        "Count" => td_string!(locale, templates.field.count),
        "Interval" => td_string!(locale, templates.field.interval),
        "SpecifiedOffsetTime" => td_string!(locale, templates.field.offset),
        "Width" => td_string!(locale, templates.field.width),
        "Height" => td_string!(locale, templates.field.height),
        "SpriteSnapshotConfig.Columns" => td_string!(locale, templates.field.columns),
        "SpriteSnapshotConfig.Lines" => td_string!(locale, templates.field.lines),
        "SetDefaultCover" => td_string!(locale, templates.field.set_default_cover),
        "TemplateType" => td_string!(locale, templates.field.template_type),
        _ => td_string!(locale, templates.field.group_name),
    }
}

/// The sentence for a broken rule: the limit, without the field's name.
pub fn rule_text(locale: Locale, rule: Rule) -> String {
    match rule {
        Rule::Missing => td_string!(locale, templates.rule.missing).to_string(),
        Rule::OneOf(values) => td_string!(locale, templates.rule.one_of, values = values.join(", ")).to_string(),
        Rule::Integer { min, max } if max == u32::MAX => td_string!(locale, templates.rule.at_least, min).to_string(),
        Rule::Integer { min, max } => td_string!(locale, templates.rule.integer, min, max).to_string(),
        Rule::Even => td_string!(locale, templates.rule.even).to_string(),
        Rule::Fps => td_string!(locale, templates.rule.fps).to_string(),
        Rule::Rotate => td_string!(locale, templates.rule.rotate).to_string(),
        Rule::ClipTime => td_string!(locale, templates.rule.clip_time).to_string(),
        Rule::TooLong(max) => td_string!(locale, templates.rule.too_long, max).to_string(),
        Rule::OutputPath => td_string!(locale, templates.rule.output_path).to_string(),
        Rule::FlvH265 => td_string!(locale, templates.rule.flv_h265).to_string(),
        Rule::H264Only => td_string!(locale, templates.rule.h264_only).to_string(),
        Rule::Samplerate => td_string!(locale, templates.rule.samplerate).to_string(),
        Rule::EncryptHlsOnly => td_string!(locale, templates.rule.encrypt_hls).to_string(),
        Rule::PackageType => td_string!(locale, templates.rule.package).to_string(),
        Rule::TooManyWatermarks => td_string!(locale, templates.rule.watermarks, max = vod::transcode::WATERMARKS_MAX).to_string(),
    }
}

/// "Video bitrate (Kbps): an integer from 10 to 50000" — the field and the limit.
pub fn problem_text(locale: Locale, p: &Problem) -> String {
    format!("{}: {}", field_label(locale, p.field), rule_text(locale, p.rule))
}

/// A preset's name.
pub fn preset_label(locale: Locale, key: &str) -> &'static str {
    match key {
        "hls3" => td_string!(locale, templates.preset.hls3),
        "mp4x3" => td_string!(locale, templates.preset.mp4x3),
        "audio" => td_string!(locale, templates.preset.audio),
        _ => td_string!(locale, templates.preset.empty),
    }
}

/// The activity log's words for a diff: `Video.Bitrate 1500 → 2000; ...`.
pub fn changes_text(changes: &[Change]) -> String {
    let show = |v: &str| if v.is_empty() { "(default)".to_string() } else { v.to_string() };
    changes.iter().map(|c| format!("{} {} → {}", c.field, show(&c.was), show(&c.now))).collect::<Vec<_>>().join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snapshot_forms_become_vod_config_and_back() {
        let mut f = SnapshotForm::new();
        f.name = "封面".into();
        assert!(f.check().is_ok());
        let json = f.config_json("");
        let back = SnapshotForm::from_config("", "封面", "Snapshot", &json);
        assert_eq!(back, f);
        f.snapshot_type = "SpriteSnapshot".into();
        assert_eq!(f.check().unwrap_err().field, "SpriteSnapshotConfig.Columns");
        f.columns = "10".into();
        f.lines = "10".into();
        assert!(f.check().is_ok());
        // What the form does not show is kept.
        let base = r#"{"SnapshotType":"SpriteSnapshot","SnapshotConfig":{"SpriteSnapshotConfig":{"CellWidth":160}}}"#;
        let v: serde_json::Value = serde_json::from_str(&f.config_json(base)).unwrap();
        assert_eq!(v["SnapshotConfig"]["SpriteSnapshotConfig"]["CellWidth"], 160);
        assert_eq!(v["SnapshotConfig"]["SpriteSnapshotConfig"]["Columns"], 10);
        f.width = "4".into();
        assert_eq!(f.check().unwrap_err().field, "Width");
    }

    #[test]
    fn animated_image_forms_become_vod_config_and_back() {
        let mut f = SnapshotForm::new_animated();
        f.name = "动图".into();
        assert!(f.check().is_ok());
        let json = f.config_json("");
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!((v["Video"]["Fps"].as_str(), v["Container"]["Format"].as_str(), v["Clip"]["TimeSpan"]["Duration"].as_str()), (Some("10"), Some("gif"), Some("4")));
        assert!(v.get("SnapshotConfig").is_none(), "no snapshot settings in an animated image");
        assert_eq!(SnapshotForm::from_config("", "动图", "DynamicImage", &json), f);
        f.width = "64".into();
        assert_eq!(f.check().unwrap_err().field, "Video.Width", "animated images are at least 128 px");
        f.width = "320".into();
        f.seek = "soon".into();
        assert_eq!(f.check().unwrap_err().field, "Clip.TimeSpan.Seek");
        f.template_type = "Gif".into();
        assert_eq!(f.check().unwrap_err().field, "TemplateType");
    }

    #[test]
    fn problems_name_the_field_and_the_limit_in_both_languages() {
        let mut r = vod::transcode::blank();
        r.name = "x".into();
        r.video_bitrate = "99999".into();
        let p = r.check(true).unwrap_err();
        let en = problem_text(Locale::en, &p);
        assert!(en.contains("10") && en.contains("50000"), "{en}");
        assert_ne!(problem_text(Locale::zh, &p), en);
    }

    #[test]
    fn video_ids_are_split_and_deduplicated() {
        assert_eq!(parse_video_ids(" a, b\nc a "), vec!["a", "b", "c"]);
        assert!(parse_video_ids(" , ").is_empty());
    }
}
