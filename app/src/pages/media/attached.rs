//! Renders `/media/attached/:id`: an attached media file's detail page (preview or
//! link, metadata, edit, delete), the detail page it shares with images.

use leptos::prelude::*;

use super::FileDetail;
use crate::model::media::MediaKind;

#[component]
pub fn AttachedDetailPage() -> impl IntoView {
    view! { <FileDetail tab=MediaKind::Attached/> }
}
