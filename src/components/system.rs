//! The System panel: versions, the browser's storage for this app, and what the library holds.

use leptos::prelude::*;

use crate::state::{AppState, Storage};

/// Bytes in the units people read: 1.2 MB, 350 KB.
fn bytes(n: u64) -> String {
    const UNITS: [&str; 4] = ["B", "KB", "MB", "GB"];
    let mut value = n;
    let mut unit = 0;
    let mut tenths = 0;
    while value >= 1000 && unit < UNITS.len() - 1 {
        tenths = (value % 1000) / 100;
        value /= 1000;
        unit += 1;
    }
    if unit == 0 {
        format!("{value} {}", UNITS[unit])
    } else {
        format!("{value}.{tenths} {}", UNITS[unit])
    }
}

#[component]
pub fn System() -> impl IntoView {
    let state = expect_context::<AppState>();
    let counts = Memo::new(move |_| {
        // The open schedule is in its session, not in the library.
        let open = state.seen.heading.with(|h| h.as_ref().map(|h| h.events));
        state.library.with(|l| {
            (
                l.schedules.len() + usize::from(open.is_some()),
                l.playlists.len(),
                l.schedules.iter().map(|s| s.row.events).sum::<usize>() + open.unwrap_or(0),
            )
        })
    });
    view! {
        <section class="panel system" aria-labelledby="system-heading">
            <h2 id="system-heading">"System"</h2>
            <dl class="facts">
                <dt>"App"</dt>
                <dd class="mono">{env!("CARGO_PKG_VERSION")}</dd>
                <dt>"Engine"</dt>
                <dd class="mono">{scheduleflow_engine::VERSION}</dd>
                <dt>"Storage used"</dt>
                <dd>{move || state.usage.get().map_or("—".into(), |u| bytes(u.used_bytes))}</dd>
                <dt>"Quota"</dt>
                <dd>{move || state.usage.get().map_or("—".into(), |u| bytes(u.quota_bytes))}</dd>
                <dt>"Persistent"</dt>
                <dd>
                    {move || match (state.usage.get(), state.storage.get()) {
                        (Some(u), _) if u.persisted => "yes".to_owned(),
                        (_, Storage::Failed(_)) => "unavailable".to_owned(),
                        (Some(_), _) => "no (the browser may clear it under pressure)".to_owned(),
                        (None, _) => "—".to_owned(),
                    }}
                </dd>
                <dt>"Schedules"</dt>
                <dd>{move || counts.get().0}</dd>
                <dt>"Playlists"</dt>
                <dd>{move || counts.get().1}</dd>
                <dt>"Events"</dt>
                <dd>{move || counts.get().2}</dd>
            </dl>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::bytes;

    #[test]
    fn bytes_read_as_people_say_them() {
        assert_eq!(bytes(999), "999 B");
        assert_eq!(bytes(1_234), "1.2 KB");
        assert_eq!(bytes(350_000), "350.0 KB");
        assert_eq!(bytes(12_345_678), "12.3 MB");
        assert_eq!(bytes(0), "0 B");
    }
}
