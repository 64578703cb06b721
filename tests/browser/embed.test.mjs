// Embedding as EMBEDDING.md tells it: its snippet, taken verbatim from the
// markdown, in a page under the strict CSP (with a report-uri whose reports
// are counted), and the demo page www/embed.html.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { root, launch, shots, paste } from "./helpers.mjs";
import { STRICT, strictServer, openRecorded, sample, nodeCheck } from "./strict.mjs";

const errSample = sample("errors");
const cleanSample = sample("clean");

/** The code blocks of `lang` in EMBEDDING.md's section `heading`, exactly as written. */
function blocks(heading, lang) {
  const md = fs.readFileSync(path.join(root, "EMBEDDING.md"), "utf8");
  const at = md.indexOf(`\n${heading}\n`);
  assert.ok(at >= 0, `EMBEDDING.md has the section ${heading}`);
  const next = md.indexOf("\n## ", at + heading.length + 2);
  const section = md.slice(at, next < 0 ? undefined : next);
  return [...section.matchAll(new RegExp("^```" + lang + "\\n([\\s\\S]*?)^```$", "gm"))].map((m) => m[1]);
}

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test("EMBEDDING.md's snippet, copied verbatim, works under the strict CSP", { skip: !errSample && "no sample report with errors" }, async () => {
  const [html] = blocks("## 3. The snippet", "html");
  const [js] = blocks("## 3. The snippet", "js");
  assert.ok(html && js, "the section has an html and a js block");
  assert.equal(EMBEDDING_CSP(), STRICT, "the tests use the policy EMBEDDING.md gives");
  // Where the snippet loads the widget from and where the portal's own file goes.
  const srcs = [...html.matchAll(/<script type="module" src="([^"]+)"><\/script>/g)].map((m) => m[1]);
  const widget = srcs.find((s) => s.endsWith("/xxgk-validator.js"));
  const own = srcs.find((s) => s !== widget);
  assert.ok(widget && own, `two module scripts in the snippet: ${srcs}`);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "xxgk-snippet-"));
  try {
    const www = path.join(root, "www");
    const to = path.join(dir, path.dirname(widget));
    // The files section 2 says to copy.
    for (const f of ["xxgk-validator.js", "xxgk-validator.css", "engine.js", "engine-worker.js", "layout.js", "read-file.js",
      "pkg/xxgk_validator.js", "pkg/xxgk_validator_bg.wasm", "pkg-files/xxgk_validator.js", "pkg-files/xxgk_validator_bg.wasm"]) {
      fs.mkdirSync(path.dirname(path.join(to, f)), { recursive: true });
      fs.copyFileSync(path.join(www, f), path.join(to, f));
    }
    fs.mkdirSync(path.dirname(path.join(dir, own)), { recursive: true });
    fs.writeFileSync(path.join(dir, own), js);
    fs.writeFileSync(path.join(dir, "index.html"),
      `<!doctype html>\n<html lang="zh-CN">\n<head><meta charset="utf-8"><title>门户</title></head>\n<body>\n${html}</body>\n</html>\n`);

    const server = await strictServer(dir);
    try {
      const { page, log, res } = await openRecorded(browser.context, server.url);
      assert.equal(res.headers()["content-security-policy"], `${STRICT}; report-uri /csp-report`);
      await page.waitForFunction(() => document.getElementById("xxgk")?.getAttribute("state") === "idle", null, { timeout: 20000 });
      assert.equal(await page.locator("#publish").isDisabled(), true);

      // A report with errors: publishing stays blocked.
      await paste(page, { text: errSample.text }, "#xxgk");
      await page.waitForFunction(() => window.__validated.length > 0, null, { timeout: 20000 });
      const bad = (await page.evaluate(() => window.__validated)).at(-1);
      const want = await nodeCheck(path.join(www, "pkg"), errSample.text);
      assert.ok(want.summary.errors > 0, `${errSample.name} has errors`);
      assert.equal(bad.errors, want.summary.errors);
      assert.deepEqual(bad.rules, want.diagnostics.map((d) => d.rule));
      assert.equal(bad.ok, false);
      assert.equal(bad.reportStatus, "errors");
      if ("status" in bad) assert.equal(bad.status, "errors");
      assert.equal(await page.locator("#publish").isDisabled(), true);

      // Editing blocks publishing until the new text is checked; a clean report allows it.
      if (cleanSample) {
        await page.evaluate(() => document.getElementById("xxgk").setInput({ text: "" }));
        await paste(page, { text: cleanSample.text }, "#xxgk");
        await page.waitForFunction(() => window.__validated.length > 1, null, { timeout: 20000 });
        const good = (await page.evaluate(() => window.__validated)).at(-1);
        assert.equal(good.errors, 0);
        assert.equal(good.reportStatus, "clean", `${cleanSample.name} is read in full and checked`);
        if ("status" in good) assert.equal(good.status, "clean");
        assert.equal(good.ok, true);
        assert.equal(await page.locator("#publish").isDisabled(), false);
        const n = await page.evaluate(() => window.__validated.length);
        const blocked = await page.evaluate(() => {
          document.getElementById("xxgk").value = "这不是年度报告。";
          return document.getElementById("publish").disabled;
        });
        assert.equal(blocked, true, "an edit blocks publishing at once");
        await page.waitForFunction((k) => window.__validated.length > k, n, { timeout: 20000 });
        const junk = (await page.evaluate(() => window.__validated)).at(-1);
        assert.equal(junk.reportStatus, "incomplete");
        // `ok` false for it needs the widget's `status` (EMBEDDING.md).
        if ("status" in junk) {
          // Nothing read is never "correct".
          assert.equal(junk.status, "incomplete");
          assert.equal(junk.ok, false);
          assert.equal(await page.locator("#publish").isDisabled(), true);
        }
      }

      await page.screenshot({ path: path.join(shots, "embed-snippet.png"), fullPage: true });
      assert.deepEqual(await page.evaluate(() => window.__violations), [], "no CSP violation");
      await new Promise((r) => setTimeout(r, 300)); // reports are sent asynchronously
      assert.deepEqual(server.reports, [], "no CSP violation report");
      assert.deepEqual(log.errors, []);
      assert.deepEqual(log.requests.filter((u) => !u.startsWith(server.url)), [], "nothing fetched from elsewhere");
      await page.close();
    } finally {
      await server.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/** The policy in EMBEDDING.md section 4's code block. */
function EMBEDDING_CSP() {
  const [b] = blocks("## 4. The Content-Security-Policy your page must allow", "");
  return b.trim().replace(/^Content-Security-Policy:\s*/, "");
}

test("the demo page opens ready for a paste, without a warning about placeholder text", async () => {
  const server = await strictServer(path.join(root, "www"));
  try {
    const { page, log } = await openRecorded(browser.context, server.url + "embed.html");
    await page.waitForFunction(() => document.querySelector("xxgk-validator")?.getAttribute("state") === "idle", null, { timeout: 20000 });
    const sum = await page.locator("xxgk-validator .status").textContent();
    assert.doesNotMatch(sum, /未找到标准表格/);
    assert.match(sum, /请粘贴报告全文/);
    assert.deepEqual(await page.evaluate(() => window.__validated), [], "nothing checked before a paste");
    assert.equal(await page.locator("#publish").isDisabled(), true);
    assert.match(await page.locator("#publish-state").textContent(), /核对通过后才能发布/);
    assert.match(await page.locator("#csp-count").textContent(), /违规：0 次/);
    await page.screenshot({ path: path.join(shots, "embed-open.png"), fullPage: true });

    if (errSample) {
      await paste(page, { text: errSample.text });
      await page.waitForFunction(() => window.__validated.length > 0, null, { timeout: 20000 });
      const d = (await page.evaluate(() => window.__validated)).at(-1);
      assert.ok(d.errors > 0);
      assert.equal(await page.locator("#publish-state").textContent(), `有错误：还有 ${d.mistakes} 处要改，改正后才能发布。`);
      assert.equal(await page.locator("#publish").isDisabled(), true);
      await page.screenshot({ path: path.join(shots, "embed-demo-errors.png"), fullPage: true });
    }
    assert.deepEqual(log.errors, []);
    assert.deepEqual(server.reports, []);
    await page.close();
  } finally {
    await server.close();
  }
});

test("opening an .html file with style attributes raises no CSP violation report", async () => {
  // A report table as a web page or Word saves it: style attributes everywhere.
  const rows = [["一、本年新收政府信息公开申请数量", "1", "0", "0", "0", "0", "0", "1"]];
  const html = `<!doctype html><html><head><meta charset="utf-8"><style>td{border:1px solid}</style></head>
<body><p style="text-align:center;font-size:16pt">政府信息公开工作年度报告</p>
<table style="border-collapse:collapse" border="1">${rows.map((r) => `<tr>${r.map((c) => `<td style="width:40px;padding:2px"><span style="font-family:宋体">${c}</span></td>`).join("")}</tr>`).join("")}</table>
<div style="color:red" onclick="alert(1)">说明</div><img src="/tracker.png" style="display:none"></body></html>`;
  const server = await strictServer(path.join(root, "www"));
  try {
    const { page, log } = await openRecorded(browser.context, server.url + "embed.html");
    await page.waitForFunction(() => document.querySelector("xxgk-validator")?.getAttribute("state") === "idle", null, { timeout: 20000 });
    await page.evaluate((h) => document.querySelector("xxgk-validator").loadFile(new File([h], "report.html", { type: "text/html" })), html);
    await page.waitForFunction(() => window.__validated.length > 0, null, { timeout: 20000 });
    await new Promise((r) => setTimeout(r, 500)); // reports are sent asynchronously
    const violations = await page.evaluate(() => window.__violations);
    assert.deepEqual(violations, [], "no securitypolicyviolation event");
    assert.deepEqual(server.reports.map((r) => `${r["violated-directive"] ?? ""} ${r["blocked-uri"] ?? ""}`), [], "no report sent to the report-uri");
    assert.match(await page.locator("#csp-count").textContent(), /违规：0 次/);
    assert.ok(!log.requests.some((u) => u.endsWith("/tracker.png")), "nothing in the file is loaded");
    assert.deepEqual(log.errors, []);
    await page.close();
  } finally {
    await server.close();
  }
});
