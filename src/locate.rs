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
    fn coef(&self, cell: usize) -> i64 {
        self.terms.iter().filter(|t| t.0 == cell).map(|t| t.1).sum()
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
        v.retain(|&i| cells.iter().any(|&c| eqs[i].coef(c) != 0));
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
            let a = eqs[e].coef(x);
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
                .filter(|&b| eqs[b].coef(x) == 0)
                .collect();
            for &y in &cand[n + 1..] {
                if missed.iter().any(|&b| eqs[b].coef(y) == 0) {
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
        .map(|&e| (eqs[e].coef(x), eqs[e].coef(y), -res[e]))
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
}
