//! Section pages whose features arrive in their own issues. Each states what it will
//! offer, so nobody mistakes an empty page for a broken one.

use leptos::prelude::*;

use crate::ui::PageHeader;

pub fn summary(href: &str) -> &'static str {
    match href {
        "/media" => "Find, inspect, play, edit, delete and upload videos, images and attached media.",
        "/categories" => "Organise the library in a category tree.",
        "/templates" => "Transcode template groups and snapshot templates.",
        "/watermarks" => "Image and text watermarks.",
        "/audit" => "Manual review and AI moderation results.",
        "/usage" => "Storage, transcode, CDN, AI and playback usage.",
        "/activity" => "Every change made through the console.",
        "/users" => "Console accounts and their roles.",
        _ => "",
    }
}

macro_rules! section_page {
    ($name:ident, $title:literal, $href:literal) => {
        #[component]
        pub fn $name() -> impl IntoView {
            view! {
                <PageHeader title=$title description=summary($href)/>
                <div class="card text-slate-600 dark:text-slate-400" data-testid="section-placeholder">
                    "This section is not available in this version of the console yet."
                </div>
            }
        }
    };
}

section_page!(TemplatesPage, "Templates", "/templates");
section_page!(WatermarksPage, "Watermarks", "/watermarks");
section_page!(AuditPage, "Audit", "/audit");
section_page!(UsagePage, "Usage", "/usage");
