/**
 * The partnership manager's one-to-one chat with a file in it, over HTTP: a local file server standing
 * in for the download URL Teams gives the bot, the real bot allowed to fetch from it, and the fake Bot
 * Connector the bot answers through. `fileChat()` sets all three up around each test.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { FILE_DOWNLOAD_INFO } from '../../src/bot/routes/files.js';
import type { StoreData } from '../../src/domain/model.js';
import { openStore } from '../../src/store/store.js';
import { cardAction, message, type Sender } from './activities.js';
import { startBot, type BotUnderTest } from './botServer.js';
import { FakeConnector } from './fakeConnector.js';
import { sampleData } from './fixtures.js';

/** A local server standing in for the download URL Teams gives the bot; it records every request. */
export class FileServer {
    readonly files = new Map<string, Buffer>();
    readonly requests: string[] = [];
    private server?: http.Server;
    url = '';
    async start(): Promise<this> {
        this.server = http.createServer((req, res) => {
            this.requests.push(req.url ?? '');
            const body = this.files.get(req.url ?? '');
            if (!body) {
                res.statusCode = 404;
                res.end();
                return;
            }
            res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': body.length });
            res.end(body);
        });
        await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
        this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
        return this;
    }
    stop(): Promise<void> {
        return new Promise((r) => this.server?.close(() => r()));
    }
}

/** An Adaptive Card as the bot sends it, with the parts the file tests read. */
export interface SentCard {
    body: { type?: string; id?: string; text?: string; items?: { text?: string }[]; choices?: { value: string }[] }[];
    actions?: { verb: string; data: Record<string, string> }[];
}

/** The first card among activities the bot sent, if any. */
export const cardOf = (activities: { attachments?: { content: unknown }[] }[]): SentCard | undefined =>
    activities.find((a) => a.attachments?.length)?.attachments?.[0].content as SentCard | undefined;

/** The data of a card's action with this verb (failing the test when the card has none). */
export function actionData(card: SentCard | undefined, verb: string): Record<string, string> {
    const action = card?.actions?.find((a) => a.verb === verb);
    if (!action) throw new Error(`the card has no ${verb} action: ${JSON.stringify(card)}`);
    return action.data;
}

export interface FileChat {
    connector: FakeConnector;
    files: FileServer;
    bot: BotUnderTest;
    /** Starts the bot on `data` (the sample partnership by default), allowed to fetch from the file server. */
    start: (env?: Record<string, string>, data?: StoreData) => Promise<void>;
    /**
     * Sends a file (served at `/<name>`, URL-encoded, unless `url` is given) and returns the bot's answer after
     * "Reading ...": a card or a message (or the refusal, when the bot does not read it).
     */
    send: (from: Sender, name: string, body: Buffer | string | undefined, url?: string) => Promise<SentActivity[]>;
    /** Presses a card's button: an `adaptiveCard/action` invoke; the body is the card or message that answers it. */
    press: (from: Sender, verb: string, data: Record<string, unknown>) => Promise<{ status: number; body: unknown }>;
    /** The store as the bot left it. */
    storeData: () => Promise<StoreData>;
}

export interface SentActivity {
    text: string;
    attachments?: { content: unknown }[];
}

/**
 * Sets up a file chat before each test of the enclosing `describe` and tears it down after. The bot's
 * clock reads `now` (a function, for a test that moves time on).
 */
export function fileChat(now: Date | (() => Date)): FileChat {
    const chat = {} as FileChat;
    beforeEach(async () => {
        chat.connector = await new FakeConnector().start();
        chat.files = await new FileServer().start();
    });
    afterEach(async () => {
        await chat.bot?.stop();
        await chat.files.stop();
        await chat.connector.stop();
    });
    chat.start = async (env = {}, data = sampleData()) => {
        chat.bot = await startBot({
            data,
            clock: typeof now === 'function' ? now : () => now,
            env: { FILE_DOWNLOAD_HOSTS: `127.0.0.1:${new URL(chat.files.url).port}`, ...env },
        });
    };
    const fileMessage = (from: Sender, name: string, downloadUrl: string, fileType = name.split('.').pop()!) => ({
        ...message(from, '', { serviceUrl: chat.connector.url }),
        text: undefined,
        attachments: [
            {
                contentType: FILE_DOWNLOAD_INFO,
                name,
                contentUrl: downloadUrl,
                content: { downloadUrl, uniqueId: 'u1', fileType },
            },
        ],
    });
    chat.send = async (from, name, body, url) => {
        const { bot, connector, files } = chat;
        if (body !== undefined) files.files.set(`/${encodeURIComponent(name)}`, Buffer.from(body));
        const before = connector.activities().length;
        await bot.post(fileMessage(from, name, url ?? `${files.url}/${encodeURIComponent(name)}`));
        const reading = connector.activities().slice(before) as SentActivity[];
        if (!reading.some((a) => a.text?.startsWith('Reading'))) return reading;
        await connector.waitFor(
            (c) => c.kind === 'send' || (c.kind === 'reply' && connector.activities().length > before + 1),
        );
        return connector.activities().slice(before + 1) as SentActivity[];
    };
    chat.press = (from, verb, data) => chat.bot.post(cardAction(from, verb, data, { serviceUrl: chat.connector.url }));
    chat.storeData = async () => (await openStore({ file: chat.bot.storeFile })).read();
    return chat;
}
