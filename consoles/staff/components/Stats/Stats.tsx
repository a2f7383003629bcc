/**
 * Statistics over a range of days: totals, charts, CSV export.
 * Layer: browser (React).
 */
import type { ChartConfiguration } from 'chart.js';
import { useEffect, useMemo, useState } from 'react';
import type { StatsReport } from '../../../../common/stats/report.ts';
import { api } from '../../api.ts';
import { ChartView } from '../Charts/Charts.tsx';
import { lastDays } from '../../logic.ts';

export function Stats({ ward }: { ward: string }) {
  const [range, setRange] = useState(() => lastDays(7));
  const [report, setReport] = useState<StatsReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<StatsReport>(`/api/fleet/stats?ward=${encodeURIComponent(ward)}&from=${range.from}&to=${range.to}`)
      .then((r) => (setReport(r), setError(null)))
      .catch(() => setError('Khoảng ngày không hợp lệ.'));
  }, [ward, range]);
  const charts = useMemo(() => {
    if (!report) return null;
    const labels = report.days.map((d) => d.day.slice(5));
    const sessions: ChartConfiguration = {
      type: 'bar',
      data: { labels, datasets: [{ label: 'Phiên', data: report.days.map((d) => d.sessions), backgroundColor: '#0b4f8a' }, { label: 'Hoàn thành', data: report.days.map((d) => d.completed), backgroundColor: '#1b7f3b' }] },
    };
    const services: ChartConfiguration = {
      type: 'bar',
      data: { labels: report.services.slice(0, 10).map((s) => s.code), datasets: [{ label: 'Lượt sử dụng', data: report.services.slice(0, 10).map((s) => s.sessions), backgroundColor: '#6b4d00' }] },
      options: { indexAxis: 'y' },
    };
    const satisfaction: ChartConfiguration = {
      type: 'bar',
      data: { labels: ['1 sao', '2 sao', '3 sao', '4 sao', '5 sao'], datasets: [{ label: 'Số đánh giá', data: report.totals.ratings, backgroundColor: '#8a1010' }] },
    };
    const help: ChartConfiguration = {
      type: 'line',
      data: { labels, datasets: [{ label: 'Cuộc gọi hỗ trợ', data: report.days.map((d) => d.helpCalls), borderColor: '#0b4f8a' }, { label: 'Được trả lời', data: report.days.map((d) => d.helpAnswered), borderColor: '#1b7f3b' }] },
    };
    return { sessions, services, satisfaction, help };
  }, [report]);
  const t = report?.totals;
  return (
    <>
      <section>
        <h2>Thống kê</h2>
        <div className="row">
          <label>
            Từ ngày <input type="date" value={range.from} onChange={(e) => setRange({ ...range, from: e.target.value })} />
          </label>
          <label>
            Đến ngày <input type="date" value={range.to} onChange={(e) => setRange({ ...range, to: e.target.value })} />
          </label>
          <a className="secondary" data-testid="csv-export" href={`/api/fleet/stats.csv?ward=${encodeURIComponent(ward)}&from=${range.from}&to=${range.to}`} download>
            Xuất CSV
          </a>
          {error && <span className="error">{error}</span>}
        </div>
        {t && (
          <div className="kv" data-testid="stats-totals">
            <span>Phiên sử dụng</span>
            <span>{t.sessions}</span>
            <span>Tỷ lệ hoàn thành</span>
            <span>{Math.round(t.completionRate * 100)}%</span>
            <span>Biên nhận đã in</span>
            <span>{t.receipts}</span>
            <span>Cuộc gọi hỗ trợ</span>
            <span>
              {t.helpCalls} (trả lời {t.helpAnswered}
              {t.helpWaitSec !== null ? `, chờ trung bình ${t.helpWaitSec} giây` : ''})
            </span>
            <span>Mức hài lòng</span>
            <span>{t.satisfaction === null ? '—' : `${t.satisfaction.toFixed(2)} / 5`}</span>
            <span>Hồ sơ nhận</span>
            <span>{t.applications}</span>
          </div>
        )}
      </section>
      {charts && (
        <div className="grid2">
          <section>
            <ChartView config={charts.sessions} label="Phiên sử dụng theo ngày" testId="chart-sessions" />
          </section>
          <section>
            <ChartView config={charts.services} label="Thủ tục được dùng nhiều" testId="chart-services" />
          </section>
          <section>
            <ChartView config={charts.satisfaction} label="Mức hài lòng" testId="chart-satisfaction" />
          </section>
          <section>
            <ChartView config={charts.help} label="Cuộc gọi hỗ trợ" testId="chart-help" />
          </section>
        </div>
      )}
      {report && (
        <section>
          <h2>Theo máy</h2>
          <table>
            <thead>
              <tr>
                <th>Máy</th>
                <th>Phiên</th>
                <th>Hoàn thành</th>
                <th>Biên nhận</th>
              </tr>
            </thead>
            <tbody>
              {report.perKiosk.map((k) => (
                <tr key={k.kioskId}>
                  <td>{k.kioskId}</td>
                  <td>{k.sessions}</td>
                  <td>{k.completed}</td>
                  <td>{k.receipts}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </>
  );
}
