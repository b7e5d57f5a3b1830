/**
 * Spreadsheets through Teams, over HTTP: the manager sends a file (Teams' file.download.info
 * attachment pointing at a local file server standing in for the download URL), gets a preview,
 * applies or cancels it, undoes it; and asks for a spreadsheet back.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import ExcelJS from 'exceljs';
import { VERBS } from '../../src/bot/verbs.js';
import { FILE_DOWNLOAD_INFO, NOT_MANAGER_FILE } from '../../src/bot/routes/files.js';
import { exportCsv } from '../../src/formats/partnershipCsv.js';
import { registerToCsv } from '../../src/formats/registerCsv.js';
import type { StoreData } from '../../src/domain/model.js';
import { AuditTrail } from '../../src/services/audit.js';
import { csvToXlsx } from '../../src/formats/spreadsheet.js';
import { openStore } from '../../src/store/store.js';
import { cardAction, message, type Sender } from '../helpers/activities.js';
import { startBot, type BotUnderTest } from '../helpers/botServer.js';
import { FakeConnector } from '../helpers/fakeConnector.js';
import { IDS, sampleData } from '../helpers/fixtures.js';

const manager: Sender = { id: '29:manager', name: 'Morgan Ellis', aadObjectId: IDS.manager };
const chair: Sender = { id: '29:tom', name: 'Tom Reed', aadObjectId: IDS.chair };

/** A local server standing in for the download URL Teams gives the bot; it records every request. */
class FileServer {
    readonly files = new Map<string, Buffer>();
    readonly requests: string[] = [];
    private server?: http.Server;
    url = '';
    async start(): Promise<this> {
        this.server = http.createServer((req, res) => {
            this.requests.push(req.url ?? '');
            const body = this.files.get(req.url ?? '');
            if (!body) {
                res.writeHead(404).end();
                return;
            }
            res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': body.length });
            res.end(body);
        });
        await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
        this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
        return this;
    }
    stop(): Promise<void> {
        return new Promise((r) => this.server?.close(() => r()));
    }
}

describe('spreadsheets through Teams', () => {
    let connector: FakeConnector;
    let files: FileServer;
    let bot: BotUnderTest;
    const now = new Date('2026-11-30T10:00:00Z');

    const start = async (env: Record<string, string> = {}, data: StoreData = sampleData()) => {
        bot = await startBot({
            data,
            clock: () => now,
            env: { FILE_DOWNLOAD_HOSTS: `127.0.0.1:${new URL(files.url).port}`, ...env },
        });
    };
    beforeEach(async () => {
        connector = await new FakeConnector().start();
        files = await new FileServer().start();
    });
    afterEach(async () => {
        await bot?.stop();
        await files.stop();
        await connector.stop();
    });

    const fileMessage = (from: Sender, name: string, downloadUrl: string, fileType = name.split('.').pop()!) => ({
        ...message(from, '', { serviceUrl: connector.url }),
        text: undefined,
        attachments: [
            {
                contentType: FILE_DOWNLOAD_INFO,
                name,
                contentUrl: downloadUrl,
                content: { downloadUrl, uniqueId: 'u1', fileType },
            },
        ],
    });

    /** Sends a file and waits for the bot's answer after "Reading ...": a card or a message. */
    async function send(from: Sender, name: string, body: Buffer | string | undefined, url?: string) {
        if (body !== undefined) files.files.set(`/${name}`, Buffer.from(body));
        const before = connector.activities().length;
        await bot.post(fileMessage(from, name, url ?? `${files.url}/${name}`));
        const reading = connector.activities().slice(before);
        if (!reading.some((a: { text?: string }) => a.text?.startsWith('Reading'))) return reading;
        await connector.waitFor(
            (c) => c.kind === 'send' || (c.kind === 'reply' && connector.activities().length > before + 1),
        );
        return connector.activities().slice(before + 1);
    }

    const cardOf = (activities: { attachments?: { content: Record<string, unknown> }[] }[]) =>
        activities.find((a) => a.attachments?.length)?.attachments?.[0].content as
            | {
                  body: { text?: string; items?: { text?: string }[] }[];
                  actions?: { verb: string; data: Record<string, string> }[];
              }
            | undefined;
    const textOf = (card: unknown) => JSON.stringify(card);
    const storeData = async () => (await openStore({ file: bot.storeFile })).read();
    /** The partnership's data an import could change (the bot also saves people's chats as they write). */
    const partnershipData = async () => {
        const d = await storeData();
        return JSON.stringify([d.protocols, d.groups, d.roster, d.objectives]);
    };

    it('previews a roster CSV by name, applies it on Apply with the audit trail naming the file, and undoes it', async () => {
        await start();
        const csv = exportCsv('roster', await storeData())
            .replace('Tom Reed', 'Tom Reid')
            .concat('khog,member,New Member,new.member@example.com,\n');
        const answer = await send(manager, 'roster.csv', csv);
        const card = cardOf(answer)!;
        assert.match(textOf(card), /Import roster\.csv into the roster\?/);
        assert.match(textOf(card), /Added \(1\)/);
        assert.match(textOf(card), /New Member, member of Kent Housing Options Group/);
        assert.match(textOf(card), /Changed \(1\)/);
        assert.match(textOf(card), /Tom Reid.*: name/);
        assert.equal(
            (await storeData()).roster.some((e) => e.name === 'New Member'),
            false,
            'nothing stored before Apply',
        );

        const apply = card.actions!.find((a) => a.verb === VERBS.importApply)!;
        const res = await bot.post(cardAction(manager, VERBS.importApply, apply.data, { serviceUrl: connector.url }));
        assert.match(JSON.stringify(res.body), /Imported roster\.csv into the roster/);
        const after = await storeData();
        assert.ok(after.roster.some((e) => e.name === 'New Member'));
        assert.ok(after.roster.some((e) => e.name === 'Tom Reid'));

        const store = await openStore({ file: bot.storeFile });
        const [entry] = await new AuditTrail(store).find({}, now);
        assert.equal(entry.file, 'roster.csv');
        assert.equal(entry.by.email, 'morgan.ellis@example.com');
        assert.equal(entry.action, 'import.roster');

        // Pressing Apply again imports nothing twice.
        const again = await bot.post(cardAction(manager, VERBS.importApply, apply.data, { serviceUrl: connector.url }));
        assert.match(JSON.stringify(again.body), /already been imported/);

        const undoData = (
            res.body as { value: { actions: { verb: string; data: Record<string, string> }[] } }
        ).value.actions.find((a) => a.verb === VERBS.importUndo)!.data;
        const undone = await bot.post(cardAction(manager, VERBS.importUndo, undoData, { serviceUrl: connector.url }));
        assert.match(JSON.stringify(undone.body), /Import undone/);
        const back = await storeData();
        assert.equal(
            back.roster.some((e) => e.name === 'New Member'),
            false,
        );
        assert.ok(back.roster.some((e) => e.name === 'Tom Reed'));
        assert.deepEqual(
            (await new AuditTrail(await openStore({ file: bot.storeFile })).find({}, now)).map((e) => e.action),
            ['undo.import', 'import.roster'],
        );
    });

    it('previews and applies each kind: groups and the register as .xlsx, objectives as CSV', async () => {
        await start();
        const d = (await storeData()) as StoreData;
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
            const res = await bot.post(
                cardAction(manager, VERBS.importApply, apply.data, { serviceUrl: connector.url }),
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
        const res = await bot.post(cardAction(manager, VERBS.importCancel, cancel.data, { serviceUrl: connector.url }));
        assert.match(JSON.stringify(res.body), /was not imported/);
        const apply = card.actions!.find((a) => a.verb === VERBS.importApply)!;
        const late = await bot.post(cardAction(manager, VERBS.importApply, apply.data, { serviceUrl: connector.url }));
        assert.match(JSON.stringify(late.body), /cancelled/);
        assert.equal(await partnershipData(), before);
    });

    it("refuses anyone else's file without fetching it, and anyone else's Apply", async () => {
        await start();
        const [answer] = await send(chair, 'roster.csv', 'group_id,role,name,email\n');
        assert.equal(answer.text, NOT_MANAGER_FILE);
        assert.deepEqual(files.requests, [], 'nothing was fetched');

        const csv = exportCsv('roster', await storeData()).replace('Tom Reed', 'Tom Reid');
        const card = cardOf(await send(manager, 'roster.csv', csv))!;
        const apply = card.actions!.find((a) => a.verb === VERBS.importApply)!;
        const forged = await bot.post(cardAction(chair, VERBS.importApply, apply.data, { serviceUrl: connector.url }));
        assert.equal((forged.body as { value: string }).value, NOT_MANAGER_FILE);
        assert.ok((await storeData()).roster.some((e) => e.name === 'Tom Reed'));
    });

    it('refuses a host not on the allow-list, an oversized file, and content that is not what its name says', async () => {
        await start({ FILE_MAX_BYTES: '2048' });
        const before = await partnershipData();
        const [host] = await send(manager, 'roster.csv', 'x', 'https://files.example.invalid/roster.csv');
        assert.match(host.text, /files\.example\.invalid is not one of the hosts/);
        const [plain] = await send(
            manager,
            'roster.csv',
            'x',
            `http://localhost:${new URL(files.url).port}/roster.csv`,
        );
        assert.match(plain.text, /localhost is not one of the hosts/);
        assert.deepEqual(files.requests, [], 'nothing was fetched from a host not on the list');

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
        await bot.post(message(manager, 'send me the roster', { serviceUrl: connector.url }));
        const reply = connector.activities().at(-1) as { text: string };
        const found = /\((http[^)]+\/api\/export\/download\?t=[^)]+)\)/.exec(reply.text)?.[1];
        assert.ok(found, reply.text);
        const link = `${bot.url}${new URL(found).pathname}${new URL(found).search}`;
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
        const chairAsks = await bot.post(message(chair, 'send me the roster', { serviceUrl: connector.url }));
        assert.equal(chairAsks.status, 200);
        assert.doesNotMatch(JSON.stringify(connector.activities().at(-1)), /api\/export/);
    });

    it('an Apply after the data changed imports nothing and shows a fresh preview', async () => {
        await start();
        const csv = exportCsv('roster', await storeData()).replace('Tom Reed', 'Tom Reid');
        const first = cardOf(await send(manager, 'roster.csv', csv))!;
        const csv2 = exportCsv('roster', await storeData()).replace('Jo Baker', 'Jo Barker');
        const second = cardOf(await send(manager, 'roster-b.csv', csv2))!;
        const apply2 = second.actions!.find((a) => a.verb === VERBS.importApply)!;
        await bot.post(cardAction(manager, VERBS.importApply, apply2.data, { serviceUrl: connector.url }));
        const apply1 = first.actions!.find((a) => a.verb === VERBS.importApply)!;
        const res = await bot.post(cardAction(manager, VERBS.importApply, apply1.data, { serviceUrl: connector.url }));
        assert.match(JSON.stringify(res.body), /changed after you were shown this preview/);
        const roster = (await storeData()).roster;
        assert.ok(roster.some((e) => e.name === 'Tom Reed') && roster.some((e) => e.name === 'Jo Barker'));
    });
});
