/** How `npm run dev` shows what the bot and the Playground print. */
import { DEMO_PEOPLE, type DemoPerson } from './demoPeople.js';

const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
const QUIET_FIELDS = new Set(['level', 'time', 'msg', 'app', 'pid', 'hostname', 'v']);

/**
 * One of the bot's log lines made readable: pino's JSON becomes `LEVEL message {other fields}`;
 * anything else is returned as it is.
 */
export function formatBotLine(line: string): string {
    if (!line.startsWith('{')) return line;
    let entry: Record<string, unknown>;
    try {
        entry = JSON.parse(line) as Record<string, unknown>;
    } catch {
        return line;
    }
    if (typeof entry.level !== 'number') return line;
    const rest = Object.fromEntries(Object.entries(entry).filter(([k]) => !QUIET_FIELDS.has(k)));
    const extra = Object.keys(rest).length ? ` ${JSON.stringify(rest)}` : '';
    return `${LEVELS[entry.level] ?? entry.level} ${typeof entry.msg === 'string' ? entry.msg : JSON.stringify(entry.msg ?? '')}${extra}`;
}

/** Prefixes every line of a (possibly multi-line) text. */
export function prefixLines(prefix: string, text: string): string {
    return text
        .split('\n')
        .map((l) => `${prefix} ${l}`)
        .join('\n');
}

/** The one line `npm run dev` prints when both are ready; the tests look for it. */
export function readyLine(url: string, person: DemoPerson): string {
    const others = DEMO_PEOPLE.filter((p) => p.key !== person.key).map((p) => p.key);
    return (
        `Ready: open ${url} to chat with the bot as ${person.name} (${person.role}). ` +
        `Someone else: npm run dev -- --as ${others.join('|')}. Ctrl-C stops both.`
    );
}

/** Matches the ready line; group 1 is the URL, group 2 the person's name. */
export const READY_LINE = /^Ready: open (http:\/\/\S+) to chat with the bot as ([^(]+?) \(/;
