//! Schedules made in the app, on the desk: "Schedule a playlist" built for its live preview (the
//! built schedule kept, so that "Create schedule" with the same inputs stores that one rather
//! than building again), a new schedule stored, then opened without crossing back to the page.

use scheduleflow_engine::build::form::BuildForm;
use scheduleflow_engine::build::{build, BuildNote, Built};
use scheduleflow_engine::edit::{FieldError, History};
use scheduleflow_engine::model::{Library, Playlist, Schedule};
use scheduleflow_engine::summary::ScheduleSummary;
use scheduleflow_engine::timeline::{self, Strip};
use scheduleflow_engine::validate::validate;
use serde::{Deserialize, Serialize};

use super::{free_events_soon, Desk, Opening};
use crate::platform::storage::StorageError;

/// What "Schedule a playlist" asks: the playlist, the filler playlist (for an ending that fills
/// from one), and the form as typed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ToBuild {
    pub playlist: Playlist,
    pub filler: Option<Playlist>,
    pub form: BuildForm,
}

impl ToBuild {
    /// The schedule these inputs build (the same as `scheduleflow build` gives), or every field
    /// that is wrong.
    pub fn build(&self) -> Result<Built, Vec<FieldError>> {
        let request = self.form.request(&self.playlist)?;
        build(&self.playlist, self.filler.as_ref(), &request).map_err(|e| {
            vec![FieldError {
                field: "build".into(),
                message: e.to_string(),
            }]
        })
    }
}

/// What the dialog shows of a build before anything is stored: its row, the builder's notes,
/// and the first broadcast day's timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Preview {
    pub summary: ScheduleSummary,
    pub notes: Vec<BuildNote>,
    pub strip: Option<Strip>,
}

/// A schedule to make.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Making {
    /// One the page made (a new empty schedule: small).
    Given(Box<Schedule>),
    /// One built from a playlist.
    Built(Box<ToBuild>),
}

/// A schedule made and stored, ready for `Desk::open_made`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Made {
    pub id: String,
    pub name: String,
}

/// Why nothing was made.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum NotCreated {
    /// The build's inputs are wrong (nothing was stored).
    Fields(Vec<FieldError>),
    /// Storage is full: what would have been stored, to be offered as a download.
    Full(Box<Library>),
    /// Storage failed otherwise.
    Failed(String),
}

impl Desk {
    /// Builds `asked` for the dialog's preview and keeps what it built (letting go of the
    /// preview before it).
    pub fn preview(&self, asked: ToBuild) -> Result<Preview, Vec<FieldError>> {
        self.end_preview();
        let built = asked.build()?;
        let diagnostics = validate(&built.schedule);
        let summary = ScheduleSummary::with_diagnostics(&built.schedule, &diagnostics);
        let strip = timeline::days(&built.schedule)
            .first()
            .and_then(|&day| timeline::strip(&built.schedule, day, &diagnostics));
        self.inner.borrow_mut().preview = Some((asked, built.schedule));
        Ok(Preview {
            summary,
            notes: built.notes,
            strip,
        })
    }

    /// Lets go of the schedule the last preview built (its dialog closed).
    pub fn end_preview(&self) {
        let kept = self.inner.borrow_mut().preview.take();
        if let Some((_, schedule)) = kept {
            free_events_soon(schedule.events);
        }
    }

    /// Stores the schedule `making` says as a new record (a build whose inputs the last
    /// preview had is not built again), keeping it for `open_made`.
    pub async fn create(&self, making: Making) -> Result<Made, NotCreated> {
        let schedule = match making {
            Making::Given(schedule) => *schedule,
            Making::Built(asked) => match self.previewed(&asked) {
                Some(schedule) => schedule,
                None => asked.build().map_err(NotCreated::Fields)?.schedule,
            },
        };
        let library = Library {
            schedules: vec![schedule],
            playlists: Vec::new(),
        };
        match self.store.insert(library).await {
            Ok(mut stored) => {
                let Some(schedule) = stored.schedules.pop() else {
                    return Err(NotCreated::Failed("storage kept nothing".into()));
                };
                let made = Made {
                    id: schedule.id.clone(),
                    name: schedule.name.clone(),
                };
                self.stored_at(&made.id, 1);
                self.inner
                    .borrow_mut()
                    .made
                    .insert(made.id.clone(), schedule);
                Ok(made)
            }
            Err(not) => Err(match not.error {
                StorageError::Full => NotCreated::Full(Box::new(not.library)),
                error => NotCreated::Failed(error.to_string()),
            }),
        }
    }

    /// What the schedule the desk holds for the last preview was built from.
    #[cfg(test)]
    pub(crate) fn held_preview(&self) -> Option<ToBuild> {
        self.inner
            .borrow()
            .preview
            .as_ref()
            .map(|(asked, _)| asked.clone())
    }

    /// The schedule the last preview built, taken, if it was built from `asked`.
    fn previewed(&self, asked: &ToBuild) -> Option<Schedule> {
        let mut inner = self.inner.borrow_mut();
        match inner.preview.take() {
            Some((built_from, schedule)) if built_from == *asked => Some(schedule),
            other => {
                inner.preview = other;
                None
            }
        }
    }

    /// Opens schedule `id`, just made by `create` (read from storage if the desk no longer
    /// holds it).
    pub async fn open_made(&self, id: String) -> Opening {
        let made = self.inner.borrow_mut().made.remove(&id);
        match made {
            Some(schedule) => {
                self.open_given(id, schedule, History::new());
                Opening::Opened {
                    problems: Vec::new(),
                }
            }
            None => self.open(id).await,
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use std::rc::Rc;

    use futures::executor::block_on;
    use scheduleflow_engine::build::form::{BuildForm, EndForm, HardStartForm, OrderChoice};
    use scheduleflow_engine::build::{Ending, Fill};
    use scheduleflow_engine::edit::{FieldError, History};
    use scheduleflow_engine::generate::{playlist, sample_channel};
    use scheduleflow_engine::model::{Library, Schedule};
    use scheduleflow_engine::summary::ScheduleSummary;
    use scheduleflow_engine::time::FrameRate;
    use scheduleflow_engine::timeline;
    use scheduleflow_engine::validate::validate;

    use super::{Made, Making, NotCreated, Preview, ToBuild};
    use crate::desk::{Desk, Opening};
    use crate::state::memory::{use_test_executor, MemoryStore};
    use crate::state::ports::Store;

    fn desk(store: &MemoryStore) -> Desk {
        use_test_executor();
        Desk::new(Rc::new(store.clone()))
    }

    /// A 40-item playlist built as `length` long from its channel's day on 28 March 2026,
    /// shuffled without repeats, with a hard-start block at 20:00.
    pub(crate) fn to_build(length: &str) -> ToBuild {
        let day = "2026-03-28".parse().unwrap();
        ToBuild {
            playlist: playlist(40, 3, FrameRate::FPS_25),
            filler: None,
            form: BuildForm {
                channel: sample_channel(FrameRate::FPS_25),
                day,
                time: String::new(),
                end: EndForm::Length(length.into()),
                order: OrderChoice::NoRepeat,
                seed: "7".into(),
                window: "3".into(),
                fill: Fill::Loop,
                ending: Ending::Trim,
                hard_starts: vec![HardStartForm {
                    day,
                    time: "20:00:00:00".into(),
                    length: "00:15:00:00".into(),
                    title: "News".into(),
                }],
            },
        }
    }

    /// The preview of `asked`, worked out here step by step.
    pub(crate) fn preview_of(asked: &ToBuild) -> Preview {
        let expected = asked.build().unwrap();
        let diagnostics = validate(&expected.schedule);
        let first_day = timeline::days(&expected.schedule)[0];
        Preview {
            summary: ScheduleSummary::with_diagnostics(&expected.schedule, &diagnostics),
            notes: expected.notes,
            strip: timeline::strip(&expected.schedule, first_day, &diagnostics),
        }
    }

    fn built(asked: &ToBuild) -> Schedule {
        asked.build().unwrap().schedule
    }

    fn open_schedule(desk: &Desk) -> Option<(String, Schedule)> {
        let id = desk.open_id()?;
        desk.with_schedule(&id, |s, _| (id.clone(), s.clone()))
    }

    #[test]
    fn a_preview_shows_the_builds_row_notes_and_first_day_then_create_stores_and_opens_it() {
        let store = MemoryStore::default();
        let desk = desk(&store);
        let asked = to_build("48:00:00:00");
        let expected = asked.build().unwrap();
        assert!(!expected.notes.is_empty() && expected.schedule.events.len() > 100);
        let preview = desk.preview(asked.clone()).unwrap();
        assert_eq!(preview, preview_of(&asked));
        assert!(preview.strip.is_some());

        assert_eq!(desk.held_preview(), Some(asked.clone()));
        let made = block_on(desk.create(Making::Built(Box::new(asked))));
        // The preview's schedule is what was stored: taken, not built again beside it.
        assert_eq!(desk.held_preview(), None);
        let id = expected.schedule.id.clone();
        assert_eq!(
            made,
            Ok(Made {
                id: id.clone(),
                name: expected.schedule.name.clone(),
            })
        );
        assert_eq!(
            store.stored(&id),
            Some((expected.schedule.clone(), History::new(), 1))
        );
        assert_eq!(desk.open_id(), None, "made, not opened yet");
        assert_eq!(
            block_on(desk.open_made(id.clone())),
            Opening::Opened {
                problems: Vec::new()
            }
        );
        assert_eq!(open_schedule(&desk), Some((id, expected.schedule)));
    }

    #[test]
    fn create_builds_what_the_form_says_now_not_what_an_older_preview_built() {
        let store = MemoryStore::default();
        let desk = desk(&store);
        desk.preview(to_build("48:00:00:00")).unwrap();
        let now = to_build("18:00:00:00");
        let made = block_on(desk.create(Making::Built(Box::new(now.clone())))).unwrap();
        assert_eq!(store.stored(&made.id).map(|(s, _, _)| s), Some(built(&now)));
        // The older preview is still held until its dialog closes.
        assert_eq!(desk.held_preview(), Some(to_build("48:00:00:00")));
        desk.end_preview();
        assert_eq!(desk.held_preview(), None);
    }

    #[test]
    fn a_form_the_builder_refuses_stores_nothing_and_says_which_field() {
        let store = MemoryStore::default();
        let desk = desk(&store);
        let wrong = to_build("six hours");
        assert_eq!(
            block_on(desk.create(Making::Built(Box::new(wrong.clone())))),
            Err(NotCreated::Fields(wrong.build().unwrap_err()))
        );
        assert!(matches!(
            wrong.build().unwrap_err().as_slice(),
            [FieldError { field, .. }] if field == "length"
        ));
        assert_eq!(block_on(store.load()).unwrap().library.schedules.len(), 0);
    }

    #[test]
    fn a_full_store_gives_the_schedule_back_to_be_offered_as_a_download() {
        let store = MemoryStore::default();
        let desk = desk(&store);
        let asked = to_build("48:00:00:00");
        store.fill_up();
        assert_eq!(
            block_on(desk.create(Making::Built(Box::new(asked.clone())))),
            Err(NotCreated::Full(Box::new(Library {
                schedules: vec![built(&asked)],
                playlists: Vec::new(),
            })))
        );
        assert_eq!(block_on(store.load()).unwrap().library.schedules.len(), 0);
    }

    #[test]
    fn a_schedule_given_by_the_page_is_stored_under_an_id_of_its_own_and_opened() {
        let store = MemoryStore::default();
        let desk = desk(&store);
        let first = built(&to_build("18:00:00:00"));
        let a = block_on(desk.create(Making::Given(Box::new(first.clone())))).unwrap();
        let b = block_on(desk.create(Making::Given(Box::new(first.clone())))).unwrap();
        assert_ne!(a.id, b.id, "the second is stored beside the first");
        // Both are held until opened, the first even after the second was made.
        block_on(desk.open_made(a.id.clone()));
        assert_eq!(open_schedule(&desk), Some((a.id.clone(), first.clone())));
        desk.close();
        block_on(desk.open_made(b.id.clone()));
        let mut second = first;
        second.id = b.id.clone();
        assert_eq!(open_schedule(&desk), Some((b.id, second)));
    }

    #[test]
    fn a_made_schedule_the_desk_no_longer_holds_is_opened_from_storage() {
        let store = MemoryStore::default();
        let desk = desk(&store);
        let schedule = built(&to_build("18:00:00:00"));
        let made = block_on(desk.create(Making::Given(Box::new(schedule.clone())))).unwrap();
        block_on(desk.open_made(made.id.clone()));
        desk.close();
        // Opened again as made: it is read back from storage.
        assert_eq!(
            block_on(desk.open_made(made.id.clone())),
            Opening::Opened {
                problems: Vec::new()
            }
        );
        assert_eq!(open_schedule(&desk), Some((made.id, schedule)));
    }
}
