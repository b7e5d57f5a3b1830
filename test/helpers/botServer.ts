/**
 * Starts the real bot (the same runtime `npm start` runs) on a free loopback port with a temporary
 * store, and posts activities to it over HTTP as Teams would.
 */
import { checkShownDates } from './shownDates.js';
import path from 'node:path';
import type { Activity } from 'botbuilder';
import { loadConfig } from '../../src/config.js';
import { silentLogger, type Logger } from '../../src/log.js';
import { startRuntime, type Runtime } from '../../src/runtime.js';
import type { Clock } from '../../src/clock.js';
import type { Feature } from '../../src/bot/feature.js';
import type { StoreData } from '../../src/domain/model.js';
import type { PromptCompletionModel } from '@microsoft/teams-ai';
import { sampleData, tempDir, writeStoreFile } from './fixtures.js';

export interface BotUnderTest {
    runtime: Runtime;
    url: string;
    storeFile: string;
    post(activity: Partial<Activity>, headers?: Record<string, string>): Promise<{ status: number; body: unknown }>;
    /** Stops the server; the temporary store is removed unless `keepStore` (to restart on it). */
    stop(keepStore?: boolean): Promise<void>;
}

export async function startBot(
    options: {
        data?: StoreData;
        env?: Record<string, string>;
        clock?: Clock;
        log?: Logger;
        storeFile?: string;
        features?: readonly Feature[];
        /** A language model (teams-ai's `TestModel`), as if one were configured. */
        model?: PromptCompletionModel;
    } = {},
): Promise<BotUnderTest> {
    const tmp = options.storeFile ? undefined : tempDir('khg-bot-');
    const storeFile = options.storeFile ?? writeStoreFile(tmp!.dir, options.data ?? sampleData());
    const config = loadConfig({
        PORT: '0',
        STORE_FILE: storeFile,
        SEED_FILE: path.resolve('data/seed.json'),
        DEMO_FILE: path.resolve('data/demo.json'),
        SCHEDULER: 'false',
        LOG_LEVEL: 'silent',
        ...options.env,
    });
    const runtime = await startRuntime(config, options.log ?? silentLogger, {
        clock: options.clock,
        features: options.features,
        model: options.model,
    });
    return {
        runtime,
        url: runtime.url,
        storeFile,
        async post(activity, headers = {}) {
            const res = await fetch(`${runtime.url}/api/messages`, {
                method: 'POST',
                headers: { 'content-type': 'application/json', ...headers },
                body: JSON.stringify(activity),
            });
            const text = await res.text();
            let body: unknown = text;
            try {
                body = text ? JSON.parse(text) : undefined;
            } catch {
                // not JSON: keep the text
            }
            checkShownDates(
                `the answer to a ${typeof activity.type === 'string' ? activity.type : 'malformed'} activity`,
                body,
            );
            return { status: res.status, body };
        },
        async stop(keepStore = false) {
            await runtime.stop();
            if (!keepStore) tmp?.cleanup();
        },
    };
}

/**
 * Posts an activity as Teams does when a bot is slow to answer: if no answer came within `afterMs`,
 * the same activity (the same id) is delivered again. Resolves with every delivery's answer.
 */
export async function postAsTeams(
    bot: Pick<BotUnderTest, 'post'>,
    activity: Partial<Activity>,
    afterMs: number,
): Promise<{ status: number; body: unknown }[]> {
    const first = bot.post(activity);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), afterMs)));
    const which = await Promise.race([first.then(() => 'answered' as const), late]);
    clearTimeout(timer);
    if (which === 'answered') return [await first];
    return Promise.all([first, bot.post(activity)]);
}
