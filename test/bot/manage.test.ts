/**
 * The manager's small changes over HTTP: each form read on the server, confirmed with what will
 * change, applied, kept in the audit trail and undone; and the audit trail answered in chat.
 */
import assert from 'node:assert/strict';
import { VERBS } from '../../src/bot/verbs.js';
import { MANAGER_ONLY } from '../../src/bot/routes/manage.js';
import { AuditTrail } from '../../src/services/audit.js';
import { openStore } from '../../src/store/store.js';
import { cardAction, message, type Sender } from '../helpers/activities.js';
import { startBot, type BotUnderTest } from '../helpers/botServer.js';
import { FakeConnector } from '../helpers/fakeConnector.js';
import { IDS, sampleData } from '../helpers/fixtures.js';

const manager: Sender = { id: '29:manager', name: 'Morgan Ellis', aadObjectId: IDS.manager };
const chair: Sender = { id: '29:tom', name: 'Tom Reed', aadObjectId: IDS.chair };

describe("the manager's changes in cards", () => {
    let connector: FakeConnector;
    let bot: BotUnderTest;
    let now = new Date('2026-11-30T10:00:00Z');
    beforeEach(async () => {
        connector = await new FakeConnector().start();
        now = new Date('2026-11-30T10:00:00Z');
        bot = await startBot({ data: sampleData(), clock: () => now });
    });
    afterEach(async () => {
        await bot.stop();
        await connector.stop();
    });

    interface Card {
        body: unknown[];
        actions?: { verb: string; title: string; data?: Record<string, string> }[];
    }
    const press = async (who: Sender, verb: string, data: Record<string, unknown>) => {
        const res = await bot.post(cardAction(who, verb, data, { serviceUrl: connector.url }));
        return (res.body as { value: Card | string }).value;
    };
    const ask = async (who: Sender, text: string) => {
        await bot.post(message(who, text, { serviceUrl: connector.url }));
        return connector.activities().at(-1) as { text?: string; attachments?: { content: Card }[] };
    };
    const data = async () => (await openStore({ file: bot.storeFile })).read();
    const partnership = async () => {
        const d = await data();
        return JSON.stringify([d.groups, d.roster]);
    };
    /** An answer as text: a message as it is, a card as its JSON. */
    const textOf = (answer: unknown) => (typeof answer === 'string' ? answer : JSON.stringify(answer));
    const actionOf = (card: Card | string, verb: string) => {
        assert.equal(typeof card, 'object', textOf(card));
        const a = (card as Card).actions?.find((x) => x.verb === verb);
        assert.ok(a, `no ${verb} on ${JSON.stringify(card).slice(0, 300)}`);
        return a;
    };

    it("changes KHOG's due date and cadence after confirming what will change, records it, answers who changed it, and undoes it", async () => {
        // KHOG's schedule starts as a demo value, shown as an assumption.
        const DEMO = 'Demo value: this due date and cadence are made up for the demo, not taken from the papers.';
        await bot.runtime.deps.store.transact((d) => {
            d.groups.find((g) => g.id === 'khog')!.assumptions = [DEMO];
        });
        const nextUpdateText = async () =>
            JSON.stringify((await ask(manager, "what's KHOG's next update?")).attachments);
        assert.match(await nextUpdateText(), /"title":"Assumed","value":"Demo value/);
        const form = await ask(manager, "change KHOG's due date");
        const formCard = form.attachments![0].content;
        assert.match(JSON.stringify(formCard), /Next update due/);
        const confirm = await press(manager, VERBS.managePreviewGroup, {
            ...actionOf(formCard, VERBS.managePreviewGroup).data,
            reports: 'true',
            cadenceMonths: '6',
            nextUpdateDue: '2026-12-18',
        });
        const text = JSON.stringify(confirm);
        assert.match(text, /Kent Housing Options Group's next update is due on 18 Dec 2026 instead of 11 Dec 2026/);
        assert.match(text, /reports every 6 months instead of every 3 months/);
        assert.equal(
            (await data()).groups.find((g) => g.id === 'khog')!.nextUpdateDue,
            '2026-12-11',
            'nothing saved before Confirm',
        );

        const done = await press(manager, VERBS.manageConfirm, actionOf(confirm, VERBS.manageConfirm).data!);
        assert.match(JSON.stringify(done), /Changed by Morgan Ellis on 30 Nov 2026/);
        const khog = (await data()).groups.find((g) => g.id === 'khog')!;
        assert.equal(khog.nextUpdateDue, '2026-12-18');
        assert.equal(khog.cadenceMonths, 6);
        // The schedule is now the manager's word, with when she set it; the demo assumption is gone.
        assert.equal(khog.assumptions, undefined);
        assert.deepEqual(khog.scheduleSetBy, { name: 'Morgan Ellis', at: '2026-11-30T10:00:00.000Z' });
        const shown = await nextUpdateText();
        assert.doesNotMatch(shown, /Assumed|Demo value/);
        assert.match(shown, /"title":"Set by","value":"Morgan Ellis, (Monday )?30 Nov/);

        now = new Date('2026-12-01T09:00:00Z');
        const who = await ask(manager, "who changed KHOG's due date?");
        assert.match(who.text!, /One change to KHOG's due date since records began/);
        assert.match(
            who.text!,
            /30 Nov 2026 at 10:00, Morgan Ellis in Teams: Kent Housing Options Group reports every 6 months/,
        );

        const undone = await press(manager, VERBS.manageUndo, actionOf(done, VERBS.manageUndo).data!);
        assert.match(JSON.stringify(undone), /Change undone/);
        const back = (await data()).groups.find((g) => g.id === 'khog')!;
        assert.equal(back.nextUpdateDue, '2026-12-11');
        assert.equal(back.cadenceMonths, 3);
        assert.deepEqual(back.assumptions, [DEMO], 'the value undone is the demo value again, and says so');
        assert.equal(back.scheduleSetBy, undefined);
        const again = await press(manager, VERBS.manageUndo, actionOf(done, VERBS.manageUndo).data!);
        assert.match(textOf(again), /already been undone/);
    });

    it("adds a person, moves them to another role and group, removes them, and ends a group's reporting, each audited", async () => {
        const add = await press(manager, VERBS.managePreviewPerson, {
            name: 'Sam Patel',
            email: 'sam.patel@example.com',
            role: 'member',
            groupId: 'khog',
        });
        assert.match(
            JSON.stringify(add),
            /Sam Patel \(sam\.patel@example\.com\) joins the roster as member of Kent Housing Options Group/,
        );
        await press(manager, VERBS.manageConfirm, actionOf(add, VERBS.manageConfirm).data!);
        assert.ok((await data()).roster.some((e) => e.email === 'sam.patel@example.com' && e.role === 'member'));

        const move = await press(manager, VERBS.managePreviewPerson, {
            originalEmail: 'sam.patel@example.com',
            originalGroupId: 'khog',
            name: 'Sam Patel',
            email: 'sam.patel@example.com',
            role: 'vice_chair',
            groupId: 'asset-management',
        });
        assert.match(
            JSON.stringify(move),
            /Sam Patel becomes vice-chair of Asset Management instead of member of Kent Housing Options Group/,
        );
        await press(manager, VERBS.manageConfirm, actionOf(move, VERBS.manageConfirm).data!);
        const moved = (await data()).roster.filter((e) => e.email === 'sam.patel@example.com');
        assert.deepEqual(
            moved.map((e) => [e.role, e.groupId]),
            [['vice_chair', 'asset-management']],
        );

        const remove = await press(manager, VERBS.managePreviewPerson, {
            originalEmail: 'sam.patel@example.com',
            originalGroupId: 'asset-management',
            remove: 'true',
        });
        assert.match(JSON.stringify(remove), /Sam Patel \(sam\.patel@example\.com\) leaves the roster/);
        await press(manager, VERBS.manageConfirm, actionOf(remove, VERBS.manageConfirm).data!);
        assert.equal(
            (await data()).roster.some((e) => e.email === 'sam.patel@example.com'),
            false,
        );

        const stop = await press(manager, VERBS.managePreviewGroup, {
            groupId: 'asset-management',
            reports: 'false',
            cadenceMonths: '6',
        });
        assert.match(JSON.stringify(stop), /Asset Management stops sending progress updates/);
        await press(manager, VERBS.manageConfirm, actionOf(stop, VERBS.manageConfirm).data!);
        assert.equal((await data()).groups.find((g) => g.id === 'asset-management')!.reports, false);

        const entries = await new AuditTrail(await openStore({ file: bot.storeFile })).find({}, now);
        assert.deepEqual(
            entries.map((e) => e.action).sort(),
            ['group.settings', 'roster.add', 'roster.change', 'roster.remove'].sort(),
        );
        assert.ok(entries.every((e) => e.by.email === 'morgan.ellis@example.com' && e.at === now.toISOString()));

        const week = await ask(manager, 'what changed this week?');
        assert.match(week.text!, /4 changes this week, newest first/);
        assert.match(week.text!, /Morgan Ellis in Teams: Sam Patel \(sam\.patel@example\.com\) joins the roster/);
    });

    it("starts a group's reporting after confirming it with the date of its first update, audited", async () => {
        const noDate = await press(manager, VERBS.managePreviewGroup, { groupId: 'kcc', reports: 'true' });
        assert.match(textOf(noDate), /a group that reports needs the date of its next update/);
        assert.equal((await data()).groups.find((g) => g.id === 'kcc')!.reports, false);

        const start = await press(manager, VERBS.managePreviewGroup, {
            groupId: 'kcc',
            reports: 'true',
            cadenceMonths: '3',
            nextUpdateDue: '2027-03-01',
        });
        assert.match(textOf(start), /Kent County Council starts sending progress updates/);
        assert.match(textOf(start), /Kent County Council reports every 3 months instead of every 6 months/);
        assert.equal((await data()).groups.find((g) => g.id === 'kcc')!.reports, false, 'nothing before Confirm');
        await press(manager, VERBS.manageConfirm, actionOf(start, VERBS.manageConfirm).data!);
        const kcc = (await data()).groups.find((g) => g.id === 'kcc')!;
        assert.deepEqual([kcc.reports, kcc.cadenceMonths, kcc.nextUpdateDue], [true, 3, '2027-03-01']);
        const [entry] = await new AuditTrail(await openStore({ file: bot.storeFile })).find({}, now);
        assert.equal(entry.action, 'group.settings');
        assert.deepEqual(entry.subject, { kind: 'group', id: 'kcc', name: 'Kent County Council' });
        assert.equal(entry.by.email, 'morgan.ellis@example.com');
    });

    it('a Confirm pressed twice (a group, a person, the policy) makes its change once and says so the second time', async () => {
        const trail = async () => (await new AuditTrail(await openStore({ file: bot.storeFile })).find({}, now)).length;
        const previews = [
            await press(manager, VERBS.managePreviewGroup, {
                groupId: 'khog',
                reports: 'true',
                cadenceMonths: '3',
                nextUpdateDue: '2027-01-08',
            }),
            await press(manager, VERBS.managePreviewPerson, {
                name: 'Sam Patel',
                email: 'sam.patel@example.com',
                role: 'member',
                groupId: 'khog',
            }),
            await press(manager, VERBS.managePreviewPolicy, { months: '36' }),
        ];
        for (const [i, preview] of previews.entries()) {
            const confirm = actionOf(preview, VERBS.manageConfirm).data!;
            const first = await press(manager, VERBS.manageConfirm, confirm);
            assert.match(textOf(first), /"text":"Changed"/, textOf(first).slice(0, 200));
            const stored = JSON.stringify(await data());
            const audited = await trail();
            assert.equal(audited, i + 1);
            now = new Date(now.getTime() + 60_000);
            const second = await press(manager, VERBS.manageConfirm, confirm);
            // A person added twice is read again as the form was, and told they are on the roster already.
            assert.match(
                textOf(second),
                /already in place .* nothing was changed again|is already on the roster in that group/,
            );
            assert.equal(JSON.stringify(await data()), stored, 'nothing stored by the second press');
            assert.equal(await trail(), audited, 'one audit entry, not two');
        }
        // A removal confirmed twice too.
        const remove = await press(manager, VERBS.managePreviewPerson, {
            originalEmail: 'sam.patel@example.com',
            originalGroupId: 'khog',
            remove: 'true',
        });
        const confirm = actionOf(remove, VERBS.manageConfirm).data!;
        await press(manager, VERBS.manageConfirm, confirm);
        assert.match(textOf(await press(manager, VERBS.manageConfirm, confirm)), /already in place/);
    });

    it("sets the register's review-cycle policy after confirming, records who set it, and unsets it again by Undo", async () => {
        const form = await ask(manager, 'set the review cycle policy');
        assert.match(JSON.stringify(form.attachments![0].content), /Now: no policy/);
        assert.match(textOf(await press(manager, VERBS.managePreviewPolicy, { months: '0' })), /from 1 to 240/);
        const confirm = await press(manager, VERBS.managePreviewPolicy, { months: '36' });
        assert.match(JSON.stringify(confirm), /fall due every 36 months after their last review.*was: no policy/);
        assert.equal((await data()).settings.reviewCycle, undefined, 'nothing saved before Confirm');
        const done = await press(manager, VERBS.manageConfirm, actionOf(confirm, VERBS.manageConfirm).data!);
        assert.deepEqual((await data()).settings.reviewCycle, {
            months: 36,
            setBy: 'morgan.ellis@example.com',
            setAt: now.toISOString(),
        });
        const [entry] = await new AuditTrail(await openStore({ file: bot.storeFile })).find({}, now);
        assert.equal(entry.action, 'register.reviewCyclePolicy');
        const undone = await press(manager, VERBS.manageUndo, actionOf(done, VERBS.manageUndo).data!);
        assert.match(JSON.stringify(undone), /Change undone/);
        assert.equal((await data()).settings.reviewCycle, undefined);
        const who = await ask(manager, 'who changed the register this week?');
        assert.match(who.text!, /2 changes to the register this week/);
    });

    it('says before confirming that a group would get a second chair, and keeps e-mail addresses in lower case', async () => {
        const preview = await press(manager, VERBS.managePreviewPerson, {
            name: 'Priya Shah',
            email: 'PRIYA.SHAH@example.com',
            role: 'chair',
            groupId: 'private-sector-housing',
        });
        const text = textOf(preview);
        assert.match(
            text,
            /Priya Shah \(priya\.shah@example\.com\) joins the roster as chair of Private Sector Housing/,
        );
        assert.match(text, /Note: Private Sector Housing already has Tom Reed as chair, so it would have two/);
        await press(manager, VERBS.manageConfirm, actionOf(preview, VERBS.manageConfirm).data!);
        const added = (await data()).roster.find(
            (e) => e.groupId === 'private-sector-housing' && e.name === 'Priya Shah',
        );
        assert.equal(added?.email, 'priya.shah@example.com');
        // A member joining says nothing of chairs.
        const member = await press(manager, VERBS.managePreviewPerson, {
            name: 'Lee Park',
            email: 'lee.park@example.com',
            role: 'member',
            groupId: 'private-sector-housing',
        });
        assert.doesNotMatch(textOf(member), /Note:/);
    });

    it('refuses bad input at the field, forged and stale confirmations, and anyone but the manager, changing nothing', async () => {
        const before = await partnership();
        const bad = await press(manager, VERBS.managePreviewPerson, {
            name: '',
            email: 'not-an-email',
            role: 'chair',
            groupId: 'nowhere',
        });
        assert.match(
            textOf(bad),
            /Name: give the person's name\. E-mail: give a work e-mail address.*Group: choose the group\./,
        );
        const forged = JSON.stringify({
            kind: 'person',
            after: { name: 'X', email: 'bad', role: 'member', groupId: 'khog' },
        });
        assert.match(textOf(await press(manager, VERBS.manageConfirm, { change: forged })), /E-mail/);
        assert.match(textOf(await press(manager, VERBS.manageConfirm, { change: '{not json' })), /not one I can read/);
        const noDate = await press(manager, VERBS.managePreviewGroup, {
            groupId: 'khog',
            reports: 'true',
            cadenceMonths: '3',
            nextUpdateDue: '',
        });
        assert.match(textOf(noDate), /needs the date of its next update/);
        // A date years back would make every update since owed at once: refused, in the form and on a forged card.
        const longAgo = { groupId: 'khog', reports: 'true', cadenceMonths: '3', nextUpdateDue: '2020-01-31' };
        const past = await press(manager, VERBS.managePreviewGroup, longAgo);
        assert.match(
            textOf(past),
            /Next update due: .*2020 is more than 3 months ago, so every update since would be owed at once/,
        );
        const khog = (await data()).groups.find((g) => g.id === 'khog')!;
        const forgedPast = JSON.stringify({
            kind: 'group',
            groupId: 'khog',
            before: { cadenceMonths: khog.cadenceMonths, nextUpdateDue: khog.nextUpdateDue, reports: true },
            after: { cadenceMonths: 3, nextUpdateDue: '2020-01-31', reports: true },
        });
        assert.match(
            textOf(await press(manager, VERBS.manageConfirm, { change: forgedPast })),
            /more than 3 months ago/,
        );
        assert.equal(await partnership(), before);

        const c1 = await press(manager, VERBS.managePreviewGroup, {
            groupId: 'khog',
            reports: 'true',
            cadenceMonths: '3',
            nextUpdateDue: '2027-01-08',
        });
        const c2 = await press(manager, VERBS.managePreviewGroup, {
            groupId: 'khog',
            reports: 'true',
            cadenceMonths: '3',
            nextUpdateDue: '2027-01-15',
        });
        assert.equal(await press(chair, VERBS.manageConfirm, actionOf(c1, VERBS.manageConfirm).data!), MANAGER_ONLY);
        assert.equal(await partnership(), before);
        await press(manager, VERBS.manageConfirm, actionOf(c2, VERBS.manageConfirm).data!);
        const stale = await press(manager, VERBS.manageConfirm, actionOf(c1, VERBS.manageConfirm).data!);
        assert.match(textOf(stale), /changed by someone else since this card was made/);
        assert.equal((await data()).groups.find((g) => g.id === 'khog')!.nextUpdateDue, '2027-01-15');
        // The change that was made, confirmed again, is already in place: not "someone else".
        const again = await press(manager, VERBS.manageConfirm, actionOf(c2, VERBS.manageConfirm).data!);
        assert.match(textOf(again), /already in place .* nothing was changed again/);

        const chairAsks = await ask(chair, 'what changed this week?');
        assert.doesNotMatch(chairAsks.text ?? '', /Morgan Ellis/);
        const chairManages = await ask(chair, 'add someone to the roster');
        assert.equal(chairManages.text, MANAGER_ONLY);
    });
});
