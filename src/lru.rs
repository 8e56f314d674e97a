//! A small bounded map that forgets the least recently used entry: what the
//! core keeps between calls (checked QuerySets by shape, compiled plans) is
//! held here, so a stream of distinct shapes cannot grow it without limit.

use std::collections::HashMap;
use std::hash::Hash;

/// At most `cap` entries; inserting past that drops the least recently used.
pub struct Lru<K, V> {
    map: HashMap<K, (V, u64)>,
    tick: u64,
    cap: usize,
}

impl<K: Hash + Eq + Clone, V> Lru<K, V> {
    /// An empty map holding at most `cap` (≥ 1) entries.
    pub fn new(cap: usize) -> Lru<K, V> {
        Lru { map: HashMap::new(), tick: 0, cap: cap.max(1) }
    }

    /// The entry for `k`, marked as just used.
    pub fn get(&mut self, k: &K) -> Option<&V> {
        self.tick += 1;
        let t = self.tick;
        self.map.get_mut(k).map(|e| {
            e.1 = t;
            &e.0
        })
    }

    /// Insert or replace `k`; drops the least recently used entry when full.
    pub fn insert(&mut self, k: K, v: V) {
        self.tick += 1;
        if self.map.len() >= self.cap && !self.map.contains_key(&k) {
            // One scan over at most `cap` entries: O(cap), cap is small and fixed.
            let oldest = self.map.iter().min_by_key(|(_, e)| e.1).map(|(k, _)| k.clone());
            if let Some(old) = oldest {
                self.map.remove(&old);
            }
        }
        self.map.insert(k, (v, self.tick));
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Is it empty?
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Forget everything.
    pub fn clear(&mut self) {
        self.map.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::Lru;

    #[test]
    fn bounded_and_recency_ordered() {
        let mut l = Lru::new(3);
        for i in 0..10_000u32 {
            l.insert(i, i);
            assert!(l.len() <= 3);
        }
        l.insert(1, 1);
        l.insert(2, 2);
        l.insert(3, 3);
        assert_eq!(l.get(&1), Some(&1));
        l.insert(4, 4); // drops 2, the least recently used
        assert_eq!(l.get(&2), None);
        assert_eq!(l.get(&1), Some(&1));
        assert_eq!(l.get(&3), Some(&3));
        assert_eq!(l.get(&4), Some(&4));
    }
}
