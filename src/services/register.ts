/**
 * Register use cases that touch the store: the manager's changes from a card, and the CSV import and
 * export. The rules are the domain's (`domain/registerChanges.ts`, `formats/registerCsv.ts` reads and writes the file); the store
 * makes each change atomic and durable, and nothing is written when a check fails.
 */
import { randomBytes } from 'node:crypto';
import { AppError } from '../errors.js';
import { storeDataSchema, type Protocol } from '../domain/model.js';
import { todayIn } from '../domain/partialDate.js';
import type { Person } from '../domain/people.js';
import {
    canChangeRegister,
    FORBIDDEN_MESSAGE,
    parseRegisterChange,
    planRegisterChange,
    setRegisterFields,
    type RegisterAction,
} from '../domain/registerChanges.js';
import { assessProtocol, describePosition, windowEndFor, type RegisterOptions } from '../domain/register.js';
import { applyImport, describeProblems, parseRegisterCsv, type ImportSummary } from '../formats/registerCsv.js';
import type { Store } from '../store/store.js';
import { describeChange, parsePolicyChange, type RegisterDocumentChange } from '../domain/manage.js';
import { applyManagerChange } from './manage.js';
import { counted } from '../domain/words.js';

/**
 * Works out a change the manager asked for on a document's card, without making it: the change to
 * carry on the confirmation card (with a fresh plan id, so its Confirm is applied at most once) and
 * the lines that say what it will change, ending with where the document will stand. Refuses anyone
 * but the partnership manager before looking at the request (AppError `register.forbidden`), then
 * checks it against the register as it is now (`register.invalid`, `register.notFound`). Stores nothing.
 */
export function previewRegisterChange(
    store: Store,
    action: RegisterAction,
    raw: unknown,
    person: Person | undefined,
    now: Date,
    options: RegisterOptions,
): { change: RegisterDocumentChange; lines: string[] } {
    if (!person || !canChangeRegister(person)) throw new AppError('register.forbidden', FORBIDDEN_MESSAGE);
    const data = store.read();
    const today = todayIn(now, options.zone);
    const request = parseRegisterChange(action, raw, { protocols: data.protocols, groups: data.groups, today });
    const plan = planRegisterChange(data.protocols, request, {
        groups: data.groups,
        by: person.email,
        byName: person.name,
        at: now.toISOString(),
        today,
    });
    const change: RegisterDocumentChange = {
        kind: 'register',
        id: request.id,
        plan: `${now.toISOString()}-${randomBytes(4).toString('hex')}`,
        request,
        ...plan,
    };
    const lines = describeChange(data, change);
    const protocol = data.protocols.find((p) => p.id === request.id)!;
    const after = structuredClone(protocol);
    setRegisterFields(after, plan.after);
    const windowEnd = windowEndFor(today, options);
    const was = describePosition(assessProtocol(protocol, today, windowEnd, options.policyCycleMonths), today);
    const will = describePosition(assessProtocol(after, today, windowEnd, options.policyCycleMonths), today);
    if (lines.length && was !== will) lines.push(`Where it stands becomes: ${will} (was: ${was})`);
    return { change, lines };
}

export interface ImportResult {
    summary: ImportSummary;
    total: number;
    ignoredColumns: string[];
    dryRun: boolean;
}

/**
 * Replaces the register with the documents in a CSV file, all or nothing: if any row has a problem,
 * throws an AppError listing every problem by row and stores nothing.
 */
export async function importRegister(
    store: Store,
    csv: string,
    by: string,
    now: Date,
    options: { dryRun?: boolean } = {},
): Promise<ImportResult> {
    const attempt = (protocols: Protocol[], groups = store.read().groups) => {
        const parsed = parseRegisterCsv(csv, groups, protocols);
        if (parsed.problems.length) {
            const lines = describeProblems(parsed.problems);
            throw new AppError(
                'register.importInvalid',
                `Nothing was imported: the file has ${counted(lines.length, 'problem')}.\n${lines.map((l) => `  ${l}`).join('\n')}`,
                {
                    problems: parsed.problems,
                },
            );
        }
        return { parsed, ...applyImport(protocols, parsed.rows, by, now.toISOString()) };
    };
    if (options.dryRun) {
        const { summary, protocols, parsed } = attempt(store.read().protocols);
        return { summary, total: protocols.length, ignoredColumns: parsed.ignoredColumns, dryRun: true };
    }
    return store.transact((d) => {
        const { summary, protocols, parsed } = attempt(d.protocols, d.groups);
        d.protocols = protocols;
        // The whole store must still be valid (every owner group known, ids unique) before it is written.
        const check = storeDataSchema.safeParse(d);
        if (!check.success) {
            const issue = check.error.issues[0];
            throw new AppError(
                'register.importInvalid',
                `Nothing was imported: ${issue.path.join('.')}: ${issue.message}.`,
            );
        }
        return { summary, total: protocols.length, ignoredColumns: parsed.ignoredColumns, dryRun: false };
    });
}

/**
 * Sets (months) or clears (undefined) the partnership's review-cycle policy for documents that state
 * no review date: a choice the partnership makes, recorded with who set it and when. While it is
 * unset, no review date is worked out from a cycle.
 */
export async function setReviewCyclePolicy(
    store: Store,
    months: number | undefined,
    by: string,
    now: Date,
): Promise<{ before?: number; after?: number }> {
    // The same rule and record as the manager's card (domain/manage.ts): checked, audited, undoable.
    const change = parsePolicyChange(store.read(), { months: months === undefined ? '' : String(months) });
    if (change.before !== change.after) await applyManagerChange(store, change, { name: by }, now, 'cli');
    return { before: change.before, after: change.after };
}
