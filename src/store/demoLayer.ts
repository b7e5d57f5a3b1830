/**
 * The demo layer: demo people and demo-only values (a made-up reporting schedule) kept apart from the
 * papers' facts in `data/demo.json`. `npm run dev` and the tests add it to a new store; a production
 * store (`npm start`) is created from the seed alone, so it holds no invented people.
 */
import fs from 'node:fs';
import { z } from 'zod';
import { groupSchema, rosterEntrySchema, type StoreData } from '../domain/model.js';
import { StoreError } from './jsonDocument.js';

export const demoLayerSchema = z.object({
    about: z.string().optional(),
    roster: z.array(rosterEntrySchema).default([]),
    /** Per group id: the demo values that replace the seed's (cadence, due date, and why they are there). */
    groups: z
        .record(
            z.string(),
            groupSchema.pick({ cadenceMonths: true, nextUpdateDue: true, assumptions: true }).partial().strict(),
        )
        .default({}),
});
export type DemoLayer = z.infer<typeof demoLayerSchema>;

/** Reads and checks a demo layer file. Throws a StoreError naming the file when it is unreadable or invalid. */
export function readDemoLayer(file: string): DemoLayer {
    let raw: unknown;
    try {
        raw = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (err) {
        throw new StoreError('store.demoUnreadable', `Cannot read the demo data ${file}: ${(err as Error).message}.`);
    }
    const parsed = demoLayerSchema.safeParse(raw);
    if (!parsed.success) {
        const first = parsed.error.issues[0];
        throw new StoreError(
            'store.demoInvalid',
            `The demo data ${file} is invalid: ${first.path.join('.')}: ${first.message}.`,
        );
    }
    return parsed.data;
}

/**
 * The seed with the demo layer added: its people join the roster and its demo values replace the
 * groups' schedule. Unknown group ids are refused rather than silently dropped.
 */
export function withDemoLayer(seed: StoreData, layer: DemoLayer, file = 'the demo data'): StoreData {
    const data = structuredClone(seed);
    for (const [id, values] of Object.entries(layer.groups)) {
        const group = data.groups.find((g) => g.id === id);
        if (!group) throw new StoreError('store.demoInvalid', `The demo data ${file} names an unknown group "${id}".`);
        Object.assign(group, values);
    }
    data.roster = [...data.roster, ...structuredClone(layer.roster)];
    return data;
}
