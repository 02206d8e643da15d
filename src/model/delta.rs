//! Who moved between two dates on the first clock, and the evidence that
//! moved them: the delta the time-travel view and the report show.

use chrono::NaiveDate;

use super::{Dataset, Evidence, Status};

/// Which way a commitment moved between two dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Direction {
    /// Its grade rose.
    Up,
    /// Its grade fell without being withdrawn (or a reversal was lifted to
    /// nothing more than no evidence).
    Down,
    /// It was withdrawn: the later grade is `Reversed`.
    Reversal,
}

impl Direction {
    /// A short word for lists and exports.
    pub fn label(self) -> &'static str {
        match self {
            Direction::Up => "up",
            Direction::Down => "down",
            Direction::Reversal => "reversed",
        }
    }

    /// One character that tells the direction apart without colour.
    pub fn symbol(self) -> char {
        match self {
            Direction::Up => '▲',
            Direction::Down => '▼',
            Direction::Reversal => '✗',
        }
    }
}

/// One commitment whose first-clock grade differs between two dates.
#[derive(Debug, Clone, PartialEq)]
pub struct Move {
    /// The actor's id.
    pub actor: String,
    /// The recommendation's id.
    pub recommendation: String,
    /// The grade at the earlier date.
    pub from: Status,
    /// The grade at the later date.
    pub to: Status,
    /// Up, down, or a reversal.
    pub direction: Direction,
    /// How far it moved, in progress weight (`Implemented` is 1.0, see
    /// [`Status::weight`]); negative when it fell.
    pub by: f64,
    /// The evidence dated after the earlier date and up to the later one,
    /// oldest first: what moved it.
    pub evidence: Vec<Evidence>,
}

impl Move {
    /// The change as whole percentage points of the commitment's way to
    /// `Implemented` (+25 for Endorsed → Initiated).
    pub fn points(&self) -> i32 {
        (self.by * 100.0).round() as i32
    }
}

fn weight(status: Status) -> f64 {
    status.weight().unwrap_or(0.0)
}

fn direction(from: Status, to: Status) -> Direction {
    if to == Status::Reversed {
        Direction::Reversal
    } else if weight(to) > weight(from) {
        Direction::Up
    } else {
        Direction::Down
    }
}

impl Dataset {
    /// Every commitment whose grade on the first clock (as of the end of
    /// each day, [`crate::model::Actor::grade_as_of`]) differs between
    /// `from` and `to`, with the evidence dated in between that moved it.
    ///
    /// Ordered by actor id, then by the recommendations' order, so two runs
    /// (and the report and the screen) list the same moves the same way.
    /// When `from` is after `to` the moves read backwards in time, and the
    /// evidence listed is still the items dated between the two days.
    pub fn moves_between(&self, from: NaiveDate, to: NaiveDate) -> Vec<Move> {
        let (early, late) = if from <= to { (from, to) } else { (to, from) };
        let mut actors: Vec<_> = self.actors.iter().collect();
        actors.sort_by(|a, b| a.id.cmp(&b.id));
        let mut moves = Vec::new();
        for actor in actors {
            for recommendation in &self.recommendations {
                let Some(commitment) = actor.commitment(&recommendation.id) else {
                    continue;
                };
                let before = actor.grade_as_of(&recommendation.id, from);
                let after = actor.grade_as_of(&recommendation.id, to);
                if before == after {
                    continue;
                }
                let mut evidence: Vec<Evidence> = commitment
                    .evidence
                    .iter()
                    .filter(|e| {
                        e.date
                            .map(|d| d.latest())
                            .is_some_and(|d| early < d && d <= late)
                    })
                    .cloned()
                    .collect();
                evidence.sort_by_key(|e| e.date.map(|d| d.latest()));
                moves.push(Move {
                    actor: actor.id.clone(),
                    recommendation: recommendation.id.clone(),
                    from: before,
                    to: after,
                    direction: direction(before, after),
                    by: weight(after) - weight(before),
                    evidence,
                });
            }
        }
        moves
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Actor, ActorKind, Commitment, PartialDate, Provenance};

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap_or(NaiveDate::MIN)
    }

    fn shipped() -> Dataset {
        let files = crate::store::embedded::FILES
            .iter()
            .map(|(p, t)| (*p, t.as_bytes()));
        match crate::store::load_files(files) {
            Ok(dataset) => dataset,
            Err(problems) => panic!("the shipped dataset has problems:\n{problems}"),
        }
    }

    fn find<'a>(moves: &'a [Move], actor: &str, rec: &str) -> Option<&'a Move> {
        moves
            .iter()
            .find(|m| m.actor == actor && m.recommendation == rec)
    }

    fn item(date: &str, supports: Status) -> Evidence {
        Evidence {
            title: format!("{supports} on {date}"),
            source: "s".into(),
            date: PartialDate::parse(date).ok(),
            url: None,
            provenance: Provenance::Independent,
            supports,
        }
    }

    #[test]
    fn a_hand_built_commitment_moves_up_then_is_reversed() {
        let mut dataset = shipped();
        let rec = dataset
            .recommendations
            .first()
            .map(|r| r.id.clone())
            .unwrap_or_default();
        dataset.actors = vec![Actor {
            id: "ruritania".into(),
            name: "Ruritania".into(),
            aliases: Vec::new(),
            kind: ActorKind::Government,
            country: None,
            role: None,
            commitments: [(
                rec.clone(),
                Commitment {
                    status: Status::Reversed,
                    evidence: vec![
                        item("2024-09-30", Status::Reversed),
                        item("2023-01", Status::Endorsed),
                        item("2024-03-05", Status::Substantial),
                    ],
                    ..Commitment::default()
                },
            )]
            .into_iter()
            .collect(),
        }];
        let up = dataset.moves_between(day("2023-06-01"), day("2024-06-01"));
        assert_eq!(up.len(), 1);
        let m = &up[0];
        assert_eq!(
            (m.from, m.to, m.direction),
            (Status::Endorsed, Status::Substantial, Direction::Up)
        );
        assert_eq!(m.points(), 50);
        assert_eq!(m.evidence.len(), 1);
        assert_eq!(m.evidence[0].title, "Substantial on 2024-03-05");

        let whole = dataset.moves_between(day("2022-12-31"), day("2024-12-31"));
        assert_eq!(whole.len(), 1);
        let m = &whole[0];
        assert_eq!(
            (m.from, m.to, m.direction),
            (Status::NoEvidence, Status::Reversed, Direction::Reversal)
        );
        assert_eq!(m.points(), 0);
        // All three items fall in the period, oldest first.
        let titles: Vec<&str> = m.evidence.iter().map(|e| e.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "Endorsed on 2023-01",
                "Substantial on 2024-03-05",
                "Reversed on 2024-09-30"
            ]
        );

        let backwards = dataset.moves_between(day("2024-06-01"), day("2023-06-01"));
        assert_eq!(backwards.len(), 1);
        assert_eq!(backwards[0].direction, Direction::Down);
        assert_eq!(backwards[0].points(), -50);

        assert!(
            dataset
                .moves_between(day("2024-04-01"), day("2024-09-29"))
                .is_empty()
        );
    }

    #[test]
    fn between_the_blueprint_and_the_forum_come_the_pall_mall_signers_and_apples_withdrawal() {
        let dataset = shipped();
        let blueprint = dataset
            .day_named("blueprint-publication")
            .unwrap_or(NaiveDate::MIN);
        let forum = dataset
            .day_named("paris-peace-forum-2024")
            .unwrap_or(NaiveDate::MIN);
        let moves = dataset.moves_between(blueprint, forum);

        let apple = find(&moves, "apple", "publish-findings");
        let apple = apple.map(|m| (m.from, m.to, m.direction, m.points()));
        assert_eq!(
            apple,
            Some((
                Status::Substantial,
                Status::Reversed,
                Direction::Reversal,
                -75
            ))
        );
        let uk = find(&moves, "united-kingdom", "acceptable-use");
        assert_eq!(
            uk.map(|m| (m.from, m.to, m.evidence.first().map(|e| e.title.as_str()))),
            Some((
                Status::NoEvidence,
                Status::Endorsed,
                Some("Pall Mall Process declaration on commercial cyber intrusion capabilities")
            ))
        );
        let atlantic = find(&moves, "atlantic-council", "market-knowledge");
        assert_eq!(
            atlantic.map(|m| (m.to, m.points())),
            Some((Status::Implemented, 100))
        );
        // The blueprint's own endorsements are before the period, not in it.
        assert_eq!(find(&moves, "france", "blacklist"), None);
        // Nothing that only came after the Forum.
        assert_eq!(find(&moves, "romania", "acceptable-use"), None);
        for m in &moves {
            assert!(
                !m.evidence.is_empty(),
                "{} {} moved on no evidence",
                m.actor,
                m.recommendation
            );
            for e in &m.evidence {
                let d = e.date.map(|d| d.latest()).unwrap_or(NaiveDate::MIN);
                assert!(blueprint < d && d <= forum, "{} dated {d}", e.title);
            }
        }
        let order: Vec<(&str, &str)> = moves
            .iter()
            .map(|m| (m.actor.as_str(), m.recommendation.as_str()))
            .collect();
        assert_eq!(order.first(), Some(&("african-union", "acceptable-use")));
        assert_eq!(order.get(1), Some(&("african-union", "oversight")));
        assert_eq!(order.last(), Some(&("united-states", "market-knowledge")));
        assert_eq!(moves.len(), 33);
    }

    #[test]
    fn the_blueprint_itself_moves_its_co_authors_and_the_forum_to_today_only_the_code_of_practice()
    {
        let dataset = shipped();
        let at_blueprint = dataset.moves_between(day("2023-11-09"), day("2023-11-10"));
        let france: Vec<&str> = at_blueprint
            .iter()
            .filter(|m| m.actor == "france")
            .map(|m| m.recommendation.as_str())
            .collect();
        assert_eq!(
            france,
            [
                "acceptable-use",
                "transparent-procurement",
                "vendor-verification",
                "blacklist",
                "non-state-purchases",
                "former-officials"
            ]
        );
        assert!(at_blueprint.iter().all(|m| m.direction == Direction::Up));

        let since = dataset.moves_between(day("2024-11-11"), day("2026-12-01"));
        let rows: Vec<(&str, &str, i32)> = since
            .iter()
            .map(|m| (m.actor.as_str(), m.recommendation.as_str(), m.points()))
            .collect();
        assert_eq!(
            rows,
            [
                ("italy", "acceptable-use", 25),
                ("italy", "oversight", 25),
                ("japan", "acceptable-use", 25),
                ("romania", "acceptable-use", 25),
                ("romania", "oversight", 25),
            ]
        );
    }
}
