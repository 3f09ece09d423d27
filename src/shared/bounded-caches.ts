/**
 * Cache libraries that bound what they keep (a maximum size, a time to live, or both), by module name.
 * Read by `no-request-state-in-module-scope`: a `Map` or object created in a module and handed to one
 * of these (`new Keyv({ store: map })`, `new LRUCache({ ... })` wrapping it) is the library's to
 * bound, so writes to it are not reported. Writes through the library's own object (`cache.set(k, v)`
 * on an `LRUCache`) never are: the rule only reports values the module itself creates as plain
 * literals, `Map`s, `Set`s and `let` bindings.
 *
 * `options` names the options that bound the cache when the library does not bound it by default;
 * it is documentation for now: the rule does not check that they are set.
 */
export interface BoundedCacheLibrary {
  module: string;
  /** What bounds it: a size limit, a time to live, or the store it is given. */
  bound: string;
  options?: string[];
}

export const BOUNDED_CACHE_LIBRARIES: readonly BoundedCacheLibrary[] = [
  {
    module: 'lru-cache',
    bound: 'size (`max` or `maxSize`) and time to live (`ttl`)',
    options: ['max', 'maxSize', 'ttl'],
  },
  { module: 'quick-lru', bound: 'size (`maxSize`, required)', options: ['maxSize', 'maxAge'] },
  { module: 'tiny-lru', bound: 'size (`max`)', options: ['max', 'ttl'] },
  { module: 'lru.min', bound: 'size (`max`, required)', options: ['max'] },
  { module: 'mnemonist', bound: 'size (`LRUCache`/`LRUMap` capacity)' },
  { module: '@isaacs/ttlcache', bound: 'time to live (`ttl`) and size (`max`)', options: ['ttl', 'max'] },
  { module: 'node-cache', bound: 'time to live (`stdTTL`) and key count (`maxKeys`)', options: ['stdTTL', 'maxKeys'] },
  { module: 'keyv', bound: 'its store (Redis, a database, or an LRU in memory)' },
  { module: 'cacheable', bound: 'size (`lruSize`) and time to live (`ttl`)', options: ['lruSize', 'ttl'] },
  { module: 'cache-manager', bound: 'its stores (Keyv) and time to live (`ttl`)', options: ['ttl'] },
];

/** The module names of {@link BOUNDED_CACHE_LIBRARIES}. */
export const BOUNDED_CACHE_MODULES: ReadonlySet<string> = new Set(
  BOUNDED_CACHE_LIBRARIES.map((library) => library.module),
);
