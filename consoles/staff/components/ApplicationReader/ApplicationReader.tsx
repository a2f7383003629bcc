/**
 * The application reader (issue 13 part 4), its own module of the staff console: an application's
 * answers by the form's sections with the catalogue's labels, and its papers' pages (a thumbnail
 * each; tap for the page large). The hub serves it to staff of that ward only and audits every
 * read and page view (who, when, which application — never the contents).
 */
import './ApplicationReader.css';
import { useEffect, useState } from 'react';
import { ApplicationReading } from '../../../../common/contract/hub-console.ts';
import { api, ApiError } from '../../api.ts';
import { ProvincePanel } from '../ProvincePanel/ProvincePanel.tsx';

export function ApplicationReader(props: { id: string; onClose: () => void }) {
  const [reading, setReading] = useState<ApplicationReading | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [large, setLarge] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    api(`/api/applications/${props.id}/reading`)
      .then((j) => {
        const r = ApplicationReading.safeParse(j);
        if (!live) return;
        if (r.success) setReading(r.data);
        else setError('Dữ liệu hồ sơ không hợp lệ.');
      })
      .catch((e: unknown) => {
        if (live) setError(e instanceof ApiError && e.status === 403 ? 'Hồ sơ này thuộc phường/xã khác.' : 'Không tải được hồ sơ.');
      });
    return () => {
      live = false;
    };
  }, [props.id]);
  const pageUrl = (pageId: string) => `/api/applications/${props.id}/pages/${pageId}`;
  return (
    <div className="reader-backdrop" role="presentation">
      <section className="reader" role="dialog" aria-modal="true" aria-labelledby="reader-title" data-testid="application-reader">
        <header className="row">
          <h2 id="reader-title">{reading ? `Hồ sơ ${reading.application.code}` : 'Hồ sơ'}</h2>
          <button className="primary" data-testid="reader-close" onClick={props.onClose}>
            Đóng
          </button>
        </header>
        {error ? (
          <p className="error" role="alert">
            {error}
          </p>
        ) : null}
        {reading ? (
          <>
            <p className="muted">
              {reading.serviceName ?? reading.application.serviceCode} · kiosk {reading.application.kioskId}
            </p>
            <ProvincePanel id={props.id} />
            {reading.sections.map((sec, i) => (
              <div key={i} className="reader-section" data-testid="reader-section">
                {sec.title ? <h3>{sec.title}</h3> : null}
                <dl>
                  {sec.rows.map((row, j) => (
                    <div key={j} className="reader-row">
                      <dt>
                        {row.group ? <span className="muted">{row.group} · </span> : null}
                        {row.label}
                      </dt>
                      <dd data-testid="reader-value">{row.value || '—'}</dd>
                    </div>
                  ))}
                </dl>
              </div>
            ))}
            <h3>Giấy tờ kèm theo ({reading.pages.length} trang)</h3>
            {reading.pages.length === 0 ? <p className="muted">Không có ảnh giấy tờ.</p> : null}
            <ul className="reader-pages">
              {reading.pages.map((p) => (
                <li key={p.pageId}>
                  <button className="reader-thumb" data-testid={`reader-page-${p.seq}`} onClick={() => setLarge(p.pageId)} aria-label={`Xem lớn: ${p.paperName}, trang ${p.seq}`}>
                    <img src={pageUrl(p.pageId)} alt={`${p.paperName}, trang ${p.seq}`} loading="lazy" />
                    <span>
                      {p.paperName} · trang {p.seq}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {large ? (
          <div className="reader-large" data-testid="reader-large">
            <button className="primary" data-testid="reader-large-close" onClick={() => setLarge(null)}>
              Thu nhỏ
            </button>
            <img src={pageUrl(large)} alt="Trang giấy tờ, cỡ lớn" />
          </div>
        ) : null}
      </section>
    </div>
  );
}
