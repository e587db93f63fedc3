//! The open schedule's check, run in slices that leave the thread free between them (a
//! million events take about a second), then the freeing of what the session let go.

use super::{Desk, Tell, CHECK_STEP, FREE_STEP};
use crate::platform::Slices;

impl Desk {
    /// Runs the open session's check, if one is under way, and tidies it; tells how far it
    /// has come as it goes, and `Moved` when it ends (the rows gain their diagnostics).
    pub(super) fn check_soon(&self) {
        let (progress, busy) = {
            let inner = self.inner.borrow();
            let Some(open) = inner.open.as_ref() else {
                return;
            };
            let progress = open.session.checking();
            (progress, progress.is_some() || !open.session.is_tidy())
        };
        if !busy || self.inner.borrow().checking {
            return;
        }
        self.inner.borrow_mut().checking = true;
        // Said at once: until the first slice runs, no diagnostics must not read as none.
        self.tell(Tell::Checking(progress));
        let desk = self.clone();
        leptos::task::spawn_local(async move {
            let mut slices = Slices::new();
            let mut told = progress;
            loop {
                let step = {
                    let mut inner = desk.inner.borrow_mut();
                    inner.open.as_mut().map(|open| {
                        let session = &mut open.session;
                        let was_checking = session.checking().is_some();
                        let checked = session.check_some(CHECK_STEP);
                        let tidy = checked && session.tidy(FREE_STEP);
                        (session.checking(), was_checking && checked, tidy)
                    })
                };
                // Closed meanwhile: closing handed over what was left to free.
                let (left, finished, tidy) = step.unwrap_or((None, false, true));
                if told != left {
                    told = left;
                    desk.tell(Tell::Checking(left));
                }
                if finished {
                    desk.tell(Tell::Moved);
                }
                if tidy {
                    break;
                }
                slices.pause().await;
            }
            desk.inner.borrow_mut().checking = false;
        });
    }

    /// How far the open schedule's check has come, in thousandths (`None`: not checking).
    pub fn checking(&self) -> Option<u32> {
        self.with_session(|s| s.checking()).flatten()
    }
}
