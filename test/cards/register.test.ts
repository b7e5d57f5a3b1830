/** The register's cards: what they show, who sees the forms, and that they stay small for a large register. */
import assert from 'node:assert/strict';
import { cardBytes, type AdaptiveCardJson } from '../../src/cards/render.js';
import {
    createChoiceCard,
    createDueCard,
    createProtocolCard,
    PAGE_ROWS,
    SUMMARY_ROWS,
} from '../../src/cards/register.js';
import type { Protocol } from '../../src/domain/model.js';
import { assessProtocol, dueReport, type RegisterOptions } from '../../src/domain/register.js';
import { sampleData } from '../helpers/fixtures.js';
import { bigRegister, doc } from '../helpers/protocols.js';
import { cardText } from '../helpers/cards.js';

/** A register with the manager's review-cycle policy set (36 months), so that dated documents fall due. */
const OPTIONS: RegisterOptions = { zone: 'Europe/London', dueSoonDays: 90, policyCycleMonths: 36, confirmedMonths: 12 };
const NO_POLICY: RegisterOptions = { zone: 'Europe/London', dueSoonDays: 90, confirmedMonths: 12 };
const NOW = new Date('2026-11-23T10:00:00Z');
const data = sampleData();
const groups = data.groups;
/** Teams refuses a message over about 100 KB; we keep every card under 80 KB. */
const LIMIT = 80 * 1024;

/** Every Action.Execute in a card, with its verb and data. */
function executes(card: unknown): { title?: string; verb: string; data: Record<string, unknown> }[] {
    const out: { title?: string; verb: string; data: Record<string, unknown> }[] = [];
    const walk = (n: unknown) => {
        if (Array.isArray(n)) n.forEach(walk);
        else if (n && typeof n === 'object') {
            const o = n as Record<string, unknown>;
            if (o.type === 'Action.Execute')
                out.push({ title: o.title as string, verb: o.verb as string, data: o.data as Record<string, unknown> });
            Object.values(o).forEach(walk);
        }
    };
    walk(card);
    return out;
}

const ids = (card: AdaptiveCardJson) =>
    executes(card)
        .filter((a) => a.verb === 'protocols.show')
        .map((a) => a.data.id as string);

describe('the register cards', () => {
    describe('the due list for a 500-document register', () => {
        const register = bigRegister(
            500,
            groups.map((g) => g.id),
        );
        const report = dueReport(register, NOW, OPTIONS);
        const ctx = { groups, scope: '', dueSoonDays: 90, today: '2026-11-23', confirmedMonths: 12 };

        it(`fits in one message: the summary shows the first ${SUMMARY_ROWS} of each section and how many more`, () => {
            const card = createDueCard(report, ctx);
            const bytes = cardBytes(card);
            assert.ok(bytes < LIMIT, `summary card is ${bytes} bytes`);
            const passed = report.sections.date_passed;
            assert.ok(passed.length > SUMMARY_ROWS, 'the register has more past their date than one summary shows');
            const text = cardText(card);
            assert.match(
                text,
                new RegExp(`A review date on record has passed \\(${passed.length}\\): showing 1 to ${SUMMARY_ROWS}`),
            );
            assert.match(text, new RegExp(`…and ${passed.length - SUMMARY_ROWS} more with a date passed\\.`));
            assert.match(text, new RegExp(`^${passed.length}$`, 'm'), 'the count at the top');
            assert.match(text, /The partnership's review cycle for documents that state none: 36 months\./);
            const more = executes(card).find((a) => a.verb === 'protocols.page' && a.data.section === 'date_passed');
            assert.ok(more, 'a button to see the rest');
            assert.equal(more.title, `See all ${passed.length} with a date passed`);
        });

        it(`pages through a section ${PAGE_ROWS} at a time, each page in one message, every document once`, () => {
            const seen: string[] = [];
            let page = { section: 'date_passed' as const, offset: 0 };
            let biggest = 0;
            for (let i = 0; i < 100; i++) {
                const card = createDueCard(report, ctx, page);
                biggest = Math.max(biggest, cardBytes(card));
                const shown = ids(card);
                assert.ok(shown.length <= PAGE_ROWS);
                seen.push(...shown);
                const next = executes(card).find(
                    (a) =>
                        a.verb === 'protocols.page' &&
                        a.data.section === 'date_passed' &&
                        (a.data.offset as number) > page.offset,
                );
                if (!next) break;
                page = { section: 'date_passed', offset: next.data.offset as number };
            }
            assert.ok(biggest < LIMIT, `largest page is ${biggest} bytes`);
            assert.deepEqual(
                seen,
                report.sections.date_passed.map((s) => s.protocol.id),
            );
        });

        it('a worst-case document card (long notes in a long history) also fits', () => {
            const p = register[3];
            p.history = Array.from({ length: 40 }, (_, i) => ({
                at: '2026-01-01T00:00:00.000Z',
                by: `someone${i}@example.com`,
                kind: 'note' as const,
                note: 'n'.repeat(4000),
            }));
            const card = createProtocolCard(assessProtocol(p, '2026-11-23', '2027-02-21', 36), {
                groups,
                roster: data.roster,
                zone: OPTIONS.zone,
                today: '2026-11-23',
                confirmedMonths: 12,
                canEdit: true,
                policyCycleMonths: 36,
            });
            assert.ok(cardBytes(card) < LIMIT, `document card is ${cardBytes(card)} bytes`);
            assert.match(cardText(card), /…and 34 earlier entries\./);
        });
    });

    it('with no review-cycle policy, a dated document with no evidence is "Nothing recorded", never overdue', () => {
        const report = dueReport(
            [
                doc('undated', { title: 'Undated guide', ownerGroups: ['khog'] }),
                doc('old', { title: 'Old guide', published: '2010' }),
            ],
            NOW,
            NO_POLICY,
        );
        const card = createDueCard(report, {
            groups,
            scope: '',
            dueSoonDays: 90,
            today: '2026-11-23',
            confirmedMonths: 12,
        });
        const text = cardText(card);
        assert.match(text, /Nothing recorded \(2\)\nNo review date on record and no evidence either way\./);
        assert.match(text, /\*\*Old guide\*\*\nNothing recorded about whether it needs review\n/);
        assert.match(text, /The partnership has set no review cycle/);
        assert.doesNotMatch(text, /[Oo]verdue/);
    });

    describe('one document', () => {
        const krs: Protocol = doc('reciprocal-scheme', {
            title: 'Kent high priority rehousing reciprocal scheme',
            aliases: ['KRS'],
            ownerGroups: ['khog'],
            partners: ['KCC'],
            lastReviewed: '2020',
            nextReview: '2021-09',
            reviewCycleMonths: 12,
            url: 'https://example.com/krs.pdf',
            asAt: { at: '2022', source: 'paper', by: 'the paper on the documents on the KHG website' },
            evidence: [
                {
                    kind: 'stated_review',
                    who: 'the scheme itself',
                    text: 'This Protocol will be reviewed in September 2021.',
                    recorded: { at: '2020', source: 'paper', by: 'the KRS joint statement' },
                    statedDate: '2021-09',
                    cycleMonths: 12,
                    cycleText: 'annually, at a local-authority-only KHOG meeting',
                },
                {
                    kind: 'flagged_due',
                    who: 'the KHG website',
                    text: 'The website indicates it is due for review now.',
                    recorded: { at: '2022', source: 'paper', by: 'the paper on the documents on the KHG website' },
                },
            ],
            history: [
                { at: '2026-11-01T09:00:00.000Z', by: 'seed', kind: 'imported', note: 'From the register paper.' },
                {
                    at: '2026-11-20T15:00:00.000Z',
                    by: 'morgan.ellis@example.com',
                    kind: 'note',
                    note: 'KHOG to discuss in January',
                },
            ],
        });
        const card = (canEdit: boolean) =>
            createProtocolCard(assessProtocol(krs, '2026-11-23', '2027-02-21'), {
                groups,
                roster: data.roster,
                zone: 'Europe/London',
                today: '2026-11-23',
                confirmedMonths: 12,
                canEdit,
            });

        it('shows owners, partners, its evidence with sources and dates, the as-at, history (newest first, by name) and the link', () => {
            const c = card(false);
            const text = cardText(c);
            assert.match(text, /Kent Housing Options Group/);
            assert.match(text, /KCC/);
            assert.match(text, /Last reviewed\n2020/);
            assert.match(text, /Review date\nIts stated review date, Sept 2021, has passed/);
            assert.match(text, /Review cycle\n12 months \(stated for this document\)/);
            assert.match(
                text,
                /It states its own review: Sept 2021, then annually, at a local-authority-only KHOG meeting \(recorded in the KRS joint statement, 2020; not confirmed since 2020\)/,
            );
            assert.match(
                text,
                /Flagged as due for review by the KHG website: "The website indicates it is due for review now\." \(recorded in the paper on the documents on the KHG website, 2022; not confirmed since 2022\)/,
            );
            assert.match(
                text,
                /Record as at\nrecorded in the paper on the documents on the KHG website, 2022 \(not confirmed since 2022\)/,
            );
            assert.doesNotMatch(text, /[Oo]verdue (for|by) \d/);
            assert.match(text, /Current/);
            assert.ok(
                text.indexOf('Morgan Ellis: Note: KHOG to discuss in January') <
                    text.indexOf('the starting register: Imported'),
                'newest first',
            );
            assert.match(text, /20 Nov 2026, Morgan Ellis/);
            const link = /"type":"Action.OpenUrl","title":"Open the document","url":"([^"]+)"/.exec(JSON.stringify(c));
            assert.equal(link?.[1], 'https://example.com/krs.pdf');
        });

        it('gives the partnership manager the four change forms and no one else any', () => {
            assert.deepEqual(
                executes(card(true)).map((a) => a.verb),
                ['register.markReviewed', 'register.startReview', 'register.setStatus', 'register.addNote'],
            );
            assert.ok(executes(card(true)).every((a) => a.data.id === 'reciprocal-scheme'));
            assert.deepEqual(executes(card(false)), []);
            assert.doesNotMatch(JSON.stringify(card(false)), /Input\./);
        });
    });

    it('a choice card offers one button per candidate, each opening that document', () => {
        const c = createChoiceCard(
            'better homes',
            [doc('a', { title: 'Better Homes A' }), doc('b', { title: 'Better Homes B', ownerGroups: ['khog'] })],
            groups,
        );
        assert.match(cardText(c), /More than one document matches "better homes"/);
        const buttons = executes(c).filter((a) => a.title);
        assert.deepEqual(
            buttons.filter((a) => a.title !== 'Open').map((a) => [a.title, a.verb, a.data.id]),
            [
                ['Better Homes A', 'protocols.show', 'a'],
                ['Better Homes B', 'protocols.show', 'b'],
            ],
        );
    });
});
