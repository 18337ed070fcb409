// How much a crisis document may take on the relay: one update at most `maxUpdateBytes`, the whole
// document at most `documentQuotaBytes` (its encoded Yjs state). Measuring a document encodes it,
// so each one's size is kept as last measured plus the updates accepted since: an upper bound
// (updates may overlap), measured again only when it would exceed the quota.
import * as Y from 'yjs';

export interface QuotaLimits {
  maxUpdateBytes: number;
  documentQuotaBytes: number;
}

export class DocumentQuota {
  private readonly sizes = new Map<string, { measured: number; added: number }>();

  constructor(
    private readonly limits: QuotaLimits,
    /** The documents loaded, by name (Hocuspocus's). */
    private readonly documents: ReadonlyMap<string, Y.Doc>,
    private readonly log: (line: string) => void,
    private readonly label: (documentName: string) => string,
  ) {}

  /** Whether an update of `bytes` may be applied to `documentName`; false closes the sender. */
  allows(documentName: string, bytes: number): boolean {
    const { maxUpdateBytes, documentQuotaBytes } = this.limits;
    if (bytes > maxUpdateBytes) {
      this.log(`Synchronisation : mise à jour de ${Math.ceil(bytes / 1024)} Kio refusée sur ${this.label(documentName)} (au plus ${Math.floor(maxUpdateBytes / 1024)} Kio)`);
      return false;
    }
    const document = this.documents.get(documentName);
    // Not loaded yet: the message waits in Hocuspocus's bounded queue (5 MiB) until it is.
    if (!document) return true;
    let size = this.sizes.get(documentName);
    if (!size) this.sizes.set(documentName, (size = { measured: Y.encodeStateAsUpdate(document).byteLength, added: 0 }));
    if (size.measured + size.added + bytes > documentQuotaBytes && size.added > 0) {
      size.measured = Y.encodeStateAsUpdate(document).byteLength;
      size.added = 0;
    }
    if (size.measured + size.added + bytes > documentQuotaBytes) {
      this.log(`Synchronisation : mise à jour refusée, ${this.label(documentName)} dépasserait son quota de ${Math.floor(documentQuotaBytes / (1024 * 1024))} Mio`);
      return false;
    }
    size.added += bytes;
    return true;
  }

  /** The document left memory: measured again if it comes back. */
  forget(documentName: string): void {
    this.sizes.delete(documentName);
  }
}
