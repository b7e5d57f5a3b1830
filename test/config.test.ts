import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { CONFIG_KEYS, ConfigError, loadConfig, readEnvironment } from '../src/config.js';
import { tempDir } from './helpers/fixtures.js';

describe('config', () => {
    it('with an empty environment, uses the documented defaults and turns auth off on loopback', () => {
        const c = loadConfig({});
        assert.equal(c.port, 3978);
        assert.equal(c.host, '127.0.0.1');
        assert.equal(c.authEnabled, false);
        assert.equal(c.storeFile, path.resolve('data/store.json'));
        assert.equal(c.timeZone, 'Europe/London');
        assert.equal(c.dueSoonDays, 90);
        assert.equal(c.factsConfirmedMonths, 12);
        assert.equal(c.demoFile, undefined);
        assert.equal(c.notifyToken, undefined);
        assert.equal(c.llm, undefined);
    });

    it('with a bot id, turns auth on and listens on all interfaces', () => {
        const c = loadConfig({ BOT_ID: 'app-id', BOT_PASSWORD: 'secret', BOT_TENANT_ID: 'tenant-id' });
        assert.equal(c.authEnabled, true);
        assert.equal(c.host, '0.0.0.0');
        assert.equal(c.auth.appId, 'app-id');
    });

    const bad: [string, Record<string, string>, RegExp][] = [
        ['a port that is not a number', { PORT: 'eighty' }, /PORT/],
        ['a port out of range', { PORT: '70000' }, /PORT/],
        ['an unknown time zone', { TIME_ZONE: 'Kent/Maidstone' }, /TIME_ZONE: not a known IANA time zone/],
        ['a bot id without its password', { BOT_ID: 'app-id' }, /BOT_PASSWORD: required when BOT_ID is set/],
        [
            'a single-tenant bot without its tenant',
            { BOT_ID: 'a', BOT_PASSWORD: 'b', BOT_TYPE: 'SingleTenant' },
            /BOT_TENANT_ID/,
        ],
        // Single-tenant is the default: new multi-tenant registrations cannot be made (July 2025).
        ['a bot id and password with no type and no tenant', { BOT_ID: 'a', BOT_PASSWORD: 'b' }, /BOT_TENANT_ID/],
        ['an unknown bot type', { BOT_TYPE: 'Personal' }, /BOT_TYPE/],
        ['a public interface with auth off', { HOST: '0.0.0.0' }, /not loopback/],
        ['a malformed public URL', { PUBLIC_URL: 'not a url' }, /PUBLIC_URL/],
        ['Azure OpenAI without its endpoint', { AZURE_OPENAI_API_KEY: 'k' }, /AZURE_OPENAI_ENDPOINT/],
        [
            'an Azure OpenAI endpoint that is not https',
            { AZURE_OPENAI_API_KEY: 'k', AZURE_OPENAI_ENDPOINT: 'http://x.example.com', AZURE_OPENAI_DEPLOYMENT: 'd' },
            /AZURE_OPENAI_ENDPOINT: must be an https:\/\/ URL/,
        ],
    ];
    for (const [situation, env, message] of bad) {
        it(`fails fast on ${situation}, naming the key`, () => {
            assert.throws(
                () => loadConfig(env),
                (err: unknown) => err instanceof ConfigError && message.test(err.message),
            );
        });
    }

    it('reads the reminder schedule: offsets, send time, chases, cadence and sending rate', () => {
        const c = loadConfig({
            REMINDER_DAYS_BEFORE: '21, 7,0',
            REMINDER_SEND_TIME: '13:30',
            REMINDER_CHASE_DAYS: '14',
            REMINDER_CHASE_LIMIT: '2',
            REMINDER_PROTOCOLS_EVERY_DAYS: '0',
            SEND_RATE_PER_SECOND: '30',
        });
        assert.deepEqual(c.reminders, {
            cron: '*/10 * * * *',
            beforeDays: [21, 7, 0],
            sendTime: '13:30',
            chaseEveryDays: 14,
            chaseLimit: 2,
            protocolsEveryDays: 0,
        });
        assert.equal(c.sendRatePerSecond, 30);
        assert.throws(
            () => loadConfig({ REMINDER_DAYS_BEFORE: 'two weeks' }),
            /REMINDER_DAYS_BEFORE: whole numbers of days/,
        );
        assert.throws(() => loadConfig({ REMINDER_SEND_TIME: '9am' }), /REMINDER_SEND_TIME: HH:mm/);
        assert.throws(() => loadConfig({ SEND_RATE_PER_SECOND: '500' }), /SEND_RATE_PER_SECOND/);
        assert.throws(() => loadConfig({ REMINDER_CRON: 'every morning' }), /REMINDER_CRON: not a valid cron pattern/);
    });

    it('fetches files sent in Teams only from SharePoint by default, or from the hosts FILE_DOWNLOAD_HOSTS lists', () => {
        const byDefault = loadConfig({}).files;
        assert.deepEqual(byDefault.allowedHosts, ['*.sharepoint.com', '*.sharepoint.us', '*.sharepoint-df.com']);
        assert.deepEqual([byDefault.maxBytes, byDefault.timeoutMs], [5_242_880, 15_000]);
        const listed = loadConfig({ FILE_DOWNLOAD_HOSTS: 'files.example.com, 127.0.0.1:8080,,[::1]:9000' }).files;
        assert.deepEqual(listed.allowedHosts, ['files.example.com', '127.0.0.1:8080', '[::1]:9000']);
        assert.throws(
            () => loadConfig({ FILE_DOWNLOAD_HOSTS: 'https://files.example.com/downloads' }),
            (err: unknown) => err instanceof ConfigError && err.message.includes('FILE_DOWNLOAD_HOSTS'),
        );
    });

    it('returns a frozen object', () => {
        const c = loadConfig({});
        assert.throws(() => {
            (c as { port: number }).port = 1;
        }, TypeError);
        assert.ok(Object.isFrozen(c.auth));
    });

    it('reads .env under the real environment, which wins', () => {
        const tmp = tempDir();
        try {
            fs.writeFileSync(path.join(tmp.dir, '.env'), 'PORT=4000\nDUE_SOON_DAYS=30\n');
            const env = readEnvironment({ PORT: '5000' }, tmp.dir);
            const c = loadConfig(env);
            assert.equal(c.port, 5000);
            assert.equal(c.dueSoonDays, 30);
        } finally {
            tmp.cleanup();
        }
    });

    it('documents every key in .env.example, and nothing else', () => {
        const example = fs.readFileSync('.env.example', 'utf8');
        const keys = [...example.matchAll(/^([A-Z_]+)=/gm)].map((m) => m[1]).sort();
        assert.deepEqual(keys, Object.keys(CONFIG_KEYS).sort());
    });

    it('turns on the model only when its settings are present', () => {
        assert.deepEqual(loadConfig({ OPENAI_API_KEY: 'k' }).llm, {
            kind: 'openai',
            apiKey: 'k',
            model: 'gpt-4o-mini',
        });
        const azure = loadConfig({
            AZURE_OPENAI_API_KEY: 'k',
            AZURE_OPENAI_ENDPOINT: 'https://x.example.com',
            AZURE_OPENAI_DEPLOYMENT: 'd',
        }).llm;
        assert.deepEqual(azure, {
            kind: 'azure',
            apiKey: 'k',
            endpoint: 'https://x.example.com',
            deployment: 'd',
            apiVersion: '2024-06-01',
        });
        assert.equal(loadConfig({}).llm, undefined);
    });
});
