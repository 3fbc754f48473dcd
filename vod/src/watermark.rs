//! VOD's watermark rules, defined once for the console (which checks as the user types,
//! draws the preview and checks again before any call) and the emulator (which refuses
//! as VOD does): the fields of `WatermarkConfig` for image and text watermarks, their
//! ranges, the fonts and colour names VOD knows, and where VOD draws an image mark on a
//! frame.
//!
//! Sources: the API reference's AddWatermark / UpdateWatermark pages and its appendix
//! (WatermarkConfig for `Image` and `Text`, Timeline, font names, colour names).
//!
//! Geometry (image watermarks): `Width`, `Height`, `Dx` and `Dy` are each either pixels
//! (an integer in [8, 4096]) or a share of the output frame (a number in the open
//! interval (0, 1): of the frame's width for `Width` and `Dx`, of its height for `Height`
//! and `Dy`). `ReferPos` names the frame corner the offsets are measured from: the mark's
//! own corner on that side sits `Dx` in from the frame's left or right edge and `Dy` in
//! from its top or bottom edge.

/// `Name` of a watermark template, in UTF-8 bytes.
pub const NAME_MAX_BYTES: usize = 128;
/// Smallest and largest pixel value of `Width`, `Height`, `Dx`, `Dy`.
pub const PX_MIN: u32 = 8;
pub const PX_MAX: u32 = 4096;
/// `FontSize`: an integer strictly between 4 and 120; 16 when left out.
pub const FONT_SIZE_MIN_EXCLUSIVE: u32 = 4;
pub const FONT_SIZE_MAX_EXCLUSIVE: u32 = 120;
pub const FONT_SIZE_DEFAULT: u32 = 16;
/// `Top`, `Left`: [0, 4096]; `BorderWidth`: (0, 4096] (0, no outline, when left out).
pub const MARGIN_MAX: u32 = 4096;
/// Transcode templates reference the account's default watermark by this ID.
pub const USER_DEFAULT_WATERMARK: &str = "USER_DEFAULT_WATERMARK";

/// The fonts a text watermark may use (`FontName`), and the name each is shown with in
/// Chinese.
pub const FONTS: [(&str, &str); 5] = [
    ("SimSun", "宋体"),
    ("WenQuanYi Zen Hei", "文泉驿正黑"),
    ("WenQuanYi Zen Hei Mono", "文泉驿等宽正黑"),
    ("WenQuanYi Zen Hei Sharp", "文泉驿点阵正黑"),
    ("Yuanti SC", "圆体-简"),
];

/// The colour names VOD accepts (`FontColor`, `BorderColor`), with their RGB values.
pub const COLORS: &[(&str, u32)] = &[
    ("AliceBlue", 0xf0f8ff),
    ("AntiqueWhite", 0xfaebd7),
    ("Aqua", 0x00ffff),
    ("Aquamarine", 0x7fffd4),
    ("Azure", 0xf0ffff),
    ("Beige", 0xf5f5dc),
    ("Bisque", 0xffe4c4),
    ("Black", 0x000000),
    ("BlanchedAlmond", 0xffebcd),
    ("Blue", 0x0000ff),
    ("BlueViolet", 0x8a2be2),
    ("Brown", 0xa52a2a),
    ("BurlyWood", 0xdeb887),
    ("CadetBlue", 0x5f9ea0),
    ("Chartreuse", 0x7fff00),
    ("Chocolate", 0xd2691e),
    ("Coral", 0xff7f50),
    ("CornflowerBlue", 0x6495ed),
    ("Cornsilk", 0xfff8dc),
    ("Crimson", 0xdc143c),
    ("Cyan", 0x00ffff),
    ("DarkBlue", 0x00008b),
    ("DarkCyan", 0x008b8b),
    ("DarkGoldenRod", 0xb8860b),
    ("DarkGray", 0xa9a9a9),
    ("DarkGreen", 0x006400),
    ("DarkKhaki", 0xbdb76b),
    ("DarkMagenta", 0x8b008b),
    ("DarkOliveGreen", 0x556b2f),
    ("Darkorange", 0xff8c00),
    ("DarkOrchid", 0x9932cc),
    ("DarkRed", 0x8b0000),
    ("DarkSalmon", 0xe9967a),
    ("DarkSeaGreen", 0x8fbc8f),
    ("DarkSlateBlue", 0x483d8b),
    ("DarkSlateGray", 0x2f4f4f),
    ("DarkTurquoise", 0x00ced1),
    ("DarkViolet", 0x9400d3),
    ("DeepPink", 0xff1493),
    ("DeepSkyBlue", 0x00bfff),
    ("DimGray", 0x696969),
    ("DodgerBlue", 0x1e90ff),
    ("FireBrick", 0xb22222),
    ("FloralWhite", 0xfffaf0),
    ("ForestGreen", 0x228b22),
    ("Fuchsia", 0xff00ff),
    ("Gainsboro", 0xdcdcdc),
    ("GhostWhite", 0xf8f8ff),
    ("Gold", 0xffd700),
    ("GoldenRod", 0xdaa520),
    ("Gray", 0x808080),
    ("Green", 0x008000),
    ("GreenYellow", 0xadff2f),
    ("HoneyDew", 0xf0fff0),
    ("HotPink", 0xff69b4),
    ("IndianRed", 0xcd5c5c),
    ("Indigo", 0x4b0082),
    ("Ivory", 0xfffff0),
    ("Khaki", 0xf0e68c),
    ("Lavender", 0xe6e6fa),
    ("LavenderBlush", 0xfff0f5),
    ("LawnGreen", 0x7cfc00),
    ("LemonChiffon", 0xfffacd),
    ("LightBlue", 0xadd8e6),
    ("LightCoral", 0xf08080),
    ("LightCyan", 0xe0ffff),
    ("LightGoldenRodYellow", 0xfafad2),
    ("LightGreen", 0x90ee90),
    ("LightGrey", 0xd3d3d3),
    ("LightPink", 0xffb6c1),
    ("LightSalmon", 0xffa07a),
    ("LightSeaGreen", 0x20b2aa),
    ("LightSkyBlue", 0x87cefa),
    ("LightSlateGray", 0x778899),
    ("LightSteelBlue", 0xb0c4de),
    ("LightYellow", 0xffffe0),
    ("Lime", 0x00ff00),
    ("LimeGreen", 0x32cd32),
    ("Linen", 0xfaf0e6),
    ("Magenta", 0xff00ff),
    ("Maroon", 0x800000),
    ("MediumAquaMarine", 0x66cdaa),
    ("MediumBlue", 0x0000cd),
    ("MediumOrchid", 0xba55d3),
    ("MediumPurple", 0x9370d8),
    ("MediumSeaGreen", 0x3cb371),
    ("MediumSlateBlue", 0x7b68ee),
    ("MediumSpringGreen", 0x00fa9a),
    ("MediumTurquoise", 0x48d1cc),
    ("MediumVioletRed", 0xc71585),
    ("MidnightBlue", 0x191970),
    ("MintCream", 0xf5fffa),
    ("MistyRose", 0xffe4e1),
    ("Moccasin", 0xffe4b5),
    ("NavajoWhite", 0xffdead),
    ("Navy", 0x000080),
    ("OldLace", 0xfdf5e6),
    ("Olive", 0x808000),
    ("OliveDrab", 0x6b8e23),
    ("Orange", 0xffa500),
    ("OrangeRed", 0xff4500),
    ("Orchid", 0xda70d6),
    ("PaleGoldenRod", 0xeee8aa),
    ("PaleGreen", 0x98fb98),
    ("PaleTurquoise", 0xafeeee),
    ("PaleVioletRed", 0xd87093),
    ("PapayaWhip", 0xffefd5),
    ("PeachPuff", 0xffdab9),
    ("Peru", 0xcd853f),
    ("Pink", 0xffc0cb),
    ("Plum", 0xdda0dd),
    ("PowderBlue", 0xb0e0e6),
    ("Purple", 0x800080),
    ("Red", 0xff0000),
    ("RosyBrown", 0xbc8f8f),
    ("RoyalBlue", 0x4169e1),
    ("SaddleBrown", 0x8b4513),
    ("Salmon", 0xfa8072),
    ("SandyBrown", 0xf4a460),
    ("SeaGreen", 0x2e8b57),
    ("SeaShell", 0xfff5ee),
    ("Sienna", 0xa0522d),
    ("Silver", 0xc0c0c0),
    ("SkyBlue", 0x87ceeb),
    ("SlateBlue", 0x6a5acd),
    ("SlateGray", 0x708090),
    ("Snow", 0xfffafa),
    ("SpringGreen", 0x00ff7f),
    ("SteelBlue", 0x4682b4),
    ("Tan", 0xd2b48c),
    ("Teal", 0x008080),
    ("Thistle", 0xd8bfd8),
    ("Tomato", 0xff6347),
    ("Turquoise", 0x40e0d0),
    ("Violet", 0xee82ee),
    ("Wheat", 0xf5deb3),
    ("White", 0xffffff),
    ("WhiteSmoke", 0xf5f5f5),
    ("Yellow", 0xffff00),
    ("YellowGreen", 0x9acd32),
];

/// The RGB value of a colour VOD accepts: one of [`COLORS`] (any letter case) or
/// `#rrggbb`.
pub fn color_rgb(value: &str) -> Option<u32> {
    let v = value.trim();
    if let Some(hex) = v.strip_prefix('#') {
        if hex.len() == 6 && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return u32::from_str_radix(hex, 16).ok();
        }
        return None;
    }
    COLORS.iter().find(|(name, _)| name.eq_ignore_ascii_case(v)).map(|(_, rgb)| *rgb)
}

/// The frame corner a mark's offsets are measured from (`ReferPos`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Corner {
    TopLeft,
    TopRight,
    BottomLeft,
    BottomRight,
}

impl Corner {
    pub const ALL: [Corner; 4] = [Corner::TopLeft, Corner::TopRight, Corner::BottomLeft, Corner::BottomRight];

    pub fn as_str(self) -> &'static str {
        match self {
            Corner::TopLeft => "TopLeft",
            Corner::TopRight => "TopRight",
            Corner::BottomLeft => "BottomLeft",
            Corner::BottomRight => "BottomRight",
        }
    }

    pub fn parse(value: &str) -> Option<Corner> {
        Corner::ALL.into_iter().find(|c| c.as_str() == value)
    }

    fn right(self) -> bool {
        matches!(self, Corner::TopRight | Corner::BottomRight)
    }

    fn bottom(self) -> bool {
        matches!(self, Corner::BottomLeft | Corner::BottomRight)
    }
}

/// A size or offset: pixels, or a share of the frame.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Length {
    Px(u32),
    Ratio(f64),
}

impl Length {
    /// `"16"` is 16 px, `"0.12"` is 12 % of the frame; anything else (0, 1, 4 px, 5000
    /// px, 1.5, text) is refused with the rule it breaks.
    pub fn parse(value: &str) -> Result<Length, Rule> {
        let v = value.trim();
        if v.is_empty() {
            return Err(Rule::Missing);
        }
        if v.bytes().all(|b| b.is_ascii_digit()) {
            return match v.parse::<u32>() {
                Ok(px) if (PX_MIN..=PX_MAX).contains(&px) => Ok(Length::Px(px)),
                _ => Err(Rule::Length),
            };
        }
        match v.parse::<f64>() {
            Ok(r) if r.is_finite() && r > 0.0 && r < 1.0 && !v.starts_with(['+', '-']) => Ok(Length::Ratio(r)),
            _ => Err(Rule::Length),
        }
    }

    /// Pixels on a frame `frame` pixels wide (or high).
    pub fn resolve(self, frame: u32) -> f64 {
        match self {
            Length::Px(px) => f64::from(px),
            Length::Ratio(r) => r * f64::from(frame),
        }
    }
}

impl std::fmt::Display for Length {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Length::Px(px) => write!(f, "{px}"),
            Length::Ratio(r) => write!(f, "{r}"),
        }
    }
}

/// What is wrong with a field; the console words it for people, the emulator as VOD.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// Required and absent or empty.
    Missing,
    /// Not pixels in [8, 4096] nor a share in (0, 1).
    Length,
    /// Not one of the four corners.
    Corner,
    /// Not a number of seconds ≥ 0 (`Start`), or that or `ToEND` (`Duration`).
    Seconds,
    /// Not one of [`FONTS`].
    Font,
    /// Not one of [`COLORS`] nor `#rrggbb`.
    Color,
    /// An integer outside its range (the bounds, and whether each is included).
    Integer { min: u32, max: u32, min_included: bool, max_included: bool },
    /// `FontAlpha` outside (0, 1].
    Alpha,
    /// Longer than this many UTF-8 bytes.
    TooLong(usize),
    /// A character VOD refuses (names: only Chinese characters, letters and digits).
    Character(char),
}

/// A field of `WatermarkConfig` (or `Name`) and the rule it breaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Problem {
    pub field: &'static str,
    pub rule: Rule,
}

fn problem(field: &'static str, rule: Rule) -> Problem {
    Problem { field, rule }
}

/// A field's value, trimmed; `None` when absent or blank (VOD's default applies).
fn given(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|v| !v.is_empty())
}

/// A watermark's name: required, at most 128 bytes, only Chinese characters, letters
/// and digits.
pub fn check_name(name: &str) -> Result<(), Problem> {
    if name.is_empty() {
        return Err(problem("Name", Rule::Missing));
    }
    if let Some(c) = name.chars().find(|c| !c.is_alphanumeric() || crate::text::is_illegal_char(*c)) {
        return Err(problem("Name", Rule::Character(c)));
    }
    if name.len() > NAME_MAX_BYTES {
        return Err(problem("Name", Rule::TooLong(NAME_MAX_BYTES)));
    }
    Ok(())
}

/// The fields of an image watermark's `WatermarkConfig`, as given (strings, as on the
/// wire; `None` when absent).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImageFields<'a> {
    pub dx: Option<&'a str>,
    pub dy: Option<&'a str>,
    pub width: Option<&'a str>,
    pub height: Option<&'a str>,
    pub refer_pos: Option<&'a str>,
    /// `Timeline.Start` and `Timeline.Duration`.
    pub start: Option<&'a str>,
    pub duration: Option<&'a str>,
}

impl<'a> ImageFields<'a> {
    /// The fields read by their wire names (`Timeline.Start` and `Timeline.Duration`
    /// for the timeline), as [`Problem::field`] names them.
    pub fn read(get: impl Fn(&'static str) -> Option<&'a str>) -> Self {
        ImageFields {
            dx: get("Dx"),
            dy: get("Dy"),
            width: get("Width"),
            height: get("Height"),
            refer_pos: get("ReferPos"),
            start: get("Timeline.Start"),
            duration: get("Timeline.Duration"),
        }
    }
}

/// When an image mark shows: from `start` seconds, for `duration` seconds or to the end.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Timeline {
    pub start: f64,
    /// `None`: to the end (`ToEND`).
    pub duration: Option<f64>,
}

/// A checked image watermark.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ImageMark {
    pub dx: Length,
    pub dy: Length,
    pub width: Length,
    pub height: Length,
    pub corner: Corner,
    pub timeline: Timeline,
}

/// A rectangle on the frame, in pixels from its top-left corner.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

impl ImageMark {
    /// Where VOD draws the mark on a `frame_width` × `frame_height` output.
    pub fn place(&self, frame_width: u32, frame_height: u32) -> Rect {
        let (w, h) = (self.width.resolve(frame_width), self.height.resolve(frame_height));
        let (dx, dy) = (self.dx.resolve(frame_width), self.dy.resolve(frame_height));
        let x = if self.corner.right() { f64::from(frame_width) - dx - w } else { dx };
        let y = if self.corner.bottom() { f64::from(frame_height) - dy - h } else { dy };
        Rect { x, y, width: w, height: h }
    }
}

fn seconds(value: &str) -> Option<f64> {
    let v = value.trim();
    v.parse::<f64>().ok().filter(|s| s.is_finite() && *s >= 0.0 && !v.starts_with(['+', '-']))
}

/// Checks an image watermark's configuration, field by field in the order a form shows
/// them.
pub fn check_image(f: &ImageFields) -> Result<ImageMark, Problem> {
    let length = |field: &'static str, v: Option<&str>| Length::parse(v.unwrap_or("")).map_err(|r| problem(field, r));
    let width = length("Width", f.width)?;
    let height = length("Height", f.height)?;
    let corner = match given(f.refer_pos) {
        None => return Err(problem("ReferPos", Rule::Missing)),
        Some(v) => Corner::parse(v).ok_or(problem("ReferPos", Rule::Corner))?,
    };
    let dx = length("Dx", f.dx)?;
    let dy = length("Dy", f.dy)?;
    let start = match given(f.start) {
        None => 0.0,
        Some(v) => seconds(v).ok_or(problem("Timeline.Start", Rule::Seconds))?,
    };
    let duration = match given(f.duration) {
        None | Some("ToEND") => None,
        Some(v) => Some(seconds(v).filter(|d| *d > 0.0).ok_or(problem("Timeline.Duration", Rule::Seconds))?),
    };
    Ok(ImageMark { dx, dy, width, height, corner, timeline: Timeline { start, duration } })
}

/// The fields of a text watermark's `WatermarkConfig`, as given.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TextFields<'a> {
    pub content: Option<&'a str>,
    pub font_name: Option<&'a str>,
    pub font_size: Option<&'a str>,
    pub font_color: Option<&'a str>,
    pub font_alpha: Option<&'a str>,
    pub border_color: Option<&'a str>,
    pub border_width: Option<&'a str>,
    pub top: Option<&'a str>,
    pub left: Option<&'a str>,
}

impl<'a> TextFields<'a> {
    /// The fields read by their wire names, as [`Problem::field`] names them.
    pub fn read(get: impl Fn(&'static str) -> Option<&'a str>) -> Self {
        TextFields {
            content: get("Content"),
            font_name: get("FontName"),
            font_size: get("FontSize"),
            font_color: get("FontColor"),
            font_alpha: get("FontAlpha"),
            border_color: get("BorderColor"),
            border_width: get("BorderWidth"),
            top: get("Top"),
            left: get("Left"),
        }
    }
}

/// A checked text watermark, defaults filled in.
#[derive(Debug, Clone, PartialEq)]
pub struct TextMark {
    pub content: String,
    pub font_name: Option<&'static str>,
    pub font_size: u32,
    /// RGB; white when left out.
    pub font_color: u32,
    pub font_alpha: f64,
    pub border_color: Option<u32>,
    pub border_width: u32,
    pub top: u32,
    pub left: u32,
}

fn integer(field: &'static str, value: Option<&str>, default: u32, rule: Rule) -> Result<u32, Problem> {
    let Rule::Integer { min, max, min_included, max_included } = rule else { unreachable!("an integer rule") };
    let Some(v) = given(value) else { return Ok(default) };
    let n: u32 = v.parse().map_err(|_| problem(field, rule))?;
    let above = if min_included { n >= min } else { n > min };
    let below = if max_included { n <= max } else { n < max };
    if above && below {
        Ok(n)
    } else {
        Err(problem(field, rule))
    }
}

/// The range rule of `FontSize`, (4, 120).
pub const FONT_SIZE_RULE: Rule =
    Rule::Integer { min: FONT_SIZE_MIN_EXCLUSIVE, max: FONT_SIZE_MAX_EXCLUSIVE, min_included: false, max_included: false };
/// The range rule of `BorderWidth`, (0, 4096].
pub const BORDER_WIDTH_RULE: Rule = Rule::Integer { min: 0, max: MARGIN_MAX, min_included: false, max_included: true };
/// The range rule of `Top` and `Left`, [0, 4096].
pub const MARGIN_RULE: Rule = Rule::Integer { min: 0, max: MARGIN_MAX, min_included: true, max_included: true };

/// Checks a text watermark's configuration.
pub fn check_text(f: &TextFields) -> Result<TextMark, Problem> {
    let content = f.content.unwrap_or("");
    if content.trim().is_empty() {
        return Err(problem("Content", Rule::Missing));
    }
    if let Some(c) = crate::text::first_illegal(content) {
        return Err(problem("Content", Rule::Character(c)));
    }
    let font_name = match given(f.font_name) {
        None => None,
        Some(v) => Some(FONTS.iter().map(|(name, _)| *name).find(|name| *name == v).ok_or(problem("FontName", Rule::Font))?),
    };
    let font_size = integer("FontSize", f.font_size, FONT_SIZE_DEFAULT, FONT_SIZE_RULE)?;
    let color = |field: &'static str, v: Option<&str>| -> Result<Option<u32>, Problem> {
        match given(v) {
            None => Ok(None),
            Some(v) => color_rgb(v).map(Some).ok_or(problem(field, Rule::Color)),
        }
    };
    let font_color = color("FontColor", f.font_color)?.unwrap_or(0xffffff);
    let font_alpha = match given(f.font_alpha) {
        None => 1.0,
        Some(v) => v.parse::<f64>().ok().filter(|a| *a > 0.0 && *a <= 1.0).ok_or(problem("FontAlpha", Rule::Alpha))?,
    };
    let border_color = color("BorderColor", f.border_color)?;
    let border_width = match given(f.border_width) {
        None | Some("0") => 0,
        v => integer("BorderWidth", v, 0, BORDER_WIDTH_RULE)?,
    };
    let top = integer("Top", f.top, 0, MARGIN_RULE)?;
    let left = integer("Left", f.left, 0, MARGIN_RULE)?;
    Ok(TextMark { content: content.to_string(), font_name, font_size, font_color, font_alpha, border_color, border_width, top, left })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(w: &str, h: &str, dx: &str, dy: &str, corner: &str) -> ImageMark {
        check_image(&ImageFields {
            width: Some(w),
            height: Some(h),
            dx: Some(dx),
            dy: Some(dy),
            refer_pos: Some(corner),
            ..Default::default()
        })
        .unwrap()
    }

    fn rect(x: f64, y: f64, width: f64, height: f64) -> Rect {
        Rect { x, y, width, height }
    }

    /// Equal to a millionth of a pixel (shares of a frame are not exact in binary).
    fn assert_at(got: Rect, want: Rect) {
        let close = |a: f64, b: f64| (a - b).abs() < 1e-6;
        assert!(
            close(got.x, want.x) && close(got.y, want.y) && close(got.width, want.width) && close(got.height, want.height),
            "{got:?} != {want:?}"
        );
    }

    #[test]
    fn pixel_marks_sit_their_offsets_in_from_the_reference_corner() {
        // A 100 × 50 mark, 10 px across and 20 px down from the corner, on 1280 × 720.
        assert_at(mark("100", "50", "10", "20", "TopLeft").place(1280, 720), rect(10.0, 20.0, 100.0, 50.0));
        assert_at(mark("100", "50", "10", "20", "TopRight").place(1280, 720), rect(1170.0, 20.0, 100.0, 50.0));
        assert_at(mark("100", "50", "10", "20", "BottomLeft").place(1280, 720), rect(10.0, 650.0, 100.0, 50.0));
        assert_at(mark("100", "50", "10", "20", "BottomRight").place(1280, 720), rect(1170.0, 650.0, 100.0, 50.0));
    }

    #[test]
    fn ratio_marks_scale_with_the_frame_and_pixel_marks_do_not() {
        // Width 0.25 of the frame's width, height 0.125 of its height, offsets 0.05.
        let m = mark("0.25", "0.125", "0.05", "0.05", "BottomRight");
        // 1920 × 1080: 480 × 135, 96 px from the right, 54 px from the bottom.
        assert_at(m.place(1920, 1080), rect(1344.0, 891.0, 480.0, 135.0));
        // 640 × 360: a quarter the area, same shares.
        assert_at(m.place(640, 360), rect(448.0, 297.0, 160.0, 45.0));
        // Mixed: pixel size, ratio offsets, top right.
        let m = mark("64", "32", "0.5", "0.25", "TopRight");
        assert_at(m.place(1000, 400), rect(436.0, 100.0, 64.0, 32.0));
        assert_at(m.place(2000, 800), rect(936.0, 200.0, 64.0, 32.0));
    }

    #[test]
    fn lengths_are_pixels_in_range_or_shares_strictly_between_0_and_1() {
        assert_eq!(Length::parse("8"), Ok(Length::Px(8)));
        assert_eq!(Length::parse("4096"), Ok(Length::Px(4096)));
        assert_eq!(Length::parse("0.5"), Ok(Length::Ratio(0.5)));
        for bad in ["7", "4097", "0", "1", "1.0", "0.0", "-0.5", "1.5", "abc", "NaN", "inf", "+0.5"] {
            assert_eq!(Length::parse(bad), Err(Rule::Length), "{bad}");
        }
        assert_eq!(Length::parse(""), Err(Rule::Missing));
    }

    #[test]
    fn image_fields_are_checked_in_form_order_with_the_field_named() {
        let ok = ImageFields { width: Some("100"), height: Some("50"), dx: Some("10"), dy: Some("10"), refer_pos: Some("TopLeft"), ..Default::default() };
        assert!(check_image(&ok).is_ok());
        assert_eq!(check_image(&ImageFields { width: None, ..ok.clone() }).unwrap_err(), problem("Width", Rule::Missing));
        assert_eq!(check_image(&ImageFields { refer_pos: Some("BottonLeft"), ..ok.clone() }).unwrap_err(), problem("ReferPos", Rule::Corner));
        assert_eq!(check_image(&ImageFields { dy: Some("5000"), ..ok.clone() }).unwrap_err(), problem("Dy", Rule::Length));
        assert_eq!(check_image(&ImageFields { start: Some("-1"), ..ok.clone() }).unwrap_err(), problem("Timeline.Start", Rule::Seconds));
        assert_eq!(check_image(&ImageFields { duration: Some("soon"), ..ok.clone() }).unwrap_err(), problem("Timeline.Duration", Rule::Seconds));
        let timed = check_image(&ImageFields { start: Some("2.5"), duration: Some("10"), ..ok.clone() }).unwrap();
        assert_eq!(timed.timeline, Timeline { start: 2.5, duration: Some(10.0) });
        assert_eq!(check_image(&ImageFields { duration: Some("ToEND"), ..ok }).unwrap().timeline.duration, None);
    }

    #[test]
    fn text_fields_have_vods_defaults_and_ranges() {
        let t = check_text(&TextFields { content: Some("文字水印"), ..Default::default() }).unwrap();
        assert_eq!((t.font_size, t.font_alpha, t.border_width, t.top, t.left, t.font_color), (16, 1.0, 0, 0, 0, 0xffffff));
        let base = TextFields { content: Some("水印"), ..Default::default() };
        let with = |f: TextFields<'static>| check_text(&f);
        assert_eq!(with(TextFields { font_size: Some("4"), ..base.clone() }).unwrap_err().field, "FontSize");
        assert_eq!(with(TextFields { font_size: Some("120"), ..base.clone() }).unwrap_err().field, "FontSize");
        assert_eq!(with(TextFields { font_size: Some("119"), ..base.clone() }).unwrap().font_size, 119);
        assert_eq!(with(TextFields { font_alpha: Some("0"), ..base.clone() }).unwrap_err(), problem("FontAlpha", Rule::Alpha));
        assert_eq!(with(TextFields { font_alpha: Some("1"), ..base.clone() }).unwrap().font_alpha, 1.0);
        assert_eq!(with(TextFields { top: Some("4097"), ..base.clone() }).unwrap_err().field, "Top");
        assert_eq!(with(TextFields { left: Some("0"), ..base.clone() }).unwrap().left, 0);
        assert_eq!(with(TextFields { border_width: Some("4096"), ..base.clone() }).unwrap().border_width, 4096);
        assert_eq!(with(TextFields { font_name: Some("Arial"), ..base.clone() }).unwrap_err(), problem("FontName", Rule::Font));
        assert_eq!(with(TextFields { font_color: Some("white"), ..base.clone() }).unwrap().font_color, 0xffffff);
        assert_eq!(with(TextFields { font_color: Some("#FF0000"), ..base.clone() }).unwrap().font_color, 0xff0000);
        assert_eq!(with(TextFields { border_color: Some("Blurple"), ..base.clone() }).unwrap_err(), problem("BorderColor", Rule::Color));
        assert_eq!(with(TextFields { content: Some("  "), ..base }).unwrap_err(), problem("Content", Rule::Missing));
    }

    #[test]
    fn names_are_chinese_letters_and_digits_up_to_128_bytes() {
        assert!(check_name("台标Logo2").is_ok());
        assert_eq!(check_name(""), Err(problem("Name", Rule::Missing)));
        assert_eq!(check_name("my logo"), Err(problem("Name", Rule::Character(' '))));
        assert_eq!(check_name("logo-1"), Err(problem("Name", Rule::Character('-'))));
        assert!(check_name(&"水".repeat(42)).is_ok());
        assert_eq!(check_name(&"水".repeat(43)), Err(problem("Name", Rule::TooLong(128))));
    }

    #[test]
    fn the_colour_table_is_complete() {
        assert_eq!(COLORS.len(), 140);
        assert_eq!(color_rgb("Black"), Some(0));
        assert_eq!(color_rgb("YellowGreen"), Some(0x9acd32));
        assert_eq!(color_rgb("#12345"), None);
    }
}
