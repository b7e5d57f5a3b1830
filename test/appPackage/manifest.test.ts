import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { PNG } from 'pngjs';
import {
    APP_PACKAGE_DIR,
    AppPackageError,
    buildAppPackage,
    bundledSchemaVersions,
    checkIcons,
    COMMAND_TITLE_MAX,
    PLACEHOLDER_BOT_ID,
    readAppVersion,
    readPngHeader,
    renderManifest,
    resolveBotId,
    ROOT,
    TEMPLATE_FILE,
    validateManifest,
    type Manifest,
} from '../../scripts/appPackage.js';

const BOT_ID = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';
const QUESTIONS = [
    'help',
    'Protocols due for review?',
    "What's my group's next update?",
    "Update my group's progress",
    'Digest',
    'Which groups are late?',
];

function render(botId = BOT_ID): Manifest {
    return renderManifest(fs.readFileSync(TEMPLATE_FILE, 'utf8'), {
        TEAMS_APP_ID: botId,
        BOT_ID: botId,
        APP_VERSION: readAppVersion(),
    });
}

function copy(m: Manifest): Manifest {
    return structuredClone(m);
}

describe('the Teams app package', () => {
    describe('manifest', () => {
        it('renders the bot id and the package version into the template', () => {
            const m = render();
            assert.equal(m.id, BOT_ID);
            assert.equal(m.bots?.[0]?.botId, BOT_ID);
            assert.equal(m.version, readAppVersion());
            assert.doesNotMatch(JSON.stringify(m), /\$\{\{/);
        });

        it('refuses a template variable with no value', () => {
            assert.throws(
                () => renderManifest('{"id": "${{BOT_ID}}", "x": "${{NOPE}}"}', { BOT_ID }),
                (e: Error) => {
                    assert.ok(e instanceof AppPackageError);
                    assert.match(e.message, /\$\{\{NOPE\}\}/);
                    return true;
                },
            );
        });

        it('uses a manifest schema version that the validator bundles', () => {
            const m = render();
            assert.ok(bundledSchemaVersions().includes(m.manifestVersion), `schema v${m.manifestVersion} is bundled`);
            assert.equal(
                m.$schema,
                `https://developer.microsoft.com/json-schemas/teams/v${m.manifestVersion}/MicrosoftTeams.schema.json`,
            );
        });

        it('validates against the bundled schema with no errors, offline', async () => {
            const realFetch = globalThis.fetch;
            globalThis.fetch = () => Promise.reject(new Error('validation must not use the network'));
            try {
                assert.deepEqual(await validateManifest(render()), []);
                assert.deepEqual(await validateManifest(render(PLACEHOLDER_BOT_ID)), []);
            } finally {
                globalThis.fetch = realFetch;
            }
        });

        it('reports errors for broken copies, so validation can fail', async () => {
            const good = render();

            const longName = copy(good);
            longName.name.short = 'KHG Partnership Bot for Kent Housing'; // 36 > 30
            assert.ok((await validateManifest(longName)).some((e) => e.startsWith('schema: /name/short')));

            const noBotId = copy(good);
            delete (noBotId.bots![0] as { botId?: string }).botId;
            assert.ok(
                (await validateManifest(noBotId)).some((e) => e.startsWith('schema: /bots/0') && e.includes('botId')),
            );

            const badId = copy(good);
            badId.id = 'not-a-guid';
            assert.ok((await validateManifest(badId)).some((e) => e.startsWith('schema: /id')));

            const longTitle = copy(good);
            longTitle.bots![0].commandLists![0].commands[1].title = 'Which protocols are due for review?';
            assert.ok((await validateManifest(longTitle)).some((e) => e.includes(`Teams allows ${COMMAND_TITLE_MAX}`)));

            const badScope = copy(good);
            (badScope.bots![0].scopes as string[]).push('everywhere');
            assert.ok((await validateManifest(badScope)).some((e) => e.startsWith('schema: /bots/0/scopes')));
        });

        it('has the names, descriptions, developer and colours Teams shows', () => {
            const m = render();
            assert.equal(m.name.short, 'KHG Partnership');
            assert.ok(m.name.short.length <= 30);
            assert.ok(m.name.full);
            assert.match(m.description.short, /review|update|digest/i);
            assert.match(m.description.full, /chair/i);
            assert.match(m.description.full, /partnership manager/i);
            assert.equal(m.developer.name, 'Kent Housing Group');
            for (const url of [m.developer.websiteUrl, m.developer.privacyUrl, m.developer.termsOfUseUrl]) {
                assert.match(url, /^https:\/\/example\.com\//);
            }
            assert.match(m.accentColor, /^#[0-9A-Fa-f]{6}$/);
            assert.deepEqual(m.validDomains, []);
            assert.deepEqual(m.icons, { color: 'color.png', outline: 'outline.png' });
        });

        it('declares one bot for personal, team and group chat, with the main questions as commands in each', () => {
            const m = render();
            assert.equal(m.bots?.length, 1);
            const bot = m.bots[0];
            assert.deepEqual([...bot.scopes].sort(), ['groupChat', 'personal', 'team']);
            assert.equal(bot.supportsFiles, true, 'the manager sends spreadsheets to the bot in the one-to-one chat');
            const lists = bot.commandLists ?? [];
            assert.deepEqual(lists.map((l) => l.scopes.join()).sort(), ['groupChat', 'personal', 'team']);
            for (const list of lists) {
                assert.deepEqual(
                    list.commands.map((c) => c.title),
                    QUESTIONS,
                    `commands for ${list.scopes.join()}`,
                );
                for (const c of list.commands) {
                    assert.ok(
                        c.title.length <= COMMAND_TITLE_MAX,
                        `"${c.title}" is at most ${COMMAND_TITLE_MAX} characters`,
                    );
                    assert.ok(c.description && c.description.length <= 128, `"${c.title}" has a short description`);
                }
            }
        });
    });

    describe('icons', () => {
        it('color.png is 192x192 and outline.png is 32x32 with an alpha channel', async () => {
            const color = readPngHeader(fs.readFileSync(path.join(APP_PACKAGE_DIR, 'color.png')));
            assert.deepEqual([color.width, color.height], [192, 192]);
            const outline = readPngHeader(fs.readFileSync(path.join(APP_PACKAGE_DIR, 'outline.png')));
            assert.deepEqual([outline.width, outline.height], [32, 32]);
            assert.ok(outline.colorType === 4 || outline.colorType === 6);
            assert.deepEqual(await checkIcons(render()), []);
        });

        it('readPngHeader rejects a file that is not a PNG', () => {
            assert.throws(() => readPngHeader(Buffer.from('GIF89a, not a png at all, really')), /not a PNG/);
        });

        it('checkIcons reports an icon of the wrong size', async () => {
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'khg-icons-'));
            try {
                fs.copyFileSync(path.join(APP_PACKAGE_DIR, 'outline.png'), path.join(dir, 'color.png'));
                fs.copyFileSync(path.join(APP_PACKAGE_DIR, 'outline.png'), path.join(dir, 'outline.png'));
                const problems = await checkIcons(render(), dir);
                assert.equal(problems.length, 1);
                assert.match(problems[0], /32x32; the color icon must be 192x192/);
            } finally {
                fs.rmSync(dir, { recursive: true, force: true });
            }
        });

        it('outline.png is white on transparent: every pixel fully transparent or pure white', () => {
            const png = PNG.sync.read(fs.readFileSync(path.join(APP_PACKAGE_DIR, 'outline.png')));
            let white = 0;
            for (let i = 0; i < png.data.length; i += 4) {
                const [r, g, b, a] = [png.data[i], png.data[i + 1], png.data[i + 2], png.data[i + 3]];
                if (a === 0) continue;
                assert.deepEqual([r, g, b], [255, 255, 255], `pixel ${i / 4} is white`);
                white++;
            }
            assert.ok(white > 100, 'the outline icon draws something');
            assert.ok(white < 32 * 32, 'the outline icon has transparent background');
        });

        it('color.png is full colour and opaque', () => {
            const png = PNG.sync.read(fs.readFileSync(path.join(APP_PACKAGE_DIR, 'color.png')));
            const colours = new Set<string>();
            for (let i = 0; i < png.data.length; i += 4) {
                assert.equal(png.data[i + 3], 255);
                colours.add(png.data.subarray(i, i + 3).toString('hex'));
            }
            assert.ok(colours.size > 2);
            const m = render();
            assert.ok(colours.has(m.accentColor.slice(1).toLowerCase()), 'the accent colour is the icon background');
        });
    });

    describe('the zip', () => {
        let tmp: string;
        beforeEach(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'khg-package-'))));
        afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

        it('holds manifest.json, color.png and outline.png flat at the root', async () => {
            const outFile = path.join(tmp, 'out', 'app.zip');
            const result = await buildAppPackage({ botId: BOT_ID, outFile });
            assert.equal(result.outFile, outFile);

            const zip = await JSZip.loadAsync(fs.readFileSync(outFile));
            assert.deepEqual(Object.keys(zip.files).sort(), ['color.png', 'manifest.json', 'outline.png']);
            const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as Manifest;
            assert.equal(manifest.id, BOT_ID);
            assert.equal(manifest.bots?.[0]?.botId, BOT_ID);
            assert.deepEqual(await validateManifest(manifest), []);
            for (const icon of ['color.png', 'outline.png']) {
                const inZip = await zip.file(icon)!.async('nodebuffer');
                assert.ok(
                    inZip.equals(fs.readFileSync(path.join(APP_PACKAGE_DIR, icon))),
                    `${icon} is the file from appPackage/`,
                );
            }
        });

        it('BOT_ID is required unless the placeholder id is allowed', () => {
            assert.throws(() => resolveBotId({}, false), /BOT_ID is not set/);
            assert.throws(() => resolveBotId({ BOT_ID: '  ' }, false), /BOT_ID is not set/);
            assert.throws(() => resolveBotId({ BOT_ID: 'my-bot' }, false), /must be .* a GUID/);
            assert.equal(resolveBotId({}, true), PLACEHOLDER_BOT_ID);
            assert.equal(resolveBotId({ BOT_ID }, true), BOT_ID);
        });

        it('npm run package fails with a clear message and writes nothing when BOT_ID is not set', () => {
            const outFile = path.join(tmp, 'app.zip');
            const env = { ...process.env };
            delete env.BOT_ID;
            const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/package.ts', '--out', outFile], {
                cwd: ROOT,
                env,
                encoding: 'utf8',
            });
            assert.equal(r.status, 1, r.stderr);
            assert.match(r.stderr, /BOT_ID is not set/);
            assert.match(r.stderr, /--allow-placeholder-id/);
            assert.equal(fs.existsSync(outFile), false);
        });

        it('npm run package -- --allow-placeholder-id builds a package with the all-zero id', async () => {
            const outFile = path.join(tmp, 'app.zip');
            const env = { ...process.env };
            delete env.BOT_ID;
            const r = spawnSync(
                process.execPath,
                ['--import', 'tsx', 'scripts/package.ts', '--allow-placeholder-id', '--out', outFile],
                {
                    cwd: ROOT,
                    env,
                    encoding: 'utf8',
                },
            );
            assert.equal(r.status, 0, r.stderr);
            const zip = await JSZip.loadAsync(fs.readFileSync(outFile));
            const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as Manifest;
            assert.equal(manifest.id, PLACEHOLDER_BOT_ID);
        });
    });
});
