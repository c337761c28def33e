// SQL for message templates: prepared statements only.
import type { MessageTemplate, TemplateChannel } from '../../../core/domain/message-template';
import type { Db } from '../database';

export interface TemplateRow {
  id: string;
  key: string;
  name: string;
  channel: string;
  subject: string | null;
  body: string;
  version: number;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
  deleted: number;
}

export const TEMPLATE_COLUMNS = [
  'id',
  'key',
  'name',
  'channel',
  'subject',
  'body',
  'version',
  'created_at',
  'created_by',
  'updated_at',
  'updated_by',
  'deleted',
] as const;

export function toTemplate(r: TemplateRow): MessageTemplate {
  return {
    id: r.id,
    key: r.key,
    name: r.name,
    channel: r.channel as TemplateChannel,
    subject: r.subject,
    body: r.body,
    version: r.version,
    createdAt: r.created_at,
    createdBy: r.created_by,
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
  };
}

export function fromTemplate(t: MessageTemplate, deleted = false): TemplateRow {
  return {
    id: t.id,
    key: t.key,
    name: t.name,
    channel: t.channel,
    subject: t.subject,
    body: t.body,
    version: t.version,
    created_at: t.createdAt,
    created_by: t.createdBy,
    updated_at: t.updatedAt,
    updated_by: t.updatedBy,
    deleted: deleted ? 1 : 0,
  };
}

const COLUMNS = TEMPLATE_COLUMNS.join(', ');
const PARAMS = TEMPLATE_COLUMNS.map((c) => `@${c}`).join(', ');

export class TemplatesRepo {
  private readonly insertStmt;
  private readonly updateStmt;
  private readonly byIdStmt;
  private readonly byKeyStmt;
  private readonly listStmt;
  private readonly existsStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare<TemplateRow>(`INSERT INTO message_templates (${COLUMNS}) VALUES (${PARAMS})`);
    this.updateStmt = db.prepare<TemplateRow>(
      `UPDATE message_templates SET key=@key, name=@name, channel=@channel, subject=@subject, body=@body, version=@version,
       updated_at=@updated_at, updated_by=@updated_by, deleted=@deleted WHERE id=@id`,
    );
    this.byIdStmt = db.prepare<[string], TemplateRow>(`SELECT ${COLUMNS} FROM message_templates WHERE id = ? AND deleted = 0`);
    this.byKeyStmt = db.prepare<[string], TemplateRow>(
      `SELECT ${COLUMNS} FROM message_templates WHERE key = ? AND deleted = 0 ORDER BY created_at, id LIMIT 1`,
    );
    this.existsStmt = db.prepare<[string], { n: number }>(`SELECT 1 AS n FROM message_templates WHERE id = ?`);
    this.listStmt = db.prepare<[], TemplateRow>(
      `SELECT ${COLUMNS} FROM message_templates WHERE deleted = 0 ORDER BY name COLLATE NOCASE, id`,
    );
  }

  insert(row: TemplateRow): void {
    this.insertStmt.run(row);
  }

  update(row: TemplateRow): void {
    this.updateStmt.run(row);
  }

  get(id: string): MessageTemplate | null {
    const row = this.byIdStmt.get(id);
    return row ? toTemplate(row) : null;
  }

  /** Whether a row exists, deleted or not. */
  exists(id: string): boolean {
    return this.existsStmt.get(id) !== undefined;
  }

  byKey(key: string): MessageTemplate | null {
    const row = this.byKeyStmt.get(key);
    return row ? toTemplate(row) : null;
  }

  list(): MessageTemplate[] {
    return this.listStmt.all().map(toTemplate);
  }
}
