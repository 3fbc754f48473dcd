//! The category trees as the UI sees them, and VOD's limits on them: 3 levels for
//! `default` categories (2 for `material`, whose top level is built in), at most 100
//! children per node, names of at most 64 UTF-8 bytes. The same checks run in the
//! browser before a change is sent and on the server before VOD is called.

use serde::{Deserialize, Serialize};

use crate::i18n::{td_string, Locale};
use crate::model::vod_text::check_category_name;

/// At most this many children per node (the top level of a tree included).
pub const MAX_CHILDREN: u32 = 100;

/// Which of the two trees.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CategoryType {
    /// Videos, audio and images.
    Default,
    /// Short-video materials (attached media).
    Material,
}

impl CategoryType {
    pub const ALL: [CategoryType; 2] = [CategoryType::Default, CategoryType::Material];

    /// VOD's `Type` value.
    pub fn as_str(self) -> &'static str {
        match self {
            CategoryType::Default => "default",
            CategoryType::Material => "material",
        }
    }

    pub fn parse(s: &str) -> Option<CategoryType> {
        CategoryType::ALL.into_iter().find(|t| t.as_str() == s)
    }

    /// What people call the tree, in English (see [`CategoryType::label_in`]).
    pub fn label(self) -> &'static str {
        self.label_in(Locale::en)
    }

    /// What people call the tree, in `locale`.
    pub fn label_in(self, locale: Locale) -> &'static str {
        match self {
            CategoryType::Default => td_string!(locale, categories.types.audio_video),
            CategoryType::Material => td_string!(locale, categories.types.material),
        }
    }

    /// How many levels the tree may have.
    pub fn max_depth(self) -> u8 {
        match self {
            CategoryType::Default => 3,
            CategoryType::Material => 2,
        }
    }

    /// Whether people may add categories at the top level (material's is built in).
    pub fn top_level_editable(self) -> bool {
        self == CategoryType::Default
    }
}

/// One category node.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryNode {
    pub id: i64,
    pub name: String,
    /// 0 = top level (VOD's `Level`).
    pub level: u8,
    /// `None` at the top level.
    pub parent_id: Option<i64>,
    pub cate_type: CategoryType,
    /// Number of direct sub-categories (VOD's `SubTotal`).
    pub child_count: u32,
}

impl CategoryNode {
    /// The built-in top level of the material tree cannot be renamed or deleted.
    pub fn read_only(&self) -> bool {
        self.cate_type == CategoryType::Material && self.level == 0
    }
}

/// The direct children of one node (or the top level of a tree), oldest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryChildren {
    pub cate_type: CategoryType,
    pub parent_id: Option<i64>,
    pub nodes: Vec<CategoryNode>,
    /// How old the list is when it came from the console's short-lived cache of VOD
    /// answers (`None`: straight from VOD).
    #[serde(default)]
    pub cached_age_secs: Option<u64>,
}

/// What deleting a category takes with it, shown before anything is deleted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CascadePreview {
    pub id: i64,
    pub name: String,
    pub cate_type: CategoryType,
    /// Every sub-category below it, at any depth (names in tree order).
    pub descendants: Vec<String>,
    /// Media (videos, audio, images, materials) in the category or any descendant.
    pub media: u64,
}

impl CascadePreview {
    /// Whether anything besides the category itself is affected; then the person must
    /// type the name to confirm.
    pub fn cascades(&self) -> bool {
        !self.descendants.is_empty() || self.media > 0
    }

    /// "2 sub-categories and 7 media lose their category" in words, in `locale`.
    pub fn sentence(&self, locale: Locale) -> String {
        let subs = match self.descendants.len() {
            0 => td_string!(locale, categories.cascade.subs_none).to_string(),
            1 => td_string!(locale, categories.cascade.subs_one).to_string(),
            n => td_string!(locale, categories.cascade.subs_many, n = n).to_string(),
        };
        let media = match self.media {
            0 => td_string!(locale, categories.cascade.media_none).to_string(),
            1 => td_string!(locale, categories.cascade.media_one).to_string(),
            n => td_string!(locale, categories.cascade.media_many, n = n).to_string(),
        };
        td_string!(locale, categories.cascade.sentence, subs = subs, media = media).to_string()
    }
}

/// Media count of one category (its own media, not its descendants').
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MediaCount {
    pub id: i64,
    pub media: u64,
}

/// Checks a new or changed name; returns it trimmed. Messages are in `locale`.
pub fn check_name(locale: Locale, name: &str) -> Result<String, String> {
    let trimmed = name.trim();
    check_category_name(locale, trimmed)?;
    Ok(trimmed.to_string())
}

/// Checks that a child may be added under `parent` (or at the top level of `tree` when
/// `parent` is `None`, where `top_level_count` is the number of top-level nodes).
/// Messages are in `locale`.
pub fn check_can_add(
    locale: Locale,
    tree: CategoryType,
    parent: Option<&CategoryNode>,
    top_level_count: u32,
) -> Result<(), String> {
    match parent {
        None => {
            if !tree.top_level_editable() {
                return Err(td_string!(locale, categories.rules.top_builtin).to_string());
            }
            if top_level_count >= MAX_CHILDREN {
                return Err(td_string!(locale, categories.rules.top_full, count = top_level_count, max = MAX_CHILDREN)
                    .to_string());
            }
            Ok(())
        }
        Some(p) => {
            let depth = p.level + 1;
            let max_depth = tree.max_depth();
            if depth >= max_depth {
                let name = p.name.as_str();
                return Err(match tree {
                    CategoryType::Default => {
                        td_string!(locale, categories.rules.too_deep_default, name = name, level = depth, max = max_depth)
                            .to_string()
                    }
                    CategoryType::Material => {
                        td_string!(locale, categories.rules.too_deep_material, name = name, level = depth, max = max_depth)
                            .to_string()
                    }
                });
            }
            if p.child_count >= MAX_CHILDREN {
                let name = p.name.as_str();
                return Err(td_string!(
                    locale,
                    categories.rules.children_full,
                    name = name,
                    count = p.child_count,
                    max = MAX_CHILDREN
                )
                .to_string());
            }
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EN: Locale = Locale::en;

    fn node(level: u8, children: u32, t: CategoryType) -> CategoryNode {
        CategoryNode { id: 1, name: "Sport".into(), level, parent_id: None, cate_type: t, child_count: children }
    }

    #[test]
    fn depth_follows_the_tree_type() {
        assert!(check_can_add(EN, CategoryType::Default, Some(&node(1, 0, CategoryType::Default)), 0).is_ok());
        let err = check_can_add(EN, CategoryType::Default, Some(&node(2, 0, CategoryType::Default)), 0).unwrap_err();
        assert!(err.contains("level 3") && err.contains("3 levels"), "{err}");
        let err = check_can_add(EN, CategoryType::Material, Some(&node(1, 0, CategoryType::Material)), 0).unwrap_err();
        assert!(err.contains("2 levels"), "{err}");
        assert!(check_can_add(EN, CategoryType::Material, None, 3).unwrap_err().contains("built in"));
    }

    #[test]
    fn at_most_one_hundred_children() {
        assert!(check_can_add(EN, CategoryType::Default, Some(&node(0, 99, CategoryType::Default)), 0).is_ok());
        let err = check_can_add(EN, CategoryType::Default, Some(&node(0, 100, CategoryType::Default)), 0).unwrap_err();
        assert!(err.contains("at most 100"), "{err}");
        assert!(check_can_add(EN, CategoryType::Default, None, 100).is_err());
        assert!(check_can_add(EN, CategoryType::Default, None, 99).is_ok());
    }

    #[test]
    fn names_are_trimmed_and_measured_in_bytes() {
        assert_eq!(check_name(EN, "  新闻  ").unwrap(), "新闻");
        assert!(check_name(EN, &"类".repeat(21)).is_ok()); // 63 bytes
        let err = check_name(EN, &"类".repeat(22)).unwrap_err();
        assert!(err.contains("66 bytes") && err.contains("64"), "{err}");
        assert!(check_name(EN, "   ").is_err());
    }

    #[test]
    fn preview_sentence_counts_both() {
        let mut p = CascadePreview { id: 1, name: "A".into(), cate_type: CategoryType::Default, descendants: vec![], media: 0 };
        assert!(!p.cascades());
        p.descendants = vec!["B".into(), "C".into()];
        p.media = 7;
        assert!(p.cascades());
        assert_eq!(
            p.sentence(EN),
            "2 sub-categories are deleted with it; 7 media items lose their category (the media stay in the library)."
        );
        assert_eq!(p.sentence(Locale::zh), "将一并删除 2 个子分类；7 个媒体将失去分类（媒体本身仍保留在媒体库中）。");
    }

    #[test]
    fn limits_are_named_in_chinese_with_the_current_value() {
        let err = check_can_add(Locale::zh, CategoryType::Default, Some(&node(0, 100, CategoryType::Default)), 0).unwrap_err();
        assert_eq!(err, "“Sport”的子分类已达上限：每个分类最多 100 个子分类（当前 100 个）。");
        let err = check_can_add(Locale::zh, CategoryType::Material, Some(&node(1, 0, CategoryType::Material)), 0).unwrap_err();
        assert!(err.contains("第 2 级") && err.contains("最多 2 级"), "{err}");
        assert_eq!(CategoryType::Material.label_in(Locale::zh), "素材分类");
    }
}
