//! The plan editor: the weekly plan (a template for each weekday), the dates that differ, and a
//! template's blocks on its day strip — drag a block's right edge to resize it, or with the
//! keyboard: arrows resize by a minute (with Shift, a quarter hour), Alt and the arrows move it
//! — with the selected block's settings below and the channel's separation rules. Changes go
//! into a draft, checked as a whole as they are made, and are stored with "Save plan".

use jiff::civil::Weekday;
use leptos::prelude::*;
use scheduleflow_engine::rules::editing::{strip_day, template_strip, PlanEdit};
use scheduleflow_engine::rules::plan::BlockFile;
use scheduleflow_engine::rules::PlanFile;
use scheduleflow_engine::time::Frames;

use crate::components::modal::Modal;
use crate::components::plan_block::BlockFields;
use crate::components::plan_dates::DateRules;
use crate::components::plan_separation::SeparationFields;
use crate::state::AppState;

const WEEKDAYS: [(Weekday, &str); 7] = [
    (Weekday::Monday, "Monday"),
    (Weekday::Tuesday, "Tuesday"),
    (Weekday::Wednesday, "Wednesday"),
    (Weekday::Thursday, "Thursday"),
    (Weekday::Friday, "Friday"),
    (Weekday::Saturday, "Saturday"),
    (Weekday::Sunday, "Sunday"),
];

#[component]
pub fn PlanEditor(open: RwSignal<bool>, channel: RwSignal<String>) -> impl IntoView {
    view! {
        <Modal open=open title=Signal::derive(move || format!("Plan of {}", channel.get())) id="plan-editor">
            <EditorFields open=open channel=channel.get_untracked() />
        </Modal>
    }
}

/// The plan being edited, shared by the editor's parts: the draft, the template shown, the
/// block selected, and why the last change was refused.
#[derive(Debug, Clone, Copy)]
pub struct Draft {
    pub plan: RwSignal<PlanFile>,
    pub template: RwSignal<usize>,
    pub selected: RwSignal<Option<usize>>,
    pub refused: RwSignal<Option<String>>,
}

impl Draft {
    /// Makes `e`, or says why it was refused.
    pub fn edit(self, e: PlanEdit) {
        let mut next = self.plan.get_untracked();
        match next.edit(&e) {
            Ok(()) => {
                self.plan.set(next);
                self.refused.set(None);
            }
            Err(err) => self.refused.set(Some(err.to_string())),
        }
    }

    /// Reads the selected block (tracked).
    pub fn block<T>(self, get: impl FnOnce(&BlockFile) -> T) -> Option<T> {
        let (t, b) = (self.template.get(), self.selected.get()?);
        self.plan
            .with(|p| p.templates.get(t).and_then(|t| t.blocks.get(b)).map(get))
    }

    /// Changes the selected block; the whole plan is checked again.
    pub fn set_block(self, set: impl FnOnce(&mut BlockFile)) {
        let (t, Some(b)) = (self.template.get_untracked(), self.selected.get_untracked()) else {
            return;
        };
        self.plan.update(|p| {
            if let Some(block) = p.templates.get_mut(t).and_then(|t| t.blocks.get_mut(b)) {
                set(block);
            }
        });
        self.refused.set(None);
    }
}

/// A drag of a block's right edge under way: the plan as it was, the block, where it began.
#[derive(Clone)]
struct Drag {
    before: PlanFile,
    block: usize,
    x: i32,
    width: f64,
}

#[component]
fn EditorFields(open: RwSignal<bool>, channel: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let Some(start) = state.plan_for(&channel) else {
        return view! { <p class="field-error" role="alert">"This channel has no plan."</p> }
            .into_any();
    };
    let draft = Draft {
        plan: RwSignal::new(start),
        template: RwSignal::new(0usize),
        selected: RwSignal::new(None::<usize>),
        refused: RwSignal::new(None::<String>),
    };
    let Draft {
        plan,
        template,
        selected,
        refused,
    } = draft;
    let checked =
        Memo::new(move |_| plan.with(|p| p.check().map(|_| ()).map_err(|e| e.to_string())));
    let strip =
        Memo::new(move |_| plan.with(|p| template_strip(p, template.get()).unwrap_or_default()));
    let rate_base = plan.with_untracked(|p| i64::from(p.channel.rate.timecode_base()));
    let minute = Frames(rate_base * 60);
    let edit = move |e: PlanEdit| draft.edit(e);
    let drag = StoredValue::new(None::<Drag>);
    let on_key = move |block: usize, e: leptos::ev::KeyboardEvent| {
        let step = if e.shift_key() {
            Frames(minute.get() * 15)
        } else {
            minute
        };
        let by = match e.key().as_str() {
            "ArrowRight" => step,
            "ArrowLeft" => Frames(-step.get()),
            _ => return,
        };
        e.prevent_default();
        let t = template.get_untracked();
        if e.alt_key() {
            edit(PlanEdit::Move {
                template: t,
                block,
                by,
            });
        } else {
            edit(PlanEdit::Resize {
                template: t,
                block,
                by,
            });
        }
    };
    let on_move = move |e: leptos::ev::PointerEvent| {
        let Some(d) = drag.get_value() else { return };
        let day = strip_day(&d.before).unwrap_or(Frames(1));
        let frames = f64::from(e.client_x() - d.x) / d.width.max(1.0) * day.get() as f64;
        // Whole minutes, as a person would set a block.
        let minutes = (frames / minute.get() as f64).round() as i64;
        let mut next = d.before.clone();
        let t = template.get_untracked();
        if next
            .edit(&PlanEdit::Resize {
                template: t,
                block: d.block,
                by: Frames(minutes * minute.get()),
            })
            .is_ok()
        {
            plan.set(next);
        }
    };
    let save = move |e: leptos::ev::SubmitEvent| {
        e.prevent_default();
        match state.save_plan(plan.get_untracked()) {
            Ok(()) => open.set(false),
            Err(err) => refused.set(Some(err)),
        }
    };
    let template_names = move || {
        plan.with(|p| {
            p.templates
                .iter()
                .map(|t| (t.id.clone(), t.name.clone()))
                .collect::<Vec<_>>()
        })
    };
    view! {
        <form class="dialog-form plan-editor" on:submit=save on:pointermove=on_move on:pointerup=move |_| drag.set_value(None)>
            <fieldset class="week">
                <legend>"Week"</legend>
                <div class="field-row">
                    {WEEKDAYS.into_iter().map(|(day, name)| {
                        let id = format!("plan-week-{}", name.to_lowercase());
                        view! {
                            <div class="field">
                                <label for=id.clone()>{name}</label>
                                <select id=id on:change=move |e| {
                                    let v = event_target_value(&e);
                                    edit(PlanEdit::SetWeekday { weekday: day, template: (!v.is_empty()).then_some(v) });
                                }>
                                    <option value="" selected=move || plan.with(|p| p.week.get(day).is_none())>"nothing planned"</option>
                                    {move || template_names().into_iter().map(|(tid, tname)| {
                                        let v = tid.clone();
                                        view! { <option value=tid selected=move || plan.with(|p| p.week.get(day) == Some(v.as_str()))>{tname}</option> }
                                    }).collect_view()}
                                </select>
                            </div>
                        }
                    }).collect_view()}
                </div>
            </fieldset>
            <DateRules draft=draft templates=Signal::derive(template_names) />
            <div class="field-row">
                <div class="field">
                    <label for="plan-template">"Template"</label>
                    <select id="plan-template" on:change=move |e| {
                        template.set(event_target_value(&e).parse().unwrap_or(0));
                        selected.set(None);
                    }>
                        {move || template_names().into_iter().enumerate().map(|(i, (_, name))| view! {
                            <option value=i.to_string() selected=move || template.get() == i>{name}</option>
                        }).collect_view()}
                    </select>
                </div>
            </div>
            <div class="plan-strip" role="group"
                aria-label=move || plan.with(|p| p.templates.get(template.get()).map(|t| format!("Day of {}", t.name)).unwrap_or_default())>
                {move || strip.get().into_iter().map(|b| {
                    let block = b.index;
                    // Set through the CSSOM: the page's CSP allows no inline style attribute.
                    let left = format!("{}%", f64::from(b.from) / 100.0);
                    let width = format!("{}%", f64::from(b.to.saturating_sub(b.from)) / 100.0);
                    let label = format!("{}, {} to {} ({})", b.title, b.start, b.end, b.length);
                    view! {
                        <div class="plan-block" class:selected=move || selected.get() == Some(block) style:left=left style:width=width>
                            <button type="button" aria-label=label.clone() title=label
                                aria-keyshortcuts="ArrowLeft ArrowRight Shift+ArrowLeft Shift+ArrowRight Alt+ArrowLeft Alt+ArrowRight"
                                aria-pressed=move || (selected.get() == Some(block)).to_string()
                                on:click=move |_| selected.set(Some(block))
                                on:keydown=move |e| on_key(block, e)>
                                <span class="plan-block-title">{b.title.clone()}</span>
                                <span class="plan-block-times mono">{format!("{}–{}", b.start.get(..5).unwrap_or(&b.start), b.end.get(..5).unwrap_or(&b.end))}</span>
                            </button>
                            <span class="grip" aria-hidden="true" on:pointerdown=move |e: leptos::ev::PointerEvent| {
                                e.prevent_default();
                                let width = leptos::prelude::document()
                                    .query_selector(".plan-strip").ok().flatten()
                                    .map_or(1.0, |s| f64::from(s.client_width()));
                                drag.set_value(Some(Drag { before: plan.get_untracked(), block, x: e.client_x(), width }));
                                selected.set(Some(block));
                            }></span>
                        </div>
                    }
                }).collect_view()}
            </div>
            <div class="timeline-scale" aria-hidden="true">
                {move || {
                    let start = plan.with(|p| p.channel.day_start.to_string());
                    let hour: u32 = start[..2].parse().unwrap_or(6);
                    (0..=4).map(|k| view! { <span>{format!("{:02}:00", hour + 6 * k)}</span> }).collect_view()
                }}
            </div>
            <p class="hint">"Select a block, then: arrows resize it by a minute (Shift: a quarter hour), Alt and the arrows move it. Or drag its right edge."</p>
            {move || selected.get().map(|_| view! { <BlockFields draft=draft /> })}
            <button type="button" on:click=move |_| {
                let playlist = state.library.with_untracked(|l| l.playlists.first().map(|p| p.id.clone())).unwrap_or_default();
                edit(PlanEdit::AddBlock { template: template.get_untracked(), playlist });
            }>"Add a block"</button>
            <SeparationFields draft=draft />
            {move || refused.get().or_else(|| checked.get().err()).map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
            <div class="dialog-buttons">
                <button type="button" class="quiet" on:click=move |_| open.set(false)>"Cancel"</button>
                <button type="submit" class="primary" disabled=move || checked.with(Result::is_err)>"Save plan"</button>
            </div>
        </form>
    }
    .into_any()
}
