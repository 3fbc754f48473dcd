//! One file per route.

mod activity;
mod categories;
mod home;
mod login;
mod media;
mod not_found;
mod sections;
mod upload;
mod users;

pub use activity::ActivityPage;
pub use categories::CategoriesPage;
pub use home::HomePage;
pub use login::LoginPage;
pub use media::{AttachedDetailPage, ImageDetailPage, MediaLibraryPage, VideoDetailPage};
pub use not_found::NotFoundPage;
pub use sections::*;
pub use upload::UploadPage;
pub use users::UsersPage;
