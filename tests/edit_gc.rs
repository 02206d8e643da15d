//! A repository written only through saves ends up packed: after a save,
//! git's own `gc --auto` is started in the background when git says it is
//! due (here, with the repository's own `gc.auto` set low).

mod edit_support;

use std::path::Path;
use std::time::{Duration, Instant};

use edit_support::*;
use reconvene::model::Commitment;
use reconvene::store::edit::save_applied;

fn loose_objects(objects: &Path) -> usize {
    std::fs::read_dir(objects)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().len() == 2)
        .map(|e| std::fs::read_dir(e.path()).map_or(0, |files| files.count()))
        .sum()
}

fn packs(objects: &Path) -> usize {
    std::fs::read_dir(objects.join("pack")).map_or(0, |files| {
        files
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().ends_with(".pack"))
            .count()
    })
}

#[test]
fn many_saves_leave_the_repository_packed_by_gits_own_gc() {
    let (_dir, location) = fixture();
    let git_dir = location.repo_root.join(".git");
    let objects = git_dir.join("objects");
    repo(&location)
        .config()
        .unwrap()
        .set_i64("gc.auto", 1)
        .unwrap();
    assert_eq!(packs(&objects), 0);
    let mut saves = 0;
    while packs(&objects) == 0 && saves < 2000 {
        let note = format!("save {saves}");
        save_applied(
            &location,
            &alice(),
            "france",
            "oversight",
            "",
            None,
            |theirs| Commitment {
                note: note.clone(),
                ..theirs.cloned().unwrap_or_default()
            },
        )
        .unwrap();
        saves += 1;
        if saves % 50 == 0 {
            // git packs in the background; give it a moment now and then.
            std::thread::sleep(Duration::from_millis(200));
        }
    }
    let deadline = Instant::now() + Duration::from_secs(60);
    while (git_dir.join("gc.pid").exists() || packs(&objects) == 0) && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(packs(&objects) > 0, "no pack after {saves} saves");
    let loose = loose_objects(&objects);
    assert!(
        loose < saves * 3,
        "{loose} loose objects left after {saves} saves: not packed"
    );
    git(&location.repo_root, &["fsck", "--no-dangling"]);
    assert_eq!(
        git(&location.repo_root, &["status", "--porcelain"]),
        "",
        "gc beside the saves left the work tree dirty"
    );
}
