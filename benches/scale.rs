//! The speed targets of PRODUCT.md, measured at the M (1,200 actors, 2,000
//! commits) and L (12,000 actors, 20,000 commits) sizes on synthetic
//! repositories built once per run.
//!
//! `cargo bench` reports medians; the sizes run side by side in one run so
//! their ratio is meaningful on a shared machine.

use std::path::{Path, PathBuf};

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use reconvene::store::{self, synth};

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

criterion_group!(benches, load);
criterion_main!(benches);
