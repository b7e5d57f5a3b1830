/**
 * The delivery ledger: every reminder's identity (group, period, step, recipient) and what became of
 * it. A reminder is claimed in the store (durably, under the store's cross-process lock) immediately
 * before it is sent, and its outcome recorded right after; an identity already in the ledger is never
 * claimed again. So a restart, a second trigger at the same time, or a second bot instance cannot
 * send it twice. A claim left without an outcome (the process died during that send) is marked
 * `unconfirmed` on the next run and reported, never sent again: a later step of the schedule reaches
 * the person anyway.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Store } from '../store/store.js';
import type { Outcome } from './faults.js';

export const OUTCOMES = [
    'sent',
    'throttled then sent',
    'blocked',
    'notFound',
    'notInstalled',
    'failed',
    'unconfirmed',
] as const;

export const deliveryRecordSchema = z.object({
    /** `group|period|step|recipient e-mail` */
    id: z.string().min(1),
    groupId: z.string(),
    period: z.string(),
    step: z.string(),
    /** The recipient's e-mail (lower case): the roster's key for people. */
    recipient: z.string(),
    /** Why this person: the chair, the vice-chair standing in, or the manager for an escalation. */
    as: z.enum(['chair', 'vice_chair', 'manager']),
    runId: z.string(),
    claimedAt: z.string(),
    outcome: z.enum(OUTCOMES).optional(),
    attempts: z.number().int().min(0).optional(),
    finishedAt: z.string().optional(),
    reason: z.string().max(500).optional(),
    activityId: z.string().optional(),
    /**
     * How the message went, or was last tried: the saved chat, a chat opened through a team, or a
     * fresh chat opened after the saved one failed.
     */
    via: z.enum(['chat', 'team', 'fresh chat']).optional(),
    /** Why the saved chat failed before a fresh one was tried. */
    firstFailure: z.string().max(500).optional(),
    /** A vice-chair's reminder sent because the chair was not reached: the chair's name. */
    standingInFor: z.string().max(200).optional(),
});
export type DeliveryRecord = z.infer<typeof deliveryRecordSchema>;

const ledgerDocSchema = z.object({ recipient: z.string(), records: z.array(deliveryRecordSchema) });
type LedgerDoc = z.infer<typeof ledgerDocSchema>;

export interface Identity {
    groupId: string;
    period: string;
    step: string;
    recipient: string;
    as: DeliveryRecord['as'];
    /** Set on a vice-chair's reminder sent in the chair's place: the chair's name. */
    standingInFor?: string;
}

export function deliveryId(i: Pick<Identity, 'groupId' | 'period' | 'step' | 'recipient'>): string {
    return `${i.groupId}|${i.period}|${i.step}|${i.recipient.toLowerCase()}`;
}

/** One file per recipient, named by a hash of the e-mail (no addresses in file names). */
function recipientKey(email: string): string {
    return `r-${createHash('sha256').update(email.toLowerCase()).digest('hex').slice(0, 20)}`;
}

export class DeliveryLedger {
    constructor(private readonly store: Store) {}

    private get docs() {
        return this.store.collection<LedgerDoc>('deliveries', ledgerDocSchema, () => ({ recipient: '', records: [] }));
    }

    /**
     * Claims the identities not yet in the ledger for this recipient, all in one write. Returns the
     * claimed ones: send only if this is not empty.
     */
    async claim(recipient: string, identities: Identity[], runId: string, now: Date): Promise<Identity[]> {
        const email = recipient.toLowerCase();
        return this.docs.transact(recipientKey(email), (doc) => {
            doc.recipient = email;
            const known = new Set(doc.records.map((r) => r.id));
            const fresh = identities.filter((i) => !known.has(deliveryId(i)));
            for (const i of fresh) {
                doc.records.push({ ...i, recipient: email, id: deliveryId(i), runId, claimedAt: now.toISOString() });
            }
            return fresh;
        });
    }

    /**
     * `claim`, and in the same write `rider.identity` (something that rides along with the message,
     * such as the documents due for review) when some of the identities were claimed, `rider.when`
     * holds for those claimed, and the rider is not in the ledger yet. One write where a claim and
     * then the rider's own claim would take two. Returns the claimed identities and whether the rider
     * was claimed too.
     */
    async claimWithRider(
        recipient: string,
        identities: Identity[],
        rider: { identity: Identity; when?: (claimed: Identity[]) => boolean } | undefined,
        runId: string,
        now: Date,
    ): Promise<{ claimed: Identity[]; rider: boolean }> {
        const email = recipient.toLowerCase();
        return this.docs.transact(recipientKey(email), (doc) => {
            doc.recipient = email;
            const known = new Set(doc.records.map((r) => r.id));
            const fresh = identities.filter((i) => !known.has(deliveryId(i)));
            const withRider =
                rider !== undefined &&
                fresh.length > 0 &&
                (rider.when?.(fresh) ?? true) &&
                !known.has(deliveryId(rider.identity));
            for (const i of withRider ? [...fresh, rider.identity] : fresh) {
                doc.records.push({ ...i, recipient: email, id: deliveryId(i), runId, claimedAt: now.toISOString() });
            }
            return { claimed: fresh, rider: withRider };
        });
    }

    /**
     * Claims the identities not yet in the ledger and records their outcome in the same write, for a
     * message that was never sent (the person could not be reached): a crash cannot leave these
     * claimed without an outcome. Returns the identities it recorded.
     */
    async settle(
        recipient: string,
        identities: Identity[],
        runId: string,
        result: { outcome: Outcome; attempts: number; reason?: string },
        now: Date,
    ): Promise<Identity[]> {
        const email = recipient.toLowerCase();
        return this.docs.transact(recipientKey(email), (doc) => {
            doc.recipient = email;
            const known = new Set(doc.records.map((r) => r.id));
            const fresh = identities.filter((i) => !known.has(deliveryId(i)));
            const at = now.toISOString();
            for (const i of fresh) {
                doc.records.push({
                    ...i,
                    recipient: email,
                    id: deliveryId(i),
                    runId,
                    claimedAt: at,
                    outcome: result.outcome,
                    attempts: result.attempts,
                    finishedAt: at,
                    ...(result.reason ? { reason: result.reason.slice(0, 500) } : {}),
                });
            }
            return fresh;
        });
    }

    /** Records the outcome of the send that carried these identities. */
    async finish(
        recipient: string,
        identities: Identity[],
        result: {
            outcome: Outcome;
            attempts: number;
            reason?: string;
            activityId?: string;
            via?: DeliveryRecord['via'];
            firstFailure?: string;
        },
        now: Date,
    ): Promise<void> {
        const ids = new Set(identities.map(deliveryId));
        await this.docs.transact(recipientKey(recipient), (doc) => {
            for (const r of doc.records) {
                if (!ids.has(r.id)) continue;
                r.outcome = result.outcome;
                r.attempts = result.attempts;
                r.finishedAt = now.toISOString();
                if (result.reason) r.reason = result.reason.slice(0, 500);
                if (result.activityId) r.activityId = result.activityId;
                if (result.via) r.via = result.via;
                if (result.firstFailure) r.firstFailure = result.firstFailure.slice(0, 500);
            }
        });
    }

    /**
     * Marks claims older than the lease that never got an outcome as `unconfirmed`. Returns them, each
     * once: what a write settled is taken from the write that landed, so a write retried after a
     * conflict (another instance wrote the document meanwhile, perhaps settling some itself) counts
     * only what its final attempt changed.
     */
    async settleAbandoned(now: Date, leaseMs: number): Promise<DeliveryRecord[]> {
        const settled: DeliveryRecord[] = [];
        const abandoned = (r: DeliveryRecord) => !r.outcome && now.getTime() - Date.parse(r.claimedAt) > leaseMs;
        for (const { key, data } of await this.docs.list()) {
            if (!data.records.some(abandoned)) continue;
            // The mutation may run more than once (see `Collection.transact`): it returns what it changed
            // on this copy, rather than adding to a list outside it.
            const changed = await this.docs.transact(key, (doc) => {
                const at = now.toISOString();
                const these: DeliveryRecord[] = [];
                for (const r of doc.records) {
                    if (!abandoned(r)) continue;
                    r.outcome = 'unconfirmed';
                    r.finishedAt = at;
                    r.reason = 'the bot stopped while sending; not sent again to avoid a duplicate';
                    these.push({ ...r });
                }
                return these;
            });
            settled.push(...changed);
        }
        return settled;
    }

    /** Every record, optionally only those of one group or period. */
    async records(filter: { groupId?: string; period?: string } = {}): Promise<DeliveryRecord[]> {
        const all = (await this.docs.list()).flatMap((d) => d.data.records);
        return all.filter(
            (r) => (!filter.groupId || r.groupId === filter.groupId) && (!filter.period || r.period === filter.period),
        );
    }
}
