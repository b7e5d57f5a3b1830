/**
 * The manager's changes to one document of the register over HTTP (seed register, 30 November 2026):
 * each form previews the change in words and stores nothing; Confirm makes it once, kept in the audit
 * trail with who, when, before and after; Undo takes it back while nothing has changed since; forged
 * and stale confirmations are refused with nothing stored; the audit questions answer register changes;
 * a document marked reviewed stands as reviewed, on the manager's word, with its date.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { StoreData } from '../../src/domain/model.js';
import { MANAGER_ONLY } from '../../src/bot/routes/manage.js';
import { VERBS } from '../../src/bot/verbs.js';
import { AuditTrail } from '../../src/services/audit.js';
import { openStore, readSeed } from '../../src/store/store.js';
import { cardAction, message, type Sender } from '../helpers/activities.js';
import { startBot, type BotUnderTest } from '../helpers/botServer.js';
import { cardActions, cardText } from '../helpers/cards.js';
import { FakeConnector } from '../helpers/fakeConnector.js';
import { IDS } from '../helpers/fixtures.js';

const morgan: Sender = { id: '29:morgan', name: 'Morgan Ellis', aadObjectId: IDS.manager };
const priya: Sender = { id: '29:priya', name: 'Priya Shah', aadObjectId: IDS.chairOfTwo };

const seed = (): StoreData => readSeed(path.resolve('data/seed.json'), path.resolve('data/demo.json'));

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a card as the bot sent it; each test reads the parts it asserts
type Card = any;
interface InvokeBody {
    type: string;
    value: unknown;
}

/**
 * The partnership's data as stored: the main file and the audit trail's documents (the bot's own
 * record of the card answers it sent is left out: a preview is one of those).
 */
function snapshot(storeFile: string): string {
    const dir = path.dirname(storeFile);
    const files = (fs.readdirSync(dir, { recursive: true }) as string[])
        .map((f) => path.join(dir, f))
        .filter((f) => f === storeFile || (f.includes('.audit') && fs.statSync(f).isFile()))
        .sort();
    return files.map((f) => `${f}\n${fs.readFileSync(f, 'utf8')}`).join('\n');
}

/** The four change forms on a document's card, each with input that changes something in the seed register. */
const FORMS: {
    name: string;
    verb: string;
    data: Record<string, string>;
    says: RegExp;
    changed: (d: StoreData) => unknown;
}[] = [
    {
        name: 'mark reviewed',
        verb: VERBS.registerMarkReviewed,
        data: {
            id: 'pre-eviction-protocol',
            reviewedOn: '2026-11-30',
            nextReview: '',
            cycleMonths: '',
            reviewNote: '',
        },
        says: /KHG Pre eviction protocol is recorded as last reviewed on 30 Nov(ember)? 2026 \(was: no review on record\)/,
        changed: (d) => d.protocols.find((p) => p.id === 'pre-eviction-protocol')!.lastReviewed,
    },
    {
        name: 'start a review',
        verb: VERBS.registerStartReview,
        data: { id: 'reciprocal-scheme', lead: 'khog', leadDetail: 'KCC', startNote: '' },
        says: /Kent high priority rehousing reciprocal scheme's state becomes under review \(was: current\)/,
        changed: (d) => d.protocols.find((p) => p.id === 'reciprocal-scheme')!.status,
    },
    {
        name: 'set its state',
        verb: VERBS.registerSetStatus,
        data: { id: 'reciprocal-scheme', status: 'withdrawn', statusNote: '' },
        says: /Kent high priority rehousing reciprocal scheme's state becomes withdrawn \(was: current\)/,
        changed: (d) => d.protocols.find((p) => p.id === 'reciprocal-scheme')!.status,
    },
    {
        name: 'add a note',
        verb: VERBS.registerAddNote,
        data: { id: 'reciprocal-scheme', note: 'KHOG to look at it in January' },
        says: /A note is added to its history: "KHOG to look at it in January"/,
        changed: (d) => d.protocols.find((p) => p.id === 'reciprocal-scheme')!.history.at(-1)!.note,
    },
];

describe("the manager's changes to a document: confirmed, audited, undoable (seed register, 30 November 2026)", () => {
    let connector: FakeConnector;
    let bot: BotUnderTest;
    let now: Date;

    async function ask(who: Sender, text: string): Promise<Card> {
        connector.reset();
        await bot.post(message(who, text, { serviceUrl: connector.url }));
        const [reply] = connector.activities();
        assert.ok(reply, `no reply to "${text}"`);
        return reply;
    }
    async function invoke(who: Sender, verb: string, data: Record<string, unknown>): Promise<InvokeBody> {
        const res = await bot.post(cardAction(who, verb, data, { serviceUrl: connector.url, replyToId: 'card-1' }));
        assert.equal(res.status, 200, JSON.stringify(res.body));
        return res.body as InvokeBody;
    }
    const cardOf = (b: InvokeBody): Card => {
        assert.equal(
            b.type,
            'application/vnd.microsoft.card.adaptive',
            `expected a card, got: ${JSON.stringify(b.value)}`,
        );
        return b.value;
    };
    const messageOf = (b: InvokeBody): string => {
        assert.equal(
            b.type,
            'application/vnd.microsoft.activity.message',
            `expected a message, got: ${JSON.stringify(b.value).slice(0, 300)}`,
        );
        return b.value as string;
    };
    const actionOf = (card: Card, verb: string) => {
        const a = cardActions(card).find((x: Card) => x.verb === verb);
        assert.ok(a, `no ${verb} on ${cardText(card)}`);
        return a;
    };
    const data = async () => (await openStore({ file: bot.storeFile })).read();
    const audit = async () => new AuditTrail(await openStore({ file: bot.storeFile })).find({}, now);
    const tiles = (card: Card): Map<string, number> =>
        new Map(
            card.body
                .find((b: Card) => b.type === 'ColumnSet')
                .columns.map((c: Card) => [c.items[1].text as string, Number(c.items[0].text)]),
        );

    beforeEach(async () => {
        now = new Date('2026-11-30T10:00:00Z');
        connector = await new FakeConnector().start();
        bot = await startBot({ data: seed(), clock: () => now });
        await ask(morgan, 'hello'); // first contact is remembered before anything is compared
        await ask(priya, 'hello');
    });
    afterEach(async () => {
        await bot.stop();
        await connector.stop();
    });

    for (const form of FORMS) {
        it(`${form.name}: previewed in words with nothing stored, confirmed once (a second press is told it was done), audited with who, when, before and after, then undone and audited`, async () => {
            const original = await data();
            const before = snapshot(bot.storeFile);
            const preview = cardOf(await invoke(morgan, form.verb, form.data));
            assert.match(cardText(preview), /Confirm this change/);
            assert.match(cardText(preview), form.says);
            assert.equal(snapshot(bot.storeFile), before, 'nothing stored before Confirm');

            const confirm = actionOf(preview, VERBS.manageConfirm);
            const applied = cardOf(await invoke(morgan, VERBS.manageConfirm, confirm.data));
            assert.match(cardText(applied), /Changed by Morgan Ellis on 30 Nov 2026 at 10:00/);
            assert.match(cardText(applied), form.says);
            const after = await data();
            assert.notDeepEqual(form.changed(after), form.changed(original));

            const entries = await audit();
            assert.equal(entries.length, 1);
            const [entry] = entries;
            assert.equal(entry.by.name, 'Morgan Ellis');
            assert.equal(entry.by.email, 'morgan.ellis@example.com');
            assert.equal(entry.at, '2026-11-30T10:00:00.000Z');
            assert.equal(entry.action, `register.${form.verb.split('.')[1]}`);
            assert.deepEqual(entry.subject.kind, 'protocol');
            assert.equal(entry.subject.id, form.data.id);
            assert.equal(entry.changes[0].field, 'register');
            const stored = original.protocols.find((p) => p.id === form.data.id)!;
            assert.equal((entry.changes[0].before as { status: string }).status, stored.status);
            assert.ok(entry.changes[0].after, 'the values after are kept');

            // The same Confirm pressed again is not applied twice.
            now = new Date('2026-11-30T10:01:00Z');
            const afterFirst = snapshot(bot.storeFile);
            const second = messageOf(await invoke(morgan, VERBS.manageConfirm, confirm.data));
            assert.match(second, /already confirmed once/);
            assert.equal(snapshot(bot.storeFile), afterFirst, 'nothing stored by the second press');
            const doc = (await data()).protocols.find((p) => p.id === form.data.id)!;
            assert.equal(doc.history.length, stored.history.length + 1, 'one history entry, not two');

            // Undo restores the document as it was, and is itself audited.
            now = new Date('2026-11-30T10:05:00Z');
            const undone = cardOf(await invoke(morgan, VERBS.manageUndo, actionOf(applied, VERBS.manageUndo).data));
            assert.match(cardText(undone), /Change undone/);
            const restored = (await data()).protocols.find((p) => p.id === form.data.id)!;
            const { history: h1, ...restoredFields } = restored;
            const { history: h0, ...originalFields } = stored;
            assert.deepEqual(restoredFields, originalFields);
            assert.deepEqual(h1.slice(0, h0.length), h0, 'the change is taken off the history');
            assert.equal(h1.at(-1)!.kind, 'edited');
            assert.match(h1.at(-1)!.note!, /^Undone: /);
            const trail = await audit();
            assert.equal(trail.length, 2);
            assert.equal(trail[0].action, `undo.${entry.action}`);
            assert.equal(trail[0].undoes, entry.id);
            // The old Confirm pressed after the undo still does nothing.
            assert.match(messageOf(await invoke(morgan, VERBS.manageConfirm, confirm.data)), /already confirmed once/);
        });
    }

    it('"set its state: withdrawn" on the KRS says in the preview that it leaves the due lists, and nothing moves until Confirm', async () => {
        const due = async () =>
            cardText((await ask(morgan, 'which protocols are due for review?')).attachments[0].content);
        assert.match(await due(), /Kent high priority rehousing reciprocal scheme/);
        const preview = cardOf(
            await invoke(morgan, VERBS.registerSetStatus, { id: 'reciprocal-scheme', status: 'withdrawn' }),
        );
        assert.match(
            cardText(preview),
            /Where it stands becomes: Withdrawn: never due \(was: Its stated review date, Sept 2021, has passed\)/,
        );
        assert.match(await due(), /Kent high priority rehousing reciprocal scheme/, 'still listed before Confirm');
        await invoke(morgan, VERBS.manageCancel, {});
        assert.match(await due(), /Kent high priority rehousing reciprocal scheme/, 'still listed after Cancel');
    });

    it('a forged confirmation (a chair, a made-up plan, a made-up document, altered values) is refused and nothing is stored', async () => {
        const preview = cardOf(
            await invoke(morgan, VERBS.registerSetStatus, { id: 'reciprocal-scheme', status: 'withdrawn' }),
        );
        const carried = JSON.parse(actionOf(preview, VERBS.manageConfirm).data.change);
        const before = snapshot(bot.storeFile);
        const send = async (who: Sender, change: unknown) =>
            messageOf(await invoke(who, VERBS.manageConfirm, { change: JSON.stringify(change) }));

        assert.equal(await send(priya, carried), MANAGER_ONLY);
        assert.match(await send(morgan, { ...carried, plan: 'mine' }), /not one I can read\. Nothing was changed/);
        assert.match(
            await send(morgan, { ...carried, plan: '2027-01-01T00:00:00.000Z-0123abcd' }),
            /Nothing was changed/,
            'a plan dated in the future',
        );
        assert.match(
            await send(morgan, {
                ...carried,
                id: 'no-such-document',
                request: { ...carried.request, id: 'no-such-document' },
            }),
            /can't find that document.*Nothing was changed/,
        );
        assert.match(
            await send(morgan, { ...carried, request: { ...carried.request, id: 'pre-eviction-protocol' } }),
            /not one I can read\. Nothing was changed/,
        );
        assert.match(
            await send(morgan, { ...carried, before: { ...carried.before, status: 'draft' } }),
            /changed since this card was made\. Nothing was changed/,
        );
        assert.match(
            await send(morgan, { ...carried, request: { ...carried.request, status: 'deleted' } }),
            /the state must be one of .*Nothing was changed/,
        );
        assert.match(await send(morgan, 'not a change'), /not one I can read/);
        assert.equal(snapshot(bot.storeFile), before);
        assert.equal((await audit()).length, 0);
    });

    it('a confirmation made stale by another change since is refused, and nothing is stored', async () => {
        const first = cardOf(
            await invoke(morgan, VERBS.registerSetStatus, { id: 'reciprocal-scheme', status: 'withdrawn' }),
        );
        const second = cardOf(
            await invoke(morgan, VERBS.registerStartReview, { id: 'reciprocal-scheme', lead: 'khog' }),
        );
        await invoke(morgan, VERBS.manageConfirm, actionOf(first, VERBS.manageConfirm).data);
        const before = snapshot(bot.storeFile);
        const refused = messageOf(
            await invoke(morgan, VERBS.manageConfirm, actionOf(second, VERBS.manageConfirm).data),
        );
        assert.match(refused, /Nothing was changed/);
        assert.equal(snapshot(bot.storeFile), before);
    });

    it('"what changed this week?" lists a register change, and "who changed the KRS?" answers from the audit trail with who, when and what', async () => {
        const preview = cardOf(
            await invoke(morgan, VERBS.registerSetStatus, { id: 'reciprocal-scheme', status: 'withdrawn' }),
        );
        await invoke(morgan, VERBS.manageConfirm, actionOf(preview, VERBS.manageConfirm).data);
        now = new Date('2026-12-02T09:00:00Z');
        const week = await ask(morgan, 'what changed this week?');
        assert.match(
            week.text,
            /30 Nov 2026 at 10:00, Morgan Ellis in Teams: Kent high priority rehousing reciprocal scheme's state becomes withdrawn \(was: current\)/,
        );
        const who = await ask(morgan, 'who changed the KRS?');
        assert.ok(who.text, `expected an answer, got: ${JSON.stringify(who).slice(0, 1500)}`);
        assert.match(who.text, /One change to the KRS since records began/);
        assert.match(who.text, /30 Nov 2026 at 10:00, Morgan Ellis in Teams: .*state becomes withdrawn/);
        const other = await ask(morgan, 'who changed the pre-eviction protocol?');
        assert.match(other.text, /I have no record of a change to KHG Pre eviction protocol/);
    });

    it("a document marked reviewed today is current on the manager's dated word, says when its next review is unknown, and is counted as not due", async () => {
        const dueCard = async () => (await ask(morgan, 'which protocols are due for review?')).attachments[0].content;
        const tilesBefore = tiles(await dueCard());
        const preview = cardOf(
            await invoke(morgan, VERBS.registerMarkReviewed, {
                id: 'pre-eviction-protocol',
                reviewedOn: '2026-11-30',
                nextReview: '',
                cycleMonths: '',
            }),
        );
        assert.match(cardText(preview), /kept as evidence of where it stands/);
        await invoke(morgan, VERBS.manageConfirm, actionOf(preview, VERBS.manageConfirm).data);

        const card = cardText(cardOf(await invoke(morgan, VERBS.protocolsShow, { id: 'pre-eviction-protocol' })));
        assert.match(card, /Reviewed on 30 Nov(ember)? 2026: current/);
        assert.match(card, /next review falls is unknown/);
        assert.match(card, /recorded by Morgan Ellis, 30 Nov(ember)? 2026/);
        assert.doesNotMatch(card, /Nothing recorded about whether it needs review/);

        const due = await dueCard();
        const text = cardText(due);
        assert.doesNotMatch(text, /KHG Pre eviction protocol/, 'not listed as due or as nothing recorded');
        const t = tiles(due);
        const open = 'Waiting for advice or nothing recorded';
        const later = 'Not due: just reviewed, a later date, a draft or withdrawn';
        assert.equal(t.get(open) ?? 0, tilesBefore.get(open) ?? 0, 'not counted as nothing recorded');
        assert.equal(t.get('Due on other evidence'), tilesBefore.get('Due on other evidence')! - 1);
        assert.equal(t.get(later), (tilesBefore.get(later) ?? 0) + 1);
        assert.match(text, /1 was marked reviewed with no review cycle on record, so its next review is unknown/);
    });

    it("with the manager's review-cycle policy, a document marked reviewed comes due one cycle after the review", async () => {
        const policy = cardOf(await invoke(morgan, VERBS.managePreviewPolicy, { months: '24' }));
        await invoke(morgan, VERBS.manageConfirm, actionOf(policy, VERBS.manageConfirm).data);
        const preview = cardOf(
            await invoke(morgan, VERBS.registerMarkReviewed, { id: 'pre-eviction-protocol', reviewedOn: '2026-11-30' }),
        );
        await invoke(morgan, VERBS.manageConfirm, actionOf(preview, VERBS.manageConfirm).data);
        const card = cardText(cardOf(await invoke(morgan, VERBS.protocolsShow, { id: 'pre-eviction-protocol' })));
        assert.match(
            card,
            /Comes due 30 Nov(ember)? 2028 \(last reviewed 30 Nov(ember)? 2026, the partnership's review cycle of 24 months\)/,
        );
    });
});
