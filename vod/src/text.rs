//! VOD's rules for free text, defined once for the console (which checks as the user
//! types and again before any call) and the emulator (which refuses as VOD does):
//! lengths are UTF-8 *bytes* (a CJK character is 3), emoji are refused.
//!
//! Sources: the API reference's parameter tables (`Title` 128 bytes, `Description` 1024,
//! `Tags` at most 16 of 32 bytes each, `CateName` 64) and its `IllegalCharacters` error
//! ("contains illegal emoticon or special characters").

/// `Title` of a video, image or attached media.
pub const TITLE_MAX_BYTES: usize = 128;
/// `Description` of a video, image or attached media.
pub const DESCRIPTION_MAX_BYTES: usize = 1024;
/// Tags per medium.
pub const TAGS_MAX_COUNT: usize = 16;
/// Bytes per tag.
pub const TAG_MAX_BYTES: usize = 32;
/// `CateName` of a category.
pub const CATEGORY_NAME_MAX_BYTES: usize = 64;

/// Characters VOD rejects as "emoticon or special characters": everything outside the
/// Basic Multilingual Plane (4-byte UTF-8, where emoji live) plus the BMP pictographs,
/// dingbats, the emoji presentation selector, the keycap combiner and the zero-width
/// joiner.
pub const fn is_illegal_char(c: char) -> bool {
    let cp = c as u32;
    cp > 0xFFFF
        || (cp >= 0x2600 && cp <= 0x27BF)
        || (cp >= 0x2B00 && cp <= 0x2BFF)
        || cp == 0xFE0F
        || cp == 0x20E3
        || cp == 0x200D
}

/// The first character VOD would refuse, for a message that points at it.
pub fn first_illegal(value: &str) -> Option<char> {
    value.chars().find(|c| is_illegal_char(*c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emoji_and_pictographs_are_refused_cjk_is_not() {
        for c in ['😀', '☀', '✂', '⬛', '\u{FE0F}', '\u{20E3}', '\u{200D}', '🀄', '𠀀'] {
            assert!(is_illegal_char(c), "{c:?}");
        }
        for c in ['a', '视', '频', '，', '€', '\u{FFFD}'] {
            assert!(!is_illegal_char(c), "{c:?}");
        }
        assert_eq!(first_illegal("标题🎬片"), Some('🎬'));
        assert_eq!(first_illegal("标题"), None);
        assert_eq!("视频".len(), 6);
    }
}
