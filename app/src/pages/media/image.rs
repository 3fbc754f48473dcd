//! Renders `/media/image/:id`: an image's detail page (preview, metadata, edit, delete),
//! the detail page it shares with attached media.

use leptos::prelude::*;

use super::FileDetail;
use crate::model::media::MediaKind;

#[component]
pub fn ImageDetailPage() -> impl IntoView {
    view! { <FileDetail tab=MediaKind::Image/> }
}
