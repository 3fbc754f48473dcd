//! The [`Action`] trait that every typed request implements, and [`Params`], the builder
//! that turns a request struct into VOD's flat parameter list: optional fields are
//! skipped when `None`, lists (IDs, tags, URLs) are comma-joined, JSON-typed parameters
//! are serialised into strings. Common parameters (`Action`, `Timestamp`, ...) are added
//! by the client, not here.

use std::fmt::Display;

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::signature::percent_encode;

/// One VOD API action: its name, its response type and its own parameters.
///
/// Adding an action is a struct with Alibaba's parameter names in mind, a response type,
/// and an impl like:
///
/// ```
/// use vod::{Action, Params};
/// #[derive(Debug, Clone, Default)]
/// pub struct GetVideoPlayAuth { pub video_id: String, pub auth_info_timeout: Option<i64> }
/// #[derive(Debug, Default, serde::Deserialize)]
/// #[serde(default, rename_all = "PascalCase")]
/// pub struct GetVideoPlayAuthResponse { pub request_id: String, pub play_auth: String }
/// impl Action for GetVideoPlayAuth {
///     const NAME: &'static str = "GetVideoPlayAuth";
///     type Response = GetVideoPlayAuthResponse;
///     fn params(&self) -> Vec<(&'static str, String)> {
///         Params::new()
///             .req("VideoId", &self.video_id)
///             .opt("AuthInfoTimeout", &self.auth_info_timeout)
///             .finish()
///     }
/// }
/// ```
pub trait Action {
    /// The `Action` parameter, e.g. `GetVideoList`.
    const NAME: &'static str;
    /// Whether repeating the call after an uncertain failure is harmless. Creates
    /// (`AddCategory`, `CreateUpload*`, `UploadMediaByURL`) are not: VOD has no client
    /// token, so a blind retry after a timeout can create a duplicate.
    const IDEMPOTENT: bool = true;
    /// The typed answer.
    type Response: DeserializeOwned;
    /// The action's row in [`crate::spec::ACTIONS`] (limit, read-only, cache lifetime).
    /// Evaluated at compile time: an action missing from the table does not build.
    const SPEC: &'static crate::spec::ActionSpec = crate::spec::of(Self::NAME);
    /// The action's own parameters, by their exact VOD names.
    fn params(&self) -> Vec<(&'static str, String)>;
}

/// Declares a typed action: the request struct with Alibaba's parameter names, its
/// [`Action`] impl and a compile-time check that the action is in [`crate::spec::ACTIONS`]
/// (which gives its QPS, read-only flag and cache lifetime). Each field says how it is
/// sent, with the name of the [`Params`] method that sends it (`req`, `opt`, `non_empty`,
/// `list`, `opt_list`, `url_list`, `json`, `opt_json`, `json_list`) and VOD's name:
///
/// ```
/// vod::action! {
///     /// Renames a category.
///     UpdateCategory -> vod::api::UpdateCategoryResponse {
///         cate_id: i64 => req "CateId",
///         /// At most 64 bytes.
///         cate_name: String => req "CateName",
///     }
/// }
/// ```
///
/// A create that must not be repeated blindly after a timeout says so:
/// `AddCategory -> AddCategoryResponse [not_idempotent] { .. }`.
#[macro_export]
macro_rules! action {
    (
        $(#[$meta:meta])*
        $name:ident -> $response:ty $([$flag:ident])? {
            $( $(#[$fmeta:meta])* $field:ident : $fty:ty => $kind:ident $param:literal ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Default, PartialEq)]
        pub struct $name {
            $( $(#[$fmeta])* pub $field: $fty, )*
        }

        impl $crate::action::Action for $name {
            const NAME: &'static str = stringify!($name);
            const IDEMPOTENT: bool = $crate::action!(@idempotent $($flag)?);
            type Response = $response;
            fn params(&self) -> Vec<(&'static str, String)> {
                $crate::action::Params::new()
                    $( .$kind($param, &self.$field) )*
                    .finish()
            }
        }

        const _: &$crate::spec::ActionSpec = <$name as $crate::action::Action>::SPEC;
    };
    (@idempotent) => { true };
    (@idempotent not_idempotent) => { false };
}

/// Builds an action's parameter list.
#[derive(Debug, Default, Clone)]
#[must_use]
pub struct Params(Vec<(&'static str, String)>);

impl Params {
    pub fn new() -> Self {
        Self(Vec::new())
    }

    /// A parameter that is always sent.
    pub fn req(mut self, name: &'static str, value: impl Display) -> Self {
        self.0.push((name, value.to_string()));
        self
    }

    /// A parameter sent only when not empty (one of two alternative identifiers, such as
    /// `VideoId` or `ReferenceId`).
    pub fn non_empty(mut self, name: &'static str, value: &str) -> Self {
        if !value.is_empty() {
            self.0.push((name, value.to_string()));
        }
        self
    }

    /// A parameter sent only when `Some`.
    pub fn opt<T: Display>(mut self, name: &'static str, value: &Option<T>) -> Self {
        if let Some(v) = value {
            self.0.push((name, v.to_string()));
        }
        self
    }

    /// A comma-separated list that is always sent (a required ID list).
    pub fn req_list<S: AsRef<str>>(mut self, name: &'static str, values: &[S]) -> Self {
        self.0.push((name, join(values.iter().map(|s| s.as_ref().to_string()))));
        self
    }

    /// A comma-separated list, sent only when not empty.
    pub fn list<S: AsRef<str>>(mut self, name: &'static str, values: &[S]) -> Self {
        if !values.is_empty() {
            self.0
                .push((name, join(values.iter().map(|s| s.as_ref().to_string()))));
        }
        self
    }

    /// A comma-separated list sent when `Some`, even if empty (an empty value clears,
    /// e.g. `Tags` in an update).
    pub fn opt_list<S: AsRef<str>>(mut self, name: &'static str, values: &Option<Vec<S>>) -> Self {
        if let Some(values) = values {
            self.0
                .push((name, join(values.iter().map(|s| s.as_ref().to_string()))));
        }
        self
    }

    /// A list of URLs: each URL is percent-encoded before the comma join, as VOD asks for
    /// `UploadURLs`/`ImageURLs`, so a comma inside a URL cannot split it.
    pub fn url_list<S: AsRef<str>>(mut self, name: &'static str, urls: &[S]) -> Self {
        if !urls.is_empty() {
            self.0
                .push((name, join(urls.iter().map(|u| percent_encode(u.as_ref())))));
        }
        self
    }

    /// A JSON-typed parameter (`UpdateContent`, `UserData`, ...), serialised to a string.
    pub fn json<T: Serialize + ?Sized>(mut self, name: &'static str, value: &T) -> Self {
        let text = serde_json::to_string(value).expect("request types serialise to JSON");
        self.0.push((name, text));
        self
    }

    /// A JSON-typed parameter sent only when `Some`.
    pub fn opt_json<T: Serialize>(self, name: &'static str, value: &Option<T>) -> Self {
        match value {
            Some(v) => self.json(name, v),
            None => self,
        }
    }

    /// A JSON array parameter sent only when the list is not empty.
    pub fn json_list<T: Serialize>(self, name: &'static str, values: &[T]) -> Self {
        if values.is_empty() {
            self
        } else {
            self.json(name, values)
        }
    }

    pub fn finish(self) -> Vec<(&'static str, String)> {
        self.0
    }
}

fn join(values: impl Iterator<Item = String>) -> String {
    values.collect::<Vec<_>>().join(",")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builder_skips_none_joins_lists_and_serialises_json() {
        #[derive(Serialize)]
        #[serde(rename_all = "PascalCase")]
        struct U {
            video_id: &'static str,
            #[serde(skip_serializing_if = "Option::is_none")]
            title: Option<&'static str>,
        }
        let p = Params::new()
            .req("VideoId", "v1")
            .opt::<i64>("CateId", &None)
            .opt("PageNo", &Some(2))
            .list::<String>("VideoIds", &[])
            .list("ImageIds", &["a", "b"])
            .opt_list("Tags", &Some(Vec::<String>::new()))
            .url_list("UploadURLs", &["http://x/a,b.mp4", "https://y/视频.mp4"])
            .json(
                "UpdateContent",
                &[U {
                    video_id: "v1",
                    title: None,
                }],
            )
            .opt_json::<serde_json::Value>("UserData", &None)
            .finish();
        assert_eq!(
            p,
            vec![
                ("VideoId", "v1".to_string()),
                ("PageNo", "2".to_string()),
                ("ImageIds", "a,b".to_string()),
                ("Tags", String::new()),
                (
                    "UploadURLs",
                    "http%3A%2F%2Fx%2Fa%2Cb.mp4,https%3A%2F%2Fy%2F%E8%A7%86%E9%A2%91.mp4"
                        .to_string()
                ),
                ("UpdateContent", r#"[{"VideoId":"v1"}]"#.to_string()),
            ]
        );
    }
}
