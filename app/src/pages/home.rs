use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::shell::{section_label, section_summary, SECTIONS};
use crate::i18n::*;
use crate::model::CurrentUser;
use crate::ui::PageHeader;

/// The landing page: the sections this person may use, with what each is for.
#[component]
pub fn HomePage() -> impl IntoView {
    let user = expect_context::<CurrentUser>();
    let i18n = use_i18n();
    let cards = SECTIONS
        .iter()
        .filter(|(_, p)| user.can(*p))
        .map(|(href, _)| {
            view! {
                <li>
                    <A
                        href=*href
                        attr:class="card block hover:border-blue-400 focus-ring"
                        on:mouseenter=move |_| super::prefetch(href)
                        on:focus=move |_| super::prefetch(href)
                    >
                        <span class="font-medium">{move || section_label(i18n.get_locale(), href)}</span>
                        <span class="mt-1 block text-sm text-slate-600 dark:text-slate-400">{move || section_summary(i18n.get_locale(), href)}</span>
                    </A>
                </li>
            }
        })
        .collect_view();
    view! {
        <PageHeader title=move || t_string!(i18n, shell.overview) description=move || t_string!(i18n, shell.overview_hint)/>
        <ul class="grid gap-4 sm:grid-cols-2 lg:grid-cols-4" data-testid="section-cards">{cards}</ul>
    }
}
