//! The objects of a PDF file, found by scanning for `n g obj` rather than
//! trusting the cross-reference table (often broken, and incremental updates
//! simply come later in the file), plus object streams; stream filters;
//! the page tree.

use super::lex::{is_regular, is_ws, Dict, Lex, Obj, Stream, NULL};
use rustc_hash::FxHashMap;

/// Most bytes all streams of one document may inflate to.
const INFLATE_BUDGET: usize = 256 << 20;
/// Most bytes one stream may inflate to.
const STREAM_CAP: usize = 32 << 20;
const MAX_PAGES: usize = 10_000;

pub struct Doc {
    objs: FxHashMap<u32, Obj>,
    pub trailers: Vec<Dict>,
    budget: std::cell::Cell<usize>,
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    let h = hay.get(from..)?;
    let first = *needle.first()?;
    let mut i = 0;
    while i + needle.len() <= h.len() {
        match h[i..].iter().position(|&c| c == first) {
            Some(p) => {
                i += p;
                if h.get(i..i + needle.len()) == Some(needle) {
                    return Some(from + i);
                }
                i += 1;
            }
            None => return None,
        }
    }
    None
}

/// `n g obj` ending at `i` (the index of "obj"): the object number.
fn obj_number(b: &[u8], i: usize) -> Option<u32> {
    if b.get(i + 3).is_some_and(|&c| is_regular(c)) {
        return None;
    }
    let mut j = i;
    let back_ws = |j: &mut usize| {
        let s = *j;
        while *j > 0 && is_ws(b[*j - 1]) {
            *j -= 1;
        }
        *j < s
    };
    let back_digits = |j: &mut usize| {
        let s = *j;
        while *j > 0 && b[*j - 1].is_ascii_digit() {
            *j -= 1;
        }
        (*j < s).then_some(*j..s)
    };
    if !back_ws(&mut j) {
        return None;
    }
    back_digits(&mut j)?;
    if !back_ws(&mut j) {
        return None;
    }
    let num = back_digits(&mut j)?;
    if j > 0 && is_regular(b[j - 1]) {
        return None;
    }
    let s = std::str::from_utf8(b.get(num)?).ok()?;
    s.parse().ok()
}

impl Doc {
    pub fn parse(b: &[u8]) -> Doc {
        let mut objs: FxHashMap<u32, Obj> = FxHashMap::default();
        let mut trailers = Vec::new();
        let mut pos = 0;
        while let Some(i) = find(b, b"obj", pos) {
            pos = i + 3;
            let Some(num) = obj_number(b, i) else {
                continue;
            };
            let mut lex = Lex::new(b, i + 3, true);
            let Some(o) = lex.object() else { continue };
            pos = lex.pos;
            let o = match o {
                Obj::Dict(dict) => {
                    let mut l = Lex::new(b, lex.pos, true);
                    l.skip_ws();
                    if b.get(l.pos..l.pos + 6) == Some(b"stream") {
                        let mut s = l.pos + 6;
                        if b.get(s) == Some(&b'\r') {
                            s += 1;
                        }
                        if b.get(s) == Some(&b'\n') {
                            s += 1;
                        }
                        let (raw, end) = stream_data(b, s, &dict);
                        pos = end;
                        let st = Stream {
                            dict,
                            raw: raw.to_vec(),
                        };
                        if st.dict.get(b"Type").name() == Some(b"XRef") {
                            trailers.push(st.dict.clone());
                        }
                        Obj::Stream(Box::new(st))
                    } else {
                        Obj::Dict(dict)
                    }
                }
                o => o,
            };
            objs.insert(num, o);
        }
        let mut pos = 0;
        while let Some(i) = find(b, b"trailer", pos) {
            let mut lex = Lex::new(b, i + 7, true);
            if let Some(Obj::Dict(d)) = lex.object() {
                trailers.push(d);
            }
            pos = i + 7;
        }
        let mut doc = Doc {
            objs,
            trailers,
            budget: std::cell::Cell::new(INFLATE_BUDGET),
        };
        doc.load_object_streams();
        doc
    }

    fn load_object_streams(&mut self) {
        let mut streams: Vec<u32> = self
            .objs
            .iter()
            .filter(|(_, o)| {
                matches!(o, Obj::Stream(s) if s.dict.get(b"Type").name() == Some(b"ObjStm"))
            })
            .map(|(&n, _)| n)
            .collect();
        streams.sort_unstable();
        let mut found = Vec::new();
        for n in streams {
            let Some(Obj::Stream(s)) = self.objs.get(&n) else {
                continue;
            };
            let Some(data) = self.decode(s) else { continue };
            let count = s.dict.get(b"N").num().unwrap_or(0.0).clamp(0.0, 1e6) as usize;
            let first = s.dict.get(b"First").num().unwrap_or(0.0).max(0.0) as usize;
            let mut lex = Lex::new(&data, 0, false);
            let mut pairs = Vec::new();
            for _ in 0..count {
                match (lex.object(), lex.object()) {
                    (Some(Obj::Num(a)), Some(Obj::Num(o))) => pairs.push((a as u32, o as usize)),
                    _ => break,
                }
            }
            for (num, off) in pairs {
                let mut l = Lex::new(&data, first.saturating_add(off), true);
                if let Some(o) = l.object() {
                    found.push((num, o));
                }
            }
        }
        for (num, o) in found {
            self.objs.entry(num).or_insert(o);
        }
    }

    /// Follow references (a few levels) to the object itself.
    pub fn get<'a>(&'a self, mut o: &'a Obj) -> &'a Obj {
        for _ in 0..8 {
            match o {
                Obj::Ref(n) => o = self.objs.get(n).unwrap_or(&NULL),
                _ => return o,
            }
        }
        &NULL
    }

    pub fn dict_get<'a>(&'a self, d: &'a Dict, key: &[u8]) -> &'a Obj {
        self.get(d.get(key))
    }

    pub fn encrypted(&self) -> bool {
        self.trailers
            .iter()
            .any(|t| !matches!(t.get(b"Encrypt"), Obj::Null))
    }

    /// A stream's data with its filters undone, or `None` for filters we do
    /// not read (images) or when the budget is spent.
    pub fn decode(&self, s: &Stream) -> Option<Vec<u8>> {
        let filters: Vec<&[u8]> = match self.get(s.dict.get(b"Filter")) {
            Obj::Name(n) => vec![n.as_slice()],
            Obj::Array(a) => a.iter().filter_map(|f| self.get(f).name()).collect(),
            _ => vec![],
        };
        let mut data = s.raw.clone();
        for f in filters {
            data = match f {
                b"FlateDecode" | b"Fl" => {
                    let cap = STREAM_CAP.min(self.budget.get());
                    let out = inflate(&data, cap)?;
                    self.budget.set(self.budget.get().saturating_sub(out.len()));
                    out
                }
                b"ASCIIHexDecode" | b"AHx" => ascii_hex(&data),
                b"ASCII85Decode" | b"A85" => ascii85(&data),
                _ => return None,
            };
        }
        Some(data)
    }

    fn root(&self) -> Option<&Dict> {
        for t in self.trailers.iter().rev() {
            if let Some(d) = self.get(t.get(b"Root")).dict() {
                return Some(d);
            }
        }
        let mut cats: Vec<_> = self
            .objs
            .iter()
            .filter(|(_, o)| {
                o.dict()
                    .is_some_and(|d| d.get(b"Type").name() == Some(b"Catalog"))
            })
            .collect();
        cats.sort_by_key(|(n, _)| **n);
        cats.last().and_then(|(_, o)| o.dict())
    }

    /// The pages in order, each with its inherited resources.
    pub fn pages(&self) -> Vec<Page<'_>> {
        let mut out = Vec::new();
        if let Some(root) = self.root() {
            let mut seen = rustc_hash::FxHashSet::default();
            self.walk(root.get(b"Pages"), None, 0, &mut seen, &mut out);
        }
        if out.is_empty() {
            let mut pages: Vec<_> = self
                .objs
                .iter()
                .filter(|(_, o)| {
                    o.dict()
                        .is_some_and(|d| d.get(b"Type").name() == Some(b"Page"))
                })
                .collect();
            pages.sort_by_key(|(n, _)| **n);
            for (_, o) in pages.into_iter().take(MAX_PAGES) {
                if let Some(d) = o.dict() {
                    out.push(Page {
                        dict: d,
                        resources: self.dict_get(d, b"Resources").dict(),
                    });
                }
            }
        }
        out
    }

    fn walk<'a>(
        &'a self,
        node: &'a Obj,
        res: Option<&'a Dict>,
        depth: usize,
        seen: &mut rustc_hash::FxHashSet<u32>,
        out: &mut Vec<Page<'a>>,
    ) {
        if depth > 32 || out.len() >= MAX_PAGES {
            return;
        }
        if let Obj::Ref(n) = node {
            if !seen.insert(*n) {
                return;
            }
        }
        let Some(d) = self.get(node).dict() else {
            return;
        };
        let res = self.dict_get(d, b"Resources").dict().or(res);
        match self.dict_get(d, b"Kids").array() {
            Some(kids) if d.get(b"Type").name() != Some(b"Page") => {
                for k in kids {
                    self.walk(k, res, depth + 1, seen, out);
                }
            }
            _ => out.push(Page {
                dict: d,
                resources: res,
            }),
        }
    }

    /// A page's content: its streams decoded and joined.
    pub fn contents(&self, p: &Page) -> Vec<u8> {
        let mut out = Vec::new();
        let c = p.dict.get(b"Contents");
        let list: Vec<&Obj> = match self.get(c) {
            Obj::Array(a) => a.iter().collect(),
            _ => vec![c],
        };
        for o in list {
            if let Obj::Stream(s) = self.get(o) {
                if let Some(d) = self.decode(s) {
                    out.extend_from_slice(&d);
                    out.push(b'\n');
                }
            }
        }
        out
    }
}

pub struct Page<'a> {
    pub dict: &'a Dict,
    pub resources: Option<&'a Dict>,
}

fn stream_data<'a>(b: &'a [u8], s: usize, dict: &Dict) -> (&'a [u8], usize) {
    if let Some(len) = dict.get(b"Length").num() {
        let len = len.max(0.0) as usize;
        if let Some(end) = s.checked_add(len).filter(|&e| e <= b.len()) {
            let mut l = Lex::new(b, end, false);
            l.skip_ws();
            if b.get(l.pos..l.pos + 9) == Some(b"endstream") {
                return (&b[s..end], l.pos + 9);
            }
        }
    }
    match find(b, b"endstream", s) {
        Some(e) => {
            let mut end = e;
            if end > s && b[end - 1] == b'\n' {
                end -= 1;
            }
            if end > s && b[end - 1] == b'\r' {
                end -= 1;
            }
            (&b[s..end], e + 9)
        }
        None => (b.get(s..).unwrap_or(&[]), b.len()),
    }
}

/// zlib (or raw deflate) → bytes, at most `cap`; a truncated or damaged
/// stream gives what could be inflated.
pub fn inflate(data: &[u8], cap: usize) -> Option<Vec<u8>> {
    use miniz_oxide::inflate::{decompress_to_vec_with_limit, decompress_to_vec_zlib_with_limit};
    match decompress_to_vec_zlib_with_limit(data, cap) {
        Ok(v) => Some(v),
        Err(e) if !e.output.is_empty() => Some(e.output),
        Err(_) => match decompress_to_vec_with_limit(data, cap) {
            Ok(v) => Some(v),
            Err(e) if !e.output.is_empty() => Some(e.output),
            Err(_) => None,
        },
    }
}

fn ascii_hex(d: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(d.len() / 2);
    let mut hi = None;
    for &c in d {
        if c == b'>' {
            break;
        }
        let v = match c {
            b'0'..=b'9' => c - b'0',
            b'a'..=b'f' => c - b'a' + 10,
            b'A'..=b'F' => c - b'A' + 10,
            _ => continue,
        };
        match hi.take() {
            Some(h) => out.push(h * 16 + v),
            None => hi = Some(v),
        }
    }
    if let Some(h) = hi {
        out.push(h * 16);
    }
    out
}

fn ascii85(d: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(d.len() * 4 / 5);
    let mut group = [0u8; 5];
    let mut n = 0;
    let mut i = 0;
    if d.starts_with(b"<~") {
        i = 2;
    }
    while let Some(&c) = d.get(i) {
        i += 1;
        match c {
            b'~' => break,
            b'z' if n == 0 => out.extend_from_slice(&[0, 0, 0, 0]),
            b'!'..=b'u' => {
                group[n] = c - b'!';
                n += 1;
                if n == 5 {
                    let v = group.iter().fold(0u64, |a, &g| a * 85 + u64::from(g));
                    out.extend_from_slice(&(v as u32).to_be_bytes());
                    n = 0;
                }
            }
            _ => {}
        }
    }
    if n > 1 {
        for g in group.iter_mut().skip(n) {
            *g = 84;
        }
        let v = group.iter().fold(0u64, |a, &g| a * 85 + u64::from(g));
        out.extend_from_slice(&(v as u32).to_be_bytes()[..n - 1]);
    }
    out
}
