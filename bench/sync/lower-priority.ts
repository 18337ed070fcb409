// The newcomer stands for another machine: on the bench's one machine its browser would take the
// cores the open copy needs (its two verification workers, its page, its GPU and network processes),
// and the open copy's "long tasks" would include time its thread merely waited for a core. A CPU
// profile showed it: a 130 ms task on the open copy held 22 samples of a 1 ms sampler. Its browser's
// processes, every thread of each, get the lowest priority (nice 19; Linux sets it per thread, and
// threads and processes made later inherit it), so the open copy runs whenever it has work.
import { readdirSync, readFileSync } from 'node:fs';
import { setPriority } from 'node:os';

/** Pids of the running Chromium browser processes (not their children). */
export function browserPids(): Set<number> {
  const out = new Set<number>();
  for (const p of processes()) if (p.cmdline.includes('--user-data-dir=') && !p.cmdline.includes('--type=')) out.add(p.pid);
  return out;
}

/** Nice 19 for every thread of `root` and of its descendants; how many threads were changed. */
export function lowerPriority(root: number): number {
  const all = processes();
  const tree = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of all) if (!tree.has(p.pid) && tree.has(p.ppid)) (tree.add(p.pid), (grew = true));
  }
  let threads = 0;
  for (const pid of tree) {
    for (const tid of safe(() => readdirSync(`/proc/${pid}/task`), [] as string[])) {
      if (safe(() => (setPriority(Number(tid), 19), true), false)) threads++;
    }
  }
  return threads;
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
