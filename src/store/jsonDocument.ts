/**
 * One JSON file kept by lowdb, validated by a schema on every load, changed only inside transactions.
 *
 * - Writes are atomic: lowdb's file adapter writes a temporary file and renames it over the old one,
 *   so a crash mid-write leaves the old file or the new one, never a torn one.
 * - Transactions are serialised in this process (one queue) and across processes (a lock file beside
 *   the data file). Under the lock the file is re-read when another process changed it, so a second
 *   writer (the command line importing while the bot runs) never silently loses either's write.
 * - A transaction works on a copy: if the mutation throws or the write fails, memory and disk keep
 *   the last good state.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Low } from 'lowdb';
import { TextFileSync } from 'lowdb/node';
import lockfile from 'proper-lockfile';
import type { ZodType, ZodTypeDef } from 'zod';
import { AppError } from '../errors.js';

export class StoreError extends AppError {}

/** How a file on disk is turned into data: parse, migrate, validate. */
export interface DocumentFormat<T> {
    schema: ZodType<T, ZodTypeDef, unknown>;
    /** Brings an older layout forward; may throw a StoreError. Receives parsed JSON. */
    migrate?: (raw: unknown, file: string) => { data: unknown; migratedFrom?: number };
}

export interface DocumentOptions<T> {
    file: string;
    format: DocumentFormat<T>;
    /** Data for a missing file. Without it a missing file is an error. */
    create?: () => T | Promise<T>;
    /** How long to wait for another process's lock before refusing the write. */
    lockWaitMs?: number;
    /** A lock older than this is taken to be left by a crashed process. */
    lockStaleMs?: number;
    /** Called once when a file was migrated, before it is rewritten (e.g. to keep a backup). */
    onMigrated?: (from: number, file: string) => void;
}

interface FileStamp {
    ino: number;
    size: number;
    mtimeMs: number;
}

function stampOf(file: string): FileStamp | undefined {
    try {
        const s = fs.statSync(file);
        return { ino: s.ino, size: s.size, mtimeMs: s.mtimeMs };
    } catch {
        return undefined;
    }
}

function sameStamp(a?: FileStamp, b?: FileStamp): boolean {
    if (!a || !b) return false;
    return a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs;
}

function describeFsError(err: unknown): string {
    const e = err as NodeJS.ErrnoException;
    switch (e?.code) {
        case 'ENOSPC':
            return 'the disk is full';
        case 'EACCES':
        case 'EPERM':
            return 'permission denied';
        case 'EROFS':
            return 'the file system is read-only';
        case 'ENOENT':
            return 'its directory does not exist';
        default:
            return e?.message ?? String(err);
    }
}

/**
 * Turns a document's text into data: parse, migrate, validate. `what` names it in messages ("The store
 * file /x/store.json"); `name` is passed to the migration. Throws a StoreError that says what is wrong
 * and that nothing was changed.
 */
export function decodeDocument<T>(
    text: string,
    format: DocumentFormat<T>,
    what: string,
    name: string,
): { data: T; migratedFrom?: number } {
    let raw: unknown;
    try {
        raw = JSON.parse(text);
    } catch (err) {
        const why = text.trim() === '' ? 'it is empty' : `it is not valid JSON (${(err as Error).message})`;
        throw new StoreError('store.corrupt', `${what} cannot be used: ${why}. It has not been changed.`);
    }
    let migratedFrom: number | undefined;
    if (format.migrate) {
        const m = format.migrate(raw, name);
        raw = m.data;
        migratedFrom = m.migratedFrom;
    }
    const parsed = format.schema.safeParse(raw);
    if (!parsed.success) {
        const problems = parsed.error.issues
            .slice(0, 5)
            .map((i) => `${i.path.join('.') || '(top level)'}: ${i.message}`)
            .join('; ');
        const more = parsed.error.issues.length > 5 ? ` (and ${parsed.error.issues.length - 5} more)` : '';
        throw new StoreError(
            'store.invalid',
            `${what} does not match the expected schema: ${problems}${more}. It has not been changed.`,
        );
    }
    return { data: parsed.data, migratedFrom };
}

/**
 * `data` as its schema reads it, for a document about to be written; `what` names it in the message
 * ("The document c-1/a-2"). Throws a StoreError `store.invalid` saying what is wrong.
 */
export function checkedDocument<T>(schema: ZodType<T, ZodTypeDef, unknown>, data: unknown, what: string): T {
    const checked = schema.safeParse(data);
    if (!checked.success)
        throw new StoreError('store.invalid', `${what} does not match its schema: ${checked.error.message}`);
    return checked.data;
}

export class JsonDocument<T> {
    private readonly db: Low<T>;
    private stamp?: FileStamp;
    private queue: Promise<unknown> = Promise.resolve();
    private readonly lockPath: string;

    private constructor(
        readonly file: string,
        private readonly format: DocumentFormat<T>,
        private readonly options: DocumentOptions<T>,
        data: T,
    ) {
        this.db = new Low<T>(new TextAdapter(file), data);
        this.lockPath = `${file}.lock`;
    }

    /** Opens (or creates) the file. Throws a StoreError naming the file for anything unreadable. */
    static async open<T>(options: DocumentOptions<T>): Promise<JsonDocument<T>> {
        const file = path.resolve(options.file);
        const dir = path.dirname(file);
        try {
            fs.mkdirSync(dir, { recursive: true });
        } catch (err) {
            throw new StoreError(
                'store.unwritable',
                `Cannot create the store's directory ${dir}: ${describeFsError(err)}.`,
            );
        }
        const doc = new JsonDocument<T>(file, options.format, options, null as T);
        if (!fs.existsSync(file)) {
            if (!options.create) throw new StoreError('store.missing', `The store file ${file} does not exist.`);
            const initial = await options.create();
            await doc.withLock(async () => {
                // Another process may have created it while we waited for the lock.
                if (fs.existsSync(file)) {
                    doc.load();
                    return;
                }
                doc.db.data = initial;
                await doc.persist();
            });
        } else {
            doc.load();
            if (doc.migratedFrom !== undefined) {
                const from = doc.migratedFrom;
                await doc.withLock(async () => {
                    options.onMigrated?.(from, file);
                    await doc.persist();
                });
            }
        }
        return doc;
    }

    private migratedFrom?: number;

    /** The data as last loaded or written. Treat as read-only: change it through `transact`. */
    get data(): T {
        return this.db.data;
    }

    /** Re-reads the file if another process changed it since this one last saw it. */
    refresh(): void {
        if (!sameStamp(stampOf(this.file), this.stamp)) this.load();
    }

    /**
     * Applies `mutate` to a copy of the data and saves it; resolves once the file is on disk. If
     * `mutate` throws, nothing is saved and the error is passed on.
     */
    transact<R>(mutate: (draft: T) => R): Promise<R> {
        const run = this.queue.then(() =>
            this.withLock(async () => {
                this.refresh();
                const previous = this.db.data;
                const draft = structuredClone(previous);
                const result = mutate(draft);
                this.db.data = draft;
                try {
                    await this.persist();
                } catch (err) {
                    this.db.data = previous;
                    throw err;
                }
                return result;
            }),
        );
        this.queue = run.catch(() => undefined);
        return run;
    }

    private load(): void {
        let text: string;
        try {
            text = fs.readFileSync(this.file, 'utf8');
        } catch (err) {
            throw new StoreError(
                'store.unreadable',
                `Cannot read the store file ${this.file}: ${describeFsError(err)}.`,
            );
        }
        const stamp = stampOf(this.file);
        const decoded = decodeDocument(text, this.format, `The store file ${this.file}`, this.file);
        this.db.data = decoded.data;
        this.stamp = stamp;
        this.migratedFrom = decoded.migratedFrom;
    }

    private async persist(): Promise<void> {
        try {
            await this.db.write();
        } catch (err) {
            throw new StoreError(
                'store.writeFailed',
                `Could not save to ${this.file}: ${describeFsError(err)}. Nothing was changed.`,
            );
        }
        this.stamp = stampOf(this.file);
    }

    private async withLock<R>(work: () => Promise<R>): Promise<R> {
        const wait = this.options.lockWaitMs ?? 5000;
        let release: () => Promise<void>;
        const lockOptions = {
            realpath: false,
            lockfilePath: this.lockPath,
            // Held only for one write (milliseconds) and refreshed every stale/2: a lock older than
            // this was left by a process that died, and a waiting writer takes it over.
            stale: this.options.lockStaleMs ?? 3_000,
        };
        try {
            // The usual case, a free lock, in one synchronous call; a held one is waited for below.
            const releaseSync = lockfile.lockSync(this.file, lockOptions);
            release = () =>
                new Promise<void>((resolve) => {
                    releaseSync();
                    resolve();
                });
        } catch {
            release = await this.lockWaiting(wait, lockOptions);
        }
        try {
            return await work();
        } finally {
            await release().catch(() => undefined);
        }
    }

    private async lockWaiting(
        wait: number,
        lockOptions: { realpath: boolean; lockfilePath: string; stale: number },
    ): Promise<() => Promise<void>> {
        try {
            return await lockfile.lock(this.file, {
                ...lockOptions,
                retries: { retries: Math.max(1, Math.ceil(wait / 50)), minTimeout: 20, maxTimeout: 100, factor: 1.3 },
            });
        } catch (err) {
            const e = err as NodeJS.ErrnoException;
            if (e.code === 'ELOCKED') {
                throw new StoreError(
                    'store.locked',
                    `The store file ${this.file} is being written by another process; try again in a moment.`,
                );
            }
            throw new StoreError(
                'store.writeFailed',
                `Cannot lock the store file ${this.file}: ${describeFsError(err)}.`,
            );
        }
    }
}

/**
 * lowdb adapter: raw text through lowdb's atomic TextFileSync (a temporary file renamed over the old
 * one); parsing and validation happen in `load`. Synchronous under the lock: a store's document is
 * written in well under a millisecond, less than the asynchronous calls' trips through the thread pool.
 */
class TextAdapter<T> {
    private readonly text: TextFileSync;
    constructor(file: string) {
        this.text = new TextFileSync(file);
    }
    read(): Promise<T | null> {
        const s = this.text.read();
        return Promise.resolve(s === null ? null : (JSON.parse(s) as T));
    }
    write(data: T): Promise<void> {
        this.text.write(`${JSON.stringify(data, null, 2)}\n`);
        return Promise.resolve();
    }
}
