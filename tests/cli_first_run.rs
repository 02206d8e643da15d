//! A fresh machine: no dataset anywhere, no config, no identity.

mod cli_support;

use cli_support::{Sandbox, arg, commits};

#[test]
fn the_first_command_creates_the_default_dataset_and_says_where() {
    let sandbox = Sandbox::new();
    let expected = sandbox.data_home().join("reconvene").join("dataset");
    let run = sandbox.run(&["validate"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.starts_with("valid: "), "{}", run.stdout);
    assert_eq!(
        run.stderr,
        format!(
            "Created the shipped dataset at {} (a git repository)\n",
            expected.display()
        )
    );
    // A real repository whose one commit imports the data as the tool.
    let history = commits(&expected);
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].1, "reconvene");
    assert_eq!(history[0].2, "reconvene@localhost");

    // The second run finds it and says nothing.
    let again = sandbox.run(&["status", "--format", "csv"]);
    assert_eq!(again.code, 0, "{again:?}");
    assert_eq!(again.stderr, "");
}

#[test]
fn the_config_names_the_dataset_when_no_flag_or_variable_does() {
    let sandbox = Sandbox::new();
    let dir = sandbox.init("group");
    let config_dir = sandbox.config_home().join("reconvene");
    std::fs::create_dir_all(&config_dir).expect("mkdir");
    std::fs::write(
        config_dir.join("config.ron"),
        format!("(dataset: {:?})\n", arg(&dir)),
    )
    .expect("write");
    let run = sandbox.run(&["validate"]);
    assert_eq!(run.code, 0, "{run:?}");
    // The config's dataset was used: no default one was created.
    assert_eq!(run.stderr, "");
    assert!(!sandbox.data_home().join("reconvene").exists());
}
