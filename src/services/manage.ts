/**
 * The manager's small changes, stored: a change read from a form (and read again when confirmed, so
 * a forged or stale confirmation changes nothing), applied in one transaction only if what it changes
 * is still as the manager saw it, kept in the audit trail, and undone the same way.
 */
import { z } from 'zod';
import { AppError } from '../errors.js';
import {
    applyChange,
    auditSubjectOf,
    describeChange,
    parseGroupChange,
    parsePersonChange,
    parsePolicyChange,
    PLAN_PATTERN,
    refuseIfConfirmed,
    reverseChange,
    stampSource,
    type ManagerChange,
    type RegisterDocumentChange,
} from '../domain/manage.js';
import { todayIn } from '../domain/partialDate.js';
import {
    parseRegisterChange,
    planRegisterChange,
    REGISTER_ACTIONS,
    sameRegisterFields,
    type RegisterAction,
} from '../domain/registerChanges.js';
import type { Person } from '../domain/people.js';
import type { Store } from '../store/store.js';
import { AuditTrail } from './audit.js';

const settings = z.object({
    cadenceMonths: z.union([z.literal(3), z.literal(6)]),
    nextUpdateDue: z.string().optional(),
    reports: z.boolean(),
    assumptions: z.array(z.string()).optional(),
    setBy: z.object({ name: z.string(), at: z.string() }).optional(),
});
const line = z.object({
    name: z.string(),
    email: z.string(),
    role: z.enum(['chair', 'vice_chair', 'member', 'manager']),
    groupId: z.string().nullable(),
});
const changeSchema = z.union([
    z.object({ kind: z.literal('policy'), before: z.number().optional(), after: z.number().optional() }),
    z.object({ kind: z.literal('group'), groupId: z.string(), before: settings, after: settings }),
    z.object({ kind: z.literal('person'), before: line.optional(), after: line.optional() }),
    z.object({
        kind: z.literal('register'),
        id: z.string().min(1).max(80),
        plan: z.string().regex(PLAN_PATTERN),
        request: z.object({ action: z.enum(REGISTER_ACTIONS) }).passthrough(),
        before: z.record(z.string(), z.unknown()),
    }),
]);

/** Who confirms, and when: what a document change is worked out again with. */
export interface ConfirmContext {
    now: Date;
    zone: string;
    person: { name: string; email?: string };
}

/**
 * Reads a change carried back by a confirmation card: its shape, then its new values through the same
 * checks as the form, against the data as it is now. Throws AppError `manage.invalid`.
 */
export function readCarriedChange(store: Store, json: unknown, ctx?: ConfirmContext): ManagerChange {
    let parsed: unknown;
    try {
        parsed = typeof json === 'string' ? JSON.parse(json) : undefined;
    } catch {
        parsed = undefined;
    }
    const shape = changeSchema.safeParse(parsed);
    if (!shape.success)
        throw new AppError('manage.invalid', 'That confirmation card is not one I can read. Nothing was changed.');
    const change = shape.data;
    const data = store.read();
    if (change.kind === 'register') {
        if (!ctx)
            throw new AppError('manage.invalid', 'That confirmation card is not one I can read. Nothing was changed.');
        return readDocumentChange(data, change, ctx);
    }
    // The new values must pass the form's own checks.
    if (change.kind === 'policy')
        parsePolicyChange(data, { months: change.after === undefined ? '' : String(change.after) });
    else if (change.kind === 'group') {
        const a = change.after;
        const read = parseGroupChange(
            data,
            {
                groupId: change.groupId,
                cadenceMonths: String(a.cadenceMonths),
                nextUpdateDue: a.nextUpdateDue ?? '',
                reports: String(a.reports),
            },
            ctx && todayIn(ctx.now, ctx.zone),
        );
        // Where the schedule comes from is never taken from a card: it is what the store holds.
        return { ...change, after: { ...a, assumptions: read.after.assumptions, setBy: read.after.setBy } };
    } else if (change.after) {
        parsePersonChange(data, {
            ...change.after,
            groupId: change.after.groupId ?? '',
            originalEmail: change.before?.email ?? '',
            originalGroupId: change.before?.groupId ?? '',
        });
    } else if (!change.before)
        throw new AppError('manage.invalid', 'That confirmation card changes nothing. Nothing was changed.');
    return change;
}

/**
 * A document change carried back by its confirmation card, read again as the form was: the request
 * through the form's checks against the register as it is now, then worked out afresh as of `ctx.now`.
 * Throws AppError `manage.done` (already confirmed), `manage.stale` (the document changed since the
 * card was made, or the plan is dated in the future) or `register.invalid`/`register.notFound`.
 */
function readDocumentChange(
    data: ReturnType<Store['read']>,
    carried: {
        id: string;
        plan: string;
        request: { action: RegisterAction } & Record<string, unknown>;
        before: Record<string, unknown>;
    },
    ctx: ConfirmContext,
): RegisterDocumentChange {
    const protocol = data.protocols.find((p) => p.id === carried.id);
    if (protocol) refuseIfConfirmed(protocol, carried.plan);
    const madeAt = Date.parse(carried.plan.slice(0, 24));
    const today = todayIn(ctx.now, ctx.zone);
    const stale = new AppError(
        'manage.stale',
        'That document has been changed since this card was made. Nothing was changed: ask about it again to see it as it is now.',
    );
    if (!(madeAt <= ctx.now.getTime())) throw stale;
    const { action, ...input } = carried.request;
    if (input.id !== carried.id)
        throw new AppError('manage.invalid', 'That confirmation card is not one I can read. Nothing was changed.');
    const request = parseRegisterChange(action, input, { protocols: data.protocols, groups: data.groups, today });
    const plan = planRegisterChange(data.protocols, request, {
        groups: data.groups,
        by: ctx.person.email ?? ctx.person.name,
        byName: ctx.person.name,
        at: ctx.now.toISOString(),
        today,
    });
    if (!sameRegisterFields(plan.before, carried.before)) throw stale;
    return { kind: 'register', id: carried.id, plan: carried.plan, request, ...plan };
}

/** Applies a confirmed change and records it; returns the lines that say what changed, and the audit entry's id. */
export async function applyManagerChange(
    store: Store,
    proposed: ManagerChange,
    person: { name: string; email?: string },
    now: Date,
    via: 'teams' | 'cli' = 'teams',
) {
    const lines = describeChange(store.read(), proposed);
    if (lines.length === 0)
        throw new AppError('manage.nothing', 'That leaves everything as it is, so nothing was changed.');
    // The schedule the manager sets is hers from now on, not an assumption; undo restores what it was.
    const change = stampSource(proposed, person.name, now.toISOString());
    await store.transact((d) => applyChange(d, change, { who: person.email ?? person.name, at: now.toISOString() }));
    const { action, subject } = auditSubjectOf(store.read(), change);
    const entry = await new AuditTrail(store).record(
        {
            by: { name: person.name, email: person.email },
            via,
            action,
            subject,
            summary: `${lines.join('; ')}.`,
            changes: [{ field: change.kind, before: change.before, after: change.after }],
        },
        now,
    );
    return { lines, auditId: entry.id };
}

/** Undoes a change recorded in the audit trail, if nothing has changed it since; recorded as its own entry. */
export async function undoManagerChange(store: Store, auditId: string, person: Person, now: Date) {
    const trail = new AuditTrail(store);
    const entry = await trail.get(auditId);
    const recorded = entry?.changes[0];
    if (!entry || !recorded || !/^(group|roster|register\.)/.test(entry.action))
        throw new AppError('manage.unknown', 'I cannot find that change to undo.');
    const done = await trail.find({ since: new Date(entry.at), actions: ['undo.'] }, now);
    if (done.some((e) => e.undoes === entry.id))
        throw new AppError('manage.done', 'That change has already been undone.');
    const before = recorded.before as never;
    const after = recorded.after as never;
    const change: ManagerChange =
        recorded.field === 'register'
            ? {
                  kind: 'register',
                  id: entry.subject.id,
                  title: entry.subject.name,
                  before,
                  after,
                  event: { kind: 'edited' },
              }
            : recorded.field === 'group'
              ? { kind: 'group', groupId: entry.subject.id, before, after }
              : recorded.field === 'policy'
                ? { kind: 'policy', before, after }
                : { kind: 'person', before, after };
    const reverse = reverseChange(change);
    if (reverse.kind === 'register') {
        reverse.undoing = entry.at;
        reverse.event = { kind: 'edited', note: `Undone: ${entry.summary}`.slice(0, 4000) };
    }
    const lines = describeChange(store.read(), reverse);
    if (lines.length === 0) lines.push(`Taken back: ${entry.summary}`);
    await store.transact((d) => applyChange(d, reverse, { who: person.email, at: now.toISOString() }));
    await trail.record(
        {
            by: { name: person.name, email: person.email },
            via: 'teams',
            action: `undo.${entry.action}`,
            subject: entry.subject,
            summary: `Undid: ${entry.summary}`,
            changes: [{ field: recorded.field, before: recorded.after, after: recorded.before }],
            undoes: entry.id,
        },
        now,
    );
    return { lines };
}
