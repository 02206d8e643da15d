//! The status formats on small in-code datasets: what a reader of the table
//! sees, and what a script parsing the JSON or CSV gets.

use std::collections::BTreeMap;

use super::*;
use crate::cli::text::width;
use crate::model::{Actor, Blueprint, Commitment, Day, Manifest, Recommendation, Stakeholder};

fn day(text: &str) -> Day {
    Day(chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a date"))
}

fn recommendation(id: &str, to: &[Stakeholder]) -> Recommendation {
    Recommendation {
        id: id.into(),
        title: id.into(),
        summary: String::new(),
        addressed_to: to.to_vec(),
        tracked: false,
    }
}

fn actor(id: &str, name: &str, kind: ActorKind, commitments: &[(&str, Status)]) -> Actor {
    Actor {
        id: id.into(),
        name: name.into(),
        aliases: Vec::new(),
        kind,
        country: None,
        role: None,
        commitments: commitments
            .iter()
            .map(|(rec, status)| {
                (
                    rec.to_string(),
                    Commitment {
                        status: *status,
                        ..Commitment::default()
                    },
                )
            })
            .collect::<BTreeMap<_, _>>(),
    }
}

/// Two government recommendations and one for industry; a government halfway
/// there, a company done, and one with a name that needs care.
fn fixture() -> Dataset {
    let manifest = Manifest {
        title: "Cyber mercenaries working group".into(),
        blueprint: Blueprint {
            title: "Blueprint".into(),
            publisher: "Paris Call".into(),
            published: day("2023-11-10"),
            url: None,
        },
        milestones: vec![],
    };
    let recommendations = vec![
        recommendation("blacklist", &[Stakeholder::Governments]),
        recommendation("oversight", &[Stakeholder::Governments]),
        recommendation("vulnerability-handling", &[Stakeholder::Industry]),
    ];
    let actors = vec![
        actor(
            "france",
            "France",
            ActorKind::Government,
            &[
                ("blacklist", Status::Implemented),
                ("oversight", Status::NoEvidence),
            ],
        ),
        actor(
            "microsoft",
            "Microsoft, \"Inc.\"",
            ActorKind::Industry,
            &[("vulnerability-handling", Status::Substantial)],
        ),
        actor(
            "long-name",
            "The Extraordinarily Long-Named International Coalition\x1b[31m",
            ActorKind::CivilSociety,
            &[],
        ),
    ];
    Dataset::new(manifest, recommendations, actors)
}

#[test]
fn the_table_fits_80_columns_with_one_row_per_actor_and_an_overall_line() {
    let text = table(&fixture());
    let lines: Vec<&str> = text.lines().collect();
    // Title, heading, three actors, overall.
    assert_eq!(lines.len(), 6, "{text}");
    assert_eq!(lines[0], "Cyber mercenaries working group");
    for line in &lines {
        assert!(width(line) <= TABLE_WIDTH, "too wide: {line:?}");
    }
    // Every row is as wide as the heading, so the columns line up.
    for line in &lines[2..] {
        assert_eq!(width(line), width(lines[1]), "misaligned: {line:?}");
    }
    let france = lines[2].split_whitespace().collect::<Vec<_>>();
    // France: NoEv 1, Impl 1, applicable 2, (1 + 0) / 2 = 50%.
    assert_eq!(
        france,
        [
            "France",
            "Government",
            "1",
            "0",
            "0",
            "0",
            "1",
            "0",
            "0",
            "2",
            "50%"
        ]
    );
    assert!(lines[5].starts_with("Overall "), "{}", lines[5]);
    // Overall: France's 2 + Microsoft's 1 + the coalition's 0 applicable;
    // (1 + 0 + 0.75) / 3 = 58%.
    assert!(lines[5].ends_with("   3   58%"), "{}", lines[5]);
}

#[test]
fn the_table_cuts_long_names_and_never_prints_an_escape() {
    let text = table(&fixture());
    assert!(!text.contains('\x1b'), "{text:?}");
    let coalition = text
        .lines()
        .find(|l| l.starts_with("The Extra"))
        .expect("the coalition's row");
    assert!(coalition.contains('…'), "{coalition}");
    // Civil society is graded on nothing here: no share rather than 0%.
    assert!(coalition.ends_with("   0     -"), "{coalition}");
}

#[test]
fn the_json_names_every_field_and_its_numbers_add_up() {
    let dataset = fixture();
    let value: serde_json::Value =
        serde_json::from_str(&json(&dataset, &Point::default()).expect("serialises"))
            .expect("valid JSON");
    assert_eq!(value["title"], "Cyber mercenaries working group");
    let actors = value["actors"].as_array().expect("actors");
    assert_eq!(actors.len(), 3);
    assert_eq!(actors[0]["id"], "france");
    assert_eq!(actors[0]["kind"], "Government");
    assert_eq!(actors[0]["counts"]["Implemented"], 1);
    assert_eq!(actors[0]["applicable"], 2);
    assert_eq!(actors[0]["percent"], 50);
    assert_eq!(actors[0]["share"], 0.5);
    assert_eq!(actors[1]["name"], "Microsoft, \"Inc.\"");
    assert!(actors[2]["share"].is_null());
    assert!(actors[2]["percent"].is_null());
    for status in Status::ALL {
        let sum: u64 = actors
            .iter()
            .map(|a| a["counts"][status.name()].as_u64().expect("a count"))
            .sum();
        assert_eq!(value["overall"]["counts"][status.name()], sum, "{status}");
    }
    let applicable: u64 = actors
        .iter()
        .map(|a| a["applicable"].as_u64().expect("a count"))
        .sum();
    assert_eq!(value["overall"]["applicable"], applicable);
    assert_eq!(value["overall"]["percent"], 58);
}

#[test]
fn the_json_keeps_the_scale_order_in_counts() {
    let text = json(&fixture(), &Point::default()).expect("serialises");
    let positions: Vec<usize> = Status::ALL
        .iter()
        .map(|s| text.find(&format!("\"{}\"", s.name())).expect("present"))
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
}

#[test]
fn the_csv_has_a_header_a_row_per_actor_and_an_overall_row_quoted_properly() {
    let text = csv(&fixture(), &Point::default());
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3 + 2, "{text}");
    assert_eq!(
        lines[0],
        "id,name,kind,NoEvidence,Endorsed,Initiated,Substantial,Implemented,Reversed,\
         NotApplicable,applicable,percent,as_of,recorded"
    );
    assert_eq!(lines[1], "france,France,Government,1,0,0,0,1,0,0,2,50,,");
    assert_eq!(
        lines[2],
        "microsoft,\"Microsoft, \"\"Inc.\"\"\",Industry,0,0,0,1,0,0,0,1,75,,"
    );
    assert!(
        lines[3].ends_with(",CivilSociety,0,0,0,0,0,0,0,0,,,"),
        "{}",
        lines[3]
    );
    assert!(!lines[3].contains('\x1b'));
    assert_eq!(lines[4], "overall,Overall,,1,0,0,1,1,0,0,3,58,,");
}
