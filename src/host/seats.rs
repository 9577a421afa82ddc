//! Seats and their tokens: one random 128-bit token per participant and one
//! for the facilitator, each bound to who holds it and their roles, with an
//! expiry. The host keeps them beside the journal (readable by its owner
//! only) so that a host restarted with `--resume` takes the same links.

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// How long a join link works unless the host says otherwise.
pub const DEFAULT_TOKEN_HOURS: u64 = 24;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Seat {
    pub token: String,
    pub name: String,
    pub roles: Vec<String>,
    #[serde(default)]
    pub facilitator: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeatBook {
    pub seats: Vec<Seat>,
    /// Unix seconds after which no token is accepted.
    pub expires: i64,
}

/// Why a token was not accepted, in words for the seat's page.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TokenError {
    #[error("this join link is not one of this session's; ask the facilitator for yours")]
    Unknown,
    #[error("this join link expired at {0}; ask the facilitator for a new one")]
    Expired(String),
}

/// 128 bits from the operating system's generator, as 32 hex digits.
pub fn new_token() -> Result<String, String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| format!("no random numbers from the operating system: {e}"))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Writes a file that holds tokens: readable and writable by its owner
/// only, and on disk before this returns.
pub fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut f = options.open(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}

/// Compares without stopping at the first difference, so timing tells
/// nothing about how much of a guessed token was right.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

impl SeatBook {
    /// A seat for every participant and one for the facilitator.
    pub fn issue(
        participants: &[crate::sim::Participant],
        now_unix: i64,
        hours: u64,
    ) -> Result<SeatBook, String> {
        let mut seats = Vec::new();
        for p in participants {
            seats.push(Seat {
                token: new_token()?,
                name: p.name.clone(),
                roles: p.roles.clone(),
                facilitator: false,
            });
        }
        seats.push(Seat {
            token: new_token()?,
            name: "Facilitator".into(),
            roles: Vec::new(),
            facilitator: true,
        });
        let expires = now_unix.saturating_add(i64::try_from(hours.saturating_mul(3600)).unwrap_or(i64::MAX));
        Ok(SeatBook { seats, expires })
    }

    /// The seat a token opens, at `now_unix`.
    pub fn find(&self, token: &str, now_unix: i64) -> Result<usize, TokenError> {
        let i = self.seats.iter().position(|s| same(&s.token, token)).ok_or(TokenError::Unknown)?;
        if now_unix > self.expires {
            let when = chrono::DateTime::from_timestamp(self.expires, 0)
                .map(|t| t.format("%Y-%m-%d %H:%M UTC").to_string())
                .unwrap_or_default();
            return Err(TokenError::Expired(when));
        }
        Ok(i)
    }

    /// Where a journal's seats are kept.
    pub fn path_for(journal: &Path) -> PathBuf {
        let mut p = journal.as_os_str().to_owned();
        p.push(".seats.json");
        PathBuf::from(p)
    }

    /// Writes the book, readable and writable by its owner only.
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        write_private(path, serde_json::to_string_pretty(self).expect("seats serialise").as_bytes())
    }

    pub fn load(path: &Path) -> Result<SeatBook, String> {
        let bytes = crate::bounded_read::read_regular(path, 1024 * 1024, "a seat file")
            .map_err(|e| format!("{}: {e}", path.display()))?;
        serde_json::from_slice(&bytes)
            .map_err(|e| format!("{}: not a seat file written by sevdrill ({e})", path.display()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::Participant;

    #[test]
    fn tokens_are_distinct_128_bit_hex() {
        let a = new_token().unwrap();
        let b = new_token().unwrap();
        assert_eq!(a.len(), 32);
        assert!(a.chars().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, b);
    }

    #[test]
    fn a_token_opens_its_seat_until_it_expires() {
        let ps = vec![Participant { name: "Ana".into(), roles: vec!["ic".into()] }];
        let book = SeatBook::issue(&ps, 1000, 1).unwrap();
        assert_eq!(book.find(&book.seats[0].token, 1000), Ok(0));
        assert_eq!(book.find(&book.seats[1].token, 1000), Ok(1));
        assert!(book.seats[1].facilitator);
        assert_eq!(book.find("0".repeat(32).as_str(), 1000), Err(TokenError::Unknown));
        assert!(matches!(book.find(&book.seats[0].token, 1000 + 3601), Err(TokenError::Expired(_))));
    }
}
