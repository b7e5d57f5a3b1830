/**
 * The HTTP surface: Bot Framework messages, a health check, and whatever routes the features add.
 * restify, because `adapter.process` needs a response with `header()`.
 */
import restify, { type Server } from 'restify';
import type { TeamsAdapter } from '@microsoft/teams-ai';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { activityProblem } from './activityShape.js';
import type { BotApp } from './botApp.js';

export interface ServerDeps {
    config: Config;
    log: Logger;
    adapter: TeamsAdapter;
    app: BotApp;
    storeFile: string;
    version: string;
    /** Further routes (the notify endpoint, download links). */
    routes?: (server: Server) => void;
}

/** The largest request body read; a bigger one gets 413. */
export const MAX_BODY_BYTES = 1024 * 1024;

export function createServer(deps: ServerDeps): Server {
    const server = restify.createServer({ name: 'khg-bot', handleUncaughtExceptions: false });
    // JSON only: Teams, the notify trigger and the tests all send JSON. The full body parser would also accept
    // multipart uploads (written to disk by formidable), which nothing here needs.
    server.use(restify.plugins.bodyReader({ maxBodySize: MAX_BODY_BYTES }));
    server.use(restify.plugins.jsonBodyParser({ bodyReader: true, mapParams: false }));

    server.post('/api/messages', async (req, res) => {
        const problem = activityProblem(req.body);
        if (problem) {
            res.send(400, { code: 'BadArgument', message: problem });
            return;
        }
        await deps.adapter.process(req, res, async (context) => {
            await deps.app.run(context);
        });
    });

    server.get('/healthz', (_req, res, next) => {
        res.send(200, { status: 'ok', version: deps.version, store: deps.storeFile, auth: deps.config.authEnabled });
        next();
    });

    deps.routes?.(server);
    return server;
}

export function listen(server: Server, port: number, host: string): Promise<{ port: number; host: string }> {
    return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
            const address = server.address() as { port: number; address: string };
            resolve({ port: address.port, host: address.address });
        });
    });
}
