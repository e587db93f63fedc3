//! Guards the engine's first invariant: it does no I/O and knows nothing of the browser, so its
//! dependency tree (for native and for wasm builds) holds no web, wasm or UI crate.

use std::process::Command;

/// Crates that would tie the engine to the browser or to a UI framework.
const FORBIDDEN: &[&str] = &[
    "wasm-bindgen",
    "js-sys",
    "web-sys",
    "gloo",
    "leptos",
    "wasm-bindgen-futures",
    "serde-wasm-bindgen",
    "getrandom",
];

fn dependency_names(target: &str) -> Vec<String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(cargo)
        .args([
            "tree",
            "--offline",
            "--locked",
            "--package",
            "scheduleflow-engine",
            "--edges",
            "normal",
            "--prefix",
            "none",
            "--format",
            "{p}",
            "--target",
            target,
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo tree runs");
    assert!(
        output.status.success(),
        "cargo tree failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| line.split_whitespace().next().map(str::to_owned))
        .collect()
}

fn offenders(names: &[String]) -> Vec<&String> {
    names
        .iter()
        .filter(|name| {
            FORBIDDEN.iter().any(|bad| {
                name.strip_prefix(bad)
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with(['-', '_']))
            })
        })
        .collect()
}

#[test]
fn engine_dependency_tree_has_no_web_or_wasm_crate() {
    for target in ["wasm32-unknown-unknown", "x86_64-unknown-linux-gnu"] {
        let names = dependency_names(target);
        assert!(
            names.iter().any(|n| n == "scheduleflow-engine"),
            "cargo tree listed nothing for {target}: {names:?}"
        );
        assert_eq!(
            offenders(&names),
            Vec::<&String>::new(),
            "the engine must stay free of browser crates (target {target})"
        );
    }
}

#[test]
fn the_guard_recognises_forbidden_crates() {
    let names = [
        "serde",
        "web-sys",
        "gloo-timers",
        "leptos_dom",
        "jiff",
        "leptosx",
    ]
    .map(String::from);
    assert_eq!(
        offenders(&names),
        vec!["web-sys", "gloo-timers", "leptos_dom"]
    );
}
