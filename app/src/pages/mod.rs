//! One file per route.

mod activity;
mod home;
mod login;
mod not_found;
mod sections;
mod upload;
mod users;

pub use activity::ActivityPage;
pub use home::HomePage;
pub use login::LoginPage;
pub use not_found::NotFoundPage;
pub use sections::*;
pub use upload::UploadPage;
pub use users::UsersPage;
