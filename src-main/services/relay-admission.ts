// Which WebSocket upgrades a relay service (signaling, sync) takes, before anything is read from
// them: at most `maxClients` sockets in all and `maxClientsPerAddress` per client address, so that
// one machine cannot hold every slot and the relay's memory stays bounded.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

export interface AdmissionLimits {
  maxClients: number;
  maxClientsPerAddress: number;
}

export class Admission {
  /** Open and opening connections per client address. */
  private readonly perAddress = new Map<string, number>();

  constructor(
    private readonly limits: AdmissionLimits,
    private readonly log: (line: string) => void,
    /** The service named in its log lines ("Signalisation", "Synchronisation"). */
    private readonly service: string,
  ) {}

  /**
   * True when the upgrade may go on (its address's slot is then held until the TCP connection ends,
   * whatever happens to the upgrade); otherwise the socket has been answered and ended.
   */
  admit(request: IncomingMessage, socket: Duplex, open: number): boolean {
    if (open >= this.limits.maxClients) {
      this.log(`${this.service} : trop de connexions, nouvelle connexion refusée`);
      refuse(socket, '503 Service Unavailable');
      return false;
    }
    const address = clientAddress(request);
    const held = this.perAddress.get(address) ?? 0;
    if (held >= this.limits.maxClientsPerAddress) {
      this.log(`${this.service} : trop de connexions depuis une même adresse (${this.limits.maxClientsPerAddress}), nouvelle connexion refusée`);
      refuse(socket, '429 Too Many Requests');
      return false;
    }
    this.perAddress.set(address, held + 1);
    socket.once('close', () => {
      const n = (this.perAddress.get(address) ?? 1) - 1;
      if (n <= 0) this.perAddress.delete(address);
      else this.perAddress.set(address, n);
    });
    return true;
  }
}

/** Answers an upgrade with an HTTP status and ends it. */
export function refuse(socket: Duplex, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/** The peer's address, IPv4-mapped IPv6 written as IPv4, so both forms share one quota. */
function clientAddress(request: IncomingMessage): string {
  const address = request.socket.remoteAddress ?? 'inconnue';
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}
