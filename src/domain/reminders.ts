/**
 * When reminders go out. For each period of a group's updates, a fixed series of steps: some days
 * before the due date, on the day, then weekly chases while late up to a limit, then escalation to
 * the partnership manager. Each step is sent at the configured time on a working day (a weekend or
 * bank holiday moves it to the next working day), in the partnership's time zone.
 */
import { DateTime } from 'luxon';
import { Remembered } from '../remember.js';
import { nextWorkingDay } from './workingDays.js';

export interface ReminderPolicy {
    /** Days before the due date for reminders; 0 is "on the day". */
    beforeDays: number[];
    /** Days between chases once late. */
    chaseEveryDays: number;
    /** How many chases before escalating to the manager. */
    chaseLimit: number;
    /** Local time of day to send, `HH:mm`. */
    sendTime: string;
    zone: string;
}

export const DEFAULT_POLICY: Omit<ReminderPolicy, 'zone'> = {
    beforeDays: [14, 3, 0],
    chaseEveryDays: 7,
    chaseLimit: 3,
    sendTime: '09:00',
};

export type StepKind = 'reminder' | 'chase' | 'escalation';

export interface Step {
    /** Stable name, part of a reminder's identity: `before-14`, `due`, `chase-2`, `escalation`. */
    name: string;
    kind: StepKind;
    /** The instant it is due to be sent. */
    sendAt: Date;
}

function at(day: DateTime, time: string): DateTime {
    const [hour, minute] = time.split(':').map(Number);
    return nextWorkingDay(day).set({ hour, minute, second: 0, millisecond: 0 });
}

/** Every step of a period whose update is due on `due` (`YYYY-MM-DD`), in sending order. */
export function stepsFor(due: string, policy: ReminderPolicy): Step[] {
    // Many groups share a due date: the calendar work is done once per date and policy.
    return knownSteps.get(JSON.stringify([due, policy]), () => computeSteps(due, policy)).map((s) => ({ ...s }));
}

const knownSteps = new Remembered<Step[]>(1000);

function computeSteps(due: string, policy: ReminderPolicy): Step[] {
    const dueDay = DateTime.fromISO(due, { zone: policy.zone }).startOf('day');
    const steps: Step[] = [...new Set(policy.beforeDays)]
        .sort((a, b) => b - a)
        .map((d) => ({
            name: d === 0 ? 'due' : `before-${d}`,
            kind: 'reminder' as const,
            sendAt: at(dueDay.minus({ days: d }), policy.sendTime).toJSDate(),
        }));
    for (let i = 1; i <= policy.chaseLimit; i++) {
        steps.push({
            name: `chase-${i}`,
            kind: 'chase',
            sendAt: at(dueDay.plus({ days: i * policy.chaseEveryDays }), policy.sendTime).toJSDate(),
        });
    }
    steps.push({
        name: 'escalation',
        kind: 'escalation',
        sendAt: at(dueDay.plus({ days: (policy.chaseLimit + 1) * policy.chaseEveryDays }), policy.sendTime).toJSDate(),
    });
    return steps.sort((a, b) => a.sendAt.getTime() - b.sendAt.getTime());
}

/** The steps whose time has come by `now` (a catch-up includes every past step). */
export function stepsDue(steps: Step[], now: Date): Step[] {
    return steps.filter((s) => s.sendAt.getTime() <= now.getTime());
}

/**
 * Steps planned back from a Board paper deadline (`YYYY-MM-DD`) for an update due on `due`: one at
 * each of the policy's days before the deadline, sent only where the update is already late by then
 * (before its due date the update's own reminders cover it). Named after the deadline, so each
 * meeting's steps are sent once: `paper-2027-03-12-before-3`, `paper-2027-03-12`.
 */
export function paperDeadlineSteps(deadline: string, due: string, policy: ReminderPolicy): Step[] {
    const deadlineDay = DateTime.fromISO(deadline, { zone: policy.zone }).startOf('day');
    const dueEnd = DateTime.fromISO(due, { zone: policy.zone }).endOf('day');
    return [...new Set(policy.beforeDays)]
        .sort((a, b) => b - a)
        .map((d) => ({
            name: d === 0 ? `paper-${deadline}` : `paper-${deadline}-before-${d}`,
            kind: 'chase' as const,
            sendAt: at(deadlineDay.minus({ days: d }), policy.sendTime).toJSDate(),
        }))
        .filter((s) => s.sendAt.getTime() > dueEnd.toMillis());
}
