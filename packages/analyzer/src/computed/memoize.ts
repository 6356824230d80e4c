/**
 * Derived data is computed once per artifacts object and shared by every audit that needs it
 * (Lighthouse's computed artifacts). Keyed weakly so a finished crawl can be collected.
 */
export function memoize<K extends object, V>(fn: (key: K) => V): (key: K) => V {
  const cache = new WeakMap<K, V>();
  return (key) => {
    if (cache.has(key)) return cache.get(key) as V;
    const value = fn(key);
    cache.set(key, value);
    return value;
  };
}
