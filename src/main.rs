//! The `dti` binary: parse arguments, run the command, map the outcome to an exit code
//! (0 success or closed pipe, 1 invalid input or I/O failure, 2 usage error from clap).

use clap::Parser;
use dti::error::Diagnostics;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = dti::cli::Cli::parse();
    match dti::app::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            if dti::error::is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            if e.downcast_ref::<dti::error::Reported>().is_none() {
                match e.downcast_ref::<Diagnostics>() {
                    Some(d) => eprintln!("{d}"),
                    None => eprintln!("error: {e:#}"),
                }
            }
            ExitCode::from(1)
        }
    }
}
