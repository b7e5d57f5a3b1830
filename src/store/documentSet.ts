/**
 * A set of small JSON documents in one folder beside the main store file, one per key (for example
 * one per group and period). Data that grows with history lives here, so that one write rewrites one
 * small file and its cost does not grow with everything stored before it. Each document has the same
 * guarantees as the main file: validated on load, atomic writes, serialised and locked transactions.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ZodType, ZodTypeDef } from 'zod';
import { checkedDocument, JsonDocument, StoreError } from './jsonDocument.js';
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
    /** Folders known to exist, so a create does not ask again. */
    private readonly dirs = new Set<string>();

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

    /**
     * The folder a prefix names (`khog/2026` names `khog/`) as its key part and its path, or undefined
     * when that part is not a valid key (so nothing outside the collection is read).
     */
    private folderOf(prefix: string): { base: string; root: string } | undefined {
        const slash = prefix.lastIndexOf('/');
        const base = slash >= 0 ? prefix.slice(0, slash) : '';
        if (base && !KEY.test(base)) return undefined;
        return { base, root: base ? path.join(this.options.dir, ...base.split('/')) : this.options.dir };
    }

    /** The key of a file found under the folder `base` (`rel` with `/`), when it is a document under the prefix. */
    private static keyOf(rel: string, prefix: string): string | undefined {
        if (!rel.endsWith('.json') || path.posix.basename(rel).startsWith('.')) return undefined;
        const key = rel.slice(0, -5);
        return key.startsWith(prefix) && KEY.test(key) ? key : undefined;
    }

    private keysNow(prefix: string): string[] {
        const folder = this.folderOf(prefix);
        if (!folder || !fs.existsSync(folder.root)) return [];
        const keys: string[] = [];
        const walk = (dir: string, rel: string) => {
            for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
                const name = rel ? `${rel}/${entry.name}` : entry.name;
                if (entry.isDirectory()) walk(path.join(dir, entry.name), name);
                else {
                    const key = DocumentSet.keyOf(name, prefix);
                    if (key !== undefined) keys.push(key);
                }
            }
        };
        walk(folder.root, folder.base);
        return keys.sort();
    }

    /**
     * Creates the document only if absent: the text goes to a temporary file, which is then hard-linked
     * to the document's name. A link never replaces a file that exists (EEXIST, on every local file
     * system and across processes), and the document appears whole or not at all. The calls are
     * synchronous: for a file of a few hundred bytes they take microseconds, where each asynchronous
     * call's trip through the thread pool costs more than the write.
     */
    async create(key: string, data: T): Promise<boolean> {
        const file = this.fileFor(key);
        const checked = checkedDocument(this.options.schema, data, `The document ${key}`);
        const dir = path.dirname(file);
        const tmp = path.join(dir, `.${path.basename(file)}.${randomUUID()}.tmp`);
        let written = false;
        try {
            if (!this.dirs.has(dir)) {
                fs.mkdirSync(dir, { recursive: true });
                this.dirs.add(dir);
            }
            fs.writeFileSync(tmp, `${JSON.stringify(checked, null, 2)}\n`, { flag: 'wx' });
            written = true;
            fs.linkSync(tmp, file);
            return true;
        } catch (err) {
            if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
            // The folder may have been removed (a restore); it is made again on the next write.
            this.dirs.delete(dir);
            throw new StoreError('store.writeFailed', `Could not save ${file}: ${(err as Error).message}.`);
        } finally {
            if (written) fs.unlinkSync(tmp);
        }
    }

    async remove(key: string): Promise<void> {
        const file = this.fileFor(key);
        this.open.delete(key);
        fs.rmSync(file, { force: true });
    }

    /** Reads the folders with asynchronous calls, so a large sweep does not hold up the turns meanwhile. */
    async removeWrittenBefore(prefix: string, before: Date): Promise<number> {
        const folder = this.folderOf(prefix);
        if (!folder) return 0;
        const names = await fs.promises.readdir(folder.root, { recursive: true }).catch(() => [] as string[]);
        let removed = 0;
        for (const name of names) {
            const rel = name.split(path.sep).join('/');
            const key = DocumentSet.keyOf(folder.base ? `${folder.base}/${rel}` : rel, prefix);
            if (key === undefined) continue;
            const file = this.fileFor(key);
            const stat = await fs.promises.stat(file).catch(() => undefined);
            if (!stat || stat.mtimeMs >= before.getTime()) continue;
            this.open.delete(key);
            await fs.promises.rm(file, { force: true });
            removed++;
        }
        return removed;
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
