//! Synthetic datasets for benchmarks: many actors, a long history, in a real
//! git repository laid out exactly like a real dataset.

use std::collections::BTreeMap;
use std::path::Path;

use git2::{Repository, Signature};

use crate::model::{Actor, ActorKind, Commitment, Evidence, PartialDate, Provenance, Status};

use crate::model::{Manifest, Recommendation};
use crate::store::identity::Identity;
use crate::store::{StoreError, manifest_to_ron, parse_file, recommendations_to_ron};

/// A small deterministic generator (xorshift64*): benchmarks must see the
/// same dataset for the same seed on every machine.
struct Dice(u64);

impl Dice {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// What `synth` made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SynthSummary {
    /// Actor files written.
    pub actors: usize,
    /// Commits on the branch.
    pub commits: usize,
}

/// Creates a git repository at `dir` with the shipped manifest and
/// recommendations, `actors` synthetic actors (one initial commit), then
/// `history` further commits each changing one commitment, the way
/// coordinators' edits would, and packs it with git when git is installed.
/// `progress` is called with (done, total).
pub fn synthesize(
    dir: &Path,
    actors: usize,
    history: usize,
    seed: u64,
    mut progress: impl FnMut(usize, usize),
) -> Result<SynthSummary, StoreError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| StoreError::Io { path, source }
    };
    if dir.exists() && std::fs::read_dir(dir).map_err(io(dir))?.next().is_some() {
        return Err(StoreError::NotEmpty(dir.to_path_buf()));
    }
    let (manifest, recommendations) = shipped_frame()?;
    let repo = Repository::init(dir)?;
    repo.set_head("refs/heads/main")?;
    let odb = repo.odb()?;
    let tool = Identity::tool();
    let signature =
        |seconds: i64| Signature::new(&tool.name, &tool.email, &git2::Time::new(seconds, 0));

    let mut dice = Dice(seed.max(1));
    let mut roster: Vec<Actor> = (0..actors)
        .map(|n| synthetic_actor(n, &recommendations, &mut dice))
        .collect();

    // The first commit, built straight into the object database: going
    // through the index for 12,000 files would cost more than the files.
    let mut root = repo.treebuilder(None)?;
    let manifest_blob = odb.write(
        git2::ObjectType::Blob,
        manifest_to_ron(&manifest).as_bytes(),
    )?;
    let recommendations_blob = odb.write(
        git2::ObjectType::Blob,
        recommendations_to_ron(&recommendations).as_bytes(),
    )?;
    root.insert("reconvene.ron", manifest_blob, 0o100644)?;
    root.insert("recommendations.ron", recommendations_blob, 0o100644)?;
    let mut letters: BTreeMap<char, git2::TreeBuilder<'_>> = BTreeMap::new();
    for (n, actor) in roster.iter().enumerate() {
        let blob = odb.write(
            git2::ObjectType::Blob,
            crate::store::actor_to_ron(actor).as_bytes(),
        )?;
        let letter = actor.id.chars().next().unwrap_or('_');
        let builder = match letters.entry(letter) {
            std::collections::btree_map::Entry::Occupied(entry) => entry.into_mut(),
            std::collections::btree_map::Entry::Vacant(entry) => {
                entry.insert(repo.treebuilder(None)?)
            }
        };
        builder.insert(format!("{}.ron", actor.id), blob, 0o100644)?;
        if n % 500 == 0 {
            progress(n, actors + history);
        }
    }
    let mut actors_tree = repo.treebuilder(None)?;
    for (letter, builder) in letters {
        actors_tree.insert(letter.to_string(), builder.write()?, 0o040000)?;
    }
    root.insert("actors", actors_tree.write()?, 0o040000)?;
    let mut tree = repo.find_tree(root.write()?)?;
    let start = 1_700_000_000;
    let first = signature(start)?;
    let mut tip = repo.commit(
        Some("HEAD"),
        &first,
        &first,
        "Import a synthetic dataset",
        &tree,
        &[],
    )?;

    for n in 0..history {
        let who = dice.below(roster.len().max(1));
        let Some(actor) = roster.get_mut(who) else {
            break;
        };
        let rec = &recommendations[dice.below(recommendations.len())];
        let status = Status::ALL[dice.below(Status::ALL.len())];
        let commitment = actor.commitments.entry(rec.id.clone()).or_default();
        commitment.status = status;
        commitment.note = format!("Reviewed in round {n}.");
        let blob = odb.write(
            git2::ObjectType::Blob,
            crate::store::actor_to_ron(actor).as_bytes(),
        )?;
        let mut update = git2::build::TreeUpdateBuilder::new();
        update.upsert(Actor::path_for(&actor.id), blob, git2::FileMode::Blob);
        tree = repo.find_tree(update.create_updated(&repo, &tree)?)?;
        let parent = repo.find_commit(tip)?;
        let when = signature(start + 3600 * (n as i64 + 1))?;
        let message = format!(
            "{} · {}: {}\n\nActor: {}\nRecommendation: {}\n",
            actor.name, rec.id, status, actor.id, rec.id
        );
        tip = repo.commit(Some("HEAD"), &when, &when, &message, &tree, &[&parent])?;
        if n % 500 == 0 {
            progress(actors + n, actors + history);
        }
    }
    repo.checkout_head(Some(git2::build::CheckoutBuilder::new().force()))?;
    pack(dir);
    progress(actors + history, actors + history);
    Ok(SynthSummary {
        actors: roster.len(),
        commits: history + 1,
    })
}

/// Packs the new repository with the user's git, as the tool keeps a real
/// one packed after its commits (libgit2 writes every object loose, and
/// git's own path-limited log is some twenty times slower on 100,000 loose
/// objects): benchmarks then compare against git on a repository as users
/// have it. Without git the repository stays loose, slower but valid.
fn pack(dir: &Path) {
    let _ = std::process::Command::new("git")
        .args(["gc", "--quiet"])
        .current_dir(dir)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status();
}

/// The shipped manifest and recommendations, so synthetic data looks real.
fn shipped_frame() -> Result<(Manifest, Vec<Recommendation>), StoreError> {
    let file = |name: &str| {
        crate::store::embedded::FILES
            .iter()
            .find(|(path, _)| *path == name)
            .map(|(_, text)| *text)
            .ok_or_else(|| StoreError::NoDataset(name.into()))
    };
    let invalid =
        |problems: crate::store::Problems| StoreError::NoDataset(problems.to_string().into());
    let manifest =
        parse_file("reconvene.ron", file("reconvene.ron")?.as_bytes()).map_err(invalid)?;
    let recommendations = parse_file(
        "recommendations.ron",
        file("recommendations.ron")?.as_bytes(),
    )
    .map_err(invalid)?;
    Ok((manifest, recommendations))
}

const SYLLABLES: [&str; 16] = [
    "al", "bor", "cen", "dra", "el", "fin", "gor", "hal", "is", "jun", "kel", "lor", "mar", "nor",
    "os", "per",
];

fn synthetic_actor(n: usize, recommendations: &[Recommendation], dice: &mut Dice) -> Actor {
    let kind = ActorKind::ALL[dice.below(ActorKind::ALL.len())];
    let mut word = String::new();
    for _ in 0..2 + dice.below(2) {
        word.push_str(SYLLABLES[dice.below(SYLLABLES.len())]);
    }
    let id = format!("{word}-{n}");
    let mut name: Vec<char> = word.chars().collect();
    if let Some(first) = name.first_mut() {
        *first = first.to_ascii_uppercase();
    }
    let name = format!("{} {n}", name.into_iter().collect::<String>());
    let mut commitments = BTreeMap::new();
    for rec in recommendations {
        if !rec.is_addressed_to(kind.stakeholder()) || dice.below(3) == 0 {
            continue;
        }
        let status = Status::ALL[dice.below(Status::ALL.len())];
        let evidence = (0..dice.below(3))
            .map(|e| Evidence {
                title: format!("Statement {e} of {name} on {}", rec.title),
                source: name.clone(),
                date: PartialDate::parse(&format!(
                    "20{:02}-{:02}",
                    20 + dice.below(6),
                    1 + dice.below(12)
                ))
                .ok(),
                url: None,
                provenance: if dice.below(2) == 0 {
                    Provenance::SelfReported
                } else {
                    Provenance::Independent
                },
                supports: status,
            })
            .collect();
        let note = format!(
            "Synthetic commitment of {name} on {}: graded {}.",
            rec.id,
            status.label()
        );
        commitments.insert(
            rec.id.clone(),
            Commitment {
                status,
                evidence,
                note,
                assessed: None,
            },
        );
    }
    Actor {
        id,
        name,
        aliases: Vec::new(),
        kind,
        country: None,
        role: None,
        commitments,
    }
}
