//! Page content streams: text state and positioning, the graphics state
//! (cm, q/Q), form XObjects; what comes out is each glyph's text and place,
//! and the straight horizontal and vertical lines (table rulings).

use super::doc::Doc;
use super::font::{Code, Font};
use super::lex::{Dict, Obj, Ops};
use rustc_hash::FxHashMap;
use std::rc::Rc;

/// Most operators interpreted per document (bounded time).
pub const OP_BUDGET: usize = 20_000_000;

pub type M = [f64; 6];
const ID: M = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

fn mul(a: &M, b: &M) -> M {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

fn apply(m: &M, x: f64, y: f64) -> (f64, f64) {
    (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])
}

#[derive(Debug, Clone)]
pub struct Glyph {
    pub x: f64,
    pub y: f64,
    /// Advance width and font size on the page.
    pub w: f64,
    pub size: f64,
    pub text: String,
}

/// A horizontal (`y` fixed, `a..b` in x) or vertical (`x` fixed) line.
#[derive(Debug, Clone, Copy)]
pub struct Seg {
    pub at: f64,
    pub a: f64,
    pub b: f64,
}

#[derive(Default)]
pub struct PageItems {
    pub glyphs: Vec<Glyph>,
    pub h: Vec<Seg>,
    pub v: Vec<Seg>,
    pub images: usize,
    pub unmapped: usize,
}

#[derive(Clone)]
struct Gs {
    ctm: M,
    font: Option<Rc<Font>>,
    size: f64,
    tc: f64,
    tw: f64,
    th: f64,
    tl: f64,
    ts: f64,
}

pub struct Interp<'a> {
    doc: &'a Doc,
    fonts: FxHashMap<usize, Rc<Font>>,
    pub budget: usize,
    codes: Vec<Code>,
}

impl<'a> Interp<'a> {
    pub fn new(doc: &'a Doc) -> Self {
        Interp {
            doc,
            fonts: FxHashMap::default(),
            budget: OP_BUDGET,
            codes: Vec::new(),
        }
    }

    pub fn page(&mut self, content: &[u8], res: Option<&Dict>) -> PageItems {
        let mut out = PageItems::default();
        let gs = Gs {
            ctm: ID,
            font: None,
            size: 0.0,
            tc: 0.0,
            tw: 0.0,
            th: 1.0,
            tl: 0.0,
            ts: 0.0,
        };
        self.run(content, res, gs, 0, &mut out);
        out
    }

    fn font(&mut self, res: Option<&Dict>, name: &[u8]) -> Option<Rc<Font>> {
        let fonts = self.doc.dict_get(res?, b"Font").dict()?;
        let o = fonts.get(name);
        let d = self.doc.get(o).dict()?;
        let key = d as *const Dict as usize;
        if let Some(f) = self.fonts.get(&key) {
            return Some(f.clone());
        }
        let f = Rc::new(Font::load(self.doc, d));
        self.fonts.insert(key, f.clone());
        Some(f)
    }

    fn run(
        &mut self,
        content: &[u8],
        res: Option<&Dict>,
        mut gs: Gs,
        depth: usize,
        out: &mut PageItems,
    ) {
        let mut stack: Vec<Gs> = Vec::new();
        let mut tm = ID;
        let mut tlm = ID;
        // Current path: subpaths of points; rectangles kept whole.
        let mut path: Vec<Vec<(f64, f64)>> = Vec::new();
        let mut ops = Ops::new(content);
        while let Some(op) = ops.next_op() {
            if self.budget == 0 {
                return;
            }
            self.budget -= 1;
            let a = &ops.operands;
            let n = |i: usize| a.get(i).and_then(Obj::num).unwrap_or(0.0);
            match op.as_slice() {
                b"q" if stack.len() < 256 => stack.push(gs.clone()),
                b"Q" => {
                    if let Some(g) = stack.pop() {
                        gs = g;
                    }
                }
                b"cm" if a.len() >= 6 => {
                    gs.ctm = mul(&[n(0), n(1), n(2), n(3), n(4), n(5)], &gs.ctm);
                }
                b"BT" => {
                    tm = ID;
                    tlm = ID;
                }
                b"Tf" => {
                    if let Some(Obj::Name(name)) = a.first() {
                        gs.font = self.font(res, name);
                    }
                    gs.size = n(1);
                }
                b"Tc" => gs.tc = n(0),
                b"Tw" => gs.tw = n(0),
                b"Tz" => gs.th = n(0) / 100.0,
                b"TL" => gs.tl = n(0),
                b"Ts" => gs.ts = n(0),
                b"Td" | b"TD" => {
                    if op == b"TD" {
                        gs.tl = -n(1);
                    }
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, n(0), n(1)], &tlm);
                    tm = tlm;
                }
                b"Tm" if a.len() >= 6 => {
                    tlm = [n(0), n(1), n(2), n(3), n(4), n(5)];
                    tm = tlm;
                }
                b"T*" => {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.tl], &tlm);
                    tm = tlm;
                }
                b"Tj" | b"'" | b"\"" | b"TJ" => {
                    if op == b"\"" {
                        gs.tw = n(0);
                        gs.tc = n(1);
                    }
                    if op == b"'" || op == b"\"" {
                        tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.tl], &tlm);
                        tm = tlm;
                    }
                    let Some(font) = gs.font.clone() else {
                        continue;
                    };
                    match a.last() {
                        Some(Obj::Str(s)) => self.show(&font, &gs, &mut tm, s, out),
                        Some(Obj::Array(items)) => {
                            for it in items {
                                match it {
                                    Obj::Str(s) => self.show(&font, &gs, &mut tm, s, out),
                                    Obj::Num(adj) => {
                                        let tx = -adj / 1000.0 * gs.size * gs.th;
                                        tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &tm);
                                    }
                                    _ => {}
                                }
                            }
                        }
                        _ => {}
                    }
                }
                b"m" => path.push(vec![apply(&gs.ctm, n(0), n(1))]),
                b"l" => {
                    let p = apply(&gs.ctm, n(0), n(1));
                    match path.last_mut() {
                        Some(sp) if sp.len() < 100_000 => sp.push(p),
                        Some(_) => {}
                        None => path.push(vec![p]),
                    }
                }
                b"c" | b"v" | b"y" => {
                    // Curves are not rulings: start a new subpath at the end point.
                    let k = a.len().saturating_sub(2);
                    path.push(vec![apply(&gs.ctm, n(k), n(k + 1))]);
                }
                b"h" => {
                    if let Some(sp) = path.last_mut() {
                        if let Some(&p0) = sp.first() {
                            sp.push(p0);
                        }
                    }
                }
                b"re" => {
                    let (x, y, w, h) = (n(0), n(1), n(2), n(3));
                    let pts = [(x, y), (x + w, y), (x + w, y + h), (x, y + h), (x, y)];
                    path.push(pts.iter().map(|&(px, py)| apply(&gs.ctm, px, py)).collect());
                }
                b"S" | b"s" | b"f" | b"F" | b"f*" | b"B" | b"B*" | b"b" | b"b*" => {
                    let stroke = matches!(op.as_slice(), b"S" | b"s" | b"B" | b"B*" | b"b" | b"b*");
                    if path.len() < 10_000 {
                        rulings(&path, stroke, out);
                    }
                    path.clear();
                }
                b"n" => path.clear(),
                b"Do" => {
                    if let Some(Obj::Name(name)) = a.first() {
                        self.xobject(res, name, &gs, depth, out);
                    }
                }
                b"BI" => out.images += 1,
                _ => {}
            }
        }
    }

    fn xobject(
        &mut self,
        res: Option<&Dict>,
        name: &[u8],
        gs: &Gs,
        depth: usize,
        out: &mut PageItems,
    ) {
        let doc = self.doc;
        let Some(res) = res else { return };
        let Some(xo) = doc.dict_get(res, b"XObject").dict() else {
            return;
        };
        let Obj::Stream(s) = doc.get(xo.get(name)) else {
            return;
        };
        match s.dict.get(b"Subtype").name() {
            Some(b"Image") => out.images += 1,
            Some(b"Form") if depth < 8 => {
                let Some(data) = doc.decode(s) else { return };
                let mut g = gs.clone();
                if let Some(m) = doc.dict_get(&s.dict, b"Matrix").array() {
                    let v: Vec<f64> = m.iter().filter_map(|o| doc.get(o).num()).collect();
                    if v.len() == 6 {
                        g.ctm = mul(&[v[0], v[1], v[2], v[3], v[4], v[5]], &g.ctm);
                    }
                }
                let r = doc.dict_get(&s.dict, b"Resources").dict().or(Some(res));
                self.run(&data, r, g, depth + 1, out);
            }
            _ => {}
        }
    }

    fn show(&mut self, font: &Font, gs: &Gs, tm: &mut M, s: &[u8], out: &mut PageItems) {
        let mut codes = std::mem::take(&mut self.codes);
        font.codes(s, &mut codes);
        for c in &codes {
            let trm = mul(
                &[gs.size * gs.th, 0.0, 0.0, gs.size, 0.0, gs.ts],
                &mul(tm, &gs.ctm),
            );
            let w0 = c.width / 1000.0;
            let sx = (trm[0] * trm[0] + trm[1] * trm[1]).sqrt();
            let sy = (trm[2] * trm[2] + trm[3] * trm[3]).sqrt();
            let mut text = String::new();
            if !font.text(c, &mut text) {
                out.unmapped += 1;
                text.push('\u{FFFD}');
            }
            if out.glyphs.len() < 2_000_000 {
                out.glyphs.push(Glyph {
                    x: trm[4],
                    y: trm[5],
                    w: w0 * sx,
                    size: sy,
                    text,
                });
            }
            let space = if c.len == 1 && c.code == 32 {
                gs.tw
            } else {
                0.0
            };
            let tx = (w0 * gs.size + gs.tc + space) * gs.th;
            *tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], tm);
        }
        self.codes = codes;
    }
}

/// Horizontal and vertical pieces of a painted path. Filled shapes count
/// only when thin (a line drawn as a filled rectangle).
fn rulings(path: &[Vec<(f64, f64)>], stroke: bool, out: &mut PageItems) {
    for sp in path {
        if !stroke {
            let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
            for &(x, y) in sp {
                x0 = x0.min(x);
                y0 = y0.min(y);
                x1 = x1.max(x);
                y1 = y1.max(y);
            }
            if sp.len() < 2 || !(x1 - x0).is_finite() {
                continue;
            }
            let (w, h) = (x1 - x0, y1 - y0);
            if h <= 2.5 && w > h {
                out.h.push(Seg {
                    at: (y0 + y1) / 2.0,
                    a: x0,
                    b: x1,
                });
            } else if w <= 2.5 && h > w {
                out.v.push(Seg {
                    at: (x0 + x1) / 2.0,
                    a: y0,
                    b: y1,
                });
            }
            continue;
        }
        for p in sp.windows(2) {
            let ((xa, ya), (xb, yb)) = (p[0], p[1]);
            if (ya - yb).abs() < 0.5 && (xa - xb).abs() > 0.5 {
                out.h.push(Seg {
                    at: ya,
                    a: xa.min(xb),
                    b: xa.max(xb),
                });
            } else if (xa - xb).abs() < 0.5 && (ya - yb).abs() > 0.5 {
                out.v.push(Seg {
                    at: xa,
                    a: ya.min(yb),
                    b: ya.max(yb),
                });
            }
        }
    }
}
