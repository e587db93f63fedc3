//! The page's components; each renders state and sends intents, with no scheduling logic inside.

pub mod about;
pub mod build_dialog;
pub mod channels;
pub mod delegate;
pub mod drag;
pub mod drop_zone;
pub mod event_form;
pub mod event_grid;
pub mod import_reports;
pub mod insert_panel;
pub mod jobs;
pub mod library;
pub mod modal;
pub mod new_schedule;
pub mod plan_editor;
pub mod plans;
pub mod playlist_view;
pub mod playlists;
pub mod progress;
pub mod row_actions;
pub mod schedule_view;
pub mod status;
pub mod system;
pub mod theme_picker;
pub mod timeline;
pub mod validation_panel;
