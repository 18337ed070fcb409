// Choosing the basemap of a map: the built-in one (always there underneath), an offline PMTiles
// archive, or online tiles — which stay off until the user turns them on here. Mountable anywhere
// with only the Leaflet map: the choice lives in the map's BasemapController (basemapsFor), not in
// this component, so closing the panel changes nothing on the map.
import '../../map/basemap/basemap.css';
import type L from 'leaflet';
import { useCallback, useEffect, useId, useState, useSyncExternalStore, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { basemapsFor, type BasemapController } from '../../map/basemap/controller';
import { SUGGESTED_ATTRIBUTION, SUGGESTED_TEMPLATE } from '../../map/basemap/online-template';
import { formatBytes } from '../../map/basemap/pmtiles-store';
import { BASEMAP_STRINGS, type BasemapStrings } from '../../map/basemap/strings';

export interface BasemapPanelProps {
  map: L.Map;
}

function useStrings(): BasemapStrings {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? BASEMAP_STRINGS.en : BASEMAP_STRINGS.fr;
}

function useController(map: L.Map): BasemapController {
  return basemapsFor(map);
}

function useCacheUsage(controller: BasemapController, refresh: unknown): number | null {
  const [usage, setUsage] = useState<number | null>(null);
  useEffect(() => {
    let live = true;
    controller.cache.usage().then(
      (bytes) => live && setUsage(bytes),
      () => live && setUsage(null),
    );
    return () => {
      live = false;
    };
  }, [controller, refresh]);
  return usage;
}

export function BasemapPanel({ map }: BasemapPanelProps) {
  const s = useStrings();
  const id = useId();
  const controller = useController(map);
  const subscribe = useCallback((listener: () => void) => controller.subscribe(listener), [controller]);
  const state = useSyncExternalStore(subscribe, () => controller.getState());
  const { choice, pmtilesInfo, busy, error, builtInReady } = state;
  const [template, setTemplate] = useState(choice.online?.template ?? '');
  const [attribution, setAttribution] = useState(choice.online?.attribution ?? '');
  const usage = useCacheUsage(controller, state);
  const onlineOn = choice.onlineEnabled && choice.active === 'online';

  function pickFile(files: FileList | null) {
    const file = files?.[0];
    if (file) void controller.usePmtilesFile(file);
  }

  function enableOnline(e: FormEvent) {
    e.preventDefault();
    void controller.enableOnline({ template: template.trim(), attribution: attribution.trim() });
  }

  return (
    <section className="basemap-panel" aria-labelledby={`${id}-title`} data-testid="basemap-panel">
      <h3 id={`${id}-title`}>{s.title}</h3>
      <fieldset disabled={busy}>
        <legend className="visually-hidden">{s.title}</legend>
        <label className="basemap-option">
          <input type="radio" name={`${id}-basemap`} checked={choice.active === 'builtin'} onChange={() => void controller.useBuiltIn()} />
          <span>
            <strong>{s.builtin}</strong>
            <small className="hint">{builtInReady ? s.builtinHint : s.builtinLoading}</small>
          </span>
        </label>

        <label className="basemap-option">
          <input
            type="radio"
            name={`${id}-basemap`}
            checked={choice.active === 'pmtiles'}
            disabled={!choice.pmtiles}
            onChange={() => void controller.usePmtiles()}
          />
          <span>
            <strong>{s.pmtiles}</strong>
            <small className="hint">
              {choice.pmtiles
                ? `${choice.pmtiles.name} · ${formatBytes(choice.pmtiles.size)}${
                    pmtilesInfo ? ` · ${pmtilesInfo.label} · ${s.zooms} ${pmtilesInfo.minZoom}–${pmtilesInfo.maxZoom}` : ''
                  }`
                : s.pmtilesNone}
            </small>
          </span>
        </label>
        <div className="basemap-indent">
          {controller.capabilities.pmtilesFromDisk ? (
            <button type="button" onClick={() => void controller.pickPmtilesFromDisk()}>
              {s.pmtilesPick}
            </button>
          ) : (
            <>
              <label className="basemap-file">
                <span>{s.pmtilesPick}</span>
                <input
                  type="file"
                  accept=".pmtiles"
                  data-testid="basemap-pmtiles-input"
                  onChange={(e) => {
                    pickFile(e.currentTarget.files);
                    e.currentTarget.value = '';
                  }}
                />
              </label>
              <small className="hint">{s.pmtilesWebNote}</small>
            </>
          )}
          <small className="hint">{s.pmtilesHint}</small>
        </div>

        <label className="basemap-option">
          <input
            type="radio"
            name={`${id}-basemap`}
            checked={choice.active === 'online'}
            disabled={!choice.onlineEnabled || !choice.online}
            onChange={() => choice.online && void controller.enableOnline(choice.online)}
          />
          <span>
            <strong>{s.online}</strong>
            {choice.onlineEnabled && <small className="hint">{s.enabled}</small>}
          </span>
        </label>
      </fieldset>

      <details className="basemap-online" open={onlineOn || undefined}>
        <summary>{s.online}</summary>
        <p className="hint">{s.onlineHint}</p>
        {!controller.capabilities.online ? (
          <p className="hint" role="note">
            {s.onlineWebOnly}
          </p>
        ) : (
          <form autoComplete="off" onSubmit={enableOnline} noValidate>
            <fieldset disabled={busy}>
              <div className="field">
                <label htmlFor={`${id}-template`}>{s.template}</label>
                <input
                  id={`${id}-template`}
                  type="url"
                  inputMode="url"
                  spellCheck={false}
                  placeholder={SUGGESTED_TEMPLATE}
                  value={template}
                  onChange={(e) => setTemplate(e.target.value)}
                />
              </div>
              <div className="field">
                <label htmlFor={`${id}-attribution`}>{s.attribution}</label>
                <input id={`${id}-attribution`} value={attribution} onChange={(e) => setAttribution(e.target.value)} />
              </div>
              <div className="basemap-actions">
                <button
                  type="button"
                  onClick={() => {
                    setTemplate(SUGGESTED_TEMPLATE);
                    setAttribution(SUGGESTED_ATTRIBUTION);
                  }}
                >
                  {s.suggest}
                </button>
                {choice.onlineEnabled ? (
                  <>
                    <button type="submit">{s.enable}</button>
                    <button type="button" onClick={() => void controller.disableOnline()}>
                      {s.disable}
                    </button>
                  </>
                ) : (
                  <button type="submit">{s.enable}</button>
                )}
              </div>
              <small className="hint">{s.suggestNote}</small>
            </fieldset>
          </form>
        )}
        <p className="basemap-cache">
          {s.cache} : {usage === null ? '—' : formatBytes(usage)} {s.of} {formatBytes(controller.cache.maxBytes)}{' '}
          <button type="button" disabled={busy || !usage} onClick={() => void controller.clearCache()}>
            {s.clearCache}
          </button>
        </p>
      </details>

      <p role="status" className="hint">
        {busy ? s.busy : ''}
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
