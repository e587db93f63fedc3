//! The mark a rule puts on each event it makes, so that applying the rules again replaces
//! what they made and keeps what a person changed: the mark holds a fingerprint of the event's
//! content, and an event whose content no longer matches it was edited by hand.

use serde_json::Value;

use crate::model::Event;

/// The `extra` key of the mark. It is kept by the native formats, so marks survive a round trip.
pub const RULE_MARK: &str = "sf_rule";

/// Marks `event` as made by the rules (`block` says which block, for people reading it).
pub(crate) fn mark(event: &mut Event, block: &str) {
    event.extra.remove(RULE_MARK);
    let print = fingerprint(event);
    event.extra.insert(
        RULE_MARK.into(),
        Value::String(format!("{block}#{print:016x}")),
    );
}

/// Whether `event` was made by the rules and left as they made it (so applying again may
/// replace it). An event without a mark, or whose content changed since (its title, length,
/// source, in or out point, kind, start mode or notes), was put there or edited by a person.
/// Its start is not part of the fingerprint: a ripple moves the rules' events along, and that
/// is not a hand edit. To keep an event where it is, make it a fixed start.
pub fn made_by_rules(event: &Event) -> bool {
    let Some(Value::String(mark)) = event.extra.get(RULE_MARK) else {
        return false;
    };
    let Some((_, print)) = mark.rsplit_once('#') else {
        return false;
    };
    u64::from_str_radix(print, 16).is_ok_and(|p| p == fingerprint(event))
}

/// FNV-1a's starting value.
pub(crate) const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// FNV-1a: `hash` with `bytes` folded in. Stable across versions and platforms, which a std
/// `Hasher` is not.
pub(crate) fn fnv1a(hash: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(hash, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// FNV-1a over the event's content (not its id, start or mark).
fn fingerprint(event: &Event) -> u64 {
    let mut hash = FNV_OFFSET;
    let mut feed = |bytes: &[u8]| {
        // Each field ends in a separator, so that ("ab", "c") and ("a", "bc") differ.
        hash = fnv1a(fnv1a(hash, bytes), &[0xff]);
    };
    let frames = |f: Option<crate::time::Frames>| f.map_or(i64::MIN, |f| f.get()).to_le_bytes();
    feed(event.title.as_bytes());
    feed(&frames(event.duration));
    feed(event.source.as_deref().unwrap_or("\u{0}").as_bytes());
    feed(&frames(event.in_point));
    feed(&frames(event.out_point));
    feed(event.kind.as_str().as_bytes());
    feed(event.start_mode.as_str().as_bytes());
    feed(event.notes.as_bytes());
    hash
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EventKind, StartMode};
    use crate::time::Frames;

    /// The fingerprint of `marked()`, as every version must compute it.
    const PINNED: u64 = 0xb157_467d_5b05_192c;

    fn marked() -> Event {
        let mut e = Event::new(
            "r1",
            Frames(100),
            Frames(250),
            "Cartoon 1",
            EventKind::Programme,
        );
        e.source = Some("cartoon-1.mxf".into());
        mark(&mut e, "sat/0");
        e
    }

    #[test]
    fn an_event_as_the_rules_made_it_is_theirs_wherever_it_moved() {
        let mut e = marked();
        assert!(made_by_rules(&e));
        e.start = Frames(9_000);
        e.id = crate::model::EventId::new("renamed");
        assert!(made_by_rules(&e));
    }

    #[test]
    fn any_change_to_its_content_makes_it_a_hand_edit() {
        let changes: [fn(&mut Event); 8] = [
            |e| e.title.push('!'),
            |e| e.duration = Some(Frames(249)),
            |e| e.source = None,
            |e| e.in_point = Some(Frames(0)),
            |e| e.out_point = Some(Frames(250)),
            |e| e.kind = EventKind::Filler,
            |e| e.start_mode = StartMode::Fixed,
            |e| e.notes = "keep".into(),
        ];
        for (i, change) in changes.iter().enumerate() {
            let mut e = marked();
            change(&mut e);
            assert!(!made_by_rules(&e), "change {i} went unnoticed");
        }
    }

    #[test]
    fn an_event_without_a_mark_or_with_a_broken_one_is_a_persons() {
        let mut e = marked();
        e.extra.remove(RULE_MARK);
        assert!(!made_by_rules(&e));
        e.extra
            .insert(RULE_MARK.into(), Value::String("sat/0".into()));
        assert!(!made_by_rules(&e));
        e.extra.insert(RULE_MARK.into(), Value::from(5));
        assert!(!made_by_rules(&e));
    }

    #[test]
    fn a_mark_is_the_same_in_every_version() {
        // Files keep the mark: were it to change, applying a plan again after an upgrade would
        // take every event the rules made for a hand edit.
        let e = marked();
        assert_eq!(
            e.extra.get(RULE_MARK),
            Some(&Value::String(format!("sat/0#{:016x}", fingerprint(&e))))
        );
        assert_eq!(fingerprint(&e), PINNED);
    }

    #[test]
    fn the_fingerprint_does_not_run_fields_together() {
        let mut a = marked();
        let mut b = marked();
        a.title = "ab".into();
        a.source = Some("c".into());
        b.title = "a".into();
        b.source = Some("bc".into());
        assert_ne!(fingerprint(&a), fingerprint(&b));
    }
}
