/** Entry point: configuration -> runtime -> listen. Wiring only. */
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './log.js';
import { startRuntime } from './runtime.js';
import { StoreError } from './store/store.js';

async function main(): Promise<void> {
    let config;
    try {
        config = loadConfig();
    } catch (err) {
        if (err instanceof ConfigError) {
            console.error(err.message);
            process.exit(2);
        }
        throw err;
    }
    const log = createLogger(config.logLevel);
    if (!config.authEnabled) {
        log.warn(
            '**************************************************************************\n' +
                '  AUTHENTICATION IS OFF: no BOT_ID is set. Requests are not validated.\n' +
                `  Listening on ${config.host} only. Set BOT_ID, BOT_TENANT_ID and BOT_PASSWORD (or BOT_TYPE=UserAssignedMsi) for Teams.\n` +
                '**************************************************************************',
        );
    }
    let runtime;
    try {
        runtime = await startRuntime(config, log);
    } catch (err) {
        if (err instanceof StoreError) {
            log.fatal({ code: err.code }, err.message);
            console.error(err.message);
            process.exit(3);
        }
        throw err;
    }
    log.info(
        { url: runtime.url, store: runtime.deps.store.file, auth: config.authEnabled },
        `KHG Partnership Bot listening on ${runtime.url}/api/messages`,
    );
    const shutdown = (signal: string) => {
        log.info({ signal }, 'shutting down');
        runtime.stop().then(
            () => process.exit(0),
            () => process.exit(1),
        );
    };
    process.once('SIGINT', () => shutdown('SIGINT'));
    process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
    console.error('The bot could not start:', err);
    process.exit(1);
});
