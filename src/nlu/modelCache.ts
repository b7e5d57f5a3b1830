/**
 * The trained language model kept in a file between starts, so a start with the same corpus, names,
 * recogniser code and NLP.js version loads the model instead of training it again.
 *
 * The file is never trusted blindly: it holds the key of what it was trained from and a SHA-256 digest
 * of its content, and a file that cannot be read, does not parse, has another key or another digest is
 * ignored (the recogniser trains and writes it again). Writing is atomic (a temporary file renamed).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/** What training produces that a start needs: the phrasings as trained and NLP.js's exported model. */
export interface TrainedModel {
    /** The training phrasings after names were replaced by placeholders and synonyms read, with their intents. */
    documents: { text: string; intent: string }[];
    /** NLP.js's model as `Nlp.toJSON()` exports it. */
    model: Record<string, unknown>;
}

/** Where trained models are kept, by the key of what they were trained from. */
export interface ModelCache {
    /** The model trained from `key`, or undefined when there is none, or it is unusable. Never throws. */
    load(key: string): TrainedModel | undefined;
    /** Keeps the model trained from `key`. Never throws: a model that cannot be kept is trained again next time. */
    save(key: string, trained: TrainedModel): void;
}

/** The version of the file's layout: a file of another layout is ignored. */
const FORMAT = 1;

const headerSchema = z.object({ format: z.literal(FORMAT), key: z.string(), sha256: z.string() });
const trainedSchema = z.object({
    documents: z.array(z.object({ text: z.string(), intent: z.string() })),
    model: z.record(z.unknown()),
});

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Why a cached model was not used, for the log. */
export type CacheMiss = 'missing' | 'unreadable' | 'stale';

/**
 * A model cache in one file: a JSON header line (`format`, `key`, `sha256` of the rest) then the model
 * as JSON. Only the last model is kept.
 *
 * @param file the cache file; its folder is created when a model is saved
 * @param onMiss told why a model was not loaded (a missing file, one that does not read as a model, or
 *   one trained from something else)
 * @param onSaveError told when a model could not be written (a read-only folder, a full disk)
 */
export function fileModelCache(
    file: string,
    onMiss: (reason: CacheMiss, detail?: string) => void = () => undefined,
    onSaveError: (err: Error) => void = () => undefined,
): ModelCache {
    return {
        load(key) {
            let text: string;
            try {
                text = fs.readFileSync(file, 'utf8');
            } catch (err) {
                const code = (err as NodeJS.ErrnoException).code;
                onMiss(code === 'ENOENT' ? 'missing' : 'unreadable', code);
                return undefined;
            }
            try {
                const newline = text.indexOf('\n');
                if (newline < 0) throw new Error('no header line');
                const header = headerSchema.parse(JSON.parse(text.slice(0, newline)));
                if (header.key !== key) {
                    onMiss('stale');
                    return undefined;
                }
                const body = text.slice(newline + 1);
                if (sha256(body) !== header.sha256) throw new Error('the content does not match its digest');
                return trainedSchema.parse(JSON.parse(body));
            } catch (err) {
                onMiss('unreadable', (err as Error).message);
                return undefined;
            }
        },
        save(key, trained) {
            const body = JSON.stringify(trained);
            const header = JSON.stringify({ format: FORMAT, key, sha256: sha256(body) });
            const temporary = `${file}.${process.pid}.tmp`;
            try {
                fs.mkdirSync(path.dirname(file), { recursive: true });
                fs.writeFileSync(temporary, `${header}\n${body}`);
                fs.renameSync(temporary, file);
            } catch (err) {
                try {
                    fs.rmSync(temporary, { force: true });
                } catch {
                    // Its folder could not be made, so there is no temporary file to remove.
                }
                onSaveError(err as Error);
            }
        },
    };
}
