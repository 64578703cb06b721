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
        if xs.len() < 2 || ys.len() < 2 || xs.len() > 64 || ys.len() > 400 {
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

/// One cell of a table row: its left and right edge and its text.
#[derive(Debug, Clone)]
pub struct CellOut {
    pub x0: f64,
    pub x1: f64,
    pub text: String,
}

/// What a page holds, top to bottom.
#[derive(Debug, Clone)]
pub enum Block {
    Line(String),
    Table { rows: Vec<Vec<CellOut>> },
}

/// Write one page's text to `out`.
pub fn page(items: &PageItems, out: &mut String) {
    write(&blocks(items), out);
}

/// Write blocks: table rows as cells separated by TAB, lines as lines.
pub fn write(blocks: &[Block], out: &mut String) {
    for b in blocks {
        match b {
            Block::Line(l) => {
                out.push_str(l);
                out.push('\n');
            }
            Block::Table { rows, .. } => {
                for r in rows {
                    for (i, c) in r.iter().enumerate() {
                        if i > 0 {
                            out.push('\t');
                        }
                        out.push_str(&c.text);
                    }
                    out.push('\n');
                }
            }
        }
    }
}

/// A page's blocks, top to bottom.
pub fn blocks(items: &PageItems) -> Vec<Block> {
    let glyphs = &items.glyphs;
    let mut used = vec![false; glyphs.len()];
    // Blocks, each placed at a y (top first).
    let mut blocks: Vec<(f64, Block)> = Vec::new();

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
        for (i, seg) in h.iter().enumerate() {
            let r = find(&mut parent, i);
            comps.entry(r).or_default().0.push(*seg);
        }
        for (j, seg) in v.iter().enumerate() {
            let r = find(&mut parent, h.len() + j);
            comps.entry(r).or_default().1.push(*seg);
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
            let mut rows_out: Vec<Vec<CellOut>> = Vec::new();
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
                let cells = row
                    .into_iter()
                    .map(|(l, text)| {
                        let id = t.grid[r].iter().copied().find(|&id| t.cells[id].0 == l);
                        let x1 = id.map(|id| t.xs[t.cells[id].1]).unwrap_or(t.xs[l]);
                        CellOut {
                            x0: t.xs[l],
                            x1,
                            text,
                        }
                    })
                    .collect();
                rows_out.push(cells);
            }
            if !rows_out.is_empty() {
                blocks.push((t.ys[0], Block::Table { rows: rows_out }));
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
        blocks.push((top, Block::Line(t.to_string())));
    }
    blocks.sort_by(|a, b| b.0.total_cmp(&a.0));
    blocks.into_iter().map(|(_, b)| b).collect()
}

fn numeric(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | '-' | '+' | ' '))
}

/// A table row cut by a page break: its first part ends the last table of
/// one page, its rest starts the first table of the next, with the row's
/// label cell empty (a new row always has its label). Join the
/// parts cell by cell (`8,3` + `98` → `8,398`). A table that merely
/// continues on the next page, with a new row there, is left alone.
pub fn join_split_rows(pages: &mut [Vec<Block>]) {
    for p in 1..pages.len() {
        let (before, after) = pages.split_at_mut(p);
        let Some(prev) = before.last_mut().and_then(|b| {
            b.iter_mut()
                .rev()
                .find(|b| matches!(b, Block::Table { .. }))
        }) else {
            continue;
        };
        let Some(next) = after
            .first_mut()
            .and_then(|b| b.iter_mut().find(|b| matches!(b, Block::Table { .. })))
        else {
            continue;
        };
        let (Block::Table { rows: prow }, Block::Table { rows: nrow }) = (prev, next) else {
            continue;
        };
        let (Some(last), Some(first)) = (prow.last_mut(), nrow.first()) else {
            continue;
        };
        // The label: the last text cell before the row's first number.
        let first_num = last
            .iter()
            .position(|c| numeric(&c.text))
            .unwrap_or(last.len());
        let Some(label) = last[..first_num].iter().rev().find(|c| !c.text.is_empty()) else {
            continue;
        };
        let overlaps = |a: &CellOut, b: &CellOut| a.x0.max(b.x0) < a.x1.min(b.x1) - TOL;
        if first
            .iter()
            .any(|c| overlaps(c, label) && !c.text.is_empty())
        {
            continue;
        }
        // Every piece of text in the rest must land in a cell of the first part.
        if !first
            .iter()
            .all(|c| c.text.is_empty() || last.iter().any(|l| overlaps(l, c)))
        {
            continue;
        }
        for c in first {
            if c.text.is_empty() {
                continue;
            }
            if let Some(l) = last.iter_mut().find(|l| overlaps(l, c)) {
                let space = l
                    .text
                    .chars()
                    .last()
                    .is_some_and(|c| c.is_ascii_alphabetic())
                    && c.text
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_ascii_alphabetic());
                if space {
                    l.text.push(' ');
                }
                l.text.push_str(&c.text);
            }
        }
        nrow.remove(0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Glyphs of `text` from (x, y), 5pt wide, size 10.
    fn word(items: &mut PageItems, x: f64, y: f64, text: &str) {
        for (i, c) in text.chars().enumerate() {
            items.glyphs.push(Glyph {
                x: x + 5.0 * i as f64,
                y,
                w: 5.0,
                size: 10.0,
                text: c.to_string(),
            });
        }
    }

    /// A ruled grid: column boundaries `xs`, row boundaries `ys` (top first).
    fn grid(items: &mut PageItems, xs: &[f64], ys: &[f64]) {
        let (x0, x1) = (xs[0], xs[xs.len() - 1]);
        let (y0, y1) = (ys[ys.len() - 1], ys[0]);
        for &y in ys {
            items.h.push(Seg {
                at: y,
                a: x0,
                b: x1,
            });
        }
        for &x in xs {
            items.v.push(Seg {
                at: x,
                a: y0,
                b: y1,
            });
        }
    }

    #[test]
    fn a_number_wrapped_inside_a_narrow_cell_is_one_cell() {
        let mut items = PageItems::default();
        // Two rows; the second column is 25pt wide: `4,06` then `5` below.
        grid(
            &mut items,
            &[50.0, 150.0, 175.0, 200.0],
            &[700.0, 670.0, 640.0],
        );
        word(&mut items, 52.0, 680.0, "行政许可");
        word(&mut items, 152.0, 688.0, "4,06");
        word(&mut items, 152.0, 676.0, "5");
        word(&mut items, 177.0, 680.0, "12");
        word(&mut items, 52.0, 650.0, "行政处罚");
        word(&mut items, 152.0, 658.0, "1,72");
        word(&mut items, 152.0, 646.0, "9");
        let mut out = String::new();
        page(&items, &mut out);
        assert_eq!(out, "行政许可\t4,065\t12\n行政处罚\t1,729\t\n");
    }

    #[test]
    fn merged_cells_are_one_field_and_rows_spanned_are_left_out() {
        let mut items = PageItems::default();
        // Column 0 spans both rows (no horizontal line through it at 670).
        for (at, a, b) in [
            (700.0, 50.0, 200.0),
            (640.0, 50.0, 200.0),
            (670.0, 100.0, 200.0),
        ] {
            items.h.push(Seg { at, a, b });
        }
        for x in [50.0, 100.0, 150.0, 200.0] {
            items.v.push(Seg {
                at: x,
                a: 640.0,
                b: 700.0,
            });
        }
        word(&mut items, 52.0, 668.0, "组");
        word(&mut items, 102.0, 680.0, "甲");
        word(&mut items, 152.0, 680.0, "1");
        word(&mut items, 102.0, 650.0, "乙");
        word(&mut items, 152.0, 650.0, "2");
        word(&mut items, 52.0, 600.0, "正文 一段");
        let mut out = String::new();
        page(&items, &mut out);
        assert_eq!(out, "组\t甲\t1\n乙\t2\n正文 一段\n");
    }

    #[test]
    fn text_without_rulings_keeps_wide_gaps_as_tabs() {
        let mut items = PageItems::default();
        word(&mut items, 50.0, 700.0, "规章");
        word(&mut items, 150.0, 700.0, "3");
        word(&mut items, 50.0, 680.0, "ab cd");
        let mut out = String::new();
        page(&items, &mut out);
        assert_eq!(out, "规章\t3\nab cd\n");
    }
}

#[cfg(test)]
mod split_rows {
    use super::*;

    fn row(cells: &[(f64, f64, &str)]) -> Vec<CellOut> {
        cells
            .iter()
            .map(|&(x0, x1, t)| CellOut {
                x0,
                x1,
                text: t.to_string(),
            })
            .collect()
    }

    fn text(pages: &[Vec<Block>]) -> String {
        let mut s = String::new();
        for p in pages {
            write(p, &mut s);
        }
        s
    }

    #[test]
    fn a_row_cut_by_a_page_break_is_joined_a_new_row_is_not() {
        let first = Block::Table {
            rows: vec![row(&[
                (0.0, 50.0, "1.属于国家秘密"),
                (50.0, 70.0, "8,3"),
                (70.0, 90.0, "5"),
            ])],
        };
        let rest = Block::Table {
            rows: vec![
                row(&[(0.0, 50.0, ""), (50.0, 70.0, "98"), (70.0, 90.0, "")]),
                row(&[
                    (0.0, 50.0, "2.重复申请"),
                    (50.0, 70.0, "1"),
                    (70.0, 90.0, "0"),
                ]),
            ],
        };
        let mut pages = vec![vec![first.clone(), Block::Line("-3-".into())], vec![rest]];
        join_split_rows(&mut pages);
        assert_eq!(
            text(&pages),
            "1.属于国家秘密\t8,398\t5\n-3-\n2.重复申请\t1\t0\n"
        );

        let new_row = Block::Table {
            rows: vec![row(&[
                (0.0, 50.0, "2.重复申请"),
                (50.0, 70.0, "98"),
                (70.0, 90.0, "0"),
            ])],
        };
        let mut pages = vec![vec![first], vec![new_row]];
        join_split_rows(&mut pages);
        assert_eq!(text(&pages), "1.属于国家秘密\t8,3\t5\n2.重复申请\t98\t0\n");
    }
}
