/**
 * `npm run package`: builds the Teams app package, appPackage/build/khg-partnership-bot.zip.
 *
 *   BOT_ID=<bot app id> npm run package
 *   npm run package -- --allow-placeholder-id     (no BOT_ID: the all-zero id, for a trial build)
 *   npm run package -- --out <file.zip>
 */
import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import { AppPackageError, buildAppPackage, PLACEHOLDER_BOT_ID, readAppVersion, resolveBotId } from './appPackage.js';

const USAGE = `Usage: BOT_ID=<bot app id> npm run package [-- --allow-placeholder-id] [-- --out <file.zip>]

Renders appPackage/manifest.json with BOT_ID (from the environment) and the version in
package.json, validates it against the Teams manifest schema bundled in @microsoft/app-manifest
(offline), checks the icon sizes, and writes manifest.json, color.png and outline.png into a zip.

  --allow-placeholder-id   without BOT_ID, use 00000000-0000-0000-0000-000000000000
  --out <file>             where to write the zip (default appPackage/build/khg-partnership-bot.zip)
  -h, --help               this text`;

async function main(): Promise<number> {
    let values: { 'allow-placeholder-id'?: boolean; out?: string; help?: boolean };
    try {
        ({ values } = parseArgs({
            options: {
                'allow-placeholder-id': { type: 'boolean', default: false },
                out: { type: 'string' },
                help: { type: 'boolean', short: 'h', default: false },
            },
            strict: true,
            allowPositionals: false,
        }));
    } catch (e) {
        console.error(`${(e as Error).message}\n\n${USAGE}`);
        return 2;
    }
    if (values.help) {
        console.log(USAGE);
        return 0;
    }
    try {
        const botId = resolveBotId(process.env, values['allow-placeholder-id'] ?? false);
        const appVersion = readAppVersion();
        const result = await buildAppPackage({ botId, appVersion, outFile: values.out });
        console.log(`Wrote ${relative(process.cwd(), result.outFile) || result.outFile}`);
        console.log(
            `  bot id ${botId}${botId === PLACEHOLDER_BOT_ID ? ' (placeholder: not for upload)' : ''}, version ${appVersion}, manifest ${result.manifest.manifestVersion}`,
        );
        console.log(`  contents: ${result.entries.join(', ')}`);
        return 0;
    } catch (e) {
        if (e instanceof AppPackageError) {
            console.error(`npm run package: ${e.message}`);
            return 1;
        }
        throw e;
    }
}

process.exitCode = await main();
