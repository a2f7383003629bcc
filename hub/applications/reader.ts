/**
 * The staff console's application reader (issue 13 part 4): an application's answers grouped by
 * the form's sections with the catalogue's labels (the ward's published catalogue, else the
 * shipped one), and its papers' pages. Staff of the application's ward only (admin: any); every
 * read and every page view is audited — who, when, which application — never its contents.
 * Layer: hub (node).
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { fileURLToPath } from 'node:url';
import type { ApplicationReading } from '../../common/contract/hub-console.ts';
import type { AnswerValue } from '../../common/contract/answers.ts';
import { checkSections, displayAnswer } from '../../common/forms/engine.ts';
import { ServiceSchema, type Service } from '../../kiosk-config/catalogue.schema.ts';
import type { AuditEntry, UserRecord } from '../db/repository.ts';
import { canActOnWard, type FleetResult } from '../fleet/fleet.ts';
import type { FleetStore } from '../fleet/store.ts';
import type { ApplicationPagesStore } from './store.ts';

const SHIPPED_CATALOGUE = fileURLToPath(new URL('../../kiosk-config/catalogue/services.json', import.meta.url));
let shipped: unknown[] | null = null;

function servicesOf(catalogue: unknown): unknown[] {
  const s = (catalogue as { services?: unknown } | null)?.services;
  return Array.isArray(s) ? s : [];
}

const no = (status: number, code: 'forbidden' | 'not_found', message: string): FleetResult<never> => ({ ok: false, status, code, message });

export class ApplicationReader {
  constructor(
    private readonly store: FleetStore,
    private readonly pages: ApplicationPagesStore,
    private readonly audit: (e: AuditEntry) => void,
  ) {}

  /** The form of a procedure: the ward's latest published catalogue, else the shipped one. */
  private async service(ward: string, code: string): Promise<Service | null> {
    const published = await this.store.latestVersion(ward);
    let list: unknown[] = [];
    if (published) {
      try {
        list = servicesOf(JSON.parse(published.catalogue));
      } catch {
        list = [];
      }
    }
    let raw = list.find((s) => (s as { code?: unknown }).code === code);
    if (!raw) {
      shipped ??= servicesOf(JSON.parse(readFileSync(SHIPPED_CATALOGUE, 'utf8')));
      raw = shipped.find((s) => (s as { code?: unknown }).code === code);
    }
    const parsed = ServiceSchema.safeParse(raw);
    return parsed.success ? parsed.data : null;
  }

  private async allowed(user: UserRecord, id: string, action: string) {
    const a = await this.store.getApplication(id);
    if (!a) return no(404, 'not_found', 'no such application');
    if (!canActOnWard(user, a.ward)) {
      this.audit({ actor: `user:${user.username}`, action: `${action}.refused`, target: a.code, detail: 'other_ward' });
      return no(403, 'forbidden', 'another ward’s application');
    }
    return { ok: true as const, value: a };
  }

  async read(user: UserRecord, id: string): Promise<FleetResult<ApplicationReading>> {
    const r = await this.allowed(user, id, 'application.read');
    if (!r.ok) return r;
    const a = r.value;
    const service = await this.service(a.ward, a.serviceCode);
    const answers = a.answers as Record<string, AnswerValue>;
    let sections: ApplicationReading['sections'];
    if (service) {
      sections = checkSections(service, answers).map((sec) => ({
        title: sec.section ? sec.section.title.vi : null,
        rows: sec.items.flatMap((item): { label: string; value: string; group: string | null }[] =>
          item.kind === 'row'
            ? [{ label: item.row.label.vi, value: displayAnswer(item.row.question, item.row.value, 'vi'), group: null }]
            : item.group.instances.flatMap((inst) => inst.rows.map((row) => ({ label: row.label.vi, value: displayAnswer(row.question, row.value, 'vi'), group: `${item.group.group.label.vi} ${inst.index + 1}` }))),
        ),
      }));
    } else {
      sections = [{ title: null, rows: Object.entries(answers).map(([k, v]) => ({ label: k, value: typeof v === 'string' ? v : JSON.stringify(v), group: null })) }];
    }
    const pages = (await this.pages.list(a.id)).map((p) => ({ pageId: p.pageId, paperId: p.paperId, paperName: p.paperName, seq: p.seq, width: p.width, height: p.height, bytes: p.bytes }));
    this.audit({ actor: `user:${user.username}`, action: 'application.read', target: a.code, detail: `pages=${pages.length}` });
    const { answers: _answers, ...view } = a;
    return { ok: true, value: { application: view, serviceName: service?.name.vi ?? null, sections, pages } };
  }

  async page(user: UserRecord, id: string, pageId: string): Promise<FleetResult<Buffer>> {
    const r = await this.allowed(user, id, 'application.page');
    if (!r.ok) return r;
    const data = z.uuid().safeParse(pageId).success ? await this.pages.data(id, pageId) : null;
    if (!data) return no(404, 'not_found', 'no such page');
    this.audit({ actor: `user:${user.username}`, action: 'application.page', target: r.value.code, detail: `page=${pageId}` });
    return { ok: true, value: data };
  }
}
