//! Tools for scenario authors: bot players that show how a scenario plays
//! over many seeds (`simulate`).

pub mod bots;
pub mod simulate;
