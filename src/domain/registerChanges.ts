/**
 * Keeping the register true: the partnership manager's changes from a document's card (mark it
 * reviewed, start a review, set its state, add a note). Each change is checked here, whatever the
 * card allowed, and recorded in the document's history with who made it and when.
 */
import { z } from 'zod';
import { AppError } from '../errors.js';
import type { Person } from './people.js';
import { PROTOCOL_STATUSES, type Group, type Protocol, type ProtocolEvent, type ProtocolStatus } from './model.js';
import { parsePartialDate } from './partialDate.js';

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
    context: { groups: readonly Group[]; by: string; at: string; today?: string },
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
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const field of [
        'lastReviewed',
        'nextReview',
        'reviewCycleMonths',
        'status',
        'reviewLead',
        'statusNote',
    ] as const) {
        if (JSON.stringify(before[field] ?? null) !== JSON.stringify(protocol[field] ?? null)) {
            changes[field] = { from: before[field] ?? null, to: protocol[field] ?? null };
        }
    }
    // A change to the record is the manager's word on it from today: the record's "as at" moves on.
    if (change.action !== 'addNote')
        protocol.asAt = { at: context.today ?? context.at.slice(0, 10), source: 'manager', by: context.by };
    const event: ProtocolEvent = { at: context.at, by: context.by, kind };
    if (change.note) event.note = change.note;
    if (Object.keys(changes).length) event.changes = changes;
    protocol.history.push(event);
    return protocol;
}
