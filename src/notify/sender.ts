/**
 * Sends a batch of proactive messages: paced below Teams' limits, each fault retried or recorded
 * according to `faults.ts`, and every recipient ending with a named outcome. One recipient's failure
 * never stops the others; results are handed to `onResult` (which records them) as they happen.
 */
import type { Activity, ConversationReference } from 'botbuilder';
import PQueue from 'p-queue';
import { backoffMs, classify, SendError, type Outcome } from './faults.js';
import type { Transport } from './transport.js';

export interface SendJob {
    /** The job's identity (for example the recipient's delivery key). */
    id: string;
    reference: Partial<ConversationReference>;
    /** The message; or built by `prepare` at the moment of sending. */
    activity?: Partial<Activity>;
    /**
     * Runs in the job's paced slot, just before the first attempt: the caller claims the message in
     * its ledger there, so nothing is claimed long before it is sent. Returning undefined skips it.
     */
    prepare?: () => Promise<Partial<Activity> | undefined>;
}

export interface SendReport {
    id: string;
    /** `skipped`: `prepare` declined to send (nothing left to claim). */
    outcome: Outcome | 'skipped';
    attempts: number;
    activityId?: string;
    /** Why it was not sent, for the manager. */
    reason?: string;
}

export interface SenderOptions {
    /** Requests started per second across the whole app (Teams allows about 50 per app and tenant). */
    ratePerSecond?: number;
    /** Minimum gap between two sends into one conversation (Teams: 8 per 2 s per conversation). */
    perConversationGapMs?: number;
    /** Attempts before giving up on one message. */
    maxAttempts?: number;
    baseDelayMs?: number;
    maxDelayMs?: number;
    sleep?: (ms: number) => Promise<void>;
    random?: () => number;
    now?: () => number;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class ProactiveSender {
    private readonly queue: PQueue;
    private readonly lastStart = new Map<string, number>();
    private readonly o: Required<SenderOptions>;

    constructor(
        private readonly transport: Transport,
        options: SenderOptions = {},
    ) {
        this.o = {
            ratePerSecond: options.ratePerSecond ?? 45,
            perConversationGapMs: options.perConversationGapMs ?? 250,
            maxAttempts: options.maxAttempts ?? 5,
            baseDelayMs: options.baseDelayMs ?? 500,
            maxDelayMs: options.maxDelayMs ?? 30_000,
            sleep: options.sleep ?? realSleep,
            random: options.random ?? Math.random,
            now: options.now ?? Date.now,
        };
        this.queue = new PQueue({ intervalCap: 1, interval: Math.max(1, Math.floor(1000 / this.o.ratePerSecond)), carryoverIntervalCount: true });
    }

    /** Sends every job; resolves when each has an outcome and `onResult` has finished for it. */
    async sendAll(jobs: SendJob[], onResult: (report: SendReport) => Promise<void> = async () => undefined): Promise<SendReport[]> {
        return Promise.all(
            jobs.map(async (job) => {
                const report = await this.sendOne(job);
                await onResult(report);
                return report;
            }),
        );
    }

    /** Sends one message with retries; never throws. */
    async sendOne(job: SendJob): Promise<SendReport> {
        let throttled = false;
        let lastReason = '';
        let activity = job.activity;
        for (let attempt = 1; attempt <= this.o.maxAttempts; attempt++) {
            try {
                const sent = await this.paced(job, async () => {
                    if (attempt === 1 && job.prepare) activity = await job.prepare();
                    return activity ? this.transport.send(job.reference, activity) : undefined;
                });
                if (!sent) return { id: job.id, outcome: 'skipped', attempts: 0 };
                return { id: job.id, outcome: throttled ? 'throttled then sent' : 'sent', attempts: attempt, activityId: sent.activityId };
            } catch (err) {
                const e = err instanceof SendError ? err : new SendError(undefined, undefined, (err as Error)?.message ?? String(err));
                const decision = classify(e);
                if (!decision.retry) return { id: job.id, outcome: decision.outcome, attempts: attempt, reason: decision.reason };
                throttled ||= decision.throttled;
                lastReason = `${e.status ?? 'no answer'}${e.code ? ` ${e.code}` : ''}`;
                if (attempt < this.o.maxAttempts) {
                    const wait = decision.afterMs ?? backoffMs(attempt - 1, this.o.baseDelayMs, this.o.maxDelayMs, this.o.random);
                    await this.o.sleep(Math.min(wait, this.o.maxDelayMs));
                }
            }
        }
        return { id: job.id, outcome: 'failed', attempts: this.o.maxAttempts, reason: `gave up after ${this.o.maxAttempts} attempts (last: ${lastReason})` };
    }

    /** Runs `work` when both the app-wide pace and the conversation's own gap allow. */
    private async paced<T>(job: SendJob, work: () => Promise<T>): Promise<T> {
        const conversation = job.reference.conversation?.id ?? job.id;
        const last = this.lastStart.get(conversation);
        if (last !== undefined) {
            const wait = last + this.o.perConversationGapMs - this.o.now();
            if (wait > 0) await this.o.sleep(wait);
        }
        return this.queue.add(() => {
            this.lastStart.set(conversation, this.o.now());
            return work();
        }) as Promise<T>;
    }
}
