import assert from 'node:assert/strict';
import type { Group } from '../../src/domain/model.js';
import { planRun, type OpenPeriod, type Snooze } from '../../src/domain/reminderPlan.js';
import { DEFAULT_POLICY } from '../../src/domain/reminders.js';
import { sampleData } from '../helpers/fixtures.js';

const policy = { ...DEFAULT_POLICY, zone: 'Europe/London' };
const data = sampleData();
// khog due Fri 2026-12-11, asset-management Fri 2026-12-18 (both chaired by Priya), private-sector-housing 2027-01-15 (Tom)
const open =
    (submitted: string[] = []) =>
    (g: Group): OpenPeriod | undefined =>
        g.nextUpdateDue
            ? { period: g.nextUpdateDue.slice(0, 7), due: g.nextUpdateDue, submitted: submitted.includes(g.id) }
            : undefined;
const plan = (now: string, submitted: string[] = [], snoozes: Snooze[] = []) =>
    planRun(data, open(submitted), snoozes, policy, new Date(now));
const summary = (now: string, submitted: string[] = [], snoozes: Snooze[] = []) =>
    plan(now, submitted, snoozes).map(
        (m) =>
            `${m.recipient.name}: ${m.items.map((i) => `${i.groupId}[${i.steps.map((s) => s.name).join(',')}]`).join(' ')}`,
    );

describe('planning a reminder run', () => {
    it('nothing is due before the first reminder time', () => {
        assert.deepEqual(summary('2026-11-27T08:59:00Z'), []);
    });

    it("a chair of two groups gets one message covering both groups' due steps", () => {
        assert.deepEqual(summary('2026-12-08T09:00:00Z'), [
            'Priya Shah: khog[before-14,before-3] asset-management[before-14]',
        ]);
    });

    it('a submitted update stops its reminders', () => {
        assert.deepEqual(summary('2026-12-08T09:00:00Z', ['khog']), ['Priya Shah: asset-management[before-14]']);
    });

    it('a snoozed group is left out until the snooze ends', () => {
        const snooze = { groupId: 'khog', period: '2026-12', until: '2026-12-15T09:00:00Z' };
        assert.deepEqual(summary('2026-12-11T09:00:00Z', [], [snooze]), ['Priya Shah: asset-management[before-14]']);
        assert.deepEqual(summary('2026-12-15T09:00:00Z', [], [snooze]), [
            'Priya Shah: khog[before-14,before-3,due] asset-management[before-14,before-3]',
        ]);
    });

    it('after the last chase, the partnership manager gets the escalation', () => {
        const messages = summary('2027-01-08T09:00:00Z');
        assert.ok(messages.includes('Morgan Ellis: khog[escalation]'), messages.join('\n'));
    });

    it('a group with no chair is reminded through its vice-chair', () => {
        const d = sampleData();
        d.roster = d.roster.filter((e) => !(e.groupId === 'khog' && e.role === 'chair'));
        const messages = planRun(d, open(), [], policy, new Date('2026-12-08T09:00:00Z'));
        const chris = messages.find((m) => m.recipient.name === 'Chris Lane');
        assert.deepEqual(
            chris?.items.map((i) => [i.groupId, i.as]),
            [['khog', 'vice_chair']],
        );
    });

    it('non-reporting bodies and groups without a due date are never reminded', () => {
        const all = plan('2027-06-01T09:00:00Z').flatMap((m) => m.items.map((i) => i.groupId));
        assert.ok(!all.includes('kcc'));
    });
});

describe('reminders planned back from a Board paper deadline', () => {
    const steps = (deadline: string | undefined, now: string, groupId: string) =>
        planRun(data, open(), [], policy, new Date(now), deadline)
            .flatMap((m) => m.items)
            .filter((i) => i.groupId === groupId && i.as !== 'manager')
            .flatMap((i) => i.steps.map((s) => s.name));

    it('a late update due by the deadline is also chased back from the deadline, once per step', () => {
        // The paper deadline Friday 8 January 2027: 14 days before falls on Christmas, so the 29th; 3 before is the 5th.
        const withPaper = steps('2027-01-08', '2027-01-06T09:00:00Z', 'khog');
        assert.ok(withPaper.includes('paper-2027-01-08-before-14'), withPaper.join());
        assert.ok(withPaper.includes('paper-2027-01-08-before-3'), withPaper.join());
        assert.ok(!withPaper.includes('paper-2027-01-08'), 'the deadline day itself has not come');
        assert.deepEqual(
            steps(undefined, '2027-01-06T09:00:00Z', 'khog').filter((s) => s.startsWith('paper-')),
            [],
        );
    });

    it('an update due after the deadline, or not yet late by a step, gets no deadline steps', () => {
        assert.deepEqual(
            steps('2027-01-08', '2027-01-08T09:00:00Z', 'private-sector-housing').filter((s) => s.startsWith('paper-')),
            [],
        );
        // Due 11 December, deadline 21 December: "14 days before" (7 December) is before the update was late.
        const early = steps('2026-12-21', '2026-12-21T09:00:00Z', 'khog').filter((s) => s.startsWith('paper-'));
        assert.deepEqual(early, ['paper-2026-12-21-before-3', 'paper-2026-12-21']);
    });
});
