import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
    currentPeriod,
    daysBetween,
    describeDaysUntilDue,
    findPeriod,
    isScheduled,
    localToday,
    outstandingPeriods,
    periodAfter,
    periodAt,
    periodLabel,
    type ScheduledGroup,
} from '../../src/domain/schedule.js';

const LONDON = 'Europe/London';
const sixMonthly = (due: string): ScheduledGroup => ({ cadenceMonths: 6, nextUpdateDue: due });
const quarterly = (due: string): ScheduledGroup => ({ cadenceMonths: 3, nextUpdateDue: due });

describe('the reporting schedule', () => {
    describe('the series of due dates', () => {
        const cases: { name: string; group: ScheduledGroup; dues: string[] }[] = [
            {
                name: 'six-monthly from 18 Dec 2026',
                group: sixMonthly('2026-12-18'),
                dues: ['2026-12-18', '2027-06-18', '2027-12-18', '2028-06-18'],
            },
            {
                name: 'quarterly from 11 Dec 2026',
                group: quarterly('2026-12-11'),
                dues: ['2026-12-11', '2027-03-11', '2027-06-11', '2027-09-11'],
            },
            // 31 Aug + 6 months has no 31st: the end of February, and the series returns to the 31st after.
            {
                name: '31 Aug, clamped at the end of February, then back to the 31st',
                group: sixMonthly('2026-08-31'),
                dues: ['2026-08-31', '2027-02-28', '2027-08-31', '2028-02-29', '2028-08-31'],
            },
            {
                name: 'quarterly from 30 Nov: 28 Feb, 30 May, 30 Aug, 30 Nov',
                group: quarterly('2026-11-30'),
                dues: ['2026-11-30', '2027-02-28', '2027-05-30', '2027-08-30', '2027-11-30'],
            },
        ];
        for (const c of cases) {
            it(`${c.name}: ${c.dues.join(', ')}`, () => {
                assert.deepEqual(
                    c.dues.map((_, i) => periodAt(c.group, i).due),
                    c.dues,
                );
            });
        }

        it('names each period after its due month, and opens it on the previous due date', () => {
            const g = sixMonthly('2026-09-30');
            assert.deepEqual(periodAt(g, 0), {
                period: '2026-09',
                label: 'September 2026 update',
                opens: '2026-03-30',
                due: '2026-09-30',
                index: 0,
            });
            assert.deepEqual(periodAt(g, 1), {
                period: '2027-03',
                label: 'March 2027 update',
                opens: '2026-09-30',
                due: '2027-03-30',
                index: 1,
            });
            assert.deepEqual(periodAfter(g, periodAt(g, 1)), periodAt(g, 2));
        });

        it("a period handed out is the caller's own: changing it changes no later answer", () => {
            const g = sixMonthly('2026-09-30');
            const first = periodAt(g, 3);
            first.due = '1999-01-01';
            first.label = 'changed';
            assert.equal(periodAt(g, 3).due, '2028-03-30');
            assert.equal(periodAt(g, 3).label, 'March 2028 update');
        });

        it('the same periods for any number of series, past the bound of what is remembered', () => {
            const expected = (year: number, months: number) =>
                `${year + Math.floor(months / 12)}-${String((months % 12) + 1).padStart(2, '0')}`;
            for (let year = 2000; year < 2400; year++) {
                for (const cadence of [3, 6] as const) {
                    const g = { ...sixMonthly(`${year}-01-31`), cadenceMonths: cadence };
                    for (let i = 0; i < 30; i++) assert.equal(periodAt(g, i).period, expected(year, i * cadence));
                }
            }
            assert.equal(periodAt(sixMonthly('2000-01-31'), 1).period, '2000-07');
        });

        it('the anchor period of a 31 Aug series opens at the end of February', () => {
            assert.equal(periodAt(sixMonthly('2026-08-31'), 0).opens, '2026-02-28');
        });

        it('every period opens on the due date of the one before it, for any anchor and cadence', () => {
            const anchor = fc.date({
                min: new Date('2000-01-01T00:00:00Z'),
                max: new Date('2099-12-31T00:00:00Z'),
                noInvalidDate: true,
            });
            fc.assert(
                fc.property(anchor, fc.constantFrom<3 | 6>(3, 6), fc.integer({ min: 1, max: 40 }), (d, cadence, i) => {
                    const g = { cadenceMonths: cadence, nextUpdateDue: d.toISOString().slice(0, 10) };
                    const p = periodAt(g, i);
                    assert.equal(p.opens, periodAt(g, i - 1).due);
                    assert.ok(p.opens < p.due);
                    assert.deepEqual(findPeriod(g, p.period), p);
                }),
            );
        });
    });

    describe('finding a period by its id', () => {
        const g = quarterly('2026-12-11');
        const cases: [string, string | undefined][] = [
            ['2026-12', '2026-12-11'],
            ['2027-03', '2027-03-11'],
            ['2029-06', '2029-06-11'],
            ['2027-01', undefined], // not a due month
            ['2026-09', undefined], // before the anchor
            ['2026-13', undefined],
            ['Dec 2026', undefined],
        ];
        for (const [id, due] of cases) {
            it(`"${id}" is ${due ? `the period due ${due}` : 'not a period of the group'}`, () => {
                assert.equal(findPeriod(g, id)?.due, due);
            });
        }
    });

    describe('the current period', () => {
        const g = sixMonthly('2026-12-18');
        const at = (iso: string, submitted: string[] = [], closed: string[] = []) =>
            currentPeriod(g, submitted, new Date(iso), LONDON, closed);

        it('before the anchor, the anchor period: open since the date before it, due in 8 days', () => {
            const p = at('2026-12-10T12:00:00Z');
            assert.equal(p.period, '2026-12');
            assert.equal(p.label, 'December 2026 update');
            assert.equal(p.opens, '2026-06-18');
            assert.equal(p.daysUntilDue, 8);
            assert.deepEqual([p.open, p.late, p.submitted], [true, false, false]);
        });

        it('is due on the day itself, not late', () => {
            const p = at('2026-12-18T22:00:00Z');
            assert.deepEqual([p.period, p.daysUntilDue, p.late], ['2026-12', 0, false]);
        });

        it('the day after the due date, it is 1 day late and still the current period', () => {
            const p = at('2026-12-19T09:00:00Z');
            assert.deepEqual([p.period, p.daysUntilDue, p.late], ['2026-12', -1, true]);
        });

        it('late is late, not lost: months later, the unsubmitted period is still current and late', () => {
            const p = at('2027-07-01T09:00:00Z');
            assert.deepEqual([p.period, p.daysUntilDue, p.late], ['2026-12', -195, true]);
            assert.deepEqual(
                outstandingPeriods(g, [], new Date('2027-07-01T09:00:00Z'), LONDON).map((o) => [o.period, o.late]),
                [
                    ['2026-12', true],
                    ['2027-06', true],
                    ['2027-12', false],
                ],
            );
        });

        it('once the late period is submitted, the next one owed becomes current', () => {
            assert.equal(at('2027-07-01T09:00:00Z', ['2026-12']).period, '2027-06');
            assert.equal(at('2027-07-01T09:00:00Z', ['2026-12', '2027-06']).period, '2027-12');
        });

        it('submitted early, the period stays current (shown as submitted) until its due date passes', () => {
            const p = at('2026-12-10T12:00:00Z', ['2026-12']);
            assert.deepEqual([p.period, p.submitted, p.late], ['2026-12', true, false]);
            const after = at('2026-12-19T12:00:00Z', ['2026-12']);
            assert.deepEqual(
                [after.period, after.opens, after.daysUntilDue, after.open],
                ['2027-06', '2026-12-18', 181, true],
            );
        });

        it('a period the manager closed is no longer owed', () => {
            const p = at('2027-01-05T12:00:00Z', [], ['2026-12']);
            assert.equal(p.period, '2027-06');
        });

        it('long before the anchor, the anchor period is not open yet', () => {
            const p = at('2026-03-01T12:00:00Z');
            assert.deepEqual([p.period, p.open, p.daysUntilDue], ['2026-12', false, 292]);
        });

        it("counts days in the partnership's zone: 23:30 UTC on 17 Dec is already the 18th in Auckland", () => {
            const now = new Date('2026-12-17T23:30:00Z');
            assert.equal(currentPeriod(g, [], now, LONDON).daysUntilDue, 1);
            assert.equal(currentPeriod(g, [], now, 'Pacific/Auckland').daysUntilDue, 0);
        });

        it('in British Summer Time, 23:30 UTC is already the next day in London', () => {
            const now = new Date('2026-06-17T23:30:00Z');
            assert.equal(localToday(now, LONDON), '2026-06-18');
            assert.equal(localToday(now, 'UTC'), '2026-06-17');
            assert.equal(currentPeriod(sixMonthly('2026-06-18'), [], now, LONDON).daysUntilDue, 0);
        });
    });

    describe('words and dates', () => {
        const cases: [number, string][] = [
            [0, 'today'],
            [1, 'tomorrow'],
            [5, 'in 5 days'],
            [13, 'in 13 days'],
            [20, 'in 2 weeks'],
            [90, 'in 2 months'],
            [-1, '1 day late'],
            [-9, '9 days late'],
            [-30, '4 weeks late'],
            [-195, '6 months late'],
        ];
        for (const [days, words] of cases) {
            it(`${days} days until due reads "${words}"`, () => assert.equal(describeDaysUntilDue(days), words));
        }

        it('labels, days and formats', () => {
            assert.equal(periodLabel('2026-09'), 'September 2026 update');
            assert.equal(daysBetween('2027-02-28', '2027-03-01'), 1);
            assert.equal(daysBetween('2026-03-28', '2026-03-30'), 2); // across the clocks going forward
        });

        it('only reporting groups with an anchor are scheduled', () => {
            assert.equal(isScheduled({ reports: true, cadenceMonths: 6, nextUpdateDue: '2026-12-18' }), true);
            assert.equal(isScheduled({ reports: true, cadenceMonths: 6 }), false);
            assert.equal(isScheduled({ reports: false, cadenceMonths: 6, nextUpdateDue: '2026-12-18' }), false);
        });
    });
});
