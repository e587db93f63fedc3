//! A channel's settings as a person types them (name, frame rate, drop-frame, IANA zone,
//! broadcast-day start), turned into a [`Channel`] with every bad field reported, and the list of
//! zones to choose from.

use crate::channel::{Channel, DayStart, Zone};
use crate::edit::FieldError;
use crate::time::FrameRate;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChannelForm {
    pub name: String,
    /// `25`, `30000/1001`, … (the engine's list).
    pub rate: String,
    /// Drop-frame timecode; only 30000/1001 and 60000/1001 have it.
    pub drop_frame: bool,
    pub zone: String,
    /// `06:00` or `06:00:00`.
    pub day_start: String,
}

impl ChannelForm {
    pub fn of(channel: &Channel) -> ChannelForm {
        let rate = channel.rate.without_drop_frame();
        ChannelForm {
            name: channel.name.clone(),
            rate: rate.to_string(),
            drop_frame: channel.rate.is_drop_frame(),
            zone: channel.zone.name().to_owned(),
            day_start: channel.day_start.to_string(),
        }
    }

    /// A new channel's form: 25 fps, UTC, 06:00.
    pub fn new_channel() -> ChannelForm {
        ChannelForm {
            name: String::new(),
            rate: "25".into(),
            drop_frame: false,
            zone: "UTC".into(),
            day_start: "06:00:00".into(),
        }
    }

    pub fn channel(&self) -> Result<Channel, Vec<FieldError>> {
        let mut errors = Vec::new();
        let name = self.name.trim();
        if name.is_empty() {
            errors.push(FieldError {
                field: "name".into(),
                message: "a channel needs a name".into(),
            });
        }
        let rate = FrameRate::parse(&self.rate, self.drop_frame)
            .map_err(|e| {
                errors.push(FieldError {
                    field: "rate".into(),
                    message: e.to_string(),
                })
            })
            .ok();
        let zone = Zone::new(self.zone.trim())
            .map_err(|_| {
                errors.push(FieldError {
                    field: "zone".into(),
                    message: format!(
                        "“{}” is not an IANA time zone (for example Europe/Berlin)",
                        self.zone.trim()
                    ),
                })
            })
            .ok();
        let day_start = DayStart::parse(self.day_start.trim())
            .map_err(|e| {
                errors.push(FieldError {
                    field: "day_start".into(),
                    message: e.to_string(),
                })
            })
            .ok();
        match (rate, zone, day_start) {
            (Some(rate), Some(zone), Some(day_start)) if errors.is_empty() => {
                Ok(Channel::new(name, rate, zone, day_start))
            }
            _ => Err(errors),
        }
    }
}

/// The frame rates a channel can have, as the form lists them (drop-frame is its own field).
pub fn rate_choices() -> Vec<String> {
    let mut out: Vec<String> = FrameRate::ALL
        .iter()
        .filter(|r| !r.is_drop_frame())
        .map(FrameRate::to_string)
        .collect();
    out.dedup();
    out
}

/// Every IANA zone name the engine knows, sorted.
pub fn zone_names() -> Vec<String> {
    let mut names: Vec<String> = jiff::tz::db()
        .available()
        .map(|name| name.to_string())
        .collect();
    names.sort();
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_filled_form_makes_the_channel_and_reads_back() {
        let form = ChannelForm {
            name: " Sport HD ".into(),
            rate: "30000/1001".into(),
            drop_frame: true,
            zone: "America/New_York".into(),
            day_start: "05:00".into(),
        };
        let channel = form.channel().unwrap();
        assert_eq!(
            channel,
            Channel::new(
                "Sport HD",
                FrameRate::FPS_29_97_DF,
                Zone::new("America/New_York").unwrap(),
                DayStart::parse("05:00:00").unwrap()
            )
        );
        assert_eq!(ChannelForm::of(&channel).channel(), Ok(channel));
    }

    #[test]
    fn every_bad_field_is_reported() {
        let form = ChannelForm {
            name: "".into(),
            rate: "25".into(),
            drop_frame: true,
            zone: "Mars/Olympus".into(),
            day_start: "25:00".into(),
        };
        let fields: Vec<String> = form
            .channel()
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, vec!["name", "rate", "zone", "day_start"]);
    }

    #[test]
    fn the_lists_offer_the_rates_and_zones() {
        assert_eq!(
            rate_choices(),
            vec![
                "24",
                "25",
                "30",
                "50",
                "60",
                "24000/1001",
                "30000/1001",
                "60000/1001"
            ]
        );
        let zones = zone_names();
        assert!(zones.len() > 300, "{}", zones.len());
        assert!(zones.iter().any(|z| z == "Europe/Berlin"));
    }
}
