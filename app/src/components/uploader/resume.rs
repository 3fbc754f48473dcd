//! Resuming an unfinished video upload: what is needed to carry on (file name, size,
//! last-modified time, VideoId, the object's address, the multipart UploadId and the
//! parts done with their ETags) is kept in `localStorage`, so that it survives a failed
//! attempt and a page load. The credential itself is not stored; resuming asks for a
//! fresh one (RefreshUploadVideo) and asks the storage which parts arrived (ListParts).

use serde::{Deserialize, Serialize};

use crate::i18n::*;

/// Where the unfinished upload is remembered.
pub const STORAGE_KEY: &str = "vod-console.upload.pending";

/// An unfinished video upload, as kept in `localStorage`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PendingUpload {
    pub file_name: String,
    pub size: u64,
    /// `File.lastModified` (ms since the epoch).
    pub last_modified: f64,
    pub video_id: String,
    pub title: String,
    pub endpoint: String,
    pub bucket: String,
    pub object: String,
    pub upload_id: String,
    pub part_size: u64,
    /// Parts stored so far: (part number, ETag).
    pub parts: Vec<(u32, String)>,
}

impl PendingUpload {
    pub fn part_count(&self) -> u32 {
        self.size.div_ceil(self.part_size).max(1) as u32
    }

    /// Byte range of part `n` (1-based).
    pub fn part_range(&self, n: u32) -> (u64, u64) {
        let start = (n as u64 - 1) * self.part_size;
        (start, (start + self.part_size).min(self.size))
    }

    pub fn bytes_done(&self) -> u64 {
        self.parts.iter().map(|(n, _)| self.part_range(*n)).map(|(a, b)| b - a).sum()
    }

    /// Whether `file` (name, size, last-modified) is the file this upload started with;
    /// if not, why, in `locale`.
    pub fn matches(&self, locale: Locale, name: &str, size: u64, last_modified: f64) -> Result<(), String> {
        if name != self.file_name {
            return Err(td_string!(locale, upload.errors.other_file, name, expected = self.file_name.as_str()).to_string());
        }
        if size != self.size {
            return Err(td_string!(locale, upload.errors.size_changed, name, size, expected = self.size).to_string());
        }
        if (last_modified - self.last_modified).abs() > 0.5 {
            return Err(td_string!(locale, upload.errors.file_changed, name).to_string());
        }
        Ok(())
    }

    /// Merges what the storage lists (part number, ETag if given, size) with what was
    /// recorded: a part counts when the storage has it at its full size.
    pub fn merge_listed(&mut self, listed: &[(u32, Option<String>, u64)]) {
        let mut parts = Vec::new();
        for (n, etag, size) in listed {
            if *n == 0 || *n > self.part_count() {
                continue;
            }
            let (a, b) = self.part_range(*n);
            if *size != b - a {
                continue;
            }
            let etag = etag
                .clone()
                .or_else(|| self.parts.iter().find(|(m, _)| m == n).map(|(_, e)| e.clone()))
                .unwrap_or_default();
            parts.push((*n, etag));
        }
        parts.sort();
        self.parts = parts;
    }
}

#[cfg(feature = "hydrate")]
fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

#[cfg(feature = "hydrate")]
pub(super) fn load_pending() -> Option<PendingUpload> {
    let raw = storage()?.get_item(STORAGE_KEY).ok().flatten()?;
    serde_json::from_str(&raw).ok()
}

#[cfg(feature = "hydrate")]
pub(super) fn save_pending(p: Option<&PendingUpload>) {
    let Some(s) = storage() else { return };
    match p.and_then(|p| serde_json::to_string(p).ok()) {
        Some(json) => {
            let _ = s.set_item(STORAGE_KEY, &json);
        }
        None => {
            let _ = s.remove_item(STORAGE_KEY);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::components::uploader::oss::{part_size_for, PART_SIZE_MIN};

    #[test]
    fn parts_sizes_and_resume_bookkeeping() {
        assert_eq!(part_size_for(1), PART_SIZE_MIN);
        assert_eq!(part_size_for(20 * 1024 * 1024 * 1024), 3 * PART_SIZE_MIN);
        let mut p = PendingUpload {
            file_name: "a.mp4".into(),
            size: 2 * PART_SIZE_MIN + 10,
            last_modified: 1000.0,
            video_id: "v".into(),
            title: "a".into(),
            endpoint: "e".into(),
            bucket: "b".into(),
            object: "o".into(),
            upload_id: "u".into(),
            part_size: PART_SIZE_MIN,
            parts: vec![(1, "\"e1\"".into())],
        };
        assert_eq!(p.part_count(), 3);
        assert_eq!(p.part_range(3), (2 * PART_SIZE_MIN, 2 * PART_SIZE_MIN + 10));
        // The storage lists part 1 (no ETag), a short part 2 (interrupted) and part 3.
        p.merge_listed(&[(1, None, PART_SIZE_MIN), (2, None, 5), (3, Some("\"e3\"".into()), 10)]);
        assert_eq!(p.parts, vec![(1, "\"e1\"".to_string()), (3, "\"e3\"".to_string())]);
        assert_eq!(p.bytes_done(), PART_SIZE_MIN + 10);
        assert!(p.matches(Locale::en, "a.mp4", p.size, 1000.0).is_ok());
        assert!(p.matches(Locale::en, "b.mp4", p.size, 1000.0).unwrap_err().contains("\"a.mp4\""));
        assert!(p.matches(Locale::en, "a.mp4", 5, 1000.0).unwrap_err().contains("5 bytes"));
        assert!(p.matches(Locale::en, "a.mp4", p.size, 2000.0).unwrap_err().contains("changed"));
        assert_eq!(p.matches(Locale::zh, "b.mp4", p.size, 1000.0).unwrap_err(), "这是“b.mp4”；未完成的上传是“a.mp4”。");
    }
}
