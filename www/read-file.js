// Reads a dropped or picked file in the checker's worker (or on the main
// thread when workers are unavailable); loaded only when a file arrives.
// Nothing here looks at the file's name: the core tells the type from the
// bytes. The first-load module has only the core's sniff (sniffText): text
// (UTF-8, UTF-16, GBK/GB18030) is decoded by the browser's own TextDecoder
// with the encoding the sniff names. Everything else — PDF, Word, and the
// files no one can read (a scan, an image, a .doc, an empty file) — goes to
// the core's reader, readFile of the files module (pkg-files/), fetched the
// first time such a file arrives: it reads the file exactly as the CLI does
// or says in plain Chinese why it cannot. Nothing is sent anywhere.

const MSG_FILES_LOAD = "读取这个文件需要的组件（PDF和Word文件读取器）加载失败，可能是网络中断。请联网后重新打开文件，或粘贴报告的文字。";
// The largest file read: a bigger one is refused before its bytes are read
// (the reports are a few MB at most; a scan is bigger and unreadable anyway).
export const MAX_FILE_BYTES = 32 * 1024 * 1024;
const mb = (n) => (Math.round(n / 104857.6) / 10).toFixed(1);
const MSG_TOO_LARGE = (size) =>
  `文件太大（${mb(size)} MB），超过 ${mb(MAX_FILE_BYTES)} MB 的上限，没有读取。年度报告的Word或PDF文件通常只有几MB；如果这是扫描件，其中的文字也无法读取。请使用报告的Word（.docx）、可复制文字的PDF，或粘贴报告的文字。`;
const ENCODING = { "utf-8": "UTF-8", "utf-16le": "UTF-16LE", "utf-16be": "UTF-16BE", gb18030: "GB18030" };

/**
 * Read a File/Blob: `{ file: FileText, files }`. `first` is the first-load
 * module ({ sniffText, isHtml }); `loadFiles()` resolves to the
 * files module ({ readFile }), asked for only when the bytes are not text
 * (`files` is then true). A file over the size cap is refused before its
 * bytes are read.
 */
export async function readBlob(blob, first, loadFiles) {
  if (blob.size > MAX_FILE_BYTES) return { file: { ok: false, code: "too_large", message: MSG_TOO_LARGE(blob.size), lossy: false, pages16: [] }, files: false };
  const bytes = new Uint8Array(await blob.arrayBuffer());
  const label = first.sniffText(bytes);
  if (label) {
    // The decoder drops a BOM of its own encoding, as the core does.
    const text = new TextDecoder(label).decode(bytes);
    const kind = first.isHtml(text) ? "html" : "text";
    return { file: { ok: true, kind, encoding: ENCODING[label] || label, lossy: text.includes("\uFFFD"), text, pages16: [] }, files: false };
  }
  let m;
  try {
    m = await loadFiles();
  } catch {
    return { file: { ok: false, code: "files_unavailable", message: MSG_FILES_LOAD, lossy: false, pages16: [] }, files: false };
  }
  return { file: m.readFile(bytes), files: true };
}
