//! Loading then writing a valid dataset gives back the canonical bytes: the
//! promise that saving an unchanged dataset changes nothing.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::model::{
    Actor, ActorKind, Blueprint, Commitment, Day, Evidence, Manifest, Milestone, PartialDate,
    Provenance, Recommendation, Role, Stakeholder, Status,
};
use crate::store::{actor_to_ron, load_files, manifest_to_ron, recommendations_to_ron};

fn day(y: i32, m: u32, d: u32) -> Day {
    Day(NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN))
}

fn manifest() -> Manifest {
    Manifest {
        title: "Working group on \"cyber mercenaries\"".into(),
        blueprint: Blueprint {
            title: "Blueprint".into(),
            publisher: "Paris Peace Forum".into(),
            published: day(2023, 11, 10),
            url: Some("https://example.org/blueprint?a=1&b=2".into()),
        },
        milestones: vec![
            Milestone {
                id: "forum-2024".into(),
                title: "Forum".into(),
                date: day(2024, 11, 11),
                end: Some(day(2024, 11, 12)),
                place: Some("Palais de Chaillot, Paris".into()),
                reconvening: true,
                outcome: Some("No public report of the group was found.".into()),
            },
            Milestone {
                id: "later".into(),
                title: "Later".into(),
                date: day(2025, 4, 4),
                end: None,
                place: None,
                reconvening: false,
                outcome: None,
            },
        ],
    }
}

fn recommendations() -> Vec<Recommendation> {
    ["blacklist", "oversight", "market-knowledge"]
        .iter()
        .enumerate()
        .map(|(n, id)| Recommendation {
            id: id.to_string(),
            title: format!("Title {n} — «quoted» \\ backslash"),
            summary: "What it asks.".into(),
            addressed_to: Stakeholder::ALL[..=n].to_vec(),
            tracked: n == 0,
        })
        .collect()
}

/// Actors covering every kind, status, role, optional field and awkward text.
fn actors() -> Vec<Actor> {
    let statuses = Status::ALL;
    (0..20)
        .map(|n| {
            let mut commitments = BTreeMap::new();
            for (k, id) in ["blacklist", "oversight", "market-knowledge"]
                .iter()
                .enumerate()
            {
                if (n + k) % 3 == 0 {
                    continue;
                }
                commitments.insert(
                    id.to_string(),
                    Commitment {
                        status: statuses[(n + k) % statuses.len()],
                        evidence: (0..(n % 3))
                            .map(|e| Evidence {
                                title: format!("Evidence {e}: \"a\" 'b' ✓"),
                                source: "Source".into(),
                                date: match e {
                                    0 => PartialDate::parse("2023").ok(),
                                    1 => PartialDate::parse("2024-03").ok(),
                                    _ => None,
                                },
                                url: (e == 0).then(|| "https://example.org/x".into()),
                                provenance: if e == 0 {
                                    Provenance::SelfReported
                                } else {
                                    Provenance::Independent
                                },
                                supports: statuses[(n + e) % statuses.len()],
                            })
                            .collect(),
                        note: if n % 2 == 0 {
                            "Line one.\nLine two,\twith a tab.".into()
                        } else {
                            String::new()
                        },
                        assessed: (n % 4 == 0).then(|| day(2026, 11, 1)),
                    },
                );
            }
            Actor {
                id: format!("actor-{n}"),
                name: format!("Actor {n} (Zürich)"),
                aliases: match n % 3 {
                    0 => Vec::new(),
                    1 => vec!["Formerly \"Actor\"".into()],
                    _ => vec!["A".into(), "B — b".into()],
                },
                kind: ActorKind::ALL[n % ActorKind::ALL.len()],
                country: (n % 2 == 1).then(|| "Côte d'Ivoire".into()),
                role: [
                    None,
                    Some(Role::CoChair),
                    Some(Role::Member),
                    Some(Role::Observer),
                ][n % 4],
                commitments,
            }
        })
        .collect()
}

#[test]
fn loading_then_writing_reproduces_the_canonical_bytes() {
    let mut files: Vec<(String, String)> = vec![
        ("reconvene.ron".into(), manifest_to_ron(&manifest())),
        (
            "recommendations.ron".into(),
            recommendations_to_ron(&recommendations()),
        ),
    ];
    files.extend(
        actors()
            .iter()
            .map(|a| (a.relative_path(), actor_to_ron(a))),
    );
    let loaded = load_files(files.iter().map(|(p, t)| (p.as_str(), t.as_bytes())));
    let dataset = match loaded {
        Ok(dataset) => dataset,
        Err(problems) => panic!("{problems}"),
    };
    assert_eq!(dataset.actors.len(), 20);
    assert_eq!(dataset.manifest, manifest());
    assert_eq!(dataset.recommendations, recommendations());
    let mut rewritten = vec![
        (
            "reconvene.ron".to_string(),
            manifest_to_ron(&dataset.manifest),
        ),
        (
            "recommendations.ron".to_string(),
            recommendations_to_ron(&dataset.recommendations),
        ),
    ];
    rewritten.extend(
        dataset
            .actors
            .iter()
            .map(|a| (a.relative_path(), actor_to_ron(a))),
    );
    files.sort();
    rewritten.sort();
    assert_eq!(rewritten, files);
}
