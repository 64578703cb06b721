// The two deliverables of scripts/dist.mjs:
//  - the npm package: packed with `npm pack`, installed offline into a scratch
//    portal, imported by a page under the strict CSP, which then checks a
//    report with errors;
//  - the static site dist/site: what its first load fetches is what the
//    README's size figure counts, within the budget, and the precompressed
//    files are the originals.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { createRequire } from "node:module";
import { parse } from "smol-toml";
import { root, launch, shots, paste } from "./helpers.mjs";
import { STRICT, strictServer, openRecorded, sample, nodeCheck } from "./strict.mjs";

// A build of its own (not the developer's dist/), removed afterwards.
const dist = fs.mkdtempSync(path.join(os.tmpdir(), "xxgk-dist-"));
const cfg = parse(fs.readFileSync(path.join(root, "wasm-pack.toml"), "utf8"));
const version = parse(fs.readFileSync(path.join(root, "Cargo.toml"), "utf8")).package.version;
const errSample = sample("errors");

function run(cmd, argv, cwd) {
  const r = spawnSync(cmd, argv, { cwd, encoding: "utf8", env: { ...process.env, npm_config_update_notifier: "false" } });
  assert.equal(r.status, 0, `${cmd} ${argv.join(" ")}:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

let browser;
before(async () => {
  // The deployable build from the current www/ (builds the wasm module only when www/pkg is missing).
  run(process.execPath, [path.join(root, "scripts", "dist.mjs"), "--no-build", "--no-pack", "--quiet", "--out", dist], root);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  fs.rmSync(dist, { recursive: true, force: true });
});

test("the npm package installs offline and works in a portal page under the strict CSP", { skip: !errSample && "no sample report with errors" }, async () => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "xxgk-portal-"));
  try {
    // npm pack
    const packed = JSON.parse(run("npm", ["pack", path.join(dist, "npm"), "--pack-destination", scratch, "--json", "--loglevel=error"], scratch))[0];
    assert.equal(packed.name, "xxgk-validator");
    assert.equal(packed.version, version, "the package has the crate's version");
    assert.equal(packed.filename, `xxgk-validator-${version}.tgz`);
    const inTarball = packed.files.map((f) => f.path).sort();
    for (const f of ["package.json", "README.md", "xxgk-validator.js", "xxgk-validator.css", "xxgk-validator.d.ts",
      "engine.js", "engine.d.ts", "engine-worker.js", "layout.js", "read-file.js",
      "pkg/xxgk_validator.js", "pkg/xxgk_validator.d.ts", "pkg/xxgk_validator_bg.wasm"]) {
      assert.ok(inTarball.includes(f), `${f} is in the tarball (${inTarball.join(", ")})`);
    }
    assert.ok(!inTarball.some((f) => /samples\/|\.html$|sw\.js$|\.gz$|\.br$/.test(f)), "only the widget, engine and types");

    // npm install of the tarball, no registry
    fs.writeFileSync(path.join(scratch, "package.json"), JSON.stringify({ name: "portal", private: true, version: "1.0.0" }));
    run("npm", ["install", "--offline", "--no-audit", "--no-fund", "--loglevel=error", `./${packed.filename}`], scratch);
    const installed = path.join(scratch, "node_modules", "xxgk-validator");
    assert.equal(JSON.parse(fs.readFileSync(path.join(installed, "package.json"), "utf8")).version, version);

    // The exports map, as node resolves it from the portal's own code
    const req = createRequire(path.join(scratch, "portal.js"));
    const entry = req.resolve("xxgk-validator");
    assert.equal(entry, path.join(installed, "xxgk-validator.js"));
    assert.equal(req.resolve("xxgk-validator/xxgk-validator.css"), path.join(installed, "xxgk-validator.css"));
    assert.equal(req.resolve("xxgk-validator/engine.js"), path.join(installed, "engine.js"));
    assert.equal(req.resolve("xxgk-validator/wasm"), path.join(installed, "pkg", "xxgk_validator.js"));
    assert.throws(() => req.resolve("xxgk-validator/layout.js"), /ERR_PACKAGE_PATH_NOT_EXPORTED|not defined by "exports"/);
    // Every `types` of the map is there, and the element's types name the status and the report.
    const pj = JSON.parse(fs.readFileSync(path.join(installed, "package.json"), "utf8"));
    const types = Object.values(pj.exports).filter((v) => typeof v === "object").map((v) => v.types);
    for (const t of [pj.types, ...types]) assert.ok(fs.existsSync(path.join(installed, t)), `types ${t}`);
    const dts = fs.readFileSync(path.join(installed, "pkg", "xxgk_validator.d.ts"), "utf8");
    assert.match(dts, /export function check\(/);
    assert.match(dts, /export interface Report \{/);
    assert.match(fs.readFileSync(path.join(installed, "xxgk-validator.d.ts"), "utf8"), /interface ValidatedDetail/);

    // The types, as a TypeScript portal sees them (tsc --strict, node16 resolution
    // through the exports map); a wrong use must be rejected.
    const tsc = path.join(root, "node_modules", "typescript", "bin", "tsc");
    fs.writeFileSync(path.join(scratch, "tsconfig.json"), JSON.stringify({
      compilerOptions: { strict: true, noEmit: true, target: "es2022", module: "node16", moduleResolution: "node16", lib: ["es2022", "dom"], skipLibCheck: false },
      files: ["typed.ts"],
    }));
    const typed = `import "xxgk-validator";
import type { ValidatedDetail, Report, Diagnostic } from "xxgk-validator";
import { getEngine } from "xxgk-validator/engine.js";
import init, { check } from "xxgk-validator/wasm";
const v = document.querySelector("xxgk-validator");
v?.addEventListener("validated", (e) => {
  const d: ValidatedDetail = e.detail;
  const errors: number = d.report.summary.errors;
  const first: Diagnostic | undefined = d.report.diagnostics[0];
  console.log(errors, d.ok, first?.rule);
});
export async function direct(text: string): Promise<number> {
  await init();
  const r: Report = check(text);
  const { report } = await (await getEngine()).check(text, { html: false });
  return r.summary.errors + report.summary.warnings + (v ? (await v.checkNow())?.summary.errors ?? 0 : 0);
}
`;
    fs.writeFileSync(path.join(scratch, "package.json"), JSON.stringify({ name: "portal", private: true, version: "1.0.0", type: "module" }));
    fs.writeFileSync(path.join(scratch, "typed.ts"), typed);
    run(process.execPath, [tsc, "-p", scratch], scratch);
    fs.writeFileSync(path.join(scratch, "typed.ts"), typed.replace("const errors: number", "const errors: string"));
    const wrong = spawnSync(process.execPath, [tsc, "-p", scratch], { cwd: scratch, encoding: "utf8" });
    assert.notEqual(wrong.status, 0, "tsc rejects a count typed as a string");
    assert.match(wrong.stdout, /typed\.ts\(8,9\): error TS2322/);

    // The packaged module gives the same report in node (the expected values)
    const want = await nodeCheck(path.join(installed, "pkg"), errSample.text);
    assert.ok(want.summary.errors > 0, `${errSample.name} has errors`);

    // A portal page that imports the installed package, under the strict CSP
    const src = "/" + path.relative(scratch, entry).split(path.sep).join("/");
    fs.writeFileSync(path.join(scratch, "portal.js"), `import ${JSON.stringify(src)};\n`);
    fs.writeFileSync(path.join(scratch, "index.html"), `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>门户</title>
<script type="module" src="/portal.js"></script></head>
<body><h1>门户发布页</h1><xxgk-validator id="v" compact></xxgk-validator></body></html>
`);
    const server = await strictServer(scratch);
    try {
      const { page, log, res } = await openRecorded(browser.context, server.url);
      assert.equal(res.headers()["content-security-policy"], `${STRICT}; report-uri /csp-report`);
      await page.waitForFunction(() => document.getElementById("v")?.getAttribute("state") === "idle", null, { timeout: 20000 });
      await paste(page, { text: errSample.text }, "#v");
      await page.waitForFunction(() => window.__validated.length > 0, null, { timeout: 20000 });
      const got = (await page.evaluate(() => window.__validated)).at(-1);
      assert.equal(got.errors, want.summary.errors);
      assert.deepEqual(got.summary, want.summary);
      assert.deepEqual(got.rules, want.diagnostics.map((d) => d.rule));
      assert.equal(got.ok, false);
      assert.equal(got.reportStatus, "errors");
      assert.equal(want.status, "errors");
      if ("status" in got) assert.equal(got.status, "errors");
      assert.equal(await page.getAttribute("#v", "state"), "errors");
      // Everything came from the installed package (and the page), nothing from elsewhere.
      const paths = log.requests.map((u) => new URL(u)).filter((u) => u.origin + "/" === server.url).map((u) => u.pathname);
      assert.equal(log.requests.length, paths.length, "only the portal's own origin");
      for (const p of ["/node_modules/xxgk-validator/engine-worker.js", "/node_modules/xxgk-validator/pkg/xxgk_validator_bg.wasm", "/node_modules/xxgk-validator/xxgk-validator.css"]) {
        assert.ok(paths.includes(p), `${p} fetched (${paths.join(" ")})`);
      }
      await page.screenshot({ path: path.join(shots, "package-portal.png"), fullPage: true });
      assert.deepEqual(await page.evaluate(() => window.__violations), [], "no CSP violation");
      await new Promise((r) => setTimeout(r, 300));
      assert.deepEqual(server.reports, [], "no CSP violation report");
      assert.deepEqual(log.errors, []);
      await page.close();
    } finally {
      await server.close();
    }
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
});

test("dist/site: the first load is what the size figure counts, within the budget", async () => {
  const site = path.join(dist, "site");
  const sizes = JSON.parse(fs.readFileSync(path.join(dist, "sizes.json"), "utf8"));
  const listed = cfg.dist["first-load"];
  assert.deepEqual(sizes.firstLoad.files.map((f) => f.file), listed);

  // What Chromium fetches when the page is opened (page, widget, worker, wasm, service worker).
  const server = await strictServer(site);
  try {
    const { page, log } = await openRecorded(browser.context, server.url);
    await page.waitForFunction(() => document.querySelector("xxgk-validator")?.getAttribute("state") === "idle", null, { timeout: 20000 });
    await page.waitForFunction(() => !document.querySelector(".samples")?.hidden, null, { timeout: 10000 });
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.waitForLoadState("networkidle");
    const fetched = new Set(log.requests.map((u) => new URL(u).pathname.slice(1) || "index.html"));
    // The service worker's script is fetched by the browser, not the page (its
    // install then caches the rest of the site, after the first load).
    assert.ok(server.served.includes("/sw.js"), "the service worker is registered");
    fetched.add("sw.js");
    // Headless Chromium may not ask for the favicon; everything else must match exactly.
    const expected = new Set(listed.filter((f) => f !== "favicon.svg" || fetched.has(f)));
    assert.deepEqual([...fetched].sort(), [...expected].sort(), "first-load list of wasm-pack.toml = what the page fetches");
    assert.deepEqual(log.errors, []);
    assert.deepEqual(server.reports, []);
    await page.close();
  } finally {
    await server.close();
  }

  // The figures are the files' real sizes.
  for (const f of sizes.firstLoad.files) {
    const buf = fs.readFileSync(path.join(site, f.file));
    assert.equal(f.raw, buf.length, f.file);
    assert.equal(f.gzip, zlib.gzipSync(buf, { level: 9 }).length, f.file);
  }
  const sum = (k) => sizes.firstLoad.files.reduce((n, f) => n + f[k], 0);
  assert.deepEqual(sizes.firstLoad.total, { raw: sum("raw"), gzip: sum("gzip"), brotli: sum("brotli") });
  assert.ok(sizes.firstLoad.total.gzip <= cfg.dist["budget-gzip-kib"] * 1024,
    `first load ${(sizes.firstLoad.total.gzip / 1024).toFixed(1)} KiB gzipped ≤ ${cfg.dist["budget-gzip-kib"]} KiB`);
  assert.ok(sizes.firstLoad.total.brotli < sizes.firstLoad.total.gzip);
  console.log(`# first load: ${(sizes.firstLoad.total.raw / 1024).toFixed(1)} KiB raw, ${(sizes.firstLoad.total.gzip / 1024).toFixed(1)} KiB gzip, ${(sizes.firstLoad.total.brotli / 1024).toFixed(1)} KiB brotli`);

  // Precompressed copies beside the big files decompress to them.
  const wasm = path.join(site, "pkg", "xxgk_validator_bg.wasm");
  for (const big of [wasm, path.join(site, "xxgk-validator.js"), path.join(site, "index.html")]) {
    assert.ok(fs.existsSync(big + ".gz") && fs.existsSync(big + ".br"), `${path.relative(site, big)}.gz/.br`);
  }
  let n = 0;
  for (const ent of fs.readdirSync(site, { recursive: true })) {
    const f = path.join(site, ent);
    if (!/\.(gz|br)$/.test(f)) continue;
    const orig = fs.readFileSync(f.slice(0, -3));
    const back = f.endsWith(".gz") ? zlib.gunzipSync(fs.readFileSync(f)) : zlib.brotliDecompressSync(fs.readFileSync(f));
    assert.ok(back.equals(orig), `${ent} decompresses to the original`);
    assert.ok(fs.statSync(f).size < orig.length, `${ent} is smaller`);
    n++;
  }
  assert.ok(n >= 10, `${n} precompressed files`);
  assert.ok(!fs.existsSync(path.join(site, "xxgk-validator.d.ts")), "no types on the site");
});
