// The coordinator's view of the relays: a table of messages × platforms, each cell saying who relayed
// and when (with the post's link), relays of an unapproved or earlier version flagged; and what is
// still to relay (approved messages on platforms nobody has covered).
import { isSafeHttpUrl } from '../../core/links';
import { RELAY_PLATFORMS, RELAY_PLATFORM_LABELS } from '../../core/relay-kit';
import { coverageOf, stillToRelay, type Relay, type RelayMessage } from '../../core/relay-kit-state';
import { useLang } from '../../i18n';
import { platform as shell } from '../../platform';
import { formatTime } from '../common/format';
import { useMemberName } from './hooks';
import { fill, useRelayStrings } from './strings';

export function Coverage({ messages }: { messages: readonly RelayMessage[] }) {
  const s = useRelayStrings();
  const lang = useLang();
  const shown = messages.filter((m) => m.status === 'approuve' || m.relays.length);
  const todo = stillToRelay(messages);
  return (
    <section className="relay-coverage" aria-label={s.coverage}>
      <h3>{s.toRelay}</h3>
      {todo.length ? (
        <ul aria-label={s.toRelay}>
          {todo.map(({ message, platforms }) => (
            <li key={message.id}>{fill(s.toRelayLine, { title: message.title || s.untitled, platforms: platforms.map((p) => RELAY_PLATFORM_LABELS[p][lang]).join(', ') })}</li>
          ))}
        </ul>
      ) : (
        <p className="hint">{s.toRelayNone}</p>
      )}
      {shown.length > 0 && (
        <table>
          <caption>{s.coverageOf}</caption>
          <thead>
            <tr>
              <th scope="col">{s.message}</th>
              {RELAY_PLATFORMS.map((p) => (
                <th key={p} scope="col">
                  {RELAY_PLATFORM_LABELS[p][lang]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((m) => (
              <tr key={m.id}>
                <th scope="row">{m.title || s.untitled}</th>
                {coverageOf(m).cells.map((c) => (
                  <td key={c.platform} data-platform={c.platform} className={c.relays.length ? 'covered' : 'missing'}>
                    {c.relays.length ? (
                      <ul>
                        {c.relays.map((r) => (
                          <RelayLine key={r.id} r={r} />
                        ))}
                      </ul>
                    ) : (
                      <span className="hint">{s.nobody}</span>
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function RelayLine({ r }: { r: Relay }) {
  const s = useRelayStrings();
  const lang = useLang();
  const name = useMemberName();
  const who = fill(s.relayBy, { name: name(r.actor), time: formatTime(r.at, lang) });
  return (
    <li>
      {isSafeHttpUrl(r.url) ? (
        <button type="button" className="link" title={r.url} onClick={() => void shell.openExternal(r.url)}>
          {who}
        </button>
      ) : (
        who
      )}
      {!r.approved && <strong className="error"> ({s.unapprovedRelay})</strong>}
      {r.approved && r.outdated && <span className="hint"> ({s.outdatedRelay})</span>}
    </li>
  );
}
