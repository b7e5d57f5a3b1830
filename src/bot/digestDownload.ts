/**
 * `GET /api/digest/download?t=<signed link>`: the digest spreadsheet. The link is signed and expires;
 * the workbook is built from the store when the link is used, so nothing sits behind a permanent URL.
 */
import type { Server } from 'restify';
import { createWorkbook } from '../formats/digestWorkbook.js';
import { buildDigest } from '../services/digest.js';
import type { BotDeps } from './deps.js';

/** How long a download link works. */
export const LINK_MINUTES = 60;

export function downloadUrl(
    deps: BotDeps,
    claims: { period: string; theme?: string; groupId?: string; by: string },
): string {
    const token = deps.links.sign({ ...claims, exp: deps.clock().getTime() + LINK_MINUTES * 60_000 });
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
        const { period, theme, groupId, by } = check.claims;
        if (!period) {
            res.send(400, { error: 'This is not a digest download link.' });
            return;
        }
        const now = deps.clock();
        const digest = await buildDigest(
            deps.store,
            { period, theme: theme as never, groupId },
            now,
            deps.config.timeZone,
            deps.registerSummary?.(now),
        );
        const body = await createWorkbook(digest);
        deps.log.info({ period, by }, 'digest downloaded');
        res.writeHead(200, {
            'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
            'content-disposition': `attachment; filename="khg-digest-${period}.xlsx"`,
            'content-length': body.length,
            'cache-control': 'no-store',
        });
        res.end(body);
    });
}
