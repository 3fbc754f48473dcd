//! The deterministic demo data set: a category tree, 320 videos and audios with a
//! realistic mix of statuses, images of every ImageType, attached media.
//!
//! Everything derives from a fixed-seed SplitMix64 generator and a fixed time anchor,
//! so the set is identical on every machine and after every `--reset`.

use crate::actions::rules::parse_iso;
use crate::actions::Backend;
use crate::store::{self, Attached, Category, Image, Snapshot, StoreError, TemplateGroup, Video, Watermark};

/// The demo data "now": creation times spread over the two years before it.
pub const ANCHOR: &str = "2026-11-01T00:00:00Z";
pub const VIDEO_COUNT: usize = 320;
pub const STORAGE_LOCATIONS: &[&str] = &[
    "outin-8c3f2e1a9b7d11ee9f3e00163e1c7426.oss-cn-shanghai.aliyuncs.com",
    "outin-4d2a9c7e5f1b11eea8c200163e0b5d31.oss-ap-southeast-1.aliyuncs.com",
];
/// The built-in group whose videos are not transcoded (they play their original file).
pub const NO_TRANSCODE_GROUP: &str = "VOD_NO_TRANSCODE";
/// First category ID handed out (demo and AddCategory share the counter).
pub const FIRST_CATE_ID: i64 = 1_000_100_001;

/// SplitMix64: tiny, well distributed, and stable across crate versions.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
    pub fn hex_id(&mut self) -> String {
        format!("{:016x}{:016x}", self.next_u64(), self.next_u64())
    }
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

/// A category with its children, each with their children's names.
type Branch = (&'static str, &'static [(&'static str, &'static [&'static str])]);

/// (zh, en) names: top level, then children, then grandchildren.
const TREE: &[Branch] = &[
    (
        "新闻资讯 News",
        &[
            ("国内 Domestic", &["时政 Politics", "社会 Society"]),
            ("国际 World", &["亚太 Asia-Pacific", "欧洲 Europe"]),
            ("财经 Finance", &[]),
        ],
    ),
    (
        "体育 Sports",
        &[
            ("足球 Football", &["中超 CSL", "欧冠 Champions League"]),
            ("篮球 Basketball", &["CBA", "NBA"]),
            ("户外 Outdoor", &[]),
        ],
    ),
    (
        "教育 Education",
        &[
            ("编程 Programming", &["Rust", "Python", "前端 Frontend"]),
            ("语言 Languages", &["英语 English", "日语 Japanese"]),
            ("公开课 Open courses", &[]),
        ],
    ),
    (
        "娱乐 Entertainment",
        &[
            ("音乐 Music", &["现场 Live", "MV"]),
            ("综艺 Variety", &[]),
            ("影视 Film & TV", &["预告片 Trailers"]),
        ],
    ),
    (
        "科技 Technology",
        &[
            ("云计算 Cloud", &["视频点播 VOD", "容器 Containers"]),
            ("数码 Gadgets", &[]),
        ],
    ),
    (
        "产品演示 Product demos",
        &[("新品发布 Launches", &[]), ("使用教程 Tutorials", &[])],
    ),
];

const MATERIAL_ROOTS: &[(&str, &[&str])] = &[
    ("视频素材 Video clips", &["片头 Intros", "转场 Transitions"]),
    ("背景音乐 Background music", &["轻音乐 Light music"]),
    ("贴图 Stickers", &[]),
];

const ZH_SUBJECTS: &[&str] = &[
    "上海夜景延时摄影",
    "周末烘焙教程",
    "城市马拉松精彩集锦",
    "Rust 异步编程入门",
    "产品发布会回放",
    "西湖春色航拍",
    "新手吉他第一课",
    "云原生架构分享",
    "家常菜十分钟",
    "篮球训练基本功",
    "年度品牌宣传片",
    "深夜食堂纪录片",
    "英语口语每日一练",
    "无人机开箱评测",
    "猫咪的一天",
    "秋季新品穿搭",
    "高铁沿途风光",
    "客户案例访谈",
    "瑜伽晨间拉伸",
    "团队年会花絮",
    "古镇人文纪实",
    "智能家居安装指南",
    "读书分享会",
    "海边日落延时",
];
const EN_SUBJECTS: &[&str] = &[
    "Quarterly Earnings Call",
    "Mountain Biking in Moab",
    "Getting Started with Kubernetes",
    "Sourdough Bread Basics",
    "Product Launch Keynote",
    "Drone Footage of Iceland",
    "Customer Success Story",
    "Morning Yoga Routine",
    "Live Concert Highlights",
    "Introduction to Machine Learning",
    "Street Food Tour in Bangkok",
    "Home Office Setup Tour",
    "Championship Final Recap",
    "How We Build Video Pipelines",
    "Wildlife Documentary Trailer",
    "Weekly Team Standup",
    "Electric Car Road Trip",
    "Behind the Scenes",
    "Beginner Piano Lesson",
    "City Timelapse at Night",
];
const ZH_SUFFIX: &[&str] = &[
    "（完整版）",
    "第1集",
    "第2集",
    "精华版",
    "高清",
    "花絮",
    "直播回放",
    "",
];
const EN_SUFFIX: &[&str] = &[
    " (Full Version)",
    " - Part 1",
    " - Part 2",
    " Highlights",
    " 4K",
    " Extended Cut",
    "",
];
const ZH_TAGS: &[&str] = &[
    "旅行",
    "美食",
    "教程",
    "纪录片",
    "航拍",
    "音乐",
    "体育",
    "科技",
    "宣传片",
    "直播",
];
const EN_TAGS: &[&str] = &[
    "travel",
    "food",
    "tutorial",
    "documentary",
    "drone",
    "music",
    "sports",
    "tech",
    "promo",
    "live",
];
const ZH_DESC: &[&str] = &[
    "本视频记录了精彩瞬间，欢迎点赞收藏。",
    "完整讲解从零开始的每一个步骤，适合初学者。",
    "高清拍摄，建议使用耳机观看以获得最佳体验。",
    "本期内容由团队历时三个月制作完成。",
];
const EN_DESC: &[&str] = &[
    "A full walkthrough, step by step, for beginners and experts alike.",
    "Shot in 4K on location; best watched with headphones.",
    "Recorded live. Timestamps in the comments.",
    "Our team spent three months producing this episode.",
];

/// Status distribution of the demo videos (percent, status).
const STATUS_MIX: &[(u64, &str)] = &[
    (76, "Normal"),
    (5, "Checking"),
    (3, "Blocked"),
    (4, "Transcoding"),
    (3, "TranscodeFail"),
    (3, "UploadFail"),
    (3, "Uploading"),
    (2, "UploadSucc"),
    (1, "ProduceFail"),
];

fn pick_status(rng: &mut Rng) -> &'static str {
    let mut roll = rng.below(100);
    for (p, s) in STATUS_MIX {
        if roll < *p {
            return s;
        }
        roll -= p;
    }
    "Normal"
}

/// Snapshots a video in `status` has.
pub fn snapshots_for(status: &str, normal: i64) -> Vec<Snapshot> {
    let mut out = Vec::new();
    match status {
        "Uploading" | "UploadFail" | "ProduceFail" => {}
        "Transcoding" | "TranscodeFail" | "UploadSucc" => out.push(Snapshot {
            kind: "CoverSnapshot".into(),
            index: 0,
        }),
        _ => {
            out.push(Snapshot {
                kind: "CoverSnapshot".into(),
                index: 0,
            });
            for i in 0..normal {
                out.push(Snapshot {
                    kind: "NormalSnapshot".into(),
                    index: i,
                });
            }
            out.push(Snapshot {
                kind: "SpriteSnapshot".into(),
                index: 0,
            });
            for i in 0..4 {
                out.push(Snapshot {
                    kind: "SpriteOriginSnapshot".into(),
                    index: i,
                });
            }
        }
    }
    out
}

pub fn build_categories(anchor: i64) -> Vec<Category> {
    let mut out = Vec::new();
    let mut next = FIRST_CATE_ID;
    let mut t = anchor - 800 * 86_400;
    let mut add = |out: &mut Vec<Category>, name: &str, parent: i64, level: i64, ty: &str| -> i64 {
        let id = next;
        next += 1;
        t += 3_600;
        out.push(Category {
            cate_id: id,
            cate_name: name.to_string(),
            parent_id: parent,
            level,
            cate_type: ty.to_string(),
            creation_time: t,
        });
        id
    };
    for (top, children) in TREE {
        let top_id = add(&mut out, top, -1, 0, "default");
        for (child, grandchildren) in *children {
            let child_id = add(&mut out, child, top_id, 1, "default");
            for g in *grandchildren {
                add(&mut out, g, child_id, 2, "default");
            }
        }
    }
    for (root, children) in MATERIAL_ROOTS {
        let root_id = add(&mut out, root, -1, 0, "material");
        for c in *children {
            add(&mut out, c, root_id, 1, "material");
        }
    }
    out
}

pub fn build_videos(anchor: i64, cats: &[Category]) -> Vec<Video> {
    generate_videos(0x5EED_0001, VIDEO_COUNT, "demo-ref", anchor, cats)
}

/// `count` videos and audios from the generator seeded with `seed`, creation times
/// spread evenly over the two years before `anchor`; every tenth gets the ReferenceId
/// `{ref_prefix}-{index:04}`.
fn generate_videos(
    seed: u64,
    count: usize,
    ref_prefix: &str,
    anchor: i64,
    cats: &[Category],
) -> Vec<Video> {
    let mut rng = Rng::new(seed);
    let default_cats: Vec<i64> = cats
        .iter()
        .filter(|c| c.cate_type == "default")
        .map(|c| c.cate_id)
        .collect();
    let groups = build_template_groups(anchor);
    let span = 730 * 86_400;
    let mut out = Vec::with_capacity(count);
    let mut titles_seen: std::collections::HashMap<String, u32> = std::collections::HashMap::new();
    for i in 0..count {
        let zh = rng.chance(55);
        let base = if zh {
            format!("{}{}", rng.pick(ZH_SUBJECTS), rng.pick(ZH_SUFFIX))
        } else {
            format!("{}{}", rng.pick(EN_SUBJECTS), rng.pick(EN_SUFFIX))
        };
        // Series: a repeated title becomes the next episode.
        let seen = titles_seen.entry(base.clone()).or_insert(0);
        *seen += 1;
        let title = match (*seen, zh) {
            (1, _) => base,
            (n, true) => format!("{base} 第{n}期"),
            (n, false) => format!("{base} - Episode {n}"),
        };
        let description = if zh {
            rng.pick(ZH_DESC).to_string()
        } else {
            rng.pick(EN_DESC).to_string()
        };
        let tag_pool = if zh { ZH_TAGS } else { EN_TAGS };
        let mut tags: Vec<&str> = Vec::new();
        for _ in 0..(1 + rng.below(3)) {
            let t = rng.pick(tag_pool);
            if !tags.contains(t) {
                tags.push(t);
            }
        }
        let audio = i % 25 == 7;
        let status = pick_status(&mut rng);
        // Spread evenly with jitter, newest last.
        let creation =
            anchor - span + (span * i as i64) / count as i64 + rng.below(80_000) as i64;
        let duration = if audio {
            60.0 + rng.below(300) as f64
        } else {
            8.0 + rng.below(3_600) as f64 + rng.below(1000) as f64 / 1000.0
        };
        let (width, height) = *rng.pick(&[
            (1920i64, 1080i64),
            (1280, 720),
            (3840, 2160),
            (1080, 1920),
            (640, 360),
        ]);
        let bitrate = if audio {
            128.0
        } else {
            800.0 + rng.below(6_000) as f64
        };
        let size = if matches!(status, "Uploading" | "UploadFail") {
            0
        } else {
            (duration * bitrate * 125.0) as i64
        };
        let cate_id = if rng.chance(85) {
            Some(*rng.pick(&default_cats))
        } else {
            None
        };
        let id = rng.hex_id();
        let ext = if audio {
            "mp3"
        } else {
            *rng.pick(&["mp4", "mov", "mp4", "flv", "mkv"])
        };
        let normal = 3 + rng.below(6) as i64;
        let mut snapshots = if audio {
            Vec::new()
        } else {
            snapshots_for(status, normal)
        };
        if audio && status == "Normal" {
            snapshots.push(Snapshot {
                kind: "CoverSnapshot".into(),
                index: 0,
            });
        }
        let modification = creation + rng.below(30 * 86_400) as i64;
        // Spread over the groups by position (not drawn: the rest of the set stays as it
        // was); a video in transcoding, or whose transcoding failed, is in a group that
        // transcodes.
        let group = match (i % 10, status) {
            (0 | 1, "Transcoding" | "TranscodeFail") | (2..=6, _) => &groups[1],
            (0 | 1, _) => &groups[0],
            (7 | 8, _) => &groups[2],
            _ => &groups[3],
        }
        .group_id
        .clone();
        out.push(Video {
            video_id: id.clone(),
            title,
            description,
            tags: tags.join(","),
            cate_id,
            status: status.to_string(),
            media_type: if audio {
                "audio".into()
            } else {
                "video".into()
            },
            duration,
            size,
            creation_time: creation,
            modification_time: modification.min(anchor),
            storage_location: STORAGE_LOCATIONS[if rng.chance(85) { 0 } else { 1 }].to_string(),
            app_id: "app-1000000".into(),
            reference_id: if i % 10 == 3 {
                Some(format!("{ref_prefix}-{i:04}"))
            } else {
                None
            },
            custom_cover_url: None,
            user_data: None,
            template_group_id: group.clone(),
            download_switch: if rng.chance(70) {
                "on".into()
            } else {
                "off".into()
            },
            storage_class: if rng.chance(90) {
                "Standard".into()
            } else {
                "IA".into()
            },
            transcode_mode: crate::actions::template::transcode_mode(&group).into(),
            media_source: (*rng.pick(&[
                "general",
                "general",
                "general",
                "short_video",
                "editing",
                "live",
            ]))
            .to_string(),
            preprocess_status: "UnPreprocess".into(),
            audit_status: if status == "Blocked" {
                "Blocked".into()
            } else {
                "Normal".into()
            },
            file_name: format!("{}.{ext}", id),
            width: if audio { 0 } else { width },
            height: if audio { 0 } else { height },
            fps: if audio {
                0.0
            } else {
                *rng.pick(&[25.0, 30.0, 29.97, 60.0])
            },
            bitrate,
            hue: rng.below(360) as u32,
            snapshots,
            source_path: None,
            pending: None,
            declared_size: None,
            upload_source: Some("Console".into()),
        });
    }
    out
}

/// The demo image types: (ImageType, how many in the default set, title stems). Only the
/// values the SDK's `ImageType` enum has; watermarks are attached media.
const IMAGE_KINDS: &[(&str, usize, &[&str])] = &[
    (
        "default",
        40,
        &[
            "活动海报",
            "Product Shot",
            "团队合影",
            "Banner",
            "Infographic",
            "产品细节图",
        ],
    ),
    ("cover", 14, &["封面", "Episode Cover", "Thumbnail"]),
];

fn default_category_ids(cats: &[Category]) -> Vec<i64> {
    cats.iter()
        .filter(|c| c.cate_type == "default")
        .map(|c| c.cate_id)
        .collect()
}

pub fn build_images(anchor: i64, cats: &[Category]) -> Vec<Image> {
    let mut rng = Rng::new(0x5EED_0002);
    let default_cats = default_category_ids(cats);
    let mut out = Vec::new();
    let mut n = 0;
    for (ty, count, names) in IMAGE_KINDS {
        for j in 0..*count {
            n += 1;
            let creation =
                anchor - 700 * 86_400 + (n as i64) * 11 * 86_400 + rng.below(86_400) as i64;
            out.push(generate_image(&mut rng, ty, names, j + 1, creation, &default_cats));
        }
    }
    out
}

/// One image of type `ty` titled `{stem} {number:02}`; the caller has drawn `creation`.
fn generate_image(
    rng: &mut Rng,
    ty: &str,
    names: &[&str],
    number: usize,
    creation: i64,
    default_cats: &[i64],
) -> Image {
    let ext = *rng.pick(&["png", "jpg", "jpeg", "gif"]);
    let (w, h) = *rng.pick(&[(1280i64, 720i64), (800, 800), (1920, 1080)]);
    let id = rng.hex_id();
    Image {
        image_id: id.clone(),
        title: format!("{} {:02}", rng.pick(names), number),
        description: if rng.chance(50) {
            "演示图片 Demo image".into()
        } else {
            String::new()
        },
        tags: if rng.chance(60) {
            (*rng.pick(&["海报,活动", "product", "logo", "cover,episode"])).to_string()
        } else {
            String::new()
        },
        cate_id: if rng.chance(60) {
            Some(*rng.pick(default_cats))
        } else {
            None
        },
        image_type: ty.to_string(),
        status: if rng.chance(95) {
            "Normal".into()
        } else {
            "Uploading".into()
        },
        creation_time: creation,
        modification_time: creation + 600,
        storage_location: STORAGE_LOCATIONS[0].into(),
        app_id: "app-1000000".into(),
        ext: ext.into(),
        width: w,
        height: h,
        file_size: 20_000 + rng.below(900_000) as i64,
        original_file_name: format!("{id}.{ext}"),
        hue: rng.below(360) as u32,
        source_path: None,
        user_data: None,
    }
}

pub fn build_attached(anchor: i64, cats: &[Category]) -> Vec<Attached> {
    let mut rng = Rng::new(0x5EED_0003);
    let material_cats: Vec<i64> = cats
        .iter()
        .filter(|c| c.cate_type == "material" && c.level == 1)
        .map(|c| c.cate_id)
        .collect();
    let items: &[(&str, &str, &[&str])] = &[
        (
            "watermark",
            "png",
            &[
                "品牌水印 Brand watermark",
                "角标 Corner badge",
                "Logo 白色",
                "Logo dark",
            ],
        ),
        (
            "subtitle",
            "vtt",
            &[
                "中文字幕 Chinese subtitles",
                "English subtitles",
                "日本語字幕",
            ],
        ),
        (
            "material",
            "png",
            &["片头素材 Intro", "转场 Transition", "贴纸 Sticker"],
        ),
    ];
    let mut out = Vec::new();
    let mut n = 0;
    for (ty, ext, names) in items {
        for name in *names {
            for copy in 0..2 {
                n += 1;
                let creation = anchor - 600 * 86_400 + n * 17 * 86_400 + rng.below(86_400) as i64;
                out.push(Attached {
                    media_id: rng.hex_id(),
                    title: if copy == 0 {
                        (*name).to_string()
                    } else {
                        format!("{name} v2")
                    },
                    description: String::new(),
                    tags: (*ty).to_string(),
                    cate_ids: if *ty == "material" {
                        vec![*rng.pick(&material_cats)]
                    } else {
                        Vec::new()
                    },
                    business_type: (*ty).to_string(),
                    status: "Normal".into(),
                    creation_time: creation,
                    modification_time: creation,
                    storage_location: STORAGE_LOCATIONS[0].into(),
                    app_id: "app-1000000".into(),
                    ext: (*ext).to_string(),
                    file_size: 1_000 + rng.below(50_000) as i64,
                    hue: rng.below(360) as u32,
                    source_path: None,
                });
            }
        }
    }
    out
}

/// Extra generated media on top of the demo set (benchmarks, paging tests). Zero of
/// each leaves the demo set exactly as it is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Extras {
    pub images: usize,
    pub videos: usize,
    /// Categories in one extra wide branch (see [`build_extra_categories`]).
    pub categories: usize,
}

/// Most categories [`build_extra_categories`] makes: 1 + 100 + 100 × 100.
pub const MAX_EXTRA_CATEGORIES: usize = 10_101;

/// One wide branch of `count` categories after the demo tree (IDs from `first_id`): a
/// top-level "大型归档 Large archive", up to 100 volumes under it, and the rest as parts
/// spread round-robin over the volumes (at most 100 each).
pub fn build_extra_categories(anchor: i64, first_id: i64, count: usize) -> Vec<Category> {
    let count = count.min(MAX_EXTRA_CATEGORIES);
    if count == 0 {
        return Vec::new();
    }
    let mut t = anchor - 30 * 86_400;
    let mut next = first_id;
    let mut make = |name: String, parent: i64, level: i64| {
        t += 1;
        next += 1;
        Category { cate_id: next - 1, cate_name: name, parent_id: parent, level, cate_type: "default".into(), creation_time: t }
    };
    let top = make("大型归档 Large archive".into(), -1, 0);
    let top_id = top.cate_id;
    let mut out = vec![top];
    let volumes = (count - 1).min(100);
    let volume_ids: Vec<i64> = (1..=volumes)
        .map(|v| {
            let c = make(format!("分卷 Volume {v:03}"), top_id, 1);
            let id = c.cate_id;
            out.push(c);
            id
        })
        .collect();
    for p in 0..count - 1 - volumes {
        let parent = volume_ids[p % volumes];
        out.push(make(format!("第 {} 部分 Part {}", p / volumes + 1, p / volumes + 1), parent, 2));
    }
    out
}

/// `count` extra videos and audios: the demo generator with its own seed, creation
/// times spread over the same two years, ReferenceIds `extra-ref-NNNN` on every tenth.
pub fn build_extra_videos(anchor: i64, cats: &[Category], count: usize) -> Vec<Video> {
    generate_videos(0x5EED_0011, count, "extra-ref", anchor, cats)
}

/// `count` extra images: the demo generator with its own seed, the demo's mix of
/// ImageTypes (40 default and 14 cover in every 54), titles numbered
/// `{stem} {index + 1}`, creation times spread over the demo images' 700 days.
pub fn build_extra_images(anchor: i64, cats: &[Category], count: usize) -> Vec<Image> {
    let mut rng = Rng::new(0x5EED_0012);
    let default_cats = default_category_ids(cats);
    let cycle: usize = IMAGE_KINDS.iter().map(|k| k.1).sum();
    let span = 700 * 86_400;
    let mut out = Vec::with_capacity(count);
    for i in 0..count {
        let mut slot = i % cycle;
        let (ty, _, names) = IMAGE_KINDS
            .iter()
            .find(|(_, n, _)| {
                let here = slot < *n;
                if !here {
                    slot -= n;
                }
                here
            })
            .expect("slot within the cycle");
        // Jitter of up to a day on top of an even spread ending a day before the anchor.
        let creation = anchor - span
            + ((span - 86_400) * i as i64) / count as i64
            + rng.below(86_400) as i64;
        out.push(generate_image(&mut rng, ty, names, i + 1, creation, &default_cats));
    }
    out
}

/// The transcode template groups: the built-in no-transcode group and three of the
/// account's own, one of them the default. Standard HLS stamps the default watermark on
/// every rendition; Mobile MP4 puts the text credit on both, and the logo by its ID on
/// its SD rendition.
pub fn build_template_groups(anchor: i64) -> Vec<TemplateGroup> {
    let mut rng = Rng::new(0x7e3f_1a2b);
    let day = 86_400;
    let marks = build_watermarks(anchor);
    let (logo, credit) = (marks[0].watermark_id.clone(), marks[1].watermark_id.clone());
    let default_mark = vod::watermark::USER_DEFAULT_WATERMARK.to_string();
    let group = |id: String, name: &str, default: bool, locked: bool, created: i64, outputs: &[(&str, &str)]| {
        TemplateGroup {
            group_id: id,
            name: name.into(),
            app_id: "app-1000000".into(),
            is_default: default,
            locked,
            creation_time: created,
            modify_time: created + day,
            outputs: outputs.iter().map(|(f, d)| (f.to_string(), d.to_string())).collect(),
            watermarks: Vec::new(),
            templates: Vec::new(),
        }
    };
    let mut groups = vec![
        group(NO_TRANSCODE_GROUP.into(), "不转码 No transcoding", false, true, anchor - 730 * day, &[]),
        group(
            rng.hex_id(),
            "标准 Standard HLS (LD/SD/HD)",
            true,
            false,
            anchor - 700 * day,
            &[("m3u8", "LD"), ("m3u8", "SD"), ("m3u8", "HD")],
        ),
        group(rng.hex_id(), "移动 Mobile MP4 (LD/SD)", false, false, anchor - 420 * day, &[("mp4", "LD"), ("mp4", "SD")]),
        group(
            rng.hex_id(),
            "归档 Archive 4K",
            false,
            false,
            anchor - 90 * day,
            &[("mp4", "HD"), ("mp4", "2K"), ("mp4", "4K")],
        ),
    ];
    groups[1].watermarks = vec![vec![default_mark.clone()]; 3];
    groups[2].watermarks = vec![vec![credit.clone()], vec![credit, logo]];
    groups
}

/// The account's watermarks: a logo in the top-right corner (the default, sized as a
/// fraction of the frame) and a text credit at the bottom left. An image watermark's
/// file is served by the emulator (`/media/watermarks/{id}.png`).
pub fn build_watermarks(anchor: i64) -> Vec<Watermark> {
    let mut rng = Rng::new(0x5a7e_12c4);
    let day = 86_400;
    vec![
        Watermark {
            watermark_id: rng.hex_id(),
            name: "台标Logo".into(),
            app_id: "app-1000000".into(),
            kind: "Image".into(),
            is_default: true,
            config: serde_json::json!({
                "Dx": "16", "Dy": "16", "Width": "0.12", "Height": "0.06", "ReferPos": "TopRight",
                "Timeline": { "Start": "0", "Duration": "ToEND" }
            }),
            file_url: "media/watermarks/{id}.png".into(),
            creation_time: anchor - 600 * day,
        },
        Watermark {
            watermark_id: rng.hex_id(),
            name: "版权文字Credit".into(),
            app_id: "app-1000000".into(),
            kind: "Text".into(),
            is_default: false,
            config: serde_json::json!({
                "Content": "© 示例传媒 Demo Media", "FontName": "SimSun", "FontSize": 20, "FontColor": "White",
                "FontAlpha": "0.8", "BorderColor": "Black", "BorderWidth": 1, "Top": 1000, "Left": 24
            }),
            file_url: String::new(),
            creation_time: anchor - 200 * day,
        },
    ]
}

/// An origin a CDN domain fetches from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DomainOrigin {
    /// `oss`, `domain` or `ipaddr`.
    pub kind: &'static str,
    pub content: &'static str,
    pub port: i64,
    pub priority: &'static str,
}

/// One of the account's accelerated (CDN) domains. The emulator serves no action that
/// adds or changes a domain, so they are a table rather than stored rows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DemoDomain {
    pub name: &'static str,
    pub cname: &'static str,
    /// `online`, `offline`, ... (DescribeVodUserDomains' `DomainStatus`).
    pub status: &'static str,
    /// HTTPS on (`SslProtocol`); an HTTPS domain serves part of its traffic over it.
    pub https: bool,
    pub description: &'static str,
    /// Created and last modified, in days before [`ANCHOR`].
    pub created_days_before: i64,
    pub modified_days_before: i64,
    pub origins: &'static [DomainOrigin],
    /// Its share of the account's CDN traffic while it is online.
    pub traffic_share: f64,
}

/// The demo account's accelerated domains: the main playback domain (HTTPS), a second
/// one for downloads and embeds, and a retired one that is offline.
pub const DOMAINS: &[DemoDomain] = &[
    DemoDomain {
        name: "vod.demo-console.cn",
        cname: "vod.demo-console.cn.w.alikunlun.com",
        status: "online",
        https: true,
        description: "点播主域名 Main playback domain",
        created_days_before: 700,
        modified_days_before: 35,
        origins: &[DomainOrigin {
            kind: "oss",
            content: "outin-8c3f2e1a9b7d11ee9f3e00163e1c7426.oss-cn-shanghai.aliyuncs.com",
            port: 443,
            priority: "20",
        }],
        traffic_share: 0.74,
    },
    DemoDomain {
        name: "media.demo-console.cn",
        cname: "media.demo-console.cn.w.alikunlun.com",
        status: "online",
        https: false,
        description: "下载与外链 Downloads and embeds",
        created_days_before: 420,
        modified_days_before: 120,
        origins: &[
            DomainOrigin { kind: "domain", content: "origin.demo-console.cn", port: 80, priority: "20" },
            DomainOrigin { kind: "ipaddr", content: "203.0.113.10", port: 80, priority: "30" },
        ],
        traffic_share: 0.26,
    },
    DemoDomain {
        name: "old.demo-console.cn",
        cname: "old.demo-console.cn.w.alikunlun.com",
        status: "offline",
        https: false,
        description: "旧站点（已停用） Retired site",
        created_days_before: 720,
        modified_days_before: 300,
        origins: &[DomainOrigin { kind: "ipaddr", content: "198.51.100.7", port: 80, priority: "20" }],
        traffic_share: 0.0,
    },
];

/// The account's snapshot templates: cover candidates (normal snapshots, the default),
/// a sprite sheet for scrubbing previews, and an animated GIF preview.
pub fn build_vod_templates(anchor: i64) -> Vec<crate::store::VodTemplate> {
    let mut rng = Rng::new(0x51a9_0c3d);
    let day = 86_400;
    vec![
        crate::store::VodTemplate {
            template_id: rng.hex_id(),
            name: "封面候选 Cover candidates".into(),
            app_id: "app-1000000".into(),
            kind: "Snapshot".into(),
            is_default: true,
            config: serde_json::json!({ "SnapshotType": "NormalSnapshot", "SnapshotConfig": {
                "FrameType": "intra", "Count": 8, "Interval": 0, "SpecifiedOffsetTime": 0, "Width": 640, "Height": 360 } }),
            creation_time: anchor - 500 * day,
            modify_time: anchor - 500 * day,
        },
        crate::store::VodTemplate {
            template_id: rng.hex_id(),
            name: "雪碧图 Sprite 10x10".into(),
            app_id: "app-1000000".into(),
            kind: "Snapshot".into(),
            is_default: false,
            config: serde_json::json!({ "SnapshotType": "SpriteSnapshot", "SnapshotConfig": {
                "FrameType": "normal", "Count": 100, "Interval": 1, "SpecifiedOffsetTime": 0, "Width": 160, "Height": 90,
                "SpriteSnapshotConfig": { "CellWidth": 160, "CellHeight": 90, "Padding": 0, "Margin": 0, "Color": "tomato",
                    "Columns": 10, "Lines": 10, "KeepCellPic": "delete" } } }),
            creation_time: anchor - 120 * day,
            modify_time: anchor - 120 * day,
        },
        crate::store::VodTemplate {
            template_id: rng.hex_id(),
            name: "动图预览 GIF preview".into(),
            app_id: "app-1000000".into(),
            kind: "DynamicImage".into(),
            is_default: false,
            config: serde_json::json!({ "Video": { "Width": "320", "Height": "180", "Fps": "10" }, "Container": { "Format": "gif" },
                "Clip": { "TimeSpan": { "Seek": "5", "Duration": "4" } }, "SetDefaultCover": "false" }),
            creation_time: anchor - 60 * day,
            modify_time: anchor - 60 * day,
        },
    ]
}

/// The review settings and AI results of the demo account (see `actions::audit::build`).
async fn put_review(b: &Backend, anchor: i64) -> Result<(), StoreError> {
    let videos = store::load_all::<Video>(&b.pool).await?;
    let (groups, templates, jobs, records) = crate::actions::audit::build(anchor, &videos);
    store::put_many(&b.pool, &groups).await?;
    store::put_many(&b.pool, &templates).await?;
    store::put_many(&b.pool, &jobs).await?;
    store::put_many(&b.pool, &records).await?;
    Ok(())
}

/// Adds the review settings to a data set built before they existed.
pub async fn ensure_review(b: &Backend) -> Result<(), StoreError> {
    if store::load_all::<crate::actions::audit::AiTemplate>(&b.pool).await?.is_empty() {
        put_review(b, parse_iso(ANCHOR).expect("valid anchor")).await?;
    }
    Ok(())
}

/// Adds the snapshot templates to a data set built before they existed.
pub async fn ensure_vod_templates(b: &Backend) -> Result<(), StoreError> {
    if store::load_all::<crate::store::VodTemplate>(&b.pool).await?.is_empty() {
        let anchor = parse_iso(ANCHOR).expect("valid anchor");
        store::put_many(&b.pool, &build_vod_templates(anchor)).await?;
    }
    Ok(())
}

/// Adds the watermarks to a data set built before they existed.
pub async fn ensure_watermarks(b: &Backend) -> Result<(), StoreError> {
    if store::load_all::<Watermark>(&b.pool).await?.is_empty() {
        let anchor = parse_iso(ANCHOR).expect("valid anchor");
        store::put_many(&b.pool, &build_watermarks(anchor)).await?;
    }
    Ok(())
}

/// Adds the template groups to a data set built before they existed, and their outputs
/// and watermarks to demo groups stored before groups had them.
pub async fn ensure_template_groups(b: &Backend) -> Result<(), StoreError> {
    let anchor = parse_iso(ANCHOR).expect("valid anchor");
    let stored = store::load_all::<TemplateGroup>(&b.pool).await?;
    if stored.is_empty() {
        store::put_many(&b.pool, &build_template_groups(anchor)).await?;
        return Ok(());
    }
    for demo in build_template_groups(anchor) {
        let Some(g) = stored.iter().find(|g| g.group_id == demo.group_id) else { continue };
        let mut updated = g.clone();
        if g.outputs.is_empty() && !demo.outputs.is_empty() {
            updated.outputs = demo.outputs;
        }
        if g.watermarks.is_empty() && !demo.watermarks.is_empty() && updated.outputs.len() == demo.watermarks.len() {
            updated.watermarks = demo.watermarks;
        }
        if &updated != g {
            store::put(&b.pool, &updated).await?;
        }
    }
    Ok(())
}

/// Writes the demo data set, plus `extras`, into an empty store.
pub async fn seed(b: &Backend, extras: Extras) -> Result<(), StoreError> {
    let anchor = parse_iso(ANCHOR).expect("valid anchor");
    let cats = build_categories(anchor);
    let last_id = cats
        .iter()
        .map(|c| c.cate_id)
        .max()
        .unwrap_or(FIRST_CATE_ID);
    store::put_many(&b.pool, &cats).await?;
    let extra_cats = build_extra_categories(anchor, last_id + 1, extras.categories);
    store::put_many(&b.pool, &extra_cats).await?;
    let last_id = extra_cats.last().map_or(last_id, |c| c.cate_id);
    store::set_meta(&b.pool, "counter:cate_id", &last_id.to_string()).await?;
    store::put_many(&b.pool, &build_videos(anchor, &cats)).await?;
    store::put_many(&b.pool, &build_images(anchor, &cats)).await?;
    store::put_many(&b.pool, &build_attached(anchor, &cats)).await?;
    store::put_many(&b.pool, &build_template_groups(anchor)).await?;
    store::put_many(&b.pool, &build_watermarks(anchor)).await?;
    store::put_many(&b.pool, &build_vod_templates(anchor)).await?;
    // Extra media land in the extra branch too, when there is one.
    let all_cats: Vec<Category> = cats.iter().chain(&extra_cats).cloned().collect();
    if extras.videos > 0 {
        store::put_many(&b.pool, &build_extra_videos(anchor, &all_cats, extras.videos)).await?;
    }
    if extras.images > 0 {
        store::put_many(&b.pool, &build_extra_images(anchor, &all_cats, extras.images)).await?;
    }
    // After the videos: the AI results cover the queue's videos.
    put_review(b, anchor).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// FNV-1a over the JSON of every demo document: stable across Rust versions.
    fn fingerprint(docs: &[String]) -> u64 {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for doc in docs {
            for b in doc.bytes().chain(std::iter::once(b'\n')) {
                h ^= u64::from(b);
                h = h.wrapping_mul(0x0100_0000_01b3);
            }
        }
        h
    }

    fn json<T: serde::Serialize>(items: &[T]) -> Vec<String> {
        items
            .iter()
            .map(|i| serde_json::to_string(i).unwrap())
            .collect()
    }

    #[test]
    fn default_data_set_is_unchanged() {
        let anchor = parse_iso(ANCHOR).unwrap();
        let cats = build_categories(anchor);
        let mut docs = json(&cats);
        docs.extend(json(&build_videos(anchor, &cats)));
        docs.extend(json(&build_images(anchor, &cats)));
        docs.extend(json(&build_attached(anchor, &cats)));
        assert_eq!(fingerprint(&docs), 0xa5d8_b323_8da9_c0d4);
    }

    #[test]
    fn extras_are_deterministic_distinct_and_in_the_past() {
        use std::collections::HashSet;
        let anchor = parse_iso(ANCHOR).unwrap();
        let cats = build_categories(anchor);
        let images = build_extra_images(anchor, &cats, 2_000);
        assert_eq!(images.len(), 2_000);
        assert_eq!(json(&images), json(&build_extra_images(anchor, &cats, 2_000)));
        let demo_images: HashSet<String> = build_images(anchor, &cats)
            .into_iter()
            .map(|i| i.image_id)
            .collect();
        let ids: HashSet<&str> = images.iter().map(|i| i.image_id.as_str()).collect();
        assert_eq!(ids.len(), 2_000);
        assert!(ids.iter().all(|id| !demo_images.contains(*id) && id.len() == 32));
        let of_type = |t: &str| images.iter().filter(|i| i.image_type == t).count();
        // 37 full cycles of 54 (40/14), then 2 more default.
        assert_eq!((of_type("default"), of_type("cover"), images.len()), (37 * 40 + 2, 37 * 14, 2_000));
        assert!(images[0].title.ends_with(" 01"));
        assert!(images[1_999].title.ends_with(" 2000"));
        assert!(images.iter().all(|i| i.creation_time < anchor));
        // A longer run starts with the same images' IDs.
        let more = build_extra_images(anchor, &cats, 3_000);
        assert_eq!(more[0].image_id, images[0].image_id);

        let videos = build_extra_videos(anchor, &cats, 6_000);
        assert_eq!(json(&videos), json(&build_extra_videos(anchor, &cats, 6_000)));
        let demo_videos = build_videos(anchor, &cats);
        let demo_ids: HashSet<&str> = demo_videos.iter().map(|v| v.video_id.as_str()).collect();
        let ids: HashSet<&str> = videos.iter().map(|v| v.video_id.as_str()).collect();
        assert_eq!(ids.len(), 6_000);
        assert!(ids.iter().all(|id| !demo_ids.contains(id)));
        let refs: HashSet<&str> = videos
            .iter()
            .chain(&demo_videos)
            .filter_map(|v| v.reference_id.as_deref())
            .collect();
        assert_eq!(refs.len(), 600 + 32);
        let normal = videos.iter().filter(|v| v.status == "Normal").count();
        assert!((4_200..5_000).contains(&normal), "{normal} Normal of 6000");
        assert_eq!(videos.iter().filter(|v| v.media_type == "audio").count(), 240);
        assert!(videos.iter().all(|v| v.creation_time < anchor + 80_000));
        assert!(build_extra_videos(anchor, &cats, 0).is_empty());
    }
}
