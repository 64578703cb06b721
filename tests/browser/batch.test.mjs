// The auditor's batch in the page (www/batch.js, batch-worker.js and the
// batch module www/pkg-batch/), in headless Chromium: many files dropped or
// picked at once → one summary row per report, each row what the CLI says of
// that file (`xxgk check --format json FILE`); a file that cannot be read is
// one row with its message; a file holding two reports gives two rows; the
// same unit's consecutive years are compared (as `xxgk compare LAST THIS`);
// sort, filter, open one report and come back; folder drop and pickers.
// The benchmarks PRINT their figures (no timed assertion).
//
// The CLI: $XXGK_BIN, else target/debug/xxgk or target/release/xxgk, built
// with `cargo build --bin xxgk` when none is there.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startServer, launch, root, shots } from "./helpers.mjs";

const fixtures = path.join(root, "tests", "fixtures");
const fileFixtures = path.join(fixtures, "files");

let server, browser, page, dir, cli;
const pageErrors = [];

function cliBin() {
  for (const p of [process.env.XXGK_BIN, path.join(root, "target", "debug", "xxgk"), path.join(root, "target", "release", "xxgk")]) {
    if (p && fs.existsSync(p)) return p;
  }
  execFileSync("cargo", ["build", "--quiet", "--bin", "xxgk"], { cwd: root, stdio: "inherit" });
  return path.join(root, "target", "debug", "xxgk");
}

/** `xxgk ARGS --format json`: the parsed output and stderr (exit 1 = errors found, 2 = unreadable). */
function runCli(args) {
  try {
    return { out: JSON.parse(execFileSync(cli, [...args, "--format", "json"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] })), err: "" };
  } catch (e) {
    const out = String(e.stdout || "");
    return { out: out.trim() ? JSON.parse(out) : null, err: String(e.stderr || "") };
  }
}

// The 20 files of the batch: the project's own generated reports (text,
// Markdown, HTML), one PDF and one Word file, three files that cannot be
// read (a PNG image named .txt, an encrypted PDF, a legacy .doc),
// one file holding two reports, and a unit's next year (written here from
// v2021-pipes-clean.txt, 2022: its 2023 report carries 5 applications over
// from 2022, when 2022 carried none over).
const PICK = [
  "v2019-blank-lines-seed-001-pattern.txt", "v2019-html-clean.html",
  "v2019-tabs-clean.txt", "v2019-tabs-run-together-digits.txt", "v2021-blank-lines-clean.txt",
  "v2021-html-clean.html", "v2021-markdown-wrong-appeals-total.md", "v2021-pdf-layout-clean.txt",
  "v2021-pipes-clean.txt", "v2021-pipes-text-in-cell.txt", "v2021-tabs-blank-total.txt",
  "v2021-tabs-wrong-cell.txt", "not-a-report.txt",
];
const TWO = "两份报告.txt";
const NEXT = "龙湖区住建局2023.txt";

/** The 2023 report of v2021-pipes-clean.txt's unit: 2022 → 2023, 上年结转 自然人 0 → 5. */
function nextYear() {
  const lines = fs.readFileSync(path.join(fixtures, "v2021-pipes-clean.txt"), "utf8").replaceAll("2022", "2023").split("\n");
  const at = lines.findIndex((l) => l.startsWith("二、上年结转政府信息公开申请数量"));
  assert.ok(at > 0 && lines[at + 1] === "0 |", "the fixture's 上年结转 row");
  lines[at + 1] = "5 |";
  return lines.join("\n");
}

function writeBatch() {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "xxgk-batch-"));
  for (const f of PICK) fs.copyFileSync(path.join(fixtures, f), path.join(dir, f));
  fs.copyFileSync(path.join(fileFixtures, "v2021-wrong-cell.pdf"), path.join(dir, "v2021-wrong-cell.pdf"));
  fs.copyFileSync(path.join(fileFixtures, "v2019-clean.docx"), path.join(dir, "v2019-clean.docx"));
  fs.copyFileSync(path.join(fileFixtures, "image.png"), path.join(dir, "坏文件.txt"));
  // Two more that cannot be read: an encrypted PDF and a legacy .doc.
  fs.copyFileSync(path.join(fileFixtures, "encrypted.pdf"), path.join(dir, "encrypted.pdf"));
  fs.copyFileSync(path.join(fileFixtures, "legacy.doc"), path.join(dir, "legacy.doc"));
  fs.writeFileSync(path.join(dir, TWO),
    fs.readFileSync(path.join(fixtures, "v2021-tabs-clean.txt"), "utf8") + "\n\n" + fs.readFileSync(path.join(fixtures, "v2019-tabs-clean.txt"), "utf8"));
  fs.writeFileSync(path.join(dir, NEXT), nextYear());
  return fs.readdirSync(dir).sort();
}

const VER = { v2021: "2021年版", v2019: "2019年版" };
const KIND = { pdf: "PDF", docx: "Word", html: "网页", text: "文本" };

/** The summary rows the CLI gives for the batch's files, as the table shows them. */
function expectedRows(names) {
  const rows = [];
  for (const name of names) {
    const { out, err } = runCli(["check", path.join(dir, name)]);
    const reports = out ? out.reports : [];
    if (!reports.length) {
      rows.push({ name, unit: "", year: "", version: "", kind: "", verdict: "无法读取", unreadable: err.trim() });
      continue;
    }
    reports.forEach((r, k) => rows.push({
      name: reports.length > 1 ? `${name} #${k + 1}` : name,
      unit: r.unit || "未识别", year: r.year == null ? "" : String(r.year), version: VER[r.version] || "",
      kind: KIND[r.source_kind], verdict: r.verdict.title,
      mistakes: String(r.summary.mistakes), errors: String(r.summary.errors), warnings: String(r.summary.warnings),
    }));
  }
  return rows;
}

/** The table as shown: one object per visible row. */
function tableRows() {
  return page.$$eval(".batch-table tbody tr", (trs) => trs.map((tr) => {
    const c = [...tr.children].map((td) => td.querySelector(".verdict")?.textContent ?? td.textContent);
    const why = tr.querySelector(".status .why");
    return {
      name: c[0], unit: c[1], year: c[2], version: c[3], kind: c[4], verdict: c[5],
      mistakes: c[6], errors: c[7], warnings: c[8], compare: c[9], why: why ? why.textContent : null,
    };
  }));
}

/** Drop files on the widget through a real drop event (a DataTransfer holding File objects). */
async function drop(files, target = "xxgk-validator") {
  const payload = files.map((f) => ({ name: path.basename(f), b64: fs.readFileSync(f).toString("base64") }));
  await page.evaluate(({ payload, target }) => {
    const dt = new DataTransfer();
    for (const { name, b64 } of payload) dt.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], name));
    document.querySelector(target).dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true, composed: true }));
  }, { payload, target });
}

/** Waits until the batch has checked every file and compared the years. */
async function batchDone(n) {
  await page.waitForFunction((n) => {
    const b = document.querySelector(".batch")?.batch;
    return b && b.compareMs > 0 && b.rows.length >= n && !document.querySelector(".batch-table td.num")?.textContent.includes("比对中");
  }, n, { timeout: 120000 });
}

async function freshPage() {
  if (page) await page.close();
  page = await browser.context.newPage();
  page.on("pageerror", (e) => pageErrors.push(String(e)));
  await page.goto(server.url + "index.html");
  await page.waitForFunction(() => customElements.get("xxgk-validator"));
}

before(async () => {
  cli = cliBin();
  server = await startServer();
  browser = await launch();
  fs.mkdirSync(shots, { recursive: true });
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  assert.deepEqual(pageErrors, []);
});

test("20 dropped files: each row is what the CLI says of that file; sort, filter, open and back; the year pair", async () => {
  const names = writeBatch();
  assert.equal(names.length, 20);
  const want = expectedRows(names);
  // The checks the CLI made hold what the batch is for.
  assert.equal(want.filter((r) => r.name.startsWith(`${TWO} #`)).length, 2, "two reports in one file");
  assert.equal(want.filter((r) => r.verdict === "无法读取").length, 3);
  assert.ok(want.some((r) => r.verdict === "有错误") && want.some((r) => r.verdict === "全部核对，未发现错误"));

  await freshPage();
  const firstLoad = await page.evaluate(() => performance.getEntriesByType("resource").map((e) => new URL(e.name).pathname));
  assert.ok(!firstLoad.some((u) => /batch/.test(u)), `no batch code in the first load: ${firstLoad.join(" ")}`);

  await drop(names.map((n) => path.join(dir, n)));
  await batchDone(want.length);
  assert.equal(await page.locator("xxgk-validator").isVisible(), false, "the table replaces the single view");
  const bar = page.locator('.batch [role="progressbar"]');
  assert.equal(await bar.getAttribute("aria-valuenow"), "20");
  assert.equal(await bar.getAttribute("aria-valuemax"), "20");

  const got = await tableRows();
  assert.equal(got.length, want.length);
  for (const w of want) {
    const g = got.find((r) => r.name === w.name);
    assert.ok(g, `a row for ${w.name}`);
    for (const k of ["unit", "year", "version", "kind", "verdict", "mistakes", "errors", "warnings"]) {
      if (w[k] !== undefined) assert.equal(g[k], w[k], `${w.name}: ${k}`);
    }
    // The broken file: one row, with the core's message (the CLI says the same).
    if (w.unreadable) {
      assert.ok(g.why && g.why.length > 10, "the reason is shown");
      assert.ok(w.unreadable.includes(g.why.slice(0, 12)), `CLI: ${w.unreadable} / page: ${g.why}`);
    }
  }
  // The default order is the files'.
  assert.deepEqual(got.map((r) => r.name), want.map((r) => r.name));
  await page.screenshot({ path: path.join(shots, "batch-summary.png"), fullPage: true });

  // Year over year: the pair 2022 → 2023 of 示例市龙湖区住房和城乡建设局, and the
  // fixtures' own pair (示例区人民政府 2023 → 2024) if the CLI pairs it.
  const cmp = runCli(["compare", path.join(dir, "v2021-pipes-clean.txt"), path.join(dir, NEXT)]).out;
  const carried = cmp.diagnostics.filter((d) => d.rule === "compare.carried_over");
  assert.ok(carried.length >= 1, "the CLI finds the carried-over mismatch");
  const next = got.find((r) => r.name === NEXT);
  assert.equal(next.compare, `${cmp.diagnostics.length} 项发现`);
  assert.equal(got.find((r) => r.name === "v2021-pipes-clean.txt").compare, "", "2022 has no year before it here");

  // Sort: by year (click), then descending (Enter on the header's button).
  const yearHead = page.locator('.batch-table th[data-key="year"]');
  await yearHead.locator("button").click();
  assert.equal(await yearHead.getAttribute("aria-sort"), "ascending");
  let years = (await tableRows()).map((r) => r.year).filter(Boolean).map(Number);
  assert.deepEqual(years, [...years].sort((a, b) => a - b));
  await yearHead.locator("button").focus();
  await page.keyboard.press("Enter");
  assert.equal(await yearHead.getAttribute("aria-sort"), "descending");
  years = (await tableRows()).map((r) => r.year).filter(Boolean).map(Number);
  assert.deepEqual(years, [...years].sort((a, b) => b - a));
  assert.equal((await tableRows()).at(-1).verdict, "无法读取", "blank years last");

  // Filter: the verdict, then text on the unit.
  await page.selectOption(".batch-filters select", "errors");
  let shown = await tableRows();
  assert.equal(shown.length, want.filter((r) => r.verdict === "有错误").length);
  assert.ok(shown.every((r) => r.verdict === "有错误"));
  await page.selectOption(".batch-filters select", "");
  await page.fill(".batch-filters input", "龙湖");
  shown = await tableRows();
  assert.deepEqual(shown.map((r) => r.name).sort(), ["v2021-pipes-clean.txt", NEXT].sort());

  // Open the 2023 report (the table scrolled down to it): its full view in the widget, and the comparison.
  await page.fill(".batch-filters input", "");
  await page.$eval(".batch-scroll", (e) => { e.scrollTop = e.scrollHeight; });
  const scrolled = await page.$eval(".batch-scroll", (e) => e.scrollTop);
  assert.ok(scrolled > 100, "the table scrolls");
  // (clicked where it is: Playwright's click would first scroll the row into view)
  await page.locator(".batch-table button.open", { hasText: NEXT }).evaluate((b) => b.click());
  await page.waitForFunction(() => document.querySelector("xxgk-validator").report?.year === 2023);
  assert.equal(await page.locator("xxgk-validator").isVisible(), true);
  assert.equal(await page.locator(".batch-summary").isVisible(), false);
  const report = await page.evaluate(() => document.querySelector("xxgk-validator").report);
  const cliNext = runCli(["check", path.join(dir, NEXT)]).out.reports[0];
  assert.equal(report.summary.errors, cliNext.summary.errors);
  const panel = page.locator(".batch-compare");
  assert.equal(await panel.isVisible(), true);
  const text = await panel.textContent();
  assert.ok(text.includes(carried[0].message), `the finding is shown: ${text}`);
  // Side by side: 表三 上年结转 自然人, 0 last year, 5 this year, +5.
  const row = panel.locator("tr", { hasText: "上年结转" }).filter({ hasText: "自然人" }).first();
  assert.deepEqual(await row.locator("td").allTextContents(), ["0", "5", "+5"]);
  await page.screenshot({ path: path.join(shots, "batch-report-view.png"), fullPage: true });

  // Back (keyboard): the table as it was (sort and filter kept).
  await page.locator(".batch-back").focus();
  await page.keyboard.press("Enter");
  assert.equal(await page.locator(".batch-summary").isVisible(), true);
  assert.equal(await page.locator("xxgk-validator").isVisible(), false);
  assert.equal(await yearHead.getAttribute("aria-sort"), "descending");
  assert.equal(await page.$eval(".batch-scroll", (e) => e.scrollTop), scrolled, "the table's scroll kept");
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), NEXT, "focus back on the row opened");
  // The filters kept too.
  await page.fill(".batch-filters input", "龙湖");
  await page.selectOption(".batch-filters select", "compare");
  assert.deepEqual((await tableRows()).map((r) => r.name), [NEXT]);
  await page.locator(".batch-table button.open", { hasText: NEXT }).click();
  await page.locator(".batch-back").click();
  assert.equal(await page.inputValue(".batch-filters input"), "龙湖");
  assert.equal(await page.inputValue(".batch-filters select"), "compare");
  assert.deepEqual((await tableRows()).map((r) => r.name), [NEXT]);
  await page.selectOption(".batch-filters select", "");

  // One report of the file holding two: its own part in the widget.
  await page.fill(".batch-filters input", "");
  await page.locator(".batch-table button.open", { hasText: `${TWO} #2` }).click();
  const two = want.find((r) => r.name === `${TWO} #2`);
  await page.waitForFunction((y) => document.querySelector("xxgk-validator").report?.year === y, Number(two.year));
  const part = await page.evaluate(() => document.querySelector("xxgk-validator").report);
  assert.equal(part.version, "v2019");
  assert.equal(String(part.summary.mistakes), two.mistakes);
  await page.locator(".batch-back").click();
});

test("a folder dropped (walked recursively) and the pickers (several files; a folder)", async () => {
  if (!dir) writeBatch();
  await freshPage();
  // A dropped folder: the browser gives FileSystemEntry objects; these are
  // made here with the same methods (isFile/isDirectory, file(), createReader().readEntries()).
  const files = ["v2021-pipes-clean.txt", "v2019-tabs-clean.txt", "v2021-html-clean.html"].map((n) => ({ name: n, text: fs.readFileSync(path.join(dir, n), "utf8") }));
  await page.evaluate((files) => {
    const fileEntry = (f) => ({ isFile: true, isDirectory: false, name: f.name, file: (ok) => ok(new File([f.text], f.name)) });
    const dirEntry = (name, kids) => ({
      isFile: false, isDirectory: true, name,
      // readEntries gives a part at a time, then nothing.
      createReader() { const parts = kids.map((k) => [k]); return { readEntries: (ok) => setTimeout(() => ok(parts.shift() || []), 0) }; },
    });
    const tree = dirEntry("各单位报告", [fileEntry(files[0]), fileEntry({ name: ".DS_Store", text: "x" }), dirEntry("区县", [fileEntry(files[1]), fileEntry(files[2])])]);
    const dt = new DataTransfer();
    const ev = new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true });
    Object.defineProperty(ev, "dataTransfer", { value: { types: ["Files"], files: [], items: [{ kind: "file", webkitGetAsEntry: () => tree }] } });
    document.body.dispatchEvent(ev);
  }, files);
  await batchDone(3);
  // Named by their paths in the folder, in path order; the hidden file left out.
  assert.deepEqual((await tableRows()).map((r) => r.name),
    ["各单位报告/v2021-pipes-clean.txt", "各单位报告/区县/v2019-tabs-clean.txt", "各单位报告/区县/v2021-html-clean.html"]
      .sort((a, b) => a.localeCompare(b, "zh-CN")));

  // The multiple file picker.
  await freshPage();
  assert.equal(await page.getAttribute("#file", "multiple"), "");
  await page.setInputFiles("#file", ["v2021-pipes-clean.txt", NEXT].map((n) => path.join(dir, n)));
  await batchDone(2);
  const rows = await tableRows();
  assert.deepEqual(rows.map((r) => r.name), ["v2021-pipes-clean.txt", NEXT]);
  assert.match(rows[1].compare, /^\d+ 项发现$/);

  // One file in the multiple picker keeps the single view.
  await freshPage();
  await page.setInputFiles("#file", [path.join(dir, "v2021-pipes-clean.txt")]);
  await page.waitForFunction(() => document.querySelector("xxgk-validator").report?.year === 2022);
  assert.equal(await page.locator(".batch").count(), 0);

  // The folder picker (webkitdirectory).
  const sub = fs.mkdtempSync(path.join(os.tmpdir(), "xxgk-folder-"));
  for (const f of files) fs.writeFileSync(path.join(sub, f.name), f.text);
  try {
    await freshPage();
    await page.setInputFiles("#folder", sub);
    await batchDone(3);
    assert.deepEqual((await tableRows()).map((r) => r.name.split("/").at(-1)).sort(), files.map((f) => f.name).sort());
  } finally {
    fs.rmSync(sub, { recursive: true, force: true });
  }
});

test("one text holding two reports: the single view offers to check them apart", async () => {
  await freshPage();
  const text = fs.readFileSync(path.join(fixtures, "v2021-tabs-clean.txt"), "utf8") + "\n\n" + fs.readFileSync(path.join(fixtures, "v2019-tabs-clean.txt"), "utf8");
  await page.evaluate((text) => document.querySelector("xxgk-validator").setInput({ text }), text);
  const btn = page.locator("#several");
  await btn.waitFor({ state: "visible" });
  assert.equal(await btn.textContent(), "分别检查这 2 份报告");
  await btn.click();
  await batchDone(2);
  const rows = await tableRows();
  assert.deepEqual(rows.map((r) => r.name), ["粘贴的内容 #1", "粘贴的内容 #2"]);
  assert.deepEqual(rows.map((r) => r.version), ["2021年版", "2019年版"]);
  // Ctrl+P with the table shown, before the batch's opinion was prepared: the
  // table prints as it is, never the single view's report hidden behind it
  // (print.js is attached: the single view checked a report first).
  await page.waitForFunction(() => !!document.querySelector("link[data-xxgk-print]"));
  const printed = await page.evaluate(async () => {
    await new Promise((r) => setTimeout(r, 100)); // the batch sets print.js's source on opening
    dispatchEvent(new Event("beforeprint"));
    const n = document.getElementById("xxgk-print")?.childElementCount ?? 0;
    dispatchEvent(new Event("afterprint"));
    return n;
  });
  assert.equal(printed, 0, "no opinion of the hidden single report");
});

test("exports and printing from the batch: CSV and .xlsx of every row's findings, the 审核意见 of every report", async () => {
  if (!dir) writeBatch();
  await freshPage();
  const names = ["v2021-pipes-clean.txt", NEXT, "坏文件.txt", TWO, "v2021-tabs-wrong-cell.txt"];
  await drop(names.map((n) => path.join(dir, n)));
  await batchDone(6);
  const rows = await tableRows();
  const cmp = runCli(["compare", path.join(dir, "v2021-pipes-clean.txt"), path.join(dir, NEXT)]).out;
  const wrong = runCli(["check", path.join(dir, "v2021-tabs-wrong-cell.txt")]).out.reports[0];

  // CSV: every row's file appears; the findings of a report and of its comparison with last year.
  const [csvDl] = await Promise.all([page.waitForEvent("download"), page.click(".batch-exports button:text('导出 CSV')")]);
  const csv = fs.readFileSync(await csvDl.path(), "utf8");
  assert.equal(csv.charCodeAt(0), 0xfeff, "UTF-8 BOM for Excel");
  for (const r of rows) assert.ok(csv.includes(r.name), `${r.name} in the CSV`);
  for (const d of wrong.diagnostics) assert.ok(csv.includes(d.rule), `${d.rule} in the CSV`);
  assert.ok(cmp.diagnostics.every((d) => csv.includes(d.message.split("，")[0])), "the comparison's findings in the CSV");

  // .xlsx: read back with exceljs: a summary sheet with one row per report, and the findings.
  const [xlsxDl] = await Promise.all([page.waitForEvent("download"), page.click(".batch-exports button:text('导出 Excel')")]);
  const { default: ExcelJS } = await import("exceljs");
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(await xlsxDl.path());
  const sheet = wb.worksheets[0];
  const cells = [];
  sheet.eachRow((row) => cells.push(row.values.slice(1).map((v) => (v == null ? "" : String(v)))));
  assert.equal(cells.length, rows.length + 1, "a header and one row per report");
  const header = cells[0];
  const at = (h) => header.indexOf(h);
  for (const r of rows) {
    const x = cells.find((c) => c[at("文件")] === r.name);
    assert.ok(x, `${r.name} in the summary sheet`);
    assert.equal(x[at("结论")], r.verdict);
    if (r.name === NEXT) assert.equal(x[at("与上年比对")], String(cmp.diagnostics.length));
  }

  // 打印审核意见: one opinion per report after the summary page (window.print stubbed).
  await page.evaluate(() => { window.print = () => { window.__printed = (window.__printed || 0) + 1; }; });
  await page.click(".batch-exports button:text('打印审核意见')");
  await page.waitForFunction(() => window.__printed === 1);
  const printed = await page.evaluate(() => document.querySelector("#xxgk-print")?.textContent || "");
  for (const r of rows) assert.ok(printed.includes(r.name), `${r.name} printed`);
  assert.ok(printed.includes(cmp.diagnostics.find((d) => d.rule === "compare.carried_over").message), "the carried-over finding printed");

  // The toolbar's 打印审核意见, with the table shown, prints the whole batch too.
  await page.evaluate(() => { document.querySelector("#xxgk-print")?.replaceChildren(); });
  await page.click("#print");
  await page.waitForFunction(() => window.__printed === 2);
  const again = await page.evaluate(() => document.querySelector("#xxgk-print")?.textContent || "");
  for (const r of rows) assert.ok(again.includes(r.name), `${r.name} printed from the toolbar`);
});

test("the batch module's exports (checkAll, compareTexts, pairYears) give what the CLI gives", async () => {
  if (!dir) writeBatch();
  const m = await import(path.join(root, "www", "pkg-batch", "xxgk_validator.js"));
  m.initSync({ module: fs.readFileSync(path.join(root, "www", "pkg-batch", "xxgk_validator_bg.wasm")) });
  // Spans in UTF-16 (span16) are the browser's addition; `encoding` the CLI's.
  const strip = (o) => JSON.parse(JSON.stringify(o, (k, v) => (k === "span16" || k === "encoding" || k === "source" ? undefined : v)));
  for (const name of [TWO, NEXT, "v2021-html-clean.html"]) {
    const text = fs.readFileSync(path.join(dir, name), "utf8");
    const got = m.checkAll(text, name, name.endsWith(".html") ? "html" : "text");
    const cli = runCli(["check", path.join(dir, name)]).out.reports;
    assert.equal(got.length, cli.length, name);
    assert.deepEqual(strip(got), strip(cli), name);
  }
  assert.equal(m.checkAll(fs.readFileSync(path.join(dir, TWO), "utf8")).length, 2);
  // Year over year, as `xxgk compare LAST THIS`.
  const last = path.join(dir, "v2021-pipes-clean.txt");
  const next = path.join(dir, NEXT);
  const c = m.compareTexts(fs.readFileSync(last, "utf8"), fs.readFileSync(next, "utf8"), last, next);
  const cli = runCli(["compare", last, next]).out;
  assert.deepEqual(strip(c), strip(cli));
  assert.ok(c.diagnostics.some((d) => d.rule === "compare.carried_over"));
  // Pairs: the same unit's year before (a higher region in front is the same unit); two candidates: none.
  assert.deepEqual(Array.from(m.pairYears(
    ["示例市龙湖区住房和城乡建设局", "示例市龙湖区住房和城乡建设局", "示例县教育局", "龙湖区住房和城乡建设局", "示例县教育局", "示例县教育局"],
    [2022, 2023, 2023, 2024, 2022, 2022])), [-1, 0, -1, 1, -1, -1]);
});

/** Drops `n` generated files at once (made in the page from `templates`); prints the time to the last row. */
async function bench(label, templates, n, binary) {
  await freshPage();
  await page.evaluate(({ templates, n, binary }) => {
    const files = [];
    for (let k = 0; k < n; k++) {
      const t = templates[k % templates.length];
      // A unit of its own per file (no year pairs among them).
      const body = binary ? Uint8Array.from(atob(t.b64), (c) => c.charCodeAt(0)) : t.text.replaceAll("示例", `样本${k}`);
      files.push(new File([body], `${k}-${t.name}`));
    }
    window.__dt = new DataTransfer();
    for (const f of files) window.__dt.items.add(f);
  }, { templates, n, binary });
  const ms = await page.evaluate(() => new Promise((resolve) => {
    const t0 = performance.now();
    addEventListener("batch-done", () => resolve(performance.now() - t0), { once: true });
    document.querySelector("xxgk-validator").dispatchEvent(new DragEvent("drop", { dataTransfer: window.__dt, bubbles: true, cancelable: true }));
  }));
  const rows = await page.evaluate(() => document.querySelector(".batch").batch.rows.map((r) => r.status));
  assert.equal(rows.length, n);
  assert.ok(rows.every((s) => s && s !== "unreadable"), "every file read and checked");
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  console.log(`# batch benchmark: ${n} ${label} dropped at once → all rows in ${(ms / 1000).toFixed(2)} s (${(ms / n).toFixed(1)} ms a file, ${cores} cores)`);
  return ms;
}

test("benchmark: 500 text and HTML reports dropped at once (prints the figure)", async () => {
  const names = ["v2021-pipes-clean.txt", "v2021-tabs-clean.txt", "v2019-tabs-clean.txt", "v2021-html-clean.html", "v2019-html-clean.html", "v2021-blank-lines-clean.txt"];
  await bench("text/HTML reports", names.map((name) => ({ name, text: fs.readFileSync(path.join(fixtures, name), "utf8") })), 500, false);
});

test("benchmark: 100 PDF reports dropped at once (prints the figure)", async () => {
  const names = ["v2021-clean.pdf", "v2019-clean.pdf", "v2021-narrow.pdf", "v2021-wrong-cell.pdf", "v2021-clean-objstm.pdf"];
  await bench("PDF reports", names.map((name) => ({ name, b64: fs.readFileSync(path.join(fileFixtures, name)).toString("base64") })), 100, true);
});
