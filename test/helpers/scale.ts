/**
 * Store data at the partnership's size times a hundred, built deterministically: many documents, many
 * groups and people, objectives shared out among groups, and a history of progress updates written
 * in the store's own layout. Shared by the tests and the benchmark.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
    THEME_CODES,
    type Group,
    type Objective,
    type Protocol,
    type RosterEntry,
    type StoreData,
} from '../../src/domain/model.js';
import { updateKey, type UpdateDoc } from '../../src/domain/progress.js';
import { updatesOf } from '../../src/services/progress.js';
import { DocumentSet, type Store } from '../../src/store/store.js';
import { sampleData } from './fixtures.js';

const TOPICS = [
    'Temporary Accommodation',
    'Hospital Discharge',
    'Young Persons',
    'Domestic Abuse',
    'Empty Homes',
    'Energy Efficiency',
    'Supported Housing',
    'Rough Sleeping',
    'Allocations',
    'Tenancy Sustainment',
    'Adaptations',
    'Viability',
    'Planning',
    'Damp and Mould',
    'Asylum Dispersal',
    'Care Leavers',
];
const KINDS = ['Protocol', 'Guide', 'Agreement', 'Framework', 'Charter'];
const pad = (n: number, width = 4) => String(n).padStart(width, '0');

/** A stable UUID-shaped id for person `n`. */
export function personId(n: number): string {
    return `00000000-0000-4000-8000-${pad(n, 12)}`;
}

/** The e-mail of person `n`. */
export const personEmail = (n: number) => `person${pad(n)}@example.org`;

/** The id of group `n` (1-based). */
export const groupId = (n: number) => `group-${pad(n)}`;

export interface ScaleOptions {
    /** Documents in the register. */
    documents?: number;
    /** Reporting groups, each with a chair and a vice-chair. */
    groups?: number;
    /** People on the roster in all (chairs, vice-chairs and members; the manager too). */
    people?: number;
    /** Strategy objectives, each shared by one to three groups. */
    objectives?: number;
    /** The day every group's next update is due (default 2026-12-11). */
    due?: string;
}

/**
 * Store data at scale. Person 0 is the partnership manager; group n's chair is person 2n-1 and its
 * vice-chair person 2n; the rest are members spread over the groups. Documents are due across ten
 * years, a fifth of them overdue.
 */
export function scaleData(o: ScaleOptions = {}): StoreData {
    const groupCount = o.groups ?? 10;
    const peopleCount = Math.max(o.people ?? groupCount * 2 + 1, groupCount * 2 + 1);
    const groups: Group[] = Array.from({ length: groupCount }, (_, i) => ({
        id: groupId(i + 1),
        name: `${TOPICS[i % TOPICS.length]} Group ${i + 1}`,
        aliases: [`G${i + 1}`],
        cadenceMonths: i % 4 === 0 ? 3 : 6,
        nextUpdateDue: o.due ?? '2026-12-11',
        reports: true,
    }));
    const roster: RosterEntry[] = [
        {
            groupId: null,
            role: 'manager',
            name: 'Morgan Ellis',
            email: 'morgan.ellis@example.com',
            aadObjectId: personId(0),
        },
    ];
    for (let p = 1; p < peopleCount; p++) {
        const isOfficer = p <= groupCount * 2;
        const g = isOfficer ? Math.ceil(p / 2) : ((p * 7) % groupCount) + 1;
        const role = !isOfficer ? 'member' : p % 2 === 1 ? 'chair' : 'vice_chair';
        roster.push({
            groupId: groupId(g),
            role,
            name: `Person ${pad(p)}`,
            email: personEmail(p),
            aadObjectId: personId(p),
        });
    }
    const objectives: Objective[] = Array.from({ length: o.objectives ?? 0 }, (_, i) => ({
        ref: `${THEME_CODES[i % THEME_CODES.length]}${Math.floor(i / THEME_CODES.length) + 1}`,
        theme: THEME_CODES[i % THEME_CODES.length],
        text: `Objective ${i + 1}: improve ${TOPICS[i % TOPICS.length].toLowerCase()} outcomes across Kent.`,
        contributions: Array.from({ length: 1 + (i % 3) }, (_, k) => ({
            groupId: groupId(((i + k * 17) % groupCount) + 1),
            contribution: `Lead on part ${k + 1}`,
        })),
    }));
    const protocols: Protocol[] = Array.from({ length: o.documents ?? 0 }, (_, i) => {
        const year = 2022 + (i % 10);
        return {
            id: `doc-${pad(i + 1)}`,
            title: `${TOPICS[i % TOPICS.length]} ${KINDS[i % KINDS.length]} ${i + 1}`,
            aliases: [],
            kind: KINDS[i % KINDS.length].toLowerCase(),
            ownerGroups: groupCount > 0 ? [groupId((i % groupCount) + 1)] : [],
            partners: [],
            reviewers: [],
            advisers: [],
            evidence: [],
            lastReviewed: String(year - 3),
            nextReview: `${year}-${pad((i % 12) + 1, 2)}`,
            reviewCycleMonths: 36,
            status: 'current',
            key: i % 50 === 0,
            onWebsite: true,
            history: [],
        };
    });
    return sampleData({ groups, roster, objectives, protocols });
}

/** `count` periods (YYYY-MM) ending with `last`, `stepMonths` apart, oldest first. */
export function periodsBefore(last: string, count: number, stepMonths = 6): string[] {
    const [y, m] = last.split('-').map(Number);
    const first = y * 12 + (m - 1) - (count - 1) * stepMonths;
    return Array.from({ length: count }, (_, i) => {
        const at = first + i * stepMonths;
        return `${Math.floor(at / 12)}-${pad((at % 12) + 1, 2)}`;
    });
}

/**
 * A submitted update for each of the data's groups in each period, with a section per objective the
 * group contributes to, written straight into the store's folder of updates (one small file each, as
 * the store keeps them). Returns how many were written.
 */
export function writeUpdateHistory(
    store: Store,
    data: StoreData,
    periods: readonly string[],
    groups = data.groups.filter((g) => g.reports),
): number {
    const updates = updatesOf(store);
    // The history is written straight to the files, so this needs the file store's document set.
    if (!(updates instanceof DocumentSet)) throw new Error('writeUpdateHistory needs the file store');
    const dir = updates.dir;
    const rags = ['green', 'amber', 'red', 'not_rated'] as const;
    let written = 0;
    for (const [gi, group] of groups.entries()) {
        const chair = data.roster.find((e) => e.groupId === group.id && e.role === 'chair');
        const refs = data.objectives
            .filter((o) => o.contributions.some((c) => c.groupId === group.id))
            .map((o) => o.ref);
        fs.mkdirSync(path.join(dir, group.id), { recursive: true });
        for (const [pi, period] of periods.entries()) {
            const doc: UpdateDoc = {
                groupId: group.id,
                period,
                versions: [
                    {
                        version: 1,
                        kind: 'submitted',
                        sections: refs.map((ref, k) => ({
                            ref,
                            text: `${ref} in ${period}: work continued with partners; next steps agreed at the meeting.`,
                            rag: rags[(gi + pi + k) % 4],
                            noChange: false,
                        })),
                        otherMatters:
                            pi % 3 === 0
                                ? `Joint working with ${groups[(gi + 1) % groups.length].name} on shared cases.`
                                : '',
                        concernsGroups: [],
                        by: { email: chair?.email ?? 'morgan.ellis@example.com', name: chair?.name ?? 'Morgan Ellis' },
                        onBehalf: false,
                        at: `${period}-10T12:00:00.000Z`,
                        digest: `${gi}-${pi}`,
                    },
                ],
            };
            fs.writeFileSync(path.join(dir, `${updateKey(group.id, period)}.json`), JSON.stringify(doc));
            written++;
        }
    }
    return written;
}

/**
 * A personal chat with the bot for each chair (and the manager), reached through the given
 * connector: what reminders need to reach them proactively.
 */
export function withChairChats(data: StoreData, serviceUrl: string): StoreData {
    const people = data.roster.filter((e) => e.role === 'chair' || e.role === 'manager');
    const seen = new Set<string>();
    for (const p of people) {
        if (!p.aadObjectId || seen.has(p.aadObjectId)) continue;
        seen.add(p.aadObjectId);
        const userId = `29:${p.aadObjectId}`;
        data.conversations.push({
            key: `user:${userId}`,
            scope: 'personal',
            aadObjectId: p.aadObjectId,
            userId,
            reference: {
                serviceUrl,
                channelId: 'msteams',
                conversation: { id: `a:${p.aadObjectId}` },
                bot: { id: '28:khg-bot', name: 'KHG Partnership Bot' },
                user: { id: userId },
            },
            installed: true,
            updatedAt: '2026-11-01T00:00:00.000Z',
        });
    }
    return data;
}
