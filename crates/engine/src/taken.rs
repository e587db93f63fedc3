//! What the page takes out of an open schedule besides what its views show: events copied
//! to the clipboard, a playlist made of a selection, and what a change of channel would round.
//! Each answer is a value the size of what was asked for, so it can cross from a worker.

use crate::channel::Channel;
use crate::edit::{describe_rounding, rate_change};
use crate::model::{Event, MediaItem, Playlist};
use crate::session::Session;

impl Session {
    /// Copies of the events at `indices` (those that exist), in the order asked.
    pub fn events_at(&self, indices: &[usize]) -> Vec<Event> {
        let events = &self.schedule().events;
        indices
            .iter()
            .filter_map(|&i| events.get(i).cloned())
            .collect()
    }

    /// A playlist of the events at `indices`, named after the schedule; `None` when none of
    /// them exists.
    pub fn playlist_of(&self, indices: &[usize]) -> Option<Playlist> {
        let schedule = self.schedule();
        let items: Vec<MediaItem> = self
            .events_at(indices)
            .into_iter()
            .map(MediaItem::from_event)
            .collect();
        (!items.is_empty()).then(|| Playlist {
            id: format!("{}-selection", schedule.id),
            name: format!("From {}", schedule.name),
            rate: schedule.rate(),
            items,
            extra: Default::default(),
        })
    }

    /// What moving the schedule to `channel` would round, a line per event, or why it cannot.
    pub fn channel_change(&self, channel: &Channel) -> Result<Vec<String>, String> {
        rate_change(self.schedule(), channel)
            .map(|rounded| rounded.iter().map(describe_rounding).collect())
            .map_err(|e| e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::History;
    use crate::generate::{sample_channel, schedule};
    use crate::time::FrameRate;

    fn session() -> Session {
        let origin = "2026-03-02T06:00:00Z".parse().unwrap();
        let mut s = schedule(10, 2, sample_channel(FrameRate::FPS_25), origin);
        s.id = "day".into();
        s.name = "Day".into();
        Session::new(s, History::default())
    }

    #[test]
    fn copies_are_the_events_asked_for_in_that_order_and_only_those_that_exist() {
        let session = session();
        let events = &session.schedule().events;
        assert_eq!(
            session.events_at(&[4, 1, 40]),
            vec![events[4].clone(), events[1].clone()]
        );
    }

    #[test]
    fn a_selections_playlist_is_named_after_the_schedule() {
        let session = session();
        let events = &session.schedule().events;
        assert_eq!(
            session.playlist_of(&[2, 3]),
            Some(Playlist {
                id: "day-selection".into(),
                name: "From Day".into(),
                rate: FrameRate::FPS_25,
                items: vec![
                    MediaItem::from_event(events[2].clone()),
                    MediaItem::from_event(events[3].clone())
                ],
                extra: Default::default(),
            })
        );
        assert_eq!(session.playlist_of(&[99]), None);
    }

    #[test]
    fn a_channel_change_lists_each_rounding() {
        let session = session();
        let same = session.schedule().channel.clone();
        assert_eq!(session.channel_change(&same), Ok(Vec::new()));
        let faster = Channel {
            rate: FrameRate::FPS_29_97_DF,
            ..same
        };
        let expected: Vec<String> = rate_change(session.schedule(), &faster)
            .unwrap()
            .iter()
            .map(describe_rounding)
            .collect();
        assert!(!expected.is_empty());
        assert_eq!(session.channel_change(&faster), Ok(expected));
    }
}
