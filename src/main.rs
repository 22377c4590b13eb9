//! The `tribune` binary: parses the command line (clap), runs one
//! subcommand from `cmd/`, prints errors and sets the exit code
//! (0 success or closed pipe, 1 error, 2 usage error).

mod cmd;

/// jemalloc allocates and frees the many small strings of a parsed corpus
/// faster than the system allocator (see Cargo.toml).
#[cfg(all(feature = "jemalloc", not(target_env = "msvc")))]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

use clap::{CommandFactory, Parser, Subcommand};

/// Statistics of spoken transcripts: who spoke, how much, in which words.
#[derive(Debug, Parser)]
#[command(name = "tribune", version, about, long_about = None, max_term_width = 100)]
struct Cli {
    /// Print no warnings and no progress lines, only errors.
    #[arg(short, long, global = true)]
    quiet: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// The main job: every table and chart, plus index.html, report.md, report.json.
    Report(cmd::report::Args),
    /// Show each line's decision (label, continuation, metadata, stage, preamble).
    Parse(cmd::parse::Args),
    /// List speakers with role, outlet, turns and words.
    Speakers(cmd::speakers::Args),
    /// Turn-length statistics by speaker, role, outlet or transcript.
    Turns(cmd::turns::Args),
    /// Question–answer exchanges and per-outlet figures.
    Exchanges(cmd::exchanges::Args),
    /// Term frequencies by speaker, role, outlet, transcript or corpus.
    Terms(cmd::terms::Args),
    /// Keyword in context: every occurrence of a word or phrase with the words around it.
    Kwic(cmd::kwic::Args),
    /// Distinctive terms of a speaker, role or outlet against a reference.
    Keyness(cmd::keyness::Args),
    /// Two speakers or groups head to head, by weighted log-odds.
    Compare(cmd::compare::Args),
    /// Lexical diversity per speaker, role, outlet or transcript.
    Diversity(cmd::diversity::Args),
    /// A shell completion script (bash, zsh, fish, elvish, powershell).
    Completions(cmd::shell::CompletionsArgs),
    /// The manual page, in roff (`tribune man > tribune.1`).
    Man,
}

fn run(cli: Cli) -> anyhow::Result<()> {
    cmd::set_quiet(cli.quiet);
    match cli.command {
        Command::Report(a) => cmd::report::run(&a),
        Command::Parse(a) => cmd::parse::run(&a),
        Command::Speakers(a) => cmd::speakers::run(&a),
        Command::Turns(a) => cmd::turns::run(&a),
        Command::Exchanges(a) => cmd::exchanges::run(&a),
        Command::Terms(a) => cmd::terms::run(&a),
        Command::Kwic(a) => cmd::kwic::run(&a),
        Command::Keyness(a) => cmd::keyness::run(&a),
        Command::Compare(a) => cmd::compare::run(&a),
        Command::Diversity(a) => cmd::diversity::run(&a),
        Command::Completions(a) => cmd::shell::completions(&a, Cli::command()),
        Command::Man => cmd::shell::man(Cli::command()),
    }
}

fn main() {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => {}
        Err(e) => {
            // A closed pipe (`tribune terms x | head`) is not an error.
            if e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) {
                std::process::exit(0);
            }
            // File names and text in a message are shown, not run.
            use tribune::table::visible;
            eprintln!("tribune: error: {}", visible(&e.to_string()));
            for cause in e.chain().skip(1) {
                eprintln!("  caused by: {}", visible(&cause.to_string()));
            }
            std::process::exit(1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// clap's own checks of the command line's definition (no two options
    /// with one name or short flag, a global `--quiet` every subcommand
    /// takes).
    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }
}
