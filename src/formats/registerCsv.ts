/**
 * The register as a CSV file, for the partnership manager to edit in a spreadsheet: text to rows (with
 * every problem named by its row), rows to a new register, and the register back to text. Pure: no
 * files, no store.
 *
 * Columns (a header row, in any order; names are case-insensitive, and columns we do not know are
 * ignored): `id` (optional: derived from the title when empty), `title`, `kind`, `owner_groups` and
 * `partners` (`;`-separated; owners are group ids, names or short names), `published`,
 * `last_reviewed`, `next_review` (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`, or empty), `review_cycle_months`
 * (empty: the partnership's default), `status` (`current`, `under_review`, `draft`, `withdrawn`),
 * `status_note` and `url`. The export adds `aliases`, `review_lead`, `key` and `on_website`, so that
 * exporting and importing again gives the same register.
 *
 * Rows are numbered as a spreadsheet shows them: the header is row 1, the first document row 2.
 */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import {
    PROTOCOL_STATUSES,
    protocolSchema,
    type Group,
    type Protocol,
    type ProtocolEvent,
    type ProtocolStatus,
} from '../domain/model.js';
import { parsePartialDate } from '../domain/partialDate.js';

export const CSV_COLUMNS = [
    'id',
    'title',
    'kind',
    'owner_groups',
    'partners',
    'published',
    'last_reviewed',
    'next_review',
    'review_cycle_months',
    'status',
    'status_note',
    'url',
    'aliases',
    'review_lead',
    'key',
    'on_website',
] as const;
type Column = (typeof CSV_COLUMNS)[number];

const REQUIRED: Column[] = ['title', 'kind', 'status'];

/** A problem with the file; `row` is the spreadsheet row (the header is row 1), absent for the whole file. */
export interface CsvProblem {
    row?: number;
    message: string;
}

/** A register entry read from one row, without history (the store keeps that). */
export type RegisterRow = Omit<Protocol, 'history'> & { row: number };

export interface ParsedRegister {
    rows: RegisterRow[];
    problems: CsvProblem[];
    /** Header names we do not know, which were ignored. */
    ignoredColumns: string[];
}

/**
 * Spreadsheet programs run a cell that starts with = + - @ (or a tab or carriage return) as a formula:
 * a register cell such as `=HYPERLINK(...)` or `-2+3` could run when the export is opened. So the export
 * puts an apostrophe in front of such a cell, which spreadsheets show as text; an apostrophe already in
 * front of one gets another, so that the import can always take exactly one away.
 */
const FORMULA_LIKE = /^'*[=+\-@\t\r]/;

export function neutraliseFormula(cell: string): string {
    return FORMULA_LIKE.test(cell) ? `'${cell}` : cell;
}

/** Undoes `neutraliseFormula` on import. */
export function restoreFormula(cell: string): string {
    return cell.startsWith("'") && FORMULA_LIKE.test(cell.slice(1)) ? cell.slice(1) : cell;
}

/** An id from a title: lower-case words joined by dashes ("KHG Pre eviction protocol" -> "khg-pre-eviction-protocol"). */
export function idFromTitle(title: string): string {
    const slug = title
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/&/g, ' and ')
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '');
    return slug.slice(0, 80).replace(/-+$/, '') || 'document';
}

const ID = /^[a-z0-9][a-z0-9-]*$/;
const list = (cell: string) =>
    cell
        .split(';')
        .map((s) => s.trim())
        .filter(Boolean);

const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');

/** Finds a group by id, name or short name, ignoring case. */
export function resolveGroup(groups: readonly Group[], text: string): Group | undefined {
    const t = norm(text);
    return (
        groups.find((g) => g.id === t) ?? groups.find((g) => norm(g.name) === t || g.aliases.some((a) => norm(a) === t))
    );
}

function parseBoolean(cell: string, fallback: boolean): boolean | undefined {
    if (cell === '') return fallback;
    if (/^(yes|y|true|1|x)$/i.test(cell)) return true;
    if (/^(no|n|false|0)$/i.test(cell)) return false;
    return undefined;
}

/**
 * Reads a register CSV. Every row is checked; the result lists every problem with its row, and only
 * when there are none should the rows be imported. `existing` lets a row with no id keep the id of
 * the document with the same title (so its history survives); otherwise the id comes from the title.
 */
export function parseRegisterCsv(
    text: string,
    groups: readonly Group[],
    existing: readonly Protocol[] = [],
): ParsedRegister {
    let records: string[][];
    try {
        records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false });
    } catch (err) {
        const e = err as Error & { lines?: number };
        return {
            rows: [],
            problems: [{ message: `The file is not valid CSV (near line ${e.lines ?? '?'}): ${e.message}` }],
            ignoredColumns: [],
        };
    }
    const blank = (r: string[]) => r.every((c) => c.trim() === '');
    const headerAt = records.findIndex((r) => !blank(r));
    if (headerAt < 0)
        return {
            rows: [],
            problems: [{ message: 'The file is empty: it needs a header row and at least one document.' }],
            ignoredColumns: [],
        };
    const header = records[headerAt].map((h) =>
        h
            .trim()
            .toLowerCase()
            .replace(/[\s-]+/g, '_'),
    );
    const problems: CsvProblem[] = [];
    const index = new Map<Column, number>();
    const ignoredColumns: string[] = [];
    header.forEach((h, i) => {
        if ((CSV_COLUMNS as readonly string[]).includes(h)) {
            if (index.has(h as Column))
                problems.push({ row: headerAt + 1, message: `the column "${h}" appears twice` });
            else index.set(h as Column, i);
        } else if (h) ignoredColumns.push(records[headerAt][i].trim());
    });
    const missing = REQUIRED.filter((c) => !index.has(c));
    if (missing.length) {
        problems.push({
            row: headerAt + 1,
            message: `the header row has no ${missing.map((c) => `"${c}"`).join(', ')} column (it needs ${REQUIRED.join(', ')})`,
        });
        return { rows: [], problems, ignoredColumns };
    }

    const byTitle = new Map(existing.map((p) => [norm(p.title), p.id]));
    const rows: RegisterRow[] = [];
    const seenIds = new Map<string, number>();
    for (let i = headerAt + 1; i < records.length; i++) {
        const record = records[i];
        const row = i + 1;
        if (blank(record)) continue;
        const rowProblems: string[] = [];
        const cell = (c: Column) => {
            const at = index.get(c);
            return at === undefined ? '' : restoreFormula((record[at] ?? '').trim());
        };
        if (record.length > header.length && record.slice(header.length).some((c) => c.trim() !== '')) {
            rowProblems.push(`it has ${record.length} cells but the header has ${header.length}`);
        }
        const title = cell('title');
        if (!title) rowProblems.push('the title is empty');
        let id = cell('id').toLowerCase();
        if (id && !ID.test(id))
            rowProblems.push(
                `the id "${cell('id')}" may only have letters, digits and dashes, and must start with a letter or digit`,
            );
        if (!id && title) id = byTitle.get(norm(title)) ?? idFromTitle(title);
        if (id && seenIds.has(id)) rowProblems.push(`the id "${id}" is also used on row ${seenIds.get(id)}`);
        else if (id) seenIds.set(id, row);
        const kind = cell('kind');
        if (!kind) rowProblems.push('the kind is empty (e.g. protocol, guide, strategy, form)');
        const ownerGroups: string[] = [];
        for (const name of list(cell('owner_groups'))) {
            const g = resolveGroup(groups, name);
            if (g) {
                if (!ownerGroups.includes(g.id)) ownerGroups.push(g.id);
            } else
                rowProblems.push(
                    `owner_groups names "${name}", which is not a group I know (use a group id or name, e.g. ${groups[0]?.id ?? 'khog'})`,
                );
        }
        const dates: Partial<Record<'published' | 'lastReviewed' | 'nextReview', string>> = {};
        for (const [column, field] of [
            ['published', 'published'],
            ['last_reviewed', 'lastReviewed'],
            ['next_review', 'nextReview'],
        ] as const) {
            const v = cell(column);
            if (!v) continue;
            const d = parsePartialDate(v);
            if (d) dates[field] = d.text;
            else
                rowProblems.push(
                    `${column} "${v}" is not a date (write YYYY, YYYY-MM or YYYY-MM-DD, or leave it empty)`,
                );
        }
        let reviewCycleMonths: number | undefined;
        const cycle = cell('review_cycle_months');
        if (cycle) {
            reviewCycleMonths = Number(cycle);
            if (!/^\d+$/.test(cycle) || reviewCycleMonths < 1 || reviewCycleMonths > 240) {
                rowProblems.push(
                    `review_cycle_months "${cycle}" must be a whole number of months from 1 to 240, or empty for the default`,
                );
            }
        }
        const statusText = cell('status')
            .toLowerCase()
            .replace(/[\s-]+/g, '_');
        const status = (PROTOCOL_STATUSES as readonly string[]).includes(statusText)
            ? (statusText as ProtocolStatus)
            : undefined;
        if (!status) rowProblems.push(`status "${cell('status')}" must be one of ${PROTOCOL_STATUSES.join(', ')}`);
        const key = parseBoolean(cell('key'), false);
        if (key === undefined) rowProblems.push(`key "${cell('key')}" must be yes or no`);
        const onWebsite = parseBoolean(cell('on_website'), true);
        if (onWebsite === undefined) rowProblems.push(`on_website "${cell('on_website')}" must be yes or no`);
        const url = cell('url');
        if (url && !/^https?:\/\//i.test(url)) rowProblems.push(`url "${url}" must start with http:// or https://`);

        const entry = {
            id,
            title,
            aliases: list(cell('aliases')),
            kind,
            ownerGroups,
            partners: list(cell('partners')),
            ...dates,
            ...(reviewCycleMonths !== undefined ? { reviewCycleMonths } : {}),
            status: status ?? 'current',
            ...(cell('status_note') ? { statusNote: cell('status_note') } : {}),
            ...(cell('review_lead') ? { reviewLead: cell('review_lead') } : {}),
            key: key ?? false,
            onWebsite: onWebsite ?? true,
            ...(url ? { url } : {}),
            history: [],
        };
        if (rowProblems.length === 0) {
            // The store's own schema has the last word (lengths, URL form).
            const checked = protocolSchema.safeParse(entry);
            if (!checked.success) {
                for (const issue of checked.error.issues)
                    rowProblems.push(`${columnOf(issue.path[0])}: ${issue.message}`);
            } else {
                const { history: _history, ...rest } = checked.data;
                rows.push({ ...rest, row });
            }
        }
        for (const message of rowProblems) problems.push({ row, message });
    }
    if (rows.length === 0 && problems.length === 0)
        problems.push({ message: 'The file has a header row but no documents; nothing to import.' });
    return { rows, problems, ignoredColumns };
}

const FIELD_COLUMNS: Record<string, Column> = {
    id: 'id',
    title: 'title',
    kind: 'kind',
    ownerGroups: 'owner_groups',
    partners: 'partners',
    published: 'published',
    lastReviewed: 'last_reviewed',
    nextReview: 'next_review',
    reviewCycleMonths: 'review_cycle_months',
    status: 'status',
    statusNote: 'status_note',
    url: 'url',
    aliases: 'aliases',
    reviewLead: 'review_lead',
    key: 'key',
    onWebsite: 'on_website',
};

function columnOf(field: unknown): string {
    return FIELD_COLUMNS[String(field)] ?? String(field);
}

/** One line per problem: "row 4: next_review "2021-13" is not a date ...". */
export function describeProblems(problems: readonly CsvProblem[]): string[] {
    return problems.map((p) => (p.row ? `row ${p.row}: ${p.message}` : p.message));
}

/** The register as CSV text (UTF-8 with a byte-order mark, so spreadsheet programs read accents and dashes right). */
export function registerToCsv(protocols: readonly Protocol[]): string {
    const rows = protocols.map((p) =>
        [
            p.id,
            p.title,
            p.kind,
            p.ownerGroups.join('; '),
            p.partners.join('; '),
            p.published ?? '',
            p.lastReviewed ?? '',
            p.nextReview ?? '',
            p.reviewCycleMonths === undefined ? '' : String(p.reviewCycleMonths),
            p.status,
            p.statusNote ?? '',
            p.url ?? '',
            p.aliases.join('; '),
            p.reviewLead ?? '',
            p.key ? 'yes' : 'no',
            p.onWebsite ? 'yes' : 'no',
        ].map(neutraliseFormula),
    );
    return '\uFEFF' + stringify([[...CSV_COLUMNS], ...rows], { record_delimiter: '\r\n' });
}

export interface ImportSummary {
    added: string[];
    changed: string[];
    unchanged: string[];
    removed: string[];
}

/** The fields an import compares and records in a document's history. */
const TRACKED: (keyof Omit<Protocol, 'history' | 'id'>)[] = [
    'title',
    'aliases',
    'kind',
    'ownerGroups',
    'partners',
    'published',
    'lastReviewed',
    'nextReview',
    'reviewCycleMonths',
    'status',
    'statusNote',
    'reviewLead',
    'key',
    'onWebsite',
    'url',
];

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * The register after an import: the rows replace the register, in the file's order. A document whose
 * id survives keeps its history, with an "imported" event listing what changed (none if nothing did);
 * a new document starts its history with the import.
 */
export function applyImport(
    existing: readonly Protocol[],
    rows: readonly RegisterRow[],
    by: string,
    at: string,
): { protocols: Protocol[]; summary: ImportSummary } {
    const before = new Map(existing.map((p) => [p.id, p]));
    const summary: ImportSummary = { added: [], changed: [], unchanged: [], removed: [] };
    const protocols = rows.map(({ row: _row, ...fields }) => {
        const old = before.get(fields.id);
        if (!old) {
            summary.added.push(fields.id);
            const event: ProtocolEvent = { at, by, kind: 'imported', note: 'Added by an import of the register.' };
            return { ...fields, history: [event] };
        }
        const changes: Record<string, { from: unknown; to: unknown }> = {};
        for (const f of TRACKED)
            if (!same(old[f], fields[f])) changes[f] = { from: old[f] ?? null, to: fields[f] ?? null };
        if (Object.keys(changes).length === 0) {
            summary.unchanged.push(fields.id);
            return old;
        }
        summary.changed.push(fields.id);
        // The file carries the register's columns only: what it cannot hold (the evidence, reviewers,
        // advisers, the paper's words, the as-at) is kept from the stored document.
        const { evidence, reviewers, advisers, paperSays, asAt, keyNote } = old;
        const kept = { evidence, reviewers, advisers, paperSays, asAt, keyNote };
        const event: ProtocolEvent = {
            at,
            by,
            kind: 'imported',
            note: 'Changed by an import of the register.',
            changes,
        };
        return { ...stripUndefined(kept), ...fields, history: [...old.history, event] };
    });
    const kept = new Set(protocols.map((p) => p.id));
    summary.removed = existing.filter((p) => !kept.has(p.id)).map((p) => p.id);
    return { protocols, summary };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
    return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
