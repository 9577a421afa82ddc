//! Tools for scenario authors: bot players that show how a scenario plays
//! over many seeds (`simulate`), a procedural generator (`generate`) and
//! its building blocks.

pub mod blocks;
pub mod bots;
pub mod derived_bots;
pub mod generate;
pub mod par;
pub mod simulate;
