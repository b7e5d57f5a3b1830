/**
 * `khg-bot import register FILE.csv` and `khg-bot export register FILE.csv`: the protocol register
 * to and from a spreadsheet. The import is all or nothing; its problems are listed by row.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { systemClock, type Clock } from '../clock.js';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';
import { readCsvFile } from './readCsvFile.js';
import { registerToCsv } from '../formats/registerCsv.js';
import { openStore, readSeed } from '../store/store.js';
import { importWithRecord, recordImport } from '../services/imports.js';
import { importRegister, setReviewCyclePolicy } from '../services/register.js';
import { counted } from '../domain/words.js';

export interface RegisterCliContext {
    io: { out: (line: string) => void; err: (line: string) => void };
    config: () => Config;
    clock?: Clock;
}

/** The `import` (or `export`) command, shared with other features' subcommands. */
function group(program: Command, name: 'import' | 'export', description: string): Command {
    return program.commands.find((c) => c.name() === name) ?? program.command(name).description(description);
}

/** Writes through a temporary file and a rename, so a half-written export never replaces a good one. */
function writeText(file: string, text: string): void {
    const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
    try {
        fs.writeFileSync(tmp, text);
        fs.renameSync(tmp, file);
    } catch (err) {
        fs.rmSync(tmp, { force: true });
        throw new AppError('cli.unwritable', `Cannot write ${file}: ${(err as Error).message}.`);
    }
}

export function addRegisterCommands(program: Command, ctx: RegisterCliContext): void {
    const clock = ctx.clock ?? systemClock;

    group(program, 'import', 'Import data from a file.')
        .command('register <file>')
        .description(
            'Replace the protocol register with the documents in a CSV file (all or nothing). Columns: id (optional), title, kind, ' +
                'owner_groups, partners, published, last_reviewed, next_review, review_cycle_months, status, status_note, url.',
        )
        .option('--dry-run', 'check the file and say what would change, without changing anything')
        .option(
            '--by <name>',
            'who to record in each changed document\'s history (default: "command line" and your user name)',
        )
        .action(async (file: string, opts: { dryRun?: boolean; by?: string }, command: Command) => {
            // `import` itself may take --dry-run (for groups, roster...), and then keeps it for itself.
            const dryRun = Boolean(opts.dryRun || command.parent?.opts<{ dryRun?: boolean }>().dryRun);
            const c = ctx.config();
            const csv = readCsvFile(file);
            const store = await openStore({ file: c.storeFile, seedFile: c.seedFile, demoFile: c.demoFile });
            const by = opts.by?.trim() || `command line (${os.userInfo().username})`;
            const now = clock();
            const done = await importWithRecord(store, 'register', () =>
                importRegister(store, csv, by, now, { dryRun }),
            );
            const result = done.result;
            if (!dryRun)
                await recordImport(store, {
                    kind: 'register',
                    fileName: path.basename(file),
                    by: { name: by },
                    via: 'cli',
                    ...done,
                    now,
                });
            const { added, changed, unchanged, removed } = result.summary;
            ctx.io.out(
                `${result.dryRun ? 'Checked' : 'Imported'} ${counted(result.total, 'document')} from ${file}: ` +
                    `${added.length} new, ${changed.length} changed, ${unchanged.length} unchanged, ${removed.length} removed.`,
            );
            if (removed.length)
                ctx.io.out(
                    `  ${result.dryRun ? 'Would remove' : 'Removed'} (with their history): ${removed.join(', ')}`,
                );
            if (added.length) ctx.io.out(`  New: ${added.join(', ')}`);
            if (result.ignoredColumns.length) ctx.io.out(`  Ignored columns: ${result.ignoredColumns.join(', ')}`);
            if (result.dryRun) ctx.io.out('Nothing was changed (dry run).');
            else ctx.io.out(`History is kept for every document whose id is still in the register.`);
        });

    program
        .command('review-cycle [months]')
        .description(
            "Show, set (a number of months) or clear (none) the partnership's review cycle for documents that state no review date. Unset by default: the papers set none.",
        )
        .option('--by <name>', 'who sets it (default: "command line" and your user name)')
        .action(async (months: string | undefined, opts: { by?: string }) => {
            const c = ctx.config();
            const store = await openStore({ file: c.storeFile, seedFile: c.seedFile, demoFile: c.demoFile });
            if (months === undefined) {
                const p = store.read().settings.reviewCycle;
                ctx.io.out(
                    p
                        ? `The partnership's review cycle is ${p.months} months (set by ${p.setBy}, ${p.setAt.slice(0, 10)}).`
                        : 'No review cycle is set: only documents that state a review date have one.',
                );
                return;
            }
            const value = /^none$/i.test(months.trim()) ? undefined : Number(months);
            if (value !== undefined && !/^\d+$/.test(months.trim()))
                throw new AppError('cli.badValue', `"${months}" is not a number of months (or "none").`);
            const by = opts.by?.trim() || `command line (${os.userInfo().username})`;
            const r = await setReviewCyclePolicy(store, value, by, clock());
            ctx.io.out(
                r.after === undefined
                    ? `The review cycle is cleared (it was ${r.before ?? 'not set'}): only documents that state a review date have one.`
                    : `The partnership's review cycle is now ${r.after} months (it was ${r.before ?? 'not set'}).`,
            );
        });

    group(program, 'export', 'Export data to a file.')
        .command('register [file]')
        .description(
            'Write the protocol register to a CSV file (default or "-": print it), in the columns the import reads.',
        )
        .action(async (file: string | undefined) => {
            const c = ctx.config();
            // No store yet: export what it would be created from, without creating it.
            const protocols = fs.existsSync(c.storeFile)
                ? (await openStore({ file: c.storeFile })).read().protocols
                : readSeed(c.seedFile, c.demoFile).protocols;
            const csv = registerToCsv(protocols);
            if (!file || file === '-') {
                ctx.io.out(csv.replace(/^\uFEFF/, '').trimEnd());
                return;
            }
            writeText(file, csv);
            ctx.io.out(`Exported ${counted(protocols.length, 'document')} to ${file}.`);
        });
}
