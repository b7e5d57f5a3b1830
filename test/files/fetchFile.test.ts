import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { isAppError } from '../../src/errors.js';
import { describeBytes, fetchFile, refusalFor } from '../../src/files/fetchFile.js';

describe('fetching a file sent in Teams', () => {
    it('allows only listed hosts, and plain HTTP only on loopback', () => {
        const cases: [string, string[], RegExp | undefined][] = [
            ['https://contoso-my.sharepoint.com/personal/x/file.xlsx', ['*.sharepoint.com'], undefined],
            ['https://sharepoint.com.evil.example/file.xlsx', ['*.sharepoint.com'], /not one of the hosts/],
            ['https://evil-sharepoint.com/file.xlsx', ['*.sharepoint.com'], /not one of the hosts/],
            ['http://contoso.sharepoint.com/file.xlsx', ['*.sharepoint.com'], /must be reached over HTTPS/],
            ['http://127.0.0.1:8080/f.csv', ['127.0.0.1:8080'], undefined],
            ['http://127.0.0.1:8081/f.csv', ['127.0.0.1:8080'], /not one of the hosts/],
            ['http://localhost/f.csv', ['localhost'], undefined],
            ['https://user:pw@contoso.sharepoint.com/f.csv', ['*.sharepoint.com'], /user name or password/],
            ['ftp://contoso.sharepoint.com/f.csv', ['*.sharepoint.com'], /not a web address/],
        ];
        for (const [url, hosts, refused] of cases) {
            const why = refusalFor(new URL(url), hosts);
            if (refused) assert.match(why ?? '', refused, url);
            else assert.equal(why, undefined, url);
        }
    });

    it('follows a redirect only to an allowed host, and stops a download that takes too long', async () => {
        // (restify, loaded by other tests in this process, patches writeHead so it no longer chains)
        const answer = (res: http.ServerResponse, status: number, headers: Record<string, string> = {}) => {
            res.writeHead(status, headers);
            res.end();
        };
        const server = http.createServer((req, res) => {
            if (req.url === '/away') answer(res, 302, { location: 'https://elsewhere.example/x' });
            else if (req.url === '/near') answer(res, 302, { location: '/file' });
            else if (req.url === '/file') res.end('a,b\n1,2\n');
            else if (req.url === '/slow') setTimeout(() => res.end('late'), 2000);
            else answer(res, 404);
        });
        await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
        const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
        const limits = { allowedHosts: [new URL(base).host], maxBytes: 1024, timeoutMs: 300 };
        try {
            assert.equal((await fetchFile(`${base}/near`, limits)).toString(), 'a,b\n1,2\n');
            await assert.rejects(
                fetchFile(`${base}/away`, limits),
                (e) => isAppError(e, 'file.refused') && e.message.includes('elsewhere.example'),
            );
            await assert.rejects(
                fetchFile(`${base}/slow`, limits),
                (e) => isAppError(e, 'file.timeout') && e.message.includes('longer than 0.3 seconds'),
            );
            await assert.rejects(
                fetchFile(`${base}/gone`, limits),
                (e) => isAppError(e, 'file.unavailable') && e.message.includes('404'),
            );
        } finally {
            server.closeAllConnections();
            await new Promise((r) => server.close(r));
        }
    });

    it('describes sizes as people read them', () => {
        assert.equal(describeBytes(5_242_880), '5 MB');
        assert.equal(describeBytes(2048), '2 KB');
        assert.equal(describeBytes(1_572_864), '1.5 MB');
    });
});
