//! `tribune completions SHELL` and `tribune man`: what a command-line user
//! expects to install, generated from the same clap definitions that parse
//! the command line (so they never drift from it) and written to standard
//! output.

use std::io::Write;

use anyhow::Result;

/// Arguments of `tribune completions`.
#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// The shell to complete for (`tribune completions bash >
    /// ~/.local/share/bash-completion/completions/tribune`).
    #[arg(value_enum)]
    shell: clap_complete::Shell,
}

/// Write the completion script of `command` for the chosen shell.
pub fn completions(args: &CompletionsArgs, mut command: clap::Command) -> Result<()> {
    let mut out = std::io::stdout().lock();
    clap_complete::generate(args.shell, &mut command, "tribune", &mut out);
    out.flush()?;
    Ok(())
}

/// Write the manual page of `command` (roff; `tribune man > tribune.1`,
/// then `man ./tribune.1`).
pub fn man(command: clap::Command) -> Result<()> {
    let mut out = std::io::stdout().lock();
    clap_mangen::Man::new(command).render(&mut out)?;
    out.flush()?;
    Ok(())
}
