// How each template channel is named on screen.
import type { TemplateChannel } from '../../../../core/domain/message-template';

export const CHANNEL_LABELS: Record<TemplateChannel, string> = {
  email: 'E-mail',
  sms: 'SMS',
  whatsapp: 'WhatsApp',
  letter: 'Letter',
  any: 'Any channel',
};
