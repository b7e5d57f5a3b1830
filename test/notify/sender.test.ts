/** The proactive sender against a fake Bot Connector, through the real Bot Framework adapter. */
import assert from 'node:assert/strict';
import type { ConversationReference } from 'botbuilder';
import { loadConfig } from '../../src/config.js';
import { createAdapter } from '../../src/bot/adapter.js';
import { classify, parseRetryAfter, PERMANENT_403, SendError } from '../../src/notify/faults.js';
import { enforceTeamsLimits } from '../helpers/teamsLimits.js';
import { ProactiveSender, type SendJob } from '../../src/notify/sender.js';
import { createBotTransport } from '../../src/notify/transport.js';
import { FakeConnector } from '../helpers/fakeConnector.js';

describe('proactive sending', () => {
    let connector: FakeConnector;
    let sleeps: number[];
    const transport = () => createBotTransport(createAdapter(loadConfig({})), '');
    const sender = (o = {}) =>
        new ProactiveSender(transport(), {
            sleep: async (ms) => void sleeps.push(ms),
            random: () => 0.5,
            ratePerSecond: 1000,
            perConversationGapMs: 0,
            ...o,
        });
    const job = (n: number): SendJob => ({
        id: `chair-${n}`,
        reference: {
            serviceUrl: connector.url,
            channelId: 'msteams',
            conversation: { id: `a:chair-${n}` } as ConversationReference['conversation'],
            bot: { id: 'b', name: 'bot' },
        },
        activity: { type: 'message', text: `reminder ${n}` },
    });
    const callsTo = (n: number) => connector.calls.filter((c) => c.conversationId === `a:chair-${n}`);

    beforeEach(async () => {
        connector = await new FakeConnector().start();
        sleeps = [];
    });
    afterEach(() => connector.stop());

    it('sends a message and reports its activity id', async () => {
        const [r] = await sender().sendAll([job(1)]);
        assert.equal(r.outcome, 'sent');
        assert.equal(r.attempts, 1);
        assert.match(r.activityId ?? '', /^activity-/);
        assert.equal(callsTo(1)[0].body.text, 'reminder 1');
    });

    it('a 429 with Retry-After waits exactly that long, then sends: "throttled then sent"', async () => {
        connector.fail('reply', {
            status: 429,
            headers: { 'Retry-After': '2' },
            body: { error: { code: 'Throttled' } },
        });
        const r = await sender().sendOne(job(1));
        assert.equal(r.outcome, 'throttled then sent');
        assert.equal(r.attempts, 2);
        assert.deepEqual(sleeps, [2000]);
        assert.deepEqual(
            callsTo(1).map((c) => c.status),
            [429, 200],
        );
    });

    it('a 429 without Retry-After (which the SDK would not retry) backs off with jitter, then sends', async () => {
        connector.fail('reply', { status: 429, body: { error: { code: 'Throttled' } } });
        connector.fail('reply', { status: 429, body: { error: { code: 'Throttled' } } });
        const r = await sender({ baseDelayMs: 400 }).sendOne(job(1));
        assert.equal(r.outcome, 'throttled then sent');
        assert.equal(r.attempts, 3);
        // full jitter with random() = 0.5: half of 400 * 2^0, then half of 400 * 2^1
        assert.deepEqual(sleeps, [200, 400]);
    });

    it('a 503 is retried by this sender alone: the connector sees each attempt once', async () => {
        connector.fail('reply', { status: 503, body: { error: { code: 'ServiceUnavailable' } } });
        const r = await sender().sendOne(job(1));
        assert.equal(r.outcome, 'sent');
        assert.deepEqual(
            callsTo(1).map((c) => c.status),
            [503, 200],
        );
        assert.equal(sleeps.length, 1);
    });

    it('412, 502 and 504 are retried too', async () => {
        for (const status of [412, 502, 504]) connector.fail('reply', { status, body: {} });
        const r = await sender().sendOne(job(1));
        assert.equal(r.outcome, 'sent');
        assert.equal(r.attempts, 4);
    });

    it('a 403 MessageWritesBlocked is "blocked" and not retried', async () => {
        connector.fail('reply', {
            status: 403,
            body: { error: { code: 'MessageWritesBlocked', message: 'Thread is blocked' } },
        });
        const r = await sender().sendOne(job(1));
        assert.equal(r.outcome, 'blocked');
        assert.match(r.reason ?? '', /MessageWritesBlocked/);
        assert.equal(callsTo(1).length, 1);
        assert.deepEqual(sleeps, []);
    });

    it('a 404 ConversationNotFound is "notFound" and not retried', async () => {
        connector.fail('reply', {
            status: 404,
            body: { error: { code: 'ConversationNotFound', message: 'Conversation not found.' } },
        });
        const r = await sender().sendOne(job(1));
        assert.equal(r.outcome, 'notFound');
        assert.equal(callsTo(1).length, 1);
    });

    it('a 400 is "failed" at once: bad data is not retried', async () => {
        connector.fail('reply', { status: 400, body: { error: { code: 'BadArgument', message: 'Activity too big' } } });
        const r = await sender().sendOne(job(1));
        assert.equal(r.outcome, 'failed');
        assert.match(r.reason ?? '', /400 BadArgument/);
        assert.equal(callsTo(1).length, 1);
    });

    it('gives up after a bounded number of attempts with the outcome recorded', async () => {
        for (let i = 0; i < 10; i++) connector.fail('reply', { status: 503, body: {} });
        const r = await sender({ maxAttempts: 4 }).sendOne(job(1));
        assert.equal(r.outcome, 'failed');
        assert.equal(r.attempts, 4);
        assert.equal(callsTo(1).length, 4);
        assert.match(r.reason ?? '', /gave up after 4 attempts \(last: 503/);
    });

    it("one recipient's failure never stops the others, and every result is handed over", async () => {
        connector.fail(
            'reply',
            { status: 403, body: { error: { code: 'MessageWritesBlocked' } } },
            (c) => c.conversationId === 'a:chair-2',
        );
        const seen: string[] = [];
        const reports = await sender().sendAll(
            [job(1), job(2), job(3)],
            async (r) => void seen.push(`${r.id}:${r.outcome}`),
        );
        assert.deepEqual(
            reports.map((r) => r.outcome),
            ['sent', 'blocked', 'sent'],
        );
        assert.deepEqual(seen.sort(), ['chair-1:sent', 'chair-2:blocked', 'chair-3:sent']);
    });

    it('holds at most maxInFlight jobs between preparation (the claim) and the recorded outcome, however slow the service', async () => {
        connector.delay = () => 60; // every send is slow, so without a bound all 12 would be in flight together
        const s = sender({ maxInFlight: 3 });
        let open = 0;
        let peak = 0;
        const tracked = (i: number): SendJob => ({
            ...job(i),
            activity: undefined,
            prepare: async () => {
                peak = Math.max(peak, ++open);
                return { type: 'message', text: `hello ${i}` };
            },
        });
        const reports = await s.sendAll(
            Array.from({ length: 12 }, (_, i) => tracked(i + 1)),
            async () => {
                await new Promise((r) => setTimeout(r, 20)); // a slow ledger write still counts as in flight
                open--;
            },
        );
        assert.equal(reports.filter((r) => r.outcome === 'sent').length, 12);
        assert.equal(peak, 3, `peak in flight ${peak}`);
        assert.equal(s.maxInFlight, 3);
    });

    it('paces sends app-wide: starts are spread at the configured rate', async () => {
        const s = new ProactiveSender(transport(), { ratePerSecond: 100, perConversationGapMs: 0 });
        await s.sendAll([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(job));
        const times = connector.calls.map((c) => c.at).sort((a, b) => a - b);
        assert.equal(times.length, 10);
        assert.ok(times[9] - times[0] >= 80, `10 sends at 100/s took only ${times[9] - times[0]} ms`);
    });

    it('never goes over the app-wide ceiling in any one-second window, even with slow preparation', async () => {
        const stats = enforceTeamsLimits(connector, { appPerSecond: 200, perConversation: [] });
        const s = new ProactiveSender(transport(), { ratePerSecond: 200, perConversationGapMs: 0 });
        let n = 0;
        // Every seventh preparation is slow, as a ledger write can be: the next ones must not bunch up behind it.
        const slow = (i: number) => ({
            ...job(i),
            activity: undefined,
            prepare: async () => (
                ++n % 7 === 0 && (await new Promise((r) => setTimeout(r, 15))),
                { type: 'message', text: `hello ${i}` }
            ),
        });
        const reports = await s.sendAll(Array.from({ length: 300 }, (_, i) => slow(i + 1)));
        assert.ok(
            reports.every((r) => r.outcome === 'sent'),
            JSON.stringify(reports.filter((r) => r.outcome !== 'sent')),
        );
        assert.equal(stats.overLimit.app, 0, `peak ${stats.peakPerSecond} in a second`);
        assert.ok(stats.peakPerSecond <= 200);
    });

    it('stays under the ceiling as the service counts it, when the network delays some requests and not others', async function () {
        this.timeout(10_000);
        const stats = enforceTeamsLimits(connector, { appPerSecond: 100, perConversation: [] });
        // Every seventh request reaches the service 40 ms late: counted by when they left the bot, the
        // requests a second apart would land inside one second at the service.
        let n = 0;
        connector.delay = () => (++n % 7 === 1 ? 40 : 0);
        const s = new ProactiveSender(transport(), { ratePerSecond: 100, perConversationGapMs: 0 });
        const reports = await s.sendAll(Array.from({ length: 220 }, (_, i) => job(i + 1)));
        assert.ok(
            reports.every((r) => r.outcome === 'sent'),
            JSON.stringify(reports.filter((r) => r.outcome !== 'sent')),
        );
        assert.equal(stats.overLimit.app, 0, `peak ${stats.peakPerSecond} in a second`);
    });

    it('opens a 1:1 chat with a team member through the team', async () => {
        const t = transport();
        const ref = await t.createPersonalConversation(
            {
                serviceUrl: connector.url,
                channelId: 'msteams',
                conversation: { id: '19:team' } as ConversationReference['conversation'],
                bot: { id: 'b', name: 'bot' },
            },
            { id: '29:chair' },
            'tenant-1',
        );
        const call = connector.calls.find((c) => c.kind === 'createConversation')!;
        assert.deepEqual(call.body.members, [{ id: '29:chair', name: '' }]);
        assert.equal(call.body.tenantId, 'tenant-1');
        assert.match(ref.conversation?.id ?? '', /^conversation-/);
    });
});

describe('fault classification', () => {
    it('reads Retry-After as seconds or as a date', () => {
        assert.equal(parseRetryAfter('3', 0), 3000);
        assert.equal(parseRetryAfter(new Date(10_000).toUTCString(), 4_000), 6000);
        assert.equal(parseRetryAfter('soon', 0), undefined);
        assert.equal(parseRetryAfter(undefined, 0), undefined);
    });

    const table: [number | undefined, string | undefined, string, boolean][] = [
        [429, undefined, 'throttled', true],
        [412, undefined, 'retry', true],
        [502, undefined, 'retry', true],
        [503, undefined, 'retry', true],
        [504, undefined, 'retry', true],
        [undefined, undefined, 'retry', true],
        [403, 'ConversationBlockedByUser', 'blocked', false],
        [403, 'BotDisabledByAdmin', 'blocked', false],
        [403, 'MessageWritesBlocked', 'blocked', false],
        [403, 'BotNotInConversationRoster', 'blocked', false],
        [403, 'BadArgument', 'failed', false],
        [403, undefined, 'failed', false],
        [404, 'ConversationNotFound', 'notFound', false],
        [400, undefined, 'failed', false],
        [401, undefined, 'failed', false],
        [501, undefined, 'failed', false],
    ];
    for (const [status, code, expected, retry] of table) {
        it(`${status ?? 'no answer'}${code ? ` ${code}` : ''} -> ${expected}`, () => {
            const d = classify(new SendError(status, code, 'x'));
            assert.equal(d.retry, retry);
            if (!d.retry) assert.equal(d.outcome, expected);
            else assert.equal(d.throttled, expected === 'throttled');
        });
    }

    it('only a block, an admin, written-off writes or a roster without the bot are permanent; other 403s and 404 are stale', () => {
        const decide = (status: number, code?: string) => {
            const d = classify(new SendError(status, code, 'Failed to decrypt conversation id'));
            assert.equal(d.retry, false);
            return d.retry ? undefined : [d.permanent, d.stale];
        };
        for (const code of Object.keys(PERMANENT_403)) assert.deepEqual(decide(403, code), [true, false], code);
        assert.deepEqual(decide(403, 'BadArgument'), [false, true]);
        assert.deepEqual(decide(403, 'SomethingNew'), [false, true]);
        assert.deepEqual(decide(403), [false, true]);
        assert.deepEqual(decide(404, 'ConversationNotFound'), [false, true]);
        assert.deepEqual(decide(400, 'BadArgument'), [false, false]);
        const d = classify(new SendError(403, 'BadArgument', 'Failed to decrypt conversation id'));
        assert.ok(!d.retry && d.reason.includes('BadArgument "Failed to decrypt conversation id"'));
    });
});
