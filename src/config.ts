/**
 * The one place that reads the environment. Every key has a schema, a default and a line of
 * documentation (mirrored in `.env.example`); the result is validated, typed and frozen, and a bad
 * value stops start-up with a message that names the key.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { Cron } from 'croner';
import { IANAZone } from 'luxon';
import { z } from 'zod';

const optionalString = z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const intFrom = (def: number, min: number, max: number) =>
    z.preprocess((v) => (v === undefined || v === '' ? def : Number(v)), z.number().int().min(min).max(max));

const boolFrom = (def: boolean) =>
    z.preprocess((v) => {
        if (v === undefined || v === '') return def;
        if (typeof v === 'string')
            return /^(1|true|yes|on)$/i.test(v.trim()) ? true : /^(0|false|no|off)$/i.test(v.trim()) ? false : v;
        return v;
    }, z.boolean());

/** Every setting, with its documentation. `.env.example` is checked against this list by a test. */
export const CONFIG_KEYS = {
    PORT: 'HTTP port the bot listens on (default 3978).',
    HOST: 'Interface to listen on. Default 127.0.0.1 when BOT_ID is empty (auth off), else 0.0.0.0.',
    STORE_FILE: 'The JSON store (default data/store.json); created from data/seed.json when missing.',
    SEED_FILE: "Seed data used to create a missing store (default data/seed.json): the papers' facts, no people.",
    DEMO_FILE:
        'Demo people and demo-only values added to a new store (npm run dev and the tests use data/demo.json). Empty in production.',
    STORE_BACKEND:
        'Where the data is kept: file (one JSON file, one instance; the default) or azure-blob (Azure Blob Storage, any number of instances).',
    AZURE_STORAGE_CONNECTION_STRING:
        'azure-blob: the storage account connection string (a secret; Azurite for local tests). Or use STORE_ACCOUNT_URL.',
    STORE_ACCOUNT_URL:
        'azure-blob: the account URL (https://ACCOUNT.blob.core.windows.net), signed in with a managed identity.',
    STORE_MANAGED_IDENTITY_CLIENT_ID:
        "azure-blob with STORE_ACCOUNT_URL: client id of the user-assigned managed identity (empty: Azure's default credential chain).",
    STORE_CONTAINER: 'azure-blob: the blob container that holds the store (default khg-bot).',
    STORE_REFRESH_MS:
        'azure-blob: how often an instance checks the main data for changes made by others, in ms (default 2000): the bound on how stale it can be.',
    NLU_MODEL_CACHE:
        'Where the trained language model is kept between starts, so a start with the same corpus and names loads it instead of training (default: beside the store file, <STORE_FILE>.nlu-model; with azure-blob, in the system temp folder). off: train at every start.',
    STORE_LEASE_SECONDS:
        'How long a dead instance can keep reminders to itself before another takes over, in seconds, 15 to 60 (default 15).',
    BOT_ID: 'Microsoft app id of the bot. Empty: authentication is off and the bot listens on loopback only.',
    BOT_PASSWORD: 'Client secret of the bot app (with BOT_TYPE MultiTenant or SingleTenant).',
    BOT_TENANT_ID: 'Entra tenant id (with BOT_TYPE SingleTenant or UserAssignedMsi).',
    BOT_TYPE:
        'SingleTenant (default) or UserAssignedMsi; MultiTenant only for a registration made before July 2025 (new ones cannot be).',
    NOTIFY_TOKEN: 'Bearer secret for POST /api/notify. Empty: the endpoint is off.',
    TIME_ZONE: "The partnership's time zone for dates and reminders (default Europe/London).",
    DUE_SOON_DAYS: 'How many days ahead a protocol review counts as "due soon" (default 90).',
    ROUND_CHASE_WORKING_DAYS:
        "Working days after a chairs' round (relevance of documents, confirming objectives) starts before a chair who has not answered is chased, once (default 5).",
    FACTS_CONFIRMED_MONTHS:
        'A register fact recorded longer ago than this many months is shown as "not confirmed since" its date (default 12).',
    PUBLIC_URL: 'Public base URL of the bot, for download links (default http://HOST:PORT).',
    LINK_SECRET: 'Secret that signs download links. Empty: a key made once and kept in the store.',
    LOG_LEVEL: 'fatal, error, warn, info, debug or trace (default info).',
    SCHEDULER: 'Run the in-process reminder scheduler (default true).',
    REMINDER_CRON:
        'When the in-process scheduler checks for reminders due, as a cron pattern in TIME_ZONE (default every 10 minutes).',
    REMINDER_DAYS_BEFORE:
        'Days before the due date to remind chairs, comma-separated; 0 is on the day (default 14,3,0).',
    REMINDER_SEND_TIME: 'Local time of day reminders go out, HH:mm, on working days (default 09:00).',
    REMINDER_CHASE_DAYS: 'Days between polite chases once an update is late (default 7).',
    REMINDER_CHASE_LIMIT: 'Chases before the partnership manager is told (default 3).',
    REMINDER_PROTOCOLS_EVERY_DAYS:
        "How often a chair's reminder also lists their groups' documents due for review, in days; 0 for never (default 30).",
    BOARD_PAPER_WORKING_DAYS:
        'Working days before a Board meeting that its paper is due: the digest for the meeting covers updates due by then (default 10).',
    RAG_MODE:
        'RAG ratings: suggest (chairs rate; a rating is suggested from milestones), chair (chairs rate, nothing suggested) or off (no RAG at all). Default suggest.',
    SEND_RATE_PER_SECOND: 'Proactive messages started per second, across the app (default 45; Teams allows about 50).',
    SEND_MAX_IN_FLIGHT:
        'Proactive messages in flight at once, from claim to recorded outcome (default 16): the most a crash can leave unconfirmed.',
    REDELIVERY_WINDOW_MINUTES:
        'How long an activity Teams delivered is remembered, so one it delivers again is answered once (default 60).',
    OPENAI_API_KEY: 'OpenAI key: turns on the language model for messages the built-in recogniser is unsure of.',
    OPENAI_MODEL: 'OpenAI model name (default gpt-4o-mini).',
    AZURE_OPENAI_API_KEY: 'Azure OpenAI key (with AZURE_OPENAI_ENDPOINT and AZURE_OPENAI_DEPLOYMENT).',
    AZURE_OPENAI_ENDPOINT: 'Azure OpenAI endpoint URL.',
    AZURE_OPENAI_DEPLOYMENT: 'Azure OpenAI deployment name.',
    AZURE_OPENAI_API_VERSION: 'Azure OpenAI API version; it must support tool calls (default 2024-06-01).',
    FILE_DOWNLOAD_HOSTS:
        'Hosts a file sent to the bot in Teams may be downloaded from, comma-separated: host, host:port or *.domain (default *.sharepoint.com,*.sharepoint.us,*.sharepoint-df.com; a loopback entry may be plain HTTP, any other only HTTPS).',
    FILE_MAX_BYTES: 'Largest file the bot accepts from Teams, in bytes (default 5242880, 5 MB).',
    FILE_DOWNLOAD_TIMEOUT_MS: 'Longest a file download from Teams may take, in milliseconds (default 15000).',
    PLAYGROUND_PORT:
        'npm run dev: port of the Agents Playground, the local chat client (default 56150; another free one if taken).',
    PLAYGROUND_USER: 'npm run dev: the demo person you chat as: morgan, priya, tom, jo, chris or pat (default morgan).',
} as const;

const schema = z
    .object({
        PORT: intFrom(3978, 0, 65535),
        HOST: optionalString,
        STORE_FILE: z.string().default('data/store.json'),
        SEED_FILE: z.string().default('data/seed.json'),
        DEMO_FILE: optionalString,
        STORE_BACKEND: z.enum(['file', 'azure-blob']).default('file'),
        AZURE_STORAGE_CONNECTION_STRING: optionalString,
        STORE_ACCOUNT_URL: optionalString.pipe(z.string().url().startsWith('http').optional()),
        STORE_MANAGED_IDENTITY_CLIENT_ID: optionalString,
        STORE_CONTAINER: z
            .string()
            .default('khg-bot')
            .refine(
                (v) => /^(?!.*--)[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/.test(v),
                'a container name: 3 to 63 lower-case letters, digits and single hyphens',
            ),
        STORE_REFRESH_MS: intFrom(2000, 100, 60_000),
        STORE_LEASE_SECONDS: intFrom(15, 15, 60),
        NLU_MODEL_CACHE: optionalString,
        BOT_ID: optionalString,
        BOT_PASSWORD: optionalString,
        BOT_TENANT_ID: optionalString,
        BOT_TYPE: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMsi']).default('SingleTenant'),
        NOTIFY_TOKEN: optionalString,
        TIME_ZONE: z
            .string()
            .default('Europe/London')
            .refine((tz) => IANAZone.isValidZone(tz), 'not a known IANA time zone'),
        DUE_SOON_DAYS: intFrom(90, 0, 3650),
        FACTS_CONFIRMED_MONTHS: intFrom(12, 1, 240),
        ROUND_CHASE_WORKING_DAYS: intFrom(5, 1, 60),
        PUBLIC_URL: optionalString.pipe(z.string().url().optional()),
        LINK_SECRET: optionalString,
        LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
        SCHEDULER: boolFrom(true),
        REMINDER_CRON: z
            .string()
            .default('*/10 * * * *')
            .refine((p) => {
                try {
                    new Cron(p, { paused: true }).stop();
                    return true;
                } catch {
                    return false;
                }
            }, 'not a valid cron pattern (e.g. */10 * * * *)'),
        REMINDER_DAYS_BEFORE: z
            .string()
            .default('14,3,0')
            .refine((v) => /^\s*\d{1,3}(\s*,\s*\d{1,3})*\s*$/.test(v), 'whole numbers of days, comma-separated')
            .transform((v) => v.split(',').map((d) => Number(d.trim()))),
        REMINDER_SEND_TIME: z
            .string()
            .default('09:00')
            .refine((v) => /^([01]\d|2[0-3]):[0-5]\d$/.test(v), 'HH:mm, 24-hour'),
        REMINDER_CHASE_DAYS: intFrom(7, 1, 90),
        REMINDER_CHASE_LIMIT: intFrom(3, 0, 20),
        REMINDER_PROTOCOLS_EVERY_DAYS: intFrom(30, 0, 365),
        BOARD_PAPER_WORKING_DAYS: intFrom(10, 0, 60),
        RAG_MODE: z.enum(['suggest', 'chair', 'off']).default('suggest'),
        SEND_RATE_PER_SECOND: intFrom(45, 1, 50),
        SEND_MAX_IN_FLIGHT: intFrom(16, 1, 100),
        REDELIVERY_WINDOW_MINUTES: intFrom(60, 1, 7 * 24 * 60),
        OPENAI_API_KEY: optionalString,
        OPENAI_MODEL: z.string().default('gpt-4o-mini'),
        AZURE_OPENAI_API_KEY: optionalString,
        AZURE_OPENAI_ENDPOINT: optionalString,
        AZURE_OPENAI_DEPLOYMENT: optionalString,
        AZURE_OPENAI_API_VERSION: z.string().default('2024-06-01'),
        FILE_DOWNLOAD_HOSTS: z
            .string()
            .default('*.sharepoint.com,*.sharepoint.us,*.sharepoint-df.com')
            .transform((v) =>
                v
                    .split(',')
                    .map((h) => h.trim())
                    .filter(Boolean),
            )
            .refine((hosts) => hosts.every((h) => /^(\*\.)?(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/i.test(h)), {
                message: 'each entry is host, host:port or *.domain',
            }),
        FILE_MAX_BYTES: intFrom(5_242_880, 1024, 104_857_600),
        FILE_DOWNLOAD_TIMEOUT_MS: intFrom(15_000, 100, 120_000),
        PLAYGROUND_PORT: intFrom(56150, 0, 65535),
        PLAYGROUND_USER: optionalString,
    })
    .superRefine((c, ctx) => {
        if (c.BOT_ID && c.BOT_TYPE !== 'UserAssignedMsi' && !c.BOT_PASSWORD) {
            ctx.addIssue({ code: 'custom', path: ['BOT_PASSWORD'], message: 'required when BOT_ID is set' });
        }
        if (c.BOT_ID && c.BOT_TYPE !== 'MultiTenant' && !c.BOT_TENANT_ID) {
            ctx.addIssue({
                code: 'custom',
                path: ['BOT_TENANT_ID'],
                message: `required when BOT_TYPE is ${c.BOT_TYPE}`,
            });
        }
        if (c.STORE_BACKEND === 'azure-blob' && !c.AZURE_STORAGE_CONNECTION_STRING && !c.STORE_ACCOUNT_URL) {
            ctx.addIssue({
                code: 'custom',
                path: ['STORE_BACKEND'],
                message: 'azure-blob needs AZURE_STORAGE_CONNECTION_STRING or STORE_ACCOUNT_URL',
            });
        }
        if (c.AZURE_OPENAI_API_KEY && !(c.AZURE_OPENAI_ENDPOINT && c.AZURE_OPENAI_DEPLOYMENT)) {
            ctx.addIssue({
                code: 'custom',
                path: ['AZURE_OPENAI_API_KEY'],
                message: 'needs AZURE_OPENAI_ENDPOINT and AZURE_OPENAI_DEPLOYMENT too',
            });
        }
        if (c.AZURE_OPENAI_ENDPOINT && !/^https:\/\/\S+$/i.test(c.AZURE_OPENAI_ENDPOINT)) {
            ctx.addIssue({ code: 'custom', path: ['AZURE_OPENAI_ENDPOINT'], message: 'must be an https:// URL' });
        }
    });

export interface Config {
    readonly port: number;
    readonly host: string;
    /** The file store's main file (also where `check` and the file backend look). */
    readonly storeFile: string;
    readonly seedFile: string;
    /** The demo layer added to a new store, when set (development and tests). */
    readonly demoFile?: string;
    /** The file the trained language model is kept in between starts; undefined: trained at every start. */
    readonly nluModelCache?: string;
    /** Which backend keeps the data, and where. */
    readonly store: Readonly<
        | { backend: 'file'; file: string; leaseSeconds: number }
        | {
              backend: 'azure-blob';
              connectionString?: string;
              accountUrl?: string;
              managedIdentityClientId?: string;
              container: string;
              refreshMs: number;
              leaseSeconds: number;
          }
    >;
    readonly auth: Readonly<{
        appId?: string;
        appPassword?: string;
        tenantId?: string;
        appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMsi';
    }>;
    /** True when requests are authenticated (a bot id is configured). */
    readonly authEnabled: boolean;
    readonly notifyToken?: string;
    readonly timeZone: string;
    readonly dueSoonDays: number;
    /** Facts recorded longer ago than this are shown as "not confirmed since" their date. */
    readonly factsConfirmedMonths: number;
    /** Working days before a chairs' round's unanswered cards are chased (relevance, objectives). */
    readonly roundChaseWorkingDays: number;
    readonly publicUrl: string;
    readonly linkSecret?: string;
    readonly logLevel: string;
    readonly scheduler: boolean;
    readonly reminders: Readonly<{
        cron: string;
        beforeDays: readonly number[];
        sendTime: string;
        chaseEveryDays: number;
        chaseLimit: number;
        protocolsEveryDays: number;
    }>;
    /** Working days between a Board meeting's paper deadline and the meeting. */
    readonly boardPaperWorkingDays: number;
    /** How RAG ratings are used (see `domain/strategy.ts`, `suggestRag`). */
    readonly ragMode: 'suggest' | 'chair' | 'off';
    readonly sendRatePerSecond: number;
    /** Proactive sends in flight at once (claim to recorded outcome). */
    readonly sendMaxInFlight: number;
    /** How long a handled activity (conversation id, activity id) is remembered against redelivery, in minutes. */
    readonly redeliveryWindowMinutes: number;
    readonly llm?: Readonly<
        | { kind: 'openai'; apiKey: string; model: string }
        | { kind: 'azure'; apiKey: string; endpoint: string; deployment: string; apiVersion: string }
    >;
    /** Files sent to the bot in Teams: where they may come from, how large, how long a download may take. */
    readonly files: Readonly<{ allowedHosts: readonly string[]; maxBytes: number; timeoutMs: number }>;
    /** Settings of `npm run dev` only (the bot itself ignores them). */
    readonly dev: Readonly<{ playgroundPort: number; playgroundUser?: string }>;
}

export class ConfigError extends Error {
    constructor(readonly problems: string[]) {
        super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
        this.name = 'ConfigError';
    }
}

/**
 * Reads `.env` (when present) under the given environment: real environment variables win.
 * Returns the merged key/value map; nothing is written back to `process.env`.
 */
export function readEnvironment(
    env: NodeJS.ProcessEnv = process.env,
    cwd = process.cwd(),
): Record<string, string | undefined> {
    const file = path.join(cwd, '.env');
    const fromFile = fs.existsSync(file) ? parseDotenv(fs.readFileSync(file)) : {};
    return { ...fromFile, ...env };
}

/** Validates and freezes the configuration. Throws `ConfigError` naming every bad key. */
export function loadConfig(env: Record<string, string | undefined> = readEnvironment()): Config {
    const picked = Object.fromEntries(Object.keys(CONFIG_KEYS).map((k) => [k, env[k]]));
    const parsed = schema.safeParse(picked);
    if (!parsed.success) {
        throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || 'config'}: ${i.message}`));
    }
    const c = parsed.data;
    const authEnabled = Boolean(c.BOT_ID);
    const host = c.HOST ?? (authEnabled ? '0.0.0.0' : '127.0.0.1');
    if (!authEnabled && !isLoopback(host)) {
        throw new ConfigError([
            `HOST: ${host} is not loopback; with no BOT_ID authentication is off, so the bot only listens on loopback`,
        ]);
    }
    const llm = c.AZURE_OPENAI_API_KEY
        ? {
              kind: 'azure' as const,
              apiKey: c.AZURE_OPENAI_API_KEY,
              endpoint: c.AZURE_OPENAI_ENDPOINT!,
              deployment: c.AZURE_OPENAI_DEPLOYMENT!,
              apiVersion: c.AZURE_OPENAI_API_VERSION,
          }
        : c.OPENAI_API_KEY
          ? { kind: 'openai' as const, apiKey: c.OPENAI_API_KEY, model: c.OPENAI_MODEL }
          : undefined;
    return deepFreeze({
        port: c.PORT,
        host,
        storeFile: path.resolve(c.STORE_FILE),
        seedFile: path.resolve(c.SEED_FILE),
        demoFile: c.DEMO_FILE ? path.resolve(c.DEMO_FILE) : undefined,
        nluModelCache:
            c.NLU_MODEL_CACHE === 'off'
                ? undefined
                : c.NLU_MODEL_CACHE
                  ? path.resolve(c.NLU_MODEL_CACHE)
                  : c.STORE_BACKEND === 'azure-blob'
                    ? path.join(os.tmpdir(), `khg-bot-${c.STORE_CONTAINER}.nlu-model`)
                    : `${path.resolve(c.STORE_FILE)}.nlu-model`,
        store:
            c.STORE_BACKEND === 'azure-blob'
                ? {
                      backend: 'azure-blob' as const,
                      connectionString: c.AZURE_STORAGE_CONNECTION_STRING,
                      accountUrl: c.AZURE_STORAGE_CONNECTION_STRING ? undefined : c.STORE_ACCOUNT_URL,
                      managedIdentityClientId: c.STORE_MANAGED_IDENTITY_CLIENT_ID,
                      container: c.STORE_CONTAINER,
                      refreshMs: c.STORE_REFRESH_MS,
                      leaseSeconds: c.STORE_LEASE_SECONDS,
                  }
                : { backend: 'file' as const, file: path.resolve(c.STORE_FILE), leaseSeconds: c.STORE_LEASE_SECONDS },
        auth: { appId: c.BOT_ID, appPassword: c.BOT_PASSWORD, tenantId: c.BOT_TENANT_ID, appType: c.BOT_TYPE },
        authEnabled,
        notifyToken: c.NOTIFY_TOKEN,
        timeZone: c.TIME_ZONE,
        dueSoonDays: c.DUE_SOON_DAYS,
        factsConfirmedMonths: c.FACTS_CONFIRMED_MONTHS,
        roundChaseWorkingDays: c.ROUND_CHASE_WORKING_DAYS,
        publicUrl: (c.PUBLIC_URL ?? `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${c.PORT}`).replace(/\/$/, ''),
        linkSecret: c.LINK_SECRET,
        logLevel: c.LOG_LEVEL,
        scheduler: c.SCHEDULER,
        reminders: {
            cron: c.REMINDER_CRON,
            beforeDays: c.REMINDER_DAYS_BEFORE,
            sendTime: c.REMINDER_SEND_TIME,
            chaseEveryDays: c.REMINDER_CHASE_DAYS,
            chaseLimit: c.REMINDER_CHASE_LIMIT,
            protocolsEveryDays: c.REMINDER_PROTOCOLS_EVERY_DAYS,
        },
        boardPaperWorkingDays: c.BOARD_PAPER_WORKING_DAYS,
        ragMode: c.RAG_MODE,
        sendRatePerSecond: c.SEND_RATE_PER_SECOND,
        sendMaxInFlight: c.SEND_MAX_IN_FLIGHT,
        redeliveryWindowMinutes: c.REDELIVERY_WINDOW_MINUTES,
        llm,
        files: {
            allowedHosts: c.FILE_DOWNLOAD_HOSTS,
            maxBytes: c.FILE_MAX_BYTES,
            timeoutMs: c.FILE_DOWNLOAD_TIMEOUT_MS,
        },
        dev: { playgroundPort: c.PLAYGROUND_PORT, playgroundUser: c.PLAYGROUND_USER },
    });
}

function isLoopback(host: string): boolean {
    return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

function deepFreeze<T>(o: T): T {
    if (o && typeof o === 'object') {
        for (const v of Object.values(o)) deepFreeze(v);
        Object.freeze(o);
    }
    return o;
}
