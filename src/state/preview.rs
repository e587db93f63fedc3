//! "Schedule a playlist"'s live preview, built on the desk as the form changes: at most one build
//! on its way at a time, of the inputs typed meanwhile only the latest sent next, and only the
//! latest inputs' answer shown (a slow build's answer never overwrites a newer one).

use leptos::prelude::*;
use scheduleflow_engine::edit::FieldError;

use super::AppState;
use crate::desk::{Preview, ToBuild};

/// Which answers to show and what to ask next, apart from signals and the desk.
#[derive(Debug)]
pub struct Latest<T> {
    /// The number of the latest inputs.
    latest: u64,
    on_its_way: bool,
    waiting: Option<(u64, T)>,
}

impl<T> Default for Latest<T> {
    fn default() -> Self {
        Latest {
            latest: 0,
            on_its_way: false,
            waiting: None,
        }
    }
}

impl<T> Latest<T> {
    /// New inputs: to be asked now (with their number), or `None` while an answer is on its
    /// way (they are asked when it comes, unless newer ones come first).
    pub fn ask(&mut self, inputs: T) -> Option<(u64, T)> {
        self.latest += 1;
        if self.on_its_way {
            self.waiting = Some((self.latest, inputs));
            None
        } else {
            self.on_its_way = true;
            Some((self.latest, inputs))
        }
    }

    /// New inputs that need no asking (the form is wrong as typed): nothing asked before them
    /// is shown.
    pub fn answered_here(&mut self) {
        self.latest += 1;
        self.waiting = None;
    }

    /// The answer to inputs `n` came: whether to show it, and what to ask next.
    pub fn answered(&mut self, n: u64) -> (bool, Option<(u64, T)>) {
        let next = self.waiting.take();
        self.on_its_way = next.is_some();
        (n == self.latest, next)
    }

    /// Whether an answer is on its way.
    pub fn busy(&self) -> bool {
        self.on_its_way
    }
}

/// What the preview shows: the latest build's, or the fields that are wrong.
pub type Shown = Result<Preview, Vec<FieldError>>;

/// The preview of one dialog.
#[derive(Debug, Clone, Copy)]
pub struct Previewing {
    pub shown: RwSignal<Shown>,
    /// Whether a build is on its way (the preview is older than the form).
    pub busy: RwSignal<bool>,
    latest: StoredValue<Latest<ToBuild>>,
}

impl Previewing {
    /// A preview showing nothing yet.
    pub fn new() -> Previewing {
        Previewing {
            shown: RwSignal::new(Err(Vec::new())),
            busy: RwSignal::new(false),
            latest: StoredValue::new(Latest::default()),
        }
    }

    /// The form now says `asked` (or is wrong as typed): built on the desk when it is free.
    pub fn ask(self, state: AppState, asked: Result<ToBuild, Vec<FieldError>>) {
        match asked {
            Ok(asked) => {
                let now = self.latest.try_update_value(|l| l.ask(asked)).flatten();
                if let Some((n, asked)) = now {
                    self.build(state, n, asked);
                }
            }
            Err(errors) => self.show_errors(errors),
        }
        self.busy.set(self.latest.with_value(Latest::busy));
    }

    /// Shows fields that are wrong (as typed, or as the desk found when asked to create), over
    /// any build on its way.
    pub fn show_errors(self, errors: Vec<FieldError>) {
        // The dialog may have closed while the desk was asked to create.
        if self
            .latest
            .try_update_value(Latest::answered_here)
            .is_some()
        {
            self.shown.set(Err(errors));
        }
    }

    fn build(self, state: AppState, n: u64, asked: ToBuild) {
        state.preview_build(asked, move |answer| {
            // The dialog may have closed meanwhile.
            let Some((show, next)) = self.latest.try_update_value(|l| l.answered(n)) else {
                return;
            };
            if show {
                self.shown.try_set(answer);
            }
            match next {
                Some((n, asked)) => self.build(state, n, asked),
                None => {
                    self.busy.try_set(false);
                }
            }
        });
    }
}

impl Default for Previewing {
    fn default() -> Self {
        Previewing::new()
    }
}

#[cfg(test)]
mod tests {
    use super::Latest;

    #[test]
    fn inputs_are_asked_at_once_when_nothing_is_on_its_way() {
        let mut latest = Latest::default();
        assert_eq!(latest.ask("a"), Some((1, "a")));
        assert!(latest.busy());
        assert_eq!(latest.answered(1), (true, None));
        assert!(!latest.busy());
        assert_eq!(latest.ask("b"), Some((2, "b")));
    }

    #[test]
    fn inputs_typed_while_a_build_is_on_its_way_wait_and_only_the_latest_is_asked_and_shown() {
        let mut latest = Latest::default();
        assert_eq!(latest.ask("a"), Some((1, "a")));
        assert_eq!(latest.ask("ab"), None);
        assert_eq!(latest.ask("abc"), None);
        // The answer to "a" is older than the form: not shown, and "abc" goes next.
        assert_eq!(latest.answered(1), (false, Some((3, "abc"))));
        assert!(latest.busy());
        assert_eq!(latest.answered(3), (true, None));
        assert!(!latest.busy());
    }

    #[test]
    fn a_form_wrong_as_typed_hides_the_answer_on_its_way_and_drops_what_waits() {
        let mut latest = Latest::default();
        assert_eq!(latest.ask("a"), Some((1, "a")));
        assert_eq!(latest.ask("ab"), None);
        latest.answered_here();
        assert_eq!(latest.answered(1), (false, None));
        assert!(!latest.busy());
        assert_eq!(latest.ask("abc"), Some((4, "abc")));
    }
}
