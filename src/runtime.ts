/**
 * Builds the running bot from its configuration: store, recogniser, adapter, application, server.
 * Shared by `index.ts` and the end-to-end tests, so the tests run exactly what production runs.
 */
import type { Server } from 'restify';
import { systemClock, type Clock } from './clock.js';
import type { Config } from './config.js';
import type { Logger } from './log.js';
import { createAdapter } from './bot/adapter.js';
import { createApp, type BotApp } from './bot/app.js';
import type { BotDeps } from './bot/deps.js';
import { readCorpus, trainRecognizer } from './nlu/recognizer.js';
import { openStore } from './store/store.js';
import { NLU_DIR, packageVersion } from './paths.js';
import { createServer, listen } from './server.js';


export interface Runtime {
    deps: BotDeps;
    app: BotApp;
    server: Server;
    url: string;
    stop(): Promise<void>;
}

export async function startRuntime(config: Config, log: Logger, clock: Clock = systemClock): Promise<Runtime> {
    const store = await openStore({ file: config.storeFile, seedFile: config.seedFile });
    const recognizer = await trainRecognizer(readCorpus(NLU_DIR));
    const deps: BotDeps = { config, store, clock, log, recognizer };
    const adapter = createAdapter(config);
    const app = createApp(deps, { adapter, startTypingTimer: true });
    const server = createServer({ config, log, adapter, app, storeFile: store.file, version: packageVersion() });
    const { port, host } = await listen(server, config.port, config.host);
    const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
    return {
        deps,
        app,
        server,
        url,
        stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
    };
}
