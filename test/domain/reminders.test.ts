import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { DEFAULT_POLICY, stepsDue, stepsFor } from '../../src/domain/reminders.js';
import { isBankHoliday, nextWorkingDay } from '../../src/domain/workingDays.js';

const policy = { ...DEFAULT_POLICY, zone: 'Europe/London' };
const local = (d: Date) => DateTime.fromJSDate(d, { zone: 'Europe/London' }).toFormat('ccc yyyy-MM-dd HH:mm');

describe('reminder timing', () => {
    it('a Friday due date: 14 and 3 days before, on the day, three weekly chases, then escalation, all at 09:00 local (Easter moves one)', () => {
        const steps = stepsFor('2027-03-12', policy); // a Friday, in GMT
        assert.deepEqual(
            steps.map((s) => `${s.name} ${local(s.sendAt)}`),
            [
                'before-14 Fri 2027-02-26 09:00',
                'before-3 Tue 2027-03-09 09:00',
                'due Fri 2027-03-12 09:00',
                'chase-1 Fri 2027-03-19 09:00',
                'chase-2 Tue 2027-03-30 09:00', // Fri 26th is Good Friday, Mon 29th Easter Monday
                'chase-3 Fri 2027-04-02 09:00',
                'escalation Fri 2027-04-09 09:00',
            ],
        );
    });

    it('09:00 is local time across the clocks changing (BST is UTC+1)', () => {
        const steps = stepsFor('2027-06-18', policy);
        const due = steps.find((s) => s.name === 'due')!;
        assert.equal(due.sendAt.toISOString(), '2027-06-18T08:00:00.000Z');
    });

    it('a step on a weekend moves to Monday; one on a bank holiday to the next working day', () => {
        // due Fri 2026-12-18: before-3 is Tue 15th; chase-1 Fri 25th (Christmas) -> Tue 29th (26th Sat, 27th Sun, 28th substitute holiday)
        const steps = stepsFor('2026-12-18', policy);
        assert.equal(local(steps.find((s) => s.name === 'chase-1')!.sendAt), 'Tue 2026-12-29 09:00');
        // due Sun 2027-01-17 -> the "on the day" reminder goes on Mon 18th
        assert.equal(
            local(stepsFor('2027-01-17', policy).find((s) => s.name === 'due')!.sendAt),
            'Mon 2027-01-18 09:00',
        );
    });

    it("knows England and Wales bank holidays, not Scotland's", () => {
        assert.equal(isBankHoliday('2026-08-31'), true); // summer bank holiday (England)
        assert.equal(isBankHoliday('2026-08-03'), false); // Scotland's summer holiday
        assert.equal(isBankHoliday('2027-01-02'), false);
        assert.equal(
            nextWorkingDay(DateTime.fromISO('2026-12-25', { zone: 'Europe/London' })).toISODate(),
            '2026-12-29',
        );
    });

    it('the offsets, send time and chase limit are configurable', () => {
        const steps = stepsFor('2027-03-12', {
            ...policy,
            beforeDays: [7],
            chaseLimit: 1,
            chaseEveryDays: 14,
            sendTime: '13:30',
        });
        assert.deepEqual(
            steps.map((s) => `${s.name} ${local(s.sendAt)}`),
            ['before-7 Fri 2027-03-05 13:30', 'chase-1 Tue 2027-03-30 13:30', 'escalation Fri 2027-04-09 13:30'],
        );
    });

    it('steps due by a time include every past step (a catch-up) and nothing later', () => {
        const steps = stepsFor('2027-03-12', policy);
        assert.deepEqual(
            stepsDue(steps, new Date('2027-03-09T08:59:59Z')).map((s) => s.name),
            ['before-14'],
        );
        assert.deepEqual(
            stepsDue(steps, new Date('2027-03-12T09:00:00Z')).map((s) => s.name),
            ['before-14', 'before-3', 'due'],
        );
    });
});
