/**
 * The papers step (issue 13 part 2), between the last question and the check page: every paper the
 * procedure asks for, its pages as thumbnails (delete each), "Chụp trang" (the camera in document
 * mode) until the paper's maximum; required papers need a page before "Tiếp tục". Pages live in
 * the kiosk session only; their pictures are `.lv-block` (never in the live view).
 */
import { useCallback, useEffect, useState } from 'react';
import { KioskError, type PaperView } from '../../../common/contract/kiosk-api.ts';
import { useKiosk } from '../app/context.ts';
import { loc } from '../i18n/index.ts';
import { BackButton, Screen } from '../ui/Screen.tsx';
import { PageImage } from './PageImage.tsx';
import { PaperCamera } from './PaperCamera.tsx';

export function PapersStep(props: { serviceCode: string; onBack: () => void; onDone: (skipped: boolean) => void; fromCheck?: boolean }) {
  const k = useKiosk();
  const { t, lang } = k;
  const [papers, setPapers] = useState<PaperView[] | null>(null);
  const [camera, setCamera] = useState<PaperView | null>(null);
  const [showMissing, setShowMissing] = useState(false);
  const [noCamera, setNoCamera] = useState(false);

  const load = useCallback(async () => {
    try {
      const r = await k.client.call('papers.list', { serviceCode: props.serviceCode });
      setPapers(r.papers);
      return r.papers;
    } catch (e) {
      k.reportError(e);
      return null;
    }
  }, [k, props.serviceCode]);

  useEffect(() => {
    let live = true;
    k.client
      .call('papers.list', { serviceCode: props.serviceCode })
      .then((r) => {
        if (!live) return;
        setPapers(r.papers);
        // A procedure without papers, or a kiosk without a camera: nothing to photograph here.
        if ((r.papers.length === 0 || !r.camera) && !props.fromCheck) props.onDone(true);
      })
      .catch((e: unknown) => k.reportError(e));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const missing = (papers ?? []).filter((p) => p.required && p.pages.length === 0);
  const next = () => {
    if (missing.length) return setShowMissing(true);
    props.onDone(false);
  };
  const remove = async (pageId: string) => {
    try {
      await k.client.call('papers.remove', { pageId });
    } catch (e) {
      k.reportError(e);
    }
    await load();
  };
  const openCamera = async (p: PaperView) => {
    try {
      await k.client.call('papers.camera', { open: true });
      setCamera(p);
    } catch (e) {
      if (e instanceof KioskError && e.code === 'E_UNAVAILABLE') setNoCamera(true);
      else k.reportError(e);
    }
  };

  return (
    <Screen
      name="papers"
      report={`papers:${props.serviceCode}`}
      above={<BackButton onClick={props.onBack} label={t('back')} />}
      title={t('papersTitle')}
      lead={t('papersLead')}
    >
      {showMissing && missing.length ? (
        <div className="error-summary" role="alert" data-testid="papers-missing">
          <h2>{t('papersMissingTitle')}</h2>
          <ul>
            {missing.map((p) => (
              <li key={p.paperId}>{loc(lang, p.name)}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {noCamera ? (
        <p className="notice" role="status" data-testid="papers-no-camera">
          {t('papersNoCamera')}
        </p>
      ) : null}
      <ul className="papers-list">
        {(papers ?? []).map((p) => {
          const full = p.pages.length >= p.maxPages;
          return (
            <li key={p.paperId} className="paper" data-testid={`paper-${p.paperId}`}>
              <h2 className="paper-name">
                {loc(lang, p.name)} <span className={`paper-badge ${p.required ? 'required' : ''}`}>{p.required ? t('papersRequired') : t('papersOptional')}</span>
              </h2>
              {p.hint ? <p className="hint">{loc(lang, p.hint)}</p> : null}
              <p className="paper-count">{t('papersCount', { n: String(p.pages.length), max: String(p.maxPages) })}</p>
              <ul className="paper-pages">
                {p.pages.map((pg) => (
                  <li key={pg.pageId} className="paper-page-item">
                    <PageImage pageId={pg.pageId} size="thumb" alt={t('papersPageAlt', { name: loc(lang, p.name), n: String(pg.index) })} />
                    <button type="button" className="btn btn-secondary" data-testid={`paper-delete-${pg.index}`} onClick={() => void remove(pg.pageId)} aria-label={t('papersDeleteLabel', { n: String(pg.index) })}>
                      {t('papersDelete')}
                    </button>
                  </li>
                ))}
              </ul>
              <button type="button" className="btn btn-primary btn-xl" data-testid={`paper-add-${p.paperId}`} disabled={full} onClick={() => void openCamera(p)}>
                {p.pages.length ? t('papersAddAnother') : t('papersAdd')}
              </button>
              {full ? <p className="hint">{t('papersFull')}</p> : null}
            </li>
          );
        })}
      </ul>
      <button type="button" className="btn btn-primary btn-xl btn-next" data-testid="papers-next" onClick={next}>
        {props.fromCheck ? t('papersBackToCheck') : t('next')}
      </button>
      {camera ? (
        <PaperCamera
          serviceCode={props.serviceCode}
          paper={camera}
          onDone={() => {
            setCamera(null);
            void load();
          }}
        />
      ) : null}
    </Screen>
  );
}
