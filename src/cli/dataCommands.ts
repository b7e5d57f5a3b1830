/**
 * `npx khg-bot import groups|roster|objectives FILE.csv` and `npx khg-bot export ... [FILE.csv]`:
 * the partnership manager's spreadsheet in and out of the store. An import is checked in full before
 * anything is written, inside one store transaction, so a bad row imports nothing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importWithRecord, recordImport } from '../services/imports.js';
import { Argument, type Command } from 'commander';
import type { Config } from '../config.js';
import { storeDataSchema } from '../domain/model.js';
import { applyImport, CSV_COLUMNS, CSV_KINDS, exportCsv, type CsvKind } from '../formats/partnershipCsv.js';
import { AppError } from '../errors.js';
import { openStore, readSeed } from '../store/store.js';
import { readCsvFile } from './readCsvFile.js';

export interface DataCommandsContext {
    out: (line: string) => void;
    config: () => Config;
}

/** Thrown inside the transaction to leave the store unchanged after a successful dry run. */
class DryRun extends Error {}

const kindArgument = () => new Argument('<what>', 'groups, roster or objectives').choices(CSV_KINDS);

export function addDataCommands(program: Command, ctx: DataCommandsContext): void {
    const columns = CSV_KINDS.map(
        (k) => `  ${k}: ${[...CSV_COLUMNS[k].required, ...CSV_COLUMNS[k].optional.map((c) => `[${c}]`)].join(', ')}`,
    ).join('\n');

    program
        .command('import')
        .description(
            'Import groups, the roster or the objectives from a CSV file. All or nothing: a bad row imports nothing.',
        )
        .addArgument(kindArgument())
        .argument('<file>', 'the CSV file (header row first)')
        .option('--dry-run', 'check the file against the store and report, without saving')
        .addHelpText('after', `\nColumns:\n${columns}\nImport groups before the roster and objectives that name them.`)
        .action(async (what: CsvKind, file: string, opts: { dryRun?: boolean }) => {
            const text = readCsvFile(file);
            const c = ctx.config();
            const store = await openStore({ file: c.storeFile, seedFile: c.seedFile, demoFile: c.demoFile });
            let result: ReturnType<typeof applyImport> | undefined;
            try {
                const done = await importWithRecord(store, what, () =>
                    store.transact((draft) => {
                        result = applyImport(what, draft, text);
                        const check = storeDataSchema.safeParse(draft);
                        if (!check.success) {
                            const issue = check.error.issues[0];
                            throw new AppError(
                                'csv.invalid',
                                `The ${what} file would break the store (${issue.path.join('.')}: ${issue.message}), so nothing was imported.`,
                            );
                        }
                        if (opts.dryRun) throw new DryRun();
                    }),
                );
                await recordImport(store, {
                    kind: what,
                    fileName: path.basename(file),
                    by: { name: `command line (${os.userInfo().username})` },
                    via: 'cli',
                    ...done,
                    now: new Date(),
                });
            } catch (err) {
                if (!(err instanceof DryRun)) throw err;
            }
            result!.summary.forEach((l) =>
                ctx.out(opts.dryRun ? `Checked, not saved (dry run): ${l}` : `Imported ${l}`),
            );
            result!.notes.forEach((l) => ctx.out(`Note: ${l}`));
        });

    program
        .command('export')
        .description('Export groups, the roster or the objectives as CSV, to a file or to the standard output.')
        .addArgument(kindArgument())
        .argument('[file]', 'the CSV file to write (default: print it)')
        .action(async (what: CsvKind, file: string | undefined) => {
            const c = ctx.config();
            // No store yet: export what it would be created from, without creating it.
            const data = fs.existsSync(c.storeFile)
                ? (await openStore({ file: c.storeFile })).read()
                : readSeed(c.seedFile, c.demoFile);
            if (!file || file === '-') {
                ctx.out(exportCsv(what, data).trimEnd());
                return;
            }
            // With a byte order mark, so that Excel reads the file as UTF-8.
            fs.writeFileSync(file, exportCsv(what, data, true));
            const count =
                what === 'groups'
                    ? data.groups.length
                    : what === 'roster'
                      ? data.roster.length
                      : data.objectives.length;
            ctx.out(`Exported ${count} ${what === 'roster' ? 'roster lines' : what} to ${file}.`);
        });
}
