//! Guards the engine's invariants: it does no I/O and knows nothing of the browser (no web,
//! wasm or UI crate in its dependency tree, for native and wasm builds), and it keeps time in
//! integers (no floating-point type in its sources).

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

/// Every `.rs` file under `dir`.
fn rust_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("the engine's sources are readable") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Whether a line of code (comments stripped) names a floating-point type.
fn names_a_float(line: &str) -> bool {
    let code = line.split("//").next().unwrap_or("");
    code.split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
        .any(|word| word == "f64" || word == "f32")
}

#[test]
fn engine_sources_use_no_floating_point() {
    let mut files = Vec::new();
    rust_files(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    assert!(files.len() > 10, "found only {files:?}");
    let offenders: Vec<String> = files
        .iter()
        .flat_map(|path| {
            let text = std::fs::read_to_string(path).expect("a readable source file");
            text.lines()
                .enumerate()
                .filter(|(_, line)| names_a_float(line))
                .map(|(n, line)| format!("{}:{}: {}", path.display(), n + 1, line.trim()))
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(
        offenders.is_empty(),
        "time is integer frames and exact ratios; no floats in the engine:\n{}",
        offenders.join("\n")
    );
}

#[test]
fn the_float_guard_sees_types_but_not_comments_or_longer_names() {
    assert!(names_a_float("let x: f64 = 1.0;"));
    assert!(names_a_float("fn s() -> Vec<f32> {"));
    assert!(!names_a_float("// f64 would drift"));
    assert!(!names_a_float("let half64 = 2;"));
}
