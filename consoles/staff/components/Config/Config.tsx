/**
 * The ward's settings and catalogue: edit (checked as staff type), publish, roll back.
 * Layer: browser (React).
 */
import './Config.css';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { api, ApiError } from '../../api.ts';
import { checkEditor, timeVi } from '../../logic.ts';

interface ConfigState {
  current: { version: number; config: unknown; catalogue: unknown; publishedAt: number; publishedBy: string } | null;
  versions: { version: number; publishedBy: string; publishedAt: number; note: string | null; rollbackOf: number | null }[];
}

export function Config({ ward, tick }: { ward: string; tick: number }) {
  const [data, setData] = useState<ConfigState | null>(null);
  const [configText, setConfigText] = useState('');
  const [catalogueText, setCatalogueText] = useState('');
  const [note, setNote] = useState('');
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [serverIssues, setServerIssues] = useState<{ part: string; path: string; message: string }[]>([]);
  // The state is set when the answer comes (in the promise's callback), never during the effect that asks.
  const load = useCallback(
    (fill: boolean) =>
      api<ConfigState>(`/api/fleet/config?ward=${encodeURIComponent(ward)}`).then((d) => {
        setData(d);
        if (fill && d.current) {
          setConfigText(JSON.stringify(d.current.config, null, 2));
          setCatalogueText(JSON.stringify(d.current.catalogue, null, 2));
        }
      }),
    [ward],
  );
  useEffect(() => {
    void load(true);
  }, [load]);
  useEffect(() => {
    if (tick > 0) void load(false);
  }, [tick, load]);
  const check = useMemo(() => (configText || catalogueText ? checkEditor(configText, catalogueText, ward) : null), [configText, catalogueText, ward]);
  const publish = async () => {
    try {
      const r = await api<{ version: number }>('/api/fleet/config/publish', { body: { ward, config: JSON.parse(configText), catalogue: JSON.parse(catalogueText), note: note || null } });
      setResult({ ok: true, text: `Đã phát hành phiên bản ${r.version}; các máy đang kết nối sẽ áp dụng sau phiên hiện tại.` });
      setServerIssues([]);
      await load(false);
    } catch (e) {
      setResult({ ok: false, text: 'Không phát hành được: cấu hình chưa hợp lệ.' });
      if (e instanceof ApiError) setServerIssues(e.issues as typeof serverIssues);
    }
  };
  const rollback = async () => {
    try {
      const r = await api<{ version: number; contentOf: number }>('/api/fleet/config/rollback', { body: { ward } });
      setResult({ ok: true, text: `Đã quay lại nội dung phiên bản ${r.contentOf} (phát hành thành phiên bản ${r.version}).` });
      await load(true);
    } catch {
      setResult({ ok: false, text: 'Không có phiên bản trước để quay lại.' });
    }
  };
  const issues = serverIssues.length ? serverIssues : (check?.issues ?? []);
  return (
    <>
      <section>
        <h2>Cấu hình phường và danh mục thủ tục</h2>
        <p className="muted">
          Cấu hình chung của phường (không gồm mã máy, địa chỉ trạm và thiết bị — những mục riêng của từng máy). Hiện đang phát hành: <strong data-testid="current-version">{data?.current ? `phiên bản ${data.current.version}` : 'chưa có'}</strong>
        </p>
        <div className="grid2">
          <label>
            Cấu hình (JSON)
            <textarea className="json" data-testid="config-editor" spellCheck={false} value={configText} onChange={(e) => (setConfigText(e.target.value), setServerIssues([]))} />
          </label>
          <label>
            Danh mục thủ tục (JSON)
            <textarea className="json" data-testid="catalogue-editor" spellCheck={false} value={catalogueText} onChange={(e) => (setCatalogueText(e.target.value), setServerIssues([]))} />
          </label>
        </div>
        <div className="issues" data-testid="config-issues" aria-live="polite">
          {check?.syntax.map((s, i) => (
            <p key={`s${i}`}>
              {s.part === 'config' ? 'Cấu hình' : 'Danh mục'}: {s.message}
            </p>
          ))}
          {issues.length > 0 && (
            <ul>
              {issues.slice(0, 50).map((i, n) => (
                <li key={n} data-testid="config-issue">
                  {i.part === 'config' ? 'Cấu hình' : 'Danh mục'} <code>{i.path}</code>: {i.message}
                </li>
              ))}
            </ul>
          )}
          {check?.ok && <p className="ok-text">Hợp lệ theo lược đồ.</p>}
        </div>
        <div className="row">
          <label>
            Ghi chú <input value={note} maxLength={200} onChange={(e) => setNote(e.target.value)} />
          </label>
          <button className="primary" data-testid="publish" disabled={!check?.ok} onClick={publish}>
            Phát hành phiên bản mới
          </button>
          <button className="danger" data-testid="rollback" disabled={(data?.versions.length ?? 0) < 2} onClick={rollback}>
            Quay lại phiên bản trước
          </button>
        </div>
        {result && (
          <p className={result.ok ? 'ok-text' : 'error'} data-testid="publish-result" role="status">
            {result.text}
          </p>
        )}
      </section>
      <section>
        <h2>Các phiên bản</h2>
        <table data-testid="version-list">
          <thead>
            <tr>
              <th>Phiên bản</th>
              <th>Người phát hành</th>
              <th>Lúc</th>
              <th>Ghi chú</th>
            </tr>
          </thead>
          <tbody>
            {(data?.versions ?? []).map((v) => (
              <tr key={v.version}>
                <td>{v.version}</td>
                <td>{v.publishedBy}</td>
                <td>{timeVi(v.publishedAt)}</td>
                <td>{v.rollbackOf !== null ? `Quay lại nội dung phiên bản ${v.rollbackOf}` : (v.note ?? '')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
