/**
 * The bot's store: the partnership's data in one JSON file (lowdb), behind this interface. Nothing
 * outside `src/store/` imports lowdb. A missing file is created from the seed data; an unreadable or
 * invalid one stops the caller with a message naming the file, and is never overwritten.
 */
import fs from 'node:fs';
import path from 'node:path';
import { storeDataSchema, type StoreData } from '../domain/model.js';
import type { ZodType, ZodTypeDef } from 'zod';
import { DocumentSet } from './documentSet.js';
import { JsonDocument, StoreError } from './jsonDocument.js';
import { migrateStore } from './migrations.js';
import { readDemoLayer, withDemoLayer } from './demoLayer.js';

export { StoreError, DocumentSet };

export interface Store {
    /** Absolute path of the main store file. Everything the store keeps lives in its directory. */
    readonly file: string;
    /** The current data (refreshed from disk if another process wrote it). Do not mutate. */
    read(): Readonly<StoreData>;
    /** Changes the data atomically and durably; resolves when the change is on disk. */
    transact<R>(mutate: (draft: StoreData) => R): Promise<R>;
    /**
     * A named set of small documents beside the main file (`<store>.<name>/<key>.json`), for data that
     * grows with history. The same name always returns the same set.
     */
    collection<T>(name: string, schema: ZodType<T, ZodTypeDef, unknown>, empty: (key: string) => T): DocumentSet<T>;
}

export interface OpenStoreOptions {
    file: string;
    /** Seed data for a missing store file. */
    seedFile?: string;
    /** Demo people and demo-only values added to a new store (development and tests only). */
    demoFile?: string;
    lockWaitMs?: number;
    lockStaleMs?: number;
}

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
        collection<T>(name: string, schema: ZodType<T, ZodTypeDef, unknown>, empty: (key: string) => T) {
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
    };
}
