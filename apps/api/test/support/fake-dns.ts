import type { AddressInfo } from 'node:net';
import dns2 from 'dns2';

const { Packet } = dns2;

export interface FakeDns {
  /** `127.0.0.1:<port>`, as DNS_SERVERS takes it. */
  server: string;
  /** Names asked for, in order. */
  queries: string[];
  close(): Promise<void>;
}

/**
 * A DNS server on loopback (UDP, the real wire protocol) answering A and AAAA queries from
 * `records`; every other name is NXDOMAIN. Stands in for the Internet's resolvers.
 */
export async function startFakeDns(
  records: Record<string, { A?: string[]; AAAA?: string[] }>,
): Promise<FakeDns> {
  const queries: string[] = [];
  const server = dns2.createServer({
    udp: true,
    handle: (request, send) => {
      const response = Packet.createResponseFromRequest(request);
      const [question] = request.questions;
      const name = question?.name ?? '';
      queries.push(name);
      const entry = records[name.toLowerCase()];
      if (!entry) {
        response.header.rcode = 3; // NXDOMAIN
        send(response);
        return;
      }
      const wanted = question?.type === Packet.TYPE.AAAA ? 'AAAA' : 'A';
      for (const address of entry[wanted] ?? []) {
        // dns2's types want a serialised Resource; its README (and its encoder) take plain fields.
        const answer = { name, type: Packet.TYPE[wanted], class: Packet.CLASS.IN, ttl: 1, address };
        response.answers.push(answer as unknown as (typeof response.answers)[number]);
      }
      send(response);
    },
  });
  const addresses = await server.listen({ udp: { port: 0, address: '127.0.0.1' } });
  const { port } = (addresses as { udp: AddressInfo }).udp;
  return {
    server: `127.0.0.1:${port}`,
    queries,
    close: async () => {
      await server.close();
    },
  };
}
