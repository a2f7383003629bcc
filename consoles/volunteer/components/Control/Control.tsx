/**
 * Typing into the kiosk's chosen field — only while the resident allows it.
 * Layer: browser (React).
 */
import './Control.css';
import { useState } from 'react';
import type { Controller } from '../../controller.ts';
import type { CallState } from '../../state.ts';

export function Control({ call, c, target }: { call: CallState; c: Controller; target: string | null }) {
  const [text, setText] = useState('');
  const can = call.controlGranted && !!target;
  return (
    <div className={`card control ${call.controlGranted ? 'granted' : ''}`} data-testid="control" data-granted={call.controlGranted ? 'true' : 'false'}>
      <strong data-testid="control-state">{call.controlGranted ? 'Người dân đã cho phép điều khiển' : 'Chưa được phép nhập thay người dân'}</strong>
      <p className="muted small">
        {call.controlGranted
          ? target
            ? `Ô đã chọn: ${target}`
            : 'Chạm vào ô cần nhập trên màn hình kiosk, rồi gõ nội dung ở đây.'
          : 'Người dân có thể cho phép trên màn hình kiosk và rút lại bất cứ lúc nào.'}
      </p>
      <form
        className="chat-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (can && target) {
            c.controlInput(target, text);
            setText('');
          }
        }}
      >
        <input data-testid="control-input" value={text} onChange={(e) => setText(e.target.value)} maxLength={500} disabled={!call.controlGranted} aria-label="Nội dung nhập vào kiosk" />
        <button className="primary" data-testid="control-send" disabled={!can}>
          Nhập
        </button>
      </form>
    </div>
  );
}
