/**
 * Who is asking: the roster's view of a person. Pure functions over the store's data.
 */
import type { Group, Role, RosterEntry, StoreData } from './model.js';

export interface Person {
    name: string;
    email: string;
    aadObjectId?: string;
    /** Every roster line for this person: one per group role, or the manager line. */
    entries: RosterEntry[];
    isManager: boolean;
}

/** What we know of the sender of an activity. */
export interface SenderKey {
    aadObjectId?: string;
    email?: string;
    userId?: string;
}

const norm = (email: string) => email.trim().toLowerCase();

/**
 * Finds a person on the roster by Entra object id, then by e-mail (case-insensitive), then by a Teams
 * user id the bot learned earlier. Returns undefined for someone on no roster.
 */
export function findPerson(data: Pick<StoreData, 'roster' | 'identities'>, key: SenderKey): Person | undefined {
    let entries: RosterEntry[] = [];
    if (key.aadObjectId) entries = data.roster.filter((e) => e.aadObjectId === key.aadObjectId);
    let email = key.email ? norm(key.email) : undefined;
    if (entries.length === 0 && !email && key.userId) {
        const learned = data.identities.find((i) => i.userId === key.userId);
        email = learned ? norm(learned.email) : undefined;
    }
    if (entries.length === 0 && email) entries = data.roster.filter((e) => norm(e.email) === email);
    if (entries.length === 0) return undefined;
    // Once found by id, include the person's other lines that only carry the e-mail.
    const emails = new Set(entries.map((e) => norm(e.email)));
    const all = data.roster.filter(
        (e) => emails.has(norm(e.email)) || (key.aadObjectId && e.aadObjectId === key.aadObjectId),
    );
    const first = all[0];
    return {
        name: first.name,
        email: first.email,
        aadObjectId: all.find((e) => e.aadObjectId)?.aadObjectId,
        entries: all,
        isManager: all.some((e) => e.role === 'manager'),
    };
}

/** The ids of the groups in which the person holds one of the roles. */
export function groupsWithRole(person: Person, ...roles: Role[]): string[] {
    return [...new Set(person.entries.filter((e) => e.groupId && roles.includes(e.role)).map((e) => e.groupId!))];
}

/** The person's highest role, for greetings and help: manager > chair > vice-chair > member > observer. */
export function primaryRole(person: Person | undefined): Role | 'guest' {
    if (!person) return 'guest';
    for (const r of ['manager', 'chair', 'vice_chair', 'member', 'observer'] as const) {
        if (person.entries.some((e) => e.role === r)) return r;
    }
    return 'guest';
}

/** Who may read the digest and the Board paper: the partnership manager and observers (Board members). */
export function canReadDigest(person: Person | undefined): boolean {
    return Boolean(person && (person.isManager || person.entries.some((e) => e.role === 'observer')));
}

export function groupName(groups: Group[], id: string): string {
    return groups.find((g) => g.id === id)?.name ?? id;
}

/** The roster's manager line(s): whom to name when someone is not on the roster. */
export function managers(data: Pick<StoreData, 'roster'>): RosterEntry[] {
    return data.roster.filter((e) => e.role === 'manager');
}

/** How to name the partnership manager to someone: "the partnership manager, Morgan Ellis (morgan.ellis@example.com)". */
export function managerContact(data: Pick<StoreData, 'roster'>): string {
    const m = managers(data)[0];
    return m ? `the partnership manager, ${m.name} (${m.email})` : 'the partnership manager';
}

/** What someone on no roster is told when they ask about "their" group: whom to ask to be added. */
export function notOnRoster(data: Pick<StoreData, 'roster'>): string {
    return (
        "I can't tell which group is yours: you are not on the partnership's roster yet. " +
        `Please ask ${managerContact(data)} to add you; then ask me again.`
    );
}
