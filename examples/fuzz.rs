//! A mutation fuzzer for sevdrill's readers that runs on the stable
//! toolchain: it mutates the shipped files (and the regression corpus in
//! `tests/fuzz-corpus`) with a seeded generator, feeds each mutant to a
//! target of `sevdrill::fuzz`, and stops with the input saved when one
//! panics, runs longer than a limit or allocates past a limit.
//!
//!   cargo run --release --no-default-features --example fuzz -- TARGET|all \
//!       [--secs 60] [--seed 1] [--max-input-ms 2000] [--max-mb 2048] [--findings DIR]
//!
//! A crash that kills the process outright (a stack overflow) cannot be
//! saved as it happens; rerun the same command with `--keep-current FILE`,
//! which writes each input to FILE before running it (slower, and the run
//! is the same: the mutations depend only on the seed), so FILE holds the
//! culprit when the process dies.
//!
//! A finding is written to DIR (default `target/fuzz-findings`) as
//! `TARGET-KIND-HASH.bin`; once fixed, copy it into `tests/fuzz-corpus/TARGET/`
//! so `tests/fuzz_corpus.rs` keeps it fixed.

use rand_chacha::ChaCha8Rng;
use rand_core::{Rng, SeedableRng};
use sevdrill::fuzz::{Depth, Target};
use std::alloc::{GlobalAlloc, Layout, System};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Counts live heap bytes; an allocation past the limit is a finding.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static LIMIT: AtomicUsize = AtomicUsize::new(usize::MAX);
/// Set while a finding is being written, so its own allocations pass.
static REPORTING: AtomicBool = AtomicBool::new(false);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        over_limit(layout.size());
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            LIVE.fetch_add(layout.size(), Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        over_limit(new_size.saturating_sub(layout.size()));
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
            LIVE.fetch_add(new_size, Ordering::Relaxed);
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn over_limit(more: usize) {
    if REPORTING.load(Ordering::Relaxed) {
        return;
    }
    let live = LIVE.load(Ordering::Relaxed);
    if live.saturating_add(more) > LIMIT.load(Ordering::Relaxed) {
        finding("memory", &format!("an allocation of {more} bytes with {live} live passes the limit"));
    }
}

/// What the watchdog and the allocator need to save the input at fault.
struct Current {
    target: &'static str,
    input: Vec<u8>,
    findings: PathBuf,
}

static CURRENT: Mutex<Option<Current>> = Mutex::new(None);

/// Saves the current input as a finding and ends the process.
fn finding(kind: &str, what: &str) -> ! {
    REPORTING.store(true, Ordering::Relaxed);
    let saved = CURRENT.try_lock().ok().and_then(|c| c.as_ref().map(|c| save(c, kind)));
    eprintln!("fuzz: FINDING ({kind}): {what}");
    if let Some(p) = saved {
        eprintln!("fuzz: input saved to {}", p.display());
    }
    std::process::exit(1);
}

fn save(c: &Current, kind: &str) -> PathBuf {
    let _ = std::fs::create_dir_all(&c.findings);
    let hash = c
        .input
        .iter()
        .fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x100_0000_01b3));
    let path = c.findings.join(format!("{}-{kind}-{hash:016x}.bin", c.target));
    let _ = std::fs::write(&path, &c.input);
    path
}

struct Options {
    targets: Vec<Target>,
    secs: u64,
    seed: u64,
    max_input: Duration,
    findings: PathBuf,
    keep_current: Option<PathBuf>,
}

fn options() -> Result<Options, String> {
    let mut args = std::env::args().skip(1);
    let which = args.next().ok_or("name a target: scenario, script, log or all")?;
    let targets = match which.as_str() {
        "all" => Target::ALL.to_vec(),
        t => vec![Target::from_name(t).ok_or(format!("unknown target `{t}`; scenario, script, log or all"))?],
    };
    let mut o = Options {
        targets,
        secs: 60,
        seed: 1,
        max_input: Duration::from_secs(2),
        findings: "target/fuzz-findings".into(),
        keep_current: None,
    };
    while let Some(flag) = args.next() {
        let value = args.next().ok_or(format!("{flag} needs a value"))?;
        let number =
            || value.parse::<u64>().map_err(|_| format!("{flag} takes a whole number, not `{value}`"));
        match flag.as_str() {
            "--secs" => o.secs = number()?,
            "--seed" => o.seed = number()?,
            "--max-input-ms" => o.max_input = Duration::from_millis(number()?),
            "--max-mb" => LIMIT.store((number()? as usize).saturating_mul(1 << 20), Ordering::Relaxed),
            "--findings" => o.findings = value.into(),
            "--keep-current" => o.keep_current = Some(value.into()),
            _ => return Err(format!("unknown option {flag}")),
        }
    }
    Ok(o)
}

fn main() {
    let o = match options() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(2);
        }
    };
    if LIMIT.load(Ordering::Relaxed) == usize::MAX {
        LIMIT.store(2048 << 20, Ordering::Relaxed);
    }
    // The watchdog: an input running past the limit is a hang.
    let started_ms = Arc::new(AtomicU64::new(0));
    let clock = Instant::now();
    {
        let started_ms = started_ms.clone();
        let max = o.max_input;
        std::thread::spawn(move || {
            loop {
                std::thread::sleep(Duration::from_millis(50));
                let s = started_ms.load(Ordering::Relaxed);
                let now = clock.elapsed().as_millis() as u64;
                if s != 0 && now.saturating_sub(s) > max.as_millis() as u64 {
                    finding("hang", &format!("one input ran for more than {max:?}"));
                }
            }
        });
    }
    // Panics are findings too; the hook keeps them to one line each.
    std::panic::set_hook(Box::new(|info| {
        eprintln!("fuzz: panic: {info}");
    }));
    let per_target = Duration::from_secs(o.secs) / o.targets.len().max(1) as u32;
    let mut failed = false;
    for target in &o.targets {
        failed |= fuzz(*target, per_target, &o, &started_ms, clock);
    }
    std::process::exit(i32::from(failed));
}

/// Fuzzes one target for `time`; true if an input panicked.
fn fuzz(target: Target, time: Duration, o: &Options, started_ms: &AtomicU64, clock: Instant) -> bool {
    let mut corpus = target.seeds();
    corpus.extend(regression_corpus(target));
    let dictionary = dictionary(&corpus);
    let seeds = corpus.len();
    let mut rng = ChaCha8Rng::seed_from_u64(o.seed ^ target.name().len() as u64);
    let (mut runs, mut deeper, mut panics) = (0u64, [0u64; 3], 0u64);
    let began = Instant::now();
    while began.elapsed() < time {
        let parent = &corpus[rng.next_u64() as usize % corpus.len()];
        let other = &corpus[rng.next_u64() as usize % corpus.len()];
        let input = mutate(parent, other, &dictionary, &mut rng);
        if let Some(path) = &o.keep_current {
            let _ = std::fs::write(path, &input);
        }
        *CURRENT.lock().unwrap() =
            Some(Current { target: target.name(), input: input.clone(), findings: o.findings.clone() });
        started_ms.store(clock.elapsed().as_millis().max(1) as u64, Ordering::Relaxed);
        let result = std::panic::catch_unwind(|| target.run(&input));
        started_ms.store(0, Ordering::Relaxed);
        runs += 1;
        match result {
            Ok(depth) => {
                deeper[depth as usize] += 1;
                // Mutants that still read keep the search near valid files.
                if depth > Depth::Refused && corpus.len() < 4_000 && rng.next_u32() % 8 == 0 {
                    corpus.push(input);
                }
            }
            Err(_) => {
                panics += 1;
                let saved = CURRENT.lock().unwrap().as_ref().map(|c| save(c, "panic"));
                if let Some(p) = saved {
                    eprintln!("fuzz: input saved to {}", p.display());
                }
            }
        }
    }
    println!(
        "fuzz {}: {runs} inputs in {:.0} s from {seeds} seeds ({} refused, {} read, {} played through); {panics} panics",
        target.name(),
        began.elapsed().as_secs_f64(),
        deeper[0],
        deeper[1],
        deeper[2],
    );
    panics > 0
}

fn regression_corpus(target: Target) -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-corpus").join(target.name());
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.sort();
    files.iter().filter_map(|f| std::fs::read(f).ok()).collect()
}

/// Tokens worth inserting: the format's punctuation, values at the edges
/// of what a reader accepts, and every name the corpus uses.
fn dictionary(corpus: &[Vec<u8>]) -> Vec<Vec<u8>> {
    let mut words: Vec<Vec<u8>> = [
        "(",
        ")",
        "[",
        "]",
        "{",
        "}",
        ",",
        ":",
        "\"",
        "'",
        "//",
        "/*",
        "*/",
        "r#\"",
        "\"#",
        "\\",
        "\\u{1b}",
        "\\u{0}",
        "\\0",
        "\u{1b}",
        "\u{7}",
        "\u{202e}",
        "\r",
        "\t",
        "${",
        "${a.b}",
        "}",
        "Some(",
        "None",
        "0",
        "-1",
        "18446744073709551615",
        "340282366920938463463374607431768211456",
        "-9223372036854775809",
        "1e308",
        "-1e308",
        "NaN",
        "inf",
        "1000.0",
        "0.0000001",
        "\"0s\"",
        "\"99999999999h\"",
        "\"18446744073709551615s\"",
        "\"1h1h\"",
        "\" 15m\"",
        "\"\"",
        "null",
        "true",
        "false",
        "[]",
        "{}",
        "\"at\":\"99999999999h\"",
        "<script>",
        "](javascript:alert(1))",
        "\n# ",
        "é",
        "障害",
        "\u{feff}",
    ]
    .iter()
    .map(|s| s.as_bytes().to_vec())
    .collect();
    let mut names = std::collections::BTreeSet::new();
    for file in corpus {
        let text = String::from_utf8_lossy(file);
        for w in text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-')) {
            if (2..=32).contains(&w.len()) && !w.starts_with(|c: char| c.is_ascii_digit()) {
                names.insert(w.to_string());
            }
        }
    }
    words.extend(names.into_iter().take(2_000).map(String::into_bytes));
    words
}

/// One to four stacked mutations of `parent`, sometimes spliced with `other`.
fn mutate(parent: &[u8], other: &[u8], dictionary: &[Vec<u8>], rng: &mut ChaCha8Rng) -> Vec<u8> {
    let mut v = parent.to_vec();
    let pick = |rng: &mut ChaCha8Rng, n: usize| if n == 0 { 0 } else { rng.next_u64() as usize % n };
    for _ in 0..1 + pick(rng, 4) {
        let len = v.len();
        match pick(rng, 9) {
            0 if len > 0 => {
                let i = pick(rng, len);
                v[i] = rng.next_u32() as u8;
            }
            1 if len > 0 => {
                let i = pick(rng, len);
                let n = (1 + pick(rng, 64)).min(len - i);
                v.drain(i..i + n);
            }
            2 if len > 0 => {
                let i = pick(rng, len);
                let n = (1 + pick(rng, 256)).min(len - i);
                let copy = v[i..i + n].to_vec();
                let at = pick(rng, len + 1);
                v.splice(at..at, copy);
            }
            3 | 4 => {
                let word = &dictionary[pick(rng, dictionary.len())];
                let at = pick(rng, len + 1);
                v.splice(at..at, word.iter().copied());
            }
            5 => {
                // Swap a run of digits for an edge value.
                let digits: Vec<usize> = (0..len).filter(|&i| v[i].is_ascii_digit()).collect();
                if let Some(&i) = digits.get(pick(rng, digits.len())) {
                    let end = (i..len).find(|&j| !v[j].is_ascii_digit()).unwrap_or(len);
                    let edge: &[u8] =
                        [&b"0"[..], b"99999999999", b"18446744073709551615", b"4294967296", b"256", b"-1"]
                            [pick(rng, 6)];
                    v.splice(i..end, edge.iter().copied());
                }
            }
            6 => {
                // Make one string very long.
                let quotes: Vec<usize> = (0..len).filter(|&i| v[i] == b'"').collect();
                if let Some(&i) = quotes.get(pick(rng, quotes.len())) {
                    let fill = vec![b'x'; 1 + pick(rng, 100_000)];
                    v.splice(i + 1..i + 1, fill);
                }
            }
            7 if !other.is_empty() => {
                // Splice: the start of this file, the end of another.
                let cut = pick(rng, len + 1);
                let from = pick(rng, other.len());
                v.truncate(cut);
                v.extend_from_slice(&other[from..]);
            }
            _ => {
                // Repeat a line, as a copy and paste would.
                let lines: Vec<usize> = (0..len).filter(|&i| v[i] == b'\n').collect();
                if lines.len() >= 2 {
                    let a = pick(rng, lines.len() - 1);
                    let line = v[lines[a]..lines[a + 1]].to_vec();
                    let at = lines[pick(rng, lines.len())];
                    v.splice(at..at, line);
                }
            }
        }
    }
    v.truncate(3 * 1024 * 1024);
    v
}
