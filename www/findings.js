// What the page says about a report: the verdict (errors / clean /
// incomplete) and one finding per mistake to fix. Uses the core's `verdict`
// and `mistakes` when the report has them; otherwise works them out from the
// diagnostics (grouped by suspect cell) and the cells read.

import { cellLabel, layoutKeys } from "./layout.js";

export const TITLES = { errors: "有错误", clean: "全部核对，未发现错误", incomplete: "未能完整核对" };
const TABLE_NAMES = { disclosure: "表二（主动公开）", requests: "表三（依申请公开）", appeals: "表四（复议诉讼）" };

export const fmt = (n) => (n == null ? "" : Number.isInteger(n) ? String(n) : String(+(+n).toFixed(6)));
const CN = ["零", "一", "两", "三", "四", "五", "六", "七", "八", "九", "十"];
const cn = (n) => CN[n] || String(n);

/** { status, title, reasons: string[], advice: string|null } — never "clean" unless everything was read. */
export function verdictOf(report) {
  const v = report && report.verdict;
  if (v && TITLES[v.status]) {
    return {
      status: v.status,
      title: v.title || TITLES[v.status],
      reasons: Array.isArray(v.reasons) ? v.reasons.map(String) : [],
      advice: typeof v.advice === "string" && v.advice ? v.advice : null,
    };
  }
  // Until the core says: errors if any error; clean only if all three tables
  // and every one of their cells were read; otherwise incomplete.
  const s = report.summary || {};
  if (s.errors > 0) return { status: "errors", title: TITLES.errors, reasons: [], advice: null };
  const t = report.tables || {};
  const missing = Object.keys(TABLE_NAMES).filter((k) => !t[k]);
  const reasons = [];
  let advice = null;
  if (missing.length === 3) {
    reasons.push("未找到标准表格：没有读到表二、表三、表四，什么也没有核对。");
    advice = "请粘贴包含统计表格的报告全文；表格如果是图片，无法检查。";
  } else {
    if (missing.length) reasons.push(`未找到${missing.map((k) => TABLE_NAMES[k]).join("、")}，这部分没有核对。`);
    const unread = {};
    for (const k of layoutKeys(report)) if (!report.cells[k]) unread[k.split(".")[0]] = (unread[k.split(".")[0]] || 0) + 1;
    for (const [tk, n] of Object.entries(unread)) reasons.push(`${TABLE_NAMES[tk]}有 ${n} 格没有读到，涉及这些格的核对没有做。`);
    if (reasons.length) advice = "请确认粘贴的是报告全文，三张统计表完整（从 Word、WPS 或网页直接复制最可靠）。";
  }
  if (!reasons.length) return { status: "clean", title: TITLES.clean, reasons: [], advice: null };
  return { status: "incomplete", title: TITLES.incomplete, reasons, advice };
}

/**
 * One item per thing to fix: [{ severity, cell, expected: number[], title,
 * message, fix, diags: number[], keys: Set<string> }], mistakes first in
 * reading order, then warnings and notes.
 */
export function findingsOf(report) {
  const ds = report.diagnostics || [];
  const items = [];
  const covered = new Set();
  const cellText = (k) => (report.cells[k] ? report.cells[k].text || "空" : "未读到");
  const keysOf = (idx) => {
    const keys = new Set();
    for (const i of idx) for (const k of ds[i].cells || []) keys.add(k);
    return keys;
  };
  if (Array.isArray(report.mistakes)) {
    for (const m of report.mistakes) {
      const idx = (m.diagnostics || []).filter((i) => ds[i]);
      idx.forEach((i) => covered.add(i));
      const single = idx.length === 1 ? ds[idx[0]] : null;
      items.push({
        severity: "error",
        cell: m.cell || null,
        expected: m.expected == null ? [] : [m.expected],
        title: m.cell ? `${m.label || cellLabel(m.cell)}应为 ${fmt(m.expected)}` : m.label || (single && single.title) || "错误",
        message: m.message || (single && single.message) || "",
        now: m.cell ? cellText(m.cell) : null,
        diags: idx,
        keys: keysOf(idx),
      });
    }
    ds.forEach((d, i) => { if (!covered.has(i) && d.severity !== "error") items.push(single(d, i)); });
    // Errors the core left out of every mistake (should not happen): still shown.
    ds.forEach((d, i) => { if (!covered.has(i) && d.severity === "error") items.push(single(d, i)); });
    return items;
  }
  // Grouped here: error findings with the same suspect cell are one mistake.
  const byCell = new Map();
  ds.forEach((d, i) => {
    if (d.severity === "error" && d.suspect && d.suspect.cell) {
      let it = byCell.get(d.suspect.cell);
      if (!it) {
        it = { severity: "error", cell: d.suspect.cell, expected: [], diags: [], now: cellText(d.suspect.cell) };
        byCell.set(d.suspect.cell, it);
        items.push(it);
      }
      if (!it.expected.includes(d.suspect.expected)) it.expected.push(d.suspect.expected);
      it.diags.push(i);
    } else items.push(single(d, i));
  });
  for (const it of byCell.values()) {
    it.keys = keysOf(it.diags);
    it.title = `${cellLabel(it.cell)}应为 ${it.expected.map(fmt).join(" 或 ")}`;
    const ts = [...new Set(it.diags.map((i) => `「${(ds[i].title || ds[i].rule).replace(/不符$/, "")}」`))];
    const n = it.diags.length;
    it.message = n > 1
      ? `现为 ${it.now}；改正这一格，${ts.join("和")}${cn(n)}处不符都成立。`
      : `现为 ${it.now}；改正这一格，${ts[0]}即相符。`;
    const alts = it.diags.flatMap((i) => ds[i].alternatives || []);
    it.fix = alts.length
      ? "也可能是：" + alts.map((alt) => alt.map((a) => `${cellLabel(a.cell)}应为 ${fmt(a.expected)}`).join("，")).join("；或 ")
      : "";
  }
  return items;

  function single(d, i) {
    let fix = "";
    if (d.suspect) fix = `建议：${cellLabel(d.suspect.cell)}应为 ${fmt(d.suspect.expected)}（现为 ${cellText(d.suspect.cell)}）`;
    else if (d.alternatives && d.alternatives.length)
      fix = "可能的更正：" + d.alternatives.map((alt) => alt.map((a) => `${cellLabel(a.cell)}改为 ${fmt(a.expected)}`).join("，")).join("；或 ");
    return {
      severity: d.severity,
      cell: d.suspect ? d.suspect.cell : null,
      expected: d.suspect ? [d.suspect.expected] : [],
      title: d.title || d.rule,
      message: d.message,
      fix,
      diags: [i],
      keys: new Set(d.cells || []),
    };
  }
}
