//! Self-checks that keep the docs true: every path ARCHITECTURE.md names exists, every
//! diagnostic code and exit code is documented, and the build hooks the docs describe are the
//! ones Trunk.toml runs.
#![allow(clippy::unwrap_used)] // test helpers may unwrap: a failure is the test failing

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use scheduleflow_engine::validate::Code;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap()
}

/// Every file and folder of the project, as paths relative to the root (`a/b.rs`, `a/`).
fn project_paths() -> BTreeSet<String> {
    const SKIP: [&str; 6] = [
        ".git",
        "target",
        "node_modules",
        "dist",
        "test-results",
        "playwright-report",
    ];
    let mut out = BTreeSet::new();
    let mut todo = vec![root()];
    while let Some(dir) = todo.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            if SKIP.contains(&name.as_str()) {
                continue;
            }
            let relative = path
                .strip_prefix(root())
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            if path.is_dir() {
                out.insert(format!("{relative}/"));
                todo.push(path);
            } else {
                out.insert(relative);
            }
        }
    }
    out
}

/// The `code spans` of a Markdown text that look like paths: with a slash, or a file name with
/// an extension the project uses.
fn named_paths(markdown: &str) -> Vec<String> {
    const EXTENSIONS: [&str; 10] = [
        ".rs", ".ts", ".mjs", ".js", ".md", ".toml", ".json", ".css", ".html", ".sh",
    ];
    markdown
        .split('`')
        .skip(1)
        .step_by(2)
        .filter(|span| !span.contains(char::is_whitespace) && !span.is_empty())
        .filter(|span| {
            span.chars()
                .all(|c| c.is_ascii_alphanumeric() || "._-/".contains(c))
        })
        .filter(|span| span.contains('/') || EXTENSIONS.iter().any(|e| span.ends_with(e)))
        // URLs and MIME-like words are not paths.
        .filter(|span| !span.starts_with("//") && !span.contains("://"))
        .map(str::to_owned)
        .collect()
}

#[test]
fn every_path_architecture_md_names_exists() {
    // What the build and the tests write; a clean clone has none of it.
    const WRITTEN: [&str; 3] = ["dist/", "test-results/screens/", "sw.js"];
    let paths = project_paths();
    let missing: Vec<String> = named_paths(&read("ARCHITECTURE.md"))
        .into_iter()
        .filter(|named| !WRITTEN.contains(&named.as_str()))
        .filter(|named| {
            let named = named.trim_start_matches("./");
            // A path is named from the root or from the folder its paragraph is about.
            !paths.iter().any(|p| {
                p == named || p.ends_with(&format!("/{named}")) || p.trim_end_matches('/') == named
            })
        })
        .collect();
    assert!(
        missing.is_empty(),
        "ARCHITECTURE.md names paths that do not exist: {missing:?}"
    );
}

#[test]
fn the_path_check_would_see_a_missing_path() {
    let paths =
        named_paths("see `src/state/gone.rs`, `crates/engine`, `a b`, `Option<T>` and `x.rs`");
    assert_eq!(paths, ["src/state/gone.rs", "crates/engine", "x.rs"]);
    assert!(!project_paths().contains("src/state/gone.rs"));
}

#[test]
fn every_diagnostic_code_is_documented_with_its_severity() {
    let docs = read("docs/DIAGNOSTICS.md");
    for code in Code::ALL {
        let severity = code.severity().as_str();
        let row = format!("| `{code}` | {severity} |");
        assert!(
            docs.contains(&row),
            "docs/DIAGNOSTICS.md lacks the row {row}"
        );
    }
}

#[test]
fn every_exit_code_the_cli_names_is_documented() {
    let help = Command::new(env!("CARGO_BIN_EXE_scheduleflow"))
        .arg("--help")
        .output()
        .unwrap();
    let help = String::from_utf8(help.stdout).unwrap();
    let line = help
        .lines()
        .find_map(|l| l.strip_prefix("Exit codes: "))
        .expect("--help gives the exit codes");
    let codes: Vec<&str> = line
        .split(", ")
        .filter_map(|part| part.split_whitespace().next())
        .collect();
    assert_eq!(codes, ["0", "1", "2"]);
    let docs = read("docs/DIAGNOSTICS.md");
    for code in codes {
        assert!(
            docs.contains(&format!("\n| {code} | ")),
            "docs/DIAGNOSTICS.md lacks exit code {code}"
        );
    }
}

#[test]
fn the_build_hooks_the_docs_describe_are_the_ones_trunk_runs() {
    let trunk = read("Trunk.toml");
    // The scripts Trunk.toml runs as hooks, and the ones those import.
    let mut run: BTreeSet<String> = trunk
        .lines()
        .filter(|l| l.trim_start().starts_with("command_arguments"))
        .flat_map(|l| {
            l.split('"')
                .skip(1)
                .step_by(2)
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .filter(|a| a.ends_with(".mjs"))
        .collect();
    assert!(!run.is_empty(), "Trunk.toml runs a hook script");
    for hook in run.clone() {
        for line in read(&hook).lines() {
            if let Some(imported) = line
                .split("import(\"./")
                .nth(1)
                .and_then(|r| r.split('"').next())
            {
                let dir = Path::new(&hook)
                    .parent()
                    .unwrap()
                    .to_string_lossy()
                    .to_string();
                run.insert(format!("{dir}/{imported}"));
            }
        }
    }
    for doc in ["README.md", "ARCHITECTURE.md"] {
        let text = read(doc);
        for script in named_paths(&text)
            .into_iter()
            .filter(|p| p.ends_with(".mjs"))
        {
            let mentioned_as_hook = text
                .split(&format!("`{script}`"))
                .skip(1)
                .any(|after| after.chars().take(200).collect::<String>().contains("hook"));
            if mentioned_as_hook {
                assert!(
                    run.iter()
                        .any(|r| r == &script || r.ends_with(&format!("/{script}"))),
                    "{doc} calls {script} a build hook, but Trunk.toml does not run it"
                );
            }
        }
    }
    let architecture = read("ARCHITECTURE.md");
    let direct = run.iter().next().unwrap();
    let name = direct.rsplit('/').next().unwrap();
    assert!(
        architecture.contains(&format!("`{name}`")),
        "ARCHITECTURE.md does not name the hook {name}"
    );
}
