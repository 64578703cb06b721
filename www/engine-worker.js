// Runs the checker off the main thread, so a huge paste never freezes the page.
// Messages in:  { id, input, html }   out: { id, report, ms } | { id, error }
// On start it posts { ready: true, version, rules } or { ready: false, error, csp }.
import init, { check, checkHtml, rules, version } from "./pkg/xxgk_validator.js";

const ready = init().then(
  () => self.postMessage({ ready: true, version: version(), rules: rules() }),
  (e) => {
    const msg = String(e && e.message || e);
    self.postMessage({ ready: false, error: msg, csp: /Content Security Policy|unsafe-eval|CSP/i.test(msg) });
  },
);

self.onmessage = async ({ data }) => {
  await ready;
  const { id, input, html } = data;
  try {
    const t0 = performance.now();
    const report = html ? checkHtml(input) : check(input);
    self.postMessage({ id, report, ms: performance.now() - t0 });
  } catch (e) {
    // A trap leaves the module unusable: say so; the page starts a new worker.
    self.postMessage({ id, error: String(e && e.message || e), fatal: e instanceof WebAssembly.RuntimeError });
  }
};
