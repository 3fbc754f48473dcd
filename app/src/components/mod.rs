//! Feature widgets: the console shell (navigation, user menu, endpoint badge) and the
//! pieces several pages share (the per-item result table of bulk operations).

pub mod bulk_result;
pub mod shell;
pub mod uploader;
