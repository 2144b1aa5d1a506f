// The Bun echo server of bun-echo.js with compression on: Bun.serve's websocket option
// perMessageDeflate: true, which accepts a client's permessage-deflate offer; Bun compresses a message
// only when its send asks for it (the second argument), so every reply asks.
const port = Number(process.argv[2]);

Bun.serve({
  hostname: '127.0.0.1',
  port,
  fetch(req, server) {
    if (server.upgrade(req)) return;
    return new Response('Upgrade failed', { status: 500 });
  },
  websocket: {
    perMessageDeflate: true,
    message(ws, message) {
      ws.send(message, true);
    },
  },
});
