//! Time travel's reading of the record, on a thread of its own: the dataset
//! as recorded at a commit and the record's activity take a while at scale,
//! and must never wait behind (or hold up) a save on the worker.

use crate::app::Action;
use crate::app::travel::{Arrival, Job};
use crate::store::DatasetLocation;
use crate::store::history::History;

use super::worker::{Progress, Worker};

/// The history of the open dataset, opened on first use and kept, so its
/// parsed files are reused by the next point asked for.
pub struct TimeMachine {
    location: DatasetLocation,
    history: Option<History>,
}

impl TimeMachine {
    /// Starts the thread; its results go to `deliver`.
    pub fn spawn(
        location: DatasetLocation,
        deliver: impl Fn(Action) + Send + Sync + 'static,
    ) -> Worker<TimeMachine> {
        Worker::spawn(
            TimeMachine {
                location,
                history: None,
            },
            deliver,
        )
    }

    fn history(&mut self) -> Result<&mut History, String> {
        if self.history.is_none() {
            self.history = Some(History::open(&self.location).map_err(|e| e.to_string())?);
        }
        self.history
            .as_mut()
            .ok_or_else(|| "the record could not be opened".to_string())
    }

    /// Carries out `job`, reporting progress through `progress`.
    pub fn perform(&mut self, job: Job, progress: &Progress) -> Option<Action> {
        let arrival = match job {
            Job::Recorded(asked) => Arrival::Recorded(self.recorded(&asked)),
            Job::Activity => {
                let history = match self.history() {
                    Ok(history) => history,
                    Err(why) => return Some(travelled(Arrival::Activity(Err(why)))),
                };
                let mut last = 0;
                let mut tell = |read: usize| {
                    // A line a second is plenty: one per thousand commits.
                    if read >= last + 1000 {
                        last = read;
                        progress.send(travelled(Arrival::Reading(format!(
                            "Reading the record: {read} commits…"
                        ))));
                    }
                };
                Arrival::Activity(history.activity(&mut tell).map_err(|e| e.to_string()))
            }
        };
        Some(travelled(arrival))
    }

    fn recorded(
        &mut self,
        asked: &str,
    ) -> Result<(String, String, Box<crate::model::Dataset>), String> {
        let history = self.history()?;
        let commit = history.resolve(asked).map_err(|e| e.to_string())?;
        let recorded = history.dataset_at(commit).map_err(|e| e.to_string())?;
        let short: String = recorded.commit.to_string().chars().take(7).collect();
        Ok((asked.to_string(), short, Box::new(recorded.dataset)))
    }
}

fn travelled(arrival: Arrival) -> Action {
    Action::Travelled(Box::new(arrival))
}

/// Queues `job` on the time machine's thread.
pub fn submit(machine: &Worker<TimeMachine>, job: Job) -> bool {
    machine.submit(Box::new(move |machine, progress| {
        machine.perform(job, progress)
    }))
}
