/**
 * The relevance round end to end over HTTP, with the seed register and the fake Bot Connector: the
 * manager starts it, each owning group's chair gets one card, a chair answers, the unanswered are
 * chased once after the working days, the manager sees the round and decides, and the register
 * changes only on an accepted answer, with its history.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import type { StoreData } from '../../src/domain/model.js';
import { readSeed } from '../../src/store/store.js';
import { VERBS } from '../../src/bot/verbs.js';
import { cardAction, message, type Sender } from '../helpers/activities.js';
import { startBot, type BotUnderTest } from '../helpers/botServer.js';
import { FakeConnector, type ConnectorCall } from '../helpers/fakeConnector.js';
import { IDS } from '../helpers/fixtures.js';
import { cardText } from '../helpers/cards.js';

const morgan: Sender = { id: '29:morgan', name: 'Morgan Ellis', aadObjectId: IDS.manager };
const priya: Sender = { id: '29:priya', name: 'Priya Shah', aadObjectId: IDS.chairOfTwo }; // chair of KHOG
const tom: Sender = { id: '29:tom', name: 'Tom Reed', aadObjectId: IDS.chair }; // made Homechoice's chair below
const jo: Sender = { id: '29:jo', name: 'Jo Baker', aadObjectId: IDS.member };

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a card as the bot sent it; each test reads the parts it asserts
type Card = any;
interface InvokeBody {
    statusCode: number;
    type: string;
    value: unknown;
}

/** Monday 23 Nov 2026; five working days on is Monday 30 November. */
const START = new Date('2026-11-23T10:00:00Z');

function roundSeed(): StoreData {
    const data = readSeed(path.resolve('data/seed.json'), path.resolve('data/demo.json'));
    // Tom chairs Homechoice in this test, so that a chair who does not answer can be reached and chased.
    data.roster = data.roster.filter((e) => !(e.groupId === 'homechoice' && e.role === 'chair'));
    data.roster.push({
        groupId: 'homechoice',
        role: 'chair',
        name: 'Tom Reed',
        email: 'tom.reed@example.com',
        aadObjectId: IDS.chair,
    });
    return data;
}

describe('the relevance round over HTTP (seed register)', function () {
    this.timeout(60_000);
    let connector: FakeConnector;
    let bot: BotUnderTest;
    let now = START;

    const ask = async (who: Sender, text: string) => {
        connector.reset();
        const res = await bot.post(message(who, text, { serviceUrl: connector.url }));
        assert.equal(res.status, 200);
        const [reply] = connector.activities();
        assert.ok(reply, `no reply to "${text}"`);
        return reply;
    };
    const askCard = async (who: Sender, text: string): Promise<Card> => {
        const reply = await ask(who, text);
        assert.ok(reply.attachments?.[0], `expected a card for "${text}", got: ${reply.text}`);
        return reply.attachments[0].content;
    };
    const invoke = async (who: Sender, verb: string, data: Record<string, unknown>) => {
        const res = await bot.post(cardAction(who, verb, data, { serviceUrl: connector.url, replyToId: 'c1' }));
        assert.equal(res.status, 200, JSON.stringify(res.body));
        return res.body as InvokeBody;
    };
    const textOf = (b: InvokeBody) =>
        b.type === 'application/vnd.microsoft.card.adaptive' ? cardText(b.value) : String(b.value);
    /** Round cards sent to a person's chat (the proactive sends the fake connector saw). */
    const roundCardsTo = (who: Sender, heading: RegExp) =>
        connector.calls.filter(
            (c: ConnectorCall) =>
                c.conversationId === `a:personal-${who.id}` &&
                c.body?.attachments &&
                heading.test(cardText(c.body.attachments[0].content)),
        );
    const store = () => bot.runtime.deps.store.read();

    before(async () => {
        connector = await new FakeConnector().start();
        bot = await startBot({ data: roundSeed(), clock: () => now });
        // The chairs have talked to the bot once, so it can reach them.
        await bot.post(message(priya, 'hello', { serviceUrl: connector.url }));
        await bot.post(message(tom, 'hello', { serviceUrl: connector.url }));
    });
    after(async () => {
        await bot.stop();
        await connector.stop();
    });

    it('before a round, "how is the review round going?" says none has started', async () => {
        const reply = await ask(morgan, 'how is the review round going?');
        assert.match(reply.text, /No relevance round has been started yet/);
    });

    it('"start the review round" previews who will be asked and who cannot be, and changes nothing', async () => {
        const text = cardText(await askCard(morgan, 'start the review round'));
        assert.match(text, /Start a relevance round\?/);
        assert.match(text, /One card to each of 5 chairs/);
        assert.match(text, /Kent Housing Options Group\nPriya Shah: 9 documents/);
        assert.match(text, /Homechoice operational group\nTom Reed: 3 documents/);
        assert.match(text, /Not asked, no chair on the roster: .*Kent Energy Efficiency Partnership \(1\)/);
        assert.match(text, /Not asked, no group on record for: .*Kent Viability Protocol/);
        assert.deepEqual(store().rounds, []);
    });

    it('a chair cannot start a round', async () => {
        const reply = await ask(priya, 'start the review round');
        assert.match(reply.text, /Only the partnership manager can start a relevance round/);
        const forged = await invoke(priya, VERBS.roundConfirm, {});
        assert.match(textOf(forged), /Only the partnership manager/);
        assert.deepEqual(store().rounds, []);
    });

    it("the manager confirms: each owning group's chair gets one card listing their documents", async () => {
        // Start exactly as previewed: the preview card's own button carries what it showed.
        const preview = await askCard(morgan, 'start the review round');
        const start = (preview as { actions?: { verb: string; data: Record<string, unknown> }[] }).actions?.find(
            (a) => a.verb === VERBS.roundConfirm,
        );
        assert.ok(start, 'the preview has a Start button');
        const forged = await invoke(morgan, VERBS.roundConfirm, {});
        assert.match(
            textOf(forged),
            /Nothing was sent: the groups, chairs or documents have changed since that preview/,
        );
        assert.deepEqual(store().rounds, [], 'a card that is not the preview starts nothing');
        connector.reset();
        const body = await invoke(morgan, VERBS.roundConfirm, start.data);
        assert.match(textOf(body), /Started: 2 of 5 cards delivered\./);
        const khog = roundCardsTo(priya, /^Which of Kent Housing Options Group's documents are still needed\?/m);
        assert.equal(khog.length, 1, 'one card for KHOG');
        const card = khog[0].body.attachments[0].content;
        const inputs = JSON.stringify(card).match(/"id":"answer_[a-z-]+"/g)!;
        assert.equal(inputs.length, 9);
        assert.match(
            cardText(card),
            /\*\*Kent high priority rehousing reciprocal scheme\*\*\nYour group owns it\. Its stated review date, Sept 2021, has passed/,
        );
        assert.match(cardText(card), /\*\*Joint protocol for young people\*\*\nYour group is named to review it\./);
        assert.equal(roundCardsTo(tom, /^Which of Homechoice operational group's documents/m).length, 1);
        const round = store().rounds[0];
        assert.equal(round.startedBy, 'morgan.ellis@example.com');
        assert.deepEqual(round.asked.map((a) => a.groupId).sort(), [
            'homechoice',
            'khog',
            'kpog',
            'strategy-enabling',
            'tenancy-management',
        ]);
    });

    it("a chair answers: the answers are in each document's history with who and when; the register is unchanged", async () => {
        const roundId = store().rounds[0].id;
        now = new Date('2026-11-24T15:00:00Z');
        const reply = await invoke(priya, VERBS.roundReply, {
            roundId,
            groupId: 'khog',
            'answer_reciprocal-scheme': 'needs_review',
            'lead_reciprocal-scheme': 'KHOG (local authority members)',
            'by_reciprocal-scheme': '2027-03-31',
            'comment_reciprocal-scheme': 'The contacts have changed',
            'answer_pre-eviction-protocol': 'current',
            'answer_moving-on-or-moving-in': 'not_ours',
        });
        assert.match(textOf(reply), /Thank you: 3 answers for Kent Housing Options Group saved/);
        const krs = store().protocols.find((p) => p.id === 'reciprocal-scheme')!;
        assert.equal(krs.status, 'current', 'nothing changes before the manager decides');
        const event = krs.history.at(-1)!;
        assert.deepEqual(
            [event.kind, event.by, event.at],
            ['round_reply', 'priya.shah@example.com', '2026-11-24T15:00:00.000Z'],
        );
        assert.match(
            event.note!,
            /For Kent Housing Options Group: Needs review, led by KHOG \(local authority members\) by 31 Mar 2027: The contacts have changed/,
        );
    });

    it('refuses answers from someone who does not chair the group, and for documents not on the card', async () => {
        const roundId = store().rounds[0].id;
        const before = JSON.stringify(store().rounds);
        assert.match(
            textOf(
                await invoke(jo, VERBS.roundReply, { roundId, groupId: 'khog', 'answer_reciprocal-scheme': 'remove' }),
            ),
            /Only the group's chair or vice-chair can answer for it/,
        );
        assert.match(
            textOf(
                await invoke(priya, VERBS.roundReply, {
                    roundId,
                    groupId: 'homechoice',
                    'answer_affordability-protocol': 'remove',
                }),
            ),
            /Only the group's chair or vice-chair/,
        );
        assert.match(
            textOf(
                await invoke(priya, VERBS.roundReply, {
                    roundId,
                    groupId: 'khog',
                    'answer_kent-viability-protocol': 'remove',
                }),
            ),
            /"kent-viability-protocol" is not one of the group's documents\. Nothing was saved\./,
        );
        assert.match(
            textOf(
                await invoke(priya, VERBS.roundReply, {
                    roundId,
                    groupId: 'khog',
                    'answer_reciprocal-scheme': 'burn it',
                }),
            ),
            /not one of the choices/,
        );
        assert.equal(JSON.stringify(store().rounds), before);
    });

    it("chases each unanswered card once, five working days on, with the reminders' delivery and ledger", async () => {
        now = new Date('2026-11-27T10:00:00Z'); // Friday: four working days, no chase yet
        connector.reset();
        await bot.runtime.runReminders();
        assert.equal(roundCardsTo(tom, /^A reminder: which of Homechoice/m).length, 0);
        now = new Date('2026-11-30T10:00:00Z'); // Monday: the fifth working day
        const report = await bot.runtime.runReminders();
        await bot.runtime.runReminders();
        assert.equal(roundCardsTo(tom, /^A reminder: which of Homechoice operational group's documents/m).length, 1);
        assert.equal(roundCardsTo(priya, /^A reminder: which of/m).length, 0, 'KHOG answered: no chase');
        const chases = report.messages.filter((m) => m.steps.includes('round-chase'));
        assert.deepEqual(chases.map((m) => [m.groupNames[0], m.outcome]).sort(), [
            ['Homechoice operational group', 'sent'],
            ['Housing Strategy and Enabling', 'notInstalled'],
            ['Kent Planning Officers Group', 'notInstalled'],
            ['Tenancy Management', 'notInstalled'],
        ]);
    });

    it('"how is the review round going?", "who hasn\'t answered?" and "which sub groups have not confirmed which documents they contribute to?" give who answered, who has not, and the proposals', async () => {
        for (const question of [
            'how is the review round going?',
            "who hasn't answered?",
            'which sub groups have not confirmed which documents they contribute to?',
        ]) {
            const text = cardText(await askCard(morgan, question));
            assert.match(text, /1 of 5 groups answered; 3 proposals waiting for a decision; 0 decided\./);
            assert.match(text, /\*\*Answered\*\*\nKent Housing Options Group\nPriya Shah, 24 Nov 2026: 3 answers/);
            assert.match(
                text,
                /\*\*Not answered yet\*\*\n[\s\S]*Homechoice operational group\nTom Reed: card delivered; chased 30 Nov 2026/,
            );
            assert.match(
                text,
                /Tenancy Management\nDana Whitfield: card not delivered: the bot is not installed for them/,
            );
            assert.match(
                text,
                /\*\*Kent high priority rehousing reciprocal scheme\*\*\nKent Housing Options Group \(Priya Shah, 24 Nov 2026\): Needs review, led by KHOG/,
            );
        }
        const card = await askCard(morgan, 'how is the review round going?');
        assert.equal(JSON.stringify(card).match(/"verb":"round\.decide"/g)!.length, 6, 'accept and decline for each');
        const chairView = await askCard(priya, 'how is the review round going?');
        assert.doesNotMatch(JSON.stringify(chairView), /round\.decide/, 'only the manager decides');
    });

    it('the manager accepts and declines on the card: the register changes only on accepted, audited in the history', async () => {
        const roundId = store().rounds[0].id;
        now = new Date('2026-12-01T09:00:00Z');
        const forged = await invoke(priya, VERBS.roundDecide, {
            roundId,
            groupId: 'khog',
            protocolId: 'reciprocal-scheme',
            outcome: 'accepted',
        });
        assert.match(textOf(forged), /Only the partnership manager/);
        assert.equal(store().protocols.find((p) => p.id === 'reciprocal-scheme')!.status, 'current');

        const accepted = await invoke(morgan, VERBS.roundDecide, {
            roundId,
            groupId: 'khog',
            protocolId: 'reciprocal-scheme',
            outcome: 'accepted',
        });
        assert.match(textOf(accepted), /Accepted: Kent high priority rehousing reciprocal scheme, Needs review/);
        assert.match(textOf(accepted), /2 proposals waiting for a decision; 1 decided/);
        const krs = store().protocols.find((p) => p.id === 'reciprocal-scheme')!;
        assert.equal(krs.status, 'under_review');
        assert.equal(krs.reviewLead, 'KHOG (local authority members), by 31 Mar 2027');
        assert.deepEqual(krs.evidence.at(-1)!.recorded, {
            at: '2026-11-24',
            source: 'chair',
            by: 'priya.shah@example.com',
        });
        const decision = krs.history.at(-1)!;
        assert.deepEqual([decision.kind, decision.by], ['round_decision', 'morgan.ellis@example.com']);
        assert.deepEqual(decision.changes?.status, { from: 'current', to: 'under_review' });

        await invoke(morgan, VERBS.roundDecide, {
            roundId,
            groupId: 'khog',
            protocolId: 'moving-on-or-moving-in',
            outcome: 'declined',
        });
        assert.deepEqual(store().protocols.find((p) => p.id === 'moving-on-or-moving-in')!.reviewers, [
            'khog',
            'homechoice',
        ]);
        const again = await invoke(morgan, VERBS.roundDecide, {
            roundId,
            groupId: 'khog',
            protocolId: 'moving-on-or-moving-in',
            outcome: 'accepted',
        });
        assert.match(textOf(again), /already been decided/);

        await invoke(morgan, VERBS.roundDecide, {
            roundId,
            groupId: 'khog',
            protocolId: 'pre-eviction-protocol',
            outcome: 'accepted',
        });
        const pre = store().protocols.find((p) => p.id === 'pre-eviction-protocol')!;
        assert.deepEqual(pre.asAt, { at: '2026-11-24', source: 'chair', by: 'priya.shah@example.com' });
    });

    it('"which documents might we remove?", "which are not on the website?" and "which group has the most on?" answer from the register', async () => {
        const remove = (await ask(jo, 'which documents might we remove?')).text;
        assert.match(
            remove,
            /\*\*KHG Guide to virtual lettings\*\*: Tenancy Management is deciding whether it is still needed/,
        );
        const off = (await ask(jo, 'which are not on the website?')).text;
        for (const title of [
            'Intentionally Homeless/Complex families Protocol',
            'Homeless when discharged from a mental health in patient facility protocol',
            'Protocol on a reciprocal arrangement between social housing providers',
        ])
            assert.ok(off.includes(title), title);
        assert.doesNotMatch(off, /Kent Viability Protocol/);
        const load = (await ask(jo, 'which group has the most on?')).text;
        assert.match(load, /- \*\*Kent Housing Options Group\*\*: 5 reviews under way, 1 draft, 3 due on the evidence/);
        assert.match(load, /not how much time each group has/);
    });

    it('the manager closes the round: no more answers or chases', async () => {
        const roundId = store().rounds[0].id;
        const closed = await invoke(morgan, VERBS.roundClose, { roundId });
        assert.match(textOf(closed), /The round is closed/);
        const late = await invoke(tom, VERBS.roundReply, {
            roundId,
            groupId: 'homechoice',
            'answer_affordability-protocol': 'current',
        });
        assert.match(textOf(late), /closed/);
    });
});
