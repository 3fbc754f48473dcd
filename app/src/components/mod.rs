//! Feature widgets: the console shell (navigation, user menu, endpoint badge).

pub mod shell;
