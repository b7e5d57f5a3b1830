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
    /**
     * Creates the document only if none exists under the key, in one atomic step: true when this call
     * created it, false when one was there (it is left as it was). Of any number of callers at once, on
     * any number of instances, exactly one gets true. The cheapest durable write a backend has (one
     * request, no read, no lock), for claims. Throws a StoreError when `data` breaks the schema.
     */
    create(key: string, data: T): Promise<boolean>;
    /** Removes the document; one that does not exist is no error. */
    remove(key: string): Promise<void>;
    /**
     * Removes the documents under the prefix last written before `before` (by the file's modification
     * time, or the blob's Last-Modified), for records kept for a window only. Returns how many.
     */
    removeWrittenBefore(prefix: string, before: Date): Promise<number>;
}
