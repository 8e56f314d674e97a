// Type-level assertions for the type tests.

/** True only when X and Y are the same type (not merely assignable). */
export type Equal<X, Y> = (<T>() => T extends X ? 1 : 2) extends <T>() => T extends Y ? 1 : 2 ? true : false;

/** Compiles only when its argument is `true`: `check<Equal<typeof x, number>>()`. */
export declare function check<T extends true>(): void;
