/**
 * Keeping the register true: the partnership manager's changes from a document's card (mark it
 * reviewed, start a review, set its state, add a note). Each change is checked here, whatever the
 * card allowed, and recorded in the document's history with who made it and when.
 */
import { z } from 'zod';
import { AppError } from '../errors.js';
import type { Person } from './people.js';
import { PROTOCOL_STATUSES, type Group, type Protocol, type ProtocolEvent, type ProtocolStatus } from './model.js';
import { parsePartialDate, showDate } from './partialDate.js';
import { REVIEWED_TEXT } from './register.js';

export const REGISTER_ACTIONS = ['markReviewed', 'startReview', 'setStatus', 'addNote'] as const;
export type RegisterAction = (typeof REGISTER_ACTIONS)[number];

export const STATUS_LABELS: Record<ProtocolStatus, string> = {
    current: 'Current',
    under_review: 'Under review',
    draft: 'Draft',
    withdrawn: 'Withdrawn',
};

/** Only the partnership manager may change the register. */
export function canChangeRegister(person: Person | undefined): boolean {
    return Boolean(person?.isManager);
}

export const FORBIDDEN_MESSAGE = 'Only the partnership manager can change the register. Nothing was changed.';

/** Card inputs arrive as strings, and an empty input as "": both mean "not given". */
const blankToUndefined = (v: unknown) =>
    typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v;
const optionalText = (max: number, what: string) =>
    z.preprocess(
        blankToUndefined,
        z
            .string({ invalid_type_error: `${what} must be text` })
            .max(max, `${what} is too long (at most ${max} characters)`)
            .optional(),
    );
const NO_DOCUMENT = 'the card does not say which document it is about';
const protocolId = z
    .string({ required_error: NO_DOCUMENT, invalid_type_error: NO_DOCUMENT })
    .min(1, NO_DOCUMENT)
    .max(80, NO_DOCUMENT);
const day = z
    .string({
        required_error: 'give the date of the review',
        invalid_type_error: 'the review date must be a date (YYYY-MM-DD)',
    })
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'the review date must be a date (YYYY-MM-DD)');

const schemas = {
    markReviewed: z.object({
        id: protocolId,
        reviewedOn: z.preprocess(blankToUndefined, day),
        nextReview: z.preprocess(
            blankToUndefined,
            z.string({ invalid_type_error: 'the next review must be a date (YYYY, YYYY-MM or YYYY-MM-DD)' }).optional(),
        ),
        cycleMonths: z.preprocess(
            blankToUndefined,
            z.coerce
                .number({ invalid_type_error: 'the review cycle must be a number of months' })
                .int('the review cycle must be a whole number of months')
                .min(1, 'the review cycle must be at least 1 month')
                .max(240, 'the review cycle can be at most 240 months')
                .optional(),
        ),
        note: optionalText(4000, 'the note'),
    }),
    startReview: z.object({
        id: protocolId,
        lead: z.preprocess(
            blankToUndefined,
            z
                .string({
                    required_error: 'choose the group that leads the review',
                    invalid_type_error: 'choose the group that leads the review',
                })
                .max(80, 'choose the group that leads the review from the list'),
        ),
        leadDetail: optionalText(150, 'who else is involved'),
        note: optionalText(2000, 'the note'),
    }),
    setStatus: z.object({
        id: protocolId,
        status: z.preprocess(
            blankToUndefined,
            z.enum(PROTOCOL_STATUSES, {
                errorMap: () => ({ message: `the state must be one of ${PROTOCOL_STATUSES.join(', ')}` }),
            }),
        ),
        note: optionalText(2000, 'the note'),
    }),
    addNote: z.object({
        id: protocolId,
        note: z.preprocess(
            blankToUndefined,
            z
                .string({ required_error: 'write the note first', invalid_type_error: 'the note must be text' })
                .max(4000, 'the note is too long (at most 4000 characters)'),
        ),
    }),
};

export type RegisterChange =
    | ({ action: 'markReviewed' } & {
          id: string;
          reviewedOn: string;
          nextReview?: string;
          cycleMonths?: number;
          note?: string;
      })
    | ({ action: 'startReview' } & { id: string; lead: string; leadDetail?: string; note?: string })
    | ({ action: 'setStatus' } & { id: string; status: ProtocolStatus; note?: string })
    | ({ action: 'addNote' } & { id: string; note: string });

function invalid(problems: string[]): AppError {
    return new AppError(
        'register.invalid',
        `That change could not be made: ${problems.join('; ')}. Nothing was changed.`,
        { problems },
    );
}

/**
 * Checks a change sent from a card against the register as it is now: the document exists, dates are
 * real and in order, the review is not dated in the future, the lead is a known group. Throws an
 * AppError naming every problem; the change is then not made.
 */
export function parseRegisterChange(
    action: RegisterAction,
    raw: unknown,
    context: { protocols: readonly Protocol[]; groups: readonly Group[]; today: string },
): RegisterChange {
    const parsed = schemas[action].safeParse(raw ?? {});
    if (!parsed.success) throw invalid([...new Set(parsed.error.issues.map((i) => i.message))]);
    const change = { action, ...parsed.data } as RegisterChange;
    const protocol = context.protocols.find((p) => p.id === change.id);
    if (!protocol)
        throw new AppError(
            'register.notFound',
            "I can't find that document in the register any more (it may have been removed by an import). Nothing was changed.",
        );
    const problems: string[] = [];
    if (change.action === 'markReviewed') {
        const reviewed = parsePartialDate(change.reviewedOn);
        if (reviewed?.precision !== 'day') problems.push(`${change.reviewedOn} is not a real date`);
        else if (reviewed.first > context.today) problems.push('the review date is in the future');
        if (change.nextReview !== undefined) {
            const next = parsePartialDate(change.nextReview);
            if (!next)
                problems.push(`the next review "${change.nextReview}" must be a date (YYYY, YYYY-MM or YYYY-MM-DD)`);
            else if (reviewed && next.last <= reviewed.first)
                problems.push('the next review must come after the review date');
            else change.nextReview = next.text;
        }
        if (protocol.status === 'withdrawn')
            problems.push('the document is withdrawn: set its state to current first if it is back in use');
    }
    if (change.action === 'startReview') {
        if (!context.groups.some((g) => g.id === change.lead))
            problems.push('choose the group that leads the review from the list');
        if (protocol.status === 'withdrawn')
            problems.push('the document is withdrawn: set its state to current first if it is back in use');
    }
    if (change.action === 'setStatus') {
        if (change.status === protocol.status && !change.note)
            problems.push(`it is already ${STATUS_LABELS[change.status].toLowerCase()}`);
        if (change.status === 'under_review' && protocol.status !== 'under_review' && !protocol.reviewLead) {
            problems.push('use "Start a review" to say who leads it');
        }
    }
    if (change.action === 'addNote' && change.note.length === 0) problems.push('write the note first');
    if (problems.length) throw invalid(problems);
    return change;
}

/**
 * Applies a checked change to the register (in place, inside the store's transaction) and records it
 * in the document's history. Returns the changed document.
 */
export function applyRegisterChange(
    protocols: Protocol[],
    change: RegisterChange,
    context: { groups: readonly Group[]; by: string; at: string; today?: string; byName?: string },
): Protocol {
    const protocol = protocols.find((p) => p.id === change.id);
    if (!protocol)
        throw new AppError(
            'register.notFound',
            "I can't find that document in the register any more. Nothing was changed.",
        );
    const before = structuredClone(protocol);
    const set = <K extends keyof Protocol>(field: K, value: Protocol[K] | undefined) => {
        // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- `field` is one of Protocol's own optional fields: clearing it means it is absent from the stored document
        if (value === undefined) delete protocol[field];
        else protocol[field] = value;
    };
    let kind: ProtocolEvent['kind'];
    switch (change.action) {
        case 'markReviewed':
            kind = 'reviewed';
            set('lastReviewed', change.reviewedOn);
            // A stated next review belonged to the review just done; without a new one the cycle applies.
            set('nextReview', change.nextReview);
            if (change.cycleMonths !== undefined) set('reviewCycleMonths', change.cycleMonths);
            set('status', 'current');
            set('reviewLead', undefined);
            // The old note described the state before this review ("being reviewed now by ..."); the
            // review's own note is kept in the history.
            set('statusNote', undefined);
            // The manager's word that it was reviewed is evidence of where it stands: without it, a
            // document with no cycle would have nothing recorded once the review superseded the rest.
            protocol.evidence = [
                ...protocol.evidence.filter((e) => e.kind !== 'reviewed'),
                {
                    kind: 'reviewed',
                    who: context.byName ? `${context.byName} (partnership manager)` : 'the partnership manager',
                    text: REVIEWED_TEXT,
                    statedDate: change.reviewedOn,
                    recorded: { at: context.today ?? context.at.slice(0, 10), source: 'manager', by: context.by },
                },
            ];
            break;
        case 'startReview': {
            kind = 'review_started';
            const group = context.groups.find((g) => g.id === change.lead)!;
            set('status', 'under_review');
            set('reviewLead', change.leadDetail ? `${group.name} with ${change.leadDetail}` : group.name);
            if (change.note) set('statusNote', change.note);
            break;
        }
        case 'setStatus':
            kind = 'status_changed';
            set('status', change.status);
            if (change.status !== 'under_review') set('reviewLead', undefined);
            if (change.note) set('statusNote', change.note);
            break;
        case 'addNote':
            kind = 'note';
            break;
    }
    const changes = historyChanges(before, protocol);
    // A change to the record is the manager's word on it from today: the record's "as at" moves on.
    if (change.action !== 'addNote')
        protocol.asAt = { at: context.today ?? context.at.slice(0, 10), source: 'manager', by: context.by };
    const event: ProtocolEvent = { at: context.at, by: context.by, kind };
    if (change.note) event.note = change.note;
    if (Object.keys(changes).length) event.changes = changes;
    protocol.history.push(event);
    return protocol;
}

/**
 * The fields of a document the manager's changes touch: what a confirmation compares (the change is
 * made only if they are still as the manager saw them) and what the audit trail keeps before and after.
 */
export const REGISTER_FIELDS = [
    'status',
    'statusNote',
    'reviewLead',
    'lastReviewed',
    'nextReview',
    'reviewCycleMonths',
    'asAt',
    'evidence',
] as const;
export type RegisterFields = Partial<Pick<Protocol, (typeof REGISTER_FIELDS)[number]>>;

/** The fields a document's history records a change of, in the order it lists them. */
const HISTORY_FIELDS = [
    'lastReviewed',
    'nextReview',
    'reviewCycleMonths',
    'status',
    'reviewLead',
    'statusNote',
] as const;

/**
 * What a change did to the fields a document's history records: `{ field: { from, to } }` for each
 * that differs (null for absent), empty when none does.
 */
export function historyChanges(
    before: RegisterFields,
    after: RegisterFields,
): Record<string, { from: unknown; to: unknown }> {
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const field of HISTORY_FIELDS)
        if (JSON.stringify(before[field] ?? null) !== JSON.stringify(after[field] ?? null))
            changes[field] = { from: before[field] ?? null, to: after[field] ?? null };
    return changes;
}

/** A document's register fields, copied (absent fields left out). */
export function registerFieldsOf(protocol: Protocol): RegisterFields {
    const fields: Record<string, unknown> = {};
    for (const f of REGISTER_FIELDS) if (protocol[f] !== undefined) fields[f] = structuredClone(protocol[f]);
    return fields;
}

/** True when two sets of register fields hold the same values, whatever the order of their keys. */
export function sameRegisterFields(a: RegisterFields, b: RegisterFields): boolean {
    const canonical = (v: unknown): unknown =>
        Array.isArray(v)
            ? v.map(canonical)
            : v && typeof v === 'object'
              ? Object.fromEntries(
                    Object.entries(v)
                        .filter(([, x]) => x !== undefined)
                        .sort(([x], [y]) => x.localeCompare(y))
                        .map(([k, x]) => [k, canonical(x)]),
                )
              : v;
    return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

/** Sets a document's register fields to `fields` (absent fields cleared). */
export function setRegisterFields(protocol: Protocol, fields: RegisterFields): void {
    const target = protocol as Record<string, unknown>;
    for (const f of REGISTER_FIELDS) {
        // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- `f` is one of Protocol's own fields: clearing it means it is absent from the stored document
        if (fields[f] === undefined) delete target[f];
        else target[f] = structuredClone(fields[f]);
    }
    protocol.evidence ??= [];
}

/** What a change would do to one document, worked out without changing it. */
export interface RegisterPlan {
    title: string;
    before: RegisterFields;
    after: RegisterFields;
    /** The entry the change adds to the document's history (its time and author are set when it is made). */
    event: Pick<ProtocolEvent, 'kind' | 'note'>;
}

/**
 * Works out a checked change on a copy of the register: the document's fields before and after, and
 * its history entry. Changes nothing. Throws AppError `register.notFound`.
 */
export function planRegisterChange(
    protocols: readonly Protocol[],
    change: RegisterChange,
    context: { groups: readonly Group[]; by: string; at: string; today: string; byName?: string },
): RegisterPlan {
    const original = protocols.find((p) => p.id === change.id);
    const copy = original ? [structuredClone(original)] : [];
    const changed = applyRegisterChange(copy, change, context);
    const event = changed.history[changed.history.length - 1];
    return {
        title: changed.title,
        before: registerFieldsOf(original!),
        after: registerFieldsOf(changed),
        event: { kind: event.kind, ...(event.note ? { note: event.note } : {}) },
    };
}

const stateWords = (s?: ProtocolStatus) => (s ? STATUS_LABELS[s].toLowerCase() : 'no state');
const dateWords = (d?: string) => {
    const parsed = d ? parsePartialDate(d) : undefined;
    if (!parsed) return 'none';
    return showDate(parsed);
};

/**
 * A change to one document in words, one line per thing it changes: what the confirmation card and
 * the audit trail say. `note` is the note the change adds to the document's history.
 */
export function describeRegisterChange(
    title: string,
    before: RegisterFields,
    after: RegisterFields,
    note?: string,
): string[] {
    const lines: string[] = [];
    const changed = (f: (typeof REGISTER_FIELDS)[number]) => JSON.stringify(before[f]) !== JSON.stringify(after[f]);
    if (changed('lastReviewed'))
        lines.push(
            `${title} is recorded as last reviewed on ${dateWords(after.lastReviewed)} (was: ${before.lastReviewed ? dateWords(before.lastReviewed) : 'no review on record'})`,
        );
    const reviewedBefore = before.evidence?.find((e) => e.kind === 'reviewed');
    const reviewedAfter = after.evidence?.find((e) => e.kind === 'reviewed');
    if (JSON.stringify(reviewedBefore) !== JSON.stringify(reviewedAfter))
        lines.push(
            reviewedAfter
                ? `The partnership manager's word that it was reviewed on ${dateWords(reviewedAfter.statedDate)} is kept as evidence of where it stands`
                : `The partnership manager's word that it was reviewed on ${dateWords(reviewedBefore?.statedDate)} is taken off its evidence`,
        );
    if (changed('nextReview'))
        lines.push(
            `Its stated next review becomes ${after.nextReview ? dateWords(after.nextReview) : 'none: the review cycle applies, if there is one'} (was: ${dateWords(before.nextReview)})`,
        );
    if (changed('reviewCycleMonths'))
        lines.push(
            `Its own review cycle becomes ${after.reviewCycleMonths ? `${after.reviewCycleMonths} months` : 'none'} (was: ${before.reviewCycleMonths ? `${before.reviewCycleMonths} months` : 'none'})`,
        );
    if (changed('status'))
        lines.push(`${title}'s state becomes ${stateWords(after.status)} (was: ${stateWords(before.status)})`);
    if (changed('reviewLead'))
        lines.push(
            after.reviewLead
                ? `Its review is led by ${after.reviewLead}${before.reviewLead ? ` (was: ${before.reviewLead})` : ''}`
                : `No one is recorded as leading a review any more (was: ${before.reviewLead})`,
        );
    if (changed('statusNote'))
        lines.push(
            after.statusNote
                ? `Its note on its state becomes "${after.statusNote}"${before.statusNote ? ` (was: "${before.statusNote}")` : ''}`
                : `Its note on its state is cleared (was: "${before.statusNote}")`,
        );
    if (note) lines.push(`A note is added to its history: "${note}"`);
    return lines;
}
