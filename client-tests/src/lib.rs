//! End-to-end tests of the signed VOD client (`vod` with its `client` feature) against
//! the local emulator (`emulator::spawn`), over real sockets: every typed action is
//! signed, sent over HTTP, verified by the emulator's gateway and decoded from its
//! answers. The crate has no code of its own; the tests are in `tests/`.
