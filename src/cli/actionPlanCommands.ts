/**
 * `khg-bot import actions GROUP FILE` and `khg-bot export actions GROUP [FILE]`: a group's action plan
 * (CSV or .xlsx) to and from its milestones. The import is all or nothing: every row that cannot be
 * mapped is listed by its row number and nothing is stored. It is the same use case as an action plan
 * sent in Teams (`importActionPlan`), and is kept in the audit trail as that is.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { systemClock, type Clock } from '../clock.js';
import type { Config } from '../config.js';
import { actionPlanRows, type MappedPlan } from '../domain/actionPlan.js';
import { groupFinder } from '../domain/groupNames.js';
import type { Group, StoreData } from '../domain/model.js';
import { AppError } from '../errors.js';
import { openStore, readSeed } from '../store/store.js';
import { actionPlanCsv, readActionPlan, writeActionPlan } from '../formats/actionPlanFile.js';
import { importActionPlan } from '../services/actionPlans.js';
import { importWithRecord, recordImport } from '../services/imports.js';
import { counted } from '../domain/words.js';

export interface ActionPlanCliContext {
    io: { out: (line: string) => void; err: (line: string) => void };
    config: () => Config;
    clock?: Clock;
}

function group(program: Command, name: 'import' | 'export', description: string): Command {
    return program.commands.find((c) => c.name() === name) ?? program.command(name).description(description);
}

/** The group a command names, by id or by any of its names ("asset-management", "Asset Management", "KHOG"). */
function findGroup(data: Pick<StoreData, 'groups'>, name: string): Group {
    const byId = data.groups.find((g) => g.id === name.trim().toLowerCase());
    const found = byId ? [byId] : groupFinder(data.groups).find(name);
    if (found.length !== 1)
        throw new AppError(
            'actions.unknownGroup',
            found.length === 0
                ? `No group called "${name.slice(0, 60)}". Groups: ${data.groups.map((g) => g.id).join(', ')}.`
                : `"${name.slice(0, 60)}" could be ${found.map((g) => g.name).join(' or ')}: give the group's id.`,
        );
    return found[0];
}

class DryRun extends Error {}

export function addActionPlanCommands(program: Command, ctx: ActionPlanCliContext): void {
    const clock = ctx.clock ?? systemClock;
    group(program, 'import', 'Import data from a file.')
        .command('actions <group> <file>')
        .description(
            "Read a group's action plan (CSV or .xlsx) into milestones under its objectives. Columns, found by their headings: " +
                'objective or reference, action, outcomes or milestones, lead, timescale or target, update. All or nothing.',
        )
        .option('--dry-run', 'check the file against the store and report, without saving')
        .option(
            '--by <name>',
            'who to record in each milestone\'s history (default: "command line" and your user name)',
        )
        .action(async (groupName: string, file: string, opts: { dryRun?: boolean; by?: string }, command: Command) => {
            const dryRun = Boolean(opts.dryRun || command.parent?.opts<{ dryRun?: boolean }>().dryRun);
            const table = await readActionPlan(file);
            const c = ctx.config();
            const store = await openStore({ file: c.storeFile, seedFile: c.seedFile });
            const target = findGroup(store.read(), groupName);
            const by = opts.by?.trim() || `command line (${os.userInfo().username})`;
            let mapped: MappedPlan | undefined;
            const now = clock();
            try {
                const done = await importWithRecord(store, { kind: 'actions', groupId: target.id }, () =>
                    store.transact((d) => {
                        mapped = importActionPlan(d, target.id, table, by, now, file);
                        if (dryRun) throw new DryRun();
                    }),
                );
                await recordImport(store, {
                    kind: 'actions',
                    groupId: target.id,
                    fileName: path.basename(file),
                    by: { name: by },
                    via: 'cli',
                    ...done,
                    now,
                });
            } catch (err) {
                if (!(err instanceof DryRun)) throw err;
            }
            const m = mapped!;
            ctx.io.out(
                `${dryRun ? 'Checked' : 'Imported'} ${counted(table.rows.length, 'row')} of ${target.name}'s action plan: ` +
                    `${m.added} new, ${m.changed} changed, ${m.unchanged} unchanged milestones` +
                    (m.kept ? `; ${counted(m.kept, 'milestone')} not in the file kept as they were` : '') +
                    '.',
            );
            const assumed = m.milestones.filter((x) => x.stateAssumed && x.groupId === target.id).length;
            if (assumed)
                ctx.io.out(
                    `  ${assumed} milestone${assumed === 1 ? "'s state was" : "s' states were"} assumed from the update's wording (shown as assumed until the chair confirms).`,
                );
            if (table.ignoredHeadings.length) ctx.io.out(`  Ignored columns: ${table.ignoredHeadings.join(', ')}`);
            if (dryRun) ctx.io.out('Nothing was changed (dry run).');
        });

    group(program, 'export', 'Export data to a file.')
        .command('actions <group> [file]')
        .description(
            'Write a group\'s milestones as an action plan (CSV or .xlsx; default or "-": print CSV), in the columns the import reads.',
        )
        .action(async (groupName: string, file: string | undefined) => {
            const c = ctx.config();
            const data = fs.existsSync(c.storeFile)
                ? (await openStore({ file: c.storeFile })).read()
                : readSeed(c.seedFile);
            const target = findGroup(data, groupName);
            const plan = actionPlanRows(data, target.id);
            if (!file || file === '-') {
                ctx.io.out(actionPlanCsv(plan).trimEnd());
                return;
            }
            await writeActionPlan(file, plan);
            ctx.io.out(`Exported ${counted(plan.rows.length, 'milestone')} of ${target.name} to ${file}.`);
        });
}
