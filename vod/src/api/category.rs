//! Category tree actions. Two trees exist: `default` (videos, audio, images; 3 levels)
//! and `material` (2 levels, top level built in). GetCategories returns one node and a
//! page of its direct children; walk the tree by calling it per child.

use serde::{Deserialize, Serialize};

use super::{object_or_default, request_id_only};

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

crate::action! {
    /// Creates a category (top level without `parent_id`). Not idempotent.
    AddCategory -> AddCategoryResponse [not_idempotent] {
        /// At most 64 bytes.
        cate_name: String => req "CateName",
        parent_id: Option<i64> => opt "ParentId",
        /// `Type`: default (default) or material.
        category_type: Option<String> => opt "Type",
    }
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct AddCategoryResponse {
    #[serde(deserialize_with = "de::string")]
    pub request_id: String,
    #[serde(deserialize_with = "object_or_default")]
    pub category: Category,
}

crate::action! {
    /// Renames a category.
    UpdateCategory -> UpdateCategoryResponse {
        cate_id: i64 => req "CateId",
        /// At most 64 bytes.
        cate_name: String => req "CateName",
    }
}

request_id_only! {
    /// UpdateCategory answers only with its RequestId.
    UpdateCategoryResponse;
    /// DeleteCategory answers only with its RequestId.
    DeleteCategoryResponse;
}

crate::action! {
    /// Deletes a category and all of its descendants. Irreversible.
    DeleteCategory -> DeleteCategoryResponse {
        cate_id: i64 => req "CateId",
    }
}

crate::action! {
    /// One category and a page of its direct children.
    GetCategories -> GetCategoriesResponse {
        cate_id: Option<i64> => opt "CateId",
        page_no: Option<i64> => opt "PageNo",
        /// At most 100.
        page_size: Option<i64> => opt "PageSize",
        /// `CreationTime:Desc` (default) or `CreationTime:Asc`.
        sort_by: Option<String> => opt "SortBy",
        /// `Type`: default or material.
        category_type: Option<String> => opt "Type",
    }
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

