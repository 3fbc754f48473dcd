//! The category trees: AddCategory, UpdateCategory, DeleteCategory, GetCategories.
//!
//! Two trees: `default` (levels 0-2) and `material` (levels 0-1, the top level is
//! built in and read-only). At most 100 children per node. Deleting a category
//! deletes its whole subtree; media in any removed category lose their category (the
//! `CateId` disappears from their responses).

use std::collections::{HashMap, HashSet};

use serde_json::{json, Value};

use super::render::{self, Categories};
use super::rules::{self, check_text, CATE_NAME_MAX_BYTES};
use super::{ActionRequest, Backend};
use crate::error::ApiError;
use crate::store::{self, Attached, Category, Image, Video};

pub const MAX_CHILDREN: usize = 100;

pub fn not_found() -> ApiError {
    ApiError::new(404, "InvalidCateId.NotFound", "The CateId not exist.")
}

pub async fn load(b: &Backend) -> Result<Categories, ApiError> {
    Ok(b.all::<Category>()
        .await?
        .iter()
        .map(|c| (c.cate_id, c.clone()))
        .collect())
}

/// Deepest level allowed in a tree (levels are numbered from 0).
pub fn max_level(cate_type: &str) -> i64 {
    if cate_type == "material" {
        1
    } else {
        2
    }
}

fn cate_id_param(req: &ActionRequest, name: &str) -> Result<Option<i64>, ApiError> {
    rules::int_param(req, name)
}

/// Whether `cate_id` names an existing category (for the media update actions).
pub fn exists(cats: &Categories, cate_id: i64) -> bool {
    cats.contains_key(&cate_id)
}

pub async fn add_category(b: &Backend, req: &ActionRequest) -> Result<Value, ApiError> {
    let name = rules::required(req, "CateName")?;
    check_text("CateName", name, CATE_NAME_MAX_BYTES)?;
    let explicit_type = match req.param("Type") {
        None => None,
        Some(t @ ("default" | "material")) => Some(t),
        Some(_) => {
            return Err(ApiError::invalid(
                "Type",
                "Valid values: default, material.",
            ))
        }
    };
    let cats = load(b).await?;
    let parent = match cate_id_param(req, "ParentId")? {
        None | Some(-1) => None,
        Some(id) => Some(cats.get(&id).ok_or_else(not_found)?),
    };
    let cate_type = match (explicit_type, parent) {
        (Some(t), Some(p)) if t != p.cate_type => return Err(not_found()),
        (Some(t), _) => t.to_string(),
        (None, Some(p)) => p.cate_type.clone(),
        (None, None) => "default".to_string(),
    };
    let (level, parent_id) = match parent {
        Some(p) => (p.level + 1, p.cate_id),
        None => {
            if cate_type == "material" {
                // The material top level is built in: new material categories need a parent.
                return Err(ApiError::missing("ParentId"));
            }
            (0, -1)
        }
    };
    if level > max_level(&cate_type) {
        return Err(ApiError::new(
            400,
            "LevelExceededMax",
            "The level of categories exceeded maximum.",
        ));
    }
    let siblings = cats
        .values()
        .filter(|c| c.parent_id == parent_id && c.cate_type == cate_type)
        .count();
    if siblings >= MAX_CHILDREN {
        return Err(ApiError::new(
            400,
            "SubTotalExceededMax",
            "The total of sub categories exceeded maximum.",
        ));
    }
    let cate_id = store::next_counter(&b.pool, "cate_id", crate::demo::FIRST_CATE_ID).await?;
    let c = Category {
        cate_id,
        cate_name: name.to_string(),
        parent_id,
        level,
        cate_type,
        creation_time: b.now(),
    };
    store::put(&b.pool, &c).await?;
    Ok(json!({ "Category": render::category(&c) }))
}

fn built_in(c: &Category) -> bool {
    c.cate_type == "material" && c.level == 0
}

fn read_only() -> ApiError {
    ApiError::new(
        403,
        "Forbidden",
        "The built-in top-level material categories cannot be modified.",
    )
}

pub async fn update_category(b: &Backend, req: &ActionRequest) -> Result<Value, ApiError> {
    let cate_id = cate_id_param(req, "CateId")?.ok_or_else(|| ApiError::missing("CateId"))?;
    let name = rules::required(req, "CateName")?;
    check_text("CateName", name, CATE_NAME_MAX_BYTES)?;
    let mut c = store::get::<Category>(&b.pool, &cate_id.to_string())
        .await?
        .ok_or_else(not_found)?;
    if built_in(&c) {
        return Err(read_only());
    }
    c.cate_name = name.to_string();
    store::put(&b.pool, &c).await?;
    Ok(json!({}))
}

/// `root` and all of its descendants.
pub fn subtree(cats: &Categories, root: i64) -> HashSet<i64> {
    let mut children: HashMap<i64, Vec<i64>> = HashMap::new();
    for c in cats.values() {
        children.entry(c.parent_id).or_default().push(c.cate_id);
    }
    let mut out = HashSet::new();
    let mut stack = vec![root];
    while let Some(id) = stack.pop() {
        if out.insert(id) {
            stack.extend(children.get(&id).into_iter().flatten().copied());
        }
    }
    out
}

pub async fn delete_category(b: &Backend, req: &ActionRequest) -> Result<Value, ApiError> {
    let cate_id = cate_id_param(req, "CateId")?.ok_or_else(|| ApiError::missing("CateId"))?;
    let cats = load(b).await?;
    let c = cats.get(&cate_id).ok_or_else(not_found)?;
    if built_in(c) {
        return Err(read_only());
    }
    let doomed = subtree(&cats, cate_id);
    for id in &doomed {
        store::delete::<Category>(&b.pool, &id.to_string()).await?;
    }
    let now = b.now();
    let videos: Vec<Video> = store::load_all::<Video>(&b.pool)
        .await?
        .into_iter()
        .filter(|v| v.cate_id.is_some_and(|id| doomed.contains(&id)))
        .map(|mut v| {
            v.cate_id = None;
            v.modification_time = now;
            v
        })
        .collect();
    store::put_many(&b.pool, &videos).await?;
    let images: Vec<Image> = store::load_all::<Image>(&b.pool)
        .await?
        .into_iter()
        .filter(|i| i.cate_id.is_some_and(|id| doomed.contains(&id)))
        .map(|mut i| {
            i.cate_id = None;
            i.modification_time = now;
            i
        })
        .collect();
    store::put_many(&b.pool, &images).await?;
    let attached: Vec<Attached> = store::load_all::<Attached>(&b.pool)
        .await?
        .into_iter()
        .filter(|a| a.cate_ids.iter().any(|id| doomed.contains(id)))
        .map(|mut a| {
            a.cate_ids.retain(|id| !doomed.contains(id));
            a.modification_time = now;
            a
        })
        .collect();
    store::put_many(&b.pool, &attached).await?;
    Ok(json!({}))
}

/// One category (or the root of a tree when CateId is omitted or -1) with one page
/// of its direct children, each with its own `SubTotal`.
pub async fn get_categories(b: &Backend, req: &ActionRequest) -> Result<Value, ApiError> {
    let cate_type = rules::enum_param(req, "Type", &["default", "material"], "default")?;
    let page_no = rules::page_no(req)?;
    let page_size = rules::page_size(req, 10, 100)?;
    let ascending = rules::sort_ascending(req)?;
    let cats = load(b).await?;
    let (node, parent_id, tree) = match cate_id_param(req, "CateId")? {
        None | Some(-1) => (None, -1, cate_type.to_string()),
        Some(id) => {
            let c = cats.get(&id).ok_or_else(not_found)?;
            (Some(c), c.cate_id, c.cate_type.clone())
        }
    };
    let mut children: Vec<&Category> = cats
        .values()
        .filter(|c| c.parent_id == parent_id && c.cate_type == tree)
        .collect();
    children.sort_by_key(|c| (c.creation_time, c.cate_id));
    if !ascending {
        children.reverse();
    }
    let total = children.len();
    let start = ((page_no - 1) * page_size) as usize;
    let page: Vec<Value> = children
        .iter()
        .skip(start)
        .take(page_size as usize)
        .map(|c| {
            let mut v = render::category(c);
            let sub = cats.values().filter(|x| x.parent_id == c.cate_id).count();
            v["SubTotal"] = json!(sub);
            v
        })
        .collect();
    let mut out = json!({
        "SubTotal": total,
        "SubCategories": { "Category": page },
    });
    if let Some(c) = node {
        out["Category"] = render::category(c);
    }
    Ok(out)
}
