/**
 * The Kent and Medway Housing Strategy as the partnership delivers it (seed 002): five themes, each
 * with objectives (HW5, HW9, A8...), each objective taken on by one or more sub-groups with their own
 * contribution, each contribution with milestones or measures of success. These functions answer the
 * partnership's questions about it from the store's data; what the groups last reported is passed in.
 */
import { parsePartialDate, todayIn, showDate } from './partialDate.js';
import type { Group, HelpRequest, Milestone, MilestoneState, Objective, StoreData, Theme, ThemeCode } from './model.js';
import type { Rag } from './progress.js';
import { counted } from './words.js';

/** How milestone states are named to people. */
export const MILESTONE_STATE_LABELS: Record<MilestoneState, string> = {
    not_started: 'Not started',
    on_track: 'On track',
    done: 'Done',
    slipped: 'Slipped',
    dropped: 'Dropped',
};

export const RAG_LABELS: Record<Rag, string> = {
    green: 'Green',
    amber: 'Amber',
    red: 'Red',
    not_rated: 'Not rated',
};

/** What a group last said about an objective: the latest submitted update that covers it. */
export interface LatestReport {
    period: string;
    text: string;
    rag: Rag;
    noChange: boolean;
    submittedBy: string;
    submittedAt: string;
}

export interface ContributionView {
    groupId: string;
    groupName: string;
    contribution: string;
    latest?: LatestReport;
    milestones: Milestone[];
    openHelp: HelpRequest[];
}

export interface ObjectiveView {
    ref: string;
    theme: ThemeCode;
    themeName: string;
    text: string;
    contributions: ContributionView[];
    /** True when no group has taken the objective on. */
    gap: boolean;
}

/** Objective references as people type them: "hw9", "HW 9", "A8". */
export function normaliseRef(text: string): string {
    return text.replace(/\s+/g, '').toUpperCase();
}

export function findObjective(data: Pick<StoreData, 'objectives'>, ref: string): Objective | undefined {
    const wanted = normaliseRef(ref);
    return data.objectives.find((o) => o.ref === wanted);
}

export function themeName(data: Pick<StoreData, 'themes'>, code: string): string {
    return data.themes.find((t) => t.code === code)?.name ?? code;
}

/** Objectives in the strategy's order: by theme as the strategy lists them, then by number. */
export function strategyOrder(data: Pick<StoreData, 'themes' | 'objectives'>, objectives = data.objectives) {
    const themeOrder = data.themes.map((t) => t.code as string);
    return [...objectives].sort(
        (a, b) =>
            themeOrder.indexOf(a.theme) - themeOrder.indexOf(b.theme) ||
            a.ref.localeCompare(b.ref, 'en', { numeric: true }),
    );
}

/** A group's milestones under one objective, in the plan's order. */
export function milestonesOf(data: Pick<StoreData, 'milestones'>, ref: string, groupId?: string): Milestone[] {
    return data.milestones.filter((m) => m.ref === ref && (groupId === undefined || m.groupId === groupId));
}

/** Help requests not yet resolved, optionally for one group or objective. */
export function openHelpRequests(
    data: Pick<StoreData, 'helpRequests'>,
    filter: { groupId?: string; ref?: string } = {},
): HelpRequest[] {
    return data.helpRequests.filter(
        (h) =>
            !h.resolved &&
            (filter.groupId === undefined || h.groupId === filter.groupId) &&
            (filter.ref === undefined || h.ref === filter.ref),
    );
}

/**
 * One objective with every contribution to it: the group, its part, what it last reported (passed
 * in: `latest(groupId, ref)`), its milestones and open help requests; `gap` when no group has it.
 */
export function objectiveView(
    data: StoreData,
    objective: Objective,
    latest: (groupId: string, ref: string) => LatestReport | undefined,
): ObjectiveView {
    return {
        ref: objective.ref,
        theme: objective.theme,
        themeName: themeName(data, objective.theme),
        text: objective.text,
        gap: objective.contributions.length === 0,
        contributions: objective.contributions.map((c) => ({
            groupId: c.groupId,
            groupName: data.groups.find((g) => g.id === c.groupId)?.name ?? c.groupId,
            contribution: c.contribution,
            latest: latest(c.groupId, objective.ref),
            milestones: milestonesOf(data, objective.ref, c.groupId),
            openHelp: openHelpRequests(data, { groupId: c.groupId, ref: objective.ref }),
        })),
    };
}

/** The objectives of one theme, in order. */
export function objectivesOfTheme(data: StoreData, theme: ThemeCode): Objective[] {
    return strategyOrder(
        data,
        data.objectives.filter((o) => o.theme === theme),
    );
}

/** The objectives no group has taken on: the strategy's gaps. */
export function objectiveGaps(data: Pick<StoreData, 'themes' | 'objectives'>): Objective[] {
    return strategyOrder(
        data,
        data.objectives.filter((o) => o.contributions.length === 0),
    );
}

export interface MatrixRow {
    ref: string;
    theme: ThemeCode;
    themeName: string;
    text: string;
    /** One entry per reporting group, in the matrix's column order: the contribution, or undefined. */
    cells: (string | undefined)[];
    /** Contributions from groups that do not report (partner bodies), named. */
    others: { groupName: string; contribution: string }[];
    gap: boolean;
}

export interface ObjectiveMatrix {
    /** The columns: every reporting group, in the store's order. */
    groups: Pick<Group, 'id' | 'name'>[];
    rows: MatrixRow[];
    gaps: number;
}

/**
 * Seed 002's "spreadsheet showing every objective and the groups contributing towards delivering
 * it": a row per objective, a column per reporting group, the contribution in the cell.
 */
export function objectiveMatrix(data: StoreData): ObjectiveMatrix {
    const groups = data.groups.filter((g) => g.reports).map((g) => ({ id: g.id, name: g.name }));
    const rows = strategyOrder(data).map((o) => ({
        ref: o.ref,
        theme: o.theme,
        themeName: themeName(data, o.theme),
        text: o.text,
        cells: groups.map((g) => o.contributions.find((c) => c.groupId === g.id)?.contribution),
        others: o.contributions
            .filter((c) => !groups.some((g) => g.id === c.groupId))
            .map((c) => ({
                groupName: data.groups.find((g) => g.id === c.groupId)?.name ?? c.groupId,
                contribution: c.contribution,
            })),
        gap: o.contributions.length === 0,
    }));
    return { groups, rows, gaps: rows.filter((r) => r.gap).length };
}

/** The theme a message names by code or name, if one. */
export function findTheme(data: Pick<StoreData, 'themes'>, codeOrName: string): Theme | undefined {
    const t = codeOrName.trim().toLowerCase();
    return data.themes.find((x) => x.code.toLowerCase() === t || x.name.toLowerCase() === t);
}

/**
 * How a RAG rating is suggested from milestones (the `RAG_MODE` setting):
 * - `off`: the partnership does not use RAG: the form asks for none and nothing shows one.
 * - `chair`: chairs rate each objective; nothing is suggested.
 * - `suggest` (default): chairs rate, and the form and summary show a suggestion beside their rating.
 *   The chair's own rating always stands; the suggestion is never stored as theirs.
 */
export type RagMode = 'off' | 'chair' | 'suggest';

export interface RagSuggestion {
    rag: Exclude<Rag, 'not_rated'>;
    /** Why, in a few words: "1 milestone past its target". */
    why: string;
}

/**
 * The suggestion rule, applied to a contribution's milestones on a day (YYYY-MM-DD):
 * - Red: a milestone not done or dropped is past its target (the new target when it slipped), or
 *   slipped with no new date.
 * - Amber: otherwise, a milestone slipped to a new date not yet passed.
 * - Green: otherwise, when at least one milestone is live (not dropped).
 * - No suggestion when there is no live milestone, or for an on-going one with no target.
 * A target known to the month is passed only after that month's last day (partialDate's rule).
 */
export function suggestRag(milestones: readonly Milestone[], today: string): RagSuggestion | undefined {
    const live = milestones.filter((m) => m.state !== 'dropped');
    if (live.length === 0) return undefined;
    const open = live.filter((m) => m.state !== 'done');
    const passed = (m: Milestone) => {
        const date = m.state === 'slipped' ? m.newTarget : m.target;
        const day = date ? parsePartialDate(date) : undefined;
        return day !== undefined && day.last < today;
    };
    const late = open.filter((m) => passed(m) || (m.state === 'slipped' && !m.newTarget));
    if (late.length > 0)
        return {
            rag: 'red',
            why: `${counted(late.length, 'milestone')} past its date or slipped with no new date`,
        };
    const slipped = open.filter((m) => m.state === 'slipped');
    if (slipped.length > 0)
        return {
            rag: 'amber',
            why: `${counted(slipped.length, 'milestone')} slipped to a new date`,
        };
    const dated = live.filter((m) => m.state === 'done' || m.target || m.ongoing);
    if (dated.length === 0) return undefined;
    return { rag: 'green', why: 'every milestone done or on course for its date' };
}

/** `suggestRag` for a moment in the partnership's time zone. */
export function suggestRagAt(milestones: readonly Milestone[], now: Date, zone: string): RagSuggestion | undefined {
    return suggestRag(milestones, todayIn(now, zone));
}

/** A milestone's date as people read it: "December 2020", "on-going", "slipped to March 2027". */
export function describeMilestoneDate(m: Milestone): string {
    const fmt = (d?: string) => {
        const p = d ? parsePartialDate(d) : undefined;
        return p ? showDate(p) : 'an unknown date';
    };
    if (m.state === 'slipped') return m.newTarget ? `slipped to ${fmt(m.newTarget)}` : 'slipped, no new date yet';
    if (m.target) return `by ${fmt(m.target)}`;
    if (m.ongoing) return 'on-going';
    return m.timescale ? `"${m.timescale}"` : 'no target date';
}

/** Who a help request asks, in words. */
export function helpFromText(data: Pick<StoreData, 'groups'>, from: string, fromGroupId?: string): string {
    if (from === 'board') return 'the Board';
    if (from === 'manager') return 'the partnership manager';
    return data.groups.find((g) => g.id === fromGroupId)?.name ?? 'another group';
}

/**
 * Applies what a chair submitted on the progress form to the store's milestones and help requests,
 * inside the store's transaction: each milestone whose state or new date changed gets the change and
 * a history entry (its state is then the chair's, no longer assumed); each new "help needed" becomes
 * an open request unless the same one is open already; requests the chair said were resolved are
 * closed with the period, who and when. Returns what changed, for the audit trail.
 */
export function applySubmittedProgress(
    draft: Pick<StoreData, 'milestones' | 'helpRequests'>,
    submission: {
        groupId: string;
        period: string;
        milestones?: { id: string; state: MilestoneState; newTarget?: string }[];
        help?: { ref: string; from: HelpRequest['from']; fromGroupId?: string; need: string }[];
        resolvedHelp?: string[];
    },
    by: { name: string; email: string },
    now: Date,
): { milestones: string[]; helpRaised: string[]; helpResolved: string[] } {
    const at = now.toISOString();
    const changed: string[] = [];
    for (const u of submission.milestones ?? []) {
        const m = draft.milestones.find((x) => x.id === u.id && x.groupId === submission.groupId);
        if (!m) continue;
        const newTarget = u.state === 'slipped' ? u.newTarget : undefined;
        if (m.state === u.state && m.newTarget === newTarget && !m.stateAssumed) continue;
        m.state = u.state;
        if (newTarget) m.newTarget = newTarget;
        else delete m.newTarget;
        m.stateAssumed = false;
        m.history.push({
            at,
            by: by.name,
            source: 'chair',
            state: u.state,
            ...(m.target ? { target: m.target } : {}),
            ...(newTarget ? { newTarget } : {}),
            period: submission.period,
        });
        changed.push(m.id);
    }
    const raised: string[] = [];
    let next = draft.helpRequests.reduce((n, h) => Math.max(n, Number(/-(\d+)$/.exec(h.id)?.[1] ?? 0)), 0);
    for (const h of submission.help ?? []) {
        const same = draft.helpRequests.some(
            (x) =>
                !x.resolved &&
                x.groupId === submission.groupId &&
                x.ref === h.ref &&
                x.from === h.from &&
                x.need.trim() === h.need.trim(),
        );
        if (same) continue;
        next++;
        const id = `help-${next}`;
        draft.helpRequests.push({
            id,
            groupId: submission.groupId,
            ref: h.ref,
            from: h.from,
            ...(h.fromGroupId ? { fromGroupId: h.fromGroupId } : {}),
            need: h.need,
            period: submission.period,
            raisedBy: by.name,
            raisedAt: at,
        });
        raised.push(id);
    }
    const resolved: string[] = [];
    for (const id of submission.resolvedHelp ?? []) {
        const h = draft.helpRequests.find((x) => x.id === id && x.groupId === submission.groupId && !x.resolved);
        if (!h) continue;
        h.resolved = { period: submission.period, by: by.name, at };
        resolved.push(id);
    }
    return { milestones: changed, helpRaised: raised, helpResolved: resolved };
}
