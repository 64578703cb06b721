//! Finding the cell (or two) that explains every broken total.
//!
//! Every rule of FORMAT.md §6 is a linear equation over cells. Given the
//! equations that hold and those that are broken, an explanation is a set of
//! one or two cells whose new values mend every broken equation without
//! breaking one that holds, with no count below zero. One wrong cell in table
//! 三 breaks one row rule and one column rule; its crossing is found here.

/// Σ coef·value = 0 over cells (indices into the caller's value list).
pub struct Equation {
    pub terms: Vec<(usize, i64)>,
}

impl Equation {
    pub fn residual(&self, values: &[i64]) -> i64 {
        self.terms.iter().map(|&(i, k)| k * values[i]).sum()
    }
}

/// Cells and the values that mend everything.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Explanation {
    pub changes: Vec<(usize, i64)>,
}

/// Explanations, best first: those of the best rank first (`best` of them),
/// then the others. Rank: fewer cells, then fewer cells that are not totals.
pub struct Located {
    pub explanations: Vec<Explanation>,
    pub best: usize,
}

/// At most this many cells are tried in pairs (the pair search is quadratic).
const MAX_PAIR_CELLS: usize = 400;

/// The equations as a dense table: the coefficient of every cell in every
/// equation, and which equations each cell is in.
struct Table<'a> {
    res: &'a [i64],
    n_cells: usize,
    /// `coef[e * n_cells + c]`: Σ of cell c's coefficients in equation e.
    coef: Vec<i64>,
    /// The equations each cell appears in, ascending.
    of_cell: Vec<Vec<usize>>,
}

impl Table<'_> {
    fn coef(&self, e: usize, c: usize) -> i64 {
        self.coef.get(e * self.n_cells + c).copied().unwrap_or(0)
    }

    /// The equations in which cell `x` (and `y`, when given) has a nonzero
    /// coefficient, ascending, into `rel`.
    fn touching(&self, x: usize, y: Option<usize>, rel: &mut Vec<usize>) {
        rel.clear();
        let none: &[usize] = &[];
        let a = self.of_cell.get(x).map_or(none, Vec::as_slice);
        let b = y
            .and_then(|y| self.of_cell.get(y))
            .map_or(none, Vec::as_slice);
        let (mut i, mut j) = (0, 0);
        loop {
            let e = match (a.get(i), b.get(j)) {
                (Some(&p), Some(&q)) if p < q => {
                    i += 1;
                    p
                }
                (Some(&p), Some(&q)) if q < p => {
                    j += 1;
                    q
                }
                (Some(&p), Some(_)) => {
                    i += 1;
                    j += 1;
                    p
                }
                (Some(&p), None) => {
                    i += 1;
                    p
                }
                (None, Some(&q)) => {
                    j += 1;
                    q
                }
                (None, None) => break,
            };
            if self.coef(e, x) != 0 || y.is_some_and(|y| self.coef(e, y) != 0) {
                rel.push(e);
            }
        }
    }
}

pub fn locate(eqs: &[Equation], values: &[i64], is_total: &dyn Fn(usize) -> bool) -> Located {
    let res: Vec<i64> = eqs.iter().map(|e| e.residual(values)).collect();
    let broken: Vec<usize> = (0..eqs.len()).filter(|&i| res[i] != 0).collect();
    let none = Located {
        explanations: Vec::new(),
        best: 0,
    };
    if broken.is_empty() {
        return none;
    }
    let mut cand: Vec<usize> = broken
        .iter()
        .flat_map(|&i| eqs[i].terms.iter().map(|t| t.0))
        .collect();
    cand.sort_unstable();
    cand.dedup();
    // Which equations each cell is in (cells are small indices).
    let n_cells = eqs
        .iter()
        .flat_map(|e| e.terms.iter().map(|t| t.0 + 1))
        .max()
        .unwrap_or(0);
    let mut of_cell: Vec<Vec<usize>> = vec![Vec::new(); n_cells];
    let mut coef = vec![0i64; eqs.len() * n_cells];
    for (i, e) in eqs.iter().enumerate() {
        for t in &e.terms {
            if !of_cell[t.0].contains(&i) {
                of_cell[t.0].push(i);
            }
            coef[i * n_cells + t.0] += t.1;
        }
    }
    let table = Table {
        res: &res,
        n_cells,
        coef,
        of_cell,
    };
    let mut rel: Vec<usize> = Vec::new();

    let mut found: Vec<Explanation> = Vec::new();
    for &x in &cand {
        table.touching(x, None, &mut rel);
        if !broken.iter().all(|b| rel.contains(b)) {
            continue;
        }
        let mut dx: Option<i64> = None;
        let mut ok = true;
        for &e in &rel {
            let a = table.coef(e, x);
            if a == 0 || (-res[e]) % a != 0 {
                ok = false;
                break;
            }
            let d = -res[e] / a;
            match dx {
                None => dx = Some(d),
                Some(p) if p != d => {
                    ok = false;
                    break;
                }
                _ => {}
            }
        }
        if let (true, Some(d)) = (ok, dx) {
            let v = values[x] + d;
            if d != 0 && v >= 0 {
                found.push(Explanation {
                    changes: vec![(x, v)],
                });
            }
        }
    }
    if found.is_empty() && cand.len() <= MAX_PAIR_CELLS {
        let mut rows: Vec<(i64, i64, i64)> = Vec::new();
        for (n, &x) in cand.iter().enumerate() {
            // Every broken equation without x must hold y.
            let missed: Vec<usize> = broken
                .iter()
                .copied()
                .filter(|&b| table.coef(b, x) == 0)
                .collect();
            for &y in &cand[n + 1..] {
                if missed.iter().any(|&b| table.coef(b, y) == 0) {
                    continue;
                }
                if let Some((dx, dy)) = solve_pair(&table, &broken, x, y, &mut rel, &mut rows) {
                    let (vx, vy) = (values[x] + dx, values[y] + dy);
                    if vx >= 0 && vy >= 0 {
                        found.push(Explanation {
                            changes: vec![(x, vx), (y, vy)],
                        });
                    }
                }
            }
        }
    }
    let rank = |e: &Explanation| {
        (
            e.changes.len(),
            e.changes.iter().filter(|c| !is_total(c.0)).count(),
        )
    };
    found.sort_by_key(rank);
    let best = found
        .first()
        .map(rank)
        .map(|r| found.iter().take_while(|e| rank(e) == r).count())
        .unwrap_or(0);
    Located {
        explanations: found,
        best,
    }
}

/// The changes of cells `x` and `y` that mend every equation either is in
/// (`rel` and `rows` are scratch space).
fn solve_pair(
    t: &Table,
    broken: &[usize],
    x: usize,
    y: usize,
    rel: &mut Vec<usize>,
    rows: &mut Vec<(i64, i64, i64)>,
) -> Option<(i64, i64)> {
    t.touching(x, Some(y), rel);
    if !broken.iter().all(|b| rel.contains(b)) {
        return None;
    }
    rows.clear();
    rows.extend(rel.iter().map(|&e| (t.coef(e, x), t.coef(e, y), -t.res[e])));
    let rows: &[(i64, i64, i64)] = rows;
    let div = |n: i64, d: i64| {
        if d != 0 && n % d == 0 {
            Some(n / d)
        } else {
            None
        }
    };
    let mut dx = rows
        .iter()
        .find(|r| r.0 != 0 && r.1 == 0)
        .and_then(|r| div(r.2, r.0));
    let mut dy = rows
        .iter()
        .find(|r| r.0 == 0 && r.1 != 0)
        .and_then(|r| div(r.2, r.1));
    if dx.is_none() && dy.is_none() {
        // Two independent equations in both.
        let both: Vec<&(i64, i64, i64)> = rows.iter().filter(|r| r.0 != 0 && r.1 != 0).collect();
        'outer: for (i, p) in both.iter().enumerate() {
            for q in &both[i + 1..] {
                let det = p.0 * q.1 - p.1 * q.0;
                if det != 0 {
                    dx = div(p.2 * q.1 - p.1 * q.2, det);
                    dy = div(p.0 * q.2 - p.2 * q.0, det);
                    break 'outer;
                }
            }
        }
    }
    if dx.is_none() {
        let r = rows.iter().find(|r| r.0 != 0)?;
        dx = div(r.2 - r.1 * dy?, r.0);
    }
    if dy.is_none() {
        let r = rows.iter().find(|r| r.1 != 0)?;
        dy = div(r.2 - r.0 * dx?, r.1);
    }
    let (dx, dy) = (dx?, dy?);
    if dx == 0 || dy == 0 {
        return None;
    }
    rows.iter()
        .all(|r| r.0 * dx + r.1 * dy == r.2)
        .then_some((dx, dy))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 2×2 table with row totals and column totals: cells 0..9 laid out
    /// a b A / c d C / T1 T2 T.
    fn grid() -> Vec<Equation> {
        let row = |a, b, t| Equation {
            terms: vec![(a, 1), (b, 1), (t, -1)],
        };
        vec![
            row(0, 1, 2),
            row(3, 4, 5),
            row(6, 7, 8),
            row(0, 3, 6),
            row(1, 4, 7),
            row(2, 5, 8),
        ]
    }

    #[test]
    fn one_wrong_cell_is_found_at_the_crossing() {
        //  1 2 3 / 4 5 9 / 5 7 12, then d (index 4) miswritten as 6.
        let mut v = vec![1, 2, 3, 4, 5, 9, 5, 7, 12];
        v[4] = 6;
        let l = locate(&grid(), &v, &|_| false);
        assert_eq!(l.best, 1);
        assert_eq!(l.explanations[0].changes, vec![(4, 5)]);
    }

    #[test]
    fn nothing_broken_nothing_found() {
        let v = vec![1, 2, 3, 4, 5, 9, 5, 7, 12];
        assert!(locate(&grid(), &v, &|_| false).explanations.is_empty());
    }

    #[test]
    fn totals_are_preferred_among_equal_single_fixes() {
        // One equation a+b+c+d = T, broken: 0+0+1+0 vs 0.
        let eq = vec![Equation {
            terms: vec![(0, 1), (1, 1), (2, 1), (3, 1), (4, -1)],
        }];
        let l = locate(&eq, &[0, 0, 1, 0, 0], &|i| i == 4);
        assert_eq!(l.best, 1);
        assert_eq!(l.explanations[0].changes, vec![(4, 1)]);
        // The other fit (c should be 0) is kept as an alternative; others would go negative.
        assert_eq!(l.explanations.len(), 2);
        assert_eq!(l.explanations[1].changes, vec![(2, 0)]);
    }

    /// The first, direct implementation (coefficients looked up in the
    /// terms, scratch vectors per pair), which `locate` must match exactly.
    mod reference {
        use super::super::*;

        fn coef(e: &Equation, cell: usize) -> i64 {
            e.terms.iter().filter(|t| t.0 == cell).map(|t| t.1).sum()
        }

        pub fn locate(
            eqs: &[Equation],
            values: &[i64],
            is_total: &dyn Fn(usize) -> bool,
        ) -> Located {
            let res: Vec<i64> = eqs.iter().map(|e| e.residual(values)).collect();
            let broken: Vec<usize> = (0..eqs.len()).filter(|&i| res[i] != 0).collect();
            let none = Located {
                explanations: Vec::new(),
                best: 0,
            };
            if broken.is_empty() {
                return none;
            }
            let mut cand: Vec<usize> = broken
                .iter()
                .flat_map(|&i| eqs[i].terms.iter().map(|t| t.0))
                .collect();
            cand.sort_unstable();
            cand.dedup();
            // Which equations each cell is in (cells are small indices).
            let n_cells = eqs
                .iter()
                .flat_map(|e| e.terms.iter().map(|t| t.0 + 1))
                .max()
                .unwrap_or(0);
            let mut of_cell: Vec<Vec<usize>> = vec![Vec::new(); n_cells];
            for (i, e) in eqs.iter().enumerate() {
                for t in &e.terms {
                    if !of_cell[t.0].contains(&i) {
                        of_cell[t.0].push(i);
                    }
                }
            }
            let touching = |cells: &[usize]| -> Vec<usize> {
                let mut v: Vec<usize> = cells
                    .iter()
                    .flat_map(|&c| of_cell[c].iter().copied())
                    .collect();
                v.sort_unstable();
                v.dedup();
                v.retain(|&i| cells.iter().any(|&c| coef(&eqs[i], c) != 0));
                v
            };

            let mut found: Vec<Explanation> = Vec::new();
            for &x in &cand {
                let rel = touching(&[x]);
                if !broken.iter().all(|b| rel.contains(b)) {
                    continue;
                }
                let mut dx: Option<i64> = None;
                let mut ok = true;
                for &e in &rel {
                    let a = coef(&eqs[e], x);
                    if a == 0 || (-res[e]) % a != 0 {
                        ok = false;
                        break;
                    }
                    let d = -res[e] / a;
                    match dx {
                        None => dx = Some(d),
                        Some(p) if p != d => {
                            ok = false;
                            break;
                        }
                        _ => {}
                    }
                }
                if let (true, Some(d)) = (ok, dx) {
                    let v = values[x] + d;
                    if d != 0 && v >= 0 {
                        found.push(Explanation {
                            changes: vec![(x, v)],
                        });
                    }
                }
            }
            if found.is_empty() && cand.len() <= MAX_PAIR_CELLS {
                for (n, &x) in cand.iter().enumerate() {
                    // Every broken equation without x must hold y.
                    let missed: Vec<usize> = broken
                        .iter()
                        .copied()
                        .filter(|&b| coef(&eqs[b], x) == 0)
                        .collect();
                    for &y in &cand[n + 1..] {
                        if missed.iter().any(|&b| coef(&eqs[b], y) == 0) {
                            continue;
                        }
                        if let Some((dx, dy)) = solve_pair(eqs, &res, &broken, x, y, &touching) {
                            let (vx, vy) = (values[x] + dx, values[y] + dy);
                            if vx >= 0 && vy >= 0 {
                                found.push(Explanation {
                                    changes: vec![(x, vx), (y, vy)],
                                });
                            }
                        }
                    }
                }
            }
            let rank = |e: &Explanation| {
                (
                    e.changes.len(),
                    e.changes.iter().filter(|c| !is_total(c.0)).count(),
                )
            };
            found.sort_by_key(rank);
            let best = found
                .first()
                .map(rank)
                .map(|r| found.iter().take_while(|e| rank(e) == r).count())
                .unwrap_or(0);
            Located {
                explanations: found,
                best,
            }
        }

        fn solve_pair(
            eqs: &[Equation],
            res: &[i64],
            broken: &[usize],
            x: usize,
            y: usize,
            touching: &dyn Fn(&[usize]) -> Vec<usize>,
        ) -> Option<(i64, i64)> {
            let rel = touching(&[x, y]);
            if !broken.iter().all(|b| rel.contains(b)) {
                return None;
            }
            let rows: Vec<(i64, i64, i64)> = rel
                .iter()
                .map(|&e| (coef(&eqs[e], x), coef(&eqs[e], y), -res[e]))
                .collect();
            let div = |n: i64, d: i64| {
                if d != 0 && n % d == 0 {
                    Some(n / d)
                } else {
                    None
                }
            };
            let mut dx = rows
                .iter()
                .find(|r| r.0 != 0 && r.1 == 0)
                .and_then(|r| div(r.2, r.0));
            let mut dy = rows
                .iter()
                .find(|r| r.0 == 0 && r.1 != 0)
                .and_then(|r| div(r.2, r.1));
            if dx.is_none() && dy.is_none() {
                // Two independent equations in both.
                let both: Vec<&(i64, i64, i64)> =
                    rows.iter().filter(|r| r.0 != 0 && r.1 != 0).collect();
                'outer: for (i, p) in both.iter().enumerate() {
                    for q in &both[i + 1..] {
                        let det = p.0 * q.1 - p.1 * q.0;
                        if det != 0 {
                            dx = div(p.2 * q.1 - p.1 * q.2, det);
                            dy = div(p.0 * q.2 - p.2 * q.0, det);
                            break 'outer;
                        }
                    }
                }
            }
            if dx.is_none() {
                let r = rows.iter().find(|r| r.0 != 0)?;
                dx = div(r.2 - r.1 * dy?, r.0);
            }
            if dy.is_none() {
                let r = rows.iter().find(|r| r.1 != 0)?;
                dy = div(r.2 - r.0 * dx?, r.1);
            }
            let (dx, dy) = (dx?, dy?);
            if dx == 0 || dy == 0 {
                return None;
            }
            rows.iter()
                .all(|r| r.0 * dx + r.1 * dy == r.2)
                .then_some((dx, dy))
        }
    }

    #[test]
    fn matches_the_direct_implementation() {
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = move |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        for _ in 0..400 {
            // An r×c table with row totals, column totals and a grand total.
            let (r, c) = (2 + next(4) as usize, 2 + next(5) as usize);
            let w = c + 1;
            let mut v = vec![0i64; (r + 1) * w];
            for i in 0..r {
                for j in 0..c {
                    v[i * w + j] = next(20) as i64;
                }
            }
            for i in 0..r {
                v[i * w + c] = (0..c).map(|j| v[i * w + j]).sum();
            }
            for j in 0..=c {
                v[r * w + j] = (0..r).map(|i| v[i * w + j]).sum();
            }
            let mut eqs = Vec::new();
            for i in 0..=r {
                let mut terms: Vec<(usize, i64)> = (0..c).map(|j| (i * w + j, 1)).collect();
                terms.push((i * w + c, -1));
                eqs.push(Equation { terms });
            }
            for j in 0..=c {
                let mut terms: Vec<(usize, i64)> = (0..r).map(|i| (i * w + j, 1)).collect();
                terms.push((r * w + j, -1));
                eqs.push(Equation { terms });
            }
            // One to three cells miswritten.
            for _ in 0..1 + next(3) {
                let k = next(v.len() as u64) as usize;
                v[k] += next(7) as i64 - 3;
            }
            let is_total = |i: usize| i % w == c || i / w == r;
            let got = locate(&eqs, &v, &is_total);
            let want = reference::locate(&eqs, &v, &is_total);
            assert_eq!(got.explanations, want.explanations, "{v:?}");
            assert_eq!(got.best, want.best);
        }
    }
}
