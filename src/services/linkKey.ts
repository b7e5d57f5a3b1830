/** The key that signs download links when no `LINK_SECRET` is configured. */
import { randomBytes } from 'node:crypto';
import type { Store } from '../store/store.js';

/**
 * The store's link key, made (32 random bytes, base64url) and kept on first use. Kept with the data,
 * it outlives a restart and is the same on every instance that shares the store: two instances that
 * make one at once keep whichever was written first, as the store's writes are conditional.
 */
export async function linkKeyOf(store: Store): Promise<string> {
    const kept = store.read().secrets.linkKey;
    if (kept) return kept;
    return store.transact((d) => (d.secrets.linkKey ??= randomBytes(32).toString('base64url')));
}
