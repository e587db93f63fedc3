//! Picks the next playlist item in the requested order.

use std::collections::VecDeque;

use super::{Fill, Order, Playable};
use crate::rng::Rng;

pub(crate) struct Picker<'a> {
    items: &'a [Playable],
    order: Order,
    fill: Fill,
    rng: Rng,
    /// The current pass's order (sequential and shuffle).
    pass: Vec<usize>,
    pos: usize,
    /// No-repeat window: items that may be picked, and the most recent picks that may not.
    available: Vec<usize>,
    recent: VecDeque<usize>,
    peeked: Option<usize>,
}

impl<'a> Picker<'a> {
    pub(crate) fn new(items: &'a [Playable], order: Order, fill: Fill) -> Picker<'a> {
        let seed = match order {
            Order::Sequential => 0,
            Order::Shuffle { seed } | Order::ShuffleNoRepeat { seed, .. } => seed,
        };
        let mut picker = Picker {
            items,
            order,
            fill,
            rng: Rng::new(seed),
            pass: (0..items.len()).collect(),
            pos: 0,
            available: (0..items.len()).collect(),
            recent: VecDeque::new(),
            peeked: None,
        };
        picker.start_pass();
        picker
    }

    fn start_pass(&mut self) {
        self.pos = 0;
        if matches!(self.order, Order::Shuffle { .. })
            || matches!(self.order, Order::ShuffleNoRepeat { .. }) && self.fill == Fill::Once
        {
            self.rng.shuffle(&mut self.pass);
        }
    }

    fn next_index(&mut self) -> Option<usize> {
        match (self.order, self.fill) {
            (Order::ShuffleNoRepeat { window, .. }, Fill::Loop) => {
                // Never more than n-1, or no item would be allowed. Each pick is O(1): the pick
                // leaves `available` for `recent`, and the oldest recent pick comes back.
                let window = window.min(self.items.len().saturating_sub(1));
                let slot = self.rng.below(self.available.len() as u64) as usize;
                let pick = self.available.swap_remove(slot);
                self.recent.push_back(pick);
                while self.recent.len() > window {
                    if let Some(back) = self.recent.pop_front() {
                        self.available.push(back);
                    }
                }
                Some(pick)
            }
            _ => {
                if self.pos == self.pass.len() {
                    if self.fill == Fill::Once {
                        return None;
                    }
                    self.start_pass();
                }
                let pick = self.pass[self.pos];
                self.pos += 1;
                Some(pick)
            }
        }
    }

    /// The next item without consuming it.
    pub(crate) fn peek(&mut self) -> Option<Playable> {
        if self.peeked.is_none() {
            self.peeked = self.next_index();
        }
        self.peeked.map(|i| self.items[i])
    }

    /// Consumes the peeked item.
    pub(crate) fn take(&mut self) {
        self.peeked = None;
    }
}
