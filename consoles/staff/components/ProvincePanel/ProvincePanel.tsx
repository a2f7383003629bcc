/**
 * The province's side of one application (issue 14 part 3), beside the answers in the reader: the
 * hand-off's step, the official dossier number, the national status (1–10) and the province's
 * timeline; staff of the ward forward it, ask for papers (saying what to bring) or refuse it (saying
 * why) through the hub's adapter — `GET/POST /api/province/applications/:id[/actions]`, ward-only and
 * audited at the hub. Everything shown is checked against the contract first.
 */
import { useEffect, useState } from 'react';
import { ProvinceStaffView } from '../../../../common/contract/hub-console.ts';
import { NATIONAL_STATUS, type NationalCode } from '../../../../common/province/national-status.ts';
import { api, ApiError } from '../../api.ts';

const STEP: Record<NonNullable<ProvinceStaffView['state']>, string> = {
  pending: 'Đang chờ gửi lên hệ thống một cửa của tỉnh',
  created: 'Đã tạo hồ sơ ở tỉnh, đang gửi giấy tờ',
  uploaded: 'Đã gửi giấy tờ, đang nộp hồ sơ',
  submitted: 'Đã nộp vào hệ thống một cửa của tỉnh',
};

type Action = 'forward' | 'askPapers' | 'refuse';
const ACTIONS: { action: Action; label: string; needsNote: string | null }[] = [
  { action: 'forward', label: 'Chuyển xử lý', needsNote: null },
  { action: 'askPapers', label: 'Yêu cầu bổ sung giấy tờ', needsNote: 'Cần mang thêm giấy tờ gì?' },
  { action: 'refuse', label: 'Từ chối tiếp nhận', needsNote: 'Lý do từ chối' },
];

const label = (code: number): string => NATIONAL_STATUS[code as NationalCode]?.vi ?? String(code);
const when = (ms: number) => new Date(ms).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' });

export function ProvincePanel(props: { id: string }) {
  const [view, setView] = useState<ProvinceStaffView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<Action | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);

  const accept = (j: unknown) => {
    const r = ProvinceStaffView.safeParse(j);
    if (r.success) {
      setView(r.data);
      setError(null);
    } else setError('Dữ liệu của tỉnh không hợp lệ.');
  };
  useEffect(() => {
    let live = true;
    api(`/api/province/applications/${props.id}`)
      .then((j) => live && accept(j))
      .catch(() => live && setError('Không tải được trạng thái ở tỉnh.'));
    return () => {
      live = false;
    };
  }, [props.id]);

  async function act(action: Action) {
    setBusy(true);
    try {
      accept(await api(`/api/province/applications/${props.id}/actions`, { method: 'POST', body: { action, note: note.trim() } }));
      setOpen(null);
      setNote('');
    } catch (e) {
      setError(e instanceof ApiError && e.status === 409 ? 'Tỉnh chưa cho phép thao tác này lúc này.' : 'Không gửi được lên tỉnh. Xin thử lại sau.');
    } finally {
      setBusy(false);
    }
  }

  if (error && !view) return <p className="error" role="alert">{error}</p>;
  if (!view) return <p className="muted">Đang tải trạng thái ở tỉnh…</p>;
  if (!view.linked) return <p className="muted" data-testid="province-unlinked">Phường/xã chưa kết nối hệ thống một cửa của tỉnh: hồ sơ chỉ ở hộp thư này.</p>;
  const chosen = ACTIONS.find((a) => a.action === open) ?? null;
  return (
    <div className="reader-section province-panel" data-testid="province-panel">
      <h3>Hệ thống một cửa của tỉnh</h3>
      <dl>
        <div className="reader-row">
          <dt>Tiến trình gửi</dt>
          <dd data-testid="province-step">{view.state ? STEP[view.state] : 'Chưa vào hàng đợi gửi'}</dd>
        </div>
        <div className="reader-row">
          <dt>Số hồ sơ chính thức</dt>
          <dd data-testid="province-number">{view.dossierNo || 'Chưa có (tỉnh cấp khi bộ phận một cửa tiếp nhận)'}</dd>
        </div>
        <div className="reader-row">
          <dt>Trạng thái</dt>
          <dd data-testid="province-status" data-code={view.code ?? ''}>
            {view.code !== null ? `${view.code} · ${label(view.code)}` : '—'}
          </dd>
        </div>
        {view.lastError ? (
          <div className="reader-row">
            <dt>Lần gửi gần nhất</dt>
            <dd>Chưa được (lần thử {view.attempts}); hồ sơ vẫn được giữ và sẽ gửi lại.</dd>
          </div>
        ) : null}
        {view.payment ? (
          <div className="reader-row">
            <dt>Lệ phí tỉnh yêu cầu</dt>
            <dd>
              {view.payment.amount.toLocaleString('vi-VN')} đ · {view.payment.paid ? 'đã nộp' : 'chưa nộp'}
            </dd>
          </div>
        ) : null}
        {view.postage ? (
          <div className="reader-row" data-testid="province-postage">
            <dt>Cước bưu chính (tỉnh báo)</dt>
            <dd>{view.postage.toLocaleString('vi-VN')} đ</dd>
          </div>
        ) : null}
      </dl>
      {view.timeline.length ? (
        <ol className="province-timeline" data-testid="province-timeline">
          {view.timeline.map((e, i) => (
            <li key={i}>
              <span className="muted">{when(e.at)}</span> · {label(e.code)} · {e.action}
              {e.actor ? ` · ${e.actor}` : ''}
              {e.note ? <div className="muted">{e.note}</div> : null}
            </li>
          ))}
        </ol>
      ) : null}
      {view.dossierNo !== null || view.state === 'submitted' ? (
        <div className="row">
          {ACTIONS.map((a) => (
            <button key={a.action} data-testid={`province-${a.action}`} disabled={busy} onClick={() => (a.needsNote ? setOpen(a.action) : void act(a.action))}>
              {a.label}
            </button>
          ))}
        </div>
      ) : null}
      {chosen?.needsNote ? (
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            if (note.trim()) void act(chosen.action);
          }}
        >
          <label>
            {chosen.needsNote}
            <input data-testid="province-note" value={note} maxLength={1000} onChange={(e) => setNote(e.target.value)} required />
          </label>
          <button className="primary" data-testid="province-send" disabled={busy || !note.trim()}>
            Gửi lên tỉnh
          </button>
        </form>
      ) : null}
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
