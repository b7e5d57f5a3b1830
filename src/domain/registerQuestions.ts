/**
 * Reading a question about the register: which groups, how far ahead and whether only overdue
 * documents are wanted ("which of KHOG's protocols are overdue?", "what's due in the next six
 * months?"), and which document a person names ("tell me about the KRS"), found by a fuzzy match
 * (fuse.js) on titles, short names and ids.
 */
import Fuse from 'fuse.js';
import { groupFinder } from './groupNames.js';
import type { Group, Protocol } from './model.js';
import type { RegisterFilter } from './register.js';

/** What a due-list question asks for, and how to say so back to the person. */
export interface DueQuestion {
    filter: RegisterFilter;
    /** "KHOG's", "your groups'", "" (the whole register). */
    scope: string;
    /** "within the next 6 months", "by the end of 2026": the horizon asked for. */
    horizonLabel?: string;
    /** Something the person should know about how the question was read. */
    note?: string;
}

const NUMBER_WORDS: Record<string, number> = {
    a: 1,
    an: 1,
    one: 1,
    two: 2,
    three: 3,
    four: 4,
    five: 5,
    six: 6,
    seven: 7,
    eight: 8,
    nine: 9,
    ten: 10,
    eleven: 11,
    twelve: 12,
    eighteen: 18,
    few: 3,
    couple: 2,
};

/**
 * The groups a question names, found by the shared group finder (names, short names, small typos).
 * "KHG" and "Kent Housing Group" name the whole partnership in conversation ("which KHG protocols are
 * due?"), so they narrow the list to the Board's documents only when the Board is named as such.
 */
function groupsNamed(text: string, groups: readonly Group[]): string[] {
    const board = /\bboard\b/i.test(text);
    return groupFinder(groups)
        .find(text)
        .filter((g) => board || !g.aliases.some((a) => /^khg$/i.test(a)))
        .map((g) => g.id);
}

/** "next six months" -> { months: 6 }; "this year" -> to the end of the year; undefined when none. */
export function horizonIn(
    text: string,
    today: string,
): { period: { months?: number; days?: number }; label: string } | undefined {
    const t = text.toLowerCase();
    const m =
        /\b(?:next|coming|within(?: the)?(?: next)?|over the next|in the next)\s+(?:(\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen|few|couple(?: of)?)\s+)?(day|week|fortnight|month|quarter|year)s?\b/.exec(
            t,
        );
    if (m) {
        const n = m[1] ? (NUMBER_WORDS[m[1].replace(/ of$/, '')] ?? Number(m[1])) : 1;
        const unit = m[2];
        const period =
            unit === 'day'
                ? { days: n }
                : unit === 'week'
                  ? { days: 7 * n }
                  : unit === 'fortnight'
                    ? { days: 14 * n }
                    : unit === 'quarter'
                      ? { months: 3 * n }
                      : unit === 'year'
                        ? { months: 12 * n }
                        : { months: n };
        const label = n === 1 ? `within the next ${unit}` : `within the next ${n} ${unit}s`;
        return { period, label };
    }
    const [y, mo, d] = today.split('-').map(Number);
    if (/\b(this|the) (calendar )?year\b|\bend of (the )?year\b/.test(t)) {
        const end = new Date(Date.UTC(y, 11, 31));
        return {
            period: { days: Math.round((end.getTime() - Date.UTC(y, mo - 1, d)) / 86_400_000) },
            label: `by the end of ${y}`,
        };
    }
    if (/\bthis month\b|\bend of (the )?month\b/.test(t)) {
        const end = new Date(Date.UTC(y, mo, 0));
        return { period: { days: end.getUTCDate() - d }, label: 'by the end of this month' };
    }
    return undefined;
}

const OUR = /\b(our|ours|my|mine)\b/i;
const OVERDUE = /\b(overdue|late|past due|out[\s-]of[\s-]date|outdated|stale|expired|behind|lapsed)\b/i;
const SOON = /\b(soon|coming up|upcoming|next|coming)\b/i;

/**
 * Reads the filters of a due-list question. `askerGroups` are the groups of the person asking (for
 * "our protocols"); undefined when the person is not on the roster, and `isManager` for the
 * partnership manager, whose "our" is the whole register.
 */
export function parseDueQuestion(
    text: string,
    groups: readonly Group[],
    asker: { groupIds?: string[]; isManager?: boolean },
    today: string,
): DueQuestion {
    const filter: RegisterFilter = {};
    const named = groupsNamed(text, groups);
    let scope = '';
    let note: string | undefined;
    if (named.length > 0) {
        filter.groupIds = named;
        scope = scopeOf(named, groups);
    } else if (OUR.test(text)) {
        if (asker.groupIds && asker.groupIds.length > 0) {
            filter.groupIds = asker.groupIds;
            scope = asker.groupIds.length === 1 ? scopeOf(asker.groupIds, groups) : `your groups'`;
        } else if (asker.isManager) {
            note = 'As the partnership manager, your documents are the whole register.';
        } else {
            note = "You're not in any group on the roster, so here is the whole register.";
        }
    }
    const horizon = horizonIn(text, today);
    if (horizon) filter.horizon = horizon.period;
    if (OVERDUE.test(text) && !horizon && !SOON.test(text)) filter.overdueOnly = true;
    return { filter, scope, horizonLabel: horizon?.label, note };
}

/** "KHOG's", "KHOG and Asset Management's": whose documents a list shows. */
export function scopeOf(groupIds: readonly string[], groups: readonly Group[]): string {
    if (groupIds.length === 0) return '';
    const names = groupIds.map((id) => {
        const g = groups.find((x) => x.id === id);
        return g ? (g.aliases.find((a) => /^[A-Z]{2,6}$/.test(a)) ?? g.name) : id;
    });
    const joined = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
    return joined.endsWith('s') ? `${joined}'` : `${joined}'s`;
}

/** "within the next 6 months", for a horizon rebuilt from a card's data. */
export function horizonLabelOf(horizon: { months?: number; days?: number } | undefined): string | undefined {
    if (!horizon) return undefined;
    if (horizon.months)
        return horizon.months % 12 === 0
            ? `within the next ${horizon.months / 12 === 1 ? 'year' : `${horizon.months / 12} years`}`
            : `within the next ${horizon.months === 1 ? 'month' : `${horizon.months} months`}`;
    return `within the next ${horizon.days === 1 ? 'day' : `${horizon.days} days`}`;
}

/** Words of a question that are not part of a document's name. */
const QUESTION_WORDS = new Set(
    (
        "when whens when's is was are the a an due for review reviewed reviewing reviews who whos who's owns own owner owners owned " +
        "owning tell me about what whats what's of please pls plz status info information on show details detail doc document does " +
        'do did it its us our we can you could give find look up lookup responsible leads lead leading get to by how old date dates ' +
        'latest current state where link which hi hey thanks thank next last time again know let see card any about? more'
    ).split(/\s+/),
);

/** Words that on their own name no particular document. */
const GENERIC = new Set([
    'protocol',
    'protocols',
    'guide',
    'guides',
    'document',
    'documents',
    'strategy',
    'form',
    'booklet',
    'framework',
    'kent',
    'khg',
    'and',
    'or',
    'in',
]);

/** The part of a question that names a document: "when is the KRS due?" -> "KRS". */
export function documentQuery(text: string): string {
    const words = text
        .replace(/[’‘]/g, "'")
        .replace(/[?!.,;:"()]/g, ' ')
        .split(/\s+/)
        .filter(Boolean)
        .filter((w) => !QUESTION_WORDS.has(w.toLowerCase()));
    return words.join(' ').trim();
}

export type Lookup =
    | { kind: 'found'; protocol: Protocol }
    | { kind: 'ambiguous'; query: string; candidates: Protocol[] }
    | { kind: 'none'; query: string };

/** How much worse the runner-up may score before the best match counts as the one meant. */
export const AMBIGUITY_GAP = 0.1;
/** Fuse's threshold: 0 is a perfect match, 1 anything at all. */
export const MATCH_THRESHOLD = 0.4;
const MAX_CHOICES = 5;

const normal = (s: string) =>
    s
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, ' ')
        .trim();

/** Whether a word of the question is, give or take a typo, a word of one of the names: the same first four letters. */
function namesShareAWord(words: readonly string[], names: readonly string[]): boolean {
    const nameWords = names.flatMap((n) => normal(n).split(' '));
    const stem = (w: string) => w.slice(0, 4);
    return words.some((w) => nameWords.some((n) => (w.length < 4 || n.length < 4 ? w === n : stem(w) === stem(n))));
}

/**
 * Finds the document a question names. An exact title, short name or id wins outright; otherwise a
 * fuzzy match (fuse.js over title, short names and id) is taken when it is clearly the best, and a
 * choice is offered when several match about as well.
 */
export function findProtocol(protocols: readonly Protocol[], question: string): Lookup {
    // No title is longer than the schema's 300 characters; a longer "name" is not one.
    const query = documentQuery(question.slice(0, 400)).slice(0, 300);
    const words = normal(query).split(' ').filter(Boolean);
    if (words.length === 0 || words.every((w) => GENERIC.has(w))) return { kind: 'none', query };
    const q = normal(query);
    const exact = protocols.filter((p) => [p.title, p.id, ...p.aliases].some((n) => normal(n) === q));
    if (exact.length === 1) return { kind: 'found', protocol: exact[0] };
    const fuse = new Fuse(
        protocols.map((p) => ({ protocol: p, title: p.title, aliases: p.aliases, idWords: p.id.replace(/-/g, ' ') })),
        {
            keys: ['title', 'aliases', 'idWords'],
            includeScore: true,
            ignoreLocation: true,
            ignoreFieldNorm: true,
            threshold: MATCH_THRESHOLD,
        },
    );
    // A fuzzy match counts only when one of the question's own words is in the document's names (give or
    // take a typo): "the hoarding guide" is not the planning guide because both end in "-ing guide".
    const telling = words.filter((w) => !GENERIC.has(w));
    const results = fuse
        .search(query)
        .filter((r) => namesShareAWord(telling, [r.item.title, ...r.item.aliases, r.item.idWords]));
    if (results.length === 0) return { kind: 'none', query };
    const best = results[0].score ?? 1;
    const close = results.filter((r) => (r.score ?? 1) - best < AMBIGUITY_GAP);
    if (close.length === 1) return { kind: 'found', protocol: results[0].item.protocol };
    return { kind: 'ambiguous', query, candidates: close.slice(0, MAX_CHOICES).map((r) => r.item.protocol) };
}

/**
 * The document a question names, using the documents the recogniser already found by name (exact
 * or with a typo, as `namedIds`) first: one is found, several are a choice. With none named, the
 * question is looked up by `findProtocol`.
 */
export function lookupProtocol(protocols: readonly Protocol[], question: string, namedIds: readonly string[]): Lookup {
    const named = [...new Set(namedIds)]
        .map((id) => protocols.find((p) => p.id === id))
        .filter((p): p is Protocol => Boolean(p));
    if (named.length === 1) return { kind: 'found', protocol: named[0] };
    if (named.length > 1)
        return {
            kind: 'ambiguous',
            query: documentQuery(question.slice(0, 400)).slice(0, 300),
            candidates: named.slice(0, MAX_CHOICES),
        };
    return findProtocol(protocols, question);
}
