/**
 * The bot's store: the partnership's data in one JSON file (lowdb), behind this interface. Nothing
 * outside `src/store/` imports lowdb. A missing file is created from the seed data; an unreadable or
 * invalid one stops the caller with a message naming the file, and is never overwritten.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { storeDataSchema, type StoreData } from '../domain/model.js';
import type { ZodType, ZodTypeDef } from 'zod';
import type { Collection } from './collection.js';
import { DocumentSet } from './documentSet.js';
import { JsonDocument, StoreError } from './jsonDocument.js';
import { migrateStore } from './migrations.js';
import { readDemoLayer, withDemoLayer } from './demoLayer.js';
import lockfile from 'proper-lockfile';

export { StoreError, DocumentSet };

export type { Collection };

/**
 * Everything a store holds, backend-neutral: the main data and every collection's documents by key.
 * `backup`, `restore` and `migrate` move data as this.
 */
export interface StoreDump {
    main: StoreData;
    collections: Record<string, Record<string, unknown>>;
}

/**
 * What `exclusive` did: ran the work (with its result), or did not because another instance held the
 * lease for the whole wait, or (with `coalesce`, `finished: true`) because another instance finished
 * a run of the work while this one waited.
 */
export type ExclusiveResult<R> = { ran: true; result: R } | { ran: false; holder: 'another instance'; finished?: true };

/** Options of `Store.exclusive`. */
export interface ExclusiveOptions {
    /** How long to wait for another holder (default: the lease's own term plus 5 seconds). */
    waitMs?: number;
    /**
     * A caller that finds the lease held and waits does not run the work once the holder has finished
     * its own run of it meanwhile (the holder leaves a mark when its work resolves; a holder that died
     * or whose work threw leaves none, and the waiting caller then runs it). For work that one run does
     * for everyone who asked while it ran, such as a reminder check.
     */
    coalesce?: boolean;
}

export interface Store {
    /**
     * Where the data lives: the absolute path of the main store file (everything the file store keeps
     * lives in its directory), or `azure-blob://<account>/<container>` for Azure Blob Storage.
     */
    readonly file: string;
    /**
     * The current data. Do not mutate. The file store re-reads the file when another process wrote it;
     * the Azure store serves a copy checked against the blob's ETag at most `refreshMs` ago (see
     * azureBlob.ts), and this instance's own writes at once.
     */
    read(): Readonly<StoreData>;
    /**
     * Changes the data atomically and durably; resolves when the change is stored. `mutate` works on a
     * copy and may run again if another instance wrote in between (see `Collection`).
     */
    transact<R>(mutate: (draft: StoreData) => R): Promise<R>;
    /**
     * A named set of small documents beside the main data (`<store>.<name>/<key>.json` for the file
     * store, `<name>/<key>.json` blobs for Azure). The same name always returns the same set.
     */
    collection<T>(name: string, schema: ZodType<T, ZodTypeDef, unknown>, empty: (key: string) => T): Collection<T>;
    /**
     * Runs `work` while holding the named lease that every instance on this store shares (a lock file
     * beside the store file; a blob lease on Azure), so only one instance does it at a time. Waits up
     * to `waitMs` for another holder (default: the lease's own term plus 5 seconds, long enough for a
     * dead holder's lease to lapse) and otherwise does not run it; see `ExclusiveOptions.coalesce`.
     */
    exclusive<R>(name: string, work: () => Promise<R>, options?: ExclusiveOptions): Promise<ExclusiveResult<R>>;
    /** Stops background refreshing; the store is not used after this. */
    close(): Promise<void>;
    /** Everything the store holds, read document by document (collections as stored, not re-validated). */
    dump(): Promise<StoreDump>;
    /**
     * Replaces everything the store holds with `dump` (checked first: its main data must be valid, its
     * collection names and keys well formed). Collections the dump does not have are removed. Meant
     * for a store no instance is writing to (stop the bot, or scale it to zero, first).
     */
    replace(dump: StoreDump): Promise<void>;
}

export interface OpenStoreOptions {
    file: string;
    /** Seed data for a missing store file. */
    seedFile?: string;
    /** Demo people and demo-only values added to a new store (development and tests only). */
    demoFile?: string;
    lockWaitMs?: number;
    lockStaleMs?: number;
    /** How long a holder of `exclusive` may go silent before another takes over (default 15 s). */
    leaseMs?: number;
}

const LEASE_NAME = /^[a-z][a-z0-9-]*$/;

/** Default term of an `exclusive` lease: a dead holder's lease lapses within this (both backends). */
export const DEFAULT_LEASE_MS = 15_000;

/**
 * Reads and validates a seed file (the same schema as the store), with the demo layer added when a
 * demo file is given.
 */
export function readSeed(seedFile: string, demoFile?: string): StoreData {
    let raw: unknown;
    try {
        raw = JSON.parse(fs.readFileSync(seedFile, 'utf8'));
    } catch (err) {
        throw new StoreError(
            'store.seedUnreadable',
            `Cannot read the seed data ${seedFile}: ${(err as Error).message}.`,
        );
    }
    const parsed = storeDataSchema.safeParse(migrateStore(raw, seedFile).data);
    if (!parsed.success) {
        const first = parsed.error.issues[0];
        throw new StoreError(
            'store.seedInvalid',
            `The seed data ${seedFile} is invalid: ${first.path.join('.')}: ${first.message}.`,
        );
    }
    if (!demoFile) return parsed.data;
    const withDemo = storeDataSchema.safeParse(withDemoLayer(parsed.data, readDemoLayer(demoFile), demoFile));
    if (!withDemo.success) {
        const first = withDemo.error.issues[0];
        throw new StoreError(
            'store.demoInvalid',
            `The demo data ${demoFile} does not fit the seed: ${first.path.join('.')}: ${first.message}.`,
        );
    }
    return withDemo.data;
}

export async function openStore(options: OpenStoreOptions): Promise<Store> {
    const file = path.resolve(options.file);
    const doc = await JsonDocument.open<StoreData>({
        file,
        format: { schema: storeDataSchema, migrate: migrateStore },
        create: options.seedFile ? () => readSeed(options.seedFile!, options.demoFile) : undefined,
        lockWaitMs: options.lockWaitMs,
        lockStaleMs: options.lockStaleMs,
        onMigrated: (from, f) => fs.copyFileSync(f, `${f}.v${from}.bak`),
    });
    const collections = new Map<string, DocumentSet<unknown>>();
    const base = file.replace(/\.json$/i, '');
    return {
        file,
        collection<T>(name: string, schema: ZodType<T, ZodTypeDef, unknown>, empty: (key: string) => T): Collection<T> {
            if (!/^[a-z][a-z0-9-]*$/.test(name))
                throw new StoreError('store.badKey', `Not a valid collection name: ${name}.`);
            let set = collections.get(name) as DocumentSet<T> | undefined;
            if (!set) {
                set = new DocumentSet<T>({ dir: `${base}.${name}`, schema, empty, lockWaitMs: options.lockWaitMs });
                collections.set(name, set as DocumentSet<unknown>);
            }
            return set;
        },
        read() {
            doc.refresh();
            return doc.data;
        },
        transact: (mutate) => doc.transact(mutate),
        exclusive: (name, work, opts) =>
            exclusiveByLockFile(`${base}.${name}`, name, work, options.leaseMs ?? DEFAULT_LEASE_MS, opts),
        close: async () => undefined,
        async dump() {
            doc.refresh();
            return { main: structuredClone(doc.data), collections: dumpFolders(base) };
        },
        async replace(dump) {
            const checked = checkDump(dump, file);
            replaceFolders(base, checked.collections);
            collections.clear();
            await doc.transact((d) => {
                // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- the main document is replaced in place by the restored one, so every key it had goes, whatever it is
                for (const k of Object.keys(d)) delete (d as Record<string, unknown>)[k];
                Object.assign(d, checked.main);
            });
        },
    };
}

const KEY = /^[a-z0-9][a-z0-9-]*(\/[a-z0-9][a-z0-9-]*)*$/;

/**
 * Checks a dump before anything is replaced: the main data through the migrations and the schema,
 * collection names and keys, and each document a JSON object. Returns it with the main data migrated.
 */
export function checkDump(dump: StoreDump, what: string): StoreDump {
    if (!dump || typeof dump !== 'object' || !dump.collections || typeof dump.collections !== 'object')
        throw new StoreError('store.invalid', `${what}: not a store's data (no main data and collections).`);
    const parsed = storeDataSchema.safeParse(migrateStore(dump.main, what).data);
    if (!parsed.success) {
        const first = parsed.error.issues[0];
        throw new StoreError(
            'store.invalid',
            `${what}: the main data is invalid: ${first.path.join('.')}: ${first.message}. Nothing was replaced.`,
        );
    }
    for (const [name, docs] of Object.entries(dump.collections)) {
        if (!/^[a-z][a-z0-9-]*$/.test(name))
            throw new StoreError(
                'store.invalid',
                `${what}: not a valid collection name: ${name}. Nothing was replaced.`,
            );
        for (const [key, data] of Object.entries(docs ?? {})) {
            if (!KEY.test(key))
                throw new StoreError(
                    'store.invalid',
                    `${what}: not a valid key in ${name}: ${key}. Nothing was replaced.`,
                );
            if (!data || typeof data !== 'object')
                throw new StoreError(
                    'store.invalid',
                    `${what}: ${name}/${key} is not a JSON object. Nothing was replaced.`,
                );
        }
    }
    return { main: parsed.data, collections: dump.collections };
}

/** The collections beside a file store: folders `<base>.<name>/`, read key by key. */
function dumpFolders(base: string): StoreDump['collections'] {
    const dir = path.dirname(base);
    const prefix = `${path.basename(base)}.`;
    const out: StoreDump['collections'] = {};
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const name = entry.name.slice(prefix.length);
        if (!entry.isDirectory() || !entry.name.startsWith(prefix) || !/^[a-z][a-z0-9-]*$/.test(name)) continue;
        const docs: Record<string, unknown> = {};
        const walk = (folder: string, rel: string) => {
            for (const e of fs.readdirSync(folder, { withFileTypes: true })) {
                const key = rel ? `${rel}/${e.name}` : e.name;
                if (e.isDirectory()) walk(path.join(folder, e.name), key);
                else if (e.name.endsWith('.json') && KEY.test(key.slice(0, -5))) {
                    const f = path.join(folder, e.name);
                    try {
                        docs[key.slice(0, -5)] = JSON.parse(fs.readFileSync(f, 'utf8'));
                    } catch (err) {
                        throw new StoreError('store.corrupt', `Cannot read ${f}: ${(err as Error).message}.`);
                    }
                }
            }
        };
        walk(path.join(dir, entry.name), '');
        out[name] = docs;
    }
    return out;
}

/**
 * Writes each collection into a new folder and swaps it in with a rename, so a collection is either
 * the old one or the new one; folders the dump does not have are removed.
 */
function replaceFolders(base: string, collections: StoreDump['collections']): void {
    const existing = Object.keys(dumpFolders(base));
    for (const [name, docs] of Object.entries(collections)) {
        const target = `${base}.${name}`;
        const fresh = `${target}.restoring`;
        fs.rmSync(fresh, { recursive: true, force: true });
        for (const [key, data] of Object.entries(docs)) {
            const f = path.join(fresh, ...`${key}.json`.split('/'));
            fs.mkdirSync(path.dirname(f), { recursive: true });
            fs.writeFileSync(f, `${JSON.stringify(data, null, 2)}\n`);
        }
        fs.mkdirSync(fresh, { recursive: true });
        const old = `${target}.replaced`;
        fs.rmSync(old, { recursive: true, force: true });
        if (fs.existsSync(target)) fs.renameSync(target, old);
        fs.renameSync(fresh, target);
        fs.rmSync(old, { recursive: true, force: true });
    }
    for (const name of existing)
        if (!(name in collections)) fs.rmSync(`${base}.${name}`, { recursive: true, force: true });
}

/**
 * The file store's `exclusive`: a lock file (proper-lockfile) that its holder touches every half term;
 * one untouched for a whole term was left by a process that died, and a waiting one takes it over.
 * A holder whose work resolved leaves a new mark in `<base>.lastrun` before it lets go (for `coalesce`).
 */
async function exclusiveByLockFile<R>(
    base: string,
    name: string,
    work: () => Promise<R>,
    leaseMs: number,
    options: ExclusiveOptions = {},
): Promise<ExclusiveResult<R>> {
    if (!LEASE_NAME.test(name)) throw new StoreError('store.badKey', `Not a valid lease name: ${name}.`);
    const waitMs = options.waitMs ?? leaseMs + 5_000;
    const lockPath = `${base}.lease`;
    const markFile = `${base}.lastrun`;
    const mark = () => {
        try {
            return fs.readFileSync(markFile, 'utf8');
        } catch {
            return '';
        }
    };
    const lock = (retries: number) =>
        lockfile.lock(base, {
            realpath: false,
            lockfilePath: lockPath,
            stale: leaseMs,
            update: Math.max(1000, Math.floor(leaseMs / 3)),
            retries: { retries, minTimeout: 250, maxTimeout: 250, factor: 1 },
            // A lease lost to a long pause (the holder's updates stopped for a whole term) is reported by
            // the next update; the work goes on, and the ledger's claims still keep sends to one each.
            onCompromised: () => undefined,
        });
    let release: () => Promise<void>;
    /** The holder's mark when this caller first found the lease held (undefined: it was free). */
    let seen: string | undefined;
    try {
        try {
            release = await lock(0);
        } catch (err) {
            if ((err as NodeJS.ErrnoException).code !== 'ELOCKED' || waitMs <= 0) throw err;
            seen = mark();
            release = await lock(Math.max(0, Math.ceil(waitMs / 250)));
        }
    } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ELOCKED') return { ran: false, holder: 'another instance' };
        throw new StoreError('store.writeFailed', `Cannot take the lease ${lockPath}: ${(err as Error).message}.`);
    }
    try {
        if (options.coalesce && seen !== undefined && mark() !== seen)
            return { ran: false, holder: 'another instance', finished: true };
        const result = await work();
        try {
            fs.writeFileSync(`${markFile}.tmp`, randomUUID());
            fs.renameSync(`${markFile}.tmp`, markFile);
        } catch {
            // Without the mark a waiting caller runs the work once more: redundant, never wrong.
        }
        return { ran: true, result };
    } finally {
        await release().catch(() => undefined);
    }
}
