/**
 * `npx khg-bot backup FILE`, `restore FILE` and `migrate --to file|azure-blob`: the whole store (main
 * data and every collection) moved as one archive or from one backend to the other. An archive is
 * checked in full (format, checksum, the main data's schema, collection names and keys) before
 * anything is replaced; a migration is verified by exporting both stores and comparing them.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { isDeepStrictEqual } from 'node:util';
import { Option, type Command } from 'commander';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';
import { openConfiguredStore } from '../store/open.js';
import { checkDump, readSeed, type Store, type StoreDump } from '../store/store.js';

export interface MoveCommandsContext {
    out: (line: string) => void;
    /** The configuration, optionally with the backend forced (the other side of a migration). */
    config: (backend?: 'file' | 'azure-blob') => Config;
    now?: () => Date;
}

const FORMAT = 'khg-bot-backup';
const VERSION = 1;

/** A backup archive: the dump with where and when it was taken, and a SHA-256 of the dump's JSON. */
export interface BackupArchive {
    format: typeof FORMAT;
    version: number;
    createdAt: string;
    source: string;
    sha256: string;
    data: StoreDump;
}

const digest = (data: StoreDump) => createHash('sha256').update(JSON.stringify(data)).digest('hex');

/** How many documents a dump holds, per collection: "12 (deliveries 8, updates 4)". */
export function describeDump(d: StoreDump): string {
    const per = Object.entries(d.collections).map(([n, docs]) => [n, Object.keys(docs).length] as const);
    const total = per.reduce((s, [, n]) => s + n, 0);
    return `the main data (${d.main.groups.length} groups, ${d.main.roster.length} roster lines, ${d.main.protocols.length} protocols) and ${total} documents${per.length ? ` (${per.map(([n, c]) => `${n} ${c}`).join(', ')})` : ''}`;
}

/** Reads and checks an archive. Throws an AppError saying what is wrong; nothing is touched. */
export function readArchive(file: string): BackupArchive {
    let buf: Buffer;
    try {
        buf = fs.readFileSync(file);
    } catch (err) {
        throw new AppError('backup.unreadable', `Cannot read ${file}: ${(err as Error).message}.`);
    }
    let archive: BackupArchive;
    try {
        const text = buf[0] === 0x1f && buf[1] === 0x8b ? gunzipSync(buf).toString('utf8') : buf.toString('utf8');
        archive = JSON.parse(text) as BackupArchive;
    } catch (err) {
        throw new AppError('backup.invalid', `${file} is not a backup archive: ${(err as Error).message}.`);
    }
    const format: unknown = (archive as Partial<BackupArchive> | null)?.format;
    if (format !== FORMAT)
        throw new AppError('backup.invalid', `${file} is not a backup archive of this bot (no "${FORMAT}" format).`);
    if (archive.version !== VERSION)
        throw new AppError(
            'backup.invalid',
            `${file} is a version ${archive.version} archive; this bot reads version ${VERSION}.`,
        );
    if (digest(archive.data) !== archive.sha256)
        throw new AppError('backup.invalid', `${file} is damaged: its checksum does not match its contents.`);
    checkDump(archive.data, file);
    return archive;
}

/** Writes through a temporary file and a rename, so a failed write never leaves half an archive. */
function writeAtomically(file: string, content: Buffer | string): void {
    const tmp = path.join(path.dirname(path.resolve(file)), `.${path.basename(file)}.${process.pid}.tmp`);
    fs.writeFileSync(tmp, content);
    fs.renameSync(tmp, file);
}

async function withStore<R>(config: Config, seed: boolean, work: (s: Store) => Promise<R>): Promise<R> {
    const store = await openConfiguredStore(config, { seed });
    try {
        return await work(store);
    } finally {
        await store.close();
    }
}

export function addMoveCommands(program: Command, ctx: MoveCommandsContext): void {
    program
        .command('backup')
        .description('Save everything the store holds (main data and every collection) to one archive file.')
        .argument('<file>', 'the archive to write (gzip-compressed when it ends in .gz)')
        .action(async (file: string) => {
            const c = ctx.config();
            const archive = await withStore(c, false, async (store) => {
                const data = await store.dump();
                return {
                    format: FORMAT,
                    version: VERSION,
                    createdAt: (ctx.now?.() ?? new Date()).toISOString(),
                    source: store.file,
                    sha256: digest(data),
                    data,
                } satisfies BackupArchive;
            });
            const json = `${JSON.stringify(archive)}\n`;
            writeAtomically(file, file.endsWith('.gz') ? gzipSync(json) : json);
            ctx.out(`Backed up ${describeDump(archive.data)} from ${archive.source} to ${file}.`);
        });

    program
        .command('restore')
        .description(
            'Replace everything the store holds with an archive from `backup`. The archive is checked first; without --yes nothing is replaced. Stop the bot first.',
        )
        .argument('<file>', 'the archive')
        .option('--yes', 'replace the store (without it: check the archive and show what would change)')
        .action(async (file: string, opts: { yes?: boolean }) => {
            const archive = readArchive(file);
            const c = ctx.config();
            await withStore(c, true, async (store) => {
                const now = await store.dump();
                ctx.out(`The archive ${file} (taken ${archive.createdAt} from ${archive.source}) is whole and valid.`);
                ctx.out(`It holds ${describeDump(archive.data)}.`);
                ctx.out(`${store.file} now holds ${describeDump(now)}.`);
                if (!opts.yes) {
                    ctx.out('Nothing was replaced. Run again with --yes to replace the store with the archive.');
                    return;
                }
                await store.replace(archive.data);
                ctx.out(`Restored: ${store.file} now holds what the archive holds.`);
            });
        });

    program
        .command('migrate')
        .description(
            'Copy the whole store from one backend to the other (the file at STORE_FILE, or the container STORE_CONTAINER), then compare both exports. Stop the bot first.',
        )
        .addOption(
            new Option('--to <backend>', 'where to copy the data to')
                .choices(['file', 'azure-blob'])
                .makeOptionMandatory(),
        )
        .option('--replace', 'replace data the destination already holds')
        .action(async (opts: { to: 'file' | 'azure-blob'; replace?: boolean }) => {
            const from = opts.to === 'file' ? 'azure-blob' : 'file';
            const source = ctx.config(from);
            const target = ctx.config(opts.to);
            if (from === 'file' && !fs.existsSync(source.storeFile))
                throw new AppError('migrate.noSource', `There is no store at ${source.storeFile} to migrate.`);
            const data = await withStore(source, false, (s) => s.dump());
            await withStore(target, true, async (dest) => {
                const before = await dest.dump();
                // A destination just created from the seed holds nothing worth keeping.
                const holdsData =
                    Object.values(before.collections).some((d) => Object.keys(d).length > 0) ||
                    !isDeepStrictEqual(before.main, readSeed(target.seedFile, target.demoFile));
                if (holdsData && !opts.replace)
                    throw new AppError(
                        'migrate.notEmpty',
                        `${dest.file} already holds ${describeDump(before)}. Nothing was copied; run with --replace to replace it.`,
                    );
                await dest.replace(data);
                const after = await dest.dump();
                const again = await withStore(source, false, (s) => s.dump());
                if (!isDeepStrictEqual(after, again))
                    throw new AppError(
                        'migrate.mismatch',
                        `After copying, ${dest.file} does not hold what the source holds. Keep using STORE_BACKEND=${from}.`,
                    );
                ctx.out(`Copied ${describeDump(after)} to ${dest.file}.`);
                ctx.out(`Verified: both stores export the same data. Set STORE_BACKEND=${opts.to} and start the bot.`);
            });
        });
}
