/** Builds the register's cards: the due list (summary and pages), one document, a choice, and "review first". */
import { shortName } from '../domain/groupNames.js';
import type { Group, Protocol, ProtocolEvent, RosterEntry } from '../domain/model.js';
import { parsePartialDate, showDate } from '../domain/partialDate.js';
import {
    asAtSuffix,
    describeAsAt,
    describeDate,
    describeEvidence,
    describeLoad,
    describePosition,
    positionAsAt,
    POSITIONS,
    type DueReport,
    type Position,
    type RegisterFilter,
    type ReviewFirst,
    type Standing,
} from '../domain/register.js';
import { STATUS_LABELS } from '../domain/registerChanges.js';
import { renderCard } from './render.js';
import type {
    DueSectionModel,
    ProtocolCardModel,
    ProtocolRowModel,
    ProtocolsDueModel,
    RegisterFilterData,
} from './models.js';
import { counted } from '../domain/words.js';

/** Rows per section on the summary card; the rest are a button away. */
export const SUMMARY_ROWS = 15;
/** Rows on one page of a section. */
export const PAGE_ROWS = 25;
/** History entries shown on a document's card, newest first. */
export const HISTORY_ROWS = 6;

export type SectionKey = Exclude<Position, 'not_due' | 'reviewed' | 'inactive'>;
/** The due list's sections, grouped by what the evidence means, strongest first (what is not due is counted, not listed). */
export const SECTIONS: readonly SectionKey[] = POSITIONS.filter(
    (p): p is SectionKey => p !== 'not_due' && p !== 'reviewed' && p !== 'inactive',
);

/** "KHOG" where a group has a short upper-case name, else its name. */
export function shortGroupName(groups: readonly Group[], id: string): string {
    const g = groups.find((x) => x.id === id);
    return g ? shortName(g) : id;
}

export function filterData(filter: RegisterFilter): RegisterFilterData {
    return {
        groupIds: filter.groupIds ?? [],
        overdueOnly: Boolean(filter.overdueOnly),
        horizonMonths: filter.horizon?.months ?? 0,
        horizonDays: filter.horizon?.days ?? 0,
    };
}

export function filterFromData(data: RegisterFilterData): RegisterFilter {
    const filter: RegisterFilter = {};
    if (data.groupIds.length) filter.groupIds = data.groupIds;
    if (data.overdueOnly) filter.overdueOnly = true;
    if (data.horizonMonths || data.horizonDays)
        filter.horizon = { months: data.horizonMonths || undefined, days: data.horizonDays || undefined };
    return filter;
}

function datesLine(p: Protocol): string {
    const parts: string[] = [];
    const fmt = (s: string | undefined) => (s ? parsePartialDate(s) : undefined);
    const published = fmt(p.published);
    const reviewed = fmt(p.lastReviewed);
    if (reviewed) parts.push(`Last reviewed ${showDate(reviewed)}`);
    if (published) parts.push(`${reviewed ? 'published' : 'Published'} ${showDate(published)}`);
    const next = fmt(p.nextReview);
    if (next) parts.push(`${parts.length ? 'next' : 'Next'} review set for ${showDate(next)}`);
    return parts.length ? parts.join(', ') : 'No date on record';
}

// The review lead is said once, by the due line ("Review under way, led by ..."), not again in the state.
function stateLine(p: Protocol): string {
    return STATUS_LABELS[p.status];
}

/** What the card needs to say when a fact was recorded and whether it is still confirmed. */
export interface AsAtContext {
    today: string;
    /** Facts older than this many months are "not confirmed since". */
    confirmedMonths: number;
}

/** The position in plain words, with when it was recorded: "Flagged as due ... (not confirmed since 2022)". */
function dueText(s: Standing, ctx: AsAtContext): string {
    const asAt = positionAsAt(s);
    const line = describePosition(s, ctx.today);
    return clip(asAt ? `${line} (${asAtSuffix(asAt, ctx.today, ctx.confirmedMonths)})` : line, 300);
}

const POSITION_COLOR: Record<Position, ProtocolRowModel['dueColor']> = {
    date_passed: 'Attention',
    flagged_due: 'Warning',
    owner_says_due: 'Warning',
    probably_due: 'Warning',
    date_coming: 'Warning',
    advice_sought: 'Default',
    removal_candidate: 'Default',
    under_review: 'Default',
    nothing_recorded: 'Default',
    not_due: 'Good',
    reviewed: 'Good',
    inactive: 'Default',
};

/** At most this many characters of a list line, so that no register can make a row large. */
const LINE_MAX = 160;
const clip = (s: string, max = LINE_MAX) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

const names = (groups: readonly Group[], ids: readonly string[]) =>
    ids.map((g) => shortGroupName(groups, g)).join(', ');

function ownersLine(groups: readonly Group[], p: Protocol): string {
    const parts = [p.ownerGroups.length ? `Owners: ${names(groups, p.ownerGroups)}` : 'No owning group on record'];
    if (p.reviewers.length) parts.push(`named to review: ${names(groups, p.reviewers)}`);
    if (p.partners.length) parts.push(`partners: ${p.partners.join(', ')}`);
    return clip(parts.join('; '));
}

function row(groups: readonly Group[], s: Standing, ctx: AsAtContext): ProtocolRowModel {
    const p = s.protocol;
    return {
        id: p.id,
        title: p.title,
        isKey: p.key,
        owners: ownersLine(groups, p),
        dates: datesLine(p),
        due: dueText(s, ctx),
        dueColor: POSITION_COLOR[s.position],
        state: stateLine(p),
    };
}

const SECTION_TEXT: Record<
    SectionKey,
    { heading: string; intro: string; color: DueSectionModel['color']; more: string }
> = {
    date_passed: {
        heading: 'A review date on record has passed',
        intro: 'The document states its own review date (or the manager recorded one, or the partnership set a review cycle), and it has passed.',
        color: 'Attention',
        more: 'with a date passed',
    },
    flagged_due: {
        heading: 'Flagged as due for review',
        intro: 'Someone flagged these as due (the website, a partner): no date is on record.',
        color: 'Warning',
        more: 'flagged as due',
    },
    owner_says_due: {
        heading: 'The owner says it needs review',
        intro: "The owner's own word.",
        color: 'Warning',
        more: 'the owner says are due',
    },
    probably_due: {
        heading: 'Probably due: a judgement',
        intro: 'Someone judged these probably due; whose judgement is shown.',
        color: 'Warning',
        more: 'judged probably due',
    },
    date_coming: {
        heading: 'A review date on record is coming up',
        intro: 'A stated review date falls within the window.',
        color: 'Warning',
        more: 'coming up',
    },
    advice_sought: {
        heading: 'Waiting for advice on whether a review is needed',
        intro: 'Advice was sought on whether these need reviewing at all; no answer is recorded.',
        color: 'Default',
        more: 'waiting for advice',
    },
    removal_candidate: {
        heading: 'The owners are deciding whether it is still needed',
        intro: 'Candidates for removal from the website: decided by their owners, not reviewed.',
        color: 'Default',
        more: 'being decided',
    },
    under_review: {
        heading: 'Already under review',
        intro: 'Being handled: who leads each review.',
        color: 'Accent',
        more: 'under review',
    },
    nothing_recorded: {
        heading: 'Nothing recorded',
        intro: 'No review date on record and no evidence either way.',
        color: 'Default',
        more: 'with nothing recorded',
    },
};

export interface DueCardContext extends AsAtContext {
    groups: readonly Group[];
    /** Whose documents, e.g. "KHOG's" ("" for the whole register). */
    scope: string;
    horizonLabel?: string;
    note?: string;
    dueSoonDays: number;
}

function headingFor(report: DueReport, ctx: DueCardContext): string {
    // A scope starts the heading, so it starts with a capital ("Your groups' protocols").
    const whose = ctx.scope
        ? `${ctx.scope.charAt(0).toUpperCase()}${ctx.scope.slice(1)} protocols`
        : 'Protocols and guides';
    if (report.filter.overdueOnly) return `${whose}: review date passed`;
    return `${whose}: where each review stands`;
}

function subheadingFor(report: DueReport, ctx: DueCardContext): string {
    const on = `On ${showDate(report.today)}, on the evidence recorded`;
    const policy = report.policyCycleMonths
        ? `The partnership's review cycle for documents that state none: ${report.policyCycleMonths} months.`
        : 'The partnership has set no review cycle, so only documents that state a date have one.';
    if (report.filter.overdueOnly) return `${on}. Only documents whose review date on record has passed. ${policy}`;
    const soon = report.filter.horizon
        ? `coming up means ${ctx.horizonLabel ?? 'within the horizon you asked for'}`
        : `coming up means within ${ctx.dueSoonDays} days`;
    return `${on}; ${soon} (by ${showDate(report.windowEnd)}). ${policy}`;
}

/** The due card's tiles; each register position is counted in exactly one of them. */
type TileKey = 'passed' | 'due' | 'underReview' | 'deciding' | 'open' | 'later';

/**
 * Which tile counts each position. A record over every position, so a position added to the register
 * fails the type check until it is given a tile: the tiles stay a partition of the documents counted,
 * and they add up to the total the card states.
 */
export const TILE_OF: Readonly<Record<Position, TileKey>> = {
    date_passed: 'passed',
    flagged_due: 'due',
    owner_says_due: 'due',
    probably_due: 'due',
    date_coming: 'due',
    under_review: 'underReview',
    removal_candidate: 'deciding',
    advice_sought: 'open',
    nothing_recorded: 'open',
    not_due: 'later',
    reviewed: 'later',
    inactive: 'later',
};

/** The tiles in order, with their labels; `always` tiles show a zero, the others only when they count something. */
const TILES: readonly { key: TileKey; label: string; color: string; always: boolean }[] = [
    { key: 'passed', label: 'Date passed', color: 'Attention', always: true },
    { key: 'due', label: 'Due on other evidence', color: 'Warning', always: true },
    { key: 'underReview', label: 'Under review', color: 'Accent', always: true },
    { key: 'deciding', label: 'Owners deciding', color: 'Default', always: false },
    { key: 'open', label: 'Waiting for advice or nothing recorded', color: 'Default', always: false },
    {
        key: 'later',
        label: 'Not due: just reviewed, a later date, a draft or withdrawn',
        color: 'Default',
        always: false,
    },
];

/**
 * The count tiles for a report: every document in scope in exactly one tile, so they sum to
 * `report.total`. Asked for passed dates only, the second tile holds the rest.
 */
export function dueTiles(report: DueReport): ProtocolsDueModel['counts'] {
    const passed = report.counts.date_passed;
    if (report.filter.overdueOnly)
        return [
            { label: 'Date passed', value: String(passed), color: passed ? 'Attention' : 'Default' },
            { label: 'Not passed, or no date', value: String(report.total - passed), color: 'Default' },
        ];
    const sums = new Map<TileKey, number>();
    for (const [position, tile] of Object.entries(TILE_OF) as [Position, TileKey][])
        sums.set(tile, (sums.get(tile) ?? 0) + report.counts[position]);
    return TILES.filter((t) => t.always || sums.get(t.key)! > 0).map((t) => ({
        label: t.label,
        value: String(sums.get(t.key)),
        color: sums.get(t.key) ? t.color : 'Default',
    }));
}

/**
 * The due list. With `page`, one section from `offset` (PAGE_ROWS at a time); without, the summary:
 * counts, then the first SUMMARY_ROWS of each section and how many more there are. Either way the
 * card stays far below Teams' message size limit however large the register.
 */
export function createDueCard(report: DueReport, ctx: DueCardContext, page?: { section: SectionKey; offset: number }) {
    return renderCard('protocols-due', dueCardModel(report, ctx, page));
}

/** The due card's model (see `createDueCard`). */
export function dueCardModel(
    report: DueReport,
    ctx: DueCardContext,
    page?: { section: SectionKey; offset: number },
): ProtocolsDueModel {
    const filter = filterData(report.filter);
    const sec = report.sections;
    const counts = dueTiles(report);
    const build = (section: SectionKey, offset: number, size: number): DueSectionModel | undefined => {
        const all = sec[section];
        if (all.length === 0) return undefined;
        const text = SECTION_TEXT[section];
        const shown = all.slice(offset, offset + size);
        const more = all.length - offset - shown.length;
        const range = offset > 0 || more > 0 ? `: showing ${offset + 1} to ${offset + shown.length}` : '';
        return {
            section,
            heading: `${text.heading} (${all.length})${range}`,
            intro: text.intro,
            color: text.color,
            rows: shown.map((s) => row(ctx.groups, s, ctx)),
            hasMore: more > 0,
            moreLine: `…and ${more} more ${text.more}.`,
            moreTitle: page ? `Next ${Math.min(more, PAGE_ROWS)}` : `See all ${all.length} ${text.more}`,
            moreData: { section, offset: page ? offset + shown.length : 0, filter },
        };
    };
    const sections = page
        ? [build(page.section, page.offset, PAGE_ROWS)].filter((s): s is DueSectionModel => Boolean(s))
        : SECTIONS.map((s) => build(s, 0, SUMMARY_ROWS)).filter((s): s is DueSectionModel => Boolean(s));
    const notDue = report.counts.not_due;
    const inactive = report.counts.inactive;
    const reviewed = report.counts.reviewed;
    const footer = [
        `${counted(report.total, 'document')} in all, each counted once above.`,
        !report.filter.overdueOnly && notDue
            ? `${notDue} ${notDue === 1 ? 'has its' : 'have their'} review date later.`
            : '',
        !report.filter.overdueOnly && reviewed
            ? `${reviewed} ${reviewed === 1 ? 'was' : 'were'} marked reviewed with no review cycle on record, so ${reviewed === 1 ? 'its' : 'their'} next review is unknown.`
            : '',
        !report.filter.overdueOnly && inactive
            ? `${inactive} ${inactive === 1 ? 'is a draft or withdrawn' : 'are drafts or withdrawn'}, so never due.`
            : '',
    ]
        .filter(Boolean)
        .join(' ');
    return {
        heading: headingFor(report, ctx),
        subheading: subheadingFor(report, ctx),
        note: ctx.note ?? '',
        counts,
        sections,
        nothing: sections.length === 0,
        nothingLine: page
            ? 'Nothing more to show in that part of the list: the register may have changed. Ask again for a fresh list.'
            : report.filter.overdueOnly
              ? 'No document has a review date on record that has passed.'
              : 'No document in the register is in scope.',
        footer,
        filter,
        isPage: Boolean(page),
        hasPrevious: Boolean(page && page.offset > 0),
        previousData: {
            section: page?.section ?? SECTIONS[0],
            offset: Math.max(0, (page?.offset ?? 0) - PAGE_ROWS),
            filter,
        },
    };
}

const FIELD_LABELS: Record<string, string> = {
    title: 'title',
    aliases: 'short names',
    kind: 'kind',
    ownerGroups: 'owners',
    partners: 'partners',
    published: 'published',
    lastReviewed: 'last reviewed',
    nextReview: 'next review',
    reviewCycleMonths: 'review cycle (months)',
    status: 'state',
    statusNote: 'note on its state',
    reviewLead: 'review lead',
    key: 'key document',
    onWebsite: 'on the website',
    url: 'link',
};

function valueText(field: string, v: unknown): string {
    if (v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) return 'none';
    if (field === 'status' && typeof v === 'string' && v in STATUS_LABELS)
        return STATUS_LABELS[v as keyof typeof STATUS_LABELS].toLowerCase();
    if (Array.isArray(v)) return v.join(', ');
    if (typeof v === 'string' && parsePartialDate(v) && /date|review|published/i.test(field))
        return showDate(parsePartialDate(v)!);
    if (typeof v === 'boolean') return v ? 'yes' : 'no';
    // A value of a kind this list does not name (a history change's object, say) shows as its JSON.
    const s = typeof v === 'string' ? v : typeof v === 'number' ? String(v) : JSON.stringify(v);
    return s.length > 80 ? `${s.slice(0, 77)}…` : s;
}

const EVENT_LABELS: Record<ProtocolEvent['kind'], string> = {
    created: 'Added to the register',
    imported: 'Imported',
    reviewed: 'Marked reviewed',
    review_started: 'Review started',
    status_changed: 'State changed',
    note: 'Note',
    edited: 'Edited',
    round_reply: 'Relevance round reply',
    round_decision: 'Relevance round decision',
};

/** One history line: "Marked reviewed: last reviewed 2018 → 16 November 2026. Note: ..." */
export function describeEvent(e: ProtocolEvent): string {
    const changes = Object.entries(e.changes ?? {})
        .filter(([field]) => field !== 'statusNote')
        .map(([field, c]) => `${FIELD_LABELS[field] ?? field} ${valueText(field, c.from)} → ${valueText(field, c.to)}`);
    let text = EVENT_LABELS[e.kind];
    if (changes.length) text += `: ${changes.join('; ')}`;
    if (e.note) text += `${changes.length ? '.' : ':'} ${e.note}`;
    return text;
}

export interface ProtocolCardContext extends AsAtContext {
    groups: readonly Group[];
    roster: readonly RosterEntry[];
    zone: string;
    canEdit: boolean;
    /** The partnership's review-cycle policy, when the manager has set one. */
    policyCycleMonths?: number;
    /** A line at the top, e.g. what the last change did. */
    message?: string;
}

/** One document: owners, partners, reviewers, advisers, dates, its evidence with sources and dates, history, link, and the manager's forms. */
export function createProtocolCard(s: Standing, ctx: ProtocolCardContext) {
    const p = s.protocol;
    const person = (by: string) =>
        ctx.roster.find((e) => e.email.toLowerCase() === by.toLowerCase())?.name ??
        (by === 'seed' ? 'the starting register' : by);
    const groupNames = (ids: readonly string[]) =>
        ids.map((g) => ctx.groups.find((x) => x.id === g)?.name ?? g).join(', ');
    const facts: { title: string; value: string }[] = [
        { title: 'Owners', value: p.ownerGroups.length ? groupNames(p.ownerGroups) : 'None on record' },
    ];
    if (p.partners.length) facts.push({ title: 'Partners', value: p.partners.join(', ') });
    if (p.reviewers.length) facts.push({ title: 'Named to review it', value: groupNames(p.reviewers) });
    if (p.advisers.length) facts.push({ title: 'Advice sought from', value: p.advisers.join(', ') });
    if (p.published) facts.push({ title: 'Published', value: showDate(parsePartialDate(p.published)!) });
    if (p.lastReviewed) facts.push({ title: 'Last reviewed', value: showDate(parsePartialDate(p.lastReviewed)!) });
    facts.push({
        title: 'Review date',
        value: s.date ? describeDate(s.date, ctx.today) : 'No review date on record',
    });
    facts.push({
        title: 'Review cycle',
        value: p.reviewCycleMonths
            ? `${p.reviewCycleMonths} months (stated for this document)`
            : ctx.policyCycleMonths
              ? `${ctx.policyCycleMonths} months (the partnership's policy, set by the manager)`
              : 'None set: the partnership has no review-cycle policy',
    });
    if (p.reviewLead && p.status === 'under_review') facts.push({ title: 'Review led by', value: p.reviewLead });
    if (p.key) facts.push({ title: 'Importance', value: p.keyNote ?? 'Marked as a key document' });
    if (p.aliases.length) facts.push({ title: 'Also called', value: p.aliases.join(', ') });
    facts.push({ title: 'On the website', value: p.onWebsite ? 'Yes' : 'No' });
    if (p.asAt)
        facts.push({
            title: 'Record as at',
            value: `${describeAsAt(p.asAt, person)} (${asAtSuffix(p.asAt, ctx.today, ctx.confirmedMonths)})`,
        });
    if (p.paperSays) facts.push({ title: 'The paper says', value: p.paperSays });
    const evidence = s.evidence.map((e) => ({
        text: `${describeEvidence(e)} (${describeAsAt(e.recorded, person)}; ${asAtSuffix(e.recorded, ctx.today, ctx.confirmedMonths)})`,
    }));
    const history = [...p.history].reverse();
    const model: ProtocolCardModel = {
        id: p.id,
        title: p.title,
        kindLabel: p.kind.charAt(0).toUpperCase() + p.kind.slice(1),
        isKey: p.key,
        stateLabel: stateLine(p),
        stateColor:
            p.status === 'current'
                ? s.position === 'date_passed'
                    ? 'Attention'
                    : 'Default'
                : p.status === 'under_review'
                  ? 'Accent'
                  : 'Default',
        due: dueText(s, ctx),
        dueColor: POSITION_COLOR[s.position],
        evidence,
        noEvidence: evidence.length === 0,
        facts,
        statusNote: p.statusNote ?? '',
        message: ctx.message ?? '',
        url: p.url ?? '',
        history: history.slice(0, HISTORY_ROWS).map((e) => ({
            when: showDate(e.at, { zone: ctx.zone }),
            who: person(e.by),
            what: describeEvent(e),
        })),
        historyMore:
            history.length > HISTORY_ROWS
                ? `…and ${history.length - HISTORY_ROWS} earlier entr${history.length - HISTORY_ROWS === 1 ? 'y' : 'ies'}.`
                : '',
        canEdit: ctx.canEdit,
        today: ctx.today,
        nextReview: '',
        cycleMonths: p.reviewCycleMonths ? String(p.reviewCycleMonths) : '',
        status: p.status,
        statusChoices: Object.entries(STATUS_LABELS).map(([value, title]) => ({ title, value })),
        groupChoices: ctx.groups.map((g) => ({ title: g.name, value: g.id })),
    };
    return renderCard('protocol', model);
}

/** "Which one did you mean?" with a button per candidate. */
export function createChoiceCard(query: string, candidates: readonly Protocol[], groups: readonly Group[]) {
    return renderCard('protocol-choice', {
        question: `More than one document matches "${query}". Which one did you mean?`,
        candidates: candidates.map((p) => ({ id: p.id, title: p.title, detail: ownersLine(groups, p) })),
    });
}

/** How the ranking orders, in words: shown on the card so every reason can be checked against it. */
export const RANKING_RULE =
    "How this is ordered, on the evidence: 1st a review date on record that has passed, 2nd flagged as due, 3rd the owner's own word, 4th a judgement that it is probably due, 5th a review date coming up; within each, the earliest date, then the oldest document. Reviews under way and documents whose owners are deciding whether to keep them are apart. Being a key document is importance, not urgency: it is shown, not used in the order.";

/** "What should we review first?", with each group's load beside it. */
export function createFirstCard(
    first: ReviewFirst,
    report: DueReport,
    ctx: { groups: readonly Group[]; scope: string } & AsAtContext,
) {
    const notes: { text: string }[] = [];
    const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
    if (first.moreDue)
        notes.push({
            text: `${plural(first.moreDue, 'more asks', 'more ask')} for a review after these: ask "which protocols are due for review?" for the full list.`,
        });
    if (first.underWay)
        notes.push({ text: `${plural(first.underWay, 'review is', 'reviews are')} already under way and not ranked.` });
    if (first.removalCandidates.length)
        notes.push({
            text: `Apart, to decide rather than review: ${first.removalCandidates.map((s) => s.protocol.title).join('; ')} (the owners are deciding whether ${first.removalCandidates.length === 1 ? 'it is' : 'they are'} still needed).`,
        });
    if (first.awaitingAdvice)
        notes.push({
            text: `${plural(first.awaitingAdvice, 'document waits', 'documents wait')} for advice on whether a review is needed at all.`,
        });
    if (first.nothingRecorded)
        notes.push({
            text: `${plural(first.nothingRecorded, 'document has', 'documents have')} nothing recorded either way.`,
        });
    const name = (id: string) => ctx.groups.find((g) => g.id === id)?.name ?? id;
    return renderCard('protocols-first', {
        heading: `What to review first${ctx.scope ? ` (${ctx.scope} documents)` : ''}`,
        intro: `On ${showDate(report.today)}, ranked on the evidence recorded (each with when it was recorded):`,
        picks: first.picks.map((p) => {
            const asAt = positionAsAt(p.standing);
            const reasons = [...p.reasons];
            if (asAt) reasons[1] = `${reasons[1]} (${asAtSuffix(asAt, ctx.today, ctx.confirmedMonths)})`;
            const owners = p.standing.protocol.ownerGroups;
            const lines = reasons.map((r) => `- ${r}`);
            lines.push(owners.length ? `- Owners: ${owners.map(name).join(', ')}` : '- No owning group on record');
            if (p.importance) lines.push(`- ${p.importance}`);
            return {
                rank: p.rank,
                id: p.standing.protocol.id,
                title: p.standing.protocol.title,
                reasons: lines.join('\n'),
            };
        }),
        nothing: first.picks.length === 0,
        nothingLine: 'No document has evidence recorded that asks for a review and no review under way.',
        notes,
        loads: first.loads.map((l) => ({ group: name(l.groupId), load: describeLoad(l) })),
        hasLoads: first.loads.length > 0,
        rule: RANKING_RULE,
        filter: filterData(report.filter),
    });
}
