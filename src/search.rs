//! Substring search for the readers: memchr's vectorised `memmem` in the
//! native build (CLI, benches); the standard library's search in the
//! browser module, whose download size is budgeted. Both give the same
//! places: the leftmost, non-overlapping occurrences.

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    use std::cell::RefCell;

    use memchr::memmem::{self, Finder};
    use rustc_hash::FxHashMap;

    /// Every place of `pat` in `hay`, left to right, not overlapping.
    pub fn find_iter<'a>(hay: &'a str, pat: &'a str) -> impl Iterator<Item = usize> + 'a {
        memmem::find_iter(hay.as_bytes(), pat.as_bytes())
    }

    /// Every place of the byte `b` in `hay`.
    pub fn byte_iter(b: u8, hay: &[u8]) -> impl Iterator<Item = usize> + '_ {
        memchr::memchr_iter(b, hay)
    }

    /// The first place of the byte `b` in `hay`.
    pub fn byte_find(b: u8, hay: &[u8]) -> Option<usize> {
        memchr::memchr(b, hay)
    }

    /// The last place of the byte `b` in `hay`.
    pub fn byte_rfind(b: u8, hay: &[u8]) -> Option<usize> {
        memchr::memrchr(b, hay)
    }

    thread_local! {
        /// A searcher for each fixed pattern, by the pattern's address: a
        /// row's window is searched for its labels many times, and building
        /// a searcher costs more than searching a window.
        static FINDERS: RefCell<FxHashMap<(usize, usize), Finder<'static>>> =
            RefCell::new(FxHashMap::default());
    }

    /// The first place of the fixed pattern `pat` in `hay`.
    pub fn find_fixed(hay: &str, pat: &'static str) -> Option<usize> {
        let key = (pat.as_ptr() as usize, pat.len());
        let cached = FINDERS.try_with(|f| {
            let mut f = f.try_borrow_mut().ok()?;
            let finder = f.entry(key).or_insert_with(|| Finder::new(pat.as_bytes()));
            Some(finder.find(hay.as_bytes()))
        });
        match cached {
            Ok(Some(found)) => found,
            _ => memmem::find(hay.as_bytes(), pat.as_bytes()),
        }
    }
}

#[cfg(target_arch = "wasm32")]
mod imp {
    /// Every place of `pat` in `hay`, left to right, not overlapping.
    pub fn find_iter<'a>(hay: &'a str, pat: &'a str) -> impl Iterator<Item = usize> + 'a {
        hay.match_indices(pat).map(|(i, _)| i)
    }

    /// Every place of the byte `b` in `hay`.
    pub fn byte_iter(b: u8, hay: &[u8]) -> impl Iterator<Item = usize> + '_ {
        hay.iter()
            .enumerate()
            .filter(move |(_, x)| **x == b)
            .map(|(i, _)| i)
    }

    /// The first place of the fixed pattern `pat` in `hay`.
    pub fn find_fixed(hay: &str, pat: &'static str) -> Option<usize> {
        hay.find(pat)
    }

    /// The first place of the byte `b` in `hay`.
    pub fn byte_find(b: u8, hay: &[u8]) -> Option<usize> {
        hay.iter().position(|&x| x == b)
    }

    /// The last place of the byte `b` in `hay`.
    pub fn byte_rfind(b: u8, hay: &[u8]) -> Option<usize> {
        hay.iter().rposition(|&x| x == b)
    }
}

pub use imp::{byte_find, byte_iter, byte_rfind, find_fixed, find_iter};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_are_leftmost_and_do_not_overlap() {
        let hay = "本年新收本年新收 aaa 本年新收";
        let got: Vec<usize> = find_iter(hay, "本年新收").collect();
        let want: Vec<usize> = hay.match_indices("本年新收").map(|(i, _)| i).collect();
        assert_eq!(got, want);
        assert_eq!(got.len(), 3);
        assert_eq!(find_iter("aaaa", "aa").collect::<Vec<_>>(), vec![0, 2]);
        assert_eq!(find_fixed(hay, "aaa"), Some(25));
        assert_eq!(find_fixed(hay, "总计"), None);
        assert_eq!(byte_iter(b'a', b"xaxa").collect::<Vec<_>>(), vec![1, 3]);
        assert_eq!(byte_find(b'a', b"xaxa"), Some(1));
        assert_eq!(byte_rfind(b'a', b"xaxa"), Some(3));
        assert_eq!(byte_rfind(b'y', b"xaxa"), None);
    }
}
