/** Partial dates: how "2018", "2020-08" and "2021-02-15" are read, added to and shown. */
import assert from 'node:assert/strict';
import { addMonths, describeSpan, parsePartialDate, showDate, todayIn } from '../../src/domain/partialDate.js';

describe('partial dates', () => {
    describe('reading', () => {
        const cases: [string, string | undefined, string?, string?][] = [
            // text, precision, first day, last day
            ['2018', 'year', '2018-01-01', '2018-12-31'],
            ['2020-08', 'month', '2020-08-01', '2020-08-31'],
            ['2024-02', 'month', '2024-02-01', '2024-02-29'],
            ['2021-02-15', 'day', '2021-02-15', '2021-02-15'],
            ['2021-02-30', undefined],
            ['2021-13', undefined],
            ['20', undefined],
            ['August 2020', undefined],
            ['', undefined],
        ];
        for (const [text, precision, first, last] of cases) {
            it(`"${text}" is ${precision ? `a ${precision}, from ${first} to ${last}` : 'not a date'}`, () => {
                const d = parsePartialDate(text);
                if (!precision) {
                    assert.equal(d, undefined);
                    return;
                }
                assert.ok(d);
                assert.deepEqual([d.precision, d.first, d.last], [precision, first, last]);
            });
        }
    });

    describe('adding months: a partial date counts as the end of its month or year', () => {
        const cases: [string, number, string, string][] = [
            // from, months, due (text), last day it is due by
            ['2020-08', 36, '2023-08', '2023-08-31'],
            ['2018', 36, '2021', '2021-12-31'],
            ['2018', 18, '2020-06', '2020-06-30'],
            ['2021-02', 12, '2022-02', '2022-02-28'],
            ['2020-04', 1, '2020-05', '2020-05-31'],
            ['2021-01-31', 1, '2021-02-28', '2021-02-28'],
            ['2021-06-15', 36, '2024-06-15', '2024-06-15'],
        ];
        for (const [from, months, due, last] of cases) {
            it(`${from} + ${months} months is due ${due}, by ${last}`, () => {
                const d = addMonths(parsePartialDate(from)!, months);
                assert.equal(d.text, due);
                assert.equal(d.last, last);
            });
        }
    });

    it('shows each precision as a person would write it', () => {
        assert.equal(showDate(parsePartialDate('2018')!), '2018');
        assert.equal(showDate(parsePartialDate('2020-08')!), 'Aug 2020');
        assert.equal(showDate(parsePartialDate('2021-03-15')!), '15 Mar 2021');
    });

    it('writes every date one way, the UK style of the papers: a day, a month, a year, an instant in the zone', () => {
        assert.equal(showDate('2026-11-30'), '30 Nov 2026');
        assert.equal(showDate('2026-11'), 'Nov 2026');
        assert.equal(showDate('2013'), '2013');
        assert.equal(showDate('2026-12-18', { weekday: true }), 'Friday 18 Dec 2026');
        // 23:30 UTC on 30 June is 1 July in London; the time is the local one.
        assert.equal(showDate('2026-06-30T23:30:00.000Z', { zone: 'Europe/London' }), '1 Jul 2026');
        assert.equal(
            showDate(new Date('2026-11-30T14:05:00Z'), { zone: 'Europe/London', time: true }),
            '30 Nov 2026 at 14:05',
        );
        assert.equal(showDate('not a date'), 'not a date');
    });

    it('describes a span in years and months, or days when short', () => {
        assert.equal(describeSpan('2023-09-01', '2026-11-23'), '3 years 2 months');
        assert.equal(describeSpan('2026-01-01', '2026-11-23'), '10 months');
        assert.equal(describeSpan('2025-11-23', '2026-11-23'), '1 year');
        assert.equal(describeSpan('2026-11-11', '2026-11-23'), '12 days');
        assert.equal(describeSpan('2026-11-22', '2026-11-23'), '1 day');
    });

    it("takes today in the partnership's time zone, not UTC", () => {
        // 23:30 UTC on 30 June is already 1 July in London (summer time).
        assert.equal(todayIn(new Date('2026-06-30T23:30:00Z'), 'Europe/London'), '2026-07-01');
        assert.equal(todayIn(new Date('2026-06-30T23:30:00Z'), 'UTC'), '2026-06-30');
    });
});
