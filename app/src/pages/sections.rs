//! Section pages whose features arrive in their own issues. Each states what it will
//! offer, so nobody mistakes an empty page for a broken one.

use leptos::prelude::*;

use crate::components::shell::{section_label, section_summary};
use crate::i18n::*;
use crate::ui::PageHeader;

macro_rules! section_page {
    ($name:ident, $href:literal) => {
        #[component]
        pub fn $name() -> impl IntoView {
            let i18n = use_i18n();
            view! {
                <PageHeader
                    title=move || section_label(i18n.get_locale(), $href)
                    description=move || section_summary(i18n.get_locale(), $href)
                />
                <div class="card text-slate-600 dark:text-slate-400" data-testid="section-placeholder">
                    {t!(i18n, shell.not_yet)}
                </div>
            }
        }
    };
}

section_page!(AuditPage, "/audit");
