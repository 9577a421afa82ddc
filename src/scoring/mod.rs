//! Scoring a session against the rubric.

pub mod principles;
