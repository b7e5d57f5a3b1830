/**
 * Activities already handled. Teams delivers an activity again (the same conversation id and activity
 * id) when the bot is slow to answer, and may deliver an invoke twice. Each activity is claimed here,
 * in the store, before it is answered: a second delivery within the window, after a restart or at
 * another instance on the same store, finds the claim and is not answered again. An invoke's answer is
 * kept with its claim, so a second delivery gets the same answer without the work being done twice.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Store } from '../store/store.js';

/** The largest invoke answer kept for a second delivery (a card is at most about 80 KB). */
export const MAX_KEPT_ANSWER_CHARS = 120_000;

const entrySchema = z.object({
    /** The activity's key within its conversation (see `activityKey` in the bot). */
    key: z.string().min(1).max(600),
    /** When it was first claimed (ISO). */
    at: z.string(),
    /** The invoke response given the first time, to give again. */
    answer: z.unknown().optional(),
    /** A message addressed to the bot (a 1:1 chat, or an @mention): one it answered. */
    addressed: z.boolean().optional(),
});
const docSchema = z.object({ handled: z.array(entrySchema) });
type HandledDoc = z.infer<typeof docSchema>;

/** What a claim found: this is the first delivery, or one handled before (with its answer, if kept). */
export type Claim = { first: true } | { first: false; at: string; answer?: unknown };

/**
 * A conversation's claims are spread over this many documents by the activity's key, so one busy
 * conversation (a channel, a long chat) does not make every claim rewrite all of the window's claims.
 */
const SHARDS = 16;

/**
 * The document holding an activity's claim: one of the conversation's `SHARDS`, chosen by the
 * activity's key (so every delivery of an activity finds the same one), named by hashes of the ids
 * (Teams ids hold characters keys may not).
 */
function docKey(conversationId: string, key: string): string {
    const conversation = createHash('sha256').update(conversationId).digest('hex').slice(0, 32);
    const shard = createHash('sha256').update(key).digest().readUInt32BE(0) % SHARDS;
    return `c-${conversation}-${shard}`;
}

export class HandledActivities {
    /**
     * @param windowMs how long a claim is remembered; older ones are dropped as the conversation's
     *   document is next written, so each document holds one window's activities at most.
     */
    constructor(
        private readonly store: Store,
        private readonly windowMs: number,
    ) {}

    private get docs() {
        return this.store.collection<HandledDoc>('handled-activities', docSchema, () => ({ handled: [] }));
    }

    /** Claims the activity in one durable write; `first: false` when it was claimed within the window. */
    async claim(conversationId: string, key: string, now: Date, options: { addressed?: boolean } = {}): Promise<Claim> {
        const horizon = now.getTime() - this.windowMs;
        return this.docs.transact(docKey(conversationId, key), (doc): Claim => {
            doc.handled = doc.handled.filter((e) => Date.parse(e.at) > horizon);
            const seen = doc.handled.find((e) => e.key === key);
            if (seen)
                return { first: false, at: seen.at, ...(seen.answer !== undefined ? { answer: seen.answer } : {}) };
            doc.handled.push({ key, at: now.toISOString(), ...(options.addressed ? { addressed: true } : {}) });
            return { first: true };
        });
    }

    /** Whether this activity was claimed within the window, and whether it was addressed to the bot. */
    async seen(
        conversationId: string,
        key: string,
        now: Date,
    ): Promise<{ at: string; addressed: boolean } | undefined> {
        const doc = await this.docs.get(docKey(conversationId, key));
        const entry = doc?.handled.find((e) => e.key === key && Date.parse(e.at) > now.getTime() - this.windowMs);
        return entry ? { at: entry.at, addressed: entry.addressed === true } : undefined;
    }

    /** Keeps the answer given to a claimed invoke, for a second delivery. Too large an answer is not kept. */
    async keepAnswer(conversationId: string, key: string, answer: unknown): Promise<void> {
        if (JSON.stringify(answer ?? null).length > MAX_KEPT_ANSWER_CHARS) return;
        await this.docs.transact(docKey(conversationId, key), (doc) => {
            const entry = doc.handled.find((e) => e.key === key);
            if (entry) entry.answer = answer;
        });
    }

    /** Gives up a claim (the activity failed on the bot's side), so a second delivery is handled afresh. */
    async release(conversationId: string, key: string): Promise<void> {
        await this.docs.transact(docKey(conversationId, key), (doc) => {
            doc.handled = doc.handled.filter((e) => e.key !== key);
        });
    }
}
