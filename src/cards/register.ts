/** Builds the register's cards: the due list (summary and pages), one document, a choice, and "review first". */
import { DateTime } from 'luxon';
import type { Group, Protocol, ProtocolEvent, RosterEntry } from '../domain/model.js';
import { formatDay, formatPartialDate, parsePartialDate } from '../domain/partialDate.js';
import {
    describeBasis,
    describeDue,
    type DueReport,
    type RegisterFilter,
    type ReviewFirst,
    type Standing,
} from '../domain/register.js';
import { STATUS_LABELS } from '../domain/registerChanges.js';
import { renderCard } from './render.js';
import type { DueSectionModel, ProtocolCardModel, ProtocolRowModel, RegisterFilterData } from './models.js';

/** Rows per section on the summary card; the rest are a button away. */
export const SUMMARY_ROWS = 15;
/** Rows on one page of a section. */
export const PAGE_ROWS = 25;
/** History entries shown on a document's card, newest first. */
export const HISTORY_ROWS = 6;

export type SectionKey = DueSectionModel['section'];
export const SECTIONS: readonly SectionKey[] = ['overdue', 'dueSoon', 'underReview', 'noDate'];

/** "KHOG" where a group has a short upper-case name, else its name. */
export function shortGroupName(groups: readonly Group[], id: string): string {
    const g = groups.find((x) => x.id === id);
    if (!g) return id;
    return g.aliases.find((a) => /^[A-Z]{2,6}$/.test(a)) ?? g.name;
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
    if (reviewed) parts.push(`Last reviewed ${formatPartialDate(reviewed)}`);
    if (published) parts.push(`${reviewed ? 'published' : 'Published'} ${formatPartialDate(published)}`);
    const next = fmt(p.nextReview);
    if (next) parts.push(`${parts.length ? 'next' : 'Next'} review set for ${formatPartialDate(next)}`);
    return parts.length ? parts.join(', ') : 'No date on record';
}

function stateLine(p: Protocol): string {
    return p.status === 'under_review' && p.reviewLead
        ? clip(`Under review, led by ${p.reviewLead}`)
        : STATUS_LABELS[p.status];
}

function dueText(s: Standing): string {
    if (!s.due)
        return s.state === 'inactive'
            ? 'Not due: it is not in force'
            : 'No date on record: it needs one to know when it is due';
    return describeDue(s);
}

function dueColor(s: Standing): ProtocolRowModel['dueColor'] {
    if (!s.due) return s.state === 'inactive' ? 'Default' : 'Warning';
    if (s.overdueSince) return 'Attention';
    return s.state === 'due_soon' ? 'Warning' : 'Good';
}

/** At most this many characters of a list line, so that no register can make a row large. */
const LINE_MAX = 160;
const clip = (s: string, max = LINE_MAX) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

function ownersLine(groups: readonly Group[], p: Protocol): string {
    const owners = p.ownerGroups.length
        ? `Owners: ${p.ownerGroups.map((g) => shortGroupName(groups, g)).join(', ')}`
        : 'No owning group on record';
    return clip(p.partners.length ? `${owners}; partners: ${p.partners.join(', ')}` : owners);
}

function row(groups: readonly Group[], s: Standing): ProtocolRowModel {
    const p = s.protocol;
    return {
        id: p.id,
        title: p.title,
        isKey: p.key,
        owners: ownersLine(groups, p),
        dates: datesLine(p),
        due: dueText(s),
        dueColor: dueColor(s),
        state: stateLine(p),
    };
}

const SECTION_TEXT: Record<
    SectionKey,
    { heading: string; intro: string; color: DueSectionModel['color']; more: string }
> = {
    overdue: {
        heading: 'Overdue',
        intro: 'Most urgent first: key documents, then the longest overdue.',
        color: 'Attention',
        more: 'overdue',
    },
    dueSoon: {
        heading: 'Due soon',
        intro: 'Key documents first, then the soonest due.',
        color: 'Warning',
        more: 'due soon',
    },
    underReview: {
        heading: 'Already under review',
        intro: 'Being handled, so not counted as waiting: who leads each review.',
        color: 'Accent',
        more: 'under review',
    },
    noDate: {
        heading: 'No known date',
        intro: 'Nothing on record says when these were written or reviewed: each needs a date.',
        color: 'Default',
        more: 'with no date',
    },
};

export interface DueCardContext {
    groups: readonly Group[];
    /** Whose documents, e.g. "KHOG's" ("" for the whole register). */
    scope: string;
    horizonLabel?: string;
    note?: string;
    dueSoonDays: number;
}

function headingFor(report: DueReport, ctx: DueCardContext): string {
    const whose = ctx.scope ? `${ctx.scope} protocols` : 'Protocols and guides';
    if (report.filter.overdueOnly) return `${whose}: overdue for review`;
    return `${whose} due for review`;
}

function subheadingFor(report: DueReport, ctx: DueCardContext): string {
    const on = `On ${formatDay(report.today)}`;
    if (report.filter.overdueOnly) return `${on}. Only what is past its review date.`;
    const soon = report.filter.horizon
        ? `due soon means ${ctx.horizonLabel ?? 'within the horizon you asked for'}`
        : `due soon means within ${ctx.dueSoonDays} days`;
    return `${on}; ${soon} (by ${formatDay(report.windowEnd)}).`;
}

function sectionRows(report: DueReport, section: SectionKey): Standing[] {
    return report[section];
}

/**
 * The due list. With `page`, one section from `offset` (PAGE_ROWS at a time); without, the summary:
 * counts, then the first SUMMARY_ROWS of each section and how many more there are. Either way the
 * card stays far below Teams' message size limit however large the register.
 */
export function createDueCard(report: DueReport, ctx: DueCardContext, page?: { section: SectionKey; offset: number }) {
    const filter = filterData(report.filter);
    const counts = [
        {
            label: 'Overdue',
            value: String(report.overdue.length),
            color: report.overdue.length ? 'Attention' : 'Default',
        },
        ...(report.filter.overdueOnly
            ? []
            : [
                  {
                      label: 'Due soon',
                      value: String(report.dueSoon.length),
                      color: report.dueSoon.length ? 'Warning' : 'Default',
                  },
              ]),
        { label: 'Under review', value: String(report.underReview.length), color: 'Accent' },
        ...(report.filter.overdueOnly
            ? []
            : [
                  {
                      label: 'Need a date',
                      value: String(report.needsDate),
                      color: report.needsDate ? 'Warning' : 'Default',
                  },
              ]),
    ];
    const build = (section: SectionKey, offset: number, size: number): DueSectionModel | undefined => {
        const all = sectionRows(report, section);
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
            rows: shown.map((s) => row(ctx.groups, s)),
            hasMore: more > 0,
            moreLine: `…and ${more} more ${text.more}.`,
            moreTitle: page ? `Next ${Math.min(more, PAGE_ROWS)}` : `See all ${all.length} ${text.more}`,
            moreData: { section, offset: page ? offset + shown.length : 0, filter },
        };
    };
    const sections = page
        ? [build(page.section, page.offset, PAGE_ROWS)].filter((s): s is DueSectionModel => Boolean(s))
        : SECTIONS.map((s) => build(s, 0, SUMMARY_ROWS)).filter((s): s is DueSectionModel => Boolean(s));
    const notDue = report.notDue;
    const footer = [
        notDue ? `${notDue} more ${notDue === 1 ? 'is' : 'are'} not due yet.` : '',
        report.inactive
            ? `${report.inactive} ${report.inactive === 1 ? 'is a draft or withdrawn' : 'are drafts or withdrawn'}, so never due.`
            : '',
        `${report.total} document${report.total === 1 ? '' : 's'} in all.`,
    ]
        .filter(Boolean)
        .join(' ');
    return renderCard('protocols-due', {
        heading: headingFor(report, ctx),
        subheading: subheadingFor(report, ctx),
        note: ctx.note ?? '',
        counts,
        sections,
        nothing: sections.length === 0,
        nothingLine: page
            ? 'Nothing more to show in that part of the list: the register may have changed. Ask again for a fresh list.'
            : report.filter.overdueOnly
              ? 'Nothing is overdue.'
              : 'Nothing is overdue or due soon, and every document has a date.',
        footer,
        filter,
        isPage: Boolean(page),
        hasPrevious: Boolean(page && page.offset > 0),
        previousData: {
            section: page?.section ?? 'overdue',
            offset: Math.max(0, (page?.offset ?? 0) - PAGE_ROWS),
            filter,
        },
    });
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
        return formatPartialDate(parsePartialDate(v)!);
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

export interface ProtocolCardContext {
    groups: readonly Group[];
    roster: readonly RosterEntry[];
    zone: string;
    today: string;
    canEdit: boolean;
    defaultCycleMonths: number;
    /** A line at the top, e.g. what the last change did. */
    message?: string;
}

/** One document: owners, partners, dates, state, how its due date was worked out, history, link, and the manager's forms. */
export function createProtocolCard(s: Standing, ctx: ProtocolCardContext) {
    const p = s.protocol;
    const who = (by: string) =>
        ctx.roster.find((e) => e.email.toLowerCase() === by.toLowerCase())?.name ??
        (by === 'seed' ? 'the starting register' : by);
    const facts: { title: string; value: string }[] = [
        {
            title: 'Owners',
            value: p.ownerGroups.length
                ? p.ownerGroups.map((g) => ctx.groups.find((x) => x.id === g)?.name ?? g).join(', ')
                : 'None on record',
        },
    ];
    if (p.partners.length) facts.push({ title: 'Partners', value: p.partners.join(', ') });
    if (p.published) facts.push({ title: 'Published', value: formatPartialDate(parsePartialDate(p.published)!) });
    if (p.lastReviewed)
        facts.push({ title: 'Last reviewed', value: formatPartialDate(parsePartialDate(p.lastReviewed)!) });
    if (p.nextReview) facts.push({ title: 'Next review', value: formatPartialDate(parsePartialDate(p.nextReview)!) });
    facts.push({
        title: 'Review cycle',
        value: p.reviewCycleMonths
            ? `${p.reviewCycleMonths} months`
            : `${ctx.defaultCycleMonths} months (the partnership's default)`,
    });
    if (s.due) facts.push({ title: 'Due', value: `${formatPartialDate(s.due.due)}, from ${describeBasis(s.due)}` });
    if (p.reviewLead && p.status === 'under_review') facts.push({ title: 'Review led by', value: p.reviewLead });
    if (p.aliases.length) facts.push({ title: 'Also called', value: p.aliases.join(', ') });
    facts.push({ title: 'On the website', value: p.onWebsite ? 'Yes' : 'No' });
    const history = [...p.history].reverse();
    const model: ProtocolCardModel = {
        id: p.id,
        title: p.title,
        kindLabel: p.kind.charAt(0).toUpperCase() + p.kind.slice(1),
        isKey: p.key,
        stateLabel: stateLine(p),
        stateColor:
            p.status === 'current'
                ? s.overdueSince
                    ? 'Attention'
                    : 'Good'
                : p.status === 'under_review'
                  ? 'Accent'
                  : 'Default',
        due:
            s.state === 'inactive'
                ? `${STATUS_LABELS[p.status]}: never due for review while it is not in force`
                : dueText(s),
        dueColor: dueColor(s),
        facts,
        statusNote: p.statusNote ?? '',
        message: ctx.message ?? '',
        url: p.url ?? '',
        history: history.slice(0, HISTORY_ROWS).map((e) => ({
            when: DateTime.fromISO(e.at).setZone(ctx.zone).toFormat('d LLL yyyy'),
            who: who(e.by),
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

/** "What should we review first?" */
export function createFirstCard(
    first: ReviewFirst,
    report: DueReport,
    ctx: { groups: readonly Group[]; scope: string },
) {
    const notes: { text: string }[] = [];
    if (first.moreDue)
        notes.push({
            text: `${first.moreDue} more ${first.moreDue === 1 ? 'is' : 'are'} due after these: ask "which protocols are due for review?" for the full list.`,
        });
    if (first.underWay)
        notes.push({
            text: `${first.underWay} review${first.underWay === 1 ? ' is' : 's are'} already under way and not counted here.`,
        });
    if (first.needsDate)
        notes.push({
            text: `${first.needsDate} document${first.needsDate === 1 ? ' has' : 's have'} no date on record: give ${first.needsDate === 1 ? 'it' : 'them'} one to know whether ${first.needsDate === 1 ? 'it is' : 'they are'} due.`,
        });
    return renderCard('protocols-first', {
        heading: `What to review first${ctx.scope ? ` (${ctx.scope} documents)` : ''}`,
        intro: `On ${formatDay(report.today)}, with the capacity the groups have, these are the reviews to take on first:`,
        picks: first.picks.map((p) => ({
            rank: p.rank,
            id: p.standing.protocol.id,
            title: p.standing.protocol.title,
            reasons: p.reasons.map((r) => `- ${r}`).join('\n'),
        })),
        nothing: first.picks.length === 0,
        nothingLine: 'Nothing is overdue or due soon that is not already being reviewed.',
        notes,
        rule: 'How this is ordered: overdue before due soon; then documents marked as key to the partnership; then the longest overdue (or soonest due). Reviews already under way are left out: they are being handled.',
        filter: filterData(report.filter),
    });
}
