//! A bounded least-recently-used cache of plans, keyed by the caller's
//! opaque shape key and a terminal/shape discriminant. Every operation is
//! O(1) (a hash map into a slab of entries linked in recency order); a
//! stream of distinct keys never grows it past its capacity.

use crate::hash::HashMap;
use std::rc::Rc;

use crate::compiler::plan::Plan;

/// How many plans a [`PlanCache`] keeps by default.
pub const PLAN_CACHE_CAPACITY: usize = 256;

/// A cache key: the caller's shape key and which statement of that shape
/// (rows, count, exists, get, update, delete, ...: the caller's numbering).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PlanKey {
    /// The shape key (a hash the caller computes; opaque here).
    pub shape: u64,
    /// The terminal or statement kind.
    pub terminal: u32,
}

const NIL: usize = usize::MAX;

/// An entry's key and its place in the recency order.
struct Link {
    key: PlanKey,
    prev: usize,
    next: usize,
}

/// The map and the recency order, apart from the values: one copy of this
/// code in the wasm for every value type.
struct Lru {
    capacity: usize,
    map: HashMap<PlanKey, usize>,
    links: Vec<Link>,
    /// Most recently used.
    head: usize,
    /// Least recently used.
    tail: usize,
}

impl Lru {
    // Indices come from `map` and the links (all in `links`); NIL is
    // never an index, so `get(NIL)` is the "no neighbour" case.
    fn unlink(&mut self, i: usize) {
        let Some(e) = self.links.get(i) else { return };
        let (prev, next) = (e.prev, e.next);
        match self.links.get_mut(prev) {
            Some(p) => p.next = next,
            None => self.head = next,
        }
        match self.links.get_mut(next) {
            Some(n) => n.prev = prev,
            None => self.tail = prev,
        }
    }

    fn push_front(&mut self, i: usize) {
        let head = self.head;
        if let Some(e) = self.links.get_mut(i) {
            e.prev = NIL;
            e.next = head;
        }
        if let Some(h) = self.links.get_mut(head) {
            h.prev = i;
        }
        self.head = i;
        if self.tail == NIL {
            self.tail = i;
        }
    }

    /// The index of `key`, now the most recently used.
    fn find(&mut self, key: &PlanKey) -> Option<usize> {
        let i = *self.map.get(key)?;
        if self.head != i {
            self.unlink(i);
            self.push_front(i);
        }
        Some(i)
    }

    /// The index `key`'s value goes to, now the most recently used: its
    /// own, the least recently used one's (evicted) when full, or a new
    /// one (`links.len() - 1`, its value still to be pushed).
    fn place(&mut self, key: PlanKey) -> usize {
        if let Some(i) = self.find(&key) {
            return i;
        }
        let i = self.tail;
        let i = match self.links.get_mut(i) {
            Some(e) if self.map.len() >= self.capacity => {
                self.map.remove(&e.key);
                e.key = key;
                self.unlink(i);
                i
            }
            _ => {
                self.links.push(Link { key, prev: NIL, next: NIL });
                self.links.len() - 1
            }
        };
        self.map.insert(key, i);
        self.push_front(i);
        i
    }
}

/// A bounded LRU map from [`PlanKey`] to `V` (by default an `Rc<Plan>`).
pub struct PlanCache<V = Rc<Plan>> {
    lru: Lru,
    /// By the index `lru` gives.
    values: Vec<V>,
}

impl<V: Clone> Default for PlanCache<V> {
    fn default() -> Self {
        PlanCache::new(PLAN_CACHE_CAPACITY)
    }
}

impl<V: Clone> PlanCache<V> {
    /// An empty cache keeping at most `capacity` (at least 1) entries.
    pub fn new(capacity: usize) -> PlanCache<V> {
        let capacity = capacity.max(1);
        PlanCache { lru: Lru { capacity, map: HashMap::default(), links: Vec::new(), head: NIL, tail: NIL }, values: Vec::new() }
    }

    /// Entries held.
    pub fn len(&self) -> usize {
        self.lru.map.len()
    }

    /// Nothing held?
    pub fn is_empty(&self) -> bool {
        self.lru.map.is_empty()
    }

    /// The most entries it keeps.
    pub fn capacity(&self) -> usize {
        self.lru.capacity
    }

    /// The value for `key`, now the most recently used.
    pub fn get(&mut self, key: &PlanKey) -> Option<V> {
        let i = self.lru.find(key)?;
        self.values.get(i).cloned()
    }

    /// Keep `value` under `key` (replacing any), evicting the least recently
    /// used entry when full.
    pub fn insert(&mut self, key: PlanKey, value: V) {
        let i = self.lru.place(key);
        match self.values.get_mut(i) {
            Some(v) => *v = value,
            None => self.values.push(value),
        }
    }

    /// Drop every entry.
    pub fn clear(&mut self) {
        self.lru.map.clear();
        self.lru.links.clear();
        self.values.clear();
        self.lru.head = NIL;
        self.lru.tail = NIL;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(n: u64) -> PlanKey {
        PlanKey { shape: n, terminal: 0 }
    }

    #[test]
    fn evicts_least_recent() {
        let mut c: PlanCache<u64> = PlanCache::new(2);
        c.insert(k(1), 1);
        c.insert(k(2), 2);
        assert_eq!(c.get(&k(1)), Some(1));
        c.insert(k(3), 3);
        assert_eq!(c.get(&k(2)), None);
        assert_eq!(c.get(&k(1)), Some(1));
        assert_eq!(c.get(&k(3)), Some(3));
        c.insert(k(3), 30);
        assert_eq!(c.get(&k(3)), Some(30));
        assert_eq!(c.len(), 2);
    }
}
