//! Work off the screen's thread: a job runs on the worker, may report
//! progress as it goes, and ends with a result; both are actions, delivered
//! to the event loop, which hands them to `update` like any key.
//!
//! Jobs run one at a time, in the order given, on one thread that owns the
//! context (the store session): a save and the reload after it can never
//! overtake each other, and nothing needs a lock.

use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;
use std::time::Duration;

use crate::app::Action;

/// Where a job's actions go (the event loop's channel, or a test's).
type Deliver = Arc<dyn Fn(Action) + Send + Sync>;

/// A job's line back to the screen while it runs.
#[derive(Clone)]
pub struct Progress {
    deliver: Deliver,
}

impl Progress {
    /// Sends `action` to `update` now, before the job ends ("3 of 12 read").
    pub fn send(&self, action: Action) {
        (self.deliver)(action);
    }
}

/// One piece of work: runs with the worker's context; its result, if it has
/// one, goes to `update`.
pub type Job<C> = Box<dyn FnOnce(&mut C, &Progress) -> Option<Action> + Send>;

/// A thread running jobs in order over a context `C` it owns.
pub struct Worker<C> {
    jobs: Option<Sender<Job<C>>>,
    thread: Option<JoinHandle<()>>,
    /// Hears when the queue is done (the thread is about to end).
    drained: Receiver<()>,
}

impl<C: Send + 'static> Worker<C> {
    /// Starts the thread; every action its jobs produce goes to `deliver`.
    pub fn spawn(context: C, deliver: impl Fn(Action) + Send + Sync + 'static) -> Worker<C> {
        let (jobs, queue) = mpsc::channel::<Job<C>>();
        let (done, drained) = mpsc::channel();
        let progress = Progress {
            deliver: Arc::new(deliver),
        };
        let thread = std::thread::Builder::new()
            .name("reconvene-worker".into())
            .spawn(move || {
                let mut context = context;
                while let Ok(job) = queue.recv() {
                    if let Some(result) = job(&mut context, &progress) {
                        progress.send(result);
                    }
                }
                let _ = done.send(());
            })
            .ok();
        Worker {
            jobs: thread.as_ref().map(|_| jobs),
            thread,
            drained,
        }
    }

    /// Queues `job`. `false` when the worker is gone (it could not start, or
    /// a job panicked): the caller says so instead of waiting forever.
    pub fn submit(&self, job: Job<C>) -> bool {
        self.jobs
            .as_ref()
            .is_some_and(|jobs| jobs.send(job).is_ok())
    }

    /// Lets the queued jobs finish (a save under way completes rather than
    /// being cut off), then ends the thread.
    pub fn finish(mut self) {
        self.jobs = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }

    /// Like [`Worker::finish`], but waits at most `limit` (a signal asks to
    /// leave promptly; the drafts of the last keys are worth a moment).
    /// `true` when every queued job ran.
    pub fn finish_within(mut self, limit: Duration) -> bool {
        self.jobs = None;
        self.thread.is_some() && self.drained.recv_timeout(limit).is_ok()
    }
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc;
    use std::time::Duration;

    use super::*;

    #[test]
    fn jobs_run_in_order_on_their_context_and_report_progress_before_their_result() {
        let (sender, received) = mpsc::channel();
        let sender = std::sync::Mutex::new(sender);
        let worker = Worker::spawn(Vec::<u32>::new(), move |action| {
            let _ = sender.lock().map(|s| s.send(action));
        });
        for n in 1..=3u32 {
            assert!(
                worker.submit(Box::new(move |seen: &mut Vec<u32>, progress| {
                    seen.push(n);
                    progress.send(Action::Notice(format!("job {n} working")));
                    Some(Action::Notice(format!("job {n} saw {seen:?}")))
                }))
            );
        }
        assert!(worker.submit(Box::new(|_, _| None)));
        worker.finish();
        let said: Vec<Action> = received.try_iter().collect();
        let expected: Vec<Action> = [
            "job 1 working",
            "job 1 saw [1]",
            "job 2 working",
            "job 2 saw [1, 2]",
            "job 3 working",
            "job 3 saw [1, 2, 3]",
        ]
        .into_iter()
        .map(|text| Action::Notice(text.into()))
        .collect();
        assert_eq!(said, expected);
        assert!(received.recv_timeout(Duration::ZERO).is_err());
    }

    #[test]
    fn finishing_within_a_limit_waits_for_quick_jobs_but_not_for_a_stuck_one() {
        let (sender, received) = mpsc::channel();
        let worker = Worker::spawn((), |_| {});
        assert!(worker.submit(Box::new(move |_, _| {
            std::thread::sleep(Duration::from_millis(50));
            let _ = sender.send("written");
            None
        })));
        assert!(worker.finish_within(Duration::from_secs(5)));
        assert_eq!(
            received.try_recv(),
            Ok("written"),
            "the queued job ran first"
        );

        let stuck = Worker::spawn((), |_| {});
        assert!(stuck.submit(Box::new(|_, _| {
            std::thread::sleep(Duration::from_secs(3));
            None
        })));
        let started = std::time::Instant::now();
        assert!(!stuck.finish_within(Duration::from_millis(100)));
        assert!(
            started.elapsed() < Duration::from_secs(2),
            "it did not wait for the job"
        );
    }

    #[test]
    fn a_worker_whose_thread_died_refuses_jobs_instead_of_dropping_them() {
        let worker = Worker::spawn((), |_| {});
        assert!(worker.submit(Box::new(|_, _| panic!("a job that fails badly"))));
        // The panic ends the thread; later jobs are refused, not lost silently.
        let mut refused = false;
        for _ in 0..200 {
            if !worker.submit(Box::new(|_, _| None)) {
                refused = true;
                break;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        assert!(refused, "submit says the worker is gone");
    }
}
