//! The speed targets of PRODUCT.md, measured at the M (1,200 actors, 2,000
//! commits) and L (12,000 actors, 20,000 commits) sizes on synthetic
//! repositories built once per run.
//!
//! `cargo bench` reports medians; the sizes run side by side in one run so
//! their ratio is meaningful on a shared machine.

use std::path::{Path, PathBuf};

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use reconvene::model::{Commitment, Status};
use reconvene::store::edit::{self, Edit};
use reconvene::store::identity::Identity;
use reconvene::store::{self, DatasetLocation, synth};

struct Size {
    name: &'static str,
    actors: usize,
    history: usize,
}

const SIZES: [Size; 2] = [
    Size {
        name: "M",
        actors: 1_200,
        history: 2_000,
    },
    Size {
        name: "L",
        actors: 12_000,
        history: 20_000,
    },
];

/// Builds (or reuses, across bench functions in one run) the repository for a size.
fn repository(size: &Size) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "reconvene-bench-{}-{}-{}",
        size.name, size.actors, size.history
    ));
    if !dir.join("reconvene.ron").exists() {
        let _ = std::fs::remove_dir_all(&dir);
        eprintln!(
            "building the {} repository at {} ...",
            size.name,
            dir.display()
        );
        if let Err(error) = synth::synthesize(&dir, size.actors, size.history, 7, |_, _| {}) {
            panic!("cannot build the benchmark repository: {error}");
        }
    }
    dir
}

fn load(c: &mut Criterion) {
    let mut group = c.benchmark_group("load_and_validate");
    group.sample_size(10);
    for size in &SIZES {
        let dir = repository(size);
        group.bench_with_input(
            BenchmarkId::from_parameter(size.name),
            &dir,
            |b, dir: &PathBuf| b.iter(|| load_ok(dir)),
        );
    }
    group.finish();
}

fn load_ok(dir: &Path) -> usize {
    match store::load_dataset(dir) {
        Ok(dataset) => dataset.actors.len(),
        Err(problems) => panic!("synthetic dataset is invalid:\n{problems}"),
    }
}

/// Saving one edit: lock, read the tip's actor, one blob, one tree path,
/// one commit, the working-tree file. Must not grow with the dataset.
fn save(c: &mut Criterion) {
    let mut group = c.benchmark_group("save_one_edit");
    group.sample_size(20);
    let author = match Identity::new("Bench Coordinator", "bench@example.org") {
        Ok(author) => author,
        Err(reason) => panic!("{reason}"),
    };
    for size in &SIZES {
        let dir = repository(size);
        let location = DatasetLocation {
            repo_root: dir.clone(),
            dataset_dir: dir.clone(),
        };
        let loaded = match edit::load_actor(&location, &first_actor(&dir)) {
            Ok(loaded) => loaded,
            Err(error) => panic!("{error}"),
        };
        let actor = loaded.actor.id.clone();
        let recommendation = "blacklist".to_string();
        let mut current = loaded.actor.commitment(&recommendation).cloned();
        let mut round = 0usize;
        group.bench_function(BenchmarkId::from_parameter(size.name), |b| {
            b.iter(|| {
                round += 1;
                let status = if round.is_multiple_of(2) {
                    Status::Initiated
                } else {
                    Status::Implemented
                };
                let new = Commitment {
                    status,
                    note: format!("Benchmark round {round}."),
                    ..current.clone().unwrap_or_default()
                };
                let change = Edit {
                    actor: actor.clone(),
                    recommendation: recommendation.clone(),
                    base: current.clone(),
                    new: new.clone(),
                    message: String::new(),
                    loaded_from: None,
                };
                if let Err(error) = edit::save(&location, &author, &change) {
                    panic!("save failed: {error}");
                }
                current = Some(new);
            })
        });
    }
    group.finish();
}

/// The id of some actor in a synthetic repository (the first file found).
fn first_actor(dir: &Path) -> String {
    let letters = std::fs::read_dir(dir.join("actors"))
        .into_iter()
        .flatten()
        .flatten();
    for letter in letters {
        let files = std::fs::read_dir(letter.path())
            .into_iter()
            .flatten()
            .flatten();
        if let Some(stem) = files
            .map(|file| file.path())
            .find_map(|path| path.file_stem().and_then(|s| s.to_str()).map(String::from))
        {
            return stem;
        }
    }
    panic!("no actor in {}", dir.display())
}

/// A keystroke to its frame: `update` with a motion, then drawing the 80×24
/// dashboard, as the runner does. Only the visible rows may cost anything.
fn keystroke(c: &mut Criterion) {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use reconvene::app::{Action, KeyMap, State, update};

    let mut group = c.benchmark_group("keystroke_to_frame");
    for size in &SIZES {
        let dir = repository(size);
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default();
        let mut state = State::new(store::load_dataset(&dir), today, KeyMap::default());
        update(&mut state, Action::Resize(80, 24));
        let mut terminal = match Terminal::new(TestBackend::new(80, 24)) {
            Ok(terminal) => terminal,
            Err(error) => panic!("{error}"),
        };
        if size.name == "L" {
            report_peak_memory("after loading L and building its board");
        }
        // A recommendation's view lists every actor it grades: moving its
        // selection must cost a screenful too.
        let mut listing = state.clone();
        update(&mut listing, Action::OpenRecommendation);
        let mut listing_down = true;
        group.bench_function(BenchmarkId::new("recommendation", size.name), |b| {
            b.iter(|| {
                let selected = listing.recommendation.selected;
                if selected > 2_000 {
                    listing_down = false;
                } else if selected < 2 {
                    listing_down = true;
                }
                let motion = if listing_down {
                    Action::Down
                } else {
                    Action::Up
                };
                update(&mut listing, motion);
                if let Err(error) = terminal.draw(|frame| reconvene::ui::render(&listing, frame)) {
                    panic!("{error}");
                }
            })
        });
        let mut down = true;
        group.bench_function(BenchmarkId::from_parameter(size.name), |b| {
            b.iter(|| {
                // Walk down and back so the selection keeps moving.
                if state.dashboard.selected + 2 >= state.data().map_or(0, |d| d.rows.len()) {
                    down = false;
                } else if state.dashboard.selected < 2 {
                    down = true;
                }
                update(&mut state, if down { Action::Down } else { Action::Up });
                if let Err(error) = terminal.draw(|frame| reconvene::ui::render(&state, frame)) {
                    panic!("{error}");
                }
            })
        });
    }
    group.finish();
}

/// The second clock: one commitment's timeline against git's own
/// path-limited log of that actor's file (timed side by side, their ratio
/// printed), the first page of the history, one commit's field-level
/// changes, the dataset as recorded at an old commit (with the present one
/// in hand, and cold), and the record's activity the first time (no index)
/// and after.
fn history(c: &mut Criterion) {
    use std::ops::ControlFlow;

    use criterion::{BatchSize, SamplingMode};
    use reconvene::store::history::{History, LogQuery};

    let mut group = c.benchmark_group("history");
    group.sample_size(10);
    // Each run of the slow ones is long enough alone: no more than ten.
    group.sampling_mode(SamplingMode::Flat);
    for size in &SIZES {
        let dir = repository(size);
        let location = DatasetLocation {
            repo_root: dir.clone(),
            dataset_dir: dir.clone(),
        };
        let open = || match History::open(&location) {
            Ok(history) => history,
            Err(error) => panic!("{error}"),
        };
        let index_file = dir.join(".git/reconvene/history-index");
        let build_index = || {
            let started = std::time::Instant::now();
            if let Err(error) = open().activity(&mut |_| {}) {
                panic!("{error}");
            }
            started.elapsed()
        };
        let _ = std::fs::remove_file(&index_file);
        eprintln!(
            "history index of {} built in {:.0} ms",
            size.name,
            build_index().as_secs_f64() * 1000.0
        );
        let actor = first_actor(&dir);
        let file = format!("actors/{}/{actor}.ron", actor.chars().next().unwrap_or('_'));
        let git_log = || {
            let output = std::process::Command::new("git")
                .args(["log", "--format=%H", "--", &file])
                .current_dir(&dir)
                .output();
            match output {
                Ok(output) if output.status.success() => output.stdout.len(),
                other => panic!("git log failed: {other:?}"),
            }
        };
        let timeline = LogQuery {
            actor: Some(actor.clone()),
            recommendation: Some("blacklist".into()),
            ..LogQuery::default()
        };
        // A fresh History, as a new question would have: only the index on
        // disk is shared between runs.
        let timeline_of_one_commitment = || {
            let mut entries = 0;
            if let Err(error) = open().walk(&timeline, |_| {
                entries += 1;
                ControlFlow::Continue(())
            }) {
                panic!("{error}");
            }
            entries
        };
        let (ours, gits) = side_by_side(15, timeline_of_one_commitment, git_log);
        eprintln!(
            "timeline of one commitment at {}: median {:.1} ms; `git log -- {file}`: \
             median {:.1} ms; ratio {:.2} (15 rounds, alternated)",
            size.name,
            ours.as_secs_f64() * 1000.0,
            gits.as_secs_f64() * 1000.0,
            ours.as_secs_f64() / gits.as_secs_f64().max(f64::MIN_POSITIVE)
        );
        group.bench_function(BenchmarkId::new("git_log_of_one_file", size.name), |b| {
            b.iter(git_log)
        });
        group.bench_function(
            BenchmarkId::new("timeline_of_one_commitment", size.name),
            |b| b.iter(timeline_of_one_commitment),
        );
        group.bench_function(BenchmarkId::new("first_page_of_history", size.name), |b| {
            b.iter(|| {
                let mut page = 0;
                if let Err(error) = open().walk(&LogQuery::default(), |_| {
                    page += 1;
                    if page == 50 {
                        ControlFlow::Break(())
                    } else {
                        ControlFlow::Continue(())
                    }
                }) {
                    panic!("{error}");
                }
                page
            })
        });
        let history = open();
        let tip = match history.tip() {
            Ok(tip) => tip,
            Err(error) => panic!("{error}"),
        };
        group.bench_function(BenchmarkId::new("changes_of_one_commit", size.name), |b| {
            b.iter(|| match open().commit(tip) {
                Ok(commit) => commit.changes.len(),
                Err(error) => panic!("{error}"),
            })
        });
        let halfway = match history.resolve(&format!("HEAD~{}", size.history / 2)) {
            Ok(commit) => commit,
            Err(error) => panic!("{error}"),
        };
        let recorded_at = |history: &mut History, commit| match history.dataset_at(commit) {
            Ok(recorded) => recorded.dataset.actors.len(),
            Err(error) => panic!("{error}"),
        };
        // As a view would: the present is in hand, and the past costs the
        // actor files that differ (about half of them, halfway back).
        group.bench_function(BenchmarkId::new("dataset_as_recorded", size.name), |b| {
            b.iter_batched(
                || {
                    let mut history = open();
                    recorded_at(&mut history, tip);
                    history
                },
                |mut history| recorded_at(&mut history, halfway),
                BatchSize::PerIteration,
            )
        });
        group.bench_function(
            BenchmarkId::new("dataset_as_recorded_cold", size.name),
            |b| b.iter(|| recorded_at(&mut open(), halfway)),
        );
        group.bench_function(
            BenchmarkId::new("record_activity_first_time", size.name),
            |b| {
                b.iter_batched(
                    || {
                        let _ = std::fs::remove_file(&index_file);
                    },
                    |()| match open().activity(&mut |_| {}) {
                        Ok(activity) => activity.total(),
                        Err(error) => panic!("{error}"),
                    },
                    BatchSize::PerIteration,
                )
            },
        );
        group.bench_function(BenchmarkId::new("record_activity", size.name), |b| {
            b.iter(|| match open().activity(&mut |_| {}) {
                Ok(activity) => activity.total(),
                Err(error) => panic!("{error}"),
            })
        });
    }
    group.finish();
}

/// Runs `ours` and `theirs` alternately `rounds` times, so that a noisy
/// machine slows both alike; their median times.
fn side_by_side<A, B>(
    rounds: usize,
    mut ours: impl FnMut() -> A,
    mut theirs: impl FnMut() -> B,
) -> (std::time::Duration, std::time::Duration) {
    let mut times = (Vec::with_capacity(rounds), Vec::with_capacity(rounds));
    for _ in 0..rounds {
        let started = std::time::Instant::now();
        std::hint::black_box(ours());
        times.0.push(started.elapsed());
        let started = std::time::Instant::now();
        std::hint::black_box(theirs());
        times.1.push(started.elapsed());
    }
    let median = |mut times: Vec<std::time::Duration>| {
        times.sort();
        times.get(times.len() / 2).copied().unwrap_or_default()
    };
    (median(times.0), median(times.1))
}

/// Prints the process's peak resident memory (Linux), for the 150 MB target.
fn report_peak_memory(when: &str) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    if let Some(line) = status.lines().find(|l| l.starts_with("VmHWM:")) {
        eprintln!(
            "peak memory {when}: {}",
            line.trim_start_matches("VmHWM:").trim()
        );
    }
}

/// The first clock needs no git walk: the dashboard as of a date (every
/// cell graded from its evidence then) and progress over time (one sweep
/// over the evidence dates) are each ≤ 50 ms at L. The date is the middle
/// of the evidence's span, where as many items fall before as after.
fn first_clock(c: &mut Criterion) {
    let mut group = c.benchmark_group("first_clock");
    group.sample_size(20);
    for size in &SIZES {
        let dataset = match store::load_dataset(&repository(size)) {
            Ok(dataset) => dataset,
            Err(problems) => panic!("synthetic dataset is invalid:\n{problems}"),
        };
        let mut dates: Vec<chrono::NaiveDate> = dataset
            .actors
            .iter()
            .flat_map(|a| a.commitments.values())
            .flat_map(|c| c.evidence.iter().filter_map(|e| e.date.map(|d| d.latest())))
            .collect();
        dates.sort();
        let (Some(middle), Some(last)) =
            (dates.get(dates.len() / 2).copied(), dates.last().copied())
        else {
            panic!(
                "the synthetic dataset at {} has no dated evidence",
                size.name
            );
        };
        eprintln!(
            "{}: {} dated evidence items; as of {middle}, over time until {last}",
            size.name,
            dates.len()
        );
        group.bench_function(BenchmarkId::new("dashboard_as_of", size.name), |b| {
            b.iter(|| dataset.as_of(middle).overall_progress().percent())
        });
        group.bench_function(BenchmarkId::new("progress_over_time", size.name), |b| {
            b.iter(|| dataset.progress_over_time(last).points.len())
        });
        group.bench_function(BenchmarkId::new("moves_between", size.name), |b| {
            b.iter(|| dataset.moves_between(middle, last).len())
        });
    }
    group.finish();
}

/// The full HTML report (PRODUCT.md: at most 2 s at L), as `reconvene
/// report --format html` makes it: the record read at the tip, the period
/// from the reconvening (or the blueprint) to a fixed day, the record's
/// commits in it, and the HTML written out in memory.
fn report(c: &mut Criterion) {
    use reconvene::cli::args::ReportFormat;
    use reconvene::cli::report::{Request, build, render};

    let mut group = c.benchmark_group("report");
    group.sample_size(10);
    let request = Request {
        as_of: Some("2026-12-01".into()),
        since: None,
        recorded: None,
        today: chrono::NaiveDate::MIN,
        stale_days: reconvene::report::DEFAULT_STALE_DAYS,
        max_commits: reconvene::cli::report::MAX_COMMITS,
    };
    for size in &SIZES {
        let dir = repository(size);
        let location = DatasetLocation {
            repo_root: dir.clone(),
            dataset_dir: dir,
        };
        group.bench_function(BenchmarkId::new("full_html_report", size.name), |b| {
            b.iter(|| {
                let report = match build(&location, &request) {
                    Ok(report) => report,
                    Err(refusal) => panic!("{refusal:?}"),
                };
                match render(&report, ReportFormat::Html) {
                    Ok(html) => html.len(),
                    Err(error) => panic!("{error}"),
                }
            })
        });
    }
    group.finish();
}

criterion_group!(benches, load, save, keystroke, history, first_clock, report);
criterion_main!(benches);
