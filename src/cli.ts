/**
 * The admin command line, `npx khg-bot <command>`. Each command is a thin wrapper over the store and
 * the domain functions; errors are printed as one clear line and a non-zero exit code.
 */
import fs from 'node:fs';
import { Command, CommanderError } from 'commander';
import { ConfigError, loadConfig, type Config } from './config.js';
import { isAppError } from './errors.js';
import { addRegisterCommands } from './cli/registerCommands.js';
import { packageVersion } from './paths.js';
import { openStore, readSeed, StoreError } from './store/store.js';
import type { StoreData } from './domain/model.js';
import { addDataCommands } from './cli/dataCommands.js';
import { addMoveCommands } from './cli/moveCommands.js';
import { addDigestCommand } from './cli/digestCommand.js';
import { addActionPlanCommands } from './cli/actionPlanCommands.js';
import { registerOptions, registerSummary } from './services/registerSummary.js';

export interface CliIo {
    out: (line: string) => void;
    err: (line: string) => void;
    env?: Record<string, string | undefined>;
    /** The time, for commands that depend on it (tests pass a fixed one). */
    now?: () => Date;
}

const defaultIo: CliIo = { out: (l) => console.log(l), err: (l) => console.error(l) };

/** Counts of what a store holds, for `check`. */
export function describeStore(data: StoreData): string[] {
    const installed = data.conversations.filter((c) => c.installed).length;
    return [
        `  groups:        ${data.groups.length} (${data.groups.filter((g) => g.reports).length} report progress)`,
        `  people:        ${new Set(data.roster.map((e) => e.email.toLowerCase())).size} on the roster (${data.roster.length} roles)`,
        `  themes:        ${data.themes.length}`,
        `  objectives:    ${data.objectives.length} (${data.objectives.filter((o) => o.contributions.length === 0).length} no group has taken on)`,
        `  milestones:    ${data.milestones.length}`,
        `  protocols:     ${data.protocols.length}`,
        `  conversations: ${data.conversations.length} saved (${installed} installed)`,
    ];
}

export function buildCli(io: CliIo = defaultIo): Command {
    const program = new Command('khg-bot');
    program
        .description('Administer the KHG Partnership Bot: check the store, import and export data.')
        .version(packageVersion())
        .option('--store <file>', 'the JSON store file (default: STORE_FILE or data/store.json)')
        .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) })
        .exitOverride();

    const config = (backend?: 'file' | 'azure-blob'): Config => {
        const env = { ...(io.env ?? process.env) };
        const store = program.opts<{ store?: string }>().store;
        if (store) env.STORE_FILE = store;
        if (backend) env.STORE_BACKEND = backend;
        return loadConfig(env);
    };

    program
        .command('check')
        .description('Validate the store file and print what it holds (the seed data when there is no store yet).')
        .action(async () => {
            const c = config();
            if (!fs.existsSync(c.storeFile)) {
                const seed = readSeed(c.seedFile, c.demoFile);
                io.out(`No store at ${c.storeFile} yet; it will be created from ${c.seedFile} on first start.`);
                io.out(`The seed data is valid and holds:`);
                describeStore(seed).forEach((l) => io.out(l));
                return;
            }
            const store = await openStore({ file: c.storeFile });
            io.out(`${c.storeFile} is valid (schema version ${store.read().schemaVersion}) and holds:`);
            describeStore(store.read()).forEach((l) => io.out(l));
        });

    addDataCommands(program, { out: io.out, config });
    addMoveCommands(program, { out: io.out, config, now: io.now });
    addDigestCommand(program, {
        out: io.out,
        config,
        now: io.now,
        registerSummary: (data, now, c) => registerSummary(data, now, registerOptions(c, data.settings)),
    });
    // After the data commands: `import register` and `export register` join their `import` and `export`.
    addRegisterCommands(program, { io, config });
    addActionPlanCommands(program, { io, config, clock: io.now });

    return program;
}

/** Runs the command line; resolves to the process exit code. */
export async function runCli(argv: string[], io: CliIo = defaultIo): Promise<number> {
    const program = buildCli(io);
    try {
        await program.parseAsync(argv, { from: 'user' });
        return 0;
    } catch (err) {
        if (err instanceof CommanderError) return err.exitCode;
        if (err instanceof ConfigError || isAppError(err) || err instanceof StoreError) {
            io.err(`Error: ${(err as Error).message}`);
            return 1;
        }
        io.err(`Unexpected error: ${(err as Error).stack ?? String(err)}`);
        return 1;
    }
}
