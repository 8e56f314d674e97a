// Small helpers shared by the bench scripts.
export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Lets the event loop turn (finalizers, timers), as between two requests. */
export const tick = () => new Promise((resolve) => setImmediate(resolve));

/** Full GC when node runs with --expose-gc, then a turn of the event loop. */
export async function settle() {
  if (globalThis.gc) globalThis.gc();
  await tick();
}

/** { sql, params } whatever the library calls them. */
export const normalize = (c) => ({ sql: c.sql, params: c.params ?? c.parameters ?? [] });
