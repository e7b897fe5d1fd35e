import { Socket } from 'node:net';

/** The part of postgres.js's parsed options that says where the server is. */
export type ServerAddress = { host: string[]; port: number[]; path?: string | false };

/**
 * Opens the database connections' sockets for postgres.js (its `socket` option), as it would
 * itself but with Nagle's algorithm off, as libpq has it. With it on, a client message sent while
 * earlier data is still unacknowledged waits for the server's delayed acknowledgement, 40 ms on
 * Linux: measured on a keyword import, the server sat idle that long between every batch's COPY
 * and the next statement. Like postgres.js, each new connection tries the next of several hosts.
 */
export function socketsWithoutDelay(): (server: ServerAddress) => Socket {
  let next = 0;
  return ({ host, port, path }) => {
    const socket = new Socket();
    if (path) return socket.connect(path);
    const i = next++ % host.length;
    socket.setNoDelay(true);
    // postgres.js names the server by `host` when it negotiates TLS on this socket.
    return Object.assign(socket.connect(port[i]!, host[i]!), { host: host[i], port: port[i] });
  };
}
