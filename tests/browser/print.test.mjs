// The printable 审核意见 (www/print.js, www/print.css), in headless Chromium:
// page.pdf() of the page's single view (Chrome's `beforeprint`, as Ctrl+P
// fires it) and of a batch of reports; the PDF's text read back with the
// project's own PDF reader (the files module www/pkg-files/ in node) must hold
// the unit, the date, every finding's message, cell and 应为; every page A4
// portrait; in print emulation at A4's content width nothing sticks out (表三,
// 表四), and the widget's own print styles neither cut the findings list nor
// print the text box. PDFs and screenshots go to tests/browser/screenshots/.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { startServer, launch, root, shots, sample, waitReport } from "./helpers.mjs";

// A4 at 96 CSS px per inch, less print.css's @page margins (12 mm each side).
const A4_CONTENT_PX = Math.floor(((210 - 24) / 25.4) * 96);
const FILES = {
  errors: { name: "errors-2020-v2019.txt", path: sample("errors-2020-v2019.txt") },
  html: { name: "tables-2025.html", path: sample("tables-2025.html") },
  pdf: { name: "v2021-wrong-cell.pdf", path: path.join(root, "tests", "fixtures", "files", "v2021-wrong-cell.pdf") },
  png: { name: "image.png", path: path.join(root, "tests", "fixtures", "files", "image.png") },
};

let server, browser, page, reader;

/** The CLI binary, if one is built. */
function cliBin() {
  for (const p of [process.env.XXGK_BIN, path.join(root, "target", "debug", "xxgk"), path.join(root, "target", "release", "xxgk")]) {
    if (p && fs.existsSync(p)) return p;
  }
  return null;
}
const pageErrors = [];

/** The text of a PDF as the project's own reader gets it: { text, pages: string[] }. */
function pdfText(buf) {
  const r = reader.readFile(new Uint8Array(buf));
  assert.ok(r.ok, `the PDF reads: ${r.message}`);
  const starts = r.pages16;
  const pages = starts.map((s, i) => r.text.slice(s, i + 1 < starts.length ? starts[i + 1] : r.text.length));
  return { text: r.text, pages };
}

// Chromium's PDF maps some glyphs that CJK fonts share between a radical and
// an ideograph to the radical's code point: 人 → ⼈ (folded by NFKC), 民 → ⺠,
// 见 → ⻅ (no decomposition: mapped here). Whitespace is dropped (lines wrap).
const RADICALS = { "⺠": "民", "⻅": "见", "⻓": "长", "⻔": "门", "⻢": "马", "⻋": "车", "⻚": "页", "⻛": "风", "⻜": "飞", "⻝": "食", "⻩": "黄", "⻘": "青", "⻉": "贝", "⻈": "讠", "⻆": "角", "⻙": "韦" };
const fold = (s) => s.normalize("NFKC").replace(/[\u2E80-\u2EFF]/g, (c) => RADICALS[c] ?? c).replace(/\s+/g, "");

/** The page sizes of a PDF (points), from its /MediaBox entries. */
function mediaBoxes(buf) {
  return [...buf.toString("latin1").matchAll(/\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]/g)]
    .map((m) => ({ w: +m[3] - +m[1], h: +m[4] - +m[2] }));
}
function assertA4(buf, pages) {
  const boxes = mediaBoxes(buf);
  assert.equal(boxes.length, pages, "one /MediaBox per page");
  for (const b of boxes) {
    assert.ok(Math.abs(b.w - 595.3) < 1.5 && Math.abs(b.h - 841.9) < 1.5, `A4 portrait page (${b.w} × ${b.h} pt)`);
  }
}

/** “2026年11月23日”, as print.js writes the date. */
const today = () => { const d = new Date(); return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日`; };

/** Every string an opinion must hold for `report` (checked against the PDF's text). */
function mustSay(name, report, rules) {
  const want = [name, `审核日期：${today()}`, `审核结论：${report.verdict.title}`];
  if (report.unit) want.push(`关于《${report.unit}${report.year ? report.year + "年" : ""}政府信息公开工作年度报告》的审核意见`, `单位：${report.unit}`);
  for (const m of report.mistakes) want.push(m.cell ? `${m.label}应为 ${m.expected}` : m.label);
  for (const d of report.diagnostics) {
    want.push(d.message);
    if (d.formula) want.push(d.formula);
    const key = d.suspect ? d.suspect.cell : null;
    if (key) want.push(`应为 ${d.suspect.expected}`);
    const rule = rules.find((r) => r.id === d.rule);
    assert.ok(rule, `rule ${d.rule} in the catalogue`);
    assert.ok(typeof rule.fix === "string" && rule.fix.length > 4, `rule ${d.rule} has its docs (rule-docs.json)`);
    want.push(rule.fix);
  }
  return want;
}

/** In print emulation at A4's content width: nothing wider than the paper, no table cut. */
async function assertFits(selector) {
  const over = await page.evaluate(({ sel, width }) => {
    const bad = [];
    const host = document.querySelector(sel);
    const box = host.getBoundingClientRect();
    if (document.documentElement.scrollWidth > width) bad.push(`page scrolls sideways: ${document.documentElement.scrollWidth} > ${width}`);
    const all = [host, ...host.querySelectorAll("*"), ...(host.shadowRoot ? host.shadowRoot.querySelectorAll("*") : [])];
    for (const e of all) {
      const r = e.getBoundingClientRect();
      if (r.width && r.right > box.right + 0.5) bad.push(`${e.tagName}.${e.className} right ${r.right} > ${box.right}`);
      // A collapsed border's outer half lies outside the table's box: it needs room before the edge.
      if (e.tagName === "TABLE" && r.right > box.right - 1) bad.push(`TABLE.${e.className}: no room for its right border (${r.right} vs ${box.right})`);
      if ((e.tagName === "TABLE" || e.classList.contains("scroll")) && e.scrollWidth > e.clientWidth + 1) bad.push(`${e.tagName}.${e.className} scrolls: ${e.scrollWidth} > ${e.clientWidth}`);
    }
    return bad.slice(0, 10);
  }, { sel: selector, width: A4_CONTENT_PX });
  assert.deepEqual(over, [], "nothing sticks out of the paper's width");
}

/** The entries of `files` as the page's engine reads and checks them. */
function checkFiles(files) {
  return page.evaluate(async (files) => {
    const { getEngine } = await import("./engine.js");
    const engine = await getEngine();
    const out = [];
    for (const f of files) {
      const { file } = await engine.readFile(new File([new Uint8Array(f.bytes)], f.name));
      if (!file.ok) { out.push({ name: f.name, error: file.message }); continue; }
      const { report } = file.kind === "html" ? await engine.check(file.text, { html: true }) : await engine.check(file.text, { kind: file.kind, source: f.name });
      out.push({ name: f.name, report });
    }
    return { entries: out, rules: await (await import("./print.js")).loadRules() };
  }, files.map((f) => ({ name: f.name, bytes: [...fs.readFileSync(f.path)] })));
}

before(async () => {
  fs.mkdirSync(shots, { recursive: true });
  reader = await import(path.join(root, "www", "pkg-files", "xxgk_validator.js"));
  reader.initSync({ module: fs.readFileSync(path.join(root, "www", "pkg-files", "xxgk_validator_bg.wasm")) });
  server = await startServer();
  browser = await launch();
  page = await browser.context.newPage();
  page.on("pageerror", (e) => pageErrors.push(e.message));
  await page.goto(server.url);
  await page.waitForFunction(() => document.querySelector("xxgk-validator")?.getAttribute("state") === "idle", null, { timeout: 20000 });
  await page.evaluate(() => { window.__csp = []; document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`)); });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test("Ctrl+P in the single view prints the 审核意见 of the report shown: every finding, unit, date, on A4", async () => {
  assert.equal(await page.evaluate(() => !!document.querySelector("link[data-xxgk-print]")), false, "print.css is not in the first load");
  await page.click(`button[data-sample="${FILES.errors.name}"]`);
  const report = await waitReport(page);
  assert.equal(report.status, "errors");
  // After the first check the page has print.js and print.css ready for `beforeprint`.
  await page.waitForFunction(() => document.querySelector("link[data-xxgk-print]")?.sheet, null, { timeout: 10000 });
  // The catalogue print.js uses: titles from the engine, docs from rule-docs.json.
  const rules = await page.evaluate(async () => (await import("./print.js")).loadRules());
  const pdf = await page.pdf({ format: "A4" });
  fs.writeFileSync(path.join(shots, "print-single.pdf"), pdf);
  // afterprint emptied the opinion again.
  assert.equal(await page.evaluate(() => document.getElementById("xxgk-print")?.childElementCount ?? 0), 0);
  assert.equal(await page.evaluate(() => document.documentElement.classList.contains("xxgk-printing")), false);

  const { text, pages } = pdfText(pdf);
  assertA4(pdf, pages.length);
  const t = fold(text);
  for (const s of mustSay(FILES.errors.name, report, rules)) assert.ok(t.includes(fold(s)), `the PDF says: ${s}`);
  assert.ok(t.startsWith(fold(`关于《${report.unit}2020年政府信息公开工作年度报告》的审核意见`)), "the title comes first");
  // Each cell to fix, marked in the tables with what it should be.
  const marks = t.split(fold("应为")).length - 1;
  assert.ok(marks >= 2 * report.mistakes.length, `${marks} × 应为 for ${report.mistakes.length} cells to fix`);
  // Nothing of the page around it: toolbar, text box, samples.
  for (const s of ["打开文件", "试一试", "报告全文", "打印审核意见", "要改的地方"]) assert.ok(!t.includes(fold(s)), `not printed: ${s}`);
  assert.ok(pages.length >= 2 && pages.length <= 4, `${pages.length} pages`);
});

test("the 打印审核意见 button renders the opinion, prints, and empties it after printing", async () => {
  await page.evaluate(() => {
    window.__printed = null;
    window.print = () => { window.__printed = { text: document.getElementById("xxgk-print").textContent, cls: document.documentElement.className }; };
  });
  await page.click("#print");
  await page.waitForFunction(() => window.__printed, null, { timeout: 10000 });
  const { text, cls } = await page.evaluate(() => window.__printed);
  assert.match(cls, /xxgk-printing/);
  assert.ok(text.includes("关于《示例市东城区人民政府2020年政府信息公开工作年度报告》的审核意见"), text.slice(0, 80));
  await page.evaluate(() => dispatchEvent(new Event("afterprint")));
  assert.equal(await page.evaluate(() => document.getElementById("xxgk-print").childElementCount), 0);
});

test("print emulation at A4's width: 表三 and 表四 of the opinion fit, nothing is clipped (screenshot)", async () => {
  await page.setViewportSize({ width: A4_CONTENT_PX, height: 1100 });
  const ms = await page.evaluate(async () => {
    const m = await import("./print.js");
    const v = document.querySelector("xxgk-validator");
    await m.printOpinion([{ name: v.input.file.name, report: v.report }], { print: false });
    // What `beforeprint` does synchronously (print.js and the rules loaded): render the opinion.
    const t = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      m.show([{ name: v.input.file.name, report: v.report }], { rules: await m.loadRules() });
      document.getElementById("xxgk-print").getBoundingClientRect();
      t.push(performance.now() - t0);
    }
    return t.sort((a, b) => a - b)[2];
  });
  console.log(`# rendering one report's 审核意见 (what beforeprint does): median ${ms.toFixed(1)} ms`);
  await page.emulateMedia({ media: "print" });
  assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector("main")).display), "none", "the page itself is not printed");
  await assertFits("#xxgk-print");
  const t4 = await page.evaluate(() => {
    const t = document.querySelector("#xxgk-print table.t4");
    const td = t.querySelector('td[data-key="appeals.review.total"]');
    return { w: t.getBoundingClientRect().width, cells: t.querySelectorAll("td[data-key]").length, bad: td.classList.contains("bad"), exp: td.querySelector(".exp")?.textContent };
  });
  assert.equal(t4.cells, 15);
  assert.ok(t4.w <= A4_CONTENT_PX);
  assert.deepEqual([t4.bad, t4.exp], [true, "应为 1"]);
  await page.screenshot({ path: path.join(shots, "print-single.png"), fullPage: true });
  await page.emulateMedia({ media: null });
  await page.evaluate(async () => (await import("./print.js")).clear());
  await page.setViewportSize({ width: 1360, height: 900 });
});

test("a batch: a summary page, then each report's 审核意见 on a page of its own, every finding present", async () => {
  const { entries, rules } = await checkFiles([FILES.errors, FILES.pdf, FILES.html, FILES.png]);
  assert.deepEqual(entries.map((e) => (e.report ? e.report.status : "unreadable")), ["errors", "errors", "clean", "unreadable"]);
  // The first report was checked on another day: its opinion says so.
  entries[0].checkedAt = new Date(2025, 2, 14).getTime();
  await page.evaluate(async (entries) => (await import("./print.js")).printOpinion(entries, { print: false }), entries);
  const pdf = await page.pdf({ format: "A4" });
  fs.writeFileSync(path.join(shots, "print-batch.pdf"), pdf);
  const { pages } = pdfText(pdf);
  assertA4(pdf, pages.length);
  const fp = pages.map(fold);
  // Page 1: the summary, one row per file with its verdict.
  assert.ok(fp[0].startsWith(fold("政府信息公开工作年度报告审核汇总")), pages[0].slice(0, 60));
  assert.ok(fp[0].includes(fold(`审核日期：${today()}。共 4 份`)));
  for (const e of entries) {
    assert.ok(fp[0].includes(fold(e.name)), `summary lists ${e.name}`);
    assert.ok(fp[0].includes(fold(e.report ? e.report.verdict.title : "无法读取")));
  }
  // Each opinion starts a page; everything it must say is on its pages.
  let at = 1;
  for (const e of entries) {
    const title = fold(e.report ? `关于《${e.report.unit ?? ""}` : `关于文件「${e.name}」的审核意见`);
    const start = fp.findIndex((p, i) => i >= at && p.startsWith(title) && p.includes(fold(e.name)));
    assert.ok(start >= at, `the opinion on ${e.name} starts a page`);
    const next = fp.findIndex((p, i) => i > start && p.startsWith(fold("关于")));
    const its = fp.slice(start, next < 0 ? fp.length : next).join("");
    const said = mustSay(e.name, e.report ?? { verdict: {}, mistakes: [], diagnostics: [] }, rules);
    if (e.checkedAt) said[1] = "审核日期：2025年3月14日";
    if (e.report) for (const s of said) assert.ok(its.includes(fold(s)), `${e.name}: ${s}`);
    else assert.ok(its.includes(fold(said[1])) && its.includes(fold(e.error)), `${e.name}: the date and its reason`);
    at = start + 1;
  }
  // In print emulation at A4's width nothing sticks out.
  await page.setViewportSize({ width: A4_CONTENT_PX, height: 1100 });
  await page.emulateMedia({ media: "print" });
  await assertFits("#xxgk-print");
  await page.screenshot({ path: path.join(shots, "print-batch.png"), fullPage: true });
  await page.emulateMedia({ media: null });
  await page.evaluate(async () => (await import("./print.js")).clear());
  await page.setViewportSize({ width: 1360, height: 900 });
});

test("year over year: the opinion has a section with the comparison's findings (xxgk compare), its cells marked", { skip: !cliBin() && "no CLI built (cargo build)" }, async () => {
  const dir = path.join(root, "tests", "compare-fixtures");
  let out;
  try {
    out = execFileSync(cliBin(), ["compare", "--format", "json", path.join(dir, "unit-2023.txt"), path.join(dir, "unit-2024-mismatch.txt")], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (err) {
    out = String(err.stdout);
  }
  const compare = JSON.parse(out);
  assert.ok(compare.diagnostics.some((d) => d.rule === "compare.carried_over"));
  // What the CLI says of the pair: the later report's verdict counts the comparison's errors.
  let pair;
  try {
    pair = execFileSync(cliBin(), ["check", "--format", "json", path.join(dir, "unit-2023.txt"), path.join(dir, "unit-2024-mismatch.txt")], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (err) {
    pair = String(err.stdout);
  }
  const cliVerdict = JSON.parse(pair).reports[1].verdict.title;
  // The pair as a batch: last year's report, then this year's with its comparison.
  const { report, rules, marked } = await page.evaluate(async ({ last, text, compare }) => {
    const { getEngine } = await import("./engine.js");
    const engine = await getEngine();
    const { report } = await engine.check(text, {});
    const before = (await engine.check(last, {})).report;
    const m = await import("./print.js");
    await m.printOpinion([{ name: "unit-2023.txt", report: before }, { name: "unit-2024-mismatch.txt", report, compare }], { print: false });
    const td = document.querySelector('#xxgk-print article:last-child td[data-key="requests.carried_in.natural"]');
    return { report, rules: await m.loadRules(), marked: td && td.className };
  }, { last: fs.readFileSync(path.join(dir, "unit-2023.txt"), "utf8"), text: fs.readFileSync(path.join(dir, "unit-2024-mismatch.txt"), "utf8"), compare });
  const pdf = await page.pdf({ format: "A4" });
  fs.writeFileSync(path.join(shots, "print-compare.pdf"), pdf);
  await page.evaluate(async () => (await import("./print.js")).clear());
  const { pages } = pdfText(pdf);
  assertA4(pdf, pages.length);
  const summary = fold(pages[0]);
  assert.ok(summary.includes(fold("要改的格提醒与上年比对")), "the summary has a 与上年比对 column");
  assert.ok(summary.includes(fold(`unit-2024-mismatch.txt示例区人民政府办公室2024`)), pages[0]);
  const t = fold(pages.join(""));
  assert.ok(t.includes(fold("与上年报告比对（2023年度，文件「unit-2023.txt」）")), "the section names last year's report");
  const said = mustSay("unit-2024-mismatch.txt", report, rules);
  said[2] = `审核结论：${cliVerdict}`;
  assert.equal(cliVerdict, "有错误");
  for (const s of said) assert.ok(t.includes(fold(s)), `the PDF says: ${s}`);
  for (const d of compare.diagnostics) {
    assert.ok(t.includes(fold(d.message)), `the PDF says: ${d.message}`);
    assert.ok(t.includes(fold(rules.find((r) => r.id === d.rule).fix)), `how to fix ${d.rule}`);
  }
  assert.match(marked, /involved/, "the carried-in cell is marked in 表三");
});

test("year over year, the verdict in words: an incomplete report is never 全部相符; findings the report already holds are not 未发现", { skip: !cliBin() && "no CLI built (cargo build)" }, async () => {
  const dir = path.join(root, "tests", "compare-fixtures");
  const cli = (args) => {
    try {
      return JSON.parse(execFileSync(cliBin(), args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }));
    } catch (err) {
      return JSON.parse(String(err.stdout));
    }
  };
  const files = [path.join(dir, "unit-2023.txt"), path.join(dir, "unit-2024-mismatch.txt")];
  const compare = cli(["compare", "--format", "json", ...files]);
  const merged = cli(["check", "--format", "json", ...files]).reports[1];
  assert.ok(compare.diagnostics.length > 0);
  assert.ok(compare.diagnostics.every((d) => merged.diagnostics.some((m) => m.rule === d.rule && m.message === d.message)), "the CLI merged them");
  // This year's report without its 表四: not every table read.
  const full = fs.readFileSync(files[1], "utf8");
  const cut = full.slice(0, full.indexOf("四、政府信息公开行政复议")) + full.slice(full.indexOf("五、存在的主要问题"));
  const said = await page.evaluate(async ({ cut, compare, merged }) => {
    const { getEngine } = await import("./engine.js");
    const { report } = await (await getEngine()).check(cut, {});
    const m = await import("./print.js");
    const text = async (entries) => {
      await m.printOpinion(entries, { print: false });
      const t = document.getElementById("xxgk-print").textContent;
      m.clear();
      return t;
    };
    return { status: report.status, incomplete: await text([{ name: "cut.txt", report, compare }]), merged: await text([{ name: "merged.txt", report: merged, compare }]) };
  }, { cut, compare, merged });
  assert.equal(said.status, "incomplete");
  assert.match(said.incomplete, /审核结论：有错误/);
  assert.ok(!said.incomplete.includes("全部相符"), said.incomplete);
  assert.match(said.incomplete, /有部分内容没有核对/);
  assert.ok(!said.merged.includes("未发现不一致"), said.merged);
  assert.ok(said.merged.includes(`与上年报告比对发现的 ${compare.diagnostics.length} 处问题已列在上文`), said.merged);
});

test("the widget's own print styles: no text box, the findings list not cut, 表三/表四 within the paper", async () => {
  // The page without the opinion (print emulation fires no beforeprint):
  // what a portal that embeds the widget prints.
  if (!(await page.evaluate(() => document.querySelector("xxgk-validator").report))) {
    await page.click(`button[data-sample="${FILES.errors.name}"]`);
    await waitReport(page);
  }
  await page.setViewportSize({ width: A4_CONTENT_PX, height: 1100 });
  await page.emulateMedia({ media: "print" });
  const s = await page.evaluate(() => {
    const root = document.querySelector("xxgk-validator").shadowRoot;
    const list = root.querySelector(".list");
    return {
      textarea: getComputedStyle(root.querySelector("textarea")).display === "none" || root.querySelector("textarea").getBoundingClientRect().height === 0,
      toolbar: getComputedStyle(document.querySelector(".toolbar")).display,
      listCut: list.scrollHeight - list.clientHeight,
      items: list.querySelectorAll("li").length,
      t4: !!root.querySelector("table.t4"),
    };
  });
  assert.equal(s.textarea, true, "the text box is not printed");
  assert.equal(s.toolbar, "none", "the toolbar is not printed");
  assert.ok(s.items >= 3, `${s.items} findings`);
  assert.ok(s.listCut <= 1, `the findings list is not cut (${s.listCut} px hidden)`);
  assert.ok(s.t4);
  await assertFits("xxgk-validator");
  await page.screenshot({ path: path.join(shots, "print-widget.png"), fullPage: true });
  await page.emulateMedia({ media: null });
  await page.setViewportSize({ width: 1360, height: 900 });
  assert.deepEqual(pageErrors, []);
  assert.deepEqual(await page.evaluate(() => window.__csp), [], "no CSP violation (the page's own policy) while printing");
});
