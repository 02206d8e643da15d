//! `reconvene validate` warnings (PRODUCT.md, "Warnings"): each one at its
//! file, line and column, and `--strict` turning them into errors.

mod cli_support;

use std::path::Path;

use cli_support::{Sandbox, arg};

const PATH: &str = "actors/x/xland.ron";

/// An actor whose every commitment has one thing wrong with it (and one
/// that is right), written as a coordinator would write it by hand.
const XLAND: &str = r#"#![enable(implicit_some)]
(
    id: "xland",
    name: "Xland",
    kind: Government,
    commitments: {
        "acceptable-use": (
            status: Endorsed,
            evidence: [
                (
                    title: "Joint text on spyware",
                    source: "Xland Foreign Office",
                    date: "2023-03-30",
                    provenance: SelfReported,
                    supports: Endorsed,
                ),
            ],
            note: "Signed a joint text.",
            assessed: "2026-12-01",
        ),
        "blacklist": (
            status: Implemented,
            evidence: [
                (
                    title: "Law on spyware vendors",
                    source: "Xland Gazette",
                    date: "2024-05",
                    provenance: SelfReported,
                    supports: Substantial,
                ),
            ],
            note: "A law, never applied.",
            assessed: "2026-12-01",
        ),
        "export-safeguards": (
            status: Substantial,
            evidence: [
                (
                    title: "Export rule",
                    source: "Xland Gazette",
                    date: "2025-01-15",
                    provenance: SelfReported,
                    supports: Substantial,
                ),
            ],
            note: "An export rule.",
            assessed: "2024-06-01",
        ),
        "oversight": (
            status: Endorsed,
            evidence: [
                (
                    title: "Joint text on spyware",
                    source: "Xland Foreign Office",
                    date: "2023-04",
                    provenance: SelfReported,
                    supports: Endorsed,
                ),
            ],
        ),
        "publish-findings": (
            status: Initiated,
            evidence: [
                (
                    title: "Research programme",
                    source: "Xland Foreign Office",
                    date: "2024",
                    provenance: SelfReported,
                    supports: Initiated,
                ),
            ],
            assessed: "2026-12-01",
        ),
    },
)
"#;

/// `line:column` of `target` on the first line of `XLAND` holding `line`,
/// 1-based, as the validator counts.
fn place(line: &str, target: &str) -> String {
    let (index, text) = XLAND
        .lines()
        .enumerate()
        .find(|(_, text)| text.contains(line))
        .unwrap_or_else(|| panic!("`{line}` is in the fixture"));
    let byte = text
        .find(target)
        .unwrap_or_else(|| panic!("`{target}` on it"));
    format!("{}:{}", index + 1, text[..byte].chars().count() + 1)
}

/// The warnings XLAND must raise, in the order of the file.
fn expected_warnings() -> Vec<String> {
    [
        (
            place("status: Implemented", "Implemented"),
            "status on `blacklist` is Implemented but its evidence supports Substantial as of its assessment",
        ),
        (
            place("status: Substantial", "Substantial"),
            "status on `export-safeguards` is Substantial but its evidence supports NoEvidence as of its assessment",
        ),
        (
            place("\"2025-01-15\"", "\""),
            "evidence on `export-safeguards` is dated 2025-01-15, after the commitment was assessed (2024-06-01)",
        ),
        (
            place("\"oversight\": (", "\""),
            "the commitment on `oversight` is graded but has no `assessed` date",
        ),
        (
            place("\"2023-04\"", "\""),
            "\"Joint text on spyware\" is dated 2023-04 here but 2023-03-30 on xland · acceptable-use; one document has one date",
        ),
        (
            place("status: Initiated", "Initiated"),
            "`publish-findings` is not addressed to this kind of actor; grade it NotApplicable or say why in the note",
        ),
    ]
    .into_iter()
    .map(|(at, message)| format!("{PATH}:{at}: warning: {message}"))
    .collect()
}

fn write_xland(dataset: &Path) {
    std::fs::create_dir_all(dataset.join("actors/x")).expect("mkdir");
    std::fs::write(dataset.join(PATH), XLAND).expect("write");
}

#[test]
fn each_warning_is_printed_at_its_file_line_and_column_and_the_data_stays_valid() {
    let sandbox = Sandbox::new();
    let dir = sandbox.init("group");
    write_xland(&dir);
    let run = sandbox.run(&["validate", "--repo", arg(&dir)]);
    assert_eq!(run.code, 0, "warnings alone do not fail: {run:?}");
    let lines: Vec<&str> = run.stdout.lines().collect();
    let expected = expected_warnings();
    let (warnings, summary) = lines.split_at(lines.len().saturating_sub(1));
    assert_eq!(
        warnings,
        expected.iter().map(String::as_str).collect::<Vec<_>>()
    );
    let summary = summary.first().copied().unwrap_or_default();
    assert!(summary.starts_with("valid: "), "{summary}");
    assert!(summary.ends_with("; 6 warnings"), "{summary}");
    assert_eq!(run.stderr, "");
}

#[test]
fn strict_makes_warnings_errors_with_exit_code_1() {
    let sandbox = Sandbox::new();
    let dir = sandbox.init("group");
    write_xland(&dir);
    let run = sandbox.run(&["validate", "--strict", "--repo", arg(&dir)]);
    assert_eq!(run.code, 1, "{run:?}");
    let expected: String = expected_warnings()
        .iter()
        .map(|w| format!("{w}\n"))
        .collect();
    assert_eq!(
        run.stdout, expected,
        "the warnings and nothing else on stdout"
    );
    assert!(
        run.stderr.starts_with("6 warnings in ")
            && run.stderr.ends_with("(--strict makes them errors)\n"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_shipped_dataset_passes_strict_validation() {
    let sandbox = Sandbox::new();
    let dir = sandbox.init("group");
    let run = sandbox.run(&["validate", "--strict", "--repo", arg(&dir)]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.starts_with("valid: "), "{}", run.stdout);
    assert!(!run.stdout.contains("warning"), "{}", run.stdout);
}

#[test]
fn a_grade_its_evidence_earns_is_not_warned_about() {
    let sandbox = Sandbox::new();
    let dir = sandbox.init("group");
    // Fix every finding in the fixture; nothing must be left to warn about.
    let fixed = XLAND
        .replace("status: Implemented", "status: Substantial")
        .replace("assessed: \"2024-06-01\"", "assessed: \"2026-12-01\"")
        .replace("\"2023-04\"", "\"2023-03-30\"")
        .replace(
            "                ),\n            ],\n        ),\n        \"publish-findings\"",
            "                ),\n            ],\n            assessed: \"2026-12-01\",\n        ),\n        \"publish-findings\"",
        )
        .replace(
            "            assessed: \"2026-12-01\",\n        ),\n    },",
            "            note: \"Graded although addressed to others: it publishes research itself.\",\n            assessed: \"2026-12-01\",\n        ),\n    },",
        );
    std::fs::create_dir_all(dir.join("actors/x")).expect("mkdir");
    std::fs::write(dir.join(PATH), fixed).expect("write");
    let run = sandbox.run(&["validate", "--strict", "--repo", arg(&dir)]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(!run.stdout.contains("warning"), "{}", run.stdout);
}
