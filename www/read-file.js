// Reads a dropped or picked file with the core, in the checker's worker (or
// on the main thread when workers are unavailable). Nothing here looks at the
// file's name or decodes its bytes: the core's reader (readFile, src/input)
// tells text, HTML, PDF and Word apart by their first bytes and says in plain
// Chinese why anything else cannot be read, exactly as the CLI does. GBK text
// is decoded by the browser's own TextDecoder once the core has said it is
// GBK. Nothing is sent anywhere.

const MSG_FILES_LOAD = "读取PDF和Word文件的组件加载失败（可能是网络中断）。请联网后重新打开文件，或粘贴报告的文字。";

/**
 * Read a File/Blob: `{ file: FileText, files }`. `first` is the first-load
 * module ({ readFile, fileTooLarge }); `loadFiles()` resolves to the files
 * module (PDF, .docx), asked for only when `first` answers `needs_files`
 * (`files` is then true). A file over the size cap is refused before its
 * bytes are read.
 */
export async function readBlob(blob, first, loadFiles) {
  const big = first.fileTooLarge(blob.size);
  if (big) return { file: big, files: false };
  const bytes = new Uint8Array(await blob.arrayBuffer());
  const r = first.readFile(bytes);
  if (r.ok || r.code !== "needs_files") return { file: r, files: false };
  let m;
  try {
    m = await loadFiles();
  } catch {
    return { file: { ok: false, code: "files_unavailable", message: MSG_FILES_LOAD, lossy: false, pages16: [] }, files: false };
  }
  return { file: m.readFile(bytes), files: true };
}
