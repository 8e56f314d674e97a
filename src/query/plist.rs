//! A persistent append-only list: the parts of a QuerySet that only grow
//! along a chain (conditions, HAVING conditions, value slots, slices).
//!
//! Appending shares every earlier element with the list it came from, so a
//! chain of n calls costs O(n) time and memory in total, where copying a
//! `Vec` on each call cost O(n²). Reading walks the list once (O(n)).

use std::fmt;
use std::rc::Rc;

// `repr(C)`, `prev` first: the walks of lists of different element types
// (of the same alignment) compile to the same code, which wasm-opt folds.
#[repr(C)]
struct Cell<T> {
    prev: Option<Rc<Cell<T>>>,
    item: T,
}

/// An immutable list that shares its earlier elements with the lists it was
/// built from. Cloning is O(1); [`PList::push`] is O(1).
pub struct PList<T> {
    head: Option<Rc<Cell<T>>>,
    len: usize,
}

impl<T> PList<T> {
    /// The empty list.
    pub fn new() -> PList<T> {
        PList { head: None, len: 0 }
    }

    /// Number of elements.
    pub fn len(&self) -> usize {
        self.len
    }

    /// No elements?
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Append `item` (O(1); other lists sharing this one are unchanged).
    pub fn push(&mut self, item: T) {
        let prev = self.head.take();
        self.head = Some(Rc::new(Cell { item, prev }));
        self.len += 1;
    }

    /// The elements, first appended first (one walk, one allocation).
    pub fn items(&self) -> Vec<&T> {
        let mut out = Vec::with_capacity(self.len);
        let mut cur = self.head.as_deref();
        while let Some(c) = cur {
            out.push(&c.item);
            cur = c.prev.as_deref();
        }
        out.reverse();
        out
    }

    /// The elements, last appended first, walked lazily: reading the newest
    /// few costs only them.
    pub fn rev_iter(&self) -> impl Iterator<Item = &T> {
        std::iter::successors(self.head.as_deref(), |c| c.prev.as_deref()).map(|c| &c.item)
    }

    /// The elements in order (see [`PList::items`]).
    pub fn iter(&self) -> std::vec::IntoIter<&T> {
        self.items().into_iter()
    }
}

impl<T: Clone> PList<T> {
    /// The elements, cloned, in order.
    pub fn to_vec(&self) -> Vec<T> {
        let mut out = Vec::with_capacity(self.len);
        for item in self.items() {
            out.push(item.clone());
        }
        out
    }

    /// Apply `f` to every element (O(n): the list is rebuilt, shared lists are untouched).
    pub fn try_map_mut<E>(&mut self, mut f: impl FnMut(&mut T) -> Result<(), E>) -> Result<(), E> {
        let mut items = self.to_vec();
        for it in &mut items {
            f(it)?;
        }
        *self = items.into_iter().collect();
        Ok(())
    }
}

impl<T> Default for PList<T> {
    fn default() -> Self {
        PList::new()
    }
}

impl<T> Clone for PList<T> {
    fn clone(&self) -> Self {
        PList { head: self.head.clone(), len: self.len }
    }
}

impl<T> FromIterator<T> for PList<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        let mut l = PList::new();
        for x in iter {
            l.push(x);
        }
        l
    }
}

impl<T: PartialEq> PartialEq for PList<T> {
    fn eq(&self, o: &PList<T>) -> bool {
        if self.len != o.len {
            return false;
        }
        let same = match (&self.head, &o.head) {
            (Some(a), Some(b)) => Rc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        };
        same || self.iter().zip(o.iter()).all(|(a, b)| a == b)
    }
}

impl<T: fmt::Debug> fmt::Debug for PList<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl<T> Drop for PList<T> {
    /// Iterative: a long chain must not recurse once per element.
    fn drop(&mut self) {
        // Unlink the cells this list alone holds (no recursion on a long
        // list); each is dropped in place, its item not moved out.
        let mut cur = self.head.take();
        while let Some(mut rc) = cur {
            match Rc::get_mut(&mut rc) {
                Some(cell) => cur = cell.prev.take(),
                None => break,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_and_orders() {
        let mut a: PList<u32> = PList::new();
        a.push(1);
        a.push(2);
        let mut b = a.clone();
        b.push(3);
        assert_eq!(a.to_vec(), vec![1, 2]);
        assert_eq!(b.to_vec(), vec![1, 2, 3]);
        assert_eq!(b.len(), 3);
        let long: PList<u32> = (0..200_000).collect();
        assert_eq!(long.len(), 200_000);
        drop(long);
    }
}
