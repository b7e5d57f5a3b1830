/**
 * Spreadsheets through Teams, over HTTP: the manager sends a file (Teams' file.download.info
 * attachment pointing at a local file server standing in for the download URL), gets a preview,
 * applies or cancels it, undoes it; and asks for a spreadsheet back.
 */
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { VERBS } from '../../src/bot/verbs.js';
import { NOT_MANAGER_FILE } from '../../src/bot/routes/files.js';
import { exportCsv } from '../../src/formats/partnershipCsv.js';
import { registerToCsv } from '../../src/formats/registerCsv.js';
import type { StoreData } from '../../src/domain/model.js';
import { AuditTrail } from '../../src/services/audit.js';
import { csvToXlsx } from '../../src/formats/spreadsheet.js';
import { openStore } from '../../src/store/store.js';
import { cardAction, message, type Sender } from '../helpers/activities.js';
import { actionData, cardOf, fileChat, type SentCard } from '../helpers/fileChat.js';
import { IDS } from '../helpers/fixtures.js';

const manager: Sender = { id: '29:manager', name: 'Morgan Ellis', aadObjectId: IDS.manager };
const chair: Sender = { id: '29:tom', name: 'Tom Reed', aadObjectId: IDS.chair };

describe('spreadsheets through Teams', () => {
    const now = new Date('2026-11-30T10:00:00Z');
    let clock = now;
    const chat = fileChat(() => clock);
    beforeEach(() => (clock = now));
    const { start, send, storeData } = chat;

    const textOf = (card: unknown) => JSON.stringify(card);
    /** The partnership's data an import could change (the bot also saves people's chats as they write). */
    const partnershipData = async () => {
        const d = await storeData();
        return JSON.stringify([d.protocols, d.groups, d.roster, d.objectives]);
    };

    it('previews a roster CSV by name (added, changed and removed), applies it on Apply with the audit trail naming the file, and undoes it', async () => {
        await start();
        const csv = exportCsv('roster', await storeData())
            .replace('Tom Reed', 'Tom Reid')
            .replace(/^.*Jo Baker.*\r?\n/m, '')
            .concat('khog,member,New Member,new.member@example.com,\n');
        const answer = await send(manager, 'roster.csv', csv);
        const card = cardOf(answer)!;
        assert.match(textOf(card), /Import roster\.csv into the roster\?/);
        assert.match(textOf(card), /Added \(1\)/);
        assert.match(textOf(card), /New Member, member of Kent Housing Options Group/);
        assert.match(textOf(card), /Changed \(1\)/);
        assert.match(textOf(card), /Tom Reid.*: name/);
        assert.match(textOf(card), /Removed \(1\)".*"- Jo Baker, member of Asset Management"/);
        assert.equal(
            (await storeData()).roster.some((e) => e.name === 'New Member'),
            false,
            'nothing stored before Apply',
        );

        const apply = card.actions!.find((a) => a.verb === VERBS.importApply)!;
        const res = await chat.bot.post(
            cardAction(manager, VERBS.importApply, apply.data, { serviceUrl: chat.connector.url }),
        );
        assert.match(JSON.stringify(res.body), /Imported roster\.csv into the roster/);
        const after = await storeData();
        assert.ok(after.roster.some((e) => e.name === 'New Member'));
        assert.ok(after.roster.some((e) => e.name === 'Tom Reid'));
        assert.equal(
            after.roster.some((e) => e.name === 'Jo Baker'),
            false,
        );

        const store = await openStore({ file: chat.bot.storeFile });
        const [entry] = await new AuditTrail(store).find({}, now);
        assert.equal(entry.file, 'roster.csv');
        assert.equal(entry.by.email, 'morgan.ellis@example.com');
        assert.equal(entry.action, 'import.roster');

        // Pressing Apply again imports nothing twice.
        const again = await chat.bot.post(
            cardAction(manager, VERBS.importApply, apply.data, { serviceUrl: chat.connector.url }),
        );
        assert.match(JSON.stringify(again.body), /already been imported/);

        const undoData = (
            res.body as { value: { actions: { verb: string; data: Record<string, string> }[] } }
        ).value.actions.find((a) => a.verb === VERBS.importUndo)!.data;
        const undone = await chat.bot.post(
            cardAction(manager, VERBS.importUndo, undoData, { serviceUrl: chat.connector.url }),
        );
        assert.match(JSON.stringify(undone.body), /Import undone/);
        const back = await storeData();
        assert.equal(
            back.roster.some((e) => e.name === 'New Member'),
            false,
        );
        assert.ok(back.roster.some((e) => e.name === 'Tom Reed'));
        assert.ok(back.roster.some((e) => e.name === 'Jo Baker'));
        assert.deepEqual(
            (await new AuditTrail(await openStore({ file: chat.bot.storeFile })).find({}, now)).map((e) => e.action),
            ['undo.import', 'import.roster'],
        );
    });

    it('previews and applies each kind: groups and the register as .xlsx, objectives as CSV', async () => {
        await start();
        const d = await storeData();
        const groupsCsv = exportCsv('groups', d).replace(/2026-12-11/, '2026-12-14');
        const registerCsv = registerToCsv(d.protocols).replace(/,current,/, ',under_review,');
        const objectivesCsv =
            exportCsv('objectives', d).replace(/\r?\n$/, '') +
            '\r\nA8,A,Challenge the stigma of social housing,khog,Housing advice\r\n';
        const cases: [string, Buffer | string, RegExp, (s: StoreData) => boolean][] = [
            [
                'groups.xlsx',
                await csvToXlsx(groupsCsv, 'groups'),
                /into the groups.*Changed \(1\).*Kent Housing Options Group: nextUpdateDue/,
                (s) => s.groups.find((g) => g.id === 'khog')!.nextUpdateDue === '2026-12-14',
            ],
            [
                'register.xlsx',
                await csvToXlsx(registerCsv, 'register'),
                /into the protocol register.*Changed \(1\)/,
                (s) =>
                    s.protocols.filter((p) => p.status === 'under_review').length >
                    d.protocols.filter((p) => p.status === 'under_review').length,
            ],
            [
                'objectives.csv',
                objectivesCsv,
                /into the objectives.*Added \(1\).*A8: Challenge the stigma/,
                (s) => s.objectives.some((o) => o.ref === 'A8'),
            ],
        ];
        for (const [name, body, preview, stored] of cases) {
            const card = cardOf(await send(manager, name, body))!;
            assert.match(textOf(card), preview, name);
            const apply = card.actions!.find((a) => a.verb === VERBS.importApply)!;
            const res = await chat.bot.post(
                cardAction(manager, VERBS.importApply, apply.data, { serviceUrl: chat.connector.url }),
            );
            assert.match(JSON.stringify(res.body), /Imported/, name);
            assert.ok(stored(await storeData()), `${name} stored`);
        }
    });

    it('refuses a bad file by row and keeps the store as it was; Cancel drops a preview', async () => {
        await start();
        const before = await partnershipData();
        const bad =
            'group_id,role,name,email\nkhog,chair,Ann,ann.example.com\nno-such-group,member,Bob,bob@example.com\n';
        const [answer] = await send(manager, 'roster.csv', bad);
        assert.match(answer.text, /can't import roster\.csv as the roster/);
        assert.match(answer.text, /[Rr]ow 2/);
        assert.match(answer.text, /[Rr]ow 3/);
        assert.equal(await partnershipData(), before);

        const csv = exportCsv('roster', await storeData()).replace('Tom Reed', 'Tom Reid');
        const card = cardOf(await send(manager, 'roster2.csv', csv))!;
        const cancel = card.actions!.find((a) => a.verb === VERBS.importCancel)!;
        const res = await chat.bot.post(
            cardAction(manager, VERBS.importCancel, cancel.data, { serviceUrl: chat.connector.url }),
        );
        assert.match(JSON.stringify(res.body), /was not imported/);
        const apply = card.actions!.find((a) => a.verb === VERBS.importApply)!;
        const late = await chat.bot.post(
            cardAction(manager, VERBS.importApply, apply.data, { serviceUrl: chat.connector.url }),
        );
        assert.match(JSON.stringify(late.body), /cancelled/);
        assert.equal(await partnershipData(), before);
    });

    it("refuses anyone else's file without fetching it, and anyone else's Apply", async () => {
        await start();
        const [answer] = await send(chair, 'roster.csv', 'group_id,role,name,email\n');
        assert.equal(answer.text, NOT_MANAGER_FILE);
        assert.deepEqual(chat.files.requests, [], 'nothing was fetched');

        const csv = exportCsv('roster', await storeData()).replace('Tom Reed', 'Tom Reid');
        const card = cardOf(await send(manager, 'roster.csv', csv))!;
        const apply = card.actions!.find((a) => a.verb === VERBS.importApply)!;
        const forged = await chat.bot.post(
            cardAction(chair, VERBS.importApply, apply.data, { serviceUrl: chat.connector.url }),
        );
        assert.equal((forged.body as { value: string }).value, NOT_MANAGER_FILE);
        assert.ok((await storeData()).roster.some((e) => e.name === 'Tom Reed'));
    });

    it('refuses a host not on the allow-list, an oversized file, and content that is not what its name says', async () => {
        await start({ FILE_MAX_BYTES: '2048' });
        const before = await partnershipData();
        const [host] = await send(manager, 'roster.csv', 'x', 'https://chat.files.example.invalid/roster.csv');
        assert.match(host.text, /files\.example\.invalid is not one of the hosts/);
        const [plain] = await send(
            manager,
            'roster.csv',
            'x',
            `http://localhost:${new URL(chat.files.url).port}/roster.csv`,
        );
        assert.match(plain.text, /localhost is not one of the hosts/);
        assert.deepEqual(chat.files.requests, [], 'nothing was fetched from a host not on the list');

        const [big] = await send(manager, 'big.csv', `group_id,role,name,email\n${'x'.repeat(4096)}\n`);
        assert.match(big.text, /larger than 2 KB, the most I accept/);
        const [csvAsXlsx] = await send(manager, 'roster.xlsx', 'group_id,role,name,email\n');
        assert.match(csvAsXlsx.text, /named as an Excel workbook but its content is plain text/);
        const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64)]);
        const [image] = await send(manager, 'roster.csv', png);
        assert.match(image.text, /not a spreadsheet/);
        const [docx] = await send(manager, 'notes.xlsx', Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(64)]));
        assert.match(docx.text, /not an Excel workbook I can read/);
        assert.equal(await partnershipData(), before);
    });

    it('sends the roster as a signed link to a workbook that imports back unchanged', async () => {
        await start();
        await chat.bot.post(message(manager, 'send me the roster', { serviceUrl: chat.connector.url }));
        const reply = chat.connector.activities().at(-1) as { text: string };
        const found = /\((http[^)]+\/api\/export\/download\?t=[^)]+)\)/.exec(reply.text)?.[1];
        assert.ok(found, reply.text);
        const link = `${chat.bot.url}${new URL(found).pathname}${new URL(found).search}`;
        const res = await fetch(link);
        assert.equal(res.status, 200);
        const body = Buffer.from(await res.arrayBuffer());
        const book = new ExcelJS.Workbook();
        await book.xlsx.load(body as unknown as ArrayBuffer);
        assert.equal(book.worksheets[0].getRow(1).getCell(1).value, 'group_id');

        const card = cardOf(await send(manager, 'khg-roster.xlsx', body))!;
        assert.match(textOf(card), /would change nothing/);
        assert.equal(card.actions?.some((a) => a.verb === VERBS.importApply) ?? false, false);

        const tampered = await fetch(link.replace(/t=.{5}/, 't=AAAAA'));
        assert.equal(tampered.status, 403);
        const chairAsks = await chat.bot.post(message(chair, 'send me the roster', { serviceUrl: chat.connector.url }));
        assert.equal(chairAsks.status, 200);
        assert.doesNotMatch(JSON.stringify(chat.connector.activities().at(-1)), /api\/export/);
    });

    it('asks which kind a file is when its headings fit two, and previews it as the kind the manager chose', async () => {
        await start();
        const before = await partnershipData();
        // The register with three of the groups' columns beside it: both kinds' headings are there.
        const d = await storeData();
        const csv = registerToCsv(d.protocols)
            .replace(/^([^\r\n]*)/, '$1,name,cadence_months,next_update_due')
            .replace(/,current,/, ',under_review,');
        const choice = cardOf(await send(manager, 'partnership.csv', csv))!;
        assert.match(textOf(choice), /What does partnership\.csv hold\?/);
        const kinds = choice.body
            .flatMap((b) => (b as { actions?: { verb: string; data: { kind: string } }[] }).actions ?? [])
            .filter((a) => a.verb === VERBS.importAs)
            .map((a) => a.data);
        assert.deepEqual(
            kinds.map((k) => k.kind),
            ['register', 'groups'],
        );
        assert.equal(await partnershipData(), before, 'nothing stored before a kind is chosen');

        const forged = await chat.press(manager, VERBS.importAs, { ...kinds[0], kind: 'everything' });
        assert.match(JSON.stringify(forged.body), /not a kind of file I import/);
        const res = await chat.press(manager, VERBS.importAs, kinds[0]);
        const preview = (res.body as { value: SentCard }).value;
        assert.match(textOf(preview), /Import partnership\.csv into the protocol register\?.*Changed \(1\)/);
        assert.match(textOf(preview), /Columns not read: name, cadence_months, next_update_due/);
        await chat.press(manager, VERBS.importApply, actionData(preview, VERBS.importApply));
        assert.equal((await storeData()).protocols.find((p) => p.id === 'reciprocal-scheme')!.status, 'under_review');
    });

    it('sends the register, the groups and the objectives as workbooks that import back unchanged; a link expires after an hour', async () => {
        await start();
        await chat.bot.post(
            message(manager, 'send me the register, the groups and the objectives', { serviceUrl: chat.connector.url }),
        );
        const reply = chat.connector.activities().at(-1) as { text: string };
        const links = [...reply.text.matchAll(/\((http[^)]+\/api\/export\/download\?t=[^)]+)\)/g)].map((m) => {
            const u = new URL(m[1]);
            return `${chat.bot.url}${u.pathname}${u.search}`;
        });
        assert.equal(links.length, 3, reply.text);
        for (const [i, link] of links.entries()) {
            const res = await fetch(link);
            assert.equal(res.status, 200);
            const name = `export-${i}.xlsx`;
            const card = cardOf(await send(manager, name, Buffer.from(await res.arrayBuffer())))!;
            assert.match(textOf(card), /would change nothing/, name);
        }
        clock = new Date(clock.getTime() + 61 * 60_000);
        const expired = await fetch(links[0]);
        assert.equal(expired.status, 410);
        assert.match(await expired.text(), /expired/);
    });

    it('an Apply after the data changed imports nothing and shows a fresh preview', async () => {
        await start();
        const csv = exportCsv('roster', await storeData()).replace('Tom Reed', 'Tom Reid');
        const first = cardOf(await send(manager, 'roster.csv', csv))!;
        const csv2 = exportCsv('roster', await storeData()).replace('Jo Baker', 'Jo Barker');
        const second = cardOf(await send(manager, 'roster-b.csv', csv2))!;
        const apply2 = second.actions!.find((a) => a.verb === VERBS.importApply)!;
        await chat.bot.post(cardAction(manager, VERBS.importApply, apply2.data, { serviceUrl: chat.connector.url }));
        const apply1 = first.actions!.find((a) => a.verb === VERBS.importApply)!;
        const res = await chat.bot.post(
            cardAction(manager, VERBS.importApply, apply1.data, { serviceUrl: chat.connector.url }),
        );
        assert.match(JSON.stringify(res.body), /changed after you were shown this preview/);
        const roster = (await storeData()).roster;
        assert.ok(roster.some((e) => e.name === 'Tom Reed') && roster.some((e) => e.name === 'Jo Barker'));
    });
});
