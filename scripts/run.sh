#!/usr/bin/env bash
# Sets up the machine (idempotent), builds the console in release mode and runs it.
# With no VOD credentials in the environment it talks to its embedded local emulator;
# on first start it prints the `admin` password.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh --release
exec target/release/vod-console "$@"
