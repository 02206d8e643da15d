//! The report dialog (`R`): the format and the period, chosen from the
//! dataset's own milestones (nothing to type), then the runner writes the
//! file on the worker and says where it went.

use chrono::NaiveDate;

use super::Action;
use super::input::Input;
use super::travel::Point;
use crate::model::Dataset;

/// The formats, as `--format` names them (and as the file's extension).
pub const FORMATS: [&str; 4] = ["md", "html", "csv", "json"];

/// One end of the period the dialog offers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PointChoice {
    /// What the dialog shows ("paris-peace-forum-2024 (2024-11-11)").
    pub label: String,
    /// What `--since`/`--as-of` would be given: a milestone's id or a date.
    pub value: String,
    /// The day it stands for, so the dialog can refuse a period that ends
    /// before it starts in its own words.
    pub date: NaiveDate,
}

/// The dialog's state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportDialog {
    /// Which of [`FORMATS`].
    pub format: usize,
    /// The period's start: one of `starts`.
    pub since: usize,
    /// The report's date: one of `ends`.
    pub as_of: usize,
    /// The focused line: 0 format, 1 since, 2 as of.
    pub field: usize,
    /// The milestones.
    pub starts: Vec<PointChoice>,
    /// Today, the day being viewed (when it is not a milestone), then the
    /// milestones.
    pub ends: Vec<PointChoice>,
    /// The commit being viewed on the second clock, if one is: the report
    /// reads the record as it was there.
    pub recorded: Option<String>,
    /// Why the last Enter wrote nothing, until the next key.
    pub refusal: Option<String>,
}

/// What the runner writes: the command line's arguments, and the file's name
/// (the runner puts it in the folder the program was started from).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportJob {
    /// One of [`FORMATS`].
    pub format: &'static str,
    /// `--since`.
    pub since: String,
    /// `--as-of`.
    pub as_of: String,
    /// `--recorded`, when the view was of the record at a commit.
    pub recorded: Option<String>,
    /// `report-<since>-to-<as of>.<format>` (with `-at-<commit>`
    /// before the extension when the record is a past one).
    pub file_name: String,
}

/// What a key did to the dialog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DialogOutcome {
    /// Still open.
    Continue,
    /// Closed without writing.
    Cancel,
    /// Write this report.
    Write(ReportJob),
}

impl ReportDialog {
    /// The dialog for `dataset` on `today`: since the reconvening (or the
    /// first milestone), as of the point being viewed (`viewing`, a past
    /// view's) or today, Markdown.
    pub fn new(dataset: &Dataset, today: NaiveDate, viewing: Option<&Point>) -> ReportDialog {
        let mut milestones: Vec<_> = dataset.manifest.milestones.iter().collect();
        milestones.sort_by_key(|m| (m.date, m.id.clone()));
        let starts: Vec<PointChoice> = milestones
            .iter()
            .map(|m| PointChoice {
                label: format!("{} ({})", m.id, m.date),
                value: m.id.clone(),
                date: m.date.0,
            })
            .collect();
        let mut since = milestones.iter().position(|m| m.reconvening).unwrap_or(0);
        let today_text = today.format("%Y-%m-%d").to_string();
        let mut ends: Vec<PointChoice> = std::iter::once(PointChoice {
            label: format!("today ({today_text})"),
            value: today_text,
            date: today,
        })
        .chain(starts.iter().cloned())
        .collect();
        let mut as_of = 0;
        let mut recorded = None;
        match viewing {
            Some(Point::AsOf { date, .. }) => {
                // The milestone of that day, or the day itself as a choice
                // of its own, right after today.
                as_of = match ends.iter().skip(1).position(|c| c.date == *date) {
                    Some(i) => i + 1,
                    None if *date == today => 0,
                    None => {
                        let text = date.format("%Y-%m-%d").to_string();
                        ends.insert(
                            1,
                            PointChoice {
                                label: format!("{text} (the day viewed)"),
                                value: text,
                                date: *date,
                            },
                        );
                        1
                    }
                };
            }
            Some(Point::Recorded { commit, .. }) => recorded = Some(commit.clone()),
            None => {}
        }
        // A period must have some length: when the reconvening is not before
        // the day viewed, start at the last milestone that is.
        if let Some(end) = ends.get(as_of).map(|c| c.date)
            && starts.get(since).is_some_and(|c| c.date >= end)
        {
            since = starts.iter().rposition(|c| c.date < end).unwrap_or(0);
        }
        ReportDialog {
            format: 0,
            since,
            as_of,
            field: 0,
            starts,
            ends,
            recorded,
            refusal: None,
        }
    }

    /// Why the chosen period cannot make a report, in the dialog's words.
    fn period_problem(&self) -> Option<String> {
        let since = self.starts.get(self.since)?;
        let as_of = self.ends.get(self.as_of)?;
        (since.date > as_of.date).then(|| {
            format!(
                "Since {} is after As of {}: choose another",
                since.date, as_of.date
            )
        })
    }

    /// The job the dialog stands for now.
    pub fn job(&self) -> ReportJob {
        let format = FORMATS.get(self.format).copied().unwrap_or("md");
        let since = self
            .starts
            .get(self.since)
            .map_or_else(String::new, |c| c.value.clone());
        let as_of = self
            .ends
            .get(self.as_of)
            .map_or_else(String::new, |c| c.value.clone());
        let recorded_part = self
            .recorded
            .as_ref()
            .map_or_else(String::new, |commit| format!("-at-{commit}"));
        let file_name = if since.is_empty() {
            format!("report-to-{as_of}{recorded_part}.{format}")
        } else {
            format!("report-{since}-to-{as_of}{recorded_part}.{format}")
        };
        ReportJob {
            format,
            since,
            as_of,
            recorded: self.recorded.clone(),
            file_name,
        }
    }

    fn step(&mut self, forward: bool) {
        let (value, count) = match self.field {
            0 => (&mut self.format, FORMATS.len()),
            1 => (&mut self.since, self.starts.len()),
            _ => (&mut self.as_of, self.ends.len()),
        };
        if count > 0 {
            *value = if forward {
                (*value + 1) % count
            } else {
                (*value + count - 1) % count
            };
        }
    }

    /// Applies one key or command.
    pub fn handle(&mut self, input: &Input) -> DialogOutcome {
        self.refusal = None;
        match input {
            Input::Command(Action::Cancel) => return DialogOutcome::Cancel,
            Input::Command(Action::Confirm) => match self.period_problem() {
                Some(problem) => self.refusal = Some(problem),
                None => return DialogOutcome::Write(self.job()),
            },
            Input::Command(Action::Up | Action::PrevField) => {
                self.field = (self.field + 2) % 3;
            }
            Input::Command(Action::Down | Action::NextField) => {
                self.field = (self.field + 1) % 3;
            }
            Input::Command(Action::Left) => self.step(false),
            Input::Command(Action::Right) => self.step(true),
            _ => {}
        }
        DialogOutcome::Continue
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dataset() -> Dataset {
        let files = crate::store::embedded::FILES
            .iter()
            .map(|(p, t)| (*p, t.as_bytes()));
        match crate::store::load_files(files) {
            Ok(dataset) => dataset,
            Err(problems) => panic!("the shipped dataset has problems:\n{problems}"),
        }
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 1, 15).unwrap_or(NaiveDate::MIN)
    }

    #[test]
    fn it_starts_at_the_reconvening_as_of_today_in_markdown() {
        let dialog = ReportDialog::new(&dataset(), today(), None);
        assert_eq!(
            dialog.job(),
            ReportJob {
                format: "md",
                since: "paris-peace-forum-2024".into(),
                as_of: "2026-01-15".into(),
                recorded: None,
                file_name: "report-paris-peace-forum-2024-to-2026-01-15.md".into(),
            }
        );
    }

    #[test]
    fn left_and_right_change_the_focused_line_and_enter_writes() {
        let mut dialog = ReportDialog::new(&dataset(), today(), None);
        let command = |a| Input::Command(a);
        dialog.handle(&command(Action::Right));
        dialog.handle(&command(Action::Down));
        dialog.handle(&command(Action::Left));
        dialog.handle(&command(Action::Down));
        dialog.handle(&command(Action::Left));
        match dialog.handle(&command(Action::Confirm)) {
            DialogOutcome::Write(job) => {
                assert_eq!(job.format, "html");
                assert_eq!(job.since, "summit-for-democracy-seoul");
                assert_eq!(
                    job.as_of, "pall-mall-paris",
                    "left from today wraps to the last"
                );
                assert_eq!(
                    job.file_name,
                    "report-summit-for-democracy-seoul-to-pall-mall-paris.html"
                );
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            dialog.handle(&command(Action::Cancel)),
            DialogOutcome::Cancel
        );
    }
}
