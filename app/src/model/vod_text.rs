//! VOD's rules for free text, checked as the user types and again on the server before
//! any call: UTF-8 *byte* lengths (a CJK character is 3 bytes), no emoji, at most 16
//! tags of 32 bytes each, category names of 64 bytes. The numbers and the character
//! ranges match the emulator, which follows the API reference.

pub const TITLE_MAX_BYTES: usize = 128;
pub const DESCRIPTION_MAX_BYTES: usize = 1024;
pub const TAGS_MAX_COUNT: usize = 16;
pub const TAG_MAX_BYTES: usize = 32;
pub const CATEGORY_NAME_MAX_BYTES: usize = 64;

/// Characters VOD rejects as "emoticon or special characters": everything outside the
/// Basic Multilingual Plane plus the BMP pictographs, dingbats and emoji joiners.
pub fn is_illegal_char(c: char) -> bool {
    let cp = c as u32;
    cp > 0xFFFF
        || (0x2600..=0x27BF).contains(&cp)
        || (0x2B00..=0x2BFF).contains(&cp)
        || cp == 0xFE0F
        || cp == 0x20E3
        || cp == 0x200D
}

/// The first character VOD would refuse, for a message that points at it.
pub fn first_illegal(value: &str) -> Option<char> {
    value.chars().find(|c| is_illegal_char(*c))
}

/// Checks a free-text field. `label` is what the user calls the field ("Title").
pub fn check_text(label: &str, value: &str, max_bytes: usize, required: bool) -> Result<(), String> {
    if required && value.trim().is_empty() {
        return Err(format!("{label} is required."));
    }
    if let Some(c) = first_illegal(value) {
        return Err(format!("{label} contains \"{c}\": VOD does not accept emoji or pictographs."));
    }
    let bytes = value.len();
    if bytes > max_bytes {
        return Err(format!(
            "{label} is {bytes} bytes; VOD allows at most {max_bytes} bytes of UTF-8 (a Chinese character counts 3)."
        ));
    }
    Ok(())
}

pub fn check_title(value: &str) -> Result<(), String> {
    check_text("Title", value, TITLE_MAX_BYTES, true)
}

pub fn check_description(value: &str) -> Result<(), String> {
    check_text("Description", value, DESCRIPTION_MAX_BYTES, false)
}

pub fn check_category_name(value: &str) -> Result<(), String> {
    check_text("Category name", value, CATEGORY_NAME_MAX_BYTES, true)
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
pub fn check_tags(value: &str) -> Result<String, String> {
    if let Some(c) = first_illegal(value) {
        return Err(format!("Tags contain \"{c}\": VOD does not accept emoji or pictographs."));
    }
    let tags = split_tags(value);
    if tags.len() > TAGS_MAX_COUNT {
        return Err(format!("{} tags given; VOD allows at most {TAGS_MAX_COUNT}.", tags.len()));
    }
    if let Some(t) = tags.iter().find(|t| t.len() > TAG_MAX_BYTES) {
        return Err(format!("Tag \"{t}\" is {} bytes; each tag may have at most {TAG_MAX_BYTES} bytes.", t.len()));
    }
    Ok(tags.join(","))
}

/// "37 / 128 bytes" for the counter under a field.
pub fn byte_counter(value: &str, max_bytes: usize) -> String {
    format!("{} / {max_bytes} bytes", value.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_bytes_not_characters() {
        let title = "视".repeat(42); // 126 bytes
        assert!(check_title(&title).is_ok());
        let err = check_title(&"视".repeat(43)).unwrap_err();
        assert!(err.contains("129 bytes") && err.contains("128"), "{err}");
    }

    #[test]
    fn refuses_emoji_and_names_it() {
        let err = check_title("launch 🚀").unwrap_err();
        assert!(err.contains('🚀'), "{err}");
        assert!(check_title("☀ sunny").is_err());
        assert!(check_title("price & tax = 10% +1 *~/").is_ok());
    }

    #[test]
    fn tags_are_split_counted_and_measured() {
        assert_eq!(check_tags(" a, b ,，c,a ").unwrap(), "a,b,c");
        let many = (0..17).map(|i| format!("t{i}")).collect::<Vec<_>>().join(",");
        assert!(check_tags(&many).unwrap_err().contains("17 tags"));
        let long = "标".repeat(11); // 33 bytes
        assert!(check_tags(&long).unwrap_err().contains("33 bytes"));
        assert!(check_tags(&"标".repeat(10)).is_ok());
    }

    #[test]
    fn title_is_required_but_description_is_not() {
        assert!(check_title("  ").is_err());
        assert!(check_description("").is_ok());
        assert!(check_category_name(&"a".repeat(65)).unwrap_err().contains("65 bytes"));
    }
}
