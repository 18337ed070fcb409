// <option> lists for the vocabulary, in the current language.
import type { Lang } from '../../core/labels';

type Labels<K extends string> = Record<K, { fr: string; en: string }>;

export function Options<K extends string>({ keys, labels, lang }: { keys: readonly K[]; labels: Labels<K>; lang: Lang }) {
  return (
    <>
      {keys.map((k) => (
        <option key={k} value={k}>
          {labels[k][lang]}
        </option>
      ))}
    </>
  );
}
