//! The fuzzers' regression corpus: every input a fuzzer ever broke sevdrill
//! with (`tests/fuzz-corpus/TARGET/`), and the seed corpus itself, goes
//! through its reader again — and must finish, promptly, without a panic.

use sevdrill::fuzz::{Depth, Target};
use std::time::Duration;

/// Runs `target` on `input` on its own thread; past `limit` it is a hang.
fn finishes(target: Target, name: &str, input: Vec<u8>, limit: Duration) -> Depth {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(target.run(&input));
    });
    match rx.recv_timeout(limit) {
        Ok(depth) => depth,
        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => panic!("{}: {name} hung", target.name()),
        Err(_) => panic!("{}: {name} panicked", target.name()),
    }
}

#[test]
fn every_regression_input_is_handled() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-corpus");
    let mut total = 0;
    for target in Target::ALL {
        let Ok(dir) = std::fs::read_dir(root.join(target.name())) else { continue };
        for file in dir.filter_map(|e| e.ok().map(|e| e.path())) {
            let name = file.display().to_string();
            finishes(target, &name, std::fs::read(&file).unwrap(), Duration::from_secs(30));
            total += 1;
        }
    }
    assert!(total > 0, "the regression corpus is empty");
}

#[test]
fn every_seed_is_read_and_played_through() {
    for target in Target::ALL {
        let seeds = target.seeds();
        assert!(seeds.len() >= 12, "{}: {} seeds", target.name(), seeds.len());
        for (i, seed) in seeds.into_iter().enumerate() {
            let depth = finishes(target, &format!("seed {i}"), seed, Duration::from_secs(30));
            // The shipped files are valid: each one goes all the way.
            assert_eq!(depth, Depth::Played, "{} seed {i}", target.name());
        }
    }
}
