/**
 * What the bot can do for each role, in the words a person would type. The greeting and the help
 * card are built from this list, so a person only sees what they may actually do.
 */
import type { Role } from './model.js';
import type { Person } from './people.js';

export interface Capability {
    /** The recogniser's intent for it (see `data/nlu/`). */
    intent: string;
    title: string;
    /** Something the person can type (also the text of the card's quick button). */
    example: string;
    roles: readonly (Role | 'guest')[];
    /** The partnership manager's words where they differ: every group, not "your group". */
    forManager?: { title: string; example: string };
}

const everyone = ['guest', 'member', 'vice_chair', 'chair', 'manager', 'observer'] as const;
const inGroup = ['member', 'vice_chair', 'chair', 'manager'] as const;

export const CAPABILITIES: readonly Capability[] = [
    {
        intent: 'protocols.due',
        title: 'See which protocols and guides are due for review',
        example: 'Which protocols are due for review?',
        roles: everyone,
    },
    {
        intent: 'protocols.one',
        title: 'Look up one document: owner, dates, review state',
        example: 'Tell me about the KRS',
        roles: everyone,
    },
    {
        intent: 'update.next',
        title: "See your group's next progress update",
        example: "What's my group's next update?",
        roles: inGroup,
        forManager: { title: "See any group's next progress update", example: "What's KHOG's next update?" },
    },
    {
        intent: 'progress.start',
        title: "Write or continue your group's progress update",
        example: "Update my group's progress",
        roles: ['chair', 'vice_chair', 'manager'],
        forManager: { title: "Write or continue any group's progress update", example: "Update KHOG's progress" },
    },
    {
        intent: 'groups.late',
        title: 'See which groups are late with their update',
        example: 'Which groups are late?',
        roles: ['manager'],
    },
    {
        intent: 'digest',
        title: 'Get the digest for the Board: the round being collected, with a spreadsheet and the Board paper',
        example: 'Digest',
        roles: ['manager', 'observer'],
    },
    {
        intent: 'board.meeting',
        title: "Record the Board's next meeting: the digest then collects for its paper deadline",
        example: 'The Board meets on 12 March 2027',
        roles: ['manager'],
    },
    {
        intent: 'strategy.objective',
        title: 'Ask about the strategy: an objective, a theme, who contributes, the gaps',
        example: 'What is HW9?',
        roles: everyone,
    },
    {
        intent: 'strategy.matrix',
        title: 'See every objective and the groups contributing (the objective matrix)',
        example: 'Objective matrix',
        roles: ['manager'],
    },
    {
        intent: 'strategy.confirm',
        title: 'Ask the chairs to confirm their objectives, and see their answers',
        example: 'Ask the chairs to confirm their objectives',
        roles: ['manager'],
    },
    {
        intent: 'data.export',
        title: 'Get the register, roster, groups or objectives as a spreadsheet; send one back to update them',
        example: 'Send me the roster',
        roles: ['manager'],
    },
    {
        intent: 'manage',
        title: "Change a group's cadence, due date or reporting; add, move or remove people",
        example: "Change KHOG's due date",
        roles: ['manager'],
    },
    {
        intent: 'audit.changes',
        title: 'See what changed, who changed it and when',
        example: 'What changed this week?',
        roles: ['manager'],
    },
    {
        intent: 'protocols.first',
        title: 'Decide what to review first',
        example: 'What should we review first?',
        roles: everyone,
    },
];

/**
 * Who each intent is for. Anyone else asking gets only a polite refusal, so the recogniser leans
 * away from these intents for them (`src/nlu/understanding.ts`). Intents not listed are for everyone.
 */
export const INTENT_AUDIENCE: Readonly<Record<string, readonly (Role | 'guest')[]>> = {
    ...Object.fromEntries(CAPABILITIES.map((c) => [c.intent, c.roles])),
    'reminders.report': ['manager'],
    'reminders.me': ['chair', 'vice_chair'],
    'updates.reopen': ['manager'],
    'round.start': ['manager'],
};

/** Every role the person holds ("guest" for someone on no roster). */
export function rolesOf(person: Person | undefined): Set<Role | 'guest'> {
    return new Set<Role | 'guest'>(person ? person.entries.map((e) => e.role) : ['guest']);
}

/** Whether the intent is for someone with these roles. */
export function isFor(intent: string, roles: ReadonlySet<Role | 'guest'>): boolean {
    const audience = INTENT_AUDIENCE[intent];
    return !audience || audience.some((r) => roles.has(r));
}

/** How a clarifying question names each intent: "Did you mean the protocols due for review, or ...?" */
export const INTENT_LABELS: Readonly<Record<string, string>> = {
    'protocols.due': 'the protocols due for review',
    'protocols.one': 'one document in the register',
    'protocols.first': 'what to review first',
    'protocols.remove': 'the documents we might remove',
    'protocols.offsite': 'the documents not on the website',
    'protocols.load': "each group's load in the register",
    'round.start': 'starting a relevance round',
    'round.status': 'how the relevance round is going',
    'update.next': "your group's next update",
    'progress.start': "writing your group's update",
    'groups.late': 'which groups are late',
    digest: 'the digest for the Board',
    'board.meeting': "the Board's meeting date",
    'updates.reopen': 'reopening closed updates',
    'reminders.report': 'who the last reminders reached',
    'reminders.me': 'a reminder about your update',
    'strategy.objective': 'one objective of the strategy',
    'strategy.contributors': 'who contributes to an objective',
    'strategy.theme': "a theme's objectives",
    'strategy.group': "a group's objectives",
    'strategy.gaps': 'the objectives no group has taken on',
    'strategy.matrix': 'the objective matrix',
    'strategy.confirm': 'the chairs confirming their objectives',
    'data.export': "a spreadsheet of the partnership's data",
    'audit.changes': 'what changed and who changed it',
    manage: 'changing the groups or the roster',
    help: 'what I can do',
    greet: 'a hello',
};

export function capabilitiesFor(role: Role | 'guest'): Capability[] {
    return CAPABILITIES.filter((c) => c.roles.includes(role)).map((c) =>
        role === 'manager' && c.forManager ? { ...c, ...c.forManager } : c,
    );
}

/** What the bot offers in a group chat or channel, where it speaks to everyone and names no one. */
export function sharedCapabilities(): Capability[] {
    return CAPABILITIES.filter((c) => c.roles.includes('guest') || c.intent === 'update.next');
}

/**
 * The person's roles in words: "You are chair of Asset Management and a member of Tenancy Management."
 * `groupName` turns a group id into its name.
 */
export function roleSentence(
    entries: readonly { role: Role; groupId: string | null }[],
    groupName: (id: string) => string,
): string {
    const parts = entries
        .filter((e) => e.groupId)
        .map((e) => `${e.role === 'member' ? 'a member' : ROLE_LABELS[e.role]} of ${groupName(e.groupId!)}`);
    if (parts.length === 0) return '';
    const list = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
    return `You are ${list}.`;
}

export const ROLE_LABELS: Record<Role | 'guest', string> = {
    manager: 'partnership manager',
    chair: 'chair',
    vice_chair: 'vice-chair',
    member: 'member',
    observer: 'observer for the Board',
    guest: 'visitor',
};
