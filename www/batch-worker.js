// A worker of the page's batch (www/batch.js starts one per core). It loads
// the batch module (pkg-batch/: the checker plus checkAll, compareTexts and
// pairYears), never part of the first load; PDF, Word and other non-text
// files are read by the files module (pkg-files/) as in the single view
// (read-file.js). On start it posts { ready: true } or { ready: false, error }.
// Messages in: { id, batch: job }, out: { id, …result } | { id, error, fatal }.
//   { op: "check", file | text, name }  → { kind, rows: [row…] }: one row per
//       report in the file (checkAll splits a text holding several); a file
//       the core cannot read is one row with its message. Rows carry what the
//       summary table shows, not the full report (the page opens a row by
//       checking it again in the widget), so 500 reports stay small in memory.
//   { op: "full", file | text, name }   → { reports }: the full wire reports (exports, printing)
//   { op: "pair", units, years }          → { pairs }: last year's row of each, or -1
//   { op: "compare", last, this }         → { comparison }: each side { file | text, part16 }
import init, { checkAll, compareTexts, pairYears, sniffText, isHtml } from "./pkg-batch/xxgk_validator.js";
import { readBlob } from "./read-file.js";

const ready = init().then(
  () => self.postMessage({ ready: true }),
  (e) => self.postMessage({ ready: false, error: String((e && e.message) || e) }),
);

let files = null; // the files module, once a file needs it
function loadFiles() {
  if (!files) {
    files = import("./pkg-files/xxgk_validator.js").then(async (m) => { await m.default(); return m; });
    files.catch(() => { files = null; });
  }
  return files;
}

self.onmessage = async ({ data }) => {
  await ready;
  try {
    self.postMessage({ id: data.id, ...(await batch(data.batch, loadFiles)) });
  } catch (e) {
    // A trap leaves the module unusable: the page starts a new worker.
    self.postMessage({ id: data.id, error: String((e && e.message) || e), fatal: e instanceof WebAssembly.RuntimeError });
  }
};

async function read(job, loadFiles) {
  if (typeof job.text === "string") return { ok: true, text: job.text, kind: null };
  const r = (await readBlob(job.file, { sniffText, isHtml }, loadFiles)).file;
  return r.ok ? { ok: true, text: r.text, kind: r.kind } : { ok: false, code: r.code, message: r.message };
}

/** UTF-16 offsets of UTF-8 byte offsets in `text` (a report's `part`). */
function utf16(text, byteOffsets) {
  const bytes = new TextEncoder().encode(text);
  const dec = new TextDecoder();
  return byteOffsets.map((b) => dec.decode(bytes.subarray(0, b)).length);
}

function row(r, part16) {
  return {
    unit: r.unit, year: r.year, version: r.version, sourceKind: r.source_kind || null, html: r.html,
    status: r.status, verdict: r.verdict.title, reasons: r.verdict.reasons,
    mistakes: r.summary.mistakes, errors: r.summary.errors, warnings: r.summary.warnings,
    part16,
  };
}

function slice(text, part16) {
  return part16 ? text.slice(part16[0], part16[1]) : text;
}

async function batch(job, loadFiles) {
  if (job.op === "pair") return { pairs: Array.from(pairYears(job.units, Uint32Array.from(job.years))) };
  if (job.op === "compare") {
    const [a, b] = await Promise.all([read(job.last, loadFiles), read(job.this, loadFiles)]);
    if (!a.ok || !b.ok) return { comparison: null };
    const thisText = slice(b.text, job.this.part16);
    return { comparison: compareTexts(slice(a.text, job.last.part16), thisText, job.lastName, job.thisName) };
  }
  const f = await read(job, loadFiles);
  if (!f.ok) return { rows: [{ status: "unreadable", verdict: "无法读取", code: f.code, message: f.message }] };
  const reports = checkAll(f.text, job.name, f.kind);
  // The full reports (for exports and printing), asked for when needed.
  if (job.op === "full") return { reports };
  const parts = reports.length > 1 ? utf16(f.text, reports.flatMap((r) => r.part || [0, 0])) : null;
  return { kind: f.kind, rows: reports.map((r, i) => row(r, parts ? [parts[2 * i], parts[2 * i + 1]] : null)) };
}
