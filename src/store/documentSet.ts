/**
 * A set of small JSON documents in one folder beside the main store file, one per key (for example
 * one per group and period). Data that grows with history lives here, so that one write rewrites one
 * small file and its cost does not grow with everything stored before it. Each document has the same
 * guarantees as the main file: validated on load, atomic writes, serialised and locked transactions.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ZodType, ZodTypeDef } from 'zod';
import { JsonDocument, StoreError } from './jsonDocument.js';
import type { Collection } from './collection.js';

const KEY = /^[a-z0-9][a-z0-9-]*(\/[a-z0-9][a-z0-9-]*)*$/;

export interface DocumentSetOptions<T> {
    dir: string;
    schema: ZodType<T, ZodTypeDef, unknown>;
    /** The data of a document that does not exist yet. */
    empty: (key: string) => T;
    lockWaitMs?: number;
}

export class DocumentSet<T> implements Collection<T> {
    private readonly open = new Map<string, Promise<JsonDocument<T>>>();

    constructor(private readonly options: DocumentSetOptions<T>) {}

    get dir(): string {
        return this.options.dir;
    }

    private fileFor(key: string): string {
        if (!KEY.test(key))
            throw new StoreError('store.badKey', `Not a valid document key: ${JSON.stringify(key).slice(0, 80)}.`);
        return path.join(this.options.dir, `${key}.json`);
    }

    private document(key: string, create: boolean): Promise<JsonDocument<T>> | undefined {
        const file = this.fileFor(key);
        let doc = this.open.get(key);
        if (!doc) {
            if (!create && !fs.existsSync(file)) return undefined;
            doc = JsonDocument.open<T>({
                file,
                format: { schema: this.options.schema },
                create: () => this.options.empty(key),
                lockWaitMs: this.options.lockWaitMs,
            });
            doc.catch(() => this.open.delete(key));
            this.open.set(key, doc);
        }
        return doc;
    }

    /** The document's data, or undefined when it does not exist. Do not mutate. */
    async get(key: string): Promise<T | undefined> {
        const doc = await this.document(key, false);
        if (!doc) return undefined;
        doc.refresh();
        return doc.data;
    }

    /** Changes one document (creating it when missing) atomically and durably. */
    async transact<R>(key: string, mutate: (draft: T) => R): Promise<R> {
        const doc = await this.document(key, true)!;
        return doc.transact(mutate);
    }

    /**
     * The keys of the documents whose key starts with the prefix (all when empty), sorted. Only the
     * folder the prefix names is read: `list('khog/')` never walks the other groups' documents.
     */
    async keys(prefix = ''): Promise<string[]> {
        return this.keysNow(prefix);
    }

    private keysNow(prefix: string): string[] {
        const slash = prefix.lastIndexOf('/');
        const base = slash >= 0 ? prefix.slice(0, slash) : '';
        if (base && !KEY.test(base)) return [];
        const root = base ? path.join(this.options.dir, ...base.split('/')) : this.options.dir;
        if (!fs.existsSync(root)) return [];
        const keys: string[] = [];
        const walk = (dir: string, rel: string) => {
            for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
                const name = rel ? `${rel}/${entry.name}` : entry.name;
                if (entry.isDirectory()) walk(path.join(dir, entry.name), name);
                else if (entry.name.endsWith('.json') && !entry.name.startsWith('.')) keys.push(name.slice(0, -5));
            }
        };
        walk(root, base);
        return keys.filter((k) => k.startsWith(prefix) && KEY.test(k)).sort();
    }

    /** Every document whose key starts with the prefix (all when empty), with its key, in key order. */
    async list(prefix = ''): Promise<{ key: string; data: T }[]> {
        const out: { key: string; data: T }[] = [];
        for (const key of this.keysNow(prefix)) {
            const data = await this.get(key);
            if (data !== undefined) out.push({ key, data });
        }
        return out;
    }
}
