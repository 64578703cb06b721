#!/usr/bin/env node
// Builds the browser module into www/pkg, as configured by wasm-pack.toml:
//   cargo build --profile wasm (wasm32; Cargo.toml's size-tuned profile, so
//   `release` stays speed-tuned for the CLI) → wasm-bindgen --target web →
//   wasm-opt (npm binaryen)
// then checks the committed sample reports in www/samples and prints the
// size of www/'s code. The deployable build (dist/, with the first-load size
// the README gives) is scripts/dist.mjs, which runs this first.
//
//   node scripts/build-wasm.mjs [--no-opt] [--quiet]
//
// Run scripts/setup first (wasm32 target, wasm-bindgen-cli, npm packages).
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import os from "node:os";
import zlib from "node:zlib";
import { fileURLToPath } from "node:url";
import { parse } from "smol-toml";
import { buildVendor } from "./vendor.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = new Set(process.argv.slice(2));
const quiet = args.has("--quiet");
const log = (...a) => { if (!quiet) console.log(...a); };
const die = (msg) => { console.error(`build-wasm: ${msg}`); process.exit(1); };

const cfg = parse(fs.readFileSync(path.join(root, "wasm-pack.toml"), "utf8"));
const cargo = cfg.cargo ?? {};
const bindgen = cfg.bindgen ?? {};
const opt = cfg["wasm-opt"] ?? {};
const profile = cargo.profile ?? "release";
const target = cargo.target ?? "wasm32-unknown-unknown";
const artifact = cargo.artifact ?? "xxgk_validator";
const outDir = path.join(root, bindgen["out-dir"] ?? "www/pkg");

function run(cmd, argv, opts = {}) {
  log(`$ ${cmd} ${argv.join(" ")}`);
  const r = spawnSync(cmd, argv, { cwd: root, stdio: "inherit", ...opts });
  if (r.error) die(`${cmd}: ${r.error.message}`);
  if (r.status !== 0) die(`${cmd} exited with ${r.status}`);
}

function findTool(name) {
  const dirs = [...(process.env.PATH ?? "").split(path.delimiter), path.join(os.homedir(), ".cargo", "bin")];
  for (const d of dirs) {
    const p = path.join(d, name);
    try { fs.accessSync(p, fs.constants.X_OK); return p; } catch {}
  }
  return null;
}

// Each module: cargo build (its features) → wasm-bindgen → wasm-opt.
// The first-load module (www/pkg) is built without the `files` and `gbk`
// features; the files module (www/pkg-files, loaded by the worker only when
// a PDF or Word file arrives) with `files`.
const modules = [
  { name: "first-load", features: cargo.features ?? [], outDir },
  ...(cfg.files ? [{
    name: "files", features: cfg.files.features ?? ["files"], outDir: path.join(root, cfg.files["out-dir"] ?? "www/pkg-files"),
    cfgs: cfg.files.cfg ?? [], targetSub: cfg.files["target-dir"],
  }] : []),
  // The batch module (www/pkg-batch, loaded only by the page's batch).
  ...(cfg.batch ? [{
    name: "batch", features: cfg.batch.features ?? [], outDir: path.join(root, cfg.batch["out-dir"] ?? "www/pkg-batch"),
    cfgs: cfg.batch.cfg ?? [], targetSub: cfg.batch["target-dir"],
  }] : []),
];
const wb = findTool("wasm-bindgen");
if (!wb) die("wasm-bindgen not found: run scripts/setup");
if (bindgen["require-lock-version"] !== false) {
  const lock = fs.readFileSync(path.join(root, "Cargo.lock"), "utf8");
  const m = lock.match(/name = "wasm-bindgen"\nversion = "([^"]+)"/);
  const have = execFileSync(wb, ["--version"], { encoding: "utf8" }).trim().split(/\s+/)[1];
  if (m && have !== m[1]) die(`wasm-bindgen ${have} does not match Cargo.lock's ${m[1]}: run scripts/setup`);
}
for (const mod of modules) buildModule(mod);

function buildModule({ name, features, outDir, cfgs = [], targetSub = null }) {
  log(`\n== ${name} module → ${path.relative(root, outDir)} (features: ${features.join(", ") || "none"})`);
  // 1. cargo build
  const cargoEnv = { ...process.env };
  if (cargo.strip !== undefined) cargoEnv[`CARGO_PROFILE_${profile.toUpperCase().replace(/-/g, "_")}_STRIP`] = String(cargo.strip);
  const featArgs = cargo["default-features"] === false ? ["--no-default-features"] : [];
  if (features.length) featArgs.push("--features", features.join(","));
  // `--cfg`s (the files module's `xxgk_files_only`) go in through RUSTFLAGS
  // for the wasm target; such a build gets a target dir of its own, so the
  // two modules do not rebuild each other's dependencies.
  let targetDir = process.env.CARGO_TARGET_DIR
    ? path.resolve(root, process.env.CARGO_TARGET_DIR)
    : path.join(root, "target");
  if (cfgs.length) {
    const key = `CARGO_TARGET_${target.toUpperCase().replace(/-/g, "_")}_RUSTFLAGS`;
    cargoEnv[key] = [cargoEnv[key], ...cfgs.flatMap((c) => ["--cfg", c, "--check-cfg", `cfg(${c})`])].filter(Boolean).join(" ");
  }
  if (targetSub) {
    targetDir = path.join(targetDir, targetSub);
    cargoEnv.CARGO_TARGET_DIR = targetDir;
  }
  run("cargo", ["build", "--lib", "--target", target, "--profile", profile, ...featArgs], { env: cargoEnv });
  const profileDir = profile === "dev" ? "debug" : profile;
  const rawWasm = path.join(targetDir, target, profileDir, `${artifact}.wasm`);
  if (!fs.existsSync(rawWasm)) die(`no ${rawWasm} after cargo build`);

  // 2. wasm-bindgen, its version pinned to Cargo.lock (checked above)
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  const wbArgs = ["--target", bindgen.target ?? "web", "--out-dir", outDir];
  if (bindgen.typescript === false) wbArgs.push("--no-typescript");
  run(wb, [...wbArgs, rawWasm]);

  // 3. wasm-opt (npm binaryen)
  const bgWasm = path.join(outDir, `${artifact}_bg.wasm`);
  const before = fs.statSync(bgWasm).size;
  if (opt.enabled && !args.has("--no-opt")) {
    const wasmOpt = path.join(root, "node_modules", "binaryen", "bin", "wasm-opt");
    if (!fs.existsSync(wasmOpt)) die("node_modules/binaryen missing: run scripts/setup");
    const tmp = `${bgWasm}.opt`;
    run(process.execPath, [wasmOpt, bgWasm, "-o", tmp, ...(opt.flags ?? [])]);
    fs.renameSync(tmp, bgWasm);
    log(`wasm-opt: ${before} → ${fs.statSync(bgWasm).size} bytes`);
  }
  // Sanity: the module must still compile (a broken optimizer shows here first).
  try {
    new WebAssembly.Module(fs.readFileSync(bgWasm));
  } catch (e) {
    die(`optimized module does not compile: ${e.message}`);
  }
}

// 4. samples: the project's own generated reports, committed in www/samples
// (`cargo run --example make-fixtures`); checked here, never copied.
const samples = cfg.samples ?? {};
const sampleDir = path.join(root, samples["out-dir"] ?? "www/samples");
const want = (samples.file ?? []).map((s) => ({ name: s.name, title: s.title ?? s.name, html: !!s.html }));
for (const s of want) {
  if (!fs.existsSync(path.join(sampleDir, s.name))) die(`sample ${s.name} missing in ${sampleDir} (run: cargo run --example make-fixtures)`);
}
const indexPath = path.join(sampleDir, "index.json");
const have = fs.existsSync(indexPath) ? fs.readFileSync(indexPath, "utf8") : "";
if (have !== JSON.stringify(want, null, 1) + "\n") die(`${indexPath} does not list the [samples] of wasm-pack.toml (run: cargo run --example make-fixtures)`);

// 5. www/vendor/: the npm libraries the page loads on demand (the .xlsx
// writer of export.js), bundled from node_modules by scripts/vendor.mjs.
await buildVendor(root);

// 6. size report
const www = path.join(root, "www");
function expand(pattern) {
  const dir = path.join(www, path.dirname(pattern));
  const re = new RegExp("^" + path.basename(pattern).replace(/\./g, "\\.").replace(/\*/g, ".*") + "$");
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => re.test(f)).map((f) => path.join(dir, f)) : [];
}
const files = [...new Set((cfg.size?.include ?? []).flatMap(expand))].sort();
let raw = 0, gz = 0;
const rows = files.map((f) => {
  const buf = fs.readFileSync(f);
  const g = zlib.gzipSync(buf, { level: 9 }).length;
  raw += buf.length; gz += g;
  return { file: path.relative(www, f), raw: buf.length, gzip: g };
});
const sizes = { files: rows, total: { raw, gzip: gz } };
fs.writeFileSync(path.join(outDir, "sizes.json"), JSON.stringify(sizes, null, 1) + "\n");
const kib = (n) => (n / 1024).toFixed(1).padStart(7) + " KiB";
log("\nwww/ code (first-load size: node scripts/dist.mjs; pkg-files/ loads only for PDF and Word files):");
for (const r of rows) log(`  ${r.file.padEnd(28)} ${kib(r.raw)} ${kib(r.gzip)} gz`);
log(`  ${"total".padEnd(28)} ${kib(raw)} ${kib(gz)} gz`);
