import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { createBoardPaper } from '../../src/digest/boardPaper.js';
import { firstLines, ragMovement, reminderLines, type Digest } from '../../src/domain/digest.js';
import { LinkSigner } from '../../src/digest/links.js';
import { digestMarkdown } from '../../src/formats/digestMarkdown.js';
import { createWorkbook, safeCell } from '../../src/formats/digestWorkbook.js';

/** Reads the workbook back with the library that wrote it. */
async function load(book: ExcelJS.Workbook) {
    await book.xlsx.load((await createWorkbook(digest())) as unknown as ArrayBuffer);
}

const longText =
    'We surveyed 400 homes.\n\nYear\t2024\t2025\nHomes\t120\t280\n\nNext: retrofit pilot with the energy partnership.';

function digest(): Digest {
    return {
        period: '2026-12',
        label: 'December 2026',
        round: { id: '2026-12', kind: 'month', label: 'December 2026' },
        updates: [],
        generatedAt: '2027-01-05T10:00:00.000Z',
        scope: [],
        reported: 1,
        expected: 2,
        missing: [
            {
                groupId: 'psh',
                groupName: 'Private Sector Housing',
                period: '2026-12',
                periodLabel: 'December 2026 update',
                due: '2026-12-18',
                late: true,
                chairs: ['Tom Reed'],
                people: [{ name: 'Tom Reed', role: 'chair' }],
                reminders: [{ step: 'before-14', at: '2026-12-04T09:00:00Z', outcome: 'sent', to: 'Tom Reed' }],
            },
        ],
        objectives: [
            {
                ref: 'HW9',
                theme: 'HW',
                themeName: 'Health and Wellbeing',
                text: 'Ensure housing is resilient to future changes in climate',
                entries: [
                    {
                        groupId: 'am',
                        groupName: 'Asset Management',
                        contribution: 'For existing social housing',
                        rag: 'green',
                        previousRag: 'amber',
                        text: longText,
                        noChange: false,
                        submittedBy: 'Priya Shah',
                        submittedAt: '2026-12-10T18:30:00.000Z',
                        onBehalf: false,
                        milestones: [
                            {
                                id: 'asset-management-1',
                                ref: 'HW9',
                                groupId: 'asset-management',
                                description: 'Stock condition survey of overheating risk',
                                outcomes: '',
                                lead: 'Asset Management',
                                timescale: 'March 2027',
                                target: '2027-03',
                                ongoing: false,
                                state: 'slipped',
                                newTarget: '2027-06',
                                stateAssumed: false,
                                update: '',
                                updateLabel: '',
                                history: [],
                            },
                        ],
                    },
                ],
                missing: ['Private Sector Housing'],
            },
        ],
        matters: [
            {
                groupName: 'Asset Management',
                text: '=HYPERLINK("http://evil.example.com","click")',
                concerns: ['Private Sector Housing'],
                submittedBy: 'Priya Shah',
            },
        ],
        gaps: [
            {
                ref: 'A8',
                themeName: 'Affordability',
                text: 'Challenge the stigma associated with regards to social or affordable housing',
            },
        ],
        helpRequests: [
            {
                groupName: 'Asset Management',
                ref: 'HW9',
                from: 'the Board',
                need: 'A steer on whether to fund a county-wide overheating study',
                period: '2026-12',
                raisedBy: 'Priya Shah',
            },
        ],
        matrix: {
            groups: [
                { id: 'asset-management', name: 'Asset Management' },
                { id: 'private-sector-housing', name: 'Private Sector Housing' },
            ],
            rows: [
                {
                    ref: 'HW9',
                    theme: 'HW',
                    themeName: 'Health and Wellbeing',
                    text: 'Ensure housing is resilient to future changes in climate',
                    cells: ['For existing social housing', 'For existing private sector homes'],
                    others: [],
                    gap: false,
                },
                {
                    ref: 'A8',
                    theme: 'A',
                    themeName: 'Affordability',
                    text: 'Challenge the stigma associated with regards to social or affordable housing',
                    cells: [undefined, undefined],
                    others: [],
                    gap: true,
                },
            ],
            gaps: 1,
        },
        register: {
            headline: '5 due on the evidence (1 with a review date passed), 6 under review.',
            top: [
                {
                    title: 'Kent Planning Protocol',
                    state: 'Flagged as due for review by the KHG website',
                    why: '2nd on the evidence: flagged as due for review',
                },
            ],
            rows: [
                {
                    title: '+SUM(A1)',
                    owners: 'KPOG',
                    state: 'overdue',
                    due: '2019-12',
                    lastReviewed: '2016',
                    status: 'current',
                    note: '',
                },
            ],
        },
    };
}

describe('the digest', () => {
    it('RAG movement compares with the previous period', () => {
        assert.equal(ragMovement('green', 'amber'), 'improved');
        assert.equal(ragMovement('red', 'amber'), 'worse');
        assert.equal(ragMovement('amber', 'amber'), 'same');
        assert.equal(ragMovement('amber', undefined), '');
        assert.equal(ragMovement('not_rated', 'red'), '');
    });

    it('first lines keep a card readable: cut at a word, marked with an ellipsis', () => {
        assert.equal(firstLines('One.\nTwo.\nThree.\nFour.', 2), 'One.\nTwo.…');
        assert.equal(firstLines('short'), 'short');
        const cut = firstLines('word '.repeat(100), 3, 50);
        assert.ok(cut.length <= 51 && cut.endsWith('…') && !cut.includes('wor…'));
    });

    describe('the workbook', () => {
        it('re-read with the same library, it holds every submitted text and every sheet', async () => {
            const book = new ExcelJS.Workbook();
            await load(book);
            assert.deepEqual(
                book.worksheets.map((w) => w.name),
                [
                    'Progress',
                    'Not reported',
                    'Cross-group matters',
                    'Objectives',
                    'Milestones',
                    'Help requested',
                    'Register',
                ],
            );
            const progress = book.getWorksheet('Progress')!;
            assert.deepEqual((progress.getRow(1).values as unknown[]).slice(1), [
                'Theme',
                'Ref',
                'Objective',
                'Group',
                'Contribution',
                'RAG',
                'Since last period',
                'Action this period or planned action',
                'Other matters',
                'Submitted by',
                'Submitted at',
            ]);
            const row = progress.getRow(2);
            assert.equal(row.getCell(8).value, longText);
            assert.equal(row.getCell(6).value, 'green');
            assert.equal(row.getCell(7).value, 'improved');
            assert.equal(book.getWorksheet('Not reported')!.getRow(2).getCell(1).value, 'Private Sector Housing');
        });

        it('has the objective matrix: a column per group, its contribution in the cell, the gaps marked', async () => {
            const book = new ExcelJS.Workbook();
            await load(book);
            const ws = book.getWorksheet('Objectives')!;
            assert.deepEqual((ws.getRow(1).values as unknown[]).slice(1), [
                'Theme',
                'Ref',
                'Objective',
                'Asset Management',
                'Private Sector Housing',
                'Other contributors',
                'Groups contributing',
            ]);
            assert.equal(ws.getRow(2).getCell(4).value, 'For existing social housing');
            assert.equal(ws.getRow(2).getCell(7).value, '2');
            assert.equal(ws.getRow(3).getCell(2).value, 'A8');
            assert.equal(ws.getRow(3).getCell(4).value, '');
            assert.equal(ws.getRow(3).getCell(7).value, 'GAP: none');
            const ms = book.getWorksheet('Milestones')!;
            assert.equal(ms.getRow(2).getCell(3).value, 'Stock condition survey of overheating risk');
            assert.equal(ms.getRow(2).getCell(6).value, 'slipped to Jun 2027');
            assert.equal(ms.getRow(2).getCell(7).value, 'Slipped');
            assert.equal(book.getWorksheet('Help requested')!.getRow(2).getCell(3).value, 'the Board');
        });

        it('is ready to circulate: header frozen, long text wrapped, columns sized', async () => {
            const book = new ExcelJS.Workbook();
            await load(book);
            const ws = book.getWorksheet('Progress')!;
            assert.equal(ws.views[0].state, 'frozen');
            assert.equal((ws.views[0] as { ySplit?: number }).ySplit, 1);
            assert.equal(ws.getRow(2).getCell(8).alignment?.wrapText, true);
            assert.ok((ws.getColumn(8).width ?? 0) >= 60);
        });

        it('never writes a cell a spreadsheet would run as a formula', async () => {
            const book = new ExcelJS.Workbook();
            await load(book);
            const values: unknown[] = [];
            book.eachSheet((ws) => ws.eachRow((r) => r.eachCell((c) => values.push(c.value))));
            assert.ok(values.every((v) => typeof v !== 'object' || v === null || !('formula' in v)));
            assert.ok(
                values.every((v) => typeof v !== 'string' || !/^[=+\-@]/.test(v)),
                'every formula-like text is neutralised',
            );
            assert.ok(values.includes(`'=HYPERLINK("http://evil.example.com","click")`));
            assert.equal(safeCell('-1'), "'-1");
            assert.equal(safeCell('plain'), 'plain');
        });
    });

    describe('download links', () => {
        const signer = new LinkSigner('a-test-secret');
        const claims = { period: '2026-12', by: 'morgan.ellis@example.com', exp: 2_000 };
        it('a signed link verifies until it expires', () => {
            const t = signer.sign(claims);
            assert.deepEqual(signer.verify(t, 1_999), { ok: true, claims });
            assert.deepEqual(signer.verify(t, 2_000), { ok: false, reason: 'expired' });
        });
        it('a tampered link is refused', () => {
            const t = signer.sign(claims);
            const [body, mac] = t.split('.');
            const forged = Buffer.from(JSON.stringify({ ...claims, exp: 9e15 })).toString('base64url');
            assert.deepEqual(signer.verify(`${forged}.${mac}`, 0), { ok: false, reason: 'tampered' });
            assert.deepEqual(signer.verify(`${body}.${mac.slice(0, -2)}AA`, 0), { ok: false, reason: 'tampered' });
            assert.deepEqual(new LinkSigner('another-secret').verify(t, 0), { ok: false, reason: 'tampered' });
            assert.deepEqual(signer.verify('garbage', 0), { ok: false, reason: 'malformed' });
        });
    });

    it('the Board paper lists the open requests for help and the objectives no group has taken on', async function () {
        this.timeout(30_000);
        const d = digest();
        const xml = await (await JSZip.loadAsync(await createBoardPaper(d))).file('word/document.xml')!.async('string');
        const text = xml.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
        for (const h of d.helpRequests) {
            assert.ok(text.includes(h.need), `the paper names the request: ${h.need}`);
            assert.ok(text.includes(h.groupName));
        }
        for (const g of d.gaps)
            assert.ok(text.includes(`${g.ref} (${g.themeName}): ${g.text}`), `the paper names the gap ${g.ref}`);
    });

    it('the Markdown summary reads as a Board paper section and escapes what people wrote', () => {
        const md = digestMarkdown(digest());
        assert.match(md, /^# KHG progress digest: December 2026/);
        assert.match(md, /1 of 2 groups has reported\./);
        assert.match(
            md,
            /\*\*Private Sector Housing\*\* \(December 2026 update, late, was due 2026-12-18; chair Tom Reed\): 1 reminder delivered, last on 4 Dec 2026 to Tom Reed/,
        );
        assert.match(md, /## Health and Wellbeing/);
        assert.match(md, /\*\*Asset Management\*\* \(For existing social housing\): Green \(improved\)/);
        assert.match(md, /> We surveyed 400 homes\./);
        assert.match(md, /## Objectives no group has taken on\n\n- \*\*A8\*\* \(Affordability\)/);
        assert.match(md, /- Slipped: Stock condition survey of overheating risk \(slipped to Jun 2027\)/);
        assert.match(md, /## Help requested by the groups\n\n- \*\*Asset Management\*\*, HW9, from the Board: A steer/);
        assert.match(md, /5 due on the evidence \(1 with a review date passed\), 6 under review\./);
        assert.match(md, /=HYPERLINK\("http:\/\/evil\.example\.com","click"\)/);
    });
});

describe('the reminders tried for a missing group, in words', () => {
    it('says each day, person and outcome once, with how many times, and no code words or ISO dates', () => {
        const at = '2026-11-30T09:00:00.000Z';
        const dana = { at, to: 'Dana Whitfield', outcome: 'notInstalled', step: 'chase' };
        const lines = reminderLines([dana, dana, dana, { ...dana, outcome: 'sent', at: '2026-12-01T09:00:00.000Z' }]);
        assert.deepEqual(lines, [
            '30 Nov 2026: the bot is not installed for Dana Whitfield (3 times)',
            '1 Dec 2026: delivered to Dana Whitfield',
        ]);
    });
});
