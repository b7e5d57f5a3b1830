/** "What's my group's next update?" and "which groups are late?" over HTTP, with a fake Bot Connector. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import sinon from 'sinon';
import { runCli } from '../../src/cli.js';
import { VERBS } from '../../src/bot/verbs.js';
import { cardBytes, type AdaptiveCardJson } from '../../src/cards/render.js';
import type { StoreData } from '../../src/domain/model.js';
import { findPerson } from '../../src/domain/people.js';
import { openPeriodOf } from '../../src/services/groups.js';
import { recordProgress } from '../../src/services/progress.js';
import { cardAction, message, type Sender } from '../helpers/activities.js';
import { startBot, type BotUnderTest } from '../helpers/botServer.js';
import { FakeConnector } from '../helpers/fakeConnector.js';
import { IDS, sampleData } from '../helpers/fixtures.js';

const priya: Sender = { id: '29:priya', name: 'Priya Shah', aadObjectId: IDS.chairOfTwo }; // chair of asset-management and khog
const tom: Sender = { id: '29:tom', name: 'Tom Reed', aadObjectId: IDS.chair }; // chair of private-sector-housing
const jo: Sender = { id: '29:jo', name: 'Jo Baker', aadObjectId: IDS.member }; // member of asset-management
const morgan: Sender = { id: '29:morgan', name: 'Morgan Ellis', aadObjectId: IDS.manager };
/** Vice-chair of khog, on the roster by e-mail only (mixed case: Chris.Lane@example.com). */
const chris: Sender = { id: '29:chris', name: 'Chris Lane', aadObjectId: 'aad-chris' };
const pat: Sender = { id: '29:pat', name: 'Pat Visitor', aadObjectId: 'aad-pat' };

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON as the bot sent it; each test reads the parts it asserts
type Json = any;

function texts(node: unknown): string {
    const out: string[] = [];
    const walk = (n: unknown) => {
        if (Array.isArray(n)) n.forEach(walk);
        else if (n && typeof n === 'object') {
            for (const [k, v] of Object.entries(n)) {
                if ((k === 'text' || k === 'title' || k === 'value') && typeof v === 'string') out.push(v);
                else walk(v);
            }
        }
    };
    walk(node);
    return out.join('\n');
}

/** Every Action.Execute in a card. */
function executeActions(card: unknown): Json[] {
    const found: Json[] = [];
    const walk = (n: unknown) => {
        if (Array.isArray(n)) n.forEach(walk);
        else if (n && typeof n === 'object') {
            if ((n as Json).type === 'Action.Execute') found.push(n);
            Object.values(n).forEach(walk);
        }
    };
    walk(card);
    return found;
}

function data(): StoreData {
    const d = sampleData();
    d.objectives.push({
        ref: 'A8',
        theme: 'A',
        text: 'Challenge the stigma associated with social or affordable housing',
        contributions: [{ groupId: 'khog', contribution: 'For people seeking housing advice' }],
    });
    return d;
}

describe("the groups' next update", () => {
    let connector: FakeConnector;
    let bot: BotUnderTest;
    let now: Date;

    async function ask(who: Sender, text: string) {
        const before = connector.activities().length;
        const res = await bot.post(message(who, text, { serviceUrl: connector.url }));
        assert.equal(res.status, 200);
        return connector.activities().slice(before);
    }
    async function cardFor(who: Sender, text: string): Promise<AdaptiveCardJson> {
        const replies = await ask(who, text);
        assert.equal(
            replies.length,
            1,
            `expected one reply, got ${JSON.stringify(replies.map((r) => r.text ?? 'card'))}`,
        );
        const card = replies[0].attachments?.[0]?.content;
        assert.ok(card, `expected a card, got the message: ${replies[0].text}`);
        return card;
    }
    const getMemberCalls = () => connector.calls.filter((c) => c.kind === 'getMember');
    /** Saves a draft or submits an update as someone on the roster, at a given time. */
    async function write(email: string, kind: 'draft' | 'submitted', fields: Record<string, unknown>, at: string) {
        const store = bot.runtime.deps.store;
        const person = findPerson(store.read(), { email });
        return recordProgress(store, { basedOn: 0, ...fields }, kind, person, new Date(at));
    }

    beforeEach(async () => {
        now = new Date('2026-12-10T18:30:00Z'); // Thursday: khog due tomorrow, asset-management in 8 days
        connector = await new FakeConnector().start();
        connector.addMember({
            id: chris.id,
            name: 'Chris Lane',
            email: 'chris.lane@EXAMPLE.com',
            aadObjectId: chris.aadObjectId,
        });
        bot = await startBot({ data: data(), clock: () => now });
    });
    afterEach(async () => {
        sinon.restore();
        await bot.stop();
        await connector.stop();
    });

    describe('who is asking', () => {
        it('a sender known by e-mail only is looked up in Teams once, matched case-insensitively, and remembered', async () => {
            const first = await cardFor(chris, "what's my group's next update?");
            assert.match(texts(first), /Kent Housing Options Group: December 2026 update/);
            assert.match(texts(first), /You are its vice-chair\./);
            assert.equal(executeActions(first).length, 1, 'a vice-chair gets the form button');
            assert.equal(getMemberCalls().length, 1);
            assert.match(getMemberCalls()[0].path, /\/members\/29%3Achris$/);

            const saved = JSON.parse(fs.readFileSync(bot.storeFile, 'utf8')).identities;
            assert.deepEqual(
                saved.map((i: Json) => [i.email, i.userId, i.aadObjectId]),
                [['Chris.Lane@example.com', chris.id, chris.aadObjectId]],
            );

            const second = await cardFor(chris, 'when is our report due');
            assert.match(texts(second), /Kent Housing Options Group/);
            assert.equal(getMemberCalls().length, 1, 'the second message must not look the sender up again');
        });

        it('what the bot learned survives a restart: no look-up after it', async () => {
            await cardFor(chris, "what's my group's next update?");
            await bot.stop(true);
            bot = await startBot({ storeFile: bot.storeFile, clock: () => now });
            const card = await cardFor(chris, "what's my group's next update?");
            assert.match(texts(card), /Kent Housing Options Group/);
            assert.equal(getMemberCalls().length, 1);
            fs.rmSync(path.dirname(bot.storeFile), { recursive: true, force: true });
        });

        it('two messages at once from a new sender cost one look-up', async () => {
            await Promise.all([
                bot.post(message(chris, "what's my group's next update?", { serviceUrl: connector.url })),
                bot.post(message(chris, 'when is our report due', { serviceUrl: connector.url })),
            ]);
            assert.equal(getMemberCalls().length, 1);
            assert.equal(connector.activities().filter((a) => a.attachments?.length).length, 2);
        });

        it('someone on no roster gets a polite answer naming the partnership manager, and is not looked up twice', async () => {
            connector.addMember({ id: pat.id, name: 'Pat Visitor', email: 'pat.visitor@example.org' });
            const [reply] = await ask(pat, "what's my group's next update?");
            assert.match(reply.text, /you are not on the partnership's roster yet/);
            assert.match(reply.text, /the partnership manager, Morgan Ellis \(morgan\.ellis@example\.com\)/);
            assert.doesNotMatch(reply.text, /error|sorry, something went wrong/i);
            await ask(pat, 'when is our report due');
            assert.equal(getMemberCalls().length, 1);
        });

        it('once the manager adds that person to the roster, the bot knows them without asking Teams again', async () => {
            connector.addMember({ id: pat.id, name: 'Pat Visitor', email: 'pat.visitor@example.org' });
            await ask(pat, "what's my group's next update?");
            const roster = path.join(path.dirname(bot.storeFile), 'roster.csv');
            const store = bot.runtime.deps.store.read();
            const lines = [
                'group_id,role,name,email,aad_object_id',
                ...store.roster.map((e) => `${e.groupId ?? ''},${e.role},${e.name},${e.email},${e.aadObjectId ?? ''}`),
            ];
            fs.writeFileSync(roster, [...lines, 'khog,member,Pat Visitor,Pat.Visitor@example.org,'].join('\n'));
            const out: string[] = [];
            const code = await runCli(['--store', bot.storeFile, 'import', 'roster', roster], {
                out: (l) => out.push(l),
                err: (l) => out.push(l),
                env: {},
            });
            assert.equal(code, 0, out.join('\n'));

            const card = await cardFor(pat, "what's my group's next update?");
            assert.match(texts(card), /Kent Housing Options Group/);
            assert.match(texts(card), /You are a member of this group\./);
            assert.equal(getMemberCalls().length, 1);
        });

        it('when Teams cannot say who it is, the person still gets a polite answer, and the look-up is tried again next time', async () => {
            const stranger: Sender = { id: '29:nobody', name: 'Nobody', aadObjectId: 'aad-nobody' };
            const [reply] = await ask(stranger, "what's my group's next update?");
            assert.match(reply.text, /Morgan Ellis/);
            await ask(stranger, "what's my group's next update?");
            assert.equal(getMemberCalls().length, 2);
        });
    });

    describe('the answer card', () => {
        it('a chair of two groups sees both on one card: due dates, cadence, objectives and a form button for each', async () => {
            const card = await cardFor(priya, "what's my group's next update?");
            const t = texts(card);
            assert.match(t, /Your groups' next updates/);
            assert.match(t, /You are chair of Asset Management and chair of Kent Housing Options Group\./);
            assert.match(
                t,
                /Asset Management: December 2026 update\nYou are its chair\.\nDue Friday 18 Dec 2026: in 8 days/,
            );
            assert.match(
                t,
                /Kent Housing Options Group: December 2026 update\nYou are its chair\.\nDue Friday 11 Dec 2026: tomorrow/,
            );
            assert.match(t, /Cadence\nEvery 6 months/);
            assert.match(t, /Cadence\nEvery 3 months \(quarterly\)/);
            assert.match(t, /After this\nJune 2027 update, due Friday 18 Jun 2027/);
            assert.match(t, /After this\nMarch 2027 update, due Thursday 11 Mar 2027/);
            assert.match(
                t,
                /\*\*HW9\*\* Ensure housing is resilient[^\n]*\nYour part: For existing social housing\nLast time: No update yet/,
            );
            assert.match(
                t,
                /\*\*A8\*\* Challenge the stigma[^\n]*\nYour part: For people seeking housing advice\nLast time: No update yet/,
            );
            assert.equal((t.match(/This update\nNot started/g) ?? []).length, 2);
            assert.deepEqual(
                executeActions(card).map((a) => [a.verb, a.title, a.data]),
                [
                    [
                        VERBS.progressOpen,
                        'Write Asset Management’s update',
                        { groupId: 'asset-management', period: '2026-12', keep: true },
                    ],
                    [VERBS.progressOpen, 'Write KHOG’s update', { groupId: 'khog', period: '2026-12', keep: true }],
                ],
            );
            assert.ok(cardBytes(card) < 80 * 1024);
        });

        it("on a chair-of-two card, a group's button sends that group's form as its own message and leaves the card, with the other button, as it was", async () => {
            const card = await cardFor(priya, "what's my group's next update?");
            const [button] = executeActions(card);
            connector.reset();
            const res = await bot.post(cardAction(priya, button.verb, button.data, { serviceUrl: connector.url }));
            const body = res.body as Json;
            assert.equal(body.type, 'application/vnd.microsoft.activity.message', 'the card is not replaced');
            assert.match(body.value, /Asset Management's form is in the next message/);
            const sent = connector.activities().flatMap((a) => a.attachments ?? []);
            assert.equal(sent.length, 1);
            assert.match(texts(sent[0].content), /Asset Management: December 2026 update/);
            assert.ok(
                executeActions(sent[0].content).some((a) => a.verb === VERBS.progressSubmit),
                'the form itself',
            );
            assert.equal(connector.calls.filter((c) => c.kind === 'update').length, 0, 'no card was updated');
        });

        it('on a one-group card, the button replaces the card with the form', async () => {
            const card = await cardFor(tom, "what's my group's next update?");
            const [button] = executeActions(card);
            assert.equal(button.data.keep, false);
            const res = await bot.post(cardAction(tom, button.verb, button.data, { serviceUrl: connector.url }));
            const body = res.body as Json;
            assert.equal(body.type, 'application/vnd.microsoft.card.adaptive');
            assert.match(texts(body.value), /Private Sector Housing: /);
        });

        it("a member sees the group's dates and objectives, and no form button", async () => {
            const card = await cardFor(jo, "when's our progress report due?");
            const t = texts(card);
            assert.match(t, /Asset Management: next update/);
            assert.match(t, /You are a member of this group\./);
            assert.match(t, /Due Friday 18 Dec 2026: in 8 days/);
            assert.match(t, /\*\*HW9\*\*/);
            assert.match(t, /The chair or vice-chair writes this update\./);
            assert.deepEqual(executeActions(card), []);
        });

        it('shows a late group with how late in words, never in red, a draft with who and when, and the button to continue it', async () => {
            now = new Date('2027-01-05T10:00:00Z');
            await write(
                'chris.lane@example.com',
                'draft',
                { groupId: 'khog', period: '2026-12', text_A8: 'Leaflet drafted.' },
                '2027-01-04T19:15:00Z',
            );
            const card = await cardFor(priya, "KHOG's next update");
            const t = texts(card);
            assert.match(t, /Kent Housing Options Group: December 2026 update/);
            assert.match(t, /Due Friday 11 Dec 2026: 3 weeks late/);
            assert.doesNotMatch(JSON.stringify(card), /"color"/);
            assert.match(t, /This update\nDraft saved by Chris Lane on 4 Jan 2027 at 19:15, not submitted yet/);
            assert.deepEqual(
                executeActions(card).map((a) => a.title),
                ['Continue KHOG’s draft'],
            );
        });

        it("after a submission, shows what the group said last time, one line per objective, and the next period's dates", async () => {
            now = new Date('2027-01-05T10:00:00Z');
            const long =
                'Stock condition survey finished for 4,200 homes; retrofit bids submitted to the Social Housing Decarbonisation Fund. '.repeat(
                    3,
                );
            await write(
                'priya.shah@example.com',
                'submitted',
                { groupId: 'asset-management', period: '2026-12', text_HW9: long, rag_HW9: 'amber' },
                '2026-12-17T16:00:00Z',
            );
            const card = await cardFor(priya, 'when is asset management due?');
            const t = texts(card);
            assert.match(t, /Asset Management: June 2027 update/);
            assert.match(t, /Open since\nFriday 18 Dec 2026/);
            assert.match(t, /Due Friday 18 Jun 2027: in 5 months/);
            assert.match(t, /Last update: December 2026, submitted by Priya Shah on 17 Dec 2026 at 16:00\./);
            const last = /Last time: (.*)/.exec(t)![1];
            assert.match(last, /^Amber: Stock condition survey finished for 4,200 homes;/);
            assert.ok(last.length <= 'Last time: '.length + 140 && last.endsWith('…'), last);
            assert.deepEqual(
                executeActions(card).map((a) => [a.title, a.data.period]),
                [['Write Asset Management’s update', '2027-06']],
            );
        });

        it('an update submitted before its due date shows as submitted, by whom and when', async () => {
            await write(
                'tom.reed@example.com',
                'submitted',
                { groupId: 'private-sector-housing', period: '2027-01', text_HW9: 'Damp and mould pilot.' },
                '2026-12-09T12:00:00Z',
            );
            const card = await cardFor(tom, "what's my group's next update?");
            const t = texts(card);
            assert.match(t, /Private Sector Housing: January 2027 update/);
            assert.match(t, /Due Friday 15 Jan 2027: submitted/);
            assert.match(t, /This update\nSubmitted by Tom Reed on 9 Dec 2026 at 12:00/);
            assert.deepEqual(
                executeActions(card).map((a) => a.title),
                ['Open Private Sector Housing’s update'],
            );
        });

        it('the manager can ask about any group by name, and gets the form button', async () => {
            const card = await cardFor(morgan, "KHOG's next update");
            const t = texts(card);
            assert.match(t, /Kent Housing Options Group: next update/);
            assert.match(t, /You are the partnership manager\./);
            assert.equal(executeActions(card).length, 1);
        });

        it('a chair asking about another group sees its dates but gets no button for it', async () => {
            const card = await cardFor(tom, 'when is asset managment due?');
            assert.match(texts(card), /Asset Management: next update/);
            assert.deepEqual(executeActions(card), []);
        });

        it('the manager naming no group gets every group, soonest due first', async () => {
            const [reply] = await ask(morgan, "what's my group's next update?");
            assert.match(reply.text, /You are the partnership manager/);
            const order = [...reply.text.matchAll(/\*\*([^*]+)\*\*: /g)].map((m: RegExpMatchArray) => m[1]);
            assert.deepEqual(order, ['Kent Housing Options Group', 'Asset Management', 'Private Sector Housing']);
            assert.match(
                reply.text,
                /Kent Housing Options Group\*\*: December 2026 update, due 11 Dec 2026 \(tomorrow\)/,
            );
        });

        it('"report to the Board" names no sub-group: a chair gets their own groups', async () => {
            const card = await cardFor(priya, 'what do I need to report to the Board?');
            assert.match(texts(card), /Your groups' next updates/);
            assert.equal(executeActions(card).length, 2);
        });

        it('a partner body that sends no updates is named as such', async () => {
            const [reply] = await ask(morgan, "KCC's next update");
            assert.match(reply.text, /Kent County Council doesn't send progress updates/);
        });

        it('when all groups would not fit in one message, each group gets a card of its own under 80 KB', async () => {
            const big = data();
            for (let i = 1; i <= 20; i++) {
                big.objectives.push({
                    ref: `HD${i}`,
                    theme: 'HD',
                    text: `Objective ${i}: ${'accelerate the delivery of homes across Kent and Medway '.repeat(35)}`.slice(
                        0,
                        2000,
                    ),
                    contributions: [
                        { groupId: 'khog', contribution: 'x'.repeat(500) },
                        { groupId: 'asset-management', contribution: 'y'.repeat(500) },
                    ],
                });
            }
            await bot.stop();
            bot = await startBot({ data: big, clock: () => now });
            const replies = await ask(priya, "what's my group's next update?");
            assert.equal(replies.length, 2);
            const sizes = replies.map((r) => cardBytes(r.attachments[0].content));
            for (const size of sizes) assert.ok(size < 80 * 1024, `card of ${size} bytes`);
            assert.match(texts(replies[0].attachments[0].content), /Asset Management/);
            assert.match(texts(replies[1].attachments[0].content), /Kent Housing Options Group/);
        });
    });

    describe('the schedule for reminder runs', () => {
        it('is the late period until it is submitted, then the next one; nothing for a partner body', async () => {
            const store = bot.runtime.deps.store;
            const group = (id: string) => store.read().groups.find((g) => g.id === id)!;
            const at = new Date('2027-01-05T10:00:00Z');
            const khog = () => openPeriodOf(store, group('khog'), store.read(), at, 'Europe/London');
            assert.deepEqual(await khog(), { period: '2026-12', due: '2026-12-11', submitted: false });
            await write(
                'priya.shah@example.com',
                'submitted',
                { groupId: 'khog', period: '2026-12', text_A8: 'Done.' },
                '2027-01-04T10:00:00Z',
            );
            assert.deepEqual(await khog(), { period: '2027-03', due: '2027-03-11', submitted: false });
            assert.equal(await openPeriodOf(store, group('kcc'), store.read(), at, 'Europe/London'), undefined);
        });
    });

    describe('which groups are late', () => {
        it('lists the late groups, most late first, with their chair and vice-chair; a submitted group is not late', async () => {
            now = new Date('2027-01-05T10:00:00Z');
            await write(
                'priya.shah@example.com',
                'submitted',
                { groupId: 'asset-management', period: '2026-12', text_HW9: 'Done.' },
                '2026-12-20T10:00:00Z',
            );
            const card = await cardFor(morgan, 'which groups are late?');
            const t = texts(card);
            assert.match(t, /1 group is late with its update/);
            assert.match(t, /\*\*Kent Housing Options Group\*\*: December 2026 update\nDue 11 Dec 2026: 3 weeks late/);
            assert.match(
                t,
                /Chair: Priya Shah \(priya\.shah@example\.com\) · Vice-chair: Chris Lane \(Chris\.Lane@example\.com\)/,
            );
            assert.match(t, /Not started/);
            assert.doesNotMatch(t, /Asset Management|Private Sector Housing/);
        });

        it('a group late for two periods is listed once, with the other late period', async () => {
            now = new Date('2027-03-20T10:00:00Z');
            const card = await cardFor(morgan, 'who still owes an update');
            const t = texts(card);
            assert.match(t, /3 groups are late/);
            assert.match(t, /Kent Housing Options Group\*\*: December 2026 update\nDue 11 Dec 2026: 3 months late/);
            assert.match(t, /Also late: March 2027 update \(due 11 Mar 2027, 9 days late\)/);
            const order = [...t.matchAll(/\*\*([^*]+)\*\*/g)].map((m: RegExpMatchArray) => m[1]);
            assert.deepEqual(order, ['Kent Housing Options Group', 'Asset Management', 'Private Sector Housing']);
        });

        it('says so when no group is late, and which is due next', async () => {
            const [reply] = await ask(morgan, 'which groups are late?');
            assert.match(
                reply.text,
                /No group is late with its update\. Next due: \*\*Kent Housing Options Group\*\*, December 2026 update, 11 Dec 2026 \(tomorrow\)\./,
            );
        });

        it('is for the partnership manager only: a chair is pointed to their own group', async () => {
            const [reply] = await ask(priya, 'which groups are late?');
            assert.match(reply.text, /Only the partnership manager sees which groups are late/);
            assert.equal(reply.attachments, undefined);
        });
    });
});
