/**
 * Who sent this activity, in the roster's terms. Teams gives the sender's Entra object id; when the
 * roster does not know it (the manager often knows a chair's e-mail only), the bot asks Teams for the
 * member's e-mail or UPN once, matches the roster by e-mail (case-insensitive) and remembers the Teams
 * user id with that e-mail (`identities` in the store). Later messages, and restarts, need no look-up.
 *
 * The look-up is remembered for someone on no roster too: if the manager adds their e-mail later, the
 * bot knows them on their next message without asking Teams again.
 */
import { TeamsInfo, type TurnContext } from 'botbuilder';
import { findPerson, type Person, type SenderKey } from '../domain/people.js';
import type { StoreData } from '../domain/model.js';
import { RememberedPer } from '../remember.js';
import type { BotDeps } from './deps.js';

export interface Asker {
    userId: string;
    aadObjectId?: string;
    displayName: string;
    person?: Person;
}

/**
 * The roster's answer for a sender, kept per snapshot of the store's data: `read()` gives a new object
 * after every write and never changes one it gave, so an answer is good for as long as its snapshot is
 * current. A roster of a thousand people is otherwise searched three times a turn.
 */
const people = new RememberedPer<Readonly<StoreData>, Person | undefined>(4096);
const personIn = (data: Readonly<StoreData>, key: SenderKey) =>
    people.get(data, JSON.stringify([key.aadObjectId, key.email, key.userId]), () => findPerson(data, key));

/** Look-ups under way, per store and Teams user id: two activities at once cost one look-up. */
const inFlight = new WeakMap<object, Map<string, Promise<string | undefined>>>();

export async function identifyAsker(context: TurnContext, deps: BotDeps): Promise<Asker> {
    const from = context.activity.from ?? { id: '', name: '' };
    const base = { userId: from.id, aadObjectId: from.aadObjectId, displayName: from.name ?? '' };
    const key = { aadObjectId: from.aadObjectId, userId: from.id };
    let data = deps.store.read();
    let person = personIn(data, key);
    if (person || !from.id || data.identities.some((i) => i.userId === from.id)) return { ...base, person };

    let pending = inFlight.get(deps.store)?.get(from.id);
    if (!pending) {
        pending = learnIdentity(context, deps).finally(() => inFlight.get(deps.store)?.delete(from.id));
        if (!inFlight.has(deps.store)) inFlight.set(deps.store, new Map());
        inFlight.get(deps.store)!.set(from.id, pending);
    }
    const learnedEmail = await pending;
    data = deps.store.read();
    person = personIn(data, key) ?? (learnedEmail ? personIn(data, { email: learnedEmail }) : undefined);
    return { ...base, person };
}

/**
 * Asks Teams who the sender is and stores what it says: the roster's spelling of the e-mail when it
 * matches the roster, else the e-mail Teams gave. Resolves with that e-mail (undefined when Teams did
 * not answer or gave no address, in which case the next message asks again).
 */
async function learnIdentity(context: TurnContext, deps: BotDeps): Promise<string | undefined> {
    const from = context.activity.from;
    const member = await lookUpMember(context, deps);
    const addresses = [member?.email, member?.userPrincipalName].filter((a): a is string => Boolean(a?.includes('@')));
    if (addresses.length === 0) return undefined;
    const data = deps.store.read();
    const onRoster = addresses.map((email) => findPerson(data, { email })).find(Boolean);
    const email = onRoster?.email ?? addresses[0];
    const learnedAt = deps.clock().toISOString();
    try {
        await deps.store.transact((d) => {
            d.identities = d.identities.filter((i) => i.userId !== from.id);
            d.identities.push({
                email,
                userId: from.id,
                aadObjectId: from.aadObjectId ?? member?.aadObjectId,
                learnedAt,
            });
        });
    } catch (err) {
        // The person is still known for this turn; the look-up is simply repeated next time.
        deps.log.warn({ err: (err as Error).message, userId: from.id }, 'could not remember a learned identity');
    }
    return email;
}

/** Asks Teams for the member's details. Failures mean "unknown", never an error for the person. */
async function lookUpMember(
    context: TurnContext,
    deps: BotDeps,
): Promise<{ email?: string; userPrincipalName?: string; aadObjectId?: string } | undefined> {
    try {
        return await TeamsInfo.getMember(context, context.activity.from.id);
    } catch (err) {
        deps.log.debug({ err: (err as Error).message, userId: context.activity.from.id }, 'member look-up failed');
        return undefined;
    }
}
