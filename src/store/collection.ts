// The contract of the store's collections, in a module of its own so that the backends (documentSet.ts,
// azureBlob.ts) and the store's interface (store.ts) can all name it without importing each other in a circle.

/**
 * A named set of small documents, one per key (`khog/2026-12`), for data that grows with history.
 * Every backend honours the same contract: a document is validated on load; `transact` changes one
 * document atomically, conditional on the version it read, and resolves once the change is durable;
 * `mutate` works on a copy and may run more than once when another writer got in first (so it must
 * only change its draft and compute its result from it).
 */
export interface Collection<T> {
    /** The document's data, or undefined when it does not exist. Do not mutate. */
    get(key: string): Promise<T | undefined>;
    /** Changes one document (creating it when missing) atomically and durably. */
    transact<R>(key: string, mutate: (draft: T) => R): Promise<R>;
    /** The keys that start with the prefix (all when empty), sorted; only the prefix's folder is read. */
    keys(prefix?: string): Promise<string[]>;
    /** Every document whose key starts with the prefix (all when empty), with its key, in key order. */
    list(prefix?: string): Promise<{ key: string; data: T }[]>;
}
