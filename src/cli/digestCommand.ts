/** `npx khg-bot digest --period YYYY-MM --out FILE.xlsx [--format md]`: the digest without Teams. */
import fs from 'node:fs';
import type { Command } from 'commander';
import type { Config } from '../config.js';
import { digestMarkdown } from '../formats/digestMarkdown.js';
import { createWorkbook } from '../formats/digestWorkbook.js';
import type { RegisterSummary } from '../domain/digest.js';
import type { ThemeCode } from '../domain/model.js';
import { AppError } from '../errors.js';
import { buildDigest } from '../services/digest.js';
import { openStore } from '../store/store.js';

export interface DigestCommandContext {
    out: (line: string) => void;
    config: () => Config;
    now?: () => Date;
    registerSummary?: (
        data: ReturnType<Awaited<ReturnType<typeof openStore>>['read']>,
        now: Date,
        config: Config,
    ) => RegisterSummary;
}

export function addDigestCommand(program: Command, ctx: DigestCommandContext): void {
    program
        .command('digest')
        .description('Write the digest for a Board period: a spreadsheet (.xlsx), or Markdown for a Board paper.')
        .option(
            '--period <YYYY-MM>',
            'the Board period: updates due in the six months up to this month (default: this month)',
        )
        .option('--theme <code>', 'one theme only: HW, SH, I, HD or A')
        .option('--group <id>', 'one group only')
        .option('--format <format>', 'xlsx or md', 'xlsx')
        .option('--out <file>', 'where to write it (Markdown goes to the screen without --out)')
        .action(async (o: { period?: string; theme?: string; group?: string; format: string; out?: string }) => {
            if (o.period && !/^\d{4}-(0[1-9]|1[0-2])$/.test(o.period))
                throw new AppError('digest.badPeriod', `--period must be YYYY-MM, e.g. 2026-09 (got "${o.period}").`);
            if (!['xlsx', 'md'].includes(o.format))
                throw new AppError('digest.badFormat', `--format must be xlsx or md (got "${o.format}").`);
            if (o.format === 'xlsx' && !o.out)
                throw new AppError('digest.noOut', 'A spreadsheet needs --out FILE.xlsx.');
            const config = ctx.config();
            const store = await openStore({ file: config.storeFile });
            const data = store.read();
            if (o.theme && !data.themes.some((t) => t.code === o.theme))
                throw new AppError(
                    'digest.badTheme',
                    `--theme must be one of ${data.themes.map((t) => t.code).join(', ')}.`,
                );
            if (o.group && !data.groups.some((g) => g.id === o.group && g.reports))
                throw new AppError('digest.badGroup', `No reporting group has the id "${o.group}".`);
            const now = ctx.now?.() ?? new Date();
            const digest = await buildDigest(
                store,
                { period: o.period, theme: o.theme as ThemeCode | undefined, groupId: o.group },
                now,
                config.timeZone,
                ctx.registerSummary?.(data, now, config),
            );
            if (o.format === 'md') {
                const md = digestMarkdown(digest);
                if (o.out) fs.writeFileSync(o.out, md);
                else md.split('\n').forEach((l) => ctx.out(l));
            } else {
                fs.writeFileSync(o.out!, await createWorkbook(digest));
            }
            if (o.out)
                ctx.out(
                    `Wrote the ${digest.label} digest (${digest.reported} of ${digest.expected} groups reported) to ${o.out}.`,
                );
        });
}
