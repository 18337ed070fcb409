// The intake's journal writes, one after the other in the order they were queued. Whatever was
// decided while one write went on goes to disk with the next, in one commit: a newcomer receiving a
// crisis in hundreds of messages does not wait for a disk commit per message.
import type { RejectedRow } from './database';
import type { Journal } from './journal';

type Stored = { id: string; d: string; g: string };
type Refused = Omit<RejectedRow, 'crisisId' | 'seq'>;

/** Entries written together at most. */
const WRITE_MAX = 5000;

interface Job {
  accepted: Stored[];
  refused: Refused[];
  done(e?: Error): void;
}

export class JournalWrites {
  private readonly jobs: Job[] = [];
  private running: Promise<void> | null = null;
  /** Accepted entries a failed write left out: they go with the next write. */
  private unstored: Stored[] = [];
  /** Set by a failed write; cleared once a later write has taken in what it left out. */
  private failure: Error | null = null;

  constructor(private readonly journal: Journal) {}

  /** Queues a slice's entries; readable from the journal at once, resolved once durably stored. */
  add(accepted: Stored[], refused: Refused[]): Promise<void> {
    this.journal.pend(accepted);
    return new Promise<void>((resolve, reject) => {
      this.jobs.push({ accepted, refused, done: (e) => (e ? reject(e) : resolve()) });
      this.running ??= this.run();
    });
  }

  /** Resolves once every queued write is done; rejects if what was received is not all on disk. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
    if (this.failure) throw this.failure;
  }

  private async run(): Promise<void> {
    while (this.jobs.length) {
      let size = 0;
      const jobs = this.jobs.splice(0, this.jobs.findIndex((j) => (size += j.accepted.length) > WRITE_MAX) + 1 || this.jobs.length);
      const batch = this.unstored.concat(jobs.flatMap((j) => j.accepted));
      this.unstored = [];
      try {
        await Promise.all([this.journal.append(batch), this.journal.reject(jobs.flatMap((j) => j.refused))]);
        this.failure = null;
        for (const j of jobs) j.done();
      } catch (e) {
        this.unstored = batch.concat(this.unstored);
        this.failure = new Error(`Échec de l'enregistrement sur le disque : ${(e as Error).message}`);
        console.warn('Vigie : entrées reçues non enregistrées', e);
        for (const j of jobs) j.done(this.failure);
      }
    }
    this.running = null;
  }
}
