use std::collections::BTreeMap;

use super::*;
use crate::model::{
    Actor, ActorKind, Blueprint, Commitment, Dataset, Day, Evidence, Manifest, Provenance,
    Recommendation, Stakeholder, Status,
};

fn actor(id: &str, name: &str, country: Option<&str>, notes: &[(&str, &str)]) -> Actor {
    let commitments: BTreeMap<String, Commitment> = notes
        .iter()
        .map(|(rec, note)| {
            let commitment = Commitment {
                status: Status::Initiated,
                note: note.to_string(),
                evidence: vec![Evidence {
                    title: format!("Statement on {rec}"),
                    source: "Federal Register".into(),
                    date: None,
                    url: None,
                    provenance: Provenance::Independent,
                    supports: Status::Initiated,
                }],
                assessed: None,
            };
            (rec.to_string(), commitment)
        })
        .collect();
    Actor {
        id: id.into(),
        name: name.into(),
        aliases: Vec::new(),
        kind: ActorKind::Government,
        country: country.map(str::to_string),
        role: None,
        commitments,
    }
}

fn dataset() -> Dataset {
    let rec = |id: &str, title: &str| Recommendation {
        id: id.into(),
        title: title.into(),
        summary: format!("What {title} asks."),
        addressed_to: vec![Stakeholder::Governments],
        tracked: false,
    };
    let mut durban = actor(
        "durban",
        "Durban University of Technology",
        Some("South Africa"),
        &[],
    );
    durban.aliases = vec!["Durban Institute of Technology".into()];
    Dataset {
        manifest: Manifest {
            title: "t".into(),
            blueprint: Blueprint {
                title: "b".into(),
                publisher: "p".into(),
                published: Day(chrono::NaiveDate::default()),
                url: None,
            },
            milestones: Vec::new(),
        },
        recommendations: vec![
            rec("oversight", "Require oversight"),
            rec("vulnerability-handling", "Vulnerability discovery"),
        ],
        actors: vec![
            actor(
                "france",
                "France",
                Some("France"),
                &[("oversight", "After the Pegasus inquiry, a law.\tTabbed")],
            ),
            actor(
                "sponsor",
                "Sponsored Body",
                None,
                &[("oversight", "It reports on vulnerabilities.")],
            ),
            durban,
        ],
    }
}

fn places(hits: &Hits, dataset: &Dataset) -> Vec<String> {
    hits.hits
        .iter()
        .map(|h| {
            format!(
                "{} | {}",
                h.place.text(dataset).unwrap_or("?"),
                h.place.describe(dataset)
            )
        })
        .collect()
}

#[test]
fn folding_keeps_one_character_for_one() {
    assert_eq!(fold("KwaZulu-Natal"), "kwazulu-natal");
    assert_eq!(fold("a\tb\nc\u{7}"), "a b c ");
    assert_eq!(
        fold("Türkiye, Côte d'Ivoire, São Tomé"),
        "turkiye, cote d'ivoire, sao tome"
    );
    // İ lower-cases to two characters: one here, so positions hold.
    let text = "İstanbul Ünal cafe\u{301}";
    assert_eq!(fold(text), "istanbul unal cafe\u{301}");
    assert_eq!(fold(text).chars().count(), text.chars().count());
}

#[test]
fn a_name_ranks_over_a_title_a_summary_and_a_note() {
    let dataset = dataset();
    let index = SearchIndex::new(&dataset);
    let france = index.search("fra", None);
    assert_eq!(
        places(&france, &dataset).first().map(String::as_str),
        Some("France | actor · government")
    );
    assert_eq!(
        france.hits.first().map(|h| h.matched.clone()),
        Some(vec![0, 1, 2])
    );
    let vuln = index.search("vuln", None);
    assert_eq!(
        places(&vuln, &dataset),
        [
            "Vulnerability discovery | recommendation 2",
            "What Vulnerability discovery asks. | summary of recommendation 2 · Vulnerability discovery",
            "It reports on vulnerabilities. | note · Sponsored Body · oversight",
        ]
    );
}

#[test]
fn a_longer_query_narrows_the_previous_hits_to_the_same_answer() {
    // Enough fields without a "t" that the hits of "t" are few of them,
    // and a longer query reads only those.
    let mut dataset = dataset();
    for n in 0..200 {
        let name = format!("Bamako {n}");
        dataset
            .actors
            .push(actor(&format!("b{n}"), &name, None, &[]));
    }
    let index = SearchIndex::new(&dataset);
    let mut previous = index.search("t", None);
    for query in ["te", "tec", "tech", "techn", "techno"] {
        let narrowed = index.search(query, Some(&previous));
        let fresh = index.search(query, None);
        assert_eq!(narrowed, fresh, "{query}");
        previous = narrowed;
    }
    assert!(previous.total >= 2, "the name and the alias");
    // A query that is not a longer one starts again.
    let other = index.search("oversight", Some(&previous));
    assert_eq!(other, index.search("oversight", None));
}

#[test]
fn letters_in_order_find_a_short_field_and_never_a_note() {
    let dataset = dataset();
    let index = SearchIndex::new(&dataset);
    let dut = index.search("dut", None);
    let first = dut.hits.first().expect("a hit");
    assert_eq!(first.place, Place::Name { actor: 2 });
    assert_eq!(first.how, How::Scattered);
    assert_eq!(
        first.matched,
        [0, 7, 21],
        "D·u·T of Durban University of Technology"
    );
    assert!(
        dut.hits
            .iter()
            .all(|h| !matches!(h.place, Place::Note { .. })),
        "{:?}",
        places(&dut, &dataset)
    );
}

#[test]
fn a_typo_is_read_as_the_nearest_word_when_little_matches() {
    let dataset = dataset();
    let index = SearchIndex::new(&dataset);
    let pegsus = index.search("pegsus", None);
    assert_eq!(pegsus.corrected.as_deref(), Some("pegasus"));
    let first = pegsus.hits.first().expect("a hit");
    assert_eq!(first.how, How::Corrected);
    assert_eq!(first.place.describe(&dataset), "note · France · oversight");
    assert_eq!(first.matched, (10..17).collect::<Vec<_>>());
    // A query that finds plenty is taken as typed.
    assert_eq!(index.search("the", None).corrected, None);
}

#[test]
fn an_alias_and_a_country_say_whose_they_are() {
    let dataset = dataset();
    let index = SearchIndex::new(&dataset);
    let alias = index.search("durban institute", None);
    assert_eq!(
        places(&alias, &dataset).first().map(String::as_str),
        Some("Durban Institute of Technology | alias of Durban University of Technology")
    );
    let country = index.search("south africa", None);
    assert_eq!(
        places(&country, &dataset),
        ["South Africa | country of Durban University of Technology"]
    );
}

#[test]
fn the_source_an_actor_shares_with_others_is_found_once_per_item() {
    let dataset = dataset();
    let index = SearchIndex::new(&dataset);
    let register = index.search("federal reg", None);
    assert_eq!(register.total, 2, "{:?}", places(&register, &dataset));
    assert!(
        register
            .hits
            .iter()
            .all(|h| matches!(h.place, Place::Source { .. }))
    );
}

#[test]
fn many_hits_are_counted_and_the_best_are_kept() {
    let mut dataset = dataset();
    for n in 0..(SHOWN + 50) {
        dataset
            .actors
            .push(actor(&format!("a{n}"), &format!("Agency {n}"), None, &[]));
    }
    let index = SearchIndex::new(&dataset);
    let hits = index.search("agency", None);
    assert_eq!(hits.total, SHOWN + 50);
    assert_eq!(hits.hits.len(), SHOWN);
    assert_eq!(
        hits.hits.first().map(|h| h.place),
        Some(Place::Name { actor: 3 }),
        "among equals, the dataset's order"
    );
    assert!(index.search("   ", None).hits.is_empty());
}
