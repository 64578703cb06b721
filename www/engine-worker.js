// Runs the checker off the main thread, so a huge paste never freezes the page.
// Messages in:  { id, input, html, text }   out: { id, report, ms, text? } | { id, error }
// `text: true` (with `html`) also returns the HTML's plain text, made by the
// core (htmlText): pasted or opened HTML is never parsed by a browser document.
// On start it posts { ready: true, version, rules } or { ready: false, error, csp }.
import init, { check, checkHtml, htmlText, rules, version } from "./pkg/xxgk_validator.js";

const ready = init().then(
  () => self.postMessage({ ready: true, version: version(), rules: rules() }),
  (e) => {
    const msg = String(e && e.message || e);
    self.postMessage({ ready: false, error: msg, csp: /Content Security Policy|unsafe-eval|CSP/i.test(msg) });
  },
);

self.onmessage = async ({ data }) => {
  await ready;
  const { id, input, html, text } = data;
  try {
    const t0 = performance.now();
    const report = html ? checkHtml(input) : check(input);
    const ms = performance.now() - t0;
    const out = { id, report, ms };
    if (html && text) out.text = htmlText(input);
    self.postMessage(out);
  } catch (e) {
    // A trap leaves the module unusable: say so; the page starts a new worker.
    self.postMessage({ id, error: String(e && e.message || e), fatal: e instanceof WebAssembly.RuntimeError });
  }
};
