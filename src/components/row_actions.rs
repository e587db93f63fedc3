//! The actions at the end of a library row: a format to export in, Export, Delete, and
//! whatever the row adds before them (a schedule's Open).

use leptos::prelude::*;
use scheduleflow_engine::format::Format;

/// `subject` names the row in the controls' accessible names: "Export {subject}".
#[component]
pub fn RowActions(
    subject: String,
    formats: Vec<Format>,
    on_export: Callback<Format>,
    on_delete: Callback<()>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let format = RwSignal::new(formats.first().copied().unwrap_or(Format::SfJson));
    view! {
        <div class="actions">
            <select
                aria-label=format!("Export format for {subject}")
                on:change=move |e| {
                    if let Ok(f) = event_target_value(&e).parse::<Format>() {
                        format.set(f);
                    }
                }
            >
                {formats
                    .into_iter()
                    .map(|f| view! { <option value=f.name()>{f.title()}</option> })
                    .collect_view()}
            </select>
            {children.map(|c| c())}
            <button
                type="button"
                aria-label=format!("Export {subject}")
                on:click=move |_| on_export.run(format.get_untracked())
            >
                "Export"
            </button>
            <button
                type="button"
                class="quiet"
                aria-label=format!("Delete {subject}")
                on:click=move |_| on_delete.run(())
            >
                "Delete"
            </button>
        </div>
    }
}
