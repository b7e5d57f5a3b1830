/**
 * A spreadsheet the partnership manager sends in: which kind of data it holds (found from its column
 * headings), and what importing it would change, item by item and by name, so the manager sees exactly
 * what an import will do before it does it. Pure functions: reading files and the store is elsewhere.
 */

/**
 * The partnership's tables, each imported whole and exported in the import's own layout: the register,
 * the groups, the roster and the objectives.
 */
export const TABLE_KINDS = ['register', 'groups', 'roster', 'objectives'] as const;
export type TableKind = (typeof TABLE_KINDS)[number];

/**
 * The kinds of file the bot imports: the tables, and a group's action plan (its milestones under the
 * strategy's objectives), which belongs to one group and is laid out as the member councils write it.
 */
export const IMPORT_KINDS = [...TABLE_KINDS, 'actions'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** Words for each kind, as the manager reads them. */
export const IMPORT_KIND_NAMES: Record<ImportKind, string> = {
    register: 'the protocol register',
    groups: 'the groups',
    roster: 'the roster',
    objectives: 'the objectives',
    actions: 'an action plan',
};

/** What an import replaces, in words: "the roster", or "Asset Management's action plan" for a group's plan. */
export function importTarget(kind: ImportKind, groupName?: string): string {
    return kind === 'actions' && groupName ? `${groupName}'s action plan` : IMPORT_KIND_NAMES[kind];
}

/**
 * The headings that identify each table: a file is of a kind when it has all of that kind's headings.
 * They are the import's own required columns, so a file that is recognised is also one the import reads.
 * (An action plan is recognised by its own reader, whose heading row may sit below a title.)
 */
export const KIND_HEADINGS: Record<TableKind, readonly string[]> = {
    register: ['title', 'kind', 'status'],
    groups: ['id', 'name', 'cadence_months', 'next_update_due'],
    roster: ['group_id', 'role', 'name', 'email'],
    objectives: ['ref', 'theme', 'text', 'group_id', 'contribution'],
};

const norm = (h: string) =>
    h
        .replace(/^\uFEFF/, '')
        .trim()
        .toLowerCase()
        .replace(/[\s-]+/g, '_');

/**
 * The kinds whose headings are all in the header row (headings compared case-insensitively, spaces
 * and dashes read as underscores). Empty: no kind fits. More than one: the manager is asked.
 */
export function detectKinds(headers: readonly string[]): TableKind[] {
    const have = new Set(headers.map(norm));
    return TABLE_KINDS.filter((k) => KIND_HEADINGS[k].every((h) => have.has(h)));
}

/** What an import would change, by the names people use. */
export interface ImportDiff {
    added: string[];
    changed: { name: string; fields: string[] }[];
    removed: string[];
    unchanged: number;
}

/**
 * Compares a collection before and after an import, item by item (matched by `key`), naming each with
 * `label`. Fields listed in `ignore` (such as a document's history) are not compared.
 */
export function diffCollections<T extends object>(
    before: readonly T[],
    after: readonly T[],
    key: (item: T) => string,
    label: (item: T) => string,
    ignore: readonly string[] = [],
): ImportDiff {
    const old = new Map(before.map((i) => [key(i), i]));
    const fresh = new Map(after.map((i) => [key(i), i]));
    const diff: ImportDiff = { added: [], changed: [], removed: [], unchanged: 0 };
    for (const [k, item] of fresh) {
        const was = old.get(k);
        if (!was) {
            diff.added.push(label(item));
            continue;
        }
        const fields = changedFields(was as Record<string, unknown>, item as Record<string, unknown>, ignore);
        if (fields.length) diff.changed.push({ name: label(item), fields });
        else diff.unchanged += 1;
    }
    for (const [k, item] of old) if (!fresh.has(k)) diff.removed.push(label(item));
    return diff;
}

function changedFields(a: Record<string, unknown>, b: Record<string, unknown>, ignore: readonly string[]): string[] {
    const fields = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...fields].filter((f) => !ignore.includes(f) && JSON.stringify(a[f]) !== JSON.stringify(b[f])).sort();
}
