/**
 * `GET /api/digest/download?t=<signed link>`: the digest spreadsheet. The link is signed and expires;
 * the workbook is built from the store when the link is used, so nothing sits behind a permanent URL.
 */
import type { Server } from 'restify';
import { createWorkbook } from '../formats/digestWorkbook.js';
import type { LinkClaims } from '../digest/links.js';
import { AppError } from '../errors.js';
import { buildDigest } from '../services/digest.js';
import type { BotDeps } from './deps.js';

/** How long a download link works. */
export const LINK_MINUTES = 60;

/** How long the Board paper's link sent to observers works: they read it in the days before the meeting. */
export const OBSERVER_LINK_DAYS = 14;

/** `groupId/period` pairs from a link's `updates` claim (malformed ones left out). */
function updatesIn(text: string): { groupId: string; period: string }[] {
    return text
        .split(',')
        .slice(0, 500)
        .map((t) => /^([a-z0-9][a-z0-9-]{0,79})\/(\d{4}-(?:0[1-9]|1[0-2]))$/.exec(t))
        .filter((m): m is RegExpExecArray => Boolean(m))
        .map((m) => ({ groupId: m[1], period: m[2] }));
}

export function downloadUrl(deps: BotDeps, claims: Omit<LinkClaims, 'exp'>, minutes = LINK_MINUTES): string {
    const token = deps.links.sign({ ...claims, exp: deps.clock().getTime() + minutes * 60_000 });
    return `${deps.config.publicUrl}/api/digest/download?t=${encodeURIComponent(token)}`;
}

export function addDigestDownloadRoute(server: Server, deps: BotDeps): void {
    server.get('/api/digest/download', async (req, res) => {
        const fromQuery = (req.query as Record<string, unknown> | undefined)?.t;
        const token =
            typeof fromQuery === 'string'
                ? fromQuery
                : (new URL(req.url ?? '', 'http://x').searchParams.get('t') ?? '');
        const check = deps.links.verify(token, deps.clock().getTime());
        if (!check.ok) {
            const [status, message] =
                check.reason === 'expired'
                    ? [410, 'This download link has expired. Ask the bot for the digest again to get a fresh one.']
                    : check.reason === 'tampered'
                      ? [403, 'This download link is not valid.']
                      : [400, 'This is not a download link.'];
            deps.log.warn({ reason: check.reason }, 'digest download refused');
            res.send(status, { error: message });
            return;
        }
        const { period, theme, groupId, by, format, updates, label } = check.claims;
        if (!period) {
            res.send(400, { error: 'This is not a digest download link.' });
            return;
        }
        const now = deps.clock();
        let digest;
        try {
            digest = await buildDigest(
                deps.store,
                {
                    period,
                    theme: theme as never,
                    groupId,
                    updates: typeof updates === 'string' ? updatesIn(updates) : undefined,
                    label: typeof label === 'string' ? label.slice(0, 200) : undefined,
                },
                now,
                { zone: deps.config.timeZone, boardPaperWorkingDays: deps.config.boardPaperWorkingDays },
                deps.registerSummary?.(now),
            );
        } catch (err) {
            if (err instanceof AppError) {
                res.send(404, { error: err.message });
                return;
            }
            throw err;
        }
        const paper = format === 'docx';
        // docx and the chart's libraries load with the first paper, not at start.
        const body = paper
            ? await (await import('../digest/boardPaper.js')).createBoardPaper(digest)
            : await createWorkbook(digest);
        deps.log.info({ period, by, format: paper ? 'docx' : 'xlsx' }, 'digest downloaded');
        // The current round's id is "current": the file is named after the day it was collected.
        const name = `khg-${paper ? 'board-paper' : 'digest'}-${period === 'current' ? now.toISOString().slice(0, 10) : period}.${paper ? 'docx' : 'xlsx'}`;
        res.writeHead(200, {
            'content-type': paper
                ? 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
                : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
            'content-disposition': `attachment; filename="${name}"`,
            'content-length': body.length,
            'cache-control': 'no-store',
        });
        res.end(body);
    });
}
