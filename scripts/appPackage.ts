/**
 * The Teams app package: render `appPackage/manifest.json` (the Microsoft 365 Agents Toolkit's place and `${{...}}` placeholders), validate it offline against the
 * schema bundled in `@microsoft/app-manifest`, check the icons, and zip manifest.json + icons flat.
 * `scripts/package.ts` is the command line; the tests import these pieces.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppManifestUtils, type TeamsManifestLatest } from '@microsoft/app-manifest';
import JSZip from 'jszip';

export type Manifest = TeamsManifestLatest;
type Schema = NonNullable<Parameters<typeof AppManifestUtils.validateAgainstSchema>[1]>;

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const APP_PACKAGE_DIR = join(ROOT, 'appPackage');
export const TEMPLATE_FILE = join(APP_PACKAGE_DIR, 'manifest.json');
export const PACKAGE_FILE_NAME = 'khg-partnership-bot.zip';
export const DEFAULT_OUT_FILE = join(APP_PACKAGE_DIR, 'build', PACKAGE_FILE_NAME);

/** Stands in for the bot id with `--allow-placeholder-id` (a package that validates, but no real bot). */
export const PLACEHOLDER_BOT_ID = '00000000-0000-0000-0000-000000000000';

/** The sizes Teams requires. */
export const ICON_SIZES = {
    color: { width: 192, height: 192 },
    outline: { width: 32, height: 32 },
} as const;

/** Limits from Teams' documentation that the JSON schema does not enforce (it allows 128 / 4000). */
export const COMMAND_TITLE_MAX = 32;
export const COMMAND_DESCRIPTION_MAX = 128;

const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
const PLACEHOLDER = /\$\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

export class AppPackageError extends Error {
    constructor(
        message: string,
        readonly problems: readonly string[] = [],
    ) {
        super(problems.length ? `${message}:\n${problems.map((p) => `  - ${p}`).join('\n')}` : message);
        this.name = 'AppPackageError';
    }
}

// ---- the manifest -----------------------------------------------------------------------------------

/**
 * Replaces every `${{NAME}}` in the template with `vars[NAME]` (JSON-string-escaped) and parses the
 * result. Throws if the template names a variable that has no value.
 */
export function renderManifest(template: string, vars: Readonly<Record<string, string>>): Manifest {
    const missing = new Set<string>();
    const text = template.replace(PLACEHOLDER, (whole, name: string) => {
        const value = vars[name];
        if (value === undefined) {
            missing.add(name);
            return whole;
        }
        return JSON.stringify(value).slice(1, -1);
    });
    if (missing.size)
        throw new AppPackageError(
            'The manifest template uses variables with no value',
            [...missing].map((n) => `\${{${n}}}`),
        );
    return JSON.parse(text) as Manifest;
}

/** The app version: package.json's `version`. */
export function readAppVersion(root = ROOT): string {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: string };
    if (!pkg.version) throw new AppPackageError(`${join(root, 'package.json')} has no version`);
    return pkg.version;
}

/**
 * The bot id to put in the manifest: `BOT_ID` from the environment; without it, the all-zero GUID
 * if `allowPlaceholder`, else an error saying what to do.
 */
export function resolveBotId(env: NodeJS.ProcessEnv, allowPlaceholder: boolean): string {
    const id = env.BOT_ID?.trim();
    if (!id) {
        if (allowPlaceholder) return PLACEHOLDER_BOT_ID;
        throw new AppPackageError(
            "BOT_ID is not set. Run `BOT_ID=<the bot's Microsoft app id> npm run package`, or " +
                '`npm run package -- --allow-placeholder-id` for a package with the all-zero id ' +
                `(${PLACEHOLDER_BOT_ID}) that validates but cannot reach any bot.`,
        );
    }
    if (!GUID.test(id)) throw new AppPackageError(`BOT_ID must be the bot's Microsoft app id, a GUID; got "${id}"`);
    return id;
}

// ---- validation ---------------------------------------------------------------------------------

const requireFromHere = createRequire(import.meta.url);

function bundledSchemasDir(): string {
    return join(
        dirname(requireFromHere.resolve('@microsoft/app-manifest/package.json')),
        'build',
        'json-schemas',
        'teams',
    );
}

/** The Teams manifest schema versions bundled in @microsoft/app-manifest, oldest first (no devPreview). */
export function bundledSchemaVersions(): string[] {
    return readdirSync(bundledSchemasDir())
        .filter((d) => /^v\d+\.\d+$/.test(d) && existsSync(join(bundledSchemasDir(), d, 'MicrosoftTeams.schema.json')))
        .map((d) => d.slice(1))
        .sort((a, b) => {
            const [am, an] = a.split('.').map(Number) as [number, number];
            const [bm, bn] = b.split('.').map(Number) as [number, number];
            return am - bm || an - bn;
        });
}

export function schemaUrl(manifestVersion: string): string {
    return `https://developer.microsoft.com/json-schemas/teams/v${manifestVersion}/MicrosoftTeams.schema.json`;
}

/**
 * The schema for `manifestVersion`, read from the package's files. Validation never touches the
 * network: a version the package does not bundle is an error, not a download.
 */
export function loadBundledSchema(manifestVersion: string): Schema {
    const file = join(bundledSchemasDir(), `v${manifestVersion}`, 'MicrosoftTeams.schema.json');
    if (!existsSync(file)) {
        throw new AppPackageError(
            `@microsoft/app-manifest has no bundled schema for manifestVersion "${manifestVersion}" ` +
                `(it has ${bundledSchemaVersions().join(', ')})`,
        );
    }
    // The published schemas contain "\a" and "\v", which JSON does not allow; the package's own loader
    // rewrites them the same way.
    const raw = readFileSync(file, 'utf8').replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b');
    return JSON.parse(raw) as Schema;
}

/**
 * Every problem with the manifest, or none: the bundled JSON schema for its `manifestVersion`
 * (via `AppManifestUtils.validateAgainstSchema`), plus Teams rules and our conventions that the schema
 * does not check.
 */
export async function validateManifest(manifest: Manifest): Promise<string[]> {
    const version = manifest.manifestVersion;
    if (!version) return ['manifestVersion is missing'];
    const problems: string[] = [];
    if (manifest.$schema !== schemaUrl(version)) {
        problems.push(
            `$schema is "${manifest.$schema ?? ''}", expected ${schemaUrl(version)} for manifestVersion ${version}`,
        );
    }
    const schemaErrors = await AppManifestUtils.validateAgainstSchema(manifest, loadBundledSchema(version));
    problems.push(...schemaErrors.map((e) => `schema: ${e.trim()}`));

    const text = JSON.stringify(manifest);
    for (const m of text.matchAll(PLACEHOLDER)) problems.push(`unresolved placeholder ${m[0]}`);

    const bots = manifest.bots ?? [];
    if (bots.length !== 1) problems.push(`expected exactly one bot, found ${bots.length}`);
    for (const [i, bot] of bots.entries()) {
        if (bot.botId !== manifest.id)
            problems.push(
                `bots[${i}].botId (${bot.botId}) differs from the app id (${manifest.id}); this app uses the bot id as its id`,
            );
        for (const [j, list] of (bot.commandLists ?? []).entries()) {
            for (const [k, command] of list.commands.entries()) {
                const where = `bots[${i}].commandLists[${j}].commands[${k}]`;
                if (command.title.length > COMMAND_TITLE_MAX) {
                    problems.push(
                        `${where}.title "${command.title}" is ${command.title.length} characters; Teams allows ${COMMAND_TITLE_MAX}`,
                    );
                }
                if ((command.description ?? '').length > COMMAND_DESCRIPTION_MAX) {
                    problems.push(`${where}.description is longer than ${COMMAND_DESCRIPTION_MAX} characters`);
                }
            }
        }
    }
    for (const kind of ['color', 'outline'] as const) {
        const file = manifest.icons?.[kind];
        if (file && basename(file) !== file)
            problems.push(`icons.${kind} "${file}" must be a file name at the package root`);
    }
    return problems;
}

// ---- icons ----------------------------------------------------------------------------------------

export interface PngHeader {
    width: number;
    height: number;
    bitDepth: number;
    /** 0 grey, 2 RGB, 3 palette, 4 grey + alpha, 6 RGBA. */
    colorType: number;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Reads a PNG's size and colour type from its IHDR chunk, which must come first after the signature. */
export function readPngHeader(data: Uint8Array): PngHeader {
    const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    if (buf.length < 8 + 8 + 13 || !buf.subarray(0, 8).equals(PNG_SIGNATURE))
        throw new AppPackageError('not a PNG file');
    if (buf.toString('latin1', 12, 16) !== 'IHDR' || buf.readUInt32BE(8) !== 13)
        throw new AppPackageError('PNG file does not start with an IHDR chunk');
    return {
        width: buf.readUInt32BE(16),
        height: buf.readUInt32BE(20),
        bitDepth: buf.readUInt8(24),
        colorType: buf.readUInt8(25),
    };
}

/** Problems with the icons the manifest names, read from `dir`: missing, wrong size, an outline with no alpha. */
export async function checkIcons(manifest: Manifest, dir = APP_PACKAGE_DIR): Promise<string[]> {
    const problems: string[] = [];
    for (const kind of ['color', 'outline'] as const) {
        const name = manifest.icons?.[kind];
        if (!name) {
            problems.push(`icons.${kind} is missing`);
            continue;
        }
        const file = join(dir, name);
        if (!existsSync(file)) {
            problems.push(`${file} does not exist (npm run icons draws it)`);
            continue;
        }
        let header: PngHeader;
        try {
            header = readPngHeader(await readFile(file));
        } catch (e) {
            problems.push(`${file}: ${(e as Error).message}`);
            continue;
        }
        const want = ICON_SIZES[kind];
        if (header.width !== want.width || header.height !== want.height) {
            problems.push(
                `${file} is ${header.width}x${header.height}; the ${kind} icon must be ${want.width}x${want.height}`,
            );
        }
        if (kind === 'outline' && header.colorType !== 4 && header.colorType !== 6) {
            problems.push(`${file} has no alpha channel; the outline icon must be white on transparent`);
        }
    }
    return problems;
}

// ---- the package ------------------------------------------------------------------------------

export interface BuildOptions {
    botId: string;
    /** The Teams app's id (`TEAMS_APP_ID`, which the toolkit's teamsApp/create writes). Default: the bot id. */
    teamsAppId?: string;
    /** Default: package.json's version. */
    appVersion?: string;
    /** Where the template and icons are. Default: appPackage/. */
    appPackageDir?: string;
    /** Default: appPackage/build/khg-partnership-bot.zip. */
    outFile?: string;
}

export interface BuildResult {
    outFile: string;
    manifest: Manifest;
    entries: string[];
}

/**
 * Renders, validates and zips the app package. Throws an {@link AppPackageError} listing every problem
 * (nothing is written then).
 */
export async function buildAppPackage(options: BuildOptions): Promise<BuildResult> {
    const dir = options.appPackageDir ?? APP_PACKAGE_DIR;
    const outFile = resolve(options.outFile ?? DEFAULT_OUT_FILE);
    const template = await readFile(join(dir, 'manifest.json'), 'utf8');
    const manifest = renderManifest(template, {
        // Outside the toolkit the Teams app's id is the bot's, as the toolkit's own bot templates use.
        TEAMS_APP_ID: options.teamsAppId ?? options.botId,
        BOT_ID: options.botId,
        APP_VERSION: options.appVersion ?? readAppVersion(),
    });

    const problems = [...(await validateManifest(manifest)), ...(await checkIcons(manifest, dir))];
    if (problems.length) throw new AppPackageError('The app package is not valid', problems);

    const zip = new JSZip();
    zip.file('manifest.json', `${JSON.stringify(manifest, null, 4)}\n`);
    for (const kind of ['color', 'outline'] as const) {
        const name = manifest.icons[kind];
        zip.file(name, await readFile(join(dir, name)));
    }
    const data = await zip.generateAsync({
        type: 'nodebuffer',
        compression: 'DEFLATE',
        compressionOptions: { level: 9 },
    });
    await mkdir(dirname(outFile), { recursive: true });
    await writeFile(outFile, data);
    return { outFile, manifest, entries: Object.keys(zip.files).sort() };
}
