/**
 * The deployment files, checked offline: m365agents.yml against the Microsoft 365 Agents Toolkit's
 * published schema (a copy in infra/schemas/, from @microsoft/teamsfx-core's resource/yaml-schema),
 * env/.env.dev without secrets and with every variable the project files use, and infra/azure.bicep
 * wired to the bot's own configuration names.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { parse as parseYaml } from 'yaml';
import { parse as parseDotenv } from 'dotenv';
import { CONFIG_KEYS, loadConfig } from '../../src/config.js';

const read = (f: string) => fs.readFileSync(path.resolve(f), 'utf8');
const placeholders = (text: string) => [...text.matchAll(/\$\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g)].map((m) => m[1]);

/** Variables the toolkit itself provides, or that an earlier provision step writes. */
const FROM_TOOLKIT = new Set(['TEAMSFX_ENV', 'TEAMS_APP_ID']);

describe('deployment files', () => {
    const yml = parseYaml(read('m365agents.yml')) as {
        version: string;
        provision: { uses: string; with?: Record<string, unknown> }[];
        deploy: { uses: string; with?: Record<string, unknown> }[];
    };
    const env = parseDotenv(read('env/.env.dev'));
    const bicep = read('infra/azure.bicep');
    const bicepOutputs = new Set([...bicep.matchAll(/^output (\w+) /gm)].map((m) => m[1]));

    it("m365agents.yml is valid against the toolkit's schema for its version", () => {
        const schema = JSON.parse(read(`infra/schemas/m365agents.${yml.version}.schema.json`)) as object;
        const ajv = new Ajv({ strict: false, allErrors: true });
        const validate = ajv.compile(schema);
        const ok = validate(yml);
        assert.ok(ok, JSON.stringify(validate.errors?.slice(0, 5), null, 2));
        assert.match(read('m365agents.yml'), new RegExp(`yaml\\.schema\\.json\\n[\\s\\S]*version: ${yml.version}`));
    });

    it('a broken m365agents.yml is refused by the same check', () => {
        const schema = JSON.parse(read(`infra/schemas/m365agents.${yml.version}.schema.json`)) as object;
        const validate = new Ajv({ strict: false }).compile(schema);
        const broken = structuredClone(yml);
        broken.deploy[broken.deploy.length - 1].with!.resourceId = undefined;
        delete broken.deploy[broken.deploy.length - 1].with!.resourceId;
        assert.equal(validate(broken), false);
    });

    it('provisions with the Bicep template and deploys to the App Service it creates', () => {
        const arm = yml.provision.find((s) => s.uses === 'arm/deploy');
        const templates = (arm?.with?.templates ?? []) as { path: string; parameters: string }[];
        assert.deepEqual(
            templates.map((t) => [t.path, t.parameters]),
            [['./infra/azure.bicep', './infra/azure.parameters.json']],
        );
        const zip = yml.deploy.find((s) => s.uses === 'azureAppService/zipDeploy');
        assert.equal(zip?.with?.resourceId, '${{BOT_AZURE_APP_SERVICE_RESOURCE_ID}}');
        assert.ok(bicepOutputs.has('BOT_AZURE_APP_SERVICE_RESOURCE_ID'));
        for (const s of yml.provision.filter((x) => x.with?.manifestPath !== undefined && x.with.manifestPath !== ''))
            assert.equal(s.with?.manifestPath, './appPackage/manifest.json');
    });

    it('every ${{VARIABLE}} the project files use has a value: env/.env.dev, the toolkit or a Bicep output', () => {
        const used = new Set(
            ['m365agents.yml', 'infra/azure.parameters.json', 'appPackage/manifest.json'].flatMap((f) =>
                placeholders(read(f)),
            ),
        );
        const missing = [...used].filter((v) => !(v in env) && !FROM_TOOLKIT.has(v) && !bicepOutputs.has(v));
        // The subscription is the one value left for the person provisioning (the toolkit asks for it).
        assert.deepEqual(missing, []);
        assert.equal(env.APP_VERSION, JSON.parse(read('package.json')).version, 'APP_VERSION is the package version');
    });

    it('env/.env.dev holds no secrets', () => {
        const names = Object.keys(env);
        assert.deepEqual(
            names.filter((n) => /SECRET|PASSWORD|KEY|TOKEN|CONNECTION_STRING/.test(n)),
            [],
        );
    });

    it('every parameter the parameters file passes is one the template declares', () => {
        const params = Object.keys(
            (JSON.parse(read('infra/azure.parameters.json')) as { parameters: Record<string, unknown> }).parameters,
        );
        const declared = new Set([...bicep.matchAll(/^param (\w+) /gm)].map((m) => m[1]));
        assert.deepEqual(
            params.filter((p) => !declared.has(p)),
            [],
        );
    });

    it("every app setting the template gives the App Service is one of the bot's settings, and they load", () => {
        const block = /appSettings: \[([\s\S]*?)\n\s*\]/.exec(bicep)?.[1] ?? '';
        const settings = [...block.matchAll(/\{ name: '(\w+)', value: (.+?) \}/g)].map((m) => [m[1], m[2]] as const);
        assert.ok(settings.length >= 8, `found ${settings.length} app settings`);
        assert.deepEqual(
            settings.map(([n]) => n).filter((n) => !(n in CONFIG_KEYS)),
            [],
            'app settings that src/config.ts does not read',
        );
        // With stand-ins for the values Azure fills in, they make a valid configuration of the Azure store.
        const standIn: Record<string, string> = {};
        for (const [name, value] of settings) {
            const literal = /^'([^'$]*)'$/.exec(value)?.[1];
            standIn[name] =
                literal ??
                (name === 'STORE_ACCOUNT_URL' || name === 'PUBLIC_URL'
                    ? 'https://x.example.net/'
                    : '00000000-0000-4000-8000-000000000001');
        }
        standIn.TIME_ZONE = 'Europe/London';
        standIn.STORE_CONTAINER = 'khg-bot';
        const c = loadConfig(standIn);
        assert.equal(c.store.backend, 'azure-blob');
        assert.equal(c.auth.appType, 'UserAssignedMsi');
    });

    it('the App Service runs Node 20, always on, with the health check on /healthz, as npm start runs the bot', () => {
        assert.match(bicep, /linuxFxVersion: 'NODE\|20-lts'/);
        assert.match(bicep, /alwaysOn: true/);
        assert.match(bicep, /healthCheckPath: '\/healthz'/);
        const start = (JSON.parse(read('package.json')) as { scripts: { start: string } }).scripts.start;
        const node = /node .*dist\/src\/index\.js/.exec(start)?.[0];
        assert.ok(node && bicep.includes(`appCommandLine: '${node}'`), `appCommandLine is not "${node}"`);
    });

    it('the Azure Bot signs in as the managed identity (no secret) and has the Teams channel; the identity may write the store', () => {
        assert.match(bicep, /msaAppType: 'UserAssignedMSI'/);
        assert.match(bicep, /msaAppMSIResourceId: identity\.id/);
        assert.match(bicep, /channelName: 'MsTeamsChannel'/);
        assert.match(bicep, /'ba92f5b4-2d11-453d-a403-e96b0029c9fe'/, 'Storage Blob Data Contributor');
        assert.match(bicep, /principalId: identity\.properties\.principalId/);
        assert.match(bicep, /allowSharedKeyAccess: false/);
    });
});
