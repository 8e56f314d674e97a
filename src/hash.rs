//! A small fixed hasher for Quarry's two hash tables: the plan cache (keyed
//! by a shape hash the caller already computed) and the duplicate check of
//! an `in` list's values. std's `RandomState` links SipHash-1-3 and the
//! per-thread key setup; on wasm32-unknown-unknown, which has no source of
//! randomness, std derives its keys from a stack and a heap address, the
//! same on every run, so it bought little protection a fixed hasher lacks. This is FxHash (rustc's hasher): a rotate, a xor and a multiply
//! per word. Tables compare full keys, so a collision costs time, never a
//! wrong answer.

use std::hash::{BuildHasherDefault, Hasher};

/// FxHash's state.
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            for (d, s) in w.iter_mut().zip(c) {
                *d = *s;
            }
            self.add(u64::from_le_bytes(w));
        }
        for &b in chunks.remainder() {
            self.add(u64::from(b));
        }
    }
    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }
    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }
    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }
    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// `HashMap` with [`FxHasher`].
pub type HashMap<K, V> = std::collections::HashMap<K, V, BuildHasherDefault<FxHasher>>;
/// `HashSet` with [`FxHasher`].
pub type HashSet<K> = std::collections::HashSet<K, BuildHasherDefault<FxHasher>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_keys_same_hash_and_sets_work() {
        let h = |s: &str| {
            let mut x = FxHasher::default();
            x.write(s.as_bytes());
            x.finish()
        };
        assert_eq!(h("author__name"), h("author__name"));
        assert_ne!(h("author__name"), h("author__nane"));
        let mut set: HashSet<&str> = HashSet::default();
        assert!(set.insert("a") && set.insert("b") && !set.insert("a"));
    }
}
