/** The register's rules: due dates, where each document stands, priority, filters and "review first". */
import assert from 'node:assert/strict';
import {
    assessProtocol,
    byPriority,
    dueDateOf,
    dueReport,
    reviewFirst,
    type RegisterOptions,
} from '../../src/domain/register.js';
import { doc } from '../helpers/protocols.js';

const OPTIONS: RegisterOptions = { zone: 'Europe/London', dueSoonDays: 90, defaultCycleMonths: 36 };
const NOW = new Date('2026-11-23T10:00:00Z');
const TODAY = '2026-11-23';
const WINDOW_END = '2027-02-21';

describe('the protocol register', () => {
    describe('when a document is due', () => {
        it('is its stated next review when there is one, whatever its other dates', () => {
            const due = dueDateOf(
                doc('krs', { lastReviewed: '2020', nextReview: '2021-09', reviewCycleMonths: 12 }),
                36,
            )!;
            assert.equal(due.basis, 'next_review');
            assert.equal(due.due.last, '2021-09-30');
        });

        it('is the last review plus its own cycle, before the publication date', () => {
            const due = dueDateOf(doc('d', { published: '2014', lastReviewed: '2020-02', reviewCycleMonths: 12 }), 36)!;
            assert.equal(due.basis, 'last_reviewed');
            assert.equal(due.due.text, '2021-02');
            assert.equal(due.cycleIsDefault, false);
        });

        it("is the publication plus the partnership's default cycle when the document states none", () => {
            const due = dueDateOf(doc('pre', { published: '2020-08' }), 36)!;
            assert.equal(due.basis, 'published');
            assert.equal(due.due.text, '2023-08');
            assert.equal(due.cycleIsDefault, true);
            assert.equal(
                dueDateOf(doc('pre', { published: '2020-08' }), 24)!.due.text,
                '2022-08',
                'the configured default is used',
            );
        });

        it('is unknown when the register has no date for it', () => {
            assert.equal(dueDateOf(doc('none'), 36), undefined);
        });
    });

    describe('where a document stands', () => {
        const state = (fields: Parameters<typeof doc>[1], today = TODAY, windowEnd = WINDOW_END) =>
            assessProtocol(doc('d', fields), today, windowEnd, 36);

        it('a month-precision review is not overdue on the last day of that month, and is from the next day', () => {
            assert.equal(state({ nextReview: '2026-10' }, '2026-10-31').state, 'due_soon');
            const late = state({ nextReview: '2026-10' }, '2026-11-01');
            assert.equal(late.state, 'overdue');
            assert.equal(late.overdueSince, '2026-11-01');
            assert.equal(late.daysOverdue, 0);
        });

        it('a year-precision date is never overdue before the year is out', () => {
            // Published "2023": with 36 months due "2026", so by 31 December 2026.
            assert.equal(state({ published: '2023' }, '2026-11-23').state, 'due_soon');
            assert.equal(state({ published: '2023' }, '2027-01-01').state, 'overdue');
        });

        it('counts as due soon only what falls due within the window', () => {
            assert.equal(state({ nextReview: '2027-02-21' }).state, 'due_soon');
            assert.equal(state({ nextReview: '2027-02-22' }).state, 'not_due');
        });

        it('a review under way is apart, and still knows how late it is', () => {
            const s = state({ status: 'under_review', reviewLead: 'KHOG and KCC', published: '2018' });
            assert.equal(s.state, 'under_review');
            assert.equal(s.overdueSince, '2022-01-01');
        });

        it('drafts and withdrawn documents are never due, however old their dates', () => {
            assert.equal(state({ status: 'draft', published: '2001' }).state, 'inactive');
            assert.equal(state({ status: 'withdrawn', published: '2001' }).state, 'inactive');
            assert.equal(state({ status: 'draft' }).needsDate, false);
        });

        it('a current document with no date needs one; so does a review under way with none', () => {
            const none = state({});
            assert.equal(none.state, 'no_date');
            assert.equal(none.needsDate, true);
            const reviewing = state({ status: 'under_review', reviewLead: 'KHOG' });
            assert.equal(reviewing.state, 'under_review');
            assert.equal(reviewing.needsDate, true);
        });
    });

    describe('the order of what to review first', () => {
        const at = (fields: Parameters<typeof doc>[1], id: string) =>
            assessProtocol(doc(id, fields), TODAY, WINDOW_END, 36);

        it('puts overdue before due soon, key documents first, then the longest overdue, then the title', () => {
            const items = [
                at({ nextReview: '2027-01', key: true }, 'soon-key'),
                at({ nextReview: '2026-12' }, 'soon'),
                at({ nextReview: '2020-01' }, 'b-long-overdue'),
                at({ nextReview: '2020-01' }, 'a-long-overdue'),
                at({ nextReview: '2025-01' }, 'recently-overdue'),
                at({ nextReview: '2026-06', key: true }, 'key-overdue'),
            ];
            const order = [...items].sort(byPriority).map((s) => s.protocol.id);
            assert.deepEqual(order, [
                'key-overdue',
                'a-long-overdue',
                'b-long-overdue',
                'recently-overdue',
                'soon-key',
                'soon',
            ]);
        });
    });

    describe('the due list', () => {
        const register = [
            doc('late-khog', { ownerGroups: ['khog'], published: '2015' }),
            doc('late-am', { ownerGroups: ['asset-management'], nextReview: '2026-02' }),
            doc('soon-am', { ownerGroups: ['asset-management'], nextReview: '2027-01-15' }),
            doc('reviewing', {
                ownerGroups: ['khog'],
                status: 'under_review',
                reviewLead: 'KHOG and KCC',
                published: '2016',
            }),
            doc('reviewing-recent', {
                ownerGroups: ['khog'],
                status: 'under_review',
                reviewLead: 'KHOG',
                published: '2025',
            }),
            doc('undated', { ownerGroups: ['khog'] }),
            doc('later', { ownerGroups: ['khog'], nextReview: '2029-06' }),
            doc('draft', { ownerGroups: ['khog'], status: 'draft' }),
            doc('gone', { status: 'withdrawn', published: '2010' }),
        ];
        const ids = (list: { protocol: { id: string } }[]) => list.map((s) => s.protocol.id);

        it('sorts every document into one section, and counts the rest', () => {
            const r = dueReport(register, NOW, OPTIONS);
            assert.deepEqual(ids(r.overdue), ['late-khog', 'late-am']);
            assert.deepEqual(ids(r.dueSoon), ['soon-am']);
            assert.deepEqual(ids(r.underReview), ['reviewing', 'reviewing-recent']);
            assert.deepEqual(ids(r.noDate), ['undated']);
            assert.equal(r.notDue, 1);
            assert.equal(r.inactive, 2);
            assert.equal(r.total, register.length);
        });

        it('uses the configured window for due soon', () => {
            assert.deepEqual(ids(dueReport(register, NOW, { ...OPTIONS, dueSoonDays: 30 }).dueSoon), []);
            assert.deepEqual(ids(dueReport(register, NOW, { ...OPTIONS, dueSoonDays: 3 * 365 }).dueSoon), [
                'soon-am',
                'later',
            ]);
        });

        it('narrows to the groups asked about', () => {
            const r = dueReport(register, NOW, OPTIONS, { groupIds: ['asset-management'] });
            assert.deepEqual(ids(r.overdue), ['late-am']);
            assert.deepEqual(ids(r.dueSoon), ['soon-am']);
            assert.deepEqual(ids(r.underReview), []);
            assert.equal(r.total, 2);
        });

        it('with "overdue only", shows only what is past its date, reviews under way included', () => {
            const r = dueReport(register, NOW, OPTIONS, { overdueOnly: true });
            assert.deepEqual(ids(r.overdue), ['late-khog', 'late-am']);
            assert.deepEqual(ids(r.dueSoon), []);
            assert.deepEqual(ids(r.underReview), ['reviewing']);
            assert.deepEqual(ids(r.noDate), []);
        });

        it('with a horizon, counts as due soon what falls due within it', () => {
            const r = dueReport(register, NOW, OPTIONS, { horizon: { months: 36 } });
            assert.deepEqual(ids(r.dueSoon), ['soon-am', 'later']);
            assert.equal(r.windowEnd, '2029-11-23');
        });

        it('"review first" names the top few with their reasons, leaving out reviews under way', () => {
            const r = dueReport(
                [...register, doc('key-late', { ownerGroups: ['khog'], key: true, nextReview: '2026-09' })],
                NOW,
                OPTIONS,
            );
            const first = reviewFirst(r, 2, (id) => id.toUpperCase());
            assert.deepEqual(
                first.picks.map((p) => [p.rank, p.standing.protocol.id]),
                [
                    [1, 'key-late'],
                    [2, 'late-khog'],
                ],
            );
            assert.match(first.picks[0].reasons.join('\n'), /Overdue for 1 month \(due by the end of September 2026\)/);
            assert.match(first.picks[0].reasons.join('\n'), /key document/);
            assert.match(first.picks[0].reasons.join('\n'), /Owned by KHOG/);
            assert.doesNotMatch(first.picks[1].reasons.join('\n'), /key document/);
            assert.equal(first.moreDue, 2, 'late-am and soon-am follow');
            assert.equal(first.underWay, 2);
            assert.equal(first.needsDate, 1);
        });

        it('"review first" says when a document has no owning group', () => {
            const r = dueReport([doc('orphan', { published: '2010' })], NOW, OPTIONS);
            assert.match(reviewFirst(r, 3, (id) => id).picks[0].reasons.join('\n'), /No owning group on record/);
        });
    });
});
