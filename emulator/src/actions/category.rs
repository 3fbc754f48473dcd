//! The category trees: AddCategory, UpdateCategory, DeleteCategory, GetCategories.
//!
//! Two trees: `default` (levels 0-2) and `material` (levels 0-1, the top level is
//! built in and read-only). At most 100 children per node. Deleting a category
//! deletes its whole subtree; media in any removed category lose their category (the
//! `CateId` disappears from their responses).

use std::collections::{HashMap, HashSet};

use serde_json::{json, Value};

use super::render::{self, Categories};
use super::rules::{self, check_text, CATEGORY_NAME_MAX_BYTES};
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
    check_text("CateName", name, CATEGORY_NAME_MAX_BYTES)?;
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
    check_text("CateName", name, CATEGORY_NAME_MAX_BYTES)?;
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

#[cfg(test)]
mod tests {
    use crate::actions::test_support::*;
    use crate::actions::{rules, Backend};
    use crate::store::{self, Category, Image};

    #[tokio::test]
    async fn category_depth_children_and_cascade() {
        let (b, _d) = backend().await;
        let top = ok(&b, "AddCategory", &[("CateName", "Top")]).await["Category"].clone();
        assert_eq!(top["Level"], 0);
        assert_eq!(top["ParentId"], -1);
        let top_id = top["CateId"].to_string();
        let mid = ok(
            &b,
            "AddCategory",
            &[("CateName", "Mid"), ("ParentId", &top_id)],
        )
        .await["Category"]
            .clone();
        let mid_id = mid["CateId"].to_string();
        let leaf = ok(
            &b,
            "AddCategory",
            &[("CateName", "Leaf"), ("ParentId", &mid_id)],
        )
        .await["Category"]
            .clone();
        assert_eq!(leaf["Level"], 2);
        let leaf_id = leaf["CateId"].to_string();
        let e = err(
            &b,
            "AddCategory",
            &[("CateName", "Too deep"), ("ParentId", &leaf_id)],
        )
        .await;
        assert_eq!((e.code.as_str(), e.status), ("LevelExceededMax", 400));
        let e = err(&b, "AddCategory", &[("CateName", "x"), ("ParentId", "42")]).await;
        assert_eq!((e.code.as_str(), e.status), ("InvalidCateId.NotFound", 404));

        // Material: the top level is built in, one level below it.
        let cats = store::load_all::<Category>(&b.pool).await.unwrap();
        let root = cats
            .iter()
            .find(|c| c.cate_type == "material" && c.level == 0)
            .unwrap();
        let e = err(
            &b,
            "AddCategory",
            &[("CateName", "m"), ("Type", "material")],
        )
        .await;
        assert_eq!(e.code, "MissingParameter");
        let m1 = ok(
            &b,
            "AddCategory",
            &[
                ("CateName", "m1"),
                ("Type", "material"),
                ("ParentId", &root.cate_id.to_string()),
            ],
        )
        .await;
        assert_eq!(m1["Category"]["Level"], 1);
        assert_eq!(m1["Category"]["Type"], "material");
        let e = err(
            &b,
            "AddCategory",
            &[
                ("CateName", "m2"),
                ("ParentId", &m1["Category"]["CateId"].to_string()),
            ],
        )
        .await;
        assert_eq!(e.code, "LevelExceededMax");

        for i in 0..99 {
            ok(
                &b,
                "AddCategory",
                &[("CateName", &format!("c{i}")), ("ParentId", &mid_id)],
            )
            .await;
        }
        let e = err(
            &b,
            "AddCategory",
            &[("CateName", "one too many"), ("ParentId", &mid_id)],
        )
        .await;
        assert_eq!(e.code, "SubTotalExceededMax");
        let got = ok(
            &b,
            "GetCategories",
            &[("CateId", &mid_id), ("PageSize", "100")],
        )
        .await;
        assert_eq!(got["SubTotal"], 100);
        assert_eq!(
            got["SubCategories"]["Category"].as_array().unwrap().len(),
            100
        );
        assert_eq!(got["Category"]["CateName"], "Mid");

        // Put a video and an image into the leaf, then delete the top: everything goes.
        let v = video_with_status(&b, "Normal").await;
        ok(
            &b,
            "UpdateVideoInfo",
            &[("VideoId", &v.video_id), ("CateId", &leaf_id)],
        )
        .await;
        let img = store::load_all::<Image>(&b.pool).await.unwrap().remove(0);
        let content = format!(
            "[{{\"ImageId\":\"{}\",\"CateId\":{leaf_id}}}]",
            img.image_id
        );
        ok(&b, "UpdateImageInfos", &[("UpdateContent", &content)]).await;
        assert_eq!(
            ok(&b, "GetVideoInfo", &[("VideoId", &v.video_id)]).await["Video"]["CateName"],
            "Leaf"
        );
        ok(&b, "DeleteCategory", &[("CateId", &top_id)]).await;
        for id in [&top_id, &mid_id, &leaf_id] {
            assert_eq!(
                err(&b, "GetCategories", &[("CateId", id)]).await.code,
                "InvalidCateId.NotFound"
            );
        }
        let got = ok(&b, "GetVideoInfo", &[("VideoId", &v.video_id)]).await;
        assert!(got["Video"].get("CateId").is_none());
        let got = ok(&b, "GetImageInfo", &[("ImageId", &img.image_id)]).await;
        assert!(got["ImageInfo"].get("CateId").is_none());
        assert_eq!(
            err(&b, "DeleteCategory", &[("CateId", &top_id)]).await.code,
            "InvalidCateId.NotFound"
        );
        ok(
            &b,
            "UpdateCategory",
            &[
                ("CateId", &m1["Category"]["CateId"].to_string()),
                ("CateName", "renamed"),
            ],
        )
        .await;
    }

    #[tokio::test]
    async fn an_extra_wide_branch_of_categories_holds_media_and_pages_like_any_other() {
        let dir = std::env::temp_dir().join(format!("vod-emulator-test-{}", rules::new_id()));
        let _guard = TempDir(dir.clone());
        let extras = crate::demo::Extras { images: 0, videos: 2_000, categories: 601 };
        let b = Backend::open_with(&dir, false, extras).await.unwrap();
        let cats = store::load_all::<Category>(&b.pool).await.unwrap();
        let top = cats.iter().find(|c| c.cate_name == "大型归档 Large archive").unwrap();
        assert_eq!((top.level, top.parent_id), (0, -1));
        // 100 volumes, listed 100 per page at most; each volume has 5 parts.
        let first = ok(&b, "GetCategories", &[("CateId", &top.cate_id.to_string()), ("PageSize", "60")]).await;
        assert_eq!(first["SubTotal"], 100);
        assert_eq!(first["SubCategories"]["Category"].as_array().unwrap().len(), 60);
        let volume = &first["SubCategories"]["Category"][0];
        assert_eq!(volume["SubTotal"], 5);
        let parts = ok(&b, "GetCategories", &[("CateId", &volume["CateId"].to_string()), ("PageSize", "100")]).await;
        assert!(parts["SubCategories"]["Category"].as_array().unwrap().iter().all(|c| c["Level"] == 2));
        // Some of the extra media are in the branch.
        let branch: Vec<String> = cats.iter().filter(|c| c.cate_id >= top.cate_id).map(|c| c.cate_id.to_string()).collect();
        assert_eq!(branch.len(), 601);
        let matched = ok(
            &b,
            "SearchMedia",
            &[("Match", &format!("CateId in ({})", branch[..100].join(","))), ("PageSize", "1")],
        )
        .await;
        assert!(matched["Total"].as_u64().unwrap() > 0, "{matched}");
        // New categories continue after the branch.
        let added = ok(&b, "AddCategory", &[("CateName", "after")]).await;
        assert_eq!(added["Category"]["CateId"], top.cate_id + 601);
        // A branch larger than the limits allow is cut at 1 + 100 + 100 x 100.
        let huge = crate::demo::build_extra_categories(0, 1, 20_000);
        assert_eq!(huge.len(), crate::demo::MAX_EXTRA_CATEGORIES);
        assert!(huge.iter().filter(|c| c.level == 2).all(|c| huge.iter().filter(|s| s.parent_id == c.parent_id).count() <= 100));
    }
}
