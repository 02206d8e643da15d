# The README's commands, for those who have just.

# Open the TUI on the default dataset (created on first run).
run *ARGS:
    cargo run --release -- {{ARGS}}

# The test suite, as CI runs it.
test:
    cargo test

# Benchmarks: load, render and save at the M and L sizes.
bench:
    cargo bench

# Formatting and lints, as CI runs them.
lint:
    cargo fmt --check
    cargo clippy --all-targets -- -D warnings

# Everything CI does.
ci:
    bash .ci/run
