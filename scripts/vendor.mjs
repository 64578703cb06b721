#!/usr/bin/env node
// Writes www/vendor/ (gitignored): the npm libraries the page loads only on
// demand, bundled from node_modules into one ES module each (esbuild), so the
// browser needs no bare-specifier resolution. Run by scripts/build-wasm.mjs;
// on its own:
//
//   node scripts/vendor.mjs
//
//   www/vendor/write-excel-file.js   write-excel-file (MIT) + fflate (MIT):
//                                    the .xlsx writer of www/export.js,
//                                    imported only when the user exports.
//
// fflate's asynchronous zip() spawns its worker from a blob: URL, which the
// page's Content-Security-Policy (script-src 'self') forbids; the bundle
// therefore uses the library's synchronous zip path (zipToArrayBufferSync),
// which is what fflate itself does for files under 160 KB anyway.
import esbuild from "esbuild";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));

/** Bundles the vendored libraries into `<root>/www/vendor/`; returns the files written. */
export async function buildVendor(root = path.resolve(here, "..")) {
  const out = path.join(root, "www", "vendor");
  fs.mkdirSync(out, { recursive: true });
  const pkgDir = path.join(root, "node_modules", "write-excel-file");
  if (!fs.existsSync(pkgDir)) throw new Error("node_modules/write-excel-file missing: run scripts/setup");
  const pkg = (name) => JSON.parse(fs.readFileSync(path.join(root, "node_modules", name, "package.json"), "utf8"));
  const wef = pkg("write-excel-file");
  const ff = pkg("fflate");
  const syncZip = {
    name: "sync-zip",
    setup(b) {
      b.onResolve({ filter: /\/zipToArrayBuffer\.js$/ }, (a) => ({ path: path.join(a.resolveDir, a.path), namespace: "sync-zip" }));
      b.onLoad({ filter: /.*/, namespace: "sync-zip" }, (a) => ({
        contents: `import z from ${JSON.stringify(a.path.replace(/zipToArrayBuffer\.js$/, "zipToArrayBufferSync.js"))};\n` +
          "export default (files) => Promise.resolve().then(() => z(files));\n",
        resolveDir: path.dirname(a.path),
        loader: "js",
      }));
    },
  };
  const file = path.join(out, "write-excel-file.js");
  await esbuild.build({
    entryPoints: ["write-excel-file/browser"],
    absWorkingDir: root,
    nodePaths: [path.join(root, "node_modules")],
    bundle: true,
    format: "esm",
    minify: true,
    platform: "browser",
    target: "es2020",
    outfile: file,
    plugins: [syncZip],
    legalComments: "none",
    banner: {
      js: `/*! write-excel-file ${wef.version} (MIT License, (c) 2018 gitlab.com/catamphetamine) and fflate ${ff.version} ` +
        "(MIT License, (c) Arjun Barrett), bundled by scripts/vendor.mjs; licenses in LICENSES.txt */",
    },
    logLevel: "warning",
  });
  const code = fs.readFileSync(file, "utf8");
  if (/new Worker|eval\(|new Function/.test(code)) throw new Error("www/vendor/write-excel-file.js would need a worker or eval (blocked by the page's CSP)");
  const lic = (name) => fs.readFileSync(path.join(root, "node_modules", name, "LICENSE"), "utf8").trim();
  fs.writeFileSync(path.join(out, "LICENSES.txt"),
    `write-excel-file ${wef.version}\n\n${lic("write-excel-file")}\n\n----\n\nfflate ${ff.version}\n\n${lic("fflate")}\n`);
  return [file, path.join(out, "LICENSES.txt")];
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const f of await buildVendor()) console.log(`vendor: ${path.relative(process.cwd(), f)}`);
}
