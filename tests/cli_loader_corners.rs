//! The loader's corners, through the real binary: what `validate` says (and
//! `set` refuses) when the files are not what a dataset is made of. One rule
//! decides what counts as an actor file: a regular file named `<id>.ron`
//! under `actors/`; a link, a folder named like one or a FIFO is refused,
//! saying why, by the loader and by every save alike.

mod cli_support;

use std::os::unix::fs::symlink;
use std::path::Path;

use cli_support::{Run, Sandbox, arg, commits};

const ADA: &str = "Ada Lovelace <ada@example.org>";

fn validate(sandbox: &Sandbox, repo: &Path) -> Run {
    sandbox.run(&["validate", "--repo", arg(repo)])
}

/// Fails unless `validate` exits 1 with `line` among its problems.
fn refuses_with(run: &Run, line: &str) {
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stdout.lines().any(|l| l.starts_with(line)),
        "expected a line starting {line:?}:\n{}",
        run.stdout
    );
}

#[test]
fn actors_as_a_file_is_not_an_empty_dataset() {
    let sandbox = Sandbox::new();
    let repo = sandbox.init("group");
    std::fs::remove_dir_all(repo.join("actors")).expect("remove");
    std::fs::write(repo.join("actors"), "oops").expect("a file");
    refuses_with(
        &validate(&sandbox, &repo),
        "actors:1:1: a regular file, not a folder; actor files live in actors/<letter>/<id>.ron",
    );
}

#[test]
fn links_to_folders_and_link_loops_under_actors_are_refused_not_skipped() {
    let sandbox = Sandbox::new();
    let repo = sandbox.init("group");
    symlink(".", repo.join("actors/loop")).expect("a link to its own folder");
    symlink("self.ron", repo.join("actors/u/self.ron")).expect("a link to itself");
    symlink("../../elsewhere", repo.join("actors/u/gone")).expect("a dangling link");
    let run = validate(&sandbox, &repo);
    refuses_with(&run, "actors/loop:1:1: a symbolic link; ");
    refuses_with(&run, "actors/u/self.ron:1:1: a symbolic link; ");
    assert!(
        !run.stdout.contains("actors/u/gone"),
        "a link leading nowhere, not named like an actor file, is not data: {}",
        run.stdout
    );
    assert_eq!(run.stdout.lines().count(), 2, "{}", run.stdout);
}

#[test]
fn an_actor_file_replaced_by_a_folder_is_reported() {
    let sandbox = Sandbox::new();
    let repo = sandbox.init("group");
    let file = repo.join("actors/f/france.ron");
    std::fs::remove_file(&file).expect("remove");
    std::fs::create_dir_all(file.join("inside")).expect("a folder in its place");
    refuses_with(
        &validate(&sandbox, &repo),
        "actors/f/france.ron:1:1: a folder named like an actor file; an actor file must be a regular file",
    );
}

#[test]
fn a_fifo_or_folder_named_reconvene_ron_is_explained_not_a_missing_dataset() {
    let sandbox = Sandbox::new();
    let repo = sandbox.init("group");
    let manifest = repo.join("reconvene.ron");
    std::fs::remove_file(&manifest).expect("remove");
    std::fs::create_dir(&manifest).expect("a folder");
    refuses_with(
        &validate(&sandbox, &repo),
        "reconvene.ron:1:1: a folder; expected a regular file",
    );
    std::fs::remove_dir(&manifest).expect("remove");
    let made = std::process::Command::new("mkfifo")
        .arg(&manifest)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    // Found from a subfolder too, and answered at once (a FIFO is never opened).
    let run = sandbox.run_in(&repo.join("actors"), &["validate"], &[]);
    refuses_with(
        &run,
        "reconvene.ron:1:1: not a regular file (a FIFO, socket or device); expected a regular file",
    );
}

#[test]
fn a_file_with_cr_only_line_endings_has_its_problems_on_the_right_line() {
    let sandbox = Sandbox::new();
    let repo = sandbox.init("group");
    let path = repo.join("actors/f/france.ron");
    let text = std::fs::read_to_string(&path).expect("the file");
    let broken = text.replacen("kind: Government", "kind: Goverment", 1);
    let line = broken
        .lines()
        .position(|l| l.contains("Goverment"))
        .expect("the typo")
        + 1;
    std::fs::write(&path, broken.replace('\n', "\r")).expect("CR-only");
    let run = validate(&sandbox, &repo);
    refuses_with(
        &run,
        &format!("actors/f/france.ron:{line}:11: unknown actor kind `Goverment`"),
    );
    assert!(line > 1);
}

#[test]
fn a_symlinked_actor_file_is_refused_by_validate_and_set_alike_with_the_same_reason() {
    let sandbox = Sandbox::new();
    let repo = sandbox.init("group");
    let shared = repo.join("shared");
    std::fs::create_dir(&shared).expect("folder");
    std::fs::rename(repo.join("actors/f/france.ron"), shared.join("france.ron")).expect("move");
    symlink("../../shared/france.ron", repo.join("actors/f/france.ron")).expect("link");
    let git = git2::Repository::open(&repo).expect("repository");
    let mut index = git.index().expect("index");
    index
        .add_path(Path::new("actors/f/france.ron"))
        .expect("stage the link");
    index
        .add_path(Path::new("shared/france.ron"))
        .expect("stage the file");
    index.write().expect("index");
    let tree = git
        .find_tree(index.write_tree().expect("tree"))
        .expect("tree");
    let parent = git.head().and_then(|h| h.peel_to_commit()).expect("tip");
    let me = git2::Signature::new("Bo", "bo@example.org", &git2::Time::new(1_700_000_000, 0))
        .expect("signature");
    git.commit(Some("HEAD"), &me, &me, "Share France", &tree, &[&parent])
        .expect("commit");

    let reason = "actors/f/france.ron:1:1: a symbolic link; actor files and their folders must be real files";
    refuses_with(&validate(&sandbox, &repo), reason);
    let set = sandbox.run(&[
        "set",
        "france",
        "blacklist",
        "Initiated",
        "--repo",
        arg(&repo),
        "--as",
        ADA,
    ]);
    assert_eq!(set.code, 1, "{set:?}");
    assert!(set.stderr.contains(reason), "{}", set.stderr);
    assert_eq!(commits(&repo).len(), 2, "nothing committed");
}

#[test]
fn cr_only_files_have_every_kind_of_problem_on_its_own_line() {
    let sandbox = Sandbox::new();
    let repo = sandbox.init("group");
    let path = repo.join("actors/f/france.ron");
    let text = std::fs::read_to_string(&path).expect("the file");
    // A key the recommendations do not know (found by the scanner, not by
    // ron), and bytes that are not UTF-8 in another file.
    let broken = text.replacen("\"blacklist\": (", "\"moon\": (", 1);
    let line = broken
        .lines()
        .position(|l| l.contains("\"moon\""))
        .expect("the key")
        + 1;
    std::fs::write(&path, broken.replace('\n', "\r")).expect("CR-only");
    let other = repo.join("actors/g/germany.ron");
    let mut bytes = std::fs::read_to_string(&other)
        .expect("germany")
        .replace('\n', "\r")
        .into_bytes();
    let at = bytes
        .windows(6)
        .position(|w| w == b"name: ")
        .expect("a name")
        + 7;
    bytes[at] = 0xff;
    std::fs::write(&other, bytes).expect("not UTF-8");
    let run = validate(&sandbox, &repo);
    refuses_with(&run, &format!("actors/f/france.ron:{line}:9: "));
    refuses_with(&run, "actors/g/germany.ron:4:12: not valid UTF-8");
}
