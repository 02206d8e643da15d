//! The shipped dataset, compiled into the binary so it works anywhere.
//!
//! `build.rs` lists every file under `data/`; an empty or missing `data/`
//! gives an empty list.

/// Every file of `data/`, as (path relative to the dataset folder, text),
/// sorted by path.
pub static FILES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/embedded_files.rs"));

#[cfg(test)]
mod tests {
    #[test]
    fn paths_are_relative_sorted_and_use_slashes() {
        let paths: Vec<&str> = super::FILES.iter().map(|(path, _)| *path).collect();
        let mut sorted = paths.clone();
        sorted.sort();
        assert_eq!(paths, sorted);
        for path in paths {
            assert!(!path.starts_with('/') && !path.contains('\\'), "{path}");
        }
    }
}
