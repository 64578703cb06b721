#!/usr/bin/env node
// The deployable build, configured by wasm-pack.toml ([dist], [npm]):
//
//   node scripts/dist.mjs [--no-build] [--no-pack] [--quiet] [--out DIR]
//
//   dist/site/                 the static site: the page, the embedding demo,
//                              the widget, the wasm module, the samples and
//                              the service worker, with precompressed .gz and
//                              .br beside the big files; copy it onto any
//                              static host (serve .wasm as application/wasm)
//   dist/npm/                  the npm package for portals (npm/ is its template)
//   dist/xxgk-validator-<version>.tgz   the same, packed by `npm pack`
//   dist/sizes.json            raw / gzip / brotli of the first load, and
//                              of what a PDF or Word file loads on demand
//                              ([dist] on-demand: pkg-files/), and of
//                              what a batch loads ([dist] batch: pkg-batch/)
//
// Builds the wasm module first (scripts/build-wasm.mjs) unless --no-build is
// given and www/pkg is there. Fails when the first load of the page is over
// the gzip budget. Sizes are in KiB (1024 bytes).
import esbuild from "esbuild";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { fileURLToPath } from "node:url";
import { parse } from "smol-toml";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const argv = process.argv.slice(2);
const args = new Set(argv);
const outArg = argv.includes("--out") ? argv[argv.indexOf("--out") + 1] : null;
const quiet = args.has("--quiet");
const log = (...a) => { if (!quiet) console.log(...a); };
const die = (msg) => { console.error(`dist: ${msg}`); process.exit(1); };

const cfg = parse(fs.readFileSync(path.join(root, "wasm-pack.toml"), "utf8"));
const dcfg = cfg.dist ?? {};
const www = path.join(root, "www");
const out = path.resolve(root, outArg ?? dcfg["out-dir"] ?? "dist");
const site = path.join(out, "site");
const npmOut = path.join(out, "npm");
const crate = parse(fs.readFileSync(path.join(root, "Cargo.toml"), "utf8")).package;

// 1. The wasm module
if (!args.has("--no-build") || !fs.existsSync(path.join(www, "pkg", "xxgk_validator_bg.wasm"))) {
  const r = spawnSync(process.execPath, [path.join(root, "scripts", "build-wasm.mjs"), ...(quiet ? ["--quiet"] : [])], { cwd: root, stdio: "inherit" });
  if (r.status !== 0) die("scripts/build-wasm.mjs failed");
}

/** `pattern` (with `*` inside one path segment) as a RegExp over '/'-separated relative paths. */
const globRe = (pattern) =>
  new RegExp("^" + (pattern.includes("/") ? "" : "(?:.*/)?") +
    pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[^/]*") + "$");
const excluded = (dcfg.exclude ?? []).map(globRe);

function walk(dir, rel = "") {
  const files = [];
  for (const ent of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${ent.name}` : ent.name;
    if (ent.isDirectory()) files.push(...walk(dir, r));
    else if (ent.isFile()) files.push(r);
  }
  return files.sort();
}

// 2. The static site
// `out` is emptied first, but only when it is missing, empty, or an earlier
// output of this script (it holds the marker file): never any other folder.
const MARK = ".xxgk-dist";
if (fs.existsSync(out) && fs.readdirSync(out).length && !fs.existsSync(path.join(out, MARK))) {
  die(`${out} is not empty and not an earlier dist output (no ${MARK}): refusing to empty it`);
}
fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(site, { recursive: true });
fs.writeFileSync(path.join(out, MARK), "written by scripts/dist.mjs; the folder is emptied on the next run\n");
const siteFiles = walk(www).filter((f) => !excluded.some((re) => re.test(f)));
for (const f of siteFiles) {
  fs.mkdirSync(path.dirname(path.join(site, f)), { recursive: true });
  fs.copyFileSync(path.join(www, f), path.join(site, f));
}
// Minified as a production build is (esbuild, per file: no bundling, so
// every module, worker and import path stays as in www/). The npm package
// keeps the readable sources.
for (const f of siteFiles.filter((f) => /\.(js|mjs|css)$/.test(f))) {
  const file = path.join(site, f);
  const loader = f.endsWith(".css") ? "css" : "js";
  const { code } = esbuild.transformSync(fs.readFileSync(file, "utf8"), { loader, minify: true, legalComments: "none" });
  fs.writeFileSync(file, code);
}
for (const need of ["index.html", "embed.html", "sw.js", "xxgk-validator.js", "pkg/xxgk_validator_bg.wasm", "pkg-files/xxgk_validator_bg.wasm", "batch.js", "pkg-batch/xxgk_validator_bg.wasm"]) {
  if (!siteFiles.includes(need)) die(`www/${need} missing`);
}

// 3. Precompressed copies (what nginx gzip_static / brotli_static and most
// static hosts serve as they are).
const gzip = (buf) => zlib.gzipSync(buf, { level: 9 });
const brotli = (buf, file) => zlib.brotliCompressSync(buf, {
  params: {
    [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
    [zlib.constants.BROTLI_PARAM_MODE]: file.endsWith(".wasm") ? zlib.constants.BROTLI_MODE_GENERIC : zlib.constants.BROTLI_MODE_TEXT,
    [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buf.length,
  },
});
const exts = new Set((dcfg.compress ?? []).map((e) => "." + e));
const minBytes = dcfg["compress-min-bytes"] ?? 1024;
const measured = new Map(); // relative path → { raw, gzip, brotli }
let precompressed = 0;
for (const f of siteFiles) {
  const buf = fs.readFileSync(path.join(site, f));
  const gz = gzip(buf);
  const br = brotli(buf, f);
  measured.set(f, { raw: buf.length, gzip: gz.length, brotli: br.length });
  if (!exts.has(path.extname(f)) || buf.length < minBytes) continue;
  if (gz.length < buf.length) { fs.writeFileSync(path.join(site, f + ".gz"), gz); precompressed++; }
  if (br.length < buf.length) { fs.writeFileSync(path.join(site, f + ".br"), br); precompressed++; }
}

// 4. The npm package
const tplDir = path.join(root, cfg.npm?.template ?? "npm");
const tpl = JSON.parse(fs.readFileSync(path.join(tplDir, "package.json"), "utf8"));
const pkgJson = { ...tpl, version: crate.version };
fs.mkdirSync(npmOut, { recursive: true });
for (const f of pkgJson.files ?? []) {
  const from = [path.join(www, f), path.join(tplDir, f)].find((p) => fs.existsSync(p));
  if (!from) die(`npm package: ${f} is in neither www/ nor ${path.relative(root, tplDir)}/`);
  fs.mkdirSync(path.dirname(path.join(npmOut, f)), { recursive: true });
  fs.copyFileSync(from, path.join(npmOut, f));
}
for (const f of fs.readdirSync(tplDir)) {
  if (f !== "package.json" && !fs.existsSync(path.join(npmOut, f))) fs.copyFileSync(path.join(tplDir, f), path.join(npmOut, f));
}
fs.writeFileSync(path.join(npmOut, "package.json"), JSON.stringify(pkgJson, null, 2) + "\n");
// Every target of the exports map must be in the package.
const targets = (v) => (typeof v === "string" ? [v] : Object.values(v).flatMap(targets));
for (const t of targets(pkgJson.exports ?? {})) {
  if (!fs.existsSync(path.join(npmOut, t))) die(`npm package: exports names ${t}, which is not in dist/npm`);
}
let tarball = null;
if (!args.has("--no-pack")) {
  const r = spawnSync("npm", ["pack", "--pack-destination", out, "--json", "--loglevel=error"], { cwd: npmOut, encoding: "utf8" });
  if (r.status !== 0) die(`npm pack failed: ${r.stderr}`);
  tarball = JSON.parse(r.stdout)[0].filename;
}

// 5. Sizes
const firstLoad = dcfg["first-load"] ?? [];
const rows = [];
const total = { raw: 0, gzip: 0, brotli: 0 };
for (const f of firstLoad) {
  const m = measured.get(f);
  if (!m) die(`[dist] first-load names ${f}, which is not in dist/site`);
  rows.push({ file: f, ...m });
  for (const k of Object.keys(total)) total[k] += m[k];
}
const all = { raw: 0, gzip: 0, brotli: 0 };
for (const m of measured.values()) for (const k of Object.keys(all)) all[k] += m[k];
const wasm = measured.get("pkg/xxgk_validator_bg.wasm");
// What is loaded later, by group: [dist] key → what it is for.
const GROUPS = [
  ["on-demand", "onDemand", "loaded on demand (a PDF or Word file)"],
  ["print-export", "printExport", "loaded to print or export (after the first check; 打印审核意见, 导出)"],
  ["batch", "batch", "loaded for a batch (more than one file, a folder)"],
];
const groups = GROUPS.map(([key, name, title]) => {
  const files = [];
  const sum = { raw: 0, gzip: 0, brotli: 0 };
  for (const f of dcfg[key] ?? []) {
    const m = measured.get(f);
    if (!m) die(`[dist] ${key} names ${f}, which is not in dist/site`);
    if (firstLoad.includes(f)) die(`[dist] ${f} is both first-load and ${key}`);
    files.push({ file: f, ...m });
    for (const k of Object.keys(sum)) sum[k] += m[k];
  }
  return { name, title, files, total: sum };
});
const sizes = { version: crate.version, unit: "bytes", firstLoad: { files: rows, total }, wasm, site: { files: siteFiles.length, ...all } };
for (const g of groups) sizes[g.name] = { files: g.files, total: g.total };
fs.writeFileSync(path.join(out, "sizes.json"), JSON.stringify(sizes, null, 1) + "\n");

const kib = (n) => (n / 1024).toFixed(1).padStart(6) + " KiB";
log(`\ndist/site: ${siteFiles.length} files (+${precompressed} precompressed .gz/.br)`);
log(`dist/npm:  ${pkgJson.name}@${pkgJson.version}${tarball ? ` → dist/${tarball}` : ""}`);
log(`\nfirst load of index.html     ${"raw".padStart(10)} ${"gzip".padStart(10)} ${"brotli".padStart(10)}`);
for (const r of rows) log(`  ${r.file.padEnd(27)} ${kib(r.raw)} ${kib(r.gzip)} ${kib(r.brotli)}`);
log(`  ${"total".padEnd(27)} ${kib(total.raw)} ${kib(total.gzip)} ${kib(total.brotli)}`);
for (const g of groups) {
  if (!g.files.length) continue;
  log(`\n${g.title}`);
  for (const r of g.files) log(`  ${r.file.padEnd(27)} ${kib(r.raw)} ${kib(r.gzip)} ${kib(r.brotli)}`);
  log(`  ${"total".padEnd(27)} ${kib(g.total.raw)} ${kib(g.total.gzip)} ${kib(g.total.brotli)}`);
}
const budget = dcfg["budget-gzip-kib"];
if (budget && total.gzip > budget * 1024) die(`the first load is ${kib(total.gzip).trim()} gzipped, over the ${budget} KiB budget`);
