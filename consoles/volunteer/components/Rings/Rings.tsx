/**
 * The ringing calls: kiosk, ward, language, screen; accept / decline; the tap that unlocks the ring's sound.
 * Layer: browser (React).
 */
import './Rings.css';
import type { Controller } from '../../controller.ts';
import { LANG_NAME, screenLabel, type RingEntry } from '../../state.ts';

export function Rings({ rings, accepting, soundBlocked, c }: { rings: RingEntry[]; accepting: string | null; soundBlocked: boolean; c: Controller }) {
  return (
    <section className="rings" aria-live="assertive">
      {soundBlocked && (
        <button className="banner warn sound" onClick={() => c.unlockSound()} data-testid="sound-unlock">
          🔔 Bấm vào đây để bật tiếng chuông
        </button>
      )}
      {rings.map((r) => (
        <article key={r.ring.requestId} className="card ring" data-testid="ring-panel" data-request-id={r.ring.requestId} data-ring-ms={r.ringMs ?? ''}>
          <p className="ring-title">
            <span className="bell" aria-hidden="true">
              🔔
            </span>{' '}
            Người dân cần hỗ trợ
          </p>
          <dl className="facts">
            <dt>Kiosk</dt>
            <dd data-testid="ring-kiosk">{r.ring.kioskName || r.ring.kioskId}</dd>
            <dt>Phường</dt>
            <dd>{r.ring.ward}</dd>
            <dt>Ngôn ngữ</dt>
            <dd data-testid="ring-lang">{LANG_NAME[r.ring.lang] ?? r.ring.lang}</dd>
            <dt>Đang ở màn hình</dt>
            <dd data-testid="ring-screen">{screenLabel(r.ring.screen)}</dd>
          </dl>
          <div className="actions">
            <button className="big ok" data-testid="ring-accept" disabled={accepting !== null} onClick={() => c.accept(r.ring.requestId)}>
              {accepting === r.ring.requestId ? 'Đang nhận…' : 'Nhận cuộc gọi'}
            </button>
            <button className="big danger-outline" data-testid="ring-decline" disabled={accepting !== null} onClick={() => c.decline(r.ring.requestId)}>
              Từ chối
            </button>
          </div>
        </article>
      ))}
    </section>
  );
}
