//! VOD's rules for free text, checked as the user types and again on the server before
//! any call: UTF-8 *byte* lengths (a CJK character is 3 bytes), no emoji, at most 16
//! tags of 32 bytes each, category names of 64 bytes. The numbers and the character
//! ranges are `vod::text`'s, which the emulator uses too.

use crate::i18n::{td_string, Locale};

// The limits and the refused characters are VOD's, defined once for the console and the
// emulator.
pub use vod::text::{
    first_illegal, is_illegal_char, CATEGORY_NAME_MAX_BYTES, DESCRIPTION_MAX_BYTES, TAGS_MAX_COUNT, TAG_MAX_BYTES,
    TITLE_MAX_BYTES,
};

/// Checks a free-text field. `label` is what the user calls the field ("标题").
pub fn check_text(locale: Locale, label: &str, value: &str, max_bytes: usize, required: bool) -> Result<(), String> {
    if required && value.trim().is_empty() {
        return Err(td_string!(locale, common.text.required, label).to_string());
    }
    if let Some(c) = first_illegal(value) {
        return Err(td_string!(locale, common.text.emoji, label, c).to_string());
    }
    let bytes = value.len();
    if bytes > max_bytes {
        return Err(td_string!(locale, common.text.too_long, label, bytes, max = max_bytes).to_string());
    }
    Ok(())
}

pub fn check_title(locale: Locale, value: &str) -> Result<(), String> {
    check_text(locale, td_string!(locale, common.text.title), value, TITLE_MAX_BYTES, true)
}

pub fn check_description(locale: Locale, value: &str) -> Result<(), String> {
    check_text(locale, td_string!(locale, common.text.description), value, DESCRIPTION_MAX_BYTES, false)
}

pub fn check_category_name(locale: Locale, value: &str) -> Result<(), String> {
    check_text(locale, td_string!(locale, common.text.category_name), value, CATEGORY_NAME_MAX_BYTES, true)
}

/// Splits a comma-separated tag list (either comma, ASCII or full-width) into trimmed,
/// non-empty, de-duplicated tags.
pub fn split_tags(value: &str) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for t in value.split([',', '，']).map(str::trim).filter(|t| !t.is_empty()) {
        if !tags.iter().any(|x| x == t) {
            tags.push(t.to_string());
        }
    }
    tags
}

/// Checks a tag list and returns it normalised (`a,b,c`).
pub fn check_tags(locale: Locale, value: &str) -> Result<String, String> {
    if let Some(c) = first_illegal(value) {
        return Err(td_string!(locale, common.text.tags_emoji, c).to_string());
    }
    let tags = split_tags(value);
    if tags.len() > TAGS_MAX_COUNT {
        return Err(td_string!(locale, common.text.tags_count, count = tags.len(), max = TAGS_MAX_COUNT).to_string());
    }
    if let Some(t) = tags.iter().find(|t| t.len() > TAG_MAX_BYTES) {
        return Err(td_string!(locale, common.text.tag_too_long, tag = t, bytes = t.len(), max = TAG_MAX_BYTES).to_string());
    }
    Ok(tags.join(","))
}

/// "37 / 128 bytes" for the counter under a field.
pub fn byte_counter(locale: Locale, value: &str, max_bytes: usize) -> String {
    td_string!(locale, common.text.counter, n = value.len(), max = max_bytes).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_bytes_not_characters() {
        let title = "视".repeat(42); // 126 bytes
        assert!(check_title(Locale::en, &title).is_ok());
        let err = check_title(Locale::en, &"视".repeat(43)).unwrap_err();
        assert!(err.contains("129 bytes") && err.contains("128"), "{err}");
    }

    #[test]
    fn chinese_messages_carry_the_limit_and_the_current_size() {
        let err = check_title(Locale::zh, &format!("{}a", "视".repeat(43))).unwrap_err();
        assert_eq!(err, "标题最多 128 字节（当前 130）；一个汉字按 3 字节计。");
        assert_eq!(check_tags(Locale::zh, &"标".repeat(11)).unwrap_err(), "标签“标标标标标标标标标标标”有 33 字节；每个标签最多 32 字节。");
        assert_eq!(byte_counter(Locale::zh, "视", 128), "3 / 128 字节");
    }

    #[test]
    fn refuses_emoji_and_names_it() {
        let err = check_title(Locale::en, "launch 🚀").unwrap_err();
        assert!(err.contains('🚀'), "{err}");
        assert!(check_title(Locale::en, "☀ sunny").is_err());
        assert!(check_title(Locale::en, "price & tax = 10% +1 *~/").is_ok());
    }

    #[test]
    fn tags_are_split_counted_and_measured() {
        assert_eq!(check_tags(Locale::en, " a, b ,，c,a ").unwrap(), "a,b,c");
        let many = (0..17).map(|i| format!("t{i}")).collect::<Vec<_>>().join(",");
        assert!(check_tags(Locale::en, &many).unwrap_err().contains("17 tags"));
        let long = "标".repeat(11); // 33 bytes
        assert!(check_tags(Locale::en, &long).unwrap_err().contains("33 bytes"));
        assert!(check_tags(Locale::en, &"标".repeat(10)).is_ok());
    }

    #[test]
    fn title_is_required_but_description_is_not() {
        assert!(check_title(Locale::en, "  ").is_err());
        assert!(check_description(Locale::en, "").is_ok());
        assert!(check_category_name(Locale::en, &"a".repeat(65)).unwrap_err().contains("65 bytes"));
    }
}
