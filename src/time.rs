//! Simulation time: whole seconds since the incident clock started, written
//! in files as `"90s"`, `"15m"`, `"1h30m"`.

use serde::{Deserialize, Deserializer, Serialize, Serializer, de};
use std::fmt;

/// The wall-clock time `t` after `start`, saturating at the calendar's end
/// rather than overflowing: every caller gets a time it can print.
pub fn wall_clock<Tz: chrono::TimeZone>(start: chrono::DateTime<Tz>, t: Dur) -> chrono::DateTime<Tz> {
    let secs = i64::try_from(t.as_secs()).unwrap_or(i64::MAX);
    chrono::TimeDelta::try_seconds(secs).and_then(|d| start.clone().checked_add_signed(d)).unwrap_or(start)
}

/// A duration or an offset from the scenario's start, in whole seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Dur(pub u64);

impl Dur {
    pub const ZERO: Dur = Dur(0);

    pub fn secs(s: u64) -> Dur {
        Dur(s)
    }
    pub fn mins(m: u64) -> Dur {
        Dur(m * 60)
    }
    pub fn as_secs(self) -> u64 {
        self.0
    }
    pub fn as_mins_f(self) -> f64 {
        self.0 as f64 / 60.0
    }
    pub fn saturating_sub(self, o: Dur) -> Dur {
        Dur(self.0.saturating_sub(o.0))
    }

    /// Parses `"1h30m"`, `"15m"`, `"90s"`, `"2h"`, `"1m30s"` or a bare `"0"`.
    pub fn parse(text: &str) -> Result<Dur, String> {
        let t = text;
        if t.is_empty() {
            return Err("an empty duration".into());
        }
        if t.contains(char::is_whitespace) {
            return Err(format!(
                "\"{text}\" has a space; durations are written without spaces, like \"1h30m\""
            ));
        }
        if t == "0" {
            return Ok(Dur(0));
        }
        let mut total: u64 = 0;
        let mut num = String::new();
        let mut last_unit = 0u8; // 3 = h, 2 = m, 1 = s, so units must descend
        let mut saw_unit = false;
        for c in t.chars() {
            if c.is_ascii_digit() {
                num.push(c);
                continue;
            }
            let (rank, scale) = match c {
                'h' => (3, 3600),
                'm' => (2, 60),
                's' => (1, 1),
                _ => return Err(format!("unexpected `{c}` in the duration \"{text}\"")),
            };
            if num.is_empty() {
                return Err(format!("a number must come before `{c}` in \"{text}\""));
            }
            if last_unit != 0 && rank >= last_unit {
                return Err(format!("units must go from hours to seconds in \"{text}\""));
            }
            let n: u64 = num.parse().map_err(|_| format!("the number in \"{text}\" is too large"))?;
            total = n
                .checked_mul(scale)
                .and_then(|v| total.checked_add(v))
                .ok_or_else(|| format!("\"{text}\" is too long"))?;
            num.clear();
            last_unit = rank;
            saw_unit = true;
        }
        if !num.is_empty() || !saw_unit {
            return Err(format!("\"{text}\" lacks a unit after its last number"));
        }
        Ok(Dur(total))
    }
}

impl fmt::Display for Dur {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (h, m, s) = (self.0 / 3600, self.0 / 60 % 60, self.0 % 60);
        if self.0 == 0 {
            return f.write_str("0s");
        }
        if h > 0 {
            write!(f, "{h}h")?;
        }
        if m > 0 {
            write!(f, "{m}m")?;
        }
        if s > 0 {
            write!(f, "{s}s")?;
        }
        Ok(())
    }
}

impl Dur {
    /// `T+12:05` style, as shown on clocks and in findings.
    pub fn clock(self) -> String {
        let (h, m, s) = (self.0 / 3600, self.0 / 60 % 60, self.0 % 60);
        if h > 0 { format!("T+{h}:{m:02}:{s:02}") } else { format!("T+{m:02}:{s:02}") }
    }
}

impl std::ops::Add for Dur {
    type Output = Dur;
    fn add(self, o: Dur) -> Dur {
        Dur(self.0.saturating_add(o.0))
    }
}

impl Serialize for Dur {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Dur {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Dur, D::Error> {
        struct DurVisitor;
        impl<'de> de::Visitor<'de> for DurVisitor {
            type Value = Dur;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a duration such as \"90s\", \"15m\" or \"1h30m\"")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Dur, E> {
                Dur::parse(v).map_err(|m| {
                    E::custom(format!("{m}; write a duration such as \"90s\", \"15m\" or \"1h30m\""))
                })
            }
        }
        d.deserialize_any(DurVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_durations() {
        assert_eq!(Dur::parse("90s"), Ok(Dur(90)));
        assert_eq!(Dur::parse("15m"), Ok(Dur(900)));
        assert_eq!(Dur::parse("1h30m"), Ok(Dur(5400)));
        assert_eq!(Dur::parse("1m30s").unwrap().to_string(), "1m30s");
        assert!(Dur::parse("15").is_err());
        assert!(Dur::parse("30m1h").is_err());
        assert!(Dur::parse("5x").is_err());
        assert!(Dur::parse("99999999999999999999h").is_err());
        assert_eq!(Dur(3725).clock(), "T+1:02:05");
    }
}
