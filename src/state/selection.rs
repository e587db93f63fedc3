//! Which events of the open schedule are selected, and the row the keyboard is on: click,
//! Shift-click (a range from the anchor), Ctrl/Cmd-click (toggle), arrows (Shift extends),
//! Space (toggle). Positions, so the selection survives scrolling; plain data, tested natively.

use std::collections::BTreeSet;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    chosen: BTreeSet<usize>,
    /// Where a Shift range starts.
    anchor: Option<usize>,
    /// The row the keyboard is on.
    cursor: Option<usize>,
}

impl Selection {
    /// Exactly these rows, the cursor on the first.
    pub fn of(rows: impl IntoIterator<Item = usize>) -> Selection {
        let chosen: BTreeSet<usize> = rows.into_iter().collect();
        let first = chosen.first().copied();
        Selection {
            chosen,
            anchor: first,
            cursor: first,
        }
    }

    pub fn indices(&self) -> Vec<usize> {
        self.chosen.iter().copied().collect()
    }

    pub fn contains(&self, index: usize) -> bool {
        self.chosen.contains(&index)
    }

    pub fn cursor(&self) -> Option<usize> {
        self.cursor
    }

    pub fn len(&self) -> usize {
        self.chosen.len()
    }

    pub fn is_empty(&self) -> bool {
        self.chosen.is_empty()
    }

    /// A click on row `index`: alone selects it; `extend` (Shift) selects from the anchor to
    /// it; `toggle` (Ctrl or Cmd) adds or removes it.
    pub fn click(&mut self, index: usize, extend: bool, toggle: bool) {
        match (extend, self.anchor) {
            (true, Some(anchor)) => {
                let (lo, hi) = (anchor.min(index), anchor.max(index));
                if !toggle {
                    self.chosen.clear();
                }
                self.chosen.extend(lo..=hi);
            }
            _ if toggle => {
                if !self.chosen.remove(&index) {
                    self.chosen.insert(index);
                }
                self.anchor = Some(index);
            }
            _ => {
                self.chosen = BTreeSet::from([index]);
                self.anchor = Some(index);
            }
        }
        self.cursor = Some(index);
    }

    /// Moves the keyboard row by `delta` within `len` rows; with `extend` the selection grows
    /// from the anchor, else it is just the new row.
    pub fn step(&mut self, delta: isize, extend: bool, len: usize) {
        if len == 0 {
            return;
        }
        let to = match self.cursor {
            Some(at) => at.saturating_add_signed(delta).min(len - 1),
            None => 0,
        };
        self.click(to, extend, false);
    }

    /// Space: adds or removes the keyboard row.
    pub fn toggle_cursor(&mut self) {
        if let Some(at) = self.cursor {
            self.click(at, false, true);
        }
    }

    /// Drops rows at or past `len` (after a delete).
    pub fn clamp(&mut self, len: usize) {
        self.chosen.retain(|&i| i < len);
        if self.cursor.is_some_and(|c| c >= len) {
            self.cursor = len.checked_sub(1);
        }
        if self.anchor.is_some_and(|a| a >= len) {
            self.anchor = self.cursor;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn click_shift_click_and_ctrl_click_select_as_in_a_file_manager() {
        let mut s = Selection::default();
        s.click(3, false, false);
        assert_eq!(s.indices(), vec![3]);
        s.click(6, true, false);
        assert_eq!(s.indices(), vec![3, 4, 5, 6]);
        s.click(1, true, false);
        assert_eq!(
            s.indices(),
            vec![1, 2, 3],
            "the anchor stays at the first click"
        );
        s.click(9, false, true);
        assert_eq!(s.indices(), vec![1, 2, 3, 9]);
        s.click(2, false, true);
        assert_eq!(s.indices(), vec![1, 3, 9]);
        assert_eq!(s.cursor(), Some(2));
        s.click(5, false, false);
        assert_eq!(s, Selection::of([5]));
    }

    #[test]
    fn arrows_move_and_extend_within_the_rows_and_space_toggles() {
        let mut s = Selection::default();
        s.step(1, false, 4);
        assert_eq!((s.indices(), s.cursor()), (vec![0], Some(0)));
        s.step(1, true, 4);
        s.step(1, true, 4);
        assert_eq!(s.indices(), vec![0, 1, 2]);
        s.step(5, false, 4);
        assert_eq!((s.indices(), s.cursor()), (vec![3], Some(3)));
        s.step(-9, false, 4);
        assert_eq!(s.cursor(), Some(0));
        s.toggle_cursor();
        assert!(s.is_empty());
        s.toggle_cursor();
        assert_eq!(s.indices(), vec![0]);
        s.step(1, false, 0);
        assert_eq!(s.indices(), vec![0], "no rows, no move");
    }

    #[test]
    fn clamping_after_a_delete_keeps_what_still_exists() {
        let mut s = Selection::of([1, 4, 7]);
        s.click(7, false, true);
        s.click(7, false, true);
        s.clamp(5);
        assert_eq!((s.indices(), s.cursor()), (vec![1, 4], Some(4)));
    }
}
