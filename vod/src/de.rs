//! Tolerant deserializers for VOD's JSON, which is looser than its documentation:
//! numbers arrive as strings and strings as numbers, lists keep their XML wrapper object
//! (`VideoList.Video[]`) or lose it, a one-element list may be a bare object, and the
//! older documentation even shows lists serialised into a string.
//!
//! Used through `#[serde(deserialize_with = "...")]` on the wire types in `api`.
//! Every function here accepts `null` and treats it like a missing field.

use serde::de::{DeserializeOwned, Deserializer, Error as _};
use serde::Deserialize;
use serde_json::Value;

/// A string; numbers and booleans are turned into their text, `null` into "".
pub fn string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::Null => String::new(),
        Value::String(s) => s,
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        other => other.to_string(),
    })
}

/// An integer sent as a number or a string. Text that is not a number (the documentation
/// masks IDs as `"100012****"`) becomes `None` rather than failing the whole answer.
pub fn int<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::Number(n) => n
            .as_i64()
            .or_else(|| n.as_f64().filter(|f| f.fract() == 0.0).map(|f| f as i64)),
        Value::String(s) => {
            let t = s.trim();
            t.parse::<i64>().ok().or_else(|| {
                t.parse::<f64>()
                    .ok()
                    .filter(|f| f.fract() == 0.0)
                    .map(|f| f as i64)
            })
        }
        Value::Bool(b) => Some(i64::from(b)),
        _ => None,
    })
}

/// A decimal number sent as a number or a string (`"42.4930"`).
pub fn float<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse::<f64>().ok().filter(|f| f.is_finite()),
        _ => None,
    })
}

/// A boolean sent as `true`, `"true"`, `1` or `"1"`.
pub fn boolean<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::Bool(b) => Some(b),
        Value::Number(n) => n.as_i64().map(|i| i != 0),
        Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
            "true" | "1" | "on" | "yes" => Some(true),
            "false" | "0" | "off" | "no" => Some(false),
            _ => None,
        },
        _ => None,
    })
}

/// A list without a wrapper object: an array, a single element, or a JSON array in a string.
pub fn list<'de, D: Deserializer<'de>, T: DeserializeOwned>(d: D) -> Result<Vec<T>, D::Error> {
    let v = Value::deserialize(d)?;
    items(v, None).map_err(D::Error::custom)
}

/// An optional object that may also arrive as a one-element list (or `null`).
pub fn object<'de, D: Deserializer<'de>, T: DeserializeOwned>(d: D) -> Result<Option<T>, D::Error> {
    let v = Value::deserialize(d)?;
    let v = match v {
        Value::Null => return Ok(None),
        Value::Array(mut a) if !a.is_empty() => a.swap_remove(0),
        Value::Array(_) => return Ok(None),
        Value::String(s) if s.trim().is_empty() => return Ok(None),
        Value::String(s) => match serde_json::from_str::<Value>(&s) {
            Ok(v @ Value::Object(_)) => v,
            _ => return Ok(None),
        },
        v => v,
    };
    T::deserialize(v).map(Some).map_err(D::Error::custom)
}

macro_rules! wrapped {
    ($($(#[$doc:meta])* $name:ident => $key:literal;)*) => {$(
        $(#[$doc])*
        pub fn $name<'de, D: Deserializer<'de>, T: DeserializeOwned>(d: D) -> Result<Vec<T>, D::Error> {
            let v = Value::deserialize(d)?;
            items(v, Some($key)).map_err(D::Error::custom)
        }
    )*};
}

wrapped! {
    /// `{"Video": [...]}` (GetVideoList), or the bare forms [`list`] accepts.
    video_list => "Video";
    /// `{"Snapshot": [...]}` (Video.Snapshots, MediaSnapshot.Snapshots).
    snapshot_list => "Snapshot";
    /// `{"Category": [...]}` (GetCategories.SubCategories).
    category_list => "Category";
    /// `{"PlayInfo": [...]}` (GetPlayInfo.PlayInfoList).
    play_info_list => "PlayInfo";
    /// `{"ImageId": [...]}` (UpdateImageInfos.NonExistImageIds).
    image_id_list => "ImageId";
    /// `{"StorageDataItem": [...]}` (DescribeVodStorageData.StorageData).
    storage_data_items => "StorageDataItem";
    /// `{"TranscodeDataItem": [...]}` (DescribeVodTranscodeData.TranscodeData).
    transcode_data_items => "TranscodeDataItem";
    /// `{"AIDataItem": [...]}` (DescribeVodAIData.AIData).
    ai_data_items => "AIDataItem";
    /// `{"DataItem": [...]}` (the per-name breakdown of a transcode or AI slice).
    data_items => "DataItem";
    /// `{"DataModule": [...]}` (the CDN series).
    data_modules => "DataModule";
    /// `{"PageData": [...]}` (DescribeVodUserDomains.Domains).
    page_data => "PageData";
    /// `{"Source": [...]}` (a domain's origins).
    source_list => "Source";
    /// `{"TopPlayVideoStatis": [...]}` (DescribePlayTopVideos.TopPlayVideos).
    top_play_videos => "TopPlayVideoStatis";
    /// `{"UserPlayStatisAvg": [...]}` (DescribePlayUserAvg).
    user_play_avgs => "UserPlayStatisAvg";
    /// `{"UserPlayStatisTotal": [...]}` (DescribePlayUserTotal).
    user_play_totals => "UserPlayStatisTotal";
    /// `{"VideoPlayStatisDetail": [...]}` (DescribePlayVideoStatis).
    video_play_details => "VideoPlayStatisDetail";
}

/// The elements of a possibly wrapped list.
fn items<T: DeserializeOwned>(v: Value, key: Option<&str>) -> Result<Vec<T>, serde_json::Error> {
    let mut flat = Vec::new();
    flatten(v, key, &mut flat);
    flat.into_iter().map(T::deserialize).collect()
}

fn flatten(v: Value, key: Option<&str>, out: &mut Vec<Value>) {
    match v {
        Value::Null => {}
        Value::Array(a) => {
            for e in a {
                match e {
                    // `[ "[\"id1\", \"id2\"]" ]`: a JSON list hidden in a string element.
                    Value::String(s) if s.trim_start().starts_with('[') => {
                        flatten(Value::String(s), key, out)
                    }
                    e => out.push(e),
                }
            }
        }
        Value::Object(mut m) => match key.and_then(|k| m.remove(k)) {
            Some(inner) => flatten(inner, None, out),
            None if m.is_empty() => {}
            None => out.push(Value::Object(m)),
        },
        Value::String(s) => {
            let t = s.trim();
            if t.is_empty() {
                return;
            }
            if t.starts_with('[') || t.starts_with('{') {
                match serde_json::from_str::<Value>(t) {
                    Ok(inner) => flatten(inner, key, out),
                    Err(_) => out.extend(quoted_strings(t).into_iter().map(Value::String)),
                }
            } else {
                out.push(Value::String(s));
            }
        }
        other => out.push(other),
    }
}

/// The quoted strings inside malformed list text such as `["a","b",...]`.
fn quoted_strings(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '"' {
            continue;
        }
        let mut s = String::new();
        let mut closed = false;
        while let Some(c) = chars.next() {
            match c {
                '\\' => {
                    if let Some(n) = chars.next() {
                        s.push(n);
                    }
                }
                '"' => {
                    closed = true;
                    break;
                }
                c => s.push(c),
            }
        }
        if closed {
            out.push(s);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize, Default, Debug)]
    #[serde(default)]
    struct T {
        #[serde(deserialize_with = "int")]
        i: Option<i64>,
        #[serde(deserialize_with = "float")]
        f: Option<f64>,
        #[serde(deserialize_with = "string")]
        s: String,
        #[serde(deserialize_with = "boolean")]
        b: Option<bool>,
        #[serde(deserialize_with = "video_list")]
        v: Vec<serde_json::Value>,
        #[serde(deserialize_with = "list")]
        l: Vec<String>,
    }

    fn t(json: &str) -> T {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn numbers_and_strings_both_ways() {
        assert_eq!(t(r#"{"i":"42"}"#).i, Some(42));
        assert_eq!(t(r#"{"i":42}"#).i, Some(42));
        assert_eq!(t(r#"{"i":42.0}"#).i, Some(42));
        assert_eq!(t(r#"{"i":"100012****"}"#).i, None);
        assert_eq!(t(r#"{"i":null}"#).i, None);
        assert_eq!(t(r#"{}"#).i, None);
        assert_eq!(t(r#"{"f":"42.4930"}"#).f, Some(42.493));
        assert_eq!(t(r#"{"f":135.6}"#).f, Some(135.6));
        assert_eq!(t(r#"{"s":450.878}"#).s, "450.878");
        assert_eq!(t(r#"{"s":null}"#).s, "");
        assert_eq!(t(r#"{"b":"true"}"#).b, Some(true));
        assert_eq!(t(r#"{"b":0}"#).b, Some(false));
    }

    #[test]
    fn wrapped_bare_single_and_stringified_lists() {
        assert_eq!(t(r#"{"v":{"Video":[{"a":1},{"a":2}]}}"#).v.len(), 2);
        assert_eq!(t(r#"{"v":{"Video":{"a":1}}}"#).v.len(), 1);
        assert_eq!(t(r#"{"v":[{"a":1}]}"#).v.len(), 1);
        assert_eq!(t(r#"{"v":{"a":1}}"#).v.len(), 1);
        assert_eq!(t(r#"{"v":{}}"#).v.len(), 0);
        assert_eq!(t(r#"{"v":null}"#).v.len(), 0);
        assert_eq!(t(r#"{"l":"[\"x\",\"y\"]"}"#).l, vec!["x", "y"]);
        assert_eq!(t(r#"{"l":["[\"x\", \"y\"]"]}"#).l, vec!["x", "y"]);
        assert_eq!(t(r#"{"l":"[\"x\",\"y\",...]"}"#).l, vec!["x", "y"]);
        assert_eq!(t(r#"{"l":"single"}"#).l, vec!["single"]);
        assert_eq!(t(r#"{"l":""}"#).l, Vec::<String>::new());
    }
}
