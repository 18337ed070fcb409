// The "Relais" pane: the library of messages to relay (official instructions and solidarity calls),
// each with its status and per-platform posts, "Nouveau message", and the coverage (who relayed
// what where, what is still to relay).
import { useState } from 'react';
import type { PaneProps } from '../workspace/pane';
import { Coverage } from './Coverage';
import { useRelayMessages } from './hooks';
import { MessageCard } from './MessageCard';
import { MessageEditor } from './MessageEditor';
import { fill, useRelayStrings } from './strings';
import './relay.css';

export function RelayPane({ report }: PaneProps) {
  const s = useRelayStrings();
  const messages = useRelayMessages();
  const [creating, setCreating] = useState(false);
  const [notice, setNotice] = useState('');
  return (
    <section className="relay-kit" aria-label={s.region}>
      <header>
        <h2>{s.region}</h2>
        <span className="meta">{fill(s.count, { count: messages.length })}</span>
        <span className="spacer" />
        <button type="button" aria-expanded={creating} onClick={() => setCreating(!creating)}>
          {s.newMessage}
        </button>
      </header>
      {creating && (
        <MessageEditor
          onDone={(text) => {
            setCreating(false);
            setNotice(text);
          }}
          onCancel={() => setCreating(false)}
        />
      )}
      <p role="status" className="relay-notice">
        {notice}
      </p>
      {messages.length ? (
        <ol className="relay-list">
          {messages.map((m) => (
            <MessageCard key={m.id} m={m} onNotice={setNotice} onError={report} />
          ))}
        </ol>
      ) : (
        <p className="hint">{s.empty}</p>
      )}
      <Coverage messages={messages} />
    </section>
  );
}

/** The tab's name, following the language. */
export function useRelayLabel(): string {
  return useRelayStrings().tab;
}
