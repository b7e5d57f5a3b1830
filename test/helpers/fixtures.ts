/** Store data for tests, built in code: small, readable, and varied where a test needs it. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SCHEMA_VERSION, type StoreData } from '../../src/domain/model.js';

export const IDS = {
    manager: '11111111-1111-4111-8111-111111111111',
    chairOfTwo: '22222222-2222-4222-8222-222222222222',
    chair: '33333333-3333-4333-8333-333333333333',
    member: '44444444-4444-4444-8444-444444444444',
} as const;

export function sampleData(overrides: Partial<StoreData> = {}): StoreData {
    return {
        schemaVersion: SCHEMA_VERSION,
        themes: [
            { code: 'HW', name: 'Health and Wellbeing' },
            { code: 'SH', name: 'Working together for safer homes' },
            { code: 'I', name: 'Infrastructure first' },
            { code: 'HD', name: 'Accelerating housing delivery' },
            { code: 'A', name: 'Affordability' },
        ],
        groups: [
            {
                id: 'khog',
                name: 'Kent Housing Options Group',
                aliases: ['KHOG'],
                cadenceMonths: 3,
                nextUpdateDue: '2026-12-11',
                reports: true,
            },
            {
                id: 'asset-management',
                name: 'Asset Management',
                aliases: [],
                cadenceMonths: 6,
                nextUpdateDue: '2026-12-18',
                reports: true,
            },
            {
                id: 'private-sector-housing',
                name: 'Private Sector Housing',
                aliases: [],
                cadenceMonths: 6,
                nextUpdateDue: '2027-01-15',
                reports: true,
            },
            { id: 'kcc', name: 'Kent County Council', aliases: ['KCC'], cadenceMonths: 6, reports: false },
        ],
        roster: [
            {
                groupId: null,
                role: 'manager',
                name: 'Morgan Ellis',
                email: 'morgan.ellis@example.com',
                aadObjectId: IDS.manager,
            },
            {
                groupId: 'asset-management',
                role: 'chair',
                name: 'Priya Shah',
                email: 'priya.shah@example.com',
                aadObjectId: IDS.chairOfTwo,
            },
            {
                groupId: 'khog',
                role: 'chair',
                name: 'Priya Shah',
                email: 'priya.shah@example.com',
                aadObjectId: IDS.chairOfTwo,
            },
            {
                groupId: 'private-sector-housing',
                role: 'chair',
                name: 'Tom Reed',
                email: 'tom.reed@example.com',
                aadObjectId: IDS.chair,
            },
            {
                groupId: 'asset-management',
                role: 'member',
                name: 'Jo Baker',
                email: 'jo.baker@example.com',
                aadObjectId: IDS.member,
            },
            { groupId: 'khog', role: 'vice_chair', name: 'Chris Lane', email: 'Chris.Lane@example.com' },
        ],
        objectives: [
            {
                ref: 'HW9',
                theme: 'HW',
                text: 'Ensure housing is resilient to the future changes in climate',
                contributions: [
                    { groupId: 'asset-management', contribution: 'For existing social housing' },
                    { groupId: 'private-sector-housing', contribution: 'For existing private sector homes' },
                ],
            },
        ],
        protocols: [
            {
                id: 'reciprocal-scheme',
                title: 'Kent high priority rehousing reciprocal scheme',
                aliases: ['KRS'],
                kind: 'protocol',
                ownerGroups: ['khog'],
                partners: [],
                reviewers: [],
                advisers: [],
                evidence: [],
                lastReviewed: '2020',
                nextReview: '2021-09',
                reviewCycleMonths: 12,
                status: 'current',
                key: false,
                onWebsite: true,
                history: [],
            },
        ],
        conversations: [],
        identities: [],
        closedPeriods: [],
        snoozes: [],
        boardMeetings: [],
        milestones: [],
        helpRequests: [],
        chairRounds: [],
        settings: {},
        secrets: {},
        rounds: [],
        ...overrides,
    };
}

/** A fresh temporary directory, removed by the returned function. */
export function tempDir(prefix = 'khg-test-'): { dir: string; cleanup: () => void } {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Writes store data as a file and returns its path. */
export function writeStoreFile(dir: string, data: unknown = sampleData(), name = 'store.json'): string {
    const file = path.join(dir, name);
    fs.writeFileSync(file, typeof data === 'string' ? data : JSON.stringify(data, null, 2));
    return file;
}

/**
 * The store's data and every document beside it, as text: what a refused action must leave as it was.
 * The record of activities handled (kept so a redelivered one is answered once) is left out: it notes
 * that the activity arrived, not anything the partnership keeps.
 */
export function storeSnapshot(storeFile: string): string {
    const dir = path.dirname(storeFile);
    return fs
        .readdirSync(dir, { recursive: true })
        .map(String)
        .filter((f) => f.endsWith('.json') && !/\.handled(-activities)?$/.test(f.split(path.sep)[0]))
        .sort()
        .map((f) => `${f}\n${fs.readFileSync(path.join(dir, f), 'utf8')}`)
        .join('\n');
}
