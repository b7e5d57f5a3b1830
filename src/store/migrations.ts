/**
 * Forward migrations of the main store file. Each entry turns version N into N+1. A file newer than
 * this code is refused (it was written by a newer bot); an older one is migrated on start, and the
 * original is kept beside it as a backup (see store.ts).
 */
import { SCHEMA_VERSION } from '../domain/model.js';
import { StoreError } from './jsonDocument.js';

type Migration = (data: Record<string, unknown>) => Record<string, unknown>;

export const MIGRATIONS: Record<number, Migration> = {
    /** Version 0: the layout before schemaVersion existed; it had the same collections. */
    0: (data) => ({ ...data, schemaVersion: 1 }),
    /**
     * Version 1 to 2: documents gain their evidence, reviewers, advisers and "as at"; groups their
     * assumptions; the store the manager's settings. Everything stored is kept as it was: a document's
     * old state note stays its note, and with no evidence recorded it reads "nothing recorded".
     */
    1: (data) => ({
        ...data,
        schemaVersion: 2,
        settings: {},
        groups: Array.isArray(data.groups)
            ? (data.groups as unknown[]).map((g) => ({ assumptions: [], ...(g as object) }))
            : data.groups,
        protocols: Array.isArray(data.protocols)
            ? (data.protocols as unknown[]).map((p) => ({
                  reviewers: [],
                  advisers: [],
                  evidence: [],
                  ...(p as object),
              }))
            : data.protocols,
    }),
    /** Version 2 to 3: the relevance rounds (none yet). */
    2: (data) => ({ ...data, schemaVersion: 3, rounds: [] }),
    /** Version 3 to 4: milestones, help requests and the chairs' confirmation rounds, all empty. */
    3: (data) => ({
        ...data,
        milestones: data.milestones ?? [],
        helpRequests: data.helpRequests ?? [],
        chairRounds: data.chairRounds ?? [],
        schemaVersion: 4,
    }),
};

export function migrateStore(raw: unknown, file: string, migrations = MIGRATIONS, current = SCHEMA_VERSION) {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
        throw new StoreError(
            'store.invalid',
            `The store file ${file} does not hold a JSON object. It has not been changed.`,
        );
    }
    let data = raw as Record<string, unknown>;
    const found = data.schemaVersion === undefined ? 0 : data.schemaVersion;
    if (typeof found !== 'number' || !Number.isInteger(found) || found < 0) {
        throw new StoreError(
            'store.invalid',
            `The store file ${file} has an invalid schemaVersion (${JSON.stringify(found)}). It has not been changed.`,
        );
    }
    if (found > current) {
        throw new StoreError(
            'store.tooNew',
            `The store file ${file} has schema version ${found}, newer than this bot understands (${current}). Upgrade the bot; the file has not been changed.`,
        );
    }
    for (let v = found; v < current; v++) {
        const step = migrations[v];
        if (!step)
            throw new StoreError(
                'store.invalid',
                `No migration from schema version ${v} for ${file}. It has not been changed.`,
            );
        data = step(data);
    }
    return { data, migratedFrom: found < current ? found : undefined };
}
