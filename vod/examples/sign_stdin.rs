//! Signs parameter maps read from stdin with `vod::signature`, one JSON object per line:
//!
//! ```text
//! {"method": "POST", "secret": "s", "params": {"Action": "GetVideoInfo", ...}}
//! ```
//!
//! and prints one line per input: `{"string_to_sign": "...", "signature": "..."}`.
//! The conformance suite compares this output with the official SDK signers.
//!
//! `--bench [ROUNDS]`: reads every line first, then signs them all ROUNDS times (default
//! 1) and prints only the timing as JSON: `{"signatures": N, "seconds": S, "per_second": R}`.

use std::io::{self, BufRead, BufWriter, Write};
use std::time::Instant;

use serde_json::{json, Map, Value};

struct Input {
    method: String,
    secret: String,
    params: Vec<(String, String)>,
}

fn parse(line: &str) -> Result<Input, String> {
    let v: Value = serde_json::from_str(line).map_err(|e| format!("invalid JSON: {e}"))?;
    let field = |name: &str| v.get(name).and_then(Value::as_str).map(str::to_string);
    let params = match v.get("params") {
        Some(Value::Object(m)) => to_pairs(m)?,
        _ => return Err("\"params\" must be an object".into()),
    };
    Ok(Input {
        method: field("method").unwrap_or_else(|| "POST".into()),
        secret: field("secret").ok_or("\"secret\" is missing")?,
        params,
    })
}

fn to_pairs(m: &Map<String, Value>) -> Result<Vec<(String, String)>, String> {
    m.iter()
        .map(|(k, v)| match v {
            Value::String(s) => Ok((k.clone(), s.clone())),
            Value::Number(n) => Ok((k.clone(), n.to_string())),
            Value::Bool(b) => Ok((k.clone(), b.to_string())),
            _ => Err(format!(
                "parameter {k:?} must be a string, number or boolean"
            )),
        })
        .collect()
}

fn sign(input: &Input) -> (String, String) {
    let pairs = input.params.iter().map(|(k, v)| (k.as_str(), v.as_str()));
    let sts = vod::signature::string_to_sign(&input.method, pairs);
    let sig = vod::signature::sign_string(&input.secret, &sts);
    (sts, sig)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let bench = args.first().map(|a| a == "--bench").unwrap_or(false);
    let rounds: usize = if bench {
        args.get(1).and_then(|r| r.parse().ok()).unwrap_or(1)
    } else {
        1
    };

    let stdin = io::stdin();
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());

    if bench {
        let inputs: Vec<Input> = stdin
            .lock()
            .lines()
            .map_while(Result::ok)
            .filter(|l| !l.trim().is_empty())
            .map(|l| parse(&l).unwrap_or_else(|e| panic!("{e}")))
            .collect();
        let started = Instant::now();
        let mut checksum = 0usize;
        for _ in 0..rounds {
            for input in &inputs {
                checksum = checksum.wrapping_add(sign(input).1.len());
            }
        }
        let seconds = started.elapsed().as_secs_f64();
        let n = inputs.len() * rounds;
        let line = json!({"signatures": n, "seconds": seconds, "per_second": n as f64 / seconds, "checksum": checksum});
        writeln!(out, "{line}").unwrap();
        return;
    }

    for line in stdin.lock().lines() {
        let line = line.expect("stdin is readable");
        if line.trim().is_empty() {
            continue;
        }
        let answer = match parse(&line) {
            Ok(input) => {
                let (sts, sig) = sign(&input);
                json!({"string_to_sign": sts, "signature": sig})
            }
            Err(e) => json!({"error": e}),
        };
        writeln!(out, "{answer}").unwrap();
        // Flush per line so a caller may talk to us interactively.
        out.flush().unwrap();
    }
}
