/** The partnership manager's digest over HTTP: the card, its buttons, the download link, the command line. */
import { cardActions } from '../helpers/cards.js';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { VERBS } from '../../src/bot/verbs.js';
import { NOT_FOR_YOU } from '../../src/bot/routes/digest.js';
import { DIGEST_CARD_LIMIT } from '../../src/cards/digest.js';
import { cardBytes } from '../../src/cards/render.js';
import { runCli } from '../../src/cli.js';
import type { StoreData } from '../../src/domain/model.js';
import type { Section } from '../../src/domain/progress.js';
import { DeliveryLedger } from '../../src/notify/ledger.js';
import { updatesOf } from '../../src/services/progress.js';
import type { Store } from '../../src/store/store.js';
import { cardAction, message, type Sender } from '../helpers/activities.js';
import { startBot, type BotUnderTest } from '../helpers/botServer.js';
import { FakeConnector } from '../helpers/fakeConnector.js';
import { IDS, sampleData, tempDir, writeStoreFile } from '../helpers/fixtures.js';

const manager: Sender = { id: '29:manager', name: 'Morgan Ellis', aadObjectId: IDS.manager };
const priya: Sender = { id: '29:priya', name: 'Priya Shah', aadObjectId: IDS.chairOfTwo };
const LONG =
    'Surveyed 400 homes for overheating.\nRetrofit pilot agreed with the energy partnership.\nSecond phase in spring.\nBudget confirmed.';
let now = new Date('2027-01-05T10:00:00Z');
const clock = () => now;

function data(): StoreData {
    const d = sampleData();
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
    concernsGroups: string[] = [],
) {
    await updatesOf(store).transact(key, (d) => {
        d.versions.push({
            version: d.versions.length + 1,
            kind: 'submitted',
            sections,
            otherMatters,
            concernsGroups,
            by: { email: 'priya.shah@example.com', name: 'Priya Shah' },
            onBehalf: false,
            at: '2026-12-10T18:30:00.000Z',
            digest: key,
        });
    });
}

const text = (card: unknown) => JSON.stringify(card);

describe('the digest', () => {
    let connector: FakeConnector;
    let bot: BotUnderTest;

    beforeEach(async () => {
        now = new Date('2027-01-05T10:00:00Z');
        connector = await new FakeConnector().start();
        bot = await startBot({ data: data(), clock, env: { LINK_SECRET: 'digest-test-secret' } });
        const store = bot.runtime.deps.store;
        await submitted(store, 'asset-management/2026-06', [
            { ref: 'HW9', text: 'Planning the survey.', rag: 'amber', noChange: false },
        ]);
        await submitted(
            store,
            'asset-management/2026-12',
            [{ ref: 'HW9', text: LONG, rag: 'green', noChange: false }],
            'We could share retrofit contractors with Private Sector Housing.',
            ['private-sector-housing'],
        );
        const ledger = new DeliveryLedger(store);
        const id = {
            groupId: 'khog',
            period: '2026-12',
            step: 'due',
            recipient: 'priya.shah@example.com',
            as: 'chair' as const,
        };
        await ledger.claim('priya.shah@example.com', [id], 'run-1', new Date('2026-12-11T09:00:00Z'));
        await ledger.finish(
            'priya.shah@example.com',
            [id],
            { outcome: 'sent', attempts: 1 },
            new Date('2026-12-11T09:00:01Z'),
        );
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

    it('gives the manager the period, who reported, the missing groups with their chairs and reminders, progress by theme, matters and buttons', async () => {
        const reply = await ask(manager, 'send me the digest for December 2026');
        const card = reply.attachments[0].content;
        assert.match(text(card), /Digest: December 2026/);
        assert.match(text(card), /1 of 2 groups has reported/);
        assert.match(
            text(card),
            /"title":"Kent Housing Options Group","value":"late; chair Priya Shah; vice-chair Chris Lane; 1 reminder delivered, last on 11 Dec 2026 to Priya Shah"/,
        );
        assert.match(text(card), /Health and Wellbeing/);
        assert.match(text(card), /\*\*Asset Management\*\*: Green ↑ improved/);
        assert.match(text(card), /Surveyed 400 homes for overheating\.\\nRetrofit pilot agreed/);
        assert.doesNotMatch(text(card), /Budget confirmed/, 'the card shows the first lines only');
        assert.match(text(card), /Not yet reported: Kent Housing Options Group/);
        assert.match(text(card), /We could share retrofit contractors/);
        assert.match(text(card), /Protocols and guides/);
        assert.match(text(card), /1 due on the evidence \(1 with a review date passed\), 0 under review/);
        assert.match(
            text(card),
            /Kent high priority rehousing reciprocal scheme: Its stated review date, Sept 2021, has passed/,
        );
        assert.deepEqual(
            cardActions(card)
                .map((a: { title: string }) => a.title)
                .filter((t: string) => t !== 'Full text'),
            ['Remind the missing groups', 'Download the spreadsheet', 'Download the Board paper', 'Close the period'],
        );
        assert.match(cardActions(card).find((a) => a.type === 'Action.OpenUrl').url, /\/api\/digest\/download\?t=/);
    });

    it('is for the manager only: a chair is told so, and no objective text leaks', async () => {
        const reply = await ask(priya, 'digest pls');
        assert.equal(reply.text, NOT_FOR_YOU);
        assert.doesNotMatch(JSON.stringify(reply), /Surveyed|retrofit/i);
        const res = await bot.post(
            cardAction(priya, VERBS.digestObjective, { period: '2026-12', ref: 'HW9' }, { serviceUrl: connector.url }),
        );
        assert.equal((res.body as { value: string }).value, NOT_FOR_YOU);
    });

    it('filters by theme and by group', async () => {
        const affordability = (await ask(manager, 'digest for the Affordability theme, December 2026')).attachments[0]
            .content;
        assert.match(text(affordability), /Showing: Affordability theme/);
        assert.doesNotMatch(text(affordability), /Health and Wellbeing/);
        const khog = (await ask(manager, 'KHOG digest for December 2026')).attachments[0].content;
        assert.match(text(khog), /The one group in this round has not reported yet/);
    });

    it('"Full text" shows an objective\'s whole text from every group', async () => {
        const res = await bot.post(
            cardAction(
                manager,
                VERBS.digestObjective,
                { period: '2026-12', ref: 'HW9' },
                { serviceUrl: connector.url },
            ),
        );
        assert.match((res.body as { value: string }).value, /full text for HW9/);
        const full = connector.activities().at(-1).attachments[0].content;
        assert.match(text(full), /Budget confirmed\./);
        assert.match(text(full), /Not yet reported|Asset Management/);
    });

    it('the download link gives a workbook holding every submitted text; an expired or tampered link is refused', async () => {
        const url: string = cardActions((await ask(manager, 'digest December 2026')).attachments[0].content).find(
            (a) => a.type === 'Action.OpenUrl',
        ).url;
        const path_ = url.replace(/^https?:\/\/[^/]+/, '');
        const res = await fetch(`${bot.url}${path_}`);
        assert.equal(res.status, 200);
        assert.match(res.headers.get('content-disposition') ?? '', /khg-digest-2026-12\.xlsx/);
        const book = new ExcelJS.Workbook();
        await book.xlsx.load(await res.arrayBuffer());
        const cells: unknown[] = [];
        book.getWorksheet('Progress')!.eachRow((r) => r.eachCell((c) => cells.push(c.value)));
        assert.ok(cells.includes(LONG), 'the whole text is in the spreadsheet');
        const register = book.getWorksheet('Register')!;
        assert.equal(register.getRow(2).getCell(1).value, 'Kent high priority rehousing reciprocal scheme');
        assert.equal(register.getRow(2).getCell(3).value, 'review date passed');

        const t = new URL(url).searchParams.get('t')!;
        const tampered = `${Buffer.from(JSON.stringify({ period: '2026-12', by: 'x', exp: 9e15 })).toString('base64url')}.${t.split('.')[1]}`;
        assert.equal((await fetch(`${bot.url}/api/digest/download?t=${encodeURIComponent(tampered)}`)).status, 403);
        assert.equal((await fetch(`${bot.url}/api/digest/download?t=nonsense`)).status, 400);
        now = new Date(now.getTime() + 61 * 60_000);
        const expired = await fetch(`${bot.url}${path_}`);
        assert.equal(expired.status, 410);
        assert.match(((await expired.json()) as { error: string }).error, /expired/);
    });

    it('with no LINK_SECRET, a download link outlives a restart and works at a second instance on the same store', async () => {
        const first = await startBot({ data: data(), clock });
        let second: BotUnderTest | undefined;
        let again: BotUnderTest | undefined;
        try {
            await first.post(message(manager, 'digest December 2026', { serviceUrl: connector.url }));
            const card = connector.activities().at(-1).attachments[0].content;
            const url: string = cardActions(card).find((a) => a.type === 'Action.OpenUrl').url;
            const path_ = url.replace(/^https?:\/\/[^/]+/, '');
            assert.equal((await fetch(`${first.url}${path_}`)).status, 200);
            second = await startBot({ storeFile: first.storeFile, clock });
            assert.equal((await fetch(`${second.url}${path_}`)).status, 200, 'another instance on the same store');
            await second.stop(true);
            second = undefined;
            await first.stop(true);
            again = await startBot({ storeFile: first.storeFile, clock });
            assert.equal((await fetch(`${again.url}${path_}`)).status, 200, 'after a restart');
        } finally {
            await second?.stop(true);
            await again?.stop();
            await first.stop().catch(() => undefined);
        }
    });

    it('"remind the missing groups now" reminds their chairs once per day', async () => {
        await bot.post(message(priya, 'hello', { serviceUrl: connector.url }));
        connector.reset();
        const res = await bot.post(
            cardAction(manager, VERBS.digestRemind, { period: '2026-12' }, { serviceUrl: connector.url }),
        );
        assert.match(
            (res.body as { value: string }).value,
            /Reminding the chairs of 1 group now: Kent Housing Options Group/,
        );
        const reminder = await connector.waitFor(
            (c) => c.conversationId === `a:personal-${priya.id}` && c.body?.attachments,
        );
        assert.match(text(reminder.body), /A gentle nudge: a progress update is overdue/);
        const first = await connector.waitFor((c) => (c.body?.text ?? '').startsWith('What the reminders came to'));
        assert.match(
            first.body.text,
            /Kent Housing Options Group's December 2026 update: reminded Priya Shah \(chair\)\./,
        );
        connector.reset();
        await bot.post(cardAction(manager, VERBS.digestRemind, { period: '2026-12' }, { serviceUrl: connector.url }));
        const second = await connector.waitFor((c) => (c.body?.text ?? '').startsWith('What the reminders came to'));
        assert.match(
            second.body.text,
            /Priya Shah \(chair\) was already reminded today, and that reminder was delivered/,
        );
        assert.equal(connector.calls.filter((c) => c.conversationId === `a:personal-${priya.id}`).length, 0);
    });

    it('"close the period" asks first; the ticked late update closes and can no longer be changed', async () => {
        const res = await bot.post(
            cardAction(manager, VERBS.digestClose, { period: '2026-12' }, { serviceUrl: connector.url }),
        );
        assert.match((res.body as { value: string }).value, /Nothing has been closed yet/);
        const confirm = connector.activities().at(-1).attachments[0].content;
        const { verb, data: payload } = confirm.actions[0];
        const done = await bot.post(
            cardAction(manager, verb, { ...payload, 'close_khog_2026-12': 'true' }, { serviceUrl: connector.url }),
        );
        assert.match(text(done.body), /Closed Kent Housing Options Group's December 2026 update/);
        assert.deepEqual(
            bot.runtime.deps.store.read().closedPeriods.map((c) => [c.groupId, c.period, c.closedBy]),
            [['khog', '2026-12', 'morgan.ellis@example.com']],
        );
        const late = await bot.post(
            cardAction(
                priya,
                VERBS.progressSubmit,
                { groupId: 'khog', period: '2026-12', basedOn: 0, text_A8: 'Too late' },
                { serviceUrl: connector.url },
            ),
        );
        assert.match((late.body as { value: string }).value, /has been closed/);
        const again = await bot.post(
            cardAction(manager, verb, { ...payload, 'close_khog_2026-12': 'true' }, { serviceUrl: connector.url }),
        );
        assert.match(text(again.body), /Already closed: Kent Housing Options Group's December 2026 update/);
    });

    it('refuses forged digest actions: bad period, unknown theme or group', async () => {
        for (const data of [
            { period: 'never' },
            { period: '2026-12', theme: 'ZZ' },
            { period: '2026-12', groupId: 'evil' },
        ]) {
            const res = await bot.post(cardAction(manager, VERBS.digestClose, data, { serviceUrl: connector.url }));
            assert.match((res.body as { value: string }).value, /not valid\. Nothing was changed/);
        }
        assert.deepEqual(bot.runtime.deps.store.read().closedPeriods, []);
    });

    it('the command line writes the spreadsheet and the Markdown summary', async () => {
        const tmp = tempDir();
        try {
            const out: string[] = [];
            const io = {
                out: (l: string) => out.push(l),
                err: (l: string) => out.push(l),
                env: { STORE_FILE: bot.storeFile },
                now: clock,
            };
            const xlsx = path.join(tmp.dir, 'digest.xlsx');
            assert.equal(await runCli(['digest', '--period', '2026-12', '--out', xlsx], io), 0);
            const book = new ExcelJS.Workbook();
            await book.xlsx.readFile(xlsx);
            assert.ok(book.getWorksheet('Not reported'));
            assert.equal(await runCli(['digest', '--period', '2026-12', '--format', 'md'], io), 0);
            assert.match(out.join('\n'), /# KHG progress digest: December 2026/);
            assert.match(out.join('\n'), /> Budget confirmed\./);
            assert.equal(await runCli(['digest', '--period', '2026-13', '--format', 'md'], io), 1);
            assert.match(out.join('\n'), /--period must be YYYY-MM, board-YYYY-MM-DD or current/);
        } finally {
            tmp.cleanup();
        }
    });
});

describe('the digest for a large partnership', function () {
    this.timeout(60_000);
    it('50 groups, 200 objectives and 10 periods of history: the card fits one message and is still sent', async () => {
        const d = sampleData();
        d.groups = d.groups.filter((g) => !g.reports);
        d.roster = d.roster.filter((e) => e.role === 'manager');
        d.objectives = [];
        d.protocols = [];
        for (let g = 0; g < 50; g++) {
            d.groups.push({
                id: `g${g}`,
                name: `Sub-group number ${g}`,
                aliases: [],
                cadenceMonths: 6,
                nextUpdateDue: '2022-06-15',
                reports: true,
            });
            d.roster.push({ groupId: `g${g}`, role: 'chair', name: `Chair ${g}`, email: `c${g}@example.com` });
        }
        const themes = ['HW', 'SH', 'I', 'HD', 'A'] as const;
        for (let o = 0; o < 200; o++) {
            d.objectives.push({
                ref: `${themes[o % 5]}${o}`,
                theme: themes[o % 5],
                text: `Objective ${o}: ${'a long strategic objective text '.repeat(4)}`,
                contributions: [0, 1, 2].map((k) => ({ groupId: `g${(o + k * 17) % 50}`, contribution: 'Their part' })),
            });
        }
        const tmp = tempDir();
        const file = writeStoreFile(tmp.dir, d);
        const bot = await startBot({ storeFile: file, clock: () => new Date('2027-01-05T10:00:00Z') });
        const connector = await new FakeConnector().start();
        try {
            const set = updatesOf(bot.runtime.deps.store);
            for (let g = 0; g < 50; g++) {
                const mine = d.objectives.filter((o) => o.contributions.some((c) => c.groupId === `g${g}`));
                for (let p = 0; p < 10; p++) {
                    const period = `${2022 + Math.floor((5 + p * 6) / 12)}-${String(((5 + p * 6) % 12) + 1).padStart(2, '0')}`;
                    if (g % 10 === 0 && p === 9) continue; // five groups have not reported this time
                    await set.transact(`g${g}/${period}`, (doc) => {
                        doc.versions.push({
                            version: 1,
                            kind: 'submitted',
                            sections: mine.map((o) => ({
                                ref: o.ref,
                                text: `Progress on ${o.ref} in ${period}. `.repeat(60),
                                rag: (['green', 'amber', 'red'] as const)[(g + p) % 3],
                                noChange: false,
                            })),
                            otherMatters: `Matters from group ${g}. `.repeat(20),
                            concernsGroups: [],
                            by: { email: `c${g}@example.com`, name: `Chair ${g}` },
                            onBehalf: false,
                            at: '2026-12-01T10:00:00.000Z',
                            digest: 'x',
                        });
                    });
                }
            }
            await bot.post(
                message(
                    { id: '29:manager', name: 'Morgan Ellis', aadObjectId: IDS.manager },
                    'digest for December 2026',
                    { serviceUrl: connector.url },
                ),
            );
            const [reply] = connector.activities();
            const card = reply.attachments[0].content;
            const bytes = cardBytes(card);
            console.log(`      (digest card for 50 groups / 200 objectives: ${bytes} bytes)`);
            assert.ok(bytes <= DIGEST_CARD_LIMIT, `${bytes} bytes`);
            assert.match(text(card), /45 of 50 groups have reported/);
            assert.ok(fs.existsSync(file));
        } finally {
            await bot.stop();
            await connector.stop();
            tmp.cleanup();
        }
    });
});
