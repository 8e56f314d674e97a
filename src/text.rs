//! Searching text for a fixed separator (`"__"`, `"constraint failed"`),
//! and joining with one.
//!
//! `str::split("__")`, `str::contains("...")` and the other `&str`-pattern
//! methods link core's two-way substring searcher, and with it a slicing
//! panic whose message formats chars and ranges with `Debug` (the Unicode
//! printable tables come along). Quarry looks for a handful of short ASCII
//! separators in names and messages, so these byte-wise equivalents do the
//! same work in a fraction of the wasm; they never panic (every cut goes
//! through `str::get`).

/// Byte offset of the first `needle` in `hay` (`hay.find(needle)`).
pub fn find(hay: &str, needle: &str) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    hay.as_bytes().windows(needle.len()).position(|w| w == needle.as_bytes())
}

/// Byte offset of the last `needle` in `hay` (`hay.rfind(needle)`).
pub fn rfind(hay: &str, needle: &str) -> Option<usize> {
    if needle.is_empty() {
        return Some(hay.len());
    }
    hay.as_bytes().windows(needle.len()).rposition(|w| w == needle.as_bytes())
}

/// `hay.contains(needle)`.
pub fn contains(hay: &str, needle: &str) -> bool {
    find(hay, needle).is_some()
}

/// `s.split_once(sep)`.
pub fn split_once<'a>(s: &'a str, sep: &str) -> Option<(&'a str, &'a str)> {
    let i = find(s, sep)?;
    Some((s.get(..i)?, s.get(i + sep.len()..)?))
}

/// `s.split(sep)` for a non-empty `sep`: the pieces between its occurrences.
pub fn split<'a>(s: &'a str, sep: &'a str) -> impl Iterator<Item = &'a str> {
    let mut rest = Some(s);
    std::iter::from_fn(move || {
        let r = rest?;
        match split_once(r, sep) {
            Some((head, tail)) => {
                rest = Some(tail);
                Some(head)
            }
            None => {
                rest = None;
                Some(r)
            }
        }
    })
}

/// `s.replace(from, to)` for a non-empty `from`.
pub fn replace(s: &str, from: &str, to: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some((head, tail)) = split_once(rest, from) {
        out.push_str(head);
        out.push_str(to);
        rest = tail;
    }
    out.push_str(rest);
    out
}

/// `parts.join(sep)`. std's `join` links a large copy (about 1 KB of wasm)
/// for each element type it joins; this loop is a small one.
pub fn join<S: AsRef<str>>(parts: &[S], sep: &str) -> String {
    let mut out = String::new();
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        out.push_str(p.as_ref());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_as_str_methods() {
        let cases = ["", "a", "__", "a__b", "a__b__c", "__a__", "a___b", "a____b", "é__ü__", "no sep", "constraint failed: x"];
        for s in cases {
            for sep in ["__", "_", "constraint failed", ": ", "%%"] {
                assert_eq!(find(s, sep), s.find(sep), "{s:?} find {sep:?}");
                assert_eq!(rfind(s, sep), s.rfind(sep), "{s:?} rfind {sep:?}");
                assert_eq!(contains(s, sep), s.contains(sep));
                assert_eq!(split_once(s, sep), s.split_once(sep));
                assert_eq!(split(s, sep).collect::<Vec<_>>(), s.split(sep).collect::<Vec<_>>(), "{s:?} split {sep:?}");
                assert_eq!(replace(s, sep, "<>"), s.replace(sep, "<>"));
                let parts: Vec<&str> = s.split(sep).collect();
                assert_eq!(join(&parts, sep), parts.join(sep));
            }
        }
        assert_eq!(replace("100%% of 5%%", "%%", "%"), "100% of 5%");
    }
}
