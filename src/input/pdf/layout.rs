//! A page's glyphs and rulings → lines of text. Ruled tables become one
//! line per row with cells separated by TAB; text wrapped inside a cell is
//! joined back (a narrow column prints `4,06` over `5`: one cell `4,065`).
//! Text outside tables becomes lines; wide gaps in them become TABs.

use super::content::{Glyph, PageItems, Seg};

/// Positions closer than this (points) are the same ruling.
const TOL: f64 = 2.0;
/// Most segments per page we build tables from (bounded time).
const MAX_SEGS: usize = 4000;

/// Merge collinear touching segments.
fn merge(mut segs: Vec<Seg>) -> Vec<Seg> {
    segs.retain(|s| s.at.is_finite() && s.a.is_finite() && s.b.is_finite());
    segs.sort_by(|p, q| p.at.total_cmp(&q.at).then(p.a.total_cmp(&q.a)));
    let mut out: Vec<Seg> = Vec::with_capacity(segs.len());
    // Group by `at` first (within TOL), then merge overlapping in each group.
    let mut i = 0;
    while i < segs.len() {
        let at0 = segs[i].at;
        let mut j = i;
        while j < segs.len() && segs[j].at - at0 <= 1.0 {
            j += 1;
        }
        let group = &mut segs[i..j];
        let at = group.iter().map(|s| s.at).sum::<f64>() / group.len() as f64;
        group.sort_by(|p, q| p.a.total_cmp(&q.a));
        let mut cur: Option<Seg> = None;
        for s in group.iter() {
            match &mut cur {
                Some(c) if s.a <= c.b + TOL => c.b = c.b.max(s.b),
                _ => {
                    if let Some(c) = cur.take() {
                        out.push(c);
                    }
                    cur = Some(Seg { at, a: s.a, b: s.b });
                }
            }
        }
        if let Some(c) = cur {
            out.push(c);
        }
        i = j;
    }
    out.retain(|s| s.b - s.a >= 2.0);
    out
}

fn cluster(mut v: Vec<f64>) -> Vec<f64> {
    v.sort_by(f64::total_cmp);
    let mut out: Vec<f64> = Vec::new();
    for x in v {
        match out.last() {
            Some(&l) if x - l <= TOL => {}
            _ => out.push(x),
        }
    }
    out
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

struct Table {
    /// Column boundaries left → right, row boundaries top → bottom.
    xs: Vec<f64>,
    ys: Vec<f64>,
    /// Cell index for each grid (row band, column band).
    grid: Vec<Vec<usize>>,
    /// (left, right, top, bottom) boundary indices of each cell.
    cells: Vec<(usize, usize, usize, usize)>,
    members: Vec<Vec<usize>>,
}

impl Table {
    fn build(h: &[Seg], v: &[Seg]) -> Option<Table> {
        let xs = cluster(v.iter().map(|s| s.at).collect());
        let mut ys = cluster(h.iter().map(|s| s.at).collect());
        // A table cut by a page break has no border there, but its column
        // rulings run on to the edge: that edge bounds the last row.
        let vmin = v.iter().map(|s| s.a).fold(f64::MAX, f64::min);
        let vmax = v.iter().map(|s| s.b).fold(f64::MIN, f64::max);
        if let (Some(&lo), Some(&hi)) = (ys.first(), ys.last()) {
            if vmin < lo - 3.0 * TOL {
                ys.insert(0, vmin);
            }
            if vmax > hi + 3.0 * TOL {
                ys.push(vmax);
            }
        }
        ys.reverse();
        if xs.len() < 2 || ys.len() < 2 || xs.len() > 200 || ys.len() > 500 {
            return None;
        }
        // Segments lying on each boundary.
        let on = |segs: &[Seg], at: f64| -> Vec<Seg> {
            segs.iter()
                .filter(|s| (s.at - at).abs() <= TOL)
                .copied()
                .collect()
        };
        let vx: Vec<Vec<Seg>> = xs.iter().map(|&x| on(v, x)).collect();
        let hy: Vec<Vec<Seg>> = ys.iter().map(|&y| on(h, y)).collect();
        let covers = |segs: &[Seg], p: f64| segs.iter().any(|s| s.a - TOL <= p && p <= s.b + TOL);
        let mut cells = Vec::new();
        let mut index = rustc_hash::FxHashMap::default();
        let mut grid = vec![vec![0usize; xs.len() - 1]; ys.len() - 1];
        for r in 0..ys.len() - 1 {
            let cy = (ys[r] + ys[r + 1]) / 2.0;
            for c in 0..xs.len() - 1 {
                let cx = (xs[c] + xs[c + 1]) / 2.0;
                let l = (0..=c).rev().find(|&k| covers(&vx[k], cy)).unwrap_or(0);
                let rt = (c + 1..xs.len())
                    .find(|&k| covers(&vx[k], cy))
                    .unwrap_or(xs.len() - 1);
                let t = (0..=r).rev().find(|&k| covers(&hy[k], cx)).unwrap_or(0);
                let b = (r + 1..ys.len())
                    .find(|&k| covers(&hy[k], cx))
                    .unwrap_or(ys.len() - 1);
                let key = (l, rt, t, b);
                let id = *index.entry(key).or_insert_with(|| {
                    cells.push(key);
                    cells.len() - 1
                });
                grid[r][c] = id;
            }
        }
        let members = vec![Vec::new(); cells.len()];
        Some(Table {
            xs,
            ys,
            grid,
            cells,
            members,
        })
    }

    fn place(&mut self, x: f64, y: f64) -> Option<usize> {
        let (x0, x1) = (*self.xs.first()?, *self.xs.last()?);
        let (y0, y1) = (*self.ys.last()?, *self.ys.first()?);
        if x < x0 || x > x1 || y < y0 || y > y1 {
            return None;
        }
        let c = self
            .xs
            .iter()
            .rposition(|&b| b <= x)?
            .min(self.xs.len() - 2);
        let r = self
            .ys
            .iter()
            .rposition(|&b| b >= y)?
            .min(self.ys.len() - 2);
        Some(self.grid[r][c])
    }
}

/// Group glyphs into lines (top to bottom), each sorted left to right.
fn lines<'g>(glyphs: &[&'g Glyph]) -> Vec<Vec<&'g Glyph>> {
    let mut gs: Vec<&Glyph> = glyphs.to_vec();
    gs.sort_by(|a, b| b.y.total_cmp(&a.y));
    let mut out: Vec<Vec<&Glyph>> = Vec::new();
    let mut line_y = f64::NAN;
    let mut line_size = 0.0f64;
    for g in gs {
        let tol = (line_size.max(g.size) * 0.4).max(1.0);
        if out.is_empty() || (line_y - g.y).abs() > tol {
            out.push(Vec::new());
            line_y = g.y;
            line_size = g.size;
        }
        if let Some(l) = out.last_mut() {
            l.push(g);
        }
    }
    for l in &mut out {
        l.sort_by(|a, b| a.x.total_cmp(&b.x));
    }
    out
}

/// The text of one line: spaces for gaps, TABs for wide gaps when `tabs`;
/// a glyph drawn twice on itself (fake bold) counts once.
fn line_text(l: &[&Glyph], tabs: bool, out: &mut String) {
    let mut prev: Option<&Glyph> = None;
    for g in l {
        if let Some(p) = prev {
            let size = p.size.max(g.size).max(1.0);
            if p.text == g.text && (g.x - p.x).abs() < 0.15 * size {
                continue;
            }
            let gap = g.x - (p.x + p.w);
            if tabs && gap > 1.8 * size {
                out.push('\t');
            } else if gap > 0.3 * size && !out.ends_with(' ') && !g.text.starts_with(' ') {
                out.push(' ');
            }
        }
        out.push_str(&g.text);
        prev = Some(g);
    }
}

fn cell_text(glyphs: &[&Glyph]) -> String {
    let mut out = String::new();
    for l in lines(glyphs) {
        let mut t = String::new();
        line_text(&l, false, &mut t);
        let t = t.trim();
        if t.is_empty() {
            continue;
        }
        let join_space = out.chars().last().is_some_and(|c| c.is_ascii_alphabetic())
            && t.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
        if join_space {
            out.push(' ');
        }
        out.push_str(t);
    }
    // A TAB or newline inside a cell would split it.
    out.replace(['\t', '\n', '\r'], " ")
}

/// Write one page's text to `out`.
pub fn page(items: &PageItems, out: &mut String) {
    let glyphs = &items.glyphs;
    let mut used = vec![false; glyphs.len()];
    // Blocks of lines, each placed at a y (top first).
    let mut blocks: Vec<(f64, String)> = Vec::new();

    let (h, v) = (merge(items.h.clone()), merge(items.v.clone()));
    if h.len() + v.len() <= MAX_SEGS {
        let mut parent: Vec<usize> = (0..h.len() + v.len()).collect();
        for (i, hs) in h.iter().enumerate() {
            for (j, vs) in v.iter().enumerate() {
                if vs.at >= hs.a - TOL
                    && vs.at <= hs.b + TOL
                    && hs.at >= vs.a - TOL
                    && hs.at <= vs.b + TOL
                {
                    let (a, b) = (find(&mut parent, i), find(&mut parent, h.len() + j));
                    if a != b {
                        parent[a] = b;
                    }
                }
            }
        }
        let mut comps: rustc_hash::FxHashMap<usize, (Vec<Seg>, Vec<Seg>)> = Default::default();
        for i in 0..h.len() {
            let r = find(&mut parent, i);
            comps.entry(r).or_default().0.push(h[i]);
        }
        for j in 0..v.len() {
            let r = find(&mut parent, h.len() + j);
            comps.entry(r).or_default().1.push(v[j]);
        }
        let mut tables: Vec<Table> = comps
            .into_values()
            .filter(|(hs, vs)| hs.len() >= 2 && vs.len() >= 2)
            .filter_map(|(hs, vs)| Table::build(&hs, &vs))
            .collect();
        tables.sort_by(|a, b| b.ys[0].total_cmp(&a.ys[0]));
        for (gi, g) in glyphs.iter().enumerate() {
            let (cx, cy) = (g.x + g.w / 2.0, g.y + g.size * 0.35);
            for t in tables.iter_mut() {
                if let Some(cell) = t.place(cx, cy) {
                    if let Some(m) = t.members.get_mut(cell) {
                        m.push(gi);
                        used[gi] = true;
                    }
                    break;
                }
            }
        }
        for t in &tables {
            let mut text = String::new();
            for r in 0..t.ys.len() - 1 {
                let mut row: Vec<(usize, String)> = Vec::new();
                let mut seen = Vec::new();
                for c in 0..t.xs.len() - 1 {
                    let id = t.grid[r][c];
                    if seen.contains(&id) {
                        continue;
                    }
                    seen.push(id);
                    let (l, _, top, _) = t.cells[id];
                    if top != r {
                        continue;
                    }
                    let gs: Vec<&Glyph> = t.members[id]
                        .iter()
                        .filter_map(|&i| glyphs.get(i))
                        .collect();
                    row.push((l, cell_text(&gs)));
                }
                if row.iter().all(|(_, s)| s.is_empty()) {
                    continue;
                }
                row.sort_by_key(|(l, _)| *l);
                let cells: Vec<&str> = row.iter().map(|(_, s)| s.as_str()).collect();
                text.push_str(&cells.join("\t"));
                text.push('\n');
            }
            if !text.is_empty() {
                blocks.push((t.ys[0], text));
            }
        }
    }

    let free: Vec<&Glyph> = glyphs
        .iter()
        .zip(&used)
        .filter(|(_, &u)| !u)
        .map(|(g, _)| g)
        .collect();
    for l in lines(&free) {
        let mut t = String::new();
        line_text(&l, true, &mut t);
        let t = t.trim_end();
        if t.trim().is_empty() {
            continue;
        }
        let top = l
            .iter()
            .map(|g| g.y + g.size * 0.7)
            .fold(f64::MIN, f64::max);
        blocks.push((top, format!("{t}\n")));
    }
    blocks.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (_, b) in blocks {
        out.push_str(&b);
    }
}
