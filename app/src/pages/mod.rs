//! One file per route, and the lazily loaded route types the router uses.
//!
//! Every page but sign-in is a lazy route: its code is its own wasm chunk, fetched the
//! first time the page is opened (or when its navigation link is hovered or focused),
//! so the first visit downloads only the shell, the router, sign-in and the page being
//! opened. A new page is added to `lazy_pages!` below and to the route table in
//! `lib.rs` as `Lazy::<pages::lazy::ItsRoute>::new()`; see `docs/adding-a-page.md`.

mod activity;
mod audit;
mod audit_ai;
mod categories;
mod home;
mod login;
mod media;
mod not_found;
mod templates;
mod upload;
mod usage;
mod users;
mod watermarks;

pub use activity::ActivityPage;
pub use audit::{AuditPage, AuditReviewPage};
pub use audit_ai::AuditAiPage;
pub use categories::CategoriesPage;
pub use home::HomePage;
pub use login::LoginPage;
pub use media::{AttachedDetailPage, ImageDetailPage, MediaLibraryPage, VideoDetailPage};
pub use not_found::NotFoundPage;
pub use templates::{SnapshotTemplatesPage, TemplatesPage, TranscodeJobsPage};
pub use upload::UploadPage;
pub use usage::UsagePage;
pub use users::UsersPage;
pub use watermarks::WatermarksPage;

/// Declares one lazy route per page: `Route => Page` makes `lazy::Route`, whose view is
/// `<Page/>` compiled into a chunk of its own.
macro_rules! lazy_pages {
    ($($route:ident => $page:ident),* $(,)?) => {
        pub mod lazy {
            use leptos::prelude::*;
            use leptos_router::{lazy_route, LazyRoute};
            $(
                pub struct $route;

                #[lazy_route]
                impl LazyRoute for $route {
                    fn data() -> Self {
                        $route
                    }

                    fn view(_this: Self) -> AnyView {
                        crate::ui::mark_hydrated(stringify!($route));
                        #[cfg(feature = "ssr")]
                        crate::ssr::chunks::preload(stringify!($route));
                        view! { <super::$page/> }.into_any()
                    }
                }
            )*
        }
    };
}

lazy_pages! {
    Home => HomePage,
    Media => MediaLibraryPage,
    VideoDetail => VideoDetailPage,
    ImageDetail => ImageDetailPage,
    AttachedDetail => AttachedDetailPage,
    Upload => UploadPage,
    Categories => CategoriesPage,
    Templates => TemplatesPage,
    TemplateSnapshots => SnapshotTemplatesPage,
    TranscodeJobs => TranscodeJobsPage,
    Watermarks => WatermarksPage,
    Audit => AuditPage,
    AuditReview => AuditReviewPage,
    AuditAi => AuditAiPage,
    Usage => UsagePage,
    Activity => ActivityPage,
    Users => UsersPage,
}

/// Starts fetching the chunk of the page at `href` (a navigation link was hovered or
/// focused), so that the click finds it loaded. Does nothing on the server, for pages
/// already loaded, and for paths that are not a lazy page.
pub fn prefetch(href: &str) {
    #[cfg(target_arch = "wasm32")]
    {
        use leptos_router::LazyRoute;
        let path = href.split(['?', '#']).next().unwrap_or(href);
        let load: Option<std::pin::Pin<Box<dyn std::future::Future<Output = ()>>>> = match path {
            "/" => Some(Box::pin(lazy::Home::preload())),
            "/media" => Some(Box::pin(lazy::Media::preload())),
            "/media/upload" => Some(Box::pin(lazy::Upload::preload())),
            "/categories" => Some(Box::pin(lazy::Categories::preload())),
            "/templates" => Some(Box::pin(lazy::Templates::preload())),
            "/templates/snapshots" => Some(Box::pin(lazy::TemplateSnapshots::preload())),
            "/templates/jobs" => Some(Box::pin(lazy::TranscodeJobs::preload())),
            "/watermarks" => Some(Box::pin(lazy::Watermarks::preload())),
            "/audit" | "/audit/record" | "/audit/security" => Some(Box::pin(lazy::Audit::preload())),
            "/audit/ai" => Some(Box::pin(lazy::AuditAi::preload())),
            "/usage" => Some(Box::pin(lazy::Usage::preload())),
            "/activity" => Some(Box::pin(lazy::Activity::preload())),
            "/users" => Some(Box::pin(lazy::Users::preload())),
            p if p.starts_with("/media/video/") => Some(Box::pin(lazy::VideoDetail::preload())),
            p if p.starts_with("/audit/review/") => Some(Box::pin(lazy::AuditReview::preload())),
            p if p.starts_with("/media/image/") => Some(Box::pin(lazy::ImageDetail::preload())),
            p if p.starts_with("/media/attached/") => Some(Box::pin(lazy::AttachedDetail::preload())),
            _ => None,
        };
        if let Some(load) = load {
            leptos::task::spawn_local(load);
        }
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = href;
}
