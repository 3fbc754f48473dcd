//! Pages of plain forms for what the hydrated pages do with scripts: editing categories
//! level by level (`/categories/manage`), confirming a delete of ticked media and
//! following it with its Undo (`/media/delete`), and following URL pull jobs
//! (`/media/upload/jobs`). They are linked from the `<noscript>` parts of the category
//! tree, the media library and the upload page.
//!
//! They are rendered here, on the server only, as plain HTML with the console's
//! stylesheet and no scripts: not routes of the hydrated app, so no page of it carries
//! their code (a lazy route would also cut the code it shares with other pages into more
//! chunks for everyone). Their forms post to the same server functions the hydrated pages
//! call, which answer a plain form with a redirect: back here, with VOD's refusal in the
//! URL when there is one (shown at the top of the page).

use axum::extract::{RawQuery, State};
use axum::http::{header, request::Parts, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use leptos::prelude::*;

use crate::error::AppError;
use crate::i18n::{td_string, Locale};
use crate::model::category::{CategoryNode, CategoryType};
use crate::model::delete_job::JobState;
use crate::model::media::MediaKind;
use crate::model::query::{decode, encode, encode_component};
use crate::model::CurrentUser;
use crate::ssr::auth::Ctx;
use crate::ssr::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/categories/manage", get(categories))
        .route("/media/delete", get(media_delete))
        .route("/media/upload/jobs", get(pull_jobs))
}

/// The request's query as pairs, and the refusal a plain form came back with.
struct Query {
    pairs: Vec<(String, String)>,
}

impl Query {
    fn new(raw: Option<String>) -> Self {
        Query { pairs: decode(raw.as_deref().unwrap_or("")) }
    }

    fn get(&self, key: &str) -> Option<&str> {
        self.pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str()).filter(|v| !v.is_empty())
    }

    /// `name[0]=…&name[3]=…` in index order (unchecked boxes leave gaps).
    fn indexed(&self, name: &str) -> Vec<String> {
        let mut found: Vec<(usize, String)> = self
            .pairs
            .iter()
            .filter_map(|(k, v)| {
                let i = k.strip_prefix(name)?.strip_prefix('[')?.strip_suffix(']')?.parse().ok()?;
                (!v.is_empty()).then(|| (i, v.clone()))
            })
            .collect();
        found.sort();
        found.into_iter().map(|(_, v)| v).collect()
    }

    /// The refusal carried back in the URL by a plain form post.
    fn refusal(&self, locale: Locale) -> Option<String> {
        let err = self.get("__err")?;
        let error: AppError = leptos::server_fn::error::ServerFnUrlError::<AppError>::decode_err(err);
        Some(error.localized_with_detail(locale))
    }
}

/// The signed-in person and the request, or the response that turns the request away.
async fn signed_in(state: AppState, parts: Parts) -> Result<(Ctx, CurrentUser), Response> {
    let path = parts.uri.path_and_query().map(|p| p.as_str().to_string()).unwrap_or_default();
    let ctx = Ctx::from_parts(state, parts);
    match ctx.current_user().await {
        Ok(Some(user)) => Ok((ctx, user)),
        Ok(None) => Err(Redirect::to(&format!("/login?next={}", encode_component(&path))).into_response()),
        Err(e) => Err(crate::ssr::export::error_response(e, ctx.locale())),
    }
}

fn forbidden(ctx: &Ctx, user: &CurrentUser, title: &str, permission: crate::model::Permission) -> Response {
    let locale = ctx.locale();
    let text = AppError::Forbidden { permission: permission.to_string() }.localized(locale);
    let body = view! { <p class="form-error" role="alert">{text}</p> }.to_html();
    document(ctx, user, title, StatusCode::FORBIDDEN, None, body)
}

/// The page: the console's stylesheet, its navigation (what this person may open), the
/// heading, a refusal when a form came back with one, and `body` (HTML). No scripts.
fn document(ctx: &Ctx, user: &CurrentUser, title: &str, status: StatusCode, refusal: Option<String>, body: String) -> Response {
    let locale = ctx.locale();
    let theme = ctx.headers().map(crate::ssr::prefs::theme_of).unwrap_or_default();
    let product = td_string!(locale, common.product);
    let nav = crate::components::shell::SECTIONS
        .iter()
        .filter(|(_, p)| user.can(*p))
        .map(|(href, _)| {
            let label = crate::components::shell::section_label(locale, href);
            view! { <li><a href=*href class="nav-link">{label}</a></li> }
        })
        .collect_view()
        .to_html();
    let refusal = refusal.map(|r| view! { <p class="form-error mb-4" role="alert" data-testid="form-error">{r}</p> }.to_html()).unwrap_or_default();
    let head = view! {
        <head>
            <meta charset="utf-8"/>
            <meta name="viewport" content="width=device-width, initial-scale=1"/>
            <meta name="color-scheme" content="light dark"/>
            <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
            <link rel="stylesheet" href=crate::stylesheet_href(&ctx.state.leptos_options)/>
            <title>{format!("{title} · {product}")}</title>
        </head>
    }
    .to_html();
    let header = view! {
        <header class="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
            <div class="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-2">
                <a href="/" class="text-lg font-semibold tracking-tight focus-ring rounded">{product}</a>
                <nav aria-label=td_string!(locale, shell.sections_label)><ul class="flex flex-wrap gap-1" inner_html=nav></ul></nav>
                <span class="ml-auto text-sm" translate="no">{user.username.clone()}</span>
            </div>
        </header>
    }
    .to_html();
    let main = view! {
        <main id="main" class="mx-auto max-w-7xl px-4 py-6">
            <h1 class="mb-4 text-2xl font-semibold tracking-tight">{title.to_string()}</h1>
            <div inner_html=format!("{refusal}{body}")></div>
        </main>
    }
    .to_html();
    let html = format!(
        "<!DOCTYPE html><html lang=\"{}\" data-theme=\"{}\">{head}<body class=\"min-h-screen bg-slate-50 text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100\">{header}{main}</body></html>",
        locale,
        theme.as_str()
    );
    let mut response = (status, html).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn error_block(locale: Locale, e: &AppError) -> String {
    view! { <p class="form-error" role="alert">{e.localized_with_detail(locale)}</p> }.to_html()
}

// --- categories ------------------------------------------------------------------------

fn level_href(kind: CategoryType, parent: Option<i64>) -> String {
    match parent {
        Some(p) => format!("/categories/manage?type={}&parent={p}", kind.as_str()),
        None => format!("/categories/manage?type={}", kind.as_str()),
    }
}

async fn categories(State(state): State<AppState>, RawQuery(raw): RawQuery, parts: Parts) -> Response {
    let (ctx, user) = match signed_in(state, parts).await {
        Ok(v) => v,
        Err(r) => return r,
    };
    let locale = ctx.locale();
    let title = td_string!(locale, categories.plain.title);
    if !user.can(crate::vod_permission!(GetCategories)) {
        return forbidden(&ctx, &user, title, crate::vod_permission!(GetCategories));
    }
    let (can_add, can_rename, can_delete) = (
        user.can(crate::vod_permission!(AddCategory)),
        user.can(crate::vod_permission!(UpdateCategory)),
        user.can(crate::vod_permission!(DeleteCategory)),
    );
    let q = Query::new(raw);
    let kind = q.get("type").and_then(CategoryType::parse).unwrap_or(CategoryType::Default);
    let parent = q.get("parent").and_then(|p| p.parse::<i64>().ok());
    let deleting = q.get("delete").and_then(|p| p.parse::<i64>().ok());
    // Through the shared read cache, as the tree page reads (a change clears it).
    let client = ctx.vod();
    let here = level_href(kind, parent);

    let mut body = String::new();
    body.push_str(&view! { <p class="mb-3 text-slate-600 dark:text-slate-400">{td_string!(locale, categories.plain.intro)}</p> }.to_html());
    body.push_str(
        &view! {
            <nav class="mb-4 flex flex-wrap gap-2 text-sm" aria-label=td_string!(locale, categories.plain.trees)>
                {CategoryType::ALL.into_iter().map(|t| view! {
                    <a href=level_href(t, None) class="btn-ghost ring-1 ring-slate-300 dark:ring-slate-700">{t.label_in(locale)}</a>
                }).collect_view()}
                <a href="/categories" class="btn-ghost">{td_string!(locale, categories.plain.back)}</a>
            </nav>
        }
        .to_html(),
    );
    // Where we are: the top level, or inside a category (with the way up).
    let heading = match parent {
        None => view! { <h2 class="mb-2 text-lg font-medium" data-testid="plain-level">{td_string!(locale, categories.plain.top, tree = kind.label_in(locale)).to_string()}</h2> }.to_html(),
        Some(p) => {
            let (name, up) = match crate::ssr::categories::node(&client, p).await {
                Ok(n) => (n.name, n.parent_id),
                Err(_) => (p.to_string(), None),
            };
            view! {
                <h2 class="mb-2 text-lg font-medium" data-testid="plain-level">
                    {td_string!(locale, categories.plain.inside)}" “"<span translate="no">{name}</span>"”"
                </h2>
                <p class="mb-3 text-sm"><a href=level_href(kind, up) class="underline">{td_string!(locale, categories.plain.up)}</a></p>
            }
            .to_html()
        }
    };
    body.push_str(&heading);

    // The delete question, when one was asked for.
    if let (Some(id), true) = (deleting, can_delete) {
        match crate::ssr::categories::preview_delete(&ctx.vod_background("category-walk").fresh(true), locale, id).await {
            Ok(p) => {
                let confirm = if p.cascades() {
                    view! {
                        <div>
                            <label class="label" for="plain-confirm">{td_string!(locale, categories.plain.type_name)}" "<q translate="no">{p.name.clone()}</q></label>
                            <input id="plain-confirm" name="confirm" class="input" required autocomplete="off"/>
                        </div>
                    }
                    .into_any()
                } else {
                    view! { <input type="hidden" name="confirm" value=""/> }.into_any()
                };
                body.push_str(
                    &view! {
                        <section class="card mb-4 border-red-300 dark:border-red-800" data-testid="plain-delete" aria-labelledby="plain-delete-title">
                            <h3 id="plain-delete-title" class="font-medium">{td_string!(locale, categories.plain.delete_title)}" "<q translate="no">{p.name.clone()}</q></h3>
                            <p class="mt-1 text-sm">{p.sentence(locale)}</p>
                            <form method="post" action="/api/categories/delete" class="mt-3 flex flex-wrap items-end gap-2">
                                <input type="hidden" name="cate_id" value=p.id.to_string()/>
                                {confirm}
                                <button type="submit" class="btn-primary bg-red-600 hover:bg-red-700" data-testid="plain-confirm-delete">{td_string!(locale, categories.plain.delete)}</button>
                                <a href=here.clone() class="btn-ghost">{td_string!(locale, common.cancel)}</a>
                            </form>
                        </section>
                    }
                    .to_html(),
                );
            }
            Err(e) => body.push_str(&error_block(locale, &e)),
        }
    }

    // This level: rename, open, delete each.
    match crate::ssr::categories::children(&client, kind, parent).await {
        Err(e) => body.push_str(&error_block(locale, &crate::ssr::categories::vod_error_in(e, locale))),
        Ok(level) if level.nodes.is_empty() => {
            body.push_str(&view! { <p class="card text-slate-600 dark:text-slate-400">{td_string!(locale, categories.empty)}</p> }.to_html())
        }
        Ok(level) => {
            let rows = level.nodes.into_iter().map(|n| category_row(locale, n, &here, can_rename, can_delete)).collect_view();
            body.push_str(
                &view! {
                    <table class="table" data-testid="plain-categories">
                        <thead><tr>
                            <th scope="col">{td_string!(locale, categories.plain.name)}</th>
                            <th scope="col">{td_string!(locale, categories.plain.subs)}</th>
                            <th scope="col"><span class="sr-only">{td_string!(locale, categories.plain.actions)}</span></th>
                        </tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                }
                .to_html(),
            );
        }
    }
    if can_add {
        body.push_str(
            &view! {
                <section class="card mt-4" aria-labelledby="plain-add-title">
                    <h3 id="plain-add-title" class="mb-2 font-medium">{td_string!(locale, categories.plain.add_title)}</h3>
                    <form method="post" action="/api/categories/add" class="flex flex-wrap items-end gap-2">
                        <input type="hidden" name="cate_type" value=kind.as_str()/>
                        {parent.map(|p| view! { <input type="hidden" name="parent_id" value=p.to_string()/> })}
                        <div>
                            <label class="label" for="plain-new-name">{td_string!(locale, categories.plain.name)}</label>
                            <input id="plain-new-name" name="name" class="input" required data-testid="plain-new-name"/>
                        </div>
                        <button type="submit" class="btn-primary" data-testid="plain-add">{td_string!(locale, categories.plain.add)}</button>
                    </form>
                </section>
            }
            .to_html(),
        );
    }
    document(&ctx, &user, title, StatusCode::OK, q.refusal(locale), body)
}

fn category_row(locale: Locale, n: CategoryNode, here: &str, can_rename: bool, can_delete: bool) -> impl IntoView {
    let deeper = n.level + 1 < n.cate_type.max_depth();
    let open = level_href(n.cate_type, Some(n.id));
    let editable = !n.read_only();
    let input_id = format!("plain-name-{}", n.id);
    let sep = if here.contains('?') { '&' } else { '?' };
    let delete_href = format!("{here}{sep}delete={}", n.id);
    let name_cell = if can_rename && editable {
        view! {
            <form method="post" action="/api/categories/rename" class="flex flex-wrap gap-2">
                <input type="hidden" name="cate_id" value=n.id.to_string()/>
                <label class="sr-only" for=input_id.clone()>{td_string!(locale, categories.plain.new_name)}" "<span translate="no">{n.name.clone()}</span></label>
                <input id=input_id name="name" value=n.name.clone() class="input w-56 py-1" required translate="no"/>
                <button type="submit" class="btn-ghost">{td_string!(locale, categories.toolbar.rename)}</button>
            </form>
        }
        .into_any()
    } else {
        view! { <span translate="no">{n.name.clone()}</span> }.into_any()
    };
    view! {
        <tr data-testid="plain-category" data-id=n.id.to_string()>
            <td>{name_cell}</td>
            <td class="tabular-nums">{n.child_count}</td>
            <td class="space-x-2 whitespace-nowrap text-sm">
                {deeper.then(|| view! { <a href=open class="underline">{td_string!(locale, categories.plain.open)}</a> })}
                {(can_delete && editable).then(|| view! {
                    <a href=delete_href class="text-red-700 underline dark:text-red-300">{td_string!(locale, categories.plain.delete)}</a>
                })}
            </td>
        </tr>
    }
}

// --- deleting ticked media ---------------------------------------------------------------

async fn media_delete(State(state): State<AppState>, RawQuery(raw): RawQuery, parts: Parts) -> Response {
    let (ctx, user) = match signed_in(state, parts).await {
        Ok(v) => v,
        Err(r) => return r,
    };
    let locale = ctx.locale();
    let title = td_string!(locale, media.plain.title);
    let q = Query::new(raw);
    let tab = q.get("tab").and_then(MediaKind::from_slug).unwrap_or(MediaKind::Video);
    let mut body = view! {
        <p class="mb-4 text-sm"><a href=format!("/media?tab={}", tab.slug()) class="underline">{td_string!(locale, media.plain.back)}</a></p>
    }
    .to_html();
    if let Some(job) = q.get("job").and_then(|j| j.parse::<i64>().ok()) {
        body.push_str(&job_block(&ctx, &user, locale, job).await);
        return document(&ctx, &user, title, StatusCode::OK, q.refusal(locale), body);
    }
    if !user.can(tab.delete_permission()) {
        return forbidden(&ctx, &user, title, tab.delete_permission());
    }
    let ids = q.indexed("ids");
    if ids.is_empty() {
        body.push_str(&view! { <p class="card" data-testid="plain-nothing">{td_string!(locale, media.plain.nothing)}</p> }.to_html());
        return document(&ctx, &user, title, StatusCode::OK, q.refusal(locale), body);
    }
    let items = tab.count_in(locale, ids.len());
    body.push_str(
        &view! {
            <section class="card" data-testid="plain-delete-confirm" aria-labelledby="plain-delete-title">
                <h2 id="plain-delete-title" class="text-lg font-semibold">{td_string!(locale, media.delete.title, items = items.as_str()).to_string()}</h2>
                <ul class="my-2 max-h-60 list-disc overflow-auto pl-5 text-sm">
                    {ids.iter().map(|id| view! { <li><code>{id.clone()}</code></li> }).collect_view()}
                </ul>
                <p class="text-sm">{td_string!(locale, media.delete.what_goes)}<strong>{td_string!(locale, media.delete.irreversible)}</strong></p>
                <p class="text-sm">{td_string!(locale, media.delete.undo_secs, secs = ctx.state.settings.undo_window.as_secs()).to_string()}</p>
                <form method="post" action="/api/media/delete" class="mt-3">
                    <input type="hidden" name="tab" value=tab.slug()/>
                    {ids.iter().enumerate().map(|(i, id)| view! { <input type="hidden" name=format!("ids[{i}]") value=id.clone()/> }).collect_view()}
                    <button type="submit" class="btn-primary bg-red-600 hover:bg-red-700" data-testid="plain-confirm-delete">
                        {td_string!(locale, media.delete.confirm, items = items.as_str()).to_string()}
                    </button>
                </form>
            </section>
        }
        .to_html(),
    );
    document(&ctx, &user, title, StatusCode::OK, q.refusal(locale), body)
}

/// A queued delete of this person's (any, for an admin): waiting with Undo, running,
/// undone, or its per-item result.
async fn job_block(ctx: &Ctx, user: &CurrentUser, locale: Locale, id: i64) -> String {
    let owner = crate::ssr::delete_queue::owner(&ctx.state.db, id).await.ok().flatten();
    if !(owner.as_deref() == Some(user.username.as_str()) || user.role == crate::model::Role::Admin) {
        let message = td_string!(locale, media_rules.api.no_delete_of_yours, id = id).to_string();
        return error_block(locale, &AppError::NotFound(message));
    }
    let job = match crate::ssr::delete_queue::get(&ctx.state.db, id, ctx.state.settings.undo_window, locale).await {
        Ok(Some(job)) => job,
        Ok(None) => return error_block(locale, &AppError::NotFound(td_string!(locale, media_rules.api.no_delete_of_yours, id = id).to_string())),
        Err(e) => return error_block(locale, &crate::ssr::accounts::internal(e)),
    };
    let what = match job.retry_tab {
        Some(tab) => tab.count_in(locale, job.count),
        None => job.description.clone(),
    };
    let refresh = format!("/media/delete?job={}", job.id);
    let inner = match job.state {
        JobState::Pending => view! {
            <p><strong>{td_string!(locale, media.queue.pending, what = what.as_str()).to_string()}</strong>
                {td_string!(locale, media.queue.pending_when, secs = job.ms_left.div_ceil(1000)).to_string()}</p>
            <form method="post" action="/api/media/undo-delete" class="mt-3 flex gap-2">
                <input type="hidden" name="job" value=job.id.to_string()/>
                <button type="submit" class="btn-primary" data-testid="plain-undo">{td_string!(locale, media.queue.undo)}</button>
                <a href=refresh.clone() class="btn-ghost">{td_string!(locale, media.plain.refresh)}</a>
            </form>
        }
        .into_any(),
        JobState::Running => view! {
            <p>{td_string!(locale, media.queue.running, what = what.as_str()).to_string()}</p>
            <a href=refresh.clone() class="btn-ghost">{td_string!(locale, media.plain.refresh)}</a>
        }
        .into_any(),
        JobState::Cancelled => view! { <p>{td_string!(locale, media.queue.cancelled, what = what.as_str()).to_string()}</p> }.into_any(),
        JobState::Done => {
            let report = job.report.clone().unwrap_or_default();
            let rows = report.items.iter().map(|i| view! {
                <tr><td><code>{i.id.clone()}</code></td><td>{i.outcome.label(locale, &report.done_word)}</td>
                    <td class="text-sm">{i.message.clone().unwrap_or_default()}</td></tr>
            }).collect_view();
            view! {
                <p class="font-medium">{td_string!(locale, media.queue.result_title, what = what.as_str()).to_string()}</p>
                <p class="text-sm">{report.summary(locale)}</p>
                <table class="table mt-2"><tbody>{rows}</tbody></table>
            }
            .into_any()
        }
    };
    view! { <section class="card" data-testid="plain-job" data-state=job.state.as_str()>{inner}</section> }.to_html()
}

// --- URL pull jobs -------------------------------------------------------------------------

async fn pull_jobs(State(state): State<AppState>, RawQuery(raw): RawQuery, parts: Parts) -> Response {
    let (ctx, user) = match signed_in(state, parts).await {
        Ok(v) => v,
        Err(r) => return r,
    };
    let locale = ctx.locale();
    let title = td_string!(locale, upload.plain.title);
    if !user.can(crate::vod_permission!(GetURLUploadInfos)) {
        return forbidden(&ctx, &user, title, crate::vod_permission!(GetURLUploadInfos));
    }
    let q = Query::new(raw);
    let ids: Vec<String> = q.indexed("ids").into_iter().take(crate::model::upload::MAX_STATUS_JOBS).collect();
    let refused: usize = q.get("refused").and_then(|r| r.parse().ok()).unwrap_or(0);
    let pairs: Vec<(String, String)> = ids.iter().enumerate().map(|(i, id)| (format!("ids[{i}]"), id.clone())).collect();
    let mut pairs: Vec<(&str, String)> = pairs.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
    pairs.push(("refused", refused.to_string()));
    let refresh = format!("/media/upload/jobs?{}", encode(&pairs));
    let mut body = view! {
        <p class="mb-4 flex flex-wrap gap-3 text-sm">
            <a href=refresh class="underline" data-testid="plain-refresh">{td_string!(locale, upload.plain.refresh)}</a>
            <a href="/media/upload" class="underline">{td_string!(locale, upload.plain.back)}</a>
        </p>
    }
    .to_html();
    if refused > 0 {
        body.push_str(
            &view! {
                <p class="form-error mb-3">{td_string!(locale, upload.plain.refused, n = refused).to_string()}" "
                    <a href="/activity" class="underline">{td_string!(locale, upload.plain.activity)}</a></p>
            }
            .to_html(),
        );
    }
    if !ids.is_empty() {
        match crate::ssr::upload::pull_status(&ctx.vod(), &ids, locale).await {
            Err(e) => body.push_str(&error_block(locale, &crate::ssr::vod_errors::app_error_in(e, locale))),
            Ok(list) => body.push_str(
                &view! {
                    <table class="table" data-testid="plain-pull-jobs">
                        <thead><tr>
                            <th scope="col">"URL"</th>
                            <th scope="col">{td_string!(locale, upload.jobs.col_status)}</th>
                            <th scope="col">{td_string!(locale, upload.jobs.col_media_id)}</th>
                            <th scope="col">{td_string!(locale, upload.jobs.col_details)}</th>
                        </tr></thead>
                        <tbody>
                            {list.into_iter().map(|j| view! {
                                <tr data-testid="plain-pull-job" data-status=j.status.clone()>
                                    <td class="max-w-md break-all" translate="no">{j.url.clone()}</td>
                                    <td><code>{j.status.clone()}</code></td>
                                    <td><code>{j.media_id.clone()}</code></td>
                                    <td class="text-sm">{(!j.error_code.is_empty()).then(|| format!("{}: {}", j.error_code, j.error_message))}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }
                .to_html(),
            ),
        }
    }
    document(&ctx, &user, title, StatusCode::OK, q.refusal(locale), body)
}
