//! Best fit of filler into a gap: the least left over, and of the fills that leave the same,
//! the one with the fewest items. Exact to the frame, by a table built once per filler list.

use crate::time::Frames;

/// The distinct item lengths of a filler list and, for every total up to `max`, the fewest
/// items that make it exactly (a coin-change table).
#[derive(Debug, Clone)]
pub(crate) struct FitTable {
    /// Distinct lengths, longest first.
    lengths: Vec<Frames>,
    /// `count[s]`: the fewest items summing to exactly `s` frames (`u32::MAX`: none do).
    count: Vec<u32>,
    /// `last[s]`: the index in `lengths` of one item of such a fill.
    last: Vec<u16>,
}

const NONE: u32 = u32::MAX;

impl FitTable {
    /// A table for gaps up to `max` frames. Lengths that are not positive are left out.
    pub(crate) fn new(lengths: impl IntoIterator<Item = Frames>, max: Frames) -> FitTable {
        let mut distinct: Vec<Frames> = lengths.into_iter().filter(|l| l.is_positive()).collect();
        distinct.sort_unstable_by(|a, b| b.cmp(a));
        distinct.dedup();
        distinct.truncate(usize::from(u16::MAX));
        let size = usize::try_from(max.get().max(0)).unwrap_or(0) + 1;
        let mut count = vec![NONE; size];
        let mut last = vec![0u16; size];
        count[0] = 0;
        for s in 1..size {
            for (i, length) in distinct.iter().enumerate() {
                let l = length.get() as usize;
                if l <= s && count[s - l] != NONE && count[s - l] + 1 < count[s] {
                    count[s] = count[s - l] + 1;
                    last[s] = i as u16;
                }
            }
        }
        FitTable {
            lengths: distinct,
            count,
            last,
        }
    }

    /// The distinct lengths, longest first.
    #[cfg(test)]
    pub(crate) fn lengths(&self) -> &[Frames] {
        &self.lengths
    }

    /// The lengths (longest first) that fill `gap` best. Past the table's reach the longest
    /// length is taken until the rest is within it.
    pub(crate) fn fill(&self, gap: Frames) -> Vec<Frames> {
        let mut out = Vec::new();
        let Some(&longest) = self.lengths.first() else {
            return out;
        };
        let max = Frames(self.count.len() as i64 - 1);
        let mut rest = gap;
        while rest > max {
            out.push(longest);
            rest -= longest;
        }
        let Ok(start) = usize::try_from(rest.get()) else {
            return out;
        };
        let Some(mut s) = (0..=start).rev().find(|&s| self.count[s] != NONE) else {
            return out;
        };
        while s > 0 {
            let length = self.lengths[usize::from(self.last[s])];
            out.push(length);
            s -= length.get() as usize;
        }
        out.sort_unstable_by(|a, b| b.cmp(a));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn frames(v: &[i64]) -> Vec<Frames> {
        v.iter().copied().map(Frames).collect()
    }

    #[test]
    fn an_exact_fit_is_chosen_over_fewer_items_that_leave_time_over() {
        // 65 s at 1 frame a second: 30+20+15 fills it exactly; 30+30 would leave 5 over.
        let table = FitTable::new(frames(&[30, 20, 15, 10]), Frames(120));
        assert_eq!(table.fill(Frames(65)), frames(&[30, 20, 15]));
    }

    #[test]
    fn of_the_exact_fits_the_one_with_fewest_items_is_chosen() {
        let table = FitTable::new(frames(&[10, 20, 30]), Frames(120));
        assert_eq!(table.fill(Frames(60)), frames(&[30, 30]));
    }

    #[test]
    fn without_an_exact_fit_the_least_left_over_wins() {
        let table = FitTable::new(frames(&[7, 5]), Frames(100));
        // 13 cannot be made; 12 (7+5) leaves 1, the least.
        assert_eq!(table.fill(Frames(13)), frames(&[7, 5]));
        // Nothing fits 4.
        assert_eq!(table.fill(Frames(4)), Vec::<Frames>::new());
    }

    #[test]
    fn a_gap_past_the_table_takes_the_longest_first() {
        let table = FitTable::new(frames(&[30, 7]), Frames(40));
        // 100 = 30 + 30 + (40 → 30 + 7, 3 over).
        assert_eq!(table.fill(Frames(100)), frames(&[30, 30, 30, 7]));
    }

    #[test]
    fn lengths_that_are_not_positive_are_left_out() {
        let table = FitTable::new(frames(&[0, -5, 10, 10]), Frames(30));
        assert_eq!(table.lengths(), frames(&[10]).as_slice());
        assert_eq!(table.fill(Frames(25)), frames(&[10, 10]));
        assert_eq!(FitTable::new([], Frames(30)).fill(Frames(25)), vec![]);
    }

    /// The best fit by trying every multiset (small cases only).
    fn brute(lengths: &[i64], gap: i64) -> (i64, usize) {
        let mut best = (gap, 0usize);
        fn walk(lengths: &[i64], rest: i64, count: usize, best: &mut (i64, usize)) {
            if (rest, count) < *best {
                *best = (rest, count);
            }
            for (i, &l) in lengths.iter().enumerate() {
                if l <= rest {
                    walk(&lengths[i..], rest - l, count + 1, best);
                }
            }
        }
        walk(lengths, gap, 0, &mut best);
        best
    }

    proptest! {
        #[test]
        fn the_fill_is_as_good_as_any_other(
            lengths in proptest::collection::vec(1i64..40, 1..5),
            gap in 0i64..90,
        ) {
            let table = FitTable::new(frames(&lengths), Frames(60));
            let fill = table.fill(Frames(gap));
            let used: i64 = fill.iter().map(|f| f.get()).sum();
            prop_assert!(used <= gap);
            prop_assert!(fill.iter().all(|f| lengths.contains(&f.get())));
            if gap <= 60 {
                prop_assert_eq!((gap - used, fill.len()), brute(&lengths, gap));
            }
        }
    }
}
