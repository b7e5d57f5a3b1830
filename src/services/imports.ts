/**
 * Spreadsheets the partnership manager sends in Teams: read (CSV or .xlsx, the type taken from the
 * content), recognised (which kind of data, from the headings), previewed (what would be added,
 * changed and removed, by name, or every bad row by number), then applied all or nothing on the
 * manager's word, kept in the audit trail with the file's name, and undoable while nothing has changed
 * since. The rules of each import are the domain's (`registerCsv`, `partnershipCsv`); nothing is
 * written until Apply, and a refused file leaves the store as it was.
 */
import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { AppError, isAppError } from '../errors.js';
import {
    diffCollections,
    detectKinds,
    IMPORT_KIND_NAMES,
    IMPORT_KINDS,
    type ImportDiff,
    type ImportKind,
} from '../domain/imports.js';
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

/** How long a preview can be applied: after that the manager sends the file again. */
export const PREVIEW_HOURS = 24;

const pendingSchema = z.object({
    id: z.string(),
    kind: z.enum(IMPORT_KINDS),
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

/** The part of the store an import of this kind replaces. */
function collectionOf(kind: ImportKind, data: StoreData): unknown[] {
    switch (kind) {
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

function basisOf(kind: ImportKind, data: StoreData): string {
    return createHash('sha256')
        .update(JSON.stringify(collectionOf(kind, data)))
        .digest('hex');
}

function diffOf(kind: ImportKind, before: StoreData, after: StoreData): ImportDiff {
    switch (kind) {
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

/**
 * Runs the import on `draft` (changing it), checks the whole store is still valid, and returns notes.
 * Throws AppError listing every problem (by row) when the file cannot be imported.
 */
function importInto(kind: ImportKind, draft: StoreData, csv: string, by: string, at: string): string[] {
    let notes: string[] = [];
    if (kind === 'register') {
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

/**
 * Works out what importing the file would do and keeps it, unapplied, for Apply or Cancel. `kind` is
 * the kind the manager chose, when the headings fit more than one. Returns the preview, a refusal with
 * every problem, or the kinds to choose from.
 */
export async function previewImport(
    store: Store,
    file: { csv: string; fileName: string; kind?: ImportKind },
    person: Person,
    now: Date,
): Promise<{ preview: ImportPreview } | { refusal: ImportRefusal } | { choose: ImportKind[]; pendingId: string }> {
    const data = store.read() as StoreData;
    const kinds = file.kind ? [file.kind] : detectKinds(csvHeaders(file.csv));
    if (kinds.length === 0) {
        const headings = csvHeaders(file.csv).slice(0, 8).join(', ') || 'none';
        return {
            refusal: {
                fileName: file.fileName,
                problems: [
                    `I can't tell what this file holds from its column headings (${headings}). ` +
                        'A register file has title, kind and status; groups have id, name, cadence_months and next_update_due; ' +
                        'the roster has group_id, role, name and email; objectives have ref, theme, text, group_id and contribution. ' +
                        'Ask me to "send me the roster" (or the register, groups, objectives) for a file in the right layout.',
                ],
            },
        };
    }
    const id = randomUUID();
    if (kinds.length > 1) {
        await keepPending(store, {
            id,
            kind: kinds[0],
            fileName: file.fileName,
            csv: file.csv,
            by: person.email,
            createdAt: now.toISOString(),
            basis: '',
            state: 'pending',
        });
        return { choose: kinds, pendingId: id };
    }
    const kind = kinds[0];
    const draft = structuredClone(data);
    let notes: string[];
    try {
        notes = importInto(kind, draft, file.csv, person.email, now.toISOString());
    } catch (err) {
        if (isAppError(err, 'import.invalid'))
            return {
                refusal: {
                    kind,
                    fileName: file.fileName,
                    problems: (err.details?.problems as string[]) ?? [err.message],
                },
            };
        throw err;
    }
    await keepPending(store, {
        id,
        kind,
        fileName: file.fileName,
        csv: file.csv,
        by: person.email,
        createdAt: now.toISOString(),
        basis: basisOf(kind, data),
        state: 'pending',
    });
    return {
        preview: {
            id,
            kind,
            fileName: file.fileName,
            diff: diffOf(kind, data, draft),
            total: collectionOf(kind, draft).length,
            notes,
        },
    };
}

async function keepPending(store: Store, p: PendingImport): Promise<void> {
    await pendingSet(store).transact(p.id, (d) => Object.assign(d, p));
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
    return previewImport(store, { csv: p.csv, fileName: p.fileName, kind: kind ?? p.kind }, person, now);
}

/**
 * Imports a previewed file, all or nothing, if the data it was previewed against has not changed
 * since (otherwise AppError `import.stale`: the manager gets a fresh preview). Records one audit entry
 * naming the file and keeping the replaced data, so the import can be undone.
 */
export async function applyPendingImport(store: Store, id: string, person: Person, now: Date) {
    const p = await pendingFor(store, id, person, now);
    const at = now.toISOString();
    const result = await store.transact((d) => {
        if (basisOf(p.kind, d) !== p.basis)
            throw new AppError(
                'import.stale',
                `${IMPORT_KIND_NAMES[p.kind]} changed after you were shown this preview, so nothing was imported.`,
            );
        const before = structuredClone(d);
        importInto(p.kind, d, p.csv, person.email, at);
        return {
            diff: diffOf(p.kind, before, d),
            before: collectionOf(p.kind, before),
            after: collectionOf(p.kind, d),
        };
    });
    const entry = await recordImport(store, {
        kind: p.kind,
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
    return { kind: p.kind, fileName: p.fileName, diff: result.diff, auditId: entry.id };
}

/**
 * Keeps an import in the audit trail: the file's name, who and how, what changed by name, and the data
 * it replaced (so it can be undone). Used by imports from Teams and from the command line alike.
 */
export async function recordImport(
    store: Store,
    r: {
        kind: ImportKind;
        fileName: string;
        by: { name: string; email?: string };
        via: 'file' | 'cli';
        diff: ImportDiff;
        before: unknown[];
        after: unknown[];
        now: Date;
    },
) {
    return new AuditTrail(store).record(
        {
            by: r.by,
            via: r.via,
            action: `import.${r.kind}`,
            subject: { kind: r.kind, id: r.kind, name: IMPORT_KIND_NAMES[r.kind] },
            summary: `Imported ${r.fileName} into ${IMPORT_KIND_NAMES[r.kind]}: ${describeDiff(r.diff)}.`,
            changes: [{ field: r.kind, before: r.before, after: r.after }],
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
    kind: ImportKind,
    run: () => Promise<R>,
): Promise<{ result: R; diff: ImportDiff; before: unknown[]; after: unknown[] }> {
    const before = structuredClone(store.read()) as StoreData;
    const result = await run();
    const after = store.read() as StoreData;
    return {
        result,
        diff: diffOf(kind, before, after),
        before: collectionOf(kind, before),
        after: structuredClone(collectionOf(kind, after)),
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
    const change = entry.changes[0];
    const undone = await trail.find({ actions: ['undo.import'], since: new Date(entry.at) }, now);
    if (undone.some((e) => e.undoes === entry.id))
        throw new AppError('import.done', 'That import has already been undone.');
    const diff = await store.transact((d) => {
        if (JSON.stringify(collectionOf(kind, d)) !== JSON.stringify(change.after))
            throw new AppError(
                'import.changedSince',
                `${IMPORT_KIND_NAMES[kind]} has changed since that import, so undoing it would lose those changes. Nothing was changed.`,
            );
        const before = structuredClone(d);
        const restored = structuredClone(change.before);
        if (kind === 'register') d.protocols = restored as StoreData['protocols'];
        else if (kind === 'groups') d.groups = restored as StoreData['groups'];
        else if (kind === 'roster') d.roster = restored as StoreData['roster'];
        else d.objectives = restored as StoreData['objectives'];
        const check = storeDataSchema.safeParse(d);
        if (!check.success)
            throw new AppError(
                'import.changedSince',
                'Undoing that import would leave the data inconsistent, so nothing was changed.',
            );
        return diffOf(kind, before, d);
    });
    await trail.record(
        {
            by: { name: person.name, email: person.email },
            via: 'teams',
            action: 'undo.import',
            subject: entry.subject,
            summary: `Undid the import of ${entry.file ?? 'a file'} into ${IMPORT_KIND_NAMES[kind]}: ${describeDiff(diff)}.`,
            changes: [{ field: kind, before: change.after, after: change.before }],
            undoes: entry.id,
        },
        now,
    );
    return { kind, diff };
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
export async function exportWorkbook(kind: ImportKind, data: StoreData): Promise<Buffer> {
    const csv = kind === 'register' ? registerToCsv(data.protocols) : exportCsv(kind, data);
    return csvToXlsx(csv, IMPORT_KIND_NAMES[kind].replace(/^the /, ''));
}
