/** The real server over HTTP, with a fake Bot Connector: what Teams would see. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import sinon from 'sinon';
import { MAX_BODY_BYTES } from '../../src/bot/server.js';
import { botInstalled, botRemoved, installationUpdate, message } from '../helpers/activities.js';
import { startBot, type BotUnderTest } from '../helpers/botServer.js';
import { FakeConnector } from '../helpers/fakeConnector.js';
import { IDS } from '../helpers/fixtures.js';
import { cardText } from '../helpers/cards.js';

const manager = { id: '29:manager', name: 'Morgan Ellis', aadObjectId: IDS.manager };
const chair = { id: '29:priya', name: 'Priya Shah', aadObjectId: IDS.chairOfTwo };
const member = { id: '29:jo', name: 'Jo Baker', aadObjectId: IDS.member };
const stranger = { id: '29:stranger', name: 'Pat Visitor', aadObjectId: '99999999-9999-4999-8999-999999999999' };

describe('the bot over HTTP', () => {
    let connector: FakeConnector;
    let bot: BotUnderTest;

    beforeEach(async () => {
        connector = await new FakeConnector().start();
        bot = await startBot();
    });
    afterEach(async () => {
        sinon.restore();
        await bot.stop();
        await connector.stop();
    });

    it('answers the health check with the store and the auth mode', async () => {
        const res = await fetch(`${bot.url}/healthz`);
        assert.equal(res.status, 200);
        const body = (await res.json()) as { status: string; store: string; auth: boolean };
        assert.equal(body.status, 'ok');
        assert.equal(body.store, bot.storeFile);
        assert.equal(body.auth, false);
    });

    it('accepts JSON only: a multipart upload is refused, runs no handler and writes no file', async () => {
        const run = sinon.spy(bot.runtime.deps.recognizer, 'recognize');
        const tmp = () => new Set(fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith('upload_')));
        const before = tmp();
        const form = new FormData();
        form.append('type', 'message');
        form.append('file', new Blob(['x'.repeat(10_000)]), 'payload.bin');
        const res = await fetch(`${bot.url}/api/messages`, { method: 'POST', body: form });
        assert.ok(res.status >= 400 && res.status < 500, `status ${res.status}`);
        assert.equal(run.callCount, 0);
        assert.deepEqual(
            [...tmp()].filter((f) => !before.has(f)),
            [],
            'no uploaded file on disk',
        );
        assert.equal(connector.activities().length, 0);
    });

    it('refuses a body over the size limit with 413, and runs no handler', async () => {
        const run = sinon.spy(bot.runtime.deps.recognizer, 'recognize');
        const huge = message(member, 'x'.repeat(MAX_BODY_BYTES), { serviceUrl: connector.url });
        const res = await bot.post(huge);
        assert.equal(res.status, 413);
        assert.equal(run.callCount, 0);
    });

    it('listens on loopback only when authentication is off', () => {
        assert.match(bot.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    });

    it('greets a chair on install with a card of what they can do, and saves the conversation', async () => {
        const res = await bot.post(botInstalled(chair, { serviceUrl: connector.url }));
        assert.equal(res.status, 200);
        const [greeting] = connector.activities();
        const text = cardText(greeting.attachments);
        assert.match(text, /Hello Priya/);
        assert.match(text, /chair of Asset Management and chair of Kent Housing Options Group/);
        assert.match(text, /Update my group's progress/);
        assert.doesNotMatch(text, /Digest/, 'the digest is for the manager only');
        const saved = JSON.parse(fs.readFileSync(bot.storeFile, 'utf8')).conversations;
        assert.equal(saved.length, 1);
        assert.equal(saved[0].key, `user:${chair.id}`);
        assert.equal(saved[0].installed, true);
        assert.equal(saved[0].reference.serviceUrl, connector.url);
    });

    it('shows the manager the digest and late groups in help, and a member neither', async () => {
        await bot.post(message(manager, 'help', { serviceUrl: connector.url }));
        await bot.post(message(member, 'help', { serviceUrl: connector.url }));
        const [forManager, forMember] = connector.activities().map((a) => cardText(a.attachments));
        assert.match(forManager, /partnership manager/);
        assert.match(forManager, /Digest/);
        assert.match(forManager, /Which groups are late\?/);
        assert.match(forMember, /member of Asset Management/);
        assert.doesNotMatch(forMember, /Digest|Update my group's progress/);
    });

    it('tells someone on no roster whom to ask, politely', async () => {
        await bot.post(message(stranger, 'hello', { serviceUrl: connector.url }));
        const text = cardText(connector.activities()[0].attachments);
        assert.match(text, /not on any group's roster/);
        assert.match(text, /Morgan Ellis \(morgan\.ellis@example\.com\)/);
    });

    it('answers input it does not understand with suggestions, not silence', async () => {
        await bot.post(message(chair, 'purple elephants dancing', { serviceUrl: connector.url }));
        const [reply] = connector.activities();
        assert.match(reply.text, /not sure what you mean/);
        assert.match(reply.text, /help/);
    });

    it('when a turn fails, logs it with context and tells the person something useful', async () => {
        const error = sinon.stub(bot.runtime.deps.log, 'error');
        sinon.stub(bot.runtime.deps.recognizer, 'recognize').rejects(new Error('recogniser exploded'));
        await bot.post(message(chair, 'help', { serviceUrl: connector.url }));
        const [reply] = connector.activities();
        assert.match(reply.text, /something went wrong on my side/);
        assert.match(reply.text, /Nothing you had already saved is lost/);
        assert.doesNotMatch(reply.text, /recogniser exploded|source code|stack/i);
        assert.equal(error.callCount, 1);
        const [context] = error.firstCall.args as unknown as [Record<string, unknown>];
        assert.equal(context.activityType, 'message');
        assert.equal(context.userId, chair.id);
        assert.match((context.err as { message: string }).message, /recogniser exploded/);
        assert.match(reply.text, new RegExp(`reference ${context.ref as string}`));
    });

    it('marks the conversation uninstalled when the bot is removed, and keeps it when re-installed', async () => {
        await bot.post(installationUpdate(chair, 'add', { serviceUrl: connector.url }));
        await bot.post(installationUpdate(chair, 'remove', { serviceUrl: connector.url }));
        let saved = JSON.parse(fs.readFileSync(bot.storeFile, 'utf8')).conversations;
        assert.equal(saved.length, 1);
        assert.equal(saved[0].installed, false);
        await bot.post(botInstalled(chair, { serviceUrl: connector.url }));
        await bot.post(message(member, 'hello', { serviceUrl: connector.url }));
        await bot.post(botRemoved(member, { serviceUrl: connector.url }));
        saved = JSON.parse(fs.readFileSync(bot.storeFile, 'utf8')).conversations;
        assert.deepEqual(
            saved.map((c: { key: string; installed: boolean }) => [c.key, c.installed]),
            [
                [`user:${chair.id}`, true],
                [`user:${member.id}`, false],
            ],
        );
    });

    it('in a channel, answers only when mentioned', async () => {
        const o = {
            serviceUrl: connector.url,
            conversationType: 'channel' as const,
            conversationId: '19:general@thread.tacv2',
            teamId: '19:team',
        };
        await bot.post(message(chair, 'help', o));
        assert.equal(connector.activities().length, 0);
        await bot.post(message(chair, 'help', { ...o, mentionBot: true }));
        assert.equal(connector.activities().length, 1);
        assert.match(cardText(connector.activities()[0].attachments), /what I can do/);
    });

    it('in a channel, the mention is stripped before recognition: "@KHG Partnership Bot which protocols are due?" gets the due list', async () => {
        const o = {
            serviceUrl: connector.url,
            conversationType: 'channel' as const,
            conversationId: '19:general@thread.tacv2',
            teamId: '19:team',
        };
        const recognize = sinon.spy(bot.runtime.deps.recognizer, 'recognize');
        const res = await bot.post(message(chair, 'which protocols are due?', { ...o, mentionBot: true }));
        assert.equal(res.status, 200);
        assert.deepEqual(recognize.firstCall.args, ['which protocols are due?']);
        const [reply] = connector.activities();
        assert.match(cardText(reply.attachments), /Protocols and guides: where each review stands/);
    });

    it('in a group chat, a mention in the middle of the message is stripped too', async () => {
        const o = {
            serviceUrl: connector.url,
            conversationType: 'groupChat' as const,
            conversationId: '19:chat@thread.v2',
        };
        const recognize = sinon.spy(bot.runtime.deps.recognizer, 'recognize');
        const tag = '<at>KHG Partnership Bot</at>';
        const activity = message(chair, `hi ${tag} when is our next update due?`, o);
        activity.entities = [
            { type: 'mention', text: tag, mentioned: { id: '28:khg-bot', name: 'KHG Partnership Bot' } },
        ];
        await bot.post(activity);
        assert.doesNotMatch(recognize.firstCall.args[0], /<at>|Partnership Bot/);
        assert.match(
            cardText(connector.activities()[0].attachments),
            /next update|Kent Housing Options Group|Asset Management/,
        );
    });
});

describe('the bot with authentication on', () => {
    let bot: BotUnderTest;
    // botbuilder prints each rejected request's error to the console; keep the test output readable.
    beforeEach(() => sinon.stub(console, 'error'));
    afterEach(() => sinon.restore());
    before(async () => {
        bot = await startBot({
            env: {
                BOT_ID: '00000000-0000-4000-8000-0000000000b0',
                BOT_PASSWORD: 'not-a-real-secret',
                BOT_TENANT_ID: '00000000-0000-4000-8000-0000000000c0',
                HOST: '127.0.0.1',
            },
        });
    });
    after(() => bot.stop());

    it('rejects a request with no token with 401 and runs no handler', async () => {
        const transact = sinon.spy(bot.runtime.deps.store, 'transact');
        const res = await bot.post(message(manager, 'help', { serviceUrl: 'http://127.0.0.1:9/' }));
        assert.equal(res.status, 401);
        assert.equal(transact.callCount, 0);
    });

    it('rejects a bogus bearer token with 401', async () => {
        const res = await bot.post(message(manager, 'help', { serviceUrl: 'http://127.0.0.1:9/' }), {
            authorization: 'Bearer not.a.jwt',
        });
        assert.equal(res.status, 401);
    });

    it('says auth is on in the health check', async () => {
        const body = (await (await fetch(`${bot.url}/healthz`)).json()) as { auth: boolean };
        assert.equal(body.auth, true);
    });
});
