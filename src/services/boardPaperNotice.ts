/**
 * When the partnership manager closes a round, each observer on the roster (Board members, and anyone
 * else the manager named) is sent the Board paper's link in their 1:1 chat with the bot. Each gets a
 * named outcome, which the manager is told: an observer the bot cannot reach is named, with why.
 */
import { notReachedReason } from '../domain/digest.js';
import type { RosterEntry } from '../domain/model.js';
import type { Logger } from '../log.js';
import { reachPerson } from '../notify/recipients.js';
import type { ProactiveSender } from '../notify/sender.js';
import type { Transport } from '../notify/transport.js';
import type { Store } from '../store/store.js';

export interface NoticeDeps {
    store: Store;
    transport: Transport;
    sender: ProactiveSender;
    log: Logger;
}

export interface NoticeOutcome {
    name: string;
    email: string;
    delivered: boolean;
    /** Why it was not delivered, in words. */
    reason?: string;
}

/** The observers on the roster, one line per person (an observer may hold other roles too). */
export function observersOf(roster: readonly RosterEntry[]): RosterEntry[] {
    const seen = new Set<string>();
    return roster.filter((e) => {
        const key = e.email.toLowerCase();
        if (e.role !== 'observer' || seen.has(key)) return false;
        seen.add(key);
        return true;
    });
}

/**
 * Sends each observer the message built for them by `text` (their own signed link in it). Never
 * throws for one observer's failure; resolves with every observer's outcome.
 */
export async function sendBoardPaperNotice(
    deps: NoticeDeps,
    observers: readonly RosterEntry[],
    text: (observer: RosterEntry) => string,
    now: Date,
): Promise<NoticeOutcome[]> {
    return Promise.all(
        observers.map(async (o): Promise<NoticeOutcome> => {
            const base = { name: o.name, email: o.email };
            try {
                const reach = await reachPerson(deps.store, deps.transport, o, () => now);
                if (!reach.reachable)
                    return { ...base, delivered: false, reason: notReachedReason('notInstalled', o.name) };
                const report = await deps.sender.sendOne({
                    id: `board-paper:${o.email.toLowerCase()}`,
                    reference: reach.reference,
                    // A plain text message, as botbuilder's MessageFactory.text builds it.
                    activity: { type: 'message', text: text(o), inputHint: 'acceptingInput' },
                });
                const ok = report.outcome === 'sent' || report.outcome === 'throttled then sent';
                return ok
                    ? { ...base, delivered: true }
                    : {
                          ...base,
                          delivered: false,
                          reason: notReachedReason(report.outcome, o.name, report.reason),
                      };
            } catch (err) {
                deps.log.warn({ err: (err as Error).message }, 'board paper notice failed');
                return {
                    ...base,
                    delivered: false,
                    reason: notReachedReason('failed', o.name, (err as Error).message),
                };
            }
        }),
    );
}
