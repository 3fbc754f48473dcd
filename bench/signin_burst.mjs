// Page renders while a burst of sign-ins is being checked: 50 wrong passwords at once
// (each from its own forwarded address, so none is throttled and every one runs argon2),
// and meanwhile a signed-in person loading /users again and again. Reports the render
// times (p50, p95, max) idle and during the burst, and how long the burst took.
//
//   CONSOLE_BIN_DIR=target/release node bench/signin_burst.mjs     (BURST=50 ROUNDS=3)
import { startConsole } from "../end2end/harness.mjs";

const BURST = Number(process.env.BURST ?? 50);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const PASSWORD = `bench-${Date.now()}-password`;
const server = await startConsole({ CONSOLE_ADMIN_PASSWORD: PASSWORD, CONSOLE_TRUSTED_PROXIES: "127.0.0.1", RUST_LOG: "warn" });
const form = (u, p) => new URLSearchParams({ username: u, password: p });
const headers = { "content-type": "application/x-www-form-urlencoded", "sec-fetch-site": "same-origin", accept: "application/json" };
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
try {
  const login = await fetch(`${server.url}/api/auth/login`, { method: "POST", headers, body: form("admin", PASSWORD) });
  const cookie = login.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const render = async () => {
    const t = performance.now();
    const r = await fetch(`${server.url}/users`, { headers: { cookie, accept: "text/html" } });
    await r.text();
    if (r.status !== 200) throw new Error(`render: ${r.status}`);
    return performance.now() - t;
  };
  for (let i = 0; i < 5; i++) await render(); // warm up
  const idle = [];
  for (let i = 0; i < 40; i++) idle.push(await render());
  const during = [];
  const bursts = [];
  for (let round = 0; round < ROUNDS; round++) {
    let done = false;
    const started = performance.now();
    const burst = Promise.all(
      Array.from({ length: BURST }, (_, i) =>
        fetch(`${server.url}/api/auth/login`, {
          method: "POST",
          headers: { ...headers, "x-forwarded-for": `198.18.${round}.${i + 1}` },
          body: form(`user${i}`, "wrong-password-here"),
        }).then((r) => r.status),
      ),
    ).then((s) => { done = true; bursts.push(performance.now() - started); return s; });
    while (!done) during.push(await render());
    const statuses = await burst;
    if (statuses.some((s) => s !== 400)) throw new Error(`unexpected statuses ${statuses}`);
  }
  const f = (xs) => `p50 ${pct(xs, 0.5).toFixed(1)} ms, p95 ${pct(xs, 0.95).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms (n=${xs.length})`;
  console.log(`render /users idle:             ${f(idle)}`);
  console.log(`render /users during ${BURST} sign-ins: ${f(during)}`);
  console.log(`burst of ${BURST} wrong passwords answered in ${bursts.map((b) => `${Math.round(b)} ms`).join(", ")}`);
} finally {
  await server.stop();
}
