/**
 * Reminders meeting Teams as it really fails, over HTTP against the real bot and a fake Bot Connector:
 * a 403 is read by its code, a stale chat is replaced by a fresh one and the card sent once more, the
 * vice-chair stands in when that fails too, and the manager is told by name with the real reason.
 * The scheduled run and "remind the missing groups now" share this path.
 */
import assert from 'node:assert/strict';
import type { StoreData } from '../../src/domain/model.js';
import { DeliveryLedger } from '../../src/notify/ledger.js';
import { ProactiveSender } from '../../src/notify/sender.js';
import { runReminders, type ReminderDeps } from '../../src/services/reminders.js';
import { reminderDeps } from '../../src/bot/reminderDeps.js';
import { VERBS } from '../../src/bot/verbs.js';
import { cardAction, TENANT_ID } from '../helpers/activities.js';
import { startBot, type BotUnderTest } from '../helpers/botServer.js';
import { FakeConnector, TEAMS_FAULTS } from '../helpers/fakeConnector.js';
import { IDS, sampleData } from '../helpers/fixtures.js';

const PRIYA_CHAT = 'a:29:priya';
const MANAGER_CHAT = 'a:29:manager';

/** Priya (chair of KHOG and Asset Management) and the manager have chats; Chris (KHOG's vice-chair) is in the team. */
function partnership(connectorUrl: string): StoreData {
    const d = sampleData();
    const personal = (userId: string, aad: string) => ({
        key: `user:${userId}`,
        scope: 'personal' as const,
        aadObjectId: aad,
        userId,
        tenantId: TENANT_ID,
        reference: {
            serviceUrl: connectorUrl,
            channelId: 'msteams',
            conversation: { id: `a:${userId}`, tenantId: TENANT_ID },
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
        tenantId: TENANT_ID,
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

describe('reminders as Teams really fails them', () => {
    let connector: FakeConnector;
    let bot: BotUnderTest;
    let now: Date;

    const deps = (): ReminderDeps => ({
        ...reminderDeps(bot.runtime.deps),
        sender: new ProactiveSender(bot.runtime.deps.transport, {
            sleep: async () => undefined,
            random: () => 0.5,
            ratePerSecond: 1000,
            perConversationGapMs: 0,
        }),
    });
    const store = () => bot.runtime.deps.store;
    const chat = (key: string) =>
        store()
            .read()
            .conversations.find((c) => c.key === key);
    const delivered = (conversationId: string) =>
        connector.calls.filter(
            (c) => c.conversationId === conversationId && (c.kind === 'send' || c.kind === 'reply') && c.status < 300,
        );
    const created = () => connector.calls.filter((c) => c.kind === 'createConversation' && c.status < 300);
    const recordsOf = async (email: string) =>
        (await new DeliveryLedger(store()).records()).filter((r) => r.recipient === email);
    /** The createConversation calls that open a chat with this Teams user. */
    const forMember = (userId: string) => (c: { body?: { members?: { id: string }[] } }) =>
        c.body?.members?.[0]?.id === userId;

    beforeEach(async () => {
        now = new Date('2026-12-08T09:00:00Z');
        connector = await new FakeConnector().start();
        connector.addMember(
            { id: '29:chris', name: 'Chris Lane', email: 'chris.lane@example.com', aadObjectId: 'aad-chris' },
            '19:partnership',
        );
        bot = await startBot({ data: partnership(connector.url), clock: () => now });
    });
    afterEach(async () => {
        await bot.stop();
        await connector.stop();
    });

    it('403 BadArgument "Failed to decrypt conversation id": the chat is kept, a fresh chat is opened and the reminder arrives', async () => {
        connector.refuse(PRIYA_CHAT, TEAMS_FAULTS.failedToDecrypt);
        const report = await runReminders(deps(), now);

        const priya = report.messages.find((m) => m.recipient === 'Priya Shah')!;
        assert.equal(priya.outcome, 'sent');
        assert.equal(priya.via, 'fresh chat');
        assert.match(priya.freshChat?.after ?? '', /403 BadArgument "Failed to decrypt conversation id"/);
        // The fresh chat was asked for with Priya's Teams id and the tenant, and the card went into it.
        const [opened] = created();
        assert.deepEqual(opened.body.members, [{ id: '29:priya', name: '' }]);
        assert.equal(opened.body.tenantId, TENANT_ID);
        const newId = chat('user:29:priya')?.reference.conversation as { id: string };
        assert.notEqual(newId.id, PRIYA_CHAT);
        assert.equal(delivered(newId.id).length, 1);
        assert.match(JSON.stringify(delivered(newId.id)[0].body), /Kent Housing Options Group/);
        // Not taken for a block: the chat is installed, nobody stands in, the manager has nothing to hear.
        assert.equal(chat('user:29:priya')?.installed, true);
        assert.equal(report.messages.filter((m) => m.recipient === 'Chris Lane').length, 0);
        assert.equal(delivered(MANAGER_CHAT).length, 0);
        const records = (await recordsOf('priya.shah@example.com')).filter((r) => r.groupId !== 'register');
        assert.deepEqual([...new Set(records.map((r) => [r.groupId, r.outcome, r.via].join(' ')))].sort(), [
            'asset-management sent fresh chat',
            'khog sent fresh chat',
        ]);
        assert.ok(records.every((r) => (r.firstFailure ?? '').includes('BadArgument')));
    });

    it('a 403 that persists in the fresh chat: recorded with its real code, the chat kept, the vice-chair reminded, the manager told by name', async () => {
        connector.refuse(PRIYA_CHAT, TEAMS_FAULTS.failedToDecrypt);
        connector.interceptor = (call) =>
            (call.kind === 'send' || call.kind === 'reply') &&
            call.conversationId !== MANAGER_CHAT &&
            call.conversationId !== PRIYA_CHAT
                ? // Only Priya's fresh chat: Chris's chat is opened through the team afterwards.
                  created().length === 1
                    ? TEAMS_FAULTS.failedToDecrypt
                    : undefined
                : undefined;
        const report = await runReminders(deps(), now);

        const priya = report.messages.find((m) => m.recipient === 'Priya Shah')!;
        assert.equal(priya.outcome, 'failed');
        assert.match(priya.reason ?? '', /BadArgument/);
        assert.deepEqual(priya.freshChat?.opened, true);
        assert.equal(chat('user:29:priya')?.installed, true, 'a 403 BadArgument is not a block');
        assert.deepEqual(
            [priya.viceChairs?.[0]?.name, priya.viceChairs?.[0]?.outcome],
            ['Chris Lane', 'sent'],
            'the vice-chair stood in',
        );
        const chris = report.messages.find((m) => m.recipient === 'Chris Lane')!;
        assert.deepEqual([chris.as, chris.groups, chris.standingInFor], [['vice_chair'], ['khog'], 'Priya Shah']);

        const [toManager] = delivered(MANAGER_CHAT);
        const card = JSON.stringify(toManager.body);
        assert.match(card, /"title":"Priya Shah"/);
        assert.match(card, /403 BadArgument/);
        assert.match(card, /the vice-chair Chris Lane was reminded instead/);
        assert.doesNotMatch(card, /has blocked/);
        const records = await recordsOf('priya.shah@example.com');
        assert.ok(records.every((r) => r.outcome === 'failed' && (r.reason ?? '').includes('BadArgument')));
        const viceRecords = (await recordsOf('chris.lane@example.com')).filter((r) => r.groupId !== 'register');
        assert.deepEqual(
            [...new Set(viceRecords.map((r) => [r.groupId, r.as, r.outcome, r.standingInFor].join(' ')))],
            ['khog vice_chair sent Priya Shah'],
        );
    });

    const permanent: [keyof typeof TEAMS_FAULTS, RegExp][] = [
        ['blockedByUser', /ConversationBlockedByUser: they blocked the bot/],
        ['disabledByAdmin', /BotDisabledByAdmin: their organisation's Teams admin disabled the bot/],
        ['writesBlocked', /MessageWritesBlocked/],
        ['notInRoster', /BotNotInConversationRoster: the bot is no longer in this chat/],
    ];
    for (const [fault, said] of permanent) {
        it(`a permanent 403 (${fault}): no fresh chat, the chat marked uninstalled, the vice-chair reminded, the manager told why`, async () => {
            connector.refuse(PRIYA_CHAT, TEAMS_FAULTS[fault]);
            const report = await runReminders(deps(), now);
            const priya = report.messages.find((m) => m.recipient === 'Priya Shah')!;
            assert.equal(priya.outcome, 'blocked');
            assert.equal(priya.freshChat, undefined);
            assert.equal(created().filter(forMember('29:priya')).length, 0, 'no fresh chat for a block');
            assert.equal(chat('user:29:priya')?.installed, false);
            assert.equal(priya.viceChairs?.[0]?.outcome, 'sent');
            assert.match(JSON.stringify(delivered(MANAGER_CHAT)[0].body), said);
        });
    }

    it('a 404 ConversationNotFound when no fresh chat can be opened: the vice-chair is reminded and the chair kept for next time', async () => {
        connector.refuse(PRIYA_CHAT, TEAMS_FAULTS.conversationNotFound);
        connector.fail('createConversation', TEAMS_FAULTS.failedToDecrypt, forMember('29:priya'));
        const report = await runReminders(deps(), now);
        const priya = report.messages.find((m) => m.recipient === 'Priya Shah')!;
        assert.equal(priya.outcome, 'notFound');
        assert.deepEqual(priya.freshChat?.opened, false);
        assert.match(
            priya.reason ?? '',
            /ConversationNotFound: the saved chat no longer exists; could not open a fresh chat/,
        );
        assert.equal(priya.viceChairs?.[0]?.outcome, 'sent');
        assert.equal(chat('user:29:priya')?.installed, true);
    });

    describe('"remind the missing groups now"', () => {
        const manager = { id: '29:manager', name: 'Morgan Ellis', aadObjectId: IDS.manager };
        beforeEach(() => {
            now = new Date('2027-01-05T10:00:00Z');
        });
        const remind = async () => {
            const res = await bot.post(
                cardAction(manager, VERBS.digestRemind, { period: '2026-12' }, { serviceUrl: connector.url }),
            );
            assert.equal(res.status, 200);
            return (
                await connector.waitFor((c) => (c.body?.text ?? '').startsWith('What the reminders came to'), 10_000)
            ).body.text as string;
        };

        it('meets a 404 ConversationNotFound: a fresh chat is opened, the reminder arrives, the manager is told how', async () => {
            connector.refuse(PRIYA_CHAT, TEAMS_FAULTS.conversationNotFound);
            const summary = await remind();
            const fresh = chat('user:29:priya')?.reference.conversation as { id: string };
            assert.notEqual(fresh.id, PRIYA_CHAT);
            assert.match(JSON.stringify(delivered(fresh.id)[0].body), /A gentle nudge: a progress update is overdue/);
            assert.match(
                summary,
                /Kent Housing Options Group's December 2026 update: reminded Priya Shah \(chair\), in a fresh chat after the saved one failed \(ConversationNotFound/,
            );
            const records = await recordsOf('priya.shah@example.com');
            assert.ok(records.length > 0 && records.every((r) => r.outcome === 'sent' && r.via === 'fresh chat'));
        });

        it('meets a 404 and no fresh chat: the vice-chair is reminded and the manager told by name with the reason', async () => {
            connector.refuse(PRIYA_CHAT, TEAMS_FAULTS.conversationNotFound);
            connector.fail('createConversation', TEAMS_FAULTS.conversationNotFound, forMember('29:priya'));
            const summary = await remind();
            assert.match(
                summary,
                /Kent Housing Options Group's December 2026 update: Priya Shah \(chair\) was not reached: Teams could not find Priya Shah's chat with the bot \(ConversationNotFound/,
            );
            assert.match(summary, /; the vice-chair Chris Lane was reminded instead\./);
            const toChris = connector.calls.filter(
                (c) =>
                    (c.kind === 'send' || c.kind === 'reply') &&
                    c.status < 300 &&
                    JSON.stringify(c.body).includes('as vice-chair'),
            );
            assert.equal(toChris.length, 1);
            assert.equal(chat('user:29:priya')?.installed, true);
        });

        it("a chair of two groups not reached: each group's line names that group's own vice-chair", async () => {
            await bot.runtime.deps.store.transact((d) => {
                d.roster.push({
                    groupId: 'asset-management',
                    role: 'vice_chair',
                    name: 'Sam Okafor',
                    email: 'sam.okafor@example.com',
                });
            });
            connector.refuse(PRIYA_CHAT, TEAMS_FAULTS.conversationNotFound);
            connector.fail('createConversation', TEAMS_FAULTS.conversationNotFound, forMember('29:priya'));
            const summary = await remind();
            const lineOf = (group: string) =>
                summary.split('\n').find((l) => l.includes(`${group}'s December 2026`)) ?? '';
            assert.match(lineOf('Kent Housing Options Group'), /the vice-chair Chris Lane was/, summary);
            assert.doesNotMatch(lineOf('Kent Housing Options Group'), /Sam Okafor/, summary);
            assert.match(lineOf('Asset Management'), /the vice-chair Sam Okafor was/, summary);
            assert.doesNotMatch(lineOf('Asset Management'), /Chris Lane/, summary);
        });
    });
});
