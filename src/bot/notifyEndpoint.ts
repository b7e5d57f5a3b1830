/**
 * `POST /api/notify`: an external scheduler's trigger for a reminder run. Off unless NOTIFY_TOKEN is
 * set; requires `Authorization: Bearer <NOTIFY_TOKEN>` (compared in constant time). The body may be
 * empty or `{"dryRun": true}`, which returns what would be sent and sends nothing.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Server } from 'restify';
import type { RunReport } from '../services/reminders.js';

const digest = (s: string) => createHash('sha256').update(s).digest();

export function bearerMatches(header: string | undefined, token: string): boolean {
    const m = /^Bearer\s+(.+)$/i.exec(header ?? '');
    return m !== null && timingSafeEqual(digest(m[1].trim()), digest(token));
}

export function addNotifyRoute(
    server: Server,
    token: string | undefined,
    run: (dryRun: boolean) => Promise<RunReport>,
): void {
    server.post('/api/notify', async (req, res) => {
        if (!token) {
            res.send(404, { error: 'The notify endpoint is off: set NOTIFY_TOKEN to turn it on.' });
            return;
        }
        if (!bearerMatches(req.header('authorization'), token)) {
            res.header('WWW-Authenticate', 'Bearer');
            res.send(401, { error: 'A valid bearer token is required.' });
            return;
        }
        const body: unknown = req.body ?? {};
        if (typeof body !== 'object' || body === null || Array.isArray(body)) {
            res.send(400, { error: 'The body must be empty or a JSON object such as {"dryRun": true}.' });
            return;
        }
        const dryRun = (body as { dryRun?: unknown }).dryRun;
        if (dryRun !== undefined && typeof dryRun !== 'boolean') {
            res.send(400, { error: '"dryRun" must be true or false.' });
            return;
        }
        try {
            res.send(200, await run(dryRun === true));
        } catch (err) {
            res.send(500, { error: `The reminder run failed: ${(err as Error).message}` });
        }
    });
}
