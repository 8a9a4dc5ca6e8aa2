//! Where the items of a list went when the list changed: what follows an item by its place (the
//! chart follows a strategy) needs its new place, and a place alone cannot say it.

/// For each place in the list before a change, the place of that item after it; for an item the
/// change took away, the place of the item now where it was (the last when it was at the end).
/// `None` only when the list is left empty.
#[derive(Debug, Clone, PartialEq)]
pub struct Renumbering(Vec<Option<usize>>);

impl Renumbering {
    /// The place after the change of the item at `old` before it.
    pub fn to(&self, old: usize) -> Option<usize> {
        self.0.get(old).copied().flatten()
    }

    /// Items `a` and `b` of `len` swapped places (K or J).
    pub fn swapped(len: usize, a: usize, b: usize) -> Renumbering {
        Renumbering(
            (0..len)
                .map(|i| {
                    Some(if i == a {
                        b
                    } else if i == b {
                        a
                    } else {
                        i
                    })
                })
                .collect(),
        )
    }

    /// A new item put at `at` among `len` (a copy, below its original).
    pub fn inserted(len: usize, at: usize) -> Renumbering {
        Renumbering(
            (0..len)
                .map(|i| Some(if i < at { i } else { i + 1 }))
                .collect(),
        )
    }

    /// Item `at` of `len` taken away.
    pub fn removed(len: usize, at: usize) -> Renumbering {
        let last = len.checked_sub(2);
        Renumbering(
            (0..len)
                .map(|i| match i.cmp(&at) {
                    std::cmp::Ordering::Less => Some(i),
                    std::cmp::Ordering::Equal => last.map(|l| i.min(l)),
                    std::cmp::Ordering::Greater => Some(i - 1),
                })
                .collect(),
        )
    }

    /// The change from `before` to `after` when only the two lists say what it was (an add, an
    /// undo or a redo): an item is the one set alike in the same order among those set alike
    /// (the n-th copy is the n-th copy), or the last set alike when fewer are left (a copy taken
    /// away: its original, which shows the same); an item with none set alike left (taken away,
    /// or changed) is at the place after the item before it that is left.
    pub fn between<T: PartialEq>(before: &[T], after: &[T]) -> Renumbering {
        let last = after.len().checked_sub(1);
        let mut places = Vec::with_capacity(before.len());
        // The place after the last item found so far: where an item not found would be.
        let mut next = 0;
        for (i, item) in before.iter().enumerate() {
            let nth = before[..i].iter().filter(|b| *b == item).count();
            let alike: Vec<usize> = after
                .iter()
                .enumerate()
                .filter(|(_, a)| *a == item)
                .map(|(j, _)| j)
                .collect();
            let place = match alike.get(nth).or(alike.last()) {
                Some(&j) => {
                    next = j + 1;
                    Some(j)
                }
                None => last.map(|l| next.min(l)),
            };
            places.push(place);
        }
        Renumbering(places)
    }
}

#[cfg(test)]
mod tests {
    use super::Renumbering;

    fn all(r: &Renumbering, len: usize) -> Vec<Option<usize>> {
        (0..len).map(|i| r.to(i)).collect()
    }

    #[test]
    fn a_swap_exchanges_two_places() {
        let r = Renumbering::swapped(4, 1, 2);
        assert_eq!(all(&r, 4), [Some(0), Some(2), Some(1), Some(3)]);
    }

    #[test]
    fn an_insertion_moves_what_follows_down() {
        let r = Renumbering::inserted(3, 1);
        assert_eq!(all(&r, 3), [Some(0), Some(2), Some(3)]);
    }

    #[test]
    fn a_removal_moves_what_follows_up_and_the_removed_goes_to_its_place() {
        let r = Renumbering::removed(4, 1);
        assert_eq!(all(&r, 4), [Some(0), Some(1), Some(1), Some(2)]);
        // At the end: the last left.
        let r = Renumbering::removed(3, 2);
        assert_eq!(all(&r, 3), [Some(0), Some(1), Some(1)]);
        // The only one: nothing left.
        assert_eq!(Renumbering::removed(1, 0).to(0), None);
    }

    #[test]
    fn between_lists_finds_items_moved_copied_and_removed() {
        // Moved.
        let r = Renumbering::between(&['a', 'c', 'b', 'd'], &['a', 'b', 'c', 'd']);
        assert_eq!(all(&r, 4), [Some(0), Some(2), Some(1), Some(3)]);
        // Copied: the original keeps its place.
        let r = Renumbering::between(&['a', 'b', 'c'], &['a', 'b', 'b', 'c']);
        assert_eq!(all(&r, 3), [Some(0), Some(1), Some(3)]);
        // A copy taken away: its original stands in.
        let r = Renumbering::between(&['a', 'b', 'b', 'c'], &['a', 'b', 'c']);
        assert_eq!(all(&r, 4), [Some(0), Some(1), Some(1), Some(2)]);
        // Removed, or changed: the one now at its place, the last at the end.
        let r = Renumbering::between(&['a', 'x', 'c'], &['a', 'c']);
        assert_eq!(all(&r, 3), [Some(0), Some(1), Some(1)]);
        let r = Renumbering::between(&['a', 'x', 'c'], &['a', 'y', 'c']);
        assert_eq!(all(&r, 3), [Some(0), Some(1), Some(2)]);
        let r = Renumbering::between(&['a', 'b', 'x'], &['a', 'b']);
        assert_eq!(all(&r, 3), [Some(0), Some(1), Some(1)]);
        // Nothing left.
        assert_eq!(Renumbering::between(&['a'], &[]).to(0), None);
    }
}
