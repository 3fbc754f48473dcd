//! The category tree page: both trees (audio/video/image and material), built from
//! GetCategories. The top level of each is server-rendered; deeper levels load when a
//! node opens. Editing controls appear only for roles that hold the VOD permissions,
//! and the server checks them again.

use leptos::prelude::*;

use crate::api::categories::{list_categories, AddCategory, DeleteCategory, RenameCategory};
use crate::api::media::list_category_options;
use crate::components::category_picker::{CategoryEntry, CategoryPicker};
use crate::components::category_tree::{CategoryTree, TreePermissions};
use crate::components::shell::ErrorPanel;
use crate::i18n::*;
use crate::model::category::{CategoryType, MAX_CHILDREN};
use crate::model::vod_text::CATEGORY_NAME_MAX_BYTES;
use crate::model::CurrentUser;
use crate::ui::{FormMessage, PageHeader, Spinner};

#[component]
pub fn CategoriesPage() -> impl IntoView {
    let me = expect_context::<CurrentUser>();
    let i18n = use_i18n();
    if !me.can(crate::vod_permission!(GetCategories)) {
        return view! {
            <PageHeader title=move || t_string!(i18n, categories.title)/>
            <ErrorPanel error=crate::error::AppError::Forbidden { permission: crate::vod_permission!(GetCategories).to_string() }/>
        }
        .into_any();
    }
    let can = TreePermissions {
        add: me.can(crate::vod_permission!(AddCategory)),
        rename: me.can(crate::vod_permission!(UpdateCategory)),
        delete: me.can(crate::vod_permission!(DeleteCategory)),
    };
    let query = leptos_router::hooks::use_query_map();
    let fresh = Memo::new(move |_| query.with(|q| q.get("fresh").as_deref() == Some("1")));
    let default_top = Resource::new(move || fresh.get(), |fresh| list_categories(CategoryType::Default, None, fresh));
    let material_top = Resource::new(move || fresh.get(), |fresh| list_categories(CategoryType::Material, None, fresh));

    view! {
        <PageHeader title=move || t_string!(i18n, categories.title) description=move || t_string!(i18n, categories.intro)/>
        <div class="mb-4 space-y-1 text-sm text-slate-600 dark:text-slate-400" data-testid="category-help">
            <p>{move || {
                t_string!(i18n, categories.help.limits, max_children = MAX_CHILDREN, max_bytes = CATEGORY_NAME_MAX_BYTES)
                    .to_string()
            }}</p>
            {(can.add || can.rename || can.delete).then(|| view! {
                // Key names are marked as such (`<kbd>`), and not for translation.
                <p>{t!(i18n, categories.help.keyboard, <kbd> = <kbd translate="no"/>)}</p>
            })}
            <p>{t!(i18n, categories.help.no_move)}</p>
        </div>
        <div class="grid gap-6 lg:grid-cols-2">
            <Suspense fallback=|| view! { <Spinner/> }>
                {move || Suspend::new(async move {
                    match default_top.await {
                        Ok(level) => view! {
                            <div>
                                <crate::ui::FreshnessNote age_secs=level.cached_age_secs reload_href="/categories?fresh=1".to_string()/>
                                <CategoryTree kind=CategoryType::Default top=level.nodes can/>
                            </div>
                        }.into_any(),
                        Err(e) => view! { <ErrorPanel error=e/> }.into_any(),
                    }
                })}
            </Suspense>
            <Suspense fallback=|| view! { <Spinner/> }>
                {move || Suspend::new(async move {
                    match material_top.await {
                        Ok(level) => view! { <CategoryTree kind=CategoryType::Material top=level.nodes can/> }.into_any(),
                        Err(e) => view! { <ErrorPanel error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
        {can.any().then(|| view! { <PlainForms can/> })}
    }
    .into_any()
}

/// The tree's changes as plain forms (add, rename, delete), for the audio, video and
/// image tree at any depth: they post and come back to the page, so they work with
/// JavaScript off. The server checks them exactly as it checks the tree's.
#[component]
fn PlainForms(can: TreePermissions) -> impl IntoView {
    let i18n = use_i18n();
    let add = ServerAction::<AddCategory>::new();
    let rename = ServerAction::<RenameCategory>::new();
    let delete = ServerAction::<DeleteCategory>::new();
    // Read again after each change, so the lists show it.
    let options = Resource::new(
        move || (add.version().get(), rename.version().get(), delete.version().get()),
        |_| list_category_options(),
    );
    view! {
        // Open when a form came back with an answer (with JavaScript off, an error comes
        // back in the page's address), so the message is seen.
        <details class="card mt-6" data-testid="category-forms"
            open=move || add.value().with(Option::is_some) || rename.value().with(Option::is_some) || delete.value().with(Option::is_some)>
            <summary class="cursor-pointer font-medium">{t!(i18n, categories.forms.title)}</summary>
            <p class="mt-2 text-sm text-slate-600 dark:text-slate-400">{t!(i18n, categories.forms.intro)}</p>
            <Suspense fallback=|| view! { <Spinner/> }>
                {move || Suspend::new(async move {
                    let categories = match options.await {
                        Ok(list) => list,
                        Err(e) => return view! { <ErrorPanel error=e/> }.into_any(),
                    };
                    let entries: Vec<CategoryEntry> = categories.iter().map(CategoryEntry::from).collect();
                    let (for_add, for_rename, for_delete) = (entries.clone(), entries.clone(), entries);
                    view! {
                        <div class="mt-4 grid gap-6 lg:grid-cols-3">
                            {can.add.then(move || view! {
                                <ActionForm action=add attr:class="space-y-2" attr:data-testid="form-add-category">
                                    <input type="hidden" name="cate_type" value="default"/>
                                    <label class="label" for="cf-add-parent">{t!(i18n, categories.forms.parent)}</label>
                                    <CategoryPicker id="cf-add-parent" name="parent_id" categories=for_add
                                        none_label=move || t_string!(i18n, categories.forms.top_level)/>
                                    <label class="label" for="cf-add-name">{t!(i18n, categories.forms.name)}</label>
                                    <input id="cf-add-name" name="name" class="input" required/>
                                    <button type="submit" class="btn-primary">{t!(i18n, categories.forms.add)}</button>
                                </ActionForm>
                            })}
                            {can.rename.then(move || view! {
                                <ActionForm action=rename attr:class="space-y-2" attr:data-testid="form-rename-category">
                                    <label class="label" for="cf-rename-id">{t!(i18n, categories.forms.category)}</label>
                                    <CategoryPicker id="cf-rename-id" name="cate_id" categories=for_rename
                                        none_label=move || t_string!(i18n, categories.forms.choose)/>
                                    <label class="label" for="cf-rename-name">{t!(i18n, categories.forms.new_name)}</label>
                                    <input id="cf-rename-name" name="name" class="input" required/>
                                    <button type="submit" class="btn-primary">{t!(i18n, categories.forms.rename)}</button>
                                </ActionForm>
                            })}
                            {can.delete.then(move || view! {
                                <ActionForm action=delete attr:class="space-y-2" attr:data-testid="form-delete-category">
                                    <label class="label" for="cf-delete-id">{t!(i18n, categories.forms.category)}</label>
                                    <CategoryPicker id="cf-delete-id" name="cate_id" categories=for_delete
                                        none_label=move || t_string!(i18n, categories.forms.choose)/>
                                    <label class="label" for="cf-delete-confirm">{t!(i18n, categories.forms.confirm)}</label>
                                    <input id="cf-delete-confirm" name="confirm" class="input" required/>
                                    <p class="text-xs text-slate-600 dark:text-slate-400">{t!(i18n, categories.forms.delete_note)}</p>
                                    <button type="submit" class="btn-primary bg-red-600 hover:bg-red-700">{t!(i18n, categories.forms.delete)}</button>
                                </ActionForm>
                            })}
                        </div>
                    }.into_any()
                })}
            </Suspense>
            <FormMessage value=move || add.value().get() success=move || t_string!(i18n, categories.forms.added)/>
            <FormMessage value=move || rename.value().get() success=move || t_string!(i18n, categories.forms.renamed)/>
            <FormMessage value=move || delete.value().get() success=move || t_string!(i18n, categories.forms.deleted)/>
        </details>
    }
}
