//! `reconvene init DIR [--empty]`: a new repository holding the shipped dataset.

use std::path::Path;
use std::process::ExitCode;

use anyhow::bail;

use super::args::InitArgs;
use super::output;
use crate::store::identity::Identity;
use crate::store::{StoreError, init_repository};

/// Runs `init`: refuses a folder that holds anything (exit 2, untouched),
/// otherwise creates the repository with one commit authored by the tool
/// (an import, not anyone's edit) and prints where and which commit.
pub fn run(args: &InitArgs) -> anyhow::Result<ExitCode> {
    refuse_occupied(&args.dir)?;
    let commit = init_repository(&args.dir, args.empty, &Identity::tool())?;
    let shown = std::path::absolute(&args.dir).unwrap_or_else(|_| args.dir.clone());
    let what = if args.empty {
        "an empty dataset (manifest and recommendations)"
    } else {
        "the shipped dataset"
    };
    output::stdout(&format!(
        "Created {what} at {}\ncommit {commit}\n",
        shown.display()
    ))?;
    Ok(ExitCode::SUCCESS)
}

/// Checks before anything is written, so a refused folder is left exactly
/// as it was whatever the store would do.
fn refuse_occupied(dir: &Path) -> anyhow::Result<()> {
    match std::fs::read_dir(dir) {
        Ok(mut entries) => {
            if entries.next().is_some() {
                return Err(StoreError::NotEmpty(dir.to_path_buf()).into());
            }
            Ok(())
        }
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(_) if dir.exists() && !dir.is_dir() => {
            bail!("{}: not a folder; refusing to overwrite it", dir.display())
        }
        Err(source) => Err(StoreError::Io {
            path: dir.to_path_buf(),
            source,
        }
        .into()),
    }
}
