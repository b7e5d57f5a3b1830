/**
 * A group's action plan sent in Teams, over HTTP: the manager sends the plan (CSV or .xlsx) in the
 * one-to-one chat, is asked which group's plan it is when the file does not say, sees what would be
 * added and changed by name, applies it (the same use case as `khg-bot import actions`), and can undo it.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { NOT_MANAGER_FILE } from '../../src/bot/routes/files.js';
import { VERBS } from '../../src/bot/verbs.js';
import { mapActionPlan } from '../../src/domain/actionPlan.js';
import type { Milestone, StoreData } from '../../src/domain/model.js';
import { AuditTrail } from '../../src/services/audit.js';
import { openStore } from '../../src/store/store.js';
import { message, type Sender } from '../helpers/activities.js';
import { actionPlanData, BAD_ACTION_PLAN, GOOD_ACTION_PLAN } from '../helpers/actionPlans.js';
import { actionData, cardOf, fileChat, type SentCard } from '../helpers/fileChat.js';
import { IDS, storeSnapshot } from '../helpers/fixtures.js';

const manager: Sender = { id: '29:manager', name: 'Morgan Ellis', aadObjectId: IDS.manager };
const chair: Sender = { id: '29:tom', name: 'Tom Reed', aadObjectId: IDS.chair };

const GOOD = fs.readFileSync(GOOD_ACTION_PLAN, 'utf8');
const BAD = fs.readFileSync(BAD_ACTION_PLAN, 'utf8');

/** The answer to a card action: a card (`value` an Adaptive Card) or a message (`value` its text). */
const valueOf = (res: { body: unknown }) => (res.body as { value: unknown }).value;
const cardValue = (res: { body: unknown }) => {
    const v = valueOf(res);
    assert.equal(typeof v, 'object', `expected a card, got: ${JSON.stringify(v)}`);
    return v as SentCard;
};
const text = (x: unknown) => JSON.stringify(x);

/** The plan as an .xlsx workbook with a title row above the headings, as councils write them. */
async function workbook(csv: string, title: string): Promise<Buffer> {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Action plan');
    sheet.addRow([title]);
    const rows: string[][] = parse(csv, { bom: true });
    for (const row of rows) sheet.addRow(row);
    return Buffer.from(await book.xlsx.writeBuffer());
}

/** Asset Management's plan as it stood before: one of the file's rows, at an earlier update. */
function withEarlierPlan(): StoreData {
    const d = actionPlanData();
    const earlier = mapActionPlan(
        d,
        'asset-management',
        {
            updateHeading: 'Update Nov 2021',
            rows: [
                {
                    row: 2,
                    cells: {
                        reference: 'HW9',
                        action: 'Continue tenancy mediation service for private sector landlords and tenants and involve third sectors and partners if suitable.',
                        outcomes: 'Fewer private sector evictions',
                        lead: 'MBC',
                        timescale: 'On-going',
                        update: '',
                    },
                },
            ],
        },
        'Morgan Ellis',
        new Date('2021-11-30T10:00:00Z'),
    );
    d.milestones = earlier.milestones;
    return d;
}

describe('action plans through Teams', () => {
    const now = new Date('2026-11-30T10:00:00Z');
    const chat = fileChat(now);
    const milestones = async (): Promise<Milestone[]> =>
        (await chat.storeData()).milestones.filter((m) => m.groupId === 'asset-management');

    /** Sends a plan whose name and title name no group: the answer must be the group question. */
    async function sendAndAsk(name: string, body: Buffer | string): Promise<SentCard> {
        const card = cardOf(await chat.send(manager, name, body));
        assert.ok(card, `a card answers ${name}`);
        assert.match(text(card), /Which group's action plan is this\?/);
        const choices = card.body.find((b) => b.type === 'Input.ChoiceSet' && b.id === 'groupId');
        assert.ok(choices, 'the card offers the groups');
        assert.deepEqual(
            choices.choices!.map((c) => c.value),
            (await chat.storeData()).groups.map((g) => g.id),
        );
        return card;
    }

    it("asks which group's a CSV plan is, previews what it adds and changes by name, applies it with the audit trail naming the file and the manager, and Undo puts the plan back", async () => {
        await chat.start({}, withEarlierPlan());
        const before = await milestones();
        const question = await sendAndAsk('action-plan-feb.csv', GOOD);
        assert.deepEqual(await milestones(), before, 'nothing stored before the group is chosen');

        const preview = cardValue(
            await chat.press(manager, VERBS.importGroup, {
                ...actionData(question, VERBS.importGroup),
                groupId: 'asset-management',
            }),
        );
        assert.match(text(preview), /Import action-plan-feb\.csv into Asset Management's action plan\?/);
        assert.match(text(preview), /Added \(8\)/);
        assert.match(text(preview), /HW5: Allocation Scheme to be reviewed/);
        assert.match(text(preview), /Changed \(1\)/);
        assert.match(text(preview), /HW9: Continue tenancy mediation service[^"]*: lead, outcomes, state, update/);
        assert.doesNotMatch(text(preview), /Removed/);
        assert.deepEqual(await milestones(), before, 'nothing stored before Apply');

        const applied = cardValue(await chat.press(manager, VERBS.importApply, actionData(preview, VERBS.importApply)));
        assert.match(text(applied), /Imported action-plan-feb\.csv into Asset Management's action plan/);
        const after = await milestones();
        assert.equal(after.length, 9);
        assert.equal(after.find((m) => m.description.startsWith('Allocation Scheme'))!.state, 'done');
        const mediation = after.find((m) => m.description.startsWith('Continue tenancy mediation'))!;
        assert.equal(mediation.id, before[0].id, 'the stored milestone is updated, not duplicated');
        assert.equal(mediation.updateLabel, 'Update Feb 2022');
        assert.equal(mediation.history.length, 2, 'its history is kept and the change added');

        const [entry] = await new AuditTrail(await openStore({ file: chat.bot.storeFile })).find({}, now);
        assert.equal(entry.action, 'import.actions');
        assert.equal(entry.file, 'action-plan-feb.csv');
        assert.deepEqual(entry.by, { name: 'Morgan Ellis', email: 'morgan.ellis@example.com' });
        assert.equal(entry.via, 'file');
        assert.deepEqual(entry.subject, {
            kind: 'group',
            id: 'asset-management',
            name: "Asset Management's action plan",
        });
        assert.match(entry.summary, /8 added, 1 changed/);

        await chat.bot.post(message(manager, 'what changed this week?', { serviceUrl: chat.connector.url }));
        const week = (chat.connector.activities().at(-1) as { text: string }).text;
        assert.match(
            week,
            /30 Nov 2026 at 10:00, Morgan Ellis from a file: Imported action-plan-feb\.csv into Asset Management's action plan: 8 added, 1 changed/,
        );

        const undone = cardValue(await chat.press(manager, VERBS.importUndo, actionData(applied, VERBS.importUndo)));
        assert.match(text(undone), /Import undone: Asset Management's action plan is back as it was/);
        assert.deepEqual(await milestones(), before);
        const trail = await new AuditTrail(await openStore({ file: chat.bot.storeFile })).find({}, now);
        assert.deepEqual(
            trail.map((e) => e.action),
            ['undo.import', 'import.actions'],
        );
    });

    it('asks the group for an .xlsx plan with a title above its headings, then previews and applies it', async () => {
        await chat.start({}, actionPlanData());
        const question = await sendAndAsk('Action plan 2021-22.xlsx', await workbook(GOOD, 'Action plan 2021/22'));
        const preview = cardValue(
            await chat.press(manager, VERBS.importGroup, {
                ...actionData(question, VERBS.importGroup),
                groupId: 'asset-management',
            }),
        );
        assert.match(text(preview), /Import Action plan 2021-22\.xlsx into Asset Management's action plan\?/);
        assert.match(text(preview), /Added \(9\)/);
        assert.match(text(preview), /HW9: Work in partnership with MBC communications team/);
        await chat.press(manager, VERBS.importApply, actionData(preview, VERBS.importApply));
        const stored = await milestones();
        assert.equal(stored.length, 9);
        assert.equal(stored.find((m) => m.description.startsWith('Work in partnership'))!.target, '2020-12');
        const [entry] = await new AuditTrail(await openStore({ file: chat.bot.storeFile })).find({}, now);
        assert.equal(entry.file, 'Action plan 2021-22.xlsx');
    });

    it("previews a plan whose file name names its group as that group's, without asking", async () => {
        await chat.start({}, actionPlanData());
        const card = cardOf(await chat.send(manager, 'asset-management-action-plan.csv', GOOD));
        assert.match(text(card), /into Asset Management's action plan\?/);
        assert.equal(actionData(card, VERBS.importApply).groupId, 'asset-management');
    });

    it('refuses a plan with bad rows by row number once the group is chosen, and stores nothing', async () => {
        await chat.start({}, withEarlierPlan());
        const question = await sendAndAsk('plan.csv', BAD);
        const before = await chat.storeData();
        const res = await chat.press(manager, VERBS.importGroup, {
            ...actionData(question, VERBS.importGroup),
            groupId: 'asset-management',
        });
        const answer = String(valueOf(res));
        assert.match(answer, /can't import plan\.csv as Asset Management's action plan, so nothing was changed/);
        assert.match(answer, /row 5: the timescale "Decembe20 19" is not a date I can read/);
        assert.match(answer, /row 6: Asset Management does not contribute to A8/);
        assert.doesNotMatch(answer, /row [2347]:/);
        assert.deepEqual((await chat.storeData()).milestones, before.milestones);
    });

    it('refuses a made-up group and a choice for a plan already applied or cancelled, storing nothing', async () => {
        await chat.start({}, actionPlanData());
        const question = await sendAndAsk('plan.csv', GOOD);
        const choose = actionData(question, VERBS.importGroup);
        // The chair's first press keeps a conversation reference, as any first contact does.
        const byChair = await chat.press(chair, VERBS.importGroup, { ...choose, groupId: 'asset-management' });
        assert.equal(valueOf(byChair), NOT_MANAGER_FILE);
        const snapshot = storeSnapshot(chat.bot.storeFile);
        const forged = await chat.press(manager, VERBS.importGroup, { ...choose, groupId: 'no-such-group' });
        assert.match(String(valueOf(forged)), /There is no group "no-such-group".*Nothing was changed/);
        const notChosen = await chat.press(manager, VERBS.importGroup, { ...choose });
        assert.match(String(valueOf(notChosen)), /choose the group/);
        const applyUnchosen = await chat.press(manager, VERBS.importApply, { id: choose.id, groupId: '' });
        assert.match(String(valueOf(applyUnchosen)), /Choose the group whose action plan plan\.csv is first/);
        assert.equal(storeSnapshot(chat.bot.storeFile), snapshot, 'nothing stored by the refused choices');

        // The real choice still works after the forged ones; an Apply claiming another group does not.
        const preview = cardValue(
            await chat.press(manager, VERBS.importGroup, { ...choose, groupId: 'asset-management' }),
        );
        const apply = actionData(preview, VERBS.importApply);
        const wrongGroup = await chat.press(manager, VERBS.importApply, { ...apply, groupId: 'khog' });
        assert.match(String(valueOf(wrongGroup)), /another group's action plan than this preview showed/);
        assert.equal((await milestones()).length, 0);
        await chat.press(manager, VERBS.importApply, apply);
        assert.equal((await milestones()).length, 9);

        const afterApply = storeSnapshot(chat.bot.storeFile);
        const stale = await chat.press(manager, VERBS.importGroup, { ...choose, groupId: 'private-sector-housing' });
        assert.match(String(valueOf(stale)), /has already been imported/);
        assert.equal(storeSnapshot(chat.bot.storeFile), afterApply);

        const second = actionData(await sendAndAsk('plan-2.csv', GOOD), VERBS.importGroup);
        const cancelled = cardValue(await chat.press(manager, VERBS.importCancel, second));
        assert.match(text(cancelled), /plan-2\.csv was not imported/);
        const late = await chat.press(manager, VERBS.importGroup, { ...second, groupId: 'asset-management' });
        assert.match(String(valueOf(late)), /plan-2\.csv was cancelled/);
        assert.equal((await milestones()).length, 9);
    });

    it("an Apply after the group's plan changed imports nothing and shows a fresh preview for the same group", async () => {
        await chat.start({}, actionPlanData());
        const first = cardOf(await chat.send(manager, 'asset-management-plan.csv', GOOD));
        const second = cardOf(await chat.send(manager, 'asset-management-plan-2.csv', GOOD));
        await chat.press(manager, VERBS.importApply, actionData(second, VERBS.importApply));
        const stored = await milestones();
        const before = chat.connector.activities().length;
        const late = await chat.press(manager, VERBS.importApply, actionData(first, VERBS.importApply));
        assert.match(String(valueOf(late)), /Asset Management's action plan changed after you were shown this preview/);
        assert.deepEqual(await milestones(), stored);
        const fresh = cardOf(chat.connector.activities().slice(before) as { attachments?: { content: unknown }[] }[]);
        assert.match(text(fresh), /Import asset-management-plan\.csv into Asset Management's action plan\?/);
        assert.match(text(fresh), /would change nothing/);
    });

    it("refuses a chair's action plan without fetching it", async () => {
        await chat.start({}, actionPlanData());
        const [answer] = await chat.send(chair, 'asset-management-action-plan.csv', GOOD);
        assert.equal(answer.text, NOT_MANAGER_FILE);
        assert.deepEqual(chat.files.requests, [], 'nothing was fetched');
    });
});
