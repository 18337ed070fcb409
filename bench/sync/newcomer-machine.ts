// The newcomer stands for another machine, but the bench runs both browsers on one. Left alone, the
// newcomer's browser (its page, two verification workers, its GPU and network processes) takes the
// cores the open copy needs, and the open copy's "long tasks" include time its thread merely waited
// for one: on 29 Nov. a slice of the stream that encodes in ~8 ms took 100–200 ms, with no send over
// 30 ms in it, while the machine had no idle time. Two models:
// - `pinned` (the default with two CPUs or more and `taskset`): each browser, every thread of it, on a
//   CPU of its own (Linux affinity; threads and processes made later inherit it). Two one-core
//   machines: harsher than a COD laptop for the open copy (its own network thread shares its core),
//   and the kernel's loopback networking still serves both.
// - `nice`: the newcomer's threads at the lowest priority (nice 19) on the shared cores. Nice only
//   weighs the newcomer down when the open copy asks for a core; measured, it still got half of them.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism, setPriority } from 'node:os';

export type MachineModel = 'pinned' | 'nice' | 'shared';

/** Pids of the running Chromium browser processes (not their children). */
export function browserPids(): Set<number> {
  const out = new Set<number>();
  for (const p of processes()) if (p.cmdline.includes('--user-data-dir=') && !p.cmdline.includes('--type=')) out.add(p.pid);
  return out;
}

/** Whether `pinned` can be had here: two CPUs at least, and `taskset`. */
export function canPin(): boolean {
  if (availableParallelism() < 2) return false;
  return safe(() => (execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' }), true), false);
}

/** Every thread of `root` and of its descendants on CPU `cpu`. */
export function pinTree(root: number, cpu: number): void {
  for (const pid of tree(root)) safe(() => execFileSync('taskset', ['-a', '-p', '-c', String(cpu), String(pid)], { stdio: 'ignore' }), null);
}

/** Nice 19 for every thread of `root` and of its descendants; how many threads were changed. */
export function lowerPriority(root: number): number {
  let threads = 0;
  for (const pid of tree(root)) {
    for (const tid of safe(() => readdirSync(`/proc/${pid}/task`), [] as string[])) {
      if (safe(() => (setPriority(Number(tid), 19), true), false)) threads++;
    }
  }
  return threads;
}

function tree(root: number): Set<number> {
  const all = processes();
  const out = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of all) if (!out.has(p.pid) && out.has(p.ppid)) (out.add(p.pid), (grew = true));
  }
  return out;
}

function processes(): { pid: number; ppid: number; cmdline: string }[] {
  const out = [];
  for (const name of safe(() => readdirSync('/proc'), [] as string[])) {
    if (!/^\d+$/.test(name)) continue;
    const stat = safe(() => readFileSync(`/proc/${name}/stat`, 'utf8'), '');
    // pid (comm) state ppid …: comm may hold spaces and parentheses, so read after the last ')'.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    const cmdline = safe(() => readFileSync(`/proc/${name}/cmdline`, 'utf8').replace(/\0/g, ' '), '');
    out.push({ pid: Number(name), ppid, cmdline });
  }
  return out;
}

function safe<T>(f: () => T, fallback: T): T {
  try {
    return f();
  } catch {
    return fallback; // a process or thread that ended meanwhile, or not Linux
  }
}
