// The sync bench (npm run bench, see bench/README.md): propagation latency of one edit, a newcomer
// receiving a whole crisis, convergence after a partition; over Vigie's WebRTC mesh and over the
// Hocuspocus relay, each against the raw transfer of the same bytes over the same kind of channel.
//
// The parent (this file, run from bench/run.mjs) hosts the relay server (/signal and /sync on
// 127.0.0.1) and the floor's echo server; every Vigie copy is a child process (peer.ts). All times
// are CLOCK_MONOTONIC (clock.ts), taken where the event happens, in whichever process.
import { fork, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { WebSocketServer } from 'ws';
import * as Y from 'yjs';
import { startRelayServer, type RelayServer } from '../../src-main/services/relay-server';
import { newCrisisKey } from '../../src-renderer/core/ids';
import { entryId } from '../../src-renderer/core/signing';
import { now } from './clock';
import type { Commands, PeerInit, Request, TransportKind } from './peer';

export interface SyncBenchOptions {
  /** Crisis sizes a newcomer receives (sightings). Latency and partition use the first. */
  sizes: number[];
  put: (name: string, value: number, unit: string) => void;
  log: (...args: unknown[]) => void;
  /** Measured edits per latency series (after 10 warm-up edits). */
  latencyEdits?: number;
  /** Edits made on each side of the partition. */
  partitionEdits?: number;
  transports?: TransportKind[];
}

const MB = 1024 * 1024;
const PEER_SCRIPT = fileURLToPath(new URL('./peer.mjs', import.meta.url));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
const label = (n: number) => (n % 1000 === 0 ? `${n / 1000}k` : String(n));

type Args<K extends keyof Commands> = Parameters<Commands[K]>[0];
type Result<K extends keyof Commands> = Awaited<ReturnType<Commands[K]>>;

/** A Vigie copy in a child process. */
class Peer {
  private pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private next = 1;
  onProbe: (key: string, t: number) => void = () => {};

  private constructor(
    readonly name: string,
    private readonly child: ChildProcess,
  ) {
    child.on('message', (m: { id?: number; result?: unknown; error?: string; event?: string; key?: string; t?: number }) => {
      if (m.event === 'probe') return this.onProbe(m.key!, m.t!);
      const p = m.id !== undefined ? this.pending.get(m.id) : undefined;
      if (!p) return;
      this.pending.delete(m.id!);
      if (m.error) p.reject(new Error(`${name}: ${m.error}`));
      else p.resolve(m.result);
    });
    child.on('exit', (code, signal) => {
      for (const p of this.pending.values()) p.reject(new Error(`${name} exited (${code ?? signal})`));
      this.pending.clear();
    });
  }

  static live = new Set<Peer>();
  static warnings = new Map<string, number>();

  static async start(name: string, init: PeerInit): Promise<Peer> {
    const child = fork(PEER_SCRIPT, [], {
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
      execArgv: ['--max-old-space-size=4096'],
    });
    // What Vigie's transport reports (console.warn, the sync bar's error) is counted, not echoed.
    let partial = '';
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop()!;
      for (const line of lines) {
        if (line.startsWith('Vigie ')) Peer.warnings.set(line, (Peer.warnings.get(line) ?? 0) + 1);
        else if (line) process.stderr.write(`[${name}] ${line}\n`);
      }
    });
    await new Promise<void>((resolve, reject) => {
      child.once('message', () => resolve());
      child.once('exit', (code) => reject(new Error(`${name} did not start (${code})`)));
    });
    const peer = new Peer(name, child);
    Peer.live.add(peer);
    await peer.call('init', init);
    return peer;
  }

  /** Runs a command of peer.ts in the child; nothing may hang the bench: 5 minutes at most. */
  call<K extends keyof Commands>(cmd: K, args?: Args<K>, timeoutMs = 300_000): Promise<Result<K>> {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${this.name}: ${cmd} did not answer within ${timeoutMs / 1000} s`));
      }, timeoutMs);
      const settle = (f: (v: never) => void) => (v: unknown) => (clearTimeout(timer), f(v as never));
      this.pending.set(id, { resolve: settle(resolve), reject: settle(reject) });
      this.child.send({ id, cmd, args } satisfies Request);
    });
  }

  async stop(): Promise<void> {
    Peer.live.delete(this);
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((r) => this.child.once('exit', r));
    this.call('quit').catch(() => {});
    if (await Promise.race([exited.then(() => true), sleep(3000).then(() => false)])) return;
    this.child.kill('SIGKILL');
    await exited;
  }

  static stopAll() {
    return Promise.all([...Peer.live].map((p) => p.stop()));
  }
}

/** Until the peers' bytes on the wire stay the same for a second (y-webrtc's echo of a big update, say). */
async function settle(peers: Peer[]) {
  let last = '';
  let still = 0;
  for (let i = 0; i < 1200 && still < 4; i++) {
    await sleep(250);
    const now = JSON.stringify(await Promise.all(peers.map((p) => p.call('wire').then((w) => [w.sent, w.received]))));
    still = now === last ? still + 1 : 0;
    last = now;
  }
}

/**
 * UDP datagrams the kernel dropped because a socket's receive buffer was full (IPv4 and IPv6, the
 * whole machine: during the bench, WebRTC's). Linux only; NaN elsewhere. Each one costs SCTP a
 * retransmission, and a burst of them a retransmission timeout (a stall that doubles each time).
 */
async function udpDrops(): Promise<number> {
  try {
    const v4 = await readFile('/proc/net/snmp', 'utf8');
    const [head, values] = v4.split('\n').filter((l) => l.startsWith('Udp:'));
    const v4drops = Number(values.split(/\s+/)[head.split(/\s+/).indexOf('RcvbufErrors')]);
    const v6 = await readFile('/proc/net/snmp6', 'utf8').catch(() => '');
    const v6drops = Number(/Udp6RcvbufErrors\s+(\d+)/.exec(v6)?.[1] ?? 0);
    return v4drops + v6drops;
  } catch {
    return NaN;
  }
}

/** The floor's WebSocket side: sends back what it receives, as one binary message; t0 = its send(). */
async function startEchoServer() {
  const http = createServer((_, res) => res.writeHead(404).end());
  const wss = new WebSocketServer({ server: http, maxPayload: 1024 * 1024 * 1024 });
  let sentAt: (t: number) => void = () => {};
  wss.on('connection', (socket) =>
    socket.on('message', (data) => {
      const t0 = now();
      socket.send(data, { binary: true });
      sentAt(t0);
    }),
  );
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return {
    url: `ws://127.0.0.1:${(http.address() as AddressInfo).port}/`,
    nextSend: () => new Promise<number>((resolve) => (sentAt = resolve)),
    close: () => new Promise<void>((resolve) => (wss.close(), http.close(() => resolve()), http.closeAllConnections())),
  };
}

export async function runSyncBench(o: SyncBenchOptions): Promise<void> {
  const { put, log } = o;
  const latencyEdits = o.latencyEdits ?? 200;
  const partitionEdits = o.partitionEdits ?? 1000;
  const echo = await startEchoServer();
  /** Newcomers whose link never opened (y-webrtc glare or ICE), replaced by a new one. */
  let unlinked = 0;

  /** p50/p95 of one edit reaching the other copies (sender rotates); per receiver and all of them. */
  async function latency(peers: Peer[], sighting: string) {
    const warmup = 10;
    // Arrivals by the probe entry's signature (an entry's author is its signer's key, not a name).
    const arrivals = new Map<string, number[]>();
    let wake: () => void = () => {};
    for (const p of peers)
      p.onProbe = (key, t) => {
        arrivals.set(key, [...(arrivals.get(key) ?? []), t]);
        wake();
      };
    await Promise.all(peers.map((p) => p.call('probing', { on: true })));
    const one: number[] = [];
    const all: number[] = [];
    for (let k = 0; k < warmup + latencyEdits; k++) {
      const sender = peers[k % peers.length];
      const { t, key: probe } = await sender.call('edit', { sighting });
      const deadline = Date.now() + 10_000;
      while ((arrivals.get(probe)?.length ?? 0) < peers.length - 1) {
        if (Date.now() > deadline) throw new Error(`edit ${probe} from ${sender.name} not seen by every peer in 10 s`);
        await new Promise<void>((r) => ((wake = r), setTimeout(r, 100)));
      }
      const times = arrivals.get(probe)!;
      if (k >= warmup) {
        for (const r of times) one.push(r - t);
        all.push(Math.max(...times) - t);
      }
      await sleep(20); // one edit at a time, on idle copies
    }
    await Promise.all(peers.map((p) => p.call('probing', { on: false })));
    for (const p of peers) p.onProbe = () => {};
    return { p50: percentile(one, 0.5), p95: percentile(one, 0.95), allP50: percentile(all, 0.5), allP95: percentile(all, 0.95), max: Math.max(...all) };
  }

  /** Adds peers one by one (200 ms apart at least: y-webrtc glare) until there are `total`. */
  async function grow(kind: TransportKind, init: PeerInit, peers: Peer[], total: number) {
    const names = 'ABCDEFGH';
    let last: Result<'join'> | null = null;
    while (peers.length < total) {
      const { entries } = await peers[0].call('digest');
      for (let attempt = 1; ; attempt++) {
        // after a failed attempt, the others must have dropped it first (see the newcomer, below)
        if (kind === 'webrtc') await Promise.all(peers.map((q) => q.call('waitPeersAtMost', { peers: peers.length - 1 })));
        const p = await Peer.start(names[peers.length], init);
        try {
          last = await p.call('join', { n: entries });
          const links = kind === 'webrtc' ? peers.length : 1;
          await Promise.all([p, ...(kind === 'webrtc' ? peers : [])].map((q) => q.call('waitPeers', { peers: links, timeoutMs: 20_000 })));
          peers.push(p);
          break;
        } catch (e) {
          await p.stop();
          unlinked++;
          if (attempt === 3) throw e;
          log(`  ${p.name} did not link with every peer (${(e as Error).message}); again`);
        }
      }
      await sleep(300);
    }
    return last!;
  }

  /** Both copies cut off, `partitionEdits` edits each, then reconnected: until identical. */
  async function partition(kind: TransportKind, a: Peer, b: Peer, prefix: string) {
    await a.call('pause');
    await b.call('pause');
    await sleep(500);
    await Promise.all([a.call('editMany', { count: partitionEdits }), b.call('editMany', { count: partitionEdits })]);
    const target = new Map<number, number>();
    for (const sv of await Promise.all([a.call('stateVector'), b.call('stateVector')]))
      for (const [client, clock] of Y.decodeStateVector(sv)) target.set(client, Math.max(clock, target.get(client) ?? 0));
    const converged = [a, b].map((p) => p.call('awaitStateVector', { target: Y.encodeStateVector(target) }));
    let t0: number;
    if (kind === 'webrtc') {
      // A back in the room first, B announces itself: the order in which real copies come back
      // (announcing in the same few ms can leave a y-webrtc pair unlinked: glare).
      await a.call('resume');
      await a.call('waitOnline');
      await a.call('stallSinceConnect', { quietMs: 500 }); // see the holder before a newcomer, below
      await sleep(300);
      t0 = (await b.call('resume')).t;
    } else {
      const [ra, rb] = await Promise.all([a.call('resume'), b.call('resume')]);
      t0 = Math.max(ra.t, rb.t);
    }
    const [ca, cb] = await Promise.race([
      Promise.all(converged),
      sleep(60_000).then(() => {
        throw new Error(`${kind}: no convergence within 60 s of the reconnection`);
      }),
    ]);
    const [da, db] = await Promise.all([a.call('digest'), b.call('digest')]);
    if (da.sha256 !== db.sha256 || da.stateVector !== db.stateVector) throw new Error(`${kind}: state vectors equal but logs differ after the partition`);
    put(`${prefix} reconnect → identical logs`, Math.max(ca.t, cb.t) - t0, 'ms');
    put(`${prefix}   reconnect → ${kind === 'webrtc' ? 'data channel' : 'both sockets'} open`, Math.max(ca.opened ?? NaN, cb.opened ?? NaN) - t0, 'ms');
    log(`  partition: ${da.entries} entries on both sides, logs identical (sha256 ${da.sha256.slice(0, 12)}…)`);
  }

  async function rtcFloor(a: Peer, b: Peer) {
    const offer = await a.call('rtcOffer');
    const answer = await b.call('rtcAnswer', { offer });
    await a.call('rtcAccept', { answer });
    await b.call('rtcArm');
    const received = b.call('rtcResult');
    const sent = await a.call('rtcSend');
    const got = (await received)!;
    if (got.bytes !== sent.bytes) throw new Error(`floor: ${got.bytes} bytes received of ${sent.bytes}`);
    await Promise.all([a.call('rtcClose'), b.call('rtcClose')]);
    return { ms: got.t - sent.t0, wireMs: got.last - got.first, bytes: sent.bytes };
  }

  async function wsFloor(b: Peer) {
    const sentAt = echo.nextSend();
    const got = await b.call('wsEcho', { url: echo.url });
    return { ms: got.t - (await sentAt), wireMs: NaN, bytes: got.bytes };
  }

  const transports = o.transports ?? ['webrtc', 'relay'];
  // One crisis per size, whatever the transport (its signed entries are made once: fill's cache).
  const crisisIds = new Map<number, string>();
  const crisisIdOf = async (n: number) => {
    if (!crisisIds.has(n)) crisisIds.set(n, await entryId(`bench crisis ${n} ${Date.now()}`));
    return crisisIds.get(n)!;
  };
  // Other work on the machine shows in WebRTC's numbers first (UDP drops): say how busy it was.
  put('sync: load average (1 min) at start', loadavg()[0], 'procs');
  try {
    for (const kind of transports) {
      unlinked = 0;
      for (const [sizeIndex, n] of o.sizes.entries()) {
        const k = label(n);
        const prefix = `sync ${kind} ${k}:`;
        const relay: RelayServer = await startRelayServer({ host: '127.0.0.1', port: 0, log: () => {} });
        try {
          const init: PeerInit = { transport: kind, url: kind === 'webrtc' ? relay.signalingUrl! : relay.syncUrl!, crisisKey: newCrisisKey(), crisisId: await crisisIdOf(n) };
          log(`sync ${kind} ${k}: a copy creates ${n} sightings${kind === 'relay' ? ' and uploads them to the relay' : ''}`);
          const a = await Peer.start('A', init);
          const filled = await a.call('fill', { n, cache: fileURLToPath(new URL(`./entries-${n}.json`, import.meta.url)) });
          if (!Number.isNaN(filled.signMs)) put(`sync ${k}: sign the creation entries (Node WebCrypto)`, n / (filled.signMs / 1000), 'entries/s');
          if (kind === 'webrtc') {
            put(`sync ${k}: document bytes`, filled.stateBytes / MB, 'MB');
            put(`sync ${k}: JSON bytes per entry`, filled.jsonBytes / n, 'B');
          }
          const connected = await a.call('connect');
          if (kind === 'relay') {
            const held = await a.call('waitHolds');
            put(`${prefix} upload to an empty relay (connect → acknowledged)`, held.t - connected.t, 'ms');
          } else {
            await a.call('waitOnline');
            // y-webrtc, on connecting, encodes the whole document on the event loop (sync step 2 for
            // its BroadcastChannel, i.e. other tabs), which holds back its announce on the signaling
            // server by as long (~1 s at 100k). A newcomer arriving meanwhile hears that late announce,
            // both sides make offers (glare) and here that pair never linked: wait until the holder
            // is idle again before a newcomer comes.
            const stall = await a.call('stallSinceConnect', { quietMs: 1000 });
            put(`${prefix} holder: longest event-loop stall after connecting`, stall.maxMs, 'ms');
          }
          await sleep(300);

          // A newcomer joins (a fresh process each time), then the floor between the same two
          // processes; 5 times at 10k, 3 at 100k. WebRTC transfers here vary a lot from run to run
          // (UDP drops, see udpDrops): medians, best and slowest are reported, the breakdown is the
          // median run's.
          const runs = n <= 20_000 ? 5 : 3;
          const joins: { j: Result<'join'>; sent: number; newcomerSent: number; drops: number; floor: { ms: number; wireMs: number; bytes: number; drops: number } }[] = [];
          let b: Peer | null = null;
          for (let run = 1; run <= runs; run++) {
            if (b) await b.stop();
            log(`sync ${kind} ${k}: a newcomer joins, then the floor: same bytes over a bare ${kind === 'webrtc' ? 'RTCDataChannel' : 'WebSocket'} (${run}/${runs})`);
            let sentBefore = 0;
            let dropsBefore = 0;
            let j: Result<'join'> | null = null;
            for (let attempt = 1; !j; attempt++) {
              // The holder must have seen the previous newcomer leave: y-webrtc announces itself
              // again when a link closes, and an announce crossing a newcomer's is glare.
              if (kind === 'webrtc') await a.call('waitPeersAtMost', { peers: 0 });
              await sleep(500);
              sentBefore = (await a.call('wire')).sent;
              b = await Peer.start('B', init);
              dropsBefore = await udpDrops();
              try {
                j = await b.call('join', { n }, n <= 20_000 ? 60_000 : 120_000);
              } catch (e) {
                await b.stop();
                unlinked++;
                if (attempt === 3) throw e;
                log(`  the newcomer did not get the crisis (${(e as Error).message}): a new one`);
              }
            }
            b = b!;
            const drops = (await udpDrops()) - dropsBefore; // the echo has begun: some of its drops too
            await settle([a, b]);
            const [wa, wb] = await Promise.all([a.call('wire'), b.call('wire')]);
            const floorDropsBefore = await udpDrops();
            const floor = { ...(kind === 'webrtc' ? await rtcFloor(a, b) : await wsFloor(b)), drops: (await udpDrops()) - floorDropsBefore };
            joins.push({ j, sent: wa.sent - sentBefore, newcomerSent: wb.sent, floor, drops });
            const wire = kind === 'webrtc' && j.big[0] ? `, wire ${(j.big[0].last - j.big[0].first).toFixed(0)} ms` : '';
            const lost = kind === 'webrtc' ? ` (UDP datagrams dropped: ${drops} / ${floor.drops})` : '';
            log(`  join → all entries ${(j.tDone - j.tJoin).toFixed(0)} ms${wire}; floor ${floor.ms.toFixed(1)} ms${lost}`);
          }
          const byJoin = [...joins].sort((x, y) => x.j.tDone - x.j.tJoin - (y.j.tDone - y.j.tJoin));
          const median = byJoin[Math.floor(runs / 2)];
          const { j } = median;
          const total = j.tDone - j.tJoin;
          const best = byJoin[0].j.tDone - byJoin[0].j.tJoin;
          const big = j.big[0];
          const floorMs = percentile(
            joins.map((r) => r.floor.ms),
            0.5,
          );
          const floorBest = Math.min(...joins.map((r) => r.floor.ms));
          const what = kind === 'webrtc' ? 'data channel' : 'socket';
          put(`${prefix} newcomer: join → all entries, median of ${runs}`, total, 'ms');
          put(`${prefix} newcomer: join → all entries, best of ${runs}`, best, 'ms');
          put(`${prefix} newcomer: join → all entries, slowest of ${runs}`, byJoin[runs - 1].j.tDone - byJoin[runs - 1].j.tJoin, 'ms');
          put(`${prefix}   join → ${what} open`, j.opened - j.tJoin, 'ms');
          if (kind === 'webrtc' && big) {
            put(`${prefix}   open → first frame of the document`, big.first - j.opened, 'ms');
            put(`${prefix}   first → last frame`, big.last - big.first, 'ms');
            put(`${prefix}   last frame → all entries in the doc`, j.tDone - big.last, 'ms');
            put(`${prefix}   throughput first → last frame`, big.bytes / MB / ((big.last - big.first) / 1000), 'MB/s');
          } else if (big) {
            put(`${prefix}   open → document message received`, big.last - j.opened, 'ms');
            put(`${prefix}   message → all entries in the doc`, j.tDone - big.last, 'ms');
          }
          if (kind === 'webrtc') {
            put(`${prefix}   bytes the holder sent / document`, median.sent / filled.stateBytes, '×');
            put(`${prefix}   UDP datagrams dropped (receive buffer full)`, median.drops, 'datagrams');
          }
          put(`${prefix}   bytes the newcomer sent back / document`, median.newcomerSent / filled.stateBytes, '×');
          const bare = kind === 'webrtc' ? 'bare data channel (chunked)' : 'bare WebSocket, one message';
          put(`${prefix} floor: same bytes, ${bare}, median of ${runs}`, floorMs, 'ms');
          put(`${prefix} floor: same bytes, ${bare}, best of ${runs}`, floorBest, 'ms');
          put(`${prefix} floor throughput (median)`, median.floor.bytes / MB / (floorMs / 1000), 'MB/s');
          if (kind === 'webrtc') {
            const wireMs = percentile(
              joins.map((r) => r.floor.wireMs),
              0.5,
            );
            put(`${prefix}   floor: first → last frame (median)`, wireMs, 'ms');
            put(`${prefix}   floor: throughput first → last frame`, median.floor.bytes / MB / (wireMs / 1000), 'MB/s');
            put(`${prefix}   floor: UDP datagrams dropped (median)`, percentile(joins.map((r) => r.floor.drops), 0.5), 'datagrams');
          }
          put(`${prefix} join → all entries / floor (medians)`, total / floorMs, '×');
          put(`${prefix} join → all entries / floor (bests)`, best / floorBest, '×');
          put(`${prefix} ${what} open → all entries / floor (medians)`, (j.tDone - j.opened) / floorMs, '×');
          const yjs = await b!.call('yjsAlone');
          put(`${prefix} Yjs alone: encode the whole state`, yjs.encodeMs, 'ms');
          put(`${prefix} Yjs alone: apply it to an empty doc`, yjs.applyMs, 'ms');

          if (sizeIndex === 0) {
            const [sighting] = await a.call('someSightings', { count: 1 });
            log(`sync ${kind} ${k}: latency, 2 peers`);
            const l2 = await latency([a, b!], sighting);
            put(`sync ${kind} 2 peers: edit latency p50`, l2.p50, 'ms');
            put(`sync ${kind} 2 peers: edit latency p95`, l2.p95, 'ms');

            log(`sync ${kind} ${k}: partition, ${partitionEdits} edits on each side`);
            await partition(kind, a, b!, `sync ${kind} partition ${partitionEdits}+${partitionEdits} edits:`);

            log(`sync ${kind} ${k}: three more peers join, then latency with 5`);
            const peers = [a, b!];
            const fifth = await grow(kind, init, peers, 5);
            put(`${prefix} 5th peer: join → all entries${kind === 'webrtc' ? ' (from 4 holders at once)' : ''}`, fifth.tDone - fifth.tJoin, 'ms');
            await settle(peers);
            const w5 = await peers[4].call('wire');
            const docBytes = (await peers[4].call('yjsAlone')).bytes;
            put(`${prefix}   5th peer: bytes received / document`, w5.received / docBytes, '×');
            put(`${prefix}   5th peer: bytes sent / document`, w5.sent / docBytes, '×');
            const l5 = await latency(peers, sighting);
            put(`sync ${kind} 5 peers: edit latency p50 (each receiver)`, l5.p50, 'ms');
            put(`sync ${kind} 5 peers: edit latency p95 (each receiver)`, l5.p95, 'ms');
            put(`sync ${kind} 5 peers: edit latency p50 (all 4 receivers)`, l5.allP50, 'ms');
            put(`sync ${kind} 5 peers: edit latency p95 (all 4 receivers)`, l5.allP95, 'ms');
          }
        } finally {
          await Peer.stopAll();
          await relay.close();
        }
      }
      put(`sync ${kind}: newcomers whose link never opened within 30 s (replaced)`, unlinked, 'peers');
    }
  } finally {
    await Peer.stopAll();
    await echo.close();
    for (const [line, count] of Peer.warnings) log(`peers reported ${count}× « ${line} »`);
    put('sync: load average (1 min) at the end', loadavg()[0], 'procs');
  }
}
