// One message to relay: its status, the post for each platform with its length and "Copier",
// "Approuver" (the COD; others see why not), "Modifier", and "J'ai relayé" (platform + link of the
// post, once approved). Every value is a peer's text: rendered as text, never HTML; the source link
// opens only through the shell's checked external opener.
import { memo, useId, useState } from 'react';
import { isSafeHttpUrl } from '../../core/links';
import { composePost, RELAY_CATEGORY_LABELS, RELAY_PLATFORMS, RELAY_PLATFORM_LABELS, type RelayPlatform } from '../../core/relay-kit';
import type { RelayMessage } from '../../core/relay-kit-state';
import { countFor } from '../../core/relay-counts';
import { useLang } from '../../i18n';
import { platform as shell } from '../../platform';
import { Field } from '../common/Field';
import { formatTime } from '../common/format';
import { Options } from '../common/options';
import { useCrisisStore } from '../session';
import { useCan } from '../workflow/hooks';
import { useMemberName } from './hooks';
import { Counter, MessageEditor } from './MessageEditor';
import { fill, useRelayStrings } from './strings';

interface Props {
  m: RelayMessage;
  onNotice(text: string): void;
  onError(error: unknown): void;
}

export function MessageCard({ m, onNotice, onError }: Props) {
  const s = useRelayStrings();
  const lang = useLang();
  const store = useCrisisStore();
  const name = useMemberName();
  const isCod = useCan('approveRelay');
  const [editing, setEditing] = useState(false);
  const reasonId = useId();
  const titleId = useId();
  const run = (p: Promise<unknown>, notice: string) => void p.then(() => onNotice(notice), onError);
  const approveBlocked = !isCod ? s.approveCodOnly : m.status === 'brouillon' ? s.approveDraft : '';
  const approval = m.approval ?? m.lastApproval;
  return (
    <li className={`relay-message status-${m.status}`} aria-labelledby={titleId} data-status={m.status}>
      <h3 id={titleId}>{m.title || s.untitled}</h3>
      <p className="meta">
        <span className={`relay-status status-${m.status}`}>{s.status[m.status]}</span> · {RELAY_CATEGORY_LABELS[m.category][lang]} ·{' '}
        {fill(s.createdBy, { name: name(m.createdBy), time: formatTime(m.createdAt, lang) })}
        {m.edits > 1 && ` · ${fill(s.updatedBy, { name: name(m.updatedBy), time: formatTime(m.updatedAt, lang) })}`}
      </p>
      {approval && <p className="relay-approval">{fill(m.approval ? s.approvedBy : s.approvedBefore, { name: name(approval.actor), time: formatTime(approval.at, lang) })}</p>}
      {m.source && isSafeHttpUrl(m.source) && (
        <p>
          {s.source_}
          <button type="button" className="link" onClick={() => void shell.openExternal(m.source)}>
            {m.source}
          </button>
        </p>
      )}
      <ul className="relay-posts">
        {RELAY_PLATFORMS.map((p) => (
          <Post key={p} m={m} platform={p} onNotice={onNotice} />
        ))}
      </ul>
      <div className="actions">
        {m.status !== 'approuve' && (
          <>
            <button type="button" disabled={!!approveBlocked} aria-describedby={approveBlocked ? reasonId : undefined} onClick={() => run(store.relay.approve(m.id), s.approved)}>
              {s.approve}
            </button>
            {approveBlocked && (
              <span id={reasonId} className="hint">
                {approveBlocked}
              </span>
            )}
          </>
        )}
        <button type="button" className="secondary" aria-expanded={editing} onClick={() => setEditing(!editing)}>
          {editing ? s.closeEdit : s.edit}
        </button>
      </div>
      {editing && (
        <MessageEditor
          message={m}
          onDone={(notice) => {
            setEditing(false);
            onNotice(notice);
          }}
          onCancel={() => setEditing(false)}
        />
      )}
      <RelayForm m={m} onNotice={onNotice} />
    </li>
  );
}

/**
 * One platform's post, its length and "Copier". Memoised: a message's view object changes only when
 * its own entries do, so sightings streaming in do not recount every post (twitter-text is not free).
 */
const Post = memo(function Post({ m, platform, onNotice }: { m: RelayMessage; platform: RelayPlatform; onNotice(t: string): void }) {
  const s = useRelayStrings();
  const lang = useLang();
  const text = composePost(m, platform);
  const label = RELAY_PLATFORM_LABELS[platform][lang];
  const copy = () =>
    void (navigator.clipboard?.writeText(text) ?? Promise.reject(new Error('no clipboard'))).then(
      () => onNotice(fill(s.copied, { platform: label })),
      () => onNotice(s.copyFailed),
    );
  return (
    <li className="relay-post" aria-label={fill(s.postFor, { platform: label })}>
      <div className="relay-post-head">
        <Counter s={s} platform={platform} count={countFor(platform, text)} />
        <button type="button" className="secondary" aria-label={fill(s.copyFor, { platform: label })} onClick={copy}>
          {s.copy}
        </button>
      </div>
      <p className="relay-post-text">{text}</p>
    </li>
  );
});

function RelayForm({ m, onNotice }: Omit<Props, 'onError'>) {
  const s = useRelayStrings();
  const lang = useLang();
  const store = useCrisisStore();
  const [open, setOpen] = useState(false);
  const [platform, setPlatform] = useState<RelayPlatform>('x');
  const [url, setUrl] = useState('');
  const [error, setError] = useState('');
  const hintId = useId();
  const approved = m.status === 'approuve';
  if (!open)
    return (
      <div className="actions">
        <button type="button" disabled={!approved} aria-describedby={approved ? undefined : hintId} onClick={() => setOpen(true)}>
          {s.relayed}
        </button>
        {!approved && (
          <span id={hintId} className="hint">
            {s.relayNotApproved}
          </span>
        )}
      </div>
    );
  const save = () =>
    void store.relay.relayed(m.id, platform, url).then(
      () => {
        setOpen(false);
        setUrl('');
        setError('');
        onNotice(s.relayDone);
      },
      // A refusal (not approved, a bad link, a closed crisis) is said beside the link field.
      (e: Error) => setError(e.message),
    );
  return (
    <form autoComplete="off"
      className="relay-form"
      aria-label={s.relayed}
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <Field label={s.relayPlatform}>
        <select value={platform} onChange={(e) => setPlatform(e.target.value as RelayPlatform)}>
          <Options keys={RELAY_PLATFORMS} labels={RELAY_PLATFORM_LABELS} lang={lang} />
        </select>
      </Field>
      <Field label={s.relayUrl} error={error || undefined} className="grow">
        <input type="url" value={url} maxLength={2048} placeholder="https://" required onChange={(e) => setUrl(e.target.value)} />
      </Field>
      <div className="actions">
        <button type="submit">{s.relaySave}</button>
        <button type="button" className="secondary" onClick={() => setOpen(false)}>
          {s.cancel}
        </button>
      </div>
    </form>
  );
}
