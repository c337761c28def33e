// Phone numbers as people read them: stored in E.164 (+442079460018), shown grouped (+44 20 7946 0018).
import { parsePhoneNumberFromString } from 'libphonenumber-js';

/** The number grouped the international way; text that is no parseable number is shown as stored. */
export function formatPhone(phone: string): string {
  return parsePhoneNumberFromString(phone)?.formatInternational() ?? phone;
}
