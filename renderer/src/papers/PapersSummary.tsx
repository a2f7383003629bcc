/**
 * The papers on the check page: each paper with a thumbnail of every page and "Sửa", which opens
 * the papers step and comes back to the check page. Thumbnails are `.lv-block`.
 */
import { useEffect, useState } from 'react';
import type { PaperView } from '../../../common/contract/kiosk-api.ts';
import { useKiosk } from '../app/context.ts';
import { loc } from '../i18n/index.ts';
import { PageImage } from './PageImage.tsx';

export function PapersSummary(props: { serviceCode: string; onChange: () => void }) {
  const k = useKiosk();
  const { t, lang } = k;
  const [papers, setPapers] = useState<PaperView[] | null>(null);
  useEffect(() => {
    k.client
      .call('papers.list', { serviceCode: props.serviceCode })
      .then((r) => setPapers(r.camera ? r.papers : []))
      .catch(() => setPapers([]));
  }, [k.client, props.serviceCode]);
  if (!papers || papers.length === 0) return null;
  return (
    <section className="papers-summary" data-testid="papers-summary" aria-labelledby="papers-summary-h">
      <h2 id="papers-summary-h">{t('papersSummaryTitle')}</h2>
      <dl className="summary">
        {papers.map((p) => (
          <div key={p.paperId} className="summary-row" data-testid={`summary-paper-${p.paperId}`}>
            <dt>{loc(lang, p.name)}</dt>
            <dd className="summary-value">
              {p.pages.length === 0 ? (
                <span>{t('papersNone')}</span>
              ) : (
                <span className="paper-thumbs">
                  {p.pages.map((pg) => (
                    <PageImage key={pg.pageId} pageId={pg.pageId} size="thumb" alt={t('papersPageAlt', { name: loc(lang, p.name), n: String(pg.index) })} />
                  ))}
                </span>
              )}
            </dd>
            <dd className="summary-action">
              <button type="button" className="btn btn-secondary btn-change" data-testid={`change-paper-${p.paperId}`} aria-label={t('changeLabel', { label: loc(lang, p.name) })} onClick={props.onChange}>
                {t('change')}
              </button>
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
