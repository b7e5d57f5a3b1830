/** Questions about the strategy, over HTTP with a fake Bot Connector, answered from the store. */
import assert from 'node:assert/strict';
import sinon from 'sinon';
import type { AdaptiveCardJson } from '../../src/cards/render.js';
import { findPerson } from '../../src/domain/people.js';
import { recordProgress } from '../../src/services/progress.js';
import { message, type Sender } from '../helpers/activities.js';
import { startBot, type BotUnderTest } from '../helpers/botServer.js';
import { cardText } from '../helpers/cards.js';
import { FakeConnector } from '../helpers/fakeConnector.js';
import { IDS } from '../helpers/fixtures.js';
import { strategyData } from '../helpers/strategy.js';

const jo: Sender = { id: '29:jo', name: 'Jo Baker', aadObjectId: IDS.member }; // member of asset-management
const morgan: Sender = { id: '29:morgan', name: 'Morgan Ellis', aadObjectId: IDS.manager };
const pat: Sender = { id: '29:pat', name: 'Pat Visitor', aadObjectId: 'aad-pat' }; // on no roster

describe('questions about the strategy', () => {
    let connector: FakeConnector;
    let bot: BotUnderTest;
    const now = new Date('2026-12-10T18:30:00Z');

    async function ask(who: Sender, text: string) {
        const before = connector.activities().length;
        const res = await bot.post(message(who, text, { serviceUrl: connector.url }));
        assert.equal(res.status, 200);
        const replies = connector.activities().slice(before);
        assert.equal(replies.length, 1, `one reply expected, got ${replies.length}`);
        return replies[0];
    }
    async function cardFor(who: Sender, text: string): Promise<AdaptiveCardJson> {
        const reply = await ask(who, text);
        const card = reply.attachments?.[0]?.content as AdaptiveCardJson | undefined;
        assert.ok(card, `expected a card for "${text}", got: ${reply.text}`);
        return card;
    }
    async function textFor(who: Sender, text: string): Promise<string> {
        const reply = await ask(who, text);
        assert.ok(reply.text, `expected a message for "${text}", got a card: ${cardText(reply.attachments)}`);
        return reply.text;
    }

    beforeEach(async () => {
        connector = await new FakeConnector().start();
        bot = await startBot({ data: strategyData(), clock: () => now });
        const store = bot.runtime.deps.store;
        await recordProgress(
            store,
            {
                groupId: 'asset-management',
                period: '2026-12',
                basedOn: 0,
                text_HW9: 'Overheating survey under way in three member landlords.',
                rag_HW9: 'amber',
                text_HW5: 'Joined the fuel poverty network.',
                rag_HW5: 'green',
            },
            'submitted',
            findPerson(store.read(), { email: 'priya.shah@example.com' }),
            new Date('2026-12-08T09:00:00Z'),
        );
    });
    afterEach(async () => {
        sinon.restore();
        await bot.stop();
        await connector.stop();
    });

    it('"what is HW9?" from a member: the objective card with each group, its latest report and RAG, milestones and help', async () => {
        const text = cardText(await cardFor(jo, 'what is HW9?'));
        assert.match(text, /HW9: Ensure housing is resilient/);
        assert.match(text, /Health and Wellbeing theme · 2 groups contributing/);
        assert.match(text, /\*\*Asset Management\*\*: For existing social housing/);
        assert.match(text, /Amber/);
        assert.match(text, /December 2026 update, submitted by Priya Shah on 8 Dec 2026/);
        assert.match(text, /Overheating survey under way in three member landlords\./);
        assert.match(text, /Survey the stock for overheating risk \(by Mar 2027; lead: Asset managers/);
        assert.match(text, /Slipped/);
        assert.match(text, /Agree a shared retrofit specification \(slipped to Jun 2027/);
        assert.match(text, /Help needed: from the Board: A steer on funding/);
        assert.match(text, /\*\*Private Sector Housing\*\*: For existing private sector homes/);
        assert.match(text, /Nothing reported on this objective yet\./);
    });

    it('"tell me about A8" from someone on no roster: the card shows the gap', async () => {
        const text = cardText(await cardFor(pat, 'tell me about A8'));
        assert.match(text, /A8: Challenge the stigma/);
        assert.match(text, /Affordability theme · no group contributing/);
        assert.match(text, /No group has taken this objective on/);
    });

    it('"what are the milestones for HW9?" answers with the objective card and its milestones', async () => {
        const text = cardText(await cardFor(jo, 'what are the milestones for HW9?'));
        assert.match(text, /Milestones/);
        assert.match(text, /Survey the stock for overheating risk/);
    });

    it('an objective not on record is said to be unknown, with the ones that are', async () => {
        const text = await textFor(jo, 'what is HW42?');
        assert.match(text, /no objective HW42 on record/);
        assert.match(text, /HW5, HW9, A8/);
    });

    for (const q of ['who is working on HW9?', 'which groups contribute to HW9?']) {
        it(`"${q}" lists the contributing groups with their part and latest rating, not the late groups`, async () => {
            const text = await textFor(jo, q);
            assert.match(text, /2 groups are working on it/);
            assert.match(
                text,
                /\*\*Asset Management\*\*: For existing social housing \(last reported in the December 2026 update, rated Amber; 2 milestones\)/,
            );
            assert.match(
                text,
                /\*\*Private Sector Housing\*\*: For existing private sector homes \(nothing reported yet\)/,
            );
            assert.doesNotMatch(text, /late/i);
        });
    }

    it('"who is working on A8?" says no group has taken it on', async () => {
        assert.match(
            await textFor(pat, 'who is working on A8?'),
            /No group has taken this objective on yet: it is a gap/,
        );
    });

    for (const q of ['the Health and Wellbeing objectives', 'show me the Health and Wellbeing theme']) {
        it(`"${q}" lists the theme's objectives with their groups, not a digest`, async () => {
            const text = await textFor(pat, q);
            assert.match(text, /The \*\*Health and Wellbeing\*\* theme \(HW\): 2 objectives recorded/);
            assert.match(text, /\*\*HW5\*\* Promote and support .* \(Asset Management\)/);
            assert.match(text, /\*\*HW9\*\* Ensure housing .* \(Asset Management, Private Sector Housing\)/);
            assert.doesNotMatch(text, /A8/);
        });
    }

    it('"what does Asset Management report on?" lists its objectives, contributions, latest reports and milestones', async () => {
        const text = await textFor(pat, 'what does Asset Management report on?');
        assert.match(text, /\*\*Asset Management\*\* reports on 2 objectives/);
        assert.match(
            text,
            /\*\*HW5\*\* Promote .*, \*For social housing\* \(last reported in the December 2026 update, Green\)/,
        );
        assert.match(
            text,
            /\*\*HW9\*\* .*\(last reported in the December 2026 update, Amber; 2 milestones; 1 open help request\)/,
        );
    });

    it('"which objectives has no group taken on?" lists the gaps from the store', async () => {
        const text = await textFor(pat, 'which objectives has no group taken on?');
        assert.match(text, /1 of the 3 objectives on record has no group contributing/);
        assert.match(text, /\*\*A8\*\* \(Affordability\) Challenge the stigma/);
        assert.doesNotMatch(text, /HW9/);
    });

    it("the objective matrix: the manager gets every objective with its groups and the gaps marked; others are told it is the manager's", async () => {
        const card = await cardFor(morgan, 'show me the objective matrix');
        const text = cardText(card);
        assert.match(text, /3 objectives recorded; 1 with no group contributing/);
        assert.match(
            text,
            /Asset Management \(For existing social housing\); Private Sector Housing \(For existing private sector homes\)/,
        );
        assert.match(text, /\*\*A8\*\*[\s\S]*Gap: no group has taken this on/);
        assert.match(text, /api\/digest\/download\?t=/);
        assert.match(await textFor(jo, 'objective matrix'), /The objective matrix is for the partnership manager/);
    });

    it("the manager's digest lists the objectives no group has taken on and the open help requests", async () => {
        const text = cardText(await cardFor(morgan, 'digest'));
        assert.match(text, /Objectives no group has taken on/);
        assert.match(text, /\*\*A8\*\* \(Affordability\): Challenge the stigma/);
        assert.match(text, /Help requested/);
        assert.match(text, /\*\*Asset Management\*\*, HW9, from the Board: A steer on funding/);
        assert.match(text, /Milestones: 1 on track, 1 slipped/);
    });
});
