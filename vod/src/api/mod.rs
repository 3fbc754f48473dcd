//! Typed requests and responses, with Alibaba's exact parameter names and the JSON
//! nesting the real API uses (`VideoList.Video[]`, `SubCategories.Category[]`,
//! `PlayInfoList.PlayInfo[]`, `Snapshots.Snapshot[]`, ...).
//!
//! Naming: the request struct is named like the action (`GetVideoList`), its answer
//! `GetVideoListResponse`, items keep Alibaba's names (`Video`, `Image`, `Category`,
//! `PlayInfo`). Responses are tolerant: unknown fields are ignored, missing fields take
//! their default, numbers sent as strings (and the reverse) are accepted, and list
//! wrappers may be present or absent.
//!
//! One file per console page: `media` (videos, playback, snapshots), `image`, `audit`,
//! `category`, `template`, `upload`, `usage`, `watermark`.

pub mod audit;
pub mod category;
pub mod image;
pub mod media;
pub mod template;
pub mod upload;
pub mod usage;
pub mod watermark;

pub use audit::*;
pub use category::*;
pub use image::*;
pub use media::*;
pub use template::*;
pub use upload::*;
pub use usage::*;
pub use watermark::*;

use serde::Serializer;

/// Declares answers that carry nothing but `RequestId`.
macro_rules! request_id_only {
    ($($(#[$doc:meta])* $name:ident;)*) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Default, PartialEq, serde::Deserialize, serde::Serialize)]
        #[serde(default, rename_all = "PascalCase")]
        pub struct $name {
            #[serde(deserialize_with = "crate::de::string")]
            pub request_id: String,
        }
    )*};
}
pub(crate) use request_id_only;

/// Serialises an optional tag list as VOD's comma-separated string (JSON-typed parameters).
pub(crate) fn ser_tags<S: Serializer>(tags: &Option<Vec<String>>, s: S) -> Result<S::Ok, S::Error> {
    match tags {
        Some(t) => s.serialize_str(&t.join(",")),
        None => s.serialize_none(),
    }
}

/// Serialises an optional number as a string, where VOD documents a String-typed field.
pub(crate) fn ser_opt_string<T: std::fmt::Display, S: Serializer>(
    v: &Option<T>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match v {
        Some(v) => s.serialize_str(&v.to_string()),
        None => s.serialize_none(),
    }
}

/// `Option<T>` that falls back to `T::default()`: for the main object of an answer
/// (`Video`, `ImageInfo`, `Mezzanine`), which may be missing or `null` in odd answers.
pub(crate) fn object_or_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::de::DeserializeOwned + Default,
{
    crate::de::object(d).map(Option::unwrap_or_default)
}

/// Splits VOD's comma-separated `Tags` into trimmed, non-empty tags.
pub fn split_tags(tags: &str) -> Vec<&str> {
    tags.split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .collect()
}

impl Video {
    /// `tags` as a list.
    pub fn tag_list(&self) -> Vec<&str> {
        split_tags(&self.tags)
    }
}

impl Image {
    /// `tags` as a list.
    pub fn tag_list(&self) -> Vec<&str> {
        split_tags(&self.tags)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_split_on_commas_and_trim() {
        assert_eq!(split_tags("标签1, 标签2,,b "), vec!["标签1", "标签2", "b"]);
        assert!(split_tags("").is_empty());
        let v = Video {
            tags: "a, b".into(),
            ..Default::default()
        };
        assert_eq!(v.tag_list(), vec!["a", "b"]);
    }
}
