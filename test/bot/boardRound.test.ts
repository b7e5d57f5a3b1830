/**
 * The round being collected, over HTTP with the fake Bot Connector: the default digest, named rounds and
 * months that are not rounds, the Board's meeting dates, closing with a confirmation and reopening,
 * what reminders came to, blank updates refused, observers, and the Board paper re-read.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { PNG } from 'pngjs';
import { VERBS } from '../../src/bot/verbs.js';
import { MANAGER_ONLY } from '../../src/bot/routes/digest.js';
import { runCli } from '../../src/cli.js';
import type { StoreData } from '../../src/domain/model.js';
import type { Section } from '../../src/domain/progress.js';
import { DeliveryLedger } from '../../src/notify/ledger.js';
import { AuditTrail } from '../../src/services/audit.js';
import { updatesOf } from '../../src/services/progress.js';
import type { Store } from '../../src/store/store.js';
import { allFieldErrors, cardActions, cardText, errorAtInput } from '../helpers/cards.js';
import { cardAction, message, type Sender } from '../helpers/activities.js';
import { startBot, type BotUnderTest } from '../helpers/botServer.js';
import { FakeConnector } from '../helpers/fakeConnector.js';
import { IDS, sampleData, tempDir } from '../helpers/fixtures.js';

const DANA_ID = '55555555-5555-4555-8555-555555555555';
const BOARD_ID = '66666666-6666-4666-8666-666666666666';
const manager: Sender = { id: '29:manager', name: 'Morgan Ellis', aadObjectId: IDS.manager };
const priya: Sender = { id: '29:priya', name: 'Priya Shah', aadObjectId: IDS.chairOfTwo };
const dana: Sender = { id: '29:dana', name: 'Dana Whitfield', aadObjectId: DANA_ID };
const board: Sender = { id: '29:board', name: 'Alex Morgan', aadObjectId: BOARD_ID };
const LONG =
    'Surveyed 400 homes for overheating.\nRetrofit pilot agreed with the energy partnership.\n\nYear\t2025\t2026\nHomes\t120\t280\nBudget confirmed.';

let now = new Date('2026-11-30T10:00:00Z');
const clock = () => now;

/** The seed's shape on 30 Nov 2026: Tenancy Management late, three groups open, one submitted early. */
function data(): StoreData {
    const d = sampleData();
    d.groups.push({
        id: 'tenancy-management',
        name: 'Tenancy Management',
        aliases: ['Tenancy'],
        cadenceMonths: 6,
        nextUpdateDue: '2026-11-20',
        reports: true,
    });
    d.roster.push(
        {
            groupId: 'tenancy-management',
            role: 'chair',
            name: 'Dana Whitfield',
            email: 'dana.whitfield@example.com',
            aadObjectId: DANA_ID,
        },
        {
            groupId: null,
            role: 'observer',
            name: 'Alex Morgan',
            email: 'alex.morgan@example.com',
            aadObjectId: BOARD_ID,
        },
    );
    d.objectives.push({
        ref: 'A8',
        theme: 'A',
        text: 'Challenge the stigma associated with social or affordable housing',
        contributions: [{ groupId: 'khog', contribution: 'Housing advice' }],
    });
    return d;
}

async function submitted(
    store: Store,
    key: string,
    sections: Section[],
    otherMatters = '',
    at = '2026-11-25T18:30:00Z',
) {
    await updatesOf(store).transact(key, (d) => {
        d.versions.push({
            version: d.versions.length + 1,
            kind: 'submitted',
            sections,
            otherMatters,
            concernsGroups: ['asset-management'],
            by: { email: 'priya.shah@example.com', name: 'Priya Shah' },
            onBehalf: false,
            at,
            digest: key,
        });
    });
}

/** Dana's reminders, all failed: the bot is not installed for her. */
async function failedReminders(store: Store, n: number) {
    const ledger = new DeliveryLedger(store);
    for (let i = 0; i < n; i++) {
        const id = {
            groupId: 'tenancy-management',
            period: '2026-11',
            step: `step-${i}`,
            recipient: 'dana.whitfield@example.com',
            as: 'chair' as const,
        };
        const at = new Date(Date.UTC(2026, 10, 6 + i * 7, 9));
        await ledger.claim(id.recipient, [id], `run-${i}`, at);
        await ledger.finish(id.recipient, [id], { outcome: 'notInstalled', attempts: 0, reason: 'not installed' }, at);
    }
}

const text = (card: unknown) => JSON.stringify(card);
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a card as the bot sent it; each test reads the parts it asserts
type Card = any;

/** Every paragraph's text of a .docx, read from its XML with jszip. */
async function docxParagraphs(buf: Buffer): Promise<{ paragraphs: string[]; zip: JSZip; xml: string }> {
    const zip = await JSZip.loadAsync(buf);
    const xml = await zip.file('word/document.xml')!.async('string');
    const unescape = (s: string) =>
        s
            .replace(/&lt;/g, '<')
            .replace(/&gt;/g, '>')
            .replace(/&quot;/g, '"')
            .replace(/&apos;/g, "'")
            .replace(/&amp;/g, '&');
    const paragraphs = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) =>
        [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => unescape(t[1])).join(''),
    );
    return { paragraphs, zip, xml };
}

describe('the round being collected for the Board', function () {
    this.timeout(20_000);
    let connector: FakeConnector;
    let bot: BotUnderTest;
    let store: Store;

    beforeEach(async () => {
        now = new Date('2026-11-30T10:00:00Z');
        connector = await new FakeConnector().start();
        bot = await startBot({ data: data(), clock, env: { LINK_SECRET: 'round-test-secret' } });
        store = bot.runtime.deps.store;
        // KHOG's December update, submitted ten days before its deadline.
        await submitted(
            store,
            'khog/2026-12',
            [{ ref: 'A8', text: LONG, rag: 'green', noChange: false }],
            'Joint work on allocations.',
        );
        await failedReminders(store, 3);
    });
    afterEach(async () => {
        await bot.stop();
        await connector.stop();
    });

    async function ask(who: Sender, question: string) {
        connector.reset();
        await bot.post(message(who, question, { serviceUrl: connector.url }));
        return connector.activities()[0];
    }
    /** The reply that is text, whatever else (a card) came with it. */
    async function askText(who: Sender, question: string): Promise<string> {
        connector.reset();
        await bot.post(message(who, question, { serviceUrl: connector.url }));
        const found = connector.activities().find((a) => typeof a.text === 'string' && a.text !== '');
        assert.ok(found, `no text reply to "${question}": ${JSON.stringify(connector.activities()).slice(0, 300)}`);
        return found.text as string;
    }
    async function act(who: Sender, verb: string, payload: Record<string, unknown>) {
        connector.reset();
        const res = await bot.post(cardAction(who, verb, payload, { serviceUrl: connector.url }));
        return res.body as { value: unknown; type?: string };
    }

    it('"digest" covers every group\'s current update: the early submission counts, the late and open ones are missing', async () => {
        const card = (await ask(manager, 'digest')).attachments[0].content;
        assert.match(text(card), /Digest: The round being collected \(Monday 30 Nov 2026\)/);
        assert.match(text(card), /1 of 4 groups has reported\./);
        assert.match(
            text(card),
            /"title":"Kent Housing Options Group","value":"December 2026 update: submitted early on 25 Nov 2026"/,
        );
        assert.match(
            text(card),
            /"title":"Tenancy Management","value":"November 2026 update: late, was due 20 Nov 2026"/,
        );
        assert.match(
            text(card),
            /"title":"Asset Management","value":"December 2026 update: not yet due: due 18 Dec 2026"/,
        );
        assert.match(text(card), /Private Sector Housing","value":"January 2027 update: not yet due/);
        assert.match(text(card), /\*\*Kent Housing Options Group\*\*: Green/);
    });

    it("a missing group's card line says what its reminders came to, and names vice-chairs as vice-chairs", async () => {
        const card = (await ask(manager, 'digest')).attachments[0].content;
        assert.match(
            text(card),
            /"title":"Tenancy Management","value":"late; chair Dana Whitfield; 3 reminders tried, none delivered: the bot is not installed for Dana Whitfield"/,
        );
        assert.doesNotMatch(text(card), /no reminder sent yet/);
        const one = (await ask(manager, 'KHOG digest for December 2026')).attachments[0].content;
        assert.match(text(one), /The one group in this round has reported\./);
        await updatesOf(store).transact('khog/2026-12', (d) => void d.versions.splice(0));
        const none = (await ask(manager, 'KHOG digest for December 2026')).attachments[0].content;
        assert.match(text(none), /chair Priya Shah; vice-chair Chris Lane; no reminder tried yet/);
        assert.doesNotMatch(text(none), /0 of 1 groups/);
    });

    it('"digest for March 2027" names a round; a month that is not one gets a clear answer with examples', async () => {
        const march = (await ask(manager, 'digest for March 2027')).attachments[0].content;
        assert.match(text(march), /Digest: March 2027/);
        assert.match(text(march), /Kent Housing Options Group","value":"March 2027 update: not yet due/);
        assert.match(text(march), /Tenancy Management","value":"November 2026 update: late/);

        const smarch = await ask(manager, 'digest for Smarch 2026');
        assert.equal(smarch.attachments, undefined, 'no digest card for a month that does not exist');
        assert.match(smarch.text, /"Smarch 2026" is not a month I know/);
        assert.match(smarch.text, /"digest for December 2026" \(Kent Housing Options Group, Asset Management\)/);

        const october = await ask(manager, 'digest for October 2026');
        assert.match(october.text, /No group has an update due in October 2026/);
        assert.match(october.text, /"digest for November 2026" \(Tenancy Management\)/);
    });

    it('a Board meeting date moves the digest to the updates due by its paper deadline', async () => {
        const before = (await ask(manager, 'digest')).attachments[0].content;
        assert.match(text(before), /Kent Housing Options Group","value":"December 2026 update/);

        const reply = await askText(manager, 'the Board meets on 26 March 2027');
        assert.match(
            reply,
            /the Board meets on Friday 26 Mar 2027\. Its paper is due Friday 12 Mar 2027, 10 working days before/,
        );
        assert.deepEqual(
            store.read().boardMeetings.map((m) => [m.date, m.recordedBy]),
            [['2027-03-26', 'morgan.ellis@example.com']],
        );
        const after = (await ask(manager, 'digest')).attachments[0].content;
        assert.match(text(after), /Digest: Board meeting on Friday 26 Mar 2027/);
        assert.match(text(after), /Papers for the meeting are due Friday 12 Mar 2027/);
        assert.match(
            text(after),
            /Kent Housing Options Group","value":"March 2027 update: not yet due: due 11 Mar 2027/,
        );
        assert.match(text(after), /Private Sector Housing","value":"January 2027 update/);

        const chair = await ask(priya, 'the Board meets on 2 April 2027');
        assert.match(chair.text ?? '', /Only the partnership manager|not sure|digest is for/i);
        assert.equal(store.read().boardMeetings.length, 1);

        // A meeting so soon that its paper's deadline has passed is noted, and the manager is told so.
        const soon = await askText(manager, 'the Board meets on 3 December 2026');
        assert.match(soon, /Its paper was due .*2026, 10 working days before, so that deadline has already passed/);
        assert.doesNotMatch(soon, /Its paper is due/);
    });

    it('the paper deadline follows BOARD_PAPER_WORKING_DAYS', async () => {
        await bot.stop();
        bot = await startBot({
            data: data(),
            clock,
            env: { LINK_SECRET: 'round-test-secret', BOARD_PAPER_WORKING_DAYS: '15' },
        });
        store = bot.runtime.deps.store;
        const reply = await askText(manager, 'the Board meets on 26 March 2027');
        assert.match(reply, /Its paper is due Friday 5 Mar 2027, 15 working days before/);
        const after = (await ask(manager, 'digest')).attachments[0].content;
        assert.match(text(after), /Kent Housing Options Group","value":"December 2026 update/);
    });

    it('"Close the period" asks first, closes only the ticked updates, names them in words, and "reopen" undoes it', async () => {
        const late = async () => text(await ask(manager, 'which groups are late?'));
        assert.match(await late(), /Tenancy Management/);

        const asked = await act(manager, VERBS.digestClose, { period: 'current' });
        assert.match(String(asked.value), /Nothing has been closed yet/);
        assert.deepEqual(store.read().closedPeriods, []);
        const confirm: Card = connector.activities()[0].attachments[0].content;
        const toggles = confirm.body.flatMap((b: Card) => b.items ?? []).filter((i: Card) => i.type === 'Input.Toggle');
        assert.deepEqual(
            toggles.map((t: Card) => [t.id, t.value]),
            [
                ['close_tenancy-management_2026-11', 'true'],
                ['close_khog_2026-12', 'true'],
                ['close_asset-management_2026-12', 'false'],
                ['close_private-sector-housing_2027-01', 'false'],
            ],
        );
        assert.match(text(toggles[2]), /Asset Management's December 2026 update: not yet due: due 18 Dec 2026/);
        const action = confirm.actions[0];
        // The manager leaves the ticks as offered.
        const inputs = Object.fromEntries(toggles.map((t: Card) => [t.id, t.value]));
        const done = await act(manager, action.verb, { ...action.data, ...inputs });
        const result: Card = done.value;
        assert.match(
            text(result),
            /Closed Tenancy Management's November 2026 update and Kent Housing Options Group's December 2026 update/,
        );
        assert.match(
            text(result),
            /Left open: Asset Management's December 2026 update and Private Sector Housing's January 2027 update/,
        );
        assert.doesNotMatch(text(result), /2026-11, 2026-12/);
        assert.deepEqual(
            store.read().closedPeriods.map((c) => [c.groupId, c.period, c.reopenedAt]),
            [
                ['tenancy-management', '2026-11', undefined],
                ['khog', '2026-12', undefined],
            ],
        );

        // Every answer agrees: Tenancy is no longer late; Asset Management can still write its update.
        assert.doesNotMatch(await late(), /Tenancy Management/);
        const next = text(await ask(dana, "what's my group's next update?"));
        assert.match(next, /May 2027 update/);
        assert.doesNotMatch(next, /November 2026 update.*late/);
        const asset = await act(priya, VERBS.progressSubmit, {
            groupId: 'asset-management',
            period: '2026-12',
            basedOn: 0,
            text_HW9: 'Retrofit pilot under way.',
        });
        assert.doesNotMatch(text(asset), /closed/);
        const tenancy = await act(dana, VERBS.progressSubmit, {
            groupId: 'tenancy-management',
            period: '2026-11',
            basedOn: 0,
            otherMatters: 'Too late',
        });
        assert.match(String(tenancy.value), /The November 2026 update has been closed/);

        // Reopen from the result card's button, a minute later: in force again, and audited.
        now = new Date(now.getTime() + 60_000);
        const reopen = result.actions[0];
        assert.equal(reopen.title, 'Reopen these updates');
        const reopened = await act(manager, reopen.verb, reopen.data);
        assert.match(
            text(reopened.value),
            /Reopened Tenancy Management's November 2026 update and Kent Housing Options Group's December 2026 update/,
        );
        assert.ok(store.read().closedPeriods.every((c) => c.reopenedAt && c.reopenedBy === 'morgan.ellis@example.com'));
        assert.match(await late(), /Tenancy Management/);
        const trail = await new AuditTrail(store).find({ actions: ['round.'] }, now);
        assert.deepEqual(
            trail.map((e) => e.action),
            ['round.reopen', 'round.close'],
        );
        assert.equal(trail[0].undoes, trail[1].id);
    });

    it('only what is ticked closes; "reopen" in words reopens the last close; a forged update closes nothing', async () => {
        await act(manager, VERBS.digestClose, { period: 'current' });
        const confirm: Card = connector.activities()[0].attachments[0].content;
        const { verb, data: payload } = confirm.actions[0];
        await act(manager, verb, {
            ...payload,
            'close_tenancy-management_2026-11': 'false',
            'close_khog_2026-12': 'false',
            'close_asset-management_2026-12': 'true',
        });
        assert.deepEqual(
            store.read().closedPeriods.map((c) => [c.groupId, c.period]),
            [['asset-management', '2026-12']],
        );
        const forged = await act(manager, verb, {
            period: 'current',
            offered: 'kcc/2026-12',
            'close_kcc_2026-12': 'true',
        });
        assert.match(String(forged.value), /not an update of a reporting group\. Nothing was closed/);
        // A real update, but of another round: this round's card never offered it.
        const otherRound = await act(manager, verb, {
            period: 'current',
            offered: 'tenancy-management/2027-05',
            'close_tenancy-management_2027-05': 'true',
        });
        assert.match(
            String(otherRound.value),
            /Tenancy Management's May 2027 update is not one of the updates in the round being collected \(Monday 30 Nov 2026\), so it cannot be closed with it\. Nothing was closed/,
        );
        // A month with no round is a refusal the card shows, not a fault (it was a 500).
        const noRound = await act(manager, VERBS.digestClose, { period: '1999-01' });
        assert.equal(noRound.type, 'application/vnd.microsoft.activity.message');
        assert.match(String(noRound.value), /No group has an update due in January 1999/);
        const nothing = await act(manager, verb, { ...payload });
        assert.match(String(nothing.value), /Nothing was ticked/);
        assert.equal(store.read().closedPeriods.length, 1);

        const reply = await ask(manager, 'reopen');
        assert.match(reply.text, /Reopened Asset Management's December 2026 update/);
        assert.ok(store.read().closedPeriods[0].reopenedAt);
        const chair = await act(priya, VERBS.digestClose, { period: 'current' });
        assert.equal(chair.value, MANAGER_ONLY);
    });

    it('"Remind the missing groups now" reports each chair by name with the reason for anyone not reached', async () => {
        await bot.post(message(priya, 'hello', { serviceUrl: connector.url }));
        const res = await act(manager, VERBS.digestRemind, { period: 'current' });
        assert.match(
            String(res.value),
            /Reminding the chairs of 3 groups now: Tenancy Management, Asset Management and Private Sector Housing/,
        );
        const summary = await connector.waitFor((c) => (c.body?.text ?? '').startsWith('What the reminders came to'));
        const said = summary.body.text as string;
        assert.match(
            said,
            /Tenancy Management's November 2026 update: Dana Whitfield \(chair\) was not reached: the bot is not installed for Dana Whitfield\./,
        );
        assert.match(said, /Asset Management's December 2026 update: reminded Priya Shah \(chair\)\./);
        assert.match(
            said,
            /Private Sector Housing's January 2027 update: Tom Reed \(chair\) was not reached: the bot is not installed for Tom Reed/,
        );
        assert.doesNotMatch(said, /already reminded/);

        connector.reset();
        await act(manager, VERBS.digestRemind, { period: 'current' });
        const again = await connector.waitFor((c) => (c.body?.text ?? '').startsWith('What the reminders came to'));
        assert.match(
            again.body.text,
            /Priya Shah \(chair\) was already reminded today, and that reminder was delivered/,
        );
        assert.match(
            again.body.text,
            /Dana Whitfield \(chair\) was not reached: the bot is not installed for Dana Whitfield \(tried earlier today/,
        );
        assert.doesNotMatch(again.body.text, /Dana Whitfield \(chair\) was already reminded/);
    });

    it("a blank update is refused on submit and nothing is stored; the form comes back with the message at the box, naming only the card's own boxes", async () => {
        const blank = await act(dana, VERBS.progressSubmit, {
            groupId: 'tenancy-management',
            period: '2026-11',
            basedOn: 0,
            otherMatters: '   ',
        });
        // The form comes back with the problem under the box it is about, naming only boxes the form has.
        assert.match(cardText(blank.value), /Not submitted: 1 answer is needed/);
        assert.match(errorAtInput(blank.value, 'otherMatters')!, /this is the whole update/);
        assert.doesNotMatch(allFieldErrors(blank.value).join('\n'), /No change|Action this period/i);
        assert.equal(await updatesOf(store).get('tenancy-management/2026-11'), undefined);

        const khog = await act(priya, VERBS.progressSubmit, {
            groupId: 'asset-management',
            period: '2026-12',
            basedOn: 0,
            text_HW9: '',
            rag_HW9: 'green',
        });
        assert.match(cardText(khog.value), /Not submitted/);
        assert.equal(
            errorAtInput(khog.value, 'text_HW9'),
            'Write what the group did this period or plans to do for HW9.',
        );
        assert.doesNotMatch(allFieldErrors(khog.value).join('\n'), /No change/i, 'this form has no "no change" box');
        assert.equal(await updatesOf(store).get('asset-management/2026-12'), undefined);

        const card = (await ask(manager, 'digest')).attachments[0].content;
        assert.match(text(card), /1 of 4 groups has reported/);
    });

    it("an observer reads the digest without the manager's buttons, is never reminded, and cannot act", async () => {
        const card = (await ask(board, 'digest')).attachments[0].content;
        assert.match(text(card), /1 of 4 groups has reported/);
        const titles = cardActions(card).map((a: Card) => a.title as string);
        assert.deepEqual(
            titles.filter((t) => t !== 'Full text'),
            ['Download the spreadsheet', 'Download the Board paper'],
            'no remind or close buttons for an observer; reading the full text is theirs',
        );
        const close = await act(board, VERBS.digestClose, { period: 'current' });
        assert.equal(close.value, MANAGER_ONLY);
        const remind = await act(board, VERBS.digestRemind, { period: 'current' });
        assert.equal(remind.value, MANAGER_ONLY);
        assert.deepEqual(store.read().closedPeriods, []);
        const next = await ask(board, "what's my group's next update?");
        assert.doesNotMatch(text(next), /Write the update/);
        // The strategy's answers are for observers too.
        const objective = await ask(board, 'what is HW9?');
        assert.match(text(objective.attachments?.[0]?.content ?? objective), /HW9/);
        assert.match(text(objective.attachments?.[0]?.content ?? objective), /Asset Management/);
    });

    it('when a round is closed, observers are sent the Board paper for the round as it was closed, and the manager is told who it reached', async () => {
        await bot.post(message(board, 'hello', { serviceUrl: connector.url }));
        await act(manager, VERBS.digestClose, { period: 'current' });
        const confirm: Card = connector.activities()[0].attachments[0].content;
        const { verb, data: payload } = confirm.actions[0];
        await act(manager, verb, {
            ...payload,
            'close_tenancy-management_2026-11': 'true',
            'close_khog_2026-12': 'true',
        });
        const told = await connector.waitFor((c) => /Board paper's link went to/.test(c.body?.text ?? ''));
        assert.match(told.body.text, /The Board paper's link went to Alex Morgan\./);
        const notice = await connector.waitFor(
            (c) => c.conversationId === `a:personal-${board.id}` && /Board paper/.test(c.body?.text ?? ''),
        );
        assert.match(notice.body.text, /Morgan Ellis has closed the round being collected \(Monday 30 Nov 2026\)/);
        const link = /\((http[^)]+\/api\/digest\/download\?t=[^)]+)\)/.exec(notice.body.text)![1];
        // Ten days later, after the groups have moved on, the link still gives the round as it was closed.
        now = new Date('2026-12-10T10:00:00Z');
        const res = await fetch(`${bot.url}${link.replace(/^https?:\/\/[^/]+/, '')}`);
        assert.equal(res.status, 200);
        const { paragraphs } = await docxParagraphs(Buffer.from(await res.arrayBuffer()));
        assert.ok(paragraphs.includes('Round: the round being collected (Monday 30 Nov 2026)'));
        assert.ok(paragraphs.includes('1 of 4 groups has reported.'), paragraphs.slice(0, 8).join(' | '));
    });

    it("the Board paper (.docx) holds the round, every text in full, the RAG chart with its alt text, the missing groups' reminders and the register", async () => {
        await submitted(store, 'asset-management/2026-06', [
            { ref: 'HW9', text: 'Planning.', rag: 'red', noChange: false },
        ]);
        await submitted(
            store,
            'asset-management/2026-12',
            [{ ref: 'HW9', text: 'Retrofit of 40 homes.\nSecond phase agreed.', rag: 'amber', noChange: false }],
            'We could share retrofit contractors with Private Sector Housing.',
        );
        const card = (await ask(manager, 'digest')).attachments[0].content;
        const link = cardActions(card).find((a: Card) => a.title === 'Download the Board paper').url as string;
        const res = await fetch(`${bot.url}${link.replace(/^https?:\/\/[^/]+/, '')}`);
        assert.equal(res.status, 200);
        assert.match(res.headers.get('content-type') ?? '', /wordprocessingml/);
        assert.match(res.headers.get('content-disposition') ?? '', /khg-board-paper-2026-11-30\.docx/);
        const { paragraphs, zip, xml } = await docxParagraphs(Buffer.from(await res.arrayBuffer()));
        const all = paragraphs.join('\n');
        assert.ok(paragraphs.includes('Kent Housing Group Board'));
        assert.ok(paragraphs.includes('Round: the round being collected (Monday 30 Nov 2026)'));
        assert.ok(paragraphs.includes('2 of 4 groups have reported.'));
        assert.ok(paragraphs.includes('RAG by theme'));
        for (const line of LONG.split('\n')) assert.ok(paragraphs.includes(line.replace(/\t/g, '    ')), line);
        assert.ok(paragraphs.includes('Second phase agreed.'));
        assert.match(all, /Kent Housing Options Group \(Housing advice\): RAG Green/);
        assert.match(all, /Asset Management \(For existing social housing\): RAG Amber, improved/);
        assert.match(all, /Milestones: none recorded\./);
        assert.ok(paragraphs.includes('Joint work on allocations.'));
        assert.ok(paragraphs.includes('We could share retrofit contractors with Private Sector Housing.'));
        assert.ok(paragraphs.includes('Groups not reported'));
        assert.match(all, /3 reminders tried, none delivered: the bot is not installed for Dana Whitfield/);
        // Each reminder in words, the same day, person and outcome once with how many times; no code words.
        assert.match(all, /\d{1,2} [A-Z][a-z]+ 20\d\d: the bot is not installed for Dana Whitfield( \(\d times\))?/);
        assert.doesNotMatch(all, /notInstalled|\d{4}-\d{2}-\d{2}, to /);
        assert.match(all, /chair Dana Whitfield/);
        assert.ok(paragraphs.includes('Protocols and guides'));
        // The register in the paper's words is the chat digest's: every document in force counted once.
        const headline = paragraphs[paragraphs.indexOf('Protocols and guides') + 1];
        assert.ok(cardText(card).includes(headline), headline);
        assert.doesNotMatch(headline, /due soon|no known date/);
        const [total, ...parts] = [...headline.replace(/\([^)]*\)/g, '').matchAll(/\d+/g)].map((m) => Number(m[0]));
        const inactive = headline.endsWith(' aside.') ? parts.pop()! : 0;
        assert.equal(
            parts.reduce((a, b) => a + b, 0),
            total,
            headline,
        );
        const inForce = bot.runtime.deps.store
            .read()
            .protocols.filter((p) => !['draft', 'withdrawn'].includes(p.status));
        assert.equal(total, inForce.length);
        assert.equal(inactive, bot.runtime.deps.store.read().protocols.length - inForce.length);
        assert.match(
            all,
            /Kent high priority rehousing reciprocal scheme: Its stated review date, Sept 2021, has passed/,
        );
        // The chart: a PNG in the package, drawn with its alt text.
        const media = Object.keys(zip.files).filter((f) => f.startsWith('word/media/') && !zip.files[f].dir);
        assert.equal(media.length, 1);
        const png = PNG.sync.read(Buffer.from(await zip.file(media[0])!.async('uint8array')));
        assert.ok(png.width > 400 && png.height > 50, `${png.width}x${png.height}`);
        const colours = new Set<string>();
        for (let i = 0; i < png.data.length; i += 4 * 37) colours.add(png.data.subarray(i, i + 3).toString('hex'));
        assert.ok(colours.has('2e8b57') && colours.has('e69f00'), 'green and amber bars are drawn');
        assert.match(
            xml,
            /descr="Bar chart of RAG ratings by theme\. Health and Wellbeing: 1 amber; Affordability: 1 green\."/,
        );
    });

    it('npx khg-bot digest --format docx writes the Board paper', async () => {
        const tmp = tempDir();
        try {
            const out: string[] = [];
            const io = {
                out: (l: string) => out.push(l),
                err: (l: string) => out.push(l),
                env: { STORE_FILE: bot.storeFile },
                now: clock,
            };
            const file = path.join(tmp.dir, 'paper.docx');
            assert.equal(await runCli(['digest', '--format', 'docx', '--out', file], io), 0);
            assert.match(out.join('\n'), /Wrote the Board paper for the round being collected/);
            const { paragraphs } = await docxParagraphs(fs.readFileSync(file));
            assert.ok(paragraphs.includes('Round: the round being collected (Monday 30 Nov 2026)'));
            assert.ok(paragraphs.includes('Budget confirmed.'));
            assert.equal(await runCli(['digest', '--format', 'docx'], io), 1);
            assert.match(out.join('\n'), /A Board paper needs --out FILE\.docx/);
        } finally {
            tmp.cleanup();
        }
    });
});
