/**
 * The store on Azure Blob Storage (`@azure/storage-blob`), for more than one instance of the bot.
 *
 * Layout in the container: `store.json` (the main data), `<collection>/<key>.json` (one blob per
 * document), `_leases/<name>` (empty blobs whose leases `exclusive` takes).
 *
 * - Every write is conditional on the version read: `ifMatch` on the blob's ETag, or `ifNoneMatch: '*'`
 *   when the document does not exist yet (create-if-absent). A write that loses the race (412, or 409
 *   for a create) re-reads the blob, runs the mutation again on the new data and retries, so no
 *   instance's write is lost and no two instances both "win" (a reminder claim made by another
 *   instance is seen, and not claimed again).
 * - `read()` stays synchronous: it serves a copy that a background check keeps current with a
 *   conditional GET (`ifNoneMatch` on the ETag, 304 when unchanged) every `refreshMs` (default 2 s).
 *   So an instance sees another's change to the main data within `refreshMs` plus one request; its
 *   own writes at once. Collection documents are checked on every `get` and `list` (one conditional
 *   request, or one listing for `list`), so they are never older than the call.
 * - `exclusive` holds a blob lease of `leaseSeconds` (default 15), renewed every third of it. When the
 *   holder dies the lease lapses within `leaseSeconds`, and an instance waiting for it takes over.
 */
import { randomUUID } from 'node:crypto';
import { BlobServiceClient, RestError, type BlockBlobClient, type ContainerClient } from '@azure/storage-blob';
import pLimit from 'p-limit';
import type { ZodType, ZodTypeDef } from 'zod';
import { storeDataSchema, type StoreData } from '../domain/model.js';
import { checkedDocument, decodeDocument, StoreError, type DocumentFormat } from './jsonDocument.js';
import { migrateStore } from './migrations.js';
import {
    checkDump,
    type Collection,
    type ExclusiveOptions,
    type ExclusiveResult,
    type Store,
    type StoreDump,
} from './store.js';

/** Where the blobs are and how to sign in: a connection string, or an account URL and an Entra identity. */
export interface AzureBlobLocation {
    /** A storage connection string (account key or SAS; Azurite's for tests). */
    connectionString?: string;
    /** `https://<account>.blob.core.windows.net`, signed in with a managed identity (or the developer's). */
    accountUrl?: string;
    /** Client id of the user-assigned managed identity; without it DefaultAzureCredential's chain is used. */
    managedIdentityClientId?: string;
    container: string;
}

export interface OpenAzureBlobStoreOptions {
    location: AzureBlobLocation;
    /** Data for a missing store (read from the seed file). */
    create?: () => StoreData;
    /** How often `read()`'s copy is checked against the blob (ms, default 2000). */
    refreshMs?: number;
    /** Term of the `exclusive` lease in seconds, 15 to 60 (the service's bounds; default 15). */
    leaseSeconds?: number;
}

const KEY = /^[a-z0-9][a-z0-9-]*(\/[a-z0-9][a-z0-9-]*)*$/;
const NAME = /^[a-z][a-z0-9-]*$/;
const MAIN_BLOB = 'store.json';
/** Attempts of one conditional write before giving up; each loser re-reads, so this is only reached under extreme contention. */
const MAX_ATTEMPTS = 100;

/** The container the location names (not created here). */
export async function containerClientFor(location: AzureBlobLocation): Promise<ContainerClient> {
    let service: BlobServiceClient;
    if (location.connectionString) {
        service = BlobServiceClient.fromConnectionString(location.connectionString);
    } else if (location.accountUrl) {
        // Loaded only for an account URL: a connection string needs none of it.
        const { DefaultAzureCredential, ManagedIdentityCredential } = await import('@azure/identity');
        const credential = location.managedIdentityClientId
            ? new ManagedIdentityCredential({ clientId: location.managedIdentityClientId })
            : new DefaultAzureCredential();
        service = new BlobServiceClient(location.accountUrl, credential);
    } else {
        throw new StoreError(
            'store.config',
            'The Azure store needs AZURE_STORAGE_CONNECTION_STRING or STORE_ACCOUNT_URL.',
        );
    }
    return service.getContainerClient(location.container);
}

const statusOf = (err: unknown): number | undefined =>
    err instanceof RestError ? err.statusCode : (err as { statusCode?: number })?.statusCode;

/** A write that lost to another writer: the ETag moved (412) or the blob appeared meanwhile (409). */
const isConflict = (err: unknown) => {
    const s = statusOf(err);
    return s === 412 || (s === 409 && (err as RestError).code === 'BlobAlreadyExists');
};

function describeAzureError(err: unknown): string {
    const s = statusOf(err);
    if (s === 403) return 'access denied (check the identity has Storage Blob Data Contributor on the account)';
    if (s === 404) return 'the container does not exist';
    const e = err as RestError;
    return [s ? `HTTP ${s}` : undefined, e?.code, e?.message?.split('\n')[0]].filter(Boolean).join(': ');
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function textOf(stream: NodeJS.ReadableStream | undefined): Promise<string> {
    if (!stream) return '';
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(typeof c === 'string' ? Buffer.from(c) : c);
    return Buffer.concat(chunks).toString('utf8');
}

/**
 * One JSON blob with its last-seen data and ETag. `check()` brings it up to date with one conditional
 * GET; `transact` writes conditionally and retries on conflict. Transactions in this process are
 * queued, so only other instances cause conflicts.
 */
class BlobDocument<T> {
    data?: T;
    etag?: string;
    migratedFrom?: number;
    /** The text as read when it was in an older layout, kept to back it up before it is rewritten. */
    original?: string;
    private queue: Promise<unknown> = Promise.resolve();

    constructor(
        readonly blob: BlockBlobClient,
        readonly what: string,
        private readonly format: DocumentFormat<T>,
    ) {}

    /** Reads the blob if it changed since last seen. Returns whether it exists. */
    async check(): Promise<boolean> {
        let res;
        try {
            res = await this.blob.download(0, undefined, {
                conditions: this.etag ? { ifNoneMatch: this.etag } : undefined,
            });
        } catch (err) {
            const s = statusOf(err);
            if (s === 304) return true;
            if (s === 404) {
                this.data = undefined;
                this.etag = undefined;
                return false;
            }
            throw new StoreError('store.unreadable', `Cannot read ${this.what}: ${describeAzureError(err)}.`);
        }
        if (res._response.status === 304) return true;
        const text = await textOf(res.readableStreamBody);
        const decoded = decodeDocument(text, this.format, this.what, this.blob.name);
        this.data = decoded.data;
        this.etag = res.etag;
        this.migratedFrom = decoded.migratedFrom;
        this.original = decoded.migratedFrom === undefined ? undefined : text;
        return true;
    }

    /** Writes `data` if the blob is still at `etag` (or still absent when `etag` is undefined). */
    async put(data: T, etag: string | undefined): Promise<void> {
        const text = `${JSON.stringify(data, null, 2)}\n`;
        const res = await this.blob.upload(text, Buffer.byteLength(text), {
            conditions: etag ? { ifMatch: etag } : { ifNoneMatch: '*' },
            blobHTTPHeaders: { blobContentType: 'application/json; charset=utf-8' },
        });
        this.data = data;
        this.etag = res.etag;
    }

    /**
     * Applies `mutate` to a copy of the current data and writes it conditionally; on a conflict reads
     * the blob again and repeats. `create` gives the data of a missing blob (undefined: missing is an error).
     */
    transact<R>(mutate: (draft: T) => R, create: (() => T) | undefined, loaded: boolean): Promise<R> {
        const run = this.queue.then(async () => {
            if (!loaded) await this.check();
            for (let attempt = 1; ; attempt++) {
                const base = this.etag === undefined ? create?.() : this.data;
                if (base === undefined) throw new StoreError('store.missing', `${this.what} does not exist.`);
                const draft = structuredClone(base);
                const result = mutate(draft);
                try {
                    await this.put(draft, this.etag);
                    return result;
                } catch (err) {
                    if (!isConflict(err)) {
                        throw new StoreError(
                            'store.writeFailed',
                            `Could not save ${this.what}: ${describeAzureError(err)}. Nothing was changed.`,
                        );
                    }
                    if (attempt >= MAX_ATTEMPTS) {
                        throw new StoreError(
                            'store.locked',
                            `${this.what} is being written by other instances; try again in a moment.`,
                        );
                    }
                    // Another instance wrote first: take its version and apply the change again.
                    await sleep(Math.random() * Math.min(200, 5 * attempt));
                    await this.check();
                }
            }
        });
        this.queue = run.catch(() => undefined);
        return run;
    }
}

class BlobCollection<T> implements Collection<T> {
    private readonly docs = new Map<string, BlobDocument<T>>();

    constructor(
        private readonly container: ContainerClient,
        private readonly name: string,
        private readonly format: DocumentFormat<T>,
        private readonly empty: (key: string) => T,
    ) {}

    private doc(key: string): BlobDocument<T> {
        let d = this.docs.get(key);
        if (!d) {
            d = this.uncached(key);
            this.docs.set(key, d);
        }
        return d;
    }

    /** A document not kept in this collection's cache: claims are many, and each is written once. */
    private uncached(key: string): BlobDocument<T> {
        if (!KEY.test(key))
            throw new StoreError('store.badKey', `Not a valid document key: ${JSON.stringify(key).slice(0, 80)}.`);
        const blobName = `${this.name}/${key}.json`;
        return new BlobDocument<T>(
            this.container.getBlockBlobClient(blobName),
            `The document ${blobName}`,
            this.format,
        );
    }

    async get(key: string): Promise<T | undefined> {
        const d = this.doc(key);
        return (await d.check()) ? d.data : undefined;
    }

    async transact<R>(key: string, mutate: (draft: T) => R): Promise<R> {
        const d = this.doc(key);
        // Straight to a conditional write, with no read first: on the copy this instance has seen
        // (`ifMatch`), or, for a document it has not seen, on the empty document created only if absent
        // (`ifNoneMatch: '*'`). A stale copy or a document that exists after all costs one 412 or 409
        // and a re-read, as any conflict does; the usual case (a reminder's claim for a recipient not
        // yet in the ledger, then its outcome) is one request each.
        return d.transact(mutate, () => this.empty(key), true);
    }

    /** One upload with `ifNoneMatch: '*'`: the service refuses it (409) when the blob exists. */
    async create(key: string, data: T): Promise<boolean> {
        const d = this.uncached(key);
        const checked = checkedDocument(this.format.schema, data, d.what);
        try {
            await d.put(checked, undefined);
            return true;
        } catch (err) {
            if (isConflict(err)) return false;
            throw new StoreError('store.writeFailed', `Could not save ${d.what}: ${describeAzureError(err)}.`);
        }
    }

    async remove(key: string): Promise<void> {
        const d = this.uncached(key);
        this.docs.delete(key);
        try {
            await d.blob.deleteIfExists();
        } catch (err) {
            throw new StoreError('store.writeFailed', `Could not remove ${d.what}: ${describeAzureError(err)}.`);
        }
    }

    async removeWrittenBefore(prefix: string, before: Date): Promise<number> {
        const slash = prefix.lastIndexOf('/');
        if (slash >= 0 && !KEY.test(prefix.slice(0, slash))) return 0;
        const old: string[] = [];
        try {
            for await (const b of this.container.listBlobsFlat({ prefix: `${this.name}/${prefix}` })) {
                const key = b.name.slice(this.name.length + 1, -5);
                if (b.name.endsWith('.json') && KEY.test(key) && b.properties.lastModified < before) old.push(key);
            }
        } catch (err) {
            throw new StoreError('store.unreadable', `Cannot list ${this.name}/: ${describeAzureError(err)}.`);
        }
        const limit = pLimit(16);
        await Promise.all(old.map((key) => limit(() => this.remove(key))));
        return old.length;
    }

    /** Blob names and ETags under the prefix, from one listing (pages of up to 5,000). */
    private async listed(prefix: string): Promise<{ key: string; etag: string }[]> {
        const slash = prefix.lastIndexOf('/');
        if (slash >= 0 && !KEY.test(prefix.slice(0, slash))) return [];
        const out: { key: string; etag: string }[] = [];
        try {
            for await (const b of this.container.listBlobsFlat({ prefix: `${this.name}/${prefix}` })) {
                if (!b.name.endsWith('.json')) continue;
                const key = b.name.slice(this.name.length + 1, -5);
                if (KEY.test(key)) out.push({ key, etag: b.properties.etag ?? '' });
            }
        } catch (err) {
            throw new StoreError('store.unreadable', `Cannot list ${this.name}/: ${describeAzureError(err)}.`);
        }
        return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    }

    async keys(prefix = ''): Promise<string[]> {
        return (await this.listed(prefix)).map((b) => b.key);
    }

    async list(prefix = ''): Promise<{ key: string; data: T }[]> {
        const limit = pLimit(16);
        const found = await Promise.all(
            (await this.listed(prefix)).map(({ key, etag }) =>
                limit(async () => {
                    const d = this.doc(key);
                    // The listing carries each blob's ETag: only documents that changed are downloaded.
                    if (d.etag !== etag || d.data === undefined) await d.check();
                    return d.data === undefined ? undefined : { key, data: d.data as T };
                }),
            ),
        );
        return found.filter((x) => x !== undefined);
    }
}

/**
 * Opens the store in a container, creating the container and (from `create`) the main data when
 * missing. Throws a StoreError naming the blob for anything unreadable or invalid; such a blob is
 * never overwritten.
 */
export async function openAzureBlobStore(options: OpenAzureBlobStoreOptions): Promise<Store> {
    const container = await containerClientFor(options.location);
    const where = `azure-blob://${container.accountName}/${container.containerName}`;
    const refreshMs = options.refreshMs ?? 2000;
    const leaseSeconds = Math.min(60, Math.max(15, options.leaseSeconds ?? 15));
    try {
        await container.createIfNotExists();
    } catch (err) {
        // With a data role but no right to create containers, an existing container is all we need.
        if (statusOf(err) !== 403)
            throw new StoreError('store.unwritable', `Cannot open the container ${where}: ${describeAzureError(err)}.`);
    }
    const main = new BlobDocument<StoreData>(
        container.getBlockBlobClient(MAIN_BLOB),
        `The store ${where}/${MAIN_BLOB}`,
        { schema: storeDataSchema, migrate: migrateStore },
    );
    if (!(await main.check())) {
        if (!options.create) throw new StoreError('store.missing', `The store ${where}/${MAIN_BLOB} does not exist.`);
        const initial = options.create();
        try {
            await main.put(initial, undefined);
        } catch (err) {
            // Another instance created it first: use theirs.
            if (!isConflict(err))
                throw new StoreError('store.writeFailed', `Could not create ${main.what}: ${describeAzureError(err)}.`);
            await main.check();
        }
    } else if (main.migratedFrom !== undefined) {
        // The older layout is kept beside it, as the file store keeps `store.json.v<N>.bak`.
        const backup = container.getBlockBlobClient(`${MAIN_BLOB}.v${main.migratedFrom}.bak`);
        const text = main.original ?? '';
        await backup
            .upload(text, Buffer.byteLength(text), { conditions: { ifNoneMatch: '*' } })
            .catch((err: unknown) => {
                if (!isConflict(err))
                    throw new StoreError(
                        'store.writeFailed',
                        `Could not back up ${main.what}: ${describeAzureError(err)}.`,
                    );
            });
        await main.transact((d) => d, undefined, true);
    }

    let refreshError: StoreError | undefined;
    let refreshing = false;
    const timer = setInterval(() => {
        if (refreshing) return;
        refreshing = true;
        main.check()
            .then(() => (refreshError = undefined))
            .catch((err: unknown) => (refreshError = err as StoreError))
            .finally(() => (refreshing = false));
    }, refreshMs);
    timer.unref();

    const collections = new Map<string, BlobCollection<unknown>>();
    return {
        file: where,
        read() {
            // A refresh that failed keeps serving the last good copy; an invalid blob is never used.
            if (main.data === undefined) throw refreshError ?? new StoreError('store.missing', `${main.what} is gone.`);
            return main.data;
        },
        transact: (mutate) => main.transact(mutate, undefined, true),
        collection<T>(name: string, schema: ZodType<T, ZodTypeDef, unknown>, empty: (key: string) => T) {
            if (!NAME.test(name)) throw new StoreError('store.badKey', `Not a valid collection name: ${name}.`);
            let set = collections.get(name) as BlobCollection<T> | undefined;
            if (!set) {
                set = new BlobCollection<T>(container, name, { schema }, empty);
                collections.set(name, set);
            }
            return set;
        },
        exclusive: (name, work, opts) => exclusiveByBlobLease(container, name, work, leaseSeconds, opts),
        close: async () => clearInterval(timer),
        async dump() {
            await main.check();
            const collections: StoreDump['collections'] = {};
            const limit = pLimit(16);
            const reads: Promise<void>[] = [];
            for await (const b of container.listBlobsFlat()) {
                const slash = b.name.indexOf('/');
                const name = b.name.slice(0, slash);
                const key = b.name.slice(slash + 1, -5);
                if (slash < 0 || !NAME.test(name) || !b.name.endsWith('.json') || !KEY.test(key)) continue;
                const docs = (collections[name] ??= {});
                reads.push(
                    limit(async () => {
                        const text = (await container.getBlockBlobClient(b.name).downloadToBuffer()).toString('utf8');
                        try {
                            docs[key] = JSON.parse(text);
                        } catch (err) {
                            throw new StoreError('store.corrupt', `Cannot read ${b.name}: ${(err as Error).message}.`);
                        }
                    }),
                );
            }
            await Promise.all(reads);
            return { main: structuredClone(main.data!), collections };
        },
        async replace(dump) {
            const checked = checkDump(dump, where);
            const keep = new Set<string>();
            const limit = pLimit(16);
            const writes: Promise<unknown>[] = [];
            for (const [name, docs] of Object.entries(checked.collections)) {
                for (const [key, data] of Object.entries(docs)) {
                    const blobName = `${name}/${key}.json`;
                    keep.add(blobName);
                    const text = `${JSON.stringify(data, null, 2)}\n`;
                    writes.push(
                        limit(() =>
                            container.getBlockBlobClient(blobName).upload(text, Buffer.byteLength(text), {
                                blobHTTPHeaders: { blobContentType: 'application/json; charset=utf-8' },
                            }),
                        ),
                    );
                }
            }
            await Promise.all(writes);
            const stale: Promise<unknown>[] = [];
            for await (const b of container.listBlobsFlat()) {
                const name = b.name.slice(0, Math.max(0, b.name.indexOf('/')));
                if (NAME.test(name) && !keep.has(b.name)) stale.push(limit(() => container.deleteBlob(b.name)));
            }
            await Promise.all(stale);
            collections.clear();
            await main.transact(
                (d) => {
                    // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- the main document is replaced in place by the restored one, so every key it had goes, whatever it is
                    for (const k of Object.keys(d)) delete (d as Record<string, unknown>)[k];
                    Object.assign(d, checked.main);
                },
                undefined,
                true,
            );
        },
    };
}

/** How often a caller waiting for a held lease asks for it again. */
const LEASE_POLL_MS = 250;

/**
 * Runs `work` holding the lease of `_leases/<name>`, renewed every third of its term. Another instance
 * asking meanwhile gets 409 and asks again every `LEASE_POLL_MS` until `waitMs` has passed; a holder
 * that died stops renewing, so its lease lapses within `leaseSeconds` and the waiting instance takes
 * it. A holder whose work resolved leaves a new mark in the lease blob's metadata (`lastrun`) before it
 * lets go, which a `coalesce` caller that waited compares with the mark it first saw.
 */
async function exclusiveByBlobLease<R>(
    container: ContainerClient,
    name: string,
    work: () => Promise<R>,
    leaseSeconds: number,
    options: ExclusiveOptions = {},
): Promise<ExclusiveResult<R>> {
    if (!NAME.test(name)) throw new StoreError('store.badKey', `Not a valid lease name: ${name}.`);
    const waitMs = options.waitMs ?? leaseSeconds * 1000 + 5_000;
    const blob = container.getBlockBlobClient(`_leases/${name}`);
    try {
        await blob.upload('', 0, { conditions: { ifNoneMatch: '*' } });
    } catch (err) {
        if (!isConflict(err) && statusOf(err) !== 412)
            throw new StoreError(
                'store.writeFailed',
                `Cannot create the lease blob ${blob.name}: ${describeAzureError(err)}.`,
            );
    }
    const mark = async () => {
        try {
            return (await blob.getProperties()).metadata?.lastrun ?? '';
        } catch (err) {
            throw new StoreError('store.unreadable', `Cannot read the lease ${blob.name}: ${describeAzureError(err)}.`);
        }
    };
    const lease = blob.getBlobLeaseClient();
    const deadline = Date.now() + waitMs;
    /** The holder's mark when this caller first found the lease held (undefined: it was free). */
    let seen: string | undefined;
    for (;;) {
        try {
            await lease.acquireLease(leaseSeconds);
            break;
        } catch (err) {
            if (statusOf(err) !== 409)
                throw new StoreError(
                    'store.writeFailed',
                    `Cannot take the lease ${blob.name}: ${describeAzureError(err)}.`,
                );
            if (Date.now() >= deadline) return { ran: false, holder: 'another instance' };
            if (options.coalesce && seen === undefined) seen = await mark();
            await sleep(Math.min(LEASE_POLL_MS, Math.max(10, deadline - Date.now())));
        }
    }
    // If a renewal fails (a long pause let the lease lapse) the work goes on: the ledger's
    // create-if-absent claims still keep each send to one, only the pacing across instances is at risk.
    const renew = setInterval(() => void lease.renewLease().catch(() => undefined), (leaseSeconds * 1000) / 3);
    renew.unref();
    try {
        if (seen !== undefined && (await mark()) !== seen)
            return { ran: false, holder: 'another instance', finished: true };
        const result = await work();
        // Without the mark a waiting caller runs the work once more: redundant, never wrong.
        await blob
            .setMetadata({ lastrun: randomUUID() }, { conditions: { leaseId: lease.leaseId } })
            .catch(() => undefined);
        return { ran: true, result };
    } finally {
        clearInterval(renew);
        await lease.releaseLease().catch(() => undefined);
    }
}
