/**
 * The ward's audit log.
 * Layer: browser (React).
 */
import { useEffect, useState } from 'react';
import { api } from '../../api.ts';
import { timeVi } from '../../logic.ts';

export function Audit({ ward }: { ward: string }) {
  const [rows, setRows] = useState<{ id: number; at: number; actor: string; action: string; target: string | null; detail: string | null }[]>([]);
  useEffect(() => {
    void api(`/api/fleet/audit?ward=${encodeURIComponent(ward)}`).then((r) => setRows(r.audit));
  }, [ward]);
  return (
    <section>
      <h2>Nhật ký thao tác</h2>
      <table data-testid="audit-log">
        <thead>
          <tr>
            <th>Lúc</th>
            <th>Ai</th>
            <th>Thao tác</th>
            <th>Đối tượng</th>
            <th>Chi tiết</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td>{timeVi(r.at)}</td>
              <td>{r.actor}</td>
              <td>{r.action}</td>
              <td>{r.target}</td>
              <td className="muted">{r.detail}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
