/**
 * The labelled phrasings the recogniser is measured on, and the store whose names it is measured with.
 * The held-out phrasings live with the tests; the training part is the corpus in `data/nlu/`. There are
 * two sets: the project's own (`test/nlu/heldout.json`) and one written by people who never saw the
 * corpus (`test/nlu/heldout-others.json`, kept exactly as they wrote it).
 */
import fs from 'node:fs';
import path from 'node:path';
import { ROOT_DIR } from '../paths.js';
import type { StoreData } from '../domain/model.js';
import { readSeed as readSeedFile } from '../store/store.js';
import type { LabelledSet } from './evaluation.js';

export const HELD_OUT_FILE = path.join(ROOT_DIR, 'test', 'nlu', 'heldout.json');
export const HELD_OUT_OTHERS_FILE = path.join(ROOT_DIR, 'test', 'nlu', 'heldout-others.json');

/** The held-out phrasings, by intent. */
export function readHeldOut(file = HELD_OUT_FILE): LabelledSet {
    return (JSON.parse(fs.readFileSync(file, 'utf8')) as { intents: LabelledSet }).intents;
}

/** The partnership's seed data: its groups, register and themes name what people ask about. */
export function readSeed(): Pick<StoreData, 'groups' | 'protocols' | 'themes'> {
    return readSeedFile(path.join(ROOT_DIR, 'data', 'seed.json'));
}
