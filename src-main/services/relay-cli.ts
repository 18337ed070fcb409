// The relay as a command, for a COD machine without the desktop app or a server in a rack:
//   node out/main/relay.js --host 192.168.1.10 --port 4444 [--data DIR] [--redis URL] [--no-sync]
// (npm run relay / npm run signal). Built by electron-vite as out/main/relay.js; no Electron here.
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseRedisUrl, redactRedisUrl } from './relay-redis';
import { startRelayServer, timestampedLog, type RelayServerOptions } from './relay-server';
import { loadCertificate, selfSignedCertificate } from './relay-tls';

export const USAGE = `Usage : relay --host ADRESSE --port PORT [--data DOSSIER] [--redis redis://hôte:port] [--tls | --cert FICHIER --key FICHIER] [--no-sync] [--no-signaling]

  --host ADRESSE   adresse IP de l’interface où écouter (défaut 127.0.0.1 : cette machine seulement ;
                   pour le réseau local, l’adresse de ce poste, ex. 192.168.1.10)
  --port PORT      port TCP, 1 à 65535 (défaut 4444)
  --data DOSSIER   garder les documents sur disque dans ce dossier (sinon en mémoire seulement)
  --redis URL      partager les documents avec d’autres instances du relais par Redis
  --tls            servir wss:// avec un certificat autosigné, créé au premier démarrage et gardé
                   dans --data (sans --data : nouveau certificat à chaque démarrage) ; son empreinte
                   SHA-256 s’affiche et va dans les invitations
  --cert FICHIER   servir wss:// avec ce certificat PEM (avec --key FICHIER, sa clé privée PEM)
  --no-sync        signalisation WebRTC seulement (pas de relais de synchronisation)
  --no-signaling   relais de synchronisation seulement`;

export class UsageError extends Error {}

export interface RelayCliOptions extends Required<Pick<RelayServerOptions, 'host' | 'port' | 'signaling' | 'sync'>> {
  dataDir?: string;
  redisUrl?: string;
  /** wss://: 'self-signed', or the operator's PEM files. */
  tls?: 'self-signed' | { certFile: string; keyFile: string };
}

export type ParsedArgs = { help: true } | { help: false; options: RelayCliOptions };

const VALUE_OPTIONS = ['--host', '--port', '--data', '--redis', '--cert', '--key'] as const;
const FLAGS = ['--no-sync', '--no-signaling', '--tls', '--help', '-h'] as const;

function parsePort(value: string): number {
  if (!/^\d{1,5}$/.test(value) || Number(value) < 1 || Number(value) > 65535) {
    throw new UsageError(`Port invalide « ${value} » : un entier entre 1 et 65535 est attendu.`);
  }
  return Number(value);
}

function parseHost(value: string): string {
  // An address, not a name: the relay listens on one interface the user can see in his settings.
  const host = value.replace(/^\[(.*)\]$/, '$1');
  if (host !== 'localhost' && isIP(host) === 0) {
    throw new UsageError(`Adresse invalide « ${value} » : donnez l’adresse IP d’une interface de cette machine (ex. 192.168.1.10).`);
  }
  return host;
}

/** Reads the command line (without node and the script). Throws UsageError with a French message. */
export function parseRelayArgs(argv: readonly string[]): ParsedArgs {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if ((VALUE_OPTIONS as readonly string[]).includes(name)) {
      const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || value === '' || (eq < 0 && value.startsWith('--'))) {
        throw new UsageError(`L’option ${name} attend une valeur.`);
      }
      if (values.has(name)) throw new UsageError(`L’option ${name} est donnée deux fois.`);
      values.set(name, value);
    } else if ((FLAGS as readonly string[]).includes(arg)) {
      flags.add(arg);
    } else if (arg.startsWith('-')) {
      throw new UsageError(`Option inconnue : ${name}.`);
    } else {
      throw new UsageError(`Argument inattendu : « ${arg} ».`);
    }
  }
  if (flags.has('--help') || flags.has('-h')) return { help: true };

  const options: RelayCliOptions = {
    host: parseHost(values.get('--host') ?? '127.0.0.1'),
    port: parsePort(values.get('--port') ?? '4444'),
    signaling: !flags.has('--no-signaling'),
    sync: !flags.has('--no-sync'),
  };
  if (!options.signaling && !options.sync) {
    throw new UsageError('--no-sync et --no-signaling ensemble : le relais n’aurait rien à servir.');
  }
  const data = values.get('--data');
  const redis = values.get('--redis');
  if (!options.sync && (data !== undefined || redis !== undefined)) {
    throw new UsageError(`${data !== undefined ? '--data' : '--redis'} ne sert qu’au relais de synchronisation, désactivé par --no-sync.`);
  }
  if (data !== undefined) options.dataDir = resolve(data);
  const [cert, key] = [values.get('--cert'), values.get('--key')];
  if ((cert === undefined) !== (key === undefined)) throw new UsageError('--cert et --key vont ensemble : le certificat et sa clé privée.');
  if (cert !== undefined && key !== undefined) {
    if (flags.has('--tls')) throw new UsageError('--tls (certificat autosigné) ou --cert/--key (le vôtre), pas les deux.');
    options.tls = { certFile: resolve(cert), keyFile: resolve(key) };
  } else if (flags.has('--tls')) {
    options.tls = 'self-signed';
  }
  if (redis !== undefined) {
    try {
      parseRedisUrl(redis);
    } catch (error) {
      throw new UsageError((error as Error).message + '.');
    }
    options.redisUrl = redis;
  }
  return { help: false, options };
}

/** The one line a user copies into the volunteers' invitation or settings. */
export function addressLine(urls: { signalingUrl?: string; syncUrl?: string; url: string; fingerprint?: string }): string {
  const parts = [
    urls.signalingUrl && `signalisation WebRTC ${urls.signalingUrl}`,
    urls.syncUrl && `relais de synchronisation ${urls.syncUrl}`,
    `état ${urls.url}/health`,
    urls.fingerprint && `empreinte SHA-256 du certificat ${urls.fingerprint}`,
  ].filter(Boolean);
  return `Relais Vigie prêt : ${parts.join(' ; ')}`;
}

export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  let parsed: ParsedArgs;
  try {
    parsed = parseRelayArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (parsed.help) {
    console.log(USAGE);
    return;
  }
  const { options } = parsed;
  if (options.host === '0.0.0.0' || options.host === '::') {
    console.error('Attention : le relais écoute sur toutes les interfaces de cette machine, y compris celles hors du réseau de crise.');
  }
  let relay;
  try {
    const { tls: tlsChoice, ...serverOptions } = options;
    const tls =
      tlsChoice === 'self-signed'
        ? await selfSignedCertificate(options.host, options.dataDir)
        : tlsChoice
          ? await loadCertificate(tlsChoice.certFile, tlsChoice.keyFile)
          : undefined;
    if (tlsChoice === 'self-signed' && !options.dataDir) {
      console.error('Attention : sans --data, le certificat autosigné change à chaque démarrage (les invitations devront porter la nouvelle empreinte).');
    }
    relay = await startRelayServer({ ...serverOptions, tls, log: timestampedLog });
  } catch (error) {
    const where = options.redisUrl ? ` (Redis ${redactRedisUrl(options.redisUrl)})` : '';
    console.error(`Le relais n’a pas démarré${where} : ${(error as Error).message}`);
    process.exit(1);
  }
  console.log(addressLine(relay));

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      console.error('Arrêt forcé.');
      process.exit(1);
    }
    stopping = true;
    timestampedLog(`Signal ${signal} reçu : arrêt du relais…`);
    relay.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`Arrêt incomplet : ${(error as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

// Run when this file is the program (node out/main/relay.js), not when a test imports it.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  void main();
}
