//! The event ids in use in one schedule, counted, so that a fresh id costs a lookup rather than
//! a scan of the schedule, and validation knows whether any id is used twice without one.

use std::collections::{HashMap, HashSet};

use crate::model::{EventId, Schedule};

/// A hash map for the engine's hot paths (a million ids counted when a schedule opens):
/// foldhash, seeded once per process, in place of the standard SipHash, which showed as a
/// tenth of validating a million events when validation still hashed them.
pub(crate) type FastMap<K, V> = HashMap<K, V, foldhash::fast::RandomState>;
/// A set on the same hash.
pub(crate) type FastSet<T> = HashSet<T, foldhash::fast::RandomState>;

/// How many events use each id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IdCounts {
    counts: FastMap<String, u32>,
    /// How many ids are used by more than one event.
    shared: usize,
}

impl IdCounts {
    pub fn of(schedule: &Schedule) -> IdCounts {
        let mut ids = IdCounts::with_capacity(schedule.events.len());
        for event in &schedule.events {
            ids.add(event.id.as_str());
        }
        ids
    }

    /// No ids yet, with room for `ids` of them.
    pub fn with_capacity(ids: usize) -> IdCounts {
        IdCounts {
            counts: FastMap::with_capacity_and_hasher(ids, Default::default()),
            shared: 0,
        }
    }

    /// How many events use `id`.
    pub fn count(&self, id: &str) -> u32 {
        self.counts.get(id).copied().unwrap_or(0)
    }

    /// Counts one more use of `id`; `true` if it was unused before.
    pub fn add(&mut self, id: &str) -> bool {
        // Looked up before it is owned: an id counted again (a splice's events coming back
        // under their ids) costs no allocation.
        let Some(count) = self.counts.get_mut(id) else {
            self.counts.insert(id.to_owned(), 1);
            return true;
        };
        *count += 1;
        if *count == 2 {
            self.shared += 1;
        }
        false
    }

    /// Counts one use of `id` less; `true` if it is now unused.
    pub fn remove(&mut self, id: &str) -> bool {
        let Some(count) = self.counts.get_mut(id) else {
            return false;
        };
        *count -= 1;
        if *count == 1 {
            self.shared -= 1;
        }
        if *count == 0 {
            self.counts.remove(id);
            return true;
        }
        false
    }

    pub fn contains(&self, id: &str) -> bool {
        self.counts.contains_key(id)
    }

    /// Whether any id is used by more than one event.
    pub fn has_duplicates(&self) -> bool {
        self.shared > 0
    }

    /// Lets the ids go a few at a time ([`Releasing::release_some`]).
    pub fn release(self) -> Releasing {
        Releasing(self.counts.into_iter())
    }
}

/// Counted ids being freed in steps: a million owned ids took a tenth of a second to free in
/// the browser all at once.
#[derive(Debug)]
pub struct Releasing(std::collections::hash_map::IntoIter<String, u32>);

impl Releasing {
    /// Frees up to `budget` more ids; `true` once all are freed.
    pub fn release_some(&mut self, budget: usize) -> bool {
        self.0.by_ref().take(budget).for_each(drop);
        self.0.len() == 0
    }
}

/// Somewhere to look up whether an id is taken, and so to make a fresh one.
pub trait UsedIds {
    fn is_used(&self, id: &str) -> bool;

    /// An id no event uses: `base`, else the first free `base-2`, `base-3`, ...
    fn unused(&self, base: &str) -> EventId {
        self.unused_besides(base, &HashSet::new())
    }

    /// Like [`UsedIds::unused`], also avoiding the ids in `also` (ids handed out for events
    /// not inserted yet).
    fn unused_besides(&self, base: &str, also: &HashSet<String>) -> EventId {
        let free = |id: &str| !self.is_used(id) && !also.contains(id);
        if free(base) {
            return EventId::new(base);
        }
        (2..)
            .map(|n| format!("{base}-{n}"))
            .find(|candidate| free(candidate))
            .map_or_else(|| EventId::new(base), EventId)
    }
}

impl UsedIds for IdCounts {
    fn is_used(&self, id: &str) -> bool {
        self.contains(id)
    }
}

/// Whether `id` is one that [`UsedIds::unused`] could hand out for `base`.
pub fn is_candidate(id: &str, base: &str) -> bool {
    id == base
        || id
            .strip_prefix(base)
            .and_then(|rest| rest.strip_prefix('-'))
            .is_some_and(|n| n.parse::<u64>().is_ok_and(|n| n >= 2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_uses_and_knows_when_an_id_is_shared() {
        let mut ids = IdCounts::default();
        assert!(ids.add("a"));
        assert!(!ids.add("a"));
        assert!(ids.add("b"));
        assert!(ids.has_duplicates());
        assert!(!ids.remove("a"));
        assert!(!ids.has_duplicates());
        assert!(ids.contains("a"));
        assert!(ids.remove("a"));
        assert!(!ids.contains("a"));
        assert!(!ids.remove("a"), "removing an unused id changes nothing");
        assert_eq!(ids.counts.len(), 1);
    }

    #[test]
    fn a_fresh_id_is_the_base_or_the_first_free_numbered_one() {
        let mut ids = IdCounts::default();
        assert_eq!(ids.unused("filler"), EventId::new("filler"));
        ids.add("filler");
        ids.add("filler-2");
        assert_eq!(ids.unused("filler"), EventId::new("filler-3"));
        let also = HashSet::from(["filler-3".to_owned()]);
        assert_eq!(
            ids.unused_besides("filler", &also),
            EventId::new("filler-4")
        );
    }

    #[test]
    fn candidates_are_the_base_and_its_numbered_forms_only() {
        assert!(is_candidate("filler", "filler"));
        assert!(is_candidate("filler-2", "filler"));
        assert!(is_candidate("filler-10", "filler"));
        assert!(!is_candidate("filler-1", "filler"));
        assert!(!is_candidate("filler-x", "filler"));
        assert!(!is_candidate("fillers", "filler"));
        assert!(!is_candidate("news", "filler"));
    }
}
