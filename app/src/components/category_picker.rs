//! The category `<select>` of the upload forms (file upload, pull by URL) and of the
//! media pages (filters, edit form, bulk edit): an empty choice, then one option per
//! category with its path, shown as it is (category names are the library's data).

use leptos::prelude::*;
use leptos::text_prop::TextProp;

use crate::model::media::CategoryOption;
use crate::model::upload::CategoryChoice;

/// One choice of a [`CategoryPicker`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CategoryEntry {
    pub id: i64,
    /// The path from the top: "Sports / Football".
    pub label: String,
    /// Steps of indentation before the label (0: none).
    pub depth: usize,
}

impl CategoryEntry {
    /// The same choice without indentation.
    pub fn flat(self) -> Self {
        CategoryEntry { depth: 0, ..self }
    }
}

/// A category of the media pages, indented by its level in the tree.
impl From<&CategoryOption> for CategoryEntry {
    fn from(c: &CategoryOption) -> Self {
        CategoryEntry { id: c.id, label: c.path.clone(), depth: c.level.max(0) as usize }
    }
}

/// A category of the upload forms (not indented).
impl From<&CategoryChoice> for CategoryEntry {
    fn from(c: &CategoryChoice) -> Self {
        CategoryEntry { id: c.id, label: c.label.clone(), depth: 0 }
    }
}

/// A `<select class="input">` of the categories, after an empty choice (value "").
///
/// - `name`: the form field; without one, the choice is only read through `value`.
/// - `none_label`: what the empty choice says ("No category", "Any", "Unchanged", …),
///   usually `move || t_string!(…)`.
/// - `selected`: the current category (`None`: the empty choice), marked `selected` on
///   its option. Left out, no option is marked and the browser shows the empty choice.
/// - `value`: set to the chosen value ("" or the category ID) on every change.
#[component]
pub fn CategoryPicker(
    id: &'static str,
    #[prop(optional)] name: Option<&'static str>,
    categories: Vec<CategoryEntry>,
    #[prop(into)] none_label: TextProp,
    #[prop(optional)] selected: Option<Option<i64>>,
    #[prop(optional)] value: Option<RwSignal<String>>,
) -> impl IntoView {
    let marks = selected.is_some();
    let current = selected.flatten();
    view! {
        <select id=id name=name class="input" on:change=move |ev| if let Some(v) = value { v.set(event_target_value(&ev)) }>
            <option value="" selected=marks.then_some(current.is_none())>{move || none_label.get().to_string()}</option>
            // Category names are data: shown as they are.
            {categories.into_iter().map(|c| {
                let indent = "\u{a0}\u{a0}".repeat(c.depth);
                view! { <option value=c.id.to_string() selected=marks.then_some(current == Some(c.id)) translate="no">{format!("{indent}{}", c.label)}</option> }
            }).collect_view()}
        </select>
    }
}
