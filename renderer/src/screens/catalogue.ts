/** Views over the catalogue. Layer: renderer, pure. */
import type { Catalogue, Service } from '../../../kiosk-config/catalogue.schema.ts';

export function popularServices(services: readonly Service[], limit = 6): Service[] {
  return services
    .filter((s) => s.popularity > 0)
    .sort((a, b) => b.popularity - a.popularity || a.code.localeCompare(b.code))
    .slice(0, limit);
}

export function servicesIn(catalogue: Pick<Catalogue, 'services'>, categoryId: string): Service[] {
  return catalogue.services
    .filter((s) => s.field === categoryId || s.alsoIn.includes(categoryId))
    .sort((a, b) => b.popularity - a.popularity || a.name.vi.localeCompare(b.name.vi, 'vi'));
}
