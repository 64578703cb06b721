// Reads a dropped or picked .txt / .html file in the browser. Bytes are
// decoded locally: UTF-8 (with or without BOM), UTF-16 with BOM, otherwise
// GBK/GB18030 (what Chinese Windows, WPS and older sites save). Nothing is sent.

const HTML_EXT = /\.(html?|xhtml|mht)$/i;

export function decodeBytes(bytes) {
  const b = new Uint8Array(bytes);
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { text: new TextDecoder("utf-8").decode(b.subarray(3)), encoding: "UTF-8" };
  if (b[0] === 0xff && b[1] === 0xfe) return { text: new TextDecoder("utf-16le").decode(b.subarray(2)), encoding: "UTF-16LE" };
  if (b[0] === 0xfe && b[1] === 0xff) return { text: new TextDecoder("utf-16be").decode(b.subarray(2)), encoding: "UTF-16BE" };
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(b), encoding: "UTF-8" };
  } catch {
    return { text: new TextDecoder("gbk").decode(b), encoding: "GBK" };
  }
}

/** Reads a File: { text, encoding, html, name }. */
export async function readFile(file) {
  const buf = await file.arrayBuffer();
  const { text, encoding } = decodeBytes(buf);
  const html = HTML_EXT.test(file.name) || /^\s*(<!doctype html|<html|<table|<meta|<body)/i.test(text.slice(0, 2000));
  return { text, encoding, html, name: file.name };
}

// HTML files are not turned into text here: the checker's worker does it
// (engine.check(html, { html: true, text: true })), off the main thread and
// without parsing the HTML in a document.
