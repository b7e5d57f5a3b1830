/**
 * Who sent this activity, in the roster's terms. Teams gives the sender's Entra object id; when the
 * roster does not know it, the bot asks Teams for the member's e-mail once, matches the roster by
 * e-mail and remembers the Teams user id (see `identities` in the store).
 */
import { TeamsInfo, type TurnContext } from 'botbuilder';
import { findPerson, type Person } from '../domain/people.js';
import type { BotDeps } from './deps.js';

export interface Asker {
    userId: string;
    aadObjectId?: string;
    displayName: string;
    person?: Person;
}

export async function identifyAsker(context: TurnContext, deps: BotDeps): Promise<Asker> {
    const from = context.activity.from ?? { id: '', name: '' };
    const base = { userId: from.id, aadObjectId: from.aadObjectId, displayName: from.name ?? '' };
    const data = deps.store.read();
    let person = findPerson(data, { aadObjectId: from.aadObjectId, userId: from.id });
    if (!person && from.id) {
        const email = await lookUpEmail(context, deps);
        if (email) {
            person = findPerson(data, { email });
            if (person) {
                const learnedAt = deps.clock().toISOString();
                await deps.store.transact((d) => {
                    d.identities = d.identities.filter((i) => i.userId !== from.id);
                    d.identities.push({ email: person!.email, userId: from.id, aadObjectId: from.aadObjectId, learnedAt });
                });
            }
        }
    }
    return { ...base, person };
}

/** Asks Teams for the member's e-mail (or UPN). Failures mean "unknown", never an error for the person. */
async function lookUpEmail(context: TurnContext, deps: BotDeps): Promise<string | undefined> {
    try {
        const member = await TeamsInfo.getMember(context, context.activity.from.id);
        return member.email ?? member.userPrincipalName ?? undefined;
    } catch (err) {
        deps.log.debug({ err: (err as Error).message, userId: context.activity.from.id }, 'member look-up failed');
        return undefined;
    }
}
