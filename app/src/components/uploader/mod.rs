//! The browser's file upload: the file goes from the browser straight to VOD's storage
//! (OSS, or the emulator's OSS-like target) with the temporary credential that
//! CreateUploadVideo / CreateUploadImage hand out — the console's own AccessKey never
//! leaves the server.
//!
//! Videos go up as an OSS multipart upload (initiate, parts of at least 1 MiB, complete)
//! so that progress is per byte and an interrupted upload can resume; images are small
//! and go up in one PUT.
//!
//! - `oss`: the storage protocol: signing a request with the upload credential, object
//!   URLs, the multipart calls' XML, and (in the browser) the XMLHttpRequest that sends
//!   one request.
//! - `resume`: what is remembered in `localStorage` between attempts and page loads to
//!   carry on with an unfinished upload.
//! - `transfer` (browser only): one upload, step by step, reported on [`UploadState`].
//! - `widget`: the upload form with its progress and "resume or clear" panel, and the
//!   transcode template group field both upload forms use.

mod oss;
mod resume;
#[cfg(feature = "hydrate")]
mod transfer;
mod widget;

pub use oss::{
    complete_body, object_url, parse_list_parts, parse_upload_id, part_size_for, signature, string_to_sign, MAX_PARTS,
    PART_SIZE_MIN,
};
pub use resume::{PendingUpload, STORAGE_KEY};
#[cfg(feature = "hydrate")]
pub use transfer::put_file;
pub use widget::{human_bytes, FileUploader, Phase, Step, TemplateGroupField, UploadState};
