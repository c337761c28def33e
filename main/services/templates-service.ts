// Message templates: list, create, edit at a known version, delete custom ones, and preview against an order.
import { notFound, PortsideError, ruleViolation } from '../../core/api/errors';
import { orderBalanceDue } from '../../core/domain/customer-totals';
import { diffFields } from '../../core/domain/audit';
import {
  isDefaultTemplateKey,
  type MessageTemplate,
  type MessageTemplateView,
  type TemplateCreateInput,
  type TemplateDeleteInput,
  templateKeyFromName,
  type TemplateListInput,
  type TemplatePreview,
  type TemplatePreviewInput,
  type TemplateUpdateInput,
} from '../../core/domain/message-template';
import type { Order } from '../../core/domain/order';
import { authorIdsOf, SYSTEM_USER_ID, withAuthorNames } from '../../core/domain/people';
import { renderTemplate, type TemplateRenderContext } from '../../core/domain/templates';
import { fromTemplate } from '../db/repos/templates-repo';
import type { OrdersService } from './orders-service';
import { type Actor, baseFieldsOf, inTransaction, type ServiceDeps, type UnitOfWork } from './unit-of-work';

const AUDITED_TEMPLATE_FIELDS = ['key', 'name', 'channel', 'subject', 'body'] as const satisfies readonly (keyof MessageTemplate)[];

/** What the customer still owes on the order, as the customer page reads it; a credit (overpaid after a price cut) reads as nothing owed. */
export function balanceDueOf(order: Order): number {
  return Math.max(orderBalanceDue(order), 0);
}

/** An instant's calendar day in the office's time zone (YYYY-MM-DD); a date-only value is already one. */
function officeDate(value: string | null, timeZone: string): string | null {
  if (!value) return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return null;
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(ms));
}

/**
 * A seeded default (migration 014) that no device has changed yet is on every device but not in
 * the table: its first edit goes as a create (`attribute_not_exists`), so two Admins editing it
 * offline on two devices meet as a conflict instead of one edit failing against a missing item.
 */
function outboxBaseVersion(before: MessageTemplate): number | null {
  return before.version === 1 && before.createdBy === SYSTEM_USER_ID && isDefaultTemplateKey(before.key) ? null : before.version;
}

export class TemplatesService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly orders: OrdersService,
    /** The office's IANA time zone: "today" and stage dates are its calendar days. */
    private readonly timeZone: string,
  ) {}

  list(input: TemplateListInput = {}): { items: MessageTemplateView[] } {
    const all = this.deps.repos.templates.list();
    const items = input.channel ? all.filter((t) => t.channel === input.channel || t.channel === 'any' || input.channel === 'any') : all;
    const names = this.deps.repos.people.names(authorIdsOf(items));
    return { items: items.map((t) => ({ ...withAuthorNames(t, names), isDefault: isDefaultTemplateKey(t.key) })) };
  }

  create(actor: Actor, input: TemplateCreateInput): MessageTemplateView {
    const created = inTransaction(this.deps, actor, 'templates.create', (uow) => {
      const key = this.freeKey(uow, templateKeyFromName(input.name));
      const template: MessageTemplate = {
        id: uow.newId(),
        key,
        name: input.name,
        channel: input.channel,
        subject: input.subject ?? null,
        body: input.body,
        version: 1,
        createdAt: uow.now,
        createdBy: uow.actorId,
        updatedAt: uow.now,
        updatedBy: uow.actorId,
      };
      uow.repos.templates.insert(fromTemplate(template));
      this.record(uow, 'template_created', null, template, null);
      return template;
    });
    return this.view(created);
  }

  update(actor: Actor, input: TemplateUpdateInput): MessageTemplateView {
    const updated = inTransaction(this.deps, actor, 'templates.update', (uow) => {
      const before = this.loadAtVersion(uow, input.id, input.version);
      const patch = Object.fromEntries(
        (['name', 'channel', 'subject', 'body'] as const).filter((f) => input[f] !== undefined).map((f) => [f, input[f]]),
      );
      const next: MessageTemplate = { ...before, ...patch };
      if (diffFields(before, next, AUDITED_TEMPLATE_FIELDS).length === 0) return before;
      const saved: MessageTemplate = { ...next, version: before.version + 1, updatedAt: uow.now, updatedBy: uow.actorId };
      uow.repos.templates.update(fromTemplate(saved));
      this.record(uow, 'template_updated', before, saved, null);
      return saved;
    });
    return this.view(updated);
  }

  delete(actor: Actor, input: TemplateDeleteInput): { id: string; deleted: true } {
    inTransaction(this.deps, actor, 'templates.delete', (uow) => {
      const before = this.loadAtVersion(uow, input.id, input.version);
      if (isDefaultTemplateKey(before.key)) {
        throw ruleViolation(`"${before.name}" is one of the four default templates: it cannot be deleted, only edited.`);
      }
      const saved: MessageTemplate = { ...before, version: before.version + 1, updatedAt: uow.now, updatedBy: uow.actorId };
      uow.repos.templates.update(fromTemplate(saved, true));
      this.record(uow, 'template_deleted', before, saved, true);
    });
    return { id: input.id, deleted: true };
  }

  preview(actor: Actor, input: TemplatePreviewInput): TemplatePreview {
    const byText = input.subject !== undefined || input.body !== undefined;
    let template: { subject: string | null; body: string; key: string | null };
    if (input.templateId !== undefined) {
      const saved = this.deps.repos.templates.get(input.templateId);
      if (!saved) throw notFound(`Template ${input.templateId}`);
      if (byText) {
        const message = 'Send either templateId (a saved template) or subject and body (text being edited), not both.';
        throw new PortsideError('VALIDATION', message, { fields: { templateId: message } });
      }
      template = saved;
    } else if (byText) {
      template = { subject: input.subject ?? null, body: input.body ?? '', key: null };
    } else {
      const message = 'Nothing to preview: send templateId for a saved template, or the subject and body being edited.';
      throw new PortsideError('VALIDATION', message, { fields: { templateId: message } });
    }
    const order = input.orderId !== undefined ? this.orders.get(input.orderId) : null;
    const rendered = renderTemplate(template, this.renderContext(actor, order));
    // Parts not given are null in the answer, never blank text: a subject-only preview has no body.
    const subject = template.subject === null ? null : rendered.subject;
    const body = input.templateId === undefined && input.body === undefined ? null : rendered.body;
    return { ...rendered, subject, body, templateKey: template.key, orderNumber: order?.orderNumber ?? null };
  }

  /** The values a template can show for this order (or none), its customer, its current vehicles, and who is sending. */
  renderContext(actor: Actor, order: Order | null): TemplateRenderContext {
    const customer = order?.customerId ? this.deps.repos.customers.get(order.customerId) : null;
    const today = officeDate(this.deps.clock.now(), this.timeZone) ?? this.deps.clock.now().slice(0, 10);
    return {
      customer: customer ? { name: customer.name, company: customer.company } : null,
      order: order
        ? {
            number: order.orderNumber,
            status: order.status,
            value: order.orderValue,
            currency: order.currency,
            balanceDue: balanceDueOf(order),
            eta: officeDate(order.estimatedCompletionDate, this.timeZone),
            progress: order.progress,
          }
        : null,
      vehicles: (order?.vehicles ?? [])
        .filter((v) => v.status !== 'Removed')
        .map((v) => ({
          vin: v.vin,
          make: v.make,
          model: v.model,
          year: v.year,
          stage: v.stage,
          stageDate: officeDate(v.stageAt, this.timeZone),
        })),
      csr: actor.name ? { name: actor.name } : null,
      today,
    };
  }

  private loadAtVersion(uow: UnitOfWork, id: string, version: number): MessageTemplate {
    const before = uow.repos.templates.get(id);
    if (!before) throw notFound(`Template ${id}`);
    if (before.version !== version) {
      throw new PortsideError(
        'CONFLICT',
        `Template "${before.name}" was changed by ${uow.repos.people.nameOf(before.updatedBy)} after you opened it. Review the current text and try again.`,
        { current: this.view(before) },
      );
    }
    return before;
  }

  /** A key for a custom template that no live template has: the name's, then _2, _3 ... */
  private freeKey(uow: UnitOfWork, base: string): string {
    let key = base;
    for (let n = 2; uow.repos.templates.byKey(key); n++) key = `${base.slice(0, 36)}_${n}`;
    return key;
  }

  /** The audit entry and the outbox item of one template write (a deletion goes as a tombstone). */
  private record(uow: UnitOfWork, action: string, before: MessageTemplate | null, saved: MessageTemplate, deleted: true | null): void {
    const changes = deleted ? [] : diffFields(before, saved, AUDITED_TEMPLATE_FIELDS);
    uow.audit({ entityType: 'template', entityId: saved.id, orderId: null, action, changes });
    uow.outbox({
      entity: 'template',
      key: { id: saved.id },
      baseVersion: before ? outboxBaseVersion(before) : null,
      baseFields: before ? baseFieldsOf(before, changes) : null,
      data: { ...saved },
      ...(deleted ? { deleted } : {}),
    });
    uow.notify({ entity: 'template', id: saved.id });
  }

  private view(template: MessageTemplate): MessageTemplateView {
    const names = this.deps.repos.people.names(authorIdsOf([template]));
    return { ...withAuthorNames(template, names), isDefault: isDefaultTemplateKey(template.key) };
  }
}
