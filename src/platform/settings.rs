//! Small UI settings in localStorage (the library itself lives in IndexedDB).

use crate::state::ports::Prefs;

const THEME_KEY: &str = "scheduleflow.theme";

/// Light, dark, or whatever the system prefers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Theme {
    #[default]
    System,
    Light,
    Dark,
}

impl Theme {
    pub const ALL: [Theme; 3] = [Theme::System, Theme::Light, Theme::Dark];

    pub fn name(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Theme::System => "System",
            Theme::Light => "Light",
            Theme::Dark => "Dark",
        }
    }

    pub fn parse(text: &str) -> Option<Theme> {
        Theme::ALL.into_iter().find(|t| t.name() == text)
    }
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The theme the user picked last time (System if none, or storage is off).
fn theme() -> Theme {
    local_storage()
        .and_then(|s| s.get_item(THEME_KEY).ok().flatten())
        .and_then(|t| Theme::parse(&t))
        .unwrap_or_default()
}

/// Shows the theme the user picked last time (the first-load shell, before the editor's
/// settings are read).
pub fn show_stored_theme() {
    apply_theme(theme());
}

/// Remembers the theme and shows it: `data-theme` on `<html>` picks the palette.
fn set_theme(theme: Theme) {
    if let Some(s) = local_storage() {
        // A browser with storage off still shows the theme for this visit.
        let _ = s.set_item(THEME_KEY, theme.name());
    }
    apply_theme(theme);
}

fn apply_theme(theme: Theme) {
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element());
    if let Some(root) = root {
        let _ = match theme {
            Theme::System => root.remove_attribute("data-theme"),
            other => root.set_attribute("data-theme", other.name()),
        };
    }
}

const IMPORT_CHANNEL_KEY: &str = "scheduleflow.import-channel";

/// The state's remembered choices, in localStorage.
#[derive(Debug, Clone, Copy)]
pub struct LocalPrefs;

impl Prefs for LocalPrefs {
    /// The channel last chosen in the import panel for files that do not say theirs.
    fn import_channel(&self) -> Option<String> {
        local_storage()
            .and_then(|s| s.get_item(IMPORT_CHANNEL_KEY).ok().flatten())
            .filter(|name| !name.is_empty())
    }

    fn set_import_channel(&self, name: Option<&str>) {
        if let Some(s) = local_storage() {
            let _ = match name {
                Some(name) => s.set_item(IMPORT_CHANNEL_KEY, name),
                None => s.remove_item(IMPORT_CHANNEL_KEY),
            };
        }
    }

    fn theme(&self) -> Theme {
        theme()
    }

    fn set_theme(&self, theme: Theme) {
        set_theme(theme);
    }

    fn show_theme(&self, theme: Theme) {
        apply_theme(theme);
    }
}
