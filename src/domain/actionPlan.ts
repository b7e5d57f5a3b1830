/**
 * Action plans as member councils write them (seeds 001 and 004): for each action, the objective it
 * serves, the outcomes or milestones, the lead, a timescale ("December 2020", "Dec 2019",
 * "On-going with quarterly reviews") and a dated update ("Completed", "On-going", "Deferred", or
 * paragraphs). Each row becomes a milestone of the group's contribution to the objective it names.
 *
 * This module works on rows of text; reading and writing CSV and Excel files, and finding the columns
 * by their headings, is `src/formats/actionPlanFile.ts`'s.
 */
import type { Milestone, MilestoneState, StoreData } from './model.js';
import { findObjective } from './strategy.js';

/** The six columns of an action plan. */
export const ACTION_PLAN_COLUMNS = ['reference', 'action', 'outcomes', 'lead', 'timescale', 'update'] as const;
export type ActionPlanColumn = (typeof ACTION_PLAN_COLUMNS)[number];

/** One row of a plan, as text, with its row number in the file (the heading row is row 1). */
export interface ActionPlanRow {
    row: number;
    cells: Record<ActionPlanColumn, string>;
}

export interface ActionPlanTable {
    /** The update column's heading as written ("Update Feb 2022"). */
    updateHeading: string;
    rows: ActionPlanRow[];
}

const MONTHS = [
    'january',
    'february',
    'march',
    'april',
    'may',
    'june',
    'july',
    'august',
    'september',
    'october',
    'november',
    'december',
];

/** "December", "Dec", "Sept", "Sep." as a month number 1-12. */
function monthNumber(word: string): number | undefined {
    const w = word.toLowerCase().replace(/\.$/, '');
    if (w.length < 3) return undefined;
    const i = MONTHS.findIndex(
        (m) => m === w || (w.length <= 4 && m.startsWith(w)) || (w === 'sept' && m === 'september'),
    );
    return i >= 0 ? i + 1 : undefined;
}

const pad = (n: number) => String(n).padStart(2, '0');

export type Timescale = { ongoing: true; target?: undefined } | { ongoing: false; target?: string };

/**
 * Reads a timescale as the papers write it. "On-going" (with anything after it: "with quarterly
 * reviews", "but reviewed twice yearly") has no single target; "December 2020", "Dec 2019", "in April
 * 2021", "Reviewed in March 2020" are months; "15 March 2021", "15/03/2021" and "2021-03-15" are
 * days. An empty timescale has no target. Undefined for anything else ("Decembe20 19", "2021": a
 * year alone is not precise enough for a milestone).
 */
export function readTimescale(text: string): Timescale | undefined {
    const t = text.trim().replace(/\s+/g, ' ');
    if (t === '') return { ongoing: false };
    if (/^on-? ?going\b/i.test(t) || /^ongoing\b/i.test(t)) return { ongoing: true };
    const body = t.replace(/^(?:(?:reviewed|due|completed?|by|in|the|end of|by the end of|before)\s+)+/i, '');
    let m = /^([a-z]+\.?),? (\d{4})$/i.exec(body);
    if (m) {
        const month = monthNumber(m[1]);
        const year = Number(m[2]);
        if (month && year >= 1990 && year <= 2100) return { ongoing: false, target: `${year}-${pad(month)}` };
        return undefined;
    }
    m = /^(\d{1,2})(?:st|nd|rd|th)? ([a-z]+\.?),? (\d{4})$/i.exec(body);
    if (m) {
        const month = monthNumber(m[2]);
        return month ? day(Number(m[3]), month, Number(m[1])) : undefined;
    }
    m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(body);
    if (m) return day(Number(m[3]), Number(m[2]), Number(m[1]));
    m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(body);
    if (m) return day(Number(m[1]), Number(m[2]), Number(m[3]));
    m = /^(\d{4})-(\d{2})$/.exec(body);
    if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return { ongoing: false, target: `${m[1]}-${m[2]}` };
    return undefined;
}

function day(year: number, month: number, d: number): Timescale | undefined {
    const date = new Date(Date.UTC(year, month - 1, d));
    if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== d) return undefined;
    if (year < 1990 || year > 2100) return undefined;
    return { ongoing: false, target: `${year}-${pad(month)}-${pad(d)}` };
}

/**
 * What an update's wording says about the milestone's state. "Completed..." and "Implemented..." are
 * done; "On-going..." is on track; "Deferred..." is slipped (no new date); "Dropped", "Withdrawn",
 * "No longer..." are dropped. Any other text is progress with no state named: on track, and marked
 * as assumed. No text at all: not started, assumed.
 */
export function readUpdateState(text: string): { state: MilestoneState; assumed: boolean } {
    const t = text.trim().toLowerCase();
    if (t === '') return { state: 'not_started', assumed: true };
    if (/^(completed?|implemented|done|achieved)\b/.test(t)) return { state: 'done', assumed: false };
    if (/^(on-? ?going|ongoing|on track)\b/.test(t)) return { state: 'on_track', assumed: false };
    if (/^(deferred|delayed|slipped|postponed)\b/.test(t)) return { state: 'slipped', assumed: false };
    if (/^(dropped|withdrawn|cancelled|no longer)\b/.test(t)) return { state: 'dropped', assumed: false };
    return { state: 'on_track', assumed: true };
}

export interface MappedPlan {
    /** The group's milestones as they will be stored: the file's rows, then the group's others, kept. */
    milestones: Milestone[];
    added: number;
    changed: number;
    unchanged: number;
    /** Milestones of the group already stored that the file does not list: kept as they are. */
    kept: number;
    /** One line per row that could not be mapped, with its row number. */
    problems: string[];
}

const sameText = (a: string, b: string) => a.trim().replace(/\s+/g, ' ') === b.trim().replace(/\s+/g, ' ');

/**
 * Maps every row of a plan to a milestone of the group's contribution to the objective it names.
 * A row matches a stored milestone with the same objective and action (its history is kept and the
 * change recorded); other rows are new. Every row that cannot be mapped is reported by number; the
 * caller stores nothing unless `problems` is empty.
 */
export function mapActionPlan(
    data: Pick<StoreData, 'objectives' | 'milestones' | 'groups'>,
    groupId: string,
    table: ActionPlanTable,
    by: string,
    now: Date,
): MappedPlan {
    const group = data.groups.find((g) => g.id === groupId);
    const problems: string[] = [];
    if (!group)
        return { milestones: [], added: 0, changed: 0, unchanged: 0, kept: 0, problems: [`no group "${groupId}"`] };
    const existing = data.milestones.filter((m) => m.groupId === groupId);
    const used = new Set<string>();
    const result: Milestone[] = [];
    let added = 0;
    let changed = 0;
    let unchanged = 0;
    let next = existing.reduce((n, m) => Math.max(n, Number(/-(\d+)$/.exec(m.id)?.[1] ?? 0)), 0);
    const at = now.toISOString();

    for (const { row, cells } of table.rows) {
        const rowProblems: string[] = [];
        const objective = cells.reference ? findObjective(data, cells.reference) : undefined;
        if (!cells.reference) rowProblems.push('no objective reference');
        else if (!objective) rowProblems.push(`"${cells.reference.slice(0, 20)}" is not an objective of the strategy`);
        else if (!objective.contributions.some((c) => c.groupId === groupId))
            rowProblems.push(
                `${group.name} does not contribute to ${objective.ref}; add it to the group's objectives first`,
            );
        if (!cells.action) rowProblems.push('no action');
        const timescale = readTimescale(cells.timescale);
        if (!timescale)
            rowProblems.push(
                `the timescale "${cells.timescale.slice(0, 40)}" is not a date I can read (write a month and year such as "December 2020", a day, or "On-going")`,
            );
        if (rowProblems.length > 0 || !objective || !timescale) {
            problems.push(`row ${row}: ${rowProblems.join('; ')}`);
            continue;
        }
        const state = readUpdateState(cells.update);
        const fields = {
            ref: objective.ref,
            groupId,
            description: cells.action,
            outcomes: cells.outcomes,
            lead: cells.lead,
            timescale: cells.timescale,
            target: timescale.target,
            ongoing: timescale.ongoing,
            state: state.state,
            newTarget: undefined,
            stateAssumed: state.assumed,
            update: cells.update,
            updateLabel: table.updateHeading,
        };
        const match = existing.find(
            (m) => !used.has(m.id) && m.ref === objective.ref && sameText(m.description, cells.action),
        );
        const event = {
            at,
            by,
            source: 'import' as const,
            state: state.state,
            ...(timescale.target ? { target: timescale.target } : {}),
            ...(cells.update ? { note: cells.update } : {}),
        };
        if (match) {
            used.add(match.id);
            const same =
                match.outcomes === fields.outcomes &&
                match.lead === fields.lead &&
                match.timescale === fields.timescale &&
                match.state === fields.state &&
                match.update === fields.update &&
                match.updateLabel === fields.updateLabel;
            if (same) {
                unchanged++;
                result.push(match);
            } else {
                changed++;
                result.push(clean({ ...match, ...fields, history: [...match.history, event] }));
            }
        } else {
            added++;
            next++;
            result.push(clean({ id: `${groupId}-${next}`, ...fields, history: [event] }));
        }
    }
    const kept = existing.filter((m) => !used.has(m.id));
    return { milestones: [...result, ...kept], added, changed, unchanged, kept: kept.length, problems };
}

/** Drops keys whose value is undefined, so stored milestones carry only what is known. */
function clean(m: Milestone): Milestone {
    return Object.fromEntries(Object.entries(m).filter(([, v]) => v !== undefined)) as Milestone;
}

/**
 * The group's milestones as plan rows, in the same columns: what `mapActionPlan` reads back
 * unchanged. The update heading is the one most of the rows came under ("Update" when none).
 */
export function actionPlanRows(
    data: Pick<StoreData, 'milestones'>,
    groupId: string,
): { updateHeading: string; rows: Record<ActionPlanColumn, string>[] } {
    const milestones = data.milestones.filter((m) => m.groupId === groupId);
    const counts = new Map<string, number>();
    for (const m of milestones) if (m.updateLabel) counts.set(m.updateLabel, (counts.get(m.updateLabel) ?? 0) + 1);
    const updateHeading = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'Update';
    return {
        updateHeading,
        rows: milestones.map((m) => ({
            reference: m.ref,
            action: m.description,
            outcomes: m.outcomes,
            lead: m.lead,
            timescale: m.timescale,
            update: m.update,
        })),
    };
}
