// Exports in the browser (www/export.js), in headless Chromium under the
// page's own CSP: CSV and .xlsx of one row per finding for a few reports (the
// page's samples, a PDF fixture, a text without tables, a file that cannot be
// read), read back in node — the CSV parsed here (RFC 4180), the .xlsx with
// exceljs — and compared with the reports the engine gave and with the CLI's
// `xxgk check --format csv` of the same files (same headers, labels, values).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { startServer, launch, root, sample, fixture } from "./helpers.mjs";

const FILES = [
  { name: "errors-2020-v2019.txt", path: sample("errors-2020-v2019.txt") },
  { name: "clean-2022-v2021.txt", path: sample("clean-2022-v2021.txt") },
  { name: "tables-2025.html", path: sample("tables-2025.html") },
  { name: "v2021-wrong-cell.pdf", path: path.join(root, "tests", "fixtures", "files", "v2021-wrong-cell.pdf") },
  { name: "not-a-report.txt", path: fixture("not-a-report.txt") },
  { name: "image.png", path: path.join(root, "tests", "fixtures", "files", "image.png") },
];
const HEADERS = ["文件", "单位", "年度", "规则", "规则名称", "级别", "表格", "行", "列", "格子", "格内数字", "应为", "相差", "说明", "改正建议"];
const SEV = { error: "错误", warning: "提醒", info: "说明" };

let server, browser, page;
const requests = [];
const pageErrors = [];
let got; // what the page made: { entries, rows, csv: number[], xlsx: number[], summary }

/** The CLI binary, if one is built. */
function cliBin() {
  for (const p of [process.env.XXGK_BIN, path.join(root, "target", "debug", "xxgk"), path.join(root, "target", "release", "xxgk")]) {
    if (p && fs.existsSync(p)) return p;
  }
  return null;
}

/** RFC 4180: fields with "…" quoting ("" inside), records ended by CRLF. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = "";
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i += 2; continue; }
      if (ch === '"') { quoted = false; i++; continue; }
      field += ch; i++; continue;
    }
    if (ch === '"' && field === "") { quoted = true; i++; continue; }
    if (ch === ",") { row.push(field); field = ""; i++; continue; }
    if (ch === "\r" && text[i + 1] === "\n") { row.push(field); rows.push(row); row = []; field = ""; i += 2; continue; }
    assert.notEqual(ch, "\n", `a bare LF at ${i} (records end with CRLF)`);
    field += ch; i++;
  }
  assert.equal(field, "", "the last record ends with CRLF");
  assert.equal(row.length, 0);
  return rows;
}

before(async () => {
  server = await startServer();
  browser = await launch();
  browser.context.on("request", (r) => requests.push(r.url()));
  page = await browser.context.newPage();
  page.on("pageerror", (e) => pageErrors.push(e.message));
  await page.goto(server.url);
  await page.waitForFunction(() => document.querySelector("xxgk-validator")?.getAttribute("state") === "idle", null, { timeout: 20000 });
  await page.evaluate(() => { window.__csp = []; document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`)); });
  const files = FILES.map((f) => ({ name: f.name, bytes: [...fs.readFileSync(f.path)] }));
  // Each file read and checked by the page's engine, as the widget does.
  const checked = await page.evaluate(async (files) => {
    const { getEngine } = await import("./engine.js");
    const engine = await getEngine();
    const entries = [];
    for (const f of files) {
      const { file } = await engine.readFile(new File([new Uint8Array(f.bytes)], f.name));
      if (!file.ok) { entries.push({ name: f.name, error: file.message }); continue; }
      const { report } = file.kind === "html"
        ? await engine.check(file.text, { html: true })
        : await engine.check(file.text, { kind: file.kind, source: f.name });
      entries.push({ name: f.name, report });
    }
    return entries;
  }, files);
  const before = requests.length;
  got = await page.evaluate(async (entries) => {
    const ex = await import("./export.js");
    const rows = ex.findingRows(entries);
    const summary = ex.summaryRows(entries);
    const csv = [...new Uint8Array(await ex.toCsv(rows).arrayBuffer())];
    const blob = await ex.toXlsx(rows, summary);
    const xlsx = [...new Uint8Array(await blob.arrayBuffer())];
    return { rows, summary, csv, xlsx, xlsxType: blob.type, columns: ex.COLUMNS };
  }, checked);
  got.entries = checked;
  got.loaded = requests.slice(before).map((u) => new URL(u).pathname);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** What each row must say, from the reports themselves (one per diagnostic, plus the verdict rows). */
function expectedRows(entries) {
  const out = [];
  for (const e of entries) {
    if (!e.report) {
      out.push({ kind: "unreadable", file: e.name, message: e.error });
      continue;
    }
    const r = e.report;
    for (const d of r.diagnostics) {
      const key = d.suspect ? d.suspect.cell : d.cells.at(-1) ?? "";
      out.push({
        kind: "finding", file: e.name, unit: r.unit ?? "", year: r.year == null ? "" : String(r.year),
        rule: d.rule, title: d.title, severity: SEV[d.severity], cell: key,
        value: key && r.cells[key] ? r.cells[key].text.trim() : "",
        expected: d.suspect ? String(d.suspect.expected) : d.expected == null ? "" : String(d.expected),
        message: d.message, fix: d.suggestion ?? "",
      });
    }
    if (r.status === "incomplete") out.push({ kind: "incomplete", file: e.name, message: r.verdict.reasons.join("；") });
    else if (!r.diagnostics.length) out.push({ kind: "clean", file: e.name, message: `${r.verdict.title}。` });
  }
  return out;
}

test("the reports: what the exports are made of (errors, clean, HTML, PDF, no tables, unreadable)", () => {
  const byName = Object.fromEntries(got.entries.map((e) => [e.name, e]));
  assert.equal(byName["errors-2020-v2019.txt"].report.status, "errors");
  assert.equal(byName["clean-2022-v2021.txt"].report.status, "clean");
  assert.equal(byName["v2021-wrong-cell.pdf"].report.source_kind, "pdf");
  assert.equal(byName["v2021-wrong-cell.pdf"].report.status, "errors");
  assert.equal(byName["not-a-report.txt"].report.status, "incomplete");
  assert.ok(byName["image.png"].error && !byName["image.png"].report, "the image is not readable");
  assert.deepEqual(pageErrors, []);
});

test("CSV: UTF-8 with BOM, CRLF, RFC 4180; one row per finding with the report's values; nothing left out", () => {
  const bytes = Buffer.from(got.csv);
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], "UTF-8 BOM");
  const text = bytes.subarray(3).toString("utf8");
  const rows = parseCsv(text);
  assert.deepEqual(rows[0], HEADERS);
  const body = rows.slice(1).map((r) => Object.fromEntries(HEADERS.map((h, i) => [h, r[i]])));
  for (const r of rows) assert.equal(r.length, HEADERS.length);
  const want = expectedRows(got.entries);
  assert.equal(body.length, want.length, "one row per finding, plus one per unreadable / incomplete / finding-less report");
  want.forEach((w, i) => {
    const b = body[i];
    assert.equal(b["文件"], w.file, `row ${i + 1}`);
    assert.equal(b["说明"], w.message, `row ${i + 1} message`);
    if (w.kind === "finding") {
      assert.equal(b["单位"], w.unit);
      assert.equal(b["年度"], w.year);
      assert.equal(b["规则"], w.rule);
      assert.equal(b["规则名称"], w.title);
      assert.equal(b["级别"], w.severity);
      assert.equal(b["格子"], w.cell);
      assert.equal(b["格内数字"], w.value);
      assert.equal(b["应为"], w.expected);
      assert.equal(b["改正建议"], w.fix);
      if (w.value !== "" && w.expected !== "" && /^-?\d+$/.test(w.value)) {
        assert.equal(b["相差"], String(Number(w.value) - Number(w.expected)), `row ${i + 1}: 相差 = 格内数字 − 应为`);
      }
    } else {
      assert.equal(b["级别"], { unreadable: "无法读取", incomplete: "未能完整核对", clean: "" }[w.kind], `row ${i + 1} (${w.kind})`);
    }
  });
  // The sample with errors: its wrong cell and value, as the widget marks it.
  const e = body.find((b) => b["文件"] === "errors-2020-v2019.txt" && b["格子"] === "requests.results_total.natural");
  assert.ok(e, "the 总计 cell of the sample with errors");
  assert.deepEqual([e["表格"], e["行"], e["列"], e["格内数字"], e["应为"], e["相差"]], ["表三 收到和处理政府信息公开申请情况", "（七）总计", "自然人", "0", "3", "-3"]);
});

test("CSV: the same headers, labels and values as the CLI's --format csv", { skip: !cliBin() && "no CLI built (cargo build)" }, () => {
  const files = FILES.filter((f) => f.name !== "image.png");
  let out;
  try {
    out = execFileSync(cliBin(), ["check", "--format", "csv", ...files.map((f) => f.path)], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (err) {
    out = String(err.stdout); // exit 1: errors found
  }
  assert.ok(out.startsWith("\uFEFF"));
  const cli = parseCsv(out.slice(1));
  const mine = parseCsv(Buffer.from(got.csv).subarray(3).toString("utf8"));
  // Every CLI header is one of ours, with the same name.
  for (const h of cli[0]) assert.ok(mine[0].includes(h), `CLI header ${h}`);
  const pick = (header, rows) => rows.slice(1).map((r) => Object.fromEntries(cli[0].filter((h) => h !== "文件").map((h) => [h, r[header.indexOf(h)]])));
  const names = new Map(files.map((f) => [f.path, f.name]));
  const cliRows = pick(cli[0], cli).map((r, i) => ({ file: names.get(cli[i + 1][0]), ...r }));
  const mineRows = pick(mine[0], mine).map((r, i) => ({ file: mine[i + 1][0], kind: got.rows[i].kind, ...r })).filter((r) => r.kind === "finding");
  assert.equal(mineRows.length, cliRows.length, "as many finding rows as the CLI");
  assert.ok(cliRows.length >= 8, `${cliRows.length} findings compared`);
  mineRows.forEach((r, i) => {
    const { kind, ...rest } = r;
    assert.equal(kind, "finding");
    assert.deepEqual(rest, cliRows[i], `row ${i + 1}`);
  });
});

test(".xlsx: a real workbook (read back by exceljs): 汇总 then 问题清单, the same rows as the CSV", async () => {
  assert.equal(got.xlsxType, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  assert.deepEqual(Buffer.from(got.xlsx.slice(0, 2)).toString("latin1"), "PK", "a zip archive");
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(got.xlsx));
  assert.deepEqual(wb.worksheets.map((w) => w.name), ["汇总", "问题清单"]);
  const cellText = (v) => (v == null ? "" : typeof v === "object" && "richText" in v ? v.richText.map((t) => t.text).join("") : String(v));
  const sheetRows = (ws) => {
    const out = [];
    ws.eachRow({ includeEmpty: true }, (row, n) => {
      const vals = [];
      for (let c = 1; c <= ws.columnCount; c++) vals.push(row.getCell(c).value);
      out[n - 1] = vals;
    });
    return out;
  };
  // 问题清单 = the CSV, cell for cell (numbers as numbers).
  const list = sheetRows(wb.getWorksheet("问题清单"));
  const csv = parseCsv(Buffer.from(got.csv).subarray(3).toString("utf8"));
  assert.equal(list.length, csv.length);
  assert.deepEqual(list[0], HEADERS);
  for (let i = 1; i < csv.length; i++) {
    assert.deepEqual(list[i].map(cellText), csv[i], `row ${i + 1}`);
    const y = list[i][HEADERS.indexOf("年度")];
    if (y != null) assert.equal(typeof y, "number", "年度 is a number");
    const exp = list[i][HEADERS.indexOf("应为")];
    if (exp != null) assert.equal(typeof exp, "number", "应为 is a number");
  }
  // 汇总: one row per file, from the reports.
  const sum = sheetRows(wb.getWorksheet("汇总"));
  assert.deepEqual(sum[0], ["文件", "单位", "年度", "格式版本", "来源格式", "结论", "要改的格", "核对不符", "提醒"]);
  assert.equal(sum.length - 1, got.entries.length);
  got.entries.forEach((e, i) => {
    const row = sum[i + 1].map((v) => (v == null ? null : v));
    assert.equal(row[0], e.name);
    if (!e.report) {
      assert.equal(row[5], "无法读取");
      return;
    }
    const r = e.report;
    assert.equal(row[1], r.unit ?? null);
    assert.equal(row[2], r.year ?? null);
    assert.equal(row[3], { v2021: "2021年版", v2019: "2019年版" }[r.version] ?? null);
    assert.equal(row[4], { pdf: "PDF", docx: "Word", html: "网页", text: "文本" }[r.source_kind] ?? (r.html ? "网页" : "文本"));
    assert.equal(row[5], r.verdict.title);
    assert.deepEqual(row.slice(6, 9), [r.summary.mistakes, r.summary.errors, r.summary.warnings]);
  });
  const pdf = sum.find((r) => r[0] === "v2021-wrong-cell.pdf");
  assert.equal(pdf[4], "PDF");
  assert.equal(pdf[5], "有错误");
});

test("the writer loads only when exporting, from the site itself, under the page's CSP", async () => {
  assert.ok(got.loaded.includes("/export.js"), got.loaded.join(" "));
  assert.ok(got.loaded.includes("/vendor/write-excel-file.js"), got.loaded.join(" "));
  assert.deepEqual(await page.evaluate(() => window.__csp), [], "no CSP violation");
  // Not part of the page's first load.
  const fresh = await browser.context.newPage();
  const seen = [];
  fresh.on("request", (r) => seen.push(new URL(r.url()).pathname));
  await fresh.goto(server.url);
  await fresh.waitForFunction(() => document.querySelector("xxgk-validator")?.getAttribute("state") === "idle", null, { timeout: 20000 });
  await fresh.waitForLoadState("networkidle");
  for (const f of ["/export.js", "/vendor/write-excel-file.js", "/print.js", "/print.css"]) assert.ok(!seen.includes(f), `${f} not in the first load`);
  await fresh.close();
});

test("download() saves the blob under its name; a formula-like field is defused in the CSV", async () => {
  const [dl] = await Promise.all([
    page.waitForEvent("download"),
    page.evaluate(async (entries) => {
      const ex = await import("./export.js");
      ex.download(ex.toCsv(ex.findingRows(entries)), "审核问题清单.csv");
    }, got.entries),
  ]);
  assert.equal(dl.suggestedFilename(), "审核问题清单.csv");
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "xxgk-dl-")), "x.csv");
  await dl.saveAs(file);
  assert.deepEqual([...fs.readFileSync(file)], got.csv, "the saved file is the CSV");
  fs.rmSync(path.dirname(file), { recursive: true, force: true });

  const csv = await page.evaluate(async () => {
    const ex = await import("./export.js");
    return ex.toCsv(ex.findingRows([{ name: "=HYPERLINK(\"x\")", error: "坏" }, { name: "+1.txt", error: "-3" }])).text();
  });
  // A field with a quote is quoted, the quote doubled (RFC 4180).
  assert.ok(csv.includes('\r\n"\'=HYPERLINK(""x"")",'), csv);
  const rows = parseCsv(csv.slice(1));
  assert.equal(rows[1][0], "'=HYPERLINK(\"x\")");
  assert.equal(rows[2][0], "+1.txt", "a leading +digit is a number, kept");
  assert.equal(rows[2][13], "-3");
});

test("year over year: the comparison's findings (xxgk compare) follow the report's own, in both exports", { skip: !cliBin() && "no CLI built (cargo build)" }, async () => {
  const dir = path.join(root, "tests", "compare-fixtures");
  const last = path.join(dir, "unit-2023.txt");
  const thisYear = path.join(dir, "unit-2024-mismatch.txt");
  let out;
  try {
    out = execFileSync(cliBin(), ["compare", "--format", "json", last, thisYear], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (err) {
    out = String(err.stdout); // exit 1: errors found
  }
  const compare = JSON.parse(out);
  const carried = compare.diagnostics.filter((d) => d.rule === "compare.carried_over");
  assert.ok(carried.length >= 1, "the pair's carried_in ≠ last year's carried_out is found");
  const made = await page.evaluate(async ({ text, compare }) => {
    const { getEngine } = await import("./engine.js");
    const { report } = await (await getEngine()).check(text, {});
    const ex = await import("./export.js");
    const entries = [{ name: "unit-2024-mismatch.txt", report, compare }];
    const rows = ex.findingRows(entries);
    const summary = ex.summaryRows(entries);
    const xlsx = [...new Uint8Array(await (await ex.toXlsx(rows, summary)).arrayBuffer())];
    return { report, csv: await ex.toCsv(rows).text(), summary, xlsx };
  }, { text: fs.readFileSync(thisYear, "utf8"), compare });
  const rows = parseCsv(made.csv.slice(1)).slice(1).map((r) => Object.fromEntries(HEADERS.map((h, i) => [h, r[i]])));
  const own = made.report.diagnostics.length;
  assert.equal(rows.length, own + compare.diagnostics.length, "the report's findings, then the comparison's");
  compare.diagnostics.forEach((d, i) => {
    const row = rows[own + i];
    const key = d.cells.at(-1);
    assert.deepEqual([row["规则"], row["说明"], row["格子"], row["格内数字"], row["应为"]],
      [d.rule, d.message, key, made.report.cells[key].text.trim(), String(d.expected)], `compare row ${i + 1}`);
  });
  const c = rows.find((r) => r["规则"] === "compare.carried_over");
  assert.deepEqual([c["行"], c["列"], c["级别"]], ["二、上年结转政府信息公开申请数量", "自然人", "错误"]);
  assert.equal(made.summary[0].compare, compare.diagnostics.length);
  // The verdict counts the comparison's errors, as the CLI's does for the pair.
  let pair;
  try {
    pair = execFileSync(cliBin(), ["check", "--format", "json", last, thisYear], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (err) {
    pair = String(err.stdout);
  }
  assert.equal(made.summary[0].verdict, JSON.parse(pair).reports[1].verdict.title);
  // A caller that merged the comparison into the report (as the CLI does) gets no duplicates.
  const merged = await page.evaluate(async ({ report, compare }) => {
    const ex = await import("./export.js");
    const r = { ...report, diagnostics: [...report.diagnostics, ...compare.diagnostics] };
    return ex.findingRows([{ name: "x", report: r, compare }]).length;
  }, { report: made.report, compare });
  assert.equal(merged, own + compare.diagnostics.length);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(made.xlsx));
  const head = wb.getWorksheet("汇总").getRow(1).values.slice(1);
  assert.equal(head.at(-1), "与上年比对");
  assert.equal(wb.getWorksheet("汇总").getRow(2).getCell(head.length).value, compare.diagnostics.length);
});
