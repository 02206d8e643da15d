//! Progress over time on the first clock: overall and each group's progress
//! at every date where some evidence takes effect, computed in one sweep over
//! the evidence dates rather than by re-grading the whole dataset per date.

use chrono::NaiveDate;

use super::grade::Tally;
use super::progress::grades;
use super::{ActorKind, Dataset, Milestone, Progress, Status};

/// One group's progress at a point: the dashboard's groups, by actor kind.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupProgress {
    /// The kind of actor the group holds.
    pub kind: ActorKind,
    /// Its progress at that point.
    pub progress: Progress,
}

/// Where everyone stood at the end of one day.
#[derive(Debug, Clone, PartialEq)]
pub struct ProgressPoint {
    /// The day (grades as of its end).
    pub date: NaiveDate,
    /// Progress over every applicable commitment.
    pub overall: Progress,
    /// Each group's progress, in the dashboard's order (only the kinds the
    /// dataset has).
    pub groups: Vec<GroupProgress>,
}

impl ProgressPoint {
    /// The progress of one group, if the dataset has actors of that kind.
    pub fn group(&self, kind: ActorKind) -> Option<&Progress> {
        self.groups
            .iter()
            .find(|g| g.kind == kind)
            .map(|g| &g.progress)
    }
}

/// Progress over time: a point at every date where some evidence takes
/// effect, from the earliest to the series' end, and the calendar's
/// milestones to mark on it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ProgressSeries {
    /// The points, oldest first; the last one is at the series' end. Between
    /// two points progress does not change.
    pub points: Vec<ProgressPoint>,
    /// The dataset's milestones, in date order.
    pub milestones: Vec<Milestone>,
}

impl ProgressSeries {
    /// Where everyone stood at the end of `date`: the last point on or
    /// before it (`None` before the first point).
    pub fn at(&self, date: NaiveDate) -> Option<&ProgressPoint> {
        let after = self.points.partition_point(|p| p.date <= date);
        after.checked_sub(1).and_then(|i| self.points.get(i))
    }

    /// The first and last dates the series covers.
    pub fn span(&self) -> Option<(NaiveDate, NaiveDate)> {
        Some((self.points.first()?.date, self.points.last()?.date))
    }

    /// The span a chart shows by default: from [`story_start`] to the end.
    pub fn story_span(&self) -> Option<(NaiveDate, NaiveDate)> {
        let (first, last) = self.span()?;
        let start = story_start(first, last, self.milestones.iter().map(|m| m.date.0));
        Some((start, last))
    }
}

/// Where a chart of progress over time starts, so that every chart of it
/// (the TUI's, the report's) shows the same span: a year before the
/// earliest milestone, where the working group's story is, rather than at
/// the oldest evidence on record (which would squeeze the milestones into
/// the last columns). Never before the series' `first` point; `first` when
/// there is no milestone or the year before it is not before `last`.
pub fn story_start(
    first: NaiveDate,
    last: NaiveDate,
    milestones: impl IntoIterator<Item = NaiveDate>,
) -> NaiveDate {
    milestones
        .into_iter()
        .min()
        .and_then(|earliest| earliest.checked_sub_days(chrono::Days::new(365)))
        .filter(|start| *start < last)
        .map_or(first, |start| start.max(first))
}

/// One cell of the matrix that counts towards progress, graded as the
/// sweep goes.
struct Cell {
    group: usize,
    tally: Tally,
    grade: Status,
}

/// A cell's grade on the dashboard from its evidence so far: evidence that
/// only records context grades nothing yet ([`crate::model::Actor::grade_as_of`]).
fn shown(tally: &Tally) -> Status {
    match tally.grade() {
        Status::NotApplicable => Status::NoEvidence,
        grade => grade,
    }
}

impl Dataset {
    /// Progress over time on the first clock, up to the end of `until`:
    /// overall and by group at every date where an evidence item takes
    /// effect (a month or a year from its last day), plus a point at
    /// `until`. Each point agrees with `self.as_of(date)`.
    ///
    /// One sweep: the evidence items are put in date order once, and each
    /// is taken into its cell's grade as its day comes ([`Tally`], the rule
    /// of [`crate::model::grade_as_of`] one item at a time); no cell is
    /// graded from scratch.
    pub fn progress_over_time(&self, until: NaiveDate) -> ProgressSeries {
        let kinds: Vec<ActorKind> = ActorKind::ALL
            .into_iter()
            .filter(|k| self.actors.iter().any(|a| a.kind == *k))
            .collect();
        let mut overall = Progress::default();
        let mut groups: Vec<Progress> = vec![Progress::default(); kinds.len()];
        let mut cells: Vec<Cell> = Vec::new();
        // (day, cell, item's place in its commitment): same-day items of a
        // cell stay in their written order, as `grade_as_of` keeps them.
        let mut events: Vec<(NaiveDate, usize, Status)> = Vec::new();
        for actor in &self.actors {
            let group = kinds.iter().position(|k| *k == actor.kind).unwrap_or(0);
            for recommendation in self.recommendations.iter().filter(|r| grades(actor, r)) {
                let commitment = actor.commitment(&recommendation.id);
                let ruled_out = commitment.is_some_and(|c| c.status == Status::NotApplicable);
                let mut tally = Tally::default();
                if let Some(commitment) = commitment.filter(|_| !ruled_out) {
                    // Undated items count at every date: before any dated one.
                    for item in commitment.evidence.iter().filter(|e| e.date.is_none()) {
                        tally.add(item.supports);
                    }
                    let cell = cells.len();
                    events.extend(
                        commitment
                            .evidence
                            .iter()
                            .filter_map(|e| e.date.map(|d| (d.latest(), cell, e.supports))),
                    );
                }
                let grade = if ruled_out {
                    Status::NotApplicable
                } else {
                    shown(&tally)
                };
                overall.recount(grade);
                if let Some(progress) = groups.get_mut(group) {
                    progress.recount(grade);
                }
                if commitment.is_some() && !ruled_out {
                    cells.push(Cell {
                        group,
                        tally,
                        grade,
                    });
                }
            }
        }
        // Stable: a cell's items on one day keep their written order.
        events.sort_by_key(|(day, cell, _)| (*day, *cell));

        let point = |date, overall: &Progress, groups: &[Progress]| ProgressPoint {
            date,
            overall: *overall,
            groups: kinds
                .iter()
                .zip(groups)
                .map(|(kind, progress)| GroupProgress {
                    kind: *kind,
                    progress: *progress,
                })
                .collect(),
        };
        let mut points = Vec::new();
        let mut rest = events.as_slice();
        while let Some(&(date, _, _)) = rest.first() {
            if date > until {
                break;
            }
            let same_day = rest.partition_point(|(d, _, _)| *d == date);
            let (today, later) = rest.split_at(same_day);
            rest = later;
            for &(_, index, supports) in today {
                if let Some(cell) = cells.get_mut(index) {
                    cell.tally.add(supports);
                }
            }
            for &(_, index, _) in today {
                let Some(cell) = cells.get_mut(index) else {
                    continue;
                };
                let grade = shown(&cell.tally);
                if grade == cell.grade {
                    continue;
                }
                overall.uncount(cell.grade);
                overall.recount(grade);
                if let Some(progress) = groups.get_mut(cell.group) {
                    progress.uncount(cell.grade);
                    progress.recount(grade);
                }
                cell.grade = grade;
            }
            points.push(point(date, &overall, &groups));
        }
        if points.last().is_none_or(|p| p.date < until) {
            points.push(point(until, &overall, &groups));
        }

        let mut milestones = self.manifest.milestones.clone();
        milestones.sort_by_key(|m| m.date);
        ProgressSeries { points, milestones }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chart_starts_a_year_before_the_earliest_milestone() {
        let milestones = [day("2024-11-11"), day("2023-11-10")];
        assert_eq!(
            story_start(day("2013-12-04"), day("2026-12-01"), milestones),
            day("2022-11-10")
        );
        // Never before the evidence begins.
        assert_eq!(
            story_start(day("2023-01-01"), day("2026-12-01"), milestones),
            day("2023-01-01")
        );
        // No milestone, or none before the end: the whole series.
        assert_eq!(
            story_start(day("2013-12-04"), day("2026-12-01"), []),
            day("2013-12-04")
        );
        assert_eq!(
            story_start(day("2013-12-04"), day("2020-01-01"), milestones),
            day("2013-12-04")
        );
    }

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

    /// Progress of one kind's actors in a dataset, graded as recorded.
    fn group_progress(dataset: &Dataset, kind: ActorKind) -> Progress {
        let mut total = Progress::default();
        for actor in dataset.actors.iter().filter(|a| a.kind == kind) {
            for r in dataset.recommendations.iter().filter(|r| grades(actor, r)) {
                total.recount(actor.status_on(&r.id));
            }
        }
        total
    }

    #[test]
    fn every_point_agrees_with_the_dataset_as_of_its_date() {
        let dataset = shipped();
        let series = dataset.progress_over_time(day("2026-12-01"));
        assert!(series.points.len() > 20, "{} points", series.points.len());
        let mut previous: Option<&ProgressPoint> = None;
        for point in &series.points {
            let then = dataset.as_of(point.date);
            assert_eq!(point.overall, then.overall_progress(), "{}", point.date);
            for group in &point.groups {
                assert_eq!(
                    group.progress,
                    group_progress(&then, group.kind),
                    "{:?} on {}",
                    group.kind,
                    point.date
                );
            }
            // Nothing changes between two points: the day before this one
            // stands where the previous point does.
            if let (Some(before), Some(eve)) = (previous, point.date.pred_opt()) {
                assert_eq!(
                    before.overall,
                    dataset.as_of(eve).overall_progress(),
                    "{eve}"
                );
            }
            previous = Some(point);
        }
        let dates: Vec<NaiveDate> = series.points.iter().map(|p| p.date).collect();
        let mut sorted = dates.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(dates, sorted, "one point per date, oldest first");
    }

    #[test]
    fn the_shipped_series_runs_from_the_first_evidence_to_the_end_and_rises_at_the_blueprint() {
        let dataset = shipped();
        let series = dataset.progress_over_time(day("2026-12-01"));
        let earliest = dataset
            .actors
            .iter()
            .flat_map(|a| a.commitments.values())
            .flat_map(|c| c.evidence.iter())
            .filter_map(|e| e.date.map(|d| d.latest()))
            .min();
        assert_eq!(series.span().map(|s| s.0), earliest);
        assert_eq!(series.span().map(|s| s.1), Some(day("2026-12-01")));
        // The co-authors' endorsements all date from the blueprint.
        let eve = series.at(day("2023-11-09")).map(|p| p.overall.percent());
        let blueprint = series.at(day("2023-11-10")).map(|p| p.overall.percent());
        assert!(blueprint > eve, "{eve:?} then {blueprint:?}");
        let kinds: Vec<ActorKind> = series
            .points
            .last()
            .map(|p| p.groups.iter().map(|g| g.kind).collect())
            .unwrap_or_default();
        assert_eq!(kinds.first(), Some(&ActorKind::Government));
        assert!(kinds.contains(&ActorKind::Industry));
        let ids: Vec<&str> = series.milestones.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "blueprint-publication",
                "pall-mall-launch",
                "summit-for-democracy-seoul",
                "paris-peace-forum-2024",
                "pall-mall-paris"
            ]
        );
    }

    #[test]
    fn a_series_ending_before_any_evidence_is_one_point_as_of_that_day() {
        let dataset = shipped();
        let series = dataset.progress_over_time(day("1990-01-01"));
        assert_eq!(series.points.len(), 1);
        let only = series.points.first().map(|p| (p.date, p.overall));
        assert_eq!(
            only,
            Some((
                day("1990-01-01"),
                dataset.as_of(day("1990-01-01")).overall_progress()
            ))
        );
        assert_eq!(series.at(day("1989-12-31")), None);
    }

    #[test]
    fn same_day_items_undated_ones_and_ruled_out_cells_grade_as_the_dataset_does() {
        use crate::model::{Commitment, Evidence, PartialDate, Provenance};
        let item = |date: Option<&str>, supports| Evidence {
            title: format!("{supports:?}"),
            source: "s".into(),
            date: date.and_then(|d| PartialDate::parse(d).ok()),
            url: None,
            provenance: Provenance::Independent,
            supports,
        };
        let mut dataset = shipped();
        let rec = |i: usize| {
            dataset
                .recommendations
                .get(i)
                .map(|r| r.id.clone())
                .unwrap_or_default()
        };
        let (first, second, third) = (rec(0), rec(1), rec(2));
        let Some(actor) = dataset.actors.iter_mut().find(|a| a.id == "france") else {
            panic!("France is shipped");
        };
        let commitment = |evidence, status| Commitment {
            status,
            evidence,
            ..Commitment::default()
        };
        // On one day a withdrawal and then a new endorsement, in that order;
        // then a context item; an undated item under a dated reversal.
        actor.commitments.insert(
            first,
            commitment(
                vec![
                    item(Some("2024-05-02"), Status::Substantial),
                    item(Some("2024-06-01"), Status::Reversed),
                    item(Some("2024-06-01"), Status::Endorsed),
                    item(Some("2024-07"), Status::NotApplicable),
                ],
                Status::Endorsed,
            ),
        );
        actor.commitments.insert(
            second,
            commitment(
                vec![
                    item(None, Status::Initiated),
                    item(Some("2024-08-15"), Status::Reversed),
                ],
                Status::Reversed,
            ),
        );
        actor.commitments.insert(
            third,
            commitment(
                vec![item(Some("2024-05-02"), Status::Implemented)],
                Status::NotApplicable,
            ),
        );
        let series = dataset.progress_over_time(day("2026-12-01"));
        for date in [
            "2024-05-01",
            "2024-05-02",
            "2024-06-01",
            "2024-07-31",
            "2024-08-15",
        ] {
            let point = series.at(day(date)).map(|p| p.overall);
            assert_eq!(
                point,
                Some(dataset.as_of(day(date)).overall_progress()),
                "{date}"
            );
            let government = series
                .at(day(date))
                .and_then(|p| p.group(ActorKind::Government).copied());
            assert_eq!(
                government,
                Some(group_progress(
                    &dataset.as_of(day(date)),
                    ActorKind::Government
                )),
                "{date}"
            );
        }
    }
}
