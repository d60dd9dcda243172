/**
 * The simulation's only source of chance. A run must be reproducible from its seed alone, so nothing
 * may come from Math.random or the clock: every synthetic decision is drawn from one of these, in a
 * fixed order.
 */
export interface Prng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** The first of `options` whose cumulative weight passes a draw: `weighted([['a', 3], ['b', 1]])`. */
  weighted<T>(options: readonly (readonly [T, number])[]): T;
  /** `count` distinct items, in drawn order. */
  sample<T>(items: readonly T[], count: number): T[];
}

/**
 * mulberry32: 32 bits of state, a period of 2^32, good enough statistics for synthetic decisions and
 * a few lines anyone can check. Not for anything secret.
 */
export function mulberry32(seed: number): Prng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => {
    const item = items[int(0, items.length - 1)];
    if (item === undefined) throw new RangeError('Cannot pick from an empty list');
    return item;
  };
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick,
    weighted: (options) => {
      const total = options.reduce((sum, [, weight]) => sum + weight, 0);
      let draw = next() * total;
      for (const [value, weight] of options) {
        if (draw < weight) return value;
        draw -= weight;
      }
      const last = options[options.length - 1];
      if (!last) throw new RangeError('Cannot choose from no options');
      return last[0];
    },
    sample: (items, count) => {
      const pool = [...items];
      const chosen: (typeof pool)[number][] = [];
      while (chosen.length < count && pool.length > 0) {
        const [item] = pool.splice(int(0, pool.length - 1), 1);
        if (item !== undefined) chosen.push(item);
      }
      return chosen;
    },
  };
}
