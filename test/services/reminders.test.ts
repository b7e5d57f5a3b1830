/** Reminder runs over HTTP with a fake Bot Connector: who is reached, exactly once, and what is recorded. */
import assert from 'node:assert/strict';
import type { StoreData } from '../../src/domain/model.js';
import { DeliveryLedger } from '../../src/notify/ledger.js';
import { ProactiveSender } from '../../src/notify/sender.js';
import { updatesOf } from '../../src/services/progress.js';
import { runReminders, type ReminderDeps } from '../../src/services/reminders.js';
import { reminderDeps } from '../../src/bot/reminderDeps.js';
import { startBot, type BotUnderTest } from '../helpers/botServer.js';
import { FakeConnector } from '../helpers/fakeConnector.js';
import { IDS, sampleData } from '../helpers/fixtures.js';
import { cardAction, message } from '../helpers/activities.js';
import { VERBS } from '../../src/bot/verbs.js';

const at = (iso: string) => new Date(iso);

function withConversations(connectorUrl: string, d: StoreData = sampleData()): StoreData {
    const personal = (userId: string, aad: string) => ({
        key: `user:${userId}`,
        scope: 'personal' as const,
        aadObjectId: aad,
        userId,
        reference: {
            serviceUrl: connectorUrl,
            channelId: 'msteams',
            conversation: { id: `a:${userId}` },
            bot: { id: '28:bot', name: 'bot' },
            user: { id: userId },
        },
        installed: true,
        updatedAt: '2026-11-01T00:00:00.000Z',
    });
    d.conversations.push(personal('29:priya', IDS.chairOfTwo), personal('29:manager', IDS.manager));
    d.conversations.push({
        key: 'team:19:partnership',
        scope: 'team',
        teamId: '19:partnership',
        tenantId: 'tenant-1',
        reference: {
            serviceUrl: connectorUrl,
            channelId: 'msteams',
            conversation: { id: '19:partnership' },
            bot: { id: '28:bot', name: 'bot' },
        },
        installed: true,
        updatedAt: '2026-11-01T00:00:00.000Z',
    });
    return d;
}

describe('reminder runs', () => {
    let connector: FakeConnector;
    let bot: BotUnderTest;
    let sleeps: number[];

    /** The production wiring, with a sender that records its waits instead of sleeping. */
    const deps = (b: BotUnderTest = bot): ReminderDeps => ({
        ...reminderDeps(b.runtime.deps),
        sender: new ProactiveSender(b.runtime.deps.transport, {
            sleep: async (ms) => void sleeps.push(ms),
            random: () => 0.5,
            ratePerSecond: 1000,
            perConversationGapMs: 0,
        }),
    });
    const cardsTo = (conversationId: string) =>
        connector.calls
            .filter(
                (c) =>
                    c.conversationId === conversationId && (c.kind === 'send' || c.kind === 'reply') && c.status < 300,
            )
            .map((c) => c.body.attachments[0].content);
    const text = (card: unknown) => JSON.stringify(card);

    beforeEach(async () => {
        sleeps = [];
        connector = await new FakeConnector().start();
        // Tom (private-sector-housing) never chatted with the bot: he is only in the partnership team.
        connector.addMember(
            { id: '29:tom', name: 'Tom Reed', email: 'tom.reed@example.com', aadObjectId: IDS.chair },
            '19:partnership',
        );
        bot = await startBot({ data: withConversations(connector.url) });
    });
    afterEach(async () => {
        await bot.stop();
        await connector.stop();
    });

    it('a chair of two groups gets one card covering both, with buttons to write, snooze or defer', async () => {
        const report = await runReminders(deps(), at('2026-12-08T09:00:00Z'));
        assert.deepEqual(
            report.messages.map((m) => [m.recipient, m.groups, m.outcome]),
            [['Priya Shah', ['khog', 'asset-management'], 'sent']],
        );
        const cards = cardsTo('a:29:priya');
        assert.equal(cards.length, 1);
        assert.match(text(cards[0]), /Kent Housing Options Group\*\*: December 2026 update/);
        assert.match(text(cards[0]), /Asset Management\*\*: December 2026 update/);
        assert.match(text(cards[0]), /Due Friday 11 Dec 2026 \(in 3 days\)/);
        assert.match(text(cards[0]), /Reports on: HW9/);
        assert.match(
            text(cards[0]),
            /"title":"Write KHOG’s update","verb":"progress.open","style":"positive","data":\{"groupId":"khog","period":"2026-12","keep":true\}/,
        );
        assert.match(text(cards[0]), /"verb":"reminder.snooze"/);
        assert.match(text(cards[0]), /"verb":"reminder.later"/);
        // The help button reaches a person: a Teams chat with the partnership manager.
        assert.match(
            text(cards[0]),
            /"type":"Action.OpenUrl","title":"Ask Morgan, the partnership manager","url":"https:\/\/teams.microsoft.com\/l\/chat\/0\/0\?users=morgan.ellis%40example.com&message=/,
        );
        assert.doesNotMatch(text(cards[0]), /"value":"help"/);
    });

    it("on a cadence, a chair's reminder also lists their groups' documents due on the evidence", async () => {
        await runReminders(deps(), at('2026-12-08T09:00:00Z'));
        await runReminders(deps(), at('2026-12-11T09:00:00Z'));
        const [first, second] = cardsTo('a:29:priya');
        assert.match(text(first), /Your groups' documents due for review/);
        assert.match(
            text(first),
            /Kent high priority rehousing reciprocal scheme: Its stated review date, Sept 2021, has passed/,
        );
        assert.doesNotMatch(text(second), /documents due for review/, 'not again within 30 days');
        const d = await startBot({ storeFile: bot.storeFile, env: { REMINDER_PROTOCOLS_EVERY_DAYS: '0' } });
        try {
            assert.equal(reminderDeps(d.runtime.deps).protocolsEveryDays, 0);
        } finally {
            await d.stop(true);
        }
    });

    it('a chair who never chatted is reached through a team, and the new chat is saved', async () => {
        const report = await runReminders(deps(), at('2027-01-04T09:00:00Z')); // 1 January is a bank holiday
        const tom = report.messages.find((m) => m.recipient === 'Tom Reed');
        assert.equal(tom?.outcome, 'sent');
        assert.equal(connector.calls.filter((c) => c.kind === 'createConversation').length, 1);
        assert.ok(bot.runtime.deps.store.read().conversations.some((c) => c.key === 'user:29:tom' && c.installed));
    });

    it('nothing is sent twice: a second run, a restart, and two concurrent triggers', async () => {
        const now = at('2026-12-08T09:00:00Z');
        await runReminders(deps(), now);
        assert.equal(cardsTo('a:29:priya').length, 1);
        assert.deepEqual((await runReminders(deps(), now)).messages, []);

        const file = bot.storeFile;
        await bot.stop(true);
        bot = await startBot({ storeFile: file });
        assert.deepEqual((await runReminders(deps(), now)).messages, []);

        // Later that week: two triggers at once, from two bot instances on the same store.
        const other = await startBot({ storeFile: file });
        try {
            const later = at('2026-12-11T09:00:00Z');
            const [a, b] = await Promise.all([runReminders(deps(bot), later), runReminders(deps(other), later)]);
            assert.equal(a.messages.length + b.messages.length, 1, 'one of the two runs sends the "due" reminder');
        } finally {
            await other.stop(true);
        }
        assert.equal(cardsTo('a:29:priya').length, 2);
    });

    it('429 with Retry-After, 429 without, 503 and 403 each end in the right recorded outcome', async () => {
        const d = withConversations(connector.url);
        // Four chairs with their own chats: each meets one fault.
        const extra = ['c1', 'c2', 'c3', 'c4'].map((id, i) => ({ id, due: `2026-12-1${i}` }));
        for (const { id, due } of extra) {
            d.groups.push({
                id,
                name: `Group ${id}`,
                aliases: [],
                cadenceMonths: 6,
                nextUpdateDue: due,
                reports: true,
            });
            d.roster.push({
                groupId: id,
                role: 'chair',
                name: `Chair ${id}`,
                email: `${id}@example.com`,
                aadObjectId: `aad-${id}`,
            });
            d.conversations.push({
                key: `user:29:${id}`,
                scope: 'personal',
                aadObjectId: `aad-${id}`,
                userId: `29:${id}`,
                reference: {
                    serviceUrl: connector.url,
                    channelId: 'msteams',
                    conversation: { id: `a:${id}` },
                    bot: { id: 'b', name: 'b' },
                },
                installed: true,
                updatedAt: '2026-11-01T00:00:00.000Z',
            });
        }
        await bot.stop();
        bot = await startBot({ data: d });
        const only = (id: string) => (c: { conversationId?: string }) => c.conversationId === `a:${id}`;
        connector.fail('reply', { status: 429, headers: { 'Retry-After': '3' }, body: {} }, only('c1'));
        connector.fail('reply', { status: 429, body: {} }, only('c2'));
        connector.fail('reply', { status: 503, body: {} }, only('c3'));
        connector.fail(
            'reply',
            { status: 403, body: { error: { code: 'MessageWritesBlocked', message: 'blocked' } } },
            only('c4'),
        );
        const report = await runReminders(deps(), at('2026-12-09T09:00:00Z'));
        const outcome = (name: string) => report.messages.find((m) => m.recipient === name)?.outcome;
        assert.equal(outcome('Chair c1'), 'throttled then sent');
        assert.equal(outcome('Chair c2'), 'throttled then sent');
        assert.equal(outcome('Chair c3'), 'sent');
        assert.equal(outcome('Chair c4'), 'blocked');
        assert.ok(sleeps.includes(3000), 'Retry-After was honoured');
        const ledger = (await new DeliveryLedger(bot.runtime.deps.store).records({ groupId: 'c4' })).filter(
            (r) => r.recipient === 'c4@example.com',
        );
        assert.deepEqual(
            ledger.map((r) => [r.step, r.outcome]),
            [['before-14', 'blocked']],
        );
        // The blocked chat is not tried first again, and the manager is told who could not be reached.
        assert.equal(bot.runtime.deps.store.read().conversations.find((c) => c.key === 'user:29:c4')?.installed, false);
        const toManager = cardsTo('a:29:manager');
        assert.equal(toManager.length, 1);
        assert.match(text(toManager[0]), /Chair c4/);
        assert.match(text(toManager[0]), /MessageWritesBlocked: Teams blocks the bot from writing to this chat/);
    });

    it("a blocked chair's reminder goes to the vice-chair instead", async () => {
        connector.addMember({ id: '29:chris', name: 'Chris Lane', email: 'chris.lane@example.com' }, '19:partnership');
        connector.fail(
            'reply',
            { status: 403, body: { error: { code: 'MessageWritesBlocked' } } },
            (c) => c.conversationId === 'a:29:priya',
        );
        const report = await runReminders(deps(), at('2026-12-08T09:00:00Z'));
        const chris = report.messages.find((m) => m.recipient === 'Chris Lane');
        assert.deepEqual([chris?.groups, chris?.as, chris?.outcome], [['khog'], ['vice_chair'], 'sent']);
        const toChris = connector.calls.filter(
            (c) =>
                c.kind !== 'createConversation' && c.body?.attachments && c.conversationId?.startsWith('conversation-'),
        );
        assert.match(JSON.stringify(toChris[0].body), /as vice-chair because the chair could not be reached/);
    });

    it('a submitted update stops its reminders', async () => {
        await updatesOf(bot.runtime.deps.store).transact('khog/2026-12', (doc) => {
            doc.versions.push({
                version: 1,
                kind: 'submitted',
                sections: [],
                otherMatters: '',
                concernsGroups: [],
                by: { email: 'priya.shah@example.com', name: 'Priya Shah' },
                onBehalf: false,
                at: '2026-12-01T10:00:00.000Z',
                digest: 'x',
            });
        });
        const report = await runReminders(deps(), at('2026-12-11T09:00:00Z'));
        assert.deepEqual(
            report.messages.map((m) => m.groups),
            [['asset-management']],
        );
    });

    it('a snooze is honoured until it ends', async () => {
        await bot.runtime.deps.store.transact((d) =>
            d.snoozes.push({
                groupId: 'khog',
                period: '2026-12',
                until: '2026-12-12T09:00:00.000Z',
                by: 'priya.shah@example.com',
                at: '2026-12-05T09:00:00.000Z',
            }),
        );
        const during = await runReminders(deps(), at('2026-12-08T09:00:00Z'));
        assert.deepEqual(
            during.messages.map((m) => m.groups),
            [['asset-management']],
        );
    });

    it('the card\'s "Snooze a week" and "I\'ll do it later" are honoured, for the chair only, for a real period', async () => {
        const priya = { id: '29:priya', name: 'Priya Shah', aadObjectId: IDS.chairOfTwo };
        const jo = { id: '29:jo', name: 'Jo Baker', aadObjectId: IDS.member };
        const press = async (
            who: { id: string; name: string; aadObjectId: string },
            verb: string,
            data: Record<string, unknown>,
        ) =>
            ((await bot.post(cardAction(who, verb, data, { serviceUrl: connector.url }))).body as { value: string })
                .value;
        assert.match(
            await press(jo, VERBS.reminderSnooze, { groupId: 'khog', period: '2026-12', days: 7 }),
            /Only the chair or vice-chair of Kent Housing Options Group/,
        );
        assert.match(
            await press(priya, VERBS.reminderSnooze, { groupId: 'khog', period: '1999-01', days: 7 }),
            /group or period I do not know/,
        );
        assert.match(
            await press(priya, VERBS.reminderSnooze, { groupId: 'khog', period: '2026-12', days: 90 }),
            /between 1 and 28 days/,
        );
        assert.deepEqual(bot.runtime.deps.store.read().snoozes, []);
        assert.match(
            await press(priya, VERBS.reminderLater, { groupId: 'khog', period: '2026-12' }),
            /no reminders about Kent Housing Options Group's update until/,
        );
        assert.match(
            await press(priya, VERBS.reminderSnooze, { groupId: 'asset-management', period: '2026-12', days: 7 }),
            /until/,
        );
        const snoozes = bot.runtime.deps.store.read().snoozes.map((x) => [x.groupId, x.by]);
        assert.deepEqual(snoozes, [
            ['khog', 'priya.shah@example.com'],
            ['asset-management', 'priya.shah@example.com'],
        ]);
    });

    it('after the last chase the escalation reaches the partnership manager', async () => {
        const report = await runReminders(deps(), at('2027-01-08T09:30:00Z'));
        const toManager = report.messages.find((m) => m.recipient === 'Morgan Ellis');
        assert.deepEqual(toManager?.groups, ['khog']);
        assert.equal(toManager?.outcome, 'sent');
        const card = cardsTo('a:29:manager')[0];
        assert.match(text(card), /Progress updates still outstanding/);
        assert.match(text(card), /Kent Housing Options Group/);
        assert.match(text(card), /chair: Priya Shah/);
    });

    it('the manager asks who the last reminders reached; people not reached come first; a chair is told it is for the manager', async () => {
        connector.fail(
            'reply',
            { status: 403, body: { error: { code: 'MessageWritesBlocked' } } },
            (c) => c.conversationId === 'a:29:priya',
        );
        await runReminders(deps(), at('2027-01-04T09:00:00Z'));
        connector.reset();
        await bot.post(
            message(
                { id: '29:manager', name: 'Morgan Ellis', aadObjectId: IDS.manager },
                'who did the last reminders reach?',
                { serviceUrl: connector.url },
            ),
        );
        const card = connector.activities()[0].attachments[0].content;
        assert.match(text(card), /The last reminders, Monday 4 Jan 2027 at 09:00/);
        assert.match(text(card), /1 of 3 people were reached/);
        // Chris Lane, the vice-chair, was tried in Priya's place: not in any team either.
        assert.deepEqual(
            card.body[2].facts.map((f: { title: string }) => f.title),
            ['Priya Shah', 'Chris Lane', 'Tom Reed'],
        );
        assert.match(
            text(card),
            /has blocked the bot, or it was disabled or removed for them: Kent Housing Options Group, Asset Management \(MessageWritesBlocked: /,
        );
        connector.reset();
        await bot.post(
            message({ id: '29:jo', name: 'Jo Baker', aadObjectId: IDS.member }, 'who did the reminders reach', {
                serviceUrl: connector.url,
            }),
        );
        assert.match(connector.activities()[0].text, /for the partnership manager/);
    });

    it('a dry run says what would be sent and sends nothing', async () => {
        const report = await runReminders(deps(), at('2026-12-08T09:00:00Z'), { dryRun: true });
        assert.equal(report.dryRun, true);
        assert.deepEqual(
            report.messages.map((m) => [m.recipient, m.steps]),
            [['Priya Shah', ['before-14', 'before-3']]],
        );
        assert.equal(connector.calls.length, 0);
        assert.deepEqual(await new DeliveryLedger(bot.runtime.deps.store).records(), []);
    });

    it('a catch-up run after downtime sends every missed step in one message per chair', async () => {
        const report = await runReminders(deps(), at('2026-12-11T15:00:00Z'));
        assert.deepEqual(
            report.messages.map((m) => [m.recipient, m.steps]),
            [['Priya Shah', ['before-14', 'before-3', 'due']]],
        );
        assert.equal(cardsTo('a:29:priya').length, 1);
    });

    describe('triggers', () => {
        const post = (body: unknown, token?: string) =>
            fetch(`${notifyBot.url}/api/notify`, {
                method: 'POST',
                headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
                body: body === undefined ? undefined : JSON.stringify(body),
            });
        let notifyBot: BotUnderTest;
        beforeEach(async () => {
            notifyBot = await startBot({
                data: withConversations(connector.url),
                env: { NOTIFY_TOKEN: 'a-long-random-secret' },
                clock: () => at('2026-12-08T09:00:00Z'),
            });
        });
        afterEach(() => notifyBot.stop());

        it('POST /api/notify without the right bearer token is refused with 401 and sends nothing', async () => {
            for (const token of [undefined, 'wrong', 'a-long-random-secret-but-longer']) {
                const res = await post({}, token);
                assert.equal(res.status, 401);
                assert.equal(res.headers.get('www-authenticate'), 'Bearer');
            }
            assert.equal(connector.calls.length, 0);
        });

        it('POST /api/notify with the token: a dry run lists, a run sends; two triggers at once send once', async () => {
            const dry = (await (await post({ dryRun: true }, 'a-long-random-secret')).json()) as {
                dryRun: boolean;
                messages: { recipient: string }[];
            };
            assert.equal(dry.dryRun, true);
            assert.deepEqual(
                dry.messages.map((m) => m.recipient),
                ['Priya Shah'],
            );
            assert.equal(connector.calls.length, 0);
            const [a, b] = await Promise.all([
                post(undefined, 'a-long-random-secret'),
                post({}, 'a-long-random-secret'),
            ]);
            assert.deepEqual([a.status, b.status], [200, 200]);
            const sent = [(await a.json()) as { messages: unknown[] }, (await b.json()) as { messages: unknown[] }].map(
                (r) => r.messages.length,
            );
            assert.deepEqual(sent.sort(), [0, 1]);
            assert.equal(cardsTo('a:29:priya').length, 1);
        });

        it('a malformed body is refused with a clear message', async () => {
            const res = await post({ dryRun: 'yes' }, 'a-long-random-secret');
            assert.equal(res.status, 400);
            assert.match(((await res.json()) as { error: string }).error, /"dryRun" must be true or false/);
        });

        it('with no NOTIFY_TOKEN the endpoint is off', async () => {
            const res = await fetch(`${bot.url}/api/notify`, {
                method: 'POST',
                headers: { authorization: 'Bearer anything' },
            });
            assert.equal(res.status, 404);
        });
    });
});
