// Echo server on Bun's built-in WebSocket server (Bun.serve with a websocket handler) with its
// default settings, as Bun's docs show; only the hostname and port are set. A text message arrives
// as a string and a binary one as a Buffer, and ws.send sends each back as the same type.
const port = Number(process.argv[2]);

Bun.serve({
  hostname: '127.0.0.1',
  port,
  fetch(req, server) {
    if (server.upgrade(req)) return;
    return new Response('Upgrade failed', { status: 500 });
  },
  websocket: {
    message(ws, message) {
      ws.send(message);
    },
  },
});
