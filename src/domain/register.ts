/**
 * The protocol register's rules: when each document falls due for review, where it stands today, the
 * order in which to take reviews on, and the due list a person asks for. Pure functions over the
 * store's data and `now`.
 *
 * **When a document is due.** Its `nextReview` when the register states one; otherwise its last
 * review (or, failing that, its publication) plus its review cycle, which is the partnership's
 * default (36 months unless configured) when the document states none. Dates known only to the month
 * or the year count as the end of that month or year (see `partialDate.ts`), so a document is never
 * called overdue before it could be.
 *
 * **Where it stands** (one state per document):
 * - `inactive`: a draft or a withdrawn document, never "due";
 * - `under_review`: a review is under way, shown apart with who leads it (and how late it was);
 * - `no_date`: nothing on record says when it was written or reviewed, so it needs a date;
 * - `overdue`: its due date has passed;
 * - `due_soon`: due within the window (`dueSoonDays`, 90 by default, or the horizon asked for);
 * - `not_due`: due later than that.
 */
import type { Protocol } from './model.js';
import { RememberedPer } from '../remember.js';
import {
    addMonths,
    daysBetween,
    describeSpan,
    formatDay,
    formatPartialDate,
    parsePartialDate,
    plusDays,
    plusPeriod,
    todayIn,
    type PartialDay,
} from './partialDate.js';

/** Titles in the order people read them (one collator, reused: cheaper than `localeCompare` on a long register). */
const byTitle = new Intl.Collator();

export interface RegisterOptions {
    /** The partnership's time zone: "today" is the calendar date there. */
    zone: string;
    /** How many days ahead a review counts as due soon. */
    dueSoonDays: number;
    /** The review cycle of a document that states none. */
    defaultCycleMonths: number;
}

export type DueState = 'overdue' | 'due_soon' | 'under_review' | 'no_date' | 'not_due' | 'inactive';

/** When a document is due for review, and what that was worked out from. */
export interface DueDate {
    /** The day, month or year the review is due in; it is due by the last day of it. */
    due: PartialDay;
    basis: 'next_review' | 'last_reviewed' | 'published';
    /** The date the due date comes from (the stated next review, the last review or the publication). */
    from: PartialDay;
    /** The cycle added to `from` (absent when the register states the next review). */
    cycleMonths?: number;
    cycleIsDefault: boolean;
}

/** Where one document stands on a given day. */
export interface Standing {
    protocol: Protocol;
    state: DueState;
    due?: DueDate;
    /** The first day the review counts as late (the day after the due date). */
    overdueSince?: string;
    /** Days since `overdueSince` (0 on that day); set whenever the due date has passed, whatever the state. */
    daysOverdue?: number;
    /** Days until the due date (0 on the day); set when it has not passed. */
    daysUntilDue?: number;
    /** No date on record at all: the register should be given one (drafts and withdrawn documents excepted). */
    needsDate: boolean;
}

/** What a person asked to see. */
export interface RegisterFilter {
    /** Only documents owned by one of these groups. */
    groupIds?: string[];
    /** Only what is already overdue. */
    overdueOnly?: boolean;
    /** Count as "due soon" what falls due within this horizon instead of the configured window. */
    horizon?: { months?: number; days?: number };
}

/**
 * When the document is due for review: its stated next review, else its last review or publication
 * plus its cycle. Undefined when the register has none of those dates.
 */
export function dueDateOf(protocol: Protocol, defaultCycleMonths: number): DueDate | undefined {
    // Stored documents are never changed in place (a write replaces them), so the answer is kept per document.
    return dueDates.get(protocol, String(defaultCycleMonths), () => computeDueDate(protocol, defaultCycleMonths));
}

const dueDates = new RememberedPer<Protocol, DueDate | undefined>(8);

function computeDueDate(protocol: Protocol, defaultCycleMonths: number): DueDate | undefined {
    const next = protocol.nextReview ? parsePartialDate(protocol.nextReview) : undefined;
    if (next) return { due: next, basis: 'next_review', from: next, cycleIsDefault: false };
    const basis = protocol.lastReviewed ? 'last_reviewed' : protocol.published ? 'published' : undefined;
    const from = basis ? parsePartialDate((protocol.lastReviewed ?? protocol.published)!) : undefined;
    if (!basis || !from) return undefined;
    const cycleMonths = protocol.reviewCycleMonths ?? defaultCycleMonths;
    return {
        due: addMonths(from, cycleMonths),
        basis,
        from,
        cycleMonths,
        cycleIsDefault: protocol.reviewCycleMonths === undefined,
    };
}

/**
 * Where a document stands on `today` (YYYY-MM-DD), counting as due soon what is due by `windowEnd`.
 */
export function assessProtocol(
    protocol: Protocol,
    today: string,
    windowEnd: string,
    defaultCycleMonths: number,
): Standing {
    const due = dueDateOf(protocol, defaultCycleMonths);
    const standing: Standing = { protocol, state: 'not_due', due, needsDate: false };
    if (due) {
        const since = plusDays(due.due.last, 1);
        if (today >= since) {
            standing.overdueSince = since;
            standing.daysOverdue = daysBetween(since, today);
        } else {
            standing.daysUntilDue = daysBetween(today, due.due.last);
        }
    }
    const live = protocol.status === 'current' || protocol.status === 'under_review';
    standing.needsDate = live && !due;
    if (!live) standing.state = 'inactive';
    else if (protocol.status === 'under_review') standing.state = 'under_review';
    else if (!due) standing.state = 'no_date';
    else if (standing.overdueSince) standing.state = 'overdue';
    else if (due.due.last <= windowEnd) standing.state = 'due_soon';
    return standing;
}

/**
 * The order of what to review first, among documents whose review is due and not under way:
 * 1. overdue before due soon (a late review before one that is only coming up);
 * 2. key documents first: the partnership marks as key the documents its joint working rests on
 *    (e.g. the Kent Planning Protocol, "the key document that frames the joint working approach");
 * 3. the longest overdue first, or for reviews coming up, the soonest due;
 * 4. the title, so that the order is stable.
 * A review already under way is not ranked with these: it is being handled, and is shown apart.
 */
export function byPriority(a: Standing, b: Standing): number {
    const tier = (s: Standing) => (s.state === 'overdue' ? 0 : s.state === 'due_soon' ? 1 : 2);
    return (
        tier(a) - tier(b) ||
        Number(b.protocol.key) - Number(a.protocol.key) ||
        lateness(b) - lateness(a) ||
        byTitle.compare(a.protocol.title, b.protocol.title)
    );
}

/** Days past the due date; negative for days still to go; far below zero when there is no date. */
function lateness(s: Standing): number {
    return s.daysOverdue ?? (s.daysUntilDue !== undefined ? -s.daysUntilDue - 1 : -1e9);
}

/** Reviews under way: the most overdue first (those with no date last), then by title. */
function byLateness(a: Standing, b: Standing): number {
    return lateness(b) - lateness(a) || byTitle.compare(a.protocol.title, b.protocol.title);
}

/** Documents with no date: key documents first, then by title. */
function byKeyThenTitle(a: Standing, b: Standing): number {
    return Number(b.protocol.key) - Number(a.protocol.key) || byTitle.compare(a.protocol.title, b.protocol.title);
}

/** The answer to "which protocols are due for review?", section by section, each in its order. */
export interface DueReport {
    today: string;
    /** The last day that counts as "due soon". */
    windowEnd: string;
    filter: RegisterFilter;
    /** Documents in scope (after the group filter). */
    total: number;
    overdue: Standing[];
    dueSoon: Standing[];
    underReview: Standing[];
    noDate: Standing[];
    notDue: number;
    inactive: number;
    /** Live documents (current or under review) with no date on record, whichever section shows them. */
    needsDate: number;
}

/** The day that ends the "due soon" window: today plus the horizon asked for, or the configured days. */
export function windowEndFor(
    today: string,
    options: Pick<RegisterOptions, 'dueSoonDays'>,
    filter: RegisterFilter = {},
): string {
    return filter.horizon ? plusPeriod(today, filter.horizon) : plusDays(today, options.dueSoonDays);
}

/** True when the document is owned by one of the groups (or no group filter is set). */
export function ownedByAny(protocol: Protocol, groupIds: readonly string[] | undefined): boolean {
    return !groupIds || protocol.ownerGroups.some((g) => groupIds.includes(g));
}

/**
 * The due list: overdue and due soon in priority order (`byPriority`), reviews under way apart, and
 * documents that need a date. With `overdueOnly`, only what is past its due date (including reviews
 * under way that are late).
 */
export function dueReport(
    protocols: readonly Protocol[],
    now: Date,
    options: RegisterOptions,
    filter: RegisterFilter = {},
): DueReport {
    // The same register, day and question give the same report: it is kept until the register changes
    // (a write replaces the stored list). Treat the report as read-only.
    const today = todayIn(now, options.zone);
    return reports.get(protocols, JSON.stringify([today, options, filter]), () =>
        computeDueReport(protocols, today, options, filter),
    );
}

const reports = new RememberedPer<readonly Protocol[], DueReport>(64);

function computeDueReport(
    protocols: readonly Protocol[],
    today: string,
    options: RegisterOptions,
    filter: RegisterFilter,
): DueReport {
    const windowEnd = windowEndFor(today, options, filter);
    const inScope = protocols.filter((p) => ownedByAny(p, filter.groupIds));
    const all = inScope.map((p) => assessProtocol(p, today, windowEnd, options.defaultCycleMonths));
    const of = (state: DueState) => all.filter((s) => s.state === state);
    const only = filter.overdueOnly;
    return {
        today,
        windowEnd,
        filter,
        total: inScope.length,
        overdue: of('overdue').sort(byPriority),
        dueSoon: only ? [] : of('due_soon').sort(byPriority),
        underReview: of('under_review')
            .filter((s) => !only || s.overdueSince)
            .sort(byLateness),
        noDate: only ? [] : of('no_date').sort(byKeyThenTitle),
        notDue: of('not_due').length,
        inactive: of('inactive').length,
        needsDate: all.filter((s) => s.needsDate).length,
    };
}

/** One document in the "review first" answer, with why it is there. */
export interface FirstPick {
    rank: number;
    standing: Standing;
    reasons: string[];
}

export interface ReviewFirst {
    picks: FirstPick[];
    /** How many more are due beyond the picks. */
    moreDue: number;
    underWay: number;
    needsDate: number;
}

/** "Overdue for 3 years 2 months (due by the end of August 2023)" and the like. */
export function describeDue(s: Standing): string {
    if (!s.due) return 'No date on record: it needs one to know when it is due';
    const by = dueByText(s.due.due);
    if (s.overdueSince) {
        const span =
            s.daysOverdue === 0
                ? 'from today'
                : `for ${describeSpan(s.overdueSince, plusDays(s.overdueSince, s.daysOverdue!))}`;
        return `Overdue ${span} (due ${by})`;
    }
    const days = s.daysUntilDue!;
    if (days === 0) return `Due today (${by})`;
    // Weeks ahead read better in days, months ahead in months.
    const until =
        days === 1
            ? '1 day'
            : days < 62
              ? `${days} days`
              : describeSpan(plusDays(s.due.due.last, -days), s.due.due.last);
    return `Due ${by}, in ${until}`;
}

/** "by 15 March 2024", "by the end of August 2023", "by the end of 2021". */
export function dueByText(due: PartialDay): string {
    return due.precision === 'day' ? `by ${formatDay(due.last)}` : `by the end of ${formatPartialDate(due)}`;
}

/** How the due date was worked out: "published August 2020 + 36-month cycle (the default)". */
export function describeBasis(due: DueDate): string {
    if (due.basis === 'next_review') return `the register's stated next review, ${formatPartialDate(due.due)}`;
    const what = due.basis === 'published' ? 'published' : 'last reviewed';
    return `${what} ${formatPartialDate(due.from)} + ${due.cycleMonths}-month cycle${due.cycleIsDefault ? ' (the default)' : ''}`;
}

/**
 * "What should we review first?": the top `count` of the due list in priority order (`byPriority`),
 * each with the reasons it is there.
 */
export function reviewFirst(report: DueReport, count: number, groupName: (id: string) => string): ReviewFirst {
    const due = [...report.overdue, ...report.dueSoon];
    const picks = due.slice(0, count).map((standing, i) => {
        const p = standing.protocol;
        const reasons = [describeDue(standing)];
        if (p.key) reasons.push('Marked as a key document for the partnership');
        reasons.push('No review is under way yet');
        reasons.push(
            p.ownerGroups.length
                ? `Owned by ${p.ownerGroups.map(groupName).join(', ')}`
                : 'No owning group on record: someone needs to take it on',
        );
        return { rank: i + 1, standing, reasons };
    });
    return {
        picks,
        moreDue: Math.max(0, due.length - picks.length),
        underWay: report.underReview.length,
        needsDate: report.needsDate,
    };
}
