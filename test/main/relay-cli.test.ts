// The relay's command line: arguments and messages (unit level), and its freedom from Electron.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { addressLine, parseRelayArgs, UsageError } from '../../src-main/services/relay-cli';
import { parseRedisUrl, redactRedisUrl } from '../../src-main/services/relay-redis';

const options = (argv: string[]) => {
  const parsed = parseRelayArgs(argv);
  if (parsed.help) throw new Error('aide inattendue');
  return parsed.options;
};

describe('relay command line', () => {
  it('defaults to this machine only, port 4444, both services, memory only', () => {
    expect(options([])).toEqual({ host: '127.0.0.1', port: 4444, signaling: true, sync: true });
  });

  it('reads every option, in both spellings', () => {
    expect(options(['--host', '192.168.1.10', '--port', '4455', '--data', 'relay-data', '--redis', 'redis://10.0.0.5:6380'])).toEqual({
      host: '192.168.1.10',
      port: 4455,
      signaling: true,
      sync: true,
      dataDir: resolve('relay-data'),
      redisUrl: 'redis://10.0.0.5:6380',
    });
    expect(options(['--host=10.1.2.3', '--port=5000', '--no-sync'])).toEqual({ host: '10.1.2.3', port: 5000, signaling: true, sync: false });
    expect(options(['--no-signaling'])).toMatchObject({ signaling: false, sync: true });
    expect(options(['--host', '::1'])).toMatchObject({ host: '::1' });
    expect(options(['--host', '[fe80::1]'])).toMatchObject({ host: 'fe80::1' });
    expect(parseRelayArgs(['--help'])).toEqual({ help: true });
    expect(parseRelayArgs(['-h', '--port', 'x'])).toEqual({ help: true });
  });

  it.each([
    [['--port', 'abc'], 'Port invalide « abc » : un entier entre 1 et 65535 est attendu.'],
    [['--port', '0'], 'Port invalide « 0 »'],
    [['--port', '65536'], 'Port invalide « 65536 »'],
    [['--port', '-1'], 'Port invalide « -1 »'],
    [['--port', '44.5'], 'Port invalide « 44.5 »'],
    [['--port'], 'L’option --port attend une valeur.'],
    [['--port='], 'L’option --port attend une valeur.'],
    [['--host', '--port', '4444'], 'L’option --host attend une valeur.'],
    [['--host', 'cod.prefecture.local'], 'Adresse invalide « cod.prefecture.local » : donnez l’adresse IP d’une interface de cette machine (ex. 192.168.1.10).'],
    [['--host', '192.168.1.300'], 'Adresse invalide « 192.168.1.300 »'],
    [['--port', '4444', '--port', '4445'], 'L’option --port est donnée deux fois.'],
    [['--prot', '4444'], 'Option inconnue : --prot.'],
    [['--verbose=1'], 'Option inconnue : --verbose.'],
    [['4444'], 'Argument inattendu : « 4444 ».'],
    [['--no-sync', '--no-signaling'], 'le relais n’aurait rien à servir'],
    [['--no-sync', '--data', 'x'], '--data ne sert qu’au relais de synchronisation, désactivé par --no-sync.'],
    [['--redis', 'http://10.0.0.5:6379'], 'URL Redis invalide : le schéma doit être redis:// ou rediss://, pas http://'],
    [['--redis', 'redis-du-cod'], 'URL Redis invalide « redis-du-cod » : forme attendue redis://hôte:port'],
    [['--redis', 'redis://10.0.0.5:6379/cles'], 'seul un numéro de base est permis'],
  ])('refuses %j in French', (argv, message) => {
    expect(() => parseRelayArgs(argv)).toThrow(UsageError);
    expect(() => parseRelayArgs(argv)).toThrow(message);
  });

  it('never repeats a Redis password in a message', () => {
    expect(redactRedisUrl('redis://relais:s3cret@10.0.0.5:6379')).toBe('redis://***@10.0.0.5:6379');
    expect(() => parseRelayArgs(['--redis', 'redis://u:s3cret@'])).toThrow(/^(?!.*s3cret)/);
    expect(parseRedisUrl('rediss://relais:p%40ss@[::1]:6390/2')).toEqual({
      host: '::1',
      port: 6390,
      username: 'relais',
      password: 'p@ss',
      db: 2,
      tls: true,
    });
    expect(parseRedisUrl('redis://10.0.0.5')).toMatchObject({ host: '10.0.0.5', port: 6379, tls: false });
  });

  it('prints the addresses volunteers need on one line', () => {
    const line = addressLine({ url: 'http://192.168.1.10:4444', signalingUrl: 'ws://192.168.1.10:4444/signal', syncUrl: 'ws://192.168.1.10:4444/sync' });
    expect(line).not.toContain('\n');
    expect(line).toContain('ws://192.168.1.10:4444/signal');
    expect(line).toContain('ws://192.168.1.10:4444/sync');
    expect(addressLine({ url: 'http://127.0.0.1:4444', signalingUrl: 'ws://127.0.0.1:4444/signal' })).not.toContain('/sync');
  });

  it('reaches no Electron module from the relay entry (it runs with plain Node)', () => {
    // Follows the relative imports from relay-cli.ts, as the bundler does.
    const seen = new Set<string>();
    const external = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const source = readFileSync(file, 'utf8');
      for (const [, spec] of source.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)) {
        if (spec.startsWith('.')) visit(resolve(dirname(file), `${spec}.ts`));
        else external.add(spec);
      }
    };
    visit(fileURLToPath(new URL('../../src-main/services/relay-cli.ts', import.meta.url)));
    expect(seen.size).toBeGreaterThanOrEqual(7);
    expect([...external].filter((spec) => spec === 'electron' || spec.startsWith('electron/'))).toEqual([]);
    expect(external).toContain('@hocuspocus/server');
  });
});
