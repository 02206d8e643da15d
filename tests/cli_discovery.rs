//! Which dataset a command uses when `--repo` is not given: the one in the
//! git work tree the current folder is in, as git finds its repository,
//! before the config and the default dataset.

mod cli_support;
mod terminal_support;

use cli_support::{Sandbox, actor_files, arg, commits};

const ADA: &str = "Ada Lovelace <ada@example.org>";

#[test]
fn every_command_run_from_a_subfolder_of_a_dataset_repository_uses_that_dataset() {
    let sandbox = Sandbox::new();
    let repo = sandbox.init("group");
    let inside = repo.join("actors/u");
    let before = commits(&repo).len();

    let validate = sandbox.run_in(&inside, &["validate"], &[]);
    assert_eq!(validate.code, 0, "{validate:?}");
    assert!(validate.stdout.starts_with("valid: "), "{validate:?}");

    let set = sandbox.run_in(
        &inside,
        &["set", "france", "blacklist", "Initiated", "--as", ADA],
        &[],
    );
    assert_eq!(set.code, 0, "{set:?}");
    let history = commits(&repo);
    assert_eq!(
        history.len(),
        before + 1,
        "the commit went to the work tree"
    );
    assert_eq!(format!("{}\n", history[0].0), set.stdout);
    assert_eq!(history[0].1, "Ada Lovelace");

    let status = sandbox.run_in(&inside, &["status", "--format", "csv"], &[]);
    assert_eq!(status.code, 0, "{status:?}");
    assert!(status.stdout.contains("France"), "{}", status.stdout);

    assert!(
        !sandbox.default_dataset_exists(),
        "no private copy was created in the data folder"
    );
}

#[test]
fn the_work_tree_comes_after_the_flag_and_the_variable_and_before_the_config() {
    let sandbox = Sandbox::new();
    let here = sandbox.init("here");
    let named = sandbox.init("named");
    let configured = sandbox.init("configured");
    let config = sandbox.path("config.ron");
    std::fs::write(&config, format!("(dataset: {:?})\n", arg(&configured))).expect("config");
    let set_in = |env: &[(&str, &str)], extra: &[&str]| {
        let mut args = vec!["set", "france", "blacklist", "Initiated", "--as", ADA];
        args.extend_from_slice(extra);
        let mut env = env.to_vec();
        env.push(("RECONVENE_CONFIG", arg(&config)));
        let run = sandbox.run_in(&here.join("actors"), &args, &env);
        assert_eq!(run.code, 0, "{run:?}");
    };

    set_in(&[], &[]);
    assert_eq!(commits(&here).len(), 2, "the work tree beats the config");
    assert_eq!(commits(&configured).len(), 1);

    set_in(&[("RECONVENE_REPO", arg(&named))], &[]);
    assert_eq!(
        commits(&named).len(),
        2,
        "RECONVENE_REPO beats the work tree"
    );
    assert_eq!(commits(&here).len(), 2);

    let other = sandbox.init("other");
    set_in(&[("RECONVENE_REPO", arg(&named))], &["--repo", arg(&other)]);
    assert_eq!(commits(&other).len(), 2, "--repo beats everything");
    assert_eq!(commits(&named).len(), 2);
}

#[test]
fn a_git_work_tree_without_a_dataset_leaves_the_choice_to_the_config() {
    let sandbox = Sandbox::new();
    let configured = sandbox.init("configured");
    let notes = sandbox.path("notes");
    std::fs::create_dir_all(notes.join("drafts")).expect("folder");
    git2::Repository::init(&notes).expect("git init");
    let config = sandbox.path("config.ron");
    std::fs::write(&config, format!("(dataset: {:?})\n", arg(&configured))).expect("config");
    let run = sandbox.run_in(
        &notes.join("drafts"),
        &["set", "france", "blacklist", "Initiated", "--as", ADA],
        &[("RECONVENE_CONFIG", arg(&config))],
    );
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(commits(&configured).len(), 2);
    assert!(!sandbox.default_dataset_exists());
}

#[test]
fn a_dataset_in_a_folder_of_a_larger_repository_is_found_from_anywhere_in_it() {
    let sandbox = Sandbox::new();
    let repo = sandbox.path("project");
    std::fs::create_dir_all(repo.join("docs")).expect("folder");
    let data = repo.join("data");
    let init = sandbox.run(&["init", arg(&data)]);
    assert_eq!(init.code, 0, "{init:?}");
    // Make `data` a folder of the larger repository rather than its own.
    std::fs::remove_dir_all(data.join(".git")).expect("remove the inner repository");
    git2::Repository::init(&repo).expect("git init");
    let run = sandbox.run_in(&repo.join("docs"), &["validate"], &[]);
    assert_eq!(run.code, 0, "{run:?}");
    let expected = format!("valid: {} actors", actor_files(&data));
    assert!(run.stdout.starts_with(&expected), "{}", run.stdout);
    assert!(!sandbox.default_dataset_exists());
}

#[test]
fn the_embedded_datasets_source_is_never_picked_up_from_the_folder_one_is_in() {
    // As in a clone of reconvene itself: `data/` is the shipped dataset's
    // source, marked so; a bare command there uses the user's own dataset.
    let sandbox = Sandbox::new();
    let repo = sandbox.path("project");
    let data = repo.join("data");
    let init = sandbox.run(&["init", arg(&data)]);
    assert_eq!(init.code, 0, "{init:?}");
    std::fs::remove_dir_all(data.join(".git")).expect("remove the inner repository");
    git2::Repository::init(&repo).expect("git init");
    std::fs::write(data.join(reconvene::store::SOURCE_MARKER), "the source\n").expect("marker");
    let run = sandbox.run_in(&repo, &["validate"], &[]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(
        sandbox.default_dataset_exists(),
        "the user's own copy was used"
    );
    // On purpose, it opens.
    let run = sandbox.run_in(&repo, &["validate", "--repo", arg(&data)], &[]);
    assert_eq!(run.code, 0, "{run:?}");
    // The marker is the repository's, not the dataset's: it is not
    // compiled in, so no dataset made by `init` carries it.
    assert!(
        reconvene::store::embedded::FILES
            .iter()
            .all(|(path, _)| !path.starts_with('.')),
        "a hidden file was compiled into the shipped dataset"
    );
    let fresh = sandbox.init("fresh");
    assert!(!fresh.join(reconvene::store::SOURCE_MARKER).exists());
    // And this very repository's `data/` is marked.
    let here = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    assert!(here.join(reconvene::store::SOURCE_MARKER).is_file());
}

#[test]
fn git_ceiling_directories_stop_the_search_as_they_stop_git() {
    let sandbox = Sandbox::new();
    let repo = sandbox.init("group");
    let run = sandbox.run_in(
        &repo.join("actors/u"),
        &["validate"],
        &[("GIT_CEILING_DIRECTORIES", arg(&repo.join("actors")))],
    );
    assert_eq!(run.code, 0, "{run:?}");
    assert!(
        sandbox.default_dataset_exists(),
        "above the ceiling nothing is found, so the default dataset is used"
    );
}

#[test]
fn the_dashboard_started_in_a_subfolder_of_a_dataset_repository_shows_that_dataset() {
    if terminal_support::skip_without_tmux() {
        return;
    }
    let sandbox = Sandbox::new();
    let repo = sandbox.init("group");
    // A name only this dataset has, so the screen tells which one is open.
    let file = repo.join("actors/a/australia.ron");
    let text = std::fs::read_to_string(&file).expect("the actor file");
    std::fs::write(
        &file,
        text.replace("\"Australia\"", "\"Aardvark Commonwealth\""),
    )
    .expect("rename the actor");
    let terminal = terminal_support::Terminal::start("discovery", &[]);
    terminal.run(&format!(
        "cd {} && {}; echo exit=$?",
        terminal_support::quoted(&repo.join("actors/u")),
        terminal_support::binary()
    ));
    let screen = terminal.wait_for("overall progress");
    assert!(screen.contains("Aardvark Commonwealth"), "{screen}");
    terminal.press(&["q"]);
    terminal.wait_for("exit=0");
    assert!(
        !terminal.home().join("data/reconvene").exists(),
        "no private copy was created in the data folder"
    );
}
