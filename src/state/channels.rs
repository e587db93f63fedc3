//! Channels: those set up in the app (stored) and those the schedules use, and changing the
//! open schedule's channel (an undoable edit that reports every time it rounded).

use leptos::prelude::*;
use leptos::task::spawn_local;
use scheduleflow_engine::channel::Channel;
use scheduleflow_engine::command::Command;

use super::AppState;
use crate::desk::{Reply, Request};

impl AppState {
    /// Every channel by name: the stored ones first, then those only the schedules name.
    pub fn channel_list(self) -> Vec<Channel> {
        let mut list = self.channels.get();
        let mut add = |c: &Channel| {
            if !list.iter().any(|known| known.name == c.name) {
                list.push(c.clone());
            }
        };
        self.library
            .with(|l| l.schedules.iter().for_each(|s| add(&s.head.channel)));
        if let Some(open) = self.open_channel() {
            add(&open);
        }
        list.sort_by(|a, b| a.name.cmp(&b.name));
        list
    }

    /// Chooses the channel files that do not say theirs will take (remembered for next time).
    pub fn choose_import_channel(self, name: Option<String>) {
        self.services
            .with_value(|s| s.prefs.set_import_channel(name.as_deref()));
        self.import_channel.set(name);
    }

    pub fn channel_named(self, name: &str) -> Option<Channel> {
        self.channel_list().into_iter().find(|c| c.name == name)
    }

    /// Stores `channel` (replacing the one named `replaces`, for a rename), saying so.
    pub fn save_channel(self, channel: Channel, replaces: Option<String>) {
        self.store_channel(channel, replaces, true);
    }

    fn store_channel(self, channel: Channel, replaces: Option<String>, announce: bool) {
        self.channels.update(|list| {
            list.retain(|c| Some(&c.name) != replaces.as_ref() && c.name != channel.name);
            list.push(channel.clone());
            list.sort_by(|a, b| a.name.cmp(&b.name));
        });
        spawn_local(async move {
            let saved = self
                .store()
                .put_channel(&channel, replaces.as_deref())
                .await;
            match saved {
                Ok(()) => {
                    if announce {
                        self.notice
                            .set(Some(format!("Saved channel “{}”.", channel.name)));
                    }
                    self.stored_a_change();
                }
                Err(e) => self.notice.set(Some(format!(
                    "Channel “{}” could not be saved: {e}",
                    channel.name
                ))),
            }
        });
    }

    /// What changing the open schedule to `channel` would round, as lines for the dialog
    /// (`then` hears them).
    pub fn channel_change_preview(
        self,
        channel: Channel,
        then: impl FnOnce(Result<Vec<String>, String>) + 'static,
    ) {
        self.port()
            .send(Request::ChannelChange { channel }, move |reply| {
                if let Reply::Rounding(rounding) = reply {
                    then(rounding);
                }
            });
    }

    /// Sets the open schedule's channel (one undoable step) and stores the channel too.
    pub fn set_open_channel(self, channel: Channel) {
        self.in_turn(move || self.set_open_channel_now(channel));
    }

    fn set_open_channel_now(self, channel: Channel) {
        let previous = self.open_channel().map(|c| c.name);
        let set = Command::SetChannel {
            channel: channel.clone(),
        };
        self.run_then(set, move |made| {
            if made.is_ok() {
                let replaces = previous.filter(|p| {
                    self.channels
                        .with_untracked(|c| c.iter().any(|c| &c.name == p))
                });
                self.store_channel(channel, replaces, false);
            }
        });
    }
}
