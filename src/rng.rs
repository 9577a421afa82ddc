//! Portable seeded randomness: every random choice in sevdrill draws from a
//! ChaCha stream named by a seed and a key, so results are identical on every
//! machine and adding one random thing never moves another.

use rand_chacha::ChaCha8Rng;
use rand_core::{Rng, SeedableRng};

/// FNV-1a: a hash that is the same on every machine and Rust version.
pub fn stable_hash(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// The stream for one named random thing under a seed.
pub fn stream(seed: u64, key: &str) -> ChaCha8Rng {
    ChaCha8Rng::seed_from_u64(seed ^ stable_hash(key))
}

/// A number below `n`, from the raw stream, so the draw never depends on a
/// library's sampling algorithm.
pub fn draw(rng: &mut ChaCha8Rng, n: u64) -> u64 {
    rng.next_u64() % n.max(1)
}

/// An index into `weights`, each chosen with a chance proportional to its weight.
pub fn weighted(rng: &mut ChaCha8Rng, weights: &[u32]) -> usize {
    let total: u64 = weights.iter().map(|w| u64::from(*w)).sum();
    let mut roll = draw(rng, total);
    for (i, w) in weights.iter().enumerate() {
        if roll < u64::from(*w) {
            return i;
        }
        roll -= u64::from(*w);
    }
    0
}
