/**
 * A sub-group's reporting schedule. Each group reports every `cadenceMonths` months; its
 * `nextUpdateDue` anchors the series: the anchor is the first due date the bot tracks, and every later
 * one is the anchor plus a whole number of cadences (computed from the anchor each time, so a date
 * clamped at a month's end does not drift: 31 Aug, 28 Feb, 31 Aug...).
 *
 * A period is named after its due month (`2026-09`, "September 2026 update"). Its update is open from
 * the previous due date until it is submitted; a period past its due date and not submitted is late,
 * and stays the group's current period (late is late, not lost) until it is submitted or the
 * partnership manager closes it.
 *
 * Dates are calendar days (`YYYY-MM-DD`) in the partnership's time zone; "today" is the day `now` falls
 * on in that zone. Pure functions: the caller passes `now` and the zone (`config.timeZone`).
 */
import { DateTime } from 'luxon';
import { Remembered } from '../remember.js';
import { daysBetween, todayIn as localToday } from './partialDate.js';
import type { Group, IsoDay } from './model.js';

/** A group that reports: it has a cadence and an anchor due date. */
export type ScheduledGroup = Pick<Group, 'cadenceMonths'> & { nextUpdateDue: IsoDay };

/** One period of a group's series. */
export interface SchedulePeriod {
    /** The due month, `YYYY-MM`: the period's id, as progress updates are stored under. */
    period: string;
    /** "September 2026 update". */
    label: string;
    /** The day the update opens: the previous due date of the series. */
    opens: IsoDay;
    /** The due date. */
    due: IsoDay;
    /** Position in the series: 0 is the anchor, 1 the period after it, and so on. */
    index: number;
}

/** The period a group is reporting for, seen from today. */
export interface CurrentPeriod extends SchedulePeriod {
    /** Calendar days from today to the due date; 0 on the day, negative when past it. */
    daysUntilDue: number;
    /** Past its due date and neither submitted nor closed. */
    late: boolean;
    /** Today is on or after the opening day. */
    open: boolean;
    /** An update was submitted for this period. */
    submitted: boolean;
    /** The partnership manager closed this period. */
    closed: boolean;
}

/** The iteration limit when walking a series: a thousand periods is 250 years of quarterly updates. */
const MAX_PERIODS = 1000;

const day = (iso: IsoDay) => DateTime.fromISO(iso, { zone: 'utc' });

/** True for a group that sends progress updates and has a due date to anchor them. */
export function isScheduled<G extends Pick<Group, 'cadenceMonths' | 'nextUpdateDue' | 'reports'>>(
    group: G,
): group is G & ScheduledGroup {
    return group.reports && typeof group.nextUpdateDue === 'string';
}

const labels = new Remembered<string>(2_000);

/** "September 2026 update", for a period id `2026-09`. */
export function periodLabel(period: string): string {
    return labels.get(
        period,
        () =>
            `${DateTime.fromFormat(period, 'yyyy-MM', { zone: 'utc', locale: 'en-GB' }).toFormat('LLLL yyyy')} update`,
    );
}

/** The calendar day `now` falls on in the zone, and whole days between two days: as the register counts them. */
export { daysBetween, localToday };

/** The schedule asks for the same few periods for every group on every turn. */
const periods = new Remembered<Readonly<SchedulePeriod>>(20_000);

/** The `index`-th period of the group's series (0 is the anchor; negative indexes are before it). */
export function periodAt(group: ScheduledGroup, index: number): SchedulePeriod {
    const found = periods.get(`${group.nextUpdateDue} ${group.cadenceMonths} ${index}`, () => {
        const anchor = day(group.nextUpdateDue);
        const due = anchor.plus({ months: index * group.cadenceMonths });
        const opens = anchor.plus({ months: (index - 1) * group.cadenceMonths });
        const period = due.toFormat('yyyy-MM');
        return Object.freeze({
            period,
            label: periodLabel(period),
            opens: opens.toISODate()!,
            due: due.toISODate()!,
            index,
        });
    });
    return { ...found };
}

/**
 * The group's period with this id (`YYYY-MM`), or undefined when the month is not one of its due
 * months at or after the anchor.
 */
export function findPeriod(group: ScheduledGroup, period: string): SchedulePeriod | undefined {
    const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(period);
    if (!m) return undefined;
    const anchor = day(group.nextUpdateDue);
    const months = (Number(m[1]) - anchor.year) * 12 + (Number(m[2]) - anchor.month);
    if (months < 0 || months % group.cadenceMonths !== 0) return undefined;
    return periodAt(group, months / group.cadenceMonths);
}

/** The period that follows this one in the group's series. */
export function periodAfter(group: ScheduledGroup, period: Pick<SchedulePeriod, 'index'>): SchedulePeriod {
    return periodAt(group, period.index + 1);
}

function seenFrom(
    p: SchedulePeriod,
    today: IsoDay,
    submitted: ReadonlySet<string>,
    closed: ReadonlySet<string>,
): CurrentPeriod {
    const daysUntilDue = daysBetween(today, p.due);
    const isSubmitted = submitted.has(p.period);
    const isClosed = closed.has(p.period);
    return {
        ...p,
        daysUntilDue,
        late: daysUntilDue < 0 && !isSubmitted && !isClosed,
        open: today >= p.opens,
        submitted: isSubmitted,
        closed: isClosed,
    };
}

/**
 * Every period still owed, oldest first: the late ones (past due, neither submitted nor closed), then
 * the period today falls in (the first whose due date is today or later), whatever its state.
 */
export function outstandingPeriods(
    group: ScheduledGroup,
    submittedPeriods: Iterable<string>,
    now: Date,
    zone: string,
    closedPeriods: Iterable<string> = [],
): CurrentPeriod[] {
    const today = localToday(now, zone);
    const submitted = new Set(submittedPeriods);
    const closed = new Set(closedPeriods);
    const out: CurrentPeriod[] = [];
    for (let i = 0; i < MAX_PERIODS; i++) {
        const p = seenFrom(periodAt(group, i), today, submitted, closed);
        if (p.daysUntilDue >= 0) {
            out.push(p);
            return out;
        }
        if (p.late) out.push(p);
    }
    return out;
}

/**
 * The period the group is reporting for now: its oldest late period if it has one, else the period
 * today falls in (which may already be submitted, early). `submittedPeriods` are the ids of periods
 * with a submitted update; `closedPeriods` those the partnership manager closed.
 */
export function currentPeriod(
    group: ScheduledGroup,
    submittedPeriods: Iterable<string>,
    now: Date,
    zone: string,
    closedPeriods: Iterable<string> = [],
): CurrentPeriod {
    return outstandingPeriods(group, submittedPeriods, now, zone, closedPeriods)[0];
}

/** How far away a due date is, in the partnership's words: "in 5 days", "tomorrow", "3 weeks late". */
export function describeDaysUntilDue(days: number): string {
    if (days === 0) return 'today';
    if (days === 1) return 'tomorrow';
    if (days === -1) return '1 day late';
    const n = Math.abs(days);
    const amount = n < 14 ? `${n} days` : n < 61 ? `${Math.floor(n / 7)} weeks` : `${Math.floor(n / 30.44)} months`;
    return days > 0 ? `in ${amount}` : `${amount} late`;
}
