/**
 * Reaching a person proactively: through the 1:1 chat saved when they installed the bot or wrote to
 * it; failing that, by finding them in the roster of a team the bot is installed in (by Entra object
 * id or e-mail), opening a 1:1 chat and saving it for next time. Someone in neither is "notInstalled".
 */
import type { ConversationReference } from 'botbuilder';
import { personalKey, upsertConversation } from '../domain/conversations.js';
import type { StoreData } from '../domain/model.js';
import type { Store } from '../store/store.js';
import type { TeamMember, Transport } from './transport.js';

/** Team rosters read during one run, by team key: each team is asked once per run. */
export type TeamMembersCache = Map<string, Promise<TeamMember[]>>;

export interface PersonToReach {
    email: string;
    aadObjectId?: string;
}

export type Reach =
    | { reachable: true; reference: Partial<ConversationReference>; via: 'chat' | 'team' }
    | { reachable: false; reason: string };

const lower = (s?: string) => s?.trim().toLowerCase();

/** The saved, installed 1:1 conversation of this person, if any. */
export function savedConversation(data: Pick<StoreData, 'conversations' | 'identities'>, person: PersonToReach) {
    const userIds = new Set(data.identities.filter((i) => lower(i.email) === lower(person.email)).map((i) => i.userId));
    return data.conversations.find(
        (c) =>
            c.scope === 'personal' &&
            c.installed &&
            ((person.aadObjectId && c.aadObjectId === person.aadObjectId) || (c.userId && userIds.has(c.userId))),
    );
}

/** Conversation references known to be unusable (blocked, gone): not tried again. */
export function isDeadConversation(data: Pick<StoreData, 'conversations'>, key: string): boolean {
    return data.conversations.some((c) => c.key === key && !c.installed);
}

export async function reachPerson(
    store: Store,
    transport: Transport,
    person: PersonToReach,
    now: () => Date,
    teamsCache: TeamMembersCache = new Map(),
): Promise<Reach> {
    const data = store.read();
    const saved = savedConversation(data, person);
    if (saved) return { reachable: true, reference: saved.reference, via: 'chat' };

    const teams = data.conversations.filter((c) => c.scope === 'team' && c.installed);
    for (const team of teams) {
        let members;
        try {
            let pending = teamsCache.get(team.key);
            if (!pending) teamsCache.set(team.key, (pending = transport.teamMembers(team.reference)));
            members = await pending;
        } catch {
            continue; // one unreachable team must not stop the search
        }
        const member = members.find(
            (m) =>
                (person.aadObjectId && m.aadObjectId === person.aadObjectId) ||
                lower(m.email) === lower(person.email) ||
                lower(m.userPrincipalName) === lower(person.email),
        );
        if (!member) continue;
        const reference = await transport.createPersonalConversation(team.reference, member, team.tenantId);
        const at = now().toISOString();
        await store.transact((d) => {
            upsertConversation(d.conversations, {
                key: personalKey(member.id),
                scope: 'personal',
                aadObjectId: member.aadObjectId ?? person.aadObjectId,
                userId: member.id,
                tenantId: team.tenantId,
                reference: { ...reference, user: { id: member.id, name: member.name ?? '' } },
                installed: true,
                updatedAt: at,
            });
            d.identities = d.identities.filter((i) => i.userId !== member.id);
            d.identities.push({
                email: person.email,
                userId: member.id,
                aadObjectId: member.aadObjectId,
                learnedAt: at,
            });
        });
        return { reachable: true, reference, via: 'team' };
    }
    return {
        reachable: false,
        reason:
            teams.length === 0
                ? 'the bot is not installed for them, nor in any team'
                : 'the bot is not installed for them, and they are in none of its teams',
    };
}
