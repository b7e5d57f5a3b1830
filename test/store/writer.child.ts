/**
 * A second process for the store tests: opens the store and appends identities in transactions,
 * printing "acked N" after each one is durable. Arguments: file, writer name, count, payload bytes.
 */
import { openStore } from '../../src/store/store.js';

const [file, name, countArg, sizeArg] = process.argv.slice(2);
const count = Number(countArg);
const padding = 'x'.repeat(Number(sizeArg ?? '0'));
const store = await openStore({ file, lockWaitMs: 20_000 });
for (let i = 0; i < count; i++) {
    await store.transact((d) => {
        d.identities.push({
            email: `${name}-${i}@example.com`,
            userId: `${name}:${i}:${padding}`,
            learnedAt: new Date().toISOString(),
        });
    });
    process.stdout.write(`acked ${i + 1}\n`);
}
process.stdout.write('done\n');
