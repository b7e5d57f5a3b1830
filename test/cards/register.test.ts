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

const OPTIONS: RegisterOptions = { zone: 'Europe/London', dueSoonDays: 90, defaultCycleMonths: 36 };
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
        const ctx = { groups, scope: '', dueSoonDays: 90 };

        it(`fits in one message: the summary shows the first ${SUMMARY_ROWS} of each section and how many more`, () => {
            const card = createDueCard(report, ctx);
            const bytes = cardBytes(card);
            assert.ok(bytes < LIMIT, `summary card is ${bytes} bytes`);
            assert.ok(report.overdue.length > SUMMARY_ROWS, 'the register has more overdue than one summary shows');
            const text = cardText(card);
            assert.match(text, new RegExp(`Overdue \\(${report.overdue.length}\\): showing 1 to ${SUMMARY_ROWS}`));
            assert.match(text, new RegExp(`…and ${report.overdue.length - SUMMARY_ROWS} more overdue\\.`));
            assert.match(text, new RegExp(`^${report.overdue.length}$`, 'm'), 'the count at the top');
            const more = executes(card).find((a) => a.verb === 'protocols.page' && a.data.section === 'overdue');
            assert.ok(more, 'a button to see the rest');
            assert.equal(more.title, `See all ${report.overdue.length} overdue`);
        });

        it(`pages through a section ${PAGE_ROWS} at a time, each page in one message, every document once`, () => {
            const seen: string[] = [];
            let page = { section: 'overdue' as const, offset: 0 };
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
                        a.data.section === 'overdue' &&
                        (a.data.offset as number) > page.offset,
                );
                if (!next) break;
                page = { section: 'overdue', offset: next.data.offset as number };
            }
            assert.ok(biggest < LIMIT, `largest page is ${biggest} bytes`);
            assert.deepEqual(
                seen,
                report.overdue.map((s) => s.protocol.id),
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
                canEdit: true,
                defaultCycleMonths: 36,
            });
            assert.ok(cardBytes(card) < LIMIT, `document card is ${cardBytes(card)} bytes`);
            assert.match(cardText(card), /…and 34 earlier entries\./);
        });
    });

    it('lists a current document with no date under "No known date", as needing one', () => {
        const report = dueReport(
            [doc('undated', { title: 'Undated guide', ownerGroups: ['khog'] }), doc('late', { published: '2010' })],
            NOW,
            OPTIONS,
        );
        const card = createDueCard(report, { groups, scope: '', dueSoonDays: 90 });
        const text = cardText(card);
        assert.match(
            text,
            /No known date \(1\)\nNothing on record says when these were written or reviewed: each needs a date\./,
        );
        assert.match(text, /\*\*Undated guide\*\*\nNo date on record: it needs one to know when it is due/);
        assert.match(text, /Need a date/);
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
            statusNote: 'The website indicates it is due for review now.',
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
            createProtocolCard(assessProtocol(krs, '2026-11-23', '2027-02-21', 36), {
                groups,
                roster: data.roster,
                zone: 'Europe/London',
                today: '2026-11-23',
                canEdit,
                defaultCycleMonths: 36,
            });

        it('shows owners, partners, dates, state, how long overdue, history (newest first, by name) and the link', () => {
            const c = card(false);
            const text = cardText(c);
            assert.match(text, /Kent Housing Options Group/);
            assert.match(text, /KCC/);
            assert.match(text, /Last reviewed\n2020/);
            assert.match(text, /Next review\nSeptember 2021/);
            assert.match(text, /Review cycle\n12 months/);
            assert.match(text, /Overdue for 5 years 1 month \(due by the end of September 2021\)/);
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
                ['Better Homes A', 'protocols.show', 'a'],
                ['Better Homes B', 'protocols.show', 'b'],
            ],
        );
    });
});
