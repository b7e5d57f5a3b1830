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

/**
 * Reaches a person: their saved 1:1 chat if it is installed; else a new 1:1 chat opened through a team
 * they are in (and saved). Never throws for a team that cannot be read; a failure to open the chat
 * itself is thrown as the transport's `SendError`.
 */
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
    const viaTeam = await throughTeams(store, transport, person, now, teamsCache);
    if (viaTeam) return { reachable: true, reference: viaTeam, via: 'team' };
    const teams = data.conversations.filter((c) => c.scope === 'team' && c.installed);
    return {
        reachable: false,
        reason:
            teams.length === 0
                ? 'the bot is not installed for them, nor in any team'
                : 'the bot is not installed for them, and they are in none of its teams',
    };
}

/**
 * Opens a fresh 1:1 chat with a person whose saved chat just failed as stale (404
 * ConversationNotFound, or a 403 that is not a block): first with their Teams user id and tenant
 * through the service URL the stale chat used, then through a team they are in. The new chat replaces
 * the stale one in the store. Throws an Error saying why when neither works.
 */
export async function reopenChat(
    store: Store,
    transport: Transport,
    person: PersonToReach,
    stale: Partial<ConversationReference>,
    now: () => Date,
    teamsCache: TeamMembersCache = new Map(),
): Promise<Partial<ConversationReference>> {
    const staleId = stale.conversation?.id;
    const record = store
        .read()
        .conversations.find(
            (c) =>
                c.scope === 'personal' &&
                (c.reference as { conversation?: { id?: string } }).conversation?.id === staleId,
        );
    const userId = record?.userId ?? stale.user?.id;
    const tenantId = record?.tenantId ?? stale.conversation?.tenantId;
    let direct = '';
    if (userId && stale.serviceUrl) {
        try {
            // Teams may give back the same id for a 1:1 chat: after a transient refusal that is still worth the resend.
            const reference = await transport.createPersonalConversation(stale, { id: userId }, tenantId);
            await saveChat(store, reference, { id: userId }, person, record?.aadObjectId, tenantId, now());
            return reference;
        } catch (err) {
            direct = (err as Error).message;
        }
    }
    const viaTeam = await throughTeams(store, transport, person, now, teamsCache).catch((err: unknown) => {
        throw new Error(`could not open a fresh chat: ${(err as Error).message}`);
    });
    if (viaTeam) return viaTeam;
    throw new Error(
        `could not open a fresh chat${direct ? ` (${direct.slice(0, 120)})` : ''}, and they are in none of the bot's teams`,
    );
}

/** Finds the person in an installed team's roster and opens a 1:1 chat through that team (saved). */
async function throughTeams(
    store: Store,
    transport: Transport,
    person: PersonToReach,
    now: () => Date,
    teamsCache: TeamMembersCache,
): Promise<Partial<ConversationReference> | undefined> {
    const teams = store.read().conversations.filter((c) => c.scope === 'team' && c.installed);
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
        await saveChat(store, reference, member, person, member.aadObjectId, team.tenantId, now());
        return reference;
    }
    return undefined;
}

/** Saves a newly opened 1:1 chat (replacing any earlier one of the same person) and who it belongs to. */
async function saveChat(
    store: Store,
    reference: Partial<ConversationReference>,
    member: { id: string; name?: string },
    person: PersonToReach,
    aadObjectId: string | undefined,
    tenantId: string | undefined,
    now: Date,
): Promise<void> {
    const at = now.toISOString();
    await store.transact((d) => {
        upsertConversation(d.conversations, {
            key: personalKey(member.id),
            scope: 'personal',
            aadObjectId: aadObjectId ?? person.aadObjectId,
            userId: member.id,
            tenantId,
            reference: { ...reference, user: { id: member.id, name: member.name ?? '' } },
            installed: true,
            updatedAt: at,
        });
        d.identities = d.identities.filter((i) => i.userId !== member.id);
        d.identities.push({
            email: person.email,
            userId: member.id,
            aadObjectId: aadObjectId ?? person.aadObjectId,
            learnedAt: at,
        });
    });
}
