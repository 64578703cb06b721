// Exports of checked reports: one row per finding, as CSV or Excel (.xlsx),
// written in the browser. Not part of the page's first load: import it when
// the user exports (`await import("./export.js")`); the .xlsx writer
// (vendor/write-excel-file.js, bundled from npm by scripts/vendor.mjs) is
// loaded only by toXlsx().
//
//   const rows = findingRows([{ name: "a.txt", report }, { name: "b.pdf", error: "…" }]);
//   download(toCsv(rows), "审核问题清单.csv");
//   download(await toXlsx(rows, summaryRows(entries)), "审核结果.xlsx");
//
// The columns are those of the CLI's `xxgk check --format csv`
// (src/bin/xxgk/csv_out.rs), with the same header names and cell labels,
// plus 规则名称 and 相差.
import { REQUEST_ROWS, REQUEST_COLS, APPEAL_GROUPS, APPEAL_COLS, DISCLOSURE } from "./layout.js";

/** [key, header] of a finding row, in column order. */
export const COLUMNS = [
  ["file", "文件"],
  ["unit", "单位"],
  ["year", "年度"],
  ["rule", "规则"],
  ["title", "规则名称"],
  ["severity", "级别"],
  ["table", "表格"],
  ["row", "行"],
  ["col", "列"],
  ["cell", "格子"],
  ["value", "格内数字"],
  ["expected", "应为"],
  ["difference", "相差"],
  ["message", "说明"],
  ["fix", "改正建议"],
];

/** [key, header] of a summary row (one per report). `compare` shows only when a row has it. */
export const SUMMARY_COLUMNS = [
  ["file", "文件"],
  ["unit", "单位"],
  ["year", "年度"],
  ["version", "格式版本"],
  ["source", "来源格式"],
  ["verdict", "结论"],
  ["mistakes", "要改的格"],
  ["errors", "核对不符"],
  ["warnings", "提醒"],
  ["compare", "与上年比对"],
];

const SEVERITY = { error: "错误", warning: "提醒", info: "说明" };
const VERDICT = { errors: "有错误", clean: "全部核对，未发现错误", incomplete: "未能完整核对" };
const TABLE = {
  disclosure: "表二 主动公开政府信息情况",
  requests: "表三 收到和处理政府信息公开申请情况",
  appeals: "表四 政府信息公开行政复议、行政诉讼情况",
};
const SOURCE = { pdf: "PDF", docx: "Word", html: "网页", text: "文本" };
const VERSION = { v2021: "2021年版", v2019: "2019年版" };

const str = (x) => (x == null ? "" : String(x));
const num = (x) => (typeof x === "number" && Number.isFinite(x) ? x : null);

/**
 * The findings of `entry.compare` (the core's comparison with last year's
 * report) that the report does not already hold (the CLI puts them into the
 * later report's own diagnostics; a caller may have done the same).
 */
export function compareFindings(entry) {
  const c = entry && entry.compare;
  if (!c || !Array.isArray(c.diagnostics)) return [];
  const own = new Set(((entry.report && entry.report.diagnostics) || []).map((d) => `${d.rule}\n${d.message}`));
  return c.diagnostics.filter((d) => !own.has(`${d.rule}\n${d.message}`));
}

/** The verdict's status, counting the comparison's errors as the CLI does for a pair. */
export function statusOf(entry) {
  const r = entry && entry.report;
  if (!r) return "unreadable";
  const s = (r.verdict && r.verdict.status) || r.status;
  return s !== "errors" && compareFindings(entry).some((d) => d.severity === "error") ? "errors" : s;
}

/** (table, row, column) labels of a cell key, as the CLI's CSV gives them. */
export function cellLabels(key) {
  const [t = "", r = "", c = ""] = str(key).split(".");
  let row = r;
  let col = c;
  if (t === "requests") {
    const x = REQUEST_ROWS.find((y) => y[0] === r);
    if (x) row = (x[2] || "") + x[1].replace(/（区分处理的.*）$/, "").replace(/、行政机关不再处理.*$/, "");
    const y = REQUEST_COLS.find((z) => z[0] === c);
    if (y) col = c === "other_org" ? "其他法人或组织" : y[1];
  } else if (t === "appeals") {
    const g = APPEAL_GROUPS.find((y) => y[0] === r);
    if (g) row = g[1];
    const y = APPEAL_COLS.find((z) => z[0] === c);
    if (y) col = y[1];
  } else if (t === "disclosure") {
    found: for (const blocks of [DISCLOSURE.v2021, DISCLOSURE.v2019]) {
      for (const [, cols, rows] of blocks) {
        const x = rows.find((y) => y[0] === r);
        const y = cols.find((z) => z[0] === c);
        if (x && y) {
          row = x[1];
          col = y[1].replace("（单位：万元）", "（万元）");
          break found;
        }
      }
    }
  } else {
    return { table: "", row: "", col: "" };
  }
  return { table: TABLE[t] || "", row, col };
}

/** The cell a finding is about: its located culprit, else (as the CLI) its last cell — the total. */
export function cellOf(d) {
  if (d.suspect && d.suspect.cell) return d.suspect.cell;
  const cs = Array.isArray(d.cells) ? d.cells : [];
  return cs.length ? cs[cs.length - 1] : null;
}

const baseOf = (name, report) => ({
  file: str(name),
  unit: report ? str(report.unit) : "",
  year: report ? num(report.year) : null,
});

const blank = () => ({
  rule: "", title: "", severity: "", table: "", row: "", col: "", cell: "",
  value: "", expected: null, difference: null, message: "", fix: "",
});

/**
 * One row per finding of every entry (`{ name, report }` or `{ name, error }`;
 * with `compare`, the core's comparison with last year's report, its
 * findings follow the report's own).
 * A file that could not be read gives a row saying so (kind "unreadable"), a
 * report not checked in full one more (kind "incomplete", with the reasons),
 * a report without any finding one row with its verdict (kind "clean"): no
 * entry is ever left out.
 */
export function findingRows(entries) {
  const out = [];
  for (const entry of entries || []) {
    const name = entry && entry.name;
    const report = entry && entry.report;
    if (!report) {
      out.push({
        ...baseOf(name, null), ...blank(), kind: "unreadable",
        title: "无法读取", severity: "无法读取",
        message: str((entry && entry.error) || "无法读取这个文件。"),
        fix: "文件没有读取，什么也没有检查。",
      });
      continue;
    }
    const base = baseOf(name, report);
    const cells = report.cells || {};
    // The report's findings, then those of its comparison with last year's report (entry.compare).
    const cmp = compareFindings(entry);
    for (const d of [...(report.diagnostics || []), ...cmp]) {
      const key = cellOf(d);
      const lab = key ? cellLabels(key) : { table: "", row: "", col: "" };
      const c = key ? cells[key] : null;
      const expected = d.suspect && typeof d.suspect.expected === "number" ? d.suspect.expected : num(d.expected);
      const value = c ? str(c.text).trim() : "";
      const v = c ? num(c.value) : null;
      const difference = v != null && expected != null && Number.isInteger(v) ? v - expected : num(d.difference);
      out.push({
        ...base, kind: "finding",
        rule: str(d.rule), title: str(d.title), severity: SEVERITY[d.severity] || str(d.severity),
        table: lab.table, row: lab.row, col: lab.col, cell: str(key),
        value, expected, difference,
        message: str(d.message), fix: str(d.suggestion),
      });
    }
    const v = report.verdict || {};
    const status = v.status || report.status;
    if (status === "incomplete") {
      const reasons = Array.isArray(v.reasons) ? v.reasons.map(str) : [];
      out.push({
        ...base, ...blank(), kind: "incomplete",
        title: v.title || VERDICT.incomplete, severity: VERDICT.incomplete,
        message: reasons.join("；") || "报告没有完整核对。",
        fix: str(v.advice),
      });
    } else if (!(report.diagnostics || []).length && !cmp.length) {
      out.push({
        ...base, ...blank(), kind: status === "clean" ? "clean" : "verdict",
        title: v.title || VERDICT[status] || "", severity: "",
        message: `${v.title || VERDICT[status] || ""}。`,
      });
    }
  }
  return out;
}

/** One row per entry: file, unit, year, format version, source format, verdict and counts. */
export function summaryRows(entries) {
  return (entries || []).map((entry) => {
    const report = entry && entry.report;
    if (!report) {
      return { file: str(entry && entry.name), unit: "", year: null, version: "", source: "", verdict: "无法读取", mistakes: null, errors: null, warnings: null };
    }
    const s = report.summary || {};
    const own = (report.verdict && report.verdict.status) || report.status;
    const status = statusOf(entry);
    return {
      file: str(entry.name),
      unit: str(report.unit),
      year: num(report.year),
      version: VERSION[report.version] || str(report.version),
      source: SOURCE[report.source_kind] || (report.html ? "网页" : report.source_kind ? str(report.source_kind) : "文本"),
      verdict: (status === own && report.verdict && report.verdict.title) || VERDICT[status] || "",
      mistakes: num(s.mistakes) ?? num(s.errors),
      errors: num(s.errors),
      warnings: num(s.warnings),
      // Findings of the comparison with last year's report, when there is one.
      compare: entry.compare && Array.isArray(entry.compare.diagnostics) ? entry.compare.diagnostics.length : null,
    };
  });
}

// A spreadsheet runs a field that starts with = @ (or + - followed by a
// letter) as a formula: such text gets a leading apostrophe in the CSV.
const risky = /^(?:[=@\t\r]|[+-](?![\d.\s]|$))/;

function csvField(x) {
  let s = x == null ? "" : String(x);
  if (typeof x === "string" && risky.test(s)) s = "'" + s;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV of finding rows (or summary rows with `columns = SUMMARY_COLUMNS`): UTF-8 with BOM, CRLF, RFC 4180 quoting. */
export function toCsv(rows, columns = COLUMNS) {
  const lines = [columns.map(([, h]) => csvField(h)).join(",")];
  for (const r of rows || []) lines.push(columns.map(([k]) => csvField(r[k])).join(","));
  return new Blob(["\uFEFF" + lines.join("\r\n") + "\r\n"], { type: "text/csv;charset=utf-8" });
}

let writer = null;
/** write-excel-file, loaded once on first use (www/vendor/, built by scripts/vendor.mjs). */
function loadWriter() {
  writer ??= import(new URL("./vendor/write-excel-file.js", import.meta.url).href).then((m) => m.default);
  writer.catch(() => { writer = null; });
  return writer;
}

const NUMERIC = /^-?\d+(?:\.\d+)?$/;
const WIDTH = {
  file: 24, unit: 24, year: 6, rule: 24, title: 18, severity: 8, table: 20, row: 22, col: 12, cell: 30,
  value: 9, expected: 7, difference: 7, message: 60, fix: 60,
  version: 10, source: 8, verdict: 20, mistakes: 9, errors: 9, warnings: 6, compare: 11,
};

function sheet(rows, columns, name) {
  const head = columns.map(([, h]) => ({ value: h, fontWeight: "bold", backgroundColor: "#E6EBF1", alignVertical: "center" }));
  const data = [head];
  for (const r of rows) {
    data.push(columns.map(([k]) => {
      const x = r[k];
      if (x == null || x === "") return null;
      if (typeof x === "number") return { value: x, type: Number };
      // A cell's text that is a plain number is written as a number (sums work in Excel).
      if (k === "value" && NUMERIC.test(x)) return { value: Number(x), type: Number };
      return { value: String(x), type: String, wrap: k === "message" || k === "fix", alignVertical: "top" };
    }));
  }
  return { data, sheet: name, columns: columns.map(([k]) => ({ width: WIDTH[k] || 12 })), stickyRowsCount: 1 };
}

/**
 * .xlsx of finding rows (sheet 「问题清单」); with `summary` (summaryRows()
 * or the caller's rows with SUMMARY_COLUMNS keys), sheet 「汇总」 first.
 * Resolves to a Blob.
 */
export async function toXlsx(rows, summary = null) {
  const write = await loadWriter();
  const sheets = [];
  if (Array.isArray(summary)) {
    const cols = SUMMARY_COLUMNS.filter(([k]) => k !== "compare" || summary.some((r) => r.compare != null && r.compare !== ""));
    sheets.push(sheet(summary, cols, "汇总"));
  }
  sheets.push(sheet(rows || [], COLUMNS, "问题清单"));
  return write(sheets, { fontFamily: "等线", fontSize: 11 }).toBlob();
}

/** Saves `blob` as `filename` (a temporary <a download>). */
export function download(blob, filename) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  a.hidden = true;
  document.body.append(a);
  a.click();
  setTimeout(() => { URL.revokeObjectURL(url); a.remove(); }, 1000);
}
