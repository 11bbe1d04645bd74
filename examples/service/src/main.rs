//! Runs the service.
//!
//! ```text
//! cargo run --manifest-path examples/service/Cargo.toml -- [--addr 127.0.0.1:8080] [--body-limit BYTES]
//! ```
//!
//! `CARE_OUTCOMES_ADDR` and `CARE_OUTCOMES_BODY_LIMIT` set the same from the environment (the
//! arguments win).

use care_outcomes_service::{Config, serve};
use std::process::ExitCode;

const USAGE: &str = "usage: care-outcomes-service [--addr HOST:PORT] [--body-limit BYTES]\n\
    (defaults: 127.0.0.1:8080 and 1048576; env CARE_OUTCOMES_ADDR, CARE_OUTCOMES_BODY_LIMIT)";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let mut addr = std::env::var("CARE_OUTCOMES_ADDR").unwrap_or_else(|_| "127.0.0.1:8080".into());
    let mut config = Config::default();
    if let Ok(limit) = std::env::var("CARE_OUTCOMES_BODY_LIMIT") {
        config.body_limit = limit
            .parse()
            .map_err(|e| format!("CARE_OUTCOMES_BODY_LIMIT={limit:?}: {e}"))?;
    }
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--addr" => addr = args.next().ok_or("--addr needs HOST:PORT")?,
            "--body-limit" => {
                let v = args.next().ok_or("--body-limit needs a number of bytes")?;
                config.body_limit = v.parse().map_err(|e| format!("--body-limit {v:?}: {e}"))?;
            }
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            other => return Err(format!("unknown argument {other:?}\n{USAGE}").into()),
        }
    }
    let runtime = tokio::runtime::Runtime::new()?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(&addr).await?;
        eprintln!(
            "care-outcomes-service listening on http://{} (body limit {} bytes)",
            listener.local_addr()?,
            config.body_limit
        );
        serve(listener, config).await
    })?;
    Ok(())
}
