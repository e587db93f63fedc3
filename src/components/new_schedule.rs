//! "New schedule": an empty schedule for a channel and a range of broadcast days, opened for
//! editing at once.

use leptos::prelude::*;

use crate::components::channels::ChannelSelect;
use crate::components::modal::Modal;
use crate::desk::Making;
use crate::state::{empty_schedule, AppState};

#[component]
pub fn NewScheduleDialog(open: RwSignal<bool>) -> impl IntoView {
    view! {
        <Modal open=open title=Signal::derive(|| "New schedule".to_owned()) id="new-schedule-dialog">
            <NewScheduleFields open=open />
        </Modal>
    }
}

#[component]
fn NewScheduleFields(open: RwSignal<bool>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let channels = Memo::new(move |_| state.channel_list());
    let channel = RwSignal::new(
        channels
            .with_untracked(|c| c.first().map(|c| c.name.clone()))
            .unwrap_or_default(),
    );
    let name = RwSignal::new(String::new());
    let first = RwSignal::new(state.today().to_string());
    let days = RwSignal::new("1".to_owned());
    let error = RwSignal::new(None::<String>);
    let submit = move |e: leptos::ev::SubmitEvent| {
        e.prevent_default();
        let Some(ch) = state.channel_named(&channel.get_untracked()) else {
            error.set(Some(
                "Choose a channel (set one up with New channel).".into(),
            ));
            return;
        };
        let made = first
            .get_untracked()
            .parse::<jiff::civil::Date>()
            .map_err(|_| "The first broadcast day is not a date.".to_owned())
            .and_then(|d| {
                let n: i64 = days
                    .get_untracked()
                    .trim()
                    .parse()
                    .ok()
                    .filter(|n| (1..=366).contains(n))
                    .ok_or("The number of days must be from 1 to 366.")?;
                empty_schedule(&name.get_untracked(), &ch, d, n)
            });
        match made {
            Ok(schedule) => {
                let what = schedule.name.clone();
                // An empty schedule builds nothing: the desk only stores it.
                state.create(Making::Given(Box::new(schedule)), &what, drop);
                open.set(false);
            }
            Err(e) => error.set(Some(e)),
        }
    };
    view! {
        <form class="dialog-form" on:submit=submit>
            <ChannelSelect id="new-schedule-channel" value=channel />
            <div class="field">
                <label for="new-schedule-name">"Name (optional)"</label>
                <input id="new-schedule-name" type="text" prop:value=move || name.get() on:input=move |e| name.set(event_target_value(&e)) />
            </div>
            <div class="field-row">
                <div class="field">
                    <label for="new-schedule-first">"First broadcast day"</label>
                    <input id="new-schedule-first" type="date" prop:value=move || first.get() on:input=move |e| first.set(event_target_value(&e)) />
                </div>
                <div class="field">
                    <label for="new-schedule-days">"Days"</label>
                    <input id="new-schedule-days" type="number" min="1" max="366" prop:value=move || days.get() on:input=move |e| days.set(event_target_value(&e)) />
                </div>
            </div>
            {move || error.get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
            <div class="dialog-buttons">
                <button type="button" class="quiet" on:click=move |_| open.set(false)>"Cancel"</button>
                <button type="submit" class="primary">"Create schedule"</button>
            </div>
        </form>
    }
}
