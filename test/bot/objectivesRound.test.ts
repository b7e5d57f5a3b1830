/**
 * The chairs confirming their objectives, end to end over HTTP with a fake Bot Connector: the
 * manager starts the round, each chair gets one card, a chair proposes changes, the unanswered are
 * chased once after the working days, and the manager applies or declines each proposal.
 */
import assert from 'node:assert/strict';
import sinon from 'sinon';
import { VERBS } from '../../src/bot/verbs.js';
import { AuditTrail } from '../../src/services/audit.js';
import { cardAction, message, type Sender } from '../helpers/activities.js';
import { startBot, type BotUnderTest } from '../helpers/botServer.js';
import { cardText } from '../helpers/cards.js';
import { FakeConnector } from '../helpers/fakeConnector.js';
import { IDS } from '../helpers/fixtures.js';
import { strategyData } from '../helpers/strategy.js';

const priya: Sender = { id: '29:priya', name: 'Priya Shah', aadObjectId: IDS.chairOfTwo }; // chair of asset-management and khog
const tom: Sender = { id: '29:tom', name: 'Tom Reed', aadObjectId: IDS.chair }; // chair of private-sector-housing
const jo: Sender = { id: '29:jo', name: 'Jo Baker', aadObjectId: IDS.member };
const morgan: Sender = { id: '29:morgan', name: 'Morgan Ellis', aadObjectId: IDS.manager };

interface InvokeBody {
    statusCode: number;
    type: string;
    value: unknown;
}
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a card as the bot sent it; each test reads the parts it asserts
type Card = any;

describe('chairs confirming their objectives', () => {
    let connector: FakeConnector;
    let bot: BotUnderTest;
    let now: Date;

    async function say(who: Sender, text: string) {
        const before = connector.activities().length;
        const res = await bot.post(message(who, text, { serviceUrl: connector.url }));
        assert.equal(res.status, 200);
        return connector.activities().slice(before);
    }
    async function invoke(who: Sender, verb: string, payload: Record<string, unknown>) {
        const res = await bot.post(cardAction(who, verb, payload, { serviceUrl: connector.url, replyToId: 'card-1' }));
        assert.equal(res.status, 200, JSON.stringify(res.body));
        return res.body as InvokeBody;
    }
    /** Cards the bot sent into a person's chat, as (group, card), in order. */
    const cardsTo = (who: Sender): Card[] =>
        connector
            .activities()
            .filter((a) => a.conversation?.id === `a:personal-${who.id}`)
            .flatMap((a) => (a.attachments ?? []).map((x: { content?: unknown }) => x.content))
            .filter((c: Card) => JSON.stringify(c).includes('"objectives.reply"'));
    /** The manager's preview, and the plan its Start button carries. */
    async function preview(): Promise<{ card: Card; plan: string }> {
        const [reply] = await say(morgan, 'ask the chairs to confirm their objectives');
        const card = reply.attachments[0].content;
        return { card: reply, plan: card.actions[0].data.plan };
    }
    async function until(check: () => boolean, what: string) {
        for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 25));
        assert.ok(check(), `timed out waiting for ${what}`);
    }

    beforeEach(async () => {
        now = new Date('2026-11-30T10:00:00Z'); // a Monday
        connector = await new FakeConnector().start();
        bot = await startBot({ data: strategyData(), clock: () => now });
        // The chairs have talked to the bot before, so it can reach them in their own chats.
        await say(priya, 'hello');
        await say(tom, 'hello');
    });
    afterEach(async () => {
        sinon.restore();
        await bot.stop();
        await connector.stop();
    });

    it('a round end to end: preview, one card per chair, a proposal, one chase, and the manager applying it', async () => {
        // The manager sees who will be asked before anything is sent.
        const { card: shown, plan } = await preview();
        const previewText = cardText(shown.attachments);
        assert.match(previewText, /This sends one card to each of 3 chairs/);
        assert.match(previewText, /Asset Management: Priya Shah \(2 objectives\)/);
        assert.match(previewText, /Private Sector Housing: Tom Reed \(1 objective\)/);
        assert.equal(bot.runtime.deps.store.read().chairRounds.length, 0, 'nothing started before the confirm');

        const started = await invoke(morgan, VERBS.objectivesRoundStart, { confirm: true, plan });
        assert.match(cardText(started.value), /Sent to 3 chairs/);
        await until(
            () => connector.activities().some((a) => /Sent the objectives card to 3 of 3 chairs/.test(a.text ?? '')),
            "the manager's follow-up",
        );
        assert.equal(cardsTo(priya).length, 2, 'one card for each of her two groups');
        assert.equal(cardsTo(tom).length, 1);
        const amCard = cardsTo(priya).find((c) => cardText(c).includes('Asset Management: are these'))!;
        const amText = cardText(amCard);
        assert.match(amText, /\*\*HW5\*\* Promote and support/);
        assert.match(amText, /Your part: For existing social housing/);
        assert.match(amText, /A8: Challenge the stigma/, 'objectives it could take on are offered');
        const { roundId } = JSON.parse(JSON.stringify(amCard)).actions[0].data;

        // Priya proposes a rewording and taking on A8; nothing changes in the objectives yet.
        const reply = await invoke(priya, VERBS.objectivesReply, {
            roundId,
            groupId: 'asset-management',
            answer: 'change',
            drop_HW5: 'false',
            reword_HW5: 'For social housing',
            reword_HW9: 'For existing social housing, retrofit first',
            add_ref: 'A8',
            add_contribution: 'Tackling stigma in our tenant communications',
            comment: 'We discussed this at our November meeting.',
        });
        assert.match(String(reply.value), /recorded 2 proposed changes for Asset Management/);
        const afterReply = bot.runtime.deps.store.read();
        assert.equal(afterReply.objectives.find((o) => o.ref === 'A8')!.contributions.length, 0);
        const stored = afterReply.chairRounds[0].replies[0];
        assert.deepEqual(
            [stored.by, stored.byName, stored.at, stored.agree],
            ['priya.shah@example.com', 'Priya Shah', now.toISOString(), false],
        );

        // Not chased before the fifth working day; chased once on it; never twice.
        now = new Date('2026-12-04T10:00:00Z');
        await bot.runtime.runReminders();
        assert.equal(cardsTo(tom).length, 1, 'no chase before its day');
        now = new Date('2026-12-07T10:00:00Z');
        await bot.runtime.runReminders();
        await until(() => cardsTo(tom).length === 2, 'the chase');
        assert.match(cardText(cardsTo(tom)[1]), /A reminder: this was sent on 30 Nov 2026 and has no answer yet\./);
        assert.equal(cardsTo(priya).length, 3, 'KHOG (unanswered) chased; Asset Management (answered) not');
        assert.match(cardText(cardsTo(priya)[2]), /Kent Housing Options Group: are these/);
        await bot.runtime.runReminders();
        assert.equal(cardsTo(tom).length, 2, 'chased exactly once');
        assert.equal(cardsTo(priya).length, 3);

        // The manager sees the answers, applies the rewording and declines A8.
        const [answers] = await say(morgan, 'who has confirmed their objectives?');
        const answersCard = answers.attachments![0].content;
        const answersText = cardText(answersCard);
        assert.match(answersText, /1 of 3 chairs have answered/);
        assert.match(answersText, /Proposed changes: Priya Shah, 30 Nov 2026/);
        assert.match(answersText, /Comment: We discussed this at our November meeting\./);
        assert.match(answersText, /Reword the contribution to HW9: "For existing social housing, retrofit first"/);
        assert.match(answersText, /Take on A8: "Tackling stigma in our tenant communications"/);
        assert.match(answersText, /No answer yet from Tom Reed\./);
        const decide = (line: RegExp, apply: boolean) => {
            const json = JSON.stringify(answersCard);
            const ids = [...json.matchAll(/"proposalId":"([^"]+)"/g)].map((m) => m[1]);
            const lines = stored.proposals.map((p) => p.id);
            assert.deepEqual([...new Set(ids)].sort(), [...lines].sort());
            const p = stored.proposals.find((x) => line.test(`${x.kind} ${x.ref}`))!;
            return invoke(morgan, VERBS.objectivesDecide, {
                roundId,
                groupId: 'asset-management',
                proposalId: p.id,
                apply,
            });
        };
        const applied = cardText((await decide(/reword HW9/, true)).value);
        assert.match(applied, /Applied by Morgan Ellis on 7 Dec 2026/);
        const declined = cardText((await decide(/add A8/, false)).value);
        assert.match(declined, /Declined by Morgan Ellis on 7 Dec 2026/);

        const data = bot.runtime.deps.store.read();
        assert.equal(
            data.objectives.find((o) => o.ref === 'HW9')!.contributions.find((c) => c.groupId === 'asset-management')!
                .contribution,
            'For existing social housing, retrofit first',
        );
        assert.equal(
            data.objectives.find((o) => o.ref === 'A8')!.contributions.length,
            0,
            'a declined proposal changes nothing',
        );
        const audit = await new AuditTrail(bot.runtime.deps.store).find({}, now);
        const applyEntry = audit.find((e) => e.action === 'objectives.apply')!;
        assert.equal(applyEntry.by.name, 'Morgan Ellis');
        assert.deepEqual(applyEntry.changes, [
            {
                field: 'objectives.HW9.contributions.asset-management',
                before: 'For existing social housing',
                after: 'For existing social housing, retrofit first',
            },
        ]);
        assert.ok(audit.some((e) => e.action === 'objectives.decline'));

        // A decided proposal cannot be decided again.
        const again = await decide(/reword HW9/, false);
        assert.match(String(again.value), /already applied by Morgan Ellis/);
    });

    it("only the group's chair answers and only the manager starts or decides", async () => {
        assert.match(
            cardText((await say(jo, 'ask the chairs to confirm their objectives'))[0]),
            /for the partnership manager/,
        );
        assert.match(
            String((await invoke(jo, VERBS.objectivesRoundStart, { confirm: true })).value),
            /for the partnership manager/,
        );
        await invoke(morgan, VERBS.objectivesRoundStart, { confirm: true, plan: (await preview()).plan });
        const roundId = bot.runtime.deps.store.read().chairRounds[0].id;
        const answer = { roundId, groupId: 'asset-management', answer: 'agree' };
        assert.match(
            String((await invoke(tom, VERBS.objectivesReply, answer)).value),
            /Only the group's chair or vice-chair/,
        );
        assert.match(
            String(
                (await invoke(priya, VERBS.objectivesReply, { ...answer, answer: 'change', drop_A8: 'true' })).value,
            ),
            /"A8" is not one of Asset Management's objectives/,
        );
        assert.match(String((await invoke(priya, VERBS.objectivesReply, answer)).value), /objectives are right/);
        assert.match(
            String(
                (
                    await invoke(priya, VERBS.objectivesDecide, {
                        roundId,
                        groupId: 'asset-management',
                        proposalId: 'p1-1',
                        apply: true,
                    })
                ).value,
            ),
            /Only the partnership manager decides/,
        );
        assert.equal(bot.runtime.deps.store.read().chairRounds[0].replies.length, 1);
    });

    it('starts only the round that was previewed: a stale or forged Start sends nothing and shows the round as it is now', async () => {
        const { plan } = await preview();
        // A chair is replaced after the preview: the card no longer says who would be asked.
        await bot.runtime.deps.store.transact((d) => {
            const line = d.roster.find((e) => e.groupId === 'private-sector-housing' && e.role === 'chair')!;
            line.role = 'member';
        });
        for (const data of [{ confirm: true, plan }, { confirm: true, plan: '[]' }, { confirm: true }]) {
            const before = connector.activities().length;
            const answer = await invoke(morgan, VERBS.objectivesRoundStart, data);
            assert.match(String(answer.value), /Nothing was sent: the groups, chairs or objectives have changed/);
            assert.equal(bot.runtime.deps.store.read().chairRounds.length, 0, 'no round started');
            const fresh = connector.activities().slice(before);
            assert.equal(fresh.length, 1, 'the preview as it is now');
            assert.doesNotMatch(cardText(fresh[0].attachments), /Private Sector Housing: Tom Reed/);
            assert.equal(cardsTo(tom).length + cardsTo(priya).length, 0, 'no card sent to any chair');
        }
        // The fresh preview's own Start starts the round it shows.
        const started = await invoke(morgan, VERBS.objectivesRoundStart, {
            confirm: true,
            plan: (await preview()).plan,
        });
        assert.match(cardText(started.value), /Sent to 2 chairs/);
        assert.equal(bot.runtime.deps.store.read().chairRounds.length, 1);
    });
});
