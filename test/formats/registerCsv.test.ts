/** The register as CSV: reading rows with every problem named by row, merging, and writing it back. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import fc from 'fast-check';
import { storeDataSchema, type Protocol } from '../../src/domain/model.js';
import {
    applyImport,
    describeProblems,
    idFromTitle,
    neutraliseFormula,
    parseRegisterCsv,
    registerToCsv,
    restoreFormula,
} from '../../src/formats/registerCsv.js';
import { sampleData } from '../helpers/fixtures.js';
import { doc } from '../helpers/protocols.js';

const seed = storeDataSchema.parse(
    JSON.parse(fs.readFileSync(new URL('../../data/seed.json', import.meta.url), 'utf8')),
);
const groups = seed.groups;
const HEADER =
    'title,kind,owner_groups,partners,published,last_reviewed,next_review,review_cycle_months,status,status_note,url';

/** A document without what the CSV does not carry (history, evidence and the papers' record). */
const strip = (p: Protocol) => {
    const { history: _h, evidence: _e, reviewers: _r, advisers: _a, paperSays: _p, asAt: _t, keyNote: _k, ...rest } = p;
    return rest;
};

describe('the register as CSV', () => {
    describe('reading a file', () => {
        it('reads the documented columns in any order, resolving owner groups by id, name or short name', () => {
            const csv = [
                'status,title,owner_groups,kind,partners,published,review_cycle_months,next_review,url,extra notes',
                'current,Kent Viability Protocol,KPOG; Kent Homes and Development Group,protocol,Kent Developers;Homes and Communities Agency,2013,,,https://example.com/v.pdf,ignored',
                'under review,Joint protocol for young people,khog;KCC,protocol,KCC,,12,2027-03,,',
            ].join('\n');
            const r = parseRegisterCsv(csv, groups);
            assert.deepEqual(r.problems, []);
            assert.deepEqual(r.ignoredColumns, ['extra notes']);
            const [a, b] = r.rows;
            assert.equal(a.id, 'kent-viability-protocol', 'the id is derived from the title');
            assert.deepEqual(a.ownerGroups, ['kpog', 'khdg']);
            assert.deepEqual(a.partners, ['Kent Developers', 'Homes and Communities Agency']);
            assert.equal(a.published, '2013');
            assert.equal(a.reviewCycleMonths, undefined, "empty cycle: the partnership's default");
            assert.equal(a.url, 'https://example.com/v.pdf');
            assert.equal(b.status, 'under_review');
            assert.deepEqual(b.ownerGroups, ['khog', 'kcc']);
            assert.equal(b.reviewCycleMonths, 12);
            assert.equal(b.nextReview, '2027-03');
            assert.equal(a.row, 2);
            assert.equal(b.row, 3);
        });

        it('a row with no id keeps the id of the existing document with the same title, so its history survives', () => {
            const existing = [doc('krs', { title: 'Kent high priority rehousing reciprocal scheme' })];
            const r = parseRegisterCsv(
                `${HEADER}\nKent High Priority Rehousing Reciprocal Scheme,protocol,khog,,,2020,2021-09,12,current,,`,
                groups,
                existing,
            );
            assert.equal(r.rows[0].id, 'krs');
        });

        it('names every bad row and what is wrong with it, and returns no rows to import', () => {
            const csv = [
                HEADER,
                'Good one,protocol,khog,,2020,,,,current,,',
                ',protocol,khog,,2020,,,,current,,',
                'Bad date,protocol,khog,,2020-13,,2021-02-30,,current,,',
                'Bad group,protocol,Nobody Group,,2020,,,,current,,',
                'Bad cycle and status,protocol,,,,,,-3,lost,,',
                'Bad url,,,,,,,,current,,ftp://x',
                '',
                'Good one,protocol,khog,,2020,,,,current,,',
            ].join('\n');
            const r = parseRegisterCsv(csv, groups);
            const lines = describeProblems(r.problems);
            assert.ok(lines.includes('row 3: the title is empty'), lines.join('\n'));
            assert.ok(lines.some((l) => l.startsWith('row 4: published "2020-13" is not a date')));
            assert.ok(lines.some((l) => l.startsWith('row 4: next_review "2021-02-30" is not a date')));
            assert.ok(
                lines.some((l) =>
                    l.startsWith('row 5: owner_groups names "Nobody Group", which is not a group I know'),
                ),
            );
            assert.ok(lines.some((l) => l.startsWith('row 6: review_cycle_months "-3" must be a whole number')));
            assert.ok(
                lines.some((l) =>
                    l.startsWith('row 6: status "lost" must be one of current, under_review, draft, withdrawn'),
                ),
            );
            assert.ok(lines.some((l) => l.startsWith('row 7: the kind is empty')));
            assert.ok(lines.some((l) => l.startsWith('row 7: url "ftp://x" must start with http')));
            assert.ok(
                lines.some((l) => l.startsWith('row 9: the id "good-one" is also used on row 2')),
                'the blank row 8 still counts',
            );
            assert.ok(!lines.some((l) => l.startsWith('row 2:')), 'the good row has no problem');
        });

        it('refuses a file without the required columns, or without documents, or that is not CSV', () => {
            assert.match(
                describeProblems(parseRegisterCsv('name,kind\nx,protocol', groups).problems)[0],
                /^row 1: the header row has no "title", "status" column/,
            );
            assert.match(describeProblems(parseRegisterCsv(`${HEADER}\n`, groups).problems)[0], /no documents/);
            assert.match(describeProblems(parseRegisterCsv('', groups).problems)[0], /empty/);
            assert.match(
                describeProblems(parseRegisterCsv(`${HEADER}\n"unclosed,protocol`, groups).problems)[0],
                /not valid CSV/,
            );
        });

        it('reads a file saved by a spreadsheet: byte-order mark, CRLF line ends, quoted cells with commas and new lines', () => {
            const csv = `\uFEFF${HEADER}\r\n"Guide, with a comma",guide,Tenancy,,2021-02,,,,current,"Line one\r\nline two",\r\n`;
            const r = parseRegisterCsv(csv, groups);
            assert.deepEqual(r.problems, []);
            assert.equal(r.rows[0].title, 'Guide, with a comma');
            assert.deepEqual(r.rows[0].ownerGroups, ['tenancy-management']);
            assert.equal(r.rows[0].statusNote, 'Line one\r\nline two');
        });
    });

    describe('writing the register', () => {
        it('exports then imports the seed register to the very same register', () => {
            const csv = registerToCsv(seed.protocols);
            const r = parseRegisterCsv(csv, groups, seed.protocols);
            assert.deepEqual(r.problems, []);
            assert.deepEqual(
                r.rows.map(({ row: _r, ...p }) => strip({ history: [], ...p })),
                seed.protocols.map(strip),
            );
            const merged = applyImport(seed.protocols, r.rows, 'test', '2026-11-23T10:00:00.000Z');
            assert.deepEqual(merged.protocols, seed.protocols, 'nothing changed, so no history was added');
            assert.equal(merged.summary.unchanged.length, seed.protocols.length);
        });

        it('round-trips any register the schema allows (property)', () => {
            const text = fc
                .string({ maxLength: 40 })
                .map((s) => s.trim())
                .filter((s) => s.length > 0 && !s.includes(';'));
            const date = fc.oneof(
                fc.constant(undefined),
                fc.integer({ min: 1990, max: 2040 }).map(String),
                fc
                    .date({ min: new Date('1990-01-01'), max: new Date('2040-12-31'), noInvalidDate: true })
                    .map((d) => d.toISOString().slice(0, 7)),
                fc
                    .date({ min: new Date('1990-01-01'), max: new Date('2040-12-31'), noInvalidDate: true })
                    .map((d) => d.toISOString().slice(0, 10)),
            );
            const protocol = fc.record({
                title: text,
                kind: text,
                aliases: fc.array(text, { maxLength: 3 }),
                ownerGroups: fc.subarray(groups.map((g) => g.id)),
                partners: fc.array(text, { maxLength: 3 }),
                published: date,
                lastReviewed: date,
                nextReview: date,
                reviewCycleMonths: fc.option(fc.integer({ min: 1, max: 240 }), { nil: undefined }),
                status: fc.constantFrom('current', 'under_review', 'draft', 'withdrawn' as const),
                statusNote: fc.option(text, { nil: undefined }),
                reviewLead: fc.option(text, { nil: undefined }),
                key: fc.boolean(),
                onWebsite: fc.boolean(),
            });
            fc.assert(
                fc.property(
                    fc.uniqueArray(protocol, { minLength: 1, maxLength: 6, selector: (p) => p.title.toLowerCase() }),
                    (list) => {
                        const register = list.map((p, i) => {
                            const clean = Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined));
                            return doc(`doc-${i}`, clean);
                        });
                        const back = parseRegisterCsv(registerToCsv(register), groups, register);
                        assert.deepEqual(back.problems, []);
                        assert.deepEqual(
                            back.rows.map(({ row: _r, ...p }) => strip({ history: [], ...p })),
                            register.map(strip),
                        );
                    },
                ),
                { numRuns: 150 },
            );
        });

        it('neutralises cells a spreadsheet would run as formulas, and the import restores them', () => {
            const register = [
                doc('f', {
                    title: '=HYPERLINK("http://evil.example","click")',
                    statusNote: '+44 1234',
                    reviewLead: '@someone',
                    kind: "'-minus",
                }),
            ];
            const csv = registerToCsv(register);
            assert.match(csv, /"'=HYPERLINK\(""http:\/\/evil\.example"",""click""\)"/);
            assert.match(csv, /,'\+44 1234,/);
            assert.match(csv, /,'@someone,/);
            assert.match(csv, /,''-minus,/);
            assert.doesNotMatch(csv, /,[=+\-@]/, 'no cell starts with a formula character');
            const back = parseRegisterCsv(csv, groups, register);
            assert.equal(back.rows[0].title, register[0].title);
            assert.equal(back.rows[0].statusNote, '+44 1234');
            assert.equal(back.rows[0].kind, "'-minus");
            for (const cell of ['=1+1', '-2', '+3', '@x', '\tx', "'=x", "''-x", 'plain', "'plain"])
                assert.equal(restoreFormula(neutraliseFormula(cell)), cell);
        });
    });

    describe('merging an import into the register', () => {
        it('replaces the register, keeps the history of surviving ids, records what changed, and lists what went', () => {
            const existing = [
                doc('stays', {
                    published: '2018',
                    history: [{ at: '2026-01-01T00:00:00.000Z', by: 'seed', kind: 'imported' }],
                }),
                doc('changes', {
                    published: '2018',
                    history: [{ at: '2026-01-01T00:00:00.000Z', by: 'seed', kind: 'imported' }],
                }),
                doc('goes'),
            ];
            const csv = registerToCsv([
                doc('stays', { published: '2018' }),
                doc('changes', { published: '2019' }),
                doc('new-one', { published: '2020' }),
            ]);
            const rows = parseRegisterCsv(csv, groups, existing).rows;
            const { protocols, summary } = applyImport(existing, rows, 'Morgan', '2026-11-23T10:00:00.000Z');
            assert.deepEqual(summary, {
                added: ['new-one'],
                changed: ['changes'],
                unchanged: ['stays'],
                removed: ['goes'],
            });
            assert.deepEqual(
                protocols.map((p) => p.id),
                ['stays', 'changes', 'new-one'],
            );
            assert.equal(protocols[0].history.length, 1);
            const changed = protocols[1];
            assert.equal(changed.published, '2019');
            assert.equal(changed.history.length, 2);
            assert.deepEqual(changed.history[1], {
                at: '2026-11-23T10:00:00.000Z',
                by: 'Morgan',
                kind: 'imported',
                note: 'Changed by an import of the register.',
                changes: { published: { from: '2018', to: '2019' } },
            });
            assert.equal(protocols[2].history[0].kind, 'imported');
            assert.ok(storeDataSchema.safeParse(sampleData({ protocols })).success);
        });
    });

    it('derives ids from titles as lower-case words joined by dashes', () => {
        assert.equal(idFromTitle('KHG Pre eviction protocol'), 'khg-pre-eviction-protocol');
        assert.equal(
            idFromTitle('Better Homes: Greater Choice; Kent Social Care & Accommodation'),
            'better-homes-greater-choice-kent-social-care-and-accommodation',
        );
        assert.equal(idFromTitle('Café guide — 2nd edition'), 'cafe-guide-2nd-edition');
        assert.ok(idFromTitle('x'.repeat(200)).length <= 80);
    });
});
