/**
 * The call: who, timer, connection in words, mute / camera / end with a note, then the live view beside chat and control.
 * Layer: browser (React).
 */
// Styles in this order: the call's, then the live view's, the chat's, the control's.
import './CallView.css';
import { LivePanel } from '../LivePanel/LivePanel.tsx';
import { Chat } from '../Chat/Chat.tsx';
import { Control } from '../Control/Control.tsx';
import { useEffect, useState } from 'react';
import type { Controller } from '../../controller.ts';
import { describeIce } from '../../rtc.ts';
import { formatDuration, LANG_NAME, screenLabel, type CallState } from '../../state.ts';
import { MediaSink } from '../MediaSink/MediaSink.tsx';

const NOTE_MAX = 280;

function useNow(active: boolean, ms = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [active, ms]);
  return now;
}

export function CallView({ call, c }: { call: CallState; c: Controller }) {
  const now = useNow(true);
  const media = c.media;
  const [muted, setMuted] = useState(false);
  const [camera, setCamera] = useState(false);
  const [camError, setCamError] = useState(false);
  const [ending, setEnding] = useState(false);
  const [note, setNote] = useState('');
  const [target, setTarget] = useState<string | null>(null);
  const v = call.view;
  const conn = media ? describeIce(media.ice, media.hasRemoteAudio) : 'Đang chuẩn bị âm thanh…';
  const ice = media?.ice ?? 'none';
  return (
    <section className="call" data-testid="call-panel" data-call-id={v.callId} data-ice={ice} data-connect-ms={media?.connectMs ?? ''}>
      <div className="card call-bar">
        <div className="call-who">
          <strong data-testid="call-kiosk">{v.kioskName || v.kioskId}</strong>
          <span className="muted">
            {v.ward} · {LANG_NAME[v.lang] ?? v.lang} · {screenLabel(v.screen)}
          </span>
        </div>
        <span className="timer" data-testid="call-timer" aria-label="Thời gian gọi">
          {formatDuration(now - v.acceptedAt)}
        </span>
        <span className={`badge ice-${ice}`} data-testid="call-conn" role="status">
          {conn}
        </span>
        {!call.peerOnline && (
          <span className="badge link-offline" data-testid="peer-offline">
            Kiosk mất kết nối — đang chờ…
          </span>
        )}
        {media && !media.micOk && <span className="badge link-offline">Không mở được micrô</span>}
        <div className="call-controls">
          <button
            className={`ctl ${muted ? 'on' : ''}`}
            aria-pressed={muted}
            data-testid="mute"
            onClick={() => {
              c.setMuted(!muted);
              setMuted(!muted);
            }}
          >
            {muted ? '🔇 Bật micrô' : '🎙️ Tắt micrô'}
          </button>
          <button
            className={`ctl ${camera ? 'on' : ''}`}
            aria-pressed={camera}
            data-testid="camera"
            onClick={() => {
              const next = !camera;
              void c.setCamera(next).then((ok) => {
                setCamError(!ok);
                if (ok) setCamera(next);
              });
            }}
          >
            {camera ? '📷 Tắt camera' : '📷 Bật camera'}
          </button>
          <button className="ctl end" data-testid="end-open" onClick={() => setEnding(true)}>
            Kết thúc
          </button>
        </div>
        {camError && <p className="error">Không mở được camera.</p>}
        {ending && (
          <form
            className="end-form"
            data-testid="end-form"
            onSubmit={(e) => {
              e.preventDefault();
              c.endCall(note);
            }}
          >
            <label>
              Ghi chú ngắn (không bắt buộc, không ghi thông tin cá nhân của người dân)
              <textarea data-testid="end-note" maxLength={NOTE_MAX} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
            </label>
            <span className="muted small">
              {note.length}/{NOTE_MAX}
            </span>
            <div className="actions">
              <button className="big danger" data-testid="end-confirm">
                Kết thúc cuộc gọi
              </button>
              <button type="button" className="big secondary" onClick={() => setEnding(false)}>
                Quay lại
              </button>
            </div>
          </form>
        )}
        <MediaSink stream={c.remoteStream} kind="audio" />
        {media?.hasRemoteVideo && <MediaSink stream={c.remoteStream} kind="video" className="remote-video" />}
        {c.localVideo && <MediaSink stream={c.localVideo} kind="video" className="self-video" />}
      </div>
      <div className="call-body">
        <LivePanel c={c} onTarget={setTarget} />
        <div className="side">
          <Chat call={call} c={c} />
          <Control call={call} c={c} target={target} />
        </div>
      </div>
    </section>
  );
}
