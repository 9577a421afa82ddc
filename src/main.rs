//! The `sevdrill` command line: headless commands for checking scenarios,
//! playing action scripts and re-scoring saved sessions.

use clap::{Parser, Subcommand};
use sevdrill::cli::{self, Format, RunArgs};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "sevdrill", version, about = "Incident-response simulator and game-day trainer")]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Validate scenario files (default: the scenarios/ folder).
    Check {
        /// Scenario files or folders of them.
        paths: Vec<PathBuf>,
    },
    /// Play an action script on a scenario headlessly and print the scorecard.
    Run {
        scenario: PathBuf,
        /// The action script (RON) to play.
        #[arg(long)]
        actions: PathBuf,
        /// Seed for the scenario's randomness (default: the script's).
        #[arg(long)]
        seed: Option<u64>,
        /// Write the session log (a replay) to this file.
        #[arg(long)]
        save: Option<PathBuf>,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Re-simulate a saved session log and print its scorecard.
    Score {
        log: PathBuf,
        /// The scenario file, if it is not where the log says.
        #[arg(long)]
        scenario: Option<PathBuf>,
        /// Folder to search for the scenario by id.
        #[arg(long, default_value = "scenarios")]
        scenarios: PathBuf,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let (mut out, mut err) = (std::io::stdout().lock(), std::io::stderr().lock());
    let code = match cli.command {
        Some(Command::Check { paths }) => cli::check(&paths, &mut out, &mut err),
        Some(Command::Run { scenario, actions, seed, save, format }) => cli::run(
            RunArgs { scenario: &scenario, actions: &actions, seed, save: save.as_deref(), format },
            &mut out,
            &mut err,
        ),
        Some(Command::Score { log, scenario, scenarios, format }) => {
            cli::score(&log, scenario.as_deref(), &scenarios, format, &mut out, &mut err)
        }
        None => {
            eprintln!(
                "The interactive trainer is not built yet; use `sevdrill check`, `run` or `score` (see --help)."
            );
            cli::EXIT_INVALID
        }
    };
    ExitCode::from(code)
}
