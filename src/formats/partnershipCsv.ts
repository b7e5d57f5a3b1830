/**
 * The partnership's groups, roster and objectives as CSV files, for the partnership manager to keep in
 * a spreadsheet. Imports are all-or-nothing: every row is checked against the store first, and any
 * problem (an unknown group id, role or theme, a bad date...) is reported with its row number and
 * nothing is imported. Row numbers are a spreadsheet's: the header is row 1.
 *
 * - groups: `id, name, cadence_months, next_update_due` (+ optional `aliases` (separated by `;`) and
 *   `reports` (yes/no)). Rows add or update groups by id; groups not in the file are kept, because the
 *   roster, objectives and protocols refer to them.
 * - roster: `group_id, role, name, email` (+ optional `aad_object_id`). The file replaces the roster.
 * - objectives: `ref, theme, text, group_id, contribution`, one row per objective and group; rows of the
 *   same objective fold into its list of contributions. The file replaces the objectives.
 *
 * Exports write the same columns. A cell that a spreadsheet would run as a formula (starting with
 * `=`, `+`, `-`, `@`, tab or carriage return) is written with a leading apostrophe, which an import
 * removes again.
 */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { ROLES, type Group, type Objective, type Role, type RosterEntry, type StoreData } from '../domain/model.js';

export const CSV_KINDS = ['groups', 'roster', 'objectives'] as const;
export type CsvKind = (typeof CSV_KINDS)[number];

/** The columns of each file: the required ones first, then the optional ones. */
export const CSV_COLUMNS: Record<CsvKind, { required: readonly string[]; optional: readonly string[] }> = {
    groups: { required: ['id', 'name', 'cadence_months', 'next_update_due'], optional: ['aliases', 'reports'] },
    roster: { required: ['group_id', 'role', 'name', 'email'], optional: ['aad_object_id'] },
    objectives: { required: ['ref', 'theme', 'text', 'group_id', 'contribution'], optional: [] },
};

/** How many problems an error message lists before "and N more". */
const MAX_LISTED = 30;

export interface CsvRow {
    /** The spreadsheet row number (the header is row 1). */
    row: number;
    cells: Record<string, string>;
}

export interface ImportOutcome<T> {
    /** The collection as it will be stored. */
    value: T;
    /** What changed, in a few lines for the person who ran the import. */
    summary: string[];
    /** Things worth knowing that do not stop the import. */
    notes: string[];
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell as written to a CSV file: formula-like text gets a leading apostrophe so it stays text. */
export function neutraliseCell(value: string): string {
    return FORMULA_START.test(value) ? `'${value}` : value;
}

/** A cell as read from a CSV file: trimmed, and the apostrophe an export added removed again. */
export function readCell(value: string): string {
    const v = value.trim();
    return v.startsWith("'") && FORMULA_START.test(v.slice(1)) ? v.slice(1) : v;
}

function problemsError(kind: CsvKind, problems: string[]): AppError {
    const listed = problems.slice(0, MAX_LISTED).map((p) => `  ${p}`);
    if (problems.length > MAX_LISTED) listed.push(`  ...and ${problems.length - MAX_LISTED} more`);
    const count = problems.length === 1 ? 'a problem' : `${problems.length} problems`;
    return new AppError(
        'csv.invalid',
        `The ${kind} file has ${count}, so nothing was imported:\n${listed.join('\n')}`,
        { problems },
    );
}

/** Parses the text of a CSV file and checks its header against the columns of this kind of file. */
export function readCsv(kind: CsvKind, text: string): CsvRow[] {
    let records: { record: string[]; info: { records: number } }[];
    try {
        records = parse(text, {
            bom: true,
            info: true,
            relax_column_count: true,
            skip_empty_lines: true,
        }) as unknown as typeof records;
    } catch (err) {
        throw new AppError(
            'csv.unreadable',
            `The ${kind} file is not valid CSV, so nothing was imported: ${(err as Error).message}.`,
        );
    }
    if (records.length === 0) throw new AppError('csv.empty', `The ${kind} file is empty, so nothing was imported.`);
    const header = records[0].record.map((h) =>
        h
            .trim()
            .toLowerCase()
            .replace(/[\s-]+/g, '_'),
    );
    const { required, optional } = CSV_COLUMNS[kind];
    const expected = `the header row must name ${required.join(', ')}${optional.length ? ` (and optionally ${optional.join(', ')})` : ''}`;
    const missing = required.filter((c) => !header.includes(c));
    const unknown = header.filter((h) => h !== '' && !required.includes(h) && !optional.includes(h));
    const repeated = header.filter((h, i) => h !== '' && header.indexOf(h) !== i);
    const problems = [
        ...(missing.length
            ? [`row 1: missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}: ${expected}`]
            : []),
        ...(unknown.length
            ? [`row 1: unknown column${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}: ${expected}`]
            : []),
        ...(repeated.length ? [`row 1: column ${repeated.join(', ')} appears twice`] : []),
    ];
    const rows: CsvRow[] = [];
    for (const { record, info } of records.slice(1)) {
        const row = info.records;
        if (record.slice(header.length).some((c) => c.trim() !== '')) {
            problems.push(`row ${row}: has more cells than the header row has columns`);
            continue;
        }
        const cells: Record<string, string> = {};
        header.forEach((h, i) => {
            if (h) cells[h] = readCell(record[i] ?? '');
        });
        rows.push({ row, cells });
    }
    if (problems.length) throw problemsError(kind, problems);
    if (rows.length === 0)
        throw new AppError('csv.empty', `The ${kind} file has a header but no rows, so nothing was imported.`);
    return rows;
}

function toCsv(columns: readonly string[], rows: string[][], bom: boolean): string {
    return stringify([columns, ...rows.map((r) => r.map(neutraliseCell))], { bom });
}

const idPattern = /^[a-z0-9][a-z0-9-]*$/;
const emailSchema = z.string().email().max(254);

function checkId(value: string): string | undefined {
    if (!value) return 'the id is empty';
    if (value.length > 80 || !idPattern.test(value))
        return `"${value}" is not a valid id (lower-case letters, digits and dashes)`;
    return undefined;
}

function unknownGroup(id: string, groups: Pick<Group, 'id'>[]): string {
    return `unknown group id "${id}" (import it with the groups file first; known ids: ${groups.map((g) => g.id).join(', ')})`;
}

function parseYesNo(value: string): boolean | undefined | 'bad' {
    if (value === '') return undefined;
    if (/^(yes|y|true|1)$/i.test(value)) return true;
    if (/^(no|n|false|0)$/i.test(value)) return false;
    return 'bad';
}

// ---------------------------------------------------------------------------------------------- groups

const canonical = (g: Group) =>
    JSON.stringify([g.id, g.name, g.aliases, g.cadenceMonths, g.nextUpdateDue ?? null, g.reports]);

/** Checks a groups file against the store; returns the groups list to store (added and updated by id). */
export function importGroups(data: Pick<StoreData, 'groups'>, text: string): ImportOutcome<Group[]> {
    const rows = readCsv('groups', text);
    const problems: string[] = [];
    const seen = new Map<string, number>();
    const groups = data.groups.map((g) => structuredClone(g));
    let added = 0;
    let updated = 0;
    const notes: string[] = [];
    for (const { row, cells } of rows) {
        const rowProblems: string[] = [];
        const id = cells.id;
        const badId = checkId(id);
        if (badId) rowProblems.push(badId);
        else if (seen.has(id)) rowProblems.push(`group "${id}" is already on row ${seen.get(id)}`);
        else seen.set(id, row);
        const name = cells.name;
        if (!name) rowProblems.push('the name is empty');
        else if (name.length > 200) rowProblems.push('the name is longer than 200 characters');
        const cadenceText = cells.cadence_months;
        const cadence = cadenceText === '' ? 6 : Number(cadenceText);
        if (cadence !== 3 && cadence !== 6) rowProblems.push(`cadence_months must be 6 or 3 (got "${cadenceText}")`);
        const due = cells.next_update_due;
        if (due !== '' && !(/^\d{4}-\d{2}-\d{2}$/.test(due) && DateTime.fromISO(due).isValid)) {
            rowProblems.push(`next_update_due must be a date written YYYY-MM-DD, e.g. 2026-09-30 (got "${due}")`);
        }
        const reports = parseYesNo(cells.reports ?? '');
        if (reports === 'bad') rowProblems.push(`reports must be yes or no (got "${cells.reports}")`);
        const aliases =
            cells.aliases === undefined
                ? undefined
                : [
                      ...new Set(
                          cells.aliases
                              .split(';')
                              .map((a) => a.trim())
                              .filter(Boolean),
                      ),
                  ];
        if (rowProblems.length) {
            problems.push(...rowProblems.map((p) => `row ${row}: ${p}`));
            continue;
        }
        const existing = groups.find((g) => g.id === id);
        const next: Group = {
            id,
            name,
            aliases: aliases ?? existing?.aliases ?? [],
            cadenceMonths: cadence as 3 | 6,
            ...(due ? { nextUpdateDue: due } : {}),
            reports: (reports as boolean | undefined) ?? existing?.reports ?? true,
        };
        if (next.reports && !next.nextUpdateDue)
            notes.push(
                `row ${row}: ${id} reports progress but has no next_update_due, so no update is scheduled for it`,
            );
        if (!existing) {
            groups.push(next);
            added++;
        } else if (canonical(existing) !== canonical(next)) {
            groups[groups.indexOf(existing)] = next;
            updated++;
        }
    }
    if (problems.length) throw problemsError('groups', problems);
    const kept = data.groups.filter((g) => !seen.has(g.id)).length;
    return {
        value: groups,
        summary: [
            `groups: ${added} added, ${updated} updated, ${rows.length - added - updated} unchanged${kept ? `; ${kept} not in the file kept as they were` : ''}.`,
        ],
        notes,
    };
}

export function exportGroups(data: Pick<StoreData, 'groups'>, bom = false): string {
    return toCsv(
        [...CSV_COLUMNS.groups.required, ...CSV_COLUMNS.groups.optional],
        data.groups.map((g) => [
            g.id,
            g.name,
            String(g.cadenceMonths),
            g.nextUpdateDue ?? '',
            g.aliases.join('; '),
            g.reports ? 'yes' : 'no',
        ]),
        bom,
    );
}

// ---------------------------------------------------------------------------------------------- roster

function parseRole(value: string): Role | undefined {
    const v = value
        .trim()
        .toLowerCase()
        .replace(/[\s-]+/g, '_');
    return (ROLES as readonly string[]).includes(v) ? (v as Role) : undefined;
}

/** Checks a roster file against the store's groups; returns the roster that replaces the current one. */
export function importRoster(data: Pick<StoreData, 'groups'>, text: string): ImportOutcome<RosterEntry[]> {
    const rows = readCsv('roster', text);
    const problems: string[] = [];
    const roster: RosterEntry[] = [];
    const lineOf = new Map<string, number>();
    const aadOf = new Map<string, { aad: string; row: number }>();
    for (const { row, cells } of rows) {
        const rowProblems: string[] = [];
        const role = parseRole(cells.role);
        if (!role) rowProblems.push(`unknown role "${cells.role}" (chair, vice_chair, member or manager)`);
        const groupId = cells.group_id;
        if (role === 'manager' && groupId)
            rowProblems.push('the partnership manager has no group: leave group_id empty');
        if (role && role !== 'manager' && !groupId) rowProblems.push(`a ${role} needs a group_id`);
        if (groupId && !data.groups.some((g) => g.id === groupId)) rowProblems.push(unknownGroup(groupId, data.groups));
        const name = cells.name;
        if (!name) rowProblems.push('the name is empty');
        else if (name.length > 200) rowProblems.push('the name is longer than 200 characters');
        const email = cells.email;
        if (!emailSchema.safeParse(email).success) rowProblems.push(`"${email}" is not an e-mail address`);
        const aad = cells.aad_object_id ?? '';
        if (aad.length > 64) rowProblems.push('aad_object_id is longer than 64 characters');
        const key = `${groupId}|${email.toLowerCase()}`;
        if (lineOf.has(key))
            rowProblems.push(`${email} is already on row ${lineOf.get(key)} for ${groupId || 'the manager line'}`);
        const known = aadOf.get(email.toLowerCase());
        if (aad && known && known.aad !== aad)
            rowProblems.push(`${email} has a different aad_object_id on row ${known.row}`);
        if (rowProblems.length) {
            problems.push(...rowProblems.map((p) => `row ${row}: ${p}`));
            continue;
        }
        lineOf.set(key, row);
        if (aad && !known) aadOf.set(email.toLowerCase(), { aad, row });
        roster.push({ groupId: groupId || null, role: role!, name, email, ...(aad ? { aadObjectId: aad } : {}) });
    }
    if (problems.length) throw problemsError('roster', problems);
    const notes: string[] = [];
    if (!roster.some((e) => e.role === 'manager'))
        notes.push('the roster names no partnership manager: people who are not on it will not be told whom to ask');
    const chairless = data.groups.filter(
        (g) => g.reports && !roster.some((e) => e.groupId === g.id && (e.role === 'chair' || e.role === 'vice_chair')),
    );
    if (chairless.length) notes.push(`no chair or vice-chair for: ${chairless.map((g) => g.id).join(', ')}`);
    const people = new Set(roster.map((e) => e.email.toLowerCase())).size;
    return {
        value: roster,
        summary: [`roster: ${people} people in ${roster.length} roles (the previous roster was replaced).`],
        notes,
    };
}

export function exportRoster(data: Pick<StoreData, 'roster'>, bom = false): string {
    return toCsv(
        [...CSV_COLUMNS.roster.required, ...CSV_COLUMNS.roster.optional],
        data.roster.map((e) => [e.groupId ?? '', e.role, e.name, e.email, e.aadObjectId ?? '']),
        bom,
    );
}

// ------------------------------------------------------------------------------------------ objectives

/** Checks an objectives file against the store's themes and groups; returns the objectives that replace the current ones. */
export function importObjectives(data: Pick<StoreData, 'groups' | 'themes'>, text: string): ImportOutcome<Objective[]> {
    const rows = readCsv('objectives', text);
    const problems: string[] = [];
    const objectives: Objective[] = [];
    const firstRow = new Map<string, number>();
    const pairRow = new Map<string, number>();
    const themes = data.themes.map((t) => t.code as string);
    for (const { row, cells } of rows) {
        const rowProblems: string[] = [];
        const ref = cells.ref.toUpperCase().replace(/\s+/g, '');
        const existing = objectives.find((o) => o.ref === ref);
        const theme = cells.theme.toUpperCase() || existing?.theme || '';
        const text = cells.text || existing?.text || '';
        if (!/^[A-Z]{1,2}\d{1,3}$/.test(ref))
            rowProblems.push(`"${cells.ref}" is not an objective reference (a theme code and a number, e.g. HW5)`);
        if (!themes.includes(theme)) rowProblems.push(`unknown theme "${cells.theme}" (${themes.join(', ')})`);
        else if (ref.replace(/\d+$/, '') !== theme)
            rowProblems.push(`${ref} does not start with its theme's code ${theme}`);
        if (!text) rowProblems.push('the objective text is empty');
        else if (text.length > 2000) rowProblems.push('the objective text is longer than 2000 characters');
        if (existing && cells.theme && existing.theme !== theme)
            rowProblems.push(`${ref} has theme ${existing.theme} on row ${firstRow.get(ref)}`);
        if (existing && cells.text && existing.text !== text)
            rowProblems.push(`${ref} has a different text on row ${firstRow.get(ref)} (leave it empty to repeat it)`);
        const groupId = cells.group_id;
        if (groupId && !data.groups.some((g) => g.id === groupId)) rowProblems.push(unknownGroup(groupId, data.groups));
        const pair = `${ref}|${groupId}`;
        if (pairRow.has(pair))
            rowProblems.push(`${ref} is already on row ${pairRow.get(pair)} for ${groupId || 'no group'}`);
        if (cells.contribution.length > 500) rowProblems.push('the contribution is longer than 500 characters');
        if (!groupId && cells.contribution) rowProblems.push('a contribution needs a group_id');
        if (rowProblems.length) {
            problems.push(...rowProblems.map((p) => `row ${row}: ${p}`));
            continue;
        }
        pairRow.set(pair, row);
        let objective = existing;
        if (!objective) {
            objective = { ref, theme: theme as Objective['theme'], text, contributions: [] };
            objectives.push(objective);
            firstRow.set(ref, row);
        }
        if (groupId) objective.contributions.push({ groupId, contribution: cells.contribution });
    }
    if (problems.length) throw problemsError('objectives', problems);
    const contributions = objectives.reduce((n, o) => n + o.contributions.length, 0);
    return {
        value: objectives,
        summary: [
            `objectives: ${objectives.length} objectives with ${contributions} group contributions (the previous objectives were replaced).`,
        ],
        notes: [],
    };
}

export function exportObjectives(data: Pick<StoreData, 'objectives'>, bom = false): string {
    return toCsv(
        CSV_COLUMNS.objectives.required,
        data.objectives.flatMap((o) =>
            o.contributions.length === 0
                ? [[o.ref, o.theme, o.text, '', '']]
                : o.contributions.map((c) => [o.ref, o.theme, o.text, c.groupId, c.contribution]),
        ),
        bom,
    );
}

// ------------------------------------------------------------------------------------------- dispatch

/** Imports a file of this kind into the data (inside the store's transaction); returns what changed. */
export function applyImport(
    kind: CsvKind,
    draft: StoreData,
    text: string,
): Pick<ImportOutcome<unknown>, 'summary' | 'notes'> {
    switch (kind) {
        case 'groups': {
            const r = importGroups(draft, text);
            draft.groups = r.value;
            return r;
        }
        case 'roster': {
            const r = importRoster(draft, text);
            draft.roster = r.value;
            return r;
        }
        case 'objectives': {
            const r = importObjectives(draft, text);
            draft.objectives = r.value;
            return r;
        }
    }
}

export function exportCsv(kind: CsvKind, data: StoreData, bom = false): string {
    return kind === 'groups'
        ? exportGroups(data, bom)
        : kind === 'roster'
          ? exportRoster(data, bom)
          : exportObjectives(data, bom);
}
