/**
 * Rounds: what the partnership manager collects for the Board. A round picks, for each reporting group,
 * the one update it covers:
 *
 * - the **current** round (plain "digest"): every group's current update, as "what's my group's next
 *   update?" sees it: its oldest late update, else the one today falls in (open, or submitted early);
 * - a **named** round ("digest for March 2027"): a month in which some update is due; each group's
 *   latest update due in the six months up to the end of that month;
 * - a **Board meeting's** round ("the Board meets on 12 March 2027"): each group's latest update due by
 *   the meeting's paper deadline, a configured number of working days before the meeting, and after
 *   the previous meeting's deadline (or in the six months before, for the first meeting recorded).
 *
 * A round has an id that survives a card or a link: `current`, `YYYY-MM`, or `board-YYYY-MM-DD`.
 * Pure functions: the caller passes the groups' current periods, the meetings and today.
 */
import { showDate } from './partialDate.js';
import { DateTime } from 'luxon';
import type { BoardMeeting, Group, IsoDay } from './model.js';
import { isScheduled, periodAt, type ScheduledGroup, type SchedulePeriod } from './schedule.js';
import { isWorkingDay } from './workingDays.js';

/** How many months a named round looks back over: updates are due at least every six months. */
export const ROUND_WINDOW_MONTHS = 6;

export type Round =
    | { kind: 'current'; id: 'current'; label: string; asOf: IsoDay }
    | { kind: 'month'; id: string; label: string; month: string }
    | { kind: 'board'; id: string; label: string; meeting: IsoDay; paperDeadline: IsoDay; from: IsoDay };

const day = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' });
const MONTH_ID = /^(\d{4})-(0[1-9]|1[0-2])$/;
const BOARD_ID = /^board-(\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]))$/;

/** "March 2027" for `2027-03`. */
export function monthLabel(month: string): string {
    return DateTime.fromFormat(month, 'yyyy-MM', { zone: 'utc', locale: 'en-GB' }).toFormat('LLLL yyyy');
}

/** The paper deadline of a meeting: `workingDays` working days (England and Wales) before it. */
export function paperDeadline(meeting: IsoDay, workingDays: number): IsoDay {
    let d = day(meeting);
    for (let n = 0; n < workingDays;) {
        d = d.minus({ days: 1 });
        if (isWorkingDay(d)) n++;
    }
    return d.toISODate()!;
}

/** True when the string is a round id a card or a link may carry. */
export function isRoundId(id: string): boolean {
    return id === 'current' || MONTH_ID.test(id) || BOARD_ID.test(id);
}

/** The meetings on or after today, soonest first. */
export function upcomingMeetings(meetings: readonly BoardMeeting[], today: IsoDay): BoardMeeting[] {
    return [...meetings].filter((m) => m.date >= today).sort((a, b) => a.date.localeCompare(b.date));
}

/** The round of a Board meeting, with its paper deadline and where it starts (the previous meeting's deadline). */
export function boardRound(meeting: IsoDay, meetings: readonly BoardMeeting[], workingDays: number): Round {
    const deadline = paperDeadline(meeting, workingDays);
    const previous = [...meetings]
        .map((m) => m.date)
        .filter((d) => d < meeting)
        .sort()
        .at(-1);
    const from = previous
        ? paperDeadline(previous, workingDays)
        : day(deadline).minus({ months: ROUND_WINDOW_MONTHS }).toISODate()!;
    return {
        kind: 'board',
        id: `board-${meeting}`,
        label: `Board meeting on ${showDate(meeting, { weekday: true })}`,
        meeting,
        paperDeadline: deadline,
        from,
    };
}

/** The round a plain "digest" means: the next Board meeting's when one is recorded, else the current round. */
export function defaultRound(meetings: readonly BoardMeeting[], today: IsoDay, workingDays: number): Round {
    const next = upcomingMeetings(meetings, today)[0];
    if (next) return boardRound(next.date, meetings, workingDays);
    return {
        kind: 'current',
        id: 'current',
        label: `the round being collected (${showDate(today, { weekday: true })})`,
        asOf: today,
    };
}

/** A month's round. */
export function monthRound(month: string): Round {
    return { kind: 'month', id: month, label: monthLabel(month), month };
}

/** The round with this id, or undefined when the id is not one. A Board round's meeting need not be recorded. */
export function roundFromId(
    id: string,
    meetings: readonly BoardMeeting[],
    today: IsoDay,
    workingDays: number,
): Round | undefined {
    if (id === 'current') return defaultRoundCurrent(today);
    if (MONTH_ID.test(id)) return monthRound(id);
    const b = BOARD_ID.exec(id);
    return b ? boardRound(b[1], meetings, workingDays) : undefined;
}

function defaultRoundCurrent(today: IsoDay): Round {
    return {
        kind: 'current',
        id: 'current',
        label: `the round being collected (${showDate(today, { weekday: true })})`,
        asOf: today,
    };
}

/** The group's latest period due in (from, to], or undefined. The anchor is the first period the bot tracks. */
export function latestDueBetween(group: ScheduledGroup, from: IsoDay, to: IsoDay): SchedulePeriod | undefined {
    let found: SchedulePeriod | undefined;
    for (let i = 0; i < 1000; i++) {
        const p = periodAt(group, i);
        if (p.due > to) break;
        if (p.due > from) found = p;
    }
    return found;
}

/**
 * The period of the group that a month's or a Board meeting's round covers, or undefined when the round
 * covers none of its updates. (The current round's period comes from the group's status instead.)
 */
export function periodInRound(group: Group, round: Round): SchedulePeriod | undefined {
    if (!isScheduled(group) || round.kind === 'current') return undefined;
    if (round.kind === 'board') return latestDueBetween(group, round.from, round.paperDeadline);
    const end = day(`${round.month}-01`).endOf('month');
    const start = end.minus({ months: ROUND_WINDOW_MONTHS }).endOf('month');
    return latestDueBetween(group, start.toISODate()!, end.toISODate()!);
}

/** The months, from `from` for `months` months, in which some group has an update due, with those groups. */
export function monthsWithUpdatesDue(
    groups: readonly Group[],
    fromMonth: string,
    months: number,
): { month: string; label: string; groups: string[] }[] {
    const start = day(`${fromMonth}-01`);
    const out: { month: string; label: string; groups: string[] }[] = [];
    for (let k = 0; k < months; k++) {
        const m = start.plus({ months: k }).toFormat('yyyy-MM');
        const due = groups.filter((g) => isScheduled(g) && dueInMonth(g, m)).map((g) => g.name);
        if (due.length) out.push({ month: m, label: monthLabel(m), groups: due });
    }
    return out;
}

/** True when the group has an update due in the month (at or after its anchor). */
export function dueInMonth(group: Group, month: string): boolean {
    if (!isScheduled(group)) return false;
    const p = latestDueBetween(group, `${month}-00`, `${month}-31`);
    return Boolean(p?.due.startsWith(month));
}
