// Maps and Sets of hundreds of thousands of keys, split in 64 shards. V8 grows a Map or a Set by
// rehashing all of it into one twice as large: at half a million keys (a crisis of 100,000
// sightings with its history) one such step took ~30 ms, and a cold open's replay of the journal
// fills two of them in step (entry ids, signatures): 63 ms in one task (29 Nov., CPU profile).
// Shards grow one at a time, each a 64th of the size. Iteration goes shard after shard: not in the
// order of insertion.

const SHARDS = 64;

function shardOf(key: string | number): number {
  if (typeof key === 'number') return key & (SHARDS - 1);
  const n = key.length;
  // Ids and signatures end in base64url or hex characters: the last two spread keys evenly.
  return (key.charCodeAt(n - 1) * 31 + key.charCodeAt(n - 2)) & (SHARDS - 1); // NaN & 63 is 0
}

export class ShardedMap<K extends string | number, V> implements ReadonlyMap<K, V> {
  private readonly shards = Array.from({ length: SHARDS }, () => new Map<K, V>());
  private count = 0;

  get size(): number {
    return this.count;
  }
  get(key: K): V | undefined {
    return this.shards[shardOf(key)]!.get(key);
  }
  has(key: K): boolean {
    return this.shards[shardOf(key)]!.has(key);
  }
  set(key: K, value: V): this {
    const shard = this.shards[shardOf(key)]!;
    const before = shard.size;
    shard.set(key, value);
    this.count += shard.size - before;
    return this;
  }
  *entries(): MapIterator<[K, V]> {
    for (const shard of this.shards) yield* shard.entries();
  }
  *keys(): MapIterator<K> {
    for (const shard of this.shards) yield* shard.keys();
  }
  *values(): MapIterator<V> {
    for (const shard of this.shards) yield* shard.values();
  }
  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }
  forEach(f: (value: V, key: K, map: ReadonlyMap<K, V>) => void): void {
    for (const [k, v] of this.entries()) f(v, k, this);
  }
}

export class ShardedSet<K extends string | number> {
  private readonly shards = Array.from({ length: SHARDS }, () => new Set<K>());
  private count = 0;

  get size(): number {
    return this.count;
  }
  has(key: K): boolean {
    return this.shards[shardOf(key)]!.has(key);
  }
  add(key: K): this {
    const shard = this.shards[shardOf(key)]!;
    const before = shard.size;
    shard.add(key);
    this.count += shard.size - before;
    return this;
  }
  *[Symbol.iterator](): SetIterator<K> {
    for (const shard of this.shards) yield* shard;
  }
}
