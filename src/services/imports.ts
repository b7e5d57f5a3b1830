/**
 * Spreadsheets the partnership manager sends in Teams: read (CSV or .xlsx, the type taken from the
 * content), recognised (which kind of data, from the headings), previewed (what would be added,
 * changed and removed, by name, or every bad row by number), then applied all or nothing on the
 * manager's word, kept in the audit trail with the file's name, and undoable while nothing has changed
 * since. The rules of each import are the domain's (`registerCsv`, `partnershipCsv`, and for a group's
 * action plan the command line's own use case, `importActionPlan`); nothing is written until Apply, and
 * a refused file leaves the store as it was. An action plan belongs to one group: when its name and
 * title do not name exactly one, the manager is asked which group's it is before anything is previewed.
 */
import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { AppError, isAppError } from '../errors.js';
import {
    diffCollections,
    detectKinds,
    IMPORT_KIND_NAMES,
    IMPORT_KINDS,
    importTarget,
    type ImportDiff,
    type ImportKind,
    type TableKind,
} from '../domain/imports.js';
import { groupFinder } from '../domain/groupNames.js';
import type { Group } from '../domain/model.js';
import { looksLikeActionPlan, readActionPlanText } from '../formats/actionPlanFile.js';
import { importActionPlan } from './actionPlans.js';
import { storeDataSchema, type StoreData } from '../domain/model.js';
import { applyImport as applyPartnershipImport, exportCsv } from '../formats/partnershipCsv.js';
import {
    applyImport as applyRegisterRows,
    describeProblems,
    parseRegisterCsv,
    registerToCsv,
} from '../formats/registerCsv.js';
import type { Person } from '../domain/people.js';
import {
    csvHeaders,
    csvToXlsx,
    decodeCsv,
    sniffType,
    xlsxToCsv,
    type SpreadsheetType,
} from '../formats/spreadsheet.js';
import type { Store } from '../store/store.js';
import { AuditTrail } from './audit.js';
import { counted } from '../domain/words.js';

/** How long a preview can be applied: after that the manager sends the file again. */
export const PREVIEW_HOURS = 24;

const pendingSchema = z.object({
    id: z.string(),
    kind: z.enum(IMPORT_KINDS),
    /** The group whose action plan the file is (action plans only; absent until known). */
    groupId: z.string().optional(),
    fileName: z.string(),
    csv: z.string(),
    by: z.string(),
    createdAt: z.string(),
    /** A hash of the data the preview was worked out against: Apply refuses if it has changed since. */
    basis: z.string(),
    state: z.enum(['pending', 'applied', 'cancelled']),
    auditId: z.string().optional(),
});
export type PendingImport = z.infer<typeof pendingSchema>;

/** What the manager sees before deciding. */
export interface ImportPreview {
    id: string;
    kind: ImportKind;
    /** The group whose action plan this is ('' for the other kinds). */
    groupId: string;
    /** What the file would replace, in words: "the roster", "Asset Management's action plan". */
    target: string;
    fileName: string;
    diff: ImportDiff;
    /** Items in the file. */
    total: number;
    /** Things worth knowing that do not stop the import (ignored columns, for example). */
    notes: string[];
}

/** The file could be read but not imported: every problem, by row where there is one. */
export interface ImportRefusal {
    kind?: ImportKind;
    /** What the file was read as, in words, when known. */
    target?: string;
    fileName: string;
    problems: string[];
}

const pendingSet = (store: Store) => store.collection('imports', pendingSchema, () => ({}) as PendingImport);

const extensionType = (name: string): SpreadsheetType | undefined =>
    /\.xlsx$/i.test(name) ? 'xlsx' : /\.(csv|txt)$/i.test(name) ? 'csv' : undefined;

/**
 * The file as CSV text. Its type comes from the content; a name (or a Teams `fileType`) that says
 * otherwise is refused, as is anything that is neither CSV text nor a workbook. Throws AppError
 * (`file.wrongType`, `file.notSpreadsheet`, `csv.encoding`).
 */
export async function readSpreadsheet(bytes: Buffer, fileName: string, declaredType?: string): Promise<string> {
    const actual = sniffType(bytes);
    const named = extensionType(fileName) ?? (declaredType ? extensionType(`.${declaredType}`) : undefined);
    if (!actual) {
        throw new AppError(
            'file.wrongType',
            `${fileName} is not a spreadsheet: its content is neither CSV text nor an Excel workbook. Nothing was imported.`,
        );
    }
    if (!named) {
        throw new AppError(
            'file.wrongType',
            `I only import CSV files and Excel workbooks (.csv or .xlsx), and ${fileName} is named as neither. Nothing was imported.`,
        );
    }
    if (named !== actual) {
        throw new AppError(
            'file.wrongType',
            `${fileName} is named as ${named === 'xlsx' ? 'an Excel workbook' : 'a CSV file'} but its content is ${actual === 'xlsx' ? 'a ZIP archive' : 'plain text'}. Please save it again in the format its name says. Nothing was imported.`,
        );
    }
    return actual === 'xlsx' ? xlsxToCsv(bytes, fileName) : decodeCsv(bytes, fileName);
}

const byName = (data: StoreData, groupId: string | null) =>
    groupId === null ? 'the partnership' : (data.groups.find((g) => g.id === groupId)?.name ?? groupId);

/** What an import replaces: one of the tables, or one group's action plan. */
export interface ImportScope {
    kind: ImportKind;
    /** For an action plan: the group it belongs to. */
    groupId?: string;
}

const groupMilestones = (data: StoreData, groupId: string | undefined) =>
    data.milestones.filter((m) => m.groupId === groupId);

/** The part of the store an import of this kind replaces. */
function collectionOf({ kind, groupId }: ImportScope, data: StoreData): unknown[] {
    switch (kind) {
        case 'actions':
            return groupMilestones(data, groupId);
        case 'register':
            return data.protocols;
        case 'groups':
            return data.groups;
        case 'roster':
            return data.roster;
        case 'objectives':
            return data.objectives;
    }
}

/**
 * A hash of what the import's preview depends on: the part it replaces, and for an action plan the
 * objectives too (a row maps only to an objective the group contributes to).
 */
function basisOf(scope: ImportScope, data: StoreData): string {
    const depends = scope.kind === 'actions' ? [collectionOf(scope, data), data.objectives] : collectionOf(scope, data);
    return createHash('sha256').update(JSON.stringify(depends)).digest('hex');
}

function diffOf({ kind, groupId }: ImportScope, before: StoreData, after: StoreData): ImportDiff {
    switch (kind) {
        case 'actions':
            return diffCollections(
                groupMilestones(before, groupId),
                groupMilestones(after, groupId),
                (m) => m.id,
                (m) => `${m.ref}: ${m.description.length > 80 ? `${m.description.slice(0, 79)}…` : m.description}`,
                ['history'],
            );
        case 'register':
            return diffCollections(
                before.protocols,
                after.protocols,
                (p) => p.id,
                (p) => p.title,
                ['history'],
            );
        case 'groups':
            return diffCollections(
                before.groups,
                after.groups,
                (g) => g.id,
                (g) => g.name,
            );
        case 'roster':
            return diffCollections(
                before.roster,
                after.roster,
                (e) => `${e.email.toLowerCase()}|${e.groupId ?? ''}`,
                (e) => `${e.name}, ${e.role.replace('_', '-')} of ${byName(after, e.groupId)}`,
            );
        case 'objectives':
            return diffCollections(
                before.objectives,
                after.objectives,
                (o) => o.ref,
                (o) => `${o.ref}: ${o.text.slice(0, 80)}`,
            );
    }
}

/** An action plan through the command line's use case, its problems by row as the other kinds list them. */
function importActionPlanInto(
    draft: StoreData,
    groupId: string,
    file: { csv: string; fileName: string },
    by: string,
    at: string,
): string[] {
    try {
        const table = readActionPlanText(file.csv, file.fileName);
        const mapped = importActionPlan(draft, groupId, table, by, new Date(at), file.fileName);
        const assumed = mapped.milestones.filter((m) => m.stateAssumed && m.history.at(-1)?.at === at).length;
        return [
            mapped.kept
                ? `${counted(mapped.kept, 'milestone')} of the group not in the file will be kept as ${mapped.kept === 1 ? 'it is' : 'they are'}.`
                : '',
            assumed
                ? `${assumed} milestone${assumed === 1 ? "'s state is" : "s' states are"} assumed from the update's wording, and shown as assumed until the chair confirms.`
                : '',
            table.ignoredHeadings.length ? `Columns not read: ${table.ignoredHeadings.join(', ')}.` : '',
        ].filter(Boolean);
    } catch (err) {
        if (!isAppError(err)) throw err;
        const listed = err.details?.problems;
        throw new AppError('import.invalid', 'The file has problems.', {
            problems: Array.isArray(listed) ? listed.map(String) : [err.message],
        });
    }
}

/**
 * Runs the import on `draft` (changing it), checks the whole store is still valid, and returns notes.
 * Throws AppError listing every problem (by row) when the file cannot be imported.
 */
function importInto(
    { kind, groupId }: ImportScope,
    draft: StoreData,
    file: { csv: string; fileName: string },
    by: string,
    at: string,
): string[] {
    const { csv } = file;
    let notes: string[] = [];
    if (kind === 'actions') {
        notes = importActionPlanInto(draft, groupId ?? '', file, by, at);
    } else if (kind === 'register') {
        const parsed = parseRegisterCsv(csv, draft.groups, draft.protocols);
        if (parsed.problems.length) {
            throw new AppError('import.invalid', 'The file has problems.', {
                problems: describeProblems(parsed.problems),
            });
        }
        draft.protocols = applyRegisterRows(draft.protocols, parsed.rows, by, at).protocols;
        if (parsed.ignoredColumns.length) notes.push(`Columns not read: ${parsed.ignoredColumns.join(', ')}.`);
    } else {
        try {
            notes = applyPartnershipImport(kind, draft, csv).notes;
        } catch (err) {
            if (!isAppError(err)) throw err;
            // Every problem by row where the import lists them; otherwise its one message (an empty file).
            const listed = err.details?.problems;
            throw new AppError('import.invalid', 'The file has problems.', {
                problems: Array.isArray(listed) ? listed.map(String) : [err.message],
            });
        }
    }
    const check = storeDataSchema.safeParse(draft);
    if (!check.success) {
        const issue = check.error.issues[0];
        throw new AppError('import.invalid', 'The file has problems.', {
            problems: [`It would leave the data inconsistent (${issue.path.join('.')}: ${issue.message}).`],
        });
    }
    return notes;
}

/** A group the manager can choose as the owner of an action plan. */
export interface GroupOption {
    id: string;
    name: string;
}

/** What a preview can come to: the preview, a refusal with every problem, or a question for the manager. */
export type PreviewOutcome =
    | { preview: ImportPreview }
    | { refusal: ImportRefusal }
    | { choose: ImportKind[]; pendingId: string }
    | { chooseGroup: GroupOption[]; pendingId: string; fileName: string };

/** The kinds the file's headings fit: the tables by their header row, else an action plan by its own reader. */
function kindsOf(csv: string): ImportKind[] {
    const tables = detectKinds(csvHeaders(csv));
    if (tables.length) return tables;
    return looksLikeActionPlan(csv) ? ['actions'] : [];
}

/**
 * The one group an action plan names in its file name or its title ("KHOG action plan 2026.xlsx",
 * "Asset Management Group - Action Plan"), or undefined when it names none or more than one.
 */
export function groupNamedBy(groups: readonly Group[], fileName: string, title: string): Group | undefined {
    const stem = fileName.replace(/\.[a-z0-9]+$/i, '').replace(/[-_.]+/g, ' ');
    const found = groupFinder(groups).find(`${stem}\n${title}`);
    return found.length === 1 ? found[0] : undefined;
}

/**
 * Works out what importing the file would do and keeps it, unapplied, for Apply or Cancel. `kind` is
 * the kind the manager chose, when the headings fit more than one; `groupId` the group the manager
 * chose for an action plan. Returns the preview, a refusal with every problem, the kinds to choose
 * from, or (for an action plan whose group the file does not name) the groups to choose from. `id`
 * keeps the file under the same id (a group chosen for a file already kept).
 */
export async function previewImport(
    store: Store,
    file: { csv: string; fileName: string; kind?: ImportKind; groupId?: string },
    person: Person,
    now: Date,
    id: string = randomUUID(),
): Promise<PreviewOutcome> {
    const data = store.read() as StoreData;
    const kinds = file.kind ? [file.kind] : kindsOf(file.csv);
    if (kinds.length === 0) {
        const headings = csvHeaders(file.csv).slice(0, 8).join(', ') || 'none';
        return {
            refusal: {
                fileName: file.fileName,
                problems: [
                    `I can't tell what this file holds from its column headings (${headings}). ` +
                        'A register file has title, kind and status; groups have id, name, cadence_months and next_update_due; ' +
                        'the roster has group_id, role, name and email; objectives have ref, theme, text, group_id and contribution; ' +
                        "a group's action plan has objective (or reference), action, outcomes, lead, timescale and update. " +
                        'Ask me to "send me the roster" (or the register, groups, objectives) for a file in the right layout.',
                ],
            },
        };
    }
    const pending = (kind: ImportKind, basis = '', groupId?: string): PendingImport => ({
        id,
        kind,
        ...(groupId ? { groupId } : {}),
        fileName: file.fileName,
        csv: file.csv,
        by: person.email,
        createdAt: now.toISOString(),
        basis,
        state: 'pending',
    });
    if (kinds.length > 1) {
        await keepPending(store, pending(kinds[0]));
        return { choose: kinds, pendingId: id };
    }
    const kind = kinds[0];
    let groupId: string | undefined;
    if (kind === 'actions') {
        let title: string;
        try {
            title = readActionPlanText(file.csv, file.fileName).title;
        } catch (err) {
            // A plan without the columns it needs is refused before the manager is asked whose it is.
            if (!isAppError(err)) throw err;
            return { refusal: { kind, target: importTarget(kind), fileName: file.fileName, problems: [err.message] } };
        }
        groupId = file.groupId ?? groupNamedBy(data.groups, file.fileName, title)?.id;
        if (!groupId) {
            await keepPending(store, pending(kind));
            return {
                chooseGroup: data.groups.map((g) => ({ id: g.id, name: g.name })),
                pendingId: id,
                fileName: file.fileName,
            };
        }
    }
    const scope: ImportScope = { kind, groupId };
    const target = importTarget(kind, groupId ? data.groups.find((g) => g.id === groupId)?.name : undefined);
    const draft = structuredClone(data);
    let notes: string[];
    try {
        notes = importInto(scope, draft, file, person.email, now.toISOString());
    } catch (err) {
        if (isAppError(err, 'import.invalid'))
            return {
                refusal: {
                    kind,
                    target,
                    fileName: file.fileName,
                    problems: (err.details?.problems as string[]) ?? [err.message],
                },
            };
        throw err;
    }
    await keepPending(store, pending(kind, basisOf(scope, data), groupId));
    return {
        preview: {
            id,
            kind,
            groupId: groupId ?? '',
            target,
            fileName: file.fileName,
            diff: diffOf(scope, data, draft),
            total: collectionOf(scope, draft).length,
            notes,
        },
    };
}

async function keepPending(store: Store, p: PendingImport): Promise<void> {
    await pendingSet(store).transact(p.id, (d) => {
        delete d.groupId;
        Object.assign(d, p);
    });
}

/** A kept preview for the manager who made it, or an AppError saying why it cannot be used. */
async function pendingFor(store: Store, id: string, person: Person, now: Date): Promise<PendingImport> {
    const p = /^[0-9a-f-]{36}$/.test(id) ? await pendingSet(store).get(id) : undefined;
    if (!p?.id)
        throw new AppError('import.unknown', 'I have no file waiting under that card. Please send the file again.');
    if (p.by !== person.email)
        throw new AppError('import.forbidden', 'Only the manager who sent this file can apply or cancel it.');
    if (p.state === 'applied') throw new AppError('import.done', `${p.fileName} has already been imported.`);
    if (p.state === 'cancelled')
        throw new AppError('import.done', `${p.fileName} was cancelled. Send it again to import it.`);
    if (now.getTime() - Date.parse(p.createdAt) > PREVIEW_HOURS * 3_600_000)
        throw new AppError(
            'import.expired',
            `This preview of ${p.fileName} is more than ${PREVIEW_HOURS} hours old. Please send the file again.`,
        );
    return p;
}

/**
 * Previews a kept file again: as another kind (when the headings fit more than one and the manager
 * chose), or as the same kind against the data as it is now. The old preview can no longer be applied.
 */
export async function previewAs(store: Store, id: string, kind: ImportKind | undefined, person: Person, now: Date) {
    const p = await pendingFor(store, id, person, now);
    await pendingSet(store).transact(id, (d) => void (d.state = 'cancelled'));
    const groupId = (kind ?? p.kind) === p.kind ? p.groupId : undefined;
    return previewImport(store, { csv: p.csv, fileName: p.fileName, kind: kind ?? p.kind, groupId }, person, now);
}

/**
 * Previews a kept action plan as the chosen group's, under the same id (choosing again previews it as
 * another group's). A group that does not exist, a file that is not an action plan, and a file already
 * applied, cancelled or expired are refused with an AppError (`import.unknownGroup`, `import.notActions`,
 * and those of `pendingFor`) and nothing is stored.
 */
export async function previewForGroup(store: Store, id: string, groupId: string, person: Person, now: Date) {
    const p = await pendingFor(store, id, person, now);
    if (p.kind !== 'actions')
        throw new AppError('import.notActions', `${p.fileName} is not an action plan, so it belongs to no group.`);
    const data = store.read() as StoreData;
    if (!data.groups.some((g) => g.id === groupId))
        throw new AppError(
            'import.unknownGroup',
            `There is no group "${groupId.slice(0, 60)}", so I cannot import ${p.fileName} as its action plan. Nothing was changed: choose one of the groups listed.`,
        );
    return previewImport(store, { csv: p.csv, fileName: p.fileName, kind: 'actions', groupId }, person, now, id);
}

/**
 * Imports a previewed file, all or nothing, if the data it was previewed against has not changed
 * since (otherwise AppError `import.stale`: the manager gets a fresh preview). An action plan is applied
 * only as the group its preview showed (`shownGroupId`, from the card). Records one audit entry naming
 * the file and keeping the replaced data, so the import can be undone.
 */
export async function applyPendingImport(store: Store, id: string, person: Person, now: Date, shownGroupId?: string) {
    const p = await pendingFor(store, id, person, now);
    if (p.kind === 'actions' && !p.groupId)
        throw new AppError(
            'import.otherGroup',
            `Choose the group whose action plan ${p.fileName} is first: nothing was imported.`,
        );
    if (p.kind === 'actions' && shownGroupId !== p.groupId)
        throw new AppError(
            'import.otherGroup',
            `${p.fileName} is now waiting as another group's action plan than this preview showed, so nothing was imported.`,
        );
    const scope: ImportScope = { kind: p.kind, groupId: p.groupId };
    const at = now.toISOString();
    const result = await store.transact((d) => {
        if (basisOf(scope, d) !== p.basis)
            throw new AppError(
                'import.stale',
                `${capitalise(targetOf(scope, d))} changed after you were shown this preview, so nothing was imported.`,
            );
        const before = structuredClone(d);
        importInto(scope, d, p, person.email, at);
        return {
            diff: diffOf(scope, before, d),
            before: collectionOf(scope, before),
            after: collectionOf(scope, d),
            target: targetOf(scope, d),
        };
    });
    const entry = await recordImport(store, {
        kind: p.kind,
        groupId: p.groupId,
        fileName: p.fileName,
        by: { name: person.name, email: person.email },
        via: 'file',
        ...result,
        now,
    });
    await pendingSet(store).transact(id, (d) => {
        d.state = 'applied';
        d.auditId = entry.id;
    });
    return { kind: p.kind, target: result.target, fileName: p.fileName, diff: result.diff, auditId: entry.id };
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** What a scope replaces, in words, by the group's name as it is in `data`. */
function targetOf({ kind, groupId }: ImportScope, data: StoreData): string {
    return importTarget(kind, groupId ? (data.groups.find((g) => g.id === groupId)?.name ?? groupId) : undefined);
}

/**
 * Keeps an import in the audit trail: the file's name, who and how, what changed by name, and the data
 * it replaced (so it can be undone). Used by imports from Teams and from the command line alike.
 */
export async function recordImport(
    store: Store,
    r: {
        kind: ImportKind;
        /** For an action plan: the group whose plan it is. */
        groupId?: string;
        fileName: string;
        by: { name: string; email?: string };
        via: 'file' | 'cli';
        diff: ImportDiff;
        before: unknown[];
        after: unknown[];
        now: Date;
    },
) {
    const target = targetOf({ kind: r.kind, groupId: r.groupId }, store.read());
    return new AuditTrail(store).record(
        {
            by: r.by,
            via: r.via,
            action: `import.${r.kind}`,
            // An action plan's subject is its group, so "what changed for KHOG?" finds its plan's imports.
            subject:
                r.kind === 'actions' && r.groupId
                    ? { kind: 'group', id: r.groupId, name: target }
                    : { kind: r.kind, id: r.kind, name: target },
            summary: `Imported ${r.fileName} into ${target}: ${describeDiff(r.diff)}.`,
            changes: [{ field: r.kind === 'actions' ? 'milestones' : r.kind, before: r.before, after: r.after }],
            file: r.fileName,
        },
        r.now,
    );
}

/**
 * The parts of the store an import of this kind replaces, before and after a change made by `run`
 * (for the command line's imports, which change the store themselves), with what changed by name.
 */
export async function importWithRecord<R>(
    store: Store,
    scope: ImportKind | ImportScope,
    run: () => Promise<R>,
): Promise<{ result: R; diff: ImportDiff; before: unknown[]; after: unknown[] }> {
    const s = typeof scope === 'string' ? { kind: scope } : scope;
    const before = structuredClone(store.read()) as StoreData;
    const result = await run();
    const after = store.read() as StoreData;
    return {
        result,
        diff: diffOf(s, before, after),
        before: collectionOf(s, before),
        after: structuredClone(collectionOf(s, after)),
    };
}

/** Drops a previewed file without importing it. */
export async function cancelPendingImport(store: Store, id: string, person: Person, now: Date): Promise<PendingImport> {
    const p = await pendingFor(store, id, person, now);
    await pendingSet(store).transact(id, (d) => void (d.state = 'cancelled'));
    return p;
}

/**
 * Undoes an import: puts back what it replaced, if nothing has changed since it was applied (otherwise
 * AppError `import.changedSince`). Recorded in the audit trail as its own entry.
 */
export async function undoImport(store: Store, auditId: string, person: Person, now: Date) {
    const trail = new AuditTrail(store);
    const entry = await trail.get(auditId);
    if (!entry || !entry.action.startsWith('import.') || entry.undoes)
        throw new AppError('import.unknown', 'I cannot find that import to undo.');
    const kind = entry.action.slice('import.'.length) as ImportKind;
    const scope: ImportScope = kind === 'actions' ? { kind, groupId: entry.subject.id } : { kind };
    const change = entry.changes[0];
    const undos = await trail.find({ actions: ['undo.import'], since: new Date(entry.at) }, now);
    if (undos.some((e) => e.undoes === entry.id))
        throw new AppError('import.done', 'That import has already been undone.');
    const undone = await store.transact((d) => {
        if (JSON.stringify(collectionOf(scope, d)) !== JSON.stringify(change.after))
            throw new AppError(
                'import.changedSince',
                `${capitalise(targetOf(scope, d))} has changed since that import, so undoing it would lose those changes. Nothing was changed.`,
            );
        const before = structuredClone(d);
        const restored = structuredClone(change.before);
        if (kind === 'actions')
            d.milestones = [
                ...d.milestones.filter((m) => m.groupId !== scope.groupId),
                ...(restored as StoreData['milestones']),
            ];
        else if (kind === 'register') d.protocols = restored as StoreData['protocols'];
        else if (kind === 'groups') d.groups = restored as StoreData['groups'];
        else if (kind === 'roster') d.roster = restored as StoreData['roster'];
        else d.objectives = restored as StoreData['objectives'];
        const check = storeDataSchema.safeParse(d);
        if (!check.success)
            throw new AppError(
                'import.changedSince',
                'Undoing that import would leave the data inconsistent, so nothing was changed.',
            );
        return { diff: diffOf(scope, before, d), target: targetOf(scope, d) };
    });
    await trail.record(
        {
            by: { name: person.name, email: person.email },
            via: 'teams',
            action: 'undo.import',
            subject: entry.subject,
            summary: `Undid the import of ${entry.file ?? 'a file'} into ${undone.target}: ${describeDiff(undone.diff)}.`,
            changes: [{ field: change.field, before: change.after, after: change.before }],
            undoes: entry.id,
        },
        now,
    );
    return { kind, target: undone.target, diff: undone.diff };
}

/** "2 added, 1 changed, 3 removed" (or "no changes"). */
export function describeDiff(diff: ImportDiff): string {
    const parts = [
        diff.added.length && `${diff.added.length} added`,
        diff.changed.length && `${diff.changed.length} changed`,
        diff.removed.length && `${diff.removed.length} removed`,
    ].filter(Boolean);
    return parts.length ? parts.join(', ') : 'no changes';
}

/** The data of one kind as an .xlsx workbook in the import's own layout: importing it changes nothing. */
export async function exportWorkbook(kind: TableKind, data: StoreData): Promise<Buffer> {
    const csv = kind === 'register' ? registerToCsv(data.protocols) : exportCsv(kind, data);
    return csvToXlsx(csv, IMPORT_KIND_NAMES[kind].replace(/^the /, ''));
}
