#!/usr/bin/env bash
# Sets up the machine (idempotent) and runs every test: Rust unit/router/integration
# tests, the conformance suite against the official Alibaba Cloud Python SDKs, and the
# end-to-end tests in Debian's Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
log() { printf '\033[1;34m[test]\033[0m %s\n' "$*"; }

scripts/setup.sh
scripts/build.sh --site

# Every suite runs even when an earlier one fails; the summary counts them all, and the
# run fails if any test failed, any suite failed to run, or a suite ran no tests.
problems=()

log "first-load budget: bytes each page downloads on a first visit (Brotli), from the built files"
node scripts/size-check.mjs || problems+=("the first-load budget (scripts/size-check.mjs) was exceeded")

log "cargo test --no-run: the test binaries, and with them vod-console, vod-emulator and the examples"
# One cargo invocation builds everything the later steps run, so the console crate is
# compiled once with one feature set (a separate `cargo build` of the binaries would
# resolve features without the dev-dependencies and compile it a second time).
cargo test --workspace --exclude frontend --no-run

# Sum of the numbers before `$1` in file `$2` (0 when there are none: never fails).
count() { { grep -Eo "[0-9]+ $1" "$2" || true; } | awk '{s+=$1} END {print s+0}'; }

log "cargo test (every crate but the wasm entry point, whose hydrate feature must not be unified with ssr)"
# Tests run in parallel; renders::concurrent_renders_each_keep_their_own_request renders
# pages concurrently in one process, as under load.
set +e
cargo test --workspace --exclude frontend 2>&1 | tee target/cargo-test.log
rust_status=${PIPESTATUS[0]}
set -e
rust_passed=$(count passed target/cargo-test.log)
rust_failed=$(count failed target/cargo-test.log)
rust_skipped=$(count ignored target/cargo-test.log)
[ "$rust_status" -ne 0 ] && problems+=("cargo test exited with $rust_status")
[ "$rust_passed" -eq 0 ] && problems+=("cargo test ran no tests")

log "conformance: official Alibaba Cloud SDKs against the emulator and our signer"
set +e
VOD_EMULATOR_BIN="$PWD/target/debug/vod-emulator" VOD_SIGN_BIN="$PWD/target/debug/examples/sign_stdin" \
  .venv/bin/python -m pytest -q -rs tests/conformance 2>&1 | tee target/pytest.log
py_status=${PIPESTATUS[0]}
set -e
# pytest's last line: "145 passed, 2 skipped in 30.1s", "1 failed, 144 passed …".
{ grep -E '(passed|failed|error|no tests ran)' target/pytest.log || true; } | tail -1 > target/pytest-summary.log
py_passed=$(count passed target/pytest-summary.log)
py_failed=$(count '(failed|errors?)' target/pytest-summary.log)
py_skipped=$(count skipped target/pytest-summary.log)
# Exit 5 is pytest's "no tests were collected": a failure here, not a pass.
[ "$py_status" -eq 5 ] && problems+=("the conformance suite collected no tests")
[ "$py_status" -ne 0 ] && [ "$py_status" -ne 5 ] && problems+=("pytest exited with $py_status")
[ "$py_passed" -eq 0 ] && [ "$py_status" -ne 5 ] && problems+=("the conformance suite passed no tests")

log "end-to-end: Playwright in Debian's Chromium"
# The files are named by the shell, not by Node's directory handling (which differs
# between Node majors).
set +e
node --test --test-concurrency=1 end2end/*.test.mjs 2>&1 | tee target/e2e.log
e2e_status=${PIPESTATUS[0]}
set -e
# node:test's closing lines: "# pass 27", "# fail 0", "# skipped 0".
tap() { { grep -E "^# $1 [0-9]+" target/e2e.log || true; } | awk '{s+=$3} END {print s+0}'; }
e2e_passed=$(tap pass)
e2e_failed=$(tap fail)
e2e_skipped=$(tap skipped)
[ "$e2e_status" -ne 0 ] && problems+=("the end-to-end runner exited with $e2e_status")
[ "$e2e_passed" -eq 0 ] && problems+=("the end-to-end suite passed no tests")

passed=$(( rust_passed + py_passed + e2e_passed ))
failed=$(( rust_failed + py_failed + e2e_failed ))
skipped=$(( rust_skipped + py_skipped + e2e_skipped ))
log "summary: rust $rust_passed passed / $rust_failed failed, conformance $py_passed / $py_failed, end-to-end $e2e_passed / $e2e_failed, in $(( $(date +%s) - start )) s"
echo "$passed passed, $failed failed, $skipped skipped"
if [ ${#problems[@]} -gt 0 ] || [ "$failed" -gt 0 ]; then
  for p in "${problems[@]}"; do echo "FAILED: $p"; done
  exit 1
fi
