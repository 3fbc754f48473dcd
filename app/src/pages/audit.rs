//! Review: the queue (`/audit`), the decision record (`/audit/record`), the review
//! security IPs (`/audit/security`) — one lazy page with three tabs; AI moderation
//! (`/audit/ai`, in `audit_ai`) is a fourth tab with a page of its own — and the reviewer
//! screen (`/audit/review/:id`): the player, the AI summary, every flagged run on a
//! timeline under the player (click to seek), the flagged frames and audio, and a
//! decision form worked by keyboard: `A` approve, `B` block (reason first), `J`/`K` next
//! and previous flagged run, `N` next video, `U` undo. Decisions wait out an undo window
//! on the server, then go to VOD in batches; every form works with JavaScript off.

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_params_map, use_query_map};

use crate::error::AppError;
use crate::api::audit::{read_audit_queue, decision_log, list_security_ips, read_audit_frames, review_video, DecideVideo, SaveSecurityIps, UndoDecision};
use crate::components::media::StatusBadge;
use crate::components::shell::ErrorPanel;
use crate::i18n::*;
use crate::model::audit::*;
use crate::model::CurrentUser;
use crate::ui::{FormMessage, LocalTime, PageHeader, Spinner};

fn label_text(locale: Locale, label: &str) -> String {
    match label {
        "porn" => td_string!(locale, audit.labels.porn).to_string(),
        "terrorism" => td_string!(locale, audit.labels.terrorism).to_string(),
        "ad" => td_string!(locale, audit.labels.ad).to_string(),
        "logo" => td_string!(locale, audit.labels.logo).to_string(),
        "live" => td_string!(locale, audit.labels.live).to_string(),
        "audio" => td_string!(locale, audit.labels.audio).to_string(),
        other => other.to_string(),
    }
}

fn suggestion_text(locale: Locale, s: &str) -> &'static str {
    match s {
        "block" => td_string!(locale, audit.suggestion.block),
        "review" => td_string!(locale, audit.suggestion.review),
        "pass" => td_string!(locale, audit.suggestion.pass),
        _ => td_string!(locale, audit.suggestion.none),
    }
}

fn suggestion_class(s: &str) -> &'static str {
    match s {
        "block" => "badge bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200",
        "review" => "badge bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
        "pass" => "badge bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200",
        _ => "badge bg-slate-100 text-slate-800 dark:bg-slate-800 dark:text-slate-200",
    }
}

/// A key cap, as in the shortcuts sheet.
#[component]
fn Key(key: &'static str) -> impl IntoView {
    view! { <kbd translate="no" class="ml-2 rounded border border-current/30 px-1.5 py-0.5 font-mono text-xs">{key}</kbd> }
}

#[component]
fn Suggestion(#[prop(into)] value: String, #[prop(default = None)] score: Option<f64>) -> impl IntoView {
    let i18n = use_i18n();
    let class = suggestion_class(&value);
    view! {
        <span class=class data-testid="ai-suggestion" data-value=value.clone()>{
            let value = value.clone();
            move || suggestion_text(i18n.get_locale(), &value)
        }
            {score.map(|s| format!(" {s:.1}"))}
        </span>
    }
}

fn decision_text(locale: Locale, d: &str) -> &'static str {
    if d == "Blocked" {
        td_string!(locale, audit.decide.blocked)
    } else {
        td_string!(locale, audit.decide.approved)
    }
}

fn state_text(locale: Locale, s: DecisionState) -> &'static str {
    match s {
        DecisionState::Pending => td_string!(locale, audit.state.pending),
        DecisionState::Sending => td_string!(locale, audit.state.sending),
        DecisionState::Sent => td_string!(locale, audit.state.sent),
        DecisionState::Failed => td_string!(locale, audit.state.failed),
        DecisionState::Undone => td_string!(locale, audit.state.undone),
    }
}

/// Queue, record and security IPs, by path.
#[component]
pub fn AuditPage() -> impl IntoView {
    let i18n = use_i18n();
    let me = expect_context::<CurrentUser>();
    let location = use_location();
    let tab = Memo::new(move |_| location.pathname.get());
    if !me.can(crate::vod_permission!(GetMediaAuditResult)) && !me.can(crate::vod_permission!(ListAuditSecurityIp)) {
        return view! {
            <PageHeader title=move || t_string!(i18n, audit.title)/>
            <ErrorPanel error=crate::error::AppError::Forbidden { permission: "vod:GetMediaAuditResult".into() }/>
        }
        .into_any();
    }
    view! {
        <AuditTabs/>
        {move || match tab.get().trim_end_matches('/') {
            "/audit/record" => view! { <RecordTab/> }.into_any(),
            "/audit/security" => view! { <SecurityTab/> }.into_any(),
            _ => view! { <QueueTab/> }.into_any(),
        }}
    }
    .into_any()
}

/// The page header and the tabs of the review pages (the AI tab is a page of its own, so
/// its code loads only when it is opened).
#[component]
pub(super) fn AuditTabs() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let tab = Memo::new(move |_| location.pathname.get());
    let tabs = [("/audit", 0u8), ("/audit/record", 1), ("/audit/security", 2), ("/audit/ai", 3)];
    view! {
        <PageHeader title=move || t_string!(i18n, audit.title) description=move || t_string!(i18n, audit.intro)/>
        <nav class="mb-4 flex flex-wrap gap-2" aria-label=move || t_string!(i18n, audit.tabs.label)>
            {tabs.into_iter().map(|(href, n)| {
                let current = move || (tab.get().trim_end_matches('/') == href).then_some("page");
                view! {
                    <a href=href aria-current=current class=move || if current().is_some() { "btn-primary" } else { "btn-ghost ring-1 ring-slate-300 dark:ring-slate-700" } data-testid=format!("audit-tab-{n}")>
                        {move || match n {
                            0 => t_string!(i18n, audit.tabs.queue),
                            1 => t_string!(i18n, audit.tabs.record),
                            2 => t_string!(i18n, audit.tabs.security),
                            _ => t_string!(i18n, audit.tabs.ai),
                        }}
                    </a>
                }
            }).collect_view()}
        </nav>
    }
}

#[component]
fn QueueTab() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let label = Memo::new(move |_| query.with(|q| q.get("label").unwrap_or_default()));
    let sort = Memo::new(move |_| query.with(|q| q.get("sort").unwrap_or_default()));
    let fresh = Memo::new(move |_| query.with(|q| q.get("fresh").as_deref() == Some("1")));
    let queue = Resource::new(move || (label.get(), sort.get(), fresh.get()), |(l, s, f)| read_audit_queue(l, s, f));
    let href = move |label: &str, sort: &str| {
        let mut pairs = Vec::new();
        if !label.is_empty() {
            pairs.push(("label", label.to_string()));
        }
        if !sort.is_empty() && sort != "score" {
            pairs.push(("sort", sort.to_string()));
        }
        if pairs.is_empty() { "/audit".to_string() } else { format!("/audit?{}", crate::model::query::encode(&pairs)) }
    };
    view! {
        <Suspense fallback=|| view! { <Spinner/> }>
            {move || Suspend::new(async move {
                match queue.await {
                    Err(e) => view! { <ErrorPanel error=e/> }.into_any(),
                    Ok(q) => {
                        let (label_now, sort_now) = (label.get_untracked(), QueueSort::parse(&sort.get_untracked()));
                        let chips = std::iter::once((String::new(), q.total)).chain(q.counts.clone()).map(|(l, n)| {
                            let active = l == label_now;
                            let link = href(&l, sort_now.key());
                            let name = l.clone();
                            let testid = format!("label-{}", if name.is_empty() { "all" } else { name.as_str() });
                            view! {
                                <a href=link aria-current=active.then_some("page") data-testid=testid
                                    class=if active { "btn-primary" } else { "btn-ghost ring-1 ring-slate-300 dark:ring-slate-700" }>
                                    {move || if name.is_empty() { t_string!(i18n, audit.queue.all).to_string() } else { label_text(i18n.get_locale(), &name) }}
                                    " "<span class="tabular-nums">{format!("({n})")}</span>
                                </a>
                            }
                        }).collect_view();
                        let first = q.items.iter().find(|i| i.claim.is_none()).map(|i| format!("/audit/review/{}", i.video_id));
                        let rows = q.items.iter().map(|item| view! { <QueueRow item=item.clone()/> }).collect_view();
                        let empty = q.items.is_empty();
                        view! {
                            <crate::ui::FreshnessNote age_secs=q.cached_age_secs reload_href="/audit?fresh=1".to_string()/>
                            <div class="mb-3 flex flex-wrap items-center gap-2" role="group" aria-label=move || t_string!(i18n, audit.queue.filter)>{chips}</div>
                            <div class="mb-3 flex flex-wrap items-center gap-3 text-sm">
                                <span>{t!(i18n, audit.queue.sort)}</span>
                                <a href=href(&label_now, "score") aria-current=(sort_now == QueueSort::Score).then_some("page") class="underline aria-[current=page]:font-semibold" data-testid="sort-score">{t!(i18n, audit.queue.by_score)}</a>
                                <a href=href(&label_now, "uploaded") aria-current=(sort_now == QueueSort::Uploaded).then_some("page") class="underline aria-[current=page]:font-semibold" data-testid="sort-uploaded">{t!(i18n, audit.queue.by_upload)}</a>
                                {first.map(|f| view! { <a href=f class="btn-primary ml-auto" data-testid="start-review">{t!(i18n, audit.queue.start)}</a> })}
                            </div>
                            {q.note.clone().map(|n| view! { <p class="mb-2 text-sm text-amber-800 dark:text-amber-300" role="status">{n}</p> })}
                            {if empty {
                                view! { <p class="card text-slate-600 dark:text-slate-400" data-testid="queue-empty">{t!(i18n, audit.queue.empty)}</p> }.into_any()
                            } else {
                                view! {
                                    <table class="table" data-testid="audit-queue">
                                        <thead><tr>
                                            <th scope="col">{t!(i18n, audit.queue.video)}</th>
                                            <th scope="col">{t!(i18n, audit.queue.uploaded)}</th>
                                            <th scope="col">{t!(i18n, audit.queue.ai)}</th>
                                            <th scope="col">{t!(i18n, audit.queue.labels)}</th>
                                            <th scope="col">{t!(i18n, audit.queue.reviewer)}</th>
                                        </tr></thead>
                                        <tbody>{rows}</tbody>
                                    </table>
                                }.into_any()
                            }}
                        }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn QueueRow(item: QueueItem) -> impl IntoView {
    let i18n = use_i18n();
    let labels = item.labels.clone();
    view! {
        <tr data-testid="queue-row" data-video=item.video_id.clone()>
            <td>
                <a class="flex items-center gap-2 text-blue-700 hover:underline dark:text-blue-300" href=format!("/audit/review/{}", item.video_id)>
                    {(!item.cover_url.is_empty()).then(|| view! { <img src=item.cover_url.clone() alt="" class="h-9 w-16 rounded object-cover" loading="lazy"/> })}
                    <span translate="no">{item.title.clone()}</span>
                </a>
            </td>
            <td><LocalTime at=item.created.clone()/></td>
            <td><Suggestion value=item.suggestion.clone() score=item.score/></td>
            <td>{move || labels.iter().map(|l| label_text(i18n.get_locale(), l)).collect::<Vec<_>>().join(", ")}</td>
            <td>{item.claim.clone().map(|c| view! {
                <span class="text-sm" data-testid="claimed">{t!(i18n, audit.queue.claimed, name = c.username.clone())}" "<LocalTime at=c.until.clone()/></span>
            })}</td>
        </tr>
    }
}

#[component]
fn RecordTab() -> impl IntoView {
    let i18n = use_i18n();
    let log = Resource::new(|| (), |_| decision_log());
    view! {
        <div class="mb-3 flex justify-end"><a class="btn-ghost ring-1 ring-slate-300 dark:ring-slate-700" href="/export/audit-decisions.csv" download data-testid="record-csv">{t!(i18n, audit.record.csv)}</a></div>
        <Suspense fallback=|| view! { <Spinner/> }>
            {move || Suspend::new(async move {
                match log.await {
                    Err(e) => view! { <ErrorPanel error=e/> }.into_any(),
                    Ok(rows) if rows.is_empty() => view! { <p class="card text-slate-600 dark:text-slate-400">{t!(i18n, audit.record.empty)}</p> }.into_any(),
                    Ok(rows) => view! { <RecordTable rows=rows with_video=true/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn RecordTable(rows: Vec<DecisionRecord>, with_video: bool) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <table class="table" data-testid="decision-record">
            <thead><tr>
                <th scope="col">{t!(i18n, audit.record.time)}</th>
                <th scope="col">{t!(i18n, audit.record.reviewer)}</th>
                {with_video.then(|| view! { <th scope="col">{t!(i18n, audit.queue.video)}</th> })}
                <th scope="col">{t!(i18n, audit.record.decision)}</th>
                <th scope="col">{t!(i18n, audit.record.reason)}</th>
                <th scope="col">{t!(i18n, audit.record.ai_then)}</th>
                <th scope="col">{t!(i18n, audit.record.state)}</th>
            </tr></thead>
            <tbody>{rows.into_iter().map(|r| {
                let (decision, state) = (r.decision.clone(), r.state);
                let error = r.error.clone();
                view! {
                    <tr data-testid="record-row" data-state=state.as_str() data-decision=r.decision.clone()>
                        <td><LocalTime at=r.at.clone()/></td>
                        <td translate="no">{r.reviewer.clone()}</td>
                        {with_video.then(|| view! { <td><a class="text-blue-700 hover:underline dark:text-blue-300" href=format!("/audit/review/{}", r.video_id) translate="no">{r.title.clone()}</a></td> })}
                        <td>{move || decision_text(i18n.get_locale(), &decision)}</td>
                        <td translate="no">{r.reason.clone()}{(!r.comment.is_empty()).then(|| format!(" — {}", r.comment))}</td>
                        <td>{(!r.ai_suggestion.is_empty()).then(|| view! { <Suggestion value=r.ai_suggestion.clone()/> })}</td>
                        <td>
                            {move || state_text(i18n.get_locale(), state)}
                            {r.request_id.clone().map(|id| view! { <div class="text-xs text-slate-600 dark:text-slate-400"><code>{id}</code></div> })}
                            {error.map(|e| view! { <div class="text-xs text-red-800 dark:text-red-300">{e}</div> })}
                        </td>
                    </tr>
                }
            }).collect_view()}</tbody>
        </table>
    }
}

#[component]
fn SecurityTab() -> impl IntoView {
    let i18n = use_i18n();
    let me = expect_context::<CurrentUser>();
    let save = ServerAction::<SaveSecurityIps>::new();
    let groups = Resource::new(move || save.version().get(), |_| list_security_ips());
    let can_set = me.can(crate::vod_permission!(SetAuditSecurityIp));
    let query = use_query_map();
    let saved = Memo::new(move |_| query.with(|q| q.get("saved").is_some()));
    view! {
        <p class="mb-3 text-sm text-slate-700 dark:text-slate-300">{t!(i18n, audit.ips.intro)}</p>
        <Suspense fallback=|| view! { <Spinner/> }>
            {move || Suspend::new(async move {
                match groups.await {
                    Err(e) => view! { <ErrorPanel error=e/> }.into_any(),
                    Ok(list) => view! {
                        <table class="table mb-4" data-testid="ip-groups">
                            <thead><tr><th scope="col">{t!(i18n, audit.ips.group)}</th><th scope="col">{t!(i18n, audit.ips.addresses)}</th><th scope="col">{t!(i18n, audit.ips.modified)}</th></tr></thead>
                            <tbody>{list.groups.iter().map(|g| view! {
                                <tr data-testid="ip-group" data-group=g.name.clone()>
                                    <td translate="no">{g.name.clone()}</td>
                                    <td><code class="break-all">{g.ips.join(", ")}</code>" "<span class="text-xs text-slate-600 dark:text-slate-400">{format!("({}/{})", g.ips.len(), list.max_ips)}</span></td>
                                    <td><LocalTime at=g.modified.clone()/></td>
                                </tr>
                            }).collect_view()}</tbody>
                        </table>
                        <p class="text-xs text-slate-600 dark:text-slate-400">{t!(i18n, audit.ips.limits, groups = list.groups.len(), max_groups = list.max_groups, max_ips = list.max_ips)}</p>
                    }.into_any(),
                }
            })}
        </Suspense>
        {can_set.then(|| view! {
            <section class="card mt-4 max-w-xl" aria-labelledby="ips-form-title">
                <h2 id="ips-form-title" class="mb-2 font-medium">{t!(i18n, audit.ips.change)}</h2>
                <ActionForm action=save attr:class="space-y-3" attr:data-testid="ips-form">
                    <div><label class="label" for="ips-group">{t!(i18n, audit.ips.group)}</label>
                        <input id="ips-group" name="group" class="input" value="Default" required maxlength="64"/></div>
                    <div><label class="label" for="ips-list">{t!(i18n, audit.ips.addresses)}</label>
                        <textarea id="ips-list" name="ips" class="input font-mono" rows="3" required aria-describedby="ips-hint"></textarea>
                        <p id="ips-hint" class="mt-1 text-xs text-slate-600 dark:text-slate-400">{t!(i18n, audit.ips.hint)}</p></div>
                    <div><label class="label" for="ips-mode">{t!(i18n, audit.ips.mode)}</label>
                        <select id="ips-mode" name="mode" class="input">
                            <option value="Append">{t!(i18n, audit.ips.append)}</option>
                            <option value="Cover">{t!(i18n, audit.ips.cover)}</option>
                            <option value="Delete">{t!(i18n, audit.ips.remove)}</option>
                        </select></div>
                    <button type="submit" class="btn-primary" data-testid="ips-save">{t!(i18n, audit.ips.save)}</button>
                </ActionForm>
                <FormMessage value=move || save.value().get() success=move || t_string!(i18n, audit.ips.saved)/>
                {move || (saved.get() && save.value().get().is_none()).then(|| view! { <p role="status" class="form-ok">{t!(i18n, audit.ips.saved)}</p> })}
            </section>
        })}
    }
}

// ---------------------------------------------------------------------------------------
// The reviewer screen

#[cfg(feature = "hydrate")]
fn player() -> Option<web_sys::HtmlMediaElement> {
    use wasm_bindgen::JsCast;
    document().get_element_by_id("review-player")?.dyn_into::<web_sys::HtmlMediaElement>().ok()
}

/// A page of flagged frames (a time seeks the player to it) and the links to the others.
#[component]
fn Frames(p: FramePage, video_id: String) -> impl IntoView {
    let i18n = use_i18n();
    let href = move |page: u32| format!("/audit/review/{video_id}?frames={page}");
    let (prev, next) = ((p.page > 1).then(|| href(p.page - 1)), (p.page < p.pages).then(|| href(p.page + 1)));
    let (page, pages) = (p.page, p.pages);
    view! {
        <h2 id="frames-title" class="mb-2 font-medium">{t!(i18n, audit.review.frames)}" "<span class="text-xs font-normal" data-testid="frames-total">{format!("({})", p.total)}</span></h2>
        {if p.frames.is_empty() {
            view! { <p class="text-sm text-slate-600 dark:text-slate-400">{t!(i18n, audit.review.no_frames)}</p> }.into_any()
        } else {
            view! {
                <table class="table" data-testid="frames" data-page=page>
                    <thead><tr><th scope="col">{t!(i18n, audit.review.at)}</th><th scope="col">{t!(i18n, audit.review.frame)}</th><th scope="col">{t!(i18n, audit.review.findings)}</th></tr></thead>
                    <tbody>{p.frames.into_iter().map(|f| {
                        let at = f.timestamp_ms;
                        view! {
                            <tr>
                                <td><button type="button" class="tabular-nums hover:underline" on:click=move |_| seek(at)>{clock(at)}</button></td>
                                <td><img src=f.url alt=move || t_string!(i18n, audit.review.frame_at, at = clock(at)).to_string() class="h-12 w-20 rounded object-cover" loading="lazy"/></td>
                                <td class="text-sm">{f.hits.into_iter().map(|(d, l, sc)| view! {
                                    <span class="mr-2 inline-block">{move || label_text(i18n.get_locale(), &d)}" "<span translate="no">{l}</span>{format!(" {sc:.1}")}</span>
                                }).collect_view()}</td>
                            </tr>
                        }
                    }).collect_view()}</tbody>
                </table>
            }.into_any()
        }}
        {(pages > 1).then(|| view! {
            <nav class="mt-2 flex items-center gap-3 text-sm" aria-label=move || t_string!(i18n, audit.review.frame_pages).to_string()>
                {prev.map(|h| view! { <a class="text-blue-700 hover:underline dark:text-blue-300" href=h rel="prev" data-testid="frames-prev">{t!(i18n, audit.review.frames_prev)}</a> })}
                <span class="tabular-nums">{move || t_string!(i18n, audit.review.frame_page, page = page, pages = pages).to_string()}</span>
                {next.map(|h| view! { <a class="text-blue-700 hover:underline dark:text-blue-300" href=h rel="next" data-testid="frames-next">{t!(i18n, audit.review.frames_next)}</a> })}
            </nav>
        })}
    }
}

/// Moves the player to `ms` (and shows it).
fn seek(ms: i64) {
    #[cfg(feature = "hydrate")]
    if let Some(p) = player() {
        p.set_current_time(ms as f64 / 1000.0);
        let _ = p.scroll_into_view_with_bool(false);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = ms;
}

#[cfg(feature = "hydrate")]
fn position_ms() -> i64 {
    player().map_or(0, |p| (p.current_time() * 1000.0) as i64)
}

#[component]
pub fn AuditReviewPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let id = Memo::new(move |_| params.get().get("id").unwrap_or_default());
    let decide = ServerAction::<DecideVideo>::new();
    let undo = ServerAction::<UndoDecision>::new();
    let fresh = Memo::new(move |_| query.with(|q| q.get("fresh").as_deref() == Some("1")));
    let screen = Resource::new(move || (id.get(), fresh.get(), decide.version().get(), undo.version().get()), |(id, fresh, _, _)| review_video(id, fresh));
    // The frames are paged on their own (`?frames=N`): turning a page leaves the player
    // and the rest of the screen as they are. Read alongside the screen, not after it.
    let frames_page = Memo::new(move |_| query.with(|q| q.get("frames").and_then(|p| p.parse::<u32>().ok()).unwrap_or(1).max(1)));
    let frames = Resource::new(move || (id.get(), frames_page.get()), |(id, page)| read_audit_frames(id, page));
    view! {
        <p class="mb-3 text-sm"><a class="text-blue-700 hover:underline dark:text-blue-300" href="/audit">{t!(i18n, audit.review.back)}</a></p>
        <Suspense fallback=|| view! { <Spinner/> }>
            {move || Suspend::new(async move {
                match screen.await {
                    Err(e) => view! { <PageHeader title=move || t_string!(i18n, audit.review.title)/> <ErrorPanel error=e/> }.into_any(),
                    Ok(s) => view! { <Review s=s decide=decide undo=undo query=query frames=frames/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Review(
    s: ReviewScreen,
    decide: ServerAction<DecideVideo>,
    undo: ServerAction<UndoDecision>,
    query: Memo<leptos_router::params::ParamsMap>,
    frames: Resource<Result<FramePage, AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let me = expect_context::<CurrentUser>();
    let can_decide = me.can(crate::vod_permission!(CreateAudit)) && s.claimed_by.is_none();
    let segments = StoredValue::new(s.segments.clone());
    let duration_ms = s.duration.map(|d| (d * 1000.0) as i64).filter(|d| *d > 0).unwrap_or_else(|| s.segments.iter().map(|x| x.end_ms).max().unwrap_or(1000)).max(1);
    let current = RwSignal::new(None::<usize>);
    let ai_suggestion = s.ai.as_ref().map(|a| a.suggestion.clone()).unwrap_or_default();
    let ai_label = s.ai.as_ref().map(|a| a.label.clone()).unwrap_or_default();
    // The person's latest decision on this video that can still be undone.
    let pending = s.record.iter().find(|r| r.state == DecisionState::Pending && r.reviewer == me.username).cloned();
    let pending_id = pending.as_ref().map(|p| p.id);
    let next_href = s.next_id.as_ref().map(|n| format!("/audit/review/{n}"));
    let approve_ref = NodeRef::<leptos::html::Form>::new();
    let reason_ref = NodeRef::<leptos::html::Select>::new();
    let undo_ref = NodeRef::<leptos::html::Form>::new();
    let block_ref = NodeRef::<leptos::html::Form>::new();
    // Enter on the reason list sends the block (a list does not submit its form itself).
    let reason_enter = move |ev: leptos::ev::KeyboardEvent| {
        #[cfg(feature = "hydrate")]
        if ev.key() == "Enter" {
            if let Some(f) = block_ref.get_untracked() {
                ev.prevent_default();
                let _ = f.request_submit();
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    };

    #[cfg(feature = "hydrate")]
    {
        let jump = move |forward: bool| {
            let list = segments.get_value();
            if let Some(i) = step_segment(&list, position_ms(), forward) {
                current.set(Some(i));
                seek(list[i].start_ms);
            }
        };
        let next = next_href.clone();
        let navigate = leptos_router::hooks::use_navigate();
        let handle = window_event_listener(leptos::ev::keydown, move |ev| {
            if ev.ctrl_key() || ev.meta_key() || ev.alt_key() || ev.default_prevented() || crate::ui::shortcuts::typing(&ev) {
                return;
            }
            match ev.key().as_str() {
                "a" | "A" if can_decide => {
                    if let Some(f) = approve_ref.get_untracked() {
                        ev.prevent_default();
                        let _ = f.request_submit();
                    }
                }
                "b" | "B" if can_decide => {
                    ev.prevent_default();
                    request_animation_frame(move || {
                        if let Some(r) = reason_ref.get_untracked() {
                            let _ = r.focus();
                        }
                    });
                }
                "j" | "J" => {
                    ev.prevent_default();
                    jump(true);
                }
                "k" | "K" => {
                    ev.prevent_default();
                    jump(false);
                }
                "n" | "N" => {
                    if let Some(n) = &next {
                        ev.prevent_default();
                        navigate(n, Default::default());
                    }
                }
                "u" | "U" => {
                    if let Some(f) = undo_ref.get_untracked() {
                        ev.prevent_default();
                        let _ = f.request_submit();
                    }
                }
                _ => {}
            }
        });
        on_cleanup(move || handle.remove());
    }

    let title = s.title.clone();
    let video_id = s.video_id.clone();
    let frames_video = s.video_id.clone();
    let rows = LABELS.iter().filter(|l| s.segments.iter().any(|x| x.dimension == **l)).map(|l| l.to_string()).collect::<Vec<_>>();
    view! {
        <leptos_meta::Title text=s.title.clone()/>
        <div class="mb-4 flex flex-wrap items-center gap-3">
            <h1 class="text-2xl font-semibold tracking-tight" data-testid="review-title" translate="no">{s.title.clone()}</h1>
            <StatusBadge status=s.status.clone()/>
            {s.ai.as_ref().map(|a| view! { <Suggestion value=a.suggestion.clone()/> })}
            <span class="ml-auto flex gap-2">
                {next_href.clone().map(|n| view! { <a class="btn-ghost ring-1 ring-slate-300 dark:ring-slate-700" href=n data-testid="next-video">{t!(i18n, audit.review.next)}<Key key="N"/></a> })}
            </span>
        </div>
        {s.claimed_by.clone().map(|c| view! {
            <p class="mb-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200" role="status" data-testid="claimed-by">
                {t!(i18n, audit.review.claimed, name = c.username.clone())}" "<LocalTime at=c.until.clone()/>
            </p>
        })}
        {s.notes.iter().map(|n| view! { <p class="mb-2 text-sm text-amber-800 dark:text-amber-300" role="status">{n.clone()}</p> }).collect_view()}
        <div class="grid gap-6 lg:grid-cols-3">
            <div class="space-y-4 lg:col-span-2">
                <section class="card" aria-label=move || t_string!(i18n, audit.review.player)>
                    {match (s.play.clone(), s.play_refused.clone()) {
                        (Some((url, def, format)), _) => view! {
                            <video id="review-player" controls preload="metadata" class="aspect-video w-full rounded bg-black" poster=s.cover_url.clone() src=url data-testid="review-player"></video>
                            <p class="mt-2 text-xs text-slate-600 dark:text-slate-400" translate="no">{format!("{def} {format}")}</p>
                        }.into_any(),
                        (None, refused) => view! {
                            <div class="rounded bg-slate-100 p-4 dark:bg-slate-800" data-testid="play-refused">
                                <p>{refused.unwrap_or_default()}</p>
                                {s.needs_security_ip.then(|| view! { <p class="mt-2"><a class="text-blue-700 underline dark:text-blue-300" href="/audit/security" data-testid="security-ip-link">{t!(i18n, audit.review.setup_ips)}</a></p> })}
                            </div>
                        }.into_any(),
                    }}
                </section>
                <section class="card" aria-labelledby="timeline-title">
                    <h2 id="timeline-title" class="mb-2 font-medium">{t!(i18n, audit.review.timeline)}" "<span class="text-xs font-normal text-slate-600 dark:text-slate-400"><Key key="J"/><Key key="K"/></span></h2>
                    {if s.segments.is_empty() {
                        view! { <p class="text-sm text-slate-600 dark:text-slate-400" data-testid="no-segments">{t!(i18n, audit.review.no_segments)}</p> }.into_any()
                    } else {
                        view! {
                            <div class="space-y-1" data-testid="timeline">
                                {rows.into_iter().map(|dim| {
                                    let name = dim.clone();
                                    let marks = segments.get_value().into_iter().enumerate().filter(|(_, x)| x.dimension == dim).map(|(i, x)| {
                                        // Drawn in SVG (inline styles are not allowed by the page's policy); the
                                        // list below is the keyboard's way to the same moments.
                                        let left = x.start_ms as f64 * 1000.0 / duration_ms as f64;
                                        let width = ((x.end_ms - x.start_ms) as f64 * 1000.0 / duration_ms as f64).max(6.0);
                                        let start = x.start_ms;
                                        let color = if x.max_score >= 90.0 { "fill-red-600" } else { "fill-amber-500" };
                                        view! {
                                            <rect x=format!("{left:.1}") y="0" width=format!("{width:.1}") height="16" rx="2" data-testid="segment" data-start=start.to_string()
                                                class=move || format!("cursor-pointer {color} {}", if current.get() == Some(i) { "stroke-blue-600" } else { "" }) stroke-width="3"
                                                on:click=move |_| { current.set(Some(i)); seek(start); }>
                                                <title>{format!("{} {}–{}", x.label, clock(x.start_ms), clock(x.end_ms))}</title>
                                            </rect>
                                        }
                                    }).collect_view();
                                    view! {
                                        <div class="flex items-center gap-2">
                                            <span class="w-20 shrink-0 text-xs">{move || label_text(i18n.get_locale(), &name)}</span>
                                            <svg viewBox="0 0 1000 16" preserveAspectRatio="none" class="h-4 flex-1 rounded bg-slate-100 dark:bg-slate-800" aria-hidden="true" translate="no">{marks}</svg>
                                        </div>
                                    }
                                }).collect_view()}
                                <div class="ml-22 flex justify-between text-xs text-slate-600 dark:text-slate-400"><span>"0:00"</span><span>{clock(duration_ms)}</span></div>
                            </div>
                            <ol class="mt-3 space-y-1 text-sm" data-testid="segment-list">
                                {segments.get_value().into_iter().enumerate().map(|(i, x)| {
                                    let start = x.start_ms;
                                    let dim = x.dimension.clone();
                                    view! {
                                        <li data-testid="segment-row" data-current=move || (current.get() == Some(i)).to_string()>
                                            <button type="button" class="text-left hover:underline" on:click=move |_| { current.set(Some(i)); seek(start); }>
                                                <span class="tabular-nums">{format!("{}–{}", clock(x.start_ms), clock(x.end_ms))}</span>" · "
                                                {move || label_text(i18n.get_locale(), &dim)}" · "<span translate="no">{x.label.clone()}</span>
                                                {(x.max_score > 0.0).then(|| format!(" · {:.1}", x.max_score))}
                                                {x.text.clone().map(|t| view! { " · “"<span translate="no">{t}</span>"”" })}
                                            </button>
                                        </li>
                                    }
                                }).collect_view()}
                            </ol>
                        }.into_any()
                    }}
                </section>
                <section class="card" aria-labelledby="frames-title">
                    <Transition fallback=|| view! { <h2 id="frames-title" class="mb-2 font-medium">{t!(use_i18n(), audit.review.frames)}</h2><Spinner/> }>
                        {move || { let v = frames_video.clone(); Suspend::new(async move {
                            match frames.await {
                                Err(e) => view! { <h2 id="frames-title" class="mb-2 font-medium">{t!(i18n, audit.review.frames)}</h2><ErrorPanel error=e/> }.into_any(),
                                Ok(p) => view! { <Frames p=p video_id=v/> }.into_any(),
                            }
                        })}}
                    </Transition>
                </section>
            </div>
            <div class="space-y-4">
                <section class="card" aria-labelledby="ai-title">
                    <h2 id="ai-title" class="mb-2 font-medium">{t!(i18n, audit.review.summary)}</h2>
                    {match s.ai.clone() {
                        None => view! {
                            <p class="text-sm text-slate-600 dark:text-slate-400" data-testid="no-ai">{t!(i18n, audit.review.no_ai)}</p>
                            <a class="mt-2 inline-block text-sm text-blue-700 underline dark:text-blue-300" href=format!("/audit/ai?ids={}", s.video_id) data-testid="moderate-link">{t!(i18n, audit.ai.submit_title)}</a>
                        }.into_any(),
                        Some(ai) => view! {
                            <dl class="grid grid-cols-2 gap-x-3 gap-y-1 text-sm" data-testid="ai-summary">
                                {ai.dimensions.iter().map(|d| {
                                    let name = d.dimension.clone();
                                    view! {
                                        <dt>{move || label_text(i18n.get_locale(), &name)}</dt>
                                        <dd><Suggestion value=d.suggestion.clone() score=d.max_score.filter(|m| *m > 0.0)/></dd>
                                    }
                                }).collect_view()}
                                {ai.audio.clone().map(|(sg, _)| view! { <dt>{t!(i18n, audit.labels.audio)}</dt><dd><Suggestion value=sg/></dd> })}
                                {ai.cover.clone().map(|(sg, _)| view! { <dt>{t!(i18n, audit.review.cover)}</dt><dd><Suggestion value=sg/></dd> })}
                                {ai.title.clone().map(|(sg, _)| view! { <dt>{t!(i18n, audit.review.title_text)}</dt><dd><Suggestion value=sg/></dd> })}
                            </dl>
                        }.into_any(),
                    }}
                </section>
                <section class="card" aria-labelledby="decide-title">
                    <h2 id="decide-title" class="mb-2 font-medium">{t!(i18n, audit.decide.title)}</h2>
                    {pending.clone().map(|p| {
                        let decision = p.decision.clone();
                        view! {
                            <div class="mb-3 rounded-md bg-blue-50 p-3 text-sm text-blue-950 dark:bg-blue-950 dark:text-blue-100" role="status" data-testid="pending-decision">
                                <p>{move || t_string!(i18n, audit.decide.pending, decision = decision_text(i18n.get_locale(), &decision), secs = s.undo_secs).to_string()}</p>
                                <ActionForm action=undo node_ref=undo_ref attr:class="mt-2">
                                    <input type="hidden" name="id" value=p.id.to_string()/>
                                    <button type="submit" class="btn-ghost ring-1 ring-slate-300 dark:ring-slate-700" data-testid="undo">{t!(i18n, audit.decide.undo)}<Key key="U"/></button>
                                </ActionForm>
                            </div>
                        }
                    })}
                    <FormMessage value=move || undo.value().get().map(|r| r.map(|_| ()))/>
                    {if !can_decide {
                        view! { <p class="text-sm text-slate-600 dark:text-slate-400" data-testid="cannot-decide">{t!(i18n, audit.decide.cannot)}</p> }.into_any()
                    } else if pending_id.is_some() {
                        ().into_any()
                    } else {
                        let (vid, t1, sg1, lb1) = (video_id.clone(), title.clone(), ai_suggestion.clone(), ai_label.clone());
                        let (vid2, t2, sg2, lb2) = (video_id.clone(), title.clone(), ai_suggestion.clone(), ai_label.clone());
                        let typed_reason = query.with_untracked(|q| q.get("reason_text").unwrap_or_default());
                        let typed_comment = query.with_untracked(|q| q.get("comment").unwrap_or_default());
                        let picked = query.with_untracked(|q| q.get("reason").unwrap_or_default());
                        view! {
                            <ActionForm action=decide node_ref=approve_ref attr:class="mb-3" attr:data-testid="approve-form">
                                <input type="hidden" name="form[video_id]" value=vid/>
                                <input type="hidden" name="form[title]" value=t1/>
                                <input type="hidden" name="form[decision]" value="Normal"/>
                                <input type="hidden" name="form[ai_suggestion]" value=sg1/>
                                <input type="hidden" name="form[ai_label]" value=lb1/>
                                <button type="submit" class="btn-primary w-full" data-testid="approve">{t!(i18n, audit.decide.approve)}<Key key="A"/></button>
                            </ActionForm>
                            <div class="rounded-md p-3 ring-1 ring-slate-300 dark:ring-slate-700">
                                <h3 class="font-medium">{t!(i18n, audit.decide.block)}<Key key="B"/></h3>
                                <ActionForm action=decide node_ref=block_ref attr:class="mt-2 space-y-2" attr:data-testid="block-form">
                                    <input type="hidden" name="form[video_id]" value=vid2/>
                                    <input type="hidden" name="form[title]" value=t2/>
                                    <input type="hidden" name="form[decision]" value="Blocked"/>
                                    <input type="hidden" name="form[ai_suggestion]" value=sg2/>
                                    <input type="hidden" name="form[ai_label]" value=lb2/>
                                    <div><label class="label" for="block-reason">{t!(i18n, audit.decide.reason)}</label>
                                        <select id="block-reason" name="form[reason]" class="input" node_ref=reason_ref data-testid="block-reason" on:keydown=reason_enter>
                                            <option value="">{t!(i18n, audit.decide.pick_reason)}</option>
                                            {BLOCK_REASONS.iter().map(|k| {
                                                let key = *k;
                                                view! { <option value=key selected=picked == key>{move || crate::api::audit::reason_label(i18n.get_locale(), key).unwrap_or(key)}</option> }
                                            }).collect_view()}
                                        </select></div>
                                    <div><label class="label" for="block-reason-text">{t!(i18n, audit.decide.reason_text)}</label>
                                        <input id="block-reason-text" name="form[reason_text]" class="input" maxlength="128" value=typed_reason data-testid="block-reason-text"/></div>
                                    <div><label class="label" for="block-comment">{t!(i18n, audit.decide.comment)}</label>
                                        <textarea id="block-comment" name="form[comment]" class="input" rows="2">{typed_comment}</textarea></div>
                                    <button type="submit" class="btn-primary w-full bg-red-700 hover:bg-red-800" data-testid="block">{t!(i18n, audit.decide.block_now)}</button>
                                </ActionForm>
                            </div>
                            <FormMessage value=move || decide.value().get().map(|r| r.map(|_| ()))/>
                        }.into_any()
                    }}
                    <p class="mt-3 text-xs text-slate-600 dark:text-slate-400">{move || t_string!(i18n, audit.decide.keys, secs = s.undo_secs).to_string()}</p>
                </section>
                <section class="card" aria-labelledby="history-title">
                    <h2 id="history-title" class="mb-2 font-medium">{t!(i18n, audit.review.history)}</h2>
                    {if s.history.is_empty() {
                        view! { <p class="text-sm text-slate-600 dark:text-slate-400">{t!(i18n, audit.review.no_history)}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="space-y-1 text-sm" data-testid="vod-history">{s.history.iter().map(|h| {
                                let status = h.status.clone();
                                view! {
                                    <li data-testid="history-row" data-status=h.status.clone()><LocalTime at=h.at.clone()/>" · "{move || decision_text(i18n.get_locale(), &status)}
                                        {(!h.reason.is_empty()).then(|| view! { " · "<span translate="no">{h.reason.clone()}</span> })}
                                        " · "<span translate="no" class="text-slate-600 dark:text-slate-400">{h.auditor.clone()}</span></li>
                                }
                            }).collect_view()}</ul>
                        }.into_any()
                    }}
                    <h3 class="mb-1 mt-3 text-sm font-medium">{t!(i18n, audit.review.record)}</h3>
                    {if s.record.is_empty() {
                        view! { <p class="text-sm text-slate-600 dark:text-slate-400">{t!(i18n, audit.record.empty)}</p> }.into_any()
                    } else {
                        view! { <div class="overflow-x-auto"><RecordTable rows=s.record.clone() with_video=false/></div> }.into_any()
                    }}
                </section>
            </div>
        </div>
    }
}
