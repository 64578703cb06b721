//! Fonts: how a shown string splits into character codes, each code's
//! Unicode text (ToUnicode CMaps, predefined Chinese CMaps, simple
//! encodings) and its width in 1/1000 text space units.

use super::doc::Doc;
use super::lex::{Dict, Lex, Obj};
use rustc_hash::FxHashMap;

/// Most entries one ToUnicode CMap may define (ranges expanded).
const MAX_CMAP: usize = 1 << 17;

pub struct Font {
    /// Code lengths by first byte, from the codespace ranges: 1..=4.
    code_len: [u8; 256],
    to_unicode: FxHashMap<u32, String>,
    /// Predefined CMap whose codes are themselves text.
    direct: Direct,
    /// Single-byte fonts: text by code from /Encoding.
    simple: Option<Box<[Option<char>; 256]>>,
    widths: FxHashMap<u32, f64>,
    default_width: f64,
    /// Type3: glyph space → text space scale (×1000).
    scale: f64,
    pub composite: bool,
}

#[derive(Clone, Copy, PartialEq)]
enum Direct {
    No,
    Ucs2,
    Gbk,
}

/// One character of a shown string.
pub struct Code {
    pub code: u32,
    pub len: u8,
    pub width: f64,
}

impl Font {
    pub fn load(doc: &Doc, d: &Dict) -> Font {
        let subtype = d.get(b"Subtype").name().unwrap_or(b"");
        let composite = subtype == b"Type0";
        let mut f = Font {
            code_len: [1; 256],
            to_unicode: FxHashMap::default(),
            direct: Direct::No,
            simple: None,
            widths: FxHashMap::default(),
            default_width: if composite { 1000.0 } else { 500.0 },
            scale: 1.0,
            composite,
        };
        if let Obj::Stream(s) = doc.dict_get(d, b"ToUnicode") {
            if let Some(data) = doc.decode(s) {
                let mut ranges = Vec::new();
                parse_cmap(&data, &mut f.to_unicode, &mut ranges);
                if composite {
                    f.set_codespace(&ranges);
                }
            }
        }
        if composite {
            f.code_len = [2; 256];
            match doc.dict_get(d, b"Encoding") {
                Obj::Name(n) => {
                    let n = n.as_slice();
                    if n.starts_with(b"UniGB-UCS2") || n.starts_with(b"UniGB-UTF16") {
                        f.direct = Direct::Ucs2;
                    } else if n.starts_with(b"GBK")
                        || n.starts_with(b"GB-EUC")
                        || n.starts_with(b"GBpc-EUC")
                        || n.starts_with(b"GBT-EUC")
                    {
                        f.direct = Direct::Gbk;
                        for (i, l) in f.code_len.iter_mut().enumerate() {
                            *l = if i < 0x81 { 1 } else { 2 };
                        }
                    }
                }
                Obj::Stream(s) => {
                    if let Some(data) = doc.decode(s) {
                        let mut ranges = Vec::new();
                        let mut ignore = FxHashMap::default();
                        parse_cmap(&data, &mut ignore, &mut ranges);
                        f.set_codespace(&ranges);
                    }
                }
                _ => {}
            }
            let desc = doc
                .dict_get(d, b"DescendantFonts")
                .array()
                .and_then(|a| a.first())
                .and_then(|o| doc.get(o).dict());
            if let Some(cid) = desc {
                if let Some(dw) = doc.dict_get(cid, b"DW").num() {
                    f.default_width = dw;
                }
                if let Some(w) = doc.dict_get(cid, b"W").array() {
                    f.cid_widths(doc, w);
                }
            }
        } else {
            let first = doc
                .dict_get(d, b"FirstChar")
                .num()
                .unwrap_or(0.0)
                .clamp(0.0, 255.0) as u32;
            if let Some(w) = doc.dict_get(d, b"Widths").array() {
                for (i, o) in w.iter().take(256).enumerate() {
                    if let Some(v) = doc.get(o).num() {
                        f.widths.insert(first + i as u32, v);
                    }
                }
            }
            if let Some(fd) = doc.dict_get(d, b"FontDescriptor").dict() {
                if let Some(mw) = doc.dict_get(fd, b"MissingWidth").num() {
                    if mw > 0.0 {
                        f.default_width = mw;
                    }
                }
            }
            if subtype == b"Type3" {
                if let Some(m) = doc.dict_get(d, b"FontMatrix").array() {
                    if let Some(a) = m.first().and_then(|o| doc.get(o).num()) {
                        f.scale = a * 1000.0;
                    }
                }
            }
            // A symbolic font with neither an encoding nor a ToUnicode CMap
            // numbers its glyphs its own way (subsets: 1, 2, 3, …): reading
            // the codes as Latin-1 would give plausible-looking garbage.
            let symbolic = doc
                .dict_get(d, b"FontDescriptor")
                .dict()
                .and_then(|fd| doc.dict_get(fd, b"Flags").num())
                .is_some_and(|fl| (fl as i64) & 4 != 0);
            let arbitrary = symbolic
                && f.to_unicode.is_empty()
                && matches!(doc.dict_get(d, b"Encoding"), Obj::Null);
            if !arbitrary {
                f.simple = Some(simple_encoding(doc, d));
            }
        }
        f
    }

    fn set_codespace(&mut self, ranges: &[(Vec<u8>, Vec<u8>)]) {
        if ranges.is_empty() {
            return;
        }
        let mut set = [0u8; 256];
        for (lo, hi) in ranges {
            let n = lo.len().clamp(1, 4) as u8;
            let (a, b) = (
                lo.first().copied().unwrap_or(0),
                hi.first().copied().unwrap_or(0),
            );
            for c in a..=b.max(a) {
                if set[c as usize] == 0 || set[c as usize] > n {
                    set[c as usize] = n;
                }
            }
        }
        for (i, n) in set.iter().enumerate() {
            if *n != 0 {
                self.code_len[i] = *n;
            }
        }
    }

    fn cid_widths(&mut self, doc: &Doc, w: &[Obj]) {
        let mut i = 0;
        let mut total = 0usize;
        while i < w.len() && total < MAX_CMAP {
            let Some(c0) = doc.get(&w[i]).num() else {
                break;
            };
            let c0 = c0.max(0.0) as u32;
            match w.get(i + 1).map(|o| doc.get(o)) {
                Some(Obj::Array(ws)) => {
                    for (k, o) in ws.iter().enumerate() {
                        if let Some(v) = doc.get(o).num() {
                            self.widths.insert(c0.saturating_add(k as u32), v);
                            total += 1;
                        }
                    }
                    i += 2;
                }
                Some(Obj::Num(c1)) => {
                    let c1 = c1.max(0.0) as u32;
                    let v = w
                        .get(i + 2)
                        .and_then(|o| doc.get(o).num())
                        .unwrap_or(self.default_width);
                    for c in c0..=c1.min(c0.saturating_add(65535)) {
                        self.widths.insert(c, v);
                        total += 1;
                    }
                    i += 3;
                }
                _ => break,
            }
        }
    }

    /// Split a shown string into codes with their widths (1/1000 em).
    pub fn codes(&self, s: &[u8], out: &mut Vec<Code>) {
        out.clear();
        let mut i = 0;
        while i < s.len() {
            let n = if self.composite {
                self.code_len[s[i] as usize] as usize
            } else {
                1
            };
            let n = n.min(s.len() - i).max(1);
            let code = s[i..i + n]
                .iter()
                .fold(0u32, |a, &b| (a << 8) | u32::from(b));
            let width = self
                .widths
                .get(&code)
                .copied()
                .unwrap_or(self.default_width)
                * self.scale;
            out.push(Code {
                code,
                len: n as u8,
                width,
            });
            i += n;
        }
    }

    /// The text of one code; `None` when the font does not say.
    /// A Kangxi radical the font maps its glyph to (Chromium's PDFs do, for
    /// 一, 二, 人…) is read as the ideograph it looks like (`radicals`).
    pub fn text(&self, c: &Code, out: &mut String) -> bool {
        if let Some(t) = self.to_unicode.get(&c.code) {
            out.extend(
                t.chars()
                    .map(|ch| crate::radicals::ideograph(ch).unwrap_or(ch)),
            );
            return true;
        }
        match self.direct {
            Direct::Ucs2 => {
                if let Some(ch) = char::from_u32(c.code) {
                    out.push(crate::radicals::ideograph(ch).unwrap_or(ch));
                    return true;
                }
            }
            Direct::Gbk => {
                if let Some(t) = gbk_char(c) {
                    out.push_str(&t);
                    return true;
                }
            }
            Direct::No => {}
        }
        if let Some(enc) = &self.simple {
            if let Some(ch) = enc.get(c.code as usize).copied().flatten() {
                out.push(ch);
                return true;
            }
        }
        false
    }
}

#[cfg(feature = "gbk")]
fn gbk_char(c: &Code) -> Option<String> {
    let bytes: Vec<u8> = if c.len == 1 {
        vec![c.code as u8]
    } else {
        vec![(c.code >> 8) as u8, c.code as u8]
    };
    let (t, bad) = encoding_rs::GBK.decode_without_bom_handling(&bytes);
    (!bad).then(|| t.into_owned())
}

/// Without the GBK tables: ASCII codes only.
#[cfg(not(feature = "gbk"))]
fn gbk_char(c: &Code) -> Option<String> {
    (c.len == 1 && c.code < 0x80).then(|| char::from(c.code as u8).to_string())
}

/// Parse a CMap: bfchar/bfrange (into `map`) and codespace ranges.
fn parse_cmap(data: &[u8], map: &mut FxHashMap<u32, String>, ranges: &mut Vec<(Vec<u8>, Vec<u8>)>) {
    let mut lex = Lex::new(data, 0, false);
    let mut stack: Vec<Obj> = Vec::new();
    let code = |b: &[u8]| b.iter().take(4).fold(0u32, |a, &x| (a << 8) | u32::from(x));
    while let Some(o) = lex.object() {
        let Obj::Op(op) = o else {
            if stack.len() < 4096 {
                stack.push(o);
            }
            continue;
        };
        match op.as_slice() {
            b"endcodespacerange" => {
                for p in stack.chunks_exact(2) {
                    if let (Obj::Str(a), Obj::Str(b)) = (&p[0], &p[1]) {
                        ranges.push((a.clone(), b.clone()));
                    }
                }
            }
            b"endbfchar" => {
                for p in stack.chunks_exact(2) {
                    if let (Obj::Str(a), dst) = (&p[0], &p[1]) {
                        if let Some(t) = dst_text(dst) {
                            if map.len() < MAX_CMAP {
                                map.insert(code(a), t);
                            }
                        }
                    }
                }
            }
            b"endbfrange" => {
                for p in stack.chunks_exact(3) {
                    let (Obj::Str(a), Obj::Str(b)) = (&p[0], &p[1]) else {
                        continue;
                    };
                    let (lo, hi) = (code(a), code(b));
                    if hi < lo || map.len() >= MAX_CMAP {
                        continue;
                    }
                    let hi = hi.min(lo.saturating_add((MAX_CMAP - map.len()) as u32));
                    match &p[2] {
                        Obj::Str(d) => {
                            let units = utf16_units(d);
                            for (k, c) in (lo..=hi).enumerate() {
                                let mut u = units.clone();
                                if let Some(last) = u.last_mut() {
                                    *last = last.wrapping_add(k as u16);
                                }
                                map.insert(c, String::from_utf16_lossy(&u));
                            }
                        }
                        Obj::Array(a) => {
                            for (c, d) in (lo..=hi).zip(a.iter()) {
                                if let Some(t) = dst_text(d) {
                                    map.insert(c, t);
                                }
                            }
                        }
                        _ => {}
                    }
                }
            }
            _ => {}
        }
        stack.clear();
    }
}

fn utf16_units(d: &[u8]) -> Vec<u16> {
    d.chunks(2)
        .map(|c| u16::from_be_bytes([c[0], c.get(1).copied().unwrap_or(0)]))
        .collect()
}

fn dst_text(o: &Obj) -> Option<String> {
    match o {
        Obj::Str(d) => Some(String::from_utf16_lossy(&utf16_units(d))),
        Obj::Name(n) => glyph_char(n).map(String::from),
        _ => None,
    }
}

/// The text of each code of a simple font: base encoding, /Differences.
fn simple_encoding(doc: &Doc, d: &Dict) -> Box<[Option<char>; 256]> {
    let mut t: Box<[Option<char>; 256]> = Box::new([None; 256]);
    let mut base: &[u8] = b"WinAnsiEncoding";
    let mut diffs: Option<&[Obj]> = None;
    match doc.dict_get(d, b"Encoding") {
        Obj::Name(n) => base = n,
        Obj::Dict(e) => {
            if let Some(n) = e.get(b"BaseEncoding").name() {
                base = n;
            }
            diffs = doc.dict_get(e, b"Differences").array();
        }
        _ => {}
    }
    for (i, slot) in t.iter_mut().enumerate() {
        let c = i as u8;
        *slot = match c {
            0x20..=0x7E => Some(c as char),
            0xA0..=0xFF if base != b"MacRomanEncoding" => Some(c as char),
            _ => None,
        };
    }
    if base == b"WinAnsiEncoding" {
        for (code, ch) in [
            (0x80, '€'),
            (0x85, '…'),
            (0x91, '‘'),
            (0x92, '’'),
            (0x93, '“'),
            (0x94, '”'),
            (0x95, '•'),
            (0x96, '–'),
            (0x97, '—'),
        ] {
            t[code] = Some(ch);
        }
    }
    if let Some(diffs) = diffs {
        let mut code = 0usize;
        for o in diffs {
            match doc.get(o) {
                Obj::Num(n) => code = n.clamp(0.0, 255.0) as usize,
                Obj::Name(n) => {
                    if let Some(slot) = t.get_mut(code) {
                        *slot = glyph_char(n);
                    }
                    code += 1;
                }
                _ => {}
            }
        }
    }
    t
}

/// A glyph name's character: `uniXXXX`, `uXXXX`, one letter, and the names
/// of the ASCII punctuation and digits.
fn glyph_char(n: &[u8]) -> Option<char> {
    let s = std::str::from_utf8(n).ok()?;
    let s = s.split('.').next().unwrap_or(s);
    if let Some(h) = s.strip_prefix("uni") {
        if let Some(v) = h.get(..4).and_then(|h| u32::from_str_radix(h, 16).ok()) {
            return char::from_u32(v);
        }
    } else if let Some(h) = s.strip_prefix('u') {
        if (4..=6).contains(&h.len()) {
            if let Ok(v) = u32::from_str_radix(h, 16) {
                return char::from_u32(v);
            }
        }
    }
    if s.len() == 1 {
        return s.chars().next();
    }
    const NAMES: &[(&str, char)] = &[
        ("space", ' '),
        ("exclam", '!'),
        ("quotedbl", '"'),
        ("numbersign", '#'),
        ("dollar", '$'),
        ("percent", '%'),
        ("ampersand", '&'),
        ("quotesingle", '\''),
        ("quoteright", '’'),
        ("quoteleft", '‘'),
        ("parenleft", '('),
        ("parenright", ')'),
        ("asterisk", '*'),
        ("plus", '+'),
        ("comma", ','),
        ("hyphen", '-'),
        ("minus", '-'),
        ("period", '.'),
        ("slash", '/'),
        ("zero", '0'),
        ("one", '1'),
        ("two", '2'),
        ("three", '3'),
        ("four", '4'),
        ("five", '5'),
        ("six", '6'),
        ("seven", '7'),
        ("eight", '8'),
        ("nine", '9'),
        ("colon", ':'),
        ("semicolon", ';'),
        ("less", '<'),
        ("equal", '='),
        ("greater", '>'),
        ("question", '?'),
        ("at", '@'),
        ("bracketleft", '['),
        ("backslash", '\\'),
        ("bracketright", ']'),
        ("underscore", '_'),
        ("braceleft", '{'),
        ("bar", '|'),
        ("braceright", '}'),
        ("endash", '–'),
        ("emdash", '—'),
        ("bullet", '•'),
        ("quotedblleft", '“'),
        ("quotedblright", '”'),
        ("ellipsis", '…'),
        ("nbspace", ' '),
    ];
    NAMES.iter().find(|(k, _)| *k == s).map(|(_, c)| *c)
}
