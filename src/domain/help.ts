/**
 * What the bot can do for each role, in the words a person would type. The greeting and the help
 * card are built from this list, so a person only sees what they may actually do.
 */
import type { Role } from './model.js';

export interface Capability {
    title: string;
    /** Something the person can type (also the text of the card's quick button). */
    example: string;
    roles: ReadonlyArray<Role | 'guest'>;
}

const everyone = ['guest', 'member', 'vice_chair', 'chair', 'manager'] as const;
const inGroup = ['member', 'vice_chair', 'chair', 'manager'] as const;

export const CAPABILITIES: readonly Capability[] = [
    { title: 'See which protocols and guides are due for review', example: 'Which protocols are due for review?', roles: everyone },
    { title: 'Look up one document: owner, dates, review state', example: 'Tell me about the KRS', roles: everyone },
    { title: "See your group's next progress update", example: "What's my group's next update?", roles: inGroup },
    { title: "Write or continue your group's progress update", example: "Update my group's progress", roles: ['chair', 'vice_chair', 'manager'] },
    { title: 'See which groups are late with their update', example: 'Which groups are late?', roles: ['manager'] },
    { title: 'Get the digest for the Board, with a spreadsheet', example: 'Digest', roles: ['manager'] },
    { title: 'Decide what to review first', example: 'What should we review first?', roles: everyone },
];

export function capabilitiesFor(role: Role | 'guest'): Capability[] {
    return CAPABILITIES.filter((c) => c.roles.includes(role));
}

export const ROLE_LABELS: Record<Role | 'guest', string> = {
    manager: 'partnership manager',
    chair: 'chair',
    vice_chair: 'vice-chair',
    member: 'member',
    guest: 'visitor',
};
