// Runs the checker off the main thread, so a huge paste never freezes the page.
// Messages in:  { id, input, html, text, kind?, source? }   out: { id, report, ms, text? } | { id, error }
//               { id, file }  (a File/Blob) out: { id, file: FileText, ms, files? }
// `text: true` (with `html`) also returns the HTML's plain text, made by the
// core (htmlText): pasted or opened HTML is never parsed by a browser document.
// A file is read by the core, its type from its bytes (read-file.js, loaded
// with the first file): text with the first module's sniff and the browser's
// TextDecoder; PDF, Word and anything else by the files module (pkg-files/),
// imported here only when such a file arrives (`files: true` in the reply).
// `kind` (what readFile said a file's text came from) and `source` (its
// name) go into the report (`source_kind`, `source`) as the CLI sets them.
// On start it posts { ready: true, version, rules } or { ready: false, error, csp }.
import init, { check, checkFileText, checkHtml, htmlText, rules, version, sniffText, isHtml } from "./pkg/xxgk_validator.js";

const ready = init().then(
  () => self.postMessage({ ready: true, version: version(), rules: rules() }),
  (e) => {
    const msg = String(e && e.message || e);
    self.postMessage({ ready: false, error: msg, csp: /Content Security Policy|unsafe-eval|CSP/i.test(msg) });
  },
);

let files = null; // the files module, once asked for
function filesModule() {
  if (!files) {
    files = import("./pkg-files/xxgk_validator.js").then(async (m) => { await m.default(); return m; });
    files.catch(() => { files = null; });
  }
  return files;
}

self.onmessage = async ({ data }) => {
  await ready;
  const { id, input, html, text, file, kind, source } = data;
  try {
    const t0 = performance.now();
    if (file) {
      const { readBlob } = await import("./read-file.js");
      const r = await readBlob(file, { sniffText, isHtml }, filesModule);
      self.postMessage({ id, file: r.file, files: r.files, ms: performance.now() - t0 });
      return;
    }
    const report = html ? checkHtml(input) : kind ? checkFileText(input, source, kind) : check(input);
    const ms = performance.now() - t0;
    const out = { id, report, ms };
    if (html && text) out.text = htmlText(input);
    self.postMessage(out);
  } catch (e) {
    // A trap leaves the module unusable: say so; the page starts a new worker.
    self.postMessage({ id, error: String(e && e.message || e), fatal: e instanceof WebAssembly.RuntimeError });
  }
};
