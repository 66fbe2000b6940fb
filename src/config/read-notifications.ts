import { channelKinds, type ChannelKind, type NotificationChannel, type Target } from './config.ts';
import { configDefaults } from './defaults.ts';
import {
  describeValue,
  joinPath,
  readBoolean,
  readChoice,
  readDuration,
  readHttpUrl,
  readInteger,
  readMapping,
  readText,
} from './read-fields.ts';
import { readHeaders } from './read-target.ts';

/** The keys each kind needs and allows besides the common ones; `url` is always an http(s) URL. */
const kindKeys: Record<ChannelKind, { required: readonly string[]; optional: readonly string[] }> = {
  webhook: { required: ['url'], optional: ['secret', 'headers'] },
  slack: { required: ['url'], optional: [] },
  discord: { required: ['url'], optional: [] },
  teams: { required: ['url'], optional: [] },
  telegram: { required: ['botToken', 'chatId'], optional: ['url'] },
  ntfy: { required: ['url'], optional: ['token'] },
  gotify: { required: ['url', 'token'], optional: [] },
  pushover: { required: ['token', 'user'], optional: ['url'] },
  pagerduty: { required: ['routingKey'], optional: ['url'] },
  email: {
    required: ['host', 'from', 'to'],
    optional: ['port', 'secure', 'username', 'password', 'insecure'],
  },
};
const commonKeys = ['name', 'type', 'group', 'degraded', 'repeat'];

/**
 * The top-level `notifications` list: each channel validated with its kind's keys, names unique.
 * Entries with problems are left out (and reported).
 */
export function readNotifications(value: unknown, errors: string[]): NotificationChannel[] {
  if (value == null) return [];
  if (!Array.isArray(value)) {
    errors.push(`notifications: expected a list of channels, got ${describeValue(value)}`);
    return [];
  }
  const channels = value.flatMap((entry, index) => {
    const channel = readChannel(entry, `notifications[${index}]`, errors);
    return channel ? [channel] : [];
  });
  const seen = new Set<string>();
  channels.forEach((channel) => {
    if (seen.has(channel.name)) errors.push(`notifications: the name "${channel.name}" is used twice`);
    seen.add(channel.name);
  });
  return channels;
}

/** Every `notify` entry must name a channel; the path names the target's entry. */
export function checkNotifyNames(
  targets: readonly { target: Target; path: string }[],
  channels: readonly NotificationChannel[],
  errors: string[],
): void {
  const names = new Set(channels.map((channel) => channel.name));
  for (const { target, path } of targets) {
    target.notify?.forEach((name, index) => {
      if (!names.has(name)) {
        errors.push(`${path}.notify[${index}]: no notification channel is named ${describeValue(name)}`);
      }
    });
  }
}

function readChannel(value: unknown, path: string, errors: string[]): NotificationChannel | undefined {
  const errorCountBefore = errors.length;
  const loose = readMapping(value, path, Object.keys(value ?? {}), errors);
  if (!loose) return undefined;
  const field = (key: string) => joinPath(path, key);
  const name =
    loose.name === undefined ? missing(field('name'), errors) : readText(loose.name, field('name'), errors);
  if (loose.type === undefined) return missing(field('type'), errors);
  const type = readChoice(loose.type, field('type'), channelKinds, errors);
  if (!type) return undefined;
  const keys = kindKeys[type];
  const raw = readMapping(value, path, [...commonKeys, ...keys.required, ...keys.optional], errors)!;

  const settings: Record<string, string> = {};
  for (const key of [...keys.required, ...keys.optional]) {
    if (key === 'headers') continue;
    if (raw[key] === undefined) {
      if (keys.required.includes(key)) errors.push(`${field(key)}: required for a ${type} channel`);
      continue;
    }
    const read = readSetting(key, raw[key], field(key), errors);
    if (read !== undefined) settings[key] = read;
  }
  const defaultUrl = (configDefaults.notifications.urls as Partial<Record<ChannelKind, string>>)[type];
  if (settings.url === undefined && defaultUrl !== undefined) settings.url = defaultUrl;
  const headers = raw.headers === undefined ? {} : readHeaders(raw.headers, field('headers'), errors);
  const groupWindowMs =
    raw.group === undefined
      ? configDefaults.notifications.groupWindowMs
      : readDuration(raw.group, field('group'), errors);
  const degraded = raw.degraded === undefined ? false : readBoolean(raw.degraded, field('degraded'), errors);
  const repeatMs = raw.repeat === undefined ? undefined : readDuration(raw.repeat, field('repeat'), errors);
  if (repeatMs === 0) errors.push(`${field('repeat')}: must be more than 0`);

  if (errors.length > errorCountBefore || !name) return undefined;
  return {
    name,
    type,
    settings,
    headers: headers ?? {},
    groupWindowMs: groupWindowMs ?? 0,
    degraded: degraded ?? false,
    ...(repeatMs === undefined ? {} : { repeatMs }),
  };
}

/** One kind-specific setting as text: URLs checked, flags and ports as written, a `to` list joined. */
function readSetting(key: string, value: unknown, path: string, errors: string[]): string | undefined {
  switch (key) {
    case 'url':
      return readHttpUrl(value, path, errors);
    case 'secure':
    case 'insecure':
      return readBoolean(value, path, errors)?.toString();
    case 'port':
      return readInteger(value, path, { min: 1, max: 65535 }, errors)?.toString();
    case 'to': {
      // one address, a comma-separated text, or a list: nodemailer takes them comma-separated
      const list = Array.isArray(value) ? value : [value];
      const addresses = list.map((entry, index) =>
        readText(entry, Array.isArray(value) ? `${path}[${index}]` : path, errors),
      );
      return addresses.every((address) => address !== undefined) ? addresses.join(', ') : undefined;
    }
    default:
      // chat ids and user keys are often written as bare numbers
      return readText(typeof value === 'number' ? String(value) : value, path, errors);
  }
}

function missing(path: string, errors: string[]): undefined {
  errors.push(`${path}: required`);
  return undefined;
}
