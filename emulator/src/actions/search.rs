//! SearchMedia and the VOD media search protocol (seed appendix 17.6).
//!
//! `Match` grammar, as implemented:
//!
//! ```text
//! expr   := term { ("and" | "or") term }        -- "and" binds tighter than "or"
//! term   := "(" expr ")" | field "=" value | field "in" "(" value {"," value} ")"
//!         | field "=" ("(" | "[") [value] "," [value] (")" | "]")   -- range; [ ] inclusive
//! value  := 'quoted string' | number
//! ```
//!
//! `Title`, `Tags` and `Description` match fuzzily (substring, case-insensitive) with
//! both `=` and `in`; other fields match exactly. Ranges apply to `CreationTime`,
//! `ModificationTime`, `Size` and `Duration`. Full-width parentheses are accepted.
//!
//! Paging: plain PageNo/PageSize reaches the first 5,000 hits. Video and audio
//! searches return a `ScrollToken`; passing it back allows any depth as long as the
//! jump from the token's page stays within 1,200 records and only one sort field is
//! used (`SortByExceededMax`). Tokens expire after 30 minutes
//! (`InvalidScrollToken.Expired`).

use serde_json::{json, Map, Value};

use super::category;
use super::media::LISTING_CEILING;
use super::render::{self, Categories};
use super::rules::{self, iso, parse_iso};
use super::{ActionRequest, Backend};
use crate::error::ApiError;
use crate::store::{self, Attached, Image, Video};

pub const SCROLL_WINDOW: i64 = 1_200;
pub const SCROLL_TTL_MS: i64 = 30 * 60 * 1000;

fn syntax(what: &str) -> ApiError {
    ApiError::new(
        400,
        "ErrorMatchSyntax",
        format!("The parameter Match.{what} has an error syntax, please check it ."),
    )
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Open(char),
    Close(char),
    Comma,
    Eq,
    Str(String),
    Word(String),
}

fn tokenize(s: &str) -> Result<Vec<Tok>, ApiError> {
    let s = s
        .replace('（', "(")
        .replace('）', ")")
        .replace('，', ",")
        .replace(['‘', '’'], "'");
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            c if c.is_whitespace() => i += 1,
            '(' | '[' => {
                out.push(Tok::Open(c));
                i += 1;
            }
            ')' | ']' => {
                out.push(Tok::Close(c));
                i += 1;
            }
            ',' => {
                out.push(Tok::Comma);
                i += 1;
            }
            '=' => {
                out.push(Tok::Eq);
                i += 1;
            }
            '\'' | '"' => {
                let quote = c;
                let mut j = i + 1;
                let mut v = String::new();
                while j < chars.len() && chars[j] != quote {
                    v.push(chars[j]);
                    j += 1;
                }
                if j >= chars.len() {
                    return Err(syntax("quote"));
                }
                out.push(Tok::Str(v));
                i = j + 1;
            }
            _ => {
                let mut j = i;
                let mut v = String::new();
                while j < chars.len()
                    && !chars[j].is_whitespace()
                    && !"()[],='\"".contains(chars[j])
                {
                    v.push(chars[j]);
                    j += 1;
                }
                out.push(Tok::Word(v));
                i = j;
            }
        }
    }
    Ok(out)
}

#[derive(Debug, Clone, PartialEq)]
pub enum Cond {
    Eq(String),
    In(Vec<String>),
    Range {
        lo: Option<String>,
        lo_incl: bool,
        hi: Option<String>,
        hi_incl: bool,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    Test { field: String, cond: Cond },
}

struct Parser {
    toks: Vec<Tok>,
    pos: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos)
    }
    fn next(&mut self) -> Option<Tok> {
        let t = self.toks.get(self.pos).cloned();
        self.pos += 1;
        t
    }
    fn keyword(&self, kw: &str) -> bool {
        matches!(self.peek(), Some(Tok::Word(w)) if w.eq_ignore_ascii_case(kw))
    }
    fn or_expr(&mut self) -> Result<Expr, ApiError> {
        let mut left = self.and_expr()?;
        while self.keyword("or") {
            self.pos += 1;
            left = Expr::Or(Box::new(left), Box::new(self.and_expr()?));
        }
        Ok(left)
    }
    fn and_expr(&mut self) -> Result<Expr, ApiError> {
        let mut left = self.term()?;
        while self.keyword("and") {
            self.pos += 1;
            left = Expr::And(Box::new(left), Box::new(self.term()?));
        }
        Ok(left)
    }
    fn value(&mut self, field: &str) -> Result<String, ApiError> {
        match self.next() {
            Some(Tok::Str(s)) | Some(Tok::Word(s)) => Ok(s),
            _ => Err(syntax(field)),
        }
    }
    fn term(&mut self) -> Result<Expr, ApiError> {
        match self.next() {
            Some(Tok::Open('(')) => {
                let e = self.or_expr()?;
                match self.next() {
                    Some(Tok::Close(')')) => Ok(e),
                    _ => Err(syntax("parenthesis")),
                }
            }
            Some(Tok::Word(field)) => {
                if self.keyword("in") {
                    self.pos += 1;
                    if self.next() != Some(Tok::Open('(')) {
                        return Err(syntax(&field));
                    }
                    let mut values = vec![self.value(&field)?];
                    loop {
                        match self.next() {
                            Some(Tok::Comma) => values.push(self.value(&field)?),
                            Some(Tok::Close(')')) => break,
                            _ => return Err(syntax(&field)),
                        }
                    }
                    return Ok(Expr::Test {
                        field,
                        cond: Cond::In(values),
                    });
                }
                if self.next() != Some(Tok::Eq) {
                    return Err(syntax(&field));
                }
                match self.next() {
                    Some(Tok::Open(open)) => {
                        let lo = match self.peek() {
                            Some(Tok::Comma) => None,
                            _ => Some(self.value(&field)?),
                        };
                        if self.next() != Some(Tok::Comma) {
                            return Err(syntax(&field));
                        }
                        let hi = match self.peek() {
                            Some(Tok::Close(_)) => None,
                            _ => Some(self.value(&field)?),
                        };
                        let Some(Tok::Close(close)) = self.next() else {
                            return Err(syntax(&field));
                        };
                        Ok(Expr::Test {
                            field,
                            cond: Cond::Range {
                                lo,
                                lo_incl: open == '[',
                                hi,
                                hi_incl: close == ']',
                            },
                        })
                    }
                    Some(Tok::Str(v)) | Some(Tok::Word(v)) => Ok(Expr::Test {
                        field,
                        cond: Cond::Eq(v),
                    }),
                    _ => Err(syntax(&field)),
                }
            }
            Some(Tok::Str(s)) => Err(syntax(&s)),
            _ => Err(syntax("expression")),
        }
    }
}

/// Parses a Match expression.
pub fn parse_match(s: &str) -> Result<Expr, ApiError> {
    let mut p = Parser {
        toks: tokenize(s)?,
        pos: 0,
    };
    let e = p.or_expr()?;
    if p.pos != p.toks.len() {
        return Err(syntax("expression"));
    }
    Ok(e)
}

/// A searchable field value.
#[derive(Debug, Clone)]
pub enum FieldValue {
    Text(String),
    Num(f64),
    Time(i64),
}

const FUZZY: &[&str] = &["Title", "Tags", "Description"];

fn test(field: &str, value: &FieldValue, cond: &Cond) -> Result<bool, ApiError> {
    let fuzzy = FUZZY.contains(&field);
    let eq = |want: &str| -> Result<bool, ApiError> {
        Ok(match value {
            FieldValue::Text(have) if fuzzy => have.to_lowercase().contains(&want.to_lowercase()),
            FieldValue::Text(have) => have == want,
            FieldValue::Num(n) => want
                .parse::<f64>()
                .map(|w| (w - n).abs() < 1e-9)
                .map_err(|_| syntax(field))?,
            FieldValue::Time(t) => parse_iso(want)
                .map(|w| w == *t)
                .ok_or_else(|| syntax(field))?,
        })
    };
    match cond {
        Cond::Eq(want) => eq(want),
        Cond::In(list) => {
            for w in list {
                if eq(w)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        Cond::Range {
            lo,
            lo_incl,
            hi,
            hi_incl,
        } => {
            let num = |s: &str| -> Result<f64, ApiError> {
                match value {
                    FieldValue::Time(_) => {
                        parse_iso(s).map(|t| t as f64).ok_or_else(|| syntax(field))
                    }
                    FieldValue::Num(_) => s.parse::<f64>().map_err(|_| syntax(field)),
                    FieldValue::Text(_) => Err(syntax(field)),
                }
            };
            let x = match value {
                FieldValue::Time(t) => *t as f64,
                FieldValue::Num(n) => *n,
                FieldValue::Text(_) => return Err(syntax(field)),
            };
            if let Some(lo) = lo {
                let l = num(lo)?;
                if x < l || (!lo_incl && x == l) {
                    return Ok(false);
                }
            }
            if let Some(hi) = hi {
                let h = num(hi)?;
                if x > h || (!hi_incl && x == h) {
                    return Ok(false);
                }
            }
            Ok(true)
        }
    }
}

/// Evaluates `expr` against a record; unknown fields are syntax errors.
pub fn eval(
    expr: &Expr,
    get: &dyn Fn(&str) -> Option<Option<FieldValue>>,
) -> Result<bool, ApiError> {
    match expr {
        Expr::And(a, b) => Ok(eval(a, get)? && eval(b, get)?),
        Expr::Or(a, b) => Ok(eval(a, get)? || eval(b, get)?),
        Expr::Test { field, cond } => match get(field) {
            None => Err(syntax(field)),
            Some(None) => Ok(false),
            Some(Some(v)) => test(field, &v, cond),
        },
    }
}

/// Checks every field of `expr` exists for the search type (errors even with no hits).
fn validate_fields(expr: &Expr, known: &[&str]) -> Result<(), ApiError> {
    match expr {
        Expr::And(a, b) | Expr::Or(a, b) => {
            validate_fields(a, known)?;
            validate_fields(b, known)
        }
        Expr::Test { field, .. } if known.contains(&field.as_str()) => Ok(()),
        Expr::Test { field, .. } => Err(syntax(field)),
    }
}

const VIDEO_FIELDS: &[&str] = &[
    "VideoId",
    "AudioId",
    "AppId",
    "CateId",
    "CateName",
    "StorageLocation",
    "Title",
    "Tags",
    "Description",
    "Status",
    "MediaSource",
    "PreprocessStatus",
    "Size",
    "Duration",
    "CreationTime",
    "ModificationTime",
    "DownloadSwitch",
    "TranscodeMode",
    "ReferenceId",
];
const IMAGE_FIELDS: &[&str] = &[
    "ImageId",
    "AppId",
    "CateId",
    "CateName",
    "StorageLocation",
    "Title",
    "Tags",
    "Description",
    "Status",
    "CreationTime",
    "ModificationTime",
];
const ATTACHED_FIELDS: &[&str] = &[
    "MediaId",
    "AppId",
    "CateId",
    "StorageLocation",
    "Title",
    "Tags",
    "Description",
    "Status",
    "BusinessType",
    "CreationTime",
    "ModificationTime",
];

fn text(s: &str) -> Option<FieldValue> {
    Some(FieldValue::Text(s.to_string()))
}

fn video_field(v: &Video, cats: &Categories, f: &str) -> Option<Option<FieldValue>> {
    Some(match f {
        "VideoId" | "AudioId" => text(&v.video_id),
        "AppId" => text(&v.app_id),
        "CateId" => v.cate_id.map(|c| FieldValue::Num(c as f64)),
        "CateName" => render::cate_name(cats, v.cate_id).map(FieldValue::Text),
        "StorageLocation" => text(&v.storage_location),
        "Title" => text(&v.title),
        "Tags" => text(&v.tags),
        "Description" => text(&v.description),
        "Status" => text(&v.status),
        "MediaSource" => text(&v.media_source),
        "PreprocessStatus" => text(&v.preprocess_status),
        "Size" => Some(FieldValue::Num(v.size as f64)),
        "Duration" => Some(FieldValue::Num(v.duration)),
        "CreationTime" => Some(FieldValue::Time(v.creation_time)),
        "ModificationTime" => Some(FieldValue::Time(v.modification_time)),
        "DownloadSwitch" => text(&v.download_switch),
        "TranscodeMode" => text(&v.transcode_mode),
        "ReferenceId" => v.reference_id.as_deref().and_then(text),
        _ => return None,
    })
}

fn image_field(i: &Image, cats: &Categories, f: &str) -> Option<Option<FieldValue>> {
    Some(match f {
        "ImageId" => text(&i.image_id),
        "AppId" => text(&i.app_id),
        "CateId" => i.cate_id.map(|c| FieldValue::Num(c as f64)),
        "CateName" => render::cate_name(cats, i.cate_id).map(FieldValue::Text),
        "StorageLocation" => text(&i.storage_location),
        "Title" => text(&i.title),
        "Tags" => text(&i.tags),
        "Description" => text(&i.description),
        "Status" => text(&i.status),
        "CreationTime" => Some(FieldValue::Time(i.creation_time)),
        "ModificationTime" => Some(FieldValue::Time(i.modification_time)),
        _ => return None,
    })
}

fn attached_field(a: &Attached, f: &str) -> Option<Option<FieldValue>> {
    Some(match f {
        "MediaId" => text(&a.media_id),
        "AppId" => text(&a.app_id),
        "CateId" => a.cate_ids.first().map(|c| FieldValue::Num(*c as f64)),
        "StorageLocation" => text(&a.storage_location),
        "Title" => text(&a.title),
        "Tags" => text(&a.tags),
        "Description" => text(&a.description),
        "Status" => text(&a.status),
        "BusinessType" => text(&a.business_type),
        "CreationTime" => Some(FieldValue::Time(a.creation_time)),
        "ModificationTime" => Some(FieldValue::Time(a.modification_time)),
        _ => return None,
    })
}

/// One hit, with what sorting needs.
struct Hit {
    creation: i64,
    id: String,
    item: Value,
}

/// Parsed SortBy: one ascending flag per sort field. The only documented field is
/// CreationTime (`CreationTime:Desc`, the default, or `CreationTime:Asc`), comma-separated.
fn sort_spec(req: &ActionRequest) -> Result<Vec<bool>, ApiError> {
    let raw = req.param("SortBy").unwrap_or("CreationTime:Desc");
    let mut out = Vec::new();
    for part in rules::split_list(raw) {
        match part.as_str() {
            "CreationTime:Desc" => out.push(false),
            "CreationTime:Asc" => out.push(true),
            _ => {
                return Err(ApiError::invalid(
                    "SortBy",
                    "Valid values: CreationTime:Desc, CreationTime:Asc.",
                ))
            }
        }
    }
    // VOD allows three sort fields; with one documented field (repeats dropped) a
    // list never reaches that.
    Ok(out)
}

/// `Fields`: restricts the per-type object to its ID plus the listed fields.
fn apply_fields(m: Map<String, Value>, id_key: &str, fields: Option<&[String]>) -> Value {
    match fields {
        None => Value::Object(m),
        Some(fields) => Value::Object(
            m.into_iter()
                .filter(|(k, _)| {
                    k == id_key || k == "CreationTime" || fields.iter().any(|f| f == k)
                })
                .collect(),
        ),
    }
}

pub async fn search_media(b: &Backend, req: &ActionRequest) -> Result<Value, ApiError> {
    let search_type = rules::enum_param(
        req,
        "SearchType",
        &["video", "audio", "image", "attached"],
        "video",
    )?;
    let page_no = rules::page_no(req)?;
    let page_size = rules::page_size(req, 10, 100)?;
    let sort = sort_spec(req)?;
    let fields: Option<Vec<String>> = req.param("Fields").map(rules::split_list);
    let expr = req.param("Match").map(parse_match).transpose()?;
    let scrollable = matches!(search_type, "video" | "audio");
    let start = (page_no - 1) * page_size;
    let token = req.param("ScrollToken");
    if let Some(token) = token {
        if sort.len() > 1 {
            return Err(ApiError::new(
                400,
                "SortByExceededMax",
                "The SortBy parameter only supports one sort field when traversing all data.",
            ));
        }
        let expired = || {
            ApiError::new(
                400,
                "InvalidScrollToken.Expired",
                "The ScrollToken has expired, please search from the first page.",
            )
        };
        let stored = store::get_meta(&b.pool, &format!("scroll:{token}"))
            .await?
            .ok_or_else(expired)?;
        let mut it = stored.split(',').map(|x| x.parse::<i64>().unwrap_or(0));
        let (position, issued) = (it.next().unwrap_or(0), it.next().unwrap_or(0));
        if b.now_ms() - issued > SCROLL_TTL_MS {
            return Err(expired());
        }
        if (start - position).abs() > SCROLL_WINDOW {
            return Err(ApiError::invalid(
                "PageNo",
                "With a ScrollToken the target page must be within 1200 records of the current page.",
            ));
        }
    } else if page_no * page_size > LISTING_CEILING {
        return Err(ApiError::invalid(
            "PageNo",
            "Paging reaches only the first 5000 records; pass the ScrollToken of the previous page to go further.",
        ));
    }
    let cats = category::load(b).await?;
    let fields_ref = fields.as_deref();
    let mut hits: Vec<Hit> = Vec::new();
    match search_type {
        "video" | "audio" => {
            let known = VIDEO_FIELDS;
            if let Some(e) = &expr {
                validate_fields(e, known)?;
            }
            for v in b.all::<Video>().await?.iter() {
                if v.media_type != search_type {
                    continue;
                }
                if let Some(e) = &expr {
                    if !eval(e, &|f| video_field(v, &cats, f))? {
                        continue;
                    }
                }
                let mut m = render::pick(
                    &render::video_full(&req.base_url, v, &cats),
                    render::SEARCH_VIDEO_KEYS,
                );
                m.insert(
                    "Snapshots".into(),
                    json!(render::normal_snapshots(&req.base_url, v)),
                );
                m.insert(
                    "SpriteSnapshots".into(),
                    json!(render::sprite_snapshots(&req.base_url, v)),
                );
                let (key, id_key) = if search_type == "audio" {
                    let id = m.remove("VideoId").unwrap_or(Value::Null);
                    m.insert("AudioId".into(), id);
                    ("Audio", "AudioId")
                } else {
                    ("Video", "VideoId")
                };
                hits.push(Hit {
                    creation: v.creation_time,
                    id: v.video_id.clone(),
                    item: json!({
                        "MediaId": v.video_id,
                        "MediaType": search_type,
                        "CreationTime": iso(v.creation_time),
                        key: apply_fields(m, id_key, fields_ref),
                    }),
                });
            }
        }
        "image" => {
            if let Some(e) = &expr {
                validate_fields(e, IMAGE_FIELDS)?;
            }
            for i in b.all::<Image>().await?.iter() {
                if let Some(e) = &expr {
                    if !eval(e, &|f| image_field(i, &cats, f))? {
                        continue;
                    }
                }
                let m = render::pick(
                    &render::image_info(&req.base_url, i, &cats),
                    render::SEARCH_IMAGE_KEYS,
                );
                hits.push(Hit {
                    creation: i.creation_time,
                    id: i.image_id.clone(),
                    item: json!({
                        "MediaId": i.image_id,
                        "MediaType": "image",
                        "CreationTime": iso(i.creation_time),
                        "Image": apply_fields(m, "ImageId", fields_ref),
                    }),
                });
            }
        }
        _ => {
            if let Some(e) = &expr {
                validate_fields(e, ATTACHED_FIELDS)?;
            }
            for a in b.all::<Attached>().await?.iter() {
                if let Some(e) = &expr {
                    if !eval(e, &|f| attached_field(a, f))? {
                        continue;
                    }
                }
                let mut m = render::attached_full(&req.base_url, a, &cats);
                m.insert("BusinessType".into(), json!(a.business_type));
                hits.push(Hit {
                    creation: a.creation_time,
                    id: a.media_id.clone(),
                    item: json!({
                        "MediaId": a.media_id,
                        "MediaType": "attached",
                        "CreationTime": iso(a.creation_time),
                        "AttachedMedia": apply_fields(m, "MediaId", fields_ref),
                    }),
                });
            }
        }
    }
    hits.sort_by(|x, y| {
        let mut ord = std::cmp::Ordering::Equal;
        for asc in &sort {
            let o = if *asc { x.creation.cmp(&y.creation) } else { y.creation.cmp(&x.creation) };
            ord = ord.then(o);
        }
        ord.then_with(|| x.id.cmp(&y.id))
    });
    let total = hits.len();
    let page: Vec<Value> = hits
        .into_iter()
        .skip(start as usize)
        .take(page_size as usize)
        .map(|h| h.item)
        .collect();
    let mut out = json!({ "Total": total, "MediaList": page });
    if scrollable && total > 0 {
        // Tokens are rows `scroll:{token}` = `{position},{issued ms}`; drop expired ones.
        sqlx::query(
            "DELETE FROM meta WHERE substr(key, 1, 7) = 'scroll:' \
             AND CAST(substr(value, instr(value, ',') + 1) AS INTEGER) < ?",
        )
        .bind(b.now_ms() - SCROLL_TTL_MS)
        .execute(&b.pool)
        .await
        .map_err(store::StoreError::from)?;
        let token = rules::new_id();
        store::set_meta(
            &b.pool,
            &format!("scroll:{token}"),
            &format!("{start},{}", b.now_ms()),
        )
        .await?;
        out["ScrollToken"] = json!(token);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use crate::actions::test_support::*;
    use crate::store;

    #[tokio::test]
    async fn search_media_match_sort_and_scroll() {
        let (b, _d) = backend().await;
        let all = ok(&b, "SearchMedia", &[]).await;
        let total = all["Total"].as_u64().unwrap();
        assert!(total >= 280);
        assert_eq!(all["MediaList"][0]["MediaType"], "video");
        assert!(all["ScrollToken"].is_string());
        let got = ok(
            &b,
            "SearchMedia",
            &[
                ("Match", "Title in ('马拉松','Keynote')"),
                ("PageSize", "100"),
            ],
        )
        .await;
        assert!(got["Total"].as_u64().unwrap() > 0);
        for m in got["MediaList"].as_array().unwrap() {
            let t = m["Video"]["Title"].as_str().unwrap();
            assert!(t.contains("马拉松") || t.contains("Keynote"), "{t}");
        }
        let got = ok(
            &b,
            "SearchMedia",
            &[
                ("Match", "Status in ('Blocked') and Title = 'a'"),
                ("PageSize", "100"),
            ],
        )
        .await;
        for m in got["MediaList"].as_array().unwrap() {
            assert_eq!(m["Video"]["Status"], "Blocked");
        }
        let got = ok(
            &b,
            "SearchMedia",
            &[
                (
                    "Match",
                    "CreationTime = ('2026-01-01T00:00:00Z','2026-03-01T00:00:00Z')",
                ),
                ("SortBy", "CreationTime:Asc"),
                ("PageSize", "100"),
            ],
        )
        .await;
        let list = got["MediaList"].as_array().unwrap();
        assert!(!list.is_empty());
        assert!(list[0]["CreationTime"].as_str() <= list[list.len() - 1]["CreationTime"].as_str());
        assert!(list
            .iter()
            .all(|m| m["CreationTime"].as_str().unwrap().starts_with("2026-0")));
        let cate = videos(&b)
            .await
            .into_iter()
            .find_map(|v| v.cate_id)
            .unwrap();
        let got = ok(
            &b,
            "SearchMedia",
            &[("Match", &format!("CateId = {cate}")), ("PageSize", "100")],
        )
        .await;
        assert!(got["MediaList"]
            .as_array()
            .unwrap()
            .iter()
            .all(|m| m["Video"]["CateId"] == cate));
        let e = err(&b, "SearchMedia", &[("Match", "Title in ('a'")]).await;
        assert_eq!((e.code.as_str(), e.status), ("ErrorMatchSyntax", 400));
        assert_eq!(
            err(&b, "SearchMedia", &[("Match", "Colour = 'red'")])
                .await
                .code,
            "ErrorMatchSyntax"
        );
        let got = ok(
            &b,
            "SearchMedia",
            &[("SearchType", "image"), ("Match", "Title = 'Banner'")],
        )
        .await;
        assert!(got["MediaList"][0]["Image"]["URL"].is_string());
        let got = ok(&b, "SearchMedia", &[("SearchType", "attached")]).await;
        assert!(got["MediaList"][0]["AttachedMedia"]["BusinessType"].is_string());
        let got = ok(&b, "SearchMedia", &[("SearchType", "audio")]).await;
        assert!(got["MediaList"][0]["Audio"]["AudioId"].is_string());
        let got = ok(&b, "SearchMedia", &[("Fields", "Title")]).await;
        let video = got["MediaList"][0]["Video"].as_object().unwrap();
        assert!(
            video.contains_key("Title") && video.contains_key("VideoId") && !video.contains_key("Size")
        );
        // Plain paging stops at 5,000 records; a ScrollToken goes further, within 1,200.
        assert_eq!(
            err(&b, "SearchMedia", &[("PageNo", "51"), ("PageSize", "100")])
                .await
                .code,
            "InvalidParameter"
        );
        let token = all["ScrollToken"].as_str().unwrap();
        let e = err(
            &b,
            "SearchMedia",
            &[
                ("ScrollToken", token),
                ("SortBy", "CreationTime:Desc,CreationTime:Asc"),
            ],
        )
        .await;
        assert_eq!(e.code, "SortByExceededMax");
        // SortBy takes the documented values only: CreationTime:Desc and CreationTime:Asc.
        for bad in ["ModificationTime:Desc", "ModificationTime:Asc", "CreationTime", "creationtime:desc", "CreationTime:Up"] {
            let e = err(&b, "SearchMedia", &[("SortBy", bad)]).await;
            assert_eq!((e.code.as_str(), e.status), ("InvalidParameter", 400), "{bad}");
            assert!(e.message.contains("CreationTime:Desc, CreationTime:Asc"), "{}", e.message);
        }
        let two = ok(&b, "SearchMedia", &[("SortBy", "CreationTime:Asc,CreationTime:Desc")]).await;
        assert!(two["MediaList"][0]["CreationTime"].as_str() <= two["MediaList"][1]["CreationTime"].as_str());
        let page2 = ok(
            &b,
            "SearchMedia",
            &[("ScrollToken", token), ("PageNo", "2")],
        )
        .await;
        assert_eq!(
            page2["MediaList"][0],
            all["MediaList"]
                .as_array()
                .unwrap()
                .get(10)
                .cloned()
                .unwrap_or(page2["MediaList"][0].clone())
        );
        assert_eq!(
            err(
                &b,
                "SearchMedia",
                &[("ScrollToken", "0123456789abcdef0123456789abcdef")]
            )
            .await
            .code,
            "InvalidScrollToken.Expired"
        );
    }

    #[test]
    fn match_parser_handles_the_protocol_forms() {
        use super::{parse_match, Cond, Expr};
        let e = parse_match(
            "Title in ('a','b') and CreationTime = ('2018-01-01T00:00:00Z','2018-01-31T00:00:00Z')",
        )
        .unwrap();
        let Expr::And(l, r) = e else { panic!("and") };
        assert_eq!(
            *l,
            Expr::Test {
                field: "Title".into(),
                cond: Cond::In(vec!["a".into(), "b".into()])
            }
        );
        assert!(matches!(
            *r,
            Expr::Test {
                cond: Cond::Range {
                    lo_incl: false,
                    hi_incl: false,
                    ..
                },
                ..
            }
        ));
        assert!(parse_match("(Title = 'a' or Description = 'b') and Status in ('Normal')").is_ok());
        assert!(parse_match("Size = [100,]").is_ok());
        assert!(parse_match("Title in （'全角','括号'）").is_ok());
        assert!(parse_match("Title = ").is_err());
        assert!(parse_match("and").is_err());
    }

    #[tokio::test]
    async fn scroll_tokens_expire_and_allow_deep_paging() {
        let (b, _d) = backend().await;
        let first = ok(&b, "SearchMedia", &[("PageSize", "100")]).await;
        let token = first["ScrollToken"].as_str().unwrap().to_string();
        // Within 1,200 records of the token's position: fine; further: refused.
        ok(
            &b,
            "SearchMedia",
            &[
                ("ScrollToken", &token),
                ("PageNo", "3"),
                ("PageSize", "100"),
            ],
        )
        .await;
        let e = err(
            &b,
            "SearchMedia",
            &[
                ("ScrollToken", &token),
                ("PageNo", "14"),
                ("PageSize", "100"),
            ],
        )
        .await;
        assert_eq!(e.code, "InvalidParameter");
        b.advance_clock(31 * 60);
        let e = err(
            &b,
            "SearchMedia",
            &[
                ("ScrollToken", &token),
                ("PageNo", "2"),
                ("PageSize", "100"),
            ],
        )
        .await;
        assert_eq!(
            (e.code.as_str(), e.status),
            ("InvalidScrollToken.Expired", 400)
        );
        // Issuing a new token prunes the expired one.
        ok(&b, "SearchMedia", &[]).await;
        assert!(store::get_meta(&b.pool, &format!("scroll:{token}"))
            .await
            .unwrap()
            .is_none());
    }
}
