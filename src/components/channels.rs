//! Channels: the list (name, rate, zone, day start) with New and Edit, and the settings dialog.
//! From the schedule view the same dialog changes the open schedule's channel, showing first
//! what a new rate would round.

use leptos::prelude::*;
use scheduleflow_engine::channel::Channel;
use scheduleflow_engine::channel_settings::{rate_choices, zone_names, ChannelForm};
use scheduleflow_engine::edit::FieldError;

use crate::components::modal::{error_for, Modal};
use crate::state::AppState;

/// What the dialog is for.
#[derive(Debug, Clone, PartialEq)]
pub enum ChannelTarget {
    New,
    /// A channel in the list, by its name before the edit.
    Edit(Channel),
    /// The open schedule's channel.
    OpenSchedule(Channel),
}

#[component]
pub fn ChannelDialog(open: RwSignal<bool>, target: RwSignal<ChannelTarget>) -> impl IntoView {
    let title = Signal::derive(move || match target.get() {
        ChannelTarget::New => "New channel".to_owned(),
        ChannelTarget::Edit(c) => format!("Channel “{}”", c.name),
        ChannelTarget::OpenSchedule(_) => "This schedule's channel".to_owned(),
    });
    view! {
        <Modal open=open title=title id="channel-dialog">
            <ChannelFields open=open target=target.get_untracked() />
        </Modal>
    }
}

#[component]
fn ChannelFields(open: RwSignal<bool>, target: ChannelTarget) -> impl IntoView {
    let state = expect_context::<AppState>();
    let start = match &target {
        ChannelTarget::New => ChannelForm::new_channel(),
        ChannelTarget::Edit(c) | ChannelTarget::OpenSchedule(c) => ChannelForm::of(c),
    };
    let name = RwSignal::new(start.name);
    let rate = RwSignal::new(start.rate);
    let drop_frame = RwSignal::new(start.drop_frame);
    let zone = RwSignal::new(start.zone);
    let day_start = RwSignal::new(start.day_start);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let form = move || ChannelForm {
        name: name.get(),
        rate: rate.get(),
        drop_frame: drop_frame.get(),
        zone: zone.get(),
        day_start: day_start.get(),
    };
    let has_drop_frame = move || rate.with(|r| r.ends_with("/1001") && !r.starts_with("24000"));
    let for_schedule = matches!(target, ChannelTarget::OpenSchedule(_));
    // Asked of the open schedule whenever the form changes.
    let rounding = RwSignal::new(Ok(Vec::new()));
    Effect::new(move |_| {
        if !for_schedule {
            return;
        }
        match form().channel() {
            Ok(channel) => state.channel_change_preview(channel, move |r| rounding.set(r)),
            Err(_) => rounding.set(Ok(Vec::new())),
        }
    });
    let replaces = match &target {
        ChannelTarget::Edit(c) => Some(c.name.clone()),
        _ => None,
    };
    let replaces = StoredValue::new(replaces);
    let submit = move |e: leptos::ev::SubmitEvent| {
        e.prevent_default();
        let mut f = form();
        f.drop_frame &= has_drop_frame();
        match f.channel() {
            Ok(channel) => {
                errors.set(Vec::new());
                if for_schedule {
                    state.set_open_channel(channel);
                } else {
                    state.save_channel(channel, replaces.get_value());
                }
                open.set(false);
            }
            Err(e) => errors.set(e),
        }
    };
    let err = move |field: &'static str| move || errors.with(|e| error_for(e, field));
    let invalid = move |field: &'static str| {
        move || errors.with(|e| error_for(e, field).is_some()).to_string()
    };
    view! {
        <form class="dialog-form" on:submit=submit>
            <div class="field">
                <label for="channel-name">"Name"</label>
                <input id="channel-name" type="text" required prop:value=move || name.get()
                    on:input=move |e| name.set(event_target_value(&e))
                    aria-invalid=invalid("name") aria-describedby="channel-name-error" />
                <p class="field-error" id="channel-name-error">{err("name")}</p>
            </div>
            <div class="field-row">
                <div class="field">
                    <label for="channel-rate">"Frame rate"</label>
                    <select id="channel-rate" on:change=move |e| rate.set(event_target_value(&e))>
                        {rate_choices().into_iter().map(|r| {
                            let value = r.clone();
                            let label = r.clone();
                            view! { <option value=r selected=move || rate.get() == value>{label}</option> }
                        }).collect_view()}
                    </select>
                    <p class="field-error" id="channel-rate-error">{err("rate")}</p>
                </div>
                <label class="check">
                    <input type="checkbox" prop:checked=move || drop_frame.get() && has_drop_frame()
                        disabled=move || !has_drop_frame()
                        on:change=move |e| drop_frame.set(event_target_checked(&e)) />
                    " Drop-frame timecode"
                </label>
            </div>
            <div class="field">
                <label for="channel-zone">"Time zone (IANA)"</label>
                <input id="channel-zone" type="text" list="zone-names" autocomplete="off"
                    prop:value=move || zone.get() on:input=move |e| zone.set(event_target_value(&e))
                    aria-invalid=invalid("zone") aria-describedby="channel-zone-error" />
                <datalist id="zone-names">
                    {zone_names().into_iter().map(|z| view! { <option value=z></option> }).collect_view()}
                </datalist>
                <p class="field-error" id="channel-zone-error">{err("zone")}</p>
            </div>
            <div class="field">
                <label for="channel-day-start">"Broadcast day starts at"</label>
                <input id="channel-day-start" type="text" class="mono" prop:value=move || day_start.get()
                    on:input=move |e| day_start.set(event_target_value(&e))
                    aria-invalid=invalid("day_start") aria-describedby="channel-day-start-error" />
                <p class="field-error" id="channel-day-start-error">{err("day_start")}</p>
            </div>
            {for_schedule.then(|| view! {
                <div class="rounding" role="status">
                    {move || match rounding.get() {
                        Ok(lines) if lines.is_empty() => view! { <p class="hint">"Every time stays on a whole frame."</p> }.into_any(),
                        Ok(lines) => view! {
                            <p>{format!("The new rate rounds {} event(s) to the nearest frame:", lines.len())}</p>
                            <ul class="rounded-events">
                                {lines.iter().take(50).map(|l| view! { <li>{l.clone()}</li> }).collect_view()}
                            </ul>
                            {(lines.len() > 50).then(|| view! { <p class="hint">{format!("and {} more", lines.len() - 50)}</p> })}
                        }.into_any(),
                        Err(e) => view! { <p class="field-error">{e}</p> }.into_any(),
                    }}
                    <p class="hint">"A new zone or day start keeps every instant; broadcast days follow the new clock. One undo step."</p>
                </div>
            })}
            <div class="dialog-buttons">
                <button type="button" class="quiet" on:click=move |_| open.set(false)>"Cancel"</button>
                <button type="submit" class="primary">{if for_schedule { "Apply to this schedule" } else { "Save channel" }}</button>
            </div>
        </form>
    }
}

/// A choice of channel by name, labelled "Channel", each option naming its rate and zone.
#[component]
pub fn ChannelSelect(id: &'static str, value: RwSignal<String>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let channels = Memo::new(move |_| state.channel_list());
    view! {
        <div class="field">
            <label for=id>"Channel"</label>
            <select id=id on:change=move |e| value.set(event_target_value(&e))>
                {move || channels.get().into_iter().map(|c| {
                    let n = c.name.clone();
                    view! { <option value=c.name.clone() selected=move || value.get() == n>{format!("{} ({}, {})", c.name, c.rate, c.zone.name())}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

/// The channel list on the library page.
#[component]
pub fn Channels() -> impl IntoView {
    let state = expect_context::<AppState>();
    let list = Memo::new(move |_| state.channel_list());
    let open = RwSignal::new(false);
    let target = RwSignal::new(ChannelTarget::New);
    view! {
        <section class="panel library" aria-labelledby="channels-heading">
            <div class="panel-head">
                <h2 id="channels-heading">"Channels"</h2>
                <div class="tools">
                    <button type="button" on:click=move |_| { target.set(ChannelTarget::New); open.set(true); }>"New channel"</button>
                </div>
            </div>
            <Show
                when=move || list.with(|l| !l.is_empty())
                fallback=|| view! { <p class="empty-state">"No channels yet: set one up for new schedules and imports."</p> }
            >
                <div class="table-scroll">
                    <table class="library-table">
                        <thead>
                            <tr>
                                <th scope="col">"Channel"</th>
                                <th scope="col">"Frame rate"</th>
                                <th scope="col">"Time zone"</th>
                                <th scope="col">"Day starts"</th>
                                <th scope="col">"Actions"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {move || list.get().into_iter().map(|c| {
                                let name = c.name.clone();
                                let channel = StoredValue::new(c.clone());
                                view! {
                                    <tr>
                                        <th scope="row">{c.name.clone()}</th>
                                        <td class="mono">{c.rate.to_string()}</td>
                                        <td>{c.zone.name().to_owned()}</td>
                                        <td class="mono">{c.day_start.to_string()}</td>
                                        <td>
                                            <button type="button" aria-label=format!("Edit channel {name}")
                                                on:click=move |_| { target.set(ChannelTarget::Edit(channel.get_value())); open.set(true); }>
                                                "Edit"
                                            </button>
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                <p class="hint">"A channel's settings apply to new schedules, builds and imports; change an existing schedule's channel from the schedule itself."</p>
            </Show>
            <ChannelDialog open=open target=target />
        </section>
    }
}
