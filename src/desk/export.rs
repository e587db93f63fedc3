//! Exports of schedules, written where the schedules are: the open one (read through its
//! session, piece by piece, and stopped if it changes), a kept one, or one read from storage
//! for the export and let go after it. The page asks for the next piece and puts it into the
//! download, so a year of spots never becomes one string, nor a copy, on the page.

use scheduleflow_engine::format::{export_schedule, ExportChunks, ExportFile, Format};
use scheduleflow_engine::model::Schedule;
use serde::{Deserialize, Serialize};

use super::{free_events_soon, Desk};
use crate::state::ports::UNSEEN;

/// How many events one piece of an export holds (a few milliseconds' writing in the browser).
const EXPORT_PIECE: usize = 2_000;

/// How an export began.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Began {
    /// It is written in pieces (ask for each), into one file.
    Pieces { name: String, mime: String },
    /// It was written whole, as these files.
    Files(Vec<File>),
    /// The schedule is not stored (any more).
    Gone,
}

/// A file an export made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct File {
    pub name: String,
    pub mime: String,
    pub text: String,
}

impl From<ExportFile> for File {
    fn from(file: ExportFile) -> File {
        File {
            name: file.name,
            mime: file.mime.to_owned(),
            text: file.text,
        }
    }
}

/// An export under way.
#[derive(Debug)]
pub(super) struct Exporting {
    chunks: ExportChunks,
    /// The schedule written: the open one (`None`), or a copy read for the export.
    copy: Option<Schedule>,
    /// The open schedule as it was when the export began (see `Desk::key`).
    at: Option<(String, u64)>,
}

impl Desk {
    /// Begins export `line` of schedule `id`: in `format`, or (`None`) as one schedule of a
    /// ScheduleFlow XML library document.
    pub async fn begin_export(
        &self,
        line: u64,
        id: String,
        format: Option<Format>,
    ) -> Result<Began, String> {
        let open = self.open_id().as_deref() == Some(id.as_str());
        let copy = if open {
            None
        } else {
            match self.with_schedule(&id, |s, _| s.clone()) {
                Some(kept) => Some(kept),
                None => match self.store.open_schedule(&id, UNSEEN).await {
                    Ok(Some(opened)) => Some(opened.schedule),
                    Ok(None) => return Ok(Began::Gone),
                    Err(e) => return Err(e.to_string()),
                },
            }
        };
        let at = self.key();
        let began = {
            let inner = self.inner.borrow();
            let schedule = match copy.as_ref() {
                Some(schedule) => schedule,
                // Open when asked, with no await since: still open.
                None => match inner.open.as_ref() {
                    Some(open) => open.session.schedule(),
                    None => return Ok(Began::Gone),
                },
            };
            match format {
                None => Ok(ExportChunks::in_library(schedule)),
                Some(format) => match ExportChunks::new(schedule, format) {
                    Some(chunks) => Ok(chunks),
                    None => Err(export_schedule(schedule, format)),
                },
            }
        };
        match began {
            Ok(chunks) => {
                let began = Began::Pieces {
                    name: chunks.name().to_owned(),
                    mime: chunks.mime().to_owned(),
                };
                let at = if open { at } else { None };
                self.inner
                    .borrow_mut()
                    .exports
                    .insert(line, Exporting { chunks, copy, at });
                Ok(began)
            }
            Err(files) => {
                if let Some(copy) = copy {
                    free_events_soon(copy.events);
                }
                files
                    .map(|files| Began::Files(files.into_iter().map(File::from).collect()))
                    .map_err(|e| e.to_string())
            }
        }
    }

    /// The next piece of export `line`; `None` once it is all written (the export ends). An
    /// open schedule that changed since the export began ends it with the reason.
    pub fn next_piece(&self, line: u64) -> Result<Option<String>, String> {
        let key = self.key();
        let mut inner = self.inner.borrow_mut();
        let inner = &mut *inner;
        let exporting = inner
            .exports
            .get_mut(&line)
            .ok_or("was not being exported")?;
        let piece = match &exporting.copy {
            Some(copy) => exporting.chunks.next_piece(copy, EXPORT_PIECE),
            None => {
                let schedule = inner
                    .open
                    .as_ref()
                    .filter(|_| key == exporting.at)
                    .map(|open| open.session.schedule());
                match schedule {
                    Some(schedule) => exporting.chunks.next_piece(schedule, EXPORT_PIECE),
                    None => {
                        inner.exports.remove(&line);
                        return Err("changed while it was being exported".into());
                    }
                }
            }
        };
        if piece.is_none() {
            if let Some(done) = inner.exports.remove(&line) {
                if let Some(copy) = done.copy {
                    free_events_soon(copy.events);
                }
            }
        }
        Ok(piece)
    }

    /// Stops export `line` (cancelled).
    pub fn end_export(&self, line: u64) {
        let done = self.inner.borrow_mut().exports.remove(&line);
        if let Some(copy) = done.and_then(|d| d.copy) {
            free_events_soon(copy.events);
        }
    }
}
