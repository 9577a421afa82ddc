//! The `sevdrill` command line: with no command (or `play`) it opens the
//! trainer; the other commands work headlessly.

use clap::{Parser, Subcommand};
use sevdrill::authoring::simulate::Policy;
use sevdrill::cli::{self, Format, RunArgs, SimulateArgs};
use sevdrill::data_dir::DataDir;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "sevdrill", version, about = "Incident-response simulator and game-day trainer")]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Where your own scenarios and sessions live (default: $SEVDRILL_DATA_DIR,
    /// else the platform's data folder; `sevdrill list` shows it).
    #[arg(long, global = true)]
    data_dir: Option<PathBuf>,
}

#[derive(Subcommand)]
enum Command {
    /// Open the trainer, optionally straight on a scenario's setup.
    Play(PlayArgs),
    /// List the built-in scenarios and your own, with their paths.
    List,
    /// Validate scenario files (default: your own scenario folder).
    Check {
        /// Scenario files or folders of them.
        paths: Vec<PathBuf>,
    },
    /// Play an action script on a scenario headlessly and print the scorecard.
    Run {
        /// A scenario file, or the id of a built-in one.
        scenario: PathBuf,
        /// The action script (RON) to play.
        #[arg(long)]
        actions: PathBuf,
        /// Seed for the scenario's randomness (default: the script's).
        #[arg(long)]
        seed: Option<u64>,
        /// Write the session log (a replay) to this file; with no file, to your sessions folder.
        #[arg(long, num_args = 0..=1)]
        save: Option<Option<PathBuf>>,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Let bot teams play a scenario over many seeds and summarise how it plays.
    Simulate {
        /// A scenario file, or the id of a built-in one.
        scenario: PathBuf,
        /// How many sessions (seeds) to play.
        #[arg(long, default_value_t = 1000)]
        runs: u64,
        /// Which bot plays: the scenario's exemplary or anti-patterns script, or a random team.
        #[arg(long, value_enum, default_value = "random")]
        policy: Policy,
        /// The first seed; run i uses seed + i.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Follow this action script instead of scripts/<scenario>.<policy>.ron.
        #[arg(long)]
        script: Option<PathBuf>,
        /// Worker threads, 1 to 256 (default: one per core).
        #[arg(long, value_parser = clap::value_parser!(u16).range(1..=256))]
        threads: Option<u16>,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Write a debrief report of a saved session: Markdown, self-contained HTML or JSON.
    Report {
        log: PathBuf,
        /// md, html or json (default: from the --out file's extension, else md).
        #[arg(long, value_enum)]
        format: Option<cli::ReportFormat>,
        /// Write the report here (Markdown also writes its two charts beside it as SVG).
        #[arg(short, long)]
        out: Option<PathBuf>,
        /// The scenario file, if it is not where the log says.
        #[arg(long)]
        scenario: Option<PathBuf>,
        /// Folder to search for the scenario by id, besides the built-in library (default: yours).
        #[arg(long)]
        scenarios: Option<PathBuf>,
        /// Replace the output file if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Trends across every saved session in a folder: scores, principles, metrics, what is missed most.
    Trends {
        folder: PathBuf,
        /// text, md, html or json (default: from the --out file's extension, else text).
        #[arg(long, value_enum)]
        format: Option<cli::TrendsFormat>,
        /// Write the trends here (Markdown also writes its charts beside it as SVG).
        #[arg(short, long)]
        out: Option<PathBuf>,
        /// Folder to search for the sessions' scenarios by id, besides the built-in library (default: yours).
        #[arg(long)]
        scenarios: Option<PathBuf>,
        /// Replace the output file if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Compose a new scenario from building blocks; the same seed writes the same file.
    Generate {
        #[arg(long)]
        seed: u64,
        /// intro, intermediate or advanced (default: chosen by the seed).
        #[arg(long, value_enum)]
        difficulty: Option<cli::DifficultyArg>,
        /// Write the scenario here instead of printing it (never overwrites).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Write a commented scenario scaffold that passes `check` and plays.
    New {
        /// The scenario's name, e.g. "Checkout outage"; the file is <id>.ron.
        name: String,
        /// The folder to write it in (default: your scenario folder).
        #[arg(long)]
        dir: Option<PathBuf>,
    },
    /// Host a session that participants join from their own browsers, one seat each.
    Host(HostCli),
    /// Join a hosted session headlessly and play a participant's part of an action script.
    Seat {
        /// The join link `sevdrill host` printed (http://HOST:PORT/seat#t=TOKEN).
        link: String,
        /// The action script whose steps this seat's participant plays.
        #[arg(long)]
        actions: Option<PathBuf>,
        /// With the facilitator's link: move the clock to each step of the script.
        #[arg(long)]
        drive: bool,
        /// Append every message received to this file (JSON lines).
        #[arg(long)]
        record: Option<PathBuf>,
        /// Testing: drop the connection right after sending these steps (numbered from 1).
        #[arg(long, value_delimiter = ',', hide = true)]
        drop_after: Vec<usize>,
        /// Give up when nothing happens for this many seconds.
        #[arg(long, default_value_t = 60)]
        patience: u64,
    },
    /// Play on from a moment of a saved session: its actions up to then, a script's after.
    Fork {
        log: PathBuf,
        /// The moment to cut at: T+27m, T+1h5m, T+27:00, or the scenario's clock, e.g. 10:27.
        #[arg(long)]
        at: String,
        /// An action script for what happens after the cut (its earlier steps are skipped).
        #[arg(long)]
        actions: Option<PathBuf>,
        /// Write the fork's log to this file; with no file, to your sessions folder.
        #[arg(long, num_args = 0..=1)]
        save: Option<Option<PathBuf>>,
        /// The scenario file, if it is not where the log says.
        #[arg(long)]
        scenario: Option<PathBuf>,
        /// Folder to search for the scenario by id, besides the built-in library (default: yours).
        #[arg(long)]
        scenarios: Option<PathBuf>,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Put two sessions of the same scenario side by side: scores, findings, outcome, divergence.
    Compare {
        a: PathBuf,
        b: PathBuf,
        /// text, md, html or json (default: from the --out file's extension, else text).
        #[arg(long, value_enum)]
        format: Option<cli::CompareFormat>,
        /// Write the comparison here.
        #[arg(short, long)]
        out: Option<PathBuf>,
        /// The scenario file, if it is not where the logs say.
        #[arg(long)]
        scenario: Option<PathBuf>,
        /// Folder to search for the scenario by id, besides the built-in library (default: yours).
        #[arg(long)]
        scenarios: Option<PathBuf>,
        /// Compare a session whose last line was cut off (a crash), without that line.
        #[arg(long)]
        allow_cut: bool,
        /// Replace the output file if it exists.
        #[arg(long)]
        force: bool,
    },
    /// The next drills for a team or a person, from the principles their saved sessions miss.
    Recommend {
        /// A folder of saved sessions.
        folder: PathBuf,
        /// Only the drills of this team (as the sessions name it).
        #[arg(long, conflicts_with = "person")]
        team: Option<String>,
        /// Only the drills this person took part in, whatever their roles.
        #[arg(long)]
        person: Option<String>,
        /// Folder of your own scenarios to choose from, besides the built-in library (default: yours).
        #[arg(long)]
        scenarios: Option<PathBuf>,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Re-simulate a saved session log and print its scorecard.
    Score {
        log: PathBuf,
        /// The scenario file, if it is not where the log says.
        #[arg(long)]
        scenario: Option<PathBuf>,
        /// Folder to search for the scenario by id, besides the built-in library (default: yours).
        #[arg(long)]
        scenarios: Option<PathBuf>,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
}

#[derive(clap::Args)]
struct HostCli {
    /// A scenario file, or the id of a built-in one (not needed with --resume).
    scenario: Option<PathBuf>,
    /// Address to listen on (default 127.0.0.1:8321: this computer only; 0.0.0.0:8321 for the room).
    #[arg(long)]
    listen: Option<std::net::SocketAddr>,
    #[arg(long)]
    seed: Option<u64>,
    /// A participant and their roles, e.g. "Ana=ic,comms"; repeat for each (default: one seat per role).
    #[arg(long = "participant")]
    participants: Vec<String>,
    /// Carry on a hosted session from its journal, with the same join links.
    #[arg(long)]
    resume: Option<PathBuf>,
    /// The clock's speed once the incident starts: paused, 1, 2, 5 or 10.
    #[arg(long, default_value = "1", value_parser = parse_speed)]
    speed: sevdrill::session::Speed,
    /// How long the join links work, in hours.
    #[arg(long, default_value_t = sevdrill::host::command::default_token_hours())]
    token_hours: u64,
    /// Another origin allowed to open seats, e.g. https://drill.example.com behind a TLS proxy.
    #[arg(long = "allow-origin")]
    allow_origins: Vec<String>,
    /// The address the links should use, e.g. the TLS proxy's https://drill.example.com.
    #[arg(long)]
    public_url: Option<String>,
    /// Show the score to everyone while playing.
    #[arg(long)]
    scores_live: bool,
    #[arg(long)]
    facilitator: Option<String>,
    #[arg(long)]
    team: Option<String>,
    /// Where the journal is written (default: your sessions folder).
    #[arg(long)]
    sessions: Option<PathBuf>,
    /// Write the join links to this file as JSON (readable by you only).
    #[arg(long)]
    links_file: Option<PathBuf>,
    /// Run without the trainer's window, for a fully remote room.
    #[arg(long)]
    no_window: bool,
    /// Print each link's QR code in the terminal.
    #[arg(long)]
    qr: bool,
    /// Keep a picture of the room view and of the facilitator's window on
    /// each screen in this folder (room-live.png, facilitator-live.png, …),
    /// refreshed every few seconds: for a handout, a record or a test.
    #[arg(long)]
    screenshots: Option<PathBuf>,
}

fn parse_speed(s: &str) -> Result<sevdrill::session::Speed, String> {
    use sevdrill::session::Speed;
    Ok(match s {
        "paused" | "0" => Speed::Paused,
        "1" => Speed::X1,
        "2" => Speed::X2,
        "5" => Speed::X5,
        "10" => Speed::X10,
        _ => return Err(format!("\"{s}\" is not a speed; use paused, 1, 2, 5 or 10")),
    })
}

#[derive(clap::Args, Default)]
struct PlayArgs {
    /// A scenario file to open.
    scenario: Option<PathBuf>,
    /// A folder of your own scenarios, listed beside the built-in ones (default: yours).
    #[arg(long)]
    scenarios: Option<PathBuf>,
    /// Where session journals are kept, and looked for to resume (default: yours).
    #[arg(long)]
    sessions: Option<PathBuf>,
    /// Start in presentation mode (large text, high contrast).
    #[arg(long)]
    presentation: bool,
    /// Do not open the facilitator's second window.
    #[arg(long)]
    no_facilitator: bool,
    /// End-to-end test: play this action script through the GUI, then quit.
    #[arg(long, requires = "scenario")]
    autoplay: Option<PathBuf>,
    /// End-to-end test: save a screenshot of each screen in this folder.
    #[arg(long)]
    screenshots: Option<PathBuf>,
    /// Print start-up time and frame times when the app exits.
    #[arg(long)]
    frame_stats: bool,
    /// End-to-end test: sit idle this many seconds on the paused live screen.
    #[arg(long, requires = "autoplay")]
    idle_secs: Option<u64>,
    /// Measurement: pad the live feed to this many items, to time a long session's frames.
    #[arg(long, requires = "autoplay", hide = true)]
    pad_feed: Option<usize>,
}

#[cfg(feature = "gui")]
fn play(args: PlayArgs, data: &DataDir) -> u8 {
    let options = sevdrill::gui::GuiOptions {
        scenario: args.scenario.map(|p| scenario_arg(&p)),
        user_scenarios: Some(args.scenarios.unwrap_or_else(|| data.scenarios())),
        sessions: args.sessions.unwrap_or_else(|| data.sessions()),
        presentation: args.presentation,
        facilitator_window: !args.no_facilitator,
        autoplay: args.autoplay,
        screenshots: args.screenshots,
        frame_stats: args.frame_stats,
        idle_secs: args.idle_secs,
        pad_feed: args.pad_feed,
    };
    match sevdrill::gui::run(options) {
        bevy::app::AppExit::Success => 0,
        bevy::app::AppExit::Error(code) => code.get(),
    }
}

#[cfg(not(feature = "gui"))]
fn play(_: PlayArgs, _: &DataDir) -> u8 {
    eprintln!(
        "this sevdrill was built without the `gui` feature; use `check`, `run` or `score`, or rebuild with default features"
    );
    cli::EXIT_INVALID
}

#[cfg(feature = "gui")]
fn host_window(args: sevdrill::host::command::HostArgs, qr: bool, screenshots: Option<PathBuf>) -> u8 {
    sevdrill::gui::run_hosted(args, qr, screenshots)
}

#[cfg(not(feature = "gui"))]
fn host_window(_: sevdrill::host::command::HostArgs, _: bool, _: Option<PathBuf>) -> u8 {
    eprintln!(
        "this sevdrill was built without the `gui` feature; add --no-window to host without the trainer's window"
    );
    cli::EXIT_INVALID
}

/// A scenario argument: a file, or else the id of a built-in scenario.
fn scenario_arg(p: &Path) -> PathBuf {
    if !p.exists()
        && let Some(built_in) = p.to_str().and_then(sevdrill::built_in::scenario_path)
    {
        return PathBuf::from(built_in);
    }
    p.to_path_buf()
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let data = DataDir::resolve(cli.data_dir.as_deref());
    let yours = |flag: Option<PathBuf>| flag.unwrap_or_else(|| data.scenarios());
    // Only the headless commands hold the output locks: the GUI's systems run
    // on other threads and would wait forever on a lock this thread holds.
    // Messages for people go through the terminal escaper: a name with ESC
    // in it cannot drive the terminal. (Stdout may carry JSON or Markdown
    // for another program, so text output escapes where it writes names.)
    let (mut out, mut err) = (std::io::stdout(), sevdrill::escape::TerminalWriter(std::io::stderr()));
    let code = match cli.command {
        Some(Command::List) => cli::list(&data, &mut out),
        Some(Command::Check { paths }) => cli::check(&paths, &data.scenarios(), &mut out, &mut err),
        Some(Command::Run { scenario, actions, seed, save, format }) => {
            let sessions = data.sessions();
            cli::run(
                RunArgs {
                    scenario: &scenario_arg(&scenario),
                    actions: &actions,
                    seed,
                    save: save.as_ref().and_then(|s| s.as_deref()),
                    save_in: save.as_ref().filter(|s| s.is_none()).map(|_| sessions.as_path()),
                    format,
                },
                &mut out,
                &mut err,
            )
        }
        Some(Command::Score { log, scenario, scenarios, format }) => {
            cli::score(&log, scenario.as_deref(), &yours(scenarios), format, &mut out, &mut err)
        }
        Some(Command::Fork { log, at, actions, save, scenario, scenarios, format }) => {
            let sessions = data.sessions();
            cli::fork(
                cli::ForkArgs {
                    log: &log,
                    at: &at,
                    actions: actions.as_deref(),
                    save: save.as_ref().and_then(|s| s.as_deref()),
                    save_in: save.as_ref().filter(|s| s.is_none()).map(|_| sessions.as_path()),
                    scenario: scenario.as_deref(),
                    scenarios: &yours(scenarios),
                    format,
                },
                &mut out,
                &mut err,
            )
        }
        Some(Command::Compare { a, b, format, out: file, scenario, scenarios, allow_cut, force }) => {
            cli::compare_cmd(
                cli::CompareArgs {
                    a: &a,
                    b: &b,
                    format,
                    out_file: file.as_deref(),
                    scenario: scenario.as_deref(),
                    scenarios: &yours(scenarios),
                    allow_cut,
                    force,
                },
                &mut out,
                &mut err,
            )
        }
        Some(Command::Recommend { folder, team, person, scenarios, format }) => cli::recommend(
            cli::RecommendArgs {
                folder: &folder,
                team: team.as_deref(),
                person: person.as_deref(),
                scenarios: &yours(scenarios),
                format,
            },
            &mut out,
            &mut err,
        ),
        Some(Command::Simulate { scenario, runs, policy, seed, script, threads, format }) => {
            use std::io::IsTerminal;
            let progress = std::io::stderr().is_terminal();
            cli::simulate(
                SimulateArgs {
                    scenario: &scenario_arg(&scenario),
                    runs,
                    policy,
                    first_seed: seed,
                    script: script.as_deref(),
                    threads: threads.map(usize::from),
                    format,
                    progress,
                },
                &mut out,
                &mut err,
            )
        }
        Some(Command::Generate { seed, difficulty, out: file }) => {
            cli::generate(seed, difficulty.map(Into::into), file.as_deref(), &mut out, &mut err)
        }
        Some(Command::Report { log, format, out: file, scenario, scenarios, force }) => cli::report(
            cli::ReportArgs {
                log: &log,
                format,
                out_file: file.as_deref(),
                scenario: scenario.as_deref(),
                scenarios: &yours(scenarios),
                force,
            },
            &mut out,
            &mut err,
        ),
        Some(Command::Trends { folder, format, out: file, scenarios, force }) => cli::trends(
            cli::TrendsArgs {
                folder: &folder,
                format,
                out_file: file.as_deref(),
                scenarios: &yours(scenarios),
                force,
            },
            &mut out,
            &mut err,
        ),
        Some(Command::New { name, dir }) => cli::new_scenario(&name, &yours(dir), &mut out, &mut err),
        Some(Command::Host(h)) => {
            let args = sevdrill::host::command::HostArgs {
                scenario: h.scenario.map(|p| scenario_arg(&p)),
                listen: h.listen,
                seed: h.seed,
                participants: h.participants,
                resume: h.resume,
                speed: h.speed,
                token_hours: h.token_hours,
                allow_origins: h.allow_origins,
                public_url: h.public_url,
                scores_live: h.scores_live,
                record: sevdrill::session::Record {
                    facilitator: h.facilitator.unwrap_or_default(),
                    team: h.team.unwrap_or_default(),
                },
                sessions: h.sessions.unwrap_or_else(|| data.sessions()),
                user_scenarios: data.scenarios(),
                links_file: h.links_file,
            };
            if h.no_window {
                sevdrill::host::command::host_headless(args, h.qr, &mut out, &mut err)
            } else {
                host_window(args, h.qr, h.screenshots)
            }
        }
        Some(Command::Seat { link, actions, drive, record, drop_after, patience }) => {
            sevdrill::host::command::seat(
                sevdrill::host::command::SeatArgs {
                    link,
                    actions,
                    drive,
                    record,
                    drop_after,
                    patience_secs: patience,
                },
                &mut out,
                &mut err,
            )
        }
        Some(Command::Play(args)) => play(args, &data),
        None => play(PlayArgs::default(), &data),
    };
    ExitCode::from(code)
}
