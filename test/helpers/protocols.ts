/** Register documents for tests: a valid protocol with only the fields a test cares about set. */
import type { Protocol } from '../../src/domain/model.js';

export function doc(id: string, fields: Partial<Protocol> = {}): Protocol {
    return {
        id,
        title: fields.title ?? id.replace(/-/g, ' '),
        aliases: [],
        kind: 'protocol',
        ownerGroups: [],
        partners: [],
        reviewers: [],
        advisers: [],
        evidence: [],
        status: 'current',
        key: false,
        onWebsite: true,
        history: [],
        ...fields,
    };
}

/** A register of `count` documents with the longest titles, notes and lists the schema allows. */
export function bigRegister(count: number, groupIds: string[]): Protocol[] {
    const statuses = ['current', 'current', 'current', 'under_review', 'current', 'draft'] as const;
    return Array.from({ length: count }, (_, i) => {
        const status = statuses[i % statuses.length];
        const year = 2005 + (i % 25);
        return doc(`document-${String(i).padStart(3, '0')}`, {
            title: `Document ${i} ${'with a very long and descriptive title about joint working '.repeat(6)}`.slice(
                0,
                300,
            ),
            aliases: [`doc ${i}`],
            ownerGroups: groupIds.slice(0, 1 + (i % groupIds.length)),
            partners: Array.from({ length: 6 }, (_, j) => `Partner agency number ${j} with a long name`),
            ...(i % 7 === 0
                ? {}
                : i % 3 === 0
                  ? { lastReviewed: `${year}-0${1 + (i % 9)}` }
                  : { published: String(year) }),
            status,
            statusNote: 'x'.repeat(2000),
            ...(status === 'under_review' ? { reviewLead: 'L'.repeat(200) } : {}),
            key: i % 50 === 0,
        });
    });
}
