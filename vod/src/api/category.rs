//! Category tree actions. Two trees exist: `default` (videos, audio, images; 3 levels)
//! and `material` (2 levels, top level built in). GetCategories returns one node and a
//! page of its direct children; walk the tree by calling it per child.

use serde::{Deserialize, Serialize};

use super::{object_or_default, request_id_only};
use crate::action::{Action, Params};
use crate::de;

/// A category node.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct Category {
    #[serde(deserialize_with = "de::int")]
    pub cate_id: Option<i64>,
    #[serde(deserialize_with = "de::string")]
    pub cate_name: String,
    /// 0 = top level.
    #[serde(deserialize_with = "de::int")]
    pub level: Option<i64>,
    /// Absent (or -1) for top-level nodes.
    #[serde(deserialize_with = "de::int")]
    pub parent_id: Option<i64>,
    /// default or material.
    #[serde(deserialize_with = "de::string")]
    pub r#type: String,
    /// Number of children (sub-categories in GetCategories only).
    #[serde(deserialize_with = "de::int")]
    pub sub_total: Option<i64>,
}

/// Creates a category (top level without `parent_id`). Not idempotent.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AddCategory {
    /// At most 64 bytes.
    pub cate_name: String,
    pub parent_id: Option<i64>,
    /// `Type`: default (default) or material.
    pub category_type: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct AddCategoryResponse {
    #[serde(deserialize_with = "de::string")]
    pub request_id: String,
    #[serde(deserialize_with = "object_or_default")]
    pub category: Category,
}

impl Action for AddCategory {
    const NAME: &'static str = "AddCategory";
    const IDEMPOTENT: bool = false;
    type Response = AddCategoryResponse;
    fn params(&self) -> Vec<(&'static str, String)> {
        Params::new()
            .req("CateName", &self.cate_name)
            .opt("ParentId", &self.parent_id)
            .opt("Type", &self.category_type)
            .finish()
    }
}

/// Renames a category.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct UpdateCategory {
    pub cate_id: i64,
    /// At most 64 bytes.
    pub cate_name: String,
}

request_id_only! {
    /// UpdateCategory answers only with its RequestId.
    UpdateCategoryResponse;
    /// DeleteCategory answers only with its RequestId.
    DeleteCategoryResponse;
}

impl Action for UpdateCategory {
    const NAME: &'static str = "UpdateCategory";
    type Response = UpdateCategoryResponse;
    fn params(&self) -> Vec<(&'static str, String)> {
        Params::new()
            .req("CateId", self.cate_id)
            .req("CateName", &self.cate_name)
            .finish()
    }
}

/// Deletes a category and all of its descendants. Irreversible.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DeleteCategory {
    pub cate_id: i64,
}

impl Action for DeleteCategory {
    const NAME: &'static str = "DeleteCategory";
    type Response = DeleteCategoryResponse;
    fn params(&self) -> Vec<(&'static str, String)> {
        Params::new().req("CateId", self.cate_id).finish()
    }
}

/// One category and a page of its direct children.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GetCategories {
    pub cate_id: Option<i64>,
    pub page_no: Option<i64>,
    /// At most 100.
    pub page_size: Option<i64>,
    /// `CreationTime:Desc` (default) or `CreationTime:Asc`.
    pub sort_by: Option<String>,
    /// `Type`: default or material.
    pub category_type: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct GetCategoriesResponse {
    #[serde(deserialize_with = "de::string")]
    pub request_id: String,
    #[serde(deserialize_with = "object_or_default")]
    pub category: Category,
    /// Total number of children, for paging.
    #[serde(deserialize_with = "de::int")]
    pub sub_total: Option<i64>,
    /// `SubCategories.Category[]` on the wire.
    #[serde(deserialize_with = "de::category_list")]
    pub sub_categories: Vec<Category>,
}

impl Action for GetCategories {
    const NAME: &'static str = "GetCategories";
    type Response = GetCategoriesResponse;
    fn params(&self) -> Vec<(&'static str, String)> {
        Params::new()
            .opt("CateId", &self.cate_id)
            .opt("PageNo", &self.page_no)
            .opt("PageSize", &self.page_size)
            .opt("SortBy", &self.sort_by)
            .opt("Type", &self.category_type)
            .finish()
    }
}
