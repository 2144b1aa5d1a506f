import type { ContractChannel, ContractDocument, ContractServer } from './model';

/** Where a client's URL lands in the document: a server, a channel and the channel's parameter values. */
export interface ChannelMatch {
  server?: ContractServer;
  channel: ContractChannel;
  parameters: Record<string, string>;
  query: Record<string, string>;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** "/orders/{market}" as a pattern that captures "market". */
function addressPattern(address: string): { regex: RegExp; names: string[] } {
  const names: string[] = [];
  let source = '';
  let last = 0;
  for (const m of address.matchAll(/\{([^}]+)\}/g)) {
    source += escapeRegex(address.slice(last, m.index));
    source += '([^/]+)';
    names.push(m[1]!);
    last = m.index! + m[0].length;
  }
  source += escapeRegex(address.slice(last));
  return { regex: new RegExp(`^/?${source.replace(/^\//, '')}/?$`), names };
}

function joinPath(base: string, rest: string): string {
  return `${base.replace(/\/+$/, '')}/${rest.replace(/^\/+/, '')}`;
}

/**
 * The channel a URL is on. A server whose host is the URL's is preferred; otherwise (the embedded mock
 * server, a staging host) the path alone decides, below any server's base path.
 */
export function matchChannel(doc: ContractDocument, url: string): ChannelMatch | undefined {
  const parsed = new URL(url);
  const path = decodeURIComponent(parsed.pathname);
  const query: Record<string, string> = {};
  for (const [k, v] of parsed.searchParams) query[k] = v;
  const servers: Array<ContractServer | undefined> = doc.servers.length > 0 ? [...doc.servers] : [undefined];
  servers.sort((a, b) => Number(b?.host === parsed.host) - Number(a?.host === parsed.host));
  for (const server of servers) {
    for (const channel of doc.channels) {
      if (server && channel.servers.length > 0 && !channel.servers.includes(server.id)) continue;
      if (channel.address === '') continue;
      const { regex, names } = addressPattern(joinPath(server?.pathname ?? '/', channel.address));
      const found = regex.exec(path);
      if (!found) continue;
      const parameters: Record<string, string> = {};
      names.forEach((name, i) => (parameters[name] = found[i + 1]!));
      return { server, channel, parameters, query };
    }
  }
  // AsyncAPI 3 leaves out the address of a channel whose address is unknown or dynamic: any URL may be
  // on it, when no channel with an address matches.
  const open = doc.channels.filter((channel) => channel.address === '');
  if (open.length === 1) return { server: undefined, channel: open[0]!, parameters: {}, query };
  return undefined;
}

export function channelAddresses(doc: ContractDocument): string {
  return doc.channels.map((c) => (c.address === '' ? `${c.id} (no address)` : `"${c.address}"`)).join(', ') || 'none';
}
