/**
 * The audit trail's records: who changed what in the partnership's data, when, through which way in,
 * and what it was before and after. Every action that changes the store on someone's behalf (a card
 * edit, an import, closing or reopening a round, a decision on a proposal) is kept as one entry, so the
 * manager can ask "what changed this week?" or "who changed KHOG's due date?" and an action can be undone
 * from what the entry kept. Pure types and functions; the store keeps them (services/audit.ts).
 */
import { z } from 'zod';
import { instant } from './model.js';

/** One field an action changed: its value before and after (absent where it did not exist). */
export const auditChangeSchema = z.object({
    field: z.string().min(1).max(200),
    before: z.unknown().optional(),
    after: z.unknown().optional(),
});
export type AuditChange = z.infer<typeof auditChangeSchema>;

export const auditEntrySchema = z.object({
    /** Unique, sortable by time within a month (`<ISO instant>-<random>`). */
    id: z.string().min(1).max(120),
    at: instant,
    /** Who acted: a roster person (name and e-mail), or the command line's operator, or the bot itself. */
    by: z.object({ name: z.string().min(1).max(200), email: z.string().max(320).optional() }),
    /** The way in: a Teams card or message, the command line, a file sent in Teams, or the bot's own schedule. */
    via: z.enum(['teams', 'cli', 'file', 'schedule']),
    /** What kind of action, dotted: `group.nextUpdateDue`, `register.import`, `round.close`, `round.reopen`. */
    action: z.string().min(1).max(80),
    /** What it acted on, by id and by the name people use. */
    subject: z.object({ kind: z.string().min(1).max(40), id: z.string().min(1).max(200), name: z.string().max(300) }),
    /** The action in words, as the manager reads it back: "Moved KHOG's next update from 11 Dec to 18 Dec 2026". */
    summary: z.string().min(1).max(2000),
    changes: z.array(auditChangeSchema).max(2000).default([]),
    /** A file the action came from (an import), by the name it was sent with. */
    file: z.string().max(300).optional(),
    /** The entry this one undoes, when it is an undo. */
    undoes: z.string().max(120).optional(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;
export type NewAuditEntry = Omit<AuditEntry, 'id' | 'at' | 'changes'> & { changes?: AuditChange[] };

/** One month of the trail, as stored. */
export const auditMonthSchema = z.object({ entries: z.array(auditEntrySchema).default([]) });
export type AuditMonth = z.infer<typeof auditMonthSchema>;

/** The month an instant falls in (UTC), `YYYY-MM`: the trail keeps one document per month. */
export function auditMonth(at: Date): string {
    return at.toISOString().slice(0, 7);
}

/** The months from `from` to `to` inclusive (UTC), oldest first, as `YYYY-MM`. */
export function monthsBetween(from: Date, to: Date): string[] {
    const months: string[] = [];
    let y = from.getUTCFullYear();
    let m = from.getUTCMonth();
    const endY = to.getUTCFullYear();
    const endM = to.getUTCMonth();
    while (y < endY || (y === endY && m <= endM)) {
        months.push(`${y}-${String(m + 1).padStart(2, '0')}`);
        m += 1;
        if (m === 12) {
            m = 0;
            y += 1;
        }
    }
    return months;
}

export interface AuditQuery {
    /** Entries at or after this instant. */
    since?: Date;
    /** Entries before this instant. */
    until?: Date;
    /** Only entries about this subject (kind and id). */
    subject?: { kind: string; id: string };
    /** Only these actions, or actions under a prefix ending in a dot (`group.`). */
    actions?: string[];
}

/** The entries that match the query, newest first (`entries` in the order they were written). */
export function selectAudit(entries: readonly AuditEntry[], q: AuditQuery): AuditEntry[] {
    const since = q.since?.getTime() ?? -Infinity;
    const until = q.until?.getTime() ?? Infinity;
    const wanted = (action: string) =>
        !q.actions || q.actions.some((a) => (a.endsWith('.') ? action.startsWith(a) : action === a));
    // Entries come in the order they were written; two at the same instant keep that order (reversed).
    return entries
        .map((e, order) => ({ e, order }))
        .filter(({ e }) => {
            const t = Date.parse(e.at);
            if (t < since || t >= until) return false;
            if (q.subject && (e.subject.kind !== q.subject.kind || e.subject.id !== q.subject.id)) return false;
            return wanted(e.action);
        })
        .sort((a, b) => Date.parse(b.e.at) - Date.parse(a.e.at) || b.order - a.order)
        .map(({ e }) => e);
}

/** The changes between two flat records, field by field (fields equal in both are left out). */
export function diffFields(before: Record<string, unknown>, after: Record<string, unknown>): AuditChange[] {
    const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return fields
        .filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]))
        .map((f) => ({ field: f, before: before[f], after: after[f] }));
}
