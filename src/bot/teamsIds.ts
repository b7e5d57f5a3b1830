/** Teams user ids of roster people, as far as the bot has learned them (from chats and look-ups). */
import type { RosterEntry, StoreData } from '../domain/model.js';

export function teamsUserIds(
    data: Pick<StoreData, 'conversations' | 'identities'>,
    people: Pick<RosterEntry, 'email' | 'aadObjectId'>[],
): string[] {
    const ids = new Set<string>();
    for (const p of people) {
        const email = p.email.toLowerCase();
        for (const i of data.identities) if (i.email.toLowerCase() === email) ids.add(i.userId);
        for (const c of data.conversations) {
            if (c.scope === 'personal' && c.userId && p.aadObjectId && c.aadObjectId === p.aadObjectId)
                ids.add(c.userId);
        }
    }
    return [...ids];
}
