/**
 * Finding the groups a message names: "KHOG's next update", "when is asset managment due?". Fuzzy
 * (fuse.js) over each group's name and aliases, so a typo in a long name still matches; short names
 * and acronyms (KHOG, KHDG, PSH) must match exactly, because one letter tells them apart.
 */
import Fuse, { type FuseResult } from 'fuse.js';
import { Remembered } from '../remember.js';
import type { Group } from './model.js';

/** Words that name no group by themselves ("my group's next update", "Kent Housing ..."). */
const GENERIC = new Set(
    (
        'a an and are as at be by can could did do does for from group groups has have how i in is it its kent housing me my ' +
        'next of on or our pls please report reports reporting sub subgroup subgroups team the their them they this to update ' +
        'updates us we what whats when where which who why will with you your due late progress tell about show give'
    ).split(' '),
);

/**
 * A group's name short enough for a button on a phone: its acronym where it has one ("KHOG"), else its
 * name ("Asset Management").
 */
export function shortName(group: Pick<Group, 'name' | 'aliases'>): string {
    return group.aliases.find((a) => /^[A-Z]{2,6}$/.test(a)) ?? group.name;
}

/** Names shorter than this must match exactly. */
const EXACT_BELOW = 5;
/** The longest run of words tried as a name. */
const MAX_WORDS = 6;
/** fuse.js score (0 exact, 1 nothing alike) above which a candidate is not a match. */
const THRESHOLD = 0.3;

/** Lower case, possessives and punctuation dropped: "KHOG's next update?" -> "khog next update". */
export function normaliseName(text: string): string {
    return text
        .toLowerCase()
        .replace(/['’]s\b/g, '')
        .replace(/[^a-z0-9&\s-]+/g, ' ')
        .replace(/[-\s]+/g, ' ')
        .trim();
}

interface NameEntry {
    groupId: string;
    label: string;
}

export interface GroupFinder {
    /** The groups the text names, in the order they appear, each once. */
    find(text: string): Group[];
}

/**
 * The finder over the groups' names and aliases. A finder is kept per list of groups (a write
 * replaces the stored list, and with it the finder), so its fuzzy index is built once, not per message.
 */
export function groupFinder(groups: readonly Group[]): GroupFinder {
    let finder = finders.get(groups);
    if (!finder) finders.set(groups, (finder = buildGroupFinder(groups)));
    return finder;
}

const finders = new WeakMap<readonly Group[], GroupFinder>();

/** Runs of words a finder keeps the fuzzy matches of: questions share most of theirs ("protocols", "due for review"). */
const REMEMBERED_SPANS = 2000;

function buildGroupFinder(groups: readonly Group[]): GroupFinder {
    const entries: NameEntry[] = groups.flatMap((g) =>
        [...new Set([g.name, ...g.aliases].map(normaliseName).filter(Boolean))].map((label) => ({
            groupId: g.id,
            label,
        })),
    );
    const fuse = new Fuse(entries, {
        keys: ['label'],
        includeScore: true,
        ignoreLocation: true,
        threshold: THRESHOLD,
        isCaseSensitive: false,
    });
    const byId = new Map(groups.map((g) => [g.id, g]));
    // A run of words matches the same labels whatever message it is in: each is searched once.
    const spans = new Remembered<FuseResult<NameEntry>[]>(REMEMBERED_SPANS);

    return {
        find(text: string): Group[] {
            const words = normaliseName(text).split(' ').filter(Boolean);
            const hits: { start: number; end: number; groupId: string; score: number }[] = [];
            for (let n = Math.min(MAX_WORDS, words.length); n >= 1; n--) {
                for (let start = 0; start + n <= words.length; start++) {
                    const span = words.slice(start, start + n);
                    if (span.every((w) => GENERIC.has(w))) continue;
                    const candidate = span.join(' ');
                    for (const r of spans.get(candidate, () => fuse.search(candidate))) {
                        const label = r.item.label;
                        const score = r.score ?? 1;
                        const exact = label === candidate;
                        if (!exact) {
                            if (label.length < EXACT_BELOW || candidate.length < EXACT_BELOW) continue;
                            // The whole name, not a word inside it: "options" is not "Housing Options Group".
                            const ratio = candidate.length / label.length;
                            if (ratio < 0.8 || ratio > 1.25) continue;
                        }
                        hits.push({ start, end: start + n, groupId: r.item.groupId, score: exact ? 0 : score });
                    }
                }
            }
            // Best first (exact, then closest, then longest); keep those that do not overlap a better one.
            hits.sort((a, b) => a.score - b.score || b.end - b.start - (a.end - a.start) || a.start - b.start);
            const taken: typeof hits = [];
            for (const h of hits) {
                if (taken.some((t) => t.groupId === h.groupId || (h.start < t.end && t.start < h.end))) continue;
                taken.push(h);
            }
            return taken.sort((a, b) => a.start - b.start).map((h) => byId.get(h.groupId)!);
        },
    };
}
