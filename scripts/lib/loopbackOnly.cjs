// Preloaded (`node --require`) into the Agents Playground so that it stays on this machine:
//  - servers that name no host listen on 127.0.0.1 only (the Playground would otherwise listen on
//    every interface, letting anyone on the network talk to the unauthenticated bot through it);
//  - outgoing TCP connections, DNS look-ups and UDP datagrams to anything but loopback are refused,
//    and each refusal is reported on stderr as one line starting with "[loopback-only] blocked".
// The Playground needs nothing beyond loopback; its telemetry is switched off by flag and environment
// as well (see scripts/lib/playground.ts), so a "blocked" line means something new tried to get out.
'use strict';
const dgram = require('node:dgram');
const dns = require('node:dns');
const net = require('node:net');

const PREFIX = '[loopback-only]';

function isLoopbackHost(host) {
    if (host === undefined || host === null || host === '') return true; // node's default is localhost
    const h = String(host)
        .toLowerCase()
        .replace(/^\[|\]$/g, '');
    return (
        h === 'localhost' ||
        h.endsWith('.localhost') ||
        h === '::1' ||
        /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) ||
        /^::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h)
    );
}

function report(what, target) {
    process.stderr.write(`${PREFIX} blocked ${what} to ${target}\n`);
}

function refusal(target) {
    const err = new Error(`${PREFIX} refused a connection to ${target}: only loopback is allowed`);
    err.code = 'ECONNREFUSED';
    return err;
}

// Outgoing TCP (http, https, tls and raw sockets all end here).
const originalConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function connect(...args) {
    // net.connect() hands over its already-normalised [options, callback] array.
    const first = Array.isArray(args[0]) ? args[0][0] : args[0];
    let host;
    let port;
    let isPath = false;
    if (first && typeof first === 'object') {
        host = first.host;
        port = first.port;
        isPath = typeof first.path === 'string';
    } else if (typeof first === 'string' && !/^\d+$/.test(first)) {
        isPath = true; // a unix socket path
    } else {
        port = first;
        host = typeof args[1] === 'string' ? args[1] : undefined;
    }
    if (!isPath && !isLoopbackHost(host)) {
        const target = `${host}:${port}`;
        report('connection', target);
        process.nextTick(() => this.destroy(refusal(target)));
        return this;
    }
    return originalConnect.apply(this, args);
};

// Servers that name no host, or every interface, listen on loopback.
const WILDCARDS = new Set(['', '0.0.0.0', '::']);
const originalListen = net.Server.prototype.listen;
net.Server.prototype.listen = function listen(...args) {
    const first = args[0];
    if (first && typeof first === 'object' && !Array.isArray(first)) {
        const isTcp =
            first.path === undefined &&
            first.handle === undefined &&
            first._handle === undefined &&
            first.fd === undefined;
        if (isTcp && (first.host === undefined || WILDCARDS.has(first.host))) args[0] = { ...first, host: '127.0.0.1' };
    } else if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
        if (typeof args[1] !== 'string') args.splice(1, 0, '127.0.0.1');
        else if (WILDCARDS.has(args[1])) args[1] = '127.0.0.1';
    } else if (first === undefined || first === null || typeof first === 'function') {
        args.splice(0, first === undefined || first === null ? 1 : 0, 0, '127.0.0.1');
    }
    return originalListen.apply(this, args);
};

// DNS: name look-ups (getaddrinfo) and the resolver (c-ares) both send packets off the machine.
const originalLookup = dns.lookup;
dns.lookup = function lookup(hostname, options, callback) {
    if (!isLoopbackHost(hostname) && !net.isIP(String(hostname))) {
        const cb = typeof options === 'function' ? options : callback;
        report('DNS look-up', hostname);
        const err = new Error(`${PREFIX} refused to look up ${hostname}`);
        err.code = 'ENOTFOUND';
        process.nextTick(() => cb(err));
        return {};
    }
    return originalLookup.call(this, hostname, options, callback);
};
const originalPromisesLookup = dns.promises.lookup;
dns.promises.lookup = function lookup(hostname, options) {
    if (!isLoopbackHost(hostname) && !net.isIP(String(hostname))) {
        report('DNS look-up', hostname);
        const err = new Error(`${PREFIX} refused to look up ${hostname}`);
        err.code = 'ENOTFOUND';
        return Promise.reject(err);
    }
    return originalPromisesLookup.call(this, hostname, options);
};
const resolverMethods = (o) =>
    Object.getOwnPropertyNames(o).filter((k) => /^(resolve|reverse)/.test(k) && typeof o[k] === 'function');
for (const target of [dns, dns.promises, dns.Resolver.prototype, dns.promises.Resolver.prototype]) {
    for (const name of resolverMethods(target)) {
        const original = target[name];
        target[name] = function blockedResolve(hostname, ...rest) {
            if (isLoopbackHost(hostname)) return original.call(this, hostname, ...rest);
            report('DNS query', hostname);
            const err = new Error(`${PREFIX} refused to resolve ${hostname}`);
            err.code = 'ENOTFOUND';
            const cb = rest.find((r) => typeof r === 'function');
            if (cb) {
                process.nextTick(() => cb(err));
                return undefined;
            }
            return Promise.reject(err);
        };
    }
}

// UDP.
const originalSend = dgram.Socket.prototype.send;
dgram.Socket.prototype.send = function send(msg, ...rest) {
    const address = rest.find((r, i) => typeof r === 'string' && i > 0);
    if (address !== undefined && !isLoopbackHost(address)) {
        report('datagram', address);
        const cb = rest.find((r) => typeof r === 'function');
        if (cb) process.nextTick(() => cb(refusal(address)));
        return;
    }
    return originalSend.call(this, msg, ...rest);
};
const originalUdpConnect = dgram.Socket.prototype.connect;
dgram.Socket.prototype.connect = function connect(port, address, callback) {
    const host = typeof address === 'string' ? address : undefined;
    if (!isLoopbackHost(host)) {
        report('datagram', `${host}:${port}`);
        const cb = typeof address === 'function' ? address : callback;
        if (cb) process.nextTick(() => cb(refusal(`${host}:${port}`)));
        return;
    }
    return originalUdpConnect.call(this, port, address, callback);
};

module.exports = { isLoopbackHost };
