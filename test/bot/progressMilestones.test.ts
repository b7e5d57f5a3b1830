/**
 * Milestones and "help needed" on the progress form, over HTTP with a fake Bot Connector: the chair
 * updates each milestone and flags help; on submit the store changes, the summary and the digest
 * show it; the next form asks whether earlier help was resolved; RAG can be turned off.
 */
import assert from 'node:assert/strict';
import sinon from 'sinon';
import { VERBS } from '../../src/bot/verbs.js';
import { cardAction, message, type Sender } from '../helpers/activities.js';
import { startBot, type BotUnderTest } from '../helpers/botServer.js';
import { cardText, errorAtInput } from '../helpers/cards.js';
import { FakeConnector } from '../helpers/fakeConnector.js';
import { IDS } from '../helpers/fixtures.js';
import { strategyData } from '../helpers/strategy.js';

const priya: Sender = { id: '29:priya', name: 'Priya Shah', aadObjectId: IDS.chairOfTwo };
const morgan: Sender = { id: '29:morgan', name: 'Morgan Ellis', aadObjectId: IDS.manager };
const now = new Date('2026-12-10T18:30:00Z');

interface InvokeBody {
    statusCode: number;
    type: string;
    value: unknown;
}
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a card as the bot sent it; each test reads the parts it asserts
type Card = any;

describe('milestones and help requests on the progress form', () => {
    let connector: FakeConnector;
    let bot: BotUnderTest;
    const am = { groupId: 'asset-management', period: '2026-12' };

    async function invoke(who: Sender, verb: string, payload: Record<string, unknown>) {
        const res = await bot.post(cardAction(who, verb, payload, { serviceUrl: connector.url, replyToId: 'card-1' }));
        assert.equal(res.status, 200, JSON.stringify(res.body));
        return res.body as InvokeBody;
    }
    const asCard = (b: InvokeBody): Card => {
        assert.equal(
            b.type,
            'application/vnd.microsoft.card.adaptive',
            `expected a card, got: ${JSON.stringify(b.value)}`,
        );
        return b.value;
    };
    const inputIds = (card: Card) => (JSON.stringify(card).match(/"id":"[^"]+"/g) ?? []).map((s) => s.slice(6, -1));
    const submission = {
        ...am,
        basedOn: 0,
        text_HW9: 'Survey finished; the retrofit specification waits for the landlords.',
        rag_HW9: 'red',
        text_HW5: 'Joined the fuel poverty network.',
        rag_HW5: 'green',
        'ms_asset-management-1': 'done',
        'ms_asset-management-2': 'slipped',
        'msdate_asset-management-2': '2027-09',
        help_HW5: 'true',
        helpfrom_HW5: 'group:private-sector-housing',
        helpneed_HW5: 'Contacts in the private rented sector for a joint fuel poverty event',
        'helpresolved_help-1': 'yes',
    };

    async function start(env: Record<string, string> = {}) {
        connector = await new FakeConnector().start();
        bot = await startBot({ data: strategyData(), clock: () => now, env });
    }
    afterEach(async () => {
        sinon.restore();
        await bot.stop();
        await connector.stop();
    });

    it('the form lists each milestone under its objective with its state, suggests a RAG from them, and asks about open help', async () => {
        await start();
        const card = asCard(await invoke(priya, VERBS.progressOpen, am));
        const text = cardText(card);
        const ids = inputIds(card);
        for (const id of [
            'ms_asset-management-1',
            'msdate_asset-management-1',
            'ms_asset-management-2',
            'help_HW9',
            'helpneed_HW9',
            'helpresolved_help-1',
        ])
            assert.ok(ids.includes(id), `${id} in ${ids.join(', ')}`);
        assert.match(text, /Survey the stock for overheating risk/);
        assert.match(text, /On track, by Mar 2027; lead: Asset managers/);
        assert.match(text, /Slipped, slipped to Jun 2027/);
        assert.match(
            text,
            /Suggested from the milestones: Amber \(1 milestone slipped to a new date\)\. Your own rating stands\./,
        );
        assert.match(text, /Help asked in the June 2026 update from the Board: A steer on funding/);
        assert.match(JSON.stringify(card), /"id":"ms_asset-management-2"[^}]*"value":"slipped"/);
    });

    it('a draft keeps the milestone choices on the form but changes nothing in the store until submitted', async () => {
        await start();
        const draft = asCard(await invoke(priya, VERBS.progressSaveDraft, { ...submission, text_HW9: 'Half written' }));
        assert.match(cardText(draft), /Draft saved by Priya Shah/);
        const stored = bot.runtime.deps.store.read();
        assert.equal(stored.milestones.find((m) => m.id === 'asset-management-1')!.state, 'on_track');
        assert.equal(stored.helpRequests.length, 1);
        assert.equal(stored.helpRequests[0].resolved, undefined);
        const again = asCard(await invoke(priya, VERBS.progressEdit, am));
        assert.match(JSON.stringify(again), /"id":"ms_asset-management-1"[^}]*"value":"done"/);
        assert.match(JSON.stringify(again), /"id":"helpneed_HW5"[^}]*"value":"Contacts in the private rented sector/);
    });

    it("on submit: milestones change with history, the chair's own RAG stands, help is raised and resolved, and summary and digest show them", async () => {
        await start();
        const summary = cardText(asCard(await invoke(priya, VERBS.progressSubmit, submission)));
        assert.match(summary, /Submitted by Priya Shah/);
        assert.match(summary, /Red: off track/, "the chair's own rating stands");
        assert.match(summary, /Suggested from the milestones: Amber/);
        assert.match(summary, /Done: Survey the stock for overheating risk \(by Mar 2027\)/);
        assert.match(summary, /Slipped: Agree a shared retrofit specification \(slipped to Sept 2027\)/);
        assert.match(summary, /Help needed from Private Sector Housing: Contacts in the private rented sector/);

        const d = bot.runtime.deps.store.read();
        const m1 = d.milestones.find((m) => m.id === 'asset-management-1')!;
        assert.equal(m1.state, 'done');
        assert.deepEqual(
            { ...m1.history.at(-1) },
            {
                at: now.toISOString(),
                by: 'Priya Shah',
                source: 'chair',
                state: 'done',
                target: '2027-03',
                period: '2026-12',
            },
        );
        assert.equal(d.milestones.find((m) => m.id === 'asset-management-2')!.newTarget, '2027-09');
        assert.deepEqual(d.helpRequests.find((h) => h.id === 'help-1')!.resolved, {
            period: '2026-12',
            by: 'Priya Shah',
            at: now.toISOString(),
        });
        const raised = d.helpRequests.find((h) => h.id === 'help-2')!;
        assert.deepEqual(
            [raised.ref, raised.from, raised.fromGroupId, raised.period],
            ['HW5', 'group', 'private-sector-housing', '2026-12'],
        );

        const before = connector.activities().length;
        await bot.post(message(morgan, 'digest', { serviceUrl: connector.url }));
        const digest = cardText(connector.activities().slice(before)[0].attachments);
        assert.match(digest, /Milestones: 1 done, 1 slipped/);
        assert.match(
            digest,
            /\*\*Asset Management\*\*, HW5, from Private Sector Housing: Contacts in the private rented sector/,
        );
        assert.doesNotMatch(digest, /A steer on funding/, 'a resolved request is no longer listed');
    });

    it("a milestone or help request that is not the group's is refused and nothing is saved", async () => {
        await start();
        const body = await invoke(priya, VERBS.progressSubmit, { ...submission, 'ms_khog-9': 'done' });
        assert.match(String(body.value), /is not one of Asset Management's milestones\. Nothing was saved\./);
        const badDate = await invoke(priya, VERBS.progressSubmit, {
            ...submission,
            'msdate_asset-management-2': 'next spring',
        });
        assert.match(
            errorAtInput(asCard(badDate), 'msdate_asset-management-2')!,
            /must be a month \(2027-03\) or a day/,
            'the date is refused at its own box',
        );
        assert.equal(
            bot.runtime.deps.store.read().milestones.find((m) => m.id === 'asset-management-1')!.state,
            'on_track',
        );
    });

    it('with RAG_MODE=off the form asks for no rating and nothing suggests one', async () => {
        await start({ RAG_MODE: 'off' });
        const card = asCard(await invoke(priya, VERBS.progressOpen, am));
        assert.ok(!inputIds(card).some((id) => id.startsWith('rag_')));
        assert.doesNotMatch(cardText(card), /Suggested from the milestones/);
        const { rag_HW9: _r, rag_HW5: _g, ...unrated } = submission;
        const summary = cardText(asCard(await invoke(priya, VERBS.progressSubmit, unrated)));
        assert.doesNotMatch(summary, /Not rated|Green|Red|Amber/);
        assert.match(summary, /Done: Survey the stock/);
    });
});
