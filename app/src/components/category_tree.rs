//! One category tree as an ARIA tree widget: lazy expansion (a node's children are
//! fetched the first time it opens), media counts fetched for the rows on screen,
//! inline add and rename, and delete with a cascade preview and typed confirmation.
//!
//! Keyboard (on a focused node): ↑/↓ move, → opens or goes to the first child, ← closes
//! or goes to the parent, Home/End, Enter adds a sibling, Alt+Enter adds a child, F2
//! renames, Delete deletes (after the preview). Focus is roving: the focused node has
//! `tabindex=0`, every other node `-1`.
//!
//! VOD's limits (depth, 100 children, 64-byte names) are checked here before anything
//! is sent; the server checks them again.

use std::collections::{HashMap, HashSet};

use leptos::prelude::*;
use leptos::text_prop::TextProp;

use crate::api::categories::{
    add_category, count_category_media, delete_category, list_categories, preview_delete_category, rename_category,
    MAX_COUNT_IDS,
};
use crate::error::AppError;
use crate::i18n::*;
use crate::model::category::{check_can_add, check_name, CascadePreview, CategoryNode, CategoryType};
use crate::model::vod_text::{byte_counter, CATEGORY_NAME_MAX_BYTES};

/// What a person may change in this tree (from their role).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TreePermissions {
    pub add: bool,
    pub rename: bool,
    pub delete: bool,
}

impl TreePermissions {
    fn any(self) -> bool {
        self.add || self.rename || self.delete
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Edit {
    /// A new category at the end of `parent`'s children (`None`: the top level).
    Add { parent: Option<i64> },
    Rename(i64),
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Notice {
    Done(String),
    Refused(String),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum RowKind {
    Node(i64),
    Draft,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
struct Row {
    kind: RowKind,
    level: u8,
}

/// Indentation of a row by level, as classes (the CSP allows no inline styles).
fn indent_class(level: u8) -> &'static str {
    match level {
        0 => "pl-1",
        1 => "pl-6",
        2 => "pl-11",
        _ => "pl-16",
    }
}

/// Moves keyboard focus to the element with `dom_id` once it is on screen.
fn focus_element(dom_id: String) {
    #[cfg(feature = "hydrate")]
    request_animation_frame(move || {
        use leptos::wasm_bindgen::JsCast;
        if let Some(el) = document().get_element_by_id(&dom_id) {
            if let Ok(el) = el.dyn_into::<leptos::web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        }
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = dom_id;
}

/// The state of one tree. Every field is a signal, so the struct is `Copy`.
#[derive(Clone, Copy)]
struct Tree {
    kind: CategoryType,
    can: TreePermissions,
    /// The language messages are written in when an action ends.
    i18n: leptos_i18n::I18nContext<Locale>,
    nodes: RwSignal<HashMap<i64, CategoryNode>>,
    /// Loaded children per parent (`None`: the top level), oldest first.
    children: RwSignal<HashMap<Option<i64>, Vec<i64>>>,
    expanded: RwSignal<HashSet<i64>>,
    loading: RwSignal<HashSet<i64>>,
    focused: RwSignal<Option<i64>>,
    counts: RwSignal<HashMap<i64, u64>>,
    counting: RwSignal<HashSet<i64>>,
    edit: RwSignal<Option<Edit>>,
    /// The text of the add / rename field.
    draft: RwSignal<String>,
    draft_error: RwSignal<Option<String>>,
    busy: RwSignal<bool>,
    notice: RwSignal<Option<Notice>>,
    deleting: RwSignal<Option<i64>>,
    preview: RwSignal<Option<Result<CascadePreview, AppError>>>,
    confirm: RwSignal<String>,
}

impl Tree {
    fn new(kind: CategoryType, can: TreePermissions, top: Vec<CategoryNode>, i18n: leptos_i18n::I18nContext<Locale>) -> Tree {
        let ids: Vec<i64> = top.iter().map(|n| n.id).collect();
        let nodes: HashMap<i64, CategoryNode> = top.into_iter().map(|n| (n.id, n)).collect();
        Tree {
            kind,
            can,
            i18n,
            nodes: RwSignal::new(nodes),
            children: RwSignal::new(HashMap::from([(None, ids)])),
            expanded: RwSignal::new(HashSet::new()),
            loading: RwSignal::new(HashSet::new()),
            focused: RwSignal::new(None),
            counts: RwSignal::new(HashMap::new()),
            counting: RwSignal::new(HashSet::new()),
            edit: RwSignal::new(None),
            draft: RwSignal::new(String::new()),
            draft_error: RwSignal::new(None),
            busy: RwSignal::new(false),
            notice: RwSignal::new(None),
            deleting: RwSignal::new(None),
            preview: RwSignal::new(None),
            confirm: RwSignal::new(String::new()),
        }
    }

    /// The current language, for a message written when something happens.
    fn locale(self) -> Locale {
        self.i18n.get_locale_untracked()
    }

    fn dom_id(self, id: i64) -> String {
        format!("cat-{}-{id}", self.kind.as_str())
    }

    fn draft_dom_id(self) -> String {
        format!("cat-{}-draft", self.kind.as_str())
    }

    fn node(self, id: i64) -> Option<CategoryNode> {
        self.nodes.with_untracked(|m| m.get(&id).cloned())
    }

    /// The rows on screen, in order: nodes whose ancestors are all open, and the field
    /// for a new category at the end of its parent's children.
    fn rows(self) -> Vec<Row> {
        let children = self.children.read();
        let expanded = self.expanded.read();
        let edit = *self.edit.read();
        let mut out = Vec::new();
        fn visit(
            parent: Option<i64>,
            level: u8,
            children: &HashMap<Option<i64>, Vec<i64>>,
            expanded: &HashSet<i64>,
            edit: Option<Edit>,
            out: &mut Vec<Row>,
        ) {
            for id in children.get(&parent).into_iter().flatten() {
                out.push(Row { kind: RowKind::Node(*id), level });
                if expanded.contains(id) {
                    visit(Some(*id), level + 1, children, expanded, edit, out);
                }
            }
            if edit == Some(Edit::Add { parent }) {
                out.push(Row { kind: RowKind::Draft, level });
            }
        }
        visit(None, 0, &children, &expanded, edit, &mut out);
        out
    }

    fn visible_nodes(self) -> Vec<i64> {
        self.rows()
            .into_iter()
            .filter_map(|r| match r.kind {
                RowKind::Node(id) => Some(id),
                RowKind::Draft => None,
            })
            .collect()
    }

    /// The node that takes Tab focus: the focused one, else the first.
    fn tab_stop(self) -> Option<i64> {
        self.focused.get().or_else(|| self.children.with(|c| c.get(&None).and_then(|v| v.first().copied())))
    }

    fn has_children(self, id: i64) -> bool {
        let loaded = self.children.with(|c| c.get(&Some(id)).map(|v| !v.is_empty()));
        loaded.unwrap_or_else(|| self.nodes.with(|m| m.get(&id).is_some_and(|n| n.child_count > 0)))
    }

    fn focus(self, id: i64) {
        self.focused.set(Some(id));
        focus_element(self.dom_id(id));
    }

    fn refuse(self, message: String) {
        self.notice.set(Some(Notice::Refused(message)));
    }

    /// Opens `id`, fetching its children the first time; then runs `then`.
    fn expand(self, id: i64, then: impl FnOnce() + 'static) {
        let loaded = self.children.with_untracked(|c| c.contains_key(&Some(id)));
        let empty = self.node(id).is_some_and(|n| n.child_count == 0);
        if loaded || empty {
            if !loaded {
                self.children.update(|c| {
                    c.insert(Some(id), Vec::new());
                });
            }
            self.expanded.update(|e| {
                e.insert(id);
            });
            then();
            return;
        }
        if self.loading.with_untracked(|l| l.contains(&id)) {
            return;
        }
        self.loading.update(|l| {
            l.insert(id);
        });
        let kind = self.kind;
        leptos::task::spawn_local(async move {
            match list_categories(kind, Some(id), false).await {
                Ok(level) => {
                    let ids: Vec<i64> = level.nodes.iter().map(|n| n.id).collect();
                    self.nodes.update(|m| {
                        if let Some(n) = m.get_mut(&id) {
                            n.child_count = ids.len() as u32;
                        }
                        m.extend(level.nodes.into_iter().map(|n| (n.id, n)));
                    });
                    self.children.update(|c| {
                        c.insert(Some(id), ids);
                    });
                    self.expanded.update(|e| {
                        e.insert(id);
                    });
                    then();
                }
                Err(e) => self.refuse(e.localized(self.locale())),
            }
            self.loading.update(|l| {
                l.remove(&id);
            });
        });
    }

    fn collapse(self, id: i64) {
        self.expanded.update(|e| {
            e.remove(&id);
        });
        if matches!(self.edit.get_untracked(), Some(Edit::Add { parent: Some(p) }) if p == id) {
            self.cancel_edit();
        }
    }

    fn toggle(self, id: i64) {
        if self.expanded.with_untracked(|e| e.contains(&id)) {
            self.collapse(id);
        } else {
            self.expand(id, || {});
        }
    }

    fn open_editor(self, edit: Edit, text: String) {
        self.notice.set(None);
        self.draft.set(text);
        self.draft_error.set(None);
        self.edit.set(Some(edit));
        let dom = self.draft_dom_id();
        focus_element(dom);
    }

    fn cancel_edit(self) {
        let back = match self.edit.get_untracked() {
            Some(Edit::Rename(id)) => Some(id),
            _ => self.focused.get_untracked(),
        };
        self.edit.set(None);
        self.draft_error.set(None);
        if let Some(id) = back {
            self.focus(id);
        }
    }

    fn top_level_count(self) -> u32 {
        self.children.with_untracked(|c| c.get(&None).map_or(0, |v| v.len() as u32))
    }

    /// Where a new category under `parent` may go, by VOD's limits.
    fn check_add(self, parent: Option<i64>) -> Result<(), String> {
        let locale = self.locale();
        if !self.can.add {
            return Err(td_string!(locale, categories.refuse.cannot_add).to_string());
        }
        let parent_node = parent.and_then(|p| self.node(p));
        check_can_add(locale, self.kind, parent_node.as_ref(), self.top_level_count())
    }

    fn start_add(self, parent: Option<i64>) {
        if let Err(m) = self.check_add(parent) {
            self.refuse(m);
            return;
        }
        match parent {
            None => self.open_editor(Edit::Add { parent: None }, String::new()),
            Some(p) => self.expand(p, move || self.open_editor(Edit::Add { parent: Some(p) }, String::new())),
        }
    }

    fn start_add_sibling(self, id: i64) {
        let parent = self.node(id).and_then(|n| n.parent_id);
        self.start_add(parent);
    }

    fn start_rename(self, id: i64) {
        let Some(node) = self.node(id) else { return };
        let locale = self.locale();
        if !self.can.rename {
            return self.refuse(td_string!(locale, categories.refuse.cannot_rename).to_string());
        }
        if node.read_only() {
            let name = node.name.as_str();
            return self.refuse(td_string!(locale, categories.refuse.builtin_rename, name = name).to_string());
        }
        self.open_editor(Edit::Rename(id), node.name);
    }

    fn start_delete(self, id: i64) {
        let Some(node) = self.node(id) else { return };
        let locale = self.locale();
        if !self.can.delete {
            return self.refuse(td_string!(locale, categories.refuse.cannot_delete).to_string());
        }
        if node.read_only() {
            let name = node.name.as_str();
            return self.refuse(td_string!(locale, categories.refuse.builtin_delete, name = name).to_string());
        }
        self.notice.set(None);
        self.confirm.set(String::new());
        self.preview.set(None);
        self.deleting.set(Some(id));
        leptos::task::spawn_local(async move {
            let preview = preview_delete_category(id).await;
            if self.deleting.get_untracked() == Some(id) {
                let cascades = preview.as_ref().is_ok_and(CascadePreview::cascades);
                self.preview.set(Some(preview));
                focus_element(format!(
                    "cat-{}-{}",
                    self.kind.as_str(),
                    if cascades { "confirm" } else { "delete" }
                ));
            }
        });
    }

    fn close_delete(self) {
        let id = self.deleting.get_untracked();
        self.deleting.set(None);
        self.preview.set(None);
        if let Some(id) = id {
            self.focus(id);
        }
    }

    fn submit_edit(self) {
        if self.busy.get_untracked() {
            return;
        }
        let Some(edit) = self.edit.get_untracked() else { return };
        let text = self.draft.get_untracked();
        let name = match check_name(self.locale(), &text) {
            Ok(n) => n,
            Err(m) => return self.draft_error.set(Some(m)),
        };
        if let Edit::Add { parent } = edit {
            if let Err(m) = self.check_add(parent) {
                return self.draft_error.set(Some(m));
            }
        }
        self.busy.set(true);
        let kind = self.kind;
        leptos::task::spawn_local(async move {
            match edit {
                Edit::Add { parent } => match add_category(kind, parent, name).await {
                    Ok(node) => {
                        let id = node.id;
                        let name = node.name.clone();
                        self.nodes.update(|m| {
                            if let Some(p) = parent.and_then(|p| m.get_mut(&p)) {
                                p.child_count += 1;
                            }
                            m.insert(id, node);
                        });
                        self.children.update(|c| {
                            c.entry(parent).or_default().push(id);
                            c.insert(Some(id), Vec::new());
                        });
                        self.counts.update(|c| {
                            c.insert(id, 0);
                        });
                        self.edit.set(None);
                        self.draft.set(String::new());
                        let done = td_string!(self.locale(), categories.notice.added, name = name).to_string();
                        self.notice.set(Some(Notice::Done(done)));
                        self.focus(id);
                    }
                    Err(e) => self.draft_error.set(Some(e.localized(self.locale()))),
                },
                Edit::Rename(id) => match rename_category(id, name.clone()).await {
                    Ok(()) => {
                        self.nodes.update(|m| {
                            if let Some(n) = m.get_mut(&id) {
                                n.name = name.clone();
                            }
                        });
                        self.edit.set(None);
                        let done = td_string!(self.locale(), categories.notice.renamed, name = name).to_string();
                        self.notice.set(Some(Notice::Done(done)));
                        self.focus(id);
                    }
                    Err(e) => self.draft_error.set(Some(e.localized(self.locale()))),
                },
            }
            self.busy.set(false);
        });
    }

    fn perform_delete(self) {
        let (Some(id), Some(Ok(preview))) = (self.deleting.get_untracked(), self.preview.get_untracked()) else {
            return;
        };
        if self.busy.get_untracked() {
            return;
        }
        let confirm = self.confirm.get_untracked();
        if preview.cascades() && confirm.trim() != preview.name {
            return;
        }
        self.busy.set(true);
        leptos::task::spawn_local(async move {
            match delete_category(id, confirm).await {
                Ok(done) => {
                    // Focus goes to the row above (or below) the deleted one.
                    let rows = self.visible_nodes();
                    let pos = rows.iter().position(|r| *r == id).unwrap_or(0);
                    let parent = self.node(id).and_then(|n| n.parent_id);
                    let mut gone = vec![id];
                    let mut i = 0;
                    self.children.with_untracked(|c| {
                        while i < gone.len() {
                            gone.extend(c.get(&Some(gone[i])).into_iter().flatten().copied());
                            i += 1;
                        }
                    });
                    self.children.update(|c| {
                        if let Some(list) = c.get_mut(&parent) {
                            list.retain(|x| *x != id);
                        }
                        for g in &gone {
                            c.remove(&Some(*g));
                        }
                    });
                    self.nodes.update(|m| {
                        for g in &gone {
                            m.remove(g);
                        }
                        if let Some(p) = parent.and_then(|p| m.get_mut(&p)) {
                            p.child_count = p.child_count.saturating_sub(1);
                        }
                    });
                    self.expanded.update(|e| e.retain(|x| !gone.contains(x)));
                    self.deleting.set(None);
                    self.preview.set(None);
                    let locale = self.locale();
                    let sentence = done.sentence(locale);
                    let message =
                        td_string!(locale, categories.notice.deleted, name = done.name.as_str(), preview = sentence).to_string();
                    self.notice.set(Some(Notice::Done(message)));
                    let rows = self.visible_nodes();
                    let next = if pos > 0 { rows.get(pos - 1) } else { rows.first() };
                    match next {
                        Some(n) => self.focus(*n),
                        None => self.focused.set(None),
                    }
                }
                Err(e) => self.preview.set(Some(Err(e))),
            }
            self.busy.set(false);
        });
    }

    fn on_key(self, id: i64, ev: leptos::ev::KeyboardEvent) {
        let rows = self.visible_nodes();
        let pos = rows.iter().position(|r| *r == id);
        let key = ev.key();
        match key.as_str() {
            "ArrowDown" => {
                if let Some(next) = pos.and_then(|p| rows.get(p + 1)) {
                    self.focus(*next);
                }
            }
            "ArrowUp" => {
                if let Some(prev) = pos.filter(|p| *p > 0).and_then(|p| rows.get(p - 1)) {
                    self.focus(*prev);
                }
            }
            "Home" => {
                if let Some(first) = rows.first() {
                    self.focus(*first);
                }
            }
            "End" => {
                if let Some(last) = rows.last() {
                    self.focus(*last);
                }
            }
            "ArrowRight" => {
                if self.expanded.get_untracked().contains(&id) {
                    let first = self.children.with_untracked(|c| c.get(&Some(id)).and_then(|v| v.first().copied()));
                    if let Some(first) = first {
                        self.focus(first);
                    }
                } else if self.has_children(id) {
                    self.expand(id, || {});
                }
            }
            "ArrowLeft" => {
                if self.expanded.get_untracked().contains(&id) {
                    self.collapse(id);
                } else if let Some(parent) = self.node(id).and_then(|n| n.parent_id) {
                    self.focus(parent);
                }
            }
            "Enter" if ev.alt_key() => self.start_add(Some(id)),
            "Enter" => self.start_add_sibling(id),
            "F2" => self.start_rename(id),
            "Delete" => self.start_delete(id),
            _ => return,
        }
        ev.prevent_default();
    }
}

/// One tree (`default` or `material`) with its toolbar, notices and delete dialog.
#[component]
pub fn CategoryTree(kind: CategoryType, top: Vec<CategoryNode>, can: TreePermissions) -> impl IntoView {
    let i18n = use_i18n();
    let tree = Tree::new(kind, can, top, i18n);
    let rows = Memo::new(move |_| tree.rows());

    // Media counts for the rows on screen, fetched in the browser after the tree shows.
    Effect::new(move |_| {
        let wanted: Vec<i64> = rows
            .get()
            .into_iter()
            .filter_map(|r| match r.kind {
                RowKind::Node(id) => Some(id),
                RowKind::Draft => None,
            })
            .filter(|id| {
                !tree.counts.with_untracked(|c| c.contains_key(id)) && !tree.counting.with_untracked(|c| c.contains(id))
            })
            .take(MAX_COUNT_IDS)
            .collect();
        if wanted.is_empty() {
            return;
        }
        tree.counting.update(|c| c.extend(wanted.iter().copied()));
        leptos::task::spawn_local(async move {
            if let Ok(counts) = count_category_media(wanted.clone()).await {
                tree.counts.update(|c| c.extend(counts.into_iter().map(|m| (m.id, m.media))));
            }
            tree.counting.update(|c| c.retain(|id| !wanted.contains(id)));
        });
    });

    let label_id = format!("tree-label-{}", kind.as_str());
    let tree_label = move || kind.label_in(i18n.get_locale());
    let focused_node = move || tree.focused.get().and_then(|id| tree.nodes.with(|m| m.get(&id).cloned()));

    view! {
        <section class="card" data-testid=format!("category-tree-{}", kind.as_str())>
            <div class="mb-3 flex flex-wrap items-center gap-2">
                <h2 id=label_id.clone() class="mr-auto font-medium">{tree_label}</h2>
                {(can.add && kind.top_level_editable()).then(|| view! {
                    <button type="button" class="btn-ghost" on:click=move |_| tree.start_add(None) data-testid="add-top">
                        {t!(i18n, categories.toolbar.new_top)}
                    </button>
                })}
                {can.any().then(|| view! {
                    <button type="button" class="btn-ghost" disabled=move || tree.focused.get().is_none()
                        on:click=move |_| { if let Some(id) = tree.focused.get_untracked() { tree.start_add_sibling(id) } }>
                        {t!(i18n, categories.toolbar.add_sibling)} <kbd class="ml-1 text-xs text-slate-600 dark:text-slate-400" translate="no">"Enter"</kbd>
                    </button>
                    <button type="button" class="btn-ghost" disabled=move || tree.focused.get().is_none()
                        on:click=move |_| { if let Some(id) = tree.focused.get_untracked() { tree.start_add(Some(id)) } }>
                        {t!(i18n, categories.toolbar.add_child)} <kbd class="ml-1 text-xs text-slate-600 dark:text-slate-400" translate="no">"Alt+Enter"</kbd>
                    </button>
                    <button type="button" class="btn-ghost" disabled=move || tree.focused.get().is_none()
                        on:click=move |_| { if let Some(id) = tree.focused.get_untracked() { tree.start_rename(id) } }>
                        {t!(i18n, categories.toolbar.rename)} <kbd class="ml-1 text-xs text-slate-600 dark:text-slate-400" translate="no">"F2"</kbd>
                    </button>
                    <button type="button" class="btn-ghost" disabled=move || tree.focused.get().is_none()
                        on:click=move |_| { if let Some(id) = tree.focused.get_untracked() { tree.start_delete(id) } }>
                        {t!(i18n, categories.toolbar.delete)} <kbd class="ml-1 text-xs text-slate-600 dark:text-slate-400" translate="no">"Del"</kbd>
                    </button>
                })}
                {move || focused_node().map(|n| {
                    let href = format!("/media?cate={}", n.id);
                    let name = n.name;
                    view! {
                        <a class="btn-ghost" href=href data-testid="open-media">
                            {move || t_string!(i18n, categories.toolbar.open_media, name = name.clone()).to_string()}
                        </a>
                    }
                })}
            </div>
            <div aria-live="polite" data-testid="tree-message">
                {move || tree.notice.get().map(|n| match n {
                    Notice::Done(m) => view! { <p role="status" class="form-ok">{m}</p> }.into_any(),
                    Notice::Refused(m) => view! { <p role="alert" class="form-error">{m}</p> }.into_any(),
                })}
            </div>
            <ul role="tree" aria-labelledby=label_id class="mt-2 text-sm" data-testid="tree">
                <For each=move || rows.get() key=|r| *r let:row>
                    {match row.kind {
                        RowKind::Node(id) => view! { <NodeRow tree id level=row.level/> }.into_any(),
                        RowKind::Draft => view! { <DraftRow tree level=row.level/> }.into_any(),
                    }}
                </For>
            </ul>
            {move || tree.children.with(|c| c.get(&None).is_none_or(Vec::is_empty)).then(|| view! {
                <p class="text-sm text-slate-600 dark:text-slate-400">{t!(i18n, categories.empty)}</p>
            })}
            {move || tree.deleting.get().map(|id| view! { <DeleteDialog tree id/> })}
        </section>
    }
}

/// The name field used for adding and renaming; keeps the typed text when refused.
#[component]
fn NameField(tree: Tree, #[prop(into)] label: TextProp) -> impl IntoView {
    let error_id = format!("cat-{}-draft-error", tree.kind.as_str());
    let described = error_id.clone();
    view! {
        <span class="inline-flex flex-col">
            <span class="inline-flex items-center gap-2">
                <input
                    id=tree.draft_dom_id()
                    class="input py-1"
                    aria-label=label
                    aria-invalid=move || if tree.draft_error.get().is_some() { "true" } else { "false" }
                    aria-describedby=described
                    data-testid="category-name-input"
                    value=tree.draft.get_untracked()
                    prop:value=move || tree.draft.get()
                    aria-busy=move || if tree.busy.get() { "true" } else { "false" }
                    on:input=move |ev| {
                        tree.draft.set(event_target_value(&ev));
                        tree.draft_error.set(None);
                    }
                    on:keydown=move |ev| {
                        ev.stop_propagation();
                        match ev.key().as_str() {
                            "Enter" => { ev.prevent_default(); tree.submit_edit(); }
                            "Escape" => { ev.prevent_default(); tree.cancel_edit(); }
                            _ => {}
                        }
                    }
                />
                <span class=move || if tree.draft.with(|d| d.trim().len() > CATEGORY_NAME_MAX_BYTES) { "text-xs text-red-700 dark:text-red-300" } else { "text-xs text-slate-600 dark:text-slate-400" }>
                    {move || {
                        let locale = tree.i18n.get_locale();
                        tree.draft.with(|d| byte_counter(locale, d.trim(), CATEGORY_NAME_MAX_BYTES))
                    }}
                </span>
            </span>
            <span id=error_id role="alert" class="text-xs text-red-700 dark:text-red-300" data-testid="category-name-error">
                {move || tree.draft_error.get()}
            </span>
        </span>
    }
}

#[component]
fn DraftRow(tree: Tree, level: u8) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <li role="none" class=format!("py-1 {}", indent_class(level)) data-testid="category-draft">
            <NameField tree label=move || t_string!(i18n, categories.name_new)/>
            <span class="ml-2 text-xs text-slate-600 dark:text-slate-400">{t!(i18n, categories.edit_hint)}</span>
        </li>
    }
}

#[component]
fn NodeRow(tree: Tree, id: i64, level: u8) -> impl IntoView {
    let i18n = use_i18n();
    let node = move || tree.nodes.with(|m| m.get(&id).cloned());
    let name = move || node().map(|n| n.name).unwrap_or_default();
    let parent = tree.node(id).and_then(|n| n.parent_id);
    let siblings = move || tree.children.with(|c| c.get(&parent).cloned().unwrap_or_default());
    let posinset = move || siblings().iter().position(|x| *x == id).map_or(1, |p| p + 1).to_string();
    let setsize = move || siblings().len().to_string();
    let expandable = move || tree.has_children(id);
    let is_open = move || tree.expanded.with(|e| e.contains(&id));
    let aria_expanded = move || expandable().then(|| if is_open() { "true" } else { "false" });
    let focused = move || tree.focused.get() == Some(id);
    let tabindex = move || if tree.tab_stop() == Some(id) { "0" } else { "-1" };
    let renaming = move || tree.edit.get() == Some(Edit::Rename(id));
    let count = move || tree.counts.with(|c| c.get(&id).copied());
    view! {
        <li
            id=tree.dom_id(id)
            role="treeitem"
            aria-setsize=setsize
            aria-posinset=posinset
            aria-expanded=aria_expanded
            aria-selected=move || if focused() { "true" } else { "false" }
            tabindex=tabindex
            data-testid="category-node"
            data-id=id.to_string()
            data-level=(level + 1).to_string()
            class=format!(
                "flex items-center gap-2 rounded py-1 pr-2 outline-none focus-visible:ring-2 focus-visible:ring-blue-600 aria-selected:bg-blue-50 dark:aria-selected:bg-blue-950 {}",
                indent_class(level),
            )
            on:focus=move |_| tree.focused.set(Some(id))
            on:click=move |_| tree.focus(id)
            on:keydown=move |ev| tree.on_key(id, ev)
        >
            <span
                aria-hidden="true"
                class="inline-block w-4 cursor-pointer select-none text-center text-slate-600 dark:text-slate-400"
                on:click=move |ev| { ev.stop_propagation(); tree.toggle(id); tree.focus(id); }
            >
                {move || if tree.loading.with(|l| l.contains(&id)) { "…" } else if !expandable() { "" } else if is_open() { "▾" } else { "▸" }}
            </span>
            {move || if renaming() {
                let label = move || t_string!(i18n, categories.name_for, name = name()).to_string();
                view! { <NameField tree label/> }.into_any()
            } else {
                view! { <span class="font-medium" data-testid="category-name" translate="no">{name}</span> }.into_any()
            }}
            <a
                tabindex="-1"
                class="ml-auto text-xs text-slate-500 hover:underline dark:text-slate-400"
                href=format!("/media?cate={id}")
                title=move || t_string!(i18n, categories.count_title)
                data-testid="category-count"
            >
                {move || match count() {
                    Some(n) => t_string!(i18n, categories.count, n = n).to_string(),
                    None => t_string!(i18n, categories.count_pending).to_string(),
                }}
            </a>
        </li>
    }
    // tachys has no typed `aria-level` attribute.
    .attr("aria-level", (level + 1).to_string())
}

#[component]
fn DeleteDialog(tree: Tree, id: i64) -> impl IntoView {
    let i18n = use_i18n();
    let title_id = format!("cat-{}-delete-title", tree.kind.as_str());
    let labelled_by = title_id.clone();
    let name = tree.node(id).map(|n| n.name).unwrap_or_default();
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            ev.prevent_default();
            tree.close_delete();
        }
    };
    view! {
        <div role="alertdialog" aria-labelledby=labelled_by class="mt-4 rounded-md border border-red-300 bg-red-50 p-4 dark:border-red-800 dark:bg-red-950"
            data-testid="delete-dialog" on:keydown=on_key>
            <h3 id=title_id class="font-medium">
                {move || t_string!(i18n, categories.dialog.title, name = name.clone()).to_string()}
            </h3>
            {move || match tree.preview.get() {
                None => view! { <p class="mt-2 text-sm" role="status">{t!(i18n, categories.dialog.counting)}</p> }.into_any(),
                Some(Err(e)) => view! {
                    <p role="alert" class="form-error">{move || e.localized(i18n.get_locale())}</p>
                    <button type="button" class="btn-ghost mt-2" on:click=move |_| tree.close_delete()>
                        {t!(i18n, categories.dialog.close)}
                    </button>
                }.into_any(),
                Some(Ok(p)) => {
                    let cascades = p.cascades();
                    let expected = p.name.clone();
                    let confirm_name = p.name.clone();
                    let shown: Vec<String> = p.descendants.iter().take(12).cloned().collect();
                    let more = p.descendants.len().saturating_sub(shown.len());
                    let matches = move || tree.confirm.with(|c| c.trim() == expected);
                    let sentence = move || p.sentence(i18n.get_locale());
                    view! {
                        <p class="mt-2 text-sm" data-testid="delete-preview">{sentence}</p>
                        {(!shown.is_empty()).then(|| view! {
                            <ul class="mt-1 list-disc pl-6 text-sm" data-testid="delete-descendants">
                                {shown.into_iter().map(|n| view! { <li translate="no">{n}</li> }).collect_view()}
                                {(more > 0).then(|| view! {
                                    <li>{move || t_string!(i18n, categories.dialog.and_more, n = more).to_string()}</li>
                                })}
                            </ul>
                        })}
                        <p class="mt-2 text-sm">{t!(i18n, categories.dialog.irreversible)}</p>
                        {cascades.then(|| view! {
                            <label class="label mt-3" for=format!("cat-{}-confirm", tree.kind.as_str())>
                                {move || t_string!(i18n, categories.dialog.type_to_confirm, name = confirm_name.clone()).to_string()}
                            </label>
                            <input id=format!("cat-{}-confirm", tree.kind.as_str()) class="input max-w-sm" autocomplete="off"
                                data-testid="delete-confirm"
                                on:input=move |ev| tree.confirm.set(event_target_value(&ev))
                                on:keydown=move |ev| if ev.key() == "Enter" { ev.prevent_default(); tree.perform_delete(); }/>
                        })}
                        <div class="mt-3 flex gap-2">
                            <button type="button" id=format!("cat-{}-delete", tree.kind.as_str()) class="btn-primary bg-red-600 hover:bg-red-700"
                                data-testid="delete-perform"
                                disabled=move || tree.busy.get() || (cascades && !matches())
                                on:click=move |_| tree.perform_delete()>
                                {t!(i18n, categories.dialog.delete)}
                            </button>
                            <button type="button" class="btn-ghost" on:click=move |_| tree.close_delete()>
                                {t!(i18n, categories.dialog.cancel)}
                            </button>
                        </div>
                    }.into_any()
                }
            }}
        </div>
    }
}
