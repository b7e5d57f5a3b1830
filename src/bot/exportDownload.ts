/**
 * `GET /api/export/download?t=<signed link>`: the register, groups, roster or objectives as an .xlsx
 * workbook in the import's own layout, for the partnership manager to edit and send back. The link is
 * signed and expires (as the digest's); the workbook is built from the store when the link is used.
 */
import type { Server } from 'restify';
import { TABLE_KINDS, type TableKind } from '../domain/imports.js';
import { exportWorkbook } from '../services/imports.js';
import type { BotDeps } from './deps.js';
import { LINK_MINUTES } from './digestDownload.js';

export function exportUrl(deps: BotDeps, claims: { kind: TableKind; by: string }): string {
    const token = deps.links.sign({
        export: claims.kind,
        by: claims.by,
        exp: deps.clock().getTime() + LINK_MINUTES * 60_000,
    });
    return `${deps.config.publicUrl}/api/export/download?t=${encodeURIComponent(token)}`;
}

export function addExportDownloadRoute(server: Server, deps: BotDeps): void {
    server.get('/api/export/download', async (req, res) => {
        const token = new URL(req.url ?? '', 'http://x').searchParams.get('t') ?? '';
        const check = deps.links.verify(token, deps.clock().getTime());
        const kind = check.ok ? TABLE_KINDS.find((k) => k === check.claims.export) : undefined;
        if (!check.ok || !kind) {
            const reason = check.ok ? 'malformed' : check.reason;
            const [status, message] =
                reason === 'expired'
                    ? [410, 'This download link has expired. Ask the bot for the spreadsheet again to get a fresh one.']
                    : reason === 'tampered'
                      ? [403, 'This download link is not valid.']
                      : [400, 'This is not a download link.'];
            deps.log.warn({ reason }, 'export download refused');
            res.send(status, { error: message });
            return;
        }
        const body = await exportWorkbook(kind, deps.store.read());
        deps.log.info({ kind, by: check.claims.by }, 'spreadsheet exported');
        res.writeHead(200, {
            'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
            'content-disposition': `attachment; filename="khg-${kind}.xlsx"`,
            'content-length': body.length,
            'cache-control': 'no-store',
        });
        res.end(body);
    });
}
