/**
 * The floor: the bot's own stack (restify with its body parser, the same TeamsAdapter, a teams-ai
 * Application with the bot's options) answering with a plain echo: a message echoes the text, an
 * Action.Execute echoes its data on a card. Whatever the bot adds is measured against this.
 */
import { Application, type TurnState } from '@microsoft/teams-ai';
import { MemoryStorage } from 'botbuilder';
import { createAdapter } from '../../src/bot/adapter.js';
import type { Config } from '../../src/config.js';
import { listen, MAX_BODY_BYTES } from '../../src/bot/server.js';
import restify from 'restify';

export interface Floor {
    url: string;
    stop(): Promise<void>;
}

export async function startFloor(config: Config): Promise<Floor> {
    const adapter = createAdapter(config);
    const app = new Application<TurnState>({
        storage: new MemoryStorage(),
        adapter,
        botAppId: config.auth.appId ?? '',
        startTypingTimer: true,
        removeRecipientMention: true,
    });
    app.message(/.*/, async (context) => {
        await context.sendActivity(`echo: ${context.activity.text}`);
    });
    app.adaptiveCards.actionExecute('echo', async (_context, _state, data) => ({
        type: 'AdaptiveCard',
        version: '1.5',
        body: [{ type: 'TextBlock', text: JSON.stringify(data), wrap: true }],
    }));
    const server = restify.createServer({ name: 'echo', handleUncaughtExceptions: false });
    server.use(restify.plugins.bodyReader({ maxBodySize: MAX_BODY_BYTES }));
    server.use(restify.plugins.jsonBodyParser({ bodyReader: true, mapParams: false }));
    server.post('/api/messages', async (req, res) => {
        await adapter.process(req, res, async (context) => {
            await app.run(context);
        });
    });
    const { port } = await listen(server, 0, '127.0.0.1');
    return {
        url: `http://127.0.0.1:${port}`,
        stop: () =>
            new Promise<void>((resolve) => {
                server.close(() => {
                    resolve();
                });
            }),
    };
}
