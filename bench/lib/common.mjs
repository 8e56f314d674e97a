// Small helpers shared by the bench scripts.
export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Lets the event loop turn (finalizers, timers), as between two requests. */
export const tick = () => new Promise((resolve) => setImmediate(resolve));

/**
 * Between timed runs: a turn of the event loop only. No forced gc(): a forced
 * full GC throws away V8's optimised code and type feedback (Kysely measured
 * 3x slower for thousands of iterations after one), so it would distort what
 * follows it.
 */
export async function settle() {
  await tick();
}

/** { sql, params } whatever the library calls them. */
export const normalize = (c) => ({ sql: c.sql, params: c.params ?? c.parameters ?? [] });
