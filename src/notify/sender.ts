/**
 * Sends a batch of proactive messages: paced below Teams' limits, each fault retried or recorded
 * according to `faults.ts`, and every recipient ending with a named outcome. One recipient's failure
 * never stops the others; results are handed to `onResult` (which records them) as they happen.
 */
import type { Activity, ConversationReference } from 'botbuilder';
import pLimit, { type LimitFunction } from 'p-limit';
import { backoffMs, classify, SendError, type Outcome } from './faults.js';
import type { Transport } from './transport.js';

export interface SendJob {
    /** The job's identity (for example the recipient's delivery key). */
    id: string;
    reference: Partial<ConversationReference>;
    /** The message; or built by `prepare` at the moment of sending. */
    activity?: Partial<Activity>;
    /**
     * Runs once the job has its place in flight (see `maxInFlight`), while it waits for its paced slot;
     * the first attempt waits for it. The caller claims the message in its ledger here, so nothing is
     * claimed before it is among the few in flight, and the claim's write overlaps the wait for the
     * slot. Returning undefined skips the job.
     */
    prepare?: () => Promise<Partial<Activity> | undefined>;
    /**
     * Called when the send failed in a way a fresh conversation may cure (a stale chat: 404, or a 403
     * that is not a block; see `classify`): returns a new conversation to send the same message into
     * once more, or undefined (or throws) when none could be opened. Runs within the job's place in
     * flight, so the claim stays covered until the final outcome is recorded.
     */
    recover?: (failure: SendReport) => Promise<Partial<ConversationReference> | undefined>;
}

/** A fresh one-to-one chat opened after the saved one failed (see `SendJob.recover`). */
export interface Recovery {
    /** Why the first conversation failed, as classified. */
    after: { outcome: Outcome; reason?: string };
    /** Whether a fresh chat was opened (and the message sent into it once more). */
    opened: boolean;
    /** Why no fresh chat could be opened. */
    reason?: string;
    /** The conversation the message went into the second time. */
    reference?: Partial<ConversationReference>;
}

export interface SendReport {
    id: string;
    /** `skipped`: `prepare` declined to send (nothing left to claim). */
    outcome: Outcome | 'skipped';
    attempts: number;
    activityId?: string;
    /** Why it was not sent, for the manager. */
    reason?: string;
    /** The failure says the person or an admin shut the bot out: mark the chat, do not try it again. */
    permanent?: boolean;
    /** The failure says the conversation is stale: a fresh one-to-one chat may cure it. */
    stale?: boolean;
    /** A fresh chat was tried after this job's first conversation failed. */
    recovery?: Recovery;
}

export interface SenderOptions {
    /** Requests started per second across the whole app (Teams allows about 50 per app and tenant). */
    ratePerSecond?: number;
    /** Minimum gap between two sends into one conversation (Teams: 8 per 2 s per conversation). */
    perConversationGapMs?: number;
    /**
     * Jobs in flight at once: from the start of `prepare` (where callers claim the message) until
     * `onResult` has recorded the outcome. A process killed mid-run leaves at most this many claims
     * without an outcome, however slow the machine or the service is.
     */
    maxInFlight?: number;
    /** Attempts before giving up on one message. */
    maxAttempts?: number;
    baseDelayMs?: number;
    maxDelayMs?: number;
    sleep?: (ms: number) => Promise<void>;
    random?: () => number;
    now?: () => number;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Enough to keep Teams' app-wide ceiling (about 50 a second) busy while each request takes up to a
 * few hundred milliseconds, and few enough that a crash leaves little unconfirmed.
 */
export const DEFAULT_MAX_IN_FLIGHT = 16;

/** The window Teams counts the app-wide rate over. */
const RATE_WINDOW_MS = 1000;

export class ProactiveSender {
    private readonly lastStart = new Map<string, number>();
    /** When the next paced slot begins: slots are one interval apart on a fixed schedule, so timer delays do not add up. */
    private nextSlotAt = 0;
    private readonly slotMs: number;
    /**
     * The requests that still count against the app-wide rate: each from the moment it starts until
     * one window after its answer came back (`end` is undefined while it is in flight).
     */
    private readonly counted: { end?: number }[] = [];
    /** Wakes a request waiting at the ceiling when one in flight is answered. */
    private answered?: () => void;
    private gate: Promise<void> = Promise.resolve();
    private readonly o: Required<SenderOptions>;
    private readonly inFlight: LimitFunction;

    constructor(
        private readonly transport: Transport,
        options: SenderOptions = {},
    ) {
        this.o = {
            ratePerSecond: options.ratePerSecond ?? 45,
            perConversationGapMs: options.perConversationGapMs ?? 250,
            maxInFlight: options.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT,
            maxAttempts: options.maxAttempts ?? 5,
            baseDelayMs: options.baseDelayMs ?? 500,
            maxDelayMs: options.maxDelayMs ?? 30_000,
            sleep: options.sleep ?? realSleep,
            random: options.random ?? Math.random,
            now: options.now ?? Date.now,
        };
        this.slotMs = 1000 / this.o.ratePerSecond;
        this.inFlight = pLimit(this.o.maxInFlight);
    }

    /** How many jobs may be in flight at once (see `SenderOptions.maxInFlight`). */
    get maxInFlight(): number {
        return this.o.maxInFlight;
    }

    /** Sends every job; resolves when each has an outcome and `onResult` has finished for it. */
    async sendAll(
        jobs: SendJob[],
        onResult: (report: SendReport) => Promise<void> = async () => undefined,
    ): Promise<SendReport[]> {
        return Promise.all(jobs.map((job) => this.sendOne(job, onResult)));
    }

    /**
     * Sends one message with retries and hands its report to `onResult` before giving up its place
     * among the jobs in flight; never throws (unless `onResult` does).
     */
    async sendOne(
        job: SendJob,
        onResult: (report: SendReport) => Promise<void> = async () => undefined,
    ): Promise<SendReport> {
        return this.inFlight(async () => {
            const report = await this.sendRecovering(job);
            await onResult(report);
            return report;
        });
    }

    /** One attempt series; if it ends on a stale conversation and the job can recover, one more into a fresh chat. */
    private async sendRecovering(job: SendJob): Promise<SendReport> {
        const first = await this.attempt(job);
        if (!first.report.stale || !job.recover || !first.activity) return first.report;
        const after = { outcome: first.report.outcome as Outcome, reason: first.report.reason };
        let reference: Partial<ConversationReference> | undefined;
        try {
            reference = await job.recover(first.report);
        } catch (err) {
            return {
                ...first.report,
                recovery: { after, opened: false, reason: (err as Error)?.message ?? String(err) },
            };
        }
        if (!reference)
            return { ...first.report, recovery: { after, opened: false, reason: 'no fresh chat could be opened' } };
        const second = await this.attempt({ ...job, reference, activity: first.activity, prepare: undefined });
        return {
            ...second.report,
            attempts: first.report.attempts + second.report.attempts,
            recovery: { after, opened: true, reference },
        };
    }

    /** Sends with retries; reports the outcome and the message as prepared (for a resend into a fresh chat). */
    private async attempt(job: SendJob): Promise<{ report: SendReport; activity?: Partial<Activity> }> {
        const held: { activity?: Partial<Activity> } = { activity: job.activity };
        const report = await this.attemptReport(job, held);
        return { report, activity: held.activity };
    }

    private async attemptReport(job: SendJob, held: { activity?: Partial<Activity> }): Promise<SendReport> {
        let throttled = false;
        let lastReason = '';
        let activity = job.activity;
        // The first attempt's preparation (the caller's claim) starts as soon as the job has its place
        // in flight and runs while it waits for its paced slot, so a slow ledger write does not push the
        // send past its slot; it is still within the place, so the bound on unconfirmed claims holds.
        const preparing = job.prepare?.();
        // Awaited in the slot; until then a failure must not count as unhandled.
        preparing?.catch(() => undefined);
        for (let attempt = 1; attempt <= this.o.maxAttempts; attempt++) {
            try {
                const sent = await this.paced(job, async () => {
                    if (attempt === 1 && preparing) held.activity = activity = await preparing;
                    if (!activity) return undefined;
                    const request = await this.underCeiling();
                    try {
                        return await this.transport.send(job.reference, activity);
                    } finally {
                        request.end = this.o.now();
                        this.answered?.();
                    }
                });
                if (!sent) return { id: job.id, outcome: 'skipped', attempts: 0 };
                return {
                    id: job.id,
                    outcome: throttled ? 'throttled then sent' : 'sent',
                    attempts: attempt,
                    activityId: sent.activityId,
                };
            } catch (err) {
                const e =
                    err instanceof SendError
                        ? err
                        : new SendError(undefined, undefined, (err as Error)?.message ?? String(err));
                const decision = classify(e);
                if (!decision.retry)
                    return {
                        id: job.id,
                        outcome: decision.outcome,
                        attempts: attempt,
                        reason: decision.reason,
                        permanent: decision.permanent,
                        stale: decision.stale,
                    };
                throttled ||= decision.throttled;
                lastReason = `${e.status ?? 'no answer'}${e.code ? ` ${e.code}` : ''}`;
                if (attempt < this.o.maxAttempts) {
                    const wait =
                        decision.afterMs ??
                        backoffMs(attempt - 1, this.o.baseDelayMs, this.o.maxDelayMs, this.o.random);
                    await this.o.sleep(Math.min(wait, this.o.maxDelayMs));
                }
            }
        }
        return {
            id: job.id,
            outcome: 'failed',
            attempts: this.o.maxAttempts,
            reason: `gave up after ${this.o.maxAttempts} attempts (last: ${lastReason})`,
        };
    }

    /**
     * Runs `work` in the job's slot, when both the app-wide pace and the conversation's own gap allow.
     * Slots come in the order they were asked for.
     */
    private async paced<T>(job: SendJob, work: () => Promise<T>): Promise<T> {
        const conversation = job.reference.conversation?.id ?? job.id;
        const last = this.lastStart.get(conversation);
        if (last !== undefined) {
            const wait = last + this.o.perConversationGapMs - this.o.now();
            if (wait > 0) await this.o.sleep(wait);
        }
        const now = this.o.now();
        const slot = Math.max(now, this.nextSlotAt);
        this.nextSlotAt = slot + this.slotMs;
        if (slot > now) await realSleep(slot - now);
        this.lastStart.set(conversation, this.o.now());
        return work();
    }

    /**
     * Holds a request until fewer than the rate's worth count against the ceiling, and returns its
     * entry in the count. A request counts from its start until a window after its answer: the
     * service saw it somewhere between the two, so however the network delays one request and not
     * the next, no window of the service's clock holds more than the rate's worth. The schedule of
     * slots keeps the average; this holds every window under the ceiling even when a slot ran late
     * and the next did not. One request passes at a time.
     */
    private underCeiling(): Promise<{ end?: number }> {
        const pass = this.gate.then(async () => {
            const limit = Math.max(1, Math.floor(this.o.ratePerSecond));
            for (;;) {
                const horizon = this.o.now() - RATE_WINDOW_MS;
                for (let i = this.counted.length - 1; i >= 0; i--) {
                    const end = this.counted[i].end;
                    if (end !== undefined && end <= horizon) this.counted.splice(i, 1);
                }
                if (this.counted.length < limit) break;
                const ends = this.counted.flatMap((c) => (c.end === undefined ? [] : [c.end]));
                // Wait for the oldest answered request to leave the window, or for one in flight to be answered.
                if (ends.length > 0) await realSleep(Math.min(...ends) - horizon + 1);
                else await new Promise<void>((resolve) => (this.answered = resolve));
                this.answered = undefined;
            }
            const entry: { end?: number } = {};
            this.counted.push(entry);
            return entry;
        });
        this.gate = pass.then(
            () => undefined,
            () => undefined,
        );
        return pass;
    }
}
