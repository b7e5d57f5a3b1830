/** `npx khg-bot digest [--period ROUND] --out FILE [--format xlsx|docx|md]`: the digest, or the Board paper, without Teams. */
import fs from 'node:fs';
import type { Command } from 'commander';
import type { Config } from '../config.js';
import { digestMarkdown } from '../formats/digestMarkdown.js';
import { createBoardPaper } from '../digest/boardPaper.js';
import { createWorkbook } from '../formats/digestWorkbook.js';
import { reportedLine } from '../domain/digest.js';
import { isRoundId } from '../domain/rounds.js';
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
        .description('Write the digest of a round: a spreadsheet (.xlsx), the Board paper (.docx), or Markdown.')
        .option(
            '--period <round>',
            'the round: YYYY-MM (a month in which updates are due), board-YYYY-MM-DD (a Board meeting), or current (default: the next recorded Board meeting, else the round being collected)',
        )
        .option('--theme <code>', 'one theme only: HW, SH, I, HD or A')
        .option('--group <id>', 'one group only')
        .option('--format <format>', 'xlsx, docx (the Board paper) or md', 'xlsx')
        .option('--out <file>', 'where to write it (Markdown goes to the screen without --out)')
        .action(async (o: { period?: string; theme?: string; group?: string; format: string; out?: string }) => {
            if (o.period && !isRoundId(o.period))
                throw new AppError(
                    'digest.badPeriod',
                    `--period must be YYYY-MM, board-YYYY-MM-DD or current, e.g. 2026-09 (got "${o.period}").`,
                );
            if (!['xlsx', 'md', 'docx'].includes(o.format))
                throw new AppError('digest.badFormat', `--format must be xlsx, docx or md (got "${o.format}").`);
            if (o.format === 'xlsx' && !o.out)
                throw new AppError('digest.noOut', 'A spreadsheet needs --out FILE.xlsx.');
            if (o.format === 'docx' && !o.out)
                throw new AppError('digest.noOut', 'A Board paper needs --out FILE.docx.');
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
                { zone: config.timeZone, boardPaperWorkingDays: config.boardPaperWorkingDays },
                ctx.registerSummary?.(data, now, config),
            );
            if (o.format === 'md') {
                const md = digestMarkdown(digest);
                if (o.out) fs.writeFileSync(o.out, md);
                else md.split('\n').forEach((l) => ctx.out(l));
            } else if (o.format === 'docx') {
                fs.writeFileSync(o.out!, await createBoardPaper(digest));
            } else {
                fs.writeFileSync(o.out!, await createWorkbook(digest));
            }
            if (o.out)
                ctx.out(
                    `Wrote the ${o.format === 'docx' ? 'Board paper' : 'digest'} for ${digest.label} to ${o.out}. ${reportedLine(digest.reported, digest.expected)}`,
                );
        });
}
