/**
 * `npm run dev`: the bot and Microsoft 365 Agents Playground (a Teams-like chat client that runs
 * offline), wired together, with demo data. Prints one line with the address to open and who you are
 * chatting as; Ctrl-C stops both.
 *
 *   npm run dev                   as Morgan Ellis, the partnership manager
 *   npm run dev -- --as priya     as Priya Shah (or tom, jo, chris, pat; see scripts/lib/demoPeople.ts)
 *
 * Environment (or `.env`): PORT (the bot, default 3978), STORE_FILE (default data/store.json, created
 * from the seed when missing), PLAYGROUND_PORT (default 56150), PLAYGROUND_USER (default morgan).
 */
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, readEnvironment, type Config } from '../src/config.js';
import { ROOT_DIR } from '../src/paths.js';
import { DEFAULT_PERSON, demoPerson, type DemoPerson } from './lib/demoPeople.js';
import { formatBotLine, prefixLines, readyLine } from './lib/devOutput.js';
import { playgroundConfigFor, startBotProcess, startPlayground, type RunningProcess } from './lib/playground.js';
import { exited, launchers, portIsFree, stopChild, watchLaunchers } from './lib/processes.js';

const USAGE = `Usage: npm run dev [-- --as <who>]

Starts the bot and the Agents Playground (its local chat client) and prints the address to open.
  --as <who>   chat as another demo person: morgan (default), priya, tom, jo, chris or pat
  -h, --help   this text
Settings: PORT (bot, 3978), STORE_FILE (data/store.json), PLAYGROUND_PORT (56150), PLAYGROUND_USER.`;

const say = (line: string) => process.stdout.write(`[dev] ${line}\n`);
const complain = (line: string) => process.stderr.write(`[dev] ${line}\n`);

interface Plan {
    config: Config;
    person: DemoPerson;
    ignoredBotId: boolean;
}

/** Reads the command line and the settings; returns an exit code when there is nothing to run. */
function plan(argv: string[]): Plan | number {
    let values: { as?: string; help?: boolean };
    try {
        values = parseArgs({
            args: argv,
            options: { as: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
            strict: true,
        }).values;
    } catch (err) {
        complain(`${(err as Error).message}\n\n${USAGE}`);
        return 2;
    }
    if (values.help) {
        process.stdout.write(`${USAGE}\n`);
        return 0;
    }
    const env = readEnvironment();
    let config: Config;
    try {
        // The Playground sends no tokens: the bot runs with authentication off, on loopback.
        // The demo people and demo schedule are added to a new store (the papers' facts alone have no people).
        config = loadConfig({
            DEMO_FILE: path.join(ROOT_DIR, 'data', 'demo.json'),
            ...env,
            BOT_ID: '',
            BOT_PASSWORD: '',
            BOT_TENANT_ID: '',
            HOST: '127.0.0.1',
        });
    } catch (err) {
        if (err instanceof ConfigError) {
            complain(err.message);
            return 2;
        }
        throw err;
    }
    try {
        const person = demoPerson(values.as ?? config.dev.playgroundUser ?? DEFAULT_PERSON);
        return { config, person, ignoredBotId: Boolean(env.BOT_ID?.trim()) };
    } catch (err) {
        complain((err as Error).message);
        return 2;
    }
}

async function main(argv: string[]): Promise<number> {
    const planned = plan(argv);
    if (typeof planned === 'number') return planned;
    const { config, person, ignoredBotId } = planned;
    if (ignoredBotId)
        say(
            'BOT_ID is set but ignored here: the Playground sends no tokens, so the bot runs with authentication off on 127.0.0.1.',
        );
    if (!(await portIsFree(config.port))) {
        complain(
            `Port ${config.port} is already in use (another copy of the bot?). Stop it, or choose another: PORT=3979 npm run dev`,
        );
        return 1;
    }

    const children = new Set<ChildProcess>();
    let stopping: Promise<number> | undefined;
    const stopAll = (code: number, why?: string): Promise<number> => {
        if (!stopping) {
            if (why) say(why);
            stopping = Promise.all([...children].map((c) => stopChild(c))).then(() => code);
        }
        return stopping;
    };
    const onSignal = (signal: NodeJS.Signals) => {
        void stopAll(0, `${signal}: stopping the bot and the Playground...`).then((code) => process.exit(code));
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    process.on('SIGHUP', onSignal);
    // A signal sent to npm alone is not passed on through its shell: stop when a launcher goes away.
    watchLaunchers(launchers(), (pid) => {
        void stopAll(
            0,
            `The process that started this one (${pid}) has gone: stopping the bot and the Playground...`,
        ).then((code) => process.exit(code));
    });
    // Last resort (an exception in this script): never leave the children behind.
    process.on('exit', () => {
        for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    });
    /** A child that stops on its own takes the other one down with it. */
    const watch = (name: string, running: RunningProcess) => {
        void exited(running.child).then(({ code, signal }) => {
            if (stopping) return;
            const clean = code === 0 || signal === 'SIGINT' || signal === 'SIGTERM';
            void stopAll(clean ? 0 : 1, `${name} stopped (${code ?? signal}); stopping the rest.`).then((c) =>
                process.exit(c),
            );
        });
    };

    let lastPlaygroundLine = '';
    const started = Date.now();
    const tmpDir = path.join(ROOT_DIR, '.tmp', 'playground');
    try {
        const [bot, playground] = await Promise.all([
            startBotProcess({
                port: config.port,
                env: { ...process.env, STORE_FILE: config.storeFile, DEMO_FILE: config.demoFile ?? '' },
                onSpawn: (c) => children.add(c),
                onLine: (line) => process.stdout.write(`${prefixLines('[bot]', formatBotLine(line))}\n`),
            }),
            startPlayground({
                botEndpoint: `http://127.0.0.1:${config.port}/api/messages`,
                port: config.dev.playgroundPort,
                configFile: playgroundConfigFor(person, tmpDir),
                logFile: path.join(tmpDir, 'playground.log'),
                onSpawn: (c) => children.add(c),
                onLine: (line) => {
                    if (line === lastPlaygroundLine) return; // it prints "Listening on N" twice
                    lastPlaygroundLine = line;
                    process.stdout.write(`[playground] ${line}\n`);
                },
            }),
        ]);
        if (stopping) return await stopping;
        watch('The bot', bot);
        watch('The Playground', playground);
        if (playground.port !== config.dev.playgroundPort && config.dev.playgroundPort !== 0) {
            say(`Port ${config.dev.playgroundPort} was busy, so the Playground took ${playground.port}.`);
        }
        say(`Both up in ${((Date.now() - started) / 1000).toFixed(1)} s; store: ${config.storeFile}`);
        process.stdout.write(`${readyLine(`http://127.0.0.1:${playground.port}`, person)}\n`);
        return await new Promise<number>(() => undefined); // runs until a signal or a child stops
    } catch (err) {
        if (stopping) return await stopping;
        complain((err as Error).message);
        return await stopAll(1);
    }
}

main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
        complain(`npm run dev failed: ${(err as Error).stack ?? String(err)}`);
        process.exit(1);
    },
);
