//! VOD's transcode template rules, defined once for the console (whose rendition editor
//! checks as the user types and again on the server before any call) and the emulator
//! (which refuses as VOD does): the fields of a `TranscodeTemplate` the console edits,
//! their enums and ranges, what a template's JSON looks like on the wire, a
//! field-by-field diff of two templates, and built-in presets that make valid groups.
//!
//! Source: the API reference's appendix (TranscodeTemplate, Video, Audio, Container,
//! MuxConfig, Clip/TimeSpan, EncryptSetting, PackageSetting; seed lines 33927-34700).
//!
//! A template read from VOD may carry settings the editor does not show (`Crf`,
//! `TransConfig`, subtitles ...). [`Rendition::base`] keeps the template as read, and
//! [`Rendition::to_json`] writes the edited fields over it, so nothing is lost on save.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// Templates per group, groups per account, watermarks per template, template IDs per
/// DeleteTranscodeTemplateGroup call.
pub const TEMPLATES_MAX: usize = 20;
pub const GROUPS_MAX: usize = 20;
pub const WATERMARKS_MAX: usize = 4;
pub const DELETE_IDS_MAX: usize = 10;
/// `Name` of a group and `TemplateName` of a template, in UTF-8 bytes.
pub const NAME_MAX_BYTES: usize = 128;

/// `Type`.
pub const TYPES: &[&str] = &["Normal", "VideoPackage", "SubtitlePackage"];
/// `Definition` (a label; it cannot be changed once a template exists).
pub const DEFINITIONS: &[&str] = &[
    "LD", "SD", "HD", "FHD", "OD", "2K", "4K", "SQ", "HQ", "LD-NBV1", "SD-NBV1", "HD-NBV1", "FHD-NBV1", "2K-NBV1", "4K-NBV1",
];
/// `Container.Format`: FLV, MP4 and HLS for video, MP3 and MP4 for audio.
pub const FORMATS: &[&str] = &["mp4", "m3u8", "flv", "mp3"];
/// `Video.Codec`, `Video.Profile` (H.264 only), `Audio.Codec`.
pub const VIDEO_CODECS: &[&str] = &["H.264", "H.265"];
pub const PROFILES: &[&str] = &["baseline", "main", "high"];
pub const AUDIO_CODECS: &[&str] = &["AAC", "MP3"];
/// `Audio.Samplerate` (Hz) and `Audio.Channels` per codec.
pub const SAMPLE_RATES: &[&str] = &["22050", "32000", "44100", "48000", "96000"];
pub const AAC_CHANNELS: &[&str] = &["1", "2", "4", "5", "6", "8"];
pub const MP3_CHANNELS: &[&str] = &["1", "2"];
/// `EncryptSetting.EncryptType` (private encryption, HLS only).
pub const ENCRYPT_TYPES: &[&str] = &["AliyunVoDEncryption"];
/// Transcode templates reference the account's default watermark by this ID.
pub const USER_DEFAULT_WATERMARK: &str = "USER_DEFAULT_WATERMARK";

/// Ranges (inclusive) of the integer fields.
pub const VIDEO_BITRATE: (u32, u32) = (10, 50_000);
pub const DIMENSION: (u32, u32) = (128, 4096);
pub const GOP: (u32, u32) = (1, 100_000);
pub const AUDIO_BITRATE: (u32, u32) = (8, 1000);
pub const SEGMENT: (u32, u32) = (1, 60);
/// `Fps` is in (0, 60]; `Rotate` in [0, 360]; clip times in [0, 86399.999] s.
pub const FPS_MAX: f64 = 60.0;
pub const ROTATE_MAX: f64 = 360.0;
pub const CLIP_MAX_SECS: f64 = 86_399.999;
/// `TranscodeFileRegular`: at most 128 characters of `[0-9A-Za-z{}/_-]`, starting with
/// `{MediaId}`.
pub const FILE_REGULAR_MAX: usize = 128;

/// A rule a field breaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// Required and absent or empty.
    Missing,
    /// Not one of these values.
    OneOf(&'static [&'static str]),
    /// Not an integer in [min, max].
    Integer { min: u32, max: u32 },
    /// A width or height that is not a multiple of 2.
    Even,
    /// Not a number in (0, 60].
    Fps,
    /// Not a number in [0, 360].
    Rotate,
    /// Not seconds (`sssss[.SSS]`, at most 86399.999) nor `hh:mm:ss[.SSS]`.
    ClipTime,
    /// Longer than this many UTF-8 bytes (names) or characters (the output path).
    TooLong(usize),
    /// Not `{MediaId}...` of `[0-9A-Za-z{}/_-]`.
    OutputPath,
    /// H.265 in an FLV container.
    FlvH265,
    /// `Profile` with a codec other than H.264.
    H264Only,
    /// A sample rate the codec and container cannot take (MP3: not 96000; MP3 in FLV:
    /// not 32000, 48000 or 96000).
    Samplerate,
    /// Encryption outside HLS (`m3u8`).
    EncryptHlsOnly,
    /// Packaging settings on a `Normal` template, or a package template outside HLS.
    PackageType,
    /// More than 4 watermarks.
    TooManyWatermarks,
}

/// A template field (by wire path, as `Video.Bitrate`) and the rule it breaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Problem {
    pub field: &'static str,
    pub rule: Rule,
}

impl Problem {
    /// The rule in English (the emulator's error message; the console has its own words).
    pub fn english(&self) -> String {
        match self.rule {
            Rule::Missing => "It is required.".to_string(),
            Rule::OneOf(values) => format!("Valid values: {}.", values.join(", ")),
            Rule::Integer { min, max } => format!("It must be an integer from {min} to {max}."),
            Rule::Even => "It must be a multiple of 2.".to_string(),
            Rule::Fps => "It must be a number greater than 0 and at most 60.".to_string(),
            Rule::Rotate => "It must be a number from 0 to 360.".to_string(),
            Rule::ClipTime => "It must be seconds (sssss[.SSS], at most 86399.999) or hh:mm:ss[.SSS].".to_string(),
            Rule::TooLong(max) => format!("It must be at most {max} bytes."),
            Rule::OutputPath => "It must start with {MediaId} and use only 0-9, A-Z, a-z, {, }, /, _ and -.".to_string(),
            Rule::FlvH265 => "The FLV container cannot hold H.265 video.".to_string(),
            Rule::H264Only => "Profile applies to H.264 only.".to_string(),
            Rule::Samplerate => "This sample rate is not supported for this codec and container.".to_string(),
            Rule::EncryptHlsOnly => "Encryption applies to HLS (m3u8) output only.".to_string(),
            Rule::PackageType => "PackageSetting is for VideoPackage and SubtitlePackage templates with m3u8 output.".to_string(),
            Rule::TooManyWatermarks => format!("At most {WATERMARKS_MAX} watermarks."),
        }
    }
}

/// One transcode template as the editor sees it: every field as text (a form sends
/// text), by the names its inputs carry. Empty means "not set" (VOD's default applies).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Rendition {
    /// `TranscodeTemplateId`; empty for a template not yet at VOD.
    pub id: String,
    pub name: String,
    pub kind: String,
    pub definition: String,
    pub format: String,
    pub video_codec: String,
    pub video_bitrate: String,
    pub width: String,
    pub height: String,
    pub fps: String,
    pub gop: String,
    pub profile: String,
    /// `true` drops the video stream (an audio-only rendition).
    pub video_remove: String,
    pub audio_codec: String,
    pub audio_bitrate: String,
    pub samplerate: String,
    pub channels: String,
    pub audio_remove: String,
    pub segment: String,
    pub encrypt: String,
    pub bandwidth: String,
    pub clip_seek: String,
    pub clip_duration: String,
    pub rotate: String,
    pub file_regular: String,
    /// Up to four watermark IDs (`USER_DEFAULT_WATERMARK` allowed); blanks are ignored.
    pub watermark_ids: Vec<String>,
    /// The template as read from VOD (settings as objects), kept so that fields the
    /// editor does not show survive a save. Empty for a new template.
    pub base: String,
}

/// The editor's fields: (form field, wire path). The order is the editor's and the diff's.
pub const FIELDS: &[(&str, &str)] = &[
    ("name", "TemplateName"),
    ("kind", "Type"),
    ("definition", "Definition"),
    ("format", "Container.Format"),
    ("video_codec", "Video.Codec"),
    ("video_bitrate", "Video.Bitrate"),
    ("width", "Video.Width"),
    ("height", "Video.Height"),
    ("fps", "Video.Fps"),
    ("gop", "Video.Gop"),
    ("profile", "Video.Profile"),
    ("video_remove", "Video.Remove"),
    ("audio_codec", "Audio.Codec"),
    ("audio_bitrate", "Audio.Bitrate"),
    ("samplerate", "Audio.Samplerate"),
    ("channels", "Audio.Channels"),
    ("audio_remove", "Audio.Remove"),
    ("segment", "MuxConfig.Segment.Duration"),
    ("encrypt", "EncryptSetting.EncryptType"),
    ("bandwidth", "PackageSetting.PackageConfig.BandWidth"),
    ("clip_seek", "Clip.TimeSpan.Seek"),
    ("clip_duration", "Clip.TimeSpan.Duration"),
    ("rotate", "Rotate"),
    ("file_regular", "TranscodeFileRegular"),
];

/// The wire path of a form field.
pub fn wire_of(field: &str) -> Option<&'static str> {
    FIELDS.iter().find(|(f, _)| *f == field).map(|(_, w)| *w)
}

/// A wire path's form field.
pub fn field_of(wire: &str) -> Option<&'static str> {
    FIELDS.iter().find(|(_, w)| *w == wire).map(|(f, _)| *f)
}

fn text_of(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        _ => String::new(),
    }
}

/// A settings value as an object: VOD returns settings as JSON strings and takes them
/// as objects or strings.
fn as_object(v: Option<&Value>) -> Map<String, Value> {
    match v {
        Some(Value::Object(m)) => m.clone(),
        Some(Value::String(s)) => serde_json::from_str(s).unwrap_or_default(),
        _ => Map::new(),
    }
}

/// The template with every JSON-string setting parsed into an object.
fn expanded(t: &Map<String, Value>) -> Map<String, Value> {
    let mut out = Map::new();
    for (k, v) in t {
        let v = match v {
            Value::String(s) if s.trim_start().starts_with('{') => {
                serde_json::from_str::<Value>(s).ok().filter(Value::is_object).unwrap_or_else(|| v.clone())
            }
            other => other.clone(),
        };
        out.insert(k.clone(), v);
    }
    out
}

/// The value at a dotted path of a template (settings parsed from strings).
fn at_path(t: &Map<String, Value>, wire: &str) -> String {
    let mut parts = wire.split('.');
    let first = parts.next().unwrap_or_default();
    let mut current = match t.get(first) {
        Some(v) if wire.contains('.') => Value::Object(as_object(Some(v))),
        Some(v) => v.clone(),
        None => return String::new(),
    };
    for p in parts {
        current = match current.get(p) {
            Some(v) => v.clone(),
            None => return String::new(),
        };
    }
    text_of(&current)
}

/// Sets a dotted path (objects created on the way); an empty value removes the leaf.
fn set_path(t: &mut Map<String, Value>, wire: &str, value: &str) {
    let parts: Vec<&str> = wire.split('.').collect();
    fn go(map: &mut Map<String, Value>, parts: &[&str], value: &str) {
        let (head, rest) = (parts[0], &parts[1..]);
        if rest.is_empty() {
            if value.is_empty() {
                map.remove(head);
            } else {
                map.insert(head.to_string(), Value::String(value.to_string()));
            }
            return;
        }
        let mut inner = as_object(map.get(head));
        go(&mut inner, rest, value);
        if inner.is_empty() {
            map.remove(head);
        } else {
            map.insert(head.to_string(), Value::Object(inner));
        }
    }
    go(t, &parts, value);
}

impl Rendition {
    /// A form field's value.
    pub fn get(&self, field: &str) -> Option<&String> {
        Some(match field {
            "id" => &self.id,
            "name" => &self.name,
            "kind" => &self.kind,
            "definition" => &self.definition,
            "format" => &self.format,
            "video_codec" => &self.video_codec,
            "video_bitrate" => &self.video_bitrate,
            "width" => &self.width,
            "height" => &self.height,
            "fps" => &self.fps,
            "gop" => &self.gop,
            "profile" => &self.profile,
            "video_remove" => &self.video_remove,
            "audio_codec" => &self.audio_codec,
            "audio_bitrate" => &self.audio_bitrate,
            "samplerate" => &self.samplerate,
            "channels" => &self.channels,
            "audio_remove" => &self.audio_remove,
            "segment" => &self.segment,
            "encrypt" => &self.encrypt,
            "bandwidth" => &self.bandwidth,
            "clip_seek" => &self.clip_seek,
            "clip_duration" => &self.clip_duration,
            "rotate" => &self.rotate,
            "file_regular" => &self.file_regular,
            _ => return None,
        })
    }

    pub fn get_mut(&mut self, field: &str) -> Option<&mut String> {
        Some(match field {
            "id" => &mut self.id,
            "name" => &mut self.name,
            "kind" => &mut self.kind,
            "definition" => &mut self.definition,
            "format" => &mut self.format,
            "video_codec" => &mut self.video_codec,
            "video_bitrate" => &mut self.video_bitrate,
            "width" => &mut self.width,
            "height" => &mut self.height,
            "fps" => &mut self.fps,
            "gop" => &mut self.gop,
            "profile" => &mut self.profile,
            "video_remove" => &mut self.video_remove,
            "audio_codec" => &mut self.audio_codec,
            "audio_bitrate" => &mut self.audio_bitrate,
            "samplerate" => &mut self.samplerate,
            "channels" => &mut self.channels,
            "audio_remove" => &mut self.audio_remove,
            "segment" => &mut self.segment,
            "encrypt" => &mut self.encrypt,
            "bandwidth" => &mut self.bandwidth,
            "clip_seek" => &mut self.clip_seek,
            "clip_duration" => &mut self.clip_duration,
            "rotate" => &mut self.rotate,
            "file_regular" => &mut self.file_regular,
            _ => return None,
        })
    }

    /// A value by wire path, trimmed.
    pub fn wire(&self, wire: &str) -> &str {
        field_of(wire).and_then(|f| self.get(f)).map_or("", |v| v.trim())
    }

    /// A template object as VOD returns it (settings as JSON strings) or as a request
    /// carries it (settings as objects).
    pub fn from_template(t: &Map<String, Value>) -> Rendition {
        let t = expanded(t);
        let mut r = Rendition { id: at_path(&t, "TranscodeTemplateId"), ..Default::default() };
        for (field, wire) in FIELDS {
            if let Some(slot) = r.get_mut(field) {
                *slot = at_path(&t, wire);
            }
        }
        r.watermark_ids = match t.get("WatermarkIds") {
            Some(Value::Array(a)) => a.iter().map(text_of).filter(|s| !s.is_empty()).collect(),
            Some(Value::String(s)) => s.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect(),
            _ => Vec::new(),
        };
        if r.kind.is_empty() {
            r.kind = "Normal".into();
        }
        r.base = Value::Object(t).to_string();
        r
    }

    /// The watermark IDs given (blanks dropped, each once).
    pub fn marks(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for id in self.watermark_ids.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
            if !out.iter().any(|o| o == id) {
                out.push(id.to_string());
            }
        }
        out
    }

    /// The template as a request element: the base as read, with the editor's fields
    /// written over it (settings as objects; blank fields removed), `PackageType`
    /// following the bandwidth, and `TranscodeTemplateId` for an existing template.
    /// `Definition` is sent only for a new template (VOD keeps it).
    pub fn to_json(&self) -> Map<String, Value> {
        let mut t: Map<String, Value> = serde_json::from_str::<Map<String, Value>>(&self.base).map(|m| expanded(&m)).unwrap_or_default();
        for field in ["TranscodeTemplateId", "CopyrightMark", "TraceMark"] {
            t.remove(field);
        }
        // Fields VOD returns as empty strings are not settings.
        t.retain(|_, v| !matches!(v, Value::String(s) if s.is_empty()));
        for (field, wire) in FIELDS {
            let v = self.get(field).map_or("", |v| v.trim());
            set_path(&mut t, wire, v);
        }
        if !self.bandwidth.trim().is_empty() {
            set_path(&mut t, "PackageSetting.PackageType", "HLSPackage");
        }
        if !self.id.is_empty() {
            t.remove("Definition");
            t.insert("TranscodeTemplateId".into(), Value::String(self.id.clone()));
        }
        t.insert("WatermarkIds".into(), Value::Array(self.marks().into_iter().map(Value::String).collect()));
        t
    }

    fn audio_only(&self) -> bool {
        self.video_remove.trim() == "true"
    }

    /// The first broken rule, in the editor's order. `adding`: a new template, which
    /// needs a name, a definition and its stream settings.
    pub fn check(&self, adding: bool) -> Result<(), Problem> {
        let v = |w: &'static str| self.wire(w);
        let fail = |field: &'static str, rule: Rule| Err(Problem { field, rule });
        let name = v("TemplateName");
        if name.is_empty() && adding {
            return fail("TemplateName", Rule::Missing);
        }
        if name.len() > NAME_MAX_BYTES {
            return fail("TemplateName", Rule::TooLong(NAME_MAX_BYTES));
        }
        one_of("Type", v("Type"), TYPES, false)?;
        one_of("Definition", v("Definition"), DEFINITIONS, adding)?;
        let format = v("Container.Format").to_ascii_lowercase();
        one_of("Container.Format", &format, FORMATS, adding)?;
        if !self.audio_only() {
            let codec = v("Video.Codec");
            one_of("Video.Codec", codec, VIDEO_CODECS, adding)?;
            if codec == "H.265" && format == "flv" {
                return fail("Video.Codec", Rule::FlvH265);
            }
            integer("Video.Bitrate", v("Video.Bitrate"), VIDEO_BITRATE)?;
            for wire in ["Video.Width", "Video.Height"] {
                integer(wire, v(wire), DIMENSION)?;
                if v(wire).parse::<u32>().is_ok_and(|n| n % 2 == 1) {
                    return fail(wire, Rule::Even);
                }
            }
            let fps = v("Video.Fps");
            if !fps.is_empty() && !fps.parse::<f64>().is_ok_and(|f| f > 0.0 && f <= FPS_MAX) {
                return fail("Video.Fps", Rule::Fps);
            }
            integer("Video.Gop", v("Video.Gop"), GOP)?;
            one_of("Video.Profile", v("Video.Profile"), PROFILES, false)?;
            if !v("Video.Profile").is_empty() && !codec.is_empty() && codec != "H.264" {
                return fail("Video.Profile", Rule::H264Only);
            }
        }
        one_of("Video.Remove", v("Video.Remove"), &["true", "false"], false)?;
        if v("Audio.Remove") != "true" {
            let codec = v("Audio.Codec");
            one_of("Audio.Codec", codec, AUDIO_CODECS, adding)?;
            if adding && v("Audio.Bitrate").is_empty() {
                return fail("Audio.Bitrate", Rule::Missing);
            }
            integer("Audio.Bitrate", v("Audio.Bitrate"), AUDIO_BITRATE)?;
            let rate = v("Audio.Samplerate");
            one_of("Audio.Samplerate", rate, SAMPLE_RATES, false)?;
            if codec == "MP3" && (rate == "96000" || (format == "flv" && (rate == "32000" || rate == "48000"))) {
                return fail("Audio.Samplerate", Rule::Samplerate);
            }
            let channels = if codec == "MP3" { MP3_CHANNELS } else { AAC_CHANNELS };
            one_of("Audio.Channels", v("Audio.Channels"), channels, false)?;
        }
        one_of("Audio.Remove", v("Audio.Remove"), &["true", "false"], false)?;
        integer("MuxConfig.Segment.Duration", v("MuxConfig.Segment.Duration"), SEGMENT)?;
        one_of("EncryptSetting.EncryptType", v("EncryptSetting.EncryptType"), ENCRYPT_TYPES, false)?;
        if !v("EncryptSetting.EncryptType").is_empty() && !format.is_empty() && format != "m3u8" {
            return fail("EncryptSetting.EncryptType", Rule::EncryptHlsOnly);
        }
        let bandwidth = v("PackageSetting.PackageConfig.BandWidth");
        let kind = if v("Type").is_empty() { "Normal" } else { v("Type") };
        if kind == "VideoPackage" && bandwidth.is_empty() {
            return fail("PackageSetting.PackageConfig.BandWidth", Rule::Missing);
        }
        if !bandwidth.is_empty() {
            if kind == "Normal" || (!format.is_empty() && format != "m3u8") {
                return fail("PackageSetting.PackageConfig.BandWidth", Rule::PackageType);
            }
            if !bandwidth.parse::<u64>().is_ok_and(|b| b > 0) {
                return fail("PackageSetting.PackageConfig.BandWidth", Rule::Integer { min: 1, max: u32::MAX });
            }
        }
        for wire in ["Clip.TimeSpan.Seek", "Clip.TimeSpan.Duration"] {
            if !v(wire).is_empty() && !clip_time(v(wire)) {
                return fail(wire, Rule::ClipTime);
            }
        }
        if !v("Clip.TimeSpan.Duration").is_empty() && v("Clip.TimeSpan.Seek").is_empty() {
            return fail("Clip.TimeSpan.Seek", Rule::Missing);
        }
        let rotate = v("Rotate");
        if !rotate.is_empty() && !rotate.parse::<f64>().is_ok_and(|r| (0.0..=ROTATE_MAX).contains(&r)) {
            return fail("Rotate", Rule::Rotate);
        }
        let path = v("TranscodeFileRegular");
        if path.chars().count() > FILE_REGULAR_MAX {
            return fail("TranscodeFileRegular", Rule::TooLong(FILE_REGULAR_MAX));
        }
        if !path.is_empty()
            && (!path.starts_with("{MediaId}") || !path.chars().all(|c| c.is_ascii_alphanumeric() || "{}/_-".contains(c)))
        {
            return fail("TranscodeFileRegular", Rule::OutputPath);
        }
        if self.marks().len() > WATERMARKS_MAX {
            return fail("WatermarkIds", Rule::TooManyWatermarks);
        }
        Ok(())
    }
}

fn one_of(field: &'static str, value: &str, values: &'static [&'static str], required: bool) -> Result<(), Problem> {
    if value.is_empty() {
        return if required { Err(Problem { field, rule: Rule::Missing }) } else { Ok(()) };
    }
    if values.iter().any(|v| v.eq_ignore_ascii_case(value)) {
        Ok(())
    } else {
        Err(Problem { field, rule: Rule::OneOf(values) })
    }
}

fn integer(field: &'static str, value: &str, (min, max): (u32, u32)) -> Result<(), Problem> {
    if value.is_empty() || value.parse::<u32>().is_ok_and(|n| (min..=max).contains(&n)) {
        Ok(())
    } else {
        Err(Problem { field, rule: Rule::Integer { min, max } })
    }
}

/// `sssss[.SSS]` up to 86399.999, or `hh:mm:ss[.SSS]` up to 23:59:59.999.
fn clip_time(v: &str) -> bool {
    let fraction_ok = |f: Option<&str>| f.is_none_or(|f| (1..=3).contains(&f.len()) && f.bytes().all(|b| b.is_ascii_digit()));
    if let [h, m, s] = v.split(':').collect::<Vec<_>>()[..] {
        let (s, frac) = match s.split_once('.') {
            Some((s, f)) => (s, Some(f)),
            None => (s, None),
        };
        let two = |x: &str, max: u32| x.len() == 2 && x.parse::<u32>().is_ok_and(|n| n <= max);
        return two(h, 23) && two(m, 59) && two(s, 59) && fraction_ok(frac);
    }
    let (whole, frac) = match v.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (v, None),
    };
    !whole.is_empty()
        && whole.len() <= 5
        && whole.bytes().all(|b| b.is_ascii_digit())
        && fraction_ok(frac)
        && v.parse::<f64>().is_ok_and(|s| s <= CLIP_MAX_SECS)
}

/// `Container.Format` of an animated image (`DynamicImageTemplateConfig`).
pub const ANIMATED_FORMATS: &[&str] = &["gif", "webp"];
/// `SetDefaultCover`.
pub const BOOLEANS: &[&str] = &["true", "false"];

/// An animated-image template's configuration (`TemplateType=DynamicImage`; the
/// reference's DynamicImageTemplateConfig, seed lines 33812-33880): a clip of the video
/// (`Clip.TimeSpan` Seek and Duration, both required) drawn at Width x Height in
/// 128-4096 px and Fps in (0, 60], as gif or webp, optionally made the video's cover.
/// Every field as text, as a form sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AnimatedImage {
    pub width: String,
    pub height: String,
    pub fps: String,
    pub format: String,
    pub seek: String,
    pub duration: String,
    pub set_default_cover: String,
}

/// Animated-image fields with their wire paths in the configuration.
pub const ANIMATED_FIELDS: &[(&str, &str)] = &[
    ("width", "Video.Width"),
    ("height", "Video.Height"),
    ("fps", "Video.Fps"),
    ("format", "Container.Format"),
    ("seek", "Clip.TimeSpan.Seek"),
    ("duration", "Clip.TimeSpan.Duration"),
    ("set_default_cover", "SetDefaultCover"),
];

impl AnimatedImage {
    pub fn get(&self, field: &str) -> Option<&String> {
        Some(match field {
            "width" => &self.width,
            "height" => &self.height,
            "fps" => &self.fps,
            "format" => &self.format,
            "seek" => &self.seek,
            "duration" => &self.duration,
            "set_default_cover" => &self.set_default_cover,
            _ => return None,
        })
    }

    pub fn get_mut(&mut self, field: &str) -> Option<&mut String> {
        Some(match field {
            "width" => &mut self.width,
            "height" => &mut self.height,
            "fps" => &mut self.fps,
            "format" => &mut self.format,
            "seek" => &mut self.seek,
            "duration" => &mut self.duration,
            "set_default_cover" => &mut self.set_default_cover,
            _ => return None,
        })
    }

    /// The fields of a configuration as VOD returns it (numbers or strings).
    pub fn from_config(config: &Map<String, Value>) -> AnimatedImage {
        let t = expanded(config);
        let mut a = AnimatedImage::default();
        for (field, wire) in ANIMATED_FIELDS {
            if let Some(slot) = a.get_mut(field) {
                *slot = at_path(&t, wire);
            }
        }
        a
    }

    /// The first broken rule, by wire path.
    pub fn check(&self) -> Result<(), Problem> {
        let fail = |field: &'static str, rule: Rule| Err(Problem { field, rule });
        for wire in ["Video.Width", "Video.Height"] {
            let v = if wire == "Video.Width" { self.width.trim() } else { self.height.trim() };
            if v.is_empty() {
                return fail(wire, Rule::Missing);
            }
            integer(wire, v, DIMENSION)?;
        }
        let fps = self.fps.trim();
        if fps.is_empty() {
            return fail("Video.Fps", Rule::Missing);
        }
        if !fps.parse::<f64>().is_ok_and(|f| f > 0.0 && f <= FPS_MAX) {
            return fail("Video.Fps", Rule::Fps);
        }
        one_of("Container.Format", self.format.trim(), ANIMATED_FORMATS, true)?;
        for (wire, v) in [("Clip.TimeSpan.Seek", self.seek.trim()), ("Clip.TimeSpan.Duration", self.duration.trim())] {
            if v.is_empty() {
                return fail(wire, Rule::Missing);
            }
            if !clip_time(v) {
                return fail(wire, Rule::ClipTime);
            }
        }
        one_of("SetDefaultCover", self.set_default_cover.trim(), BOOLEANS, false)
    }

    /// The configuration as VOD takes it, written over `base` (the configuration as
    /// read, so that settings the form does not show are kept).
    pub fn to_json(&self, base: &Map<String, Value>) -> Map<String, Value> {
        let mut t = expanded(base);
        for (field, wire) in ANIMATED_FIELDS {
            let v = self.get(field).map(|v| v.trim()).unwrap_or_default();
            let v = if *field == "format" { v.to_ascii_lowercase() } else { v.to_string() };
            set_path(&mut t, wire, &v);
        }
        t
    }
}

/// Checks an animated-image `TemplateConfig` as VOD receives it.
pub fn check_animated_config(raw: &str) -> Result<Map<String, Value>, Problem> {
    let config = match serde_json::from_str::<Value>(raw) {
        Ok(Value::Object(m)) => m,
        _ => return Err(Problem { field: "TemplateConfig", rule: Rule::Missing }),
    };
    AnimatedImage::from_config(&config).check()?;
    Ok(config)
}

/// A group's name: required, at most 128 bytes.
pub fn check_group_name(name: &str) -> Result<(), Problem> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Problem { field: "Name", rule: Rule::Missing });
    }
    if name.len() > NAME_MAX_BYTES {
        return Err(Problem { field: "Name", rule: Rule::TooLong(NAME_MAX_BYTES) });
    }
    Ok(())
}

/// One changed field: its wire path, the value before and after (empty: not set).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    pub field: String,
    pub was: String,
    pub now: String,
}

/// What saving `after` over `before` changes, field by field in the editor's order, then
/// the watermarks.
pub fn diff(before: &Rendition, after: &Rendition) -> Vec<Change> {
    let mut out = Vec::new();
    for (_, wire) in FIELDS {
        let (was, now) = (before.wire(wire), after.wire(wire));
        if was != now {
            out.push(Change { field: wire.to_string(), was: was.to_string(), now: now.to_string() });
        }
    }
    let (was, now) = (before.marks().join(", "), after.marks().join(", "));
    if was != now {
        out.push(Change { field: "WatermarkIds".into(), was, now });
    }
    out
}

/// A stable fingerprint of a group as read (name, lock and every template's fields), to
/// tell whether it changed at VOD since someone opened it. FNV-1a over the canonical JSON.
pub fn fingerprint(name: &str, locked: &str, templates: &[Map<String, Value>]) -> String {
    let mut canonical: Vec<Value> = templates.iter().map(|t| Value::Object(expanded(t))).collect();
    canonical.sort_by_key(|t| text_of(&t["TranscodeTemplateId"]));
    let text = serde_json::json!([name, locked, canonical]).to_string();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
    }
    format!("{h:016x}")
}

/// A built-in starting point for a new group.
pub struct Preset {
    pub key: &'static str,
    pub renditions: fn() -> Vec<Rendition>,
}

fn rendition(name: &str, definition: &str, format: &str, width: u32, height: u32, video_kbps: u32, audio_kbps: u32) -> Rendition {
    Rendition {
        name: name.into(),
        kind: "Normal".into(),
        definition: definition.into(),
        format: format.into(),
        video_codec: "H.264".into(),
        video_bitrate: video_kbps.to_string(),
        width: width.to_string(),
        height: height.to_string(),
        fps: "25".into(),
        gop: "250".into(),
        profile: if height <= 480 { "main" } else { "high" }.into(),
        video_remove: "false".into(),
        audio_codec: "AAC".into(),
        audio_bitrate: audio_kbps.to_string(),
        samplerate: "44100".into(),
        channels: "2".into(),
        audio_remove: "false".into(),
        segment: if format == "m3u8" { "6".into() } else { String::new() },
        ..Default::default()
    }
}

/// The presets: HLS in three renditions, MP4 in three, and an audio-only MP3 pair.
pub const PRESETS: &[Preset] = &[
    Preset {
        key: "hls3",
        renditions: || {
            vec![
                rendition("HLS 480p", "SD", "m3u8", 848, 480, 800, 64),
                rendition("HLS 720p", "HD", "m3u8", 1280, 720, 1500, 128),
                rendition("HLS 1080p", "FHD", "m3u8", 1920, 1080, 3000, 128),
            ]
        },
    },
    Preset {
        key: "mp4x3",
        renditions: || {
            vec![
                rendition("MP4 480p", "SD", "mp4", 848, 480, 800, 64),
                rendition("MP4 720p", "HD", "mp4", 1280, 720, 1500, 128),
                rendition("MP4 1080p", "FHD", "mp4", 1920, 1080, 3000, 128),
            ]
        },
    },
    Preset {
        key: "audio",
        renditions: || {
            let audio = |name: &str, definition: &str, kbps: u32| Rendition {
                name: name.into(),
                kind: "Normal".into(),
                definition: definition.into(),
                format: "mp3".into(),
                video_remove: "true".into(),
                audio_codec: "MP3".into(),
                audio_bitrate: kbps.to_string(),
                samplerate: "44100".into(),
                channels: "2".into(),
                audio_remove: "false".into(),
                ..Default::default()
            };
            vec![audio("MP3 64k", "SQ", 64), audio("MP3 192k", "HQ", 192)]
        },
    },
];

/// A preset by key.
pub fn preset(key: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.key == key)
}

/// A new rendition the editor starts from: MP4 720p H.264/AAC.
pub fn blank() -> Rendition {
    rendition("", "HD", "mp4", 1280, 720, 1500, 128)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn read(v: Value) -> Rendition {
        Rendition::from_template(v.as_object().unwrap())
    }

    #[test]
    fn a_template_from_vod_is_read_and_written_back_without_losing_fields() {
        let t = read(json!({
            "TranscodeTemplateId": "t1", "TemplateName": "HLS HD", "Type": "Normal", "Definition": "HD",
            "Video": "{\"Codec\":\"H.264\",\"Bitrate\":\"1500\",\"Width\":\"1280\",\"Crf\":\"23\"}",
            "Audio": "{\"Codec\":\"AAC\",\"Bitrate\":\"128\"}",
            "Container": "{\"Format\":\"m3u8\"}", "MuxConfig": "{\"Segment\":{\"Duration\":\"10\"}}",
            "TransConfig": "{\"TransMode\":\"onepass\"}", "Clip": "", "WatermarkIds": ["USER_DEFAULT_WATERMARK"],
        }));
        assert_eq!((t.id.as_str(), t.video_bitrate.as_str(), t.segment.as_str()), ("t1", "1500", "10"));
        assert_eq!(t.watermark_ids, vec!["USER_DEFAULT_WATERMARK"]);
        assert!(t.check(false).is_ok());
        let mut edited = t.clone();
        edited.video_bitrate = "2000".into();
        edited.width = String::new();
        let out = Value::Object(edited.to_json());
        assert_eq!(out["Video"]["Bitrate"], "2000");
        assert!(out["Video"].get("Width").is_none(), "a blank field is removed");
        assert_eq!(out["Video"]["Crf"], "23", "fields the editor does not show are kept");
        assert_eq!(out["TransConfig"]["TransMode"], "onepass");
        assert!(out.get("Definition").is_none(), "an existing template keeps its definition");
        assert!(out.get("Clip").is_none(), "empty strings are not settings");
        assert_eq!(out["TranscodeTemplateId"], "t1");
        let changes = diff(&t, &edited);
        assert_eq!(changes.iter().map(|c| c.field.as_str()).collect::<Vec<_>>(), vec!["Video.Bitrate", "Video.Width"]);
        assert_eq!((changes[0].was.as_str(), changes[0].now.as_str()), ("1500", "2000"));
    }

    #[test]
    fn each_rule_names_its_field() {
        let ok = blank();
        let mut r = ok.clone();
        r.name = "x".into();
        assert!(r.check(true).is_ok(), "{:?}", r.check(true));
        let broken = |f: &dyn Fn(&mut Rendition)| {
            let mut r = ok.clone();
            r.name = "x".into();
            f(&mut r);
            r.check(true).unwrap_err()
        };
        assert_eq!(broken(&|r| r.name.clear()), Problem { field: "TemplateName", rule: Rule::Missing });
        assert_eq!(broken(&|r| r.video_bitrate = "60000".into()).rule, Rule::Integer { min: 10, max: 50_000 });
        assert_eq!(broken(&|r| r.video_bitrate = "9".into()).field, "Video.Bitrate");
        assert_eq!(broken(&|r| r.width = "1281".into()).rule, Rule::Even);
        assert_eq!(broken(&|r| r.height = "100".into()).field, "Video.Height");
        assert_eq!(broken(&|r| r.fps = "0".into()).rule, Rule::Fps);
        assert_eq!(broken(&|r| r.fps = "61".into()).rule, Rule::Fps);
        assert_eq!(broken(&|r| r.definition = "8K".into()).field, "Definition");
        assert_eq!(broken(&|r| r.format = "avi".into()).field, "Container.Format");
        assert_eq!(broken(&|r| { r.format = "flv".into(); r.video_codec = "H.265".into(); r.profile.clear(); }).rule, Rule::FlvH265);
        assert_eq!(broken(&|r| r.video_codec = "H.265".into()).rule, Rule::H264Only);
        assert_eq!(broken(&|r| { r.audio_codec = "MP3".into(); r.samplerate = "96000".into(); }).rule, Rule::Samplerate);
        assert_eq!(broken(&|r| { r.audio_codec = "MP3".into(); r.channels = "6".into(); }).rule, Rule::OneOf(MP3_CHANNELS));
        assert_eq!(broken(&|r| r.audio_bitrate = "1001".into()).field, "Audio.Bitrate");
        assert_eq!(broken(&|r| r.encrypt = "AliyunVoDEncryption".into()).rule, Rule::EncryptHlsOnly);
        assert_eq!(broken(&|r| r.bandwidth = "900000".into()).rule, Rule::PackageType);
        assert_eq!(broken(&|r| { r.kind = "VideoPackage".into(); r.format = "m3u8".into(); }).rule, Rule::Missing);
        assert_eq!(broken(&|r| r.segment = "61".into()).field, "MuxConfig.Segment.Duration");
        assert_eq!(broken(&|r| r.clip_seek = "24:00:00".into()).rule, Rule::ClipTime);
        assert_eq!(broken(&|r| r.clip_duration = "5".into()).field, "Clip.TimeSpan.Seek");
        assert_eq!(broken(&|r| r.rotate = "361".into()).rule, Rule::Rotate);
        assert_eq!(broken(&|r| r.file_regular = "out/{MediaId}".into()).rule, Rule::OutputPath);
        assert_eq!(broken(&|r| r.watermark_ids = vec!["a".into(), "b".into(), "c".into(), "d".into(), "e".into()]).rule, Rule::TooManyWatermarks);
        // Accepted edge values.
        let mut r = ok.clone();
        r.name = "edge".into();
        r.clip_seek = "00:00:05.003".into();
        r.clip_duration = "12000.55".into();
        r.file_regular = "{MediaId}/hd-{PlayDefinition}".into();
        r.fps = "60".into();
        r.width = "4096".into();
        assert!(r.check(true).is_ok(), "{:?}", r.check(true));
    }

    #[test]
    fn presets_make_valid_groups_and_the_fingerprint_follows_changes() {
        for p in PRESETS {
            let rs = (p.renditions)();
            assert!(!rs.is_empty() && rs.len() <= TEMPLATES_MAX);
            for r in &rs {
                assert!(r.check(true).is_ok(), "{} {}: {:?}", p.key, r.name, r.check(true));
                let back = Rendition::from_template(&r.to_json());
                assert!(diff(r, &back).is_empty(), "{:?}", diff(r, &back));
            }
        }
        let t = json!({"TranscodeTemplateId": "a", "Video": "{\"Bitrate\":\"1\"}"}).as_object().unwrap().clone();
        let same = json!({"TranscodeTemplateId": "a", "Video": {"Bitrate": "1"}}).as_object().unwrap().clone();
        let other = json!({"TranscodeTemplateId": "a", "Video": {"Bitrate": "2"}}).as_object().unwrap().clone();
        assert_eq!(fingerprint("g", "Disabled", &[t.clone()]), fingerprint("g", "Disabled", &[same]));
        assert_ne!(fingerprint("g", "Disabled", &[t.clone()]), fingerprint("g", "Disabled", &[other]));
        assert_ne!(fingerprint("g", "Disabled", &[t.clone()]), fingerprint("h", "Disabled", &[t]));
    }

    #[test]
    fn animated_image_templates_are_checked_and_written_back() {
        let raw = r#"{"Video":{"Width":"320","Height":"180","Fps":"10"},"Container":{"Format":"gif"},"Clip":{"TimeSpan":{"Seek":"00:00:05","Duration":"3.5"}},"Kept":1}"#;
        let config = check_animated_config(raw).unwrap();
        let mut a = AnimatedImage::from_config(&config);
        assert_eq!((a.width.as_str(), a.fps.as_str(), a.seek.as_str()), ("320", "10", "00:00:05"));
        a.format = "WEBP".into();
        a.set_default_cover = "true".into();
        let out = a.to_json(&config);
        assert_eq!(out["Container"]["Format"], "webp");
        assert_eq!(out["SetDefaultCover"], "true");
        assert_eq!(out["Kept"], 1, "what the form does not show is kept");
        let broken = |edit: fn(&mut AnimatedImage)| {
            let mut b = AnimatedImage::from_config(&config);
            edit(&mut b);
            b.check().unwrap_err()
        };
        assert_eq!(broken(|b| b.width = "100".into()), Problem { field: "Video.Width", rule: Rule::Integer { min: 128, max: 4096 } });
        assert_eq!(broken(|b| b.height.clear()), Problem { field: "Video.Height", rule: Rule::Missing });
        assert_eq!(broken(|b| b.fps = "61".into()).field, "Video.Fps");
        assert_eq!(broken(|b| b.fps = "0".into()).rule, Rule::Fps);
        assert_eq!(broken(|b| b.format = "png".into()).rule, Rule::OneOf(ANIMATED_FORMATS));
        assert_eq!(broken(|b| b.duration = "1:2".into()), Problem { field: "Clip.TimeSpan.Duration", rule: Rule::ClipTime });
        assert_eq!(broken(|b| b.seek.clear()).rule, Rule::Missing);
        assert_eq!(broken(|b| b.set_default_cover = "yes".into()).field, "SetDefaultCover");
        assert_eq!(check_animated_config("[]").unwrap_err().field, "TemplateConfig");
    }
}
