// Web hardening (issue 6): pasted HTML never meets the page's CSP (no
// violations, no reports), HTML becomes text in the worker (never on the main
// thread), stored drafts are validated and never restored stale, and the
// service worker caches only the app's own files.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import fs from "node:fs";
import { launch, readCorpus, SEED1, waitReport, paste, stagePaste, startServer } from "./helpers.mjs";
import { createServer, listen, CSP } from "../../scripts/serve.mjs";
import { root } from "./helpers.mjs";
import path from "node:path";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** The page served with a strict CSP that reports to /csp-report; counts the POSTs. */
async function reportingServer() {
  const reports = [];
  const files = createServer({ root: path.join(root, "www"), csp: `${CSP}; report-uri /csp-report` });
  const handle = files.listeners("request")[0];
  const server = http.createServer((req, res) => {
    if (req.method === "POST" && req.url.startsWith("/csp-report")) {
      let body = "";
      req.on("data", (c) => { body += c; });
      req.on("end", () => { reports.push(body); res.writeHead(204).end(); });
      return;
    }
    handle(req, res);
  });
  const url = await listen(server, 0);
  return { url, reports, close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(() => r()); }) };
}

/** What Word puts on the clipboard: mso styles, a <style> block, classes, style= everywhere; plus onerror handlers. */
function wordHtml(plain) {
  const esc = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  const rows = plain.split("\n").map((l) =>
    `<tr style="mso-yfti-irow:1;height:15.0pt">${l.split("\t").map((c) =>
      `<td width=72 style="width:54.0pt;border:solid windowtext 1.0pt;mso-border-alt:solid windowtext .5pt;padding:0cm 5.4pt 0cm 5.4pt"><p class=MsoNormal align=center style="text-align:center"><span style="font-size:10.5pt;font-family:宋体;mso-ascii-font-family:Calibri">${esc(c)}</span></p></td>`).join("")}</tr>`);
  return `<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><meta charset=utf-8><style><!-- p.MsoNormal {margin:0cm;font-size:10.5pt} --></style></head>
<body lang=ZH-CN style="tab-interval:21.0pt;text-justify-trim:punctuation"><!--StartFragment-->
<p class=MsoNormal style="text-indent:2em"><img src="x" onerror="window.__pwned=1" style="width:1px"><span style="color:red" onmouseover="window.__pwned=2">报告</span></p>
<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0 style="border-collapse:collapse;mso-table-layout-alt:fixed">${rows.join("")}</table>
<!--EndFragment--></body></html>`;
}

test("a Word-like text/html paste causes no CSP violation and no report", async () => {
  const s = await reportingServer();
  const page = await browser.context.newPage();
  try {
    await page.addInitScript(() => {
      window.__violations = [];
      document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    const res = await page.goto(s.url);
    assert.match(res.headers()["content-security-policy"], /report-uri \/csp-report/);
    await page.waitForFunction(() => document.querySelector("xxgk-validator")?.getAttribute("state") === "idle", null, { timeout: 20000 });
    const plain = readCorpus(SEED1).replace(/\n\n+/g, "\n");
    const html = wordHtml(plain);
    assert.ok((html.match(/style="/g) || []).length > 200, "the paste is full of style= attributes");
    // With and without the plain text Word also provides.
    await paste(page, { text: plain, html });
    let r = await waitReport(page);
    assert.ok(r.summary.errors > 0);
    await page.evaluate(() => document.querySelector("xxgk-validator").setInput({ text: "" }));
    await paste(page, { text: "", html });
    r = await waitReport(page);
    assert.equal(r.html, true);
    assert.ok(r.summary.errors > 0);
    await page.waitForTimeout(1500);
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
    assert.equal(s.reports.length, 0, s.reports.join("\n"));
    assert.equal(await page.evaluate(() => window.__pwned ?? null), null);

    // The counting works: one inline style put into the page is reported.
    await page.evaluate(() => document.body.insertAdjacentHTML("beforeend", '<b style="color:red">x</b>'));
    await page.waitForFunction(() => window.__violations.length > 0, null, { timeout: 5000 });
    for (let i = 0; i < 50 && s.reports.length === 0; i++) await page.waitForTimeout(100);
    assert.ok(s.reports.length >= 1, "report POSTs are counted");
  } finally {
    await page.close();
    await s.close();
  }
});

test("HTML becomes text in the worker: a 5 MB text/html paste never runs HTML→text on the main thread", async () => {
  const s = await startServer();
  const page = await browser.context.newPage();
  try {
    await page.addInitScript(() => {
      // Any DOM parsing of HTML strings on the page is counted.
      window.__parsed = 0;
      const parse = DOMParser.prototype.parseFromString;
      DOMParser.prototype.parseFromString = function (...a) { window.__parsed++; return parse.apply(this, a); };
      const frag = Range.prototype.createContextualFragment;
      Range.prototype.createContextualFragment = function (...a) { window.__parsed++; return frag.apply(this, a); };
      window.__long = [];
      new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push(e.duration); }).observe({ type: "longtask", buffered: true });
    });
    await page.goto(s.url);
    await page.waitForFunction(() => document.querySelector("xxgk-validator")?.getAttribute("state") === "idle", null, { timeout: 20000 });
    const city = readCorpus("city-2025.html");
    let html = city;
    const filler = `<p class=MsoNormal style="text-indent:2em">其他需要报告的事项：本机关认真落实政府信息公开条例。</p>\n`.repeat(500);
    while (Buffer.byteLength(html) < 5 * 1024 * 1024) html += filler;
    const fire = await stagePaste(page, { text: "", html });
    await page.evaluate(() => { window.__long.length = 0; });
    const t0 = Date.now();
    await fire();
    const r = await waitReport(page);
    const done = Date.now() - t0;
    await page.waitForTimeout(300);
    const state = await page.evaluate(() => {
      const v = document.querySelector("xxgk-validator");
      return { parsed: window.__parsed, long: window.__long, box: v.shadowRoot.querySelector("textarea").value.slice(0, 5000), text: v.value.length };
    });
    const worst = Math.max(0, ...state.long);
    // What parsing this HTML on the page (as before) costs on this machine
    // now: a fifth of it, times five.
    const parseMs = await page.evaluate(() => {
      const html = document.querySelector("xxgk-validator").input.html;
      const t = performance.now();
      const n = new DOMParser().parseFromString(html.slice(0, html.length / 5), "text/html").body.textContent.length;
      return n > 0 ? 5 * (performance.now() - t) : -1;
    });
    console.log(`# 5 MB text/html paste (${Buffer.byteLength(html)} bytes): longest main-thread task ${worst.toFixed(0)} ms (parsing it on the page would take ${parseMs.toFixed(0)} ms), checked and shown in ${done} ms`);
    assert.equal(r.html, true);
    assert.equal(r.cells["requests.received.total"].value, 14069);
    assert.equal(state.parsed, 0, "no HTML parsed on the page");
    assert.ok(state.box.includes("本年新收") && !state.box.includes("<td"), "the box shows the text the worker made");
    assert.ok(state.text > 100000);
    // Timing on a shared machine varies: well under the parse it replaced (measured
    // alongside), and never above 1.5 s.
    assert.ok(worst < Math.min(1500, parseMs / 2), `longest main-thread task ${worst} ms vs ${parseMs} ms to parse on the page`);
    // The page's modules have no HTML→text function any more.
    const mod = await page.evaluate(async () => Object.keys(await import("./read-file.js")));
    assert.deepEqual(mod.sort(), ["decodeBytes", "readFile"]);
  } finally {
    await page.close();
    await s.close();
  }
});

test("drafts: a malformed stored draft is discarded, never a stuck widget", async () => {
  const s = await startServer();
  const page = await browser.context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  try {
    await page.goto(s.url);
    for (const bad of ['{"text":12345}', "[1,2]", "not json", '{"text":"a","html":{"x":1}}', "null"]) {
      await page.evaluate((bad) => localStorage.setItem("xxgk-validator:draft", bad), bad);
      await page.reload();
      await page.waitForFunction(() => document.querySelector("xxgk-validator")?.getAttribute("state") === "idle", null, { timeout: 20000 });
      assert.equal(await page.evaluate(() => document.querySelector("xxgk-validator").value), "", bad);
      if (bad !== "null") assert.match(await page.locator("#draft-note").textContent(), /已损坏/, bad);
      assert.equal(await page.evaluate(() => localStorage.getItem("xxgk-validator:draft")), null, `${bad} removed`);
    }
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
    await s.close();
  }
});

test("drafts: when a save fails the page says so and the older draft is not restored", async () => {
  const s = await startServer();
  const page = await browser.context.newPage();
  const idle = () => page.waitForFunction(() => document.querySelector("xxgk-validator")?.getAttribute("state") === "idle", null, { timeout: 20000 });
  try {
    await page.goto(s.url);
    const cases = [
      // The storage really is full: another 4.3 million characters are kept for this site.
      { name: "quota", filler: 4_300_000, big: "新内容" + readCorpus(SEED1) + "其他需要报告的事项。".repeat(100_000) },
      // A 6 MB edit: more than the browser keeps for a site at all.
      { name: "6 MB", filler: 0, big: "新内容" + readCorpus(SEED1) + "其他需要报告的事项。".repeat(600_000) },
    ];
    for (const c of cases) {
      await page.evaluate((n) => { localStorage.clear(); if (n) localStorage.setItem("other-app", "x".repeat(n)); }, c.filler);
      await page.reload();
      await idle();
      const ta = page.locator("xxgk-validator textarea");
      await ta.fill("旧草稿：某某局2023年报告");
      await page.waitForFunction(() => localStorage.getItem("xxgk-validator:draft")?.includes("旧草稿"), null, { timeout: 5000 });
      await paste(page, { text: c.big });
      await page.waitForFunction(() => /未能保存/.test(document.querySelector("#draft-note").textContent), null, { timeout: 10000 });
      const note = page.locator("#draft-note");
      assert.match(await note.textContent(), /浏览器存储空间不足，草稿未能保存；旧草稿已删除/, c.name);
      assert.match(await note.getAttribute("class"), /warn/);
      assert.equal(await page.evaluate(() => localStorage.getItem("xxgk-validator:draft")), null, c.name);
      await page.reload();
      await idle();
      assert.equal(await page.evaluate(() => document.querySelector("xxgk-validator").value), "", `${c.name}: the older draft is not restored`);
      assert.doesNotMatch(await note.textContent(), /已恢复/);
    }
  } finally {
    await page.evaluate(() => localStorage.clear()).catch(() => {});
    await page.close();
    await s.close();
  }
});

test("the service worker caches the app's own files only, never a URL with a query", async () => {
  const s = await startServer();
  const page = await browser.context.newPage();
  try {
    await page.goto(s.url);
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
    if (!(await page.evaluate(() => !!navigator.serviceWorker.controller))) await page.reload();
    await page.waitForFunction(() => !!navigator.serviceWorker.controller, null, { timeout: 15000 });
    assert.ok(fs.existsSync(path.join(root, "www", "xxgk-validator.d.ts")));
    const keys = await page.evaluate(async () => {
      for (const u of ["app.js?x=1", "index.html?x=1", "pkg/xxgk_validator.js?v=2", "xxgk-validator.d.ts", "no-such-file.txt", "app.js"]) await fetch(u);
      await new Promise((r) => setTimeout(r, 500));
      const out = [];
      for (const name of await caches.keys()) for (const req of await (await caches.open(name)).keys()) out.push(new URL(req.url).pathname + new URL(req.url).search);
      return out;
    });
    assert.ok(keys.includes("/app.js") && keys.includes("/pkg/xxgk_validator_bg.wasm"), keys.join(" "));
    assert.deepEqual(keys.filter((k) => k.includes("?")), []);
    assert.ok(!keys.includes("/xxgk-validator.d.ts") && !keys.includes("/no-such-file.txt"), keys.join(" "));
  } finally {
    await page.close();
    await s.close();
  }
});
