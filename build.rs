//! Builds the shipped scenario library into the binary: every
//! `scenarios/*.ron` and `scenarios/scripts/*.ron` becomes an entry of
//! `built_in.rs` in OUT_DIR, read with `include_str!`, so sevdrill lists
//! and plays them wherever it runs.

use std::fmt::Write;
use std::path::Path;

fn ron_files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .filter(|e| e.path().is_file() && e.path().extension().is_some_and(|x| x == "ron"))
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

fn main() {
    println!("cargo:rerun-if-changed=scenarios");
    println!("cargo:rerun-if-changed=scenarios/scripts");
    let mut out = String::new();
    for (name, dir, prefix) in [("SCENARIOS", "scenarios", ""), ("SCRIPTS", "scenarios/scripts", "scripts/")]
    {
        let _ = writeln!(out, "pub static {name}: &[(&str, &str)] = &[");
        for file in ron_files(Path::new(dir)) {
            println!("cargo:rerun-if-changed={dir}/{file}");
            let _ = writeln!(
                out,
                "    (\"{prefix}{file}\", include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/{dir}/{file}\"))),"
            );
        }
        let _ = writeln!(out, "];");
    }
    let dest = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("built_in.rs");
    std::fs::write(dest, out).expect("OUT_DIR is writable");
}
