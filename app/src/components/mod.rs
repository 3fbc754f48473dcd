//! Feature widgets: the console shell (navigation, user menu, endpoint badge) and the
//! pieces several pages share (the per-item result table of bulk operations, the
//! category picker of the upload and media forms), and the category tree widget.

pub mod bulk_result;
pub mod category_picker;
pub mod category_tree;
pub mod media;
pub mod shell;
pub mod uploader;
