//! Splitting digits that were run together when a table lost its cell
//! boundaries (“（一）予以公开6000017” = 6,0,0,0,0,1,7).
//!
//! `candidates` lists every split that gives the row its number of cells,
//! has no leading zeros and satisfies the row's own arithmetic (passed in
//! as `ok`); the caller decides between several with the whole table's
//! rules (see `extract::resolve_runs`) and shows what is left as
//! alternatives. `forced` is the one split of exactly n digits into n cells,
//! taken even when it breaks the row's total — that is the report's own
//! error, to be reported, not hidden.

/// A cell cut out of a run: byte range in the text and its value.
pub type Piece = (usize, usize, i64);

pub enum Split {
    Unique(Vec<Piece>),
    /// More than one split fits, or none does.
    Unresolved,
}

/// The most digits one cell cut from a run may have.
const MAX_PIECE: usize = 12;

/// At most this many partial splits are tried before giving up.
const BUDGET: usize = 200_000;

/// `runs`: (byte offset, text) of each digit run, in order.
pub fn split(runs: &[(usize, &str)], n: usize, ok: &dyn Fn(&[i64]) -> bool) -> Split {
    match candidates(runs, n, ok, 2) {
        Some(mut c) if c.len() == 1 => Split::Unique(c.remove(0)),
        _ => Split::Unresolved,
    }
}

/// Every split of `runs` into `n` cells that `ok` accepts, up to `max` of
/// them (a `max + 1`-th makes the answer None: too many to list); None too
/// when the search ran out of budget.
pub fn candidates(
    runs: &[(usize, &str)],
    n: usize,
    ok: &dyn Fn(&[i64]) -> bool,
    max: usize,
) -> Option<Vec<Vec<Piece>>> {
    let runs = prepare(runs)?;
    let total: usize = runs.iter().map(|r| r.1.len()).sum();
    // Every digit goes into a cell of at most MAX_PIECE digits: more digits
    // than that can never split (and would only spend the walk's budget).
    if total < n || runs.len() > n || total > n * MAX_PIECE {
        return None;
    }
    let mut found: Vec<Vec<Piece>> = Vec::new();
    let mut budget = BUDGET;
    let mut cur: Vec<Piece> = Vec::with_capacity(n);
    walk(
        &runs,
        0,
        0,
        n,
        ok,
        &mut cur,
        &mut found,
        max + 1,
        &mut budget,
    );
    (budget > 0 && found.len() <= max).then_some(found)
}

/// Exactly `n` digits for `n` cells: the one way to split them, whatever
/// the arithmetic says (a broken rule is then the report's own error).
pub fn forced(runs: &[(usize, &str)], n: usize) -> Option<Vec<Piece>> {
    let runs = prepare(runs)?;
    let total: usize = runs.iter().map(|r| r.1.len()).sum();
    if total != n {
        return None;
    }
    Some(
        runs.iter()
            .flat_map(|(offs, digits)| {
                digits
                    .iter()
                    .enumerate()
                    .map(move |(k, d)| (offs[k], offs[k + 1], *d as i64))
            })
            .collect(),
    )
}

type Prepared = Vec<(Vec<usize>, Vec<u32>)>;

/// Per run: byte offset of every char, plus the end; and its digits.
fn prepare(runs: &[(usize, &str)]) -> Option<Prepared> {
    let runs: Prepared = runs
        .iter()
        .map(|(off, s)| {
            let mut offs: Vec<usize> = s.char_indices().map(|(i, _)| off + i).collect();
            offs.push(off + s.len());
            let digits = s
                .chars()
                .filter_map(|c| {
                    c.to_digit(10)
                        .or_else(|| ('０'..='９').contains(&c).then(|| c as u32 - '０' as u32))
                })
                .collect();
            (offs, digits)
        })
        .collect();
    if runs
        .iter()
        .any(|(o, d)| d.len() + 1 != o.len() || d.is_empty())
    {
        return None;
    }
    Some(runs)
}

#[allow(clippy::too_many_arguments)]
fn walk(
    runs: &[(Vec<usize>, Vec<u32>)],
    run: usize,
    pos: usize,
    n: usize,
    ok: &dyn Fn(&[i64]) -> bool,
    cur: &mut Vec<Piece>,
    found: &mut Vec<Vec<Piece>>,
    limit: usize,
    budget: &mut usize,
) {
    if found.len() >= limit || *budget == 0 {
        return;
    }
    *budget -= 1;
    if run == runs.len() {
        if cur.len() == n {
            let vals: Vec<i64> = cur.iter().map(|p| p.2).collect();
            // The walk never yields the same cuts twice.
            if ok(&vals) {
                found.push(cur.clone());
            }
        }
        return;
    }
    let (offs, digits) = &runs[run];
    // Cells still needed after this one, and digits left after this run.
    let later_runs = runs.len() - run - 1;
    let later_digits: usize = runs[run + 1..].iter().map(|r| r.1.len()).sum();
    let left_here = digits.len() - pos;
    for len in 1..=left_here.min(MAX_PIECE) {
        if digits[pos] == 0 && len > 1 {
            break;
        }
        let rest_here = left_here - len;
        let cells_after = n.saturating_sub(cur.len() + 1);
        // Feasibility: the cells after must fit in the digits after.
        if cells_after > rest_here + later_digits || (rest_here == 0 && cells_after < later_runs) {
            continue;
        }
        if rest_here > 0 && cells_after == 0 {
            continue;
        }
        // Nor may more digits be left than the cells after can hold.
        if rest_here + later_digits > cells_after * MAX_PIECE {
            continue;
        }
        let v = digits[pos..pos + len]
            .iter()
            .fold(0i64, |a, d| a * 10 + *d as i64);
        cur.push((offs[pos], offs[pos + len], v));
        if rest_here == 0 {
            walk(runs, run + 1, 0, n, ok, cur, found, limit, budget);
        } else {
            walk(runs, run, pos + len, n, ok, cur, found, limit, budget);
        }
        cur.pop();
    }
}

/// The arithmetic of a `requests` row: the first six add up to the seventh.
pub fn row_sums(v: &[i64]) -> bool {
    v.len() == 7 && v[..6].iter().sum::<i64>() == v[6]
}

/// The arithmetic of the `appeals` row: each group of five ends in its total.
pub fn appeal_sums(v: &[i64]) -> bool {
    v.len() == 15 && v.chunks(5).all(|g| g[..4].iter().sum::<i64>() == g[4])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vals(s: Split) -> Option<Vec<i64>> {
        match s {
            Split::Unique(p) => Some(p.into_iter().map(|p| p.2).collect()),
            Split::Unresolved => None,
        }
    }

    #[test]
    fn pingtan_rows() {
        assert_eq!(
            vals(split(&[(0, "6000017")], 7, &row_sums)),
            Some(vec![6, 0, 0, 0, 0, 1, 7])
        );
        assert_eq!(
            vals(split(&[(0, "200"), (4, "000121")], 7, &row_sums)),
            Some(vec![20, 0, 0, 0, 0, 1, 21])
        );
        assert_eq!(
            vals(split(
                &[(0, "20"), (3, "0"), (5, "00"), (8, "0"), (10, "121")],
                7,
                &row_sums
            )),
            Some(vec![20, 0, 0, 0, 0, 1, 21])
        );
        assert_eq!(
            vals(split(&[(0, "000000000000000")], 15, &appeal_sums)),
            Some(vec![0; 15])
        );
    }

    #[test]
    fn ambiguous_is_unresolved() {
        // 77,77,166 or 7,77,7166 or …: nothing to tell them apart.
        assert!(vals(split(&[(0, "7777166")], 3, &|_| true)).is_none());
        // Three digits into three cells has only one way.
        assert_eq!(
            vals(split(&[(0, "007")], 3, &|_| true)),
            Some(vec![0, 0, 7])
        );
    }

    #[test]
    fn spans_follow_full_width_digits() {
        match split(&[(10, "１０")], 2, &|_| true) {
            Split::Unique(p) => assert_eq!(p, vec![(10, 13, 1), (13, 16, 0)]),
            Split::Unresolved => panic!("should split"),
        }
    }
}
