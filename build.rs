//! Compiles the shipped dataset (`data/`) into the binary: every file under
//! it, sorted, as (relative path with `/`, text) pairs in `embedded::FILES`.

use std::fs;
use std::path::{Path, PathBuf};

fn collect(dir: &Path, relative: &str, files: &mut Vec<(String, PathBuf)>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        // Hidden files (the marker saying this folder is the embedded
        // dataset's source) are the repository's, not the dataset's.
        if name.starts_with('.') {
            continue;
        }
        let child = if relative.is_empty() {
            name
        } else {
            format!("{relative}/{name}")
        };
        let path = entry.path();
        if path.is_dir() {
            collect(&path, &child, files);
        } else if path.is_file() {
            files.push((child, path));
        }
    }
}

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=data");
    let manifest_dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let data = manifest_dir.join("data");
    let mut files = Vec::new();
    collect(&data, "", &mut files);
    files.sort();
    let mut code = String::from("&[\n");
    for (relative, path) in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let absolute = path.canonicalize().unwrap_or_else(|_| path.clone());
        code.push_str(&format!(
            "    ({:?}, include_str!({:?})),\n",
            relative,
            absolute.to_string_lossy()
        ));
    }
    code.push_str("]\n");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
    if let Err(error) = fs::write(out.join("embedded_files.rs"), code) {
        panic!("cannot write the embedded dataset list: {error}");
    }
}
