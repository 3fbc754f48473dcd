use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::shell::SECTIONS;
use crate::model::CurrentUser;
use crate::ui::PageHeader;

/// The landing page: the sections this person may use, with what each is for.
#[component]
pub fn HomePage() -> impl IntoView {
    let user = expect_context::<CurrentUser>();
    let cards = SECTIONS
        .iter()
        .filter(|(_, _, p)| user.can(p))
        .map(|(href, label, _)| {
            view! {
                <li>
                    <A
                        href=*href
                        attr:class="card block hover:border-blue-400 focus-ring"
                        on:mouseenter=move |_| super::prefetch(href)
                        on:focus=move |_| super::prefetch(href)
                    >
                        <span class="font-medium">{*label}</span>
                        <span class="mt-1 block text-sm text-slate-600 dark:text-slate-400">{super::sections::summary(href)}</span>
                    </A>
                </li>
            }
        })
        .collect_view();
    view! {
        <PageHeader title="Overview" description="Choose a section to start."/>
        <ul class="grid gap-4 sm:grid-cols-2 lg:grid-cols-4" data-testid="section-cards">{cards}</ul>
    }
}
