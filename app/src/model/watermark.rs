//! Watermarks in the console's words: a watermark with the templates that use it, the
//! editor's form (its fields by VOD's wire names), turning a form into the
//! `WatermarkConfig` JSON VOD takes and back, and the sentence for a broken rule. The
//! rules themselves (ranges, fonts, colours, geometry) are `vod::watermark`'s, which the
//! emulator applies too.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
pub use vod::watermark::{
    check_image, check_name, check_text, Corner, ImageFields, ImageMark, Problem, Rect, Rule, TextFields, TextMark, COLORS,
    FONTS, NAME_MAX_BYTES, USER_DEFAULT_WATERMARK,
};

use crate::i18n::{td_string, Locale};

/// `Image` or `Text`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum MarkKind {
    Image,
    Text,
}

impl MarkKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MarkKind::Image => "Image",
            MarkKind::Text => "Text",
        }
    }

    pub fn parse(value: &str) -> Option<MarkKind> {
        match value {
            "Image" => Some(MarkKind::Image),
            "Text" => Some(MarkKind::Text),
            _ => None,
        }
    }
}

/// A transcode template that stamps a watermark on its output.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateUse {
    pub group_id: String,
    pub group_name: String,
    /// The template's name and definition, e.g. `M3U8 HD (HD)`.
    pub template: String,
    /// It names `USER_DEFAULT_WATERMARK`, not this watermark's ID: it follows the default.
    pub via_default: bool,
}

/// A watermark template as the page shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Watermark {
    pub id: String,
    pub name: String,
    pub kind: MarkKind,
    pub is_default: bool,
    /// The configuration's fields by wire name (`Timeline.Start` for nested ones), as text.
    pub fields: Vec<(String, String)>,
    /// The image file; empty for a text watermark.
    pub file_url: String,
    /// ISO 8601, UTC.
    pub created: String,
    pub used_by: Vec<TemplateUse>,
}

impl Watermark {
    /// A configuration field's value, by wire name.
    pub fn field(&self, wire: &str) -> Option<&str> {
        self.fields.iter().find(|(k, _)| k == wire).map(|(_, v)| v.as_str())
    }

    /// The editor's form holding this watermark.
    pub fn form(&self) -> WatermarkForm {
        let mut f = WatermarkForm { id: self.id.clone(), kind: self.kind.as_str().into(), name: self.name.clone(), file_url: self.file_url.clone(), ..Default::default() };
        for wire in IMAGE_FIELDS.iter().chain(TEXT_FIELDS) {
            if let (Some(slot), Some(v)) = (f.slot_mut(wire), self.field(wire)) {
                *slot = v.to_string();
            }
        }
        f
    }
}

/// A video frame to preview marks on: a video's cover.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Frame {
    pub video_id: String,
    pub title: String,
    pub cover_url: String,
}

/// Everything the page shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WatermarkList {
    pub marks: Vec<Watermark>,
    /// Why the templates using each mark could not be read (the list is shown without).
    pub usage_error: Option<String>,
    pub frames: Vec<Frame>,
    pub cached_age_secs: Option<u64>,
}

/// Output resolutions the preview offers (width, height).
pub const RESOLUTIONS: [(u32, u32); 5] = [(640, 360), (1280, 720), (1920, 1080), (3840, 2160), (720, 1280)];

/// Image configuration fields, by wire name, in the editor's order.
pub const IMAGE_FIELDS: &[&str] = &["Width", "Height", "ReferPos", "Dx", "Dy", "Timeline.Start", "Timeline.Duration"];
/// Text configuration fields, by wire name, in the editor's order.
pub const TEXT_FIELDS: &[&str] =
    &["Content", "FontName", "FontSize", "FontColor", "FontAlpha", "BorderColor", "BorderWidth", "Top", "Left"];
/// Text fields VOD takes as JSON numbers (the rest are strings).
const NUMBER_FIELDS: &[&str] = &["FontSize", "BorderWidth", "Top", "Left"];

/// The editor's form, as submitted: every field as typed (an HTML form sends text).
/// Inputs are named `form[<field>]`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct WatermarkForm {
    /// Empty for a new watermark.
    pub id: String,
    /// `Image` or `Text`.
    pub kind: String,
    pub name: String,
    /// The uploaded image's URL (image watermarks).
    pub file_url: String,
    pub width: String,
    pub height: String,
    pub refer_pos: String,
    pub dx: String,
    pub dy: String,
    pub start: String,
    pub duration: String,
    pub content: String,
    pub font_name: String,
    pub font_size: String,
    pub font_color: String,
    pub font_alpha: String,
    pub border_color: String,
    pub border_width: String,
    pub top: String,
    pub left: String,
}

impl WatermarkForm {
    /// A new watermark of `kind` with VOD's usual starting values: a mark 12 % of the
    /// frame wide in the top-right corner, or white 24 px text at the top left.
    pub fn new(kind: MarkKind) -> Self {
        let mut f = WatermarkForm { kind: kind.as_str().into(), ..Default::default() };
        match kind {
            MarkKind::Image => {
                f.width = "0.12".into();
                f.height = "0.06".into();
                f.refer_pos = "TopRight".into();
                f.dx = "16".into();
                f.dy = "16".into();
                f.start = "0".into();
                f.duration = "ToEND".into();
            }
            MarkKind::Text => {
                f.font_name = FONTS[0].0.into();
                f.font_size = "24".into();
                f.font_color = "White".into();
                f.font_alpha = "1".into();
                f.top = "16".into();
                f.left = "16".into();
            }
        }
        f
    }

    /// The form field holding the configuration field `wire`.
    pub fn slot(&self, wire: &str) -> Option<&String> {
        Some(match wire {
            "Width" => &self.width,
            "Height" => &self.height,
            "ReferPos" => &self.refer_pos,
            "Dx" => &self.dx,
            "Dy" => &self.dy,
            "Timeline.Start" => &self.start,
            "Timeline.Duration" => &self.duration,
            "Content" => &self.content,
            "FontName" => &self.font_name,
            "FontSize" => &self.font_size,
            "FontColor" => &self.font_color,
            "FontAlpha" => &self.font_alpha,
            "BorderColor" => &self.border_color,
            "BorderWidth" => &self.border_width,
            "Top" => &self.top,
            "Left" => &self.left,
            _ => return None,
        })
    }

    pub fn slot_mut(&mut self, wire: &str) -> Option<&mut String> {
        Some(match wire {
            "Width" => &mut self.width,
            "Height" => &mut self.height,
            "ReferPos" => &mut self.refer_pos,
            "Dx" => &mut self.dx,
            "Dy" => &mut self.dy,
            "Timeline.Start" => &mut self.start,
            "Timeline.Duration" => &mut self.duration,
            "Content" => &mut self.content,
            "FontName" => &mut self.font_name,
            "FontSize" => &mut self.font_size,
            "FontColor" => &mut self.font_color,
            "FontAlpha" => &mut self.font_alpha,
            "BorderColor" => &mut self.border_color,
            "BorderWidth" => &mut self.border_width,
            "Top" => &mut self.top,
            "Left" => &mut self.left,
            _ => return None,
        })
    }

    /// The form's input name for a configuration field (`form[dx]`).
    pub fn input_name(wire: &str) -> &'static str {
        match wire {
            "Width" => "form[width]",
            "Height" => "form[height]",
            "ReferPos" => "form[refer_pos]",
            "Dx" => "form[dx]",
            "Dy" => "form[dy]",
            "Timeline.Start" => "form[start]",
            "Timeline.Duration" => "form[duration]",
            "Content" => "form[content]",
            "FontName" => "form[font_name]",
            "FontSize" => "form[font_size]",
            "FontColor" => "form[font_color]",
            "FontAlpha" => "form[font_alpha]",
            "BorderColor" => "form[border_color]",
            "BorderWidth" => "form[border_width]",
            "Top" => "form[top]",
            _ => "form[left]",
        }
    }

    pub fn mark_kind(&self) -> Option<MarkKind> {
        MarkKind::parse(&self.kind)
    }

    fn get(&self, wire: &'static str) -> Option<&str> {
        self.slot(wire).map(String::as_str)
    }

    /// The first broken rule, checking the name and then the kind's fields in the
    /// editor's order.
    pub fn check(&self) -> Result<Checked, Problem> {
        check_name(self.name.trim())?;
        self.check_mark()
    }

    /// The kind's fields only (what the preview draws), without the name.
    pub fn check_mark(&self) -> Result<Checked, Problem> {
        match self.mark_kind() {
            Some(MarkKind::Image) => check_image(&ImageFields::read(|w| self.get(w))).map(Checked::Image),
            Some(MarkKind::Text) => check_text(&TextFields::read(|w| self.get(w))).map(Checked::Text),
            None => Err(Problem { field: "Type", rule: Rule::Missing }),
        }
    }

    /// `WatermarkConfig` as VOD takes it: the kind's fields that were given (trimmed),
    /// `Timeline` as an object, the text's integer fields as numbers.
    pub fn config_json(&self) -> String {
        let mut config = Map::new();
        let mut timeline = Map::new();
        let wires = if self.mark_kind() == Some(MarkKind::Text) { TEXT_FIELDS } else { IMAGE_FIELDS };
        for wire in wires {
            let Some(v) = self.slot(wire).map(|v| v.trim()).filter(|v| !v.is_empty()) else { continue };
            let value = match v.parse::<u64>() {
                Ok(n) if NUMBER_FIELDS.contains(wire) => Value::from(n),
                _ => Value::from(v),
            };
            match wire.strip_prefix("Timeline.") {
                Some(inner) => {
                    timeline.insert(inner.to_string(), value);
                }
                None => {
                    config.insert(wire.to_string(), value);
                }
            }
        }
        if !timeline.is_empty() {
            config.insert("Timeline".into(), Value::Object(timeline));
        }
        Value::Object(config).to_string()
    }

    /// What changed from `before`, field by field (`Dx 16 → 24`), for the activity log.
    pub fn changes_from(&self, before: &WatermarkForm) -> Vec<String> {
        let mut out = Vec::new();
        if self.name.trim() != before.name {
            out.push(format!("Name “{}” → “{}”", before.name, self.name.trim()));
        }
        let wires = if self.mark_kind() == Some(MarkKind::Text) { TEXT_FIELDS } else { IMAGE_FIELDS };
        for wire in wires {
            let (now, was) = (self.slot(wire).map_or("", |v| v.trim()), before.slot(wire).map_or("", |v| v.trim()));
            if now != was {
                let show = |v: &str| if v.is_empty() { "(default)".to_string() } else { v.to_string() };
                out.push(format!("{wire} {} → {}", show(was), show(now)));
            }
        }
        out
    }
}

/// A checked form.
#[derive(Clone, Debug, PartialEq)]
pub enum Checked {
    Image(ImageMark),
    Text(TextMark),
}

/// A `WatermarkConfig` JSON string as fields by wire name (nested objects flattened to
/// `Timeline.Start`); numbers and booleans as their text. Anything unreadable is empty.
pub fn config_fields(config: &str) -> Vec<(String, String)> {
    fn text(v: &Value) -> Option<String> {
        match v {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }
    let Ok(Value::Object(map)) = serde_json::from_str::<Value>(config) else { return Vec::new() };
    let mut out = Vec::new();
    for (k, v) in &map {
        match v {
            Value::Object(inner) => {
                out.extend(inner.iter().filter_map(|(ik, iv)| text(iv).map(|t| (format!("{k}.{ik}"), t))));
            }
            v => {
                if let Some(t) = text(v) {
                    out.push((k.clone(), t));
                }
            }
        }
    }
    out
}

/// A field's label in the editor.
pub fn field_label(locale: Locale, wire: &str) -> &'static str {
    match wire {
        "Name" => td_string!(locale, watermarks.field.name),
        "Type" => td_string!(locale, watermarks.field.kind),
        "Width" => td_string!(locale, watermarks.field.width),
        "Height" => td_string!(locale, watermarks.field.height),
        "ReferPos" => td_string!(locale, watermarks.field.refer_pos),
        "Dx" => td_string!(locale, watermarks.field.dx),
        "Dy" => td_string!(locale, watermarks.field.dy),
        "Timeline.Start" => td_string!(locale, watermarks.field.start),
        "Timeline.Duration" => td_string!(locale, watermarks.field.duration),
        "Content" => td_string!(locale, watermarks.field.content),
        "FontName" => td_string!(locale, watermarks.field.font_name),
        "FontSize" => td_string!(locale, watermarks.field.font_size),
        "FontColor" => td_string!(locale, watermarks.field.font_color),
        "FontAlpha" => td_string!(locale, watermarks.field.font_alpha),
        "BorderColor" => td_string!(locale, watermarks.field.border_color),
        "BorderWidth" => td_string!(locale, watermarks.field.border_width),
        "Top" => td_string!(locale, watermarks.field.top),
        "Left" => td_string!(locale, watermarks.field.left),
        _ => td_string!(locale, watermarks.field.file),
    }
}

/// The sentence for a broken rule: the limit, without the field's name.
pub fn rule_text(locale: Locale, rule: Rule) -> String {
    match rule {
        Rule::Missing => td_string!(locale, watermarks.rule.missing).to_string(),
        Rule::Length => td_string!(locale, watermarks.rule.length, min = vod::watermark::PX_MIN, max = vod::watermark::PX_MAX).to_string(),
        Rule::Corner => td_string!(locale, watermarks.rule.corner).to_string(),
        Rule::Seconds => td_string!(locale, watermarks.rule.seconds).to_string(),
        Rule::Font => {
            let fonts = FONTS.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ");
            td_string!(locale, watermarks.rule.font, fonts).to_string()
        }
        Rule::Color => td_string!(locale, watermarks.rule.color).to_string(),
        Rule::Integer { min, max, min_included, max_included } => {
            let low = if min_included { min } else { min + 1 };
            let high = if max_included { max } else { max - 1 };
            td_string!(locale, watermarks.rule.integer, min = low, max = high).to_string()
        }
        Rule::Alpha => td_string!(locale, watermarks.rule.alpha).to_string(),
        Rule::TooLong(max) => td_string!(locale, watermarks.rule.too_long, max).to_string(),
        Rule::Character(c) => td_string!(locale, watermarks.rule.character, c = c.to_string()).to_string(),
    }
}

/// "Offset X: …" — the field and the limit it breaks.
pub fn problem_text(locale: Locale, p: &Problem) -> String {
    format!("{}: {}", field_label(locale, p.field), rule_text(locale, p.rule))
}

/// The uses of each watermark, from the templates of every group: a template naming
/// `USER_DEFAULT_WATERMARK` uses whichever mark is the default.
pub fn uses_of(mark_id: &str, is_default: bool, templates: &[(String, String, String, Vec<String>)]) -> Vec<TemplateUse> {
    templates
        .iter()
        .filter_map(|(group_id, group_name, template, ids)| {
            let direct = ids.iter().any(|i| i == mark_id);
            let via_default = is_default && ids.iter().any(|i| i == USER_DEFAULT_WATERMARK);
            (direct || via_default).then(|| TemplateUse {
                group_id: group_id.clone(),
                group_name: group_name.clone(),
                template: template.clone(),
                via_default: via_default && !direct,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_form_becomes_vod_config_and_back() {
        let mut f = WatermarkForm::new(MarkKind::Image);
        f.name = "台标".into();
        f.dx = " 24 ".into();
        f.duration = "ToEND".into();
        let json = f.config_json();
        let v: Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["Dx"], "24");
        assert_eq!(v["Timeline"]["Duration"], "ToEND");
        assert!(v.get("Content").is_none(), "only the kind's fields");
        let fields = config_fields(&json);
        assert!(fields.contains(&("Timeline.Start".into(), "0".into())));
        assert!(f.check().is_ok());

        let mut t = WatermarkForm::new(MarkKind::Text);
        t.name = "文字".into();
        t.content = "© 示例".into();
        let v: Value = serde_json::from_str(&t.config_json()).unwrap();
        assert_eq!(v["FontSize"], 24, "integers as numbers");
        assert_eq!(v["FontAlpha"], "1");
        assert_eq!(config_fields(&t.config_json()).iter().find(|(k, _)| k == "FontSize").unwrap().1, "24");
    }

    #[test]
    fn problems_name_the_field_and_the_limit() {
        let mut f = WatermarkForm::new(MarkKind::Image);
        f.name = "logo".into();
        f.dx = "4".into();
        let p = f.check().unwrap_err();
        assert_eq!(p.field, "Dx");
        let en = problem_text(Locale::en, &p);
        assert!(en.contains("8") && en.contains("4096"), "{en}");
        let zh = problem_text(Locale::zh, &p);
        assert_ne!(en, zh);
        f.dx = "16".into();
        f.name = "has space".into();
        assert_eq!(f.check().unwrap_err().field, "Name");
    }

    #[test]
    fn changes_are_listed_field_by_field() {
        let mut before = WatermarkForm::new(MarkKind::Image);
        before.name = "logo".into();
        let mut after = before.clone();
        after.dx = "32".into();
        after.refer_pos = "BottomRight".into();
        assert_eq!(after.changes_from(&before), vec!["ReferPos TopRight → BottomRight", "Dx 16 → 32"]);
    }

    #[test]
    fn templates_using_the_default_keyword_count_for_the_default_mark() {
        let templates = vec![
            ("g1".to_string(), "Std".to_string(), "HD".to_string(), vec![USER_DEFAULT_WATERMARK.to_string()]),
            ("g2".to_string(), "Mob".to_string(), "SD".to_string(), vec!["m1".to_string(), "m2".to_string()]),
        ];
        let default = uses_of("m1", true, &templates);
        assert_eq!(default.len(), 2);
        assert!(default[0].via_default && !default[1].via_default);
        assert_eq!(uses_of("m2", false, &templates).len(), 1);
        assert!(uses_of("m3", false, &templates).is_empty());
    }
}
