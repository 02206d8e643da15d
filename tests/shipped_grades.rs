//! The reviewer's findings on the shipped dataset, kept as checks so that a
//! later edit cannot quietly bring them back (GRADING.md is the rubric).

use reconvene::model::{Dataset, Provenance, Role, Stakeholder, Status};
use reconvene::store::{embedded, load_files};

fn shipped() -> Dataset {
    let files = embedded::FILES.iter().map(|(p, t)| (*p, t.as_bytes()));
    match load_files(files) {
        Ok(dataset) => dataset,
        Err(problems) => panic!("the shipped dataset has problems:\n{problems}"),
    }
}

fn status(dataset: &Dataset, actor: &str, rec: &str) -> Status {
    dataset
        .actor(actor)
        .unwrap_or_else(|| panic!("{actor} is shipped"))
        .status_on(rec)
}

#[test]
fn grades_the_evidence_does_not_earn_are_gone() {
    let d = shipped();
    // A company cannot blacklist; a court's verdict is not the plaintiff's act.
    assert_eq!(status(&d, "meta", "blacklist"), Status::NotApplicable);
    // A non-binding control list, an order's text alone, a rule never shown applied.
    assert_eq!(
        status(&d, "wassenaar-arrangement", "export-safeguards"),
        Status::Endorsed
    );
    assert_eq!(
        status(&d, "united-states", "acceptable-use"),
        Status::Substantial
    );
    assert_eq!(
        status(&d, "united-states", "transparent-procurement"),
        Status::Initiated
    );
    assert_eq!(
        status(&d, "european-union", "export-safeguards"),
        Status::Substantial
    );
    // A general criminal ban lists no violator.
    assert_eq!(status(&d, "greece", "blacklist"), Status::NoEvidence);
    // A dropped lawsuit is a reversal.
    assert_eq!(status(&d, "apple", "publish-findings"), Status::Reversed);
    let used: Vec<Status> = d
        .actors
        .iter()
        .flat_map(|a| a.commitments.values().map(|c| c.status))
        .collect();
    assert!(used.contains(&Status::Reversed) && used.contains(&Status::NotApplicable));
}

#[test]
fn the_blueprints_co_authors_endorse_what_it_addresses_to_them() {
    let d = shipped();
    let members: Vec<_> = d
        .actors
        .iter()
        .filter(|a| matches!(a.role, Some(Role::Member | Role::CoChair)))
        .collect();
    assert_eq!(members.len(), 10, "the blueprint lists ten members");
    for actor in members {
        for rec in d
            .recommendations
            .iter()
            .filter(|r| r.is_addressed_to(actor.kind.stakeholder()))
        {
            let commitment = actor
                .commitment(&rec.id)
                .unwrap_or_else(|| panic!("{} · {} is graded", actor.id, rec.id));
            assert!(
                commitment.status >= Status::Endorsed,
                "{} · {}",
                actor.id,
                rec.id
            );
            assert!(
                commitment
                    .evidence
                    .iter()
                    .any(|e| e.title.starts_with("Taming the Cyber")
                        && e.date.map(|d| d.to_string()).as_deref() == Some("2023-11-10")
                        && e.provenance == Provenance::SelfReported),
                "{} · {} cites the blueprint",
                actor.id,
                rec.id
            );
        }
        assert!(
            actor.progress(&d.recommendations).percent() > 0,
            "{}",
            actor.id
        );
    }
}

#[test]
fn names_scope_and_framing_follow_the_rules() {
    let d = shipped();
    assert!(
        d.actor("european-parliament").is_none(),
        "the EU holds its inquiry"
    );
    let durban = d.actor("durban-university-of-technology").expect("shipped");
    assert_eq!(durban.aliases, ["Durban Institute of Technology"]);
    // Measures only states can take do not apply to a UN office.
    let unoda = d
        .actor("un-office-for-disarmament-affairs")
        .expect("shipped");
    for rec in d
        .recommendations
        .iter()
        .filter(|r| r.is_addressed_to(Stakeholder::Governments))
    {
        assert_eq!(
            unoda.status_on(&rec.id),
            Status::NotApplicable,
            "{}",
            rec.id
        );
    }
    let reconvening = d.manifest.reconvening().expect("marked");
    let said = format!(
        "{} {}",
        reconvening.title,
        reconvening.outcome.clone().unwrap_or_default()
    );
    assert!(
        !said.contains("reconvene to report") && !said.contains("Reconvened"),
        "{said}"
    );
    assert!(said.contains("no public report"), "{said}");
    for actor in &d.actors {
        for (rec, c) in &actor.commitments {
            assert!(!c.note.contains("binds no one"), "{} · {rec}", actor.id);
            assert!(!c.note.trim().is_empty(), "{} · {rec} says why", actor.id);
            for e in &c.evidence {
                assert!(
                    !e.title.ends_with(" reports") && e.source != "Press reports",
                    "{}",
                    e.title
                );
            }
        }
    }
}
