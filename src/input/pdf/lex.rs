//! PDF objects and the tokens of content streams (ISO 32000-1 §7.2–7.3).
//! Tolerant: anything it cannot read becomes `None` or is skipped.

/// Deepest nesting of arrays and dictionaries we follow.
const MAX_DEPTH: usize = 64;

#[derive(Debug, Clone, PartialEq)]
pub enum Obj {
    Null,
    Bool(bool),
    Num(f64),
    Name(Vec<u8>),
    Str(Vec<u8>),
    Array(Vec<Obj>),
    Dict(Dict),
    Ref(u32),
    Stream(Box<Stream>),
    /// An operator in a content stream (or an unknown keyword).
    Op(Vec<u8>),
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Dict(pub Vec<(Vec<u8>, Obj)>);

#[derive(Debug, Clone, PartialEq)]
pub struct Stream {
    pub dict: Dict,
    pub raw: Vec<u8>,
}

pub static NULL: Obj = Obj::Null;

impl Dict {
    pub fn get(&self, key: &[u8]) -> &Obj {
        self.0
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
            .unwrap_or(&NULL)
    }
}

impl Obj {
    pub fn num(&self) -> Option<f64> {
        match self {
            Obj::Num(n) if n.is_finite() => Some(*n),
            _ => None,
        }
    }
    pub fn name(&self) -> Option<&[u8]> {
        match self {
            Obj::Name(n) => Some(n),
            _ => None,
        }
    }
    pub fn dict(&self) -> Option<&Dict> {
        match self {
            Obj::Dict(d) => Some(d),
            Obj::Stream(s) => Some(&s.dict),
            _ => None,
        }
    }
    pub fn array(&self) -> Option<&[Obj]> {
        match self {
            Obj::Array(a) => Some(a),
            _ => None,
        }
    }
}

pub fn is_ws(b: u8) -> bool {
    matches!(b, 0 | 9 | 10 | 12 | 13 | 32)
}

pub fn is_delim(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

pub fn is_regular(b: u8) -> bool {
    !is_ws(b) && !is_delim(b)
}

pub struct Lex<'a> {
    pub b: &'a [u8],
    pub pos: usize,
    /// Read `n g R` as a reference (file objects; not in content streams).
    pub refs: bool,
}

enum Tok<'a> {
    Num(f64),
    Name(Vec<u8>),
    Str(Vec<u8>),
    ArrOpen,
    ArrClose,
    DictOpen,
    DictClose,
    Word(&'a [u8]),
}

impl<'a> Lex<'a> {
    pub fn new(b: &'a [u8], pos: usize, refs: bool) -> Self {
        Lex { b, pos, refs }
    }

    pub fn skip_ws(&mut self) {
        while let Some(&c) = self.b.get(self.pos) {
            if is_ws(c) {
                self.pos += 1;
            } else if c == b'%' {
                while let Some(&c) = self.b.get(self.pos) {
                    if c == b'\n' || c == b'\r' {
                        break;
                    }
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    fn tok(&mut self) -> Option<Tok<'a>> {
        self.skip_ws();
        let c = *self.b.get(self.pos)?;
        match c {
            b'[' => {
                self.pos += 1;
                Some(Tok::ArrOpen)
            }
            b']' => {
                self.pos += 1;
                Some(Tok::ArrClose)
            }
            b'<' if self.b.get(self.pos + 1) == Some(&b'<') => {
                self.pos += 2;
                Some(Tok::DictOpen)
            }
            b'>' if self.b.get(self.pos + 1) == Some(&b'>') => {
                self.pos += 2;
                Some(Tok::DictClose)
            }
            b'<' => Some(Tok::Str(self.hex())),
            b'(' => Some(Tok::Str(self.literal())),
            b'/' => {
                self.pos += 1;
                Some(Tok::Name(self.name()))
            }
            b'>' | b')' | b'{' | b'}' => {
                self.pos += 1;
                Some(Tok::Word(&self.b[self.pos - 1..self.pos]))
            }
            _ => {
                let start = self.pos;
                while self.b.get(self.pos).is_some_and(|&c| is_regular(c)) {
                    self.pos += 1;
                }
                let w = &self.b[start..self.pos];
                if matches!(w.first(), Some(b'0'..=b'9' | b'+' | b'-' | b'.')) {
                    if let Some(n) = parse_num(w) {
                        return Some(Tok::Num(n));
                    }
                }
                Some(Tok::Word(w))
            }
        }
    }

    fn name(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        while let Some(&c) = self.b.get(self.pos) {
            if !is_regular(c) {
                break;
            }
            self.pos += 1;
            if c == b'#' {
                let h = self
                    .b
                    .get(self.pos..self.pos + 2)
                    .and_then(|h| Some(hexval(*h.first()?)? * 16 + hexval(*h.get(1)?)?));
                if let Some(v) = h {
                    out.push(v);
                    self.pos += 2;
                    continue;
                }
            }
            out.push(c);
        }
        out
    }

    fn hex(&mut self) -> Vec<u8> {
        self.pos += 1;
        let mut out = Vec::new();
        let mut hi: Option<u8> = None;
        while let Some(&c) = self.b.get(self.pos) {
            self.pos += 1;
            if c == b'>' {
                break;
            }
            if let Some(v) = hexval(c) {
                match hi.take() {
                    Some(h) => out.push(h * 16 + v),
                    None => hi = Some(v),
                }
            }
        }
        if let Some(h) = hi {
            out.push(h * 16);
        }
        out
    }

    fn literal(&mut self) -> Vec<u8> {
        self.pos += 1;
        let mut out = Vec::new();
        let mut depth = 1usize;
        while let Some(&c) = self.b.get(self.pos) {
            self.pos += 1;
            match c {
                b'(' => {
                    depth += 1;
                    out.push(c);
                }
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                    out.push(c);
                }
                b'\\' => {
                    let Some(&e) = self.b.get(self.pos) else {
                        break;
                    };
                    self.pos += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'0'..=b'7' => {
                            let mut v = u32::from(e - b'0');
                            for _ in 0..2 {
                                match self.b.get(self.pos) {
                                    Some(&d @ b'0'..=b'7') => {
                                        v = v * 8 + u32::from(d - b'0');
                                        self.pos += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push((v & 0xFF) as u8);
                        }
                        b'\r' => {
                            if self.b.get(self.pos) == Some(&b'\n') {
                                self.pos += 1;
                            }
                        }
                        b'\n' => {}
                        _ => out.push(e),
                    }
                }
                _ => out.push(c),
            }
        }
        out
    }

    /// The next object; `None` at the end or on a stray closing token.
    pub fn object(&mut self) -> Option<Obj> {
        self.object_depth(0)
    }

    fn object_depth(&mut self, depth: usize) -> Option<Obj> {
        let t = self.tok()?;
        self.build(t, depth)
    }

    fn build(&mut self, t: Tok<'a>, depth: usize) -> Option<Obj> {
        Some(match t {
            Tok::Num(n) => {
                if self.refs && n >= 0.0 && n.fract() == 0.0 && n < 1e9 {
                    let save = self.pos;
                    if let Some(Tok::Num(g)) = self.tok() {
                        if g >= 0.0 && g.fract() == 0.0 {
                            if let Some(Tok::Word(b"R")) = self.tok() {
                                return Some(Obj::Ref(n as u32));
                            }
                        }
                    }
                    self.pos = save;
                }
                Obj::Num(n)
            }
            Tok::Name(n) => Obj::Name(n),
            Tok::Str(s) => Obj::Str(s),
            Tok::ArrOpen => {
                let mut v = Vec::new();
                loop {
                    match self.tok() {
                        None | Some(Tok::ArrClose) => break,
                        Some(Tok::DictClose) => break,
                        Some(t) => {
                            if depth >= MAX_DEPTH {
                                continue;
                            }
                            if let Some(o) = self.build(t, depth + 1) {
                                v.push(o);
                            }
                        }
                    }
                }
                Obj::Array(v)
            }
            Tok::DictOpen => {
                let mut d = Vec::new();
                loop {
                    match self.tok() {
                        None | Some(Tok::DictClose) => break,
                        Some(Tok::Name(k)) => match self.tok() {
                            None | Some(Tok::DictClose) => {
                                d.push((k, Obj::Null));
                                break;
                            }
                            Some(t) => {
                                if depth >= MAX_DEPTH {
                                    continue;
                                }
                                let v = self.build(t, depth + 1).unwrap_or(Obj::Null);
                                d.push((k, v));
                            }
                        },
                        Some(_) => {}
                    }
                }
                Obj::Dict(Dict(d))
            }
            Tok::ArrClose | Tok::DictClose => return None,
            Tok::Word(w) => match w {
                b"true" => Obj::Bool(true),
                b"false" => Obj::Bool(false),
                b"null" => Obj::Null,
                _ => Obj::Op(w.to_vec()),
            },
        })
    }
}

fn hexval(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

/// A PDF number, tolerant of what writers emit (`-.5`, `4.`, `--3`, `1-2`).
pub fn parse_num(w: &[u8]) -> Option<f64> {
    let mut i = 0;
    let mut neg = false;
    while let Some(&c) = w.get(i) {
        match c {
            b'-' => neg = !neg,
            b'+' => {}
            _ => break,
        }
        i += 1;
    }
    let mut v = 0f64;
    let mut digits = 0;
    while let Some(&c @ b'0'..=b'9') = w.get(i) {
        v = v * 10.0 + f64::from(c - b'0');
        digits += 1;
        i += 1;
    }
    if w.get(i) == Some(&b'.') {
        i += 1;
        let mut scale = 0.1;
        while let Some(&c @ b'0'..=b'9') = w.get(i) {
            v += f64::from(c - b'0') * scale;
            scale *= 0.1;
            digits += 1;
            i += 1;
        }
    }
    if digits == 0 {
        return None;
    }
    Some(if neg { -v } else { v })
}

/// Content-stream operations: operands then operator. Inline images
/// (`BI … ID <data> EI`) are skipped.
pub struct Ops<'a> {
    lex: Lex<'a>,
    pub operands: Vec<Obj>,
}

impl<'a> Ops<'a> {
    pub fn new(b: &'a [u8]) -> Self {
        Ops {
            lex: Lex::new(b, 0, false),
            operands: Vec::new(),
        }
    }

    /// The next operator, with its operands in `self.operands`.
    pub fn next_op(&mut self) -> Option<Vec<u8>> {
        self.operands.clear();
        loop {
            let o = match self.lex.object() {
                Some(o) => o,
                None => {
                    if self.lex.pos >= self.lex.b.len() {
                        return None;
                    }
                    continue;
                }
            };
            match o {
                Obj::Op(op) => {
                    if op == b"ID" {
                        self.skip_inline_image();
                        self.operands.clear();
                        continue;
                    }
                    return Some(op);
                }
                o => {
                    if self.operands.len() < 64 {
                        self.operands.push(o);
                    }
                }
            }
        }
    }

    fn skip_inline_image(&mut self) {
        let b = self.lex.b;
        let mut i = self.lex.pos + 1;
        while i + 2 <= b.len() {
            if &b[i..i + 2] == b"EI"
                && i > 0
                && is_ws(b[i - 1])
                && b.get(i + 2).is_none_or(|&c| is_ws(c))
            {
                self.lex.pos = i + 2;
                return;
            }
            i += 1;
        }
        self.lex.pos = b.len();
    }
}
