//! The category trees on the server: walking GetCategories (paged, children in
//! parallel within its 50 QPS), counting media per category with SearchMedia, and the
//! add / rename / delete / move-media operations with VOD's limits checked before any
//! call. Plain async functions over a `vod::Client`; the server functions in
//! `api::categories` authorise, call these, and write the activity log.
//!
//! Media counts: GetCategories has no count. SearchMedia with `CateId in (...)` over
//! a batch of categories, reading the category of each hit, costs one call per 100
//! media per media type; when a batch holds more media than that is worth, each
//! category is counted on its own with `PageSize=1` and `Total` instead. Both are paced
//! within SearchMedia's published QPS. Reads are retried when VOD throttles them
//! (other work of the same account shares the QPS budget).

use std::collections::HashMap;

use futures_util::stream::{self, FuturesUnordered, StreamExt};

use vod::api::{
    AddCategory, Category, DeleteCategory, GetCategories, SearchMedia, UpdateCategory,
};
use vod::batch::{chunks, run_bounded};
use vod::{Action, RetryPolicy};

use crate::error::AppError;
use crate::i18n::{td_string, Locale};
use crate::model::bulk::BulkReport;
use crate::model::category::{
    check_can_add, check_name, CascadePreview, CategoryChildren, CategoryNode, CategoryType, MediaCount, MAX_CHILDREN,
};

/// GetCategories' largest page, and the most children a node can have.
const PAGE_SIZE: i64 = 100;
/// Calls kept in flight while walking or counting.
const IN_FLIGHT: usize = 8;
/// SearchMedia types a category can hold media of.
const SEARCH_TYPES: [&str; 4] = ["video", "audio", "image", "attached"];
/// Categories named in one `CateId in (...)` expression.
const IDS_PER_MATCH: usize = 100;
/// Above this many hits in a batch, count each category with `Total` instead of
/// reading every hit.
const TALLY_LIMIT: i64 = 500;

/// One cheap signed call (GetCategories, one item): whether VOD answers with these
/// credentials.
pub async fn probe(client: &vod::Client) -> Result<(), vod::Error> {
    client.call(&vod::api::GetCategories { page_size: Some(1), ..Default::default() }).await.map(|_| ())
}

/// [`vod_error_in`] the language of the request being served.
pub fn vod_error(err: vod::Error) -> AppError {
    vod_error_in(err, crate::ssr::prefs::current_locale())
}

/// A category-specific sentence (in `locale`) for VOD's category errors; everything
/// else goes through the shared mapping. The code and RequestId stay as VOD sent them.
pub fn vod_error_in(err: vod::Error, locale: Locale) -> AppError {
    crate::ssr::vod_errors::app_error_with(err, locale, |code| match code {
        "LevelExceededMax" => Some(td_string!(locale, categories.vod.level_exceeded).to_string()),
        "SubTotalExceededMax" => Some(td_string!(locale, categories.vod.subtotal_exceeded, max = MAX_CHILDREN).to_string()),
        "InvalidCateId.NotFound" => Some(td_string!(locale, categories.vod.not_found).to_string()),
        _ => None,
    })
}

/// A read, retried when VOD throttles it or fails in a way worth another try.
async fn read<A: Action>(client: &vod::Client, request: &A) -> Result<A::Response, vod::Error> {
    client.call_with_retry(request, RetryPolicy::default()).await
}

fn cate_type_of(c: &Category, fallback: CategoryType) -> CategoryType {
    CategoryType::parse(&c.r#type).unwrap_or(fallback)
}

fn node_from(c: &Category, fallback: CategoryType, child_count: Option<i64>) -> Option<CategoryNode> {
    Some(CategoryNode {
        id: c.cate_id?,
        name: c.cate_name.clone(),
        level: c.level.unwrap_or(0).clamp(0, 2) as u8,
        parent_id: c.parent_id.filter(|p| *p > 0),
        cate_type: cate_type_of(c, fallback),
        child_count: child_count.or(c.sub_total).unwrap_or(0).max(0) as u32,
    })
}

/// One category, with its number of children.
pub async fn node(client: &vod::Client, id: i64) -> Result<CategoryNode, vod::Error> {
    let r = read(client, &GetCategories { cate_id: Some(id), page_no: Some(1), page_size: Some(1), ..Default::default() })
        .await?;
    node_from(&r.category, CategoryType::Default, r.sub_total).ok_or_else(|| {
        // Worded for people, in the request's language: a caller without a sentence of
        // its own for this code (the media library) shows this message.
        let message = td_string!(crate::ssr::prefs::current_locale(), categories.vod.not_found);
        vod::Error::Api(Box::new(vod::ApiError::new(
            "GetCategories",
            "InvalidCateId.NotFound",
            message,
            r.request_id.clone(),
            404,
        )))
    })
}

fn children_request(tree: CategoryType, parent: Option<i64>, page: i64) -> GetCategories {
    GetCategories {
        cate_id: parent,
        page_no: Some(page),
        page_size: Some(PAGE_SIZE),
        sort_by: Some("CreationTime:Asc".into()),
        category_type: parent.is_none().then(|| tree.as_str().to_string()),
    }
}

/// The direct children of `parent` (or the top level of `tree`), oldest first. Pages
/// after the first are fetched in parallel.
pub async fn children(
    client: &vod::Client,
    tree: CategoryType,
    parent: Option<i64>,
) -> Result<CategoryChildren, vod::Error> {
    let first = read(client, &children_request(tree, parent, 1)).await?;
    let total = first.sub_total.unwrap_or(first.sub_categories.len() as i64);
    let pages = (total + PAGE_SIZE - 1) / PAGE_SIZE;
    let mut all = first.sub_categories;
    let rest = run_bounded((2..=pages).collect(), IN_FLIGHT, |page| async move {
        read(client, &children_request(tree, parent, page)).await
    })
    .await;
    for page in rest {
        all.extend(page?.sub_categories);
    }
    let nodes = all.iter().filter_map(|c| node_from(c, tree, None)).collect();
    Ok(CategoryChildren { cate_type: tree, parent_id: parent, nodes, cached_age_secs: None })
}

/// Every category below `root`, in tree order (depth first, oldest first).
pub async fn descendants(client: &vod::Client, root: &CategoryNode) -> Result<Vec<CategoryNode>, vod::Error> {
    let walked = walk(client, root.cate_type, Some(root), usize::MAX, |_| {}).await;
    walked.result().map(|placed| placed.into_iter().map(|p| p.node).collect())
}

/// A category found by [`walk`], with its path from the top of the tree
/// ("Sports / Football / Highlights").
#[derive(Clone, Debug, PartialEq)]
pub struct Placed {
    pub node: CategoryNode,
    pub path: String,
}

/// What [`walk`] found, in tree order, and the error that stopped it early, if any.
pub struct Walked {
    pub found: Vec<Placed>,
    pub error: Option<vod::Error>,
}

impl Walked {
    /// Everything found, or the error (a partial walk is not the tree).
    pub fn result(self) -> Result<Vec<Placed>, vod::Error> {
        match self.error {
            Some(e) => Err(e),
            None => Ok(self.found),
        }
    }
}

/// The one walk of a category tree: every category of `tree` below `root` (`None`: the
/// whole tree), in tree order (depth first, oldest first), each with its path. Walks one
/// level at a time, fetching the children of all of that level's nodes in parallel
/// within GetCategories' QPS (every page of a level, too), and hands each batch to
/// `found` as soon as a call returns it. Stops going deeper once `limit` categories are
/// found (the list is then cut to `limit`); a failed call stops the walk and is returned
/// with what was found before it.
pub async fn walk(
    client: &vod::Client,
    tree: CategoryType,
    root: Option<&CategoryNode>,
    limit: usize,
    mut found: impl FnMut(&[CategoryNode]),
) -> Walked {
    // Children by parent ID; the top level of a tree is under 0.
    let mut by_parent: HashMap<i64, Vec<CategoryNode>> = HashMap::new();
    let top = root.map_or(0, |r| r.id);
    let mut frontier: Vec<Option<i64>> = match root {
        Some(r) if r.child_count > 0 => vec![Some(r.id)],
        Some(_) => vec![],
        None => vec![None],
    };
    let mut count = 0usize;
    let mut error = None;
    'levels: while !frontier.is_empty() && count < limit {
        // `children` paces its own calls; results are taken as they come.
        let mut results = stream::iter(std::mem::take(&mut frontier))
            .map(|id| async move { children(client, tree, id).await })
            .buffer_unordered(IN_FLIGHT);
        while let Some(r) = results.next().await {
            let level = match r {
                Ok(level) => level,
                Err(e) => {
                    error = Some(e);
                    break 'levels;
                }
            };
            found(&level.nodes);
            count += level.nodes.len();
            frontier.extend(level.nodes.iter().filter(|n| n.child_count > 0).map(|n| Some(n.id)));
            by_parent.insert(level.parent_id.unwrap_or(0), level.nodes);
        }
    }
    // Depth first: a node, then its children, in creation order.
    fn place(id: i64, prefix: &str, by_parent: &HashMap<i64, Vec<CategoryNode>>, out: &mut Vec<Placed>) {
        for child in by_parent.get(&id).into_iter().flatten() {
            let path = if prefix.is_empty() { child.name.clone() } else { format!("{prefix} / {}", child.name) };
            out.push(Placed { node: child.clone(), path: path.clone() });
            place(child.id, &path, by_parent, out);
        }
    }
    let mut out = Vec::new();
    place(top, "", &by_parent, &mut out);
    out.truncate(limit);
    Walked { found: out, error }
}

fn match_ids(ids: &[i64]) -> String {
    let list: Vec<String> = ids.iter().map(i64::to_string).collect();
    format!("CateId in ({})", list.join(","))
}

fn search(search_type: &str, ids: &[i64], page_no: i64, page_size: i64) -> SearchMedia {
    SearchMedia {
        match_expression: Some(match_ids(ids)),
        search_type: Some(search_type.to_string()),
        page_no: Some(page_no),
        page_size: Some(page_size),
        ..Default::default()
    }
}

/// The categories a SearchMedia hit belongs to.
fn hit_categories(m: &vod::api::Media) -> Vec<i64> {
    if let Some(v) = &m.video {
        return v.cate_id.into_iter().collect();
    }
    if let Some(a) = &m.audio {
        return a.cate_id.into_iter().collect();
    }
    if let Some(i) = &m.image {
        return i.cate_id.into_iter().collect();
    }
    if let Some(a) = &m.attached_media {
        return a.categories.iter().filter_map(|c| c.cate_id).collect();
    }
    Vec::new()
}

/// Media of one search type in each of `ids` (at most [`IDS_PER_MATCH`]).
async fn count_batch(
    client: &vod::Client,
    search_type: &'static str,
    ids: Vec<i64>,
) -> Result<HashMap<i64, u64>, vod::Error> {
    let mut counts: HashMap<i64, u64> = HashMap::new();
    let first = read(client, &search(search_type, &ids, 1, PAGE_SIZE)).await?;
    let total = first.total.unwrap_or(0);
    if total == 0 {
        return Ok(counts);
    }
    if ids.len() == 1 {
        counts.insert(ids[0], total as u64);
        return Ok(counts);
    }
    if total <= TALLY_LIMIT {
        let pages = (total + PAGE_SIZE - 1) / PAGE_SIZE;
        let ids_ref = &ids;
        let rest = run_bounded((2..=pages).collect(), IN_FLIGHT, |page| async move {
            read(client, &search(search_type, ids_ref, page, PAGE_SIZE)).await
        })
        .await;
        let mut tally = |list: &[vod::api::Media]| {
            for m in list {
                for c in hit_categories(m) {
                    if ids.contains(&c) {
                        *counts.entry(c).or_default() += 1;
                    }
                }
            }
        };
        tally(&first.media_list);
        for page in rest {
            tally(&page?.media_list);
        }
    } else {
        let totals = run_bounded(ids.clone(), IN_FLIGHT, |id| async move {
            read(client, &search(search_type, &[id], 1, 1)).await.map(|r| (id, r.total.unwrap_or(0)))
        })
        .await;
        for t in totals {
            let (id, n) = t?;
            counts.insert(id, n.max(0) as u64);
        }
    }
    Ok(counts)
}

/// The number of media directly in each of `ids` (not counting their descendants),
/// over every media type.
pub async fn media_counts(client: &vod::Client, ids: &[i64]) -> Result<Vec<MediaCount>, vod::Error> {
    let jobs: Vec<(&'static str, Vec<i64>)> = SEARCH_TYPES
        .into_iter()
        .flat_map(|t| chunks(ids, IDS_PER_MATCH).into_iter().map(move |c| (t, c)))
        .collect();
    // Starts are paced inside each batch, where the calls are made.
    let results = run_bounded(jobs, IN_FLIGHT, |(t, c)| count_batch(client, t, c)).await;
    let mut total: HashMap<i64, u64> = ids.iter().map(|id| (*id, 0)).collect();
    for r in results {
        for (id, n) in r? {
            *total.entry(id).or_default() += n;
        }
    }
    Ok(ids.iter().map(|id| MediaCount { id: *id, media: total[id] }).collect())
}

/// Media in any of `ids`, over every media type (each media item counted once).
pub async fn media_total(client: &vod::Client, ids: &[i64]) -> Result<u64, vod::Error> {
    media_total_paced(client, ids).await
}

async fn media_total_paced(client: &vod::Client, ids: &[i64]) -> Result<u64, vod::Error> {
    let jobs: Vec<(&'static str, Vec<i64>)> = SEARCH_TYPES
        .into_iter()
        .flat_map(|t| chunks(ids, IDS_PER_MATCH).into_iter().map(move |c| (t, c)))
        .collect();
    let results = run_bounded(jobs, IN_FLIGHT, |(t, c)| async move {
        read(client, &search(t, &c, 1, 1)).await.map(|r| r.total.unwrap_or(0).max(0) as u64)
    })
    .await;
    results.into_iter().sum()
}

/// Every category below `root` and the media in `root` and all of them. The media are
/// counted while the walk goes on: each full batch of IDs is counted as soon as the
/// walk has found it (SearchMedia has a QPS budget of its own), so for a large branch
/// the count ends shortly after the walk instead of starting after it.
pub async fn descendants_and_media(
    client: &vod::Client,
    root: &CategoryNode,
) -> Result<(Vec<CategoryNode>, u64), vod::Error> {
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<Vec<i64>>();
    let walking = async move {
        let below = walk(client, root.cate_type, Some(root), usize::MAX, |nodes| {
            let _ = tx.send(nodes.iter().map(|n| n.id).collect());
        })
        .await;
        drop(tx);
        below.result().map(|placed| placed.into_iter().map(|p| p.node).collect::<Vec<_>>())
    };
    let counting = async {
        let count = |batch: Vec<i64>| async move { media_total_paced(client, &batch).await };
        let mut pending = vec![root.id];
        let mut running = FuturesUnordered::new();
        let mut total = 0u64;
        loop {
            tokio::select! {
                ids = rx.recv() => match ids {
                    Some(ids) => {
                        pending.extend(ids);
                        while pending.len() >= IDS_PER_MATCH {
                            running.push(count(pending.drain(..IDS_PER_MATCH).collect()));
                        }
                    }
                    None => break,
                },
                Some(n) = running.next(), if !running.is_empty() => total += n?,
            }
        }
        if !pending.is_empty() {
            running.push(count(pending));
        }
        while let Some(n) = running.next().await {
            total += n?;
        }
        Ok::<u64, vod::Error>(total)
    };
    tokio::try_join!(walking, counting)
}

/// The number of top-level categories of `tree`.
async fn top_level_count(client: &vod::Client, tree: CategoryType) -> Result<u32, vod::Error> {
    let r = read(client, &children_request(tree, None, 1)).await?;
    Ok(r.sub_total.unwrap_or(r.sub_categories.len() as i64).max(0) as u32)
}

fn invalid(field: &str, message: String) -> AppError {
    AppError::invalid(field, message)
}

/// A VOD failure with its RequestId for the activity log.
pub struct Failed {
    pub error: AppError,
    /// Set when VOD was called and refused (the change was attempted).
    pub attempted: bool,
}

impl Failed {
    /// Records a refusal by VOD in the activity log (a refusal by our own checks sent
    /// nothing, and is not recorded).
    pub async fn log(&self, ctx: &crate::ssr::auth::Ctx, user: &str, action: crate::model::roles::Permission, target: impl Into<String>, detail: &str) {
        if self.attempted {
            let request_id = match &self.error {
                AppError::Vod { request_id, .. } => request_id.clone(),
                _ => None,
            };
            let detail = format!("{detail}: {}", self.error);
            crate::ssr::activity::change(user, action).target(target).failed().request_id(request_id.as_deref()).detail(detail).record(&ctx.state.db).await;
        }
    }
}

impl From<AppError> for Failed {
    fn from(error: AppError) -> Self {
        Failed { error, attempted: false }
    }
}

fn lookup(locale: Locale) -> impl Fn(vod::Error) -> Failed {
    move |e| Failed { error: vod_error_in(e, locale), attempted: false }
}

fn attempted(locale: Locale) -> impl Fn(vod::Error) -> Failed {
    move |e| Failed { error: vod_error_in(e, locale), attempted: true }
}

/// Adds a category after checking the name, the depth and the number of siblings.
/// Messages are in `locale`.
pub async fn add(
    client: &vod::Client,
    locale: Locale,
    tree: CategoryType,
    parent_id: Option<i64>,
    name: &str,
) -> Result<(CategoryNode, String), Failed> {
    let name = check_name(locale, name).map_err(|m| invalid("name", m))?;
    let parent = match parent_id {
        Some(id) => Some(node(client, id).await.map_err(lookup(locale))?),
        None => None,
    };
    if let Some(p) = &parent {
        if p.cate_type != tree {
            let message = td_string!(
                locale,
                categories.rules.wrong_tree,
                name = p.name.as_str(),
                tree = p.cate_type.label_in(locale)
            )
            .to_string();
            return Err(invalid("parent_id", message).into());
        }
    }
    let top = match parent {
        None => top_level_count(client, tree).await.map_err(lookup(locale))?,
        Some(_) => 0,
    };
    check_can_add(locale, tree, parent.as_ref(), top).map_err(|m| invalid("parent_id", m))?;
    let r = client
        .call(&AddCategory { cate_name: name.clone(), parent_id, category_type: Some(tree.as_str().to_string()) })
        .await
        .map_err(attempted(locale))?;
    let created = node_from(&r.category, tree, Some(0)).unwrap_or(CategoryNode {
        id: 0,
        name: name.clone(),
        level: parent.as_ref().map(|p| p.level + 1).unwrap_or(0),
        parent_id,
        cate_type: tree,
        child_count: 0,
    });
    let created = CategoryNode { parent_id, cate_type: tree, ..created };
    Ok((created, r.request_id))
}

/// Renames a category; returns the old name and the RequestId. Messages are in `locale`.
pub async fn rename(client: &vod::Client, locale: Locale, id: i64, name: &str) -> Result<(String, String), Failed> {
    let name = check_name(locale, name).map_err(|m| invalid("name", m))?;
    let current = node(client, id).await.map_err(lookup(locale))?;
    if current.read_only() {
        let message = td_string!(locale, categories.refuse.builtin_rename, name = current.name.as_str()).to_string();
        return Err(invalid("cate_id", message).into());
    }
    let r = client.call(&UpdateCategory { cate_id: id, cate_name: name }).await.map_err(attempted(locale))?;
    Ok((current.name, r.request_id))
}

/// What deleting `id` would take with it. Messages are in `locale`.
pub async fn preview_delete(client: &vod::Client, locale: Locale, id: i64) -> Result<CascadePreview, AppError> {
    let root = node(client, id).await.map_err(|e| vod_error_in(e, locale))?;
    if root.read_only() {
        let message = td_string!(locale, categories.refuse.builtin_delete, name = root.name.as_str()).to_string();
        return Err(invalid("cate_id", message));
    }
    let (below, media) = descendants_and_media(client, &root).await.map_err(|e| vod_error_in(e, locale))?;
    Ok(CascadePreview {
        id: root.id,
        name: root.name,
        cate_type: root.cate_type,
        descendants: below.into_iter().map(|n| n.name).collect(),
        media,
    })
}

/// Deletes `id` and its subtree. When anything cascades, `confirm` must be the
/// category's name. Returns the preview it acted on and the RequestId. Messages are in
/// `locale`.
pub async fn delete(
    client: &vod::Client,
    locale: Locale,
    id: i64,
    confirm: &str,
) -> Result<(CascadePreview, String), Failed> {
    let preview = preview_delete(client, locale, id).await?;
    if preview.cascades() && confirm.trim() != preview.name {
        let sentence = preview.sentence(locale);
        let message = td_string!(
            locale,
            categories.rules.confirm_needed,
            name = preview.name.as_str(),
            preview = sentence
        )
        .to_string();
        return Err(invalid("confirm", message).into());
    }
    let r = client.call(&DeleteCategory { cate_id: id }).await.map_err(attempted(locale))?;
    Ok((preview, r.request_id))
}

/// Checks a list of video IDs from the browser: 1 to `max`, each plain letters and
/// digits; duplicates dropped. Messages are in `locale`.
pub fn check_video_ids(locale: Locale, ids: &[String], max: usize) -> Result<Vec<String>, AppError> {
    let mut out: Vec<String> = Vec::new();
    for id in ids {
        let id = id.trim();
        if !crate::model::media::is_media_id(id) {
            let shown: String = id.chars().take(70).collect();
            let message = td_string!(locale, categories.rules.not_video_id, id = shown).to_string();
            return Err(invalid("video_ids", message));
        }
        if !out.iter().any(|x| x == id) {
            out.push(id.to_string());
        }
    }
    if out.is_empty() {
        return Err(invalid("video_ids", td_string!(locale, categories.rules.no_videos).to_string()));
    }
    if out.len() > max {
        let message = td_string!(locale, categories.rules.too_many_videos, count = out.len(), max = max).to_string();
        return Err(invalid("video_ids", message));
    }
    Ok(out)
}

/// Puts videos into category `cate_id` with UpdateVideoInfos, 20 per call, paced within
/// its QPS; one result per video. Messages are in `locale`.
pub async fn move_media(client: &vod::Client, locale: Locale, ids: &[String], cate_id: i64) -> Result<BulkReport, AppError> {
    let target = node(client, cate_id).await.map_err(|e| vod_error_in(e, locale))?;
    if target.cate_type != CategoryType::Default {
        let message = td_string!(locale, categories.rules.material_target, name = target.name.as_str()).to_string();
        return Err(invalid("cate_id", message));
    }
    // The same batched, paced UpdateVideoInfos as the media library's bulk edit.
    let edit = crate::ssr::media::BulkEdit { cate_id: Some(cate_id), tags: Vec::new(), replace_tags: false };
    let mut report = crate::ssr::media::bulk_edit_videos(client, ids, &edit, locale).await;
    report.done_word = "moved".into();
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn api_error(code: &str) -> vod::Error {
        vod::Error::Api(Box::new(vod::ApiError::new("AddCategory", code, "raw message", "REQ-9", 400)))
    }

    #[test]
    fn category_codes_become_sentences_with_code_and_request_id_kept() {
        for (code, words) in [
            ("LevelExceededMax", "3 levels"),
            ("SubTotalExceededMax", "100 sub-categories"),
            ("InvalidCateId.NotFound", "no longer exists"),
        ] {
            match vod_error_in(api_error(code), Locale::en) {
                AppError::Vod { message, code: c, request_id, .. } => {
                    assert!(message.contains(words), "{message}");
                    assert!(!message.contains(code), "{message}");
                    assert_eq!(c, code);
                    assert_eq!(request_id.as_deref(), Some("REQ-9"));
                }
                other => panic!("{other:?}"),
            }
        }
        // Other codes keep the shared mapping.
        assert!(vod_error_in(api_error("Throttling.User"), Locale::en).to_string().contains("limiting"));
        // In Chinese, with the code and RequestId kept for support.
        let zh = vod_error_in(api_error("SubTotalExceededMax"), Locale::zh);
        assert_eq!(zh.localized(Locale::zh), "VOD 拒绝了请求：该分类已有 100 个子分类，已达 VOD 的上限。");
        assert_eq!(zh.localized_detail(Locale::zh).as_deref(), Some("VOD 错误 SubTotalExceededMax，RequestId REQ-9"));
    }

    #[test]
    fn video_ids_are_checked_and_deduplicated() {
        let english = Locale::en;
        let ids = vec!["a1".to_string(), "a1".into(), "b2".into()];
        assert_eq!(check_video_ids(english, &ids, 10).unwrap(), vec!["a1", "b2"]);
        assert!(check_video_ids(english, &[], 10).unwrap_err().to_string().contains("at least one"));
        assert!(check_video_ids(english, &["x y".into()], 10).is_err());
        let many: Vec<String> = (0..11).map(|i| format!("v{i}")).collect();
        assert!(check_video_ids(english, &many, 10).unwrap_err().to_string().contains("at most 10"));
        assert_eq!(
            check_video_ids(Locale::zh, &many, 10).unwrap_err().localized(Locale::zh),
            "一次最多移动 10 个视频（当前选择了 11 个）。"
        );
    }

    #[test]
    fn match_expression_lists_the_ids() {
        assert_eq!(match_ids(&[1, 22]), "CateId in (1,22)");
    }
}
