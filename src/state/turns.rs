//! Intents on the open schedule take turns. The desk answers in messages, so a command's
//! selection, the rows it leaves and the events it copies reach the page a moment after it is
//! sent; an intent asked meanwhile (a second key press) waits until the one before it is shown
//! and the views hold their new answers, so that it reads what a person saw. On the page the
//! desk answers at once, and nothing ever waits.

use std::collections::VecDeque;

use leptos::prelude::*;

use super::AppState;
use crate::desk::{Reply, Request};

/// Whether an intent's command is on its way, and the intents waiting for it.
#[derive(Default)]
pub(super) struct Turns {
    busy: bool,
    waiting: VecDeque<Box<dyn FnOnce()>>,
}

impl AppState {
    /// Runs `intent` now, or after the command on its way is shown.
    pub(super) fn in_turn(self, intent: impl FnOnce() + 'static) {
        if self.turns.with_value(|t| t.busy) {
            self.turns
                .update_value(|t| t.waiting.push_back(Box::new(intent)));
        } else {
            intent();
        }
    }

    /// Sends `request` (a command, or what a copy reads); `then` shows the reply, and the next
    /// intent waits until the asks `then` made are answered too.
    pub(super) fn send_in_turn(self, request: Request, then: impl FnOnce(Reply) + 'static) {
        self.turns.update_value(|t| t.busy = true);
        self.port().send(request, move |reply| {
            then(reply);
            // Answered after every ask `then` made: replies come in the order asked.
            self.port().send(Request::Ping, move |_| self.next_turn());
        });
    }

    fn next_turn(self) {
        let next = self
            .turns
            .try_update_value(|t| {
                t.busy = false;
                t.waiting.pop_front()
            })
            .flatten();
        if let Some(next) = next {
            next();
        }
    }
}
