/**
 * The protocol register's rules: where each document's review stands *on the evidence the partnership
 * has*, the due list a person asks for, what to review first and each group's load. Pure functions
 * over the store's data and `today`.
 *
 * **Evidence, not arithmetic.** The papers set no general review cycle (domain notes, "dates"). A
 * document has a review date only when it states one (the KRS: "will be reviewed in September 2021",
 * annually), when the manager recorded one, or when the partnership manager has set a review-cycle
 * policy (a setting, unset by default). Otherwise its position comes from the recorded evidence,
 * each piece with its source and the date it was recorded: flagged as due (the website), the owner's
 * word, a judgement ("probably due"), advice sought on whether it needs review, the owning group
 * deciding whether it is still needed, or nothing at all.
 *
 * **Positions** (one per document, the strongest evidence wins, in this order):
 * `inactive` (draft or withdrawn) > `under_review` > `removal_candidate` > `date_passed` >
 * `flagged_due` > `owner_says_due` > `probably_due` > `date_coming` > `advice_sought` > `not_due` >
 * `reviewed` (the manager's word that it was reviewed, with no cycle to give a next date) > `nothing_recorded`.
 *
 * Evidence recorded before the document's last review is superseded by that review and no longer counts.
 */
import type { AsAt, Evidence, EvidenceKind, Group, Protocol } from './model.js';
import { RememberedPer } from '../remember.js';
import { addMonths, parsePartialDate, plusDays, plusPeriod, todayIn, showDate } from './partialDate.js';
import type { PartialDay } from './partialDate.js';

/** Titles in the order people read them (one collator, reused). */
const byTitle = new Intl.Collator();

export interface RegisterOptions {
    /** The partnership's time zone: "today" is the calendar date there. */
    zone: string;
    /** How many days ahead a stated review date counts as coming up. */
    dueSoonDays: number;
    /** The manager's review-cycle policy for documents that state none; absent while unset. */
    policyCycleMonths?: number;
    /** Facts recorded longer ago than this many months are "not confirmed since" their date. */
    confirmedMonths: number;
}

export const POSITIONS = [
    'date_passed',
    'flagged_due',
    'owner_says_due',
    'probably_due',
    'date_coming',
    'advice_sought',
    'removal_candidate',
    'under_review',
    'nothing_recorded',
    'not_due',
    'reviewed',
    'inactive',
] as const;
export type Position = (typeof POSITIONS)[number];

/** A review date and where it comes from: the document or manager (`stated`) or the manager's policy. */
export interface ReviewDate {
    due: PartialDay;
    basis: 'stated' | 'policy';
    /** For a date worked out from a cycle: the date it counts from and the cycle. */
    from?: { what: 'last reviewed' | 'published'; date: PartialDay };
    cycleMonths?: number;
}

/** Where one document stands on a given day, and the evidence that says so. */
export interface Standing {
    protocol: Protocol;
    position: Position;
    date?: ReviewDate;
    /** The evidence that still counts (not superseded by a later review). */
    evidence: Evidence[];
    /** The piece of evidence that gives the position, when one does. */
    main?: Evidence;
}

/** What a person asked to see. */
export interface RegisterFilter {
    /** Only documents these groups own or are named to review. */
    groupIds?: string[];
    /** Only documents whose review date has passed. */
    overdueOnly?: boolean;
    /** Count as "coming up" what falls due within this horizon instead of the configured window. */
    horizon?: { months?: number; days?: number };
}

/** The review date on record: the stated next review, else the last review or publication plus a cycle. */
export function reviewDateOf(protocol: Protocol, policyCycleMonths?: number): ReviewDate | undefined {
    const next = protocol.nextReview ? parsePartialDate(protocol.nextReview) : undefined;
    if (next) return { due: next, basis: 'stated' };
    const cycle = protocol.reviewCycleMonths ?? policyCycleMonths;
    if (!cycle) return undefined;
    const fromText = protocol.lastReviewed ?? protocol.published;
    const from = fromText ? parsePartialDate(fromText) : undefined;
    if (!from) return undefined;
    return {
        due: addMonths(from, cycle),
        basis: protocol.reviewCycleMonths ? 'stated' : 'policy',
        from: { what: protocol.lastReviewed ? 'last reviewed' : 'published', date: from },
        cycleMonths: cycle,
    };
}

/** Evidence still counting: what was recorded after the document's last review (or all, with no review). */
export function liveEvidence(protocol: Protocol): Evidence[] {
    const reviewed = protocol.lastReviewed ? parsePartialDate(protocol.lastReviewed) : undefined;
    return protocol.evidence.filter((e) => {
        if (!reviewed) return true;
        const at = parsePartialDate(e.recorded.at);
        return !at || at.last >= reviewed.first;
    });
}

const EVIDENCE_POSITION: Partial<Record<EvidenceKind, Position>> = {
    flagged_due: 'flagged_due',
    owner_says_due: 'owner_says_due',
    probably_due: 'probably_due',
    advice_sought: 'advice_sought',
    deciding_if_needed: 'removal_candidate',
};

/** Where a document stands on `today` (YYYY-MM-DD), counting as coming up a date due by `windowEnd`. */
export function assessProtocol(
    protocol: Protocol,
    today: string,
    windowEnd: string,
    policyCycleMonths?: number,
): Standing {
    const evidence = liveEvidence(protocol);
    const date = reviewDateOf(protocol, policyCycleMonths);
    const standing: Standing = { protocol, position: 'nothing_recorded', date, evidence };
    const first = (kind: EvidenceKind) => evidence.find((e) => e.kind === kind);
    const pick = (position: Position, main?: Evidence) => {
        standing.position = position;
        standing.main = main;
        return standing;
    };
    if (protocol.status === 'draft' || protocol.status === 'withdrawn') return pick('inactive');
    if (protocol.status === 'under_review') return pick('under_review');
    const deciding = first('deciding_if_needed');
    if (deciding) return pick('removal_candidate', deciding);
    const stated = first('stated_review');
    if (date && date.due.last < today) return pick('date_passed', date.basis === 'stated' ? stated : undefined);
    for (const kind of ['flagged_due', 'owner_says_due', 'probably_due'] as const) {
        const e = first(kind);
        if (e) return pick(EVIDENCE_POSITION[kind]!, e);
    }
    if (date && date.due.last <= windowEnd) return pick('date_coming', date.basis === 'stated' ? stated : undefined);
    const advice = first('advice_sought');
    if (advice) return pick('advice_sought', advice);
    if (date) return pick('not_due', stated);
    const reviewed = first('reviewed');
    if (reviewed) return pick('reviewed', reviewed);
    return pick('nothing_recorded');
}

/** True when the document is owned by one of the groups, or names one of them to review it (or no filter). */
export function concernsAny(protocol: Protocol, groupIds: readonly string[] | undefined): boolean {
    return (
        !groupIds ||
        protocol.ownerGroups.some((g) => groupIds.includes(g)) ||
        protocol.reviewers.some((g) => groupIds.includes(g))
    );
}

/** The groups a document concerns: its owners, then the groups named to review it. */
export function groupsOf(protocol: Protocol): string[] {
    return [...new Set([...protocol.ownerGroups, ...protocol.reviewers])];
}

/** The positions that ask for a review, in the order the ranking takes them. */
export const DUE_POSITIONS: readonly Position[] = [
    'date_passed',
    'flagged_due',
    'owner_says_due',
    'probably_due',
    'date_coming',
];

/** The answer to "which protocols are due for review?": documents grouped by what their evidence means. */
export interface DueReport {
    today: string;
    /** The last day a stated review date counts as coming up. */
    windowEnd: string;
    filter: RegisterFilter;
    policyCycleMonths?: number;
    /** Documents in scope (after the group filter). */
    total: number;
    /**
     * Per position, how many documents in scope stand there, whatever was asked: one position per
     * document, so these add up to `total` (with `overdueOnly` too, when `sections` lists fewer).
     */
    counts: Record<Position, number>;
    /** Per position, the documents in it, each list in its order. */
    sections: Record<Position, Standing[]>;
}

/** The day that ends the "coming up" window: today plus the horizon asked for, or the configured days. */
export function windowEndFor(
    today: string,
    options: Pick<RegisterOptions, 'dueSoonDays'>,
    filter: RegisterFilter = {},
): string {
    return filter.horizon ? plusPeriod(today, filter.horizon) : plusDays(today, options.dueSoonDays);
}

/** The due list on `now`, filtered as asked; with `overdueOnly`, only documents whose date has passed. */
export function dueReport(
    protocols: readonly Protocol[],
    now: Date,
    options: RegisterOptions,
    filter: RegisterFilter = {},
): DueReport {
    // The same register, day and question give the same report; it is kept until the register changes
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
    const inScope = protocols.filter((p) => concernsAny(p, filter.groupIds));
    const all = inScope.map((p) => assessProtocol(p, today, windowEnd, options.policyCycleMonths));
    const sections = Object.fromEntries(POSITIONS.map((p) => [p, [] as Standing[]])) as Record<Position, Standing[]>;
    const counts = Object.fromEntries(POSITIONS.map((p) => [p, 0])) as Record<Position, number>;
    for (const s of all) {
        counts[s.position]++;
        if (!filter.overdueOnly || s.position === 'date_passed') sections[s.position].push(s);
    }
    for (const position of POSITIONS) sections[position].sort(byEvidenceAge);
    return {
        today,
        windowEnd,
        filter,
        policyCycleMonths: options.policyCycleMonths,
        total: inScope.length,
        counts,
        sections,
    };
}

/**
 * Within one position: the earliest review date first, then the oldest document (last reviewed or
 * published), then the title. A document with no date comes after those with one.
 */
export function byEvidenceAge(a: Standing, b: Standing): number {
    const due = (s: Standing) => s.date?.due.last ?? '9999';
    const age = (s: Standing) => {
        const d = s.protocol.lastReviewed ?? s.protocol.published;
        return d ? parsePartialDate(d)!.last : '9999';
    };
    return (
        due(a).localeCompare(due(b)) ||
        age(a).localeCompare(age(b)) ||
        byTitle.compare(a.protocol.title, b.protocol.title)
    );
}

/** "from the paper on the documents on the KHG website, 2022", "said by the partnership manager, 3 November 2026". */
export function describeAsAt(asAt: AsAt, people: (email: string) => string = (e) => e): string {
    const when = formatAt(asAt.at);
    if (asAt.source === 'paper') return `recorded in ${asAt.by}, ${when}`;
    const who = people(asAt.by);
    return asAt.source === 'chair' ? `said by ${who} (chair), ${when}` : `recorded by ${who}, ${when}`;
}

function formatAt(at: string): string {
    const d = parsePartialDate(at);
    return d ? (d.precision === 'day' ? showDate(d.first) : showDate(d)) : at;
}

/** True when a fact recorded at `at` is older than the configured age on `today`. */
export function isStale(at: string, today: string, confirmedMonths: number): boolean {
    const d = parsePartialDate(at);
    if (!d) return true;
    return plusPeriod(d.last, { months: confirmedMonths }) < today;
}

/** " (as at 2022; not confirmed since)" or " (as at 3 November 2026)". */
export function asAtSuffix(asAt: AsAt, today: string, confirmedMonths: number): string {
    const when = formatAt(asAt.at);
    return isStale(asAt.at, today, confirmedMonths) ? `not confirmed since ${when}` : `as at ${when}`;
}

/** The words a `reviewed` piece of evidence carries when the manager wrote no note of their own. */
export const REVIEWED_TEXT = 'Marked reviewed by the partnership manager.';

/** The evidence in plain words: "The KHG website flagged it as due for review: ..." */
export function describeEvidence(e: Evidence): string {
    switch (e.kind) {
        case 'stated_review':
            return `It states its own review: ${e.statedDate ? formatAt(e.statedDate) : 'no date'}${e.cycleText ? `, then ${e.cycleText}` : ''}`;
        case 'flagged_due':
            return `Flagged as due for review by ${e.who}: "${e.text}"`;
        case 'owner_says_due':
            return `The owner's own word (${e.who}): "${e.text}"`;
        case 'probably_due':
            return `A judgement by ${e.who}: "${e.text}"`;
        case 'advice_sought':
            return e.advice === 'received'
                ? `Advice received from ${e.who} on whether it needs review: ${e.answer ?? 'no answer recorded'}`
                : `Advice sought from ${e.who} on whether it needs review; no answer recorded`;
        case 'deciding_if_needed':
            return `${e.who} is deciding whether it is still needed: "${e.text}"`;
        case 'reviewed':
            return `Reviewed on ${e.statedDate ? formatAt(e.statedDate) : 'a date not recorded'}, in the word of ${e.who}${e.text === REVIEWED_TEXT ? '' : `: "${e.text}"`}`;
    }
}

/** What a review date says: "Its stated review date, September 2021, has passed". */
export function describeDate(date: ReviewDate, today: string): string {
    const when = showDate(date.due);
    const passed = date.due.last < today;
    if (date.basis === 'stated' && !date.cycleMonths)
        return passed ? `Its stated review date, ${when}, has passed` : `Its stated review date is ${when}`;
    const from = date.from ? `${date.from.what} ${showDate(date.from.date)}` : '';
    const cycle =
        date.basis === 'policy'
            ? `the partnership's review cycle of ${date.cycleMonths} months`
            : `its own ${date.cycleMonths}-month cycle`;
    return `${passed ? 'Due by' : 'Comes due'} ${when} (${from}, ${cycle})${passed ? ': that has passed' : ''}`;
}

/** One line on where a document stands, in plain words (for lists and reminders). */
export function describePosition(s: Standing, today: string): string {
    const p = s.protocol;
    switch (s.position) {
        case 'inactive':
            return p.status === 'draft' ? 'Being drafted: not in force, so never due' : 'Withdrawn: never due';
        case 'under_review':
            return p.reviewLead ? `Review under way, led by ${p.reviewLead}` : 'Review under way';
        case 'date_passed':
        case 'date_coming':
        case 'not_due':
            return describeDate(s.date!, today);
        case 'nothing_recorded':
            return 'Nothing recorded about whether it needs review';
        case 'reviewed':
            return `Reviewed on ${s.main?.statedDate ? formatAt(s.main.statedDate) : 'a date not recorded'}: current. No review cycle on record (its own or the partnership's), so when its next review falls is unknown`;
        default:
            return s.main ? describeEvidence(s.main) : 'Nothing recorded';
    }
}

/** The as-at of what gives the position: its main evidence, else the record's own. */
export function positionAsAt(s: Standing): AsAt | undefined {
    return s.main?.recorded ?? s.protocol.asAt;
}

// --- What to review first ---------------------------------------------------------------------------

/** What is on a group's plate in the register. */
export interface GroupLoad {
    groupId: string;
    /** Reviews under way that the group owns, leads or is named in. */
    underWay: number;
    drafts: number;
    /** Documents the group owns or is named to review whose evidence asks for a review. */
    due: number;
    /** Documents the group is deciding whether to keep. */
    deciding: number;
    total: number;
}

/** Each group's load from the register, the heaviest first (then by name). Groups with nothing on are left out. */
export function groupLoads(report: DueReport, groups: readonly Group[], protocols: readonly Protocol[]): GroupLoad[] {
    const loads = new Map<string, GroupLoad>();
    const load = (id: string) => {
        let l = loads.get(id);
        if (!l) loads.set(id, (l = { groupId: id, underWay: 0, drafts: 0, due: 0, deciding: 0, total: 0 }));
        return l;
    };
    const count = (s: Standing, field: 'underWay' | 'due' | 'deciding') =>
        groupsOf(s.protocol).forEach((g) => load(g)[field]++);
    report.sections.under_review.forEach((s) => count(s, 'underWay'));
    report.sections.removal_candidate.forEach((s) => count(s, 'deciding'));
    for (const position of DUE_POSITIONS) report.sections[position].forEach((s) => count(s, 'due'));
    protocols
        .filter((p) => p.status === 'draft' && concernsAny(p, report.filter.groupIds))
        .forEach((p) => groupsOf(p).forEach((g) => load(g).drafts++));
    const name = (id: string) => groups.find((g) => g.id === id)?.name ?? id;
    return [...loads.values()]
        .map((l) => ({ ...l, total: l.underWay + l.drafts + l.due + l.deciding }))
        .filter((l) => !report.filter.groupIds || report.filter.groupIds.includes(l.groupId))
        .sort((a, b) => b.total - a.total || byTitle.compare(name(a.groupId), name(b.groupId)));
}

/** One document in the "review first" answer, with the reasons the ranking used. */
export interface FirstPick {
    rank: number;
    standing: Standing;
    /** The reasons that placed it: its evidence tier, then what ordered it within the tier. */
    reasons: string[];
    /** Shown beside, not used in the order: "marked as a key document (importance, not urgency)". */
    importance?: string;
}

export interface ReviewFirst {
    picks: FirstPick[];
    /** How many more ask for a review beyond the picks. */
    moreDue: number;
    underWay: number;
    /** Removal candidates: decided by their owners, not reviewed, so kept apart. */
    removalCandidates: Standing[];
    /** Waiting for advice on whether they need review at all. */
    awaitingAdvice: number;
    nothingRecorded: number;
    loads: GroupLoad[];
}

const TIER_REASON: Partial<Record<Position, string>> = {
    date_passed: '1st on the evidence: a review date on record has passed',
    flagged_due: '2nd on the evidence: flagged as due for review',
    owner_says_due: "3rd on the evidence: the owner's own word that it needs review",
    probably_due: '4th on the evidence: a judgement that it is probably due',
    date_coming: '5th on the evidence: a review date on record is coming up',
};

/**
 * "What should we review first?": documents whose evidence asks for a review, in this order:
 * 1. a review date on record has passed (stated by the document or the manager, or by the manager's
 *    policy), then flagged as due, then the owner's own word, then a judgement, then a date coming up;
 * 2. within each, the earliest review date, then the oldest document (last reviewed or published);
 * 3. the title, so the order is stable.
 * Reviews under way are being handled and removal candidates are decided, not reviewed: both are kept
 * apart. Being a key document is importance, not urgency: it is shown, never used in the order.
 */
export function reviewFirst(
    report: DueReport,
    count: number,
    groups: readonly Group[],
    protocols: readonly Protocol[],
): ReviewFirst {
    const due = DUE_POSITIONS.flatMap((p) => report.sections[p]);
    const picks = due.slice(0, count).map((standing, i) => {
        const p = standing.protocol;
        const reasons = [TIER_REASON[standing.position]!, describePosition(standing, report.today)];
        const age = p.lastReviewed ?? p.published;
        if (!standing.date && age)
            reasons.push(`Then the oldest first: ${p.lastReviewed ? 'last reviewed' : 'published'} ${formatAt(age)}`);
        return {
            rank: i + 1,
            standing,
            reasons,
            importance: p.key
                ? `Marked as a key document (importance, not urgency)${p.keyNote ? `: ${p.keyNote}` : ''}`
                : undefined,
        };
    });
    return {
        picks,
        moreDue: Math.max(0, due.length - picks.length),
        underWay: report.sections.under_review.length,
        removalCandidates: report.sections.removal_candidate,
        awaitingAdvice: report.sections.advice_sought.length,
        nothingRecorded: report.sections.nothing_recorded.length,
        loads: groupLoads(report, groups, protocols),
    };
}

/** "3 reviews under way, 1 draft, 2 due" for a group's load. */
export function describeLoad(l: GroupLoad): string {
    const parts: string[] = [];
    const n = (k: number, one: string, many: string) => parts.push(`${k} ${k === 1 ? one : many}`);
    if (l.underWay) n(l.underWay, 'review under way', 'reviews under way');
    if (l.drafts) n(l.drafts, 'draft', 'drafts');
    if (l.due) n(l.due, 'due on the evidence', 'due on the evidence');
    if (l.deciding) n(l.deciding, 'to decide whether to keep', 'to decide whether to keep');
    return parts.length ? parts.join(', ') : 'nothing on record';
}
