//! One upload, in the browser only: asks VOD for the upload credential, sends the file
//! (one PUT for an image; initiate, parts and complete for a video, renewing the
//! credential when it runs out and retrying a part that failed), keeps what is needed to
//! resume, and reports each step and the bytes sent on [`UploadState`].

use leptos::prelude::*;
use web_sys::File;

use super::oss::browser::{credential_rejected, js_text, sleep_ms, storage_error, Body, Target};
use super::oss::{complete_body, parse_list_parts, parse_upload_id, part_size_for};
use super::resume::{save_pending, PendingUpload};
use super::widget::{Phase, Step, UploadState};
use crate::api::upload::{create_upload_image, create_upload_video, refresh_upload_video, upload_details};
use crate::i18n::*;

/// What the upload form holds when an upload starts.
pub struct Form {
    pub title: String,
    pub category: String,
    pub template_group: String,
}

fn fail(state: UploadState, message: String) {
    state.phase.set(Phase::Failed(message));
}

/// A new upload of `file`; its messages are in `locale`.
pub async fn start(state: UploadState, file: File, form: Form, locale: Locale) {
    let name = file.name();
    let size = file.size() as u64;
    state.sent.set(0);
    state.total.set(size);
    if size == 0 {
        return fail(state, td_string!(locale, upload.errors.empty, name = name.as_str()).to_string());
    }
    let kind = match crate::model::upload::file_kind(locale, &name) {
        Ok(k) => k,
        Err(m) => return fail(state, m),
    };
    if let Err(m) = crate::model::vod_text::check_title(locale, &form.title) {
        return fail(state, m);
    }
    if state.pending.get_untracked().is_some() {
        return fail(state, td_string!(locale, upload.errors.resume_or_clear_first).to_string());
    }
    state.phase.set(Phase::Working(Step::Asking));
    if kind == "image" {
        let ticket = match create_upload_image(name.clone(), form.title, form.category).await {
            Ok(t) => t,
            Err(e) => return fail(state, e.localized(locale)),
        };
        return upload_image(state, Target::new(ticket, locale), &file).await;
    }
    let ticket =
        match create_upload_video(name.clone(), size as i64, form.title.clone(), form.category, form.template_group).await {
            Ok(t) => t,
            Err(e) => return fail(state, e.localized(locale)),
        };
    let target = Target::new(ticket, locale);
    state.phase.set(Phase::Working(Step::Starting));
    let init = match target.send("POST", &[("uploads", None)], "", Body::Empty, None).await {
        Ok(r) if (200..300).contains(&r.status) => r,
        Ok(r) => {
            let why = storage_error(locale, &r);
            return fail(state, td_string!(locale, upload.errors.could_not_start, why).to_string());
        }
        Err(why) => return fail(state, td_string!(locale, upload.errors.could_not_start, why).to_string()),
    };
    let Some(upload_id) = parse_upload_id(&init.text) else {
        return fail(state, td_string!(locale, upload.errors.no_upload_id).to_string());
    };
    let pending = PendingUpload {
        file_name: name,
        size,
        last_modified: file.last_modified(),
        video_id: target.ticket.media_id.clone(),
        title: form.title,
        endpoint: target.ticket.endpoint.clone(),
        bucket: target.ticket.bucket.clone(),
        object: target.ticket.object.clone(),
        upload_id,
        part_size: part_size_for(size),
        parts: Vec::new(),
    };
    save_pending(Some(&pending));
    upload_parts(state, target, &file, pending).await;
}

/// Carries on with an unfinished upload after a reload or a failure; its messages are
/// in `locale`.
pub async fn resume(state: UploadState, file: File, mut pending: PendingUpload, locale: Locale) {
    if let Err(m) = pending.matches(locale, &file.name(), file.size() as u64, file.last_modified()) {
        return fail(state, m);
    }
    state.total.set(pending.size);
    state.sent.set(pending.bytes_done());
    state.phase.set(Phase::Working(Step::Renewing));
    let ticket = match refresh_upload_video(pending.video_id.clone()).await {
        Ok(t) => t,
        Err(e) => return fail(state, e.localized(locale)),
    };
    if ticket.object != pending.object || ticket.bucket != pending.bucket {
        return fail(state, td_string!(locale, upload.errors.different_address).to_string());
    }
    let target = Target::new(ticket, locale);
    state.phase.set(Phase::Working(Step::Checking));
    match target.send("GET", &[("uploadId", Some(&pending.upload_id))], "", Body::Empty, None).await {
        Ok(r) if (200..300).contains(&r.status) => pending.merge_listed(&parse_list_parts(&r.text)),
        Ok(r) => {
            let why = storage_error(locale, &r);
            return fail(state, td_string!(locale, upload.errors.could_not_list, why).to_string());
        }
        Err(why) => return fail(state, td_string!(locale, upload.errors.could_not_list, why).to_string()),
    }
    save_pending(Some(&pending));
    state.sent.set(pending.bytes_done());
    upload_parts(state, target, &file, pending).await;
}

async fn renew(state: UploadState, target: &mut Target, pending: &PendingUpload) -> Result<(), String> {
    let locale = target.locale;
    state.phase.set(Phase::Working(Step::Renewing));
    let ticket = refresh_upload_video(pending.video_id.clone()).await.map_err(|e| e.localized(locale))?;
    *target = Target::new(ticket, locale);
    Ok(())
}

async fn upload_parts(state: UploadState, mut target: Target, file: &File, mut pending: PendingUpload) {
    let locale = target.locale;
    state.pending.set(None);
    let count = pending.part_count();
    for n in 1..=count {
        if pending.parts.iter().any(|(m, _)| *m == n) {
            continue;
        }
        let (a, b) = pending.part_range(n);
        let blob = match file.slice_with_f64_and_f64(a as f64, b as f64) {
            Ok(b) => b,
            Err(e) => {
                let why = js_text(e);
                return stopped(state, &pending, td_string!(locale, upload.errors.could_not_read, why).to_string());
            }
        };
        let mut attempt = 0;
        loop {
            attempt += 1;
            if target.expiring() {
                if let Err(e) = renew(state, &mut target, &pending).await {
                    return stopped(state, &pending, e);
                }
            }
            state.phase.set(Phase::Working(Step::SendingPart { n, count }));
            let base = pending.bytes_done();
            let progress: Box<dyn Fn(f64)> = Box::new(move |loaded| state.sent.set(base + loaded as u64));
            let part = n.to_string();
            let query = [("partNumber", Some(part.as_str())), ("uploadId", Some(pending.upload_id.as_str()))];
            let result =
                target.send("PUT", &query, "application/octet-stream", Body::Blob(&blob), Some(progress)).await;
            match result {
                Ok(r) if (200..300).contains(&r.status) => {
                    pending.parts.push((n, r.etag.unwrap_or_default()));
                    pending.parts.sort();
                    save_pending(Some(&pending));
                    state.sent.set(pending.bytes_done());
                    break;
                }
                Ok(r) if credential_rejected(&r) && attempt < 3 => {
                    if let Err(e) = renew(state, &mut target, &pending).await {
                        return stopped(state, &pending, e);
                    }
                }
                Ok(r) if r.status < 500 || attempt >= 3 => {
                    let why = storage_error(locale, &r);
                    let message = td_string!(locale, upload.errors.part_refused, n, count, why).to_string();
                    return stopped(state, &pending, message);
                }
                Err(why) if attempt >= 3 => {
                    let message = td_string!(locale, upload.errors.part_not_sent, n, count, why).to_string();
                    return stopped(state, &pending, message);
                }
                _ => sleep_ms(500 * attempt).await,
            }
        }
    }
    state.phase.set(Phase::Working(Step::Finishing));
    let body = complete_body(&pending.parts);
    let query = [("uploadId", Some(pending.upload_id.as_str()))];
    match target.send("POST", &query, "application/xml", Body::Text(&body), None).await {
        Ok(r) if (200..300).contains(&r.status) => {}
        Ok(r) => {
            let why = storage_error(locale, &r);
            return stopped(state, &pending, td_string!(locale, upload.errors.could_not_finish, why).to_string());
        }
        Err(why) => return stopped(state, &pending, td_string!(locale, upload.errors.could_not_finish, why).to_string()),
    }
    save_pending(None);
    state.sent.set(pending.size);
    let detail = upload_details(pending.video_id.clone()).await.ok();
    state.phase.set(Phase::Done { media_id: pending.video_id, kind: "video".into(), detail });
}

/// Keeps the unfinished upload for "resume" and shows why it stopped.
fn stopped(state: UploadState, pending: &PendingUpload, message: String) {
    save_pending(Some(pending));
    state.sent.set(pending.bytes_done());
    state.pending.set(Some(pending.clone()));
    fail(state, message);
}

async fn upload_image(state: UploadState, target: Target, file: &File) {
    let locale = target.locale;
    state.phase.set(Phase::Working(Step::SendingImage));
    let progress: Box<dyn Fn(f64)> = Box::new(move |loaded| state.sent.set(loaded as u64));
    let content_type = if file.type_().is_empty() { "application/octet-stream".to_string() } else { file.type_() };
    match target.send("PUT", &[], &content_type, Body::Blob(file), Some(progress)).await {
        Ok(r) if (200..300).contains(&r.status) => {
            state.sent.set(file.size() as u64);
            state.phase.set(Phase::Done { media_id: target.ticket.media_id.clone(), kind: "image".into(), detail: None });
        }
        Ok(r) => {
            let why = storage_error(locale, &r);
            fail(state, td_string!(locale, upload.errors.image_refused, why).to_string())
        }
        Err(why) => fail(state, td_string!(locale, upload.errors.image_not_sent, why).to_string()),
    }
}

/// Sends one small file (a watermark image) to the target of `ticket` in one PUT;
/// the error is a sentence in `locale`.
pub async fn put_file(ticket: crate::model::upload::UploadTicket, file: &File, locale: Locale) -> Result<(), String> {
    let target = Target::new(ticket, locale);
    let content_type = if file.type_().is_empty() { "application/octet-stream".to_string() } else { file.type_() };
    match target.send("PUT", &[], &content_type, Body::Blob(file), None).await {
        Ok(r) if (200..300).contains(&r.status) => Ok(()),
        Ok(r) => Err(storage_error(locale, &r)),
        Err(why) => Err(why),
    }
}
