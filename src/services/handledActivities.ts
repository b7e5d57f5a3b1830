/**
 * Activities already handled. Teams delivers an activity again (the same conversation id and activity
 * id) when the bot is slow to answer, and may deliver an invoke twice. Each activity is claimed here,
 * in the store, before it is answered: a second delivery within the window, after a restart or at
 * another instance on the same store, finds the claim and is not answered again. An invoke's answer is
 * kept beside its claim, so a second delivery gets the same answer without the work being done twice.
 *
 * Each claim is a document of its own, made by the store's create-if-absent (`Collection.create`): one
 * write per activity, with no read and no lock, that exactly one delivery wins on any number of
 * instances. Claims older than the window are removed by a sweep that runs at most every half window.
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
type Entry = z.infer<typeof entrySchema>;

/** What a claim found: this is the first delivery, or one handled before (with its answer, if kept). */
export type Claim = { first: true } | { first: false; at: string; answer?: unknown };

/** The collection of claims; `handled-activities` held them in shared documents before. */
const COLLECTION = 'handled';
const EARLIER_COLLECTION = 'handled-activities';

const hashOf = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 32);

/**
 * The document of an activity's claim: a folder per conversation, a document per activity, named by
 * hashes of the ids (Teams ids hold characters keys may not). The answer to an invoke is kept in the
 * document beside it, `<claim>-answer`.
 */
function claimKey(conversationId: string, key: string): string {
    return `c-${hashOf(conversationId)}/a-${hashOf(key)}`;
}

export class HandledActivities {
    private lastSweep = 0;

    /**
     * @param windowMs how long a claim is remembered; older ones are removed by the sweep.
     * @param background runs the sweep without holding up the turn that started it (the bot's
     *   `BackgroundWork`, so stopping waits for it); without it the sweep runs within `claim`.
     */
    constructor(
        private readonly store: Store,
        private readonly windowMs: number,
        private readonly background?: (what: string, work: Promise<unknown>) => void,
    ) {}

    private get docs() {
        return this.store.collection<Entry>(COLLECTION, entrySchema, (key) => ({ key, at: new Date(0).toISOString() }));
    }

    /** Claims the activity in one durable write; `first: false` when it was claimed within the window. */
    async claim(conversationId: string, key: string, now: Date, options: { addressed?: boolean } = {}): Promise<Claim> {
        const doc = claimKey(conversationId, key);
        const entry: Entry = { key, at: now.toISOString(), ...(options.addressed ? { addressed: true } : {}) };
        const current = (d: Entry) => this.current(d, key, now);
        let claim: Claim;
        if (await this.docs.create(doc, entry)) claim = { first: true };
        else {
            // Claimed before: a delivery again within the window is answered from what is stored, with
            // no write. A claim older than the window (not swept yet) is claimed afresh by a
            // conditional write, so two deliveries at once still get one `first`.
            const seen = await this.docs.get(doc);
            claim =
                seen && current(seen)
                    ? { first: false, at: seen.at }
                    : await this.docs.transact(doc, (d): Claim => {
                          if (current(d)) return { first: false, at: d.at };
                          delete d.addressed;
                          delete d.answer;
                          Object.assign(d, entry);
                          return { first: true };
                      });
            if (claim.first) await this.docs.remove(`${doc}-answer`);
            else {
                const answer = (await this.docs.get(`${doc}-answer`))?.answer;
                if (answer !== undefined) claim = { ...claim, answer };
            }
        }
        await this.sweepNow();
        return claim;
    }

    /** Whether this activity was claimed within the window, and whether it was addressed to the bot. */
    async seen(
        conversationId: string,
        key: string,
        now: Date,
    ): Promise<{ at: string; addressed: boolean } | undefined> {
        const entry = await this.docs.get(claimKey(conversationId, key));
        return entry && this.current(entry, key, now)
            ? { at: entry.at, addressed: entry.addressed === true }
            : undefined;
    }

    /** Whether a stored claim is this activity's (not another's with the same hash) and within the window. */
    private current(entry: Entry, key: string, now: Date): boolean {
        return entry.key === key && Date.parse(entry.at) > now.getTime() - this.windowMs;
    }

    /** Keeps the answer given to a claimed invoke, for a second delivery. Too large an answer is not kept. */
    async keepAnswer(conversationId: string, key: string, answer: unknown, now: Date): Promise<void> {
        if (JSON.stringify(answer ?? null).length > MAX_KEPT_ANSWER_CHARS) return;
        await this.docs.create(`${claimKey(conversationId, key)}-answer`, { key, at: now.toISOString(), answer });
    }

    /** Gives up a claim (the activity failed on the bot's side), so a second delivery is handled afresh. */
    async release(conversationId: string, key: string): Promise<void> {
        const doc = claimKey(conversationId, key);
        await this.docs.remove(`${doc}-answer`);
        await this.docs.remove(doc);
    }

    /**
     * Removes the claims (and answers) written longer ago than the window, at most once every half
     * window; started in the background when there is one. It compares the store's own times (a file's
     * modification time, a blob's Last-Modified), so it goes by the machine's clock, not the bot's.
     */
    private async sweepNow(): Promise<void> {
        const wall = Date.now();
        if (wall - this.lastSweep < this.windowMs / 2) return;
        this.lastSweep = wall;
        const before = new Date(wall - this.windowMs);
        const sweep = Promise.all([
            this.docs.removeWrittenBefore('', before),
            this.store.collection(EARLIER_COLLECTION, z.unknown(), () => ({})).removeWrittenBefore('', before),
        ]);
        if (this.background) this.background('removing claims older than the redelivery window', sweep);
        else await sweep;
    }
}
