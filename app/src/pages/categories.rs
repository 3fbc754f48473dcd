//! The category tree page: both trees (audio/video/image and material), built from
//! GetCategories. The top level of each is server-rendered; deeper levels load when a
//! node opens. Editing controls appear only for roles that hold the VOD permissions,
//! and the server checks them again.

use leptos::prelude::*;

use crate::api::categories::list_categories;
use crate::components::category_tree::{CategoryTree, TreePermissions};
use crate::components::shell::ErrorPanel;
use crate::i18n::*;
use crate::model::category::{CategoryType, MAX_CHILDREN};
use crate::model::vod_text::CATEGORY_NAME_MAX_BYTES;
use crate::model::CurrentUser;
use crate::ui::{PageHeader, Spinner};

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
            {(can.add || can.rename || can.delete).then(|| view! {
                <noscript><p><a href="/categories/manage" class="underline" data-testid="plain-categories-link">{t!(i18n, categories.plain.link)}</a></p></noscript>
            })}
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
    }
    .into_any()
}
