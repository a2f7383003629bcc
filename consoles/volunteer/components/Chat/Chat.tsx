/**
 * The call's chat, with quick phrases.
 * Layer: browser (React).
 */
import './Chat.css';
import { useEffect, useRef, useState } from 'react';
import type { Controller } from '../../controller.ts';
import type { CallState } from '../../state.ts';

export function Chat({ call, c }: { call: CallState; c: Controller }) {
  const [text, setText] = useState('');
  const log = useRef<HTMLOListElement | null>(null);
  useEffect(() => {
    const el = log.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [call.chat.length]);
  const quick = ['Chào bác, cháu là tình nguyện viên, cháu nghe đây ạ.', 'Bác nghe rõ cháu nói không ạ?', 'Bác bấm vào chỗ đang sáng trên màn hình ạ.'];
  const send = (t: string) => {
    if (!t.trim()) return;
    c.chat(t);
    setText('');
  };
  return (
    <div className="card chat">
      <strong>Tin nhắn</strong>
      <ol className="chat-log" ref={log} data-testid="chat-log" aria-live="polite">
        {call.chat.length === 0 && <li className="muted small">Chưa có tin nhắn. Nếu không nghe được, hãy nhắn tin.</li>}
        {call.chat.map((l, i) => (
          <li key={`${l.at}-${i}`} className={`line ${l.from}`}>
            <span className="from">{l.from === 'kiosk' ? 'Người dân' : 'Bạn'}</span> {l.text}
          </li>
        ))}
      </ol>
      <div className="quick">
        {quick.map((q) => (
          <button key={q} className="chip" onClick={() => send(q)}>
            {q}
          </button>
        ))}
      </div>
      <form
        className="chat-form"
        onSubmit={(e) => {
          e.preventDefault();
          send(text);
        }}
      >
        <input data-testid="chat-input" value={text} onChange={(e) => setText(e.target.value)} maxLength={1000} placeholder="Nhập tin nhắn…" aria-label="Tin nhắn" />
        <button className="primary" data-testid="chat-send" disabled={!text.trim()}>
          Gửi
        </button>
      </form>
    </div>
  );
}
