/** Where the project's own files are, independent of the working directory. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root: `src/..` when run from source, `dist/src/../..` when built. */
function findRoot(): string {
    let dir = path.dirname(fileURLToPath(import.meta.url));
    while (!fs.existsSync(path.join(dir, 'package.json'))) {
        const up = path.dirname(dir);
        if (up === dir) throw new Error('package.json not found above ' + fileURLToPath(import.meta.url));
        dir = up;
    }
    return dir;
}

export const ROOT_DIR = findRoot();
export const CARDS_DIR = path.join(ROOT_DIR, 'cards');
export const NLU_DIR = path.join(ROOT_DIR, 'data', 'nlu');
export const PROMPTS_DIR = path.join(ROOT_DIR, 'prompts');

export function packageVersion(): string {
    return (JSON.parse(fs.readFileSync(path.join(ROOT_DIR, 'package.json'), 'utf8')) as { version: string }).version;
}
