//! The schedule library: every stored schedule with its channel, days, size and health, and
//! its exports.

use leptos::prelude::*;
use scheduleflow_engine::format::Format;
use scheduleflow_engine::summary::{Health, ScheduleSummary};

use crate::components::build_dialog::BuildDialog;
use crate::components::new_schedule::NewScheduleDialog;
use crate::components::row_actions::RowActions;
use crate::state::{AppState, Storage};

fn health_label(s: &ScheduleSummary) -> String {
    match s.health {
        Health::Clean => "OK".into(),
        Health::Warnings => format!("{} warning(s)", s.warnings),
        Health::Errors => format!("{} error(s), {} warning(s)", s.errors, s.warnings),
        Health::Checking => "checking…".into(),
    }
}

fn days(s: &ScheduleSummary) -> String {
    match (s.first_day, s.last_day) {
        (Some(a), Some(b)) if a == b => a.to_string(),
        (Some(a), Some(b)) => format!("{a} – {b}"),
        _ => "—".into(),
    }
}

/// The cells that say what a schedule is (all of its row but the editor's actions), also
/// the first-load shell's rows.
pub(crate) fn summary_cells(s: &ScheduleSummary) -> impl IntoView {
    view! {
        <th scope="row">{s.name.clone()}</th>
        <td>{s.channel.clone()}</td>
        <td class="mono">{days(s)}</td>
        <td class="num">{s.events}</td>
        <td class="mono">{s.length.clone()}</td>
        <td><span class=health_class(s)>{health_label(s)}</span></td>
    }
}

/// The library table's head; the shell's has no actions column.
pub(crate) fn table_head(actions: bool) -> impl IntoView {
    view! {
        <thead>
            <tr>
                <th scope="col">"Schedule"</th>
                <th scope="col">"Channel"</th>
                <th scope="col">"Days"</th>
                <th scope="col" class="num">"Events"</th>
                <th scope="col">"Length"</th>
                <th scope="col">"Checks"</th>
                {actions.then(|| view! { <th scope="col">"Actions"</th> })}
            </tr>
        </thead>
    }
}

fn health_class(s: &ScheduleSummary) -> &'static str {
    match s.health {
        Health::Clean => "health clean",
        Health::Warnings => "health warnings",
        Health::Errors => "health errors",
        Health::Checking => "health checking",
    }
}

#[component]
fn Row(summary: ScheduleSummary) -> impl IntoView {
    let state = expect_context::<AppState>();
    let id = StoredValue::new(summary.id.clone());
    let name = summary.name.clone();
    view! {
        <tr>
            {summary_cells(&summary)}
            <td>
                <RowActions
                    subject=name.clone()
                    formats=Format::ALL.to_vec()
                    on_export=Callback::new(move |f| id.with_value(|id| state.export(id, f)))
                    on_delete=Callback::new(move |()| state.delete(id.get_value()))
                >
                    <button
                        type="button"
                        aria-label=format!("Open {name}")
                        on:click=move |_| state.open(id.get_value())
                    >
                        "Open"
                    </button>
                </RowActions>
            </td>
        </tr>
    }
}

/// The list of stored schedules.
#[component]
pub fn Library() -> impl IntoView {
    let state = expect_context::<AppState>();
    let all = Memo::new(move |_| state.summaries());
    let summaries = Memo::new(move |_| {
        let query = state.query.get();
        all.with(|s| {
            s.iter()
                .filter(|s| s.matches(&query))
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let new_open = RwSignal::new(false);
    let BuildLauncher {
        open: build_open,
        playlist: build_playlist,
    } = expect_context();
    view! {
        <section class="panel library" aria-labelledby="library-heading">
            <div class="panel-head">
                <h2 id="library-heading" tabindex="-1">"Library"</h2>
                <div class="tools">
                    <button type="button" on:click=move |_| new_open.set(true)>"New schedule"</button>
                    <button
                        type="button"
                        disabled=move || state.library.with(|l| l.playlists.is_empty())
                        on:click=move |_| BuildLauncher { open: build_open, playlist: build_playlist }.launch(None)
                    >
                        "Schedule a playlist"
                    </button>
                    <input
                        type="search"
                        placeholder="Search"
                        aria-label="Search the library"
                        prop:value=move || state.query.get()
                        on:input=move |e| state.query.set(event_target_value(&e))
                    />
                    <button
                        type="button"
                        on:click=move |_| state.export_all()
                        disabled=move || all.with(|s| s.is_empty())
                    >
                        "Export all (XML)"
                    </button>
                </div>
            </div>
            {move || match state.storage.get() {
                Storage::Loading => view! { <p class="empty-state">"Loading the library…"</p> }.into_any(),
                Storage::Failed(e) => view! { <p class="report failed" role="alert">{e}</p> }.into_any(),
                Storage::Ready { .. } if all.with(|s| s.is_empty()) => {
                    view! {
                        <p class="empty-state">"No schedules yet. Drop files on this window to import them."</p>
                        <p class="empty-state">
                            "New here? "
                            <button type="button" on:click=move |_| state.load_sample()>
                                "Load the sample channel"
                            </button>
                            " — a day of “Sample One” with a few problems to find and fix."
                        </p>
                    }.into_any()
                }
                Storage::Ready { .. } if summaries.with(|s| s.is_empty()) => {
                    view! { <p class="empty-state">"No schedule matches the search."</p> }.into_any()
                }
                Storage::Ready { .. } => view! {
                    <div class="table-scroll">
                    <table class="library-table">
                        {table_head(true)}
                        <tbody>
                            <For
                                each=move || summaries.get()
                                key=|s| (s.id.clone(), s.events, s.errors, s.warnings)
                                children=|s| view! { <Row summary=s /> }
                            />
                        </tbody>
                    </table>
                    </div>
                }.into_any(),
            }}
            <NewScheduleDialog open=new_open />
            <BuildDialog open=build_open playlist=build_playlist />
        </section>
    }
}

/// Opens "Schedule a playlist", from the library's tools or a playlist's row.
#[derive(Debug, Clone, Copy)]
pub struct BuildLauncher {
    pub open: RwSignal<bool>,
    pub playlist: RwSignal<Option<String>>,
}

impl BuildLauncher {
    pub fn new() -> BuildLauncher {
        BuildLauncher {
            open: RwSignal::new(false),
            playlist: RwSignal::new(None),
        }
    }

    /// Opens the dialog with `playlist` chosen.
    pub fn launch(self, playlist: Option<String>) {
        self.playlist.set(playlist);
        self.open.set(true);
    }
}

impl Default for BuildLauncher {
    fn default() -> Self {
        BuildLauncher::new()
    }
}
