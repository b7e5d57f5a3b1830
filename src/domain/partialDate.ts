/**
 * Dates as the papers give them: to the year ("written in 2013"), the month ("published in August
 * 2020") or the day. The register keeps them at that precision; this module reads them and does the
 * arithmetic the review schedule needs.
 *
 * **The rule for partial dates.** A date known only to the month or the year stands for the LAST day
 * of that month or year whenever we work out when something falls due from it. A document "published
 * in 2018" may have been published in December 2018, so with a 36-month cycle it is due "in 2021",
 * that is by 31 December 2021, and overdue only from 1 January 2022: we never call a review overdue
 * before it could be. Likewise "published 2020-08" plus 36 months is due in August 2023 (overdue from
 * 1 September 2023), and a stated next review of "2021-09" means "by the end of September 2021".
 *
 * Adding months keeps the precision: a month plus months is a month; a year plus a whole number of
 * years is a year; a year plus months that are not whole years becomes a month, counted from December
 * of that year (2018 + 18 months = June 2020). A full date plus months is a full date (luxon clamps
 * 31 January + 1 month to 28 or 29 February).
 *
 * All arithmetic is on calendar days, with no time zone: "today" is worked out once, in the
 * partnership's time zone, by `todayIn`.
 */
import { DateTime } from 'luxon';
import { Remembered } from '../remember.js';
import { counted } from './words.js';

export type Precision = 'year' | 'month' | 'day';

/** A parsed partial date: its precision and the first and last calendar day it may stand for. */
export interface PartialDay {
    text: string;
    precision: Precision;
    /** First calendar day of the period (YYYY-MM-DD). */
    first: string;
    /** Last calendar day of the period (YYYY-MM-DD): the day a due date falls on. */
    last: string;
}

const PATTERN = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
const DAY_MS = 86_400_000;

/** Reads `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; undefined for anything else, including days that do not exist. */
export function parsePartialDate(text: string): PartialDay | undefined {
    const m = PATTERN.exec(text.trim());
    if (!m) return undefined;
    const [, y, mo, d] = m;
    const year = Number(y);
    if (year < 1900 || year > 2200) return undefined;
    if (d !== undefined) {
        const day = DateTime.fromObject({ year, month: Number(mo), day: Number(d) }, { zone: 'utc' });
        if (!day.isValid) return undefined;
        const iso = day.toISODate();
        return { text: iso, precision: 'day', first: iso, last: iso };
    }
    if (mo !== undefined) {
        const month = DateTime.fromObject({ year, month: Number(mo), day: 1 }, { zone: 'utc' });
        if (!month.isValid) return undefined;
        return {
            text: month.toFormat('yyyy-MM'),
            precision: 'month',
            first: month.toISODate(),
            last: month.endOf('month').toISODate(),
        };
    }
    const start = DateTime.fromObject({ year, month: 1, day: 1 }, { zone: 'utc' });
    return { text: String(year), precision: 'year', first: start.toISODate()!, last: start.endOf('year').toISODate()! };
}

/** True when the text is a partial date that exists on the calendar. */
export function isPartialDate(text: string): boolean {
    return parsePartialDate(text) !== undefined;
}

/** The partial date `months` later, at the precision described in the module comment. */
export function addMonths(date: PartialDay, months: number): PartialDay {
    const first = DateTime.fromISO(date.first, { zone: 'utc' });
    if (date.precision === 'day') return parsePartialDate(first.plus({ months }).toISODate()!)!;
    if (date.precision === 'year' && months % 12 === 0) return parsePartialDate(String(first.year + months / 12))!;
    // A year stands for its last month, December; a month for itself.
    const from = date.precision === 'year' ? first.set({ month: 12 }) : first;
    return parsePartialDate(from.plus({ months }).toFormat('yyyy-MM'))!;
}

/** What `showDate` writes: a partial date, a calendar day or an instant (ISO text or a Date). */
export type DateInput = string | Date | PartialDay;

export interface ShowDateOptions {
    /** The time zone an instant is shown in (the partnership's); calendar days have none. Default UTC. */
    zone?: string;
    /** Put the weekday first, for a day: "Friday 18 Dec 2026". */
    weekday?: boolean;
    /** Add the time of an instant: "30 Nov 2026 at 14:05". */
    time?: boolean;
}

/**
 * The partnership's one way of writing a date for people, on every card and in every message: the UK
 * style of its papers, "30 Nov 2026"; "Nov 2026" for a date known to the month and "2013" for one known
 * to the year; with `weekday`, "Friday 18 Dec 2026"; with `time`, "30 Nov 2026 at 14:05" (in `zone`).
 * Accepts `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, an ISO instant, a Date or a parsed partial date. Text that
 * is none of these is returned as it is, so a stored value that is not a date is shown, not lost.
 */
export function showDate(value: DateInput, options: ShowDateOptions = {}): string {
    // Formatting is slow (Intl under luxon) and cards show the same few dates many times: a string's
    // rendering is kept, keyed by everything that shapes it.
    if (typeof value !== 'string') return formatDate(value, options);
    const key = `${value}|${options.weekday ? 'w' : ''}${options.time ? 't' : ''}|${options.zone ?? ''}`;
    return shown.get(key, () => formatDate(value, options));
}

const shown = new Remembered<string>(2048);

function formatDate(value: DateInput, options: ShowDateOptions): string {
    const partial = typeof value === 'string' ? parsePartialDate(value) : value instanceof Date ? undefined : value;
    if (partial) {
        const d = DateTime.fromISO(partial.first, { zone: 'utc' }).setLocale('en-GB');
        if (partial.precision === 'year') return String(d.year);
        if (partial.precision === 'month') return d.toFormat('LLL yyyy');
        return d.toFormat(options.weekday ? 'cccc d LLL yyyy' : 'd LLL yyyy');
    }
    const instant = value instanceof Date ? DateTime.fromJSDate(value) : DateTime.fromISO(value as string);
    if (!instant.isValid) return typeof value === 'string' ? value : 'an unknown date';
    const d = instant.setZone(options.zone ?? 'utc').setLocale('en-GB');
    return d.toFormat(`${options.weekday ? 'cccc ' : ''}d LLL yyyy${options.time ? " 'at' HH:mm" : ''}`);
}

const days = new Remembered<string>(64);

/** Today's calendar date in the given time zone (YYYY-MM-DD). */
export function todayIn(now: Date, zone: string): string {
    return days.get(`${now.getTime()} ${zone}`, () => DateTime.fromJSDate(now, { zone }).toISODate()!);
}

/** Whole days from one calendar day to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
    // Calendar days in UTC: plain arithmetic on epoch days (ECMAScript reads a date-only ISO string as UTC).
    return Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);
}

/** The calendar day `days` after the given one. */
export function plusDays(isoDay: string, days: number): string {
    return new Date(Date.parse(isoDay) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The calendar day a number of months (and days) after the given one. */
export function plusPeriod(isoDay: string, period: { months?: number; days?: number }): string {
    return DateTime.fromISO(isoDay, { zone: 'utc' }).plus(period).toISODate()!;
}

/**
 * How long from one calendar day to a later one, in words a person reads at a glance:
 * "3 years 2 months", "5 months", "12 days", "1 day".
 */
export function describeSpan(from: string, to: string): string {
    const a = DateTime.fromISO(from, { zone: 'utc' });
    const b = DateTime.fromISO(to, { zone: 'utc' });
    const { years, months, days } = b.diff(a, ['years', 'months', 'days']).toObject();
    const y = Math.floor(years ?? 0);
    const m = Math.floor(months ?? 0);
    const d = Math.floor(days ?? 0);
    if (y > 0) return m > 0 ? `${counted(y, 'year')} ${counted(m, 'month')}` : counted(y, 'year');
    if (m > 0) return counted(m, 'month');
    return counted(Math.max(d, 0), 'day');
}
